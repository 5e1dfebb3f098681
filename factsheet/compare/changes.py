"""What changed between two briefings, fact by fact.

Facts are matched by id first (ids come from the fact's content, see
reconcile/identity.py). A fact whose id changed, because the article that
first reported it is gone, is found again through the citations it shares
with its old self (the same sentence of the same article). Citations shared
across ids also tell merges (two old facts now one) from splits (one old fact
now two); a fact that shares nothing is new, and an old fact that shares
nothing is no longer reported, with the reason read from the articles: gone
from the inputs (or skipped, and why), or changed since (their text digest
differs), or neither (then the rules or the merging changed).

Cost: two dictionaries over the citations of the facts not matched by id,
so comparing 100,000 facts takes about a second (bench/bench_diff.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from factsheet.compare.snapshot import FactSummary, Snapshot, quiet_gc

Status = Literal["new", "split", "changed", "renamed", "merged", "gone"]
Mark = Literal["new", "up", "down", "changed"]


@dataclass(frozen=True)
class FactChange:
    """One fact that is new, changed, merged, split or no longer reported."""

    status: Status
    id: str | None  # its id in the new briefing (None when merged into another or gone)
    previous_ids: tuple[str, ...]  # the ids it had or absorbed in the previous briefing
    who: str | None
    claim: str
    independent: tuple[int, int] | None = None  # (before, after), when it changed
    grade: tuple[int, int] | None = None  # (before, after), when it changed
    conflicts_new: tuple[str, ...] = ()  # slots where accounts differ now and did not before
    conflicts_settled: tuple[str, ...] = ()  # slots where accounts differed and agree now
    into: tuple[str, ...] = ()  # merged: the facts it is part of now
    reason: str = ""  # gone: why

    @property
    def mark(self) -> Mark | None:
        """The mark on the fact's card: new, up, down (independent sources) or changed."""
        if self.status in ("new", "split"):
            return "new"
        if self.status != "changed":
            return None
        if self.independent:
            return "up" if self.independent[1] > self.independent[0] else "down"
        return "changed"


@dataclass(frozen=True)
class Since:
    """The briefing compared with."""

    label: str
    title: str
    generated: str
    facts: int
    articles: int


@dataclass(frozen=True)
class Changes:
    """Everything that changed since `since`; `since` None: there was no earlier briefing to compare with."""

    since: Since | None
    facts: tuple[FactChange, ...] = ()
    articles_new: tuple[str, ...] = ()
    articles_gone: tuple[str, ...] = ()
    articles_changed: tuple[str, ...] = ()
    outlets_new: tuple[str, ...] = ()
    outlets_gone: tuple[str, ...] = ()
    note: str = ""  # why there is no comparison, or what the reader should know about it
    same_ids: frozenset[str] = frozenset()  # ids of facts in both briefings under the same id
    marks: dict[str, FactChange] = field(default_factory=dict, compare=False, repr=False)  # new id -> change
    _previous: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for c in self.facts:
            if c.id is not None:
                self._previous[c.id] = c.previous_ids
                if c.mark is not None:
                    self.marks[c.id] = c

    def previous_ids(self, fact_id: str) -> tuple[str, ...]:
        """The ids in the previous briefing that a fact of this one came from (its own, if unchanged)."""
        if fact_id in self._previous:
            return self._previous[fact_id]
        return (fact_id,) if fact_id in self.same_ids else ()

    def counts(self) -> dict[str, int]:
        by_status = Counter(c.status for c in self.facts)
        marks = Counter(c.mark for c in self.facts)
        return {
            "new": by_status["new"] + by_status["split"],
            "changed": by_status["changed"],
            "more_sources": marks["up"],
            "fewer_sources": marks["down"],
            "grade": sum(1 for c in self.facts if c.grade),
            "conflicts_new": sum(1 for c in self.facts if c.conflicts_new),
            "conflicts_settled": sum(1 for c in self.facts if c.conflicts_settled),
            "merged": by_status["merged"],
            "split": by_status["split"],
            "renamed": by_status["renamed"],
            "gone": by_status["gone"],
            "articles_new": len(self.articles_new),
            "articles_gone": len(self.articles_gone),
            "articles_changed": len(self.articles_changed),
            "outlets_new": len(self.outlets_new),
            "outlets_gone": len(self.outlets_gone),
        }

    @property
    def any(self) -> bool:
        """True when something changed (`factsheet diff` exits 1)."""
        return self.since is not None and bool(
            self.facts or self.articles_new or self.articles_gone or self.articles_changed)

    def restricted(self, fact_ids: Iterable[str], article_ids: Iterable[str]) -> Changes:
        """The part of the changes about some facts and articles (one story's briefing)."""
        facts, arts = set(fact_ids), set(article_ids)
        return Changes(self.since, tuple(c for c in self.facts if c.id in facts),
                       tuple(a for a in self.articles_new if a in arts), (),
                       tuple(a for a in self.articles_changed if a in arts), (), (), self.note,
                       self.same_ids & facts)


