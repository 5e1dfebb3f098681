"""The "Since the last briefing" section: the changes as plain view objects.

Why a module of its own: what the section says (which facts, in which words,
linked where) is decided once here, so the HTML, the PDF and the e-mail
count alike (they all use compare/report.py's summary). A changed fact the
briefing shows is linked to its card; one trimmed from a big PDF, merged or
no longer reported is named with its id only. At most MAX_ITEMS are listed;
facts.json lists every one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from factsheet.compare import report
from factsheet.compare.changes import Changes, FactChange
from factsheet.render.views_text import pretty_date, shorten

MAX_ITEMS = 200
LABELS = {"new": "new", "up": "up", "down": "down", "changed": "changed", "merged": "merged",
          "gone": "no longer reported", "renamed": "new id"}
TITLES = {"new": "New since the last briefing", "up": "More independent sources than in the last briefing",
          "down": "Fewer independent sources than in the last briefing", "changed": "Changed since the last briefing"}


@dataclass(frozen=True)
class ChangeView:
    """One line of the section: a mark, the fact (linked when shown) and what changed."""

    mark: str  # new, up, down, changed, merged, gone, renamed: also the CSS class
    label: str
    fact_id: str
    href: str | None  # the fact's card, when this briefing shows it
    who: str | None
    summary: str
    details: tuple[str, ...]


@dataclass(frozen=True)
class SinceView:
    first: bool  # no earlier briefing: nothing is marked
    against: str  # "the briefing of 11 May 2026 (2026-05-11)"
    summary: str  # the counts in one sentence
    items: tuple[ChangeView, ...]
    more: int  # changes not listed here (facts.json has them)
    articles_new: tuple[str, ...]  # article names
    outlets_new: tuple[str, ...]
    articles_gone: tuple[str, ...]
    articles_changed: tuple[str, ...]


def card_mark(change: FactChange | None) -> tuple[str | None, str | None]:
    """The mark on a fact's card and its tooltip: ("up", "More independent sources than ...")."""
    mark = change.mark if change is not None else None
    return (mark, TITLES[mark]) if mark else (None, None)


def since_view(changes: Changes, hrefs: Mapping[str, str], names: Mapping[str, str]) -> SinceView:
    """The section for `changes`; `hrefs` maps the ids of facts shown to their cards, `names` article ids to names."""
    if changes.since is None:
        return SinceView(True, "", report.summary(changes), (), 0, (), (), (), ())
    items = [_item(c, hrefs) for c in changes.facts[:MAX_ITEMS]]
    since = changes.since
    day = pretty_date(since.generated[:10]) if since.generated[:4].isdigit() else since.generated or "undated"
    against = f"the briefing of {day}"  # not its folder: equal inputs must give equal files (and a cached PDF)
    return SinceView(
        False, against, report.summary(changes), tuple(items), max(0, len(changes.facts) - MAX_ITEMS),
        tuple(names.get(a, a) for a in changes.articles_new), changes.outlets_new,
        changes.articles_gone, tuple(names.get(a, a) for a in changes.articles_changed))


def _item(c: FactChange, hrefs: Mapping[str, str]) -> ChangeView:
    mark = c.mark or c.status
    fact_id = c.id or ", ".join(c.previous_ids)
    return ChangeView(mark, LABELS.get(mark, mark), fact_id, hrefs.get(c.id) if c.id else None, c.who,
                      shorten(c.claim, 140), tuple(report.details(c)))
