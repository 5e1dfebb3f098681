"""Small multi-outlet stories of our own, built as a run would build them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from factsheet.build.pipeline import make_briefing
from factsheet.model import Briefing
from factsheet.rules.schema import RuleSet


def build_outlets(tmp_path: Path, rules: RuleSet, *bodies: str, dates: Sequence[str] = ()) -> Briefing:
    """Each body as one outlet's article (01_outlet, 02_outlet, ...), all one story, of 2026-03-04 or of
    the date `dates` gives it."""
    for n, body in enumerate(bodies, 1):
        day = dates[n - 1] if n <= len(dates) else "2026-03-04"
        (tmp_path / f"{n:02d}_outlet.txt").write_text(f"date {day}\n\n{body}\n", encoding="utf-8")
    return make_briefing([str(tmp_path)], rules, stories="one", jobs=1)
