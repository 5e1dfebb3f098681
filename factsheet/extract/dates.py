"""Find date expressions in a matched sentence and resolve them against the article's date.

Only text a rule already matched is searched (a date parser let loose finds
"dates" in "Do you have a car"). Each result keeps its words, its value and
its grain: "on Wednesday" → 2025-12-10 (day), "last month" → 2025-11
(month), "in 2024" → 2024 (year). Weekdays are read as the most recent such
day unless the sentence speaks of the future ("will", "is due to", ...).
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

from factsheet.model import DateRef, DateSource, DateValue

MONTHS = {
    name: i + 1
    for i, names in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
        ("december", "dec"),
    ])
    for name in names
}
WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b")),
    ("month_day_year", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+(?:19|20)\d\d)(?!\s*%)")),
    ("day_month", re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!,?\s+(?:19|20)\d\d)")),
    ("month_year", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b")),
    ("weekday", re.compile(rf"\b(?P<when>(?:last|next|this|on|late|early)\s+)?{_WEEKDAY}\b", re.I)),
    ("relative", re.compile(
        r"\b(?P<rel>yesterday|today|tomorrow|tonight|last night|this morning|this week|last week|next week|"
        r"this month|last month|next month|this year|last year|next year|earlier this (?:week|month|year))\b",
        re.I)),
    ("in_month", re.compile(rf"\b(?i:in|since|during|from|by|until|early|late|in mid-|mid-|mid)\s*(?<=[\s-]){_MONTH}\b"
                            r"(?!\s+[0-3]?\d\b)(?!\s+(?:19|20)\d\d)")),
    ("year", re.compile(rf"\b(?i:in|since|during|by|until)\s+{_YEAR}\b")),
    # "a 2004 law", "the 2015 accord": the year the thing it names is of
    ("year_of", re.compile(rf"\b(?i:a|an|the|its|their|his|her)\s+{_YEAR}(?=\s+[a-z])")),
]

_FUTURE = re.compile(
    r"\b(?:will|shall|is|are)\s+(?:due|expected|scheduled|set|going|to)\b|\bwill\b|\bplans? to\b"
    r"|\bupcoming\b|\bwould take place\b",
    re.I,
)
_SINCE = re.compile(r"\b(?:since|until|before|after|from)\s*$", re.I)


def find_dates(text: str) -> list[DateRef]:
    """Date expressions in order of appearance; overlapping matches keep the longest."""
    found: list[DateRef] = []
    taken: list[tuple[int, int]] = []
    future = speaks_of_future(text)
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if kind == "weekday" and not m.group("when") and not _near_day_word(text, m.start()):
                continue
            if "month" in m.groupdict() and m.group("month") == "may":
                continue  # "may" the verb, not the month
            taken.append((m.start(), m.end()))
            since = bool(_SINCE.search(text[max(0, m.start() - 8):m.start()])) \
                or m.group(0).lower().startswith(("since", "until"))
            found.append(DateRef(m.group(0), kind, m.start(), m.end(), future, since))
    return sorted(found, key=lambda r: r.start)


def speaks_of_future(text: str) -> bool:
    return bool(_FUTURE.search(text))


def _near_day_word(text: str, pos: int) -> bool:
    """A bare weekday counts after a verb or comma ("said Wednesday", "Wednesday's")."""
    before = text[max(0, pos - 12):pos].lower()
    return bool(re.search(r"(?:said|says|told|announced|,|late|early|by)\s*$", before)) or pos == 0


_VALID = re.compile(r"(?!0000)\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


def resolve(ref: DateRef, anchor: date | None, source: DateSource = "text") -> DateValue | None:
    """The calendar value of a date expression, given the article's date, or None.

    An article dated 0001-01-01 or 9999-12-31 (front matter is untrusted) must
    not crash the build on "yesterday" or turn "next year" into 10000: a value
    outside years 1-9999 is no date.
    """
    try:
        value = _resolve(ref, anchor, source)
    except (OverflowError, ValueError):
        return None
    return value if value is None or _VALID.fullmatch(value.value) else None


def _resolve(ref: DateRef, anchor: date | None, source: DateSource) -> DateValue | None:
    if ref.kind == "year_of":  # its pattern looks past its own words, so read the year directly
        return DateValue(ref.text, ref.text.split()[-1], "year", source)
    m = next(p.match(ref.text) for k, p in PATTERNS if k == ref.kind)
    assert m is not None
    g = m.groupdict()
    if ref.kind == "iso":
        return _day(ref.text, int(g["y"]), int(g["m"]), int(g["d"]), source)
    if ref.kind in ("day_month_year", "month_day_year"):
        return _day(ref.text, int(g["year"]), _month(g["month"]), int(g["day"]), source)
    if ref.kind == "month_year":
        return DateValue(ref.text, f"{int(g['year']):04d}-{_month(g['month']):02d}", "month", source)
    if ref.kind == "year":
        return DateValue(ref.text, g["year"], "year", source)
    if anchor is None:
        return None
    if ref.kind in ("month_day", "day_month"):
        month, day = _month(g["month"]), int(g["day"])
        year = anchor.year
        if (month, day) > (anchor.month, anchor.day) and not ref.future:
            year -= 1
        elif (month, day) < (anchor.month, anchor.day) and (ref.future or _days_ahead(anchor, month, day) <= NEAR_DAYS):
            year += 1  # "on Jan. 1" in a paper of Dec. 29 is three days on, not a year ago
        return _day(ref.text, year, month, day, source)
    if ref.kind == "in_month":
        month = _month(g["month"])
        year = anchor.year
        if month > anchor.month and not ref.future:
            year -= 1
        elif month < anchor.month and ref.future:
            year += 1
        return DateValue(ref.text, f"{year:04d}-{month:02d}", "month", source)
    if ref.kind == "weekday":
        target = WEEKDAYS[g["weekday"].lower()]
        when = (g.get("when") or "").strip().lower()
        delta = (anchor.weekday() - target) % 7
        if when == "next" or (ref.future and when != "last" and delta != 0):
            when_day = anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7)
        elif when == "last" and delta == 0:
            when_day = anchor - timedelta(days=7)
        else:
            when_day = anchor - timedelta(days=delta)
        return DateValue(ref.text, when_day.isoformat(), "day", source)
    return _relative(ref.text, ref.text.lower(), anchor, source)


def _relative(text: str, rel: str, anchor: date, source: DateSource) -> DateValue | None:
    if rel in ("today", "tonight", "this morning"):
        return DateValue(text, anchor.isoformat(), "day", source)
    if rel in ("yesterday", "last night"):
        return DateValue(text, (anchor - timedelta(days=1)).isoformat(), "day", source)
    if rel == "tomorrow":
        return DateValue(text, (anchor + timedelta(days=1)).isoformat(), "day", source)
    if rel.endswith("week"):
        # a week has no grain in the contract: give its month when the whole week lies in one
        monday = anchor - timedelta(days=anchor.weekday())
        start = monday + timedelta(days={"last week": -7, "next week": 7}.get(rel, 0))
        end = start + timedelta(days=6)
        if (start.year, start.month) != (end.year, end.month):
            return None
        return DateValue(text, f"{start.year:04d}-{start.month:02d}", "month", source)
    if rel in ("this month", "earlier this month"):
        return DateValue(text, f"{anchor.year:04d}-{anchor.month:02d}", "month", source)
    if rel in ("last month", "next month"):
        step = -1 if rel.startswith("last") else 1
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        return DateValue(text, f"{y:04d}-{mo + 1:02d}", "month", source)
    if rel in ("this year", "earlier this year"):
        return DateValue(text, f"{anchor.year:04d}", "year", source)
    if rel in ("last year", "next year"):
        return DateValue(text, f"{anchor.year + (-1 if rel.startswith('last') else 1):04d}", "year", source)
    return None


NEAR_DAYS = 7  # a day and month this close after the article's date, across New Year, is ahead of it


def _days_ahead(anchor: date, month: int, day: int) -> int:
    """Days from the article's date to the next such day and month (across the year's end)."""
    try:
        return (date(anchor.year + 1, month, day) - anchor).days
    except ValueError:  # 29 February
        return 366


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(text: str, y: int, m: int, d: int, source: DateSource) -> DateValue | None:
    if not 1 <= m <= 12 or not 1 <= d <= monthrange(y, m)[1]:
        return None
    return DateValue(text, date(y, m, d).isoformat(), "day", source)


def article_date(anchor: date, source: DateSource = "article") -> DateValue:
    return DateValue(anchor.isoformat(), anchor.isoformat(), "day", source)
