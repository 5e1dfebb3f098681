"""The subject of a plain sentence: who the any-sentence rule says did what it reports.

Without a part-of-speech tagger (docs/performance.md says why), the subject
is the leading noun phrase, found by what cannot be part of it: openers that
are no subject ("Previously,", "Asked about the vote,", "But"), datelines,
run-in labels, a quantifier ("Some of"), an expletive "it is likely that",
and the first verb (an auxiliary, an -ed word, a present tense before its
object). A name or role word the phrase rules know ("Tarvik Bank", "the
regional governor") is taken whole, with the noun it modifies ("U.K.
lenders", "Public companies").
"""

from __future__ import annotations

import re

from factsheet.extract.names import COMPANY_NOUNS, NOT_ADVERBS, names_a_person
from factsheet.rules.phrases import ACTOR_CORE, COMMON_VERBS, LEAD, latin

# words that follow a subject and end it (an alternation for regular expressions)
AUXILIARIES = (r"is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|does|do|"
               r"said|says|continues|continued|remains|remained")
_AUX = AUXILIARIES
_LEAD = re.compile("^" + LEAD)
_ACTOR_AT_START = re.compile(rf"^{ACTOR_CORE}(?:,(?=\s))?")


# "DRESK, March 4 (KPA) — " or "BEIJING -- ": a dateline names a place, not an actor.
# "CORVEL, May 4 (Wire) — ", and a listing's "Jan. 13 — "
_DATELINE = re.compile(latin(r"^(?:[A-Z][A-Z .'’/-]{2,}(?:,[^—–-]{0,40})?|[A-Z][a-z]{2,3}\.\s+\d{1,2})?\s*"
                             r"(?:\([^)]{1,20}\))?\s*(?:—|–|--|-)\s+"))


# "CHECK YOUR TICKETS Corvel Ferries is offering ...": a run-in label in capitals is no subject.
_CAPS_LABEL = re.compile(latin(r"^(?:(?:[A-Z][A-Z'’-]+\s+){2,}(?=[A-Z][a-z])"
                              # a label before a colon: "Translation: The car ...", "UPDATE: The port ..."
                              r"|(?i:translation|update|updated|background|context|analysis|related|opinion|"
                              r"explainer|recap|note|watch|read more|breaking)\s*:\s+(?=\S))"))


# Words that open a sentence without being its subject, however capitalised: "Previously, companies
# had to ...", "Up to now, Tarvik Bank ...", "Asked about the vote, Hale said ...", "Had Orsavia shot ...".
_OPENERS = frozenset({
    "plus", "also", "still", "now", "then", "thus", "so", "yet", "but", "and", "or", "nor", "not", "instead",
    "indeed", "overall", "finally", "first", "second", "third", "meanwhile", "however", "longer", "shorter",
    "up", "down", "among", "amongst", "beyond", "besides", "despite", "within", "without", "against",
    "across", "toward", "towards", "through", "throughout", "behind", "beside", "between", "unlike", "like",
    "once", "while", "although", "though", "because", "unless", "whether", "if", "when", "where", "how",
    "why", "what", "whatever", "here", "there", "perhaps", "maybe", "elsewhere", "again", "even", "just",
    "had", "has", "have", "is", "are", "was", "were", "do", "does", "did", "should", "would", "could",
    "will", "can", "may", "might", "must", "to", "from", "into", "of", "as", "at", "by", "for", "in", "on",
    "with", "after", "before", "since", "until", "during", "over", "under", "about", "around", "near",
    "together", "alone", "separately", "likewise", "similarly", "otherwise", "nonetheless", "nevertheless",
})
# "Some of Tarvik Bank's rivals ...": the subject is what follows the quantifier.
_QUANTIFIER = re.compile(r"^(?i:some|many|most|several|all|few|none|each|one|two|three|both|either|neither|"
                         r"any|much|part|half|a number|a few|a handful|dozens|hundreds|thousands)\s+of\s+(?=\S)")


# "Picture Tarvik's new ferry ...", "Imagine ...", "Meet Ana Ruiz, ...": the reader is told to do something,
# and no one in the story acts
_IMPERATIVE = re.compile(r"^(?:Picture|Imagine|Consider|Meet|Remember|Take|Think|Look|Watch|Let|Try|Forget|"
                         r"Compare|Check|See|Join|Listen|Go|Don[’']t|Do not)\s")
