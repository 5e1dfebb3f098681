"""Reconciling mentions across articles: paraphrases merge, different facts stay apart, reprints count once."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.build.pipeline import make_briefing
from factsheet.model import Briefing
from factsheet.resources import builtin_dir
from factsheet.rules.loader import load_rules
from factsheet.rules.schema import RuleSet


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules([builtin_dir("rules")])


def _build(tmp_path: Path, rules: RuleSet, *bodies: str) -> Briefing:
    for n, body in enumerate(bodies, 1):
        (tmp_path / f"{n:02d}_outlet.txt").write_text(f"date 2026-03-04\n\n{body}\n", encoding="utf-8")
    return make_briefing([str(tmp_path)], rules, stories="one", jobs=1)


def _articles_per_fact(briefing: Briefing) -> list[list[str]]:
    return sorted(sorted({c.article for c in f.citations}) for f in briefing.facts)


def test_a_paraphrase_in_another_article_is_the_same_fact(tmp_path: Path, rules: RuleSet) -> None:
    b = _build(tmp_path, rules,
               "Harbour Minister Ana Ruiz said the Dresk port would stay closed to tankers until the spill is cleared.",
               "The Dresk port will remain shut to tankers until the spill has been cleared, Ana Ruiz said.")
    assert _articles_per_fact(b) == [["01_outlet", "02_outlet"]]
    assert b.facts[0].corroboration.independent == 2


def test_two_facts_of_one_article_stay_apart(tmp_path: Path, rules: RuleSet) -> None:
    b = _build(tmp_path, rules,
               "Ana Ruiz said the Dresk port would stay closed to tankers.\n\n"
               "Ana Ruiz said the Dresk port would pay the tanker crews.")
    assert len(b.facts) == 2


def test_before_and_since_the_same_moment_are_two_facts(tmp_path: Path, rules: RuleSet) -> None:
    b = _build(tmp_path, rules,
               "Kestria and Orsavia signed their gas pact just before the border war of 2024.",
               "Kestria has drawn closer to Orsavia since the border war of 2024.")
    assert _articles_per_fact(b) == [["01_outlet"], ["02_outlet"]]


def test_a_reprint_counts_once(tmp_path: Path, rules: RuleSet) -> None:
    text = ("Harbour Minister Ana Ruiz said on Tuesday that the Dresk port would stay closed to tankers until "
            "the ammonia spill in the Orsa river has been cleared by the regional fire and rescue directorate.")
    b = _build(tmp_path, rules, text + "\n\nThe directorate said the clean-up would take a week.", text)
    [fact] = [f for f in b.facts if "tankers" in f.claim]
    assert fact.corroboration.articles == 2 and fact.corroboration.independent == 1
