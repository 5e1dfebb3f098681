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

A date can belong to something the sentence only mentions in passing; such a
ref is marked `aside` and does not date the sentence's fact:

- inside a reduced relative clause on a noun of a prepositional phrase, after
  the clause's own verb: "expects a charge because of the law passed by
  parliament last month". A participle that is the main verb ("The council
  approved the budget last week", "Shares of the bank jumped on Monday", "The
  bill was signed into law last week") keeps its date, and so does a reduced
  relative on the subject ("The measure signed into law this month spreads
  ..."): telling that from a main verb needs a parse;
- inside a trailing subordinate clause with its own verb: "rushed to pay
  bonuses before the new levy takes effect on Jan. 1" (before, until, once,
  by the time, ahead of). A leading one ("On Monday, before the vote, ..."),
  an attribution after a comma (", police said on Monday") and a "when"
  clause, which is at the time of its main clause, keep it.

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
from datetime import date, timedelta

from factsheet.model import DateRef, DateSource, DateValue
from factsheet.rules.phrases import fold

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
            aside = not since and _is_aside(text, m.start())
            found.append(DateRef(m.group(0), found_kind, m.start(), m.end(), future, since, aside))
    return sorted(found, key=lambda r: r.start)


def speaks_of_future(text: str) -> bool:
    return bool(_FUTURE.search(text))


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


# --- asides: the date of something the sentence mentions in passing -------------------------------

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = re.compile(r"[A-Za-z0-9$%£€][\w$%.'’-]*|[,;:()\[\]\"“”—–*-]")
_PUNCT = frozenset(",;:()[]\"“”—–-*")
_AUX = _words(
    "is are was were be been being has have had will would can could should may might must do does did "
    "get gets got shall")
_CLAUSE_WORDS = _words("that which who whom whose and but or while whereas because as if")
_DETERMINERS = _words(
    "the a an its their his her our this that these those new some any each every")
_PREPOSITIONS = _words("of to from by under for on with about over against into")
_IRREGULAR = _words(
    "made taken given held set put brought won built sold paid cut hit struck laid led left lost seen "
    "shown spent told written drawn chosen frozen kept sent begun broken driven found bought thrown "
    "known grown met done took came went began")
_ED_NOUNS = _words("need speed seed feed bed shed red deed creed greed breed weed hundred kindred")
# past tenses that never head a passive reduced relative ("shares of the bank jumped on Monday")
_INTRANSITIVE = _words(
    "died arrived happened occurred jumped climbed soared slumped plunged dropped declined gained "
    "tumbled surged rallied resigned collapsed existed remained appeared emerged retired slipped "
    "edged retreated waited talked agreed")
# what may follow a participle that ends a reduced relative: "passed by parliament", "signed into law"
_AFTER_PARTICIPLE = _words(
    "by into in at on to for from with under over as earlier last this just only here there up down out "
    "off back through during")
# words that make a preposition of the next: "because of", "due to"
_COMPOUND = _words("because due thanks ahead instead out part")
_NEW_CLAUSE = _words("and but or while whereas because so")
_REPORTING = _words("said says say told tells added warned noted stated wrote writes according")
# "when" is left out: a when-clause is at the same time as its main clause ("died when a train
# hit the car on Monday"), so its date is the fact's too
_TRAILING = ("before", "until", "till", "once", "ahead")
_DETERMINER_LIKE = _DETERMINERS | _PREPOSITIONS | {"'s", "’s"}
WINDOW = 160  # characters before a date that are read for a clause it sits in


def _is_aside(text: str, start: int) -> bool:
    words = _WORD.findall(text[max(0, start - WINDOW):start])
    if start > WINDOW and words:
        words = words[1:]  # the first may be cut
    return _in_reduced_relative(words) or _in_trailing_clause(words)


def _is_participle(word: str) -> bool:
    w = word.lower()
    if word[:1].isupper() or w in _ED_NOUNS or w in _INTRANSITIVE:
        return False
    return w in _IRREGULAR or (len(w) >= 5 and w.endswith("ed"))


