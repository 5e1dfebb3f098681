"""Grouping articles into stories by content, and a briefing that keeps the stories apart."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from factsheet import make_briefing
from factsheet.build.outputs import story_briefings
from factsheet.ingest.stories import group_stories
from factsheet.model import Article
from factsheet.render import facts_json
from factsheet.resources import builtin_dir
from factsheet.rules.loader import load_rules
from factsheet.rules.schema import RuleSet

from .conftest import EXAMPLES, ROOT, SEEDS

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "inputs"

FLOOD = [
    "Flood water swept through the village of Marrow Bend on Sunday after the Tessel river burst its banks.",
    "The Tessel river rose two metres overnight and flooded Marrow Bend, forcing 300 residents from their homes.",
    "Residents of Marrow Bend began cleaning up on Tuesday as the Tessel fell back below its banks.",
]
ELECTION = [
    "Voters in Caldera Province elected Ines Varga as governor with 54 percent of the vote.",
    "Ines Varga won the Caldera governor's race, beating the incumbent by eight points, officials said.",
]


def _articles(texts: list[str], prefix: str, day: date | None = None) -> list[Article]:
    return [Article(f"{prefix}{n}", f"{prefix}{n}.txt", t, published=day) for n, t in enumerate(texts)]


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules([builtin_dir("rules")])


def test_two_stories_are_told_apart() -> None:
    articles = _articles(FLOOD, "flood") + _articles(ELECTION, "vote")
    stories = group_stories(articles)
    assert [set(s.articles) for s in stories] == [{"flood0", "flood1", "flood2"}, {"vote0", "vote1"}]
    assert [s.id for s in stories] == ["s-1", "s-2"]


def test_an_unrelated_article_is_a_story_of_its_own() -> None:
    odd = Article("odd", "odd.txt", "A recipe for rhubarb crumble needs butter, flour, sugar and patience.")
    stories = group_stories([*_articles(FLOOD, "flood"), odd])
    assert [len(s.articles) for s in stories] == [3, 1]
    assert stories[1].articles == ("odd",)
    assert stories[1].title.startswith("A recipe for rhubarb crumble")


AGAIN = [
    "The Tessel river burst its banks at Marrow Bend again, and emergency crews evacuated the riverside streets.",
    "Marrow Bend was flooded by the Tessel for the second time, with water reaching the church steps.",
]


def test_a_decade_apart_a_similar_event_is_another_story() -> None:
    first = _articles(FLOOD, "early", date(2016, 3, 1))
    assert len(group_stories(first + _articles(AGAIN, "soon", date(2016, 3, 4)))) == 1
    assert len(group_stories(first + _articles(AGAIN, "late", date(2026, 3, 1)))) == 2


def test_grouping_does_not_depend_on_ids_order_or_metadata() -> None:
    articles = _articles(FLOOD, "flood") + _articles(ELECTION, "vote")
    renamed = [Article(f"z{n}", f"other/{n}.html", a.text, outlet="Same Outlet") for n, a in enumerate(articles)]
    shape = sorted(len(s.articles) for s in group_stories(articles))
    assert sorted(len(s.articles) for s in group_stories(renamed)) == shape
    assert sorted(len(s.articles) for s in group_stories(list(reversed(articles)))) == shape


def test_story_titles_are_bounded() -> None:
    giant = Article("z", "z.txt", "Z" + "\u0336\u0301" * 5000 + " said on Monday that the plan would go ahead.")
    [story] = group_stories([giant])
    assert len(story.title) <= 122 and story.title.endswith("…")
    long_title = Article("t", "t.txt", FLOOD[0], title="Flood " * 100)
    assert len(group_stories([long_title])[0].title) <= 122


def test_empty_and_single_inputs() -> None:
    assert group_stories([]) == []
    [story] = group_stories(_articles(FLOOD[:1], "one"))
    assert story.articles == ("one0",) and story.id == "s-1"


@pytest.mark.parametrize("folder", [SEEDS, EXAMPLES])
def test_one_story_runs_stay_one_story(folder: Path, rules: RuleSet) -> None:
    briefing = make_briefing([str(folder)], rules)
    assert len(briefing.stories) == 1
    assert {i.story for i in briefing.articles} == {"s-1"} and {f.story for f in briefing.facts} == {"s-1"}


def test_a_mixed_folder_becomes_chapters_with_story_ids(rules: RuleSet) -> None:
    briefing = make_briefing([str(FIXTURES)], rules)
    doc = facts_json.to_dict(briefing)
    story_of = {a["id"]: a["story"] for a in doc["articles"]}
    assert {s["id"] for s in doc["stories"]} == set(story_of.values()) == {"s-1", "s-2"}
    ferry = {i for i, s in story_of.items() if s == "s-1"}
    assert ferry == {"ferry_boilerplate", "ferry_cp1252", "ferry_record", "gazette-followup"}
    assert doc["stories"][0]["title"] == "Crane collapse shuts Port Aldren ferry terminal"
    ids = [f["id"] for f in doc["facts"]]
    assert len(ids) == len(set(ids)) and all(i.startswith("f-") for i in ids)  # unique across stories (identity.py)
    assert {f["story"] for f in doc["facts"]} == {"s-1", "s-2"}
    for fact in doc["facts"]:  # a fact never mixes stories
        assert {story_of[c["article"]] for c in fact["citations"]} == {fact["story"]}
    json.dumps(doc)


def test_a_story_can_be_taken_out_of_the_briefing(rules: RuleSet) -> None:
    briefing = make_briefing([str(FIXTURES)], rules)
    part = next(p for p in story_briefings(briefing) if p.stories[0][0] == "s-2")
    assert part.title == dict(briefing.stories)["s-2"] and part.stories == (("s-2", part.title),)
    assert {i.article.id for i in part.articles} == {"comet_records-1", "comet_records-2", "comet_scripted"}
    assert part.facts and all(f.story == "s-2" for f in part.facts)
    assert part.skipped == briefing.skipped


def test_stories_one_keeps_everything_together(rules: RuleSet) -> None:
    briefing = make_briefing([str(FIXTURES)], rules, stories="one")
    assert briefing.stories == (("s-1", briefing.title),)
    assert {i.story for i in briefing.articles} == {"s-1"}


def test_the_product_never_reads_the_event_labels() -> None:
    for path in (ROOT / "factsheet").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "newsCluster" not in text and "EventId" not in text, path
