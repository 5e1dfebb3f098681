"""Relative dates resolve against the article's date, with their grain."""

from __future__ import annotations

from datetime import date

import pytest

from factsheet.extract import dates
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
    ("The ferry line printed its timetable in mid-March.", date(2025, 6, 20), "2025-03", "month"),
    ("The new levy takes effect on Jan. 1.", NEW_YEARS_EVE_EVE, "2026-01-01", "day"),
    ("The depot closed on Dec. 30.", date(2026, 1, 2), "2025-12-30", "day"),
    ("A 2004 law cut the levy to five percent.", NEW_YEARS_EVE_EVE, "2004", "year"),
    ("The bill was signed into law last week.", NEW_YEARS_EVE_EVE, "2025-12", "month"),
    # a day a week or less after the paper's date is this year's, whatever the tense
    ("The rocket was seen over the border on Feb. 7.", date(2026, 2, 6), "2026-02-07", "day"),
    ("The ferry sank on Feb. 20.", date(2026, 2, 6), "2025-02-20", "day"),
])
def test_more_date_phrases_resolve(sentence: str, anchor: date, value: str, grain: str) -> None:
    resolved = resolve(find_dates(sentence)[0], anchor)
    assert resolved is not None
    assert (resolved.value, resolved.grain) == (value, grain)


def test_a_week_across_two_months_is_its_year() -> None:
    # the week before Wednesday 2025-12-03 ran from 24 to 30 November: one month, so it is given
    assert resolve(find_dates("They met last week.")[0], date(2025, 12, 3)).value == "2025-11"  # type: ignore[union-attr]
    # the week of 2025-10-01 spans September and October: the year is true, the article's day is not
    assert resolve(find_dates("They met this week.")[0], date(2025, 10, 1)).value == "2025"  # type: ignore[union-attr]
    # the week before Thursday 2026-01-01 ran from 22 to 28 December 2025
    assert resolve(find_dates("They met last week.")[0], date(2026, 1, 1)).value == "2025-12"  # type: ignore[union-attr]
    # across New Year no year is true of the whole week
    assert resolve(find_dates("They met last week.")[0], date(2026, 1, 5)) is None


@pytest.mark.parametrize(("sentence", "value"), [
    # the paper's date is its writer's day, hours behind the place of the news
    ("The ship sank early on Thursday off the coast.", "2025-12-11"),
    ("Thursday's storm closed the port.", "2025-12-11"),
    # a writer who means a week ago says so
    ("The ship sank last Thursday.", "2025-12-04"),
    ("The ship sank on Tuesday.", "2025-12-09"),
])
def test_the_weekday_after_the_articles_is_the_next_day(sentence: str, value: str) -> None:
    assert resolve(find_dates(sentence)[0], WEDNESDAY).value == value  # type: ignore[union-attr]


def _asides(sentence: str) -> list[str]:
    return [r.text for r in find_dates(sentence) if r.aside]


@pytest.mark.parametrize(("sentence", "aside"), [
    # a reduced relative on the noun of a prepositional phrase dates what it names, not the fact
    ("Ferry fares will rise by a fifth under the harbour rules adopted by the council last month.",
     "last month"),
    ("The firm complained about the rules introduced by regulators last year.", "last year"),
    ("Dresk expects fewer tourists for the spring and summer because of the toll approved last week.", "last week"),
    ("Dalen Mining is part of the group acquired by Sorrel Holdings in 2019.", "in 2019"),
    ("Protests are banned under a decree issued in late 2014.", "late 2014"),
    ("The crew lost contact with Brivia's first satellite launched earlier this week.", "earlier this week"),
    # a trailing subordinate clause with its own verb dates another event
    ("Holt Group rushed to pay its bonuses before the new levy takes effect on Jan. 1.", "Jan. 1"),
    ("The mill will stay open until the new owner takes over in March.", "in March"),
    ("Shares in Kelby slid an hour before the merger was announced on Monday.", "on Monday"),
    ("Fenwick sold its stake ahead of the levy taking effect on Jan. 1.", "Jan. 1"),
    ("Holt Group paid its bonuses before the levy took effect on Jan. 1.", "Jan. 1"),
    ("Tamsin Roe kept the plan quiet until she announced it late Monday.", "late Monday"),
])
def test_a_date_of_something_mentioned_in_passing_is_an_aside(sentence: str, aside: str) -> None:
    assert _asides(sentence) == [aside]


@pytest.mark.parametrize("sentence", [
    # the participle is the main verb
    "The council approved the budget last week.",
    "Parliament passed the law on Monday.",
    "The bill was signed into law last week.",
    "Shares of the bank jumped on Monday.",
    "The head of the port authority resigned on Monday.",
    "Officials of the city announced on Monday that the bridge would close.",
    "He said that shares of the lender fell sharply on Tuesday.",
    "The race was halted after 20 of 71 scheduled laps on Sunday.",
    # a reduced relative on the subject: left alone (telling it from a main verb needs a parse)
    "The tax measure signed into law this month spreads benefits across industry.",
    # attributions, leading clauses, and "when" (at the same time as its main clause) keep their dates
    "Police said on Monday that the man had fled.",
    "On Monday, before the vote, the mayor spoke to reporters.",
    "Before the levy takes effect on Jan. 1, firms are rushing to pay.",
    "Holt Group rushed to pay its bonuses, a spokesman said on Friday.",
    "The bus overturned when a truck hit it on Tuesday.",
    "Guards took up positions before New Year's Eve celebrations on Dec. 31, 2024.",
])
def test_a_date_of_the_sentence_s_own_fact_is_no_aside(sentence: str) -> None:
    refs = find_dates(sentence)
    assert refs, sentence
    assert not any(r.aside for r in refs), [r.text for r in refs if r.aside]


