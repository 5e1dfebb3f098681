"""Compile rule phrases such as `{who} warned that {claim}` into matchers.

The phrase language, for people who do not program:
  {who}, {claim}, {date}, {x}   a slot (filled from the sentence)
  {say}                         any word of the rule's word list `say`
  ...                           a few words (up to six)
  [that]  [has|had]             optional word(s)
  "                             any quote mark, straight or curly
  other words                   themselves, in any letter case
A phrase that starts with {claim} starts at the beginning of the sentence; one
that ends with {claim} runs to its end. Regexes are an escape hatch, run with
a time limit so a pathological pattern cannot hang a build.

Most sentences cannot match most phrases: a phrase with {say} needs one of
the say words, `according to {who}` needs "according". Each compiled phrase
therefore lists the words every match must contain (`Need`), and `match`
runs the costly pattern only on a sentence that has them all (a substring
test on its folded text, a few microseconds instead of tens).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, replace

import regex  # the `regex` module supports a timeout per match

from factsheet.limits import env_value
from factsheet.rules.alternation import factored
from factsheet.rules.numbers import PATTERN as NUMBER_PATTERN
from factsheet.rules.schema import Rule

QUOTE_CHARS = "\"“”„«»"
# The capitals and small letters of the Latin alphabets: "Álvaro Peña", "Łukasz Wróbel" are names too
_CAPITALS, _SMALL = "A-ZÀ-ÖØ-ÞĀ-Ž", "a-zß-öø-ÿā-ž"
_ASCII_RANGE = re.compile(r"A-Z(?!À)|a-z(?!ß)")


def latin(pattern: str) -> str:
    """A pattern whose A-Z and a-z ranges take in the accented letters too (applying it twice is harmless).
    Ā-ž mixes capitals and small letters; a name opening on a small one is rare enough not to matter."""
    return _ASCII_RANGE.sub(lambda m: _CAPITALS if m.group() == "A-Z" else _SMALL, pattern)


ROLE_WORDS = (
    "president|vice|prime|minister|ministers|ministry|leader|leaders|official|officials|spokesperson|"
    "spokesman|spokeswoman|governor|mayor|military|army|navy|police|government|authorities|envoy|"
    "ambassador|chief|head|secretary|chancellor|general|commander|allies|ally|sources|source|"
    "analysts|analyst|experts|expert|witnesses|witness|residents|diplomats|diplomat|lawmakers|senator|"
    "director|chairman|chairwoman|chair|company|agency|service|services|intelligence|foreign|deputy|"
    "special|state|presidency|office|officer|officers|prosecutors|prosecutor|court|judge|party|"
    "department|board|union|council|committee|spokespeople|team|rebels|troops|forces|investigators|"
    "researchers|scientists|doctors|regulator|statement|report|senior|top|former|local|regional|"
    "federal|national|installed|backed|appointed|media|outlet|newspaper|broadcaster|firm|group|operator|"
    "executive|directorate|administration|founder|owner|manager|workers|worker|employees|staff|"
    "inspectors|inspector|spokespersons|representatives|representative|lawyer|lawyers|activists|"
    "campaigners|organisers|organizers|unions|officials'|bank|commission|authority|bureau|institute|"
    "university|hospital|airline|regulators|watchdog|utility|insurer|army|navy|coastguard|"
    "prosecutor's office|fire service|embassy|consulate|spokespeople|operators|researchers|"
    "brokerage|consultancy|lender|fund|charity|inspectorate|people|provider|providers|outlets|"
    # organisations in the plural speak too: "Many exporting companies have said ..."
    "companies|banks|lenders|firms|businesses|insurers|airlines|carriers|exporters|retailers|"
    "manufacturers|producers|automakers|carmakers|"
    # people a story quotes for what they saw or know (singular: a plural after a verb is its object,
    # "Rescuers pulled two survivors")
    "brother|sister|mother|father|wife|husband|son|daughter|cousin|friend|neighbour|neighbor|colleague|"
    "survivor|victim|passenger|eyewitness|bystander|journalist|reporter|correspondent|newsreader|anchor|"
    "presenter|editor|economist|professor|coach|captain|pilot|driver|nurse|sheriff|coroner|detective|attorney"
)
# verbs that do not end in -ed: a noun phrase ends before them ("The tanker lost power.", subjects.py)
COMMON_VERBS = frozenset({"takes", "makes", "comes", "goes", "gives", "gets", "needs", "requires", "allows",
                          "means", "puts", "sets", "keeps", "becomes", "remains", "seems", "looks",
                          "suggests", "indicates", "appears", "includes", "involves", "represents", "contains",
                          "depends", "happens", "occurs", "continues", "seeks", "wants", "knows", "believes",
                          "expects",
                          # irregular past tenses: "The tanker lost power."
                          "lost", "hit", "cut", "set", "put", "made", "took", "came", "went", "began", "became",
                          "grew", "won", "sold", "paid", "held", "kept", "left", "led", "met", "saw", "sent",
                          "spent", "wrote", "brought", "bought", "built", "found", "struck", "fell", "rose",
                          "told", "gave", "got", "ran", "broke", "drove", "threw", "knew", "flew", "sank", "shot"})
# A role word may carry lower-case modifiers ("fire officials", "the regional fire and rescue
# directorate") and a possessive ("the prosecutor's office").
_NOT_MODIFIERS = ("said|says|told|a|an|the|that|this|these|which|who|is|are|was|were|be|has|have|had|"
                  "will|would|can|could|may|might|must|should|shall|did|does|do|been|being|"
                  "to|of|in|on|at|for|with|from|by|as|it|its|their|his|her|and|or|but|not|also|like")
_NOT_MODIFIER = rf"(?!(?:{factored(_NOT_MODIFIERS.split('|'))})\b)"
# Only the first modifier may end in -ed ("armed forces", "elected officials"): later, an -ed word
# is a verb after its subject ("the old regime allowed exporters").
# "Corvel-based", "Kestria-bound", "US-led": an adjective made from a name, never a speaker
_ADJECTIVE_ENDS = "(?:based|bound|led|backed|owned|born|made|style|like|related|linked|run|funded)"
NAME_ADJECTIVE = rf"[A-Z][\w’'.]*-{_ADJECTIVE_ENDS}\b"
_MODIFIER = latin(rf"{_NOT_MODIFIER}(?:{NAME_ADJECTIVE}|[a-z][\w’'-]*)\s+(?:and\s+)?")
# factored (alternation.py): the ~250 words tried one by one at every position were 40 % of search time
_ROLE = (latin(rf"(?:(?:{_MODIFIER}(?:(?![a-z]+ed\s){_MODIFIER}){{0,2}})?(?i:{factored(ROLE_WORDS.split('|'))})"
         r"(?:[’']s)?\b)"))
_TOKEN = latin(rf"(?:[A-Z][\w’'.]*(?:-(?!{_ADJECTIVE_ENDS}\b)[\w’'.]*)*(?![\w-])|{_ROLE}|"
               r"(?i:he|she|they|we|it|i|him|her|them)\b)")
# A source known only by what it knows: "a person familiar with the matter", "people briefed on the
# plan", "two officials with knowledge of the talks".
_INFORMED = (latin(r"(?:(?i:a|an|the|one|two|three|several|some)\s+)?(?i:person|people|sources?|officials?|insiders?)"
             r"\s+(?i:familiar\s+with|briefed\s+on|close\s+to|with\s+(?:direct\s+)?knowledge\s+of|"
             r"involved\s+in|told\s+of)\s+(?i:the|this|these|those|his|her|its|their)\s+[\w’'-]+\b"
             r"(?:\s+(?!(?:said|says|say|told|added|who|and|or|but|that|to)\b)[a-z][\w’'-]*\b)?"))
# A document speaks for whoever issued it: "a statement from the ministry", "a filing by the bank".
DOCUMENT = (r"(?:(?i:a|an|the|its|their|his|her)\s+)?(?:(?i:joint|written|brief|short|press|news)\s+)?"
            r"(?i:statement|report|filing|letter|release|notice|note|post)\s+(?i:from|by|issued\s+by)\s+")
# "Mira Hale, speaking to reporters in Corvel, said", "Ann Ro, who left the bank in May, said": the
# aside describes the speaker.
_ASIDE = (latin(r"(?:,\s+\d{1,3}(?=,|$))?"  # "Ivo Sand, 51, who lives ...", "..., said Ivo Sand, 51": an age
          r"(?:,\s+(?:(?i:speaking|writing|talking|appearing|testifying|responding|replying|asked|who|whose|"
          r"which)\b|(?i:a|an|the)\s+|(?=[a-z]))"  # "Claude Ruud, a former pilot and inspector, said"
          r"[^,;:\"“”]{0,120}+(?=,)){0,2}"))  # "Ivo Sand, the father of Mia, one of the crew, said"
# the words of a date (also the date slot's, below)
_WEEKDAY = r"(?:[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# A time is no part of a name ("Hale on Tuesday", "officials in May")
_TIME_NAME = rf"(?:{_WEEKDAY}|{_MONTH})\b"
# "the governor's spokesperson today said", "Hale on Tuesday said": a time between the speaker and the verb
_WHEN = (r"(?:,?\s+(?i:today|yesterday|tonight|now|still|(?:last|this)\s+(?:week|month|night|morning|evening|year))"
         rf"|\s+(?i:on|in)\s+{_TIME_NAME}(?:\s+{_DAY})?"
         # "A Harbour Office statement after the meeting said": what the speaking followed
         r"|\s+(?i:after|following)\s+(?i:the|a|an|its|his|her|their|this)\s+[a-z]+(?:\s+[a-z]+)?(?=\s+(?i:said|says)\b))?")
# A name or role, as a sentence's subject names it ...
_NAMED = (
    latin(rf"(?:{DOCUMENT})?(?:(?i:the|a|an|his|her|their|its)\s+)?(?:{NAME_ADJECTIVE}\s+)?{_TOKEN}"
    rf"(?:(?:\s+|,\s+(?:(?i:a|an)\s+)?|\s+(?i:of|for|and|the|at|in|on)\s+(?:(?i:the)\s+)?(?!{_TIME_NAME})|\s+&\s+"
    # "the Kestrian Ambassador to the United Nations": an envoy's post goes on after "to"
    r"|(?:(?<=mbassador)|(?<=mbassadors)|(?<=nvoy)|(?<=nvoys))\s+to\s+(?:(?i:the)\s+)?)"
    rf"{_TOKEN}){{0,9}}"
    r"(?:\s+\([A-Z][\w.&-]{1,12}\))?")  # "The Port Safety Branch (PSB)"
)
ACTOR_CORE = rf"(?:{_INFORMED}|{_NAMED})"
# ... and as an attribution names it, with what describes it and when: "Ro, a port official, today said".
# A source known by what it knows takes only a relative clause as its aside ("people familiar with the
# plan, who asked not to be named,"): in "According to a person familiar with the sale, the buyer keeps
# the licence until June, two years ...", what follows the comma is the claim.
_INFORMED_ASIDE = r"(?:,\s+(?i:who|whose)\b[^,;:\"“”]{0,120}+(?=,))?"
# "An official who spoke on condition of anonymity said", "a diplomat who asked not to be named said": a
# relative clause without commas that says why the speaker goes unnamed
_UNNAMED = (r"(?:\s+(?i:who\s+(?:spoke|talked|requested|asked|declined|insisted|was\s+not|wasn't|were\s+not|"
            r"weren't|is\s+not|are\s+not)\b)[^,;:\"“”]{0,80}?"
            r"(?i:anonymity|named|identified|authori[sz]ed\s+to\s+\w+(?:\s+(?:publicly|on\s+the\s+record))?))?")
ACTOR = rf"(?:{_INFORMED}{_UNNAMED}{_INFORMED_ASIDE}|{_NAMED}{_UNNAMED}{_ASIDE}){_WHEN}(?:,(?=\s))?"
# What may follow an attribution that ends a sentence: "... , she said on Tuesday." or
# "..., he said, referring to the law." — a few words or a participle phrase, not a new fact.
# "..., he announced, as Ivo Sand recalled it.", "..., as cited by Harbour Wire.": how it was heard
AS_HEARD = (latin(r"(?i:as)\s+(?:(?i:cited|quoted|reported)\s+by\s+|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}\s+"
            r"(?i:recalled|remembered|put\s+it|told\s+it|described\s+it|recounted)\b)"))
# "..., Ola Brandt told Harbour Radio.", "... told Kestrian radio": whom it was told to, a few words with no
# clause's subject among them. Only after "told": in "..., said Kai Berg." the name is the speaker's
_TAIL_WHOM = (r"(?:(?<=\btold)|(?<=\btells)|(?<=\btell))"
              r"(?:\s+(?!(?i:that|he|she|it|they|we|i|you|who)\b)[\w’'.&-]+){1,5}?")
# "... said on Tuesday.", "... said Tuesday at the port.": a preposition or a day, and a few words
# "..., she said of the verdict.": "of" what, straight after the verb only ("said the ministry of health"
# keeps its name whole)
_SAID_OF = r"(?:(?<=\bsaid)|(?<=\bsays)|(?<=\badded)|(?<=\bwrote)|(?<=\bwrites)|(?<=\bdeclared)|(?<=\bdeclares))\s+of\b"
_TAIL_WORDS = (r"(?:\s+(?:(?i:on|in|at|to|during|via|after|before|late|early|last|this|earlier|yesterday|today|"
               rf"tonight|while|when|as|from|for|by|with|through|over|outside|told)\b|{_TIME_NAME})|{_SAID_OF})"
               r"(?:\s*+[^\s]++){0,8}?")
_TAIL_PHRASE = (
    # "..., Hale said in an interview with Harbour Radio on Tuesday.": where it was said, and when
    latin(r"(?:\s+(?i:in|during|at)\s+(?i:an?|the|her|his|their|its)\s+(?:[a-z-]+\s+)?(?i:interview|statement|speech|"
    r"address|post|tweet|letter|email|e-mail|call|briefing|conference|hearing|debate|podcast)\b(?:\s+[^\s]+){0,8}?"
    r"|,\s+(?i:a|an|the|adding|according|citing)\b(?:\s*+[^\s]++){0,20}?"
    rf"|,\s+{AS_HEARD}(?:\s*+[^\s]++){{0,8}}?"
    # "..., said Ola Brandt, head of the crane programme at the Corvel institute.": a post, not a
    # new clause ("..., the mayor said, so the ferries stopped" keeps its second fact)
    rf"|,\s+(?={_ROLE})(?:\s*+[^\s]++){{1,24}}?"
    # "..., the owner said, with a decision due in May.": a phrase, not a clause, may follow too
    r"|,\s+(?i:with|without|at|after|during|amid|despite|from|for|in|on)\b(?:\s*+[^\s]++){0,20}?"
    # "..., said the source, who spoke on condition of anonymity because ...": the relative
    # clause describes the speaker, however long it runs
    r"|,\s+(?i:who|whose|which)\b(?:\s*+[^\s]++){0,24}?"
    r"|,\s+\w+ing\b.*?)")
)
# In that order, each at most once: "told Harbour Radio last month", "said last year, citing the
# agency", "told Reuters in an email, adding ...". Two spans of loose words never follow one another
# ("said at least one suspect had been arrested from the area" is a claim, not a tail).
TAIL = rf"(?:{_TAIL_WHOM})?(?:{_TAIL_WORDS}|{_TAIL_PHRASE})?(?:{_TAIL_PHRASE})?"
# A date slot takes date words only, whatever its `from:` says: "on Monday", "March 4, 2026",
# "4 March", "last week", "yesterday evening", "2026-03-04", "in 2025".
_PART_OF_DAY = r"(?:\s+(?i:morning|afternoon|evening|night))?"
DATE = (
    r"(?:(?i:on|in|since|by|until|from|during|early|late|earlier|later)\s+)?"
    r"(?:(?i:last|this|next)\s+)?"
    rf"(?:{_WEEKDAY}{_PART_OF_DAY}(?:,?\s+{_MONTH}\s+{_DAY}|,?\s+{_DAY}\s+{_MONTH})?(?:,?\s+\d{{4}})?"
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}(?:\s+{_DAY})?(?:,?\s+\d{{4}})?"
    r"|\d{4}-\d\d-\d\d"
    rf"|(?i:yesterday|today|tonight|overnight){_PART_OF_DAY}"
    r"|(?i:week|month|year|weekend|night|morning|afternoon|evening)"
    r"|(?:19|20)\d\d)(?![\w-])"
)
# A text slot of a rule's own ({post}, {product}) takes one noun phrase: up to twelve words, never
# across punctuation (, ; : . ! ? brackets, quotes, dashes) and never past a word that starts a new
# part of the sentence (a verb such as "said" or "was", a preposition such as "after", "over", "on",
# "in", "for", "to", or "and" / "or"). "of" and "the" may be inside ("head of the party"); "and",
# "for" and "&" too before a capitalised word ("Transport and Infrastructure"). A leading "the",
# "a", "its", ... is left out of the value. Word lists, fixed words and {claim} are not limited so.
STOP_WORDS = (
    "after|before|when|while|whereas|because|since|until|amid|following|over|during|from|with|without|"
    "within|against|by|at|on|in|into|onto|to|as|than|who|whom|which|that|whose|where|if|but|or|nor|so|"
    "then|and|for|said|says|say|told|tells|added|adds|according|is|are|was|were|be|been|being|has|have|had|"
    "will|would|could|should|can|may|might|must|did|does|do|not|also|yesterday|today|tonight|despite|near|"
    "about|under|via|per|including|citing|saying|warning|adding"
)
_END = r"(?![\w’'&-])"
_STOP = latin(rf"(?:(?!(?i:and|for|&)\s+[A-Z])(?:(?i:{factored(STOP_WORDS.split('|'))})|&){_END})")
_NP_WORD = r"(?:[^\s,;:!?()\[\]{}\"“”„«».…–—]|(?<=\d)[.,](?=\d)|\.(?=[^\s.,;:!?\"“”)]))+"
DETERMINER = r"(?:(?i:the|a|an|its|their|his|her|our|my|your|this|these|those)\s+)"
_FIRST = rf"(?!{_STOP})(?!(?i:the|a|an){_END}){_NP_WORD}"
NOUN_PHRASE = rf"{_FIRST}(?:\s+(?!{_STOP}){_NP_WORD}){{0,11}}"
NOUN_PHRASE_LAZY = rf"{_FIRST}(?:\s+(?!{_STOP}){_NP_WORD}){{0,11}}?"
SLOT_PATTERNS = {
    "actor": ACTOR,
    "person": ACTOR,
    "number": NUMBER_PATTERN,
    "date": DATE,
    "text": NOUN_PHRASE,
    # {claim}, {source}: any words; after "A, she says," the claim goes on, but not with a clause that
    # describes the saying or shares its subject ("she explained, but returned ...", "..., as cited by X")
    "claim": r"(?!,\s*(?:but|and|or|as|while|whereas|given|citing|according|which|who)\b).+?",
}
# `...`: a few words, never across a new clause ("said A, but warned that B": not "said ... that B");
# where and when something was said may run longer ("revealed in papers lodged with the Kestrian
# shipping registry last week that"): up to twelve words when they open with a preposition and hold
# no comma, "that", reporting verb or "and" before a lowercase word, which would start a clause of
# their own ("the Port and Harbour Board" is a name)
# A gap never opens with a clause's own subject or verb: in "said he would regard that as a loss", "that"
# is no conjunction and the claim begins at "he".
_GAP_WORD = r"(?!(?i:but|while|whereas)\b)[^\s]+\s+"
_GAP_FIRST = r"(?!(?i:he|she|it|they|we|i|you|there|this|would|will|could|should|can|may|might|must|is|was|are|were)\b)"
_VENUE_WORD = latin(r"(?!(?i:but|while|whereas|that|said|says|told|warned|added)\b|and\s+[a-z])[^\s,;:]+\s+")
GAP = rf"(?:{_GAP_FIRST}(?:{_GAP_WORD}){{0,6}}?|(?i:in|on|at|during|via|through)\s+(?:{_VENUE_WORD}){{6,11}}?)"
# How a phrase is cut into tokens: {slot}, ..., [optional|words], a quote mark, spaces, words, a dot.
PHRASE_TOKENS = re.compile(r"\{(\w+)\}|\.\.\.|…|\[([^\]]+)\]|[\"“”]|\s+|[^\s{\[\"“”.…]+|\.")
# Opening words that may come before the subject: "On Monday, ", "Meanwhile, ", "In addition, ".
LEAD = (
    r"(?:(?:(?i:in|on|at|after|before|since|despite|amid|during|with|for|under|as|by|over|following|"
    r"meanwhile|however|importantly|consequently|furthermore|moreover|elsewhere|later|earlier|"
    r"separately|additionally|in addition|at the same time|still|yet|also|instead|then|now|"
    r"more recently|recently|last|this|next|yesterday|today|earlier|late|early))\b[^,]{0,60},"
    r"(?:\s+(?:19|20)\d\d,)?\s+)+"  # "On April 13, 2012, ": the year belongs to the opener
)
REGEX_TIMEOUT = env_value("FACTSHEET_REGEX_TIMEOUT", 0.05)  # seconds per sentence and pattern (limits.py)


# `regex` matches these case-insensitively to an ASCII letter where str.lower() does not give that
# letter (İ lowers to two characters); tests/test_phrase_prefilter.py checks every code point.
_FOLD_BEFORE_LOWER = (("İ", "i"),)
_FOLD_AFTER_LOWER = (("ı", "i"), ("ſ", "s"))


def fold(text: str) -> str:
    """Lower-case text in which every ASCII word a phrase's `(?i:...)` can match appears in lower case."""
    for old, new in _FOLD_BEFORE_LOWER:
        text = text.replace(old, new)
    text = text.lower()
    for old, new in _FOLD_AFTER_LOWER:
        text = text.replace(old, new)
    return text


