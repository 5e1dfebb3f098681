"""The rule language: one pydantic schema, read from strict YAML, with errors people can act on.

The same models give the validator, the JSON Schema for editors
(`factsheet schema`) and the reference in docs/rules.md. Every problem in
every file is reported in one run as `file:line:col: where: what`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import strict_yaml
from .errors import RuleError

RULES_VERSION = 1
SLOT_TYPES = ("actor", "person", "text", "number", "date")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Slot(_Strict):
    """How to fill one slot."""

    type: Literal["actor", "person", "text", "number", "date"] = Field(
        "text", description="What the slot holds: actor (a person or organisation), person, "
        "text, number or date.")
    required: bool = Field(True, description="A match without this slot is not a fact.")
    default: str | None = Field(None, description="Value to use when the text does not give one.")
    date_from: Literal["text", "article", "text_or_article"] = Field(
        "text_or_article", alias="from",
        description="For the date slot: take the date from the sentence, from the article's "
        "publication date, or from the sentence and else the article.")


class Example(_Strict):
    """A sentence the rule must match, with the slot values it must produce."""

    text: str = Field(description="The sentence, as it would appear in an article.")
    published: str | None = Field(None, description="Article date (YYYY-MM-DD) for relative dates.")
    expect: dict[str, str | None] = Field(default_factory=dict,
                                          description="Expected slot values: who, claim, date, ...")


class CounterExample(_Strict):
    """A sentence the rule must not match."""

    text: str = Field(description="A sentence this rule must leave alone.")
    why: str | None = Field(None, description="Why it must not match, for the next author.")


class Rule(_Strict):
    """One kind of fact and the phrases that find it."""

    id: str = Field(description="A short name, unique across all rule files: statement, casualties, ...")
    kind: Literal["statement", "event"] = Field(
        "event", description="statement: someone said something; event: someone did something.")
    description: str | None = Field(None, description="One sentence for the briefing and for authors.")
    phrases: list[str] = Field(default_factory=list, description=(
        "Patterns that look like the sentence: {who}, {claim}, {date} and other slot names are "
        "placeholders, {list} uses a word list, ... stands for a few words, [word] is optional, "
        "and \" matches any quote mark."))
    regex: list[str] = Field(default_factory=list, description=(
        "Escape hatch: Python regular expressions with named groups (?P<who>...). Time-limited."))
    any_sentence: bool = Field(False, description=(
        "Also match every body sentence no other rule matched; who is the sentence's subject."))
    words: dict[str, list[str]] = Field(default_factory=dict, description=(
        "Word lists usable in phrases as {name}: say: [said, warned, stated]."))
    slots: dict[str, Slot] = Field(default_factory=dict, description="Per-slot settings by slot name.")
    veto: list[str] = Field(default_factory=list, description=(
        "Words or phrases that stop a match when the sentence contains them."))
    priority: int = Field(0, description="Higher priority rules are tried first.")
    anchor: Literal["anywhere", "start"] = Field("anywhere", description=(
        "start: a phrase that begins with {who} must begin the sentence (after an opening "
        "phrase such as 'On Monday,'); anywhere: it may start mid-sentence."))
    should_match: list[Example] = Field(default_factory=list, description="Examples run by `factsheet test`.")
    should_not_match: list[CounterExample] = Field(default_factory=list,
                                                   description="Counter-examples run by `factsheet test`.")
    known_misses: str | None = Field(None, description="Prose: what this rule is known to miss.")

    @field_validator("id")
    @classmethod
    def _id_is_a_word(cls, value: str) -> str:
        if not value or not all(ch.isalnum() or ch in "-_" for ch in value):
            raise ValueError("use letters, digits, '-' and '_' only")
        return value


class ReconcileSettings(_Strict):
    """What a desk may tune about merging facts across articles."""

    same_fact: float = Field(0.25, ge=0.0, le=1.0, description=(
        "How similar two claims must be (0-1) to be reported as one fact."))
    corroborated: int = Field(2, ge=1, description=(
        "Independent sources a fact needs before the briefing calls it corroborated."))
    reprint: float = Field(0.6, ge=0.0, le=1.0, description=(
        "Share of an article's word sequences found in another for it to count as a reprint."))


class RuleFile(_Strict):
    """A rule file: a version, rules, optional name aliases and reconcile settings."""

    version: int = Field(description=f"Rule language version; this factsheet reads version {RULES_VERSION}.")
    rules: list[Rule] = Field(default_factory=list, description="The rules in this file.")
    aliases: dict[str, list[str]] = Field(default_factory=dict, description=(
        "Other names for the same actor: 'Volodymyr Zelenskyy': [Zelensky, Zelenskiy]."))
    reconcile: ReconcileSettings | None = Field(None, description="Reconcile settings (one file may set them).")

    @field_validator("version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != RULES_VERSION:
            raise ValueError(f"this factsheet reads rule files of version {RULES_VERSION}")
        return value


@dataclass
class RuleSet:
    """All rules of a run, in the order they are tried."""

    rules: list[Rule]
    aliases: dict[str, str] = field(default_factory=dict)  # variant (casefolded) -> canonical
    reconcile: ReconcileSettings = field(default_factory=ReconcileSettings)
    files: list[str] = field(default_factory=list)
    origin: dict[str, str] = field(default_factory=dict)  # rule id -> file
    fingerprint: str = ""


def rule_files(paths: list[str | Path]) -> list[Path]:
    """The .yaml/.yml files named, or found in the folders named, sorted."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(f for f in p.iterdir() if f.suffix in (".yaml", ".yml") and f.is_file()))
        else:
            found.append(p)
    return found


