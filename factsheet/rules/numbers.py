"""Numbers as news copy writes them: "14", "2,300", "fourteen", "a dozen", "three hundred".

Shared by the rule language (a `number` slot) and by reconcile (two articles
that disagree on a figure), so both read the same words the same way.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12, "a dozen": 12,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORDS = "|".join(sorted((re.escape(w) for w in UNITS if w != "no"), key=len, reverse=True))
PATTERN = (
    rf"(?:\d[\d,.]*(?:\s+(?i:{'|'.join(SCALES)}))?"
    rf"|(?i:(?:{_WORDS})(?:[\s-]+(?:{_WORDS}))?(?:\s+(?:{'|'.join(SCALES)}))?"
    r"|dozens|hundreds|thousands|several|many|no))"
)


def parse_number(text: str) -> float | None:
    """The value of a number phrase, or None when it is vague ("dozens") or no number."""
    low = text.strip().lower().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", low):
        return float(low)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s+(\w+)", low)
    if m and m.group(2) in SCALES:
        return float(m.group(1)) * SCALES[m.group(2)]
    total = 0.0
    parts = re.split(r"[\s-]+", low)
    if low in UNITS:
        return float(UNITS[low])
    for part in parts:
        if part in UNITS:
            total += UNITS[part]
        elif part in SCALES and total:
            total *= SCALES[part]
        else:
            return None
    return total if parts else None
