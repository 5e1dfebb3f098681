"""Split an article into sentences with offsets, and tell body text from the rest.

Headlines, sub-headings, photo captions, bylines and boilerplate lines get a
role other than "body" so that no rule mistakes them for facts. Sentence ends
respect abbreviations ("U.S.", "Mr."), initials, ellipses inside quotes and
closing quote marks after the full stop.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factsheet.limits import env_value
from factsheet.model import Article, Role, Sentence
from factsheet.rules.phrases import fold, latin

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "gov",
    "sen", "rep", "st", "mt", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "i.e", "e.g", "approx", "dept", "est", "fig",
    "rev", "hon", "pres", "maj", "brig", "supt", "insp",
}
OPEN_QUOTES = "\"“‘«„"
CLOSE_QUOTES = "\"”’»“"
QUOTES = set(OPEN_QUOTES + CLOSE_QUOTES)
_DOUBLE_MARKS = "\"“”«»„"
_SINGLE_MARKS = "'‘’"
_MARKS = re.compile("[" + re.escape(_DOUBLE_MARKS + _SINGLE_MARKS) + "]")
_OPENS_SPEECH = re.compile(r"(?:^|[,:—–]\s*)$")  # where a quotation that runs on may open

# A caption: at the block's start, or anywhere after one of _CAPTION_WORDS (a substring test on the
# folded block, so that the costly case-insensitive search runs on few blocks: it was 4 % of extraction)
_CAPTION_AT_START = re.compile(
    r"^\s*(?:photos?|images?|pictures?|pictured|caption|file photo|illustration|videos?|gallery)\s*[:|(]"
    r"|^\s*image (?:copyright|caption)\b"  # "Image copyright Reuters Image caption The crew ..."
    r"|^\s*FILE\s*[-–—]+\s*(?:In this|This)\b"  # a wire photo's caption: "FILE - In this March 4 photo, ..."
    r"|^\s*\d{1,3}\s*/\s*\d{1,3}\s"  # a gallery's "3/34 ..." numbering
    r"|^\s*\([^().]{3,80}(?:/|\b(?-i:File|Photo|Getty|Reuters|AP)\b)[^().]{0,60}\)\s*$",  # (Name, File/Agency)
    re.I,
)
_CAPTION_ANYWHERE = re.compile(
    latin(r"\bhide caption\s+\d+\s+of\s+\d+"
    r"|\bsource:\s+[A-Z][^.]{0,80}$"  # a chart's source line
    r"|\((?:photo|image|picture)s?\b[^)]*\)\s*$"
    r"|(?:photo|image|picture)\s*(?:credit)?\s*:\s*[^.]{0,80}$"
    r"|\b(?:getty images|reuters/|ap photo|afp via getty|/afp|/ap)\b[^.]{0,60}$"
    # a photo agency's credit closing the block: "... at dawn. (Ana Ruiz/Associated Press)", "©Kai Berg (AFP/File)"
    r"|(?:/\s*|\bvia\s+|\(\s*)(?:associated press|reuters|epa|afp|ap|pa|pool|invision)(?:\s*/[^()]{0,40})?\)\s*$"
    r"|©\s*[A-Z][^.©]{0,60}\)\s*$"),
    re.I,
)
_CAPTION_WORDS = ("hide caption", "source:", "photo", "image", "picture", "getty images", "reuters/",
                  "afp via getty", "/afp", "/ap", "associated press)", "reuters)", "epa)", "afp", "ap)", "pa)",
                  "pool", "invision", "(c)")
_BYLINE = re.compile(
    latin(r"^\s*\(?(?:by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s*(?:,|and)\s*[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})*\s*$"
    r"|(?:reporting|writing|editing|additional reporting) by\b"
    r"|(?:updated|published|posted|last updated)\s*:?\s*\d"
    r"|[\w .&-]{1,40}\|\s*(?:updated|published)\s*:)"),
    re.I,
)
_BOILERPLATE = re.compile(
    r"^\s*(?:read more|related|advertisement|share this|share on|follow us|sign up|subscribe|"
    r"click here|all rights reserved|copyright|©|we use cookies|accept cookies|"
    r"also read|see also|more:|watch:|listen:|click to|view all|please (?:try again|verify|enable|note: this)|"
    r"an error has occurred|just watched|must watch|replay more videos|see sample|get the newsletter)",
    re.I,
)
# A video promo anywhere in a block. (An embedded post stays: a minister's post is a statement.)
_PROMO = re.compile(r"\b(?:replay more videos|must watch|just watched)\b", re.I)
_PROMO_WORDS = ("replay more videos", "must watch", "just watched")
_CALL_TO_ACTION = re.compile(r"\bclick (?:here )?to\b|\bclick here\b|\b(?:sign up|subscribe) (?:now|today|here)\b",
                             re.I)
_CALL_TO_ACTION_WORDS = ("click", "sign up", "subscribe")
# Page furniture that sits inside a paragraph as a sentence of its own.
_FURNITURE_SENTENCE = re.compile(
    latin(r"^\s*(?:please try again later|an error has occurred|please verify you|hide caption \d+ of \d+|"
    r"replay more videos|(?:just watched|must watch)\b|view all [^.]{0,40}newsletters|"
    # a sign-up form's messages: "Invalid email address.", "Thank you for subscribing."
    r"invalid e-?mail|please re-?enter|thank you for (?:subscribing|signing up|registering)\b|"
    r"you must select a newsletter|newsletter sign[- ]up|try another or register\b|"
    # notes to the reader: "This story has been updated.", "Send us a tip.", "Pictured is the quay
    # at dawn.", "The map below shows the route."
    r"(?:update\s*:\s*)?this (?:post|story|article|page|report) (?:has been|was|will be) (?:updated|amended|corrected)|"
    r"(?:editor[’']s note|correction|clarification)\s*:|an? (?:earlier|previous) version of this |"
    r"send us (?:a|an|your) |(?-i:MOST (?:READ|POPULAR|SHARED|VIEWED)\b)|"
    r"pictured (?:is|are|above|below|here|left|right)\b|"
    r"(?:the )?(?:diagram|graphic|map|chart|table|video|photo|image|picture)s? (?:below|above)\b|"
    # a social account: "Follow her @anaruiz."
    r"follow (?:him|her|them|us|me)\b[^.]{0,40}@\w|"
    # a segment's introduction: "Harbour Radio’s Ana Ruiz talks to ...", "Tarvik TV's Ivo Sand discusses ..."
    r"(?-i:(?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*[’']s\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?:discusses|talks|explains|"
    r"reports on|looks at|breaks down|speaks)\b))"),
    re.I,
)
# A caption run into the text as a sentence of its own (its names are the story's, its words no fact):
# "Caption The crew ...", "Getty Images A ferry ...", "3 / 22 ...", a wire's credit before the caption
# ("Reuters In 2019 the port ...", "AP:Wire Press The crew ..."), a credit alone ("(Ana Ruiz/Harbour Times)")
_CAPTION_SENTENCE = re.compile(
    r"^\s*(?:caption\s+(?-i:[A-Z])|(?:getty images|splash news|ap photo|afp photo|epa|shutterstock|rex features)\s+"
    r"(?-i:[A-Z])|\d{1,3}\s*/\s*\d{1,3}\s"
    r"|(?:reuters|ap|afp)(?::\S*(?:\s+press)?)?\s+(?-i:(?:The|A|An|In|On|At|It|This|These|Those|He|She|They)\s)"
    r"|\((?:[^()/]{1,60}/)+[^()/]{2,60}\)\s*$)",
    re.I,
)
# ... and what marks one wherever it stands: a syndication note, a video carousel's controls
_FURNITURE_ANYWHERE = re.compile(r"\boriginally (?:appeared|published) on\s+\S+\.\w+|\bskip in skip\b|"
                                 r"\bembed x share\b|\b\d{1,3} of \d{1,3}\s+(?:skip|last video|next video)\b", re.I)
_FURNITURE_WORDS = ("originally", "skip", "embed x share", "video")
_SENTENCE_END = re.compile(r"[.!?…]+")
# Sentences longer than this are kept (and cited) but the phrase rules are not run on them:
# a rule regex on a 100,000-character run-on "sentence" could take seconds per phrase.
MAX_SENTENCE_CHARS = env_value("FACTSHEET_MAX_SENTENCE_CHARS", 5_000)
# How far back from a full stop to look for an abbreviation ("U.S.", "Gen."): bounded so that
# splitting a paragraph stays linear in its length.
_WORD_LOOKBACK = 40


def split_article(article: Article) -> list[Sentence]:
    """All sentences of an article in order, each with its role and paragraph."""
    sentences: list[Sentence] = []
    first_block = True
    for para, (start, end) in enumerate(_blocks(article.text)):
        block = article.text[start:end]
        role = classify_block(block, first=first_block, title=article.title)
        first_block = False
        if role != "body":
            sentences.append(Sentence(article.id, len(sentences), start, end, block, role, para))
            continue
        for s, e in _post_spans(block) if "(@" in block else sentence_spans(block):
            text = block[s:e]
            furniture = _FURNITURE_SENTENCE.match(text) or _is_menu(text) \
                or (_has_any(fold(text), _FURNITURE_WORDS) and _FURNITURE_ANYWHERE.search(text))
            role = "boilerplate" if furniture else "caption" if _CAPTION_SENTENCE.match(text) else "body"
            sentences.append(Sentence(article.id, len(sentences), start + s, start + e,
                                      block[s:e], role, para))
    return sentences


MENU_WORDS = 40  # a "sentence" this long ...
MENU_CAPITALISED = 0.9  # ... with this share of its words capitalised or figures is a menu or list of links
# ... or with this many capitals kickers is a list of other stories' headlines ("JOYRIDE CARNAGE Five killed
# ... SANTA SHOCKER Mum claims ...")
KICKERS = 3
_KICKER = re.compile(r"\b[A-Z]{3,}[’'!]?(?:\s+[A-Z]{2,}[’'!]?)+\s+[A-Z][a-z]")


def _is_menu(text: str) -> bool:
    """"Categories Select Category 2015 TEST SERIES 2016 Mains ...": a site's menu run into the text, no
    sentence (a list of names keeps its verbs and lower-case words: "identified the girls as ...")."""
    words = text.split()
    if len(words) < MENU_WORDS:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return capitalised >= MENU_CAPITALISED * len(words) or len(_KICKER.findall(text)) >= KICKERS


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Non-empty lines (news text keeps one paragraph a line), stripped, and without a list's bullet
    ("• Hospitals have appealed for blood": the bullet is no part of the subject)."""
    pos = 0
    for line in text.split("\n"):
        bullet = _BULLET.match(line)
        lead = bullet.end() if bullet else 0
        if stripped := line[lead:].rstrip():
            yield pos + lead, pos + lead + len(stripped)
        pos += len(line) + 1


