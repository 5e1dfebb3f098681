"""Find reprints: articles that repeat another article's text, whole or trimmed.

Each article becomes a set of hashed five-word shingles. Candidate pairs come
from an inverted index over shingles (shingles shared by very many articles,
such as boilerplate, are ignored), so the cost grows with the number of
shared shingles, not with the square of the number of articles. A pair is a
copy when the shorter article's shingles are mostly found in the longer one.
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

    for (a, b), n in sorted(shared.items()):
        smaller = min(len(sets[a]), len(sets[b]))
        if smaller and n / smaller >= threshold:
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
