"""The rule author's loop as library calls: check the files, run their examples, write the schema.

`check` reads every rule file and reports every problem; `run_tests` runs
each rule's `should_match` / `should_not_match` examples the way a build
would read them and says, per example, what matched, what was expected and
the difference. The CLI commands are thin wrappers over these functions.

An example's text is read as a one-sentence article (with its `published`
date) by all the rules under test, as in a build, so an example passes only
when its own rule is the one that takes the sentence. When another rule wins,
or the rule does not match at all, the report says which rule won or which
word the nearest phrase was waiting for.
"""

from __future__ import annotations

import json
import re
import typing
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from factsheet.authoring.explain import nearest_miss, resolved_date
from factsheet.authoring.merging import run_group
from factsheet.extract.mentions import clauses, extract_article
from factsheet.extract.split import split_article
from factsheet.model import Article, Mention
from factsheet.resources import builtin_dir
from factsheet.rules.loader import check_rules
from factsheet.rules.reader import CheckResult, ParsedFile
from factsheet.rules.schema import (
    RULES_VERSION,
    CounterExample,
    Example,
    GroupSentence,
    MergeGroup,
    ReconcileSettings,
    Rule,
    RuleFile,
    RuleSet,
    SingleSource,
    Slot,
    SplitGroup,
)

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def default_rules() -> list[str | Path]:
    """The built-in rule folder, used when no rule files are named (shown relative to here when inside)."""
    folder = builtin_dir("rules")
    try:
        return [folder.relative_to(Path.cwd())]
    except ValueError:
        return [folder]


def check(paths: list[str | Path] | None = None) -> CheckResult:
    """Every error and warning in the named rule files (default: the built-in rules)."""
    return check_rules(list(paths) if paths else default_rules())


def check_summary(result: CheckResult) -> str:
    """One line: how many files and rules were checked, and what was found."""
    rules = sum(len(p.model.rules) for p in result.parsed if p.model is not None)
    folders = sorted({str(f.parent) for f in result.files})
    where = f" in {', '.join(folders)}" if folders else ""
    found = f"{_count(len(result.errors), 'error')}, {_count(len(result.warnings), 'warning')}"
    return f"checked {_count(len(result.files), 'file')} ({_count(rules, 'rule')}){where}: {found}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


# --- running examples -------------------------------------------------------------------------

@dataclass(frozen=True)
class SlotCheck:
    """One expected slot value against the value the rule produced."""

    slot: str
    expected: str | None
    got: str | None
    ok: bool


@dataclass(frozen=True)
class ExampleResult:
    """One example of one rule, run."""

    rule: str
    kind: Literal["should_match", "should_not_match", "should_merge", "should_not_merge"]
    index: int
    line: int
    text: str
    passed: bool
    phrase: str | None = None
    checks: tuple[SlotCheck, ...] = ()
    notes: tuple[str, ...] = ()
    got: tuple[tuple[str, str], ...] = ()  # every slot value the rule produced, for the report


@dataclass
class RuleTests:
    """The examples of one rule and how they went."""

    rule: Rule
    file: str
    results: list[ExampleResult] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(not r.passed for r in self.results)


@dataclass
class ExamplesReport:
    """All examples of all rules named, and any problem that stopped them from running."""

    check: CheckResult
    rules: list[RuleTests] = field(default_factory=list)

    @property
    def examples(self) -> int:
        return sum(len(r.results) for r in self.rules)

    @property
    def failed(self) -> int:
        return sum(r.failed for r in self.rules)

    @property
    def passed(self) -> bool:
        return not self.check.errors and self.failed == 0


