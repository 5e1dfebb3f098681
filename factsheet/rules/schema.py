"""The rule language: one pydantic schema, read from strict YAML, with errors people can act on.

The same models give the validator, the JSON Schema for editors
(`factsheet schema`) and the reference in docs/rules.md, so the three cannot
disagree. Every problem in every file is reported in one run as
`file:line:col: where: what`; `check_rules` also returns warnings, while
`load_rules` (what a build calls) raises RuleError on errors only.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator, model_validator

from . import strict_yaml
from .errors import RuleError

RULES_VERSION = 1
SLOT_TYPES = ("actor", "person", "text", "number", "date")
BUILTIN_SLOTS = ("who", "claim", "date", "source")  # placeholders every rule may use without declaring


def _strict_bool(value: Any) -> Any:
    """Only true/false: YAML readers disagree on yes/no/on/off, so an author must not rely on them."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    shown = f"'{value}'" if isinstance(value, str) else "this"
    raise ValueError(f"write true or false, not {shown}")


Bool = Annotated[bool, BeforeValidator(_strict_bool)]


def _text_only(value: Any) -> Any:
    """A phrase written without quotes as `{claim}` arrives as a mapping; say so plainly."""
    if isinstance(value, dict) and len(value) == 1 and next(iter(value.values())) is None:
        raise ValueError(f"YAML read {{{next(iter(value))}}} as a mapping: put the text in quotes: "
                         f"'{{{next(iter(value))}}}'")
    return value


