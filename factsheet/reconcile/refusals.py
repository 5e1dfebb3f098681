"""A refusal to comment is one fact per actor, however each outlet words it.

"Tarvik Bank declined to comment on the sale of the ferry line" and "Tarvik
Bank would not say whether the levy changes its plans for the quay" share no
telling word, so the word overlap in cluster.py
would never join them; yet both report the one thing the company did for the
story: it said nothing. Two mentions from two articles join when both are
refusals and one named actor made both (cluster.py decides what "one named
actor" means). Refusals by two actors, or by an unnamed one ("a spokesman
declined to comment"), stay apart, and so do two refusals in one article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import combinations

from factsheet.model import Mention

_REQUEST = r"(?:(?:a|the|our|his|her|their)\s+)?(?:requests?|calls?|messages?|e-?mails?|questions?|inquiries)"
REFUSAL = re.compile(
    r"\b(?:declined|refused|would\s+not|wouldn[’']t|did\s+not|didn[’']t|has\s+not|hasn[’']t)\s+"
    r"(?:immediately\s+)?(?:to\s+)?"
    r"(?:comment\b|elaborate\b|say\s+(?:whether|how|if|why|what|when|where|which)\b"
    rf"|respond\s+to\s+{_REQUEST}|return\s+{_REQUEST}|reply\s+to\s+{_REQUEST})"
    r"|\b(?:could\s+not|couldn[’']t)\s+be\s+reached\s+for\s+comment\b"
    r"|\bnot\s+(?:immediately\s+)?available\s+for\s+comment\b"
    r"|\b(?:had|has|have)\s+no\s+(?:immediate\s+)?comment\b",
    re.IGNORECASE,
)


def is_refusal(claim: str) -> bool:
    """Does the claim report that its actor would not comment ("declined to say whether ...")?"""
    return REFUSAL.search(claim) is not None


def refusal_pairs(mentions: Sequence[Mention], one_actor: Callable[[Mention, Mention], bool]) -> list[tuple[int, int]]:
    """Pairs (i < j) of two articles' refusals by one actor."""
    refusing = [i for i, m in enumerate(mentions) if m.who and is_refusal(m.claim)]
    return [(i, j) for i, j in combinations(refusing, 2)
            if mentions[i].article != mentions[j].article and one_actor(mentions[i], mentions[j])]
