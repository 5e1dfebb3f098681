"""Plain data passed between the pipeline stages.

Every stage takes and returns these frozen dataclasses, so a stage can be
tested, cached or shipped to another process without dragging the rest of the
pipeline along.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Grain = Literal["day", "month", "year"]
DateSource = Literal["text", "article", "inferred", "context"]
Role = Literal["body", "headline", "heading", "caption", "byline", "boilerplate"]


@dataclass(frozen=True)
class Article:
    """One input article: its loaded text and what is known about it."""

    id: str
    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    authors: tuple[str, ...] = ()
    # Where each metadata value came from: "front-matter", "manifest", "html", ...
    provenance: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Skipped:
    """An input that was given but not used, and why (never dropped silently)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    """A sentence (or headline, caption, ...) with offsets into Article.text."""

    article: str
    index: int
    start: int
    end: int
    text: str
    role: Role = "body"
    paragraph: int = 0


@dataclass(frozen=True)
class DateValue:
    """A resolved date: the words it came from, its value and its grain."""

    text: str
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    grain: Grain
    source: DateSource = "text"


@dataclass(frozen=True)
class DateRef:
    """A date expression found in a sentence, resolved later against the article's date."""

    text: str
    kind: str
    start: int
    end: int
    future: bool = False
    since: bool = False
    # the date of something the sentence mentions in passing, not of its own fact: "the law signed
    # last week", "before the rules take effect on Jan. 1"
    aside: bool = False


@dataclass(frozen=True)
class Citation:
    """A verbatim span of an article that supports a fact."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """One article's statement of a fact, as a rule extracted it."""

    rule: str
    kind: str  # "statement" or "event"
    article: str
    sentence: int
    who: str | None
    claim: str
    citation: Citation
    quote: bool = False
    date_ref: DateRef | None = None  # the date words of the sentence, resolved later
    date_from_context: bool = False  # carried over from the previous sentence on the same actor
    date_from_article: bool = True  # the rule's date hint: fall back to the article date
    source: str | None = None  # the medium named in the text ("on X", "on Telegram")
    phrase: str | None = None  # the rule phrase that matched, for `explain`
    slots: tuple[tuple[str, str], ...] = ()  # other slots a rule defines (killed, wounded, ...)


@dataclass(frozen=True)
class Variant:
    """One wording of a fact and the articles that use it."""

    value: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """Articles disagree on a slot: every value is kept with its articles."""

    slot: str
    values: tuple[Variant, ...]


@dataclass(frozen=True)
class Corroboration:
    articles: int
    independent: int


@dataclass(frozen=True)
class MergeLink:
    """Why two articles' sentences are one fact: how alike they are, and on which words."""

    articles: tuple[str, str]
    similarity: float
    shared: tuple[str, ...]
    because: str = ""  # a reason other than likeness: "both say Tarvik Bank would not comment"


@dataclass(frozen=True)
class Related:
    """A fact alike this one that was kept apart, and why (reconcile/cluster.py)."""

    id: str
    why: str


@dataclass(frozen=True)
class Fact:
    """A fact reconciled across articles."""

    id: str
    rule: str
    kind: str
    who: str | None
    claim: str
    date: DateValue | None
    citations: tuple[Citation, ...]
    corroboration: Corroboration
    conflicts: tuple[Conflict, ...] = ()
    variants: tuple[Variant, ...] = ()
    quote: bool = False
    grade: int = 6
    story: str | None = None
    slots: tuple[tuple[str, str], ...] = ()  # a rule's own slots: ("killed", "3"), ...
    merged_on: tuple[MergeLink, ...] = ()  # the pairs of sentences whose likeness made this one fact
    related: tuple[Related, ...] = ()  # facts alike this one but kept apart


@dataclass(frozen=True)
class ArticleInfo:
    """What the briefing says about an input article after reconciliation."""

    article: Article
    copy_of: str | None = None
    story: str | None = None
    published: DateValue | None = None  # the given or inferred publication date
    digest: str | None = None  # of the article's text, kept when a big build lets the text go (compare/)


@dataclass(frozen=True)
class Briefing:
    """Everything a renderer needs; facts.json is a direct dump of it."""

    title: str
    articles: tuple[ArticleInfo, ...]
    skipped: tuple[Skipped, ...]
    facts: Sequence[Fact]  # a tuple, or for a big build a spool.FactSpool that keeps them on disk
    generated: str  # ISO timestamp, derived from the inputs for determinism
    stories: tuple[tuple[str, str], ...] = field(default=())  # (story id, title)
    background: int = 0  # single-source sentences left out as scene-setting (background.py)