def compare(old: Snapshot | None, new: Snapshot, note: str = "") -> Changes:
    """The changes from `old` to `new`; with no `old`, a Changes that says there is nothing to compare with."""
    if old is None:
        return Changes(None, note=note)
    with quiet_gc():
        return _compare(old, new, note)


def _compare(old: Snapshot, new: Snapshot, note: str) -> Changes:
    since = Since(old.label, old.title, old.generated, len(old.facts), len(old.articles))
    olds, news = old.facts, new.facts
    old_at = _first_index(olds)
    pairs: dict[int, int] = {}
    continued: set[int] = set()
    for n, f in enumerate(news):  # a repeated id (a hand-made file): only its first holder continues
        o = old_at.get(f.id)
        if o is not None and o not in continued:
            pairs[n] = o
            continued.add(o)
    lone_new = [n for n in range(len(news)) if n not in pairs]
    lone_old = [o for o in range(len(olds)) if o not in continued]
    new_links = _links(lone_new, news, olds)  # lone new fact -> {old fact: citations shared}
    old_links = _links(lone_old, olds, news)  # lone old fact -> {new fact: citations shared}
    renamed = _one_to_one(new_links, set(lone_old))
    pairs.update(renamed)
    renamed_old = set(renamed.values())
    absorbed: dict[int, list[int]] = defaultdict(list)  # new fact -> old facts merged into it
    out: list[FactChange] = []
    gone: dict[int, FactChange] = {}
    for o in lone_old:
        if o in renamed_old:
            continue
        into = sorted(old_links.get(o, {}))
        if into:
            for n in into:
                absorbed[n].append(o)
            gone[o] = FactChange("merged", None, (olds[o].id,), olds[o].who, olds[o].claim,
                                 into=tuple(news[n].id for n in into))
        else:
            gone[o] = FactChange("gone", None, (olds[o].id,), olds[o].who, olds[o].claim,
                                 reason=_why_gone(olds[o], old, new))
    for n, f in enumerate(news):
        if n in pairs:
            change = _changed(olds[pairs[n]], f, [olds[o] for o in absorbed.get(n, ())])
            if change is not None:
                out.append(change)
        else:
            sources = sorted(new_links.get(n, {}))
            status: Status = "split" if sources else "new"
            out.append(FactChange(status, f.id, tuple(olds[o].id for o in sources), f.who, f.claim))
    out.extend(gone[o] for o in sorted(gone))
    outlets_old = {a.outlet for a in old.articles.values() if a.outlet}
    outlets_new = {a.outlet for a in new.articles.values() if a.outlet}
    return Changes(
        since, tuple(out),
        articles_new=tuple(a for a in new.articles if a not in old.articles),
        articles_gone=tuple(a for a in old.articles if a not in new.articles),
        articles_changed=tuple(a for a, info in new.articles.items() if _differs(old.articles.get(a), info)),
        outlets_new=tuple(sorted(outlets_new - outlets_old)), outlets_gone=tuple(sorted(outlets_old - outlets_new)),
        note=note, same_ids=frozenset(f.id for n, f in enumerate(news) if n in pairs and olds[pairs[n]].id == f.id))


