"""Tell a date of something a sentence mentions in passing from the date of its fact.

A date can belong to something the sentence only mentions in passing; dates.py
marks such a ref `aside`, and it does not date the sentence's fact:

- inside a reduced relative clause on a noun of a prepositional phrase, after
  the clause's own verb: "expects a charge because of the law passed by
  parliament last month". A participle that is the main verb ("The council
  approved the budget last week", "Shares of the bank jumped on Monday", "The
  bill was signed into law last week") keeps its date, and so does a reduced
  relative on the subject ("The measure signed into law this month spreads
  ..."): telling that from a main verb needs a parse;
- inside a trailing subordinate clause with its own verb: "rushed to pay
  bonuses before the new levy takes effect on Jan. 1" (before, until, once,
  by the time, ahead of). A leading one ("On Monday, before the vote, ..."),
  an attribution after a comma (", police said on Monday") and a "when"
  clause, which is at the time of its main clause, keep it.

A few word lists and a look back over the words before the date, not a parse:
fast enough for every matched sentence, and wrong in the ways the tests show.
"""

from __future__ import annotations

import re

from factsheet.rules.phrases import latin


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = re.compile(latin(r"[A-Za-z0-9$%£€][\w$%.'’-]*|[,;:()\[\]\"“”—–*-]"))
_PUNCT = frozenset(",;:()[]\"“”—–-*")
_AUX = _words(
    "is are was were be been being has have had will would can could should may might must do does did "
    "get gets got shall")
_CLAUSE_WORDS = _words("that which who whom whose and but or while whereas because as if")
_DETERMINERS = _words(
    "the a an its their his her our this that these those new some any each every")
_PREPOSITIONS = _words("of to from by under for on with about over against into")
_IRREGULAR = _words(
    "made taken given held set put brought won built sold paid cut hit struck laid led left lost seen "
    "shown spent told written drawn chosen frozen kept sent begun broken driven found bought thrown "
    "known grown met done took came went began")
_ED_NOUNS = _words("need speed seed feed bed shed red deed creed greed breed weed hundred kindred")
# past tenses that never head a passive reduced relative ("shares of the bank jumped on Monday")
_INTRANSITIVE = _words(
    "died arrived happened occurred jumped climbed soared slumped plunged dropped declined gained "
    "tumbled surged rallied resigned collapsed existed remained appeared emerged retired slipped "
    "edged retreated waited talked agreed")
# what may follow a participle that ends a reduced relative: "passed by parliament", "signed into law"
_AFTER_PARTICIPLE = _words(
    "by into in at on to for from with under over as earlier last this just only here there up down out "
    "off back through during")
# words that make a preposition of the next: "because of", "due to"
_COMPOUND = _words("because due thanks ahead instead out part")
_NEW_CLAUSE = _words("and but or while whereas because so")
_REPORTING = _words("said says say told tells added warned noted stated wrote writes according")
# "when" is left out: a when-clause is at the same time as its main clause ("died when a train
# hit the car on Monday"), so its date is the fact's too
_TRAILING = ("before", "until", "till", "once", "ahead")
_DETERMINER_LIKE = _DETERMINERS | _PREPOSITIONS | {"'s", "’s"}
WINDOW = 160  # characters before a date that are read for a clause it sits in


def is_aside(text: str, start: int) -> bool:
    words = _WORD.findall(text[max(0, start - WINDOW):start])
    if start > WINDOW and words:
        words = words[1:]  # the first may be cut
    return _in_reduced_relative(words) or _in_trailing_clause(words)


def _is_participle(word: str) -> bool:
    w = word.lower()
    if word[:1].isupper() or w in _ED_NOUNS or w in _INTRANSITIVE:
        return False
    return w in _IRREGULAR or (len(w) >= 5 and w.endswith("ed"))


