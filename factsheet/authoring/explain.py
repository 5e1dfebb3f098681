"""Why a sentence did or did not become a fact: the rule and phrase that matched, or the nearest miss.

An author who finds a fact missing needs to know which word the phrase was
waiting for. A phrase is tried one token longer at a time ("{who}", "{who}
[has|had]", "{who} [has|had] {say}", ...) against the sentence; the first
token that no longer fits is the reason, said in words: "the phrase needs
one of the 'say' words (said, says, ...) after the speaker".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import regex

from factsheet.errors import InputError
from factsheet.extract import dates
from factsheet.extract.clauses import clauses
from factsheet.extract.mentions import extract_article
from factsheet.extract.split import split_article
from factsheet.model import Article, Mention, Sentence
from factsheet.rules.phrases import (
    PHRASE_TOKENS,
    QUOTE_CHARS,
    REGEX_TIMEOUT,
    TAIL,
    compile_phrase,
    match,
    slot_kind,
)
from factsheet.rules.schema import Rule, RuleSet

_OPEN_TAIL = TAIL + r"[\s.!?…" + QUOTE_CHARS + r")]*$"
_OPEN_END = r"(?=[\s.,;:!?…" + QUOTE_CHARS + r")]|$)"
_SPECIAL = {"(quote continues)": "continues the quotation of an earlier sentence (same speaker)",
            "(continues the previous quote)": "carries on the fact of the sentence before",
            "(any sentence)": "no phrase matched; the catch-all rule took the whole sentence"}


@dataclass(frozen=True)
class Miss:
    """The phrase that came closest to matching, and the word it was waiting for."""

    rule: str
    phrase: str
    fitted: int  # tokens of the phrase that fit the sentence
    tokens: int
    reason: str
    clause: str = ""


@dataclass(frozen=True)
class SentenceReport:
    """One sentence of an article: its role, the facts read from it, or why none was."""

    sentence: Sentence
    mentions: tuple[Mention, ...]
    dates: tuple[str | None, ...]  # resolved date of each mention, with where it came from
    miss: Miss | None
    clauses: tuple[str, ...]
    part_of: int | None = None  # the sentence whose fact this one ends (a short quotation tail)
    took: tuple[tuple[tuple[str, str], ...], ...] = ()  # per mention: the words each slot of its phrase took


def resolved_date(mention: Mention, published: date | None) -> tuple[str | None, str]:
    """The calendar date a mention gets, and in words where it comes from (as reconcile does it)."""
    if mention.date_ref is not None:
        value = dates.resolve(mention.date_ref, published)
        if value is not None:
            return value.value, f"from '{mention.date_ref.text}'"
    if mention.date_from_article and published is not None:
        return published.isoformat(), "the article's date"
    return None, "no date"


def explain_article(article: Article, rules: RuleSet, only_rule: str | None = None) -> list[SentenceReport]:
    """Every sentence with what the rules made of it."""
    mentions = extract_article(article, rules)
    candidates = [r for r in rules.rules if (r.phrases or r.regex) and (only_rule is None or r.id == only_rule)]
    by_id = {r.id: r for r in rules.rules}
    out: list[SentenceReport] = []
    for sent in split_article(article):
        mine = tuple(m for m in mentions if m.sentence == sent.index)
        part_of = next((m.sentence for m in mentions if m.sentence < sent.index
                        and m.citation.start < sent.start and m.citation.end >= sent.end), None)
        shown = tuple(_date_text(m, article.published) for m in mine)
        parts = tuple(sent.text[c.start:c.end] for c in clauses(sent.text)) if sent.role == "body" else ()
        miss = None
        wanted = [m for m in mine if only_rule is None or m.rule == only_rule]
        needs_reason = not mine or all(m.phrase == "(any sentence)" for m in mine) or (only_rule and not wanted)
        if sent.role == "body" and needs_reason and part_of is None:
            miss = nearest_miss(candidates, list(parts) or [sent.text])
        took = tuple(slot_words(by_id.get(m.rule), m) for m in mine)
        out.append(SentenceReport(sent, mine, shown, miss, parts if len(parts) > 1 else (), part_of, took))
    return out


def slot_words(rule: Rule | None, mention: Mention) -> tuple[tuple[str, str], ...]:
    """The words each slot of the matched phrase took in the clause, before cleaning ("the regional
    governor" for who, "on Monday" for date): how far each slot reached."""
    if rule is None or not mention.phrase or mention.phrase.startswith("("):
        return ()
    text = mention.citation.text
    found = match(rule, text)
    if found is None or found.phrase != mention.phrase:
        return ()
    return tuple((name, text[a:b]) for name, (a, b) in sorted(found.slots.items(), key=lambda item: item[1]))


def _date_text(mention: Mention, published: date | None) -> str | None:
    value, source = resolved_date(mention, published)
    return f"{value} ({source})" if value else None


def nearest_miss(rules: list[Rule], texts: list[str]) -> Miss | None:
    """Of all phrases of these rules, the one that fits the furthest into one of the texts."""
    best: Miss | None = None
    for rule in rules:
        for phrase in rule.phrases:
            for text in texts:
                miss = why_not(rule, phrase, text)
                if best is None or miss.fitted / miss.tokens > best.fitted / best.tokens:
                    best = miss
    return best


def why_not(rule: Rule, phrase: str, text: str) -> Miss:
    """How far a phrase fits a sentence, and in words what stops it."""
    tokens = [t for t in PHRASE_TOKENS.finditer(phrase) if not t.group(0).isspace()]
    lowered = text.casefold()
    veto = next((v for v in rule.veto if v.casefold() in lowered), None)
    if veto is not None:
        return Miss(rule.id, phrase, 0, len(tokens), f"the sentence has the veto word '{veto}'", text)
    fitted = 0
    for k in range(1, len(tokens) + 1):
        gap = tokens[k - 1].group(0) in ("...", "…")  # a gap may stand for no words: it fits where the part before fits
        if not gap and not _prefix_fits(rule, phrase, phrase[: tokens[k - 1].end()], k == len(tokens), text):
            break
        fitted = k
    if fitted < len(tokens):
        return Miss(rule.id, phrase, fitted, len(tokens), _needs(rule, phrase, tokens, fitted, text), text)
    return Miss(rule.id, phrase, fitted, len(tokens), _full_fit_reason(rule, phrase, text), text)


def _prefix_fits(rule: Rule, phrase: str, prefix: str, whole: bool, text: str) -> bool:
    """Whether the phrase up to this token fits somewhere in the text (anchored as the whole phrase is)."""
    try:
        pattern = compile_phrase(prefix, rule).pattern.pattern
    except ValueError:
        return False
    if not whole and pattern.endswith(_OPEN_TAIL):  # only the whole phrase must reach the sentence's end
        pattern = pattern[: -len(_OPEN_TAIL)] + _OPEN_END
    try:
        return regex.search(pattern, text, timeout=REGEX_TIMEOUT) is not None
    except TimeoutError:
        return False


def _needs(rule: Rule, phrase: str, tokens: list[re.Match[str]], fitted: int, text: str) -> str:
    tok = tokens[fitted]
    wanted = _what(rule, tok.group(0), tok.group(1))
    before = [t for t in tokens[:fitted] if not t.group(0).startswith("[")]  # optional words may be absent
    if before and before[-1].group(0) in ("...", "…"):
        anchor = [t for t in before[:-1] if t.group(0) not in ("...", "…")]
        after = f" after {_short(rule, anchor[-1].group(0), anchor[-1].group(1))}" if anchor else ""
        where = f"within six words{after} ('...' stands for up to six words)"
    elif not before:
        starts = phrase.lstrip().startswith("{claim}") or (rule.anchor == "start" and tok.group(1) == "who")
        where = "at the start of the sentence" if starts else "in the sentence"
    else:
        where = f"after {_short(rule, before[-1].group(0), before[-1].group(1))}"
    hint = ""
    word = tok.group(0)
    listed = rule.words.get(tok.group(1) or "", []) if tok.group(1) else ([word] if word.isalpha() else [])
    present = next((w for w in listed if regex.search(rf"(?i)(?<!\w){regex.escape(w)}(?!\w)", text)), None)
    if present is not None:
        far = any(t.group(0) in ("...", "…") for t in tokens[:fitted])
        hint = f" ('{present}' is in the sentence, but not there" + (
            "; it may be more than six words on, further than '...' reaches)" if far else ")")
    name = tok.group(1)
    if name and name not in rule.words and _slot_kind(rule, name) in ("actor", "person"):
        words = _would_fill(rule, phrase, tokens, fitted, text)
        if words:
            return (f"'{words}' stands where the phrase needs {{{name}}}, but it is not read as a name or a role "
                    "(a capitalised name such as 'Ana Silva', or a role word such as minister, police, company); "
                    "if the rule should take such sentences anyway, write those words into the phrase itself")
    return f"the phrase needs {wanted} {where}{hint}"


def _would_fill(rule: Rule, phrase: str, tokens: list[re.Match[str]], k: int, text: str) -> str | None:
    """The words an actor slot would take if it took any words: what stood where the actor was wanted."""
    end = tokens[k + 1].end() if k + 1 < len(tokens) else tokens[k].end()
    probe = phrase[: tokens[k].start()] + "{probe_words}" + phrase[tokens[k].end(): end]
    try:
        pattern = compile_phrase(probe, rule).pattern
        m = pattern.search(text, timeout=REGEX_TIMEOUT)
    except (ValueError, TimeoutError):
        return None
    return m.group("probe_words") if m is not None and m.group("probe_words") else None


def _slot_kind(rule: Rule, name: str) -> str:
    kind = slot_kind(name, rule)
    return "text" if kind == "claim" else kind


def _what(rule: Rule, token: str, name: str | None) -> str:
    """A phrase token described as what the sentence must have."""
    if name and name in rule.words:
        words = rule.words[name]
        shown = ", ".join(words[:5]) + (", ..." if len(words) > 5 else "")
        return f"one of the '{name}' words ({shown})"
    if name:
        kind = _slot_kind(rule, name)
        if name == "who" or kind in ("actor", "person"):
            role = "a speaker" if rule.kind == "statement" and name == "who" else f"{{{name}}}"
            return f"{role}: a name, or a role such as 'the minister' or 'police'"
        if kind == "number":
            return f"a number for {{{name}}} (3, three, dozens)"
        if kind == "date":
            return f"a date for {{{name}}} (on Monday, March 4)"
        return f"some words for {{{name}}}"
    if token in QUOTE_CHARS:
        return "a quote mark"
    return f"'{token}'"


def _short(rule: Rule, token: str, name: str | None) -> str:
    if name and name in rule.words:
        return f"the '{name}' word"
    if name == "who":
        return "the speaker" if rule.kind == "statement" else "who did it"
    if name:
        return f"{{{name}}}"
    if token.startswith("["):
        return f"'{token}'"
    return "the quote mark" if token in QUOTE_CHARS else f"'{token}'"


def _full_fit_reason(rule: Rule, phrase: str, text: str) -> str:
    """The pattern fits, yet no fact came of it: say which of the later checks stopped it."""
    found = match(rule, text)
    if found is None:
        compiled = compile_phrase(phrase, rule)
        m = compiled.pattern.search(text)
        if m is not None and "claim" in compiled.slots and m.group("claim"):
            words = len(m.group("claim").split())
            return f"the claim would be only {words} word{'s' * (words != 1)} ('{m.group('claim')}'); " \
                   "a claim needs at least three"
        return "the phrase fits, but an earlier phrase of the rule or the time limit stopped it"
    if found.phrase != phrase:
        return f"the rule matched with another phrase: '{found.phrase}'"
    if "who" in found.slots:
        who = text[slice(*found.slots["who"])]
        return f"the phrase fits, but '{who}' is not read as a name or role, so the rule does not count it"
    return "the phrase fits this clause, but a rule tried earlier (higher priority) took the sentence"


def format_explanation(article: Article, reports: list[SentenceReport]) -> str:
    """The report as plain text, one block per sentence."""
    head = f"{article.path}" + (f" (published {article.published})" if article.published else " (no date)")
    lines = [head, ""]
    for rep in reports:
        s = rep.sentence
        lines.append(f"[{s.index + 1}] {s.role}: {s.text}")
        if s.role != "body":
            lines.append(f"    not read for facts: a {s.role} is not body text")
            lines.append("")
            continue
        if rep.clauses:
            lines.append(f"    read as {len(rep.clauses)} clauses: " + " | ".join(rep.clauses))
        for k, (mention, when) in enumerate(zip(rep.mentions, rep.dates, strict=True)):
            how = _SPECIAL.get(mention.phrase or "", f"phrase '{mention.phrase}'")
            lines.append(f"    rule {mention.rule}: {how}")

            lines.append(f"      who    {mention.who or '(none)'}")
            lines.append(f"      claim  {mention.claim}")
            lines.append(f"      date   {when or '(none)'}")
            for name, value in mention.slots:
                lines.append(f"      {name:<6} {value}")
            if mention.source:
                lines.append(f"      source {mention.source}")
            took = rep.took[k] if k < len(rep.took) else ()
            if took:  # the words as the phrase found them, before who is cleaned and the date resolved
                lines.append("      took   " + " · ".join(f"{{{name}}} '{words}'" for name, words in took))
        if rep.part_of is not None:
            lines.append(f"    ends the quotation of [{rep.part_of + 1}], read with it")
        elif not rep.mentions:
            lines.append("    no rule matched")
        if rep.miss is not None:
            m = rep.miss
            lines.append(f"    nearest phrase: rule {m.rule}, '{m.phrase}' ({m.fitted} of {m.tokens} parts fit)")
            lines.append(f"      why not: {m.reason}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def load_article(path: str | Path) -> Article:
    """One article file, read the way a build reads it."""
    from factsheet.ingest.load import load_paths

    loaded = load_paths([str(path)])
    if loaded.skipped:
        raise InputError(f"{loaded.skipped[0].path}: {loaded.skipped[0].reason}")
    if not loaded.articles:
        raise InputError(f"{path}: no article found")
    return loaded.articles[0]


def explain_file(article_path: str | Path, rules_paths: list[str | Path] | None = None,
                 only_rule: str | None = None) -> str:
    """`factsheet explain`: load the rules (default: built-in) and the article, and say what each sentence gave."""
    return explain_files([article_path], rules_paths, only_rule)


def explain_files(article_paths: list[str | Path], rules_paths: list[str | Path] | None = None,
                  only_rule: str | None = None) -> str:
    """Each article's sentences, and with several articles which sentences became one fact and why."""
    from factsheet.authoring.merging import explain_merges
    from factsheet.errors import RuleError
    from factsheet.resources import builtin_dir
    from factsheet.rules.loader import load_rules

    rules = load_rules(list(rules_paths) if rules_paths else [builtin_dir("rules")])
    if only_rule is not None and only_rule not in {r.id for r in rules.rules}:
        known = ", ".join(r.id for r in rules.rules)
        raise RuleError([f"--rule {only_rule}: no rule with this id (rules: {known})"])
    articles = [load_article(path) for path in article_paths]
    parts = [format_explanation(a, explain_article(a, rules, only_rule)) for a in articles]
    if len(articles) > 1:
        parts.append(explain_merges(articles, rules))
    return "\n".join(parts)