_POSSESSIVE_END = re.compile(r"[’']s$")
_DASH_ASIDE = re.compile(r"\s*[—–]\s*[^—–]{1,80}?\s*[—–]\s*|\s+--\s+.{1,80}?\s+--\s+")
_PRONOUN = re.compile(r"(?i:he|she|they|we)")  # ("it", "I": often no one, "it seems", "I thought")
# "It's possible to ...", "There is said to be ...", and "It was the second crash ...", "It is unclear ...":
# nobody acts, and no company or country is the "it" ("It is planning ..." does act)
_EXPLETIVE = re.compile(r"^(?i:it|there)(?:[’']s|\s+(?:is|was|has been|had been|would be|will be|seems|seemed|"
                        r"remains|appears|appeared))\s+(?:\w+\s+){0,2}?(?:that|to|whether|unclear|likely|"
                        r"possible|expected|thought|believed|said|reported)\b"
                        r"|^(?i:it)\s*(?:is|was|will\s+be|would\s+be|has\s+been|had\s+been|[’']s)\b"
                        r"(?:\s+(?:not|also|still|now|then|just|already|only))?(?!\s+\w+ing\b)"
                        r"|^(?i:it)\s+(?:seems|seemed|appears|appeared)\s+(?:that\s+|as\s+if\s+|like\s+)?"
                        r"(?:the|a|an|this|these|those|there)\b"
                        # "It seems archaic", but not "It appears billionaire Ana Ruiz ...": the name acts
                        r"|^(?i:it)\s+(?:seems|seemed|appears|appeared)\s+(?![a-z]+\s+(?-i:[A-Z]))[a-z]+\b", re.I)
# People who belong to someone: "Tarvik Bank's rivals" are not Tarvik Bank.
_BELONGING = re.compile(
    r"\s+(?:rivals|competitors|peers|critics|supporters|opponents|allies|partners|customers|clients|investors|"
    r"shareholders|lawyers?|attorneys?|officials|analysts|executives|employees|staff|members|fans|"
    r"neighbou?rs|relatives|family|friends|colleagues|spokes(?:man|woman|person)|representatives?)\b")


def _opener(words: list[str], fragment: bool = False) -> bool:
    """Does the sentence open with words that are not its subject ("Previously,", "Asked about ...")?
    A `fragment` (a sentence cut from another, in lower case) may open with one too: "by pairing up they"."""
    if not words or not (words[0][:1].isupper() or fragment):
        return False
    first = words[0].strip(",.;:").lower()
    if first in _OPENERS:
        return True
    # a time before the comma: "Two months later, ...", "A decade ago, ...", "An hour earlier, ..."
    if any(w.lower() in ("later,", "ago,", "earlier,", "afterwards,") for w in words[1:6]):
        return True
    if not words[0][:1].isupper():
        return False
    # an adverb or a participle, known by what follows it: "Previously, ...", "Reportedly the ...",
    # "Asked about ...", "Speaking to ..." (but "Kimberly Ross wrote", "Kunming, Dresk's partner")
    after = words[1].lower() if len(words) > 1 else ""
    if len(first) > 4 and first.endswith("ly"):
        return words[0].endswith(",") or (words[1][:1].islower() and after not in _VERBS_AFTER)
    return len(first) > 4 and first.endswith(("ed", "ing")) and not words[0].endswith(",") and after in _LEADS_INTO


_VERB = "|".join(sorted(COMMON_VERBS)) + latin(r"|[a-z]{3,}ed")  # "The Kestrian delegation met ...", "... opened ..."
# words that follow a subject's name without being its head noun: "Moon also promised", "firms plan to set"
_NO_HEAD = (latin(r"also|once|later|first|both|all|each|still|then|now|just|never|always|often|already|again|soon|even|"
            r"only|too|alone|themselves|itself|to|in|on|at|with|from|by|as|into|over|after|before|this|last|a|an|the|"
            r"its|their|his|her|[a-z]+n[’']t"))
_HEAD_NOUN = re.compile(latin(rf"(?:\s+(?:and\s+)?(?!(?:{_AUX}|{_VERB}|{_NO_HEAD}|who|which|that|and)\b)(?![a-z]+ly\b)"
                        r"[a-z][\w’'-]*)"
                        rf"{{1,3}}(?=\s+(?:{_AUX}|{_VERB}|who|which)\b)"))
# "Formula One star Lena Ortiz won ...", "Corvel carmaker Tarvik Motors ...": after the name a noun for a
# person or company, then that one's name
_NOUN_THEN_NAME = re.compile(latin(r"(?:\s+[a-z][\w’'-]*){0,2}\s+(?P<noun>[a-z][\w’'-]*)"
                             r"\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3}(?=\s+[a-z])"))
