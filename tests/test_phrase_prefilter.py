"""The phrase prefilter (phrases.Need) only skips searches that could not match.

It must never change what is extracted: a phrase's pattern is skipped only when
the sentence lacks a word every match contains, so prefiltered and unfiltered
matching must agree on every sentence, including case and Unicode oddities
that the `regex` engine folds differently from str.lower().
"""

from __future__ import annotations

import sys

import pytest
import regex

from factsheet.extract.split import split_article
from factsheet.ingest.load import load_paths
from factsheet.resources import builtin_dir
from factsheet.rules import phrases
from factsheet.rules.loader import load_rules
from factsheet.rules.schema import Rule, RuleSet

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules([builtin_dir("rules")])


def _unfiltered(rule: Rule, sentence: str, monkeypatch: pytest.MonkeyPatch) -> phrases.PhraseMatch | None:
    """match() with every pattern searched, as before the prefilter existed."""
    with monkeypatch.context() as patch:
        patch.setattr(phrases, "_possible", lambda *_: True)
        return phrases.match(rule, sentence)


def test_the_needs_of_a_phrase_are_its_required_words() -> None:
    rule = Rule.model_validate({"id": "r", "words": {"say": ["said", "says", "told reporters"]},
                                "phrases": ['{who} [has|had] {say} "{claim}', "according to {who}, {claim}"]})
    say, according = phrases._compiled(rule)
    # optional words and slots need nothing; of "told reporters" its longest word is enough
    assert [n.options for n in say.needs] == [("reporters", "said", "says"), tuple(phrases.QUOTE_CHARS)]
    assert [n.options for n in according.needs] == [("according",), ("to",), (",",)]


def test_an_option_containing_another_is_dropped() -> None:
    rule = Rule.model_validate({"id": "r", "words": {"kill": ["kill", "killed", "skilled"]},
                                "phrases": ["{who} {kill} {claim}"]})
    (compiled,) = phrases._compiled(rule)
    assert [n.options for n in compiled.needs] == [("kill",)]


def test_a_phrase_whose_words_are_absent_is_never_searched() -> None:
    rule = Rule.model_validate({"id": "r", "phrases": ["{who} declared that {claim}"]})
    (compiled,) = phrases._compiled(rule)
    assert [n.options for n in compiled.needs] == [("declared",), ("that",)]
    searched: list[str] = []

    class Spy:
        def search(self, text: str, timeout: float | None = None) -> regex.Match[str] | None:
            searched.append(text)
            return compiled.pattern.search(text, timeout=timeout)

    phrases._CACHE[id(rule)] = (rule, (phrases.CompiledPhrase(compiled.phrase, Spy(), compiled.slots,
                                                              compiled.needs),))
    try:
        assert phrases.match(rule, "The minister said that the bridge will reopen in May.") is None
        assert searched == []  # "declared" is missing: no search at all
        found = phrases.match(rule, "The minister DECLARED that the bridge will reopen in May.")
        assert found is not None and searched == ["The minister DECLARED that the bridge will reopen in May."]
    finally:
        del phrases._CACHE[id(rule)]


def test_words_that_are_not_ascii_are_not_required_but_still_match(monkeypatch: pytest.MonkeyPatch) -> None:
    rule = Rule.model_validate({"id": "r", "words": {"say": ["déclaré", "a dit"]},
                                "phrases": ["{who} {say} que {claim}"]})
    (compiled,) = phrases._compiled(rule)
    assert [n.options for n in compiled.needs] == [("que",)]  # {say} has an option fold cannot promise
    sentence = "Le Ministre DÉCLARÉ que le pont rouvrira en mai."
    assert phrases.match(rule, sentence) == _unfiltered(rule, sentence, monkeypatch)
    assert phrases.match(rule, sentence) is not None


