"""Plain view objects built from a Briefing: what the templates show, already decided.

Templates hold no logic beyond loops and `if`; everything a reader sees that
needs a decision (which facts are key, how they are grouped, what a grade
means, which anchor a citation points at) is made here, once, and tested.
Every field is plain text or numbers; the SVG figures are the only `Markup`,
escaped piece by piece in `factsheet.svg`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup

from factsheet.compare.changes import Changes
from factsheet.model import ArticleInfo, Briefing, Fact
from factsheet.render import svg
from factsheet.render.since import SinceView, card_mark, since_view
from factsheet.render.views_text import (
    GRADE_LABELS,
    W3C_PAPER,
    article_name,
    bookmark_text,
    grade_rows,
    pretty_date,
    section_title,
    shorten,
    slot_label,
    w3c_created,
)

GroupBy = Literal["rule", "actor", "story"]
KEY_FACTS = 5
FIGURES_UP_FRONT = 60  # more facts than this and the pictures move to the appendix
TIMELINE_DATES = 40  # more distinct days than this and the timeline groups facts by month


@dataclass(frozen=True)
class SourceRef:
    """A link to one article of the sources appendix: "S2 · Kestria Today"."""

    label: str
    href: str
    name: str


@dataclass(frozen=True)
class RelatedView:
    id: str
    href: str
    why: str


@dataclass(frozen=True)
class CitationView:
    number: int
    anchor: str  # id of the citation mark in the fact, target of the back link
    href: str  # the verbatim sentence in the sources appendix
    source: SourceRef
    reprint: bool


@dataclass(frozen=True)
class ValueView:
    """One wording or one value of a slot, with the articles behind it."""

    value: str
    quote: bool
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class ConflictView:
    slot: str
    slot_label: str
    values: tuple[ValueView, ...]


@dataclass(frozen=True)
class FactView:
    id: str
    anchor: str
    href: str
    rule: str
    kind: str
    claim: str
    summary: str  # the claim cut to about a line, for cross-references
    quote: bool
    who: str | None
    date: str | None  # "10 December 2025"
    date_iso: str | None
    date_inferred: bool
    story: str | None  # the story's title, when the briefing covers several
    articles: int
    independent: int
    badge: str  # "5 articles, 4 independent"
    grade: int
    grade_label: str
    bookmark: str
    citations: tuple[CitationView, ...]
    variants: tuple[ValueView, ...]
    conflicts: tuple[ConflictView, ...]
    figures: tuple[tuple[str, str], ...] = ()  # a rule's own slots: ("killed", "3"), ...
    change: str | None = None  # since the last briefing: "new", "up", "down" or "changed" (since.py)
    change_title: str | None = None
    merged_on: tuple[str, ...] = ()  # why the citations are one fact: "[1] and [3] alike 0.62, on ..."
    related: tuple[RelatedView, ...] = ()  # facts alike this one, kept apart


@dataclass(frozen=True)
class SectionView:
    id: str
    title: str
    facts: tuple[FactView, ...]


@dataclass(frozen=True)
class ConflictEntry:
    """A row of "Accounts differ": one slot of one fact."""

    fact: FactView
    conflict: ConflictView


@dataclass(frozen=True)
class BacklinkView:
    fact: str
    href: str
    number: int


@dataclass(frozen=True)
class SentenceView:
    anchor: str
    text: str
    backlinks: tuple[BacklinkView, ...]


@dataclass(frozen=True)
class SourceView:
    id: str
    label: str
    anchor: str
    name: str
    title: str | None
    outlet: str | None
    published: str | None
    published_inferred: bool
    url: str | None  # shown as text; linked only through the `safe_url` filter
    story: str | None  # the story's title, when the briefing covers several
    copy_of: SourceRef | None
    reprinted_by: tuple[SourceRef, ...]
    sentences: tuple[SentenceView, ...]


@dataclass(frozen=True)
class SkippedView:
    path: str
    reason: str


@dataclass(frozen=True)
class GradeRow:
    grade: int
    label: str
    meaning: str
    rule: str
    count: int


@dataclass(frozen=True)
class Figure:
    id: str
    title: str
    caption: str
    legend: Markup | None
    svgs: tuple[Markup, ...]


@dataclass(frozen=True)
class BriefingView:
    title: str
    lang: str
    paper: str  # CSS page size: "A4" or "letter"
    generator: str
    author: str
    description: str
    created: str | None  # W3C date for dcterms.created, from the inputs
    as_of: str
    articles: int
    independent_articles: int
    reprints: int
    outlets: tuple[str, ...]
    date_range: str
    some_dates_inferred: bool
    facts: int
    corroborated: int
    threshold: int
    stories: tuple[str, ...]
    key_facts: tuple[FactView, ...]
    sections: tuple[SectionView, ...]
    conflicts: tuple[ConflictEntry, ...]
    single_source: tuple[FactView, ...]
    grades: tuple[GradeRow, ...]
    sources: tuple[SourceView, ...]
    skipped: tuple[SkippedView, ...]
    coverage: Figure
    timeline: Figure
    figures_up_front: bool
    notes: tuple[str, ...] = ()  # what the reader must know, e.g. that a big build shows only some facts
    background: int = 0  # single-source sentences left out as scene-setting
    since: SinceView | None = None  # what changed since the last briefing; None: no comparison was asked for


class _Sources:
    """Labels and anchors of the articles, and the sentences cited from each."""

    def __init__(self, infos: Sequence[ArticleInfo]) -> None:
        self.infos = list(infos)
        self.index = {info.article.id: n for n, info in enumerate(self.infos, 1)}
        self.sentences: dict[str, dict[tuple[int, int], int]] = defaultdict(dict)
        self.backlinks: dict[tuple[str, int], list[BacklinkView]] = defaultdict(list)

    def ref(self, article: str) -> SourceRef:
        n = self.index.get(article)
        if n is None:  # a citation of an article the briefing does not list: name it, link nowhere broken
            return SourceRef(label="S?", href="#sources", name=article)
        return SourceRef(label=f"S{n}", href=f"#src-{n}", name=article_name(self.infos[n - 1]))

    def sentence_anchor(self, article: str, start: int, end: int) -> tuple[str, int] | None:
        n = self.index.get(article)
        if n is None:
            return None
        known = self.sentences[article]
        k = known.setdefault((start, end), len(known) + 1)
        return f"sent-{n}-{k}", k

    def is_reprint(self, article: str) -> bool:
        n = self.index.get(article)
        return n is not None and self.infos[n - 1].copy_of is not None


def _fact_view(fact: Fact, number: int, sources: _Sources, cited_text: dict[tuple[str, int, int], str],
               stories: dict[str, str], changes: Changes | None = None,
               anchors: dict[str, str] | None = None) -> FactView:
    anchor = f"fact-{number}"
    citations = []
    for k, c in enumerate(fact.citations, 1):
        mark = f"cite-{number}-{k}"
        target = sources.sentence_anchor(c.article, c.start, c.end)
        href = f"#{target[0]}" if target else "#sources"
        if target:
            sources.backlinks[(c.article, target[1])].append(BacklinkView(fact.id, f"#{mark}", k))
            cited_text[(c.article, c.start, c.end)] = c.text
        citations.append(CitationView(k, mark, href, sources.ref(c.article), sources.is_reprint(c.article)))
    variants = tuple(ValueView(v.value, fact.quote, tuple(sources.ref(a) for a in v.articles))
                     for v in fact.variants if v.value != fact.claim)
    conflicts = tuple(
        ConflictView(c.slot, slot_label(c.slot),
                     tuple(ValueView(pretty_date(v.value) if c.slot == "date" else v.value,
                                     fact.quote and c.slot == "claim", tuple(sources.ref(a) for a in v.articles))
                           for v in c.values))
        for c in fact.conflicts)
    date = fact.date
    change, change_title = card_mark(changes.marks.get(fact.id) if changes is not None else None)
    return FactView(
        id=fact.id, anchor=anchor, href=f"#{anchor}", rule=fact.rule, kind=fact.kind, claim=fact.claim,
        summary=shorten(fact.claim, 110),
        quote=fact.quote, who=fact.who, date=pretty_date(date.value) if date else None,
        date_iso=date.value if date else None, date_inferred=bool(date and date.source == "inferred"),
        story=stories.get(fact.story) if fact.story else None,
        articles=fact.corroboration.articles, independent=fact.corroboration.independent,
        badge=badge(fact.corroboration.articles, fact.corroboration.independent),
        grade=fact.grade, grade_label=GRADE_LABELS.get(fact.grade, "unknown"),
        bookmark=bookmark_text(fact.id, fact.who, fact.claim),
        citations=tuple(citations), variants=variants, conflicts=conflicts,
        figures=tuple((slot_label(name), value) for name, value in fact.slots),
        change=change, change_title=change_title,
        merged_on=_merged_on(fact), related=tuple(RelatedView(r.id, (anchors or {})[r.id], r.why)
                                                  for r in fact.related if r.id in (anchors or {})),
    )


def _merged_on(fact: Fact) -> tuple[str, ...]:
    """ "[1] and [3] alike 0.62, on “levy”, “crowns”": the pairs of citations that made one fact."""
    number: dict[str, int] = {}
    for k, c in enumerate(fact.citations, 1):
        number.setdefault(c.article, k)
    return tuple(f"[{number.get(m.articles[0], '?')}] and [{number.get(m.articles[1], '?')}] alike {m.similarity:.2f}"
                 + (", on " + ", ".join(f"“{w}”" for w in m.shared) if m.shared else "")
                 + (f": {m.because}" if m.because else "")
                 for m in fact.merged_on)


def badge(articles: int, independent: int) -> str:
    """"5 articles, 4 independent"; a lone article needs no second number."""
    if articles == 1:
        return "1 article"
    return f"{articles} articles, {independent} independent"


def key_facts(facts: Sequence[FactView], threshold: int, limit: int = KEY_FACTS) -> list[FactView]:
    """Bottom line up front: the best-corroborated facts, agreed ones before disputed ones."""
    candidates = [f for f in facts if f.independent >= threshold]
    ranked = sorted(enumerate(candidates), key=lambda p: (-p[1].independent, p[1].grade, -p[1].articles, p[0]))
    chosen = {f.anchor for _, f in ranked[:limit]}
    return [f for f in candidates if f.anchor in chosen]


def sections(facts: Sequence[FactView], group_by: GroupBy) -> list[SectionView]:
    """Group facts by the rule that found them, by story, or by actor (actors with one fact share a section)."""
    groups: dict[str, list[FactView]] = defaultdict(list)
    if group_by == "story":
        for f in facts:
            groups[f.story or "~other"].append(f)
        order = list(groups)  # story order: the first story's best fact comes first
    elif group_by == "actor":
        counts: dict[str | None, int] = defaultdict(int)
        for f in facts:
            counts[f.who] += 1
        for f in facts:
            key = f.who if f.who and counts[f.who] > 1 else ("~other" if f.who else "~unattributed")
            groups[key].append(f)
        order = sorted(groups, key=lambda k: (k.startswith("~"), -len(groups[k]), k))
    else:
        for f in facts:
            groups[f.rule].append(f)
        order = list(groups)  # first appearance: the rule of the best-corroborated fact comes first
    return [SectionView(f"section-{n}", section_title(key, group_by), tuple(groups[key]))
            for n, key in enumerate(order, 1)]


def build_view(briefing: Briefing, paper: str = "A4", group_by: GroupBy = "rule", threshold: int = 2,
               generator: str = "factsheet", notes: Sequence[str] = (), changes: Changes | None = None) -> BriefingView:
    """Everything the templates show, in reading order; `changes` adds the "Since the last briefing" section."""
    sources = _Sources(briefing.articles)
    cited_text: dict[tuple[str, int, int], str] = {}
    stories = dict(briefing.stories) if len(briefing.stories) > 1 else {}
    if stories and group_by == "rule":
        group_by = "story"  # several stories: one chapter each
    anchors = {f.id: f"#fact-{n}" for n, f in enumerate(briefing.facts, 1)}
    all_facts = [_fact_view(f, n, sources, cited_text, stories, changes, anchors)
                 for n, f in enumerate(briefing.facts, 1)]
    key = key_facts(all_facts, threshold)
    key_ids = {f.anchor for f in key}
    corroborated = [f for f in all_facts if f.independent >= threshold and f.anchor not in key_ids]
    single = [f for f in all_facts if f.independent < threshold]
    infos = briefing.articles
    days = sorted((i.published.value, i.published.source == "inferred") for i in infos if i.published)
    outlets = tuple(sorted({i.article.outlet for i in infos if i.article.outlet}))
    reprints = sum(1 for i in infos if i.copy_of)
    return BriefingView(
        title=briefing.title, lang="en", paper=W3C_PAPER.get(paper.lower(), "A4"), generator=generator,
        author="factsheet", description=_description(briefing, len(outlets)),
        created=w3c_created(briefing.generated), as_of=pretty_date(briefing.generated[:10]),
        articles=len(infos), independent_articles=len(infos) - reprints, reprints=reprints, outlets=outlets,
        date_range=_date_range([d for d, _ in days]), some_dates_inferred=any(inf for _, inf in days),
        facts=len(all_facts), corroborated=sum(1 for f in all_facts if f.independent >= threshold),
        threshold=threshold, stories=tuple(title for _, title in briefing.stories) if len(briefing.stories) > 1 else (),
        key_facts=tuple(key), sections=tuple(sections(corroborated, group_by)),
        conflicts=tuple(ConflictEntry(f, c) for f in all_facts for c in f.conflicts),
        single_source=tuple(single),
        grades=tuple(GradeRow(g, label, meaning, rule, sum(1 for f in all_facts if f.grade == g))
                     for g, label, meaning, rule in grade_rows(threshold)),
        sources=tuple(_source_views(sources, cited_text, stories)),
        skipped=tuple(SkippedView(s.path, s.reason) for s in briefing.skipped),
        coverage=_coverage(all_facts, sources), timeline=_timeline(all_facts),
        figures_up_front=len(all_facts) <= FIGURES_UP_FRONT, notes=tuple(notes), background=briefing.background,
        since=None if changes is None else since_view(
            changes, {f.id: f.href for f in all_facts}, {i.article.id: article_name(i) for i in infos}),
    )


def _description(briefing: Briefing, outlets: int) -> str:
    n, m = len(briefing.facts), len(briefing.articles)
    named = f" in {outlets} outlet{'s' * (outlets != 1)}" if outlets else ""
    return (f"Briefing on {briefing.title}: {n} fact{'s' * (n != 1)} from {m} article{'s' * (m != 1)}{named}, "
            f"each cited to the sentence it came from.")


def _date_range(days: Sequence[str]) -> str:
    if not days:
        return "undated"
    first, last = pretty_date(days[0]), pretty_date(days[-1])
    return first if first == last else f"{first} – {last}"


def _source_views(sources: _Sources, cited_text: dict[tuple[str, int, int], str],
                  stories: dict[str, str]) -> list[SourceView]:
    reprinted_by: dict[str, list[SourceRef]] = defaultdict(list)
    for info in sources.infos:
        if info.copy_of:
            reprinted_by[info.copy_of].append(sources.ref(info.article.id))
    views = []
    for n, info in enumerate(sources.infos, 1):
        a = info.article
        spans = sorted(sources.sentences.get(a.id, {}).items())
        sentences = tuple(SentenceView(f"sent-{n}-{k}", cited_text[(a.id, start, end)],
                                       tuple(sources.backlinks[(a.id, k)]))
                          for (start, end), k in spans)
        published = info.published
        views.append(SourceView(
            id=a.id, label=f"S{n}", anchor=f"src-{n}", name=article_name(info), title=a.title, outlet=a.outlet,
            published=pretty_date(published.value) if published else None,
            published_inferred=bool(published and published.source == "inferred"), url=a.url,
            story=stories.get(info.story) if info.story else None,
            copy_of=sources.ref(info.copy_of) if info.copy_of else None,
            reprinted_by=tuple(reprinted_by.get(a.id, ())), sentences=sentences))
    return views


def _coverage(facts: Sequence[FactView], sources: _Sources) -> Figure:
    columns = [svg.GridColumn(f"S{n}", article_name(i), i.copy_of is not None) for n, i in enumerate(sources.infos, 1)]
    rows = []
    for f in facts:
        cited = {c.source.label for c in f.citations}
        differs = bool(f.conflicts)
        cells = tuple(
            "" if col.label not in cited else "differs" if differs else "reprint" if col.reprint else "reported"
            for col in columns)
        caption = shorten(f.claim, 120) if len(facts) <= FIGURES_UP_FRONT else ""
        rows.append(svg.GridRow(f.id, caption, f.href, cells, differs))
    return Figure("coverage", "Coverage: who reported what",
                  "Each row is a fact, each column an article of the sources appendix (a block of rows shows only "
                  "the articles its facts cite). Reprints (R) count once towards a fact's independent sources.",
                  svg.legend() if rows else None, svg.coverage_grid(rows, columns))


def _timeline(facts: Sequence[FactView]) -> Figure:
    """One row per date; with many dates, one row per month (or year) so the picture stays short."""
    dated = [f for f in facts if f.date_iso]
    grain, width = _timeline_grain([f.date_iso or "" for f in dated])
    by_date: dict[str, list[FactView]] = defaultdict(list)
    for f in dated:
        by_date[(f.date_iso or "")[:width]].append(f)
    rows, previous = [], None
    for day in sorted(by_date):
        items = tuple(svg.TimelineItem(f.id, f.href, f.grade, f.date_inferred) for f in by_date[day])
        gap = previous is not None and _months(day) - _months(previous) > 1
        rows.append(svg.TimelineRow(pretty_date(day), items, gap))
        previous = day
    undated = sum(1 for f in facts if not f.date_iso)
    caption = "Dated facts, earliest first; a break in the line marks a gap of more than a month."
    if grain != "day":
        caption += f" With this many dates, facts are shown by {grain}."
    if undated:
        caption += f" {undated} undated fact{'s' * (undated != 1)} not shown."
    return Figure("timeline", "Timeline", caption, svg.timeline_legend() if rows else None, svg.timeline(rows))


def _timeline_grain(dates: Sequence[str]) -> tuple[str, int]:
    """The finest grain (and its prefix length) that keeps the timeline to TIMELINE_DATES rows."""
    for grain, width in (("day", 10), ("month", 7)):
        if len({d[:width] for d in dates}) <= TIMELINE_DATES:
            return grain, width
    return "year", 4


def _months(day: str) -> int:
    year, _, rest = day.partition("-")
    month = rest[:2] if rest else "01"
    return int(year) * 12 + int(month) if year.isdigit() and month.isdigit() else 0
