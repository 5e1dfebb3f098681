"""Checks a schema cannot express: phrases that cannot work, names that do not line up, duplicate ids.

The schema says a phrase is a text; only here do we learn that `{sya}` is a
typo of the word list `say` (refused: it would match any words, the way
Semgrep's ignored typos once matched everything), that a rule has no
examples (a warning), or that two files define the rule `statement`.
Every finding is placed at the line and column of the value it is about.
"""

from __future__ import annotations

import difflib
import re
from typing import Literal

import regex

from factsheet.rules.phrases import PHRASE_TOKENS, REGEX_TIMEOUT, compile_phrase, slot_names
from factsheet.rules.reader import ParsedFile, Problem
from factsheet.rules.schema import BUILTIN_SLOTS, Rule

# Texts on which a regular expression with nested repetition takes seconds ("(a+)+$").
_PROBES = ("a" * 40 + "!", "a " * 40 + "!", "1" * 40 + "x", "A" * 20 + " said " + "a" * 20 + "!")


def lint_files(files: list[ParsedFile]) -> list[Problem]:
    """Findings for each valid rule of each file, and across files."""
    out: list[Problem] = []
    first_id: dict[str, tuple[ParsedFile, int]] = {}
    owner: dict[str, tuple[str, str]] = {}  # alias (casefolded) -> (canonical, file)
    reconcile_in: list[ParsedFile] = []
    for f in files:
        model = f.model
        if model is not None and not model.rules and not model.aliases and model.reconcile is None:
            out.append(f.at(("version",), "this file has no rules, aliases or reconcile settings", "warning"))
        for i, rule in f.rules:
            found = lint_rule(f, i, rule)
            # a rule salvaged from an invalid file lacks its bad keys: its warnings would mislead
            out.extend(p for p in found if model is not None or p.severity == "error")
            if rule.id in first_id:
                other, j = first_id[rule.id]
                place = f"line {other.marks[('rules', j, 'id', '=')].line}"
                place += "" if other is f else f" of {other.path}"
                out.append(f.at(("rules", i, "id"), f"the id '{rule.id}' is already used ({place}); "
                                "ids must be unique across all rule files"))
            else:
                first_id[rule.id] = (f, i)
        for canonical, variants in (model.aliases if model is not None else {}).items():
            for name in [canonical, *variants]:
                seen = owner.setdefault(name.casefold(), (canonical, str(f.path)))
                if seen[0] != canonical:
                    out.append(f.at(("aliases", canonical), f"'{name}' is also an alias of '{seen[0]}' "
                                    f"({seen[1]}); the last one read wins", "warning"))
        if model is not None and model.reconcile is not None:
            reconcile_in.append(f)
    for f in reconcile_in[1:]:
        out.append(f.at(("reconcile",), f"reconcile settings are also set in {reconcile_in[0].path}; "
                        "only this file's settings are used (set them in one file)", "warning", value=False))
    return out


def lint_rule(f: ParsedFile, i: int, rule: Rule) -> list[Problem]:
    """Everything suspicious about one rule."""
    out: list[Problem] = []
    loc = ("rules", i)

    def add(where: tuple[str | int, ...], what: str, severity: Literal["error", "warning"] = "error",
            value: bool = True) -> None:
        out.append(f.at((*loc, *where), what, severity, value))

    for name, words in rule.words.items():
        if name in BUILTIN_SLOTS:
            add(("words", name), f"'{name}' is a slot every rule has; give the word list another name", value=False)
        elif name in rule.slots:
            add(("words", name), f"'{name}' is both a word list and a slot; rename one of them", value=False)
        if not words:
            add(("words", name), f"the word list '{name}' is empty; list at least one word")
        for k, word in enumerate(words):
            if not word.strip():
                add(("words", name, k), "this word is empty; remove the line")
    known = sorted({*rule.words, *rule.slots, *BUILTIN_SLOTS})
    used: set[str] = set()
    for j, phrase in enumerate(rule.phrases):
        for severity, what in phrase_problems(phrase, rule, known):
            add(("phrases", j), what, severity)
        used.update(slot_names(phrase))
    for k, expr in enumerate(rule.regex):
        problem = regex_problem(expr)
        if problem:
            add(("regex", k), *problem)
        else:
            used.update(regex.compile(expr, regex.V0).groupindex)
    if not rule.phrases and not rule.regex and not rule.any_sentence:
        add((), f"rule '{rule.id}' has no phrases, so it can never match; add phrases:", "warning", value=False)
    raw_slots = _raw(f, (*loc, "slots"))
    phrase_errors = any(p.severity == "error" for p in out)
    for name in rule.slots:
        if name not in used and name not in BUILTIN_SLOTS and not phrase_errors:
            add(("slots", name), f"the slot '{name}' is set here but no phrase has {{{name}}}", "warning",
                value=False)
        raw_type = raw_slots.get(name, {}).get("type") if isinstance(raw_slots, dict) and isinstance(
            raw_slots.get(name), dict) else None
        if name == "date" and raw_type not in (None, "date"):
            add(("slots", name, "type"), "{date} always takes date words (on Monday, March 4, last week); "
                "its type is ignored — remove 'type:'", "warning", value=False)
        if name != "date" and isinstance(raw_slots, dict) and isinstance(raw_slots.get(name), dict) \
                and "from" in raw_slots[name]:
            add(("slots", name, "from"), "'from' only applies to the date slot", "warning", value=False)
    for k, word in enumerate(rule.veto):
        if not word.strip():
            add(("veto", k), "this veto word is empty, so it would veto every sentence; remove the line")
    if not rule.should_match:
        add((), f"rule '{rule.id}' has no examples; add should_match: (and should_not_match:) so "
            "`factsheet test` can check it", "warning", value=False)
    expectable = sorted({*BUILTIN_SLOTS, *used, *rule.slots} - set(rule.words))
    expected = [(("should_match", e), example.expect) for e, example in enumerate(rule.should_match)]
    expected += [(("should_merge", g), group.expect) for g, group in enumerate(rule.should_merge)]
    for e, example in enumerate(rule.should_match):
        if not example.text.strip():
            add(("should_match", e, "text"), "the example text is empty")
    for where, expect in expected:
        for key in expect:
            if key not in expectable:
                hint = _close(key, expectable)
                add((*where, "expect", key), f"'{key}' is not a slot of this rule{hint} "
                    f"(slots: {', '.join(expectable)})", value=False)
    return out


