"""Which single-source facts are scene-setting, by a rule's `single_source` policy.

Why: the catch-all rule turns every body sentence into a fact, so a briefing
also collects "Meanwhile, hostilities continued to play out on the
battlefield" and "Sorry, this zipcode is not in our deliverable area". An
analyst keeps a sentence that only one outlet has when it holds something a
reader could check: a name, a figure, a date, or an actor who did or said
it. Unconfirmed speculation ("Beijing may have transferred weapons") is not
a fact either. A fact that two independent articles report is always kept:
corroboration is itself worth reporting.

Only rules that ask for it (`single_source:` in the rule file) are judged,
so the policy is the rule author's, and the briefing says how many
sentences it left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from factsheet.extract.names import ORG_WORDS
from factsheet.model import Fact
from factsheet.rules.phrases import ROLE_WORDS, latin
from factsheet.rules.schema import SingleSource

_WORD = re.compile(r"[\w’'-]+")
_LEADING_PHRASE = re.compile(latin(r"^[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,5},\s+"))  # "In addition, " "Meanwhile, "
_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                          r"forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|"
                          r"dozen|dozens|twice|half)\b", re.IGNORECASE)
_REFERRING = {"the", "both", "these", "those", "all"}  # "the two countries" refers; it counts nothing
_ROLE = re.compile(rf"\b(?:{ROLE_WORDS})\b", re.IGNORECASE)


def left_out(fact: Fact, policy: SingleSource | None, texts: Mapping[str, str]) -> bool:
    """True when `fact` is single-source and holds nothing the policy asks for (or is hedged).

    `texts` are the story's article texts by id: a one-word actor counts as a
    name when some article of the story writes it capitalised in mid-sentence.
    """
    if policy is None or fact.corroboration.independent >= 2:
        return False
    folded = fact.claim.casefold()
    if any(h.casefold() in folded for h in policy.hedges):
        return True
    checks = {
        "name": lambda: has_name(fact.claim),
        "figure": lambda: has_figure(fact.claim),
        "date": lambda: fact.date is not None and fact.date.source in ("text", "context"),  # the text says when
        "actor": lambda: is_actor(fact.who, texts),
    }
    return not any(checks[need]() for need in policy.needs)


def has_name(claim: str) -> bool:
    """A capitalised word inside the claim, after its first word and any opening phrase."""
    words = _WORD.findall(_LEADING_PHRASE.sub("", claim))
    return any(w[:1].isupper() for w in words[1:])


def has_figure(claim: str) -> bool:
    """Digits, or a number word that counts something ("two villages", not "the two countries")."""
    if _DIGIT.search(claim):
        return True
    for m in _NUMBER_WORD.finditer(claim):
        before = claim[:m.start()].split()[-1:]
        if not before or before[0].lower() not in _REFERRING:
            return True
    return False


def is_actor(who: str | None, texts: Mapping[str, str]) -> bool:
    """A person, a role ('police', 'opposition lawmakers') or an organisation, not 'Relations' or 'Sorry'."""
    if not who:
        return False
    words = who.split()
    if _ROLE.search(who) or any(w.lower() in ORG_WORDS for w in words):
        return True
    if sum(w[:1].isupper() for w in words) >= 2:
        return True
    if len(words) == 1 and who[:1].isupper():
        written = re.compile(rf"[a-z,;:] {re.escape(who)}\b")
        return any(written.search(t) for t in texts.values())  # any article of the story
    return False
