"""Fact ids that stay the same from one build to the next.

Why: a morning briefing is read against yesterday's, so `f-1` (a rank) is
useless as a name; a fact must keep its id while new articles arrive, its
canonical wording improves and its citations change. The id is therefore a
hash of what the fact *is*, taken from its first report, never of its rank:

    anchor  = the earliest citation: its article's publication day, then the
              article id, then the offset in the article (an article that
              arrives later, about a later day, does not move it)
    wording = that article's own wording of the claim (the fact's variant
              that lists the article, else the canonical claim)
    key     = kind | speaker's last name | the wording's content words,
              folded, stemmed to 6 letters, sorted and de-duplicated, with
              numbers and number words left out (a corrected figure is the
              same fact with a new value, not a new fact)
    id      = "f-" + the first 7 characters of the key's SHA-256 in base 32

Collisions are made impossible by the caller's set of ids taken so far, in
the build's fact order (which is deterministic for any --jobs): a prefix
already taken is lengthened with more characters of the fact's own digest,
and two facts with the very same key get "-2", "-3", ... in order.

Only the comparison with an earlier briefing (factsheet.compare) links a fact
whose anchor changed (its first article gone) to its old id, through the
citations they share; the ids here depend on this build's inputs alone, so
any two builds of the same articles agree and the cache stays valid.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from factsheet.model import Citation, Fact

PREFIX = "f-"
SHORT = 7  # base-32 characters of an id: 35 bits, a one-in-a-million clash at 250 facts, handled anyway
LONGEST = 16  # a clash is lengthened up to this many characters before a counter is added
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million millions billion billions dozen dozens half quarter first second third")
_FUNCTION = (
    "a an the and or but if of to in on at by for with from as into onto over under about after before since "
    "than that this these those there their they them it its is are was were be been being has have had do "
    "does did will would can could may might must should shall not no nor so such also very more most much "
    "many some any all each other just only both he she his her we our you your i me my us who whom which what "
    "when where why how while said says say told tells added adds according stated wrote noted")
_NUMBER_WORDS = frozenset(_NUMBERS.split())
_STOPWORDS = frozenset(_FUNCTION.split())


def fold(text: str) -> str:
    """Lower case without accents: "Marčuk" and "Marcuk" are one name."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def content_words(text: str) -> list[str]:
    """The words that say what a claim is about: folded, stemmed, no numbers, no function words."""
    out = set()
    for word in _WORD.findall(fold(text)):
        word = word.replace("’", "'").split("'")[0]
        if len(word) < 2 or word in _STOPWORDS or word in _NUMBER_WORDS:
            continue
        out.add(word[:6])
    return sorted(out)


def anchor(fact: Fact, published: Mapping[str, str]) -> Citation:
    """The fact's first report: earliest publication day, then article id, then offset."""
    return min(fact.citations, key=lambda c: (published.get(c.article) or "9999", c.article, c.start))


def key(fact: Fact, published: Mapping[str, str]) -> str:
    """What the id is a hash of (see the module docstring); readable, for tests and `explain`."""
    wording = fact.claim
    if fact.citations:
        first = anchor(fact, published).article
        wording = next((v.value for v in fact.variants if first in v.articles), fact.claim)
    speaker = fold(fact.who).split()[-1] if fact.who and fact.who.split() else ""
    return f"{fact.kind}|{speaker}|{' '.join(content_words(wording))}"


def digest(text: str) -> str:
    """SHA-256 of `text` in lower-case base 32 (no padding): 52 characters, letters and 2-7."""
    raw = hashlib.sha256(text.encode("utf-8")).digest()
    return base64.b32encode(raw).decode("ascii").rstrip("=").lower()


class Ids:
    """The ids handed out so far in one build, so that no two facts ever share one."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken: set[str] = set(taken)

    def claim(self, full: str) -> str:
        """The shortest free id for the digest `full`; a counter when the digest itself is taken."""
        for n in range(SHORT, min(LONGEST, len(full)) + 1):
            candidate = PREFIX + full[:n]
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        return self.unique(PREFIX + full[:SHORT])

    def unique(self, wanted: str) -> str:
        """`wanted` if free, else `wanted-2`, `wanted-3`, ...: for ids made elsewhere (another story)."""
        candidate, n = wanted, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{wanted}-{n}"
        self.taken.add(candidate)
        return candidate


def assign(facts: Sequence[Fact], published: Mapping[str, str], ids: Ids | None = None) -> list[Fact]:
    """`facts` (in their final order) with content-derived ids, unique within `ids`."""
    ids = ids if ids is not None else Ids()
    return [replace(f, id=ids.claim(digest(key(f, published)))) for f in facts]
