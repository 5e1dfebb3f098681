"""Every story with a reference answer, built and scored the way the product is judged.

Shared by the quality gate (tests/test_quality_gate.py) and the quality table
(bench/quality.py), so both score exactly the same builds.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from factsheet import make_briefing
from factsheet.render import facts_json
from factsheet.resources import builtin_dir
from factsheet.rules.loader import load_rules

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "eval" / "score.py"
GOLD_DIR = SHARED / "corpus" / "news_cluster" / "gold"
NEWS_ARTICLES = SHARED / "corpus" / "news_cluster" / "articles"
KEYS = ("recall", "precision", "sources", "independent", "who", "date", "fragments", "merged")
# the goal on every story (issue 14); fragments and merged are maxima
GOAL = {"recall": 0.95, "precision": 0.85, "sources": 0.8, "independent": 0.8, "who": 0.85, "date": 0.8,
        "fragments": 1.2, "merged": 1}


@dataclass(frozen=True)
class GoldStory:
    name: str
    gold: Path
    articles: tuple[Path, ...]  # files, or one folder


def gold_stories() -> list[GoldStory]:
    """The seeds, the example story, and every news_cluster story with a reference answer."""
    stories = [
        GoldStory("seeds", SHARED / "corpus" / "seeds.gold.yaml", (SHARED / "corpus" / "seeds",)),
        GoldStory("examples", ROOT / "examples" / "story.gold.yaml", (ROOT / "examples" / "articles",)),
    ]
    for gold in sorted(GOLD_DIR.glob("*.gold.yaml")):
        stems: set[str] = set()
        for fact in yaml.safe_load(gold.read_text("utf-8"))["facts"]:
            stems |= set(fact.get("evidence") or {}) | set(fact.get("also") or {})
        files = tuple(NEWS_ARTICLES / f"{stem}.json" for stem in sorted(stems))
        stories.append(GoldStory(gold.name.removesuffix(".gold.yaml"), gold, files))
    return stories


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score", SCORE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_story(story: GoldStory) -> dict[str, Any]:
    """Build the story's articles (as one folder, like the pre-stop check does) and score facts.json."""
    with tempfile.TemporaryDirectory() as tmp:
        inputs = [str(p) for p in story.articles]
        if len(story.articles) > 1:
            for path in story.articles:
                shutil.copy(path, tmp)
            inputs = [tmp]
        briefing = make_briefing(inputs, load_rules([builtin_dir("rules")]))
        result: dict[str, Any] = _scorer().score(facts_json.to_dict(briefing),
                                                 yaml.safe_load(story.gold.read_text("utf-8")))
    return result


def misses(result: dict[str, Any]) -> Iterator[str]:
    """The measures of one story that fall short of the goal."""
    for key in KEYS:
        value, goal = result[key], GOAL[key]
        short = value > goal if key in ("fragments", "merged") else value < goal
        if short:
            yield key