def run_tests(paths: list[str | Path] | None = None) -> ExamplesReport:
    """Run every example of every rule in the named files (default: the built-in rules)."""
    result = check(paths)
    report = ExamplesReport(result)
    if result.ruleset is None:
        return report
    for parsed in result.parsed:
        if parsed.model is None:
            continue
        for i, rule in enumerate(parsed.model.rules):
            tests = RuleTests(rule, str(parsed.path))
            for e, example in enumerate(rule.should_match):
                tests.results.append(run_example(rule, result.ruleset, example, e, _line(parsed, i, "should_match", e)))
            for e, counter in enumerate(rule.should_not_match):
                tests.results.append(run_counter_example(rule, result.ruleset, counter, e,
                                                         _line(parsed, i, "should_not_match", e)))
            groups: list[tuple[str, int, MergeGroup | SplitGroup]] = [
                *(("should_merge", g, group) for g, group in enumerate(rule.should_merge)),
                *(("should_not_merge", g, group) for g, group in enumerate(rule.should_not_merge))]
            for key, g, group in groups:
                tests.results.append(run_consolidation(rule, result.ruleset, group, g, _line(parsed, i, key, g)))
            report.rules.append(tests)
    return report


def _line(parsed: ParsedFile, i: int, key: str, e: int) -> int:
    mark = parsed.marks.get(("rules", i, key, e))
    return mark.line if mark else 0


def _article(text: str, published: str | None) -> Article:
    day = date.fromisoformat(published) if published else None
    return Article(id="example", path="(example)", text=text, published=day)


def _alone(rule: Rule, rules: RuleSet) -> RuleSet:
    return RuleSet([rule], rules.aliases, rules.reconcile)


def run_example(rule: Rule, rules: RuleSet, example: Example, index: int = 0, line: int = 0,
                advise: bool = True) -> ExampleResult:
    """A should_match example: read by all the rules, it must be taken by this rule with the expected values."""
    article = _article(example.text, example.published)
    found = extract_article(article, rules)
    mine = [m for m in found if m.rule == rule.id]
    base = ExampleResult(rule.id, "should_match", index, line, example.text, False)
    if mine:
        scored = [(_compare(rule, rules, m, example.expect, article.published), m) for m in mine]
        checks, best = max(scored, key=lambda pair: sum(c.ok for c in pair[0]))
        got = tuple((k, v) for k, v in _values(best, article.published).items() if v)
        return ExampleResult(rule.id, "should_match", index, line, example.text, all(c.ok for c in checks),
                             best.phrase, tuple(checks), got=got)
    return _why_unmatched(base, rule, rules, article, found) if advise else base


def run_counter_example(rule: Rule, rules: RuleSet, counter: CounterExample, index: int = 0,
                        line: int = 0) -> ExampleResult:
    """A should_not_match example: this rule on its own must leave the sentence alone."""
    found = [m for m in extract_article(_article(counter.text, None), _alone(rule, rules)) if m.rule == rule.id]
    if not found:
        return ExampleResult(rule.id, "should_not_match", index, line, counter.text, True)
    m = found[0]
    values = ", ".join(f"{k}: {v}" for k, v in _values(m, None).items() if v)
    return ExampleResult(rule.id, "should_not_match", index, line, counter.text, False, m.phrase,
                         notes=(f"but it matched: {values}",))


def run_consolidation(rule: Rule, rules: RuleSet, group: MergeGroup | SplitGroup, index: int = 0,
                      line: int = 0) -> ExampleResult:
    """A should_merge / should_not_merge group, read as one article per sentence and reconciled as in a build."""
    kind: Literal["should_merge", "should_not_merge"] = (
        "should_merge" if isinstance(group, MergeGroup) else "should_not_merge")
    outcome = run_group(rule, rules, group, same_value)
    n = len(group.sentences)
    text = f"{n} sentences, from '{group.sentences[0].text}'"
    checks = tuple(SlotCheck(*c) for c in outcome.checks)
    return ExampleResult(rule.id, kind, index, line, text, outcome.passed, checks=checks, notes=outcome.notes,
                         got=outcome.got)


