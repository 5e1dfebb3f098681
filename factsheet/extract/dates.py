"""Find date expressions in a matched sentence and resolve them against the article's date.

Only text a rule already matched is searched (a date parser let loose finds
"dates" in "Do you have a car"). Each result keeps its words, its value and
its grain: "on Wednesday" → 2025-12-10 (day), "last month" → 2025-11
(month), "in 2024" → 2024 (year). Weekdays are read as the most recent such
day unless the sentence speaks of the future ("will", "is due to", ...), with
one exception: the weekday after the article's own is the next day, whatever
the tense. An article's date is often its writer's local day, hours behind the
place of the news ("fired a missile over Japan early on Tuesday" in a paper
dated Monday in New York), and a writer meaning six days ago says "last
Tuesday". A week across two months ("last week" in a paper of Monday 5
February) is given as its year, which is true, not as the article's day.

A date can belong to something the sentence only mentions in passing (see
asides.py): such a ref is marked `aside` and does not date the sentence's fact.

"the end of 2016" is its last month, "the start of 2016" its first, "the end
of March" that month; "early 2016", "late 2016", "mid-2016" the year. A month
with no year ("in mid-January") is the most recent such month, except in a
sentence not in the past tense, where a month up to two months ahead of the
article's date is the coming one ("reports its results in mid-January" in a
paper of Dec. 29).
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import replace
from datetime import date, timedelta

from factsheet.extract.asides import is_aside
from factsheet.model import DateRef, DateSource, DateValue
from factsheet.rules.phrases import fold, latin

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
    # "the end of 2016", "the start of March": before month_year, so that it keeps its edge
    ("edge", re.compile(rf"\b(?i:the\s+)?(?i:(?P<edge>end|close|start|beginning|middle))\s+of\s+"
                        rf"(?:{_MONTH}(?:,?\s+(?P<myear>(?:19|20)\d\d))?|{_YEAR})\b")),
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
    ("year", re.compile(rf"\b(?i:in|since|during|by|until|early|late|mid-|mid)\s*(?<=[\s-]){_YEAR}\b")),
    # "a 2004 law", "the 2015 accord": the year the thing it names is of
    ("year_of", re.compile(rf"\b(?i:a|an|the|its|their|his|her)\s+{_YEAR}(?=\s+[a-z])")),
]

_EDGE_HINTS = ("nd of ", "se of ", "rt of ", "ng of ", "le of ")

_FUTURE = re.compile(
    r"\b(?:will|shall|is|are)\s+(?:due|expected|scheduled|set|going|to)\b|\bwill\b|\bplans? to\b"
    r"|\bupcoming\b|\bwould take place\b",
    re.I,
)
_SINCE = re.compile(r"\b(?:since|until|before|after|from)\s*$", re.I)


# Every pattern needs a month, a digit, a year, a weekday or a relative word: most clauses have none,
# and are done with a few substring tests.
_CAPITAL_MONTH = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")  # how every _MONTH begins
_DIGIT = re.compile(r"\d")
_RELATIVE_WORDS = ("day", "tomorrow", "night", "morning", "week", "month", "year")  # one is in each "relative"


def _possible(text: str) -> set[str]:
    """The kinds of PATTERNS that can match the text, from what each needs: a month's name, a digit, a
    year's "19" or "20", a weekday's "day" (in `fold`ed text, as the case-insensitive patterns read
    it). A few substring tests instead of twelve searches, most of which find nothing."""
    month = _CAPITAL_MONTH.search(text) is not None
    day = month and _DIGIT.search(text) is not None
    year = "19" in text or "20" in text
    folded = fold(text)
    kinds = {"edge"} if (month or year) and any(w in text.lower() for w in _EDGE_HINTS) else set()
    for kind, needed in (("iso", year), ("day_month_year", day and year), ("month_day_year", day and year),
                         ("month_day", day), ("day_month", day), ("month_year", month and year),
                         ("weekday", "day" in folded), ("relative", any(map(folded.__contains__, _RELATIVE_WORDS))),
                         ("in_month", month), ("year", year), ("year_of", year)):
        if needed:
            kinds.add(kind)
    return kinds


def find_dates(text: str) -> list[DateRef]:
    """Date expressions in order of appearance; overlapping matches keep the longest."""
    possible = _possible(text)
    if not possible:
        return []
    found: list[DateRef] = []
    taken: list[tuple[int, int]] = []
    future = speaks_of_future(text)
    past: bool | None = None  # read only when a month without a year needs it
    for kind, pattern in PATTERNS:
        if kind not in possible:
            continue  # a cheap test first: dates.py reads every matched sentence
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
            found_kind = kind
            if kind == "in_month" or (kind == "edge" and m.group("month") and not m.group("myear")):
                past = _speaks_of_past(text) if past is None else past
                found_kind = kind if past else kind + NEAR
            aside = not since and is_aside(text, m.start())
            found.append(DateRef(m.group(0), found_kind, m.start(), m.end(), future, since, aside))
    return sorted(found, key=lambda r: r.start)


def speaks_of_future(text: str) -> bool:
    return bool(_FUTURE.search(text))


# "CORVEL, Nov 14 (Wire) - ", "DRESK/CORVEL, Aug 30 (Wire) — ": the wire's date of the article, not of
# what the sentence it opens reports
_WIRE_DATELINE = re.compile(latin(r"^[A-Z][A-Z .'’/-]{2,},[^—–-]{1,40}?(?:\([^)]{1,20}\))?\s*(?:—|–|--|-)\s+"))


def date_of_clause(text: str, claim: tuple[int, int], who: tuple[int, int] | None, quoted: bool,
                   reported: bool) -> DateRef | None:
    """The date of what a matched clause reports: for a `reported` statement the time of saying where
    the framing gives one ("announced on Thursday that ...", "In May, she told ..."), else the claim's
    own time ("said the plant closed in 2015"), never a quotation's; for anything else its first date.
    `claim` and `who` are the spans of those slots in `text`."""
    dateline = _WIRE_DATELINE.match(text)
    refs = [r for r in find_dates(text) if not (r.since or r.aside) and r.start >= (dateline.end() if dateline else 0)]
    if not reported:
        return refs[0] if refs else None
    outside = [r for r in refs if not (claim[0] <= r.start < claim[1])]
    if who is not None:
        # "Ann Ro, who left the bank in May, said ...", "..., said Ann Ro, a pilot who retired in May":
        # a date in what describes the speaker is not the date of the saying
        s, e = who
        aside_from = text.find(",", s, e)
        after = text.find(",", e)
        outside = [r for r in outside if not (0 <= aside_from < r.start < e or 0 <= after < r.start)
                   or r.start < s]
    inside = [r for r in refs if claim[0] <= r.start < claim[1]]
    ref = outside[0] if outside else inside[0] if inside and not quoted else None
    if ref is None:
        return None
    # "will" in the claim says nothing of when it was said, nor of "told the UN in May that it would"
    head = text.find(" that ", ref.end, claim[1]) if ref in inside else -1
    if ref in inside and head < 0:
        return ref
    framing = text[(who or (0, 0))[0]:head] if head >= 0 else text[:claim[0]] + " " + text[claim[1]:]
    return replace(ref, future=speaks_of_future(framing))


# A month with no year in a sentence not in the past tense: its kind ends so, and a month a short
# way ahead of the article's date is the coming one ("reports its results in mid-January")
NEAR = "_near"
NEAR_MONTHS = 2

_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|rose|fell|took|came|went|began|became|grew|won|lost|sold|paid|"
    r"made|gave|got|held|kept|left|led|met|saw|sent|spent|wrote|brought|bought|built|found|struck)\b"
    r"|(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bbeen )(?<!\bbeing )(?<!\bhas )(?<!\bhave )(?<!\bto )"
    # after a determiner an -ed word describes a noun ("the scheduled vote"), and "hundred" is a number
    r"(?<!\bthe )(?<!\b[Tt]he )(?<!\ba )(?<!\bA )(?<!\ban )(?<!\bits )(?<!\btheir )(?<!\bthis )"
    r"\b(?!hundred\b|kindred\b)(?-i:[a-z]{2,}[^e\W]ed)\b",
    re.I,
)


def _speaks_of_past(text: str) -> bool:
    """A past-tense cue: was/were/had/did, a common irregular past, or a word in -ed after no auxiliary."""
    return bool(_PAST.search(text))


def _near_day_word(text: str, pos: int) -> bool:
    """A bare weekday counts after a verb or comma ("said Wednesday", "Wednesday's")."""
    before = text[max(0, pos - 12):pos].lower()
    return bool(re.search(r"(?:said|says|told|announced|,|late|early|by)\s*$", before)) or pos == 0


_VALID = re.compile(r"(?!0000)\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


_ABSOLUTE = frozenset({"iso", "day_month_year", "month_day_year", "month_year", "year", "year_of"})


def is_absolute(ref: DateRef) -> bool:
    """Does the expression name its year ("March 4, 2016", "the end of 2016"), needing no article date?"""
    return ref.kind in _ABSOLUTE or (ref.kind.startswith("edge") and bool(re.search(r"\d{4}", ref.text)))


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
    kind = ref.kind.removesuffix(NEAR)
    near = ref.kind.endswith(NEAR)
    m = next(p.match(ref.text) for k, p in PATTERNS if k == kind)
    assert m is not None
    g = m.groupdict()
    if kind == "edge" and g["year"]:  # "the end of 2016" is its last month, "the start of 2016" its first
        edge = g["edge"].lower()
        if edge == "middle":
            return DateValue(ref.text, g["year"], "year", source)
        return DateValue(ref.text, f"{g['year']}-{12 if edge in ('end', 'close') else 1:02d}", "month", source)
    if kind == "edge" and g["myear"]:
        return DateValue(ref.text, f"{int(g['myear']):04d}-{_month(g['month']):02d}", "month", source)
    if kind == "iso":
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
        # a day a week or less after the article's is this year's, whatever the tense: the paper's date is
        # hours behind the news, or the day is the coming one ("between Feb. 7 and Feb. 14" on Feb. 6)
        after = (month, day) > (anchor.month, anchor.day)
        if after and not ref.future and _days_until(anchor, month, day) > NEAR_DAYS:
            year -= 1
        elif (month, day) < (anchor.month, anchor.day) and (ref.future or _days_ahead(anchor, month, day) <= NEAR_DAYS):
            year += 1  # "on Jan. 1" in a paper of Dec. 29 is three days on, not a year ago
        return _day(ref.text, year, month, day, source)
    if kind in ("in_month", "edge"):
        month = _month(g["month"])
        year = anchor.year
        ahead = (month - anchor.month) % 12
        if near and 0 < ahead <= NEAR_MONTHS:  # "reports in mid-January", in a paper of late December
            year += 1 if month < anchor.month else 0
        elif month > anchor.month and not ref.future:
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
        elif delta == 6 and when != "last":  # the article's date is a day behind the news
            when_day = anchor + timedelta(days=1)
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
        if start.year != end.year:
            return None
        if start.month != end.month:
            return DateValue(text, f"{start.year:04d}", "year", source)
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


def _days_until(anchor: date, month: int, day: int) -> int:
    """Days from the article's date to that day and month of its own year."""
    try:
        return (date(anchor.year, month, day) - anchor).days
    except ValueError:  # 29 February
        return NEAR_DAYS + 1


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
