"""The build: load → split/extract → reconcile → render, with every input accounted for.

`build()` is the library entry point the CLI and scheduled runs call. Outputs
are written to a temporary folder beside the target and moved into place only
when all of them are complete, so a failed or killed build leaves the previous
briefing intact.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from factsheet.build import outputs, parallel, previous, stop
from factsheet.compare.snapshot import facts_file, text_digest
from factsheet.errors import EmptyBuild
from factsheet.ingest.load import load_paths
from factsheet.ingest.stories import Story, group_stories
from factsheet.model import Article, Briefing
from factsheet.resources import builtin_dir
from factsheet.rules.loader import load_rules
from factsheet.rules.schema import RuleSet

if TYPE_CHECKING:
    from factsheet.build.cache import BuildCache
    from factsheet.build.config import Window
    from factsheet.compare.changes import Changes

StoryMode = Literal["auto", "one"]


@dataclass(frozen=True)
class BuildResult:
    briefing: Briefing
    out: Path
    outputs: tuple[Path, ...]
    notes: tuple[str, ...] = ()  # what a reader should know, e.g. facts left out of a big PDF (trim.py)
    changes: Changes | None = None  # since the previous briefing (previous.py)


def make_briefing(inputs: Sequence[str], rules: RuleSet, title: str | None = None,
                  cache: BuildCache | None = None, window: Window | None = None, *,
                  manifests: Sequence[str] = (), stories: StoryMode = "auto", jobs: int | None = None,
                  scheduler: str | None = None) -> Briefing:
    """Read the inputs and reconcile their facts (no files written).

    With stories="auto" the articles are first grouped into stories by
    content (stories.py) and each story is reconciled on its own: facts never
    merge across stories, and every fact and article carries its story id, so
    the briefing can show one chapter per story. stories="one" treats all
    inputs as one story. Extraction and reconciliation run on `jobs`
    processes (default: all cores) or on the Dask `scheduler` (parallel.py);
    the result is the same either way.
    """
    loaded = load_paths(inputs, manifests)
    articles = loaded.articles
    skipped = list(loaded.skipped)
    if window is not None:  # articles outside the time window are listed as skipped, not dropped
        articles, skipped = window.select(articles, skipped)
    key = cache.briefing_key(articles, skipped, rules, title, stories) if cache else ""
    if cache and (hit := cache.get_briefing(key)):
        return hit
    groups = _stories(articles, stories)
    infos, facts, background = parallel.reconcile_stories(articles, groups, rules, jobs=jobs, scheduler=scheduler,
                                                          cache=cache)
    story_title = title or _briefing_title(articles, groups)
    if facts.spilled:  # a big build: nothing after reconcile reads article text, and it is hundreds of MB
        infos = [replace(i, article=replace(i.article, text=""), digest=text_digest(i.article.text)) for i in infos]
    briefing = Briefing(
        title=story_title,
        articles=tuple(infos),
        skipped=tuple(skipped),
        facts=facts if facts.spilled else tuple(facts),
        generated=_generated(articles),
        stories=tuple((g.id, g.title if len(groups) > 1 else story_title) for g in groups) or (("s-1", story_title),),
        background=background,
    )
    if cache and not facts.spilled:  # a briefing too big to hold is too big to cache as one JSON value
        cache.put_briefing(key, briefing)
    return briefing


def _stories(articles: Sequence[Article], mode: StoryMode) -> list[Story]:
    """The story groups: by content, or all articles as one story."""
    if mode == "one" or len(articles) <= 1:
        return [Story("s-1", _story_title(articles), tuple(a.id for a in articles))] if articles else []
    return group_stories(articles)


def _briefing_title(articles: Sequence[Article], groups: Sequence[Story]) -> str:
    if len(groups) <= 1:
        return _story_title(articles)
    more = len(groups) - 1
    return f"{groups[0].title} and {more} more {'story' if more == 1 else 'stories'}"


def _story_title(articles: Sequence[Article]) -> str:
    titled = [a.title for a in articles if a.title]
    return titled[0] if titled else "Briefing"


def _generated(articles: Sequence[Article]) -> str:
    """A build time derived from the inputs, so equal inputs give equal outputs."""
    days = [a.published for a in articles if a.published]
    return max(days).isoformat() if days else "undated"


def build(inputs: Sequence[str], out: str | Path = "out", rules_dirs: Sequence[str | Path] | None = None,
          templates: str | Path | None = None, title: str | None = None, *,
          cache: BuildCache | None = None, window: Window | None = None, paper: str = "A4",
          manifests: Sequence[str] = (), stories: StoryMode = "auto", jobs: int | None = None,
          since_briefing: str | Path | None = None,
          scheduler: str | None = None, per_story: bool = False, allow_empty: bool = True) -> BuildResult:
    """Build briefing.html, briefing.pdf (facts.json attached), facts.json and facts.csv into `out`, atomically.

    With a `cache`, unchanged articles are not extracted again and an
    unchanged briefing is not reconciled or rendered to PDF again. With
    `per_story`, every story also gets the four files in out/stories/<id>/. With allow_empty=False a
    build that used no article raises EmptyBuild and writes nothing.
    """
    if since_briefing is not None:
        facts_file(since_briefing)  # a --since-briefing that names no briefing stops the run before any work
    rules = load_rules(list(rules_dirs) if rules_dirs else [builtin_dir("rules")])
    templates_dir = Path(templates) if templates else builtin_dir("templates")
    briefing = make_briefing(inputs, rules, title, cache=cache, window=window, manifests=manifests, stories=stories,
                             jobs=jobs, scheduler=scheduler)
    if not allow_empty and not briefing.articles:
        skipped = briefing.skipped
        first = f": {skipped[0].path}: {skipped[0].reason}" if skipped else ""
        raise EmptyBuild(f"no article was used ({len(inputs)} input{'s' * (len(inputs) != 1)} given, "
                         f"{len(skipped)} skipped{first}); nothing was written or sent; check the inputs, "
                         "or give --allow-empty to write an empty briefing", skipped)
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    look = outputs.Look(templates_dir, paper, rules.reconcile.corroborated)
    changes, passed_over = previous.changes_for(briefing, out_dir, since_briefing)  # read before anything moves
    staging = Path(tempfile.mkdtemp(prefix=".factsheet-", dir=out_dir))
    try:
        notes = passed_over + outputs.write_briefing(briefing, staging, look, cache, changes)
        if per_story:
            count = outputs.write_stories(briefing, staging / outputs.STORIES, look, cache, changes)
            notes += (f"Each of the {count:,} stories has its own briefing in {out_dir / outputs.STORIES}/.",)
        mode = output_mode()
        # SIGTERM waits for the moves: the folder holds all old outputs or all new ones, never a mix
        with stop.shielded("the new outputs were moved into place"):
            for name in outputs.OUTPUTS:
                os.chmod(staging / name, mode)
                os.replace(staging / name, out_dir / name)
            if per_story:
                for file in (staging / outputs.STORIES).glob("*/*"):
                    os.chmod(file, mode)
                outputs.swap_in(staging / outputs.STORIES, out_dir / outputs.STORIES)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(briefing, out_dir, tuple(out_dir / n for n in outputs.OUTPUTS), notes, changes)


def output_mode() -> int:
    """The mode for the outputs: what the user's umask gives a new file, never executable or
    writable by others. A fixed 0o644 would make a briefing world-readable under umask 077."""
    umask = None
    try:  # Linux tells the umask without changing it (changing it is not thread-safe)
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                umask = int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        umask = None
    if umask is None:
        umask = os.umask(0o022)
        os.umask(umask)
    return 0o666 & ~umask & ~0o002
