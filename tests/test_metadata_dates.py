"""Metadata dates in any common form are read; a date nobody can read is named in a warning, never dropped silently."""

from __future__ import annotations

import email.utils
import logging
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheet.ingest.formats import record_article
from factsheet.ingest.load import load_paths
from factsheet.ingest.reading import parse_date, read_date

STORY = "The ferry operator said on Monday that sailings to the island would resume on Friday.\n"
# No deadline: the first value that reaches dateparser imports it (about a second on a busy machine).
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
days = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


@pytest.mark.parametrize(("text", "day"), [
    ("2025-03-04", date(2025, 3, 4)),
    ("2025-03-04T23:30:00-05:00", date(2025, 3, 4)),
    ("2025-03-04T23:30:00Z", date(2025, 3, 4)),
    ("2025-03-04 10:00:00", date(2025, 3, 4)),
    ("20250304", date(2025, 3, 4)),
    ("Tue, 04 Mar 2025 23:30:00 -0500", date(2025, 3, 4)),
    ("March 4, 2025", date(2025, 3, 4)),
    ("Mar. 4, 2025", date(2025, 3, 4)),
    ("4 March 2025", date(2025, 3, 4)),
    ("4th March 2025", date(2025, 3, 4)),
    ("Tuesday, 4 March 2025 10:00 CET", date(2025, 3, 4)),
    ("March 4th, 2025 at 10:00 a.m.", date(2025, 3, 4)),
    ("2025/3/4", date(2025, 3, 4)),
    ("13/03/2025", date(2025, 3, 13)),
    ("03/13/2025", date(2025, 3, 13)),
    ("4 mars 2025", date(2025, 3, 4)),
    ("4. März 2025", date(2025, 3, 4)),
])
def test_common_forms_name_their_day(text: str, day: date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(("text", "why"), [
    ("March 2025", "names no full day"),
    ("2025", "names no full day"),
    ("Monday", "names no day"),
    ("yesterday", "names no day"),
    ("03/04/2025", "either way round: 3 and 4"),
    ("4 Mar 25", "year is not written in full"),
    ("Tue, 04 Mar 25 23:30:00 GMT", "year is not written in full"),
    ("2025-02-30", "no day 2025-02-30"),
    ("soon, we hope 12", "not a date"),
])
def test_what_names_no_single_day_is_refused_with_the_reason(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        read_date(text)
    assert parse_date(text) is None


@PROPERTY
@given(days)
def test_iso_dates_round_trip(day: date) -> None:
    assert parse_date(day.isoformat()) == day


@PROPERTY
@given(days, st.times(), offsets)
def test_iso_times_keep_the_day_the_publisher_wrote(day: date, at: object, tz: timezone) -> None:
    stamp = datetime.combine(day, at, tzinfo=tz)  # type: ignore[arg-type]
    assert parse_date(stamp.isoformat()) == day
    assert parse_date(stamp) == day


@PROPERTY
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)), st.times(), offsets)
def test_rfc_2822_dates_keep_the_day_the_publisher_wrote(day: date, at: object, tz: timezone) -> None:
    stamp = datetime.combine(day, at, tzinfo=tz)  # type: ignore[arg-type]
    assert parse_date(email.utils.format_datetime(stamp)) == day


@PROPERTY
@given(days, st.sampled_from(["%B %d, %Y", "%d %B %Y", "%A, %B %d, %Y", "%b %d %Y", "%d %b %Y", "%A %d %B %Y %H:%M"]))
def test_english_month_names_are_read(day: date, form: str) -> None:
    text = datetime.combine(day, datetime.min.time()).strftime(form)
    assert parse_date(text) == day


@PROPERTY
@given(days)
def test_numeric_dates_are_read_only_when_day_and_month_cannot_be_swapped(day: date) -> None:
    text = f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    if day.day > 12 or day.day == day.month:
        assert parse_date(text) == day
    else:
        assert parse_date(text) is None


@PROPERTY
@given(days)
def test_a_month_without_a_day_is_never_filled_in(day: date) -> None:
    assert parse_date(day.strftime("%B %Y")) is None


@PROPERTY
@given(st.one_of(st.text(max_size=120), st.integers(), st.floats(), st.none(), st.booleans(), st.lists(st.text())))
def test_any_value_gives_a_date_or_none_never_an_error(value: object) -> None:
    assert parse_date(value, where="x.md") is None or isinstance(parse_date(value), date)


def test_front_matter_dates_in_words_are_read(tmp_path: Path) -> None:
    (tmp_path / "ferry.md").write_text(f"---\npublished: March 4, 2025\n---\n{STORY}", encoding="utf-8")
    (tmp_path / "rss.md").write_text(f"---\ndate: 'Tue, 04 Mar 2025 23:30:00 -0500'\n---\n{STORY}x\n",
                                     encoding="utf-8")
    by_id = {a.id: a for a in load_paths([str(tmp_path)]).articles}
    assert by_id["ferry"].published == date(2025, 3, 4)
    assert by_id["rss"].published == date(2025, 3, 4)


def test_an_unreadable_front_matter_date_is_named_in_one_warning(tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "ferry.md").write_text(f"---\npublished: sometime in spring\n---\n{STORY}", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        loaded = load_paths([str(tmp_path)])
    assert loaded.articles[0].published is None  # still used, as an undated article
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert str(tmp_path / "ferry.md") in warnings[0] and "'sometime in spring'" in warnings[0]
    assert "front matter published" in warnings[0] and "YYYY-MM-DD" in warnings[0]


def test_news_please_date_publish_in_rfc_2822_is_read_and_a_bad_one_is_named(
        caplog: pytest.LogCaptureFixture) -> None:
    record = {"title": "Sailings resume", "maintext": STORY, "date_publish": "Tue, 04 Mar 2025 08:00:00 +0100"}
    assert record_article(record, "feed.jsonl:3", "feed-3").published == date(2025, 3, 4)
    with caplog.at_level(logging.WARNING):
        article = record_article({**record, "date_publish": "03/04/2025"}, "feed.jsonl:4", "feed-4")
    assert article.published is None
    assert [r.getMessage() for r in caplog.records] == [
        "feed.jsonl:4: date_publish '03/04/2025' is not a date factsheet can read (day and month could be either "
        "way round: 3 and 4); the article is treated as undated. Write it as YYYY-MM-DD"]


def test_no_date_at_all_is_not_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert parse_date(None, where="a.md") is None
        assert parse_date("  ", where="a.md") is None
    assert caplog.records == []