@dataclass(frozen=True, eq=False)
class Need:
    """Strings of which every match of a phrase contains one, in `fold`ed text: the prefilter.

    Compared by identity, so that `match` can remember per sentence what it already looked up.
    """

    options: tuple[str, ...]

    def found_in(self, folded: str) -> bool:
        return any(map(folded.__contains__, self.options))  # map: no generator frame per option


@dataclass(frozen=True)
class CompiledPhrase:
    phrase: str
    pattern: regex.Pattern[str]
    slots: tuple[str, ...]
    needs: tuple[Need, ...] = ()  # all must be found in a sentence the pattern can match


@dataclass(frozen=True)
class PhraseMatch:
    phrase: str
    slots: dict[str, tuple[int, int]]  # slot -> span in the sentence


# one negative lookahead, which fails at its first character wherever a word is not capitalised: a guard
# of three alternatives, in front of every listed word of every phrase, had cost extraction about 7 %
_IN_NO_NAME = r"(?!\p{Lu}(?!\p{Lu})(?<=\p{Lu}[\w’'.&-]*\s+\p{Lu}))"  # capitals throughout: a verb


def slot_names(phrase: str) -> list[str]:
    return re.findall(r"\{(\w+)\}", phrase)


def compile_phrase(phrase: str, rule: Rule) -> CompiledPhrase:
    """Translate one phrase into an anchored, case-aware regular expression."""
    parts: list[str] = []
    slots: list[str] = []
    needs: list[tuple[str, ...] | None] = []  # None: a required part no plain string stands for
    pos = 0
    tokens = PHRASE_TOKENS.finditer(phrase)
    for tok in tokens:
        if tok.start() != pos:
            raise ValueError(f"phrase {phrase!r}: cannot read {phrase[pos:tok.start()]!r}")
        pos = tok.end()
        text = tok.group(0)
        if tok.group(1):
            name = tok.group(1)
            if name in rule.words:
                words = sorted(rule.words[name], key=len, reverse=True)
                # a listed word written with a capital right after a capitalised word is part of a name:
                # "the United States has ..." holds no "states", "Consumer Reports said" no "reports"
                # and it is a word of its own: "exclaimed" holds no "claimed" (an optional word before it
                # may leave no space between it and the slot before)
                parts.append(_IN_NO_NAME + r"(?<!\w)(?i:" + factored([_literal(w) for w in words]) + r")\b")
                needs.append(_need(words))
            else:
                if name in slots:
                    raise ValueError(f"phrase {phrase!r}: the slot {{{name}}} appears twice")
                slots.append(name)
                pattern = _slot_pattern(name, rule)
                if pattern == NOUN_PHRASE:
                    # a phrase of its own: "the"/"its" stay outside; lazy when more of the phrase follows
                    last = not any(t.group(0).strip() for t in PHRASE_TOKENS.finditer(phrase, tok.end()))
                    pattern = f"{DETERMINER}?(?P<{name}>{NOUN_PHRASE if last else NOUN_PHRASE_LAZY})"
                    parts.append(pattern)
                else:
                    parts.append(f"(?P<{name}>{pattern})")
        elif text in ("...", "…"):
            parts.append(GAP)
        elif tok.group(2):
            options = [o.strip() for o in tok.group(2).split("|")]
            parts.append("(?:(?i:" + factored([_literal(o) for o in options]) + r")\b\s*)?")
        elif text in QUOTE_CHARS:
            parts.append(f"[’']?[{QUOTE_CHARS}]")  # a quote may close a quote inside it: ",’”"
            needs.append(tuple(QUOTE_CHARS))
        elif text.isspace():
            # after an optional word or a `...` gap (which end in their own spaces) the space may be empty
            parts.append(r"\s*" if parts and (parts[-1].endswith(r"\s*)?") or parts[-1] == GAP) else r"\s+")
        else:
            parts.append((r"(?<!\w)" if text[:1].isalnum() else "") + "(?i:" + _literal(text) + ")")
            needs.append(_need([text]))
    if pos != len(phrase):
        raise ValueError(f"phrase {phrase!r}: cannot read {phrase[pos:]!r}")
    body = "".join(parts)
    # a separator before an optional word may vanish with the word
    body = body.replace(r"\s+(?:(?i:", r"\s*(?:(?i:")
    if phrase.lstrip().startswith("{claim}"):
        body = r"^[\s" + QUOTE_CHARS + r"]*" + body
    else:
        body = r"(?:^|(?<=[\s,;:(" + QUOTE_CHARS + r"–—-]))" + body
    if phrase.rstrip().endswith("{claim}"):
        body += r"[\s.!?…" + QUOTE_CHARS + r")]*$"
    elif phrase.lstrip().startswith("{claim}"):
        body += TAIL + r"[\s.!?…" + QUOTE_CHARS + r")]*$"
    else:
        body += r"(?=[\s.,;:!?…" + QUOTE_CHARS + r")]|$)"
    if rule.anchor == "start" and not phrase.lstrip().startswith("{claim}"):
        body = r"^(?:" + LEAD + r")?" + body.removeprefix(r"(?:^|(?<=[\s,;:(" + QUOTE_CHARS + r"–—-]))")
    try:
        pattern = regex.compile(body, regex.V0)
    except regex.error as exc:  # e.g. {2nd}: a group name may not start with a digit (found by fuzzing)
        raise ValueError(f"phrase {phrase!r} cannot be used ({exc}); placeholder names start with a letter") from None
    kept = dict.fromkeys(n for n in needs if n is not None)  # in phrase order, each once
    return CompiledPhrase(phrase, pattern, tuple(slots), tuple(Need(options) for options in kept))