# "One British family caught up in ...", "Two Tarvik League players Ivo Sand and ...": capitals after a number
# modify the noun that follows them, whatever verb comes after it
_MODIFIERS_ONLY = re.compile(latin(r"^(?i:one|two|three|four|five|six|seven|eight|nine|ten)\s+[A-Z]"))
_ONE_HEAD = re.compile(latin(rf"\s+(?!(?:{_AUX}|{_VERB}|{_NO_HEAD}|who|which|that|and|of)\b)(?![a-z]+(?:ed|ing)\b)"
                             r"[a-z][\w’'-]*(?=[\s,])"))
_ABBREVIATION = re.compile(latin(r"\b[A-Z](?:\.[A-Z])+\.$"))
_AFTER_ABBREVIATION = re.compile(latin(
    rf"(?:\s+(?!(?:{_AUX}|of|in|on|at|to|for|with|by|from|as|and|or|that|which|who)\b)[a-z][\w’'-]*){{1,3}}"))
_NAME_AFTER_LONG_OPENER = re.compile(
    latin(r",\s+(?:(?:however|though|too|meanwhile|then),\s+)?(?P<clause>(?!(?:The|A|An|It|This|That|These|Those|There|Here|"
    r"Which|What|Who|He|She|They|We|I|You)\b)[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,3}\s+"
    rf"(?:{AUXILIARIES}|{_VERB})\b(?!\s+[A-Z]))"))  # "Ana do Rego": a name
_SUBORDINATOR = re.compile(r"^(?:before|until|once)\s+")
_CONJUNCTIONS = frozenset({"but", "and", "yet", "so", "or", "nor", "plus"})
_LEADS_INTO = frozenset({"about", "to", "by", "for", "on", "at", "in", "with", "from", "after", "over", "the", "a",
                         "an", "his", "her", "their", "its", "through", "into", "out", "up", "back",
                         "another", "this", "these", "those", "some", "such", "our", "my", "your"})
_VERBS_AFTER = frozenset({"said", "says", "told", "wrote", "added", "has", "have", "had", "is", "was", "will"})


def subject_of(text: str) -> str | None:
    """The actor a plain sentence is about: its leading noun phrase.

    Openers that are not the subject are skipped up to their comma ("Longer
    term, ...", "Asked about the vote, Hale said ..."); a sentence that opens
    with one and has no such comma ("Not that ...", "Had Orsavia shot ...") has
    no subject we can trust.
    """
    found = _leading_noun_phrase(text) or ""
    words = found.split()
    if len(words) > 1 and words[-1].lower() in _DANGLING and (words[-1].islower() or len(words[-1]) <= 2):
        # "The flight from Dresk, a port, ..." was cut at the comma to "flight from": the flight ("PS Plus"
        # is a name)
        while len(words) > 1 and words[-1].lower() in _DANGLING:
            words.pop()
        found = " ".join(words)
    # "..., which has no plans", "some of what has ...", "You can ...", "This is ...": no one it names
    if not words or words[0].lower() in _NOBODY or found.lower() in _DETERMINERS:
        return None
    return _agent(text, found) or found


# "The ferry was seized by Kestrian police": who did it is the agent, not the ferry
_PASSIVE = re.compile(latin(r"\s+(?:was|were|is|are|has been|have been|had been|will be|would be|could be|may be|being)"
                      r"\s+(?:[a-z]+ly\s+)?(?:[a-z]{3,}ed|seen|taken|given|made|held|shot|hit|struck|sent|found|built|"
                      r"brought|caught|written|driven|chosen|beaten|bought|told|sold|won|stolen|thrown|led|set|shut|"
                      r"cut|put|paid|kept|broken|hidden|overtaken|overrun|withdrawn|seized)\s+by\s+"))
# the agent's words, up to what starts a phrase or clause of its own ("by Ivo Sand on Monday", "..., who")
_AGENT_WORDS = re.compile(latin(r"(?:(?!(?:in|on|at|after|before|as|via|for|to|from|with|over|last|this|who|which|that|"
                          r"and\s+(?:former|his|her|the|a|an|[A-Z]))\b)[\w’'.&-]+\s*){1,12}"))
_NAME_AT_END = re.compile(latin(r"(?:[A-Z][\w’'.&-]*\s+)*[A-Z][\w’'.&-]*$"))
_ROLE_AT_END = re.compile(rf"(?:{ACTOR_CORE})$")


