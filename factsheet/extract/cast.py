"""What the whole article says of its names, read once before its sentences.

Which capitalised names are companies ("Tarvik (TVK)", "Tarvik Holm Group
Inc."), places ("North Korea" beside "North Korean"), people ("Ana Ruiz"
beside "Ruiz said"), and which of them the pronouns after their reporting
verbs show to be a man or a woman ("Ruiz says she ..."). discourse.py reads
the sentences in order; what one sentence cannot tell, the article often can.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from factsheet.extract.names import ORG_WORDS, TITLE_WORDS, WEEKDAYS_MONTHS
from factsheet.rules.phrases import latin

# "Tarvik Holm (TVK)", "Tarvik Holm (NYSE: TVK)", "Tarvik Holm Group Inc": a company, however personal its name
_COMPANY_CUE = re.compile(
    latin(r"\b([A-Z][\w&’'-]+(?:\s+[A-Z][\w&’'-]+){0,2})\s+(?:\((?:(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX):\s*)?"
    r"(?!(?:AP|AFP|UPI|TV|PR)\))[A-Z]{2,5}\)|(?:Group|Inc|Corp|Co|Holdings|plc|PLC|Ltd|AG|SA|NV|LLC|SE)\b)"))


def companies(text: str) -> frozenset[str]:
    """Names the article shows to be companies', with the shorter names they go by ("Tarvik Holm" of
    "Tarvik Holm Group")."""
    return frozenset(" ".join(words[i:]) for m in _COMPANY_CUE.finditer(text)
                     for words in [m.group(1).split()] for i in range(max(1, len(words) - 1)))


# "North Korean", "South African", "Chinese": a place's name is what its people's adjective is made from
_PEOPLES = re.compile(latin(r"\b((?:[A-Z][a-z]+\s+){0,2})([A-Z][a-z]+(?:n|ese))\b"))


def places(text: str) -> frozenset[str]:
    """Two-word names the article also writes as an adjective ("North Korea" beside "North Korean"): a
    place, never the "he" of a later sentence. One-word ones need no help: a lone word is no person."""
    found: set[str] = set()
    for m in _PEOPLES.finditer(text):
        lead, word = m.group(1).split(), m.group(2)
        for stem in (word[:-1], word[:-2], word[:-3], word[:-3] + "a", word[:-3] + "y", word[:-2] + "a"):
            found.update(" ".join([*lead[i:], stem]) for i in range(len(lead)))
    return frozenset(found)


_NAME_WORD = latin(r"[A-Z][a-z]+(?:[’'-][A-Z][a-z]+)?")  # "Ruiz", "O’Neill", "Berg-Holm"; not "I’ll" or "Ruiz’s"
_CAPITALISED = re.compile(rf"(?<![\w’'.-]){_NAME_WORD}(?![\w’'-])")


def people(text: str, common: frozenset[str], places: frozenset[str]) -> frozenset[str]:
    """Two-word names ("Ana Ruiz") whose second word the article also writes alone ("Ruiz said"): a
    person and their surname, whether or not a title ever introduced them. Neither word may be one the
    article writes in lower case too ("When Ruiz", "Formula One") or a title or organisation's word, and
    the article must treat the name as a person's (see _cued)."""
    words = list(_CAPITALISED.finditer(text))
    alone = Counter(m.group() for m in words)
    after_the: set[str] = set()  # "the Cubs" are a team
    after_place_word: set[str] = set()  # "in Corvel Berg ..." runs a place into a name
    pairs: set[tuple[str, str]] = set()  # runs of two capitalised words, no more
    run: list[str] = []
    for i, m in enumerate(words):
        lead = text[max(0, m.start() - 6):m.start()]
        if _THE_LEAD.search(lead):
            after_the.add(m.group())
        if _PLACE_LEAD.search(lead):
            after_place_word.add(m.group())
        joined = i > 0 and text[words[i - 1].end():m.start()].isspace()
        if not joined:
            if len(run) == 2:
                pairs.add((run[0], run[1]))
            run = []
        run.append(m.group())
    if len(run) == 2:
        pairs.add((run[0], run[1]))
    cued = _cued(text, {f"{first} {last}" for first, last in pairs})
    found: set[str] = set()
    for first, last in pairs:
        name = f"{first} {last}"
        if first == last or name in places or last in after_the or first in after_place_word \
                or any(w in common or w in TITLE_WORDS or w in ORG_WORDS or w in WEEKDAYS_MONTHS
                       for w in (first.lower(), last.lower())):
            continue
        if alone[last] > text.count(name) and (last in cued or name in cued):
            found.add(name)
    return frozenset(found)


