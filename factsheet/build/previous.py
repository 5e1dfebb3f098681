"""The briefing this build is compared with, and the comparison.

Why here: only a build knows where its briefings live. In a dated layout
(OUT/2026-05-12/, OUT/latest -> the newest) the previous briefing is the one
`latest` points to before this run switches it, which a run points there only
after every output was in place; without `latest`, the newest dated folder
up to this run's day. Either way a folder is used only if it holds a whole
briefing: all four outputs and a facts.json that parses to its end (the
outputs are moved into place facts.json last, so a run killed halfway
leaves no facts.json in a new folder, or the previous run's whole one). A
folder passed over is named in the build's notes. Any other
layout compares only with `--since-briefing PATH`, so a plain rebuild of
out/ costs nothing and renders the same briefing (and hits the PDF cache).
"""

from __future__ import annotations

import re
from pathlib import Path

from factsheet.build.outputs import OUTPUTS
from factsheet.compare import changes as compare
from factsheet.compare import snapshot
from factsheet.model import Briefing

LATEST = "latest"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def changes_for(briefing: Briefing, out_dir: Path,
                since_briefing: str | Path | None = None) -> tuple[compare.Changes, tuple[str, ...]]:
    """The changes since the previous briefing (named, or found in a dated layout), and notes for the log."""
    notes: list[str] = []
    if since_briefing is not None:
        old = snapshot.read(since_briefing)  # named by the user: an unusable file is an error, exit 2
    else:
        old = None
        for folder in candidates(out_dir):
            problem = incomplete(folder)
            if problem is not None and folder == out_dir.resolve():
                continue  # this run's own folder, new today: nothing to pass over
            if problem is None:
                try:
                    old = snapshot.read(folder)  # labelled by its folder, for the log
                    break
                except snapshot.BriefingFileError as exc:
                    problem = str(exc)
            notes.append(f"{folder} was not compared with: {problem}")
    if old is None:
        note = "" if not notes else (f"No complete earlier briefing to compare with ({len(notes)} passed over as "
                                     "the remains of a failed or partial run; the build's log names them).")
        return compare.Changes(None, note=note), tuple(notes)
    notes.append(f"compared with the briefing in {old.label}")
    return compare.compare(old, snapshot.of_briefing(briefing)), tuple(notes)


def candidates(out_dir: Path) -> list[Path]:
    """Folders that may hold the previous briefing, best first; none unless `out_dir` is a dated folder."""
    if not _DAY.match(out_dir.name):
        return []
    root = out_dir.parent
    found: list[Path] = []
    link = root / LATEST
    if link.is_symlink() and link.resolve().is_dir():
        found.append(link.resolve())
    try:
        days = sorted((p for p in root.iterdir() if _DAY.match(p.name) and p.is_dir() and p.name <= out_dir.name),
                      reverse=True)
    except OSError:
        days = []
    if found:  # `latest` is kept only to complete runs: a newer folder without it is a failed run, skip it
        days = [d for d in days if d.name < found[0].name]
    found.extend(d.resolve() for d in days if d.resolve() not in found)
    return found


def incomplete(folder: Path) -> str | None:
    """Why `folder` does not hold a whole briefing, or None when it may (facts.json is then read to its end).

    The outputs are moved into place with facts.json last (outputs.OUTPUTS), so a run killed while
    moving leaves either no facts.json (a new folder: passed over) or the previous run's whole one.
    """
    missing = [name for name in OUTPUTS if not (folder / name).is_file()]
    if missing:
        return f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing (a failed or partial run)"
    return None
