"""Changes in the two forms people and tools read: a JSON block and plain lines.

The JSON block is facts.json's `changes` (documented in docs/facts-json.md)
and what `factsheet diff --json` prints; the lines are `factsheet diff` on a
terminal. The one-line summary is shared by both, by the briefing and by the
e-mail, so they always count alike.
"""

from __future__ import annotations

from typing import Any

from factsheet.compare.changes import Changes, FactChange

FIRST = "No earlier briefing to compare with: this is the first, so no fact is marked new."


def summary(changes: Changes) -> str:
    """ "1 new fact, 2 with more independent sources; 1 new article" (the counts that are not zero), or
    "nothing changed", or why there is no comparison."""
    if changes.since is None:
        return changes.note or FIRST
    c = changes.counts()
    parts = [_n(c["new"], "new fact"), f"{c['more_sources']} with more independent sources" * bool(c["more_sources"]),
             f"{c['fewer_sources']} with fewer independent sources" * bool(c["fewer_sources"]),
             _n(c["grade"], "grade change"), _n(c["conflicts_new"], "new conflict"),
             _n(c["conflicts_settled"], "conflict settled", "conflicts settled"),
             f"{c['gone']} no longer reported" * bool(c["gone"]),
             f"{c['merged']} merged into another" * bool(c["merged"]),
             _n(c["renamed"], "fact with a new id", "facts with a new id")]
    arts = [_n(c["articles_new"], "new article"), _n(c["outlets_new"], "new outlet"),
            _n(c["articles_changed"], "article changed", "articles changed"),
            _n(c["articles_gone"], "article gone", "articles gone")]
    facts, articles = ", ".join(p for p in parts if p), ", ".join(a for a in arts if a)
    if not facts and not articles:
        return "nothing changed: the same facts, sources, grades and articles"
    return "; ".join(p for p in (facts or "no fact changed", articles) if p)


def _n(count: int, noun: str, plural: str | None = None) -> str:
    """ "2 new facts"; "" for none, so that only what happened is said."""
    if not count:
        return ""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def details(change: FactChange) -> list[str]:
    """What changed about one fact, in words: "independent sources 1 → 2", "accounts now differ on number"."""
    out = []
    if change.status == "split":
        out.append(f"split from {', '.join(change.previous_ids)}")
    if change.independent:
        out.append(f"independent sources {change.independent[0]} → {change.independent[1]}")
    if change.grade:
        out.append(f"grade {change.grade[0]} → {change.grade[1]}")
    if change.conflicts_new:
        out.append(f"accounts now differ on {', '.join(change.conflicts_new)}")
    if change.conflicts_settled:
        out.append(f"accounts now agree on {', '.join(change.conflicts_settled)}")
    if change.id is not None and change.status in ("changed", "renamed"):
        others = [p for p in change.previous_ids if p != change.id]
        if others and change.previous_ids[0] != change.id:
            out.append(f"was {change.previous_ids[0]}")
        absorbed = [p for p in change.previous_ids[1:] if p != change.id]
        if absorbed:
            out.append(f"absorbed {', '.join(absorbed)}")
    if change.status == "merged":
        out.append(f"merged into {', '.join(change.into)}")
    if change.status == "gone":
        out.append(change.reason)
    return out


def to_dict(changes: Changes) -> dict[str, Any]:
    """facts.json's `changes` block."""
    since = changes.since
    return {
        "since": None if since is None else {"title": since.title, "generated": since.generated,
                                             "facts": since.facts, "articles": since.articles},
        "first": since is None,
        "note": changes.note or (FIRST if since is None else ""),
        "summary": summary(changes),
        "counts": changes.counts(),
        "facts": [_fact(c) for c in changes.facts],
        "articles": {"new": list(changes.articles_new), "gone": list(changes.articles_gone),
                     "changed": list(changes.articles_changed)},
        "outlets": {"new": list(changes.outlets_new), "gone": list(changes.outlets_gone)},
    }


def _fact(c: FactChange) -> dict[str, Any]:
    return {
        "status": c.status, "mark": c.mark, "id": c.id, "previous_ids": list(c.previous_ids), "who": c.who,
        "claim": c.claim,
        "independent": None if c.independent is None else {"before": c.independent[0], "after": c.independent[1]},
        "grade": None if c.grade is None else {"before": c.grade[0], "after": c.grade[1]},
        "conflicts_new": list(c.conflicts_new), "conflicts_settled": list(c.conflicts_settled),
        "into": list(c.into), "reason": c.reason or None,
    }


LABELS = {"new": "NEW", "split": "NEW", "changed": "CHANGED", "renamed": "RENAMED", "merged": "MERGED",
          "gone": "GONE"}


def lines(changes: Changes) -> list[str]:
    """`factsheet diff` on a terminal: the summary, then one line per fact and the articles."""
    if changes.since is None:
        return [summary(changes)]
    out = [f"Since {changes.since.label} ({changes.since.generated}): {summary(changes)}"]
    for c in changes.facts:
        mark = {"up": "UP", "down": "DOWN"}.get(c.mark or "", LABELS[c.status])
        name = c.id or ", ".join(c.previous_ids)
        who = f"{c.who}: " if c.who else ""
        claim = c.claim if len(c.claim) <= 100 else c.claim[:99].rstrip() + "…"
        more = "; ".join(details(c))
        out.append(f"{mark:<8} {name}  {who}{claim}" + (f"  ({more})" if more else ""))
    for label, ids in (("new article", changes.articles_new), ("article gone", changes.articles_gone),
                       ("article changed", changes.articles_changed)):
        out.extend(f"{label}: {a}" for a in ids)
    for label, names in (("new outlet", changes.outlets_new), ("outlet gone", changes.outlets_gone)):
        out.extend(f"{label}: {n}" for n in names)
    return out
