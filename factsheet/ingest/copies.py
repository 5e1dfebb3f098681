"""Find reprints: articles that repeat another article's text, whole or trimmed.

Each article becomes a set of hashed five-word shingles. Candidate pairs come
from an inverted index over shingles (shingles shared by very many articles,
such as boilerplate, are ignored), so the cost grows with the number of
shared shingles, not with the square of the number of articles. A pair is a
copy when the shorter article's shingles are mostly found in the longer one,
or when both carry one news agency's credit and open with the same news (a
wire brief and the full wire story it was cut from).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations

from factsheet.model import Article

SHINGLE = 5
COMMON = 50  # a shingle in more articles than this is boilerplate, not evidence

_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < SHINGLE:
        return {hash(" ".join(words))} if words else set()
    runs = zip(*(words[k:] for k in range(SHINGLE)), strict=False)  # every SHINGLE consecutive words
    return set(map(hash, runs))


def find_copies(articles: Sequence[Article], threshold: float = 0.6) -> dict[str, str]:
    """Map each reprint's id to the id of the article it copies (the group's original)."""
    sets = [shingles(a.text) for a in articles]
    index: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for h in s:
            index[h].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for postings in index.values():
        if 1 < len(postings) <= COMMON:
            shared.update(combinations(postings, 2))
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    wires = [wire_of(a.text) for a in articles]
    for (a, b), n in sorted(shared.items()):
        smaller = min(len(sets[a]), len(sets[b]))
        if smaller and (n / smaller >= threshold or (
                wires[a] is not None and wires[a] == wires[b] and _same_lead(articles[a], articles[b]))):
            ra, rb = root(a), root(b)
            if ra != rb:
                keep, drop = sorted((ra, rb), key=lambda i: _original_key(articles[i], len(sets[i])))
                parent[drop] = keep
    copies: dict[str, str] = {}
    for i, article in enumerate(articles):
        r = root(i)
        if r != i:
            copies[article.id] = articles[r].id
    return copies


def _original_key(article: Article, size: int) -> tuple[object, ...]:
    """The original of a group: the fullest text, then the earliest, then by id."""
    return (-size, article.published.isoformat() if article.published else "9999", article.id)


# "Copyright 2017 The Associated Press", "(Reuters) -", "(AP) —": the agency an article comes from
_WIRE_CREDIT = re.compile(
    r"(?:copyright|©)\s*(?:\d{4}\s+)?(?:the\s+)?(?P<credit>associated press|reuters|agence france-presse|afp)\b"
    r"|\((?P<dateline>AP|Reuters|AFP)\)\s*[-—–]", re.IGNORECASE)
_AGENCY = {"associated press": "ap", "agence france-presse": "afp"}
LEAD_WORDS = 30  # the opening words of the shorter wire article ...
OPENING_WORDS = 100  # ... looked for in this many opening words of the longer (a caption may come first)
SAME_LEAD = 0.75  # share of the shorter lead's words the other opening has, for one story
_CONTENT = re.compile(r"[^\W\d_]{4,}")  # words of four letters or more: "that", "with" and datelines' "AP" aside


def wire_of(text: str) -> str | None:
    """The news agency an article's credit or dateline names, if any."""
    m = _WIRE_CREDIT.search(text)
    if m is None:
        return None
    name = (m.group("credit") or m.group("dateline")).casefold()
    return _AGENCY.get(name, name)


def _same_lead(a: Article, b: Article) -> bool:
    """Do two articles open with the same news, in the same words for the most part?"""
    short, long = sorted((a, b), key=lambda x: (len(x.text), x.id))

    def content(text: str, n: int) -> set[str]:
        credit = _WIRE_CREDIT.search(text)
        text = text[:credit.start()] if credit and credit.start() > 0 else text  # a brief's credit is no news
        words = [w for w in _CONTENT.findall(text.casefold()) if w not in _AGENCY_WORDS]
        return set(words[:n])

    lead, opening = content(short.text, LEAD_WORDS), content(long.text, OPENING_WORDS)
    return bool(lead) and len(lead & opening) / len(lead) >= SAME_LEAD


_AGENCY_WORDS = frozenset({"reuters", "associated", "press", "agence", "france", "presse", "copyright", "file",
                           "photo", "this", "that", "with", "from", "have", "been", "were", "will", "said"})
