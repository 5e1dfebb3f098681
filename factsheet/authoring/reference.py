"""The JSON Schema of rule files and the reference section of docs/rules.md, from the pydantic models.

Editors read the schema (`factsheet schema`); the reference is generated so
that it cannot drift from what the validator accepts.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from factsheet.rules.schema import (
    RULES_VERSION,
    CounterExample,
    Example,
    GroupSentence,
    MergeGroup,
    ReconcileSettings,
    Rule,
    RuleFile,
    SingleSource,
    Slot,
    SplitGroup,
)

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


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
