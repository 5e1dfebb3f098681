"""Cut a sentence where it joins two facts, before the rules are tried on each part.

", while", "; ", ", and <new subject> <verb>", a trailing "before the levy
takes effect ...", a dashed "– which ... –" aside: each opens a clause of its
own. Quotations are never cut, and "He said A, and B" stays one statement
(mentions.py joins the parts back).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factsheet.extract.split import quote_state
from factsheet.extract.subjects import AUXILIARIES
from factsheet.rules.phrases import AS_HEARD, latin

_AUX = AUXILIARIES
_CLAUSE_BREAK = re.compile(
    # every break opens with ";", "," or a space: the lookahead spares each other position the
    # alternatives (a third of the search time)
    latin(r"(?=[;,\s])(?:"
    # "It is not A; rather, it is B": one statement, put right in its second half
    r";\s+(?!(?:rather|instead)\b)"
    # not before a verb that shares the subject before it: "X said A, but warned that B" (an -ing word
    # may be a new subject: "while writing down assets also cost it")
    r"|,\s+(?:while|whereas|even as|but)\s+(?![a-z]+ed\b|(?:said|says|told|did|does|do|is|was|has|had|"
    r"have|will|would|could|can|also|still|not|never|only|then|saw|made|took|gave|went|kept|left|"
    # "X launched it, but later confirmed that ...": an adverb before the shared subject's verb
    r"later|soon|quickly|subsequently|eventually|immediately|again|instead|first|finally|previously)\b)(?=\S)"
    # "A, adding that B": the speaker of A said B too (see _said_too); ", noting that B" explains A
    r"|(?P<adding>,\s+adding\s+(?:that\s+)?(?=\S))"
    # "The ferry will not sail, the mayor said, so the island is cut off": the speaker said the first part
    r"|(?P<said>(?:(?<=\ssaid)|(?<=\ssays)|(?<=\sadded)|(?<=\snoted)|(?<=\swarned)|(?<=\sexplained)),\s+)"
    rf"(?!{AS_HEARD})(?=(?:so|because|and|as|since|although|though|when|after|which)\s+(?![a-z]+ed\b|(?:was|were|"
    r"is|are|has|had|have|will|would|could|can|also|still|not|never|then|made|took|gave|went|kept|left)\b))"
    # "X rushed to pay before the new levy takes effect on Jan. 1": the levy's start is a fact of its own
    r"|\s+(?=(?:before|until|once)\s+(?:the|a|an|its|their|[A-Z][\w’'-]*)\s+(?:[\w’'-]+\s+){1,4}?"
    r"(?:takes?|took|comes?|came|goes|went|begins?|began|starts?|started|ends?|ended|expires?|expired)\s)"
    rf"|(?P<and>,\s+and\s+)(?=(?:the|a|an|its|his|her|their|this|these|some|many|most|one|two|three|[A-Z][\w’'-]*)\s+"
    rf"(?:[\w’'-]+\s+){{0,4}}(?:{_AUX})\b)"
    # "X will take a charge and Credit Suisse Group AG is at risk": a second named subject, no comma
    rf"|(?P<and_name>\s+and\s+)(?=(?:[A-Z][\w’'.&-]*\s+){{1,4}}(?:{_AUX})\b))")
)
_ASIDE = re.compile(r"\s[–—]\s(?P<body>(?:which|who)\s[^–—]{10,}?)\s[–—]\s")
@dataclass(frozen=True)
class Clause:
    start: int  # offsets into the sentence
    end: int
    subject_hint: str | None = None  # antecedent of a "which ..." aside
    after_and: bool = False  # joined to the clause before by ", and" ("He said A, and B": one statement)
    after_adding: bool = False  # joined by ", adding (that)": said by whoever said the clause before


_AS_SAID = re.compile(r"\s*(?i:as|like)\s")


def clauses(text: str, quoted: list[tuple[int, int]] | None = None) -> list[Clause]:
    """Cut a sentence where it joins independent facts; quotes are never cut.

    `quoted` is `quote_state(text, False)[1]` when the caller already has it (extraction does).
    """
    spans = quote_state(text, False)[1] if quoted is None else quoted

    def inside_quote(pos: int) -> bool:
        return any(s <= pos < e for s, e in spans)

    out: list[Clause] = []
    aside = _ASIDE.search(text)
    asides: list[Clause] = []
    body_end = len(text)
    if aside and not inside_quote(aside.start()):
        before = text[: aside.start()].split()
        hint = before[-1].strip(",") if before and before[-1][:1].isupper() else None
        asides.append(Clause(aside.start("body"), aside.end("body"), hint))
        body_end = aside.start()
    start, after_and, after_adding = 0, False, False
    for m in _CLAUSE_BREAK.finditer(text, 0, body_end):
        if inside_quote(m.start()) or len(text[start:m.start()].split()) < 4:
            continue
        if m.group("and_name") and text[:m.start()].split()[-1][:1].isupper():
            continue  # "Russia and China were ...": one subject of two names
        if m.group("said") and _AS_SAID.match(text, start):
            continue  # "As the mayor said, when ...": the attribution opens the sentence, no clause ends
        out.append(Clause(start, m.start(), after_and=after_and, after_adding=after_adding))
        start, after_and, after_adding = m.end(), m.group("and") is not None, m.group("adding") is not None
    out.append(Clause(start, body_end, after_and=after_and, after_adding=after_adding))
    return [c for c in out + asides if len(text[c.start:c.end].split()) >= 3]
