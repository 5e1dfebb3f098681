"""Words the briefing uses about its data: dates, grades, names, section titles.

Kept apart from `views` so the wording can be read (and reviewed by an
analyst) in one place, and so every date is written the same way without
depending on the machine's locale.
"""

from __future__ import annotations

import re

from factsheet.model import ArticleInfo

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
W3C_PAPER = {"a4": "A4", "letter": "letter"}

# The information axis of the Admiralty (NATO STANAG 2511) scale.
GRADE_LABELS = {
    1: "confirmed",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "cannot be judged",
}
_MEANINGS = {
    1: "Confirmed by other independent sources; logical and consistent with other information.",
    2: "Not confirmed in every detail, but consistent with other information.",
    3: "Not confirmed; reasonably logical and agrees with some other information.",
    4: "Possible but not logical, or accounts of it disagree; no other information on the subject.",
    5: "Contradicted by other information on the subject.",
    6: "No basis exists for evaluating the validity of the information.",
}
_SLOTS = {"claim": "wording", "who": "who said or did it", "date": "date"}
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")


def grade_rules(threshold: int) -> dict[int, str]:
    """How factsheet assigns each grade (mirrors reconcile.grade), in words."""
    n = f"{threshold} or more independent article{'s' * (threshold != 1)}"
    fewer = f"fewer than {threshold} independent article{'s' * (threshold != 1)}"
    return {
        1: f"Reported by {n} (reprints count once), and the accounts agree.",
        2: f"Reported by {n}, but the accounts differ on a detail (see “Accounts differ”).",
        3: f"Reported by {fewer}, and attributed to a named person or body.",
        4: f"Reported by {fewer}, and the accounts differ.",
        5: "Not assigned automatically: calling a report improbable needs an analyst's judgement.",
        6: f"Reported by {fewer}, and attributed to no one.",
    }


def grade_rows(threshold: int) -> list[tuple[int, str, str, str]]:
    rules = grade_rules(threshold)
    return [(g, GRADE_LABELS[g], _MEANINGS[g], rules[g]) for g in range(1, 7)]


def pretty_date(value: str | None) -> str:
    """"2025-12-10" → "10 December 2025"; months and years at their own grain; anything else as given."""
    if not value:
        return "undated"
    if m := _DAY.match(value):
        year, month, day = m.groups()
        if 1 <= int(month) <= 12:
            return f"{int(day)} {MONTHS[int(month) - 1]} {year}"
    if m := _MONTH.match(value):
        year, month = m.groups()
        if 1 <= int(month) <= 12:
            return f"{MONTHS[int(month) - 1]} {year}"
    return value


def w3c_created(generated: str) -> str | None:
    """dcterms.created from the briefing's input-derived time (None when the inputs are undated)."""
    if _YEAR.match(generated):
        return f"{generated}-01-01T00:00:00Z"
    if _MONTH.match(generated):
        return f"{generated}-01T00:00:00Z"
    if m := _DAY.match(generated):
        rest = generated[10:]
        if not rest:
            return f"{m.group(0)}T00:00:00Z"
        if re.match(r"^T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$", rest):
            return generated
    return None


def article_name(info: ArticleInfo) -> str:
    """What a reader calls an article: its outlet, else its title, else its file's id."""
    a = info.article
    return a.outlet or a.title or a.id


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word and marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut[limit // 2:]:  # do not end inside a word
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.") + "…"


def bookmark_text(fact_id: str, who: str | None, claim: str) -> str:
    """The PDF outline entry of a fact: its id, actor and the start of its claim."""
    head = f"{fact_id} · {who}: " if who else f"{fact_id} · "
    return head + shorten(claim, max(20, 80 - len(head)))


def slot_label(slot: str) -> str:
    return _SLOTS.get(slot, slot.replace("_", " "))


def section_title(key: str, group_by: str) -> str:
    """"statement" → "Statements"; "~other" → "Other actors"."""
    if key == "~other":
        return "Other actors" if group_by == "actor" else "Other"
    if key == "~unattributed":
        return "Unattributed"
    if group_by in ("actor", "story"):
        return key
    words = key.replace("_", " ").replace("-", " ").strip() or "facts"
    words = words[0].upper() + words[1:]
    return words if words.endswith("s") else words + "s"
