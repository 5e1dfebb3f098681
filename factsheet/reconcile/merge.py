"""Merge mentions of the same fact across articles into Facts.

Mentions are compared by IDF-weighted overlap of their claim's word stems.
Candidates come from an inverted index over each mention's rarest stems, so a
mention is compared only with facts that share a telling word: cost grows
close to linearly with the number of mentions. Two mentions from one article
join only when they say nearly the same thing (a headline-like lead and a
quote). The canonical wording is the one most independent articles use, else
the most complete; the others are kept as variants; numbers, dates, names and
look-alike words that differ between articles become conflicts.
"""

from __future__ import annotations

import difflib
import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import repeat

from wordfreq import zipf_frequency

from factsheet.extract import dates
from factsheet.extract.names import canonical_names, fold
from factsheet.model import Article, ArticleInfo, Conflict, Corroboration, DateValue, Fact, Mention, Variant
from factsheet.reconcile import identity
from factsheet.reconcile.background import left_out
from factsheet.reconcile.slots import choose_slots
from factsheet.rules.numbers import parse_number
from factsheet.rules.schema import ReconcileSettings, SingleSource

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
MIN_SHARED = 2  # distinct stems two different claims must share to be compared at all
ANCHOR = 0.45  # a pair this similar is taken as the same fact when judging its neighbours
NEIGHBOUR_BONUS = 0.1  # added per neighbouring pair (before and after) that is an anchor
REWRITE_ANCHORS = 3  # anchors two articles must share to be treated as rewrites of each other
REWRITE_BONUS = 0.05  # added to every pair of two articles that are rewrites of each other
_TOKEN = re.compile(r"[\w’'-]+")


_fold = lru_cache(maxsize=1 << 16)(fold)  # pure, and the same words recur in every claim: fold each once


def stem(word: str) -> str:
    w = _fold(word).strip("'-")
    return w[:6] if len(w) > 6 else w


def words(text: str) -> list[str]:
    """Content words of a claim, folded, hyphenated compounds split."""
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        low = _fold(tok)
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


def cluster_mentions(mentions: Sequence[Mention], threshold: float,
                     names: dict[str, str] | None = None,
                     days: Sequence[str | None] | None = None) -> list[list[int]]:
    """Group mention indexes into facts, most similar pairs first (deterministic).

    `names` maps each actor to its canonical spelling, so that statements by
    two different people are told apart; `days` holds the day each mention's
    own words give ("on Thursday"), so that two days' events are told apart.
    """
    weights = _weights(mentions)
    sims = _pair_similarities(mentions, weights, names or {}, days or [None] * len(mentions))
    return _merge(mentions, _with_neighbours(mentions, sims), threshold)


def _weights(mentions: Sequence[Mention]) -> list[dict[str, float]]:
    """Each claim's stems, weighted by how rare they are in this run and in English."""
    bags: list[set[str]] = []
    telling: dict[str, float] = {}
    for m in mentions:
        bag: set[str] = set()
        for word in words(m.claim):
            t = stem(word)
            bag.add(t)
            telling[t] = max(telling.get(t, 0.0), rarity(word))
        bags.append(bag)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag)
    n = max(len(mentions), 1)
    idf = {t: math.log(1 + n / c) * telling[t] for t, c in df.items()}
    return [{t: idf[t] for t in bag} for bag in bags]


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
                       names: dict[str, str], days: Sequence[str | None]) -> dict[tuple[int, int], float]:
    """Similarity of each candidate pair that may be one fact at all."""
    totals = [sum(w.values()) or 1.0 for w in weights]
    sides = [_time_side(m.claim) for m in mentions]
    figures = [figures_of(m.claim) for m in mentions]
    sims: dict[tuple[int, int], float] = {}
    for a, b in _candidate_pairs(weights):
        same_claim = mentions[a].claim == mentions[b].claim
        shared = weights[a].keys() & weights[b].keys()
        if not same_claim and len(shared) < MIN_SHARED:
            continue  # one shared word, however rare, does not make two claims the same fact
        score = _similarity(weights[a], totals[a], weights[b], totals[b])
        shared_figure = bool(figures[a] & figures[b])
        if _different_speakers(mentions[a], mentions[b], names):
            score *= DIFFERENT_SPEAKER  # two people's statements are two statements
        if score < STRONG and figures[a] and figures[b] and not shared_figure:
            score *= FIGURES_DIFFER  # "$2.07 billion" and "$20 billion" on a few shared words: two facts
        if score < STRONG and days[a] and days[b] and days[a] != days[b]:
            score *= FIGURES_DIFFER  # a filing "on Friday" and filings "on Thursday": two events
        if sides[a] and sides[b] and sides[a] != sides[b]:
            score *= OPPOSITE_TIMES  # "just before the invasion" and "since the invasion" are two facts
        if mentions[a].article == mentions[b].article and not (same_claim or score >= SAME_ARTICLE):
            continue  # two different statements of one article stay two facts
        sims[(a, b)] = score
    return sims


