"""Group articles into stories by what they say, so one run can cover many stories.

Nothing but the articles' titles, texts and publication dates is used: no
file names, folders, outlets or labels a crawler attached. Each article
becomes a TF-IDF vector over its strongest words, with names (capitalised
words inside a sentence) and numbers counted extra because they tell one
event from another far better than common words. The IDF imagines a hundred
unrelated articles beside the inputs, so five articles on one story are not
split apart on the few words only one of them uses.

Candidate pairs come from an inverted index over each article's strongest
terms; a term held by many articles pairs each only with its nearest few,
so the number of pairs grows with the number of articles, not its square.
Groups are then merged average-link: two groups join only when their
articles are, on average, similar enough (computed exactly from the groups'
summed vectors), which keeps a chain of loosely related articles (a rocket
launch, the car it carried, the company's shares) from collapsing into one
story. Groups published far apart in time need more in common.

An article that resembles no other forms a story of its own.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .model import Article, Briefing

THRESHOLD = 0.1  # average cosine similarity two groups need to merge
TOP_TERMS = 40  # terms of each article that go into the index
VECTOR_TERMS = 100  # terms of each article that are compared at all
COMMON = 0.25  # a term in more than this share of the articles is not indexed
WINDOW = 20  # a term shared by more articles pairs each only with this many others
WEAK = 0.25  # a link this far below the threshold is not worth completing when groups merge
NAME_WEIGHT = 2.0  # a name counts like this many common words
TITLE_WEIGHT = 2.0  # words in the headline count extra
TITLE_CHARS = 120  # a story's title is cut to this length
GRACE_DAYS = 7  # articles this close in time are not kept apart by their dates
DECAY_DAYS = 365.0  # beyond that, similarity halves after this many more days
PRIOR_DOCS = 100  # unrelated articles imagined beside the inputs, so a small run is not split on rare words

_TOKEN = re.compile(r"[^\W_][\w'’.-]*[^\W_]|\d+")
_SENTENCE_START = re.compile(r"(?:^|[.!?\"“”:]\s+|\n)$")
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
    vectors = [_normalise(_strongest(v, VECTOR_TERMS)) for v in _tfidf([_terms(a) for a in articles])]
    days = [a.published.toordinal() if a.published else None for a in articles]
    groups = _Merger(vectors, days).run(_candidate_pairs(vectors), threshold)
    groups.sort(key=lambda g: (-len(g), g[0]))
    stories: list[Story] = []
    for n, members in enumerate(groups, 1):
        ids = tuple(articles[i].id for i in members)
        stories.append(Story(f"s-{n}", _title([articles[i] for i in members], [vectors[i] for i in members]), ids))
    return stories


def briefing_for(briefing: Briefing, story: str) -> Briefing:
    """One story's part of a several-story briefing, to render it on its own (a subfolder per story).

    Only the story's articles and facts are kept; the skipped inputs belong to
    the whole run and stay with every part.
    """
    title = dict(briefing.stories).get(story, briefing.title)
    return replace(briefing, title=title, stories=((story, title),),
                   articles=tuple(a for a in briefing.articles if a.story == story),
                   facts=tuple(f for f in briefing.facts if f.story == story))


def _closeness(a: int | None, b: int | None) -> float:
    """1 for articles published within a week of each other, less the further apart they are.

    A story is an event and its follow-ups: two years apart, similar words are
    more likely two events of the same kind (two New Year's Eves, two launches).
    """
    if a is None or b is None:
        return 1.0
    gap = abs(a - b) - GRACE_DAYS
    return 1.0 if gap <= 0 else 1.0 / (1.0 + gap / DECAY_DAYS)


def _terms(article: Article) -> dict[str, float]:
    """Weighted terms of one article: words, names (extra weight), numbers."""
    counts: dict[str, float] = defaultdict(float)
    if article.title:
        for term, weight in _text_terms(article.title, headline=True).items():
            counts[term] += weight * TITLE_WEIGHT
    for term, weight in _text_terms(article.text, headline=False).items():
        counts[term] += weight
    return counts


def _text_terms(text: str, headline: bool) -> dict[str, float]:
    counts: dict[str, float] = defaultdict(float)
    for m in _TOKEN.finditer(text):
        word = m.group().strip(".'’-")
        low = word.casefold()
        if len(low) < 3 and not low.isdigit():
            continue
        if low.isdigit():
            if len(low) >= 2 and not (len(low) == 4 and low.startswith(("19", "20"))):
                counts[low] += 1.0
            continue
        if low in STOPWORDS:
            continue
        term = _stem(low.replace("’", "'").removesuffix("'s"))
        before = text[max(0, m.start() - 3):m.start()]
        is_name = word[0].isupper() and not headline and not _SENTENCE_START.search(before)
        counts[term] += NAME_WEIGHT if is_name else 1.0
    return counts


def _stem(word: str) -> str:
    """Plural and verb endings off, so "launches", "launched" and "launch" meet."""
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("es", "e"), ("s", ""), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + keep
    return word


def _tfidf(docs: list[dict[str, float]]) -> list[dict[str, float]]:
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    n = len(docs)
    idf = {t: math.log((n + PRIOR_DOCS + 1) / (c + 0.5)) for t, c in df.items()}
    return [{t: (1 + math.log(w)) * idf[t] if w >= 1 else w * idf[t] for t, w in d.items() if idf[t] > 0} for d in docs]


def _strongest(v: dict[str, float], n: int) -> dict[str, float]:
    """An article's n strongest terms: the rest add cost and noise, not meaning."""
    if len(v) <= n:
        return v
    return {t: v[t] for t in heapq.nlargest(n, v, key=v.__getitem__)}


def _normalise(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {t: x / norm for t, x in v.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def _candidate_pairs(vectors: list[dict[str, float]]) -> set[tuple[int, int]]:
    """Pairs of articles sharing one of their strongest, not too common terms.

    A term held by more than WINDOW articles pairs each of them only with the
    WINDOW articles nearest in that term's weight, so no term costs more than
    linear time; the merging below does not need every pair of a story, only
    a connected set of them.
    """
    limit = max(2, int(COMMON * len(vectors)))
    index: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(vectors):
        for term in heapq.nlargest(TOP_TERMS, v, key=v.__getitem__):
            index[term].append(i)
    pairs: set[tuple[int, int]] = set()
    for term, postings in index.items():
        if len(postings) > limit and len(vectors) > 8:
            continue
        if len(postings) > WINDOW:
            postings.sort(key=lambda i: (-vectors[i][term], i))
        for pos, i in enumerate(postings):
            for j in postings[pos + 1:pos + 1 + WINDOW]:
                pairs.add((min(i, j), max(i, j)))
    return pairs


class _Merger:
    """Average-link merging with exact group similarities.

    The mean cosine similarity between the articles of two groups is the dot
    product of their vector sums over the product of their sizes. Dot
    products between neighbouring groups are kept and simply added when two
    groups merge; a part not known yet (those groups were never compared) is
    computed from the sums when the known part is not negligible, else taken
    as 0. Candidate pairs only say which groups to compare, so a large story
    needs a connected set of pairs, not all of them.
    """

    def __init__(self, vectors: list[dict[str, float]], days: list[int | None]) -> None:
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(vectors))}
        self.sums: dict[int, dict[str, float]] = {i: dict(v) for i, v in enumerate(vectors)}
        self.days: dict[int, list[int]] = {i: [d] if d is not None else [] for i, d in enumerate(days)}
        self.version: dict[int, int] = dict.fromkeys(range(len(vectors)), 0)
        self.dots: dict[int, dict[int, float]] = defaultdict(dict)

    def score(self, a: int, b: int) -> float:
        mean = self.dots[a][b] / (len(self.members[a]) * len(self.members[b]))
        return mean * _closeness(_middle(self.days[a]), _middle(self.days[b]))

    def run(self, pairs: set[tuple[int, int]], threshold: float) -> list[list[int]]:
        heap: list[tuple[float, int, int, int, int]] = []
        for a, b in sorted(pairs):
            self.dots[a][b] = self.dots[b][a] = _cosine(self.sums[a], self.sums[b])
            if (s := self.score(a, b)) >= threshold:
                heap.append((-s, a, b, 0, 0))
        heapq.heapify(heap)
        while heap:
            _, a, b, va, vb = heapq.heappop(heap)
            if a not in self.members or b not in self.members or (va, vb) != (self.version[a], self.version[b]):
                continue  # stale: one of the groups changed since this entry was pushed
            keep = self._merge(a, b, threshold)
            for c in sorted(self.dots[keep]):
                if (s := self.score(keep, c)) >= threshold:
                    x, y = min(keep, c), max(keep, c)
                    heapq.heappush(heap, (-s, x, y, self.version[x], self.version[y]))
        return [sorted(m) for m in self.members.values()]

    def _joined(self, a: int, b: int, c: int, threshold: float) -> float:
        """dot(a + b, c) from what is known; a missing part is computed only if it could matter."""
        da, db = self.dots[a].get(c), self.dots[b].get(c)
        known = (da or 0.0) + (db or 0.0)
        size = (len(self.members[a]) + len(self.members[b])) * len(self.members[c])
        if (da is None or db is None) and known >= threshold * size * WEAK:
            if da is None:
                known += _cosine(self.sums[a], self.sums[c])
            if db is None:
                known += _cosine(self.sums[b], self.sums[c])
        return known

    def _merge(self, a: int, b: int, threshold: float) -> int:
        if len(self.sums[a]) < len(self.sums[b]):
            a, b = b, a
        others = (set(self.dots[a]) | set(self.dots[b])) - {a, b}
        merged = {c: self._joined(a, b, c, threshold) for c in others}
        total = self.sums[a]
        for term, weight in self.sums.pop(b).items():
            total[term] = total.get(term, 0.0) + weight
        self.members[a].extend(self.members.pop(b))
        self.days[a].extend(self.days.pop(b))
        for c in self.dots.pop(b):
            self.dots[c].pop(b, None)
        self.dots[a] = merged
        for c, d in merged.items():
            self.dots[c][a] = d
        self.version[a] += 1
        return a


def _middle(days: list[int]) -> int | None:
    """A group's date: the median publication day of its dated articles."""
    return sorted(days)[len(days) // 2] if days else None


def _title(articles: Sequence[Article], vectors: Sequence[dict[str, float]]) -> str:
    """The headline of the article closest to the story's centre (or its first words), at most TITLE_CHARS."""
    centre: dict[str, float] = defaultdict(float)
    for v in vectors:
        for term, weight in v.items():
            centre[term] += weight
    best = max(range(len(articles)), key=lambda i: (_cosine(vectors[i], centre), -i))
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
