"""A briefing's files in a folder: briefing.html, briefing.pdf, facts.json, facts.csv; and a folder per story.

Why a module of its own: the whole briefing and each story's part of it are
written the same way (the PDF trimmed to its limit, facts.json streamed and
attached when small enough, the PDF reused from the cache when its HTML is
unchanged), and pipeline.build only decides where and swaps the results
into place.

A per-story folder is what a desk reading one story of a big build wants:
stories/s-12/briefing.pdf shows that story in full (within the PDF limit),
while the top-level PDF shows only the best-supported facts of all stories.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.compare.changes import Changes
from factsheet.model import ArticleInfo, Briefing, Fact
from factsheet.render import csv_out, document, trim
from factsheet.render.jsonstream import write_facts_json

if TYPE_CHECKING:
    from factsheet.build.cache import BuildCache

# moved into place in this order: facts.json last, so a folder whose facts.json is there and whole holds a
# whole briefing, and a run killed halfway leaves the previous facts.json (previous.py relies on it)
OUTPUTS = ("briefing.html", "briefing.pdf", "facts.csv", "facts.json")
STORIES = "stories"  # the folder holding one folder per story, named by story id


@dataclass(frozen=True)
class Look:
    """How the briefing is rendered: the templates, the paper and the corroboration threshold."""

    templates: Path
    paper: str = "A4"
    threshold: int = 2


def write_briefing(briefing: Briefing, folder: Path, look: Look, cache: BuildCache | None,
                   changes: Changes | None = None) -> tuple[str, ...]:
    """The four files of `briefing` in `folder`; returns the notes a reader should see (what was left out).

    `changes` (since the previous briefing, build/previous.py) go into every file."""
    folder.mkdir(parents=True, exist_ok=True)
    shown = trim.for_pdf(briefing, corroborated=look.threshold)  # all facts stay in facts.json and facts.csv
    digest = write_facts_json(briefing, folder / "facts.json", changes)  # streamed: a big build's is over 1 GB
    csv_out.write(briefing, folder / "facts.csv", changes)
    html = document.render_html(shown.briefing, look.templates, paper=look.paper, threshold=look.threshold,
                                notes=[shown.note] if shown.note else [], changes=changes)
    (folder / "briefing.html").write_text(html, encoding="utf-8")
    pdf_key = cache.pdf_key(html, look.templates, digest[:16]) if cache else ""  # digest of facts.json
    attached, unattached = trim.attachments(folder / "facts.json")
    if not (cache and cache.restore_pdf(pdf_key, folder / "briefing.pdf")):
        document.render_pdf(html, look.templates, folder / "briefing.pdf", attached, briefing.generated)
        if cache:
            cache.store_pdf(pdf_key, folder / "briefing.pdf")
    return tuple(n for n in (shown.note, unattached) if n)


def write_stories(briefing: Briefing, folder: Path, look: Look, cache: BuildCache | None,
                  changes: Changes | None = None) -> int:
    """One folder per story under `folder` (stories/s-1, stories/s-2, ...); returns how many."""
    count = 0
    for part in story_briefings(briefing):
        own = changes.restricted((f.id for f in part.facts), (a.article.id for a in part.articles)) if changes else None
        write_briefing(part, folder / part.stories[0][0], look, cache, own)
        count += 1
    return count


def story_briefings(briefing: Briefing) -> Iterator[Briefing]:
    """Each story's part of a several-story briefing, in story order, reading the facts once.

    The facts of a story are consecutive (parallel.py writes them story by
    story), so a big build's facts are read back from disk in one pass. Only
    the story's articles and facts are kept; the skipped inputs belong to the
    whole run and stay with every part.
    """
    articles: dict[str | None, list[ArticleInfo]] = {}
    for info in briefing.articles:
        articles.setdefault(info.story, []).append(info)
    runs = itertools.groupby(briefing.facts, key=lambda f: f.story)
    pending = next(runs, None)
    for sid, title in briefing.stories:
        facts: tuple[Fact, ...] = ()
        if pending is not None and pending[0] == sid:
            facts = tuple(pending[1])
            pending = next(runs, None)
        yield replace(briefing, title=title, stories=((sid, title),), articles=tuple(articles.get(sid, ())),
                      facts=facts)
    if pending is not None:
        raise ValueError(f"the facts of story {pending[0]} are not consecutive or not in story order")


def swap_in(staged: Path, target: Path) -> None:
    """Replace the folder `target` with `staged`: two renames, so it is never half old and half new."""
    old = staged.with_name(staged.name + ".old")
    if target.exists():
        os.replace(target, old)
    os.replace(staged, target)
    shutil.rmtree(old, ignore_errors=True)
