"""Small multi-outlet stories of our own, built as a run would build them."""

from __future__ import annotations

from pathlib import Path

from factsheet.build.pipeline import make_briefing
from factsheet.model import Briefing
from factsheet.rules.schema import RuleSet


def build_outlets(tmp_path: Path, rules: RuleSet, *bodies: str) -> Briefing:
    """Each body as one outlet's article of 2026-03-04 (01_outlet, 02_outlet, ...), all one story."""
    for n, body in enumerate(bodies, 1):
        (tmp_path / f"{n:02d}_outlet.txt").write_text(f"date 2026-03-04\n\n{body}\n", encoding="utf-8")
    return make_briefing([str(tmp_path)], rules, stories="one", jobs=1)