_BULLET = re.compile(r"\s*(?:[•·▪●◦‣∙]\s*)*")


def classify_block(block: str, *, first: bool = False, title: str | None = None) -> Role:
    """Say whether a paragraph is body text or a headline, heading, caption, ..."""
    text = block.strip()
    words = text.split()
    folded = fold(text)  # for the word tests that spare most blocks the case-insensitive searches
    if _CAPTION_AT_START.match(text) or (_has_any(folded, _CAPTION_WORDS) and _CAPTION_ANYWHERE.search(text)):
        return "caption"
    if _BYLINE.search(text):
        return "byline"
    if (_BOILERPLATE.match(text) and len(words) < 25) or (_has_any(folded, _PROMO_WORDS) and _PROMO.search(text)):
        return "boilerplate"
    if len(words) < 40 and _has_any(folded, _CALL_TO_ACTION_WORDS) and _CALL_TO_ACTION.search(text):
        return "boilerplate"  # a short promo block that ends in "Click to read today's story."
    if text.startswith("#"):
        return "heading"
    if text.endswith(":") and len(words) <= 15:
        return "heading"  # a lead-in ("Here is what to do:"), not a statement
    if title and _same_words(text, title):
        return "headline"
    ends_like_sentence = text[-1] in ".!?…\"”’:;" or text.endswith(".)") or text[-2:] in (".'", "?'", "!'") \
        or ("(@" in text and _SIGNED.search(text) is not None)
    if not ends_like_sentence and len(words) <= 20:
        return "headline" if first else "heading"
    return "body"


