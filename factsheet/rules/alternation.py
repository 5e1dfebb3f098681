"""Long word lists as factored alternations that match exactly as the plain `a|b|c` does.

The `regex` module tries the alternatives of `(?i:president|vice|prime|...)` one after another at
every position it reaches; with the ~250 role words in every actor that was about 40 % of the phrase
search time. Factored into a tree by leading character, a position that starts with "p" tries only the
words that start with "p", and those share their common prefix.

The order of trial is kept wherever it can change the result. Alternatives that start with different
atoms (characters, or `\\s+`) can never both match at one position, so their order does not matter;
words that share a first atom keep their order, and a word that ends where longer ones go on ("minister"
among "ministers", "ministry") is tried at the same point relative to them as in the list.
"""

from __future__ import annotations

import re

# one atom of a `_literal` word: a run of white space, an escaped character, or a plain character
_ATOM = re.compile(r"\\s\+|\\.|.", re.DOTALL)
_END = ""  # the atom list of a word is exhausted: the empty alternative


def factored(alternatives: list[str]) -> str:
    """A regex equivalent to `|`.join(alternatives) (each a literal, escaped or not), factored.

    Alternatives must be literals: plain characters, `\\`-escaped ones and `\\s+`; the result is meant to
    sit inside a case-insensitive group `(?i:...)`, as the joined list would (letters are grouped
    without regard to case), or the words must all be in lower case.
    """
    seen: set[tuple[str, ...]] = set()
    words: list[tuple[str, ...]] = []
    for alternative in alternatives:
        atoms = tuple(_ATOM.findall(alternative))
        key = tuple(map(_key, atoms))
        if key not in seen:  # a repeated word (in any case) fails wherever its first occurrence did
            seen.add(key)
            words.append(atoms)
    return _node(words)


def _node(words: list[tuple[str, ...]]) -> str:
    """The alternation of the words (atom tuples, in trial order), factored by first atom."""
    if len(words) == 1:
        return "".join(words[0])
    # the empty word (one at most) splits the list: groups before it are tried before it, the rest after
    cut = words.index(()) if () in words else len(words)
    branches = _groups(words[:cut])
    if cut < len(words):
        branches += [_END, *_groups(words[cut + 1:])]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _groups(words: list[tuple[str, ...]]) -> list[str]:
    """One branch per first atom: that atom, then the alternation of what follows it in each word."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for word in words:
        groups.setdefault(_key(word[0]), []).append(word)
    return [group[0][0] + _node([w[1:] for w in group]) for group in groups.values()]


def _key(atom: str) -> str:
    """Atoms that match the same characters (the lists are matched case-insensitively)."""
    return atom.lower()