def _in_reduced_relative(words: list[str]) -> bool:
    """"... because of the law passed by parliament [date]": a participle on the noun of a
    prepositional phrase ("of the law", "under a law", "of Orvik's plant"), within a few words of
    the date, after the finite verb of the clause the phrase is in."""
    n = len(words)
    for i in range(n - 1, max(-1, n - 7), -1):  # the participle: at most five words before the date
        low = words[i].lower()
        if _breaks(words[i]) or low in _AUX or low in _CLAUSE_WORDS:
            return False
        if _is_participle(words[i]) and i >= 3:
            break
    else:
        return False
    after = words[i + 1:i + 2]
    if after and not (after[0].lower() in _AFTER_PARTICIPLE or after[0].lower().endswith("ly")):
        return False  # "71 scheduled laps": a participle before its noun
    prev = words[i - 1].lower()
    if prev in _AUX or prev in _DETERMINER_LIKE or prev.endswith("ly") or _breaks(words[i - 1]):
        return False  # "was signed", "the signed deal", "quickly passed"
    # back over the noun phrase to its determiner (or possessive) and the preposition before that
    for j in range(i - 1, max(0, i - 5), -1):
        low = words[j].lower()
        if _breaks(words[j]) or low in _AUX or low in _CLAUSE_WORDS or low in _REPORTING or low in _PREPOSITIONS:
            return False
        if (low in _DETERMINERS or low.endswith(("'s", "’s"))) and words[j - 1].lower() in _PREPOSITIONS:
            k = j - 1
            if k >= 1 and words[k - 1].lower() in _COMPOUND:
                k -= 1
            return _has_finite_verb(_clause_before(words[:k]))
    return False


def _breaks(word: str) -> bool:
    """Punctuation, or a word that ends a sentence the splitter missed ("until 1947. * Major ...")."""
    return word in _PUNCT or (word.endswith(".") and not word[:1].isupper())


def _clause_before(words: list[str]) -> list[str]:
    """The words of the clause that ends at the end of `words`."""
    for k in range(len(words) - 1, -1, -1):
        low = words[k].lower()
        if low in ("and", "or") and not _has_finite_verb(words[k + 1:]):
            continue  # "for the fourth quarter and year": two nouns of one clause
        if _breaks(words[k]) or low in _CLAUSE_WORDS or low in _REPORTING:
            return words[k + 1:]
    return words


def _has_finite_verb(words: list[str]) -> bool:
    """An auxiliary, or a word in -s or -ed after a noun or name rather than after a determiner
    ("the new levy takes", "Orvik Bank expects"; not "the results", "Year's Eve celebrations")."""
    for k, w in enumerate(words):
        low = w.lower()
        if low in _AUX:
            return True
        if k == 0 or w[:1].isupper() or not w.isalpha():
            continue
        prev = words[k - 1].lower()
        if prev in _DETERMINER_LIKE or prev.endswith(("'s", "’s")) or _breaks(words[k - 1]):
            continue
        if (low.endswith("ed") and low not in _ED_NOUNS) or low in _IRREGULAR \
                or (low.endswith("s") and not low.endswith(("ss", "us", "is", "ions", "ments", "ings"))):
            return True
    return False


def _has_ing_verb(words: list[str]) -> bool:
    """"ahead of the levy taking effect": a word in -ing after a noun, not after a determiner."""
    return any(w.lower().endswith("ing") and len(w) > 4 and k > 0 and not _breaks(words[k - 1])
               and words[k - 1].lower() not in _DETERMINER_LIKE for k, w in enumerate(words))


def _in_trailing_clause(words: list[str]) -> bool:
    """"... rushed to pay before the new levy takes effect [date]": a subordinate clause with its own
    verb, after a main clause, with no comma between it and the date."""
    for k in range(len(words) - 1, 0, -1):
        w = words[k]
        low = w.lower()
        if _breaks(w) or low in _REPORTING or low in _NEW_CLAUSE:
            return False
        if low not in _TRAILING and not (low == "by" and words[k + 1:k + 3] == ["the", "time"]):
            continue
        if low == "ahead" and words[k + 1:k + 2] != ["of"]:
            continue
        rest = words[k + 1:]
        if low == "by":
            rest = rest[2:]
        if len(_clause_before(words[:k])) < 2:
            return False  # a leading clause, or one straight after a comma
        return _has_finite_verb(rest) or _has_ing_verb(rest)
    return False
