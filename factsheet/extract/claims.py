"""Where a statement's claim begins, and whether it is a quotation.

The reporting phrases find the words after "said" or "told"; what those words
open with is often not what was said: the listener ("told Harbour Radio the
quay ..."), the medium ("said in a statement posted on its page that ..."), or
a quotation closing the reported part. These helpers move the claim's span to
what was said, and say so when nothing was.
"""

from __future__ import annotations

import re

from factsheet.extract.split import quote_state
from factsheet.extract.subjects import AUXILIARIES
from factsheet.rules.phrases import MIN_CLAIM_WORDS, latin

# where or how it was said, before what was: "said in a statement posted on Friday that ...", "said in a
# filing it could ...", "reports in an agitated voice: ...", "wrote, in the Harbour Times." (nothing said)
_MEDIUM = re.compile(latin(
    r",?\s*(?i:in|on|during|via)\s+(?:(?:a|an|the|his|her|its|their)\s+)?(?:[\w.’'-]+\s+){0,4}?"
    r"(?i:statement|interview|filing|post|speech|address|briefing|conference|letter|video|report|voice|op-ed|"
    r"piece|e-?mail|tweet|message|broadcast|column|Times|Post|Journal)s?\b"))
_AFTER_MEDIUM = re.compile(r"(?:[^\"“”‘:.]{0,120}?\s)?that,?\s+(?=\S)|\s*:\s*(?=\S)|\s+(?=\S)")
# ", without giving details", ", adding ...": a phrase after the medium, not what was said
_PHRASE_AFTER = re.compile(latin(r"\s*,\s*(?:(?i:with|without|as|after|before|but|and|citing|which|who)\b"
                                 r"|[a-z]+ing\b)"))


def without_medium(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The claim of "X said in a statement (posted ...) that Z" is Z; "what X said in his op-ed." and
    "X said in a statement, without giving details" say none after the verb."""
    medium = _MEDIUM.match(text, span[0], span[1])
    if medium is None:
        return span
    rest = None if _PHRASE_AFTER.match(text, medium.end(), span[1]) else \
        _AFTER_MEDIUM.match(text, medium.end(), span[1])
    start = rest.end() if rest else span[1]
    return (start, span[1]) if start < span[1] else (span[1], span[1])


def quote_before(text: str, who_start: int) -> tuple[int, int] | None:
    """The quotation that closes just before the speaker and their description: '"We will sail," the
    group's spokesman, Ivo Sand, said ...'."""
    _, quoted = quote_state(text[:who_start], False)
    if not quoted or len(text[quoted[-1][1]:who_start].split()) > 12:
        return None
    return quoted[-1]


_TOLD = re.compile(r"\b(?i:told|tells)\s+$")
# whom something was told, before what was: "told Harbour Radio the quay ...", "told him the quay ...",
# "told judges in an interview that the quay ...", "told CNN Sand's ferry ..." (not "Sand's")
_RECIPIENT = re.compile(latin(
    r"(?:[^\"“”‘:]{1,80}?\s)?that\s+(?=\S)"
    r"|[^\"“”‘:]{1,60}?:\s*(?=[\"“‘'])"
    r"|(?:him|her|them|us|me|you|reporters|journalists)\s+(?=[a-z\"“‘])"
    r"|(?P<name>(?:(?:The|the)\s+)?(?:[A-Z][\w.&-]*(?:[’'](?!s\s)[\w-]+)?\s+){1,3})(?=[a-z]|[A-Z][\w-]*[’']s\s)"))
_VERB_NEXT = re.compile(rf"(?:{AUXILIARIES})\b")


def without_recipient(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The claim of "X told Y (that) Z" is Z: Y heard it (a gap of up to twelve words before "that")."""
    if not _TOLD.search(text, 0, span[0]):
        return span
    m = _RECIPIENT.match(text, span[0], span[1])
    if m is None or len(m.group(0).split()) > 13 or len(text[m.end():span[1]].split()) < MIN_CLAIM_WORDS:
        return span
    end = m.end()
    if m.group("name") and _VERB_NEXT.match(text, end):
        # "told Coastwire Sand was ...": the last name is the claim's subject, and one name is no recipient
        words = m.group("name").split()
        if len(words) < 2:
            return span
        end = text.rindex(words[-1], span[0], end)
    return end, span[1]


def quote_as_claim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A long quotation closing the reported part is the claim itself ("..., he said, “It is ...")."""
    # single marks inside a double quotation are not this quotation's ("“... the usual, ‘We will ...’")
    inside_double = text[:span[0]].rstrip()[-1:] in ("\"", "“", "„", "«")
    _, quoted = quote_state(text[span[0]:span[1]], False, single=not inside_double)
    if quoted:
        qs, qe = quoted[-1]
        rest = text[span[0] + qe:span[1]].strip(" .,!?\"”’")
        # not a quotation that ends a clause of the claim's own ('... and Tarvik "is the largest ..."')
        before = text[span[0]:span[0] + qs].rstrip(" \"“‘")
        opens = before.endswith((",", ":", "—")) or len(before.split()) <= 4
        if not rest and opens and len(text[span[0] + qs:span[0] + qe].split()) >= 6 and qs > 0:
            return span[0] + qs, span[0] + qe
    return span


def interrupted_quote(text: str, who: tuple[int, int] | None) -> str | None:
    """ "Nobody will speculate," he said, "until they finish." is one quotation."""
    _, quoted = quote_state(text, False)
    if who is None or len(quoted) != 2 or not quoted[0][1] < who[0] < quoted[1][0]:
        return None
    # the attribution sits between commas; '"Harbour Lights" director Ivo Sand praised "Tide"' quotes titles
    first_end = text[quoted[0][0]:quoted[0][1]].rstrip(" \"“”‘’'")
    mid = text[quoted[0][1]:quoted[1][0]].strip(" \"“”‘’'")
    if not (first_end.endswith(",") or mid.startswith(",")) or not mid.endswith((",", ":")):
        return None
    first = text[quoted[0][0]:quoted[0][1]].strip().rstrip(",")
    return f"{first} {text[quoted[1][0]:quoted[1][1]].strip()}".strip()


def is_quote(text: str, span: tuple[int, int]) -> bool:
    s, e = span
    s += len(text[s:e]) - len(text[s:e].lstrip(" ,;:"))  # "said: 'We ...": the claim opens on the mark
    before = text[max(0, s - 2):s]
    inner = text[s:e].strip()
    # a single mark after a space or the sentence's start, before a letter, opens a quotation
    single = before[-1:] in ("'", "‘") and (s < 2 or before[0].isspace())
    return any(q in before for q in "\"“„«") or inner[:1] in "\"“„«" or single \
        or (inner[:1] in "'‘" and inner[1:2].isalpha() and (s == 0 or not text[s - 1].isalnum()))