_SAYS = r"(?:said|says|told|tells|added|adds|wrote|writes|explained|recalled|tweeted|asked|insisted|admitted|noted)"
_THE_LEAD = re.compile(r"\b[Tt]he $")
_PLACE_LEAD = re.compile(r"\b(?:in|at|from|to) $")
# The article treats a name as a person's: "Ruiz said", "said Ruiz", "Ms. Ruiz", "Ana Ruiz, 54,", "Ana Ruiz,
# who ...", "Ana Ruiz, a pilot" (each found from its fixed words: a search that opens on any capital is slow)
_SAYS_WORD = re.compile(rf"\b{_SAYS}\b")
_NAME_BEFORE = re.compile(rf"(?<![\w’'.-])({_NAME_WORD})\s+$")
_NAME_AFTER = re.compile(rf"\s+({_NAME_WORD})(?![\w’'-])")
_HONORIFIC = re.compile(rf"\b(?:Mr|Ms|Mrs|Dr)\.?\s+({_NAME_WORD})(?![\w’'-])")
_DESCRIBED = re.compile(latin(r",\s+(?:\d{1,2},|who\b|an?\s+[a-z])"))


def _cued(text: str, names: set[str]) -> set[str]:
    """The words and two-word names of `names` the article writes as a person's (see the cues above)."""
    found = set(_HONORIFIC.findall(text))
    for say in _SAYS_WORD.finditer(text):
        before = _NAME_BEFORE.search(text, max(0, say.start() - 40), say.start())
        after = _NAME_AFTER.match(text, say.end())
        found.update(m.group(1) for m in (before, after) if m)
    for name in names:
        at = text.find(name + ",")
        while at >= 0 and name not in found:
            if _DESCRIBED.match(text, at + len(name)):
                found.add(name)
            at = text.find(name + ",", at + 1)
    return found


_SAID_PRONOUN = re.compile(
    latin(r"(?<![\w’'.-])([A-Z][a-z]+(?:[’'-][A-Z][a-z]+)?)(?:,\s+\d{1,3},)?\s+(?:has\s+|had\s+)?"
    r"(?:said|says|told|tells|added|adds|recalled|recalls|explained|explains|wrote|writes|insisted|admitted|"
    r"remembered|remembers|noted|claimed|claims|believes|believed|thinks|thought|feels|felt|knew|knows)"
    r"(?:\s+[a-z]+){0,2}?\s+(?:that\s+)?(he|she)\b"))


def genders_by_name(text: str) -> dict[str, str]:
    """What the article says of each name word's gender: "Thurman says she ...", "Ruiz told reporters he
    ...". The pronoun straight after a name's reporting verb is the name's own; a word that has such
    pronouns of one gender, two to one at least, is a man's or a woman's name, wherever else a pronoun
    follows it ("She says Tarantino noticed that she ...": the second she is not Tarantino; "Thurman says
    he introduced her" is outvoted by two "Thurman says she")."""
    votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for m in _SAID_PRONOUN.finditer(text):
        votes[m.group(1)]["m" if m.group(2).lower() == "he" else "f"] += 1
    return {word: gender for word, count in votes.items() for gender, other in (("m", "f"), ("f", "m"))
            if count[gender] >= 2 * count[other]}
