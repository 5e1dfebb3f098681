"""A rule's single_source policy: scene-setting only one article has is left out; checkable facts stay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factsheet.model import Citation, Corroboration, DateValue, Fact
from factsheet.reconcile import background
from factsheet.rules.schema import SingleSource

POLICY = SingleSource(needs=["name", "figure", "date", "actor"], hedges=["may have"])


def _fact(claim: str, who: str | None = None, independent: int = 1, dated: bool = False) -> Fact:
    return Fact(id="f-1", rule="report", kind="event", who=who, claim=claim,
                date=DateValue("on Monday", "2026-03-02", "day", "text") if dated else None,
                citations=(Citation("a", 0, len(claim), claim),), corroboration=Corroboration(independent, independent))


@pytest.mark.parametrize(("claim", "who", "dated", "out"), [
    ("Meanwhile, talks continued as fighting went on.", "talks", False, True),
    ("Relations between the two countries have continued to deepen.", "Relations", False, True),
    ("Sorry, this page is not available.", "Sorry", False, True),
    ("The fire spread to the Halvenor warehouse.", None, False, False),  # a name
    ("The fire burned for nearly six hours.", None, False, False),  # a figure
    ("Thousands of residents left the town.", None, False, False),  # a figure at the start
    ("The bridge reopened to traffic.", None, True, False),  # a date
    ("Opposition lawmakers called for an inquiry.", "Opposition lawmakers", False, False),  # an actor (role)
    ("Police kept the crowd back from the tanks.", "police", False, False),  # a role word
    ("Beijing may have sent weapons to the front.", "Beijing", False, True),  # hedged
])
def test_what_a_single_source_sentence_must_hold(claim: str, who: str | None, dated: bool, out: bool) -> None:
    assert background.left_out(_fact(claim, who, dated=dated), POLICY, {}) is out


def test_a_corroborated_sentence_is_always_kept() -> None:
    assert not background.left_out(_fact("Meanwhile, talks continued.", independent=2), POLICY, {})


def test_without_a_policy_nothing_is_left_out() -> None:
    assert not background.left_out(_fact("Meanwhile, talks continued."), None, {})


def test_a_one_word_actor_is_a_name_when_the_article_writes_it_so_mid_sentence() -> None:
    fact = _fact("Halvenor kept the plant closed.", who="Halvenor")
    assert background.left_out(fact, SingleSource(needs=["actor"]), {"a": "Its owner, Halvenor, said little."}) is False
    assert background.left_out(fact, SingleSource(needs=["actor"]), {"a": "Halvenor kept the plant closed."}) is True


def test_the_build_counts_what_it_left_out(tmp_path: Path) -> None:
    from factsheet.build.pipeline import make_briefing
    from factsheet.resources import builtin_dir
    from factsheet.rules.loader import load_rules

    (tmp_path / "a.txt").write_text("date 2026-03-04\n\nThe Dresk Water Company closed its intake on Tuesday.\n\n"
                                    "Meanwhile, the mood in town stayed calm and quiet.\n", encoding="utf-8")
    briefing = make_briefing([str(tmp_path)], load_rules([builtin_dir("rules")]), jobs=1)
    assert [f.claim for f in briefing.facts] == ["The Dresk Water Company closed its intake on Tuesday."]
    assert briefing.background == 1
    from factsheet.render import facts_json
    assert json.loads(facts_json.dumps(briefing))["background_left_out"] == 1



def test_a_one_word_actor_is_a_name_when_another_article_of_the_story_writes_it_so() -> None:
    fact = _fact("Halvenor declined to comment on the plant.", who="Halvenor")
    texts = {"a": "Halvenor declined to comment on the plant.", "b": "A fine for Halvenor is likely."}
    assert background.left_out(fact, SingleSource(needs=["actor"]), texts) is False