def phrase_problems(phrase: str, rule: Rule, known: list[str]) -> list[tuple[Literal["error", "warning"], str]]:
    """Why a phrase cannot work (errors) or may not do what its author thinks (warnings)."""
    syntax = _syntax(phrase)
    if syntax:
        return [("error", syntax)]
    out: list[tuple[Literal["error", "warning"], str]] = list(regex_in_phrase(phrase))
    if any(sev == "error" for sev, _ in out):
        return out
    names = slot_names(phrase)
    for name in dict.fromkeys(names):
        if name in known:
            continue
        hint = _close(name, known, braces=True)
        if hint:
            out.append(("error", f"{{{name}}} is neither a slot nor a word list{hint} (known: "
                        f"{', '.join('{' + k + '}' for k in known)})"))
        else:
            out.append(("warning", f"{{{name}}} is neither a slot nor a word list, so it matches any words; "
                        f"declare it under slots: with a type (number, actor, ...) or add a word list '{name}'"))
    repeated = sorted({n for n in names if names.count(n) > 1 and n not in rule.words})
    if repeated:
        return [*out, ("error", f"{{{repeated[0]}}} appears twice in this phrase; a slot is filled once")]
    if any(sev == "error" for sev, _ in out):
        return out
    try:
        compile_phrase(phrase, rule)
    except ValueError as exc:
        return [*out, ("error", f"this phrase cannot be read: {exc}")]
    slots = [n for n in names if n not in rule.words]
    tokens = [t.group(0) for t in PHRASE_TOKENS.finditer(phrase) if not t.group(0).isspace()]
    if not slots:
        out.append(("warning", "this phrase has no slot ({who}, {claim}, ...): it finds these words only, "
                    "and the whole sentence becomes the claim"))
    elif all(t.startswith(("{", "[")) or t in ("...", "…", ",", ".", '"', "“", "”") for t in tokens) and not any(
            n in rule.words for n in names):
        out.append(("warning", "this phrase has no words of its own, so it matches almost any sentence; "
                    "add the words that make this kind of fact"))
    if tokens and (tokens[0] in ("...", "…") or tokens[-1] in ("...", "…")):
        out.append(("warning", "'...' at the start or end of a phrase does nothing; a phrase may already "
                    "start and end anywhere in the sentence"))
    return out


_REGEX_TAIL = (" (a phrase reads these characters as they are, so it can never match; for a real regular "
               "expression use regex: with named groups such as (?P<claim>...))")


