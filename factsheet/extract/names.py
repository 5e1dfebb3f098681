"""Who said or did it: clean an actor phrase, resolve "he" and "the minister", merge spellings.

Nothing here knows any particular story's names. A title plus a name
("Deputy Energy Minister Mykola Kolisnyk") yields the name; pronouns and role
nouns ("the Ukrainian leader") resolve to the person the article last named
with matching title words; spellings across articles (Zelensky / Zelenskyy)
merge by fuzzy matching of surnames, plus the aliases the rules declare.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from factsheet.rules.phrases import DOCUMENT

TITLE_WORDS = {
    "president", "vice", "prime", "minister", "ministers", "deputy", "foreign", "defence", "defense",
    "interior", "energy", "finance", "economy", "health", "environment", "justice", "secretary",
    "general", "special", "envoy", "ambassador", "chancellor", "governor", "mayor", "senator", "rep",
    "representative", "spokesperson", "spokesman", "spokeswoman", "chief", "executive", "head",
    "director", "chairman", "chairwoman", "chair", "commander", "leader", "king", "queen", "prince",
    "princess", "pope", "cardinal", "bishop", "judge", "prosecutor", "colonel", "major",
    "captain", "lieutenant", "sergeant", "admiral", "marshal", "officer", "official", "state", "us",
    "u.s.", "uk", "eu", "un", "mr", "mrs", "ms", "dr", "prof", "sir", "lady", "lord", "dame", "ceo",
    "founder", "former", "acting", "interim", "senior", "top", "supreme", "opposition", "party",
    "presidential", "adviser", "advisor", "aide", "coach", "manager", "the", "a", "an", "of", "for",
    "and", "minister-president", "russia-installed", "kremlin", "white", "house", "parliament",
    "speaker", "mp", "mep", "congressman", "congresswoman", "attorney", "analyst", "economist",
    "correspondent", "editor", "reporter", "researcher", "professor", "emeritus", "ex", "premier",
}
# Words that make a capitalised name an organisation or a place, not a person.
ORG_WORDS = {
    "navy", "army", "police", "service", "services", "company", "inc", "inc.", "corp", "corp.",
    "corporation", "group", "party", "council", "committee", "ministry", "department", "university",
    "bank", "agency", "office", "court", "union", "association", "institute", "foundation", "fund",
    "commission", "authority", "board", "bureau", "airlines", "airline", "airways", "news", "times",
    "post", "press", "network", "club", "team", "states", "kingdom", "republic", "city", "county",
    "province", "region", "government", "parliament", "assembly", "congress", "senate", "house",
    "forces", "guard", "brigade", "ltd", "plc", "llc", "holdings", "systems", "technologies",
    "telegraph", "journal", "herald", "tribune", "guardian", "review", "reuters", "organisation",
    "organization", "federation", "alliance", "coalition", "movement", "front", "church", "school",
    "hospital", "airport", "station", "centre", "center", "museum", "reserve", "exchange", "stadium",
}
# "the company said": one organisation the article has named, never a person
ORG_NOUNS = frozenset({"company", "firm", "bank", "lender", "carrier", "airline", "insurer", "retailer", "automaker",
                       "carmaker", "manufacturer", "operator", "utility", "conglomerate", "broker", "chain",
                       "corporation", "business", "group", "agency", "authority", "ministry", "department"})
# "the investment bank", "the New York lender", "the banking giant": a description of the company the
# story is about; "the central bank", "a rival lender" and "the parent company" are someone else
_DESCRIBED_HEADS = frozenset({"company", "firm", "bank", "lender", "carrier", "airline", "insurer", "retailer",
                              "automaker", "carmaker", "manufacturer", "operator", "utility", "conglomerate",
                              "broker", "brokerage", "chain", "corporation", "giant", "titan", "behemoth", "maker",
                              "producer", "supplier", "provider", "developer", "publisher", "miner"})
_SOMEONE_ELSE = frozenset({"central", "rival", "other", "another", "competing", "competitor", "parent", "sister",
                           "partner", "state-owned", "world", "development", "reserve", "smaller", "larger",
                           "bigger", "new", "former", "foreign", "second", "third", "subsidiary", "merged",
                           "target", "national", "federal", "private", "local", "same", "different", "one", "combined",
                           "how", "what", "why", "which", "whose", "whatever", "no", "any", "each", "every"})
_COMPANY_WORDS = frozenset({"company", "inc", "inc.", "corp", "corp.", "corporation", "group", "bank", "ltd", "plc",
                            "llc", "holdings", "airlines", "airways", "systems", "technologies", "motors", "energy",
                            "partners", "capital", "co", "co.", "ag", "sa", "nv", "se"})
_DOCUMENT = re.compile("^" + DOCUMENT)
_SHORT_FORM = re.compile(r"\s*\([A-Z][\w.&-]{0,11}\)")
_PUBLIC_BODIES = frozenset({"agency", "authority", "ministry", "department", "commission", "office", "service",
                            "council", "bureau", "directorate", "inspectorate"})
PRONOUNS = {"he", "she", "him", "her", "they", "them", "it", "we", "i"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:ian|ean|an|ese|ish|ic|i|ch)$")
_WEEKDAYS_MONTHS = {
    "furthermore", "while", "although", "though", "whereas", "because", "if", "when", "as",
    "after", "before", "since", "responding", "moreover", "consequently", "importantly",
    "additionally", "still", "yet", "then", "now", "so", "or", "by", "for", "with", "from", "to",
    "of", "despite", "amid", "during", "following", "according", "once", "until", "there", "here",
    "some", "many", "most", "several", "all", "both", "each", "every", "roughly", "about", "nearly",
    "around", "more", "less", "few", "almost", "approximately", "only", "even", "just",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "meanwhile", "however", "elsewhere", "later",
    "earlier", "but", "and", "also", "in", "on", "at", "this", "that", "these", "those",
    "last", "next", "night", "week", "month", "year", "morning", "afternoon", "evening", "tonight",
}
# "Hale recently", "crews quickly", "analysts polled": an adverb or a participle after the noun is no
# part of who spoke
_POLL = re.compile(r"\s(?:polled|surveyed|questioned)\s+by\s+[A-Z]")
_TRAILING_NOT_NAME = re.compile(r"(?:\s+(?:[a-z]+ly|polled|surveyed|seen|cited|quoted|contacted|interviewed))+$")
_QUANTIFIERS = frozenset({"all", "some", "many", "most", "several", "both", "each", "every"})
_POSSESSIVE = re.compile(r"[’']s$")
_POSSESSIVE_IN = re.compile(r"[’']s\b")


@dataclass(frozen=True)
class Actor:
    """A cleaned actor phrase."""

    text: str  # what to show: "Volodymyr Zelenskyy", "Ukraine's military", "he"
    kind: str  # "person", "name", "group", "pronoun", "role"
    titles: frozenset[str] = frozenset()


def fold(text: str) -> str:
    """Letters as an English reader types them: "Wałęsa" is "walesa", "Ørsted" "orsted", "Straße" "strasse".

    NFKD alone keeps ł, ø, đ, æ and ß; anyascii spells every letter in ASCII.
    Apostrophes and quotes stay as they are written ("O’Neill" is "o'neill").
    """
    return anyascii(text.replace("’", "'")).casefold()


# "Tarvik on Friday", "the bank last week": a time phrase is never part of a name.
_TIME_TAIL = re.compile(
    r"\s+(?:(?:on|last|this|next|early|late|earlier|later)\s+)?(?:on\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
    r"(?:last|this|next)\s+(?:week|month|year|night|morning|evening)|(?-i:now|still)|"
    r"in\s+(?:(?:early|late|mid-?)\s*)?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|(?:19|20)\d\d))\s*$", re.IGNORECASE)


_SPEAKS_FOR = re.compile(r"^(?:(?i:a|an|the)\s+)?(?:[A-Z][\w’'-]*\s+)?(?P<post>(?i:spokes(?:man|woman|person)|aide|"
                         r"lawyer|attorney|representative))\s+(?i:for)\s+(?P<principal>.+)$")


def clean_actor(span: str) -> Actor | None:
    """Turn the words a rule captured as `who` into an actor, or None if it is no actor."""
    span = span.strip(" ,;:\"“”'’")
    if _TIME_TAIL.search(span.rstrip(".")):  # "a statement Monday." at the end of a sentence
        span = _TIME_TAIL.sub("", span.rstrip(".")).strip(" ,;:\"“”'’")
    span = _DOCUMENT.sub("", span)  # "a statement from the ministry": the ministry
    span = _SHORT_FORM.sub("", span)  # "Tarvik Bank (TVK)", "the Port Safety Branch (PSB)"
    if _POLL.search(span):  # "economists polled by Harbour Data" is one description: keep it whole
        return Actor(re.sub(r"^(?i:the|a|an)\s+", "", span), "group", frozenset(span.lower().split()))
    span = _TRAILING_NOT_NAME.sub("", span)
    if not span:
        return None
    speaks_for = _SPEAKS_FOR.match(span)
    if speaks_for and "," not in span:  # "a spokesman for President Ivo Sand" is the spokesman, not Sand
        principal = clean_actor(speaks_for.group("principal"))
        if principal is not None and principal.kind == "person":  # a description: no other spokesman
            post = speaks_for.group("post").lower()
            return Actor(f"{post} for {principal.text}", "group", frozenset({post}))
    parts = [p.strip() for p in re.split(r",(?!\d)", span) if p.strip()]  # "1,200 women" is one part
    # "X, who ...", "X, speaking to reporters": a relative clause or a participle describes, never names
    parts = [parts[0]] + [p for p in parts[1:] if not _RELATIVE.match(p)] if parts else parts
    if len(parts) > 1:  # "China, Russia’s": the possessive opens a description of the name before it
        parts = [p for p in parts if not _POSSESSIVE.search(p)] or parts
    elif owner := _POSSESSIVE.search(span):  # "Thurman’s allegations ...": Thurman; "What's", "Friday's": nobody
        last = span[:owner.start()].split()[-1:] or [""]
        if last[0].lower().strip(".") in _NOT_OWNERS | _WEEKDAYS_MONTHS | {""}:
            return None
        parts = [span[:owner.start()]]
    candidates = [_clean_part(p) for p in parts]
    named = [c for c in candidates if c and c.kind in ("person", "name")]
    # "Alex Ruiz, director of policy at Harbour Watch": the part that is only a name is the
    # person; the other part describes them, whatever names it holds
    bare = [c for c, p in zip(candidates, parts, strict=True)
            if c and c.kind == "person" and c.text == " ".join(p.split())]
    if named:
        # the name a description follows comes first: "Kai Berg, an analyst at Holm, Ruud & Co, said";
        # "Holm, the chief executive of Tarvik Bank, said": a lone surname before a description too
        first = candidates[0]
        lone = first if first and first.text[:1].isupper() and len(parts) > 1 and _describes(parts[1]) \
            else None
        best = next((c for c in bare if len(c.text.split()) >= 2), bare[0]) if bare else lone or named[-1]
        titles = frozenset().union(*(c.titles for c in candidates if c))
        return Actor(best.text, best.kind, titles | best.titles)
    rest = [c for c in candidates if c]
    return rest[-1] if rest else None


_RELATIVE = re.compile(r"^(?:who|whom|whose|which|[a-z]+ing)\b")


def _describes(part: str) -> bool:
    """ "the chief executive of Tarvik Bank", "twice mayor of Dresk": a description, not another name."""
    word = part.split()[0]
    return word.lower() in ("the", "a", "an") or word.islower()


def _clean_part(part: str) -> Actor | None:
    words = part.split()
    determiner = False
    while words and (words[0].lower() in ("the", "a", "an", "his", "her", "their", "its")
                     or words[0].lower().strip(",") in _WEEKDAYS_MONTHS | _LEADING_AUXILIARIES) \
            and not (words[0].lower() in _QUANTIFIERS and len(words) > 1 and words[1][:1].isupper()):
        # "All Kestrian Ferries" is a name; "all officials" and "some residents" are not
        determiner = determiner or words[0].lower() == "the"
        words = words[1:]
    if not words:
        return None
    low = [w.lower() for w in words]
    if len(words) == 1 and low[0] in PRONOUNS:
        return Actor(low[0], "pronoun")
    if all(w.lower().strip(".") in _WEEKDAYS_MONTHS for w in words):
        return None
    # a name joined by "of" or "for" and not led by a title: "Transport for London", "Bank of England"
    if (len(words) >= 3 and all(w[:1].isupper() or w in _NAME_JOINERS for w in words)
            and words[-1][:1].isupper() and any(w in _NAME_JOINERS for w in words)
            and low[0] not in TITLE_WORDS and low[0] not in _WEEKDAYS_MONTHS):
        # "the Harbour Times and Radio Corvel." ends a sentence: its full stop is not the name's
        last = words[-1][:-1] if words[-1].endswith(".") and "." not in words[-1][:-1] else words[-1]
        return Actor(" ".join([*words[:-1], last]), "name")
    # trailing run of capitalised words that are not titles: the name
    name: list[str] = []
    for w in reversed(words):
        bare = w.strip(".,")
        if bare[:1].isupper() and bare.lower() not in TITLE_WORDS \
                and not _POSSESSIVE.search(bare) and bare.lower() not in _WEEKDAYS_MONTHS:
            name.insert(0, bare)
        else:
            break
    before = words[: len(words) - len(name)]
    if len(name) >= 3 and before and before[-1].lower() in ("of", "for", "in", "at"):
        name = name[1:]  # "Envoy for Ukraine Keith Kellogg": Ukraine belongs to the title
        before = words[: len(words) - len(name)]
    titles = frozenset(w.lower().strip(".,") for w in before)
    if len(name) == 1 and before and before[-1].lower() in ("of", "for") and titles & TITLE_WORDS:
        return Actor(" ".join(words), "role", titles)  # "Prime Minister of Kestria": a post, not a person
    if name and (determiner or any(w.lower() in ORG_WORDS for w in name)):
        return Actor(" ".join(name if len(name) == len(words) else words), "name", titles)  # the Royal Navy
    if name and len(name) == len(words):
        return Actor(" ".join(name), "person" if len(name) >= 2 else "name", titles)
    if name and titles and (titles & TITLE_WORDS or any(_NATIONALITY.match(w) for w in before)):
        return Actor(" ".join(name), "person", titles)
    if name:
        return Actor(" ".join(words), "group", titles)
    if (any(w.lower() in TITLE_WORDS for w in words) and not any(_POSSESSIVE.search(w) for w in words)
            and all(w[:1].isupper() or w.lower() in TITLE_WORDS for w in words) and len(words) <= 4):
        return Actor(" ".join(words), "role", frozenset(low))
    return Actor(" ".join(words), "group", frozenset(low))


# "Had Orsavia shot down ...", "Not that ...": a sentence-opening verb or particle is no part of a name
_LEADING_AUXILIARIES = frozenset({"had", "has", "have", "did", "does", "do", "was", "were", "is", "are", "not"})
_NAME_JOINERS = frozenset({"of", "for", "and", "&", "the", "on", "de", "du", "des", "la"})
_NOT_OWNERS = frozenset({"what", "there", "it", "that", "here", "who", "where", "today", "yesterday", "tomorrow",
                         "tonight", "week", "month", "year", "let", "one", "everyone", "nobody", "somebody"})


_TITLED_NAME = re.compile(
    r"\b(?:(?:[A-Z][\w.\-]*|(?i:deputy|prime|vice|special|foreign|former))\s+){0,5}"
    r"(?i:president|minister|chancellor|governor|mayor|envoy|secretary|spokesperson|spokesman|"
    r"spokeswoman|leader|chief|director|ceo|commander|ambassador|senator|judge|prosecutor|"
    r"executive|colonel|general|officer|official|head)"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})?,?"
    r"\s+(?:[A-Z][\w’'\-]+(?<![’']s)\s+){0,2}[A-Z][\w’'\-]+"  # "President Hale’s Corvel" is Hale's city
)


def _plural(name: str) -> bool:
    """A group that reads as a plural noun ("Lenders", "U.K. lenders", "Banks and insurers"), not a
    name ("Texas", "Halvenor Chemicals")."""
    words = name.split()
    if "and" in words[1:-1]:
        return True
    word = words[-1].lower()
    if len(words) > 1 and words[-1][:1].isupper():
        return False
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "as", "os"))


@lru_cache(maxsize=64)
def _bare_words(sentence: str) -> frozenset[str]:
    """The sentence's words without punctuation or possessive: read by notice() and learn() alike."""
    return frozenset(w.strip(".,;:!?\"“”()").removesuffix("’s").removesuffix("'s") for w in sentence.split())