def test_fold_keeps_every_character_regex_reads_as_an_ascii_one() -> None:
    """Each code point that `(?i:x)` matches for a printable ASCII x folds to the same text as x."""
    everything = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for x in map(chr, range(0x20, 0x7F)):
        for c in regex.compile("(?i:" + regex.escape(x) + ")", regex.V0).findall(everything):
            assert phrases.fold(c) == phrases.fold(x), (hex(ord(c)), x)
    # simple case folding only: one character never matches two ("ß" is not "ss")
    assert regex.search("(?i:ss)", "ß", regex.V0) is None
    assert regex.search("(?i:ff)", "ﬀ", regex.V0) is None


ODD_SENTENCES = [
    "The minister SAID that the bridge will reopen in May.",
    "The minister ſaid that the bridge will reopen in May.",  # long s: regex reads it as s
    "İstanbul's mayor said the ferries will run again on Monday.",
    "\"The port will reopen in May,\" TOLD REPORTERS the harbour master on Tuesday.",
    "“The port will reopen in May,” the harbour master told   reporters on Tuesday.",
    "The harbour master ToLd\treporters that the port will reopen in May.",
    "Xsaid that the ferry company will refund every ticket in full.",
    "According to the coastguard, three boats capsized in the storm.",
    "ACCORDING TO THE COASTGUARD, three boats capsized in the storm.",
    "Three boats capsized in the storm, according to the coastguard.",
    "Five people were killed and 12 were injured, police said.",
    "The explosion killed five people and injured twelve, police said.",
    "The storm destroyed dozens of homes along the coast.",
    "Police arrested two men near the stadium on Friday.",
    "Police sealed off two streets near the stadium on Friday.",
    "The Kelvin scale starts at absolute zero, the physicist explained.",
    "It was the worst storm in a decade.",
    "«The port will reopen in May», said the harbour master.",
    "The minister said: „The port will reopen in May.“",
]


def _sentences(rules: RuleSet) -> list[str]:
    """Odd cases, every rule example, and every body sentence of the example articles."""
    out = list(ODD_SENTENCES)
    for rule in rules.rules:
        out += [e.text for e in rule.should_match] + [e.text for e in rule.should_not_match]
    for article in load_paths([str(EXAMPLES)]).articles:
        out += [s.text for s in split_article(article) if s.role == "body"]
    return out


def test_prefiltered_and_unfiltered_matching_agree(rules: RuleSet, monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = _sentences(rules)
    assert len(sentences) > 50
    matched = 0
    for rule in [r for r in rules.rules if r.phrases]:
        for sentence in sentences:
            found = phrases.match(rule, sentence)
            assert found == _unfiltered(rule, sentence, monkeypatch), (rule.id, sentence)
            matched += found is not None
    assert matched > 20  # the agreement is not only on sentences nothing matches


@pytest.mark.parametrize("sentence", ODD_SENTENCES)
def test_odd_sentences_agree_with_the_unfiltered_search(rules: RuleSet, sentence: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    for rule in [r for r in rules.rules if r.phrases]:
        assert phrases.match(rule, sentence) == _unfiltered(rule, sentence, monkeypatch), rule.id


class _Interrupted:
    """A pattern whose first search times out without doing any work, as on a machine too busy to run it."""

    def __init__(self, times: int) -> None:
        self.times = times
        self.timeouts: list[float] = []

    def search(self, sentence: str, timeout: float) -> str:
        self.timeouts.append(timeout)
        if len(self.timeouts) <= self.times:
            raise TimeoutError
        return sentence


@pytest.mark.parametrize("times", [1, 5])
def test_a_search_cut_short_by_a_busy_machine_runs_again_with_longer_to_wait(times: int) -> None:
    pattern = _Interrupted(times)
    assert phrases._search(pattern, "The port reopened.") == "The port reopened."  # type: ignore[arg-type]
    assert len(pattern.timeouts) == times + 1
    assert pattern.timeouts == sorted(set(pattern.timeouts))  # each attempt may wait longer


def test_a_search_that_keeps_being_cut_short_gives_up_in_the_end() -> None:
    with pytest.raises(TimeoutError):
        phrases._search(_Interrupted(phrases.SEARCH_ATTEMPTS), "The port reopened.")  # type: ignore[arg-type]
