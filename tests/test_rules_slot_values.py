"""A rule's own slot values across articles: the best-supported, most complete wording wins,
and wordings that hold one another are no conflict (factsheet/reconcile/slots.py)."""

from __future__ import annotations

from factsheet.model import Citation, Mention
from factsheet.reconcile.slots import choose_slots, holds


def _mention(article: str, **slots: str) -> Mention:
    return Mention(rule="recalls", kind="event", article=article, sentence=0, who="Brightline",
                   claim="Brightline recalled scooters over a fault", citation=Citation(article, 0, 10, "x"),
                   slots=tuple(slots.items()))


def test_the_fullest_wording_wins_over_the_more_frequent_short_one_it_holds() -> None:
    ms = [_mention("a", product="scooters"), _mention("b", product="scooters"),
          _mention("c", product="Glide 3 e-scooters")]
    chosen, conflicts = choose_slots(ms, {})
    assert chosen == (("product", "Glide 3 e-scooters"),)
    assert conflicts == []


def test_wordings_that_disagree_are_a_conflict_and_the_best_supported_wins() -> None:
    ms = [_mention("a", post="transport minister"), _mention("b", post="health minister"),
          _mention("c", post="transport minister")]
    chosen, conflicts = choose_slots(ms, {})
    assert chosen == (("post", "transport minister"),)
    [conflict] = conflicts
    assert conflict.slot == "post"
    assert [(v.value, v.articles) for v in conflict.values] == [("health minister", ("b",)),
                                                               ("transport minister", ("a", "c"))]


def test_a_reprint_supports_a_value_once() -> None:
    ms = [_mention("a", product="kettles"), _mention("a2", product="kettles"), _mention("b", product="toasters"),
          _mention("c", product="toasters")]
    chosen, _ = choose_slots(ms, {"a2": "a"})
    assert chosen == (("product", "toasters"),)


def test_numbers_compare_as_numbers_and_different_figures_conflict() -> None:
    ms = [_mention("a", count="12,000"), _mention("b", count="12000"), _mention("c", count="1,200")]
    chosen, conflicts = choose_slots(ms, {})
    assert chosen == (("count", "12000"),)
    assert [v.value for v in conflicts[0].values] == ["1200", "12000"]


def test_letter_case_alone_is_no_difference() -> None:
    ms = [_mention("a", post="Transport Minister"), _mention("b", post="transport minister"),
          _mention("c", post="transport minister")]
    chosen, conflicts = choose_slots(ms, {})
    assert chosen == (("post", "transport minister"),) and conflicts == []


def test_one_wording_holds_another_word_by_word() -> None:
    assert holds("Glide 3 e-scooters", "scooters")
    assert holds("leader of the Green Party", "Green Party")
    assert not holds("scooters", "Glide 3 e-scooters")
    assert not holds("e-scooter batteries", "scooters")


def test_a_big_figure_stays_in_plain_digits() -> None:
    assert choose_slots([_mention("a", count="1,000,000")], {})[0] == (("count", "1000000"),)
    assert choose_slots([_mention("a", count="2.5")], {})[0] == (("count", "2.5"),)
