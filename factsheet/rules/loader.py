"""Load a set of rule files: read each, lint them together, and assemble the RuleSet a build uses.

`check_rules` returns every error and warning; `load_rules` (what a build calls) raises RuleError
on errors only.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from factsheet.errors import RuleError
from factsheet.rules.lint import lint_files
from factsheet.rules.reader import CheckResult, ParsedFile, Problem, read_rule_file, rule_files
from factsheet.rules.schema import RULES_VERSION, ReconcileSettings, Rule, RuleSet


def check_rules(paths: list[str | Path]) -> CheckResult:
    """Read every rule file named; collect every error and warning; build the RuleSet if there are no errors."""
    files = rule_files(paths)
    problems: list[Problem] = []
    if not files:
        problems.append(Problem(", ".join(map(str, paths)) or ".", 0, 0, "", "no rule files (*.yaml) found"))
    parsed = [read_rule_file(path) for path in files]
    for p in parsed:
        problems.extend(p.problems)
    problems.extend(lint_files([p for p in parsed if p.rules or p.model is not None]))
    order = {str(p.path): n for n, p in enumerate(parsed)}
    problems.sort(key=lambda p: (order.get(p.file, -1), p.line, p.column))
    if any(p.severity == "error" for p in problems):
        return CheckResult(files, problems, None, parsed)
    ruleset = _assemble([p for p in parsed if p.model is not None])
    ruleset.warnings = [str(p) for p in problems if p.severity == "warning"]
    return CheckResult(files, problems, ruleset, parsed)


def _assemble(parsed: list[ParsedFile]) -> RuleSet:
    rules: list[Rule] = []
    aliases: dict[str, str] = {}
    settings: ReconcileSettings | None = None
    origin: dict[str, str] = {}
    digest = hashlib.sha256(f"rules-v{RULES_VERSION}".encode())
    for p in parsed:
        assert p.model is not None
        digest.update(p.raw)
        for rule in p.model.rules:
            origin[rule.id] = str(p.path)
            rules.append(rule)
        for canonical, variants in p.model.aliases.items():
            for v in [canonical, *variants]:
                aliases[v.casefold()] = canonical
        if p.model.reconcile is not None:
            settings = p.model.reconcile
    rules.sort(key=lambda r: -r.priority)  # stable: file order within a priority
    return RuleSet(rules, aliases, settings or ReconcileSettings.model_validate({}), [str(p.path) for p in parsed],
                   origin, digest.hexdigest()[:16])


def load_rules(paths: list[str | Path]) -> RuleSet:
    """Read and validate rule files; raise RuleError listing every error (warnings ride on the RuleSet)."""
    result = check_rules(paths)
    if result.ruleset is None:
        raise RuleError([str(p) for p in result.errors])
    return result.ruleset
