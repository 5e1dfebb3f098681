"""Who said or did it: clean an actor phrase and merge spellings of one name.

Nothing here knows any particular story's names. A title plus a name
("Deputy Energy Minister Mykola Kolisnyk") yields the name; spellings across
articles (Zelensky / Zelenskyy) merge by fuzzy matching of surnames, plus the
aliases the rules declare. Whom a pronoun or a role noun means is
discourse.py's job.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import takewhile

from anyascii import anyascii
from rapidfuzz import fuzz

from factsheet.rules.phrases import DOCUMENT, NAME_ADJECTIVE, latin

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
    "rabbi", "imam", "pastor", "reverend", "rev", "dean",
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
    "nations", "temple", "synagogue", "mosque", "cathedral", "zoo", "college", "academy", "society",
    "laboratory", "observatory", "clinic", "act", "motors", "ferries", "industries", "studios", "labs",
    "pharmaceuticals",
}
# "the company said": one organisation the article has named, never a person

# "the investment bank", "the New York lender", "the banking giant": a description of the company the
# story is about; "the central bank", "a rival lender" and "the parent company" are someone else



_DOCUMENT = re.compile("^" + DOCUMENT)
_SHORT_FORM = re.compile(latin(r"\s*\([A-Z][\w.&-]{0,11}\)"))

PRONOUNS = {"he", "she", "him", "her", "they", "them", "it", "we", "i"}

NATIONALITY = re.compile(latin(r"^[A-Z][a-z]+(?:ian|ean|an|ese|ish|ic|i|ch)$"))
WEEKDAYS_MONTHS = {
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
    "feb", "apr", "aug", "sep", "sept", "oct", "nov", "dec",  # "Feb. 13 — a talk ...": no name ("Jan" may be)
    # adjectives that open a sentence before their noun: "Initial reports from the port said ..."
    "initial", "preliminary", "early", "final", "latest", "recent", "further", "unconfirmed", "conflicting",
    "separate", "previous", "additional", "subsequent",
    # words and adverbs that open a sentence before a comma: "Sure, but ...", "Well, the crew said ..."
    "sure", "well", "yes", "indeed", "okay", "perhaps", "maybe", "instead", "otherwise", "similarly",
    "likewise", "nonetheless", "nevertheless", "overall", "ultimately", "finally", "eventually", "initially",
    "separately", "notably", "crucially", "unfortunately", "fortunately", "interestingly", "surprisingly",
    "clearly", "obviously", "currently", "typically", "historically", "recently", "previously", "traditionally",
}
# "Hale recently", "crews quickly", "analysts polled": an adverb or a participle after the noun is no
# part of who spoke
_POLL = re.compile(latin(r"\s(?:polled|surveyed|questioned)\s+by\s+[A-Z]"))
# nouns and names that end like an adverb: "The family rarely speaks" has the subject "The family"
NOT_ADVERBS = frozenset({"family", "assembly", "supply", "rally", "ally", "italy", "july", "monopoly", "reply",
                         "anomaly", "fly", "butterfly", "belly", "jelly", "bully", "lily", "holly", "kelly"})
_TRAILING_NOT_NAME = re.compile(latin(r"(?:\s+(?:(?!(?:" + "|".join(sorted(NOT_ADVERBS)) + r")\b)[a-z]+ly|"
                                      r"polled|surveyed|seen|cited|quoted|contacted|interviewed))+$"))
_LEADING_CONJUNCTION = re.compile(r"^(?:But|And|Yet|So|Or|Plus)\s+(?=\S)")
_QUANTIFIERS = frozenset({"all", "some", "many", "most", "several", "both", "each", "every"})
_POSSESSIVE = re.compile(r"[’']s$")
POSSESSIVE_IN = re.compile(r"[’']s\b")


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


# title words that name a post (not "the", "of", "for" and "and", which TITLE_WORDS holds for other uses)
POST_WORDS = frozenset(TITLE_WORDS - {"the", "a", "an", "of", "for", "and"})


# "Tarvik on Friday", "the bank last week": a time phrase is never part of a name.
_TIME_TAIL = re.compile(
    r"\s+(?:(?:on|last|this|next|early|late|earlier|later)\s+)?(?:on\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
    r"(?:last|this|next)\s+(?:week|month|year|night|morning|evening)|(?-i:now|still)|"
    r"in\s+(?:(?:early|late|mid-?)\s*)?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|(?:19|20)\d\d))\s*$", re.IGNORECASE)


_SPEAKS_FOR = re.compile(latin(r"^(?:(?i:a|an|the)\s+)?(?:[A-Z][\w’'-]*\s+)?"
                               r"(?P<post>(?i:spokes(?:man|woman|person)|aide|lawyer|attorney|representative))"
                               r"\s+(?i:for)\s+(?P<principal>.+)$"))


_UNNAMED_CLAUSE = re.compile(r"\s+who\s+(?!.*,).*$")
_AFTER_EVENT = re.compile(r"\s+(?:after|following)\s+(?:the|a|an|its|his|her|their|this)\s+[a-z]+(?:\s+[a-z]+)?$", re.I)
_LEADING_NAME_ADJECTIVE = re.compile(latin(rf"^(?:(?:the|a|an)\s+)?{NAME_ADJECTIVE}\s+(?-i:(?=[A-Z]))"), re.I)


def clean_actor(span: str) -> Actor | None:
    """Turn the words a rule captured as `who` into an actor, or None if it is no actor."""
    span = _without_full_stop(span.strip(" ,;:\"“”'’"))
    span = _LEADING_CONJUNCTION.sub("", span)  # "But Kai Berg, a professor, said": Kai Berg
    if _TIME_TAIL.search(span.rstrip(".")):  # "a statement Monday." at the end of a sentence
        span = _TIME_TAIL.sub("", span.rstrip(".")).strip(" ,;:\"“”'’")
    span = _DOCUMENT.sub("", span)  # "a statement from the ministry": the ministry
    span = _SHORT_FORM.sub("", span)  # "Tarvik Bank (TVK)", "the Port Safety Branch (PSB)"
    if _POLL.search(span):  # "economists polled by Harbour Data" is one description: keep it whole
        return Actor(re.sub(r"^(?i:the|a|an)\s+", "", span), "group", frozenset(span.lower().split()))
    span = _TRAILING_NOT_NAME.sub("", span)
    span = _UNNAMED_CLAUSE.sub("", span)  # "an official who spoke on condition of anonymity": the official
    span = _AFTER_EVENT.sub("", span)  # "Hale after the vote": Hale
    span = _LEADING_NAME_ADJECTIVE.sub("", span)  # "Corvel-based Tarvik": Tarvik
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
    # "On Twitter, witnesses posted ...": an opening phrase, not a description of the name after it
    parts = [p for i, p in enumerate(parts) if i == len(parts) - 1 or p.split()[0].lower() not in _OPENING_PREPOSITIONS]
    if len(parts) > 1:  # "China, Russia’s": the possessive opens a description of the name before it
        parts = [p for p in parts if not _POSSESSIVE.search(p)] or parts
    elif owner := _POSSESSIVE.search(span):  # "Thurman’s allegations ...": Thurman; "What's", "Friday's": nobody
        last = span[:owner.start()].split()[-1:] or [""]
        if last[0].lower().strip(".") in _NOT_OWNERS | WEEKDAYS_MONTHS | {""}:
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
        # but "Another port official, deputy harbour master Kai Berg": a capital only opening the
        # sentence names nobody, and the name is in the description
        lone = first if first and first.text[:1].isupper() and len(parts) > 1 and _describes(parts[1]) \
            and (first.kind in ("person", "name") or any(w[:1].isupper() for w in first.text.split()[1:])) \
            else None
        best = next((c for c in bare if len(c.text.split()) >= 2), bare[0]) if bare else lone or named[-1]
        titles = frozenset().union(*(c.titles for c in candidates if c))
        return Actor(best.text, best.kind, titles | best.titles)
    rest = [c for c in candidates if c]
    return rest[-1] if rest else None


_AFFILIATION = frozenset({"of", "at", "from"})
_OPENING_PREPOSITIONS = frozenset({"through", "via", "in", "on", "at", "after", "before", "during", "with", "without",
                                   "from", "by", "like", "unlike", "despite", "for", "since", "until", "as"})


def _person_of_organisation(words: list[str]) -> Actor | None:
    """ "Kai Berg of the Harbour Institute", "Rabbi Ana Ruiz of the Corvel Temple in Dresk": a person and
    where they work. "Bank of England", "United States of America" and "Joint Chiefs of Staff" stay whole:
    the words before "of" must be two or three capitalised words that are no title or organisation, after
    a title or before words that name an organisation."""
    at = next((i for i, w in enumerate(words) if w in _AFFILIATION), 0)
    if at == 0:
        return None
    head = words[:at]
    titles = list(takewhile(lambda w: w.lower().strip(".") in POST_WORDS, head[:-2]))
    name = head[len(titles):]
    plain = all(w[:1].isupper() and w.lower().strip(".") not in TITLE_WORDS | ORG_WORDS | WEEKDAYS_MONTHS
                and not _POSSESSIVE.search(w) for w in name)
    # after a title ("Rabbi Ana Ruiz of Congregation Beth Dresk") any name may follow
    employer = bool(titles) or any(w.lower().strip(".,") in ORG_WORDS for w in words[at + 1:])
    if not (2 <= len(name) <= 3 and plain and employer):
        return None
    return Actor(" ".join(name), "person", frozenset(t.lower().strip(".") for t in titles))


_RELATIVE = re.compile(latin(r"^(?:who|whom|whose|which|[a-z]+ing)\b"))
# "U.S.", "U.N.": a full stop that belongs to the initials; any other ends the sentence ("Inc." is written
# without it, as before)
_ABBREVIATION = re.compile(latin(r"(?:^|[\s(])(?:[A-Za-z]\.){2,}$"))


def _without_full_stop(text: str) -> str:
    """ "according to the Harbour Census Bureau." ends the sentence there, not the name."""
    text = text.rstrip()
    while text.endswith(".") and not _ABBREVIATION.search(text):
        text = text[:-1].rstrip()
    return text



def _describes(part: str) -> bool:
    """ "the chief executive of Tarvik Bank", "twice mayor of Dresk": a description, not another name."""
    word = part.split()[0]
    return word.lower() in ("the", "a", "an") or word.islower()


def _clean_part(part: str) -> Actor | None:
    words = part.split()
    determiner = False
    while words and (words[0].lower() in ("the", "a", "an", "his", "her", "their", "its")
                     or words[0].lower().strip(",") in WEEKDAYS_MONTHS | _LEADING_AUXILIARIES | _LEADING_SAY) \
            and not (words[0].lower() in _QUANTIFIERS and len(words) > 1 and words[1][:1].isupper()):
        # "All Kestrian Ferries" is a name; "all officials" and "some residents" are not
        determiner = determiner or words[0].lower() == "the"
        words = words[1:]
    if not words:
        return None
    low = [w.lower() for w in words]
    if len(words) == 1 and low[0] in PRONOUNS:
        return Actor(low[0], "pronoun")
    if (worker := _person_of_organisation(words)) is not None:
        return worker
    if all(w.lower().strip(".") in WEEKDAYS_MONTHS for w in words):
        return None
    # a name joined by "of" or "for" and not led by a title: "Transport for London", "Bank of England"
    if (len(words) >= 3 and all(w[:1].isupper() or w in NAME_JOINERS for w in words)
            and words[-1][:1].isupper() and any(w in NAME_JOINERS for w in words)
            and low[0] not in TITLE_WORDS and low[0] not in WEEKDAYS_MONTHS):
        # "the Harbour Times and Radio Corvel." ends a sentence: its full stop is not the name's
        last = words[-1][:-1] if words[-1].endswith(".") and "." not in words[-1][:-1] else words[-1]
        return Actor(" ".join([*words[:-1], last]), "name")
    # trailing run of capitalised words that are not titles: the name
    name: list[str] = []
    for w in reversed(words):
        bare = _without_full_stop(w.strip(",")).strip(",")
        if bare[:1].isupper() and bare.lower() not in TITLE_WORDS \
                and not _POSSESSIVE.search(bare) and bare.lower() not in WEEKDAYS_MONTHS:
            name.insert(0, bare)
        else:
            break
    if len(name) >= 3 and name[0].lower() in PERSON_NOUNS:
        name = name[1:]  # "Actress Mara Kell", "Comedian Ivo Sand": the noun opening the sentence is no name
    before = words[: len(words) - len(name)]
    if len(name) >= 3 and before and before[-1].lower() in ("of", "for", "in", "at"):
        name = name[1:]  # "Envoy for Ukraine Keith Kellogg": Ukraine belongs to the title
        before = words[: len(words) - len(name)]
    # "Ambassador to the United Nations", "Secretary of the Navy Kai Berg": after "of the" comes an
    # organisation's name, and a person follows its last word or nobody does
    of_the = len(before) >= 2 and before[-1].lower() == "the" and before[-2].lower() in ("of", "for", "to", "at", "in")
    last_org = max((i for i, w in enumerate(name) if w.lower() in ORG_WORDS), default=-1) if of_the else -1
    if last_org >= 0:
        name = name[last_org + 1:]
        before = words[: len(words) - len(name)]
    titles = frozenset(w.lower().strip(".,") for w in before)
    posted = bool(before) and ((last_org >= 0 and not name) or (of_the and last_org < 0)
                               or (len(name) == 1 and before[-1].lower() in ("of", "for", "to")))
    if posted and titles & TITLE_WORDS:
        return Actor(" ".join(words), "role", titles)  # "Prime Minister of Kestria": a post, not a person
    if len(name) >= 2 and before and names_a_person(before[-1]) and not any(w.lower() in ORG_WORDS for w in name):
        return Actor(" ".join(name), "person", titles)  # "Formula One star Lena Ortiz", "the blogger Kai Berg"
    if name and before and before[-1] in COMPANY_NOUNS:
        return Actor(" ".join(name), "name", titles)  # "Corvel carmaker Tarvik Motors", "parent company Holm"
    if len(name) >= 2 and len(before) == 1 and _DESCRIBING.fullmatch(before[0]) and before[0] not in TITLE_WORDS:
        # "a furious Ana Ruiz", "rival Tarvik Ferries": a word describing them, then their name (a name,
        # not surely a person's: "the towering Falcon Heavy")
        return Actor(" ".join(name), "name", titles)
    if name and (determiner or any(w.lower() in ORG_WORDS for w in name)):
        return Actor(" ".join(name if len(name) == len(words) else words), "name", titles)  # the Royal Navy
    if name and len(name) == len(words):
        return Actor(" ".join(name), "person" if len(name) >= 2 else "name", titles)
    if name and titles and (titles & TITLE_WORDS or titles & _ONE_PERSON or any(NATIONALITY.match(w) for w in before)):
        return Actor(" ".join(name), "person", titles)
    if name:
        return Actor(" ".join(words), "group", titles)
    if (any(w.lower() in TITLE_WORDS for w in words) and not any(_POSSESSIVE.search(w) for w in words)
            and all(w[:1].isupper() or w.lower() in TITLE_WORDS for w in words) and len(words) <= 4):
        return Actor(" ".join(words), "role", frozenset(low))
    return Actor(" ".join(words), "group", frozenset(low))


# an adjective by its form, or "rival": "a furious", "an emotional", "a tearful", "a visibly shaken"
_DESCRIBING = re.compile(r"[a-z]+(?:ous|ful|ive|ional|ial|ic|[a-z]{3}ed)|rival|jubilant|defiant|elated|upbeat")


# A common noun for a person, before their name: "rehab nurse", "Formula One star", "35-year-old journeyman".
# An -er or -or word may be a company's ("carmaker", "oil producer"): those are left out.
_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ess", "man", "woman", "-old")
PERSON_NOUNS = frozenset({
    # before a name ("rehab nurse Ana Ruiz") and as what "they said" may mean ("witnesses said")
    "fan", "father", "mother", "son", "daughter", "sister", "brother", "wife", "husband", "nurse", "star", "expert",
    "model", "chef", "coach", "guard", "pilot", "judge", "cousin", "uncle", "aunt", "friend", "widow", "teen",
    "veteran", "rookie", "legend", "hopeful", "candidate", "student", "resident", "native", "activist", "survivor",
    "victim", "witness", "citizen", "tycoon", "magnate", "mogul", "billionaire", "millionaire", "champion",
    "athlete", "artist", "reliever", "closer", "diplomat", "envoy", "aide", "chief", "boss", "head",
    "worker", "employee", "user", "investigator", "troop", "customer", "astronaut", "refugee", "politician",
    "suspect", "fighter", "relative", "regulator", "player", "investor", "shareholder", "engineer", "scientist",
    "doctor", "lawmaker", "legislator", "protester", "demonstrator", "voter", "organiser", "organizer", "rescuer",
    "firefighter", "soldier", "passenger", "parent", "neighbour", "neighbor", "critic", "supporter", "member",
    "men", "women", "children", "others", "lawyer", "teacher", "farmer", "owner", "buyer", "seller", "trader",
    "bidder", "donor", "people", "actress", "actor", "comedian", "singer", "rapper", "writer", "author",
    "journalist", "photographer", "dancer", "pitcher", "quarterback", "goalkeeper",
})
_NOT_PERSONS = frozenset({
    "carrier", "lender", "retailer", "insurer", "broker", "manufacturer", "maker", "carmaker", "automaker",
    "publisher", "provider", "supplier", "developer", "operator", "miner", "producer", "partner", "trader",
    "exporter", "importer", "distributor", "owner-operator", "paper", "newspaper", "broadcaster", "regulator",
    "monitor", "sponsor", "contractor", "competitor", "investor", "shipper", "brewer", "grocer", "refiner",
    "player", "spinner", "tracker", "center", "centre", "sector", "motor", "order", "border", "floor", "for",
    "or", "after", "other", "under", "over", "per", "her", "their", "major", "minor", "former", "latter",
})


# A common noun for a company: before its name ("carmaker Tarvik Motors") and as what a description of
# it ends on ("the Corvel carmaker")
COMPANY_NOUNS = frozenset({
    "company", "firm", "bank", "carmaker", "automaker", "retailer", "lender", "carrier", "airline", "insurer",
    "manufacturer", "maker", "producer", "operator", "conglomerate", "corporation", "startup", "start-up", "giant",
    "titan", "behemoth", "group", "chain", "brewer", "miner", "shipper", "developer", "publisher", "broker",
    "brokerage", "utility", "supplier", "provider",
})


_ONE_PERSON = PERSON_NOUNS - {"people", "men", "women", "children", "others"}  # "Actress", not "six people"


def names_a_person(word: str) -> bool:
    """Is this lowercase word a noun for a person, so that the capitalised words after it are their name?"""
    w = word.lower().strip(".,")
    if not word.islower() or not w.replace("-", "").isalpha() or w in _NOT_PERSONS:
        return False
    return w in PERSON_NOUNS or (len(w) > 4 and w.endswith(_PERSON_SUFFIXES))


# "Had Orsavia shot down ...", "Not that ...": a sentence-opening verb or particle is no part of a name
_LEADING_AUXILIARIES = frozenset({"had", "has", "have", "did", "does", "do", "was", "were", "is", "are", "not"})
# "Added Ivo Sand: ...", "Said the mayor, ...": an attribution turned round, its verb first
_LEADING_SAY = frozenset({"added", "adds", "said", "says", "continued", "explained", "noted", "recalled", "wrote",
                          "writes", "asked"})
NAME_JOINERS = frozenset({"of", "for", "and", "&", "the", "on", "de", "du", "des", "la"})
_NOT_OWNERS = frozenset({"what", "there", "it", "that", "here", "who", "where", "today", "yesterday", "tomorrow",
                         "tonight", "week", "month", "year", "let", "one", "everyone", "nobody", "somebody"})


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
             and not POSSESSIVE_IN.search(m) and m.split()[0].lower() not in _QUANTIFIERS]
    for name in singles:
        key = fold(name)
        hits = {mapping[m] for m in whole if any(fuzz.ratio(key, fold(tok)) >= 85 for tok in m.split())}
        mapping[name] = hits.pop() if len(hits) == 1 and len(name.split()) == 1 and name[:1].isupper() else name
    return mapping
