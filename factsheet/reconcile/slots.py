"""A fact's own slot values (killed, post, product, ...) chosen across the articles that report it.

Articles word a slot differently: one says "scooters", another "Glide 3
e-scooters". Those do not disagree (one wording holds the other), so they
are no conflict, and the most complete wording wins, with the support of
every article whose wording it holds. Values that do disagree (14 injured
against 17, "transport minister" against "health minister") become a
conflict listing each version with its articles; the value the most
independent articles support wins, then the most complete (then the last
in alphabetical order, as before), so the choice is deterministic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from factsheet.model import Conflict, Mention, Variant
from factsheet.rules.numbers import parse_number

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _words(value: str) -> tuple[str, ...]:
    """The words of a value, folded, hyphens and punctuation apart: "Glide 3 e-scooters" → glide 3 e scooters."""
    return tuple(w.casefold() for w in _WORD.findall(value))


def holds(longer: str, shorter: str) -> bool:
    """Whether one wording holds the other's words in order ("Glide 3 e-scooters" holds "scooters")."""
    big, small = _words(longer), _words(shorter)
    if not small or len(small) > len(big):
        return False
    return any(big[i:i + len(small)] == small for i in range(len(big) - len(small) + 1))


def choose_slots(ms: Sequence[Mention], copies: dict[str, str]) -> tuple[tuple[tuple[str, str], ...], list[Conflict]]:
    """Each slot's value for the fact of these mentions, and a conflict per slot whose values disagree."""
    values: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))  # slot -> value -> articles
    for m in ms:
        for name, value in m.slots:
            number = parse_number(value)
            key = _digits(number) if number is not None else " ".join(value.split())
            values[name][key].append(m.article)
    chosen: list[tuple[str, str]] = []
    conflicts: list[Conflict] = []
    for name in sorted(values):
        value, conflict = _choose(name, _merge_case(values[name]), copies)
        chosen.append((name, value))
        if conflict is not None:
            conflicts.append(conflict)
    return tuple(chosen), conflicts


def _choose(name: str, by_value: dict[str, list[str]], copies: dict[str, str]) -> tuple[str, Conflict | None]:
    """The winning value of one slot, and the conflict when its values disagree."""
    numeric = {v for v in by_value if parse_number(v) is not None}

    def within(big: str, small: str) -> bool:
        return big == small or (big not in numeric and small not in numeric and holds(big, small))

    def backing(v: str) -> list[str]:  # the articles whose wording v holds
        return [a for u, arts in by_value.items() if within(v, u) for a in arts]

    def support(v: str) -> tuple[int, int, int, str]:
        return (len({copies.get(a, a) for a in backing(v)}), len(_words(v)), len(v), v)

    best = max(by_value, key=support)
    # a wording held by another is part of it, not a version of its own
    versions = sorted(v for v in by_value if not any(u != v and within(u, v) for u in by_value))
    if len(versions) < 2:
        return best, None
    return best, Conflict(name, tuple(Variant(v, tuple(dict.fromkeys(backing(v)))) for v in versions))


def _digits(number: float) -> str:
    """A figure in plain digits: 12000, 1000000 (not 1e+06), 2.5."""
    return str(int(number)) if number == int(number) else f"{number:.6f}".rstrip("0")


def _merge_case(by_value: dict[str, list[str]]) -> dict[str, list[str]]:
    """Values that differ only in letter case are one value, written as most articles write it."""
    groups: dict[str, list[str]] = defaultdict(list)
    for v in sorted(by_value):
        groups[v.casefold()].append(v)
    out: dict[str, list[str]] = {}
    for forms in groups.values():
        shown = max(forms, key=lambda v: (len(by_value[v]), v))
        out[shown] = [a for v in forms for a in by_value[v]]
    return out
