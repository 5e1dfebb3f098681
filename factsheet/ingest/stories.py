"""Group articles into stories by what they say, so one run can cover many stories.

Nothing but the articles' titles, texts and publication dates is used: no
file names, folders, outlets or labels a crawler attached. Each article
becomes a TF-IDF vector over its strongest words, with names (capitalised
words inside a sentence) and numbers counted extra because they tell one
event from another far better than common words. The IDF imagines a hundred
unrelated articles beside the inputs, so five articles on one story are not
split apart on the few words only one of them uses.

Each article then keeps its few nearest neighbours only, found through an
inverted index over the articles' strongest terms (a term held by many
articles is looked up only among the articles nearest in its weight), so
time and memory grow with the number of articles, not its square. Groups
are merged average-link along those links: two groups join only when their
articles are, on average, similar enough (computed exactly from the groups'
summed vectors), which keeps a chain of loosely related articles (a rocket
launch, the car it carried, the company's shares) from collapsing into one
story. Groups published far apart in time need more in common.

Terms are numbered and vectors kept in flat arrays: at 100,000 articles,
dictionaries of strings and floats per article would need gigabytes.

An article that resembles no other forms a story of its own.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import filterfalse, repeat
from operator import add, mul, truediv

from factsheet.model import Article

THRESHOLD = 0.1  # average cosine similarity two groups need to merge
TOP_TERMS = 40  # terms of each article that go into the index
VECTOR_TERMS = 100  # terms of each article that are compared at all
COMMON = 0.25  # a term in more than this share of the articles is not indexed
WINDOW = 20  # a term shared by more than twice this many articles is looked up only this many either side
QUERY_TERMS = 20  # an article's strongest terms looked up in the index (the other side's 40 are there)
CANDIDATES = 15  # articles nearest by the looked-up terms whose exact similarity is computed
NEIGHBOURS = 10  # links each article keeps: the nearest of those candidates
WEAK = 0.25  # a link this far below the threshold is not worth completing when groups merge
NAME_WEIGHT = 2.0  # a name counts like this many common words
TITLE_WEIGHT = 2.0  # words in the headline count extra
TITLE_CHARS = 120  # a story's title is cut to this length
GRACE_DAYS = 7  # articles this close in time are not kept apart by their dates
DECAY_DAYS = 365.0  # beyond that, similarity halves after this many more days
PRIOR_DOCS = 100  # unrelated articles imagined beside the inputs, so a small run is not split on rare words

_TOKEN = re.compile(r"[^\W_][\w'’.-]*[^\W_]|\d+")
_RUN = re.compile(r"[\w'’.-]+")  # holds at most one token (from its first to its last letter or digit), and is faster
# a token at a sentence start (a line's, or after . ! ? " “ ” : and a space or two; _HEAD: the text's) is no name
_STARTING = re.compile(r"(?:\n|[.!?\"“”:]\s\s?)(?=([^\W_][\w'’.-]*))")
_HEAD = re.compile(r"[^\W_][\w'’.-]*")  # the text's first word, also at a sentence start
_STOPWORD_TEXT = """
a about above after again against all also although am among an and another any are around as at be because
been before being below between both but by can could did do does doing down during each either else even
ever every few for from further had has have having he her here hers herself him himself his how however i
if in into is it its itself just least less like made make many may me might more most much must my myself
near neither never new next no nor not now of off often on once one only or other others our ours ourselves
out over own per perhaps rather really said same say says see seen several shall she should since so some
still such than that the their theirs them themselves then there these they this those though three through
thus to too two under until up upon us very via was we were what whatever when where whether which while who
whom whose why will with within without would yet you your yours yourself yourselves mr mrs ms dr told
according including added also year years day days time week weeks month months today yesterday
monday tuesday wednesday thursday friday saturday sunday january february march april june july august
september october november december first last people news report reported reports reporting reuters
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True)
class Story:
    """A group of articles about one story, in input order, with a title for its chapter."""

    id: str
    title: str
    articles: tuple[str, ...]


def group_stories(articles: Sequence[Article], threshold: float = THRESHOLD) -> list[Story]:
    """Stories in order of size (largest first), each article in exactly one."""
    if not articles:
        return []
    vectors = _vectors(articles)
    days = [a.published.toordinal() if a.published else None for a in articles]
    groups = _Merger(vectors, days, _neighbours(vectors)).run(threshold)
    groups.sort(key=lambda g: (-len(g), g[0]))
    stories: list[Story] = []
    for n, members in enumerate(groups, 1):
        ids = tuple(articles[i].id for i in members)
        stories.append(Story(f"s-{n}", _title([articles[i] for i in members], [vectors[i] for i in members]), ids))
    return stories


