"""Story grouping at scale keeps its meaning: the fast term counting and the bounded neighbour links.

No timing is asserted here (bench/grouping.py --sizes measures time and
memory by hand); these tests pin what the speed-ups must not change.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.ingest import stories
from factsheet.ingest.stories import COMMON, NEIGHBOURS, TOP_TERMS, WINDOW, group_stories
from factsheet.model import Article

_WORD = re.compile(r"[^\W_][\w'’.-]*[^\W_]|\d+")
_START = re.compile(r"(?:^|[.!?\"“”:]\s+|\n)$")


def _reference(text: str, headline: bool) -> dict[str, float]:
    """The rule, one token at a time: a capitalised word not at a sentence start is a name."""
    counts: dict[str, float] = defaultdict(float)
    for m in _WORD.finditer(text):
        word = m.group()
        term = stories._term(word)
        if term is None:
            continue
        if word.isdigit():
            counts[term] += 1.0
            continue
        before = text[max(0, m.start() - 3):m.start()]
        counts[term] += stories.NAME_WEIGHT if word[0].isupper() and not headline and not _START.search(before) else 1.0
    return counts


PIECES = ["Varga", "varga", "Varga's", "Ines", "the", "river", "rivers", "Tessel", "U.S.", "2024", "1987", "42", "7",
          "_x", "co-op", "it’s", "It's", "ÉLAN", "élan", "Straße", "—", "(", ")", ",", ".", "!", "?", ":", "“", "”",
          '"', "'", "-", " ", "  ", "   ", "\n", "\n\n", "\t", "a", "I"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.lists(st.sampled_from(PIECES), max_size=8))
def test_fast_term_counting_is_the_one_token_at_a_time_rule(text_parts: list[str], title_parts: list[str]) -> None:
    text, title = "".join(text_parts), "".join(title_parts)
    want = defaultdict(float, _reference(text, headline=False))
    for term, n in _reference(title, headline=True).items():
        want[term] += n * stories.TITLE_WEIGHT
    vocabulary = stories._Vocabulary()
    got = stories._terms(Article("a", "a.txt", text, title=title or None), vocabulary)
    name = {i: t for t, i in vocabulary.ids.items()}
    assert {name[i]: n for i, n in got.items()} == {t: n for t, n in want.items() if n}


def _synthetic(stories_: int = 50, per_story: int = 6, seed: int = 7) -> tuple[list[Article], dict[str, int]]:
    """Invented stories: four names and six words of their own, filler words every story uses."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))

    filler = [word() for _ in range(150)]
    articles: list[Article] = []
    truth: dict[str, int] = {}
    for s in range(stories_):
        names = [word().capitalize() for _ in range(4)]
        things = [word() for _ in range(6)]
        for k in range(per_story):
            sentences = []
            for _ in range(8):
                bits = [rng.choice(names), rng.choice(things), *rng.sample(filler, 5), rng.choice(things)]
                rng.shuffle(bits)
                sentences.append("The " + " ".join(bits) + ".")
            articles.append(Article(f"s{s}-{k}", f"s{s}-{k}.txt", " ".join(sentences)))
            truth[f"s{s}-{k}"] = s
    return articles, truth


def test_a_few_hundred_articles_make_their_stories_whatever_the_order() -> None:
    articles, truth = _synthetic()
    vectors = stories._vectors(articles)
    held = Counter(t for ids, _ in vectors for t in ids[:TOP_TERMS])
    assert any(2 * WINDOW < n <= COMMON * len(articles) for n in held.values())  # some terms are looked up windowed
    links = stories._neighbours(vectors)
    assert sum(map(len, links.values())) <= 2 * NEIGHBOURS * len(articles)  # bounded, not every pair
    want = {frozenset(a for a, s in truth.items() if s == n) for n in set(truth.values())}
    found = group_stories(articles)
    assert {frozenset(s.articles) for s in found} == want
    shuffled = list(articles)
    random.Random(1).shuffle(shuffled)
    again = group_stories(shuffled)  # stories of one size come in input order: compare as sets
    assert {(s.title, frozenset(s.articles)) for s in again} == {(s.title, frozenset(s.articles)) for s in found}