def _agent(text: str, subject: str) -> str | None:
    """The named agent of a passive whose subject is `subject`, if the sentence gives one: the name that
    ends its words ("by Mercedes boss Toto Wolff": Toto Wolff), or a role ("by Kestrian police")."""
    at = text.find(subject)
    passive = _PASSIVE.match(text, at + len(subject)) if at >= 0 else None
    words = _AGENT_WORDS.match(text, passive.end()) if passive else None
    if words is None:
        return None
    phrase = re.sub(r"^(?:the|a|an)\s+", "", words.group(0).strip(" .,;:"))
    named = _NAME_AT_END.search(phrase)
    if named:
        return named.group(0)
    return phrase if _ROLE_AT_END.search(phrase) else None


def _leading_noun_phrase(text: str) -> str | None:
    rest = _LEAD.sub("", _CAPS_LABEL.sub("", _DATELINE.sub("", text.lstrip("\"“”‘ "))))
    if _IMPERATIVE.match(rest):
        return None
    rest = _SUBORDINATOR.sub("", rest)  # a clause cut at "before the levy takes effect": the levy
    rest = _DASH_ASIDE.sub(" ", rest)  # "The new toll -- up to 4 crowns from 2 -- will ...": the toll
    fragment = text.lstrip("\"“”‘ ")[:1].islower()
    for turn in range(2):
        words = rest.split()
        if not _opener(words, fragment=fragment and turn == 0):
            break
        comma = next((i for i, w in enumerate(words[:10]) if w.endswith(",")), None)
        if words[0].lower() in _CONJUNCTIONS:
            comma = 0  # "But its future is bright, ...": the conjunction alone
        elif comma is None and words[0].lower().endswith("ly"):
            comma = 0  # "Reportedly the plant closed": the adverb alone
        elif comma is None:
            # a long opener still ends where a name begins a clause: "Even as it made the adjustments
            # the charge needed, however, Tarvik Bank was working to ..."
            named = _NAME_AFTER_LONG_OPENER.search(" ".join(words[:30]))
            if named is None:
                return None
            rest = rest[rest.index(named.group("clause")):]
            continue
        rest = _LEAD.sub("", " ".join(words[comma + 1:]))
    rest = _QUANTIFIER.sub("", rest)
    if _EXPLETIVE.match(rest):
        return None  # "It's possible to ...", "It has been expected that ...": nobody acts
    named = _NAMED_COMPLEMENT.match(rest)
    if named:  # "The top bidder will be Norland Group, which ...": Norland Group
        return named.group("name").removesuffix(".") if rest.rstrip().endswith(named.group("name")) \
            else named.group("name")
    m = _ACTOR_AT_START.match(rest)
    if m and any(w in COMMON_VERBS for w in m.group(0).split()[1:]):
        m = None  # "The delegation met officials": a verb is no modifier of the role word after it
    if m and m.group(0).lower().rstrip(",") not in _DETERMINERS:  # "A 2004 law ...": no name, read on
        belongs = _BELONGING.match(rest, m.end()) if _POSSESSIVE_END.search(m.group(0)) else None
        if belongs or _POSSESSIVE_END.search(m.group(0)):
            return m.group(0) + belongs.group(0) if belongs else m.group(0)
        # "U.S. lenders had ...", "Public companies are ...", "The top bidder will ...": the name
        # or role word modifies the noun the verb follows
        if _PRONOUN.fullmatch(m.group(0).rstrip(",")):
            return m.group(0).rstrip(",")  # "he apologized and said ...": a pronoun modifies no noun
        person = _NOUN_THEN_NAME.match(rest, m.end())
        if person and (names_a_person(person.group("noun")) or person.group("noun") in COMPANY_NOUNS):
            return m.group(0) + person.group(0)
        head = _HEAD_NOUN.match(rest, m.end()) or (_ABBREVIATION.search(m.group(0)) and _AFTER_ABBREVIATION.match(
            rest, m.end())) or _head_of_modifiers(rest, m.group(0), m.end())
        return m.group(0) + head.group(0) if head else m.group(0)
    words = rest.split()
    np: list[str] = []
    for i, w in enumerate(words[:7]):
        bare = w.strip(",.;:").lower()
        after = words[i + 1].lower() if i + 1 < len(words) else ""
        if re.fullmatch(_AUX, bare) or (bare.endswith("ly") and bare not in NOT_ADVERBS) \
                or bare.endswith(("n’t", "n't")) or w.endswith(","):
            if w.endswith(",") and (not np or np[-1].lower() not in _LINKS | _DETERMINERS) and bare not in _LINKS:
                np.append(w.strip(","))  # "A flight attendant, who ...": the noun before the comma is the head
            break
        relative = bare == "that" and i + 1 < len(words) and _verb_like(words[i + 1])
        if np and (bare in ("who", "which") or relative):
            break  # "The mastermind who ran the scam has been arrested", "rockets that were launched ..."
        if len(np) >= 2 and bare.endswith("ing") and after in _LINKS | _DETERMINERS | _PLACE_WORDS:
            break  # "A helicopter flying past the moon makes ...": a participle phrase describes the noun
        # after "of" or "and" an -ed word describes ("decades of alleged abuse", "the closed and sealed lid")
        if len(np) >= 2 and np[-1].lower() not in _LINKS and _looks_finite(bare, after, np):
            break  # "The new levy imposes a ...", "The old regime allowed companies ..."
        np.append(w)
    else:
        if np and np[-1].endswith((".", "!", "?")):
            return None  # the sentence ended and no verb was seen: no subject we can trust
    return " ".join(np) if 0 < len(np) <= 6 else None