def _in_reduced_relative(words: list[str]) -> bool:
    """"... because of the law passed by parliament [date]": a participle on the noun of a
    prepositional phrase ("of the law", "under a law", "of Orvik's plant"), within a few words of
    the date, after the finite verb of the clause the phrase is in."""
    n = len(words)
    for i in range(n - 1, max(-1, n - 7), -1):  # the participle: at most five words before the date
        low = words[i].lower()
        if _breaks(words[i]) or low in _AUX or low in _CLAUSE_WORDS:
            return False
        if _is_participle(words[i]) and i >= 3:
            break
    else:
        return False
    after = words[i + 1:i + 2]
    if after and not (after[0].lower() in _AFTER_PARTICIPLE or after[0].lower().endswith("ly")):
        return False  # "71 scheduled laps": a participle before its noun
    prev = words[i - 1].lower()
    if prev in _AUX or prev in _DETERMINER_LIKE or prev.endswith("ly") or _breaks(words[i - 1]):
        return False  # "was signed", "the signed deal", "quickly passed"
    # back over the noun phrase to its determiner (or possessive) and the preposition before that
    for j in range(i - 1, max(0, i - 5), -1):
        low = words[j].lower()
        if _breaks(words[j]) or low in _AUX or low in _CLAUSE_WORDS or low in _REPORTING or low in _PREPOSITIONS:
            return False
        if (low in _DETERMINERS or low.endswith(("'s", "’s"))) and words[j - 1].lower() in _PREPOSITIONS:
            k = j - 1
            if k >= 1 and words[k - 1].lower() in _COMPOUND:
                k -= 1
            return _has_finite_verb(_clause_before(words[:k]))
    return False


def _breaks(word: str) -> bool:
    """Punctuation, or a word that ends a sentence the splitter missed ("until 1947. * Major ...")."""
    return word in _PUNCT or (word.endswith(".") and not word[:1].isupper())


def _clause_before(words: list[str]) -> list[str]:
    """The words of the clause that ends at the end of `words`."""
    for k in range(len(words) - 1, -1, -1):
        low = words[k].lower()
        if low in ("and", "or") and not _has_finite_verb(words[k + 1:]):
            continue  # "for the fourth quarter and year": two nouns of one clause
        if _breaks(words[k]) or low in _CLAUSE_WORDS or low in _REPORTING:
            return words[k + 1:]
    return words


def _has_finite_verb(words: list[str]) -> bool:
    """An auxiliary, or a word in -s or -ed after a noun or name rather than after a determiner
    ("the new levy takes", "Orvik Bank expects"; not "the results", "Year's Eve celebrations")."""
    for k, w in enumerate(words):
        low = w.lower()
        if low in _AUX:
            return True
        if k == 0 or w[:1].isupper() or not w.isalpha():
            continue
        prev = words[k - 1].lower()
        if prev in _DETERMINER_LIKE or prev.endswith(("'s", "’s")) or _breaks(words[k - 1]):
            continue
        if (low.endswith("ed") and low not in _ED_NOUNS) or low in _IRREGULAR \
                or (low.endswith("s") and not low.endswith(("ss", "us", "is", "ions", "ments", "ings"))):
            return True
    return False


def _has_ing_verb(words: list[str]) -> bool:
    """"ahead of the levy taking effect": a word in -ing after a noun, not after a determiner."""
    return any(w.lower().endswith("ing") and len(w) > 4 and k > 0 and not _breaks(words[k - 1])
               and words[k - 1].lower() not in _DETERMINER_LIKE for k, w in enumerate(words))


def _in_trailing_clause(words: list[str]) -> bool:
    """"... rushed to pay before the new levy takes effect [date]": a subordinate clause with its own
    verb, after a main clause, with no comma between it and the date."""
    for k in range(len(words) - 1, 0, -1):
        w = words[k]
        low = w.lower()
        if _breaks(w) or low in _REPORTING or low in _NEW_CLAUSE:
            return False
        if low not in _TRAILING and not (low == "by" and words[k + 1:k + 3] == ["the", "time"]):
            continue
        if low == "ahead" and words[k + 1:k + 2] != ["of"]:
            continue
        rest = words[k + 1:]
        if low == "by":
            rest = rest[2:]
        if len(_clause_before(words[:k])) < 2:
            return False  # a leading clause, or one straight after a comma
        return _has_finite_verb(rest) or _has_ing_verb(rest)
    return False


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
