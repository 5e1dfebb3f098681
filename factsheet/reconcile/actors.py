"""Whether two mentions are said or done by one actor, by two, or by someone who may be either.

"Tarvik" and "Tarvik Bank Group Inc." are one actor; "Norland Group AG" is
another, and so are "Tarvik’s competitors"; an officer speaks for the company
whose post they hold. A description or a pronoun never tells two actors apart.
The clusterer (cluster.py) asks these questions of every pair it compares.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factsheet.extract.names import NATIONALITY, fold, without_suffixes
from factsheet.model import Mention

fold_word = lru_cache(maxsize=1 << 16)(fold)  # pure, and the same words recur in every claim: fold each once


def one_named_actor(a: Mention, b: Mention, names: dict[str, str]) -> bool:
    """Both are said or done by the same named actor: the speaker is what the two share besides the topic."""
    if not a.who or not b.who:
        return False
    wa, wb = names.get(a.who, a.who), names.get(b.who, b.who)
    return _is_name(wa) and _is_name(wb) and same_actor(wa, wb)


def different_speakers(a: Mention, b: Mention, names: dict[str, str]) -> bool:
    """Both are said or done by named actors, and not by the same one.

    "Tarvik" and "Tarvik Bank Group Inc." are one actor (the longer adds
    only capitalised words); "Norland Group AG" is another, and so are
    "Tarvik’s competitors" to "Tarvik". A description ("Dresk lender",
    "analysts at Tarvik") or a pronoun may mean anyone, so it never tells
    two actors apart.
    """
    if not a.who or not b.who:
        return False
    wa, wb = names.get(a.who, a.who), names.get(b.who, b.who)
    if wa == wb:
        return False
    if _owned_by(wa, wb) or _owned_by(wb, wa):
        return True
    if (nation := _two_nations(wa, wb)) is not None:
        return nation
    return _is_name(wa) and _is_name(wb) and not same_actor(wa, wb) and not (
        _speaks_for(b, wa, a) or _speaks_for(a, wb, b))


# "the Kestrian government", "Dreskian officials": a state's voice, told apart from another state's
_STATE_NOUNS = frozenset({"government", "ministry", "officials", "authorities", "military", "army", "navy",
                          "leadership", "cabinet", "administration", "state media", "foreign ministry",
                          "defence ministry", "defense ministry", "foreign ministry spokesman"})


def _nation_of(actor: str) -> str | None:
    """ "Kestrian government": "kes", the first letters its country's name shares ("Kestria")."""
    words = actor.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) >= 2 and NATIONALITY.match(words[0]) and " ".join(words[1:]).lower() in _STATE_NOUNS:
        return fold_word(words[0])[:3]
    return None


def _two_nations(a: str, b: str) -> bool | None:
    """Whether two actors are two states: "the Kestrian government" and "Orsavia" or "Dreskian officials"
    are; "the Kestrian government" and "Kestria" are not. None where it cannot tell (a person may speak for
    any government: "Ana Ruiz" and "the Kestrian government" may be one voice)."""
    na, nb = _nation_of(a), _nation_of(b)
    if na and nb:
        return na != nb
    nation, other = (na, b) if na else (nb, a)
    if nation is None or " " in other or not _is_name(other):
        return None
    return fold_word(other)[:3] != nation


_POST = (r"(?:officer|chief|executive|spokes(?:man|woman|person)|president|chair(?:man|woman)?|director|head|"
         r"analyst|economist|minister|secretary|manager|founder|CEO|CFO|COO)")


def _speaks_for(person: Mention, organisation: str, other: Mention | None = None) -> bool:
    """ "the Orvik Bank chief financial officer, Ann Ro, said": she speaks for Orvik Bank Inc.

    Only a post tied to the organisation counts ("Orvik's chief executive, Ann Ro", "Ann Ro, a
    spokeswoman for Orvik"), not the organisation named anywhere nearby. The tie may be in either
    sentence: "Orvik delivered shares to its chief executive, Ann Ro" ties her to Orvik for a second
    sentence that names her alone.
    """
    full = without_suffixes(organisation)
    short = full.split()[0]  # "Tarvik's chief executive" for Tarvik Bank
    org = "|".join(re.escape(n) for n in ([full, short] if len(short) >= 4 and short != full else [full]))
    org = f"(?:{org})"
    who = person.who or ""
    if not who or len(full) < 3:
        return False
    ahead = rf"\b{org}(?:[’']s)?\s+(?:[\w-]+\s+){{0,3}}?{_POST}s?,?\s+$"
    behind = (rf"^,?\s+(?:(?:a|an|the)\s+)?(?:{org}(?:[’']s)?\s+(?:[\w-]+\s+){{0,3}}?{_POST}\b"
              rf"|(?:[\w-]+\s+){{0,3}}?{_POST}\s+(?:at|of|for|with)\s+(?:the\s+)?{org}\b)")
    first, surname = who.split()[0], who.split()[-1]
    for text in [person.citation.text] + ([other.citation.text] if other is not None else []):
        for found in re.finditer(rf"\b{re.escape(surname)}\b", text):
            named_from = text.rfind(first, max(0, found.start() - 40), found.start() + 1)  # "Ann C. Ro"
            before, after = text[:named_from if named_from >= 0 else found.start()], text[found.end():]
            if re.search(ahead, before[-80:]) or re.match(behind, after):
                return True
    return False


_CONNECTORS = frozenset({"of", "for", "and", "&", "the", "de", "del", "da", "van", "von", "al", "bin", "la", "le"})
_POSSESSIVE_END = re.compile(r"[’']s?$")


def _is_name(actor: str) -> bool:
    """Every word capitalised but connectors: "Bank of England", not "New York bank"."""
    words = actor.split()
    return bool(words) and words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in _CONNECTORS for w in words)


def _owned_by(actor: str, owner: str) -> bool:
    """ "Tarvik’s competitors" belongs to "Tarvik", and is not it."""
    words = actor.split()
    at = next((i for i, w in enumerate(words[:-1]) if _POSSESSIVE_END.search(w)), None)
    if at is None:
        return False
    return same_actor(" ".join([*words[:at], _POSSESSIVE_END.sub("", words[at])]), owner)


def same_actor(a: str, b: str) -> bool:
    """One name is the other, or the other with capitalised words added around it."""
    wa, wb = a.split(), b.split()
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    folded_short, folded_long = [fold_word(w) for w in short], [fold_word(w) for w in long]
    n = len(short)
    for i in range(len(long) - n + 1):
        if folded_long[i:i + n] == folded_short:
            return all(w[:1].isupper() or w.lower() in _CONNECTORS for w in long[:i] + long[i + n:])
    return False