def _why_unmatched(base: ExampleResult, rule: Rule, rules: RuleSet, article: Article,
                   found: list[Mention]) -> ExampleResult:
    """The example was not taken by its rule: say who took it, or what the rule was waiting for."""
    notes: list[str] = []
    sentences = split_article(article)
    body = [s for s in sentences if s.role == "body"]
    if not body:
        role = sentences[0].role if sentences else "empty text"
        ends = " (it does not end with '.', '!' or '?')" if sentences and role in ("headline", "heading") else ""
        notes.append(f"factsheet reads this text as a {role}, not as body text{ends}")
        return replace(base, notes=tuple(notes))
    priority = {r.id: r.priority for r in rules.rules}
    winner = found[0] if found else None
    if winner is not None:
        how = f" with phrase '{winner.phrase}'" if winner.phrase and not winner.phrase.startswith("(") else ""
        notes.append(f"rule '{winner.rule}' (priority {priority.get(winner.rule, 0)}) took the sentence first{how}")
    alone = [m for m in extract_article(article, _alone(rule, rules)) if m.rule == rule.id]
    if alone and winner is not None:
        notes.append(f"on its own this rule matches (phrase '{alone[0].phrase}'); rules are tried from the highest "
                     "priority down. The choices:")
        notes.extend(_choices(rule, rules, winner.rule))
    elif not alone:
        texts = [s.text[c.start:c.end] for s in body for c in clauses(s.text)] or [s.text for s in body]
        miss = nearest_miss([rule], texts)
        if miss is not None:
            notes.append(f"nearest phrase '{miss.phrase}': {miss.reason}")
        elif not rule.phrases and not rule.regex:
            notes.append("this rule has no phrases")
    else:
        notes.append("the rule matched, but not on the sentence expected")
    return replace(base, notes=tuple(notes))


def _choices(rule: Rule, rules: RuleSet, winner_id: str) -> list[str]:
    """What an author can do when another rule takes an example: each choice with what it would break.

    Raising this rule's priority is tried on the other rule's own examples, so the advice never
    says "raise the priority" when that would hand the other rule's examples to this one.
    """
    winner = next(r for r in rules.rules if r.id == winner_id)
    above = winner.priority + 1
    raised = replace(rules, rules=sorted((r.model_copy(update={"priority": above}) if r.id == rule.id else r
                                          for r in rules.rules), key=lambda r: -r.priority))
    broken = [e.text for e in winner.should_match if not run_example(winner, raised, e, advise=False).passed]
    if broken:
        shown = "; ".join(f"'{_clip(t)}'" for t in broken[:2]) + (f" and {len(broken) - 2} more" if len(broken) > 2
                                                                   else "")
        raise_it = (f"  - priority {above} or more for '{rule.id}' would not do: {_count(len(broken), 'example')} "
                    f"of '{winner_id}' would then go to '{rule.id}' ({shown})")
    else:
        raise_it = (f"  - give '{rule.id}' priority {above} or more: the examples of '{winner_id}' still pass with it")
    return [
        raise_it,
        f"  - if '{winner_id}' is right to take this sentence, the example belongs there: move it to that rule's "
        f"should_match (or delete it here)",
        f"  - if '{winner_id}' should leave such sentences alone, narrow its phrases or add a veto: word to it, and "
        f"put this sentence under its should_not_match",
    ]


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _values(m: Mention, published: date | None) -> dict[str, str | None]:
    values: dict[str, str | None] = {"who": m.who, "claim": m.claim, "date": resolved_date(m, published)[0],
                                     "source": m.source}
    values.update(dict(m.slots))
    return values


def _compare(rule: Rule, rules: RuleSet, m: Mention, expect: dict[str, str | None],
             published: date | None) -> list[SlotCheck]:
    got = _values(m, published)
    out = []
    for slot, expected in expect.items():
        value = got.get(slot)
        kind = rule.slots[slot].type if slot in rule.slots else ("actor" if slot == "who" else "text")
        out.append(SlotCheck(slot, expected, value, same_value(kind, expected, value, rules.aliases)))
    return out


_NUMBERS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"))}
_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                 "ninety": 90, "a hundred": 100, "hundred": 100, "a dozen": 12, "dozen": 12, "no": 0})


