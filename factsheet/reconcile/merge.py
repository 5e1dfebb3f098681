"""Turn clusters of mentions into Facts: wording, corroboration, dates, conflicts and grades.

Which mentions are one fact is decided in cluster.py. The canonical wording
is the one most independent articles use, else the most complete; the others
are kept as variants; numbers, dates, names and look-alike words that differ
between articles become conflicts.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from factsheet.extract import dates
from factsheet.extract.names import canonical_names, fold
from factsheet.model import (
    Article,
    ArticleInfo,
    Conflict,
    Corroboration,
    DateValue,
    Fact,
    Mention,
    MergeLink,
    Related,
    Variant,
)
from factsheet.reconcile import identity
from factsheet.reconcile.background import left_out
from factsheet.reconcile.cluster import TOKEN, Clustering, cluster, shared_words, stem
from factsheet.reconcile.slots import choose_slots
from factsheet.rules.numbers import parse_number
from factsheet.rules.schema import ReconcileSettings, SingleSource

MAX_RELATED = 3  # related facts listed on one fact


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
    given = {a.id: a.published for a in articles if a.published}
    clustering = cluster(mentions, settings.same_fact, names, _days(articles, mentions),
                         [given.get(m.article) for m in mentions])
    groups = clustering.groups
    order = {a.id: i for i, a in enumerate(articles)}
    published = _article_dates(articles, mentions, groups)
    links = _merge_links(mentions, clustering)
    built: list[tuple[int, Fact]] = []
    for g, members in enumerate(groups):
        ms = sorted((mentions[i] for i in members), key=lambda m: (order[m.article], m.sentence))
        built.append((g, replace(_fact(ms, copies, names, published, settings, story), merged_on=links[g])))
    found = len(built)
    if single_source:
        texts = {a.id: a.text for a in articles}
        built = [(g, f) for g, f in built if not left_out(f, single_source.get(f.rule), texts)]
    built.sort(key=lambda gf: (-gf[1].corroboration.independent, -gf[1].corroboration.articles,
                               order[gf[1].citations[0].article], gf[1].citations[0].start))
    facts = identity.assign([f for _, f in built], {a: d.value for a, d in published.items()})  # identity.py
    facts = _with_related(facts, [g for g, _ in built], groups, clustering.apart)
    infos = [ArticleInfo(a, copies.get(a.id), story, published.get(a.id)) for a in articles]
    return Reconciled(facts, infos, found - len(facts))


def _merge_links(mentions: Sequence[Mention], clustering: Clustering) -> list[tuple[MergeLink, ...]]:
    """For each group, the pairs of two articles' sentences whose likeness joined it."""
    group_of = {i: g for g, members in enumerate(clustering.groups) for i in members}
    out: list[list[MergeLink]] = [[] for _ in clustering.groups]
    for a, b, similarity in clustering.links:
        ma, mb = mentions[a], mentions[b]
        if ma.article != mb.article:
            out[group_of[a]].append(MergeLink((ma.article, mb.article), round(min(similarity, 1.0), 2),
                                              shared_words(ma.claim, mb.claim), clustering.because.get((a, b), "")))
    return [tuple(links) for links in out]


def _with_related(facts: list[Fact], group_of_fact: list[int], groups: list[list[int]],
                  apart: dict[tuple[int, int], str]) -> list[Fact]:
    """Each fact with the facts alike it that were kept apart (at most MAX_RELATED, likeliest first)."""
    fact_of_group = {g: i for i, g in enumerate(group_of_fact)}
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    related: dict[int, dict[int, str]] = defaultdict(dict)
    for (a, b), why in sorted(apart.items()):
        fa, fb = fact_of_group.get(group_of[a]), fact_of_group.get(group_of[b])
        if fa is None or fb is None or fa == fb:
            continue
        related[fa].setdefault(fb, why)
        related[fb].setdefault(fa, why)
    return [replace(f, related=tuple(Related(facts[j].id, why) for j, why in sorted(related[i].items())[:MAX_RELATED]))
            if i in related else f for i, f in enumerate(facts)]


def _days(articles: Sequence[Article], mentions: Sequence[Mention]) -> list[str | None]:
    """The day each mention's own date words give, against its article's date (None if no day)."""
    published = {a.id: a.published for a in articles if a.published}
    out: list[str | None] = []
    for m in mentions:
        anchor = published.get(m.article)
        value = dates.resolve(m.date_ref, anchor) if m.date_ref is not None and not m.date_from_context else None
        out.append(value.value if value is not None and value.grain == "day" else None)
    return out


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
    # a tie goes to a speaker, not to the subject of a plain sentence that joined the statement
    # ("Tarvik disclosed that it had delivered shares to ..." / "Ann Ro was among managers receiving ...")
    speakers = {names.get(m.who, m.who) for m in ms if m.who and m.kind == "statement"}
    who = max(who_votes, key=lambda w: (who_votes[w], w in speakers, -_first(ms, names, w))) if who_votes else None
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
    carried: set[int] = set()  # indexes into from_text of dates carried over from the sentence before
    for m in ms:
        anchor = published.get(m.article)
        anchor_day = date.fromisoformat(anchor.value) if anchor else None
        if m.date_ref is not None:
            value = dates.resolve(m.date_ref, anchor_day, "context" if m.date_from_context else "text")
            if value is not None:
                if anchor is not None and anchor.source == "inferred" and not dates.is_absolute(m.date_ref):
                    value = DateValue(value.text, value.value, value.grain, "inferred")
                if m.date_from_context:
                    carried.add(len(from_text))
                from_text.append((value, m.article))
                continue
        if m.date_from_article and anchor is not None:
            from_article.append((anchor, m.article))
    # a date carried over from the sentence before is a guess: the fact's own date words win, and
    # against articles that give none, it only wins if more of them agree
    own = [pair for k, pair in enumerate(from_text) if k not in carried]
    pool = own or from_text + from_article
    if not pool:
        return None, None
    votes: dict[str, set[str]] = defaultdict(set)
    for value, art in pool:
        votes[value.value].add(copies.get(art, art))
    on_articles = {v.value for v, _ in from_article}  # a tie goes to the articles' own date
    best = max(votes, key=lambda v: (len(votes[v]), v in on_articles, len(v), v))
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
    a_tok, b_tok = TOKEN.findall(a_text), TOKEN.findall(b_text)
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