Text = Annotated[str, BeforeValidator(_text_only)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Slot(_Strict):
    """How to fill one slot of a rule."""

    type: Literal["actor", "person", "text", "number", "date"] = Field(
        "text", description="What the slot holds: actor (a person or organisation), person, "
        "text (any words), number (3, three, dozens) or date.")
    required: Bool = Field(True, description=(
        "For who: a match whose speaker cannot be read as a name or role is not a fact."))
    default: str | None = Field(None, description=(
        "Value to show when the text does not give one (kept for the briefing; extraction does not use it yet)."))
    date_from: Literal["text", "article", "text_or_article"] = Field(
        "text_or_article", alias="from",
        description="For the date slot: take the date from the sentence (text), from the article's "
        "publication date (article), or from the sentence and else the article (text_or_article).")


class Example(_Strict):
    """A sentence the rule must match, with the slot values it must produce."""

    text: Text = Field(description="The sentence, as it would appear in an article.")
    published: str | None = Field(None, description=(
        "The article's date (YYYY-MM-DD), so that 'on Tuesday' can be checked as a calendar date."))
    expect: dict[str, str | None] = Field(default_factory=dict, description=(
        "Expected slot values: who, claim, date (YYYY-MM-DD, YYYY-MM or YYYY), source and the "
        "rule's own slots. Leave a slot out to accept any value; write null to require none."))

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    @field_validator("published")
    @classmethod
    def _iso_day(cls, value: str | None) -> str | None:
        if value is not None:
            _parse_day(value)
        return value

    @field_validator("expect")
    @classmethod
    def _expected_date(cls, value: dict[str, str | None]) -> dict[str, str | None]:
        day = value.get("date")
        if day is not None and not re.fullmatch(r"\d{4}(-\d\d){0,2}", day):
            raise ValueError(f"expect.date '{day}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
        return value


class CounterExample(_Strict):
    """A sentence the rule must not match."""

    text: Text = Field(description="A sentence this rule must leave alone.")
    why: str | None = Field(None, description="Why it must not match, for the next author.")

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class SingleSource(_Strict):
    """What a fact of this rule must hold when only one independent article reports it."""

    needs: list[Literal["name", "figure", "date", "actor"]] = Field(min_length=1, description=(
        "At least one of: name (a capitalised name inside the claim), figure (a number), date (a time "
        "the sentence gives), actor (who is a person, a role such as 'police', or a name). A sentence "
        "with none of them is scene-setting ('Relations have continued to deepen.') and is left out."))
    hedges: list[Text] = Field(default_factory=list, description=(
        "Words that make an unconfirmed sentence speculation ('may have'): it is left out too."))


class Rule(_Strict):
    """One kind of fact and the phrases that find it."""

    id: str = Field(description="A short name, unique across all rule files: statement, casualties, ...")
    kind: Literal["statement", "event"] = Field(
        "event", description="statement: someone said something; event: something happened or someone did it.")
    description: str | None = Field(None, description="One sentence saying what the rule finds, for authors.")
    phrases: list[Text] = Field(default_factory=list, description=(
        "Patterns that look like the sentence: {who}, {claim}, {date} and other slot names are "
        "placeholders, {list} uses a word list, ... stands for a few words, [word] is optional, "
        "[has|had] is one optional word of several, and \" matches any quote mark."))
    regex: list[Text] = Field(default_factory=list, description=(
        "Escape hatch: regular expressions with named groups (?P<who>...). Each runs with a time limit."))
    any_sentence: Bool = Field(False, description=(
        "Also match every body sentence no other rule matched; who is the sentence's subject."))
    words: dict[str, list[Text]] = Field(default_factory=dict, description=(
        "Word lists usable in phrases as {name}: say: [said, warned, stated]."))
    slots: dict[str, Slot] = Field(default_factory=dict, description="Per-slot settings by slot name.")
    veto: list[Text] = Field(default_factory=list, description=(
        "Words or phrases that stop a match when the sentence contains them."))
    priority: int = Field(0, description=(
        "Rules are tried from the highest priority down and the first that matches a sentence takes it "
        "(statement 10, event 5, report -10)."))
    anchor: Literal["anywhere", "start"] = Field("anywhere", description=(
        "start: a phrase that begins with {who} must begin the sentence (after an opening "
        "phrase such as 'On Monday,'); anywhere: it may start mid-sentence."))
    should_match: list[Example] = Field(default_factory=list, description="Examples run by `factsheet test`.")
    should_not_match: list[CounterExample] = Field(default_factory=list,
                                                   description="Counter-examples run by `factsheet test`.")
    known_misses: str | None = Field(None, description="Prose: what this rule is known to miss.")
    single_source: SingleSource | None = Field(None, description=(
        "Leave out facts of this rule that only one independent article reports and that hold "
        "nothing a reader could check; the briefing says how many were left out."))

    @field_validator("id")
    @classmethod
    def _id_is_a_word(cls, value: str) -> str:
        if not value or not all(ch.isalnum() or ch in "-_" for ch in value):
            suggestion = re.sub(r"[^\w-]+", "_", value.strip()).strip("_") or "my_rule"
            raise ValueError(f"'{value}' cannot be an id: use letters, digits, '-' and '_' only, "
                             f"e.g. {suggestion}")
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
    aliases: dict[str, list[Text]] = Field(default_factory=dict, description=(
        "Other names for the same actor: 'Volodymyr Zelenskyy': [Zelensky, Zelenskiy]."))
    reconcile: ReconcileSettings | None = Field(None, description="Reconcile settings (one file may set them).")

    @field_validator("version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != RULES_VERSION:
            raise ValueError(f"this factsheet reads rule files of version {RULES_VERSION}; write version: "
                             f"{RULES_VERSION}")
        return value


MODELS: tuple[type[BaseModel], ...] = (RuleFile, Rule, Slot, SingleSource, Example, CounterExample,
                                       ReconcileSettings)


def _parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a date: write YYYY-MM-DD, e.g. 2026-02-05") from None


@dataclass(frozen=True)
class Problem:
    """One finding about a rule file, printed as `file:line:col: where: what`."""

    file: str
    line: int  # 0 when the problem has no place in the file (missing file)
    column: int
    where: str
    what: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        where = f" {self.where}:" if self.where else ""
        flag = " warning:" if self.severity == "warning" else ""
        return f"{place}:{where}{flag} {self.what}"


@dataclass
class RuleSet:
    """All rules of a run, in the order they are tried."""

    rules: list[Rule]
    aliases: dict[str, str] = field(default_factory=dict)  # variant (casefolded) -> canonical
    reconcile: ReconcileSettings = field(default_factory=lambda: ReconcileSettings.model_validate({}))
    files: list[str] = field(default_factory=list)
    origin: dict[str, str] = field(default_factory=dict)  # rule id -> file
    fingerprint: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class ParsedFile:
    """One rule file as read: the model (if valid), where each value sits, and its problems."""

    path: Path
    model: RuleFile | None
    marks: dict[strict_yaml.Path, strict_yaml.Mark] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    data: Any = None
    raw: bytes = b""
    rules: list[tuple[int, Rule]] = field(default_factory=list)  # (index in the file, rule) of the valid rules

    def at(self, loc: tuple[str | int, ...], what: str, severity: Literal["error", "warning"] = "error",
           value: bool = True) -> Problem:
        """A problem placed at the value (or key) found under `loc`, or its nearest parent."""
        for cut in range(len(loc), -1, -1):
            mark = (self.marks.get((*loc[:cut], "=")) if value else None) or self.marks.get(loc[:cut])
            if mark:
                break
        line, col = (mark.line, mark.column) if mark else (1, 1)
        return Problem(str(self.path), line, col, dotted(loc), what, severity)


@dataclass
class CheckResult:
    """Every problem found in a set of rule files, and the rules when there are no errors."""

    files: list[Path]
    problems: list[Problem]
    ruleset: RuleSet | None
    parsed: list[ParsedFile] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def rule_files(paths: list[str | Path]) -> list[Path]:
    """The .yaml/.yml files named, or found in the folders named, sorted."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(f for f in p.iterdir() if f.suffix in (".yaml", ".yml") and f.is_file()))
        else:
            found.append(p)
    return found


def read_rule_file(path: Path) -> ParsedFile:
    """Read, parse and validate one file against the schema, keeping every problem."""
    parsed = ParsedFile(path, None)
    try:
        if path.stat().st_size > strict_yaml.MAX_BYTES:
            parsed.problems.append(Problem(str(path), 1, 1, "", f"the file is larger than "
                                           f"{strict_yaml.MAX_BYTES // 1024} KB; split it into several files"))
            return parsed
        parsed.raw = path.read_bytes()
        text = parsed.raw.decode("utf-8")
    except FileNotFoundError:
        parsed.problems.append(Problem(str(path), 0, 0, "", "no such rule file"))
        return parsed
    except IsADirectoryError:
        parsed.problems.append(Problem(str(path), 0, 0, "", "this is a folder, not a rule file"))
        return parsed
    except UnicodeDecodeError as exc:
        line = parsed.raw[: exc.start].count(b"\n") + 1
        parsed.problems.append(Problem(str(path), line, 1, "", "the file is not UTF-8 text; save it as UTF-8"))
        return parsed
    except OSError as exc:
        parsed.problems.append(Problem(str(path), 0, 0, "", f"cannot read: {exc.strerror or exc}"))
        return parsed
    loaded = strict_yaml.read(text)
    parsed.marks = loaded.marks
    parsed.problems.extend(Problem(str(path), p.mark.line, p.mark.column,
                                   "YAML" if p.path is None else dotted(p.path) or "top level", p.message)
                           for p in loaded.problems)
    if loaded.fatal:
        return parsed
    parsed.data = loaded.data
    if loaded.data is None:
        parsed.problems.append(Problem(str(path), 1, 1, "", f"the file is empty; a rule file starts with "
                                       f"'version: {RULES_VERSION}' and 'rules:'"))
        return parsed
    if not isinstance(loaded.data, dict):
        parsed.problems.append(Problem(str(path), 1, 1, "top level", f"a rule file is a set of keys: it starts "
                                       f"with 'version: {RULES_VERSION}' and 'rules:'"))
        return parsed
    try:
        model = RuleFile.model_validate(loaded.data)
    except ValidationError as exc:
        # a value the YAML reader refused (a tag) is already reported on its line; say it once
        taken = {p.mark.line for p in loaded.problems}
        parsed.problems.extend(d for d in map(partial(_describe, parsed), exc.errors()) if d.line not in taken)
        parsed.rules = _valid_rules(loaded.data, exc.errors())
        return parsed
    parsed.rules = list(enumerate(model.rules))
    if not loaded.problems:
        parsed.model = model
    return parsed


def _valid_rules(data: dict[str, Any], errors: list[Any]) -> list[tuple[int, Rule]]:
    """The rules of an invalid file, without their invalid keys, so that their phrases are checked in the same run."""
    items = data.get("rules")
    out: list[tuple[int, Rule]] = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        bad = {e["loc"][2] for e in errors if tuple(e["loc"][:2]) == ("rules", i) and len(e["loc"]) > 2}
        kept = {k: v for k, v in item.items() if k not in bad}
        if "id" not in kept:
            kept["id"] = f"rule{i + 1}"
        try:
            out.append((i, Rule.model_validate(kept)))
        except ValidationError:
            continue
    return out


def _describe(parsed: ParsedFile, err: Any) -> Problem:
    """A pydantic error in plain words, at the line of the value it is about."""
    loc = tuple(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    given = err.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = allowed_keys(loc[:-1])
        if key.startswith("-") and key.lstrip("- ") in allowed:
            what = f"'{key}': put a space after '-' (- {key.lstrip('- ')}: ...)"
        else:
            what = f"unknown key '{key}'{_did_you_mean(key, allowed)} (allowed: {', '.join(allowed)})"
        problem = parsed.at(loc, what, value=False)
        return Problem(problem.file, problem.line, problem.column, dotted(loc[:-1]) or "top level", problem.what)
    if kind == "missing":
        problem = parsed.at(loc[:-1], f"'{loc[-1]}' is required{_missing_hint(loc)}", value=False)
        return Problem(problem.file, problem.line, problem.column, dotted(loc[:-1]) or "top level", problem.what)
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        what = f"'{given}' is not allowed{_did_you_mean(str(given), allowed)} (allowed: {', '.join(allowed)})"
    elif kind in ("int_parsing", "int_type", "int_from_float"):
        what = f"write a whole number here, not '{given}'" if isinstance(given, str) else "write a whole number"
    elif kind in ("float_parsing", "float_type"):
        what = f"write a number here (like 0.5), not '{given}'" if isinstance(given, str) else "write a number"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        what = f"'{given}' is out of range: {_range_text(loc)}"
    elif kind == "list_type":
        what = ("write a list: one item a line, each starting with '- ', or [a, b, c] on one line"
                + (f" (found the text '{given}')" if isinstance(given, str) else ""))
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        found = f", not the text '{given}'" if isinstance(given, str) else (
            ", not a list" if isinstance(given, list) else "")
        what = "write keys and values here (key: value on lines indented below)" + found
    elif kind == "too_short":
        what = f"give at least {ctx.get('min_length', 1)}: an empty list here means nothing"
    elif kind == "string_type":
        what = ("write a text here (put it in quotes)" if given is not None
                else "this is empty: write a text, or remove the line")
    else:
        what = str(err["msg"]).removeprefix("Value error, ")
    return parsed.at(loc, what)


def _did_you_mean(word: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(word.lower(), allowed, n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


_MISSING_HINTS = {
    "version": f": start the file with the line 'version: {RULES_VERSION}'",
    "id": ": give the rule a short name, e.g. id: casualties",
    "text": ": write the example sentence after text:",
}


def _missing_hint(loc: tuple[Any, ...]) -> str:
    return _MISSING_HINTS.get(str(loc[-1]), "")


def _range_text(loc: tuple[Any, ...]) -> str:
    name = str(loc[-1])
    info = ReconcileSettings.model_fields.get(name)
    if info is None:
        return "see the reference in docs/rules.md"
    low = next((m.ge for m in info.metadata if hasattr(m, "ge")), None)
    high = next((m.le for m in info.metadata if hasattr(m, "le")), None)
    if low is not None and high is not None:
        return f"write a number from {low:g} to {high:g}"
    return f"write a number of at least {low:g}" if low is not None else "see docs/rules.md"


def dotted(loc: tuple[Any, ...]) -> str:
    """`rules[0].phrases[1]`: where a value sits, as an author would point at it."""
    out = ""
    for part in loc:
        if part == "=":
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds directly, in a list, as a dict value, or as an optional."""
    text = str(annotation)
    for model in (Rule, Slot, Example, CounterExample, ReconcileSettings):
        if re.search(rf"\b{model.__name__}\b", text):
            return model
    return None


def allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    """The keys a mapping at `loc` may hold (by walking the models along the path)."""
    model: type[BaseModel] | None = RuleFile
    expect_dict_key = False
    for part in loc:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        if expect_dict_key:
            expect_dict_key = False
            continue
        info = next((f for n, f in model.model_fields.items() if (f.alias or n) == part), None)
        if info is None:
            return []
        expect_dict_key = str(info.annotation).startswith("dict[")
        model = _model_of(info.annotation)
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def check_rules(paths: list[str | Path]) -> CheckResult:
    """Read every rule file named; collect every error and warning; build the RuleSet if there are no errors."""
    from .lint import lint_files  # lint compiles phrases, which import this module

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