def _head_of_modifiers(text: str, modifiers: str, at: int) -> re.Match[str] | None:
    """The noun that capitalised modifiers ("One British", "Two Tarvik League") go with, if one follows."""
    head = _ONE_HEAD.match(text, at) if _MODIFIERS_ONLY.match(modifiers) else None
    if head is None or (head.group(0).endswith("ly") and head.group(0).strip() not in NOT_ADVERBS):
        return None
    return head


def _verb_like(word: str) -> bool:
    """Does this word open a relative clause's verb ("that was", "that fell", "that lit")?"""
    bare = word.strip(",.;:").lower()
    return bool(re.fullmatch(_AUX, bare)) or bare in COMMON_VERBS or (len(bare) > 4 and bare.endswith("ed"))


_NOBODY = frozenset({"which", "what", "who", "whom", "whose", "whoever", "whatever", "such", "i",
                     "you", "you'll", "you’ll", "you're", "you’re"})


# "The biggest winner is Tarvik Bank": a ranking the copula gives a name
_NAMED_COMPLEMENT = re.compile(
    latin(r"^(?i:the)\s+(?:top|biggest|largest|main|chief|first|last|only|sole|new|leading|likely|clear|big)\s+"
    r"(?:[a-z][\w-]*\s+){0,2}(?:will be|would be|is|was|are|were)\s+"
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\b)"
    r"(?P<name>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|and|&)){0,4}?)(?=,\s|;|\.?\s*$|\s+(?:which|who)\b)"))


_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_SINGULAR = frozenset({"a", "an", "this", "that"})
_OBJECT_START = re.compile(r"^(?:a|an|the|its|his|her|their|this|that|these|those|some|all|no|[\d$£€]\S*)$")


# words between a noun and a determiner that are no verb: "the head of the port", "the cat and the dog"
_LINKS = frozenset({"of", "for", "and", "or", "but", "nor", "than", "as", "like", "in", "on", "at", "to", "from",
                    "by", "with", "into", "onto", "over", "under", "about", "near", "after", "before", "since",
                    "during", "without", "within", "among", "between", "against", "via", "per", "plus", "versus",
                    "including", "across", "behind", "beyond", "through", "toward", "towards", "off", "out"})


_DANGLING = _LINKS | _DETERMINERS | {"a", "an", "but"}  # no noun phrase ends on these
_PLACE_WORDS = frozenset({"past", "along", "around", "down", "up", "outside", "inside", "beside", "alongside"})


def _looks_finite(word: str, after: str, before: list[str]) -> bool:
    """A past-tense verb, or a present one before its object, ends the noun phrase it follows; so does
    any word before an object after a short noun phrase of its own ("the teenager overtook 13 cars")."""
    if not word.isalpha() or not word.islower():
        return False
    if (word.endswith("ed") and len(word) > 4) or word in COMMON_VERBS:
        return True
    if word.endswith("s") and not word.endswith("ss") and len(before) == 2 and before[0].lower() in _SINGULAR:
        return True  # "A man shoots ...", "That number includes ...": one thing, then its verb
    if not _OBJECT_START.match(after.lower()) or word.endswith("ss") or word in _LINKS:
        return False
    if word.endswith("s"):
        return True
    short_phrase = len(before) <= 3 and before[0].lower() in _DETERMINERS
    return short_phrase and before[-1].lower() not in _LINKS | {"that", "which", "who"}