def regex_in_phrase(phrase: str) -> list[tuple[Literal["error", "warning"], str]]:
    """Regular-expression syntax in a phrase, which the phrase language reads as plain characters.

    `(were|have been)?` or `{arrested}+` passes the schema and can never match a sentence; say so,
    and show the phrase language's own way to write it.
    """
    plain = re.sub(r"\{\w+\}", "{}", re.sub(r"\[[^\]]*\]", "[]", phrase))  # what is outside {} and []
    group = re.search(r"\(([^()]*)\)([?*+]?)", plain)
    if group and ("|" in group.group(1) or group.group(2)):
        options = [o.strip() for o in group.group(1).split("|")]
        if group.group(2) == "?" or "" in options:
            fix = f"write optional words in square brackets: [{'|'.join(o for o in options if o)}]"
        else:
            fix = (f"write one of several words as a word list: under words: add choice: [{', '.join(options)}] "
                   "and write {choice} in the phrase (or [" + "|".join(options) + "] if they may be missing)")
        return [("error", f"'{group.group(0)}' is regular-expression syntax: {fix}{_REGEX_TAIL}")]
    checks = (
        (r"\|", "'|' outside square brackets",
         "write one of several words as [has|had] (optional) or as a word list {name}"),
        (r"\.[*+]", "'.*' / '.+'", "write ... for a few words of any kind, or a slot such as {claim}"),
        (r"\\[a-zA-Z]", "a backslash code such as \\d or \\w",
         "write a slot of type number for a figure ({count} with slots: count: {type: number})"),
        (r"(?<=[\w}\])])[+*]", "'+' or '*' after a word",
         "a phrase matches each word once: remove it (write ... where a few words may come between)"),
        # "{claim}?' {say} {who}": a question mark closing a quotation is the sentence's own
        (r"(?<=[})\]])\?(?![\"'’”])", "'?' after a placeholder or bracket",
         "optional words go in square brackets, [that]; a placeholder cannot be optional (write two phrases)"),
        (r"^\s*\^|\$\s*$", "'^' or '$'",
         "a phrase may start and end anywhere; anchor: start ties {who} to the start of the sentence, and a "
         "phrase ending in '.' ties it to the end"),
    )
    for pattern, what, fix in checks:
        if re.search(pattern, plain):
            return [("error", f"{what} is regular-expression syntax: {fix}{_REGEX_TAIL}")]
    if re.search(r"\([^()]*\)", plain):
        return [("warning", "round brackets are matched as they are: this phrase needs the sentence to have "
                 "'(' and ')' there; optional words go in square brackets, [that]")]
    return []


def _syntax(phrase: str) -> str | None:
    """Unbalanced braces and brackets, in words an author can act on."""
    if not phrase.strip():
        return "this phrase is empty; remove the line"
    brace = bracket = -1  # where the open placeholder / optional part starts
    for pos, ch in enumerate(phrase):
        if ch == "{":
            if brace >= 0:
                return (f"the placeholder '{phrase[brace:pos].rstrip()}' at character {brace + 1} has no "
                        "closing '}'; write placeholders as {who}")
            brace = pos
        elif ch == "}":
            if brace < 0:
                return f"the '}}' at character {pos + 1} closes nothing; write placeholders as {{who}}"
            inside = phrase[brace + 1:pos]
            if not re.fullmatch(r"\w+", inside):
                return (f"'{{{inside}}}' is not a placeholder: a placeholder is one word in braces, like {{who}}"
                        + (" (put the other words outside the braces)" if inside.strip() else ""))
            brace = -1
        elif ch == "[":
            if bracket >= 0:
                return f"a '[' opens inside another optional part at character {pos + 1}; close the first with ']'"
            bracket = pos
        elif ch == "]":
            if bracket < 0:
                return f"the ']' at character {pos + 1} closes nothing; write optional words as [that]"
            inside = phrase[bracket + 1:pos]
            if not inside.strip() or any(not o.strip() for o in inside.split("|")):
                return f"'[{inside}]' has an empty choice; write [that] or [has|had]"
            if "{" in inside or "..." in inside or "…" in inside:
                return (f"'[{inside}]': optional parts hold plain words only; placeholders and '...' "
                        "cannot be optional (write two phrases, one with and one without)")
            bracket = -1
    if brace >= 0:
        return (f"the placeholder '{phrase[brace:].strip()}' at character {brace + 1} is never closed; "
                "write placeholders as {who}")
    if bracket >= 0:
        return f"the '[' at character {bracket + 1} is never closed; write optional words as [that]"
    return None


def regex_problem(expr: str) -> tuple[str, Literal["error", "warning"]] | None:
    """A regular expression that cannot be read, finds no slot, or takes too long."""
    try:
        pattern = regex.compile(expr, regex.V0)
    except regex.error as exc:
        at = f" (at character {exc.pos + 1})" if exc.pos is not None else ""
        return f"this regular expression cannot be read: {exc.msg}{at}", "error"
    for probe in _PROBES:
        try:
            pattern.search(probe, timeout=REGEX_TIMEOUT)
        except TimeoutError:
            return (f"this regular expression takes more than {REGEX_TIMEOUT:g} s on a short text "
                    "(nested repeats such as (a+)+); rewrite it, or use a phrase instead", "error")
    if not pattern.groupindex:
        return ("this regular expression has no named group, so it fills no slot; write (?P<claim>...) "
                "around the part that is the fact", "warning")
    return None


def _close(name: str, known: list[str], braces: bool = False) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if not close:
        return ""
    return f" — did you mean {{{close[0]}}}?" if braces else f" — did you mean '{close[0]}'?"


def _raw(f: ParsedFile, loc: tuple[str | int, ...]) -> object:
    """The value as read from YAML (before the schema filled in defaults)."""
    node: object = f.data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node