def _need(words: list[str]) -> tuple[str, ...] | None:
    """What a required `(?i:w1|w2|...)` part leaves in folded text: for each alternative, its longest
    ASCII word (any of its words is there when it matches). None when an alternative has no such word,
    since `fold` only promises to keep ASCII letters recognisable."""
    options: list[str] = []
    for text in words:
        ascii_words = [w for w in text.split() if w.isascii()]
        if not ascii_words:
            return None
        options.append(max(ascii_words, key=len).lower())
    unique = dict.fromkeys(options)
    # an option that contains another adds nothing: "says" is there only where "say" is
    kept = tuple(o for o in unique if not any(other != o and other in o for other in unique))
    return kept or None


def _literal(text: str) -> str:
    return r"\s+".join(re.escape(w) for w in text.split())


def slot_kind(name: str, rule: Rule) -> str:
    """What a slot takes: `date` is always a date and {claim}, {source} any words, whatever `slots:` says."""
    if name == "date":
        return "date"
    if name in ("claim", "source"):
        return "claim"
    if name == "who":
        return rule.slots["who"].type if "who" in rule.slots else "actor"
    return rule.slots[name].type if name in rule.slots else "text"


def _slot_pattern(name: str, rule: Rule) -> str:
    return SLOT_PATTERNS[slot_kind(name, rule)]


