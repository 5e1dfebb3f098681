"""A scheduled run: lock the output folder, build incrementally, publish, send.

`factsheet build` goes through here so a run from cron and a run by hand
behave the same. The order matters for safety:

0. from here on SIGTERM unwinds the run like an exception (stop.py), so
   every step below cleans up after itself when the run is stopped;
1. take the output folder's lock (or wait for it, or stop with a message;
   a dead run's stale lock is taken over);
2. clear staging folders a killed run left behind (safe: we hold the lock);
3. build into the target folder (atomically, see pipeline.build), reusing the
   cache;
4. with dated folders, point `latest` at the new folder (an atomic symlink
   swap, so a reader sees the old briefing or the new one, never a mix);
5. only then e-mail the PDF. A failed send raises DeliveryError (exit 3) and
   leaves everything built in place.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from factsheet.build import lock, stop
from factsheet.build.cache import BuildCache, CacheStats
from factsheet.build.config import Settings
from factsheet.deliver import Sent, send
from factsheet.errors import EmptyBuild, FactsheetError
from factsheet.runlog import RunLog

LATEST = "latest"


@dataclass(frozen=True)
class RunResult:
    out: Path  # the folder this run's briefing is in
    articles: int
    facts: int
    skipped: int
    cache: CacheStats
    sent: Sent | None = None


def run(settings: Settings, log: RunLog, deliver: bool = True, today: Callable[[], date] = date.today,
        **build_options: Any) -> RunResult:
    """Build (and send, if the settings say so) under the output folder's lock.

    SIGTERM during the run raises stop.Stopped once everything is cleaned up.
    """
    with stop.on_sigterm():
        return _run(settings, log, deliver, today, **build_options)


def _run(settings: Settings, log: RunLog, deliver: bool, today: Callable[[], date], **build_options: Any) -> RunResult:
    from factsheet.build.pipeline import build

    root = settings.out
    with lock.hold(root, settings.wait, on_wait=lambda holder: log.info(
            f"another run ({holder}) is writing to {root}; waiting up to {settings.wait:g} s", event="waiting"),
            on_takeover=lambda notice: log.warning(notice, event="stale-lock")):
        target = root / today().isoformat() if settings.dated else root
        for leftover in lock.clear_leftovers(target):
            log.info(f"removed {leftover.name}, left behind by an interrupted build", event="cleanup")
        cache = BuildCache(settings.cache, progress=log.progress, stage=log.stage)
        try:
            result = build(settings.inputs, target, list(settings.rules) or None, settings.templates,
                           settings.title, cache=cache, window=settings.window, per_story=settings.per_story,
                           jobs=settings.jobs, scheduler=settings.scheduler, allow_empty=settings.allow_empty,
                           **build_options)
        except EmptyBuild as exc:  # nothing to send; say what was skipped before the one line saying why
            for s in exc.skipped:
                log.warning(f"skipped {s.path}: {s.reason}", event="skipped", path=s.path, reason=s.reason)
            raise
        finally:
            log.stage(None)
        if settings.dated and settings.latest:
            with stop.shielded(f"{root / LATEST} was pointed at the new briefing"):
                point_latest(root, target)
        cache.prune()
        for problem in cache.stats.errors:
            log.warning(problem, event="cache")
        b = result.briefing
        for note in result.notes:
            log.info(note, event="note")
        for s in b.skipped:
            log.warning(f"skipped {s.path}: {s.reason}", event="skipped", path=s.path, reason=s.reason)
        note = f"{len(b.skipped)} skipped; " if b.skipped else ""
        log.summary(len(b.articles), len(b.facts), f"{note}cache: {cache.stats.describe()}; in {target}",
                    skipped=len(b.skipped), cache=cache.stats.describe(), out=str(target))
        sent = None
        if deliver and settings.deliver is not None:
            sent = send(target, settings.deliver, log)
        return RunResult(target, len(b.articles), len(b.facts), len(b.skipped), cache.stats, sent)


def point_latest(root: Path, target: Path) -> None:
    """Make ROOT/latest a relative symlink to the run's folder, replacing the old one in one step."""
    link = root / LATEST
    if link.exists() and not link.is_symlink():
        raise FactsheetError(f"{link} exists and is not a link; move it away so factsheet can manage it")
    tmp = root / f".{LATEST}-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(os.path.relpath(target, root), tmp, target_is_directory=True)
    os.replace(tmp, link)