def test_an_aside_is_not_also_a_since() -> None:
    ref = find_dates("The plant ran at full speed until March.")[0]
    assert ref.since and not ref.aside


@pytest.mark.parametrize(("sentence", "anchor", "value", "grain"), [
    ("Orvik had $31 billion abroad as of the end of 2016.", NEW_YEARS_EVE_EVE, "2016-12", "month"),
    ("The fund was wound up at the end of 2016.", NEW_YEARS_EVE_EVE, "2016-12", "month"),
    ("The levy must be paid by the end of 2026.", NEW_YEARS_EVE_EVE, "2026-12", "month"),
    ("Rates were cut at the start of 2016.", NEW_YEARS_EVE_EVE, "2016-01", "month"),
    ("The index fell at the beginning of 2018.", NEW_YEARS_EVE_EVE, "2018-01", "month"),
    ("The mill reopened at the end of March 2016.", NEW_YEARS_EVE_EVE, "2016-03", "month"),
    ("The mill reopened at the end of March.", date(2025, 6, 20), "2025-03", "month"),
    ("The pipeline opened in early 2016.", NEW_YEARS_EVE_EVE, "2016", "year"),
    ("Talks stalled in late 2016.", NEW_YEARS_EVE_EVE, "2016", "year"),
    ("A first launch is targeted for mid-2027.", NEW_YEARS_EVE_EVE, "2027", "year"),
])
def test_the_edges_of_a_year_or_month_resolve(sentence: str, anchor: date, value: str, grain: str) -> None:
    resolved = resolve(find_dates(sentence)[0], anchor)
    assert resolved is not None
    assert (resolved.value, resolved.grain) == (value, grain)


@pytest.mark.parametrize(("sentence", "anchor", "value"), [
    # not in the past tense, a month a short way ahead across New Year is the coming one
    ("The ferry line publishes its timetable in mid-January.", NEW_YEARS_EVE_EVE, "2026-01"),
    ("Tarvik usually hands out its bonuses in January.", NEW_YEARS_EVE_EVE, "2026-01"),
    ("The ferry resumes service in February.", date(2025, 12, 15), "2026-02"),
    ("The council votes on the plan in November.", date(2025, 10, 2), "2025-11"),
    ("The scheduled vote takes place in January.", NEW_YEARS_EVE_EVE, "2026-01"),  # an -ed adjective
    # in the past tense the most recent such month
    ("The plant closed in November.", date(2026, 1, 5), "2025-11"),
    ("The plant closed in January.", NEW_YEARS_EVE_EVE, "2025-01"),
    ("Output was weak in February.", date(2025, 12, 15), "2025-02"),
    ("The mill reopened at the end of January.", NEW_YEARS_EVE_EVE, "2025-01"),
    # more than two months ahead stays in the past, whatever the tense
    ("The ferry line publishes its timetable in April.", NEW_YEARS_EVE_EVE, "2025-04"),
])
def test_a_month_without_a_year_looks_ahead_only_when_the_sentence_does(
        sentence: str, anchor: date, value: str) -> None:
    resolved = resolve(find_dates(sentence)[0], anchor)
    assert resolved is not None
    assert resolved.value == value


@pytest.mark.parametrize(("sentence", "absolute"), [
    ("The plant closed on March 4, 2016.", True),
    ("Reserves stood at 3 billion at the end of 2016.", True),
    ("A 2004 law cut the levy.", True),
    ("Reserves stood at 3 billion at the end of March.", False),
    ("The plant closed on Monday.", False),
])
def test_a_date_naming_its_year_needs_no_article_date(sentence: str, absolute: bool) -> None:
    from factsheet.extract.dates import is_absolute

    [ref] = find_dates(sentence)
    assert is_absolute(ref) is absolute


@pytest.mark.parametrize("sentence", [
    "She warned on WEDNESDAY that the talks had failed.",
    "The plant closed YESTERDAY EVENING, the mayor said.",
    "The talks resume at the close of Sept. 2026 or in mid-March.",
    "It was the 2004 law, signed on 3 Aug 2004, that changed it.",
    "Shipping fell ſince laſt week, and again laſt night.",
    "The İstanbul office reopened last Monday morning, 2026-03-04.",
])
def test_the_cheap_tests_skip_only_patterns_that_find_nothing(sentence: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """dates._possible only spares searches: with every pattern searched, the same dates are found."""
    found = find_dates(sentence)
    monkeypatch.setattr(dates, "_possible", lambda _: {kind for kind, _ in dates.PATTERNS})
    assert find_dates(sentence) == found


@pytest.mark.parametrize(("sentence", "date_words"), [
    # a wire dateline dates the article, not what the sentence it opens reports
    ("DRESK, Aug 27 (Wire) - The harbour council condemned the ferry operator on Tuesday.", "on Tuesday"),
    ("DRESK/CORVEL, Aug 27 (Wire) — The harbour council condemned the ferry operator.", None),
    # a listing's date is the date of what it lists
    ("Jan. 13 — A talk on the new quay at the Corvel library.", "Jan. 13"),
])
def test_a_wire_dateline_is_not_the_date_of_its_sentence(sentence: str, date_words: str | None) -> None:
    ref = dates.date_of_clause(sentence, (0, len(sentence)), None, quoted=False, reported=False)
    assert (ref.text if ref else None) == date_words
