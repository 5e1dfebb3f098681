"""facts.json: the machine-readable briefing, per the contract in DESIGN.md.

Fields may be added but the contract's fields never change meaning. Output is
deterministic: keys in a fixed order, no timestamps that are not derived from
the inputs.
"""

from __future__ import annotations

from typing import Any

from factsheet.compare import report
from factsheet.compare.changes import Changes
from factsheet.compare.snapshot import text_digest
from factsheet.model import ArticleInfo, Briefing, Conflict, DateValue, Fact, Skipped
from factsheet.render import jsonfast

SCHEMA_VERSION = 1


def to_dict(briefing: Briefing, changes: Changes | None = None) -> dict[str, Any]:
    """The whole document; `changes` (since the previous briefing) fills the `changes` block and each
    fact's `change` and `previous_ids` (null and [] without a comparison)."""
    return {
        "schema": SCHEMA_VERSION,
        "title": briefing.title,
        "generated": briefing.generated,
        "stories": [{"id": sid, "title": title} for sid, title in briefing.stories],
        "articles": [_article(a) for a in briefing.articles],
        "skipped": [_skipped(s) for s in briefing.skipped],
        "background_left_out": briefing.background,
        "changes": report.to_dict(changes) if changes is not None else None,
        "facts": [fact_dict(f, changes) for f in briefing.facts],
    }


def dumps(briefing: Briefing, changes: Changes | None = None) -> str:
    return jsonfast.encode(to_dict(briefing, changes)) + "\n"


def _article(info: ArticleInfo) -> dict[str, Any]:
    a = info.article
    published = info.published
    return {
        "id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "url": a.url,
        "published": published.value if published else None,
        "published_inferred": bool(published and published.source == "inferred"),
        "copy_of": info.copy_of,
        "story": info.story,
        "path": a.path,
        "provenance": dict(a.provenance),
        "digest": info.digest or text_digest(a.text),
    }


def _skipped(s: Skipped) -> dict[str, str]:
    return {"path": s.path, "reason": s.reason}


def _date(d: DateValue | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"value": d.value, "grain": d.grain, "text": d.text, "source": d.source}


def _conflict(c: Conflict) -> dict[str, Any]:
    return {"slot": c.slot, "values": [{"value": v.value, "articles": list(v.articles)} for v in c.values]}


def fact_dict(f: Fact, changes: Changes | None = None) -> dict[str, Any]:
    """One entry of `facts`."""
    change = changes.marks.get(f.id) if changes is not None else None
    return {
        "id": f.id,
        "rule": f.rule,
        "kind": f.kind,
        "who": f.who,
        "claim": f.claim,
        "quote": f.quote,
        "date": f.date.value if f.date else None,
        "date_detail": _date(f.date),
        "corroboration": {"articles": f.corroboration.articles, "independent": f.corroboration.independent},
        "grade": f.grade,
        "story": f.story,
        "citations": [
            {"article": c.article, "text": c.text, "start": c.start, "end": c.end} for c in f.citations
        ],
        "conflicts": [_conflict(c) for c in f.conflicts],
        "variants": [{"value": v.value, "articles": list(v.articles)} for v in f.variants],
        "slots": dict(f.slots),
        "change": change.mark if change is not None else None,
        "previous_ids": list(changes.previous_ids(f.id)) if changes is not None else [],
        "merged_on": [{"articles": list(m.articles), "similarity": round(m.similarity * 100), "shared": list(m.shared)}
                      | ({"because": m.because} if m.because else {}) for m in f.merged_on],
        "related": [{"id": r.id, "why": r.why} for r in f.related],
    }