def parse_file(path: Path) -> tuple[RuleFile | None, list[str]]:
    """One rule file, or the list of its problems as `file:line:col: message`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [f"{path}: no such rule file"]
    except UnicodeDecodeError:
        return None, [f"{path}:1:1: the file is not UTF-8 text; save it as UTF-8"]
    except OSError as exc:
        return None, [f"{path}: cannot read: {exc.strerror or exc}"]
    try:
        data, marks = strict_yaml.load(text)
    except strict_yaml.YamlProblem as exc:
        return None, [f"{path}:{exc.mark.line}:{exc.mark.column}: {exc.message}"]
    if not isinstance(data, dict):
        return None, [f"{path}:1:1: a rule file starts with 'version: {RULES_VERSION}' and 'rules:'"]
    try:
        return RuleFile.model_validate(data), []
    except ValidationError as exc:
        return None, [_describe(path, err, marks, data) for err in exc.errors()]


def _describe(path: Path, err: Any, marks: dict[strict_yaml.Path, strict_yaml.Mark], data: Any) -> str:
    loc = tuple(err["loc"])
    where = _dotted(loc)
    mark = None
    for cut in range(len(loc), -1, -1):
        mark = marks.get(loc[:cut]) if err["type"] == "extra_forbidden" else (
            marks.get((*loc[:cut], "=")) or marks.get(loc[:cut]))
        if mark:
            break
    pos = f"{mark.line}:{mark.column}" if mark else "1:1"
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(loc[:-1], data)
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f" — did you mean '{close[0]}'?" if close else ""
        parent = _dotted(loc[:-1]) or "top level"
        return f"{path}:{pos}: {parent}: unknown key '{key}'{hint} (allowed: {', '.join(allowed)})"
    if kind == "missing":
        return f"{path}:{pos}: {_dotted(loc[:-1]) or 'top level'}: '{loc[-1]}' is required"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"{path}:{pos}: {where}: '{err.get('input')}' is not allowed (allowed: {expected.replace(chr(39), '')})"
    if kind in ("bool_parsing", "bool_type"):
        return f"{path}:{pos}: {where}: write true or false"
    if kind in ("int_parsing", "int_type", "float_parsing", "float_type"):
        return f"{path}:{pos}: {where}: write a number"
    if kind in ("list_type",):
        return f"{path}:{pos}: {where}: write a list (lines starting with '- ')"
    if kind in ("dict_type", "model_type"):
        return f"{path}:{pos}: {where}: write keys and values here (key: value)"
    if kind in ("string_type",):
        return f"{path}:{pos}: {where}: write a text here (put it in quotes)"
    msg = err["msg"].removeprefix("Value error, ")
    return f"{path}:{pos}: {where}: {msg}"


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _allowed_keys(loc: tuple[Any, ...], data: Any) -> list[str]:
    model: Any = RuleFile
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if info is None:
            # dict values such as slots.<name>
            model = Slot if model is dict else model
            continue
        ann = info.annotation
        for candidate in (Rule, Slot, Example, CounterExample, ReconcileSettings):
            if candidate.__name__ in str(ann):
                model = candidate if "dict[" not in str(ann) else dict
                break
        else:
            model = None
    if model is dict:
        model = Slot
    if model is None or not hasattr(model, "model_fields"):
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def load_rules(paths: list[str | Path]) -> RuleSet:
    """Read and validate rule files; raise RuleError listing every problem."""
    import hashlib

    files = rule_files(paths)
    problems: list[str] = []
    if not files:
        problems.append(f"{', '.join(map(str, paths))}: no rule files (*.yaml) found")
    rules: list[Rule] = []
    aliases: dict[str, str] = {}
    settings: ReconcileSettings | None = None
    origin: dict[str, str] = {}
    digest = hashlib.sha256(f"rules-v{RULES_VERSION}".encode())
    for path in files:
        parsed, errs = parse_file(path)
        problems.extend(errs)
        if parsed is None:
            continue
        digest.update(path.read_bytes())
        for rule in parsed.rules:
            if rule.id in origin:
                problems.append(f"{path}:1:1: rules: the id '{rule.id}' is also used in {origin[rule.id]}; ids must be unique")
            origin[rule.id] = str(path)
            rules.append(rule)
        for canonical, variants in parsed.aliases.items():
            for v in [canonical, *variants]:
                aliases[v.casefold()] = canonical
        if parsed.reconcile is not None:
            settings = parsed.reconcile
    if problems:
        raise RuleError(problems)
    from .phrases import compile_rule  # validates phrases and regexes

    for rule in rules:
        try:
            compile_rule(rule)
        except ValueError as exc:
            problems.append(f"{origin[rule.id]}:1:1: rule '{rule.id}': {exc}")
    if problems:
        raise RuleError(problems)
    rules.sort(key=lambda r: -r.priority)  # stable: file order within a priority
    return RuleSet(rules, aliases, settings or ReconcileSettings(), [str(f) for f in files], origin,
                   digest.hexdigest()[:16])
