"""facts.csv: one row per fact with its counts, for people who live in spreadsheets.

Written as UTF-8 with a byte-order mark and CRLF line ends, which is what
Excel needs to open accented names correctly on a double click. Cells that a
spreadsheet would run as a formula (starting with = + - @ or a control
character) get a leading apostrophe: article text is untrusted. Columns are
fixed and documented in docs/templates.md; new ones are only ever appended.
"""

from __future__ import annotations

import csv
from pathlib import Path

from factsheet.compare.changes import Changes
from factsheet.model import Briefing, Fact

COLUMNS = (
    "id", "rule", "kind", "who", "claim", "quote", "date", "date_source", "articles", "independent", "grade",
    "conflicts", "variants", "citations", "article_ids", "story", "change", "previous_ids", "slots",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def cell(value: object) -> str:
    """Plain text that no spreadsheet will evaluate."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def slots_cell(fact: Fact) -> str:
    """The rule's own slots as `name=value` pairs: "count=12000; product=Glide 3 e-scooters"."""
    return "; ".join(f"{name}={value}" for name, value in fact.slots)


def row(fact: Fact, changes: Changes | None = None) -> list[str]:
    articles = sorted({c.article for c in fact.citations})
    change = changes.marks.get(fact.id) if changes is not None else None
    return [cell(v) for v in (
        fact.id, fact.rule, fact.kind, fact.who, fact.claim, "yes" if fact.quote else "no",
        fact.date.value if fact.date else "", fact.date.source if fact.date else "",
        fact.corroboration.articles, fact.corroboration.independent, fact.grade,
        "; ".join(c.slot for c in fact.conflicts), len(fact.variants), len(fact.citations),
        " ".join(articles), fact.story, change.mark if change else "",
        " ".join(changes.previous_ids(fact.id)) if changes is not None else "", slots_cell(fact),
    )]


def write(briefing: Briefing, path: Path, changes: Changes | None = None) -> None:
    """Write facts.csv row by row (a big build's is hundreds of megabytes)."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows(row(fact, changes) for fact in briefing.facts)
