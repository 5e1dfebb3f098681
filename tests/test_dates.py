"""Relative dates resolve against the article's date, with their grain."""

from __future__ import annotations

from datetime import date

import pytest

from factsheet.extract.dates import find_dates, resolve

WEDNESDAY = date(2025, 12, 10)


@pytest.mark.parametrize(("sentence", "value", "grain"), [
    ("She warned on Wednesday that the talks had failed.", "2025-12-10", "day"),
    ("He said on Monday that the port was closed.", "2025-12-08", "day"),
    ("The minister is expected to visit on Thursday.", "2025-12-11", "day"),
    ("The council will meet on Friday to vote.", "2025-12-12", "day"),
    ("Prices rose sharply last month.", "2025-11", "month"),
    ("In September the summit took place.", "2025-09", "month"),
    ("In June, the paper wrote that supplies had grown.", "2025-06", "month"),
    ("The accord was signed in May 2025.", "2025-05", "month"),
    ("The invasion began in February 2022.", "2022-02", "month"),
    ("The law passed on 3 March 2024.", "2024-03-03", "day"),
    ("It happened on December 2, 2025.", "2025-12-02", "day"),
    ("The plant closed yesterday.", "2025-12-09", "day"),
    ("Output fell last year.", "2024", "year"),
])
def test_date_phrases_resolve(sentence: str, value: str, grain: str) -> None:
    refs = find_dates(sentence)
    assert refs, sentence
    resolved = resolve(refs[0], WEDNESDAY)
    assert resolved is not None
    assert (resolved.value, resolved.grain) == (value, grain)


def test_a_future_word_inside_a_claim_does_not_move_a_past_month() -> None:
    ref = find_dates("In September, the envoy stressed that the war could end the very next day.")[0]
    assert resolve(ref, WEDNESDAY).value == "2025-09"  # type: ignore[union-attr]


@pytest.mark.parametrize("sentence", [
    "Do you have a car?",
    "They may agree to the plan.",
    "The vote was 12 to 3.",
])
def test_no_date_where_there_is_none(sentence: str) -> None:
    assert find_dates(sentence) == []


def test_relative_dates_need_an_anchor() -> None:
    ref = find_dates("The talks ended on Tuesday.")[0]
    assert resolve(ref, None) is None


NEW_YEARS_EVE_EVE = date(2025, 12, 29)  # a Monday


@pytest.mark.parametrize(("sentence", "anchor", "value", "grain"), [
    ("The lender reported its results in mid-March.", date(2025, 6, 20), "2025-03", "month"),
    ("The new levy takes effect on Jan. 1.", NEW_YEARS_EVE_EVE, "2026-01-01", "day"),
    ("The depot closed on Dec. 30.", date(2026, 1, 2), "2025-12-30", "day"),
    ("A 2004 law cut the levy to five percent.", NEW_YEARS_EVE_EVE, "2004", "year"),
    ("The bill was signed into law last week.", NEW_YEARS_EVE_EVE, "2025-12", "month"),
])
def test_more_date_phrases_resolve(sentence: str, anchor: date, value: str, grain: str) -> None:
    resolved = resolve(find_dates(sentence)[0], anchor)
    assert resolved is not None
    assert (resolved.value, resolved.grain) == (value, grain)


def test_a_week_across_two_months_has_no_date() -> None:
    # the week before Wednesday 2025-12-03 ran from 24 to 30 November: one month, so it is given
    assert resolve(find_dates("They met last week.")[0], date(2025, 12, 3)).value == "2025-11"  # type: ignore[union-attr]
    # the week before Monday 2025-09-01 ran from 25 to 31 August; the week of 2025-10-01 spans two months
    assert resolve(find_dates("They met this week.")[0], date(2025, 10, 1)) is None