_CACHE: dict[int, tuple[Rule, tuple[CompiledPhrase, ...]]] = {}


def _compiled(rule: Rule) -> tuple[CompiledPhrase, ...]:
    """Compiled matchers, cached per rule object (rules are frozen)."""
    hit = _CACHE.get(id(rule))
    if hit is not None and hit[0] is rule:
        return hit[1]
    shared: dict[tuple[str, ...], Need] = {}  # one Need object per distinct need, so match() looks each up once
    out = []
    for phrase in rule.phrases:
        compiled = compile_phrase(phrase, rule)
        needs = tuple(shared.setdefault(n.options, n) for n in compiled.needs)
        out.append(replace(compiled, needs=needs))
    for expr in rule.regex:
        try:
            pattern = regex.compile(expr, regex.V0)
        except regex.error as exc:
            raise ValueError(f"regex {expr!r}: {exc}") from None
        out.append(CompiledPhrase(expr, pattern, tuple(pattern.groupindex)))
    _CACHE[id(rule)] = (rule, tuple(out))
    return _CACHE[id(rule)][1]


def compile_rule(rule: Rule) -> tuple[CompiledPhrase, ...]:
    """All matchers of a rule; raises ValueError naming a phrase that cannot work."""
    for phrase in rule.phrases:
        for name in slot_names(phrase):
            if name not in rule.words and name not in rule.slots and name not in ("who", "claim", "date", "source"):
                known = ", ".join(sorted({*rule.words, *rule.slots, "who", "claim", "date", "source"}))
                raise ValueError(f"phrase {phrase!r}: {{{name}}} is neither a slot nor a word list (known: {known})")
    return _compiled(rule)