# "Tarvik Holm (TVK)", "Tarvik Holm (NYSE: TVK)", "Tarvik Holm Group Inc": a company, however personal its name
_COMPANY_CUE = re.compile(
    r"\b([A-Z][\w&’'-]+(?:\s+[A-Z][\w&’'-]+){0,2})\s+(?:\((?:(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX):\s*)?"
    r"(?!(?:AP|AFP|UPI|TV|PR)\))[A-Z]{2,5}\)|(?:Group|Inc|Corp|Co|Holdings|plc|PLC|Ltd|AG|SA|NV|LLC|SE)\b)")


_FULL_NAME = re.compile(r"\b[A-Z][a-z’'-]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z’'-]+")


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

    @classmethod
    def of(cls, text: str) -> Discourse:
        """A discourse for one article, knowing its lower-case words and the company names it shows by
        a ticker or a corporate suffix ("Tarvik (TVK)", "Tarvik Holm Group Inc.")."""
        return cls(common=frozenset(re.findall(r"\b[a-z][a-z’'-]+\b", text)),
                   companies=frozenset(" ".join(words[i:]) for m in _COMPANY_CUE.finditer(text)
                                       for words in [m.group(1).split()] for i in range(max(1, len(words) - 1))))

    def notice(self, sentence: str) -> None:
        """Register people introduced with a title, and bring people named again to the front."""
        for m in _TITLED_NAME.finditer(sentence):
            actor = clean_actor(m.group(0))
            if actor and actor.kind == "person":
                self.remember(actor)
        words = _bare_words(sentence)
        named = [p for p in self.persons if p.text.split()[-1] in words]
        if named:
            order = sorted(named, key=lambda p: sentence.find(p.text.split()[-1]))
            self.persons = [p for p in self.persons if p not in named] + order
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
            at = sentence.find(person.text.split()[-1])
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
        if (actor.kind == "name" and actor.text in self.companies) or " and " in actor.text:
            return  # "Palmer and Arians" are two people: no "he" means them
        if actor.kind == "person" or (actor.kind == "name" and self._known_surname(actor.text)):
            full = self._full_name(actor.text)
            titles = actor.titles | next((p.titles for p in self.persons if p.text == full), frozenset())
            self.persons = [p for p in self.persons if p.text != full] + [Actor(full, "person", titles)]
            self.counts[full] += 1

    def subject(self, actor: Actor) -> None:
        """A country or organisation a sentence is about: what a later "it" or "they" means."""
        if actor.kind in ("name", "group") and actor.text[:1].isupper() and not self._person_word(actor.text):
            self.groups = [g for g in self.groups if g != actor.text] + [actor.text]

    def mentioned(self, actor: Actor) -> None:
        """Count a named organisation or country each time it acts or speaks."""
        if actor.kind == "name" and actor.text[:1].isupper() and not _POSSESSIVE_IN.search(actor.text) \
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
        named = [g for g in candidates if noun in g.lower().split() or names & set(g.split())]
        if noun in _PUBLIC_BODIES:  # "the agency" may be a transport authority, never the bank of the story
            candidates = [g for g in candidates if _PUBLIC_BODIES & set(g.lower().split())]
        pool = named or candidates
        if not pool:
            return None
        order = list(self.group_counts)
        return Actor(max(pool, key=lambda g: (self.group_counts[g], order.index(g))), "name")

    def _known_surname(self, name: str) -> bool:
        return any(name.split()[-1] == p.text.split()[-1] for p in self.persons)

    def _full_name(self, name: str) -> str:
        last = name.split()[-1]
        for p in reversed(self.persons):
            if p.text.split()[-1] == last and len(p.text) >= len(name):
                return p.text
        return name

    def resolve(self, actor: Actor) -> Actor:
        """Replace a pronoun or role noun by the person or organisation it most likely means."""
        if actor.kind == "person" and not actor.titles & TITLE_WORDS and self.is_company(actor.text):
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
                return self._last_person(want) or actor
            # "it" is one company or country, not "Lenders" or "Officials"; "they" may be either
            fits = self.groups if actor.text != "it" else [g for g in self.groups if not _plural(g)]
            if actor.text in ("it", "they", "them") and fits:
                return Actor(fits[-1], "name")
            return actor
        if actor.kind == "role":
            wanted = {t for t in actor.titles if t not in ("the", "a", "an", "leader", "official", "officials")}
            for p in reversed(self.persons):
                if wanted and wanted <= {t.lower() for t in p.titles}:
                    return p
            own = wanted - TITLE_WORDS  # "the Orsavian spokesman" is not the navy's spokesman named before
            for p in reversed(self.persons):
                held = {t.lower() for t in p.titles} - {"the", "a"}
                if wanted & held and not (own and held - TITLE_WORDS and not own <= held):
                    return p
            if "leader" in actor.titles or not wanted:
                return self._salient() or actor
            return actor
        if actor.kind == "name":
            full = self._full_name(actor.text)
            if full != actor.text:
                return Actor(full, "person", actor.titles)
        return actor

    def _last_person(self, gender: str | None = None) -> Actor | None:
        """The person named last, skipping people the article has shown to be of the other gender."""
        for p in reversed(self.persons):
            if gender is None or self.gender.get(p.text, gender) == gender:
                return p
        return None  # everyone named is of the other gender: "she" is someone the article has not named

    def _salient(self) -> Actor | None:
        if not self.counts:
            return None
        name = max(self.counts, key=lambda n: (self.counts[n], -[p.text for p in self.persons].index(n)))
        return next(p for p in self.persons if p.text == name)