def _has_any(folded: str, words: tuple[str, ...]) -> bool:
    """Whether `fold`ed text holds one of the (lower-case) words: without one, a case-insensitive `re`
    pattern that needs it cannot match (`fold` keeps every ASCII letter such a pattern can match)."""
    return any(map(folded.__contains__, words))


def _same_words(a: str, b: str) -> bool:
    return _norm(a) == _norm(b)


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


# A post embedded in the page ends on its author's signature: "... — Ana Ruiz (@anaruiz) March 4, 2026"
POST_SIGNATURE = re.compile(latin(r"\s[—–]\s*[^\s()][^()\n]{0,60}?\s*\(@\w{1,30}\)"
                                  r"\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}"))


_SIGNED = re.compile(POST_SIGNATURE.pattern + r"\s*$")


def _post_spans(block: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph holding embedded posts: each post, up to its signature, is one
    sentence (it is one citation, however many sentences its author wrote); the text after the last
    one is split as usual."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in POST_SIGNATURE.finditer(block):
        lead = len(block[start:m.start()]) - len(block[start:m.start()].lstrip())
        spans.append((start + lead, m.end()))
        start = m.end()
    rest = block[start:]
    lead = len(rest) - len(rest.lstrip())
    return spans + [(start + lead + s, start + lead + e) for s, e in sentence_spans(rest.lstrip())]


def sentence_spans(block: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(block)
    for m in _SENTENCE_END.finditer(block):
        end = m.end()
        # closing quotes and brackets belong to the sentence they close
        while end < n and (block[end] in CLOSE_QUOTES or block[end] in ")]"):
            end += 1
        if end >= n:
            break
        if not block[end].isspace():
            continue
        nxt = end
        while nxt < n and block[nxt].isspace():
            nxt += 1
        if nxt >= n:
            break
        if not _is_boundary(block, m.start(), m.group(), nxt):
            continue
        if block[start:end].strip():
            spans.append((start, end))
        start = nxt
    if block[start:].strip():
        spans.append((start, len(block.rstrip())))
    return spans


def _is_boundary(block: str, dot: int, mark: str, nxt: int) -> bool:
    follower = block[nxt]
    if follower == "'" and block[nxt + 1:nxt + 2].isupper():
        return True  # a straight single quote opens a quotation: "... ,' she said. 'When it rains ..."
    if not (follower.isupper() or follower.isdigit() or follower in OPEN_QUOTES or follower in "(["):
        return False  # "We… note", "e.g. this", lower-case continuation
    if follower in "“«„":
        return True  # a new quotation opens: "... he wrote on X. “Partner ..."
    if mark.startswith(".") and mark == ".":
        word = re.search(r"([\w.]+)$", block[max(0, dot - _WORD_LOOKBACK):dot])
        if word:
            token = word.group(1).lower().rstrip(".")
            if token in ABBREVIATIONS and (token != "no" or follower.isdigit()):
                return False
            if len(token) == 1 and token.isalpha():
                return False  # an initial: "John F. Kennedy"
            if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
                return False  # "U.S", "U.N"
    return True


def quote_state(text: str, open_before: str | bool, single: bool = True) -> tuple[str, list[tuple[int, int]]]:
    """Quoted spans of a sentence, and the mark of a quotation still open at its end ("" if none).

    `open_before` is what the sentence before returned (True: a double
    quotation). Straight and curly marks are treated alike, double and single:
    a single mark opens a quotation after a space or the sentence's start and
    before a letter ('When it rains ...'), and closes one after a word or
    punctuation and before no letter, so an apostrophe inside a word
    ("Russia’s", "don't") or before a figure ("'90s") is no quote mark. Single
    marks inside a double quotation are part of it; `single=False` reads
    double marks only (a claim cut out of a double quotation).
    """
    spans: list[tuple[int, int]] = []
    kind = open_before if isinstance(open_before, str) else '"' if open_before else ""
    start = 0
    n = len(text)
    for mark in _MARKS.finditer(text):
        i, ch = mark.start(), mark.group()
        if ch in _DOUBLE_MARKS:
            if kind == "'":
                continue
            if ch == '"' and kind and (i == 0 or text[i - 1].isspace()) and text[i + 1:i + 2].isalpha():
                # a straight mark after a space and before a word opens a quotation, even in one left open
                # ('... actors. "If we ...'): the one before ended unmarked, as quotes over paragraphs do
                if i > start:
                    spans.append((start, i))
                start = i + 1
                continue
            closes = ch in "”»" or (ch == '"' and bool(kind))
            if kind and closes:
                spans.append((start, i))
                kind = ""
            elif not kind and not closes:
                kind, start = '"', i + 1
        elif single and ch in _SINGLE_MARKS and kind != '"':
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < n else " "
            if kind and ch != "‘" and not before.isspace() and not after.isalnum():
                spans.append((start, i))
                kind = ""
            elif not kind and ch != "’" and (before.isspace() or before in "([—–") \
                    and (after.isalpha() or text.startswith(("...", "…"), i + 1)) \
                    and not (after == "s" and not text[i + 2:i + 3].isalpha()):  # "Angola 's" is no opening
                kind, start = "'", i + 1
    if kind == "'" and start > 0 and not _OPENS_SPEECH.search(text, 0, start - 1):
        # a single mark mid-sentence that never closes is no quotation ("the perfect ‘do for his ..."):
        # read the rest for double marks only
        rest_kind, rest = quote_state(text[start:], "", single=False)
        return rest_kind, spans + [(start + s, start + e) for s, e in rest]
    if kind:
        spans.append((start, n))
    return kind, spans
