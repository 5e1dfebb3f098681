"""Who a pronoun or a role noun means: the people and organisations an article has named so far.

Read sentence by sentence: people introduced with a title ("Harbour Minister Ana
Ruiz") and speakers are remembered with the gender their pronouns show; a later
"he", "she", "the minister" or "the company" resolves to the one they most
likely mean, or to nobody (names.py cleans the phrases; this module keeps the
article's cast).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from factsheet.extract import cast
from factsheet.extract.gazetteer import PLACES
from factsheet.extract.names import (
    COMPANY_NOUNS,
    NAME_JOINERS,
    ORG_WORDS,
    PERSON_NOUNS,
    POSSESSIVE_IN,
    POST_WORDS,
    TITLE_WORDS,
    WEEKDAYS_MONTHS,
    Actor,
    clean_actor,
)
from factsheet.rules.alternation import factored
from factsheet.rules.phrases import fold, latin

ORG_NOUNS = frozenset({"company", "firm", "bank", "lender", "carrier", "airline", "insurer", "retailer", "automaker",
                       "carmaker", "manufacturer", "operator", "utility", "conglomerate", "broker", "chain",
                       "corporation", "business", "group", "agency", "authority", "ministry", "department"})
_SOMEONE_ELSE = frozenset({"central", "rival", "other", "another", "competing", "competitor", "parent", "sister",
                           "partner", "state-owned", "world", "development", "reserve", "smaller", "larger",
                           "bigger", "new", "former", "foreign", "second", "third", "subsidiary", "merged",
                           "target", "national", "federal", "private", "local", "same", "different", "one", "combined",
                           "how", "what", "why", "which", "whose", "whatever", "no", "any", "each", "every"})
_COMPANY_WORDS = frozenset({"company", "inc", "inc.", "corp", "corp.", "corporation", "group", "bank", "ltd", "plc",
                            "llc", "holdings", "airlines", "airways", "systems", "technologies", "motors", "energy",
                            "partners", "capital", "co", "co.", "ag", "sa", "nv", "se"})
_PUBLIC_BODIES = frozenset({"agency", "authority", "ministry", "department", "commission", "office", "service",
                            "council", "bureau", "directorate", "inspectorate"})
PERSON_PRONOUNS = {"he", "she", "him", "her"}
# How many sentences back "he" or "she" may find a person the article has not shown to be a man or a woman
PRONOUN_REACH = 6

# A sentence without one of the titles (a substring test on its folded text) is not searched for a titled
# name: most have none, and the search tries every word of them (it was 4 % of extraction).
_TITLES = ("president", "minister", "chancellor", "governor", "mayor", "envoy", "secretary", "spokesperson",
           "spokesman", "spokeswoman", "leader", "chief", "director", "ceo", "commander", "ambassador", "senator",
           "judge", "prosecutor", "executive", "colonel", "general", "officer", "official", "head")
_TITLED_NAME = re.compile(
    latin(r"\b(?:(?:[A-Z][\w.\-]*|(?i:deputy|prime|vice|special|foreign|former))\s+){0,5}"
    rf"(?i:{factored(list(_TITLES))})"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})?,?"
    r"\s+(?:[A-Z][\w’'\-]+(?<![’']s)\s+){0,2}[A-Z][\w’'\-]+")  # "President Hale’s Corvel" is Hale's city
)


def _plural(name: str) -> bool:
    """A group that reads as a plural noun ("Lenders", "U.K. lenders", "Banks and insurers"), not a
    name ("Texas", "Halvenor Chemicals")."""
    words = name.split()
    if "and" in words[1:-1]:
        return True
    word = words[-1].lower()
    if word in _PLURAL_NOUNS:
        return True  # "LAX police": "it" never means them
    if len(words) > 1 and words[-1][:1].isupper():
        return False
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "as", "os"))


_PLURAL_NOUNS = frozenset({"police", "people", "staff", "personnel", "crew", "clergy"})
# Common nouns for people (names.PERSON_NOUNS) and for bodies that speak and act: what "they said" can
# mean. "Loud bangs came from the barge. ... they said" is not the bangs; "it said" is a body, never
# "the test pilot".
_BODY_NOUNS = frozenset({
    "authority", "media", "administration", "crowd", "broadcaster", "family", "families", "military", "country",
    "countries", "nation", "state", "firm", "companies", "insurer", "lender", "rival", "partner", "ally",
    "allies", "group", "team",
})
_SPEAKERS = PERSON_NOUNS | _BODY_NOUNS | _PLURAL_NOUNS | ORG_NOUNS | COMPANY_NOUNS | ORG_WORDS | POST_WORDS


_OF_PHRASE = re.compile(r"\s+(?:of|in|at|from|for|on|with)\s+")


def _head_in(group: str, nouns: frozenset[str]) -> bool:
    """Is the head noun of the phrase, singular or plural, one of `nouns`? ("Police in Corvel": police)"""
    head = _OF_PHRASE.split(group, maxsplit=1)[0].split()[-1].lower()
    return head in nouns or head.removesuffix("s") in nouns or (head.endswith("ies") and head[:-3] + "y" in nouns)


def _can_speak(group: str) -> bool:
    """A common noun phrase whose head names people or a body ("Police", "Rescue workers", "The
    ministry"), not a thing ("Loud bangs", "Shares", "The rocket")."""
    return _head_in(group, _SPEAKERS)


@lru_cache(maxsize=64)
def _bare_words(sentence: str) -> frozenset[str]:
    """The sentence's words without punctuation or possessive: read by notice() and learn() alike."""
    return frozenset(w.strip(".,;:!?\"“”()").removesuffix("’s").removesuffix("'s") for w in sentence.split())


_FULL_NAME = re.compile(latin(r"\b[A-Z][a-z’'-]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z’'-]+"))


_OPENER_FORM = re.compile(r"(?:[a-z]{3}(?:ing|ed|ly)|[’'](?:ve|re|ll|m|d|s))$")
_OPENER_WORDS = frozenset({
    "another", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "please", "no", "yeah",
    "thanks", "upon", "whenever", "wherever", "rather", "soon", "already", "various", "similar", "worst", "best",
    "given", "along", "somehow", "such", "whatever", "whoever", "amid", "among", "besides", "unlike", "like",
})
_INSIDE_A_SENTENCE = re.compile(latin(r"(?<=[a-z0-9,;:)] )([A-Z][\w.&-]*?)(?:[’']s)?\b(?![\w’'])"))
# a word written in lower case, not in a web or mail address ("www.tarvik.com", "@tarvik")
_LOWER_WORD = re.compile(latin(r"(?<![\w./@])[a-z][a-z’'-]+\b(?!\.[a-z]|/|@)"))
_PLAIN_WORD = re.compile(latin(r"[A-Za-z][\w.&-]*"))
_AND_OWN = re.compile(r"\s+and\s+(his|her)\s", re.I)
_NAME_AND_OWN = re.compile(latin(r"\b([A-Z][a-z’'-]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z’'-]+) and (his|her) "))
_KIN_BEFORE = re.compile(r"\b(father|mother|son|daughter|brother|sister|husband|wife|uncle|aunt|cousin|"
                         r"grandfather|grandmother|nephew|niece|stepfather|stepmother),?\s*$", re.I)
_WOMEN_KIN = frozenset({"mother", "daughter", "sister", "wife", "aunt", "grandmother", "niece", "stepmother"})

@dataclass
class Discourse:
    """Who an article has named so far, to resolve "he", "she" and "the minister"."""

    persons: list[Actor] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    groups: list[str] = field(default_factory=list)
    common: frozenset[str] = frozenset()  # words the article also writes in lower case
    gender: dict[str, str] = field(default_factory=dict)  # person -> "m" / "f", as the article shows it
    group_counts: Counter[str] = field(default_factory=Counter)  # how often each group was a subject
    companies: frozenset[str] = frozenset()  # names that read like a person's but are not
    places: frozenset[str] = frozenset()  # names the article also writes as a people's adjective
    sentences: int = 0  # sentences noticed so far
    # the words quoted in the quotation being attributed: '"... after Hale came to power," he said' is not Hale
    quoted: str = ""
    named_at: dict[str, int] = field(default_factory=dict)  # person -> the sentence that last named them
    people: frozenset[str] = frozenset()  # two-word names the article shows to be people's (cast.people)
    name_gender: dict[str, str] = field(default_factory=dict)  # name word -> "m" / "f" (cast.genders_by_name)
    inside: frozenset[str] = frozenset()  # capitalised words the article writes inside a sentence, not first

    @classmethod
    def of(cls, text: str) -> Discourse:
        """A discourse for one article, knowing its lower-case words and the company names it shows by
        a ticker or a corporate suffix ("Tarvik (TVK)", "Tarvik Holm Group Inc.")."""
        common = frozenset(_LOWER_WORD.findall(text))
        firms, where = cast.companies(text), cast.places(text) | PLACES
        people = frozenset(n for n in cast.people(text, common, where)
                           if not any(n == c or c.startswith(n + " ") for c in firms))
        return cls(common=common, companies=firms, places=where, people=people,
                   name_gender=cast.genders_by_name(text), inside=frozenset(_INSIDE_A_SENTENCE.findall(text)))

    def notice(self, sentence: str) -> None:
        """Register people introduced with a title, and bring people named again to the front."""
        self.sentences += 1
        folded = fold(sentence)
        for m in _TITLED_NAME.finditer(sentence) if any(map(folded.__contains__, _TITLES)) else ():
            actor = clean_actor(m.group(0))
            if actor and actor.kind == "person":
                self.remember(actor)
        if " and her " in sentence or " and his " in sentence:
            for m in _NAME_AND_OWN.finditer(sentence):  # "Ana Ruiz and her husband": a woman, whoever she is
                if not self.is_company(m.group(1)) and m.group(1) not in self.places:
                    self.remember(Actor(m.group(1), "person"))
                    self.gender.setdefault(self._full_name(m.group(1)), "m" if m.group(2) == "his" else "f")
        words = _bare_words(sentence)
        # in the sentence's order: a set's order changes with the process's hash seed
        for name in sorted((n for n in self.people if n in sentence), key=lambda n: (sentence.find(n), n)):
            if not any(p.text == name or p.text.endswith(" " + name) for p in self.persons):
                # known by name, not yet as anyone's "he" or "she": that needs a gender or a part in a fact;
                # one called by the surname alone before ("Arians said he ...") is that person
                surname = name.split()[-1]
                kin = _KIN_BEFORE.search(sentence, 0, sentence.find(name))
                if kin:  # "her father, Robert Thurman": a relative of the Thurman named before, not her
                    self.gender[name] = "f" if kin.group(1).lower() in _WOMEN_KIN else "m"
                    self.persons.append(Actor(name, "person"))
                else:
                    self.persons = [p for p in self.persons if p.text != surname] + [Actor(name, "person")]
                    if surname in self.gender:
                        self.gender[name] = self.gender[surname]
                        self.counts[name] += self.counts[surname]
                self.named_at[name] = self.sentences
        named = [p for p in self.persons if p.text.split()[-1] in words]
        if named:
            order = sorted(named, key=lambda p: sentence.find(p.text.split()[-1]))
            self.persons = [p for p in self.persons if p not in named] + order
            self.named_at.update((p.text, self.sentences) for p in order)
            self._learn_gender(sentence, order)

    def learn(self, sentence: str) -> None:
        """After a sentence's speakers are known, learn what its pronouns say about them."""
        words = _bare_words(sentence)
        named = [p for p in self.persons if p.text.split()[-1] in words]
        self._learn_gender(sentence, sorted(named, key=lambda p: sentence.find(p.text.split()[-1])))

    def _learn_gender(self, sentence: str, named: list[Actor]) -> None:
        """The first he/his or she/her after a person's name, or Mr/Ms and -woman titles, tell."""
        for person in named:
            if person.text in self.gender:
                continue
            if person.titles & {"mrs", "ms", "miss", "spokeswoman", "chairwoman", "queen", "princess", "lady",
                                "dame", "congresswoman", "actress", "wife", "sister", "mother", "daughter"}:
                self.gender[person.text] = "f"
                continue
            if person.titles & {"mr", "spokesman", "chairman", "king", "prince", "lord", "sir", "congressman",
                                "husband", "brother", "father", "son"}:
                self.gender[person.text] = "m"
                continue
            if (surname := person.text.split()[-1]) in self.name_gender:  # what the whole article says of them
                self.gender[person.text] = self.name_gender[surname]
                continue
            at = sentence.find(person.text.split()[-1])
            if own := _AND_OWN.match(sentence, at + len(person.text.split()[-1])):  # "Ruiz and her husband"
                self.gender[person.text] = "m" if own.group(1).lower() == "his" else "f"
                continue
            others = [p.text.split()[-1] for p in named if p is not person]
            after = re.sub(r"[\"“][^\"”]*[\"”]?", " ", sentence[at:])  # a "he" inside a quote is someone else
            # not "her" or "him": "Hale ignored her warning" says nothing of Hale
            m = re.search(r"\b(he|his|she|hers)\b", after, re.I)
            # nobody else named in between, known or new ("Hale answered Ana Ruiz, who said she ...")
            between = after[len(person.text.split()[-1]):m.start()] if m else ""
            if m and not any(o in between for o in others) and not _FULL_NAME.search(between):
                self.gender[person.text] = "m" if m.group(1).lower() in ("he", "his") else "f"

    def is_company(self, name: str) -> bool:
        """Is this person-like name a company's ("Tarvik Holm" once the article wrote "Tarvik Holm Group"
        or "Tarvik (TVK)")? A pronoun would not tell: "Ana Ruiz said its sales fell" is about her shop."""
        return any(name == c or name.startswith(c + " ") or c.startswith(name + " ") for c in self.companies)

    def remember(self, actor: Actor) -> None:
        if (actor.kind == "name" and actor.text in self.companies) or " and " in actor.text \
                or actor.text in self.places:
            return  # "Palmer and Arians" are two people, "director of Costa Rica" a place: no "he" means them
        if actor.kind == "person" or (actor.kind == "name" and (self._known_surname(actor.text)
                                                               or self._gendered_name(actor.text))):
            full = self._full_name(actor.text)
            titles = actor.titles | next((p.titles for p in self.persons if p.text == full), frozenset())
            self.persons = [p for p in self.persons if p.text != full] + [Actor(full, "person", titles)]
            self.counts[full] += 1
            self.named_at[full] = self.sentences

    def keep(self, name: str) -> None:
        """The person a sentence's mention names (a quote's speaker too) is still the one a pronoun means."""
        if name in self.named_at:
            self.named_at[name] = self.sentences

    def subject(self, actor: Actor) -> None:
        """A country or organisation a sentence is about: what a later "it" or "they" means."""
        if actor.kind in ("name", "group") and actor.text[:1].isupper() and not self._person_word(actor.text) \
                and (actor.kind == "name" or _can_speak(actor.text)) and not self.opener(actor):
            self.groups = [g for g in self.groups if g != actor.text] + [actor.text]

    def opener(self, actor: Actor) -> bool:
        """Is this one capitalised word a sentence's opening word and no name: one the article never writes
        inside a sentence, and a participle, adverb, contraction or function word by its form ("Seated
        beside her, ...", "Somehow the ferry ...", "We’ve ...", "Another ...")? "Kestria has ..." and
        "Tarvik declined ..." written only first in their sentences are still names."""
        word = actor.text
        return actor.kind == "name" and " " not in word and word not in self.inside \
            and (_OPENER_FORM.search(word) is not None or word.lower() in _OPENER_WORDS) \
            and not self.is_company(word) and word not in self.places

    def mentioned(self, actor: Actor) -> None:
        """Count a named organisation or country each time it acts or speaks."""
        if actor.kind == "name" and actor.text[:1].isupper() and not POSSESSIVE_IN.search(actor.text) \
                and not self._person_word(actor.text):
            self.group_counts[actor.text] += 1

    def _person_word(self, name: str) -> bool:
        """Is this one word a person's surname ("Musk" once "Elon Musk" is known)? Then no "it" or "the
        company" means it."""
        return " " not in name and not self.is_company(name) and any(
            name == p.text.split()[-1] for p in self.persons if " " in p.text)

    def _organisation(self, noun: str, names: frozenset[str] = frozenset(), described: bool = False) -> Actor | None:
        """The organisation "the bank" or "the company" means: one named with that noun
        ("Tarvik Bank") or with the description's capitalised words ("the Tarvik lender"), else the
        one the article has named most as acting or speaking."""
        candidates = [g for g in self.group_counts if not _plural(g) and g.lower() not in self.common]
        if described:  # "the power company" is a company the article shows as one, not "Pa." or a newspaper
            candidates = [g for g in candidates if self.is_company(g) or _COMPANY_WORDS & set(g.lower().split())]
        # "the airline" is "Kestria Airlines" too
        named = [g for g in candidates if {noun, noun + "s"} & set(g.lower().split()) or names & set(g.split())]
        if noun in _PUBLIC_BODIES:  # "the agency" may be a transport authority, never the bank of the story
            candidates = [g for g in candidates if _PUBLIC_BODIES & set(g.lower().split())]
        pool = named or candidates
        if not pool:
            return None
        order = list(self.group_counts)
        return Actor(max(pool, key=lambda g: (self.group_counts[g], order.index(g))), "name")

    def _gendered_name(self, name: str) -> bool:
        """ "Thurman says ...", and the article's pronouns make Thurman a woman: a person known by one name."""
        return " " not in name and name in self.name_gender and name.lower() not in self.common \
            and name not in self.places and not self.is_company(name)

    def _known_surname(self, name: str) -> bool:
        last = name.split()[-1]
        return any(last == p.text.split()[-1] for p in self.persons) or self._by_first_name(name) is not None

    def _full_name(self, name: str) -> str:
        """The known person a name means: "Berg" and "Kai L. Berg" are "Kai Berg". Of several people of
        one surname, the one named last; but a bare name ("Kai Berg") before one that carries a
        description ("38-year-old Berg", "Actress Mara Berg", "Tarvik's Kai Berg")."""
        last = name.split()[-1]
        first = name.split()[0] if " " in name else None
        described = None
        for p in reversed(self.persons):  # "North Korea" is no "president of South Korea"
            if p.text.split()[-1] == last and len(p.text) >= len(name) and first in (None, p.text.split()[0]):
                known, written = self.gender.get(p.text), self.name_gender.get(last)
                if first is None and p.text != name and known and written and known != written:
                    continue  # "Thurman", a woman, is not her father Robert Thurman
                if not bare_name(p.text):
                    described = described or p.text
                    continue
                return p.text
        return described or self._by_first_name(name) or name

    def _by_first_name(self, name: str) -> str | None:
        """ "Ana said ..." after "Ana Ruiz": the one person of that first name (none if two share it), if
        the article has shown them to be a person by a title or a pronoun ("Chicago Cubs" is no one's name)."""
        if " " in name:
            return None
        found = {p.text for p in self.persons if " " in p.text and p.text.split()[0] == name
                 and (p.text in self.gender or p.titles & POST_WORDS)}
        return found.pop() if len(found) == 1 else None

    def resolve(self, actor: Actor, later: str = "") -> Actor:
        """Replace a pronoun or role noun by the person or organisation it most likely means.

        `later`: the sentence's words after the pronoun. Someone named only there is not the pronoun's
        ("'He is mine,' she said of Berg": she is not Berg), unless nobody else can be."""
        if actor.kind == "person" and not actor.titles & TITLE_WORDS \
                and (self.is_company(actor.text) or actor.text in self.places):
            actor = Actor(actor.text, "name", actor.titles)
        if actor.kind == "name" and actor.text.lower() in self.common:
            return Actor(actor.text.lower(), "group")  # "Hackers stole ...": a common noun, not a name
        if actor.kind in ("group", "role") and (noun := _organisation_noun(actor.text)):
            described = len(actor.text.split()) > 1
            return self._organisation(noun, frozenset(w for w in actor.text.split()[:-1] if w[:1].isupper()),
                                      described) or actor
        if actor.kind == "pronoun":
            if actor.text in PERSON_PRONOUNS:
                want = "m" if actor.text in ("he", "him") else "f"
                after = {p.text for p in self.persons if p.text.split()[-1] in _bare_words(later)} if later else set()
                inside = {p.text for p in self.persons if p.text.split()[-1] in _bare_words(self.quoted)} \
                    if self.quoted else set()
                person = self._last_person(want, skip=after | inside) or self._last_person(want, skip=after) \
                    or self._last_person(want)
                if person is None:
                    return actor
                self.named_at[person.text] = self.sentences  # "He said ... He added ...": still the one meant
                return person
            # "it" is one company or country, not "Lenders" or "Officials"; "they" may be either
            # and a place ("Corvel", "New Zealand") is an "it", never a "they"
            fits = [g for g in self.groups if g not in self.places] if actor.text != "it" else \
                [g for g in self.groups if not _plural(g) and not _head_in(g, PERSON_NOUNS | POST_WORDS)]
            if actor.text in ("it", "they", "them") and fits:
                return Actor(fits[-1], "name")
            return actor
        if actor.kind == "role":
            wanted = {t for t in actor.titles if t not in ("the", "a", "an", "leader", "official", "officials")}
            # "the president" is no "former president" named before
            candidates = [p for p in self.persons if "former" in wanted
                          or not any(t in _FORMER or t.startswith("ex-") for t in p.titles)]
            for p in reversed(candidates):
                if wanted and wanted <= {t.lower() for t in p.titles}:
                    return p
            own = wanted - TITLE_WORDS  # "the Orsavian spokesman" is not the navy's spokesman named before
            # "president of the Corvel Dock Union" is nobody named before without that union
            named_post = _NAMED_POST.search(actor.text) is not None
            for p in reversed(candidates):
                held = {t.lower() for t in p.titles} - {"the", "a"}
                if named_post and not own <= held:
                    continue
                if wanted & held and not (own and held - TITLE_WORDS and not own <= held):
                    return p
            if "leader" in actor.titles:  # "the leader": the one the story is about; "the official" is no one's
                return self._salient() or actor
            return actor
        if actor.kind == "name" or (actor.kind == "person" and " " not in actor.text):
            # "Sand", "Mr. Sand", "President Sand": the Ivo Sand named before
            full = self._full_name(actor.text)
            if full != actor.text:
                return Actor(full, "person", actor.titles)
        return actor

    def _last_person(self, gender: str | None = None, skip: set[str] | frozenset[str] = frozenset()) -> Actor | None:
        """The person named last, skipping people the article has shown to be of the other gender.

        Someone whose gender the article has not shown is taken only if named in this sentence or the one
        before: "she says" many paragraphs after "President Hale’s city" is not Hale."""
        for p in reversed(self.persons):
            if p.text in skip:
                continue
            known = self.gender.get(p.text)
            if gender is None or known == gender:
                return p
            if known is None and self.counts[p.text] and self.sentences - self.named_at.get(p.text, 0) <= PRONOUN_REACH:
                return p
        return None  # everyone named is of the other gender: "she" is someone the article has not named

    def _salient(self) -> Actor | None:
        if not self.counts:
            return None
        name = max(self.counts, key=lambda n: (self.counts[n], -[p.text for p in self.persons].index(n)))
        return next(p for p in self.persons if p.text == name)


def bare_name(text: str) -> bool:
    """A person's name and nothing else: "Kai Berg", "Kai L. Berg"; not "Mars-mad Berg", "Actress Mara
    Berg", "Corvel's Kai Berg", "Witness Kai Berg" (a title or a noun for a person before it)."""
    words = text.split()
    return all(_NAME_PART.fullmatch(w) for w in words) and not any(
        w.lower() in TITLE_WORDS or w.lower() in PERSON_NOUNS for w in words)


_NAME_PART = re.compile(latin(r"[A-Z](?:[a-z]+(?:[’'-][A-Z][a-z]+)*|\.(?:[A-Z]\.)*)"))  # "Kai", "O’Neill", "T.J."
_FORMER = frozenset({"former", "ex", "late"})
_NAMED_POST = re.compile(latin(r"\s(?:of|to|for|at)\s+(?:the\s+)?[A-Z]"))


def _organisation_noun(text: str) -> str | None:
    """The noun by which a description names an organisation: "company" for "the company", "bank" for
    "the New York bank", "giant" for "the banking giant"; None for "the central bank" or "the bank's chief"."""
    words = text.lower().split()
    if len(words) == 1:
        return words[0] if words[0] in ORG_NOUNS else None
    if len(words) > 4 or words[-1] not in COMPANY_NOUNS or POSSESSIVE_IN.search(text):
        return None
    # a capitalised modifier before another is a place ("the New York bank"); any other must not say
    # "another" ("One rail operator", "the combined company") or be a function word ("how airline")
    written = text.split()
    for i, word in enumerate(written[:-1]):
        place = word[:1].isupper() and written[i + 1][:1].isupper()
        low = word.lower()
        if not place and (low in _SOMEONE_ELSE or low in WEEKDAYS_MONTHS or low in NAME_JOINERS):
            return None
        if not _PLAIN_WORD.fullmatch(word):
            return None
    return words[-1]
