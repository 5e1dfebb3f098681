"""Machine contracts: facts.json and the project file have JSON Schemas, and real outputs follow them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factsheet import build
from factsheet.build.config import Project
from factsheet.render import facts_json
from factsheet.resources import builtin_dir
from factsheet.rules.loader import load_rules

from .conftest import EXAMPLES, SEEDS
from .outlets import build_outlets

ROOT = Path(__file__).resolve().parent.parent
FACTS_SCHEMA = ROOT / "schema" / "facts.schema.json"
PROJECT_SCHEMA = ROOT / "schema" / "factsheet.schema.json"
REGENERATE = "run: .venv/bin/python -m pytest tests/test_schema.py --regenerate"


def project_schema_text() -> str:
    """The project file's schema, from the pydantic models that read it (one source: they cannot disagree)."""
    schema = Project.model_json_schema(by_alias=True)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema,
              "title": "factsheet project file (factsheet.yaml)"}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _validator(path: Path) -> jsonschema.Draft202012Validator:
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _problems(validator: jsonschema.Draft202012Validator, doc: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """facts.json of the example story and of the seed articles, built for real."""
    docs = {}
    for name, folder in (("examples", EXAMPLES), ("seeds", SEEDS)):
        out = tmp_path_factory.mktemp(name)
        build([str(folder)], out)
        docs[name] = json.loads((out / "facts.json").read_text(encoding="utf-8"))
    return docs


def test_a_merge_for_a_reason_other_than_likeness_follows_the_schema(tmp_path: Path) -> None:
    briefing = build_outlets(tmp_path, load_rules([builtin_dir("rules")]),
                             "Tarvik Bank declined to comment on the sale of the ferry line.",
                             "Tarvik Bank did not return calls about its plans for the quay.")
    doc = facts_json.to_dict(briefing)
    assert any(link.get("because") for f in doc["facts"] for link in f["merged_on"])
    assert _problems(_validator(FACTS_SCHEMA), doc) == []


@pytest.mark.parametrize("name", ["examples", "seeds"])
def test_real_facts_json_follows_the_schema(outputs: dict[str, dict[str, Any]], name: str) -> None:
    doc = outputs[name]
    assert doc["facts"] and doc["articles"]
    assert _problems(_validator(FACTS_SCHEMA), doc) == []


def test_the_facts_schema_refuses_what_breaks_the_contract(outputs: dict[str, dict[str, Any]]) -> None:
    validator = _validator(FACTS_SCHEMA)
    good = outputs["examples"]
    for change, where in (
        (lambda d: d["facts"][0]["citations"][0].pop("start"), "facts/0/citations/0"),
        (lambda d: d["facts"][0].update(date="10 March 2026"), "facts/0/date"),
        (lambda d: d["facts"][0]["corroboration"].update(independent="2"), "facts/0/corroboration/independent"),
        (lambda d: d["articles"][0].update(published="2026/03/04"), "articles/0/published"),
        (lambda d: d.update(schema=2), "schema"),
        (lambda d: d.pop("skipped"), ": 'skipped' is a required property"),
    ):
        doc = copy.deepcopy(good)
        change(doc)
        found = _problems(validator, doc)
        assert found and any(where in p for p in found), (where, found)


def test_the_facts_schema_lets_fields_be_added(outputs: dict[str, dict[str, Any]]) -> None:
    """The contract may be extended, never broken: an added field is no error."""
    doc = copy.deepcopy(outputs["examples"])
    doc["a_later_block"] = {"anything": 1}
    doc["facts"][0]["a_later_field"] = [1, 2]
    assert _problems(_validator(FACTS_SCHEMA), doc) == []


def test_the_project_schema_is_current(regenerate: bool) -> None:
    if regenerate:
        PROJECT_SCHEMA.write_text(project_schema_text(), encoding="utf-8")
    assert PROJECT_SCHEMA.read_text(encoding="utf-8") == project_schema_text(), REGENERATE


def test_the_rule_file_schema_is_current(regenerate: bool) -> None:
    """The rules schema that ships (and that rule files' `$schema` names) says what the code says."""
    from factsheet.authoring.reference import schema_text

    shipped = ROOT / "schema" / "rules.schema.json"
    if regenerate:
        shipped.write_text(schema_text(), encoding="utf-8")
    assert shipped.read_text(encoding="utf-8") == schema_text(), REGENERATE


def test_the_project_schema_checks_a_project_file() -> None:
    validator = _validator(PROJECT_SCHEMA)
    good = {"version": 1, "inputs": ["articles/", "feeds/*.jsonl"], "out": {"folder": "briefings", "dated": True},
            "since": "24h", "cache": True, "jobs": 4,
            "deliver": {"to": ["desk@example.org"], "smtp": "mail.example.org:587", "security": "starttls"}}
    assert _problems(validator, good) == []
    assert _problems(validator, {**good, "outt": "x"})  # a typo in a key is underlined in the editor
    assert _problems(validator, {**good, "deliver": {**good["deliver"], "security": "tls"}})
    assert _problems(validator, {**good, "deliver": {"to": ["a@example.org"], "password": "x"}})


def test_schemas_are_found_beside_the_built_in_rules() -> None:
    """`$schema=../schema/rules.schema.json` in every rule file names a file that exists, in a checkout as installed."""
    rules = builtin_dir("rules")
    for path in sorted(rules.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = first.split("$schema=", 1)[1]
        assert (rules / target).resolve().is_file(), path
    for name in ("rules.schema.json", "facts.schema.json", "factsheet.schema.json"):
        assert (builtin_dir("schema") / name).is_file(), name