MIN_CLAIM_WORDS = 3  # a shorter claim ("he said", "it is") is no fact
# A reported clause opens with its subject; one opening with a verb follows a relative "that". An -ed
# word may be an adjective ("that proposed fares would rise"), so only auxiliaries and known verbs count.
_RELATIVE_THAT = regex.compile(r"(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|"
                               + "|".join(sorted(COMMON_VERBS)) + r")\b")


def match(rule: Rule, sentence: str, min_claim_words: int = MIN_CLAIM_WORDS) -> PhraseMatch | None:
    """The first phrase of the rule that matches the sentence, with slot spans.

    `min_claim_words` is lowered for the end of a quotation begun in an
    earlier sentence, whose claim is the whole quotation.
    """
    lowered = sentence.casefold()
    if any(v.casefold() in lowered for v in rule.veto):
        return None
    folded: str | None = None
    found: dict[Need, bool] = {}  # per sentence: a need shared by several phrases is looked up once
    for compiled in _compiled(rule):
        if compiled.needs:
            if folded is None:
                folded = fold(sentence)
            if not _possible(compiled.needs, folded, found):
                continue  # the pattern cannot match: skip the costly search
        try:
            m = _search(compiled.pattern, sentence)
        except TimeoutError:
            continue
        if m is None:
            continue
        spans = {name: m.span(name) for name in compiled.slots if m.group(name)}
        if "claim" in spans:
            claim = sentence[slice(*spans["claim"])]
            if len(claim.split()) < min_claim_words:
                continue
            if compiled.phrase.endswith("that {claim}") and _RELATIVE_THAT.match(claim):
                continue  # "said the ferry that sank was old": that "that" opens no reported clause
        return PhraseMatch(compiled.phrase, spans)
    return None


