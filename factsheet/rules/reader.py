"""Read one rule file from strict YAML and validate it, keeping every problem with its line and column.

Raw parser and pydantic messages are rewritten here into `file:line:col: where: what` with a fix.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from factsheet.rules import strict_yaml
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
    Slot,
    SplitGroup,
)


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
    if isinstance(given, str):  # a message is one line: a value that spans several is shown on one
        given = _one_line(given)
    if kind == "extra_forbidden":
        key = _one_line(str(loc[-1]))  # a key may span lines too ("? a\n\n  - b")
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


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 80 else flat[:77] + "..."


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
    for model in (Rule, Slot, Example, CounterExample, MergeGroup, SplitGroup, GroupSentence, ReconcileSettings):
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
