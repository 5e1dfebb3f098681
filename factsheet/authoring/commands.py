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

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Literal

from factsheet.authoring.explain import nearest_miss, resolved_date
from factsheet.authoring.merging import run_group
from factsheet.authoring.reference import json_schema as json_schema  # moved; the CLI and tests import them here
from factsheet.authoring.reference import reference_markdown as reference_markdown
from factsheet.authoring.reference import schema_text as schema_text
from factsheet.authoring.reference import write_schema as write_schema
from factsheet.extract.clauses import clauses
from factsheet.extract.mentions import extract_article
from factsheet.extract.split import split_article
from factsheet.model import Article, Mention
from factsheet.resources import builtin_dir
from factsheet.rules.loader import check_rules
from factsheet.rules.reader import CheckResult, ParsedFile
from factsheet.rules.schema import CounterExample, Example, MergeGroup, Rule, RuleSet, SplitGroup


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
