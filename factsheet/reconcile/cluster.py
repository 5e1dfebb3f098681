"""Which mentions are one fact: similarity of claims, and the rules that keep look-alikes apart.

Mentions are compared by IDF-weighted overlap of their claim's word stems.
Candidates come from an inverted index over each mention's rarest stems, so a
mention is compared only with facts that share a telling word: cost grows
close to linearly with the number of mentions. Two mentions from one article
join only when they say nearly the same thing (a headline-like lead and a
quote). Two claims that share only a few words stay apart when two named
actors made them, when all their figures differ or when their own words put
them on different days. Nor do two growing facts join when their days differ,
or when one's day comes after the other's article was written (a fact told
again without its day is still the one its article reports). The clustering
keeps the pairs that joined each fact and the near misses, so a briefing can
say why sentences were merged and which facts are related but kept apart.

Nor are two claims one fact when what they share is only the story's topic:
words their two articles keep using in sentence after sentence ("tax",
"corporate", "lower" in a story about a tax charge). A stem is a topic word
of a pair of articles when the two use it in TOPIC_MENTIONS mentions between
them; counted per article, so it means the same for a story of two articles,
a story of six, or sixty stories in one run. A pair sharing fewer than
TOPIC_SPECIFIC other stems and no figure is scaled down unless it is STRONG,
or said by one named actor (then the speaker is what the two share, and a
focused story's lead statement may well be told in nothing but its topic's
words).

Evidence counts the other way too: one named actor giving one amount ("$3
billion") in two articles adds SAME_ACTOR_AMOUNT, and an officer speaks for
the company whose post they hold ("the Orvik Bank finance chief, Ann
Ro, said"), so the two are not two actors. One named actor's refusals to
comment in two articles are one fact whatever their words (refusals.py).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import repeat

from wordfreq import zipf_frequency

from factsheet.model import Mention
from factsheet.reconcile.actors import different_speakers, fold_word, one_named_actor
from factsheet.reconcile.refusals import refusal_pairs

STOPWORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from",
    "as", "into", "onto", "over", "under", "about", "after", "before", "since", "than", "that", "this",
    "these", "those", "there", "their", "they", "them", "it", "its", "is", "are", "was", "were", "be", "been",
    "being", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "may", "might",
    "must", "should", "shall", "not", "no", "nor", "so", "such", "also", "very", "more", "most", "much",
    "many", "some", "any", "all", "each", "other", "another", "own", "same", "just", "only", "both", "either",
    "neither", "he", "she", "his", "her", "we", "our", "you", "your", "i", "me", "my", "us", "who", "whom",
    "which", "what", "when", "where", "why", "how", "while", "whereas", "said", "says", "say", "told", "tells",
    "added", "adds", "according", "stated", "wrote", "noted", "further", "furthermore", "however",
})
SAME_ARTICLE = 0.85  # similarity above which two mentions of one article are one fact
CANDIDATE_STEMS = 8  # rarest stems of a mention used to find candidate facts
MAX_POSTINGS = 200  # a stem shared by more mentions than this finds no candidates
DIFFERENT_SPEAKER = 0.5  # similarity kept for statements by two different named actors
FIGURES_DIFFER = 0.5  # similarity kept for two claims whose figures are all different ...
STRONG = 0.5  # ... unless they are this alike otherwise (then it is one fact with a conflict)
_FIGURE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
OPPOSITE_TIMES = 0.3  # similarity kept for claims set before and after the same moment: two facts unless near-identical
_BEFORE = re.compile(r"\b(?:before|preceding|prior to|ahead of|in the run-up to)\b", re.IGNORECASE)
_AFTER = re.compile(r"\b(?:since|after|following|in the wake of)\b", re.IGNORECASE)
RELATED = 0.9  # a pair this share of the threshold alike is shown as related, though kept apart ...
RELATED_KEPT_APART = 0.4  # ... and so is a pair this alike that a rule kept apart (two actors, figures, days),
# and any pair the topic rule alone kept from merging
MIN_SHARED = 2  # distinct stems two different claims must share to be compared at all
TOPIC_MENTIONS = 4  # a stem in this many mentions of two articles together is a topic word of the pair ...
TOPIC_SPECIFIC = 2  # ... and two claims sharing fewer other stems (and no figure) share only the topic
TOPIC_ONLY = 0.5  # similarity kept for such a pair, unless it is STRONG
NAMES_ONLY = 4  # at most this many shared stems, all of capitalised names: a topic, not one fact (TOPIC_ONLY)
SAME_ACTOR_AMOUNT = 0.15  # added when one named actor gives the same amount ("$3 billion") in two articles
ANCHOR = 0.45  # a pair this similar is taken as the same fact when judging its neighbours
NEIGHBOUR_BONUS = 0.1  # added per neighbouring pair (before and after) that is an anchor
REWRITE_ANCHORS = 3  # anchors two articles must share to be treated as rewrites of each other
REWRITE_BONUS = 0.05  # added to every pair of two articles that are rewrites of each other
TOKEN = re.compile(r"[\w’'-]+")


def stem(word: str) -> str:
    w = fold_word(word).strip("'-")
    return w[:6] if len(w) > 6 else w


def words(text: str) -> list[str]:
    """Content words of a claim, folded, hyphenated compounds split."""
    out: list[str] = []
    for tok in TOKEN.findall(text):
        low = fold_word(tok)
        if low in STOPWORDS or len(low) < 2:
            continue
        out.extend(part for part in low.split("-") if part and part not in STOPWORDS)
    return out


def terms(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


@lru_cache(maxsize=200_000)
def rarity(word: str) -> float:
    """How telling a word is in general English: 'number' little, 'sovereignty' much.

    Local IDF only knows one story, where 'number' may be rare; the general
    frequency (wordfreq's Zipf scale, shipped with the package) corrects it.
    """
    zipf = zipf_frequency(word, "en")
    return min(1.5, max(0.15, (7.0 - zipf) / 2.5))


@dataclass(frozen=True)
class Clustering:
    """Facts as groups of mention indexes, with the evidence behind them."""

    groups: list[list[int]]
    links: list[tuple[int, int, float]]  # each union that built a group: two mentions and their similarity
    apart: dict[tuple[int, int], str]  # near misses kept in two facts, and why
    because: dict[tuple[int, int], str] = field(default_factory=dict)  # pairs joined for a reason other than words


def cluster(mentions: Sequence[Mention], threshold: float, names: dict[str, str] | None = None,
            days: Sequence[str | None] | None = None, published: Sequence[date | None] | None = None) -> Clustering:
    """Group mention indexes into facts, most similar pairs first (deterministic).

    `names` maps each actor to its canonical spelling, so that statements by
    two different people are told apart; `days` holds the day each mention's
    own words give ("on Thursday"), so that two days' events are told apart;
    `published` the date of each mention's article, which no past day of the
    same fact can come after.
    """
    weights = _weights(mentions)
    canonical = names or {}
    apart: dict[tuple[int, int], str] = {}
    sims = _pair_similarities(mentions, weights, canonical, days or [None] * len(mentions), threshold, apart,
                              _recurring(mentions, weights))
    because: dict[tuple[int, int], str] = {}
    for pair in refusal_pairs(mentions, lambda x, y: one_named_actor(x, y, canonical)):
        if sims.get(pair, 0.0) < threshold:  # one actor's refusal to comment, in other words (refusals.py)
            sims[pair] = threshold
            apart.pop(pair, None)
            who = mentions[pair[0]].who or ""
            because[pair] = f"both say {canonical.get(who, who)} would not comment"
    sims = _with_neighbours(mentions, sims)
    groups, links = _merge(mentions, sims, threshold, apart, _Calendar(mentions, days, published))
    return Clustering(groups, links, apart, because)


def cluster_mentions(mentions: Sequence[Mention], threshold: float,
                     names: dict[str, str] | None = None,
                     days: Sequence[str | None] | None = None) -> list[list[int]]:
    """The groups of `cluster`, without the evidence."""
    return cluster(mentions, threshold, names, days).groups


def shared_words(a: str, b: str, limit: int = 6) -> tuple[str, ...]:
    """Words of claim `a` whose stem claim `b` also has, rarest first: what two sentences share."""
    theirs = {stem(w) for w in words(b)}
    mine = list(dict.fromkeys(w for w in words(a) if stem(w) in theirs))
    return tuple(sorted(mine, key=lambda w: (-rarity(w), mine.index(w)))[:limit])


def _weights(mentions: Sequence[Mention]) -> list[dict[str, float]]:
    """Each claim's stems, weighted by how rare they are in this run and in English.

    A claim's stems keep its word order, not a set's: similarities sum the weights in that order, and
    a set's order changes with the process's hash seed, so two processes could round a pair's sum
    differently and break a tie between two links the other way.
    """
    bags: list[dict[str, None]] = []
    telling: dict[str, float] = {}
    for m in mentions:
        bag: dict[str, None] = {}
        for word in words(m.claim):
            t = stem(word)
            bag[t] = None
            telling[t] = max(telling.get(t, 0.0), rarity(word))
        bags.append(bag)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = max(len(mentions), 1)
    idf = {t: math.log(1 + n / c) * telling[t] for t, c in df.items()}
    return [{t: idf[t] for t in bag} for bag in bags]


def _named_stems(claim: str) -> frozenset[str]:
    """The stems of a claim's capitalised words but its first: the names it shares with another claim say
    they are about one place or body, not that they say one thing."""
    tokens = TOKEN.findall(claim)
    return frozenset(stem(t) for t in tokens[1:] if t[:1].isupper())


def _recurring(mentions: Sequence[Mention], weights: list[dict[str, float]]) -> dict[str, Counter[str]]:
    """In how many of each article's mentions each stem occurs: one pass, no pairs.

    Counted per article, not per run, so that it means the same whether a
    build holds one story, a story of two articles or many stories at once.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for m, w in zip(mentions, weights, strict=True):
        counts[m.article].update(w.keys())
    return counts


def _only_topic(a: Mention, b: Mention, shared: set[str], recurring: dict[str, Counter[str]]) -> set[str]:
    """The shared stems both articles keep using ("tax" in a story about a tax charge), when the pair
    shares fewer than TOPIC_SPECIFIC others; else nothing (and it stops counting as soon as it knows)."""
    ca, cb = recurring[a.article], recurring[b.article]
    topic: set[str] = set()
    specific = 0
    for t in shared:
        if ca[t] + cb[t] >= TOPIC_MENTIONS:
            topic.add(t)
        else:
            specific += 1
            if specific >= TOPIC_SPECIFIC:
                return set()
    return topic


def _candidate_pairs(weights: list[dict[str, float]]) -> set[tuple[int, int]]:
    """Mentions holding one of a mention's rarest stems: an inverted index, never all pairs."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(weights):
        for t in w:
            index[t].append(i)
    pairs: set[tuple[int, int]] = set()
    for i, w in enumerate(weights):
        for t in sorted(w, key=lambda t: (-w[t], t))[:CANDIDATE_STEMS]:
            postings = index[t]
            if len(postings) > MAX_POSTINGS:
                continue  # a stem this common is no evidence of sameness
            k = bisect_left(postings, i)  # postings are ascending and hold i itself
            pairs.update(zip(postings[:k], repeat(i)))
            pairs.update(zip(repeat(i), postings[k + 1:]))
    return pairs


def _pair_similarities(mentions: Sequence[Mention], weights: list[dict[str, float]],
                       names: dict[str, str], days: Sequence[str | None], threshold: float,
                       apart: dict[tuple[int, int], str],
                       recurring: dict[str, Counter[str]] | None = None) -> dict[tuple[int, int], float]:
    """Similarity of each candidate pair that may be one fact at all.

    A pair alike enough to merge that a rule keeps apart goes into `apart` with
    the rule's reason, and so does a pair just short of the threshold.
    `recurring` counts each article's mentions per stem (`_recurring`): two
    claims of two articles that share only words both articles keep using are
    about one topic, not one fact.
    """
    totals = [sum(w.values()) or 1.0 for w in weights]
    sides = [_time_side(m.claim) for m in mentions]
    figures = [figures_of(m.claim) for m in mentions]
    amounts = [amounts_of(m.claim) for m in mentions]
    name_stems = [_named_stems(m.claim) for m in mentions]
    sims: dict[tuple[int, int], float] = {}
    claim_words: dict[int, list[str]] = {}  # content words of a claim, for the reasons shown
    for a, b in _candidate_pairs(weights):
        same_claim = mentions[a].claim == mentions[b].claim
        shared = weights[a].keys() & weights[b].keys()
        if not same_claim and len(shared) < MIN_SHARED:
            continue  # one shared word, however rare, does not make two claims the same fact
        raw = score = _similarity(weights[a], totals[a], weights[b], totals[b])
        shared_figure = bool(figures[a] & figures[b])
        why: list[str] = []
        ma, mb = mentions[a], mentions[b]
        one_actor = one_named_actor(ma, mb, names)
        if ma.article != mb.article and amounts[a] & amounts[b] and one_actor:
            score += SAME_ACTOR_AMOUNT  # "Tarvik Bank will take a $3 billion charge" / "... could book $3 billion"
        two_actors = different_speakers(ma, mb, names)
        if two_actors:
            score *= DIFFERENT_SPEAKER  # two people's statements are two statements
            why.append(f"two actors ({names.get(ma.who or '', ma.who)} / {names.get(mb.who or '', mb.who)})")
        if two_actors and figures[a] and figures[b] and not shared_figure:
            score = 0.0  # two actors giving two figures are two facts, however alike the words
            why.append(f"different figures ({', '.join(sorted(figures[a]))} / {', '.join(sorted(figures[b]))})")
        elif score < STRONG and figures[a] and figures[b] and not shared_figure:
            score *= FIGURES_DIFFER  # "$2.07 billion" and "$20 billion" on a few shared words: two facts
            why.append(f"different figures ({', '.join(sorted(figures[a]))} / {', '.join(sorted(figures[b]))})")
        if score < STRONG and days[a] and days[b] and days[a] != days[b]:
            score *= FIGURES_DIFFER  # a filing "on Friday" and filings "on Thursday": two events
            why.append(f"different days ({days[a]} / {days[b]})")
        if sides[a] and sides[b] and sides[a] != sides[b]:
            score *= OPPOSITE_TIMES  # "just before the invasion" and "since the invasion" are two facts
            why.append("one is set before a moment, the other after it")
        topic: set[str] = set()
        if recurring is not None and ma.article != mb.article and not shared_figure and score < STRONG:
            topic = set() if one_actor else _only_topic(ma, mb, shared, recurring)
            if topic:
                score *= TOPIC_ONLY  # "lower corporate tax rate" in two sentences of a story about tax rates
        if not topic and not one_actor and not shared_figure and score < STRONG and ma.article != mb.article \
                and len(shared) <= NAMES_ONLY and shared <= name_stems[a] | name_stems[b]:
            # "the Harbour View Hotel in Port Dresk" in two claims: one place, two facts (five names or more
            # in common, as where two articles list the same victims, are more than a topic)
            topic = set(shared)
            score *= TOPIC_ONLY
        if ma.article == mb.article and not (same_claim or score >= SAME_ARTICLE):
            continue  # two different statements of one article stay two facts
        kept_apart = (bool(why) and raw >= RELATED_KEPT_APART) or (bool(topic) and raw >= threshold)
        if score < threshold and (kept_apart or score >= RELATED * threshold):
            if topic:  # the words are looked up only for the pairs a briefing shows
                if a not in claim_words:
                    claim_words[a] = words(ma.claim)
                named = dict.fromkeys(w for w in claim_words[a] if stem(w) in topic)
                why.append(f"only the story's recurring words in common ({', '.join(list(named)[:4])})")
            apart[(a, b)] = "; ".join(why) or f"alike, but not enough to be one fact ({score:.2f})"
        sims[(a, b)] = score
    return sims


class _Calendar:
    """When each growing group happened, as far as its mentions tell: the days their own words give,
    and the earliest date one of its articles was published. A launch "on Tuesday" and one "on Friday"
    are two launches, and so is one "on Friday" and one reported in an article of the Monday before
    (a plan "for Friday" is no past day: it may well be written before)."""

    def __init__(self, mentions: Sequence[Mention], days: Sequence[str | None] | None,
                 published: Sequence[date | None] | None) -> None:
        given = days or [None] * len(mentions)
        self.days: list[set[str]] = [{d} if d else set() for d in given]
        self.past: list[str | None] = [d if d and not (m.date_ref and m.date_ref.future) else None
                                       for d, m in zip(given, mentions, strict=True)]
        self.first_published: list[date | None] = list(published or [None] * len(mentions))

    def conflict(self, a: int, b: int, strong: bool) -> str | None:
        """Why groups `a` and `b` (roots) cannot be one fact by their dates, or None. Two days may be
        one fact's conflicting accounts if its words are `strong`ly alike; a day after the other's
        article was written never is."""
        if not strong and self.days[a] and self.days[b] and self.days[a].isdisjoint(self.days[b]):
            return f"different days ({', '.join(sorted(self.days[a]))} / {', '.join(sorted(self.days[b]))})"
        for x, y in ((a, b), (b, a)):
            day, written = self.past[x], self.first_published[y]
            if day and written and date.fromisoformat(day) > written + timedelta(days=1):
                return f"one happened on {day}, the other was reported on {written.isoformat()}"
        return None

    def join(self, keep: int, drop: int) -> None:
        self.days[keep] |= self.days[drop]
        self.past[keep] = max((d for d in (self.past[keep], self.past[drop]) if d), default=None)
        self.first_published[keep] = min((d for d in (self.first_published[keep], self.first_published[drop]) if d),
                                         default=None)


def _merge(mentions: Sequence[Mention], sims: dict[tuple[int, int], float], threshold: float,
           apart: dict[tuple[int, int], str],
           calendar: _Calendar) -> tuple[list[list[int]], list[tuple[int, int, float]]]:
    """Union the most similar pairs first, refusing merges that mix one article's statements,
    join groups that are not alike on average (average linkage), or join groups that their dates
    show to be two facts (`_Calendar`).

    Returns the groups and the pairs whose union built them; a refused pair goes into `apart`.
    """
    links: list[tuple[int, int, float]] = []
    scored = sorted(((v, a, b) for (a, b), v in sims.items() if v >= threshold), key=lambda x: (-x[0], x[1], x[2]))
    parent = list(range(len(mentions)))
    arts: list[dict[str, set[int]]] = [{m.article: {i}} for i, m in enumerate(mentions)]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    allowed = {(a, b) for _, a, b in scored if mentions[a].article == mentions[b].article}
    for v, a, b in scored:
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        if any(art in arts[rb] and not _same_statement(arts[ra][art], arts[rb][art], allowed)
               for art in arts[ra]):
            continue
        if dated_apart := calendar.conflict(ra, rb, strong=v >= STRONG):
            apart.setdefault((a, b), dated_apart)
            continue
        xs = [i for m in arts[ra].values() for i in m]
        ys = [j for m in arts[rb].values() for j in m]
        if len(xs) * len(ys) > 1:
            mean = sum(sims.get((min(x, y), max(x, y)), 0.0) for x in xs for y in ys) / (len(xs) * len(ys))
            if mean < threshold:
                apart.setdefault((a, b), f"alike, but the rest of each fact is not ({mean:.2f} on average)")
                continue
        links.append((a, b, v))
        keep, drop = min(ra, rb), max(ra, rb)
        parent[drop] = keep
        for art, members in arts[drop].items():
            arts[keep].setdefault(art, set()).update(members)
        arts[drop] = {}
        calendar.join(keep, drop)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        groups[root(i)].append(i)
    return [groups[r] for r in sorted(groups)], links


_AMOUNT = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*)\s*(billion|million|trillion|bn|percent|per cent|%)(?!\w)", re.I)


def amounts_of(claim: str) -> frozenset[str]:
    """Figures with a scale ("$3 billion", "15.5 percent"): telling where a bare "3" is not."""
    return frozenset(f"{n.replace(',', '')} {u.lower().replace('per cent', 'percent').replace('%', 'percent')}"
                     for n, u in _AMOUNT.findall(claim))


def figures_of(claim: str) -> frozenset[str]:
    """The figures a claim states, as written without separators ("2,300" → "2300")."""
    return frozenset(f.replace(",", "") for f in _FIGURE.findall(claim))


def _time_side(claim: str) -> str | None:
    """ "before" or "after" when the claim is set on one side of a moment ("just before the
    invasion", "since the invasion"); None when it says neither, or both."""
    before, after = bool(_BEFORE.search(claim)), bool(_AFTER.search(claim))
    return "before" if before and not after else "after" if after and not before else None


def _with_neighbours(mentions: Sequence[Mention], sims: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    """Rewrites keep the order of a story: a weak pair between two strong ones is likelier the same fact.

    Only between articles that are rewrites of one another (they share several
    confidently matched statements); two articles that merely cover the same
    event get no such benefit of the doubt.
    """
    prev: dict[int, int] = {}
    nxt: dict[int, int] = {}
    last_in: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.article in last_in and mentions[last_in[m.article]].claim != m.claim:
            prev[i], nxt[last_in[m.article]] = last_in[m.article], i
        last_in[m.article] = i

    def anchored(x: int | None, y: int | None) -> bool:
        if x is None or y is None:
            return False
        return sims.get((min(x, y), max(x, y)), 0.0) >= ANCHOR

    shared_anchors: Counter[tuple[str, str]] = Counter()
    for (a, b), v in sims.items():
        if v >= ANCHOR and mentions[a].article != mentions[b].article:
            shared_anchors[_article_pair(mentions[a], mentions[b])] += 1
    out = {}
    for (a, b), v in sims.items():
        rewrites = shared_anchors[_article_pair(mentions[a], mentions[b])] >= REWRITE_ANCHORS
        if mentions[a].article == mentions[b].article or not rewrites or v <= 0:
            out[(a, b)] = v
            continue
        out[(a, b)] = v + REWRITE_BONUS + NEIGHBOUR_BONUS * (
            anchored(prev.get(a), prev.get(b)) + anchored(nxt.get(a), nxt.get(b)))
    return out


def _article_pair(a: Mention, b: Mention) -> tuple[str, str]:
    return (a.article, b.article) if a.article < b.article else (b.article, a.article)


def _same_statement(xs: set[int], ys: set[int], allowed: set[tuple[int, int]]) -> bool:
    """Two groups of one article's mentions may join only if every cross pair says the same."""
    return all((min(x, y), max(x, y)) in allowed for x in xs for y in ys)


def _similarity(a: dict[str, float], ta: float, b: dict[str, float], tb: float) -> float:
    shared = sum(w for t, w in a.items() if t in b)
    if not shared:
        return 0.0
    overlap = shared / min(ta, tb)
    jaccard = shared / (ta + tb - shared)
    return 0.6 * overlap + 0.4 * jaccard


