"""A refusal to comment is one fact per actor, in the usual wordings.

"Tarvik Bank declined to comment on the sale of the ferry line" and "Tarvik
Bank would not say whether the levy changes its plans for the quay" share no
telling word, so the word overlap in cluster.py would never join them; yet
both report the one thing the company did for the story: it said nothing.
Two mentions from two articles join when both are refusals as their main act
(only the subject before it, no other act after it), neither is someone
else's statement, and one named actor made both (cluster.py decides what
"one named actor" means). Refusals by two actors, or by an unnamed one ("a
spokesman declined to comment"), stay apart, and so do two refusals in one
article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import combinations

from factsheet.model import Mention

_REQUEST = (r"(?:(?:a|an|the|our|his|her|their)\s+)?(?:(?:phone|telephone|written)\s+)?"
            r"(?:requests?|calls?|messages?|e-?mails?|questions?|inquiries)")
REFUSAL = re.compile(
    r"\b(?:declined|refused|would\s+not|wouldn[’']t|did\s+not|didn[’']t|has\s+not|hasn[’']t|have\s+not)\s+"
    r"(?:immediately\s+)?(?:to\s+)?(?:immediately\s+)?"
    r"(?:comment(?:ed)?\b|elaborate(?:d)?\b|discuss(?:ed)?\b|say\s+(?:whether|how|if|why|what|when|where|which)\b"
    rf"|respond(?:ed)?\s+to\s+{_REQUEST}|return(?:ed)?\s+{_REQUEST}|repl(?:y|ied)\s+to\s+{_REQUEST})"
    r"|\b(?:could\s+not|couldn[’']t)\s+be\s+reached\s+for\s+comment\b"
    r"|\bnot\s+(?:immediately\s+)?available\s+for\s+comment\b"
    r"|\b(?:had|has|have)\s+no\s+(?:immediate\s+)?comment\b",
    re.IGNORECASE,
)
# the refusal is the sentence's main act: only its subject comes before it ("Tarvik Bank declined to
# comment"), not another speaker ("the mayor said the bank had declined to comment"), and no other
# act follows it ("declined to comment on the sale but said it would keep the line")
_MAX_SUBJECT_WORDS = 6
_REPORTED = re.compile(r"\b(?:said|says|say|told|tells|reported|reports|according|that|who|which)\b", re.IGNORECASE)
_ANOTHER_ACT = re.compile(r"\bbut\b|\b(?:said|says|added|adds|announced|confirmed)\b|;", re.IGNORECASE)
_MAX_WORDS = 30


def is_refusal(claim: str) -> bool:
    """Does the claim report, as its main act, that its actor would not comment ("declined to say whether ...")?"""
    m = REFUSAL.search(claim)
    if m is None or len(claim.split()) > _MAX_WORDS:
        return False
    before, after = claim[:m.start()], claim[m.end():]
    return (len(before.split()) <= _MAX_SUBJECT_WORDS and not _REPORTED.search(before)
            and not _ANOTHER_ACT.search(after))


def refusal_pairs(mentions: Sequence[Mention], one_actor: Callable[[Mention, Mention], bool]) -> list[tuple[int, int]]:
    """Pairs (i < j) of two articles' refusals by one actor."""
    # a statement's claim is what someone said: "the bank had declined to comment" is the mayor's report
    refusing = [i for i, m in enumerate(mentions) if m.who and m.kind != "statement" and is_refusal(m.claim)]
    return [(i, j) for i, j in combinations(refusing, 2)
            if mentions[i].article != mentions[j].article and one_actor(mentions[i], mentions[j])]
