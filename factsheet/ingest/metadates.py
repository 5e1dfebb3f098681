"""Publication dates from metadata (front matter, manifests, news-please `date_publish`) in any common form.

Feeds and hand-written front matter say `2025-03-04`, `2025-03-04T23:30:00-05:00`,
`Tue, 04 Mar 2025 23:30:00 -0500` (RSS, e-mail), `March 4, 2025`, `4 March 2025`
or `4 mars 2025` (other languages through dateparser, which htmldate brings).
All of them name one day, and that day is what the article's date is: the
day as the publisher wrote it, never shifted to UTC (a story filed at 23:30
in New York was published that day, not the next).

What is refused, with the reason, rather than guessed: a value that names
no day (`March 2025`, `Monday`, `yesterday`), a numeric date whose day and
month could be swapped (`03/04/2025`), a two-digit year, a number, text
that is not a date. The caller warns and leaves the article undated.

Dates inside sentences ("on Monday", "last month") are another job:
factsheet/extract/dates.py resolves those against this date.
"""

from __future__ import annotations

import email.utils
import re
from datetime import date, datetime

MAX_CHARS = 100  # longer text is not a date; the parsers are never given it

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")
_ISO_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T[\d:.]+)?(?:Z|[+-]\d{2}:?\d{2})?")
_RFC_2822 = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
_NUMERIC = re.compile(r"(\d{1,4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,4})\.?(?=$|[\sT,])")
_DIGITS = re.compile(r"\d")
# dateutil fills missing parts from a default: parsing with two defaults that differ in every
# part shows which parts the text really gave.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


def read_date(value: object) -> date:
    """The day a metadata value names; ValueError with a short reason when it names none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or not isinstance(value, str):
        raise ValueError("a number or other value, not a date" if isinstance(value, int | float)
                         else "not a date")
    text = " ".join(value.split())
    if not text:
        raise ValueError("empty")
    if len(text) > MAX_CHARS:
        raise ValueError(f"longer than {MAX_CHARS} characters")
    if m := _ISO.match(text):
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _ISO_COMPACT.fullmatch(text):
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if not _DIGITS.search(text):
        raise ValueError("names no day")
    if m := _NUMERIC.match(text):
        return _numeric(m.group(1), m.group(3), m.group(4))
    if _RFC_2822.match(text) and (parts := email.utils.parsedate_tz(text)):
        found = _day(parts[0], parts[1], parts[2])
    else:
        found = _words(text)
    if not re.search(rf"(?<!\d){found.year:04d}(?!\d)", text):
        raise ValueError("the year is not written in full")
    return found


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"there is no day {year:04d}-{month:02d}-{day:02d}") from None


def _numeric(a: str, b: str, c: str) -> date:
    """2025/03/04 (year first), or 13/03/2025 and 03/13/2025 when the day is the number over 12."""
    if len(a) == 4:
        return _day(int(a), int(b), int(c))
    if len(c) != 4:
        raise ValueError("the year is not written in full")
    first, second, year = int(a), int(b), int(c)
    if first > 12 >= second:
        return _day(year, second, first)
    if second > 12 >= first:
        return _day(year, first, second)
    if first == second:
        return _day(year, first, first)
    raise ValueError(f"day and month could be either way round: {first} and {second}")


def _words(text: str) -> date:
    """`March 4, 2025`, `4 March 2025`, `Tuesday, 4 March 2025 10:00 CET`: dateutil, refusing missing parts."""
    from dateutil import parser

    found: list[datetime] = []
    for default in _DEFAULTS:
        try:
            found.append(parser.parse(text, default=default, ignoretz=True))
        except (ValueError, OverflowError, TypeError):
            return _other_language(text)
    first, second = found
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        raise ValueError("names no full day (year, month and day)")
    return first.date()


def _other_language(text: str) -> date:
    """`4 mars 2025`, `4. März 2025`: dateparser, when installed (htmldate brings it), absolute dates only.

    Relative words ("hier", "yesterday") are refused: they would depend on the day of the run.
    """
    try:
        import dateparser
    except ImportError:  # pragma: no cover - htmldate depends on it
        raise ValueError("not a date") from None
    settings = {"STRICT_PARSING": True, "PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]}
    try:
        found = dateparser.parse(text, settings=settings)
    except (ValueError, OverflowError, TypeError, LookupError):
        found = None
    if not isinstance(found, datetime):
        raise ValueError("not a date")
    return found.date()
