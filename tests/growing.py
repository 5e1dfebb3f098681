"""A story that grows over three days, built the way a daily scheduled run builds it.

tests/fixtures/growing/dayN holds the inputs of day N (written for these
tests): day 1, two articles; day 2, a third that corroborates the minister's
statement and gives another passenger count; day 3, the Harbour Times
article corrected (its passenger count and a statement gone) and the
Coastwire article no longer among the inputs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from factsheet.build.pipeline import BuildResult, build
from factsheet.build.runner import point_latest

GROWING = Path(__file__).parent / "fixtures" / "growing"
DAYS = ("2026-05-11", "2026-05-12", "2026-05-13")


def build_days(root: Path, days: int = 3) -> list[BuildResult]:
    """Each day into root/<date>/, then `latest` switched to it, as runner.run does."""
    results = []
    for n, day in enumerate(DAYS[:days], 1):
        result = build([str(GROWING / f"day{n}")], root / day, jobs=1)
        point_latest(root, root / day)
        results.append(result)
    return results


def facts_json(folder: Path) -> dict[str, Any]:
    return dict(json.loads((folder / "facts.json").read_text(encoding="utf-8")))


def by_who(doc: dict[str, Any], who: str) -> dict[str, Any]:
    """The one fact of a facts.json said or done by `who`."""
    [fact] = [f for f in doc["facts"] if f["who"] == who]
    return dict(fact)


def change_of(doc: dict[str, Any], who: str) -> dict[str, Any]:
    """The one entry of facts.json's `changes` about the fact of `who`."""
    [entry] = [c for c in doc["changes"]["facts"] if c["who"] == who]
    return dict(entry)
