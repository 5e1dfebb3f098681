"""Shared fixtures: paths to the real corpus (../shared) and the example story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SEEDS_GOLD = SHARED / "corpus" / "seeds.gold.yaml"
NEWS_CLUSTER = SHARED / "corpus" / "news_cluster" / "articles"
SCORE = SHARED / "eval" / "score.py"
EXAMPLES = ROOT / "examples" / "articles"
EXAMPLES_GOLD = ROOT / "examples" / "story.gold.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regenerate", action="store_true", help="rewrite golden files instead of comparing")


@pytest.fixture
def regenerate(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regenerate"))


EVENTS = (
    "thousands_flee_fireworks_explosion_at_australia_beach",
    "erie_smashes_snowfall_record_with_flakes_still_falling",
    "rihanna_calls_for_an_end_to_gun_violence_after_death_of_her_cousin_in_barbados",
)


@pytest.fixture(scope="session")
def three_events() -> list[str]:
    """Nine real articles about three events: several stories, several batches."""
    chosen = []
    for path in sorted(NEWS_CLUSTER.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("newsCluster", {}).get("Event") in EVENTS:
            chosen.append(str(path))
    assert len(chosen) == 9
    return chosen