def _merge(mentions: Sequence[Mention], sims: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Union the most similar pairs first, refusing merges that mix one article's statements
    or join groups that are not alike on average (average linkage)."""
    scored = sorted(((v, a, b) for (a, b), v in sims.items() if v >= threshold), key=lambda x: (-x[0], x[1], x[2]))
    parent = list(range(len(mentions)))
    arts: list[dict[str, set[int]]] = [{m.article: {i}} for i, m in enumerate(mentions)]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    allowed = {(a, b) for _, a, b in scored if mentions[a].article == mentions[b].article}
    for _, a, b in scored:
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        if any(art in arts[rb] and not _same_statement(arts[ra][art], arts[rb][art], allowed)
               for art in arts[ra]):
            continue
        xs = [i for m in arts[ra].values() for i in m]
        ys = [j for m in arts[rb].values() for j in m]
        if len(xs) * len(ys) > 1:
            mean = sum(sims.get((min(x, y), max(x, y)), 0.0) for x in xs for y in ys) / (len(xs) * len(ys))
            if mean < threshold:
                continue
        keep, drop = min(ra, rb), max(ra, rb)
        parent[drop] = keep
        for art, members in arts[drop].items():
            arts[keep].setdefault(art, set()).update(members)
        arts[drop] = {}
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        groups[root(i)].append(i)
    return [groups[r] for r in sorted(groups)]


def _different_speakers(a: Mention, b: Mention, names: dict[str, str]) -> bool:
    """Both are said or done by named actors, and not by the same one.

    "Goldman" and "Goldman Sachs Group Inc." are one actor (the longer adds
    only capitalised words); "Citigroup Inc." is another, and so are
    "Goldman’s competitors" to "Goldman". A description ("New York bank",
    "analysts at Goldman") or a pronoun may mean anyone, so it never tells
    two actors apart.
    """
    if not a.who or not b.who:
        return False
    wa, wb = names.get(a.who, a.who), names.get(b.who, b.who)
    if wa == wb:
        return False
    if _owned_by(wa, wb) or _owned_by(wb, wa):
        return True
    return _is_name(wa) and _is_name(wb) and not same_actor(wa, wb)


_CONNECTORS = frozenset({"of", "for", "and", "&", "the", "de", "del", "da", "van", "von", "al", "bin", "la", "le"})
_POSSESSIVE_END = re.compile(r"[’']s?$")


def _is_name(actor: str) -> bool:
    """Every word capitalised but connectors: "Bank of England", not "New York bank"."""
    words = actor.split()
    return bool(words) and words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in _CONNECTORS for w in words)


def _owned_by(actor: str, owner: str) -> bool:
    """ "Goldman’s competitors" belongs to "Goldman", and is not it."""
    words = actor.split()
    at = next((i for i, w in enumerate(words[:-1]) if _POSSESSIVE_END.search(w)), None)
    if at is None:
        return False
    return same_actor(" ".join([*words[:at], _POSSESSIVE_END.sub("", words[at])]), owner)


def same_actor(a: str, b: str) -> bool:
    """One name is the other, or the other with capitalised words added around it."""
    wa, wb = a.split(), b.split()
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    folded_short, folded_long = [_fold(w) for w in short], [_fold(w) for w in long]
    n = len(short)
    for i in range(len(long) - n + 1):
        if folded_long[i:i + n] == folded_short:
            return all(w[:1].isupper() or w.lower() in _CONNECTORS for w in long[:i] + long[i + n:])
    return False


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


@dataclass(frozen=True)
class Reconciled:
    facts: list[Fact]
    articles: list[ArticleInfo]
    background: int = 0  # single-source facts left out as scene-setting (background.py)


def reconcile(articles: Sequence[Article], mentions: Sequence[Mention], copies: dict[str, str],
              settings: ReconcileSettings, aliases: dict[str, str], story: str | None = None,
              single_source: Mapping[str, SingleSource] | None = None) -> Reconciled:
    """Facts from mentions, with corroboration, dates, conflicts and grades.

    `single_source` maps a rule id to its policy for facts only one
    independent article reports (background.py); those it rejects are left
    out and counted.
    """
    names = canonical_names([m.who for m in mentions if m.who], aliases)
    groups = cluster_mentions(mentions, settings.same_fact, names, _days(articles, mentions))
    order = {a.id: i for i, a in enumerate(articles)}
    published = _article_dates(articles, mentions, groups)
    facts: list[Fact] = []
    for members in groups:
        ms = sorted((mentions[i] for i in members), key=lambda m: (order[m.article], m.sentence))
        facts.append(_fact(ms, copies, names, published, settings, story))
    found = len(facts)
    if single_source:
        texts = {a.id: a.text for a in articles}
        facts = [f for f in facts if not left_out(f, single_source.get(f.rule), texts)]
    facts.sort(key=lambda f: (-f.corroboration.independent, -f.corroboration.articles,
                              order[f.citations[0].article], f.citations[0].start))
    facts = identity.assign(facts, {a: d.value for a, d in published.items()})  # ids from content: identity.py
    infos = [ArticleInfo(a, copies.get(a.id), story, published.get(a.id)) for a in articles]
    return Reconciled(facts, infos, found - len(facts))


def _days(articles: Sequence[Article], mentions: Sequence[Mention]) -> list[str | None]:
    """The day each mention's own date words give, against its article's date (None if no day)."""
    published = {a.id: a.published for a in articles if a.published}
    out: list[str | None] = []
    for m in mentions:
        anchor = published.get(m.article)
        value = dates.resolve(m.date_ref, anchor) if m.date_ref is not None and not m.date_from_context else None
        out.append(value.value if value is not None and value.grain == "day" else None)
    return out


def _renumber(fact: Fact, n: int) -> Fact:
    from dataclasses import replace

    return replace(fact, id=f"f-{n}")


def _article_dates(articles: Sequence[Article], mentions: Sequence[Mention],
                   groups: list[list[int]]) -> dict[str, DateValue]:
    """Given dates, and for undated articles the date their corroborating articles agree on."""
    out = {a.id: dates.article_date(a.published) for a in articles if a.published}
    votes: dict[str, Counter[date]] = defaultdict(Counter)
    given = {a.id: a.published for a in articles if a.published}
    for members in groups:
        arts = {mentions[i].article for i in members}
        dated = [given[a] for a in sorted(arts) if a in given]
        for a in arts:
            if a not in given:
                votes[a].update(dated)
    for art, counter in votes.items():
        if counter:
            best = max(counter, key=lambda d: (counter[d], d))
            out[art] = dates.article_date(best, "inferred")
    return out


def _fact(ms: list[Mention], copies: dict[str, str], names: dict[str, str],
          published: dict[str, DateValue], settings: ReconcileSettings, story: str | None) -> Fact:
    arts = list(dict.fromkeys(m.article for m in ms))
    independent = len({copies.get(a, a) for a in arts})
    who_votes = Counter(names.get(m.who, m.who) for m in ms if m.who)
    who = max(who_votes, key=lambda w: (who_votes[w], -_first(ms, names, w))) if who_votes else None
    claim, variants = _wording(ms, copies)
    fact_date, date_conflict = _date(ms, published, copies)
    conflicts = _claim_conflicts(ms, copies)
    slots, slot_conflicts = choose_slots(ms, copies)
    conflicts.extend(slot_conflicts)
    if date_conflict:
        conflicts.append(date_conflict)
    if len(who_votes) > 1 and all(len(w.split()) >= 2 for w in who_votes):
        conflicts.append(Conflict("who", tuple(
            Variant(w, tuple(dict.fromkeys(m.article for m in ms if m.who and names.get(m.who, m.who) == w)))
            for w in sorted(who_votes))))
    citations = tuple(dict.fromkeys(m.citation for m in ms))
    kinds = Counter(m.kind for m in ms)
    rules = Counter(m.rule for m in ms)
    return Fact(
        id="", rule=max(rules, key=lambda r: (rules[r], r)), kind=max(kinds, key=lambda k: (kinds[k], k)),
        who=who, claim=claim, date=fact_date, citations=citations,
        corroboration=Corroboration(len(arts), independent),
        conflicts=tuple(conflicts), variants=tuple(variants), slots=slots,
        quote=any(m.quote for m in ms if m.claim == claim),
        grade=grade(independent, bool(conflicts), settings.corroborated, who is not None),
        story=story,
    )


def _first(ms: list[Mention], names: dict[str, str], who: str) -> int:
    return next(i for i, m in enumerate(ms) if m.who and names.get(m.who, m.who) == who)


def _wording(ms: list[Mention], copies: dict[str, str]) -> tuple[str, list[Variant]]:
    """Canonical claim (most independent articles, then most complete) and the other wordings."""
    by_text: dict[str, list[Mention]] = defaultdict(list)
    for m in ms:
        by_text[" ".join(m.claim.split())].append(m)
    def weight(text: str) -> tuple[int, int, str]:
        indep = len({copies.get(m.article, m.article) for m in by_text[text]})
        return (indep, len(text), text)
    ranked = sorted(by_text, key=weight, reverse=True)
    variants = [Variant(t, tuple(dict.fromkeys(m.article for m in by_text[t]))) for t in ranked[1:]]
    return ranked[0], variants


def _date(ms: list[Mention], published: dict[str, DateValue],
          copies: dict[str, str]) -> tuple[DateValue | None, Conflict | None]:
    from_text: list[tuple[DateValue, str]] = []
    from_article: list[tuple[DateValue, str]] = []
    for m in ms:
        anchor = published.get(m.article)
        anchor_day = date.fromisoformat(anchor.value) if anchor else None
        if m.date_ref is not None:
            value = dates.resolve(m.date_ref, anchor_day, "context" if m.date_from_context else "text")
            if value is not None:
                if anchor is not None and anchor.source == "inferred" and m.date_ref.kind not in (
                        "iso", "day_month_year", "month_day_year", "month_year", "year"):
                    value = DateValue(value.text, value.value, value.grain, "inferred")
                from_text.append((value, m.article))
                continue
        if m.date_from_article and anchor is not None:
            from_article.append((anchor, m.article))
    pool = from_text or from_article
    if not pool:
        return None, None
    votes: dict[str, set[str]] = defaultdict(set)
    for value, art in pool:
        votes[value.value].add(copies.get(art, art))
    best = max(votes, key=lambda v: (len(votes[v]), len(v), v))
    chosen = next(v for v, _ in pool if v.value == best)
    conflict = None
    distinct = {v.value for v, _ in from_text}
    if len(distinct) > 1 and not all(best.startswith(d) or d.startswith(best) for d in distinct):
        conflict = Conflict("date", tuple(
            Variant(d, tuple(dict.fromkeys(a for v, a in from_text if v.value == d))) for d in sorted(distinct)))
    return chosen, conflict


def _claim_conflicts(ms: list[Mention], copies: dict[str, str]) -> list[Conflict]:
    """Numbers and look-alike words (multipolar / multilateral) that differ across articles."""
    found: dict[tuple[str, frozenset[str]], dict[str, list[str]]] = {}
    texts = list(dict.fromkeys((" ".join(m.claim.split()), m.article) for m in ms))
    swaps: dict[tuple[str, str], list[tuple[str, str]]] = {}  # the same two wordings recur across articles
    for i, (a_text, a_art) in enumerate(texts):
        for b_text, b_art in texts[i + 1:]:
            if a_text == b_text or copies.get(a_art, a_art) == copies.get(b_art, b_art):
                continue  # the same words differ nowhere; a reprint is no second account
            pair = swaps.get((a_text, b_text))
            if pair is None:
                pair = swaps[(a_text, b_text)] = _one_word_swaps(a_text, b_text)
            for x, y in pair:
                nx, ny = parse_number(x), parse_number(y)
                if nx is not None and ny is not None and nx != ny:
                    slot = "number"
                elif nx is None and ny is None and _lookalike(x, y):
                    slot = "claim"
                else:
                    continue
                key = (slot, frozenset((x.lower(), y.lower())))
                entry = found.setdefault(key, defaultdict(list))
                entry[x].append(a_art)
                entry[y].append(b_art)
    conflicts = []
    for (slot, _), values in found.items():
        conflicts.append(Conflict(slot, tuple(
            Variant(v, tuple(dict.fromkeys(arts))) for v, arts in sorted(values.items()))))
    return conflicts


def _one_word_swaps(a_text: str, b_text: str) -> list[tuple[str, str]]:
    """Each single word of one text that the other has replaced by another single word."""
    a_tok, b_tok = _TOKEN.findall(a_text), _TOKEN.findall(b_text)
    sm = difflib.SequenceMatcher(a=[t.lower() for t in a_tok], b=[t.lower() for t in b_tok], autojunk=False)
    return [(a_tok[i1], b_tok[j1]) for op, i1, i2, j1, j2 in sm.get_opcodes()
            if op == "replace" and i2 - i1 == 1 and j2 - j1 == 1]


def _lookalike(x: str, y: str) -> bool:
    """Different words that share a long prefix: a likely change of meaning, not a paraphrase."""
    a, b = fold(x), fold(y)
    if a == b or stem(a) == stem(b) or min(len(a), len(b)) < 6:
        return False
    prefix = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return prefix >= 5


def grade(independent: int, conflicted: bool, corroborated: int, attributed: bool) -> int:
    """Admiralty information grade: 1 confirmed ... 6 cannot be judged."""
    if independent >= corroborated:
        return 2 if conflicted else 1
    if conflicted:
        return 4
    if independent >= 1 and attributed:
        return 3
    return 6
