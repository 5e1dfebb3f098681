"""Keep the PDF of a big build readable: at most `max_facts` facts, the best-supported first.

Why: a year of wire copy gives tens of thousands of facts. WeasyPrint takes
about 0.15 s a page and nobody reads a 5,000-page briefing, so a big build
would spend an hour writing a PDF no one opens. facts.json and facts.csv
always keep every fact; only what is rendered (HTML and PDF) is trimmed, and
the build says so in a note.

Which facts stay, in this order until the limit is reached: facts several
independent articles report (most independent first), then single-source
facts with a named speaker, then the rest (grade 6: cannot be judged). Within
each tier a larger story's facts come first. The kept facts keep their
original order and ids, so a fact in the PDF is the same fact in facts.json,
but shows at most MAX_CITATIONS_PER_FACT of its citations (originals before
reprints; its counts still say how many articles report it). Stories and
articles that no kept citation names are left out of the rendering.
"""

from __future__ import annotations

import heapq
import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from factsheet.model import Briefing, Fact

MAX_ATTACHMENT = 20_000_000  # bytes of facts.json still attached to the PDF (100k articles give ~1.2 GB)
MAX_FACTS_PER_PDF = 200  # with 5 citations each: ~170 pages, ~35 CPU s and ~1 GB in WeasyPrint
MAX_CITATIONS_PER_FACT = 5  # in a trimmed PDF; 300 facts with all their citations gave 410 pages and 2 GB
ENV = "FACTSHEET_MAX_FACTS_PER_PDF"


@dataclass(frozen=True)
class Trimmed:
    """The briefing to render, and the note that says what was left out (None: nothing was)."""

    briefing: Briefing
    note: str | None = None


def max_facts(value: int | None = None) -> int:
    """The limit: given, else the environment, else the default; 0 means no limit."""
    if value is not None:
        return value
    raw = os.environ.get(ENV, "").strip()
    return int(raw) if raw.isdigit() else MAX_FACTS_PER_PDF


def for_pdf(briefing: Briefing, limit: int | None = None, corroborated: int = 2) -> Trimmed:
    """The briefing trimmed to at most `limit` facts for rendering, with a note when anything was left out."""
    keep_at_most = max_facts(limit)
    facts = briefing.facts
    if keep_at_most <= 0 or len(facts) <= keep_at_most:
        return Trimmed(briefing)
    story_size: Counter[str | None] = Counter()
    ranks: list[tuple[int, int, str | None, int, int]] = []
    for n, f in enumerate(facts):  # one pass in order: a big build's facts are read back from disk once
        story_size[f.story] += 1
        ranks.append((_tier(f, corroborated), -f.corroboration.independent, f.story, -f.corroboration.articles, n))
    best = heapq.nsmallest(keep_at_most, ranks, key=lambda r: (r[0], r[1], -story_size[r[2]], r[3], r[4]))
    chosen = sorted(r[-1] for r in best)
    reprints = {i.article.id for i in briefing.articles if i.copy_of}
    kept = tuple(_fewer_citations(facts[n], reprints) for n in chosen)
    cited = {c.article for f in kept for c in f.citations}
    originals = {i.copy_of for i in briefing.articles if i.article.id in cited and i.copy_of}
    articles = tuple(i for i in briefing.articles if i.article.id in cited or i.article.id in originals)
    in_stories = {f.story for f in kept}
    stories = tuple((sid, title) for sid, title in briefing.stories if sid in in_stories)
    left = len(facts) - len(kept)
    note = (f"This briefing shows {len(kept):,} of {len(facts):,} facts: the best-supported ones, from "
            f"{len(stories):,} of {len(briefing.stories):,} stories and {len(articles):,} of "
            f"{len(briefing.articles):,} articles, each fact with at most {MAX_CITATIONS_PER_FACT} of its "
            f"citations (its counts are of all). The {left:,} facts left out are mostly single-source; every fact "
            f"and citation is in facts.json and facts.csv. Raise the limit ({ENV}, now {keep_at_most:,}; 0 for none) "
            "or build fewer articles to see more.")
    return Trimmed(replace(briefing, facts=kept, articles=articles, stories=stories or briefing.stories[:1]), note)


def attachments(facts_json: Path) -> tuple[dict[str, bytes], str | None]:
    """facts.json to attach to the PDF, unless it would make the PDF itself too big to mail or open."""
    size = facts_json.stat().st_size
    if size <= MAX_ATTACHMENT:
        return {"facts.json": facts_json.read_bytes()}, None
    return {}, (f"facts.json ({size / 1e6:,.0f} MB) is not attached to the PDF, to keep it small; "
                "it is in the same folder.")


def _fewer_citations(fact: Fact, reprints: set[str]) -> Fact:
    """At most MAX_CITATIONS_PER_FACT citations, originals before reprints, in their order."""
    if len(fact.citations) <= MAX_CITATIONS_PER_FACT:
        return fact
    order = sorted(range(len(fact.citations)), key=lambda k: (fact.citations[k].article in reprints, k))
    keep = sorted(order[:MAX_CITATIONS_PER_FACT])
    return replace(fact, citations=tuple(fact.citations[k] for k in keep))


def _tier(fact: Fact, corroborated: int) -> int:
    if fact.corroboration.independent >= corroborated:
        return 0
    return 1 if fact.who else 2