def _first_index(facts: Sequence[FactSummary]) -> dict[str, int]:
    at: dict[str, int] = {}
    for i, f in enumerate(facts):
        at.setdefault(f.id, i)
    return at


def _links(lone: Sequence[int], side: Sequence[FactSummary], other: Sequence[FactSummary]) -> dict[int, dict[int, int]]:
    """For each fact of `lone`, the facts of `other` that share citations with it, and how many."""
    wanted: dict[int, list[int]] = defaultdict(list)
    for i in lone:
        for c in side[i].cites:
            wanted[c].append(i)
    links: dict[int, dict[int, int]] = defaultdict(dict)
    if not wanted:
        return links
    for j, f in enumerate(other):
        for c in f.cites:
            for i in wanted.get(c, ()):
                links[i][j] = links[i].get(j, 0) + 1
    return links


def _one_to_one(links: dict[int, dict[int, int]], free_old: set[int]) -> dict[int, int]:
    """Lone new facts that continue a lone old fact: most shared citations first, each old fact once."""
    ranked = sorted((-shared, n, o) for n, olds in links.items() for o, shared in olds.items() if o in free_old)
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, n, o in ranked:
        if n not in pairs and o not in taken:
            pairs[n] = o
            taken.add(o)
    return pairs


def _changed(before: FactSummary, after: FactSummary, absorbed: Sequence[FactSummary]) -> FactChange | None:
    independent = (before.independent, after.independent) if before.independent != after.independent else None
    grade = (before.grade, after.grade) if before.grade != after.grade else None
    new = tuple(sorted(after.conflicts - before.conflicts))
    settled = tuple(sorted(before.conflicts - after.conflicts))
    previous = (before.id, *(f.id for f in absorbed))
    if independent or grade or new or settled or absorbed:
        return FactChange("changed", after.id, previous, after.who, after.claim, independent, grade, new, settled)
    if before.id != after.id:
        return FactChange("renamed", after.id, previous, after.who, after.claim)
    return None


def _differs(before: object, after: object) -> bool:
    a, b = getattr(before, "digest", None), getattr(after, "digest", None)
    return a is not None and b is not None and a != b


def _why_gone(fact: FactSummary, old: Snapshot, new: Snapshot) -> str:
    """In words: every article that carried it is gone, or changed, or neither."""
    gone, changed, same, unknown = [], [], [], []
    for a in fact.cited:
        info = old.articles.get(a)
        if a not in new.articles:
            skipped = new.skipped.get(info.path) if info and info.path else None
            gone.append(f"{a} (skipped: {skipped})" if skipped else a)
        elif _differs(info, new.articles[a]):
            changed.append(a)
        elif info is None or info.digest is None or new.articles[a].digest is None:
            unknown.append(a)
        else:
            same.append(a)
    parts = []
    if gone:
        parts.append(f"{_names(gone)} {'is' if len(gone) == 1 else 'are'} no longer among the inputs")
    if changed:
        parts.append(f"{_names(changed)} changed and no longer {'says' if len(changed) == 1 else 'say'} it")
    if same:
        parts.append(f"{_names(same)} still {'carries' if len(same) == 1 else 'carry'} the same text, so the rules "
                     "or the way facts are merged changed")
    if unknown:
        parts.append(f"{_names(unknown)} {'is' if len(unknown) == 1 else 'are'} still among the inputs (whether "
                     "the text changed is not recorded) but no longer "
                     f"{'says' if len(unknown) == 1 else 'say'} it")
    return "; ".join(parts) or "it cited no article"


def _names(articles: Sequence[str]) -> str:
    return ", ".join(articles[:5]) + (f" and {len(articles) - 5} more" if len(articles) > 5 else "")
