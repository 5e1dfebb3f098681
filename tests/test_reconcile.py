"""Reconciling mentions across articles: paraphrases merge, different facts stay apart, reprints count once."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.model import Briefing
from factsheet.reconcile.refusals import is_refusal
from factsheet.render import facts_json
from factsheet.resources import builtin_dir
from factsheet.rules.loader import load_rules
from factsheet.rules.schema import RuleSet

from .outlets import build_outlets
from .seeds import outputs_under_hash_seeds


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules([builtin_dir("rules")])


def _articles_per_fact(briefing: Briefing) -> list[list[str]]:
    return sorted(sorted({c.article for c in f.citations}) for f in briefing.facts)


def test_a_paraphrase_in_another_article_is_the_same_fact(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Harbour Minister Ana Ruiz said the Dresk port would stay closed to tankers until the spill is cleared.",
               "The Dresk port will remain shut to tankers until the spill has been cleared, Ana Ruiz said.")
    assert _articles_per_fact(b) == [["01_outlet", "02_outlet"]]
    assert b.facts[0].corroboration.independent == 2


def test_two_facts_of_one_article_stay_apart(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Ana Ruiz said the Dresk port would stay closed to tankers.\n\n"
               "Ana Ruiz said the Dresk port would pay the tanker crews.")
    assert len(b.facts) == 2


def test_before_and_since_the_same_moment_are_two_facts(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Kestria and Orsavia signed their gas pact just before the border war of 2024.",
               "Kestria has drawn closer to Orsavia since the border war of 2024.")
    assert _articles_per_fact(b) == [["01_outlet"], ["02_outlet"]]


def test_a_reprint_counts_once(tmp_path: Path, rules: RuleSet) -> None:
    text = ("Harbour Minister Ana Ruiz said on Tuesday that the Dresk port would stay closed to tankers until "
            "the ammonia spill in the Orsa river has been cleared by the regional fire and rescue directorate.")
    b = build_outlets(tmp_path, rules, text + "\n\nThe directorate said the clean-up would take a week.", text)
    [fact] = [f for f in b.facts if "tankers" in f.claim]
    assert fact.corroboration.articles == 2 and fact.corroboration.independent == 1


# --- merging never invents corroboration (issue 14) -------------------------------------------

def test_two_named_companies_on_the_same_topic_are_two_facts(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Tarvik Bank had been expected to post quarterly profit of $1.4 billion before the levy.",
               "Norland Group said it expects a levy hit of as much as $9 billion this quarter.")
    assert _articles_per_fact(b) == [["01_outlet"], ["02_outlet"]]


def test_an_actor_and_its_rivals_are_two_actors(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Tarvik Bank will enjoy a sharp earnings surge next year from the levy cut, Tarvik Bank estimates.",
               "Some of Tarvik Bank’s rivals have also estimated earnings hits from the levy.")
    assert _articles_per_fact(b) == [["01_outlet"], ["02_outlet"]]


@pytest.mark.parametrize(("short", "long"), [
    ("Tarvik", "Tarvik Bank Group Inc."),
    ("Bank of Orsavia", "the Bank of Orsavia"),
])
def test_a_longer_form_of_a_name_is_the_same_actor(short: str, long: str) -> None:
    from factsheet.reconcile.actors import same_actor

    assert same_actor(short, long) and same_actor(long, short)


@pytest.mark.parametrize(("a", "b"), [
    ("Tarvik", "Analysts at Tarvik"),
    ("Tarvik Bank", "Norland Group"),
    ("Tarvik", "Tarvikson"),
])
def test_different_actors_are_not_the_same(a: str, b: str) -> None:
    from factsheet.reconcile.actors import same_actor

    assert not same_actor(a, b)


def test_figures_that_all_differ_keep_loosely_alike_claims_apart(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Officials expect the Orsa bridge repairs to cost 40 million crowns over two years.",
               "The ferry operator expects its fuel costs to rise by 12 percent.")
    assert _articles_per_fact(b) == [["01_outlet"], ["02_outlet"]]


def test_filings_on_two_different_days_are_two_events(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "The charge was disclosed in a filing with the Kestrian markets regulator on Tuesday.",
               "It delivered shares to its chief executive, according to filings with the markets regulator on Monday.")
    assert _articles_per_fact(b) == [["01_outlet"], ["02_outlet"]]


def test_events_joined_through_sentences_that_name_no_day_stay_two_events(tmp_path: Path, rules: RuleSet) -> None:
    # a launch on Tuesday and one on the Friday after, each told again without its day
    b = build_outlets(tmp_path, rules,
                      "Kestria fired a missile over Dresk island and into the sea on Tuesday.",
                      "The missile flew over Dresk island and fell into the sea.",
                      "Kestria fired another missile over Dresk island and into the sea on Friday.",
                      "The missile flew over Dresk island and fell into the northern sea.",
                      dates=["2026-03-04", "2026-03-04", "2026-03-13", "2026-03-13"])
    assert not any({"01_outlet", "03_outlet"} <= set(arts) for arts in _articles_per_fact(b))


def test_an_article_written_before_an_event_does_not_report_it(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
                      "Kestria fired a missile over Dresk island and into the northern sea on Friday.",
                      "A missile flew over Dresk island and into the northern sea.",
                      dates=["2026-03-06", "2026-02-20"])
    assert _articles_per_fact(b) == [["01_outlet"], ["02_outlet"]]


def test_a_conflicting_figure_in_a_close_paraphrase_is_one_fact_with_a_conflict(tmp_path: Path,
                                                                                  rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Tarvik Bank had 32.6 billion crowns in undistributed foreign earnings at the end of last year.",
               "Tarvik Bank had 31.2 billion crowns in undistributed foreign earnings at the end of last year.")
    assert _articles_per_fact(b) == [["01_outlet", "02_outlet"]]


# --- why sentences were merged, and which facts were kept apart (issue 14) ---------------------

def test_a_merged_fact_says_which_sentences_joined_it_and_on_which_words(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Harbour Minister Ana Ruiz said the Dresk port would stay closed to tankers until the spill is cleared.",
               "The Dresk port will remain shut to tankers until the spill has been cleared, Ana Ruiz said.")
    [fact] = b.facts
    [link] = fact.merged_on
    assert set(link.articles) == {"01_outlet", "02_outlet"}
    assert fact_similarity_is_above_the_threshold(link.similarity, rules)
    assert {"tankers", "spill"} <= set(link.shared)


def fact_similarity_is_above_the_threshold(similarity: float, rules: RuleSet) -> bool:
    return rules.reconcile.same_fact <= similarity <= 1.0


def test_facts_kept_apart_by_a_rule_are_shown_as_related_with_the_reason(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Tarvik Bank said it expects a levy charge of 3 billion crowns in the fourth quarter.",
               "Norland Group said it expects a levy charge of 9 billion crowns in the fourth quarter.")
    assert _articles_per_fact(b) == [["01_outlet"], ["02_outlet"]]
    first, second = b.facts
    assert [r.id for r in first.related] == [second.id] and [r.id for r in second.related] == [first.id]
    assert "two actors" in first.related[0].why


def test_unrelated_facts_are_not_related(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Tarvik Bank said it expects a levy charge of 3 billion crowns in the fourth quarter.",
               "The Orsa ferry will stop running for the winter on Friday, the operator said.")
    assert all(not f.related for f in b.facts)


def test_a_date_carried_from_the_sentence_before_loses_to_the_articles_that_give_none(
        tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Crews evacuated 200 homes near the Halvenor plant on Tuesday night, spokesman Teo Ianc said.\n\n"
               "He said part of the ammonia had escaped into the Orsa river through a drainage ditch.",
               "Some of the ammonia escaped into the Orsa river through a drainage ditch, officials said.",
               "Part of the ammonia ran into the Orsa river through a drainage ditch, fire officials said.")
    [fact] = [f for f in b.facts if "Orsa" in f.claim]
    assert len(fact.citations) == 3
    assert fact.date is not None and fact.date.value == "2026-03-04"


def test_an_officer_speaks_for_the_company_whose_post_they_hold(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Orvik Bank said it expects a hit of as much as $12 billion from the levy.",
               "On Monday, the Orvik Bank chief financial officer, Ann Ro, said the bank could face a $12 billion "
               "charge.")
    assert _articles_per_fact(b) == [["01_outlet", "02_outlet"]]


def test_an_officer_tied_to_the_company_in_the_other_sentence_is_the_same_actor(tmp_path: Path,
                                                                              rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Orvik Bank disclosed in a filing on Thursday that it had handed shares early to Orvik’s chief "
               "executive, Ann Ro, and other top managers.",
               "Chief Executive Officer Ann Ro was among managers receiving stock awards that were granted in "
               "earlier years.")
    assert _articles_per_fact(b) == [["01_outlet", "02_outlet"]]


def test_a_fact_told_as_a_statement_and_as_a_plain_sentence_is_the_speakers(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Chief Executive Officer Ann Ro was among managers receiving stock awards that were granted in "
               "earlier years.",
               "Orvik Bank disclosed in a filing on Thursday that it had handed shares early to Orvik’s chief "
               "executive, Ann Ro, and other top managers.")
    [fact] = b.facts
    assert fact.who == "Orvik Bank"


def test_a_person_near_a_company_name_does_not_speak_for_it(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Orvik Bank said it expects a hit of as much as $12 billion from the levy.",
               "Ann Ro, who left Orvik Bank in May, said the bank could face a $12 billion charge.")
    assert _articles_per_fact(b) == [["01_outlet"], ["02_outlet"]]


def test_one_company_giving_one_amount_in_two_articles_is_one_fact(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Corvel Ferries Ltd. will take a $45 million charge.",
               "Corvel Ferries said in a filing it could book a $45 million loss in its yearly accounts.")
    assert _articles_per_fact(b) == [["01_outlet", "02_outlet"]]


# --- a refusal to comment is one fact per actor (refusals.py) ---------------------------------

def test_one_companys_refusals_to_comment_in_two_articles_are_one_fact(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Tarvik Bank cut its forecast on Monday.\n\n"
               "Tarvik Bank declined to comment on whether it would sell the ferry line.",
               "Tarvik Bank cut its yearly forecast on Monday.\n\n"
               "The bank would not say whether the levy changes its plans for the quay.")
    [fact] = [f for f in b.facts if "comment" in f.claim or "would not say" in f.claim]
    assert sorted({c.article for c in fact.citations}) == ["01_outlet", "02_outlet"]
    assert [m.because for m in fact.merged_on] == ["both say Tarvik Bank would not comment"]
    [link] = next(f for f in facts_json.to_dict(b)["facts"] if f["id"] == fact.id)["merged_on"]
    assert link["because"] == "both say Tarvik Bank would not comment"  # facts.json says why (schema: because)


@pytest.mark.parametrize(("first", "second"), [
    ("Tarvik Bank declined to comment on the sale.", "Norland Group declined to comment on the sale of the line."),
    ("A spokesman declined to comment on the sale.", "A spokeswoman did not return calls about the ferry line."),
])
def test_refusals_by_two_actors_or_by_nobody_named_stay_apart(tmp_path: Path, rules: RuleSet, first: str,
                                                               second: str) -> None:
    b = build_outlets(tmp_path, rules, first, second)
    assert _articles_per_fact(b) == [["01_outlet"], ["02_outlet"]]


@pytest.mark.parametrize("claim", [
    "Tarvik Bank declined to comment.", "The bank did not immediately respond to a request for comment.",
    "Tarvik Bank could not be reached for comment.", "Ana Ruiz declined to say whether she would stay.",
    "The ministry had no comment.", "Tarvik Bank has not commented.", "The bank hasn't responded to requests.",
    "Tarvik Bank declined to immediately comment.", "The bank did not respond to an email.",
])
def test_what_a_refusal_is(claim: str) -> None:
    assert is_refusal(claim)


@pytest.mark.parametrize("claim", [
    "The bank did not return to profit.", "Ana Ruiz did not say much at first, then spoke for an hour.",
    "The ministry commented on the sale.",
    # a refusal that is not the sentence's main act, or is someone else's report of one
    "Tarvik Bank said the levy would raise fares, but did not elaborate.",
    "Tarvik Bank declined to comment on the sale but said it would keep the ferry line.",
    "Corvel Police said the pilot did not respond to calls from the tower.",
    "Mayor Ana Ruiz said the bank had declined to comment.",
])
def test_what_a_refusal_is_not(claim: str) -> None:
    assert not is_refusal(claim)


_WEIGHTS_IN_A_FRESH_PROCESS = """
from types import SimpleNamespace
from factsheet.reconcile.cluster import _weights
claims = ["Tarvik Bank will cut 200 jobs at its Corvel port office next spring",
          "The harbour board said the north quay would reopen to ferries in May"]
