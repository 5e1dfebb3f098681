"""Apply the rules to every body sentence of an article and fill the slots.

A sentence is first cut into clauses where it joins two facts (clauses.py), then
the rules are tried in priority order on each clause. Quotes that run over
several sentences share the speaker named anywhere in the run; "he said" and
"the minister added" resolve through the article's discourse so far.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from factsheet.extract import dates, split
from factsheet.extract.claims import (
    interrupted_quote,
    is_quote,
    quote_as_claim,
    quote_before,
    without_medium,
    without_recipient,
)
from factsheet.extract.clauses import Clause, clauses
from factsheet.extract.discourse import Discourse, bare_name
from factsheet.extract.names import Actor, clean_actor
from factsheet.extract.split import quote_state, split_article
from factsheet.extract.subjects import subject_of
from factsheet.limits import env_value
from factsheet.model import Article, Citation, Mention, Sentence
from factsheet.rules.phrases import DOCUMENT, MIN_CLAIM_WORDS, PhraseMatch, latin, match, search_seconds
from factsheet.rules.schema import Rule, RuleSet

_SOURCE = re.compile(
    r"\b(?:on|in|via|to)\s+(?:(?:his|her|their|its|a|an|the)\s+)?"
    r"(?P<source>X|Twitter|Telegram|Facebook|Instagram|TikTok|YouTube|social media|state television|"
    r"television|radio|(?:[\w-]+\s+){0,2}(?:statement|interview|address|post|briefing|press conference|"
    r"news conference|video|speech|letter|op-ed|report))\b"
)
_CONTINUATION = re.compile(r"^[\"“”‘]?\s*(?:But|And|Yet|So|First|Second|Third|Firstly|Secondly|Finally)\b")
# A sentence opening with a demonstrative ("This primarily concerns ...") elaborates the one before.
# "That led 200 lenders to ...", "That means ...": "that" standing for the fact before, not "That stretch
# of road", which names a thing of its own.
_POLLED = re.compile(r"\s(?:polled|surveyed|questioned)$")
_POLLED_BY = re.compile(latin(r"\s+by\s+[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,3}"))
_POLLED_BEFORE = re.compile(latin(
    r"(?:^|(?<=\s))((?:[A-Za-z][\w’'-]*\s+){1,3}(?:polled|surveyed|questioned)\s+by\s+)$"))
# A quotation opening so ('"This tragedy hits us hard," Ivo Sand wrote.') is a statement of its own.
_ANAPHORA = re.compile(latin(r"^(?:(?:This|These|Such)\s+(?!is\b|was\b|week\b|month\b|year\b|morning\b)"
                       r"|That\s+(?=(?:[a-z]+ed|means|meant|would|could|will|may|might|has|had)\b))"))


# a caption longer than this is a gallery's run of captions: too many people for "he" to mean one of them
_CAPTION_CHARS = 400


def source_of(text: str) -> str | None:
    m = _SOURCE.search(text)
    return m.group("source") if m else None


@dataclass
class _Pending:
    """A pure-quote sentence waiting for the speaker of its quote run."""

    sentence: Sentence
    claim_span: tuple[int, int]


# Phrase matching on one article may take PHRASE_BUDGET_SECONDS plus PHRASE_BUDGET_PER_MCHAR per
# million characters (about ten times what real copy needs); past that, hostile text (sentences built
# to make the rule patterns backtrack) gets only the any-sentence rules. See limits.py.
PHRASE_BUDGET_SECONDS = env_value("FACTSHEET_PHRASE_BUDGET_SECONDS", 2.0)
PHRASE_BUDGET_PER_MCHAR = env_value("FACTSHEET_PHRASE_BUDGET_PER_MCHAR", 30.0)
_log = logging.getLogger(__name__)


class _Budget:
    """Seconds of phrase matching an article may still use, so no article can make a build crawl."""

    def __init__(self, article: Article) -> None:
        self.article = article.id
        self.left = PHRASE_BUDGET_SECONDS + PHRASE_BUDGET_PER_MCHAR * len(article.text) / 1_000_000

    def spend(self, seconds: float) -> None:
        if self.left > 0 >= self.left - seconds:
            _log.warning("%s: phrase rules stopped, their time budget is spent (FACTSHEET_PHRASE_BUDGET_SECONDS); "
                         "the rest of the article gets only any-sentence rules", self.article)
        self.left -= seconds


def extract_article(article: Article, rules: RuleSet) -> list[Mention]:
    """Every mention in one article, in text order."""
    return list(_extract(article, split_article(article), rules))


def _extract(article: Article, sentences: list[Sentence], rules: RuleSet) -> Iterator[Mention]:
    discourse = Discourse.of(article.text)
    fallback = [r for r in rules.rules if r.any_sentence]
    phrase_rules = [r for r in rules.rules if r.phrases or r.regex]
    open_quote = ""  # the mark of a quotation open at the end of the sentence before
    paragraph = -1
    carried = False  # the paragraph before ended inside a quotation ("... and more.  ¶ "We will ...")
    last: Mention | None = None
    pending: list[_Pending] = []
    budget = _Budget(article)
    for sent in sentences:
        if last is not None and last.who and last.sentence == sent.index - 1:
            discourse.keep(last.who)  # a quote run's speaker stays in mind however long it runs
        if sent.role != "body":
            if sent.role in ("headline", "heading") or (sent.role == "caption" and len(sent.text) < _CAPTION_CHARS):
                discourse.notice(sent.text)  # names the story's people, though it reports no fact
            continue
        new_paragraph = sent.paragraph != paragraph
        if new_paragraph:
            paragraph, carried, open_quote = sent.paragraph, bool(open_quote), ""
            yield from _orphans(pending, last)
            pending.clear()
        was_open = open_quote
        open_quote, quoted = quote_state(sent.text, was_open)
        discourse.notice(sent.text)
        outside = _outside(sent.text, quoted)
        if quoted and not outside.strip(" ,.;:–—-"):
            # the whole sentence is quoted: its speaker is named elsewhere in the run
            span = (quoted[0][0], quoted[-1][1])
            # it goes on with the quote before, unless that quote closed and a new paragraph opens a new one
            goes_on = bool(was_open) or (last is not None and last.quote and (carried or not new_paragraph))
            if last is not None and last.sentence == sent.index - 1 and goes_on:
                last = _continuation(last, sent) if _CONTINUATION.match(sent.text) or not last.quote \
                    else _quote_mention(last, sent, span)
                yield last
                continue
            pending.append(_Pending(sent, span))
            continue
        if _ANAPHORA.match(sent.text) and last is not None and last.sentence == sent.index - 1:
            last = _continuation(last, sent)
            yield last
            continue
        produced: list[Mention] = []
        before = last  # who spoke before the quotes still pending: this sentence's actors come after them
        # whom the quotation names is not who said it
        discourse.quoted = " ".join([sent.text[slice(*span)] for span in quoted]
                                    + [p.sentence.text[slice(*p.claim_span)] for p in pending])
        for clause in clauses(sent.text, None if was_open else quoted):
            mention = _match_clause(article, sent, clause, phrase_rules, fallback, discourse, last, budget,
                                    quote_open=bool(was_open))
            if mention is not None and clause.after_adding and produced and _said_too(produced[-1], mention):
                mention = _said_by(mention, produced[-1])
            if mention is not None and clause.after_and and produced and _reported_too(produced[-1], mention):
                # "He said A, and B": one statement of one speaker, as the sentence has it
                last = produced[-1] = _joined(article, produced[-1], mention, ", and ")
                continue
            if mention is not None:
                produced.append(mention)
                last = mention
        if len(produced) > 1 and _attributed_at_end(produced):
            # "A, while B, according to a source.": the source said A too (still a fact of its own)
            produced = [_said_by(m, produced[-1]) for m in produced[:-1]] + [produced[-1]]
        speaker = next((m for m in produced if m.kind == "statement" and m.quote), None)
        if speaker is not None:
            quoted_before = [_quote_mention(speaker, p.sentence, p.claim_span) for p in pending]
            if quoted_before and len(speaker.claim.split()) < MIN_CLAIM_WORDS:
                # "… No fight," she wrote: a tail too short to stand alone ends the sentence before it
                quoted_before[-1] = _joined(article, quoted_before[-1], speaker)
                produced.remove(speaker)
            yield from quoted_before
            pending.clear()
        discourse.learn(sent.text)
        # the quotes before were said by this sentence's speaker, or else by whoever spoke before them
        yield from _orphans(pending, next((m for m in produced if m.kind == "statement"), before))
        pending.clear()
        yield from produced
        if "(@" in sent.text and split.POST_SIGNATURE.search(sent.text):
            last = None  # an embedded post's author wrote the post, not the quotes the article runs after it
    yield from _orphans(pending, last)


def _joined(article: Article, first: Mention, tail: Mention, glue: str = " ") -> Mention:
    """Two pieces of one statement as one mention: both claims, one citation over both."""
    start, end = first.citation.start, tail.citation.end
    return replace(first, claim=f"{first.claim}{glue}{tail.claim}",
                   citation=Citation(article.id, start, end, article.text[start:end]))


def _reported_too(before: Mention, mention: Mention) -> bool:
    """ "Saldo said the victims worked there, and one was in intensive care": the speaker who
    opens the sentence reports the clause after ", and" too, unless it names its own."""
    framed = before.kind == "statement" and (before.phrase or "").startswith(("{who}", "according to {who}"))
    return framed and mention.phrase == "(any sentence)"


def _said_too(before: Mention, mention: Mention) -> bool:
    """ "Sand said the quay was safe, adding that the ferry would sail": what the speaker added, unless
    the clause names a speaker of its own."""
    return before.kind == "statement" and mention.phrase == "(any sentence)"


def _said_by(mention: Mention, statement: Mention) -> Mention:
    """A clause the speaker of `statement` said too: their statement, with its own claim and date."""
    return replace(mention, rule=statement.rule, kind=statement.kind, who=statement.who, source=statement.source,
                   phrase=statement.phrase, date_ref=mention.date_ref or statement.date_ref,
                   date_from_article=statement.date_from_article)


def _attributed_at_end(produced: list[Mention]) -> bool:
    """The last clause names a speaker after its claim ("..., the source said") and the clauses
    before it name none of their own."""
    *before, final = produced
    return final.kind == "statement" and (final.phrase or "").startswith("{claim}") \
        and all(m.phrase == "(any sentence)" for m in before)


def _orphans(pending: list[_Pending], last: Mention | None) -> Iterator[Mention]:
    """Quoted sentences whose run names no speaker: the article's last speaker said them, or the person
    it last named ("Ivo Sand described the night. "We ran ..."); "the zoo" or "everyone" is no one's voice."""
    for p in pending:
        if last is not None and (last.kind == "statement" or (bare_name(last.who or "") and " " in (last.who or ""))):
            yield _quote_mention(last, p.sentence, p.claim_span)


def _outside(text: str, quoted: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in quoted:
        out.append(text[pos:max(pos, s - 1)])
        pos = e + 1
    out.append(text[pos:])
    return "".join(out)


def _match_clause(article: Article, sent: Sentence, clause: Clause, phrase_rules: list[Rule],
                  fallback: list[Rule], discourse: Discourse, last: Mention | None,
                  budget: _Budget | None = None, quote_open: bool = False) -> Mention | None:
    text = sent.text[clause.start:clause.end]
    # a sentence too long for the phrase patterns is still a fact candidate for any-sentence rules
    if len(text) <= split.MAX_SENTENCE_CHARS and (budget is None or budget.left > 0):
        started = search_seconds()  # CPU time in searches: neither a loaded machine nor a collection counts
        try:
            for rule in phrase_rules:
                closes_quote = quote_open and clause.start == 0
                found = match(rule, text, 1 if closes_quote else MIN_CLAIM_WORDS)
                if found is None or (rule.kind == "statement" and _no_words(text, found)):
                    continue
                mention = _fill(article, sent, clause, rule, found, discourse, last, closes_quote=closes_quote)
                if mention is not None:
                    return mention
        finally:
            if budget is not None:
                budget.spend(search_seconds() - started)
    if text.rstrip(" \"”’)").endswith("?"):
        return None  # a question asks; it states no fact
    for rule in fallback:
        if any(v.casefold() in text.casefold() for v in rule.veto):
            continue
        who_text = clause.subject_hint or subject_of(text)
        full = PhraseMatch("(any sentence)", {"claim": (0, len(text))})
        return _fill(article, sent, clause, rule, full, discourse, last, who_text=who_text)
    return None


_NO_WORDS = re.compile(r"\s*(?i:to|and|by|with)\s(?![^\"“”‘’:]*[\"“”‘’:])(?!.*\sthat\s)")


def _no_words(text: str, found: PhraseMatch) -> bool:
    """ "Tarvik responded to the complaints", "the crew went on to win": after the verb, no words are reported
    (unless a quotation or "that" follows: "responded by saying: ...", "announced to fans that ...")."""
    claim, who = found.slots.get("claim"), found.slots.get("who")
    return claim is not None and who is not None and claim > who and _NO_WORDS.match(text, claim[0]) is not None


# "the statement said" after "Ivo Sand said in a statement": the document just named, so its author
_THE_DOCUMENT = re.compile(r"\s*(?i:the|that|this)\s+(statement|post|letter|release|e-?mail|message|video)\s*")
# records that speak for whoever they are about, when no one else is named as their author
_OWNERLESS_RECORD = re.compile(r"(?i:(?:regulatory|securities|stock exchange|court|company|public|official)\s+)?"
                               r"(?i:filings?|documents?|records?|papers|disclosures?)")
_INDEFINITE = re.compile(r"^\s*(?i:a|an)\s")
# "Through a spokesperson, Kell denied ...", "In a statement, the board said ...": the opener's noun is no
# description of the speaker after its comma
_THROUGH = re.compile(r"(?:^|\s)(?i:through|via|in|with)\s*$")
_DESCRIBED_BEFORE_COMMA = re.compile(latin(r"(?i:a|an|the|his|her|their|its)\s+[\w -]+,\s*[A-Z]"))
_DOCUMENT = re.compile(r"^\s*" + DOCUMENT)  # "a statement from the ministry" names the ministry


def _fill(article: Article, sent: Sentence, clause: Clause, rule: Rule, found: PhraseMatch,
          discourse: Discourse, last: Mention | None, who_text: str | None = None,
          closes_quote: bool = False) -> Mention | None:
    """The mention a rule's match makes, or None when it makes none (no actor where one is needed, too short).

    `closes_quote`: the clause opens inside a quotation begun in an earlier
    sentence ("... Nobody answered," Stahl said.), so its claim is the last
    part of a longer quote and may be short.
    """
    text = sent.text[clause.start:clause.end]
    if who_text is None and "who" in found.slots:
        who_text = text[slice(*found.slots["who"])]
        # "according to analysts polled by Harbour Data", "Economists surveyed by Corvel Research said":
        # the poll and its maker are one speaker
        start, end = found.slots["who"]
        if _THROUGH.search(text, 0, start) and _DESCRIBED_BEFORE_COMMA.match(who_text):
            who_text = who_text.split(",", 1)[1]  # "Through a spokesperson, Weinstein denied ...": Weinstein alone
        polled = _POLLED_BY.match(text, end)
        pollster = _POLLED_BEFORE.search(text, 0, start) if not polled else None
        if polled and _POLLED.search(who_text):
            who_text += polled.group(0)
        elif pollster and pollster.end() == start:
            who_text = pollster.group(1) + who_text
    actor: Actor | None = clean_actor(who_text) if who_text else None
    if actor is not None:
        # "a company said" is some company, not the one the story is about
        who_end = clause.start + found.slots["who"][1] if "who" in found.slots else clause.end
        if actor.kind != "group" or not _INDEFINITE.match(_DOCUMENT.sub("", who_text or "")):
            actor = discourse.resolve(actor, sent.text[who_end:])
    if actor is not None and rule.kind == "event" and discourse.opener(actor):
        actor = None  # "Somehow the ferry stayed afloat": no one called Somehow
    # "..., Sand said in a statement. '...,' the statement said.": Sand's statement, so Sand
    if actor is not None and last is not None and last.who and last.source and last.article == sent.article \
            and (noun := _THE_DOCUMENT.fullmatch(who_text or "")) and noun.group(1).lower() in last.source.lower():
        actor = Actor(last.who, "person" if " " in last.who else "name")
    if actor is not None:
        discourse.remember(actor)
        discourse.mentioned(actor)
        discourse.subject(actor)  # what a later "it" or "they" may mean: who acted, or who spoke
    who_slot = rule.slots.get("who")
    if actor is None and who_slot is not None and who_slot.required and "who" in found.slots:
        return None
    # an event's claim is the whole clause: "X pledged to invest" keeps its verb
    claim_span = found.slots.get("claim", (0, len(text))) if rule.kind == "statement" else (0, len(text))
    source = source_of(text)
    if rule.kind == "statement" and "who" in found.slots:
        inner = _inner_attribution(rule, text, claim_span) if actor is None or actor.kind != "person" else None
        inner_actor = clean_actor(inner[0]) if inner else None
        if inner_actor is not None and inner_actor.kind == "pronoun" and actor is not None \
                and actor.kind != "pronoun" and found.slots["who"][0] < claim_span[0]:
            inner_actor = None  # "The organisers said that they believed ...": "they" are the organisers
        if inner is not None and inner_actor is not None:
            source = actor.text if actor else source
            claim_span = inner[1]
            actor = discourse.resolve(inner_actor)
            discourse.remember(actor)
        elif actor is not None and _OWNERLESS_RECORD.fullmatch(actor.text):
            # "Tarvik Bank had $3 billion abroad, according to a regulatory filing": the bank's own record
            subject = subject_of(text[slice(*claim_span)])
            owner = clean_actor(subject) if subject else None
            if owner is not None and owner.kind in ("person", "name"):
                source, actor = actor.text, discourse.resolve(owner)
        claim_span = without_medium(text, claim_span)
        if claim_span[0] >= claim_span[1]:  # '"We will sail," Sand said in a speech.': the quotation before
            claim_span = quote_before(text, found.slots["who"][0]) or claim_span
        claim_span = quote_as_claim(text, without_recipient(text, claim_span))
    claim = text[slice(*claim_span)].strip(" ,;:")
    quoted = is_quote(text, claim_span)
    if closes_quote and rule.kind == "statement" and claim_span[0] == 0 and "who" in found.slots:
        quoted = True
    claim = claim.strip("\"“”‘’' ,") if quoted else claim
    interrupted = interrupted_quote(text, found.slots.get("who")) if rule.kind == "statement" else None
    if interrupted:
        claim, quoted = interrupted, True
    if len(claim.split()) < MIN_CLAIM_WORDS and not (closes_quote and quoted):
        return None
    ref = dates.date_of_clause(text, claim_span, found.slots.get("who"), quoted,
                               reported=rule.kind == "statement" and found.phrase != "(any sentence)")
    from_context = False
    if ref is None and last is not None and last.article == sent.article and last.date_ref is not None \
            and actor is not None and last.who == actor.text and last.sentence == sent.index - 1:
        ref, from_context = last.date_ref, True
    date_slot = rule.slots.get("date")
    date_from_article = (date_slot.date_from != "text") if date_slot else rule.kind == "statement"
    start = sent.start + clause.start
    end = sent.start + clause.end
    extra = tuple(
        (name, text[slice(*span)]) for name, span in found.slots.items() if name not in ("who", "claim", "date")
    ) + tuple((name, slot.default) for name, slot in rule.slots.items()
              if slot.default is not None and name not in found.slots and name not in ("who", "claim", "date"))
    return Mention(
        rule=rule.id,
        kind=rule.kind,
        article=article.id,
        sentence=sent.index,
        who=actor.text if actor and actor.kind != "pronoun" else None,  # an unresolved "it" is nobody
        claim=claim,
        citation=Citation(article.id, start, end, article.text[start:end]),
        quote=quoted,
        date_ref=ref,
        date_from_context=from_context,
        date_from_article=date_from_article,
        source=source,
        phrase=found.phrase,
        slots=extra,
    )


def _inner_attribution(rule: Rule, text: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
    """ "X said that ..., News.Az reports": the speaker is X; the outlet is only the source."""
    inner = match(rule, text[span[0]:span[1]])
    if inner is None or "who" not in inner.slots or "claim" not in inner.slots:
        return None
    ws, we = inner.slots["who"]
    cs, ce = inner.slots["claim"]
    return text[span[0] + ws:span[0] + we], (span[0] + cs, span[0] + ce)


def _quote_mention(speaker: Mention, sent: Sentence, span: tuple[int, int]) -> Mention:
    claim = sent.text[span[0]:span[1]].strip("\"“”‘’' ,")
    return Mention(
        rule=speaker.rule, kind="statement", article=sent.article, sentence=sent.index,
        who=speaker.who, claim=claim,
        citation=Citation(sent.article, sent.start, sent.end, sent.text),
        quote=True, date_ref=speaker.date_ref, date_from_context=speaker.date_from_context,
        date_from_article=speaker.date_from_article, source=speaker.source, phrase="(quote continues)",
    )


def _continuation(last: Mention, sent: Sentence) -> Mention:
    """A quoted sentence opening with "But"/"And" carries on the previous fact."""
    return Mention(
        rule=last.rule, kind=last.kind, article=last.article, sentence=sent.index, who=last.who,
        claim=last.claim, citation=Citation(sent.article, sent.start, sent.end, sent.text),
        quote=last.quote, date_ref=last.date_ref, date_from_context=last.date_from_context,
        date_from_article=last.date_from_article, source=last.source, phrase="(continues the previous quote)",
    )