def _closeness(a: int | None, b: int | None) -> float:
    """1 for articles published within a week of each other, less the further apart they are.

    A story is an event and its follow-ups: two years apart, similar words are
    more likely two events of the same kind (two New Year's Eves, two launches).
    """
    if a is None or b is None:
        return 1.0
    gap = abs(a - b) - GRACE_DAYS
    return 1.0 if gap <= 0 else 1.0 / (1.0 + gap / DECAY_DAYS)


_Vector = tuple["array[int]", "array[float]"]  # term ids and weights, strongest first, unit length


class _Vocabulary:
    """Term ids, and what each run of word characters as written counts as (each is looked at once)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.runs: dict[str, int] = {}  # run -> 2 × term id + 1 if capitalised, or -1 when it holds no term

    def learn(self, runs: Iterable[str]) -> None:
        for run in runs:
            token = _TOKEN.search(run)
            term = _term(token.group()) if token else None
            if term is None or token is None:
                self.runs[run] = -1
            else:
                self.runs[run] = 2 * self.ids.setdefault(term, len(self.ids)) + token.group()[0].isupper()


def _term(word: str) -> str | None:
    """The term a token counts as: numbers of two or more digits except years, stemmed words, or nothing."""
    low = word.casefold()
    if low.isdigit():
        return low if len(low) >= 2 and not (len(low) == 4 and low.startswith(("19", "20"))) else None
    if len(low) < 3 or low in STOPWORDS:
        return None
    return _stem(low.replace("’", "'").removesuffix("'s"))


def _terms(article: Article, vocabulary: _Vocabulary) -> dict[int, float]:
    """Weighted terms of one article: words, names (extra weight), numbers."""
    if len(vocabulary.runs) > 500_000:
        vocabulary.runs.clear()  # a cache only: bounded so 100k articles' spellings do not pile up
    counts: dict[int, float] = {}
    if article.title:
        _count(article.title, vocabulary, counts, TITLE_WEIGHT, headline=True)
    _count(article.text, vocabulary, counts, 1.0, headline=False)
    return counts


def _count(text: str, vocabulary: _Vocabulary, counts: dict[int, float], weight: float, headline: bool) -> None:
    """Add a text's terms; a capitalised word inside a sentence is a name and counts NAME_WEIGHT times.

    Runs are counted as written first (in C), so the Python work is per
    distinct word, not per word.
    """
    runs = Counter(_RUN.findall(text))
    code_of = vocabulary.runs
    vocabulary.learn(list(filterfalse(code_of.__contains__, runs)))  # in order of appearance
    starting: Counter[str] | None = None
    for run, n in runs.items():
        code = code_of[run]
        if code < 0:
            continue
        tid = code >> 1
        if code & 1 and not headline:
            if starting is None:
                starting = Counter(_STARTING.findall(text))
                if head := _HEAD.match(text):
                    starting[head.group()] += 1
            first = starting.get(run, 0)
            counts[tid] = counts.get(tid, 0.0) + (NAME_WEIGHT * (n - first) + first) * weight
        else:
            counts[tid] = counts.get(tid, 0.0) + n * weight


def _stem(word: str) -> str:
    """Plural and verb endings off, so "launches", "launched" and "launch" meet."""
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("es", "e"), ("s", ""), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + keep
    return word


def _vectors(articles: Sequence[Article]) -> list[_Vector]:
    """Each article's VECTOR_TERMS strongest TF-IDF terms, normalised.

    Term counts are kept as arrays until the document frequencies are known;
    the vocabulary is dropped once the vectors are built.
    """
    vocabulary = _Vocabulary()
    df: list[int] = []
    counted: list[tuple[array[int], array[float]] | None] = []
    for a in articles:
        counts = _terms(a, vocabulary)
        df.extend(repeat(0, len(vocabulary.ids) - len(df)))
        for t in counts:
            df[t] += 1
        counted.append((array("i", counts), array("f", counts.values())))  # small whole numbers: exact
    del vocabulary
    total = len(articles) + PRIOR_DOCS + 1
    idf = array("d", (math.log(total / (c + 0.5)) for c in df))
    del df
    vectors: list[_Vector] = []
    for k, item in enumerate(counted):
        assert item is not None
        ids, counts_ = item
        counted[k] = None  # freed as we go: counts and vectors are not both held in full
        weights = list(map(mul, map(add, map(math.log, counts_), repeat(1.0)), map(idf.__getitem__, ids)))
        strongest = sorted(range(len(weights)), key=weights.__getitem__, reverse=True)[:VECTOR_TERMS]  # stable
        top = list(map(weights.__getitem__, strongest))
        norm = math.sqrt(sum(map(mul, top, top))) or 1.0  # 0 only when there are no terms
        vectors.append((array("i", map(ids.__getitem__, strongest)), array("f", map(truediv, top, repeat(norm)))))
    return vectors


def _dot(a: dict[int, float], ids: Iterable[int], weights: Iterable[float]) -> float:
    """Dot product of a vector held as a dict with one given as ids and weights (the loop runs in C)."""
    return float(sum(map(mul, map(a.get, ids, repeat(0.0)), weights)))


def _neighbours(vectors: list[_Vector]) -> dict[int, dict[int, float]]:
    """Each article's NEIGHBOURS nearest articles with their exact cosine, both ways round.

    An inverted index over each article's TOP_TERMS strongest terms gives a
    partial dot product with every article sharing one (a term held by more
    than 2 × WINDOW articles: only with the WINDOW either side in that term's
    weight order, so no term costs more than linear time); the best few get
    their exact cosine. The merging does not need every pair of a story, only
    a connected set of them: what is missing is completed from group sums.
    """
    n = len(vectors)
    limit = max(2, int(COMMON * n))
    held: Counter[int] = Counter()
    for ids, _ in vectors:
        held.update(ids[:TOP_TERMS])
    # postings in one flat array, term by term (offsets), with negated weights for ordering
    start: dict[int, int] = {}
    size = 0
    for t, c in held.items():
        if c >= 2 and (c <= limit or n <= 8):
            start[t] = size
            size += c
    del held
    fill = dict(start)
    posted = array("i", bytes(4 * size))
    negative = array("d", bytes(8 * size))
    for i, (ids, weights) in enumerate(vectors):
        for t, w in zip(ids[:TOP_TERMS], weights[:TOP_TERMS], strict=True):
            at = fill.get(t)
            if at is not None:
                posted[at], negative[at] = i, -w
                fill[t] = at + 1
    for t, lo in start.items():
        hi = fill[t]
        if hi - lo > 2 * WINDOW:
            order = sorted(zip(negative[lo:hi], posted[lo:hi], strict=True))  # strongest first, then input order
            negative[lo:hi] = array("d", (w for w, _ in order))
            posted[lo:hi] = array("i", (j for _, j in order))
    links: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    for i, (ids, weights) in enumerate(vectors):
        partial: dict[int, float] = {}
        get = partial.get
        for t, w in zip(ids[:QUERY_TERMS], weights[:QUERY_TERMS], strict=True):
            first = start.get(t)
            if first is None:
                continue
            lo, hi = first, fill[t]
            if hi - lo > 2 * WINDOW:
                at = bisect_left(negative, -w, lo, hi)
                while posted[at] != i:
                    at += 1
                lo, hi = max(lo, at - WINDOW), min(hi, at + WINDOW + 1)
            for j, v in zip(posted[lo:hi], negative[lo:hi], strict=False):  # equal lengths; strict costs here
                partial[j] = get(j, 0.0) - w * v
        partial.pop(i, None)
        if not partial:
            continue
        mine = dict(zip(ids, weights, strict=True))
        exact = {j: links[i][j] if j in links[i] else _dot(mine, *vectors[j])
                 for j in heapq.nlargest(CANDIDATES, partial, key=partial.__getitem__)}
        for j in heapq.nlargest(NEIGHBOURS, exact, key=exact.__getitem__):
            links[i][j] = links[j][i] = exact[j]
    return links


class _Merger:
    """Average-link merging with exact group similarities.

    The mean cosine similarity between the articles of two groups is the dot
    product of their vector sums over the product of their sizes. Dot
    products between linked groups are kept and simply added when two groups
    merge; a part not known yet (those groups were never compared) is
    computed from the sums when the known part is not negligible, else taken
    as 0. Links only say which groups to compare, so a large story needs a
    connected set of them, not all of them. A group's sum is kept as arrays
    like an article's vector (a fifth of a dict's memory); only the last few
    groups merged also have theirs as a dict, to look terms up in.
    """

    def __init__(self, vectors: list[_Vector], days: list[int | None], links: dict[int, dict[int, float]]) -> None:
        self.sums: dict[int, _Vector] = dict(enumerate(vectors))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(vectors))}
        self.days: dict[int, list[int]] = {i: [d] if d is not None else [] for i, d in enumerate(days)}
        self.middle: dict[int, int | None] = dict(enumerate(days))
        self.dots = links
        self.held: dict[int, dict[int, float]] = {}  # sums of the groups merged last, as dicts (a few)

    def score(self, a: int, b: int) -> float:
        mean = self.dots[a][b] / (len(self.members[a]) * len(self.members[b]))
        return mean * _closeness(self.middle[a], self.middle[b])

    def run(self, threshold: float) -> list[list[int]]:
        heap = [_key(s, a, b) for a, near in self.dots.items() for b in near
                if a < b and (s := self.score(a, b)) >= threshold]
        heapq.heapify(heap)
        while heap:
            key = heapq.heappop(heap)
            a, b = key >> 32 & 0xFFFFFFFF, key & 0xFFFFFFFF
            if a not in self.members or b not in self.members or _key(self.score(a, b), a, b) != key:
                continue  # stale: one of the groups changed since this entry was pushed
            keep = self._merge(a, b, threshold)
            near, size, middle = self.dots[keep], len(self.members[keep]), self.middle[keep]
            for c in sorted(near):  # self.score, inlined: this loop runs a million times at 100k articles
                if (s := near[c] / (size * len(self.members[c])) * _closeness(middle, self.middle[c])) >= threshold:
                    heapq.heappush(heap, _key(s, min(keep, c), max(keep, c)))
        return [sorted(m) for m in self.members.values()]

    def _sum(self, a: int) -> dict[int, float]:
        held = self.held.get(a)
        if held is None:
            held = self.held[a] = dict(zip(*self.sums[a], strict=True))
            if len(self.held) > 16:  # a story grows by many merges in a row: its dict is kept, not rebuilt
                del self.held[next(iter(self.held))]
        return held

    def _joined(self, a: int, b: int, c: int, threshold: float) -> float:
        """dot(a + b, c) from what is known; a missing part is computed only if it could matter."""
        da, db = self.dots[a].get(c), self.dots[b].get(c)
        known = (da or 0.0) + (db or 0.0)
        size = (len(self.members[a]) + len(self.members[b])) * len(self.members[c])
        if (da is None or db is None) and known >= threshold * size * WEAK:
            if da is None:
                known += _dot(self._sum(a), *self.sums[c])
            if db is None:
                known += _dot(self._sum(b), *self.sums[c])
        return known

    def _merge(self, a: int, b: int, threshold: float) -> int:
        if len(self.sums[a][0]) < len(self.sums[b][0]):
            a, b = b, a
        others = (self.dots[a].keys() | self.dots[b].keys()) - {a, b}
        merged = {c: self._joined(a, b, c, threshold) for c in others}
        total = self._sum(a)
        ids, weights = self.sums.pop(b)
        self.held.pop(b, None)
        total.update(zip(ids, list(map(add, map(total.get, ids, repeat(0.0)), weights)), strict=True))
        self.sums[a] = (array("i", total), array("d", total.values()))
        self.members[a].extend(self.members.pop(b))
        self.days[a].extend(self.days.pop(b))
        self.middle[a] = _middle(self.days[a])
        del self.middle[b]
        for c in self.dots.pop(b):
            self.dots[c].pop(b, None)
        self.dots[a] = merged
        for c, d in merged.items():
            self.dots[c][a] = d
        return a


def _key(score: float, a: int, b: int) -> int:
    """A heap entry as one int: the higher score first, then the lower ids.

    Ints compare several times faster than tuples, and a million heap
    entries at 100k articles made popping them a third of the merging.
    Scores from 1/16 up are whole numbers at 2**56, so nothing is rounded
    at the usual thresholds. An entry is stale when the pair's score now
    gives another key.
    """
    return (2**60 - int(score * 2**56)) << 64 | a << 32 | b


def _middle(days: list[int]) -> int | None:
    """A group's date: the median publication day of its dated articles."""
    return sorted(days)[len(days) // 2] if days else None


def _title(articles: Sequence[Article], vectors: Sequence[_Vector]) -> str:
    """The headline of the article closest to the story's centre (or its first words), at most TITLE_CHARS."""
    centre: dict[int, float] = {}
    for ids, weights in vectors:
        for term, weight in zip(ids, weights, strict=True):
            centre[term] = centre.get(term, 0.0) + weight
    best = max(range(len(articles)), key=lambda i: (_dot(centre, *vectors[i]), -i))
    chosen = articles[best]
    titled = [a.title for a in articles if a.title]
    if chosen.title or titled:
        return _shorten(chosen.title or titled[0], TITLE_CHARS)
    words = chosen.text.split()
    return _shorten(" ".join(words[:12]) + (" …" if len(words) > 12 else ""), TITLE_CHARS)


def _shorten(text: str, limit: int) -> str:
    """Cut at a word boundary: a title made of one 10,000-character "word" must not reach the page."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:-") + " …"