def _search(pattern: regex.Pattern[str], sentence: str) -> regex.Match[str] | None:
    """The pattern's first match, within REGEX_TIMEOUT seconds of work.

    The regex module's timeout counts wall time, so on a busy machine a search
    that waited for a CPU could time out and the same articles give other
    facts. A search cut short before it used half its time is run again, with
    a longer wall-clock allowance each time (a build's workers, or processes
    left from another job, can keep a two-core machine busy for seconds); only
    the work a search does, not the wait, makes it fail.
    """
    for attempt in range(1, SEARCH_ATTEMPTS + 1):
        started = time.thread_time()
        try:
            return pattern.search(sentence, timeout=REGEX_TIMEOUT * attempt)
        except TimeoutError:
            if time.thread_time() - started >= REGEX_TIMEOUT / 2:
                raise
        finally:
            _searched.seconds = search_seconds() + time.thread_time() - started
    raise TimeoutError(f"regex search kept being interrupted ({REGEX_TIMEOUT} s)")


_searched = threading.local()


def search_seconds() -> float:
    """CPU seconds this thread has spent in phrase searches: what an article's phrase budget counts. Only
    the searches, never the Python around them, whose garbage collections in a long-running process with a
    large heap can take a second and would stop an ordinary article's phrase rules."""
    return float(getattr(_searched, "seconds", 0.0))


SEARCH_ATTEMPTS = 10  # at most 0.05 * (1 + ... + 10) = 2.75 s of waiting for a CPU, on a starved machine only


def _possible(needs: tuple[Need, ...], folded: str, found: dict[Need, bool]) -> bool:
    """Whether the folded sentence has every need (False means the phrase cannot match it)."""
    for need in needs:
        hit = found.get(need)
        if hit is None:
            hit = found[need] = need.found_in(folded)
        if not hit:
            return False
    return True