def _organisation_noun(text: str) -> str | None:
    """The noun by which a description names an organisation: "company" for "the company", "bank" for
    "the New York bank", "giant" for "the banking giant"; None for "the central bank" or "the bank's chief"."""
    words = text.lower().split()
    if len(words) == 1:
        return words[0] if words[0] in ORG_NOUNS else None
    if len(words) > 4 or words[-1] not in _DESCRIBED_HEADS or _POSSESSIVE_IN.search(text):
        return None
    # a capitalised modifier before another is a place ("the New York bank"); any other must not say
    # "another" ("One rail operator", "the combined company") or be a function word ("how airline")
    written = text.split()
    for i, word in enumerate(written[:-1]):
        place = word[:1].isupper() and written[i + 1][:1].isupper()
        low = word.lower()
        if not place and (low in _SOMEONE_ELSE or low in _WEEKDAYS_MONTHS or low in _NAME_JOINERS):
            return None
        if not re.fullmatch(r"[A-Za-z][\w.&-]*", word):
            return None
    return words[-1]


# lowercase words inside a person's name: "Ana de la Cruz", "Ludwig van Tarn", "Omar al-Rasi"
_PARTICLE = re.compile(r"^(?:de|la|le|du|da|di|del|della|van|von|der|den|ten|ter|al|el|bin|ibn)$|^(?:al|el)-")
CORPORATE_SUFFIXES = frozenset({"inc", "corp", "corporation", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "se",
                                "group", "holdings"})