for w in _weights([SimpleNamespace(claim=c) for c in claims]):
    print(list(w), repr(sum(w.values())))
"""


def test_claim_weights_do_not_depend_on_the_hash_seed() -> None:
    """Two processes (two workers, or a rerun) weigh one claim alike, to the last bit of its sums."""
    runs = outputs_under_hash_seeds(_WEIGHTS_IN_A_FRESH_PROCESS)
    assert len(runs) == 1, runs


def test_two_states_speaking_of_one_event_are_two_facts(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "Kestria on Friday said it opposes missile launches by the Republic of Orsavia against council "
               "resolutions.",
               "The Dreskian government on Friday said a missile launched from the Republic of Orsavia had flown "
               "over its north and fallen into the sea.")
    assert _articles_per_fact(b) == [["01_outlet"], ["02_outlet"]]


@pytest.mark.parametrize(("a", "b", "two"), [
    ("the Kestrian government", "Orsavia", True),
    ("Kestrian officials", "Dreskian government", True),
    ("Kestrian government", "Kestria", False),
])
def test_a_nations_government_is_told_apart_from_another_state(a: str, b: str, two: bool) -> None:
    from factsheet.reconcile.actors import _two_nations

    assert _two_nations(a, b) is two and _two_nations(b, a) is two


def test_claims_sharing_only_a_name_are_two_facts(tmp_path: Path, rules: RuleSet) -> None:
    b = build_outlets(tmp_path, rules,
               "It was his second title in a row after helping the Corvel City Rovers to victory last season.",
               "Congratulations to the new champions from the Corvel City Rovers!")
    assert _articles_per_fact(b) == [["01_outlet"], ["02_outlet"]]