def as_number(text: str) -> float | None:
    """'three' → 3, '2,300' → 2300; None for 'dozens' or anything else."""
    t = " ".join(text.casefold().split())
    if t in _NUMBERS:
        return float(_NUMBERS[t])
    if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+(\.\d+)?", t):
        return float(t.replace(",", ""))
    return None


def _fold(text: str) -> str:
    text = re.sub(r"[“”„«»]", '"', re.sub(r"[‘’]", "'", text))
    return " ".join(text.split()).strip(" \"'.,;:!?").casefold()


def same_value(kind: str, expected: str | None, got: str | None, aliases: dict[str, str] | None = None) -> bool:
    """Whether a produced value is what the author expected, ignoring case, spacing and outer punctuation.

    who also ignores a leading 'the'/'a' and treats aliases as the same actor;
    numbers compare as numbers (three = 3).
    """
    if expected is None or got is None:
        return (expected is None) == (not got)
    if kind == "number":
        a, b = as_number(expected), as_number(got)
        if a is not None and b is not None:
            return a == b
    if kind in ("actor", "person"):
        names = aliases or {}

        def actor(x: str) -> str:
            x = re.sub(r"^(?:the|a|an)\s+", "", _fold(x))
            return _fold(names.get(x, x))
        return actor(expected) == actor(got)
    return _fold(expected) == _fold(got)


def format_report(report: ExamplesReport, verbose: bool = False) -> str:
    """The test report as plain text: per file and rule, each example with its verdict.

    A failure shows the phrase that matched, every value it produced and each expected value that differs;
    `verbose` shows the phrase and values of passing examples too.
    """
    lines: list[str] = []
    current = ""
    for tests in report.rules:
        if tests.file != current:
            current = tests.file
            lines.append(current)
        n = len(tests.results)
        lines.append(f"  {tests.rule.id}: " + (f"{n - tests.failed} of {n} examples pass" if n else "no examples"))
        for r in tests.results:
            label = _LABELS[r.kind]
            text = r.text if len(r.text) <= 100 else r.text[:97] + "..."
            lines.append(f"    {'ok  ' if r.passed else 'FAIL'}  line {r.line:<4} {label}: {text}")
            if r.passed and not verbose:
                continue
            if r.phrase:
                lines.append(f"            phrase    {r.phrase}")
            if r.got:
                lines.append("            matched   " + "; ".join(f"{k}: {v}" for k, v in r.got))
            for c in r.checks:
                if not c.ok:
                    lines.append(f"            {c.slot:<9} expected  {_shown(c.expected)}")
                    lines.append(f"            {'':<9} got       {_shown(c.got)}")
            for note in r.notes:
                lines.append(f"            {note}")
    return "\n".join(lines) + ("\n" if lines else "")


_LABELS = {"should_match": "should match", "should_not_match": "must not match", "should_merge": "should merge",
           "should_not_merge": "must not merge"}


def examples_summary(report: ExamplesReport) -> str:
    if report.check.errors:
        return f"the rules have {_count(len(report.check.errors), 'error')}; fix them first (factsheet check)"
    return (f"{_count(report.examples, 'example')} in {_count(len(report.rules), 'rule')}: "
            f"{report.examples - report.failed} passed, {report.failed} failed")


def _shown(value: str | None) -> str:
    return "(none)" if value is None or value == "" else value


# --- JSON Schema and reference ----------------------------------------------------------------