def _core(name: str) -> list[str]:
    """A name's words without the corporate suffixes that end it: "Tarvik Holm Group Inc." -> Tarvik Holm
    ("Holm & Co" keeps its "Co": the suffix is half the name)."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in CORPORATE_SUFFIXES and words[-2] != "&":
        words.pop()
    return words


def without_suffixes(name: str) -> str:
    """ "Orvik Bank Group Inc." -> "Orvik Bank": the name an article also writes without its suffixes."""
    return " ".join(_core(name))


def _surname_key(name: str) -> str:
    """What two spellings of one name share: a person's surname ("Tarvik Holm Group Inc" is Tarvik
    Holm's, not Tavo Inc's). A one-word company ("Norland Group") or one with "&" is keyed whole, so it
    never joins a person who shares a word or an initial with it ("Nora Norland")."""
    core = _core(name)
    if len(core) == 1 or "&" in core:
        return "=" + fold(" ".join(core))
    return fold(core[-1])


def canonical_names(names: list[str], aliases: dict[str, str]) -> dict[str, str]:
    """Map every actor name of a run to one canonical spelling.

    Aliases from the rules win. Person names merge when their surnames match
    closely (Zelensky / Zelenskyy / Zelenskiy) and their first names do not
    disagree; a lone surname or first name ("Xi") joins the full name that
    contains it when exactly one full name does.
    """
    counts = Counter(names)
    mapping: dict[str, str] = {}
    for name in counts:
        alias = aliases.get(name.casefold())
        if alias:
            mapping[name] = alias
    multi = sorted({n for n in counts if len(n.split()) >= 2 and n[:1].isupper() and n not in mapping},
                   key=lambda n: (-counts[n], n))
    groups: list[list[str]] = []
    by_surname: dict[str, list[int]] = defaultdict(list)
    for name in multi:
        last = _surname_key(name)
        home = None
        for key, idxs in by_surname.items():
            if key[:1] == last[:1] and fuzz.ratio(key, last) >= 85:
                for gi in idxs:
                    first_a, first_b = fold(groups[gi][0].split()[0]), fold(name.split()[0])
                    if first_a[:1] == first_b[:1] or fuzz.ratio(first_a, first_b) >= 75:  # Jelena / Yelena
                        home = gi
                        break
            if home is not None:
                break
        if home is None:
            groups.append([name])
            by_surname[last].append(len(groups) - 1)
        else:
            groups[home].append(name)
    for group in groups:
        best = max(group, key=lambda n: (counts[n], len(n), n))
        for n in group:
            mapping[n] = best
    # a lone name ("Hale"), never a noun ("police", "the zoo"), has a long form, and only a name is
    # one: not "Ana Ruiz and Ivo Sand" (two people), "Corvel's port office" or "Tarvik employees"
    # (descriptions holding a name), nor "Both Tarvik" (a quantifier and a name)
    singles = [n for n in counts if n not in mapping]
    whole = [m for m in multi if all(w[:1].isupper() or w == "&" or _PARTICLE.match(w) for w in m.split())
             and not _POSSESSIVE_IN.search(m) and m.split()[0].lower() not in _QUANTIFIERS]
    for name in singles:
        key = fold(name)
        hits = {mapping[m] for m in whole if any(fuzz.ratio(key, fold(tok)) >= 85 for tok in m.split())}
        mapping[name] = hits.pop() if len(hits) == 1 and len(name.split()) == 1 and name[:1].isupper() else name
    return mapping
