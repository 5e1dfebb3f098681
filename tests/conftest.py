"""Shared fixtures: paths to the real corpus (../shared) and the example story."""

from __future__ import annotations

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