def json_schema() -> dict[str, Any]:
    """The JSON Schema of a rule file, from the same models that validate it."""
    schema = RuleFile.model_json_schema(by_alias=True)
    schema = {"$schema": SCHEMA_URL, **schema, "title": "factsheet rule file"}
    defs = schema.get("$defs", {})
    rule = defs.get("Rule", {}).get("properties", {})
    for key, ref in (("should_match", "Example"), ("should_not_match", "CounterExample")):
        if key in rule:  # an example may be written as the sentence alone
            rule[key]["items"] = {"anyOf": [{"type": "string"}, {"$ref": f"#/$defs/{ref}"}]}
    for model in ("Example", "MergeGroup"):
        expect = defs.get(model, {}).get("properties", {}).get("expect")
        if expect is not None:  # editors read `killed: 3` as a number; factsheet reads it as the text "3"
            expect["additionalProperties"] = {"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]}
    for model in ("MergeGroup", "SplitGroup"):  # a sentence may be written alone
        sentences = defs.get(model, {}).get("properties", {}).get("sentences")
        if sentences is not None:
            sentences["items"] = {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/GroupSentence"}]}
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(out: str | Path) -> Path:
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8")
    return path


_SECTIONS: tuple[tuple[type[BaseModel], str, str], ...] = (
    (RuleFile, "Rule file", "The top level of a `.yaml` file in the rules folder."),
    (Rule, "Rule", "One item of `rules:`."),
    (Slot, "Slot", "One entry of a rule's `slots:`, by slot name (`who`, `date`, or a slot of your own)."),
    (SingleSource, "Single-source policy (`single_source`)", "What a fact of the rule must hold when only one "
     "independent article reports it; corroborated facts are always kept."),
    (Example, "Example (`should_match`)", "One item of `should_match:`; a plain sentence is an example "
     "with no expected values."),
    (CounterExample, "Counter-example (`should_not_match`)", "One item of `should_not_match:`; a plain "
     "sentence is enough."),
    (MergeGroup, "Consolidation test (`should_merge`)", "One item of `should_merge:`: sentences from "
     "different articles that must become one fact of this rule."),
    (SplitGroup, "Consolidation test (`should_not_merge`)", "One item of `should_not_merge:`: sentences "
     "from different articles that must stay separate facts."),
    (GroupSentence, "Sentence of a consolidation test (`sentences`)", "One item of `sentences:`; a plain "
     "sentence is enough (it gets the outlet 'outlet 1', 'outlet 2', ... and no date)."),
    (ReconcileSettings, "Reconcile settings (`reconcile`)", "At the top level of one rule file."),
)


def reference_markdown() -> str:
    """The reference section of docs/rules.md, generated from the models so it cannot drift."""
    out = [f"Generated from the schema of rule files, version {RULES_VERSION} "
           "(`factsheet schema` writes the same as JSON Schema).", ""]
    for model, title, intro in _SECTIONS:
        out += [f"### {title}", "", intro, "", "| key | value | default | meaning |", "|---|---|---|---|"]
        for name, info in model.model_fields.items():
            key = info.alias or name
            default = "required" if info.is_required() else _default_text(info.get_default(call_default_factory=True))
            desc = (info.description or "").replace("|", "\\|").replace("\n", " ")
            low = next((m.ge for m in info.metadata if hasattr(m, "ge")), None)
            high = next((m.le for m in info.metadata if hasattr(m, "le")), None)
            kind = _type_text(info.annotation) + (f" from {low:g} to {high:g}" if high is not None else
                                                  f" of at least {low:g}" if low is not None else "")
            out.append(f"| `{key}` | {kind} | {default} | {desc} |")
        out.append("")
    return "\n".join(out)


def _default_text(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value in ([], {}):
        return "empty"
    return f"`{value}`"


def _type_text(annotation: Any) -> str:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_text(args[0])
    if origin is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        kinds = [_type_text(a) for a in args if a is not type(None)]
        return " or ".join(kinds)
    if origin is list:
        return f"list of {_type_text(args[0])}"
    if origin is dict:
        return f"map of name → {_type_text(args[1])}"
    names = {str: "text", int: "whole number", float: "number", bool: "true/false"}
    if annotation in names:
        return names[annotation]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"RuleFile": "rule file", "Rule": "Rule", "Slot": "Slot", "SingleSource": "single-source policy",
                "Example": "Example", "MergeGroup": "consolidation test", "SplitGroup": "consolidation test",
                "GroupSentence": "Sentence",
                "CounterExample": "Counter-example", "ReconcileSettings": "reconcile settings"}[annotation.__name__]
    return str(annotation)
