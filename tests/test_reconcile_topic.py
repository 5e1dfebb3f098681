"""Two sentences that share only the words a whole story keeps using are two facts, not one corroborated fact.

The story below is invented: a bank's charge from a new harbour levy, told by
two outlets. "harbour", "levy", "Tarvik" and "bank" are in nearly every
sentence of both, so two sentences that share only those (and one other word)
say two things about the same topic; a close paraphrase shares many words of
its own and still merges. The same holds when another story is built in the
same run, because topic words are counted per article, not per run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.model import Briefing, Fact
from factsheet.reconcile import cluster
from factsheet.resources import builtin_dir
from factsheet.rules.loader import load_rules
from factsheet.rules.schema import RuleSet

from .outlets import build_outlets

LEVY_A = """Tarvik Bank expects the new harbour levy to cost it 2 billion crowns, it said on Friday.

Tarvik Bank on Friday was among the first lenders to set out in detail how the harbour levy would reshape its \
ferry loans.

Those Norvik port credits lose value under the lower harbour levy rate.

Tarvik Bank said most of the harbour levy charge comes from the lower value of cargo held in Dresk."""

LEVY_B = """Tarvik Bank will take a 2 billion crown charge because of the harbour levy.

The Dresk lender on Friday was among the first to set out in detail how the harbour levy would reshape its \
ferry loans.

Ferry operators in Kestria have asked for a delay.

The lower harbour levy takes effect in March, the finance ministry said."""

STADIUM_A = """The Orsa Rovers football club will move to a new stadium by the river next season.

The club said the stadium will hold 30,000 fans."""

STADIUM_B = """Orsa Rovers will play at a new riverside stadium from next season, the club said.

The new stadium will seat 30,000 fans."""

PARAPHRASE = "was among the first"
EFFECT, CREDITS = "takes effect in March", "port credits lose value"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules([builtin_dir("rules")])


def _fact(briefing: Briefing, words: str) -> Fact:
    [fact] = [f for f in briefing.facts if any(words in c.text for c in f.citations)]
    return fact


def _articles(fact: Fact) -> list[str]:
    return sorted({c.article for c in fact.citations})


@pytest.mark.parametrize("mixed", [False, True], ids=["one story", "two stories in one run"])
def test_sentences_sharing_only_the_stories_topic_words_stay_apart_and_are_shown_related(
        tmp_path: Path, rules: RuleSet, mixed: bool) -> None:
    bodies = (LEVY_A, STADIUM_A, LEVY_B, STADIUM_B) if mixed else (LEVY_A, LEVY_B)
    b = build_outlets(tmp_path, rules, *bodies)
    effect, credits = _fact(b, EFFECT), _fact(b, CREDITS)
    assert effect.id != credits.id
    assert effect.corroboration.independent == 1 and credits.corroboration.independent == 1
    [why] = [r.why for r in effect.related if r.id == credits.id]
    assert "recurring words" in why and "levy" in why


@pytest.mark.parametrize("mixed", [False, True], ids=["one story", "two stories in one run"])
def test_a_paraphrase_across_outlets_still_merges(tmp_path: Path, rules: RuleSet, mixed: bool) -> None:
    bodies = (LEVY_A, STADIUM_A, LEVY_B, STADIUM_B) if mixed else (LEVY_A, LEVY_B)
    b = build_outlets(tmp_path, rules, *bodies)
    paraphrase = _fact(b, PARAPHRASE)
    assert len(_articles(paraphrase)) == 2 and paraphrase.corroboration.independent == 2
    if mixed:  # the other story's paraphrases merge too, and never with this story's facts
        stadium = _fact(b, "30,000 fans")
        assert _articles(stadium) == ["02_outlet", "04_outlet"]


def test_without_the_rule_the_topic_pair_would_have_merged(tmp_path: Path, rules: RuleSet,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Alike enough to merge on their words alone ("lower harbour levy"): it is the topic rule that keeps
    the levy's start apart from the other outlet's sentences, and its corroboration honest."""
    monkeypatch.setattr(cluster, "TOPIC_ONLY", 1.0)
    b = build_outlets(tmp_path, rules, LEVY_A, LEVY_B)
    assert len(_articles(_fact(b, EFFECT))) == 2


def test_a_word_one_article_keeps_using_is_a_topic_word_only_with_the_other_articles_uses(
        tmp_path: Path, rules: RuleSet) -> None:
    """Counted per article: "levy" in every sentence of both outlets is topic; "shippers", in one
    sentence of each, is not, so sentences sharing it and two other specific words merge."""
    a = LEVY_A + "\n\nShippers in Norvik staged a protest against the levy at the Dresk ferry terminal."
    b_ = LEVY_B + "\n\nShippers staged a protest at the Dresk ferry terminal against the levy, police said."
    b = build_outlets(tmp_path, rules, a, b_)
    assert len(_articles(_fact(b, "staged a protest"))) == 2
