"""A factored word list (rules/alternation.py) matches exactly as the plain alternation does.

The factoring is only a speed-up: at every position, with whatever follows the list in a pattern,
the same alternative must win, so that no phrase match changes.
"""

from __future__ import annotations

import itertools
import random

import regex

from factsheet.rules.alternation import factored
from factsheet.rules.phrases import ROLE_WORDS, _literal

_WORDS = ["minister", "ministers", "ministry", "mayor", "a", "ab", "abc", "x", "abd", "ab", "told reporters",
          "prosecutor", "prosecutor's office", "state", "statement"]
# what may follow the list in a phrase: the first alternative that lets the rest match is the one taken
_AFTER = ["", r"\b", r"(?:[’']s)?\b", r"s\b", r"\s+office", r"(?=\s)", "$"]


def _same(words: list[str], text: str) -> None:
    for after in _AFTER:
        plain = regex.compile(f"(?i:{'|'.join(words)}){after}")
        tree = regex.compile(f"(?i:{factored(words)}){after}")
        for pos in range(len(text) + 1):
            a, b = plain.match(text, pos), tree.match(text, pos)
            assert (a and a.span()) == (b and b.span()), (words, after, text, pos)


def test_the_factored_list_takes_the_alternative_the_plain_one_takes() -> None:
    text = "The Minister's ministers, ABC and abd; prosecutor's office said a statement x told  reporters"
    for words in (_WORDS, list(reversed(_WORDS)), ["ab", "a", "ac"], ["abx", "a", "aby"]):
        _same([_literal(w) for w in words], text)


def test_random_lists_agree_with_the_plain_alternation() -> None:
    rng = random.Random(7)
    for _ in range(200):
        words = ["".join(rng.choice("abA ") for _ in range(rng.randint(1, 4))).strip() or "a" for _ in range(6)]
        text = "".join(rng.choice("abAB ") for _ in range(12))
        _same([_literal(w) for w in words], text)


def test_the_role_words_match_as_before() -> None:
    words = ROLE_WORDS.split("|")
    text = " ".join(itertools.chain(words[::7], ["prosecutor's office", "officials'", "Ministers", "stated"]))
    _same(words, text)
