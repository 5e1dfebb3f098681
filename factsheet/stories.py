"""Group articles into stories by what they say, so one run can cover many stories.

Nothing but the articles' titles and texts is used: no file names, folders
or labels a crawler attached. Each article becomes a TF-IDF vector over its
words, with names (capitalised words inside a sentence) and numbers counted
extra because they tell one event from another far better than common words.
Candidate pairs come from an inverted index over each article's strongest
terms (terms found in a large share of the articles are not indexed), so the
cost grows with the number of articles times a small constant, not with its
square. Clusters are then built by average-link merging over the candidate
pairs: two groups join only when their articles are, on average, similar
enough. This keeps a chain of loosely related articles (a rocket launch, the
car it carried, a company's shares) from collapsing into one story.

An article that resembles no other forms a story of its own.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Article

THRESHOLD = 0.12  # average cosine similarity two groups need to merge
TOP_TERMS = 40  # terms of each article that go into the index
COMMON = 0.25  # a term in more than this share of the articles is not indexed
NAME_WEIGHT = 2.0  # a name counts like this many common words
TITLE_WEIGHT = 2.0  # words in the headline count extra
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
    vectors = [_normalise(v) for v in _tfidf([_terms(a) for a in articles])]
    pairs = _candidate_pairs(vectors)
    days = [a.published.toordinal() if a.published else None for a in articles]
    sims = {(i, j): s * _closeness(days[i], days[j])
            for (i, j) in pairs if (s := _cosine(vectors[i], vectors[j])) > 0}
    groups = _average_link(len(articles), sims, threshold)
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


def _normalise(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {t: x / norm for t, x in v.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def _candidate_pairs(vectors: list[dict[str, float]]) -> set[tuple[int, int]]:
    """Pairs of articles sharing one of their strongest, not too common terms."""
    limit = max(2, int(COMMON * len(vectors)))
    index: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(vectors):
        for term in heapq.nlargest(TOP_TERMS, v, key=v.__getitem__):
            index[term].append(i)
    pairs: set[tuple[int, int]] = set()
    for postings in index.values():
        if len(postings) > limit and len(vectors) > 8:
            continue
        for pos, i in enumerate(postings):
            for j in postings[pos + 1:]:
                pairs.add((i, j))
    return pairs


def _average_link(n: int, sims: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Merge the two groups with the highest average similarity until none reaches the threshold.

    Pairs that were never candidates count as similarity 0, so a large group
    only takes in an article that resembles most of its members.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in sims.items():
        links[i][j] = links[j][i] = s
    heap = [(-s, i, j) for (i, j), s in sims.items() if s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        current = links[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(current + neg) > 1e-12:
            continue  # stale: the groups changed since this entry was pushed
        if current < threshold:
            break
        if len(members[a]) < len(members[b]):
            a, b = b, a
        members[a].extend(members.pop(b))
        for c, s in links.pop(b).items():
            del links[c][b]
            if c != a:
                links[a][c] = links[a].get(c, 0.0) + s
                links[c][a] = links[a][c]
        links[a].pop(b, None)
        for c, s in links[a].items():
            avg = s / (len(members[a]) * len(members[c]))
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(a, c), max(a, c)))
    return [sorted(m) for m in members.values()]


def _title(articles: Sequence[Article], vectors: Sequence[dict[str, float]]) -> str:
    """The headline of the article closest to the story's centre (or its first words)."""
    centre: Counter[str] = Counter()
    for v in vectors:
        centre.update(v)
    best = max(range(len(articles)), key=lambda i: (_cosine(vectors[i], dict(centre)), -i))
    chosen = articles[best]
    if chosen.title:
        return chosen.title
    titled = [a.title for a in articles if a.title]
    if titled:
        return titled[0]
    words = chosen.text.split()
    return " ".join(words[:12]) + (" …" if len(words) > 12 else "")
