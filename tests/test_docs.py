"""The docs cannot fall behind the code: every rule key and every command is documented.

The reference section of docs/rules.md is generated from the pydantic models
(`pytest tests/test_docs.py --regenerate` rewrites it); the tutorial's rule
files are checked and tested like any other.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.authoring.commands import check, reference_markdown, run_tests
from factsheet.cli import main
from factsheet.rules.loader import load_rules
from factsheet.rules.schema import MODELS

ROOT = Path(__file__).resolve().parent.parent
RULES_DOC = ROOT / "docs" / "rules.md"
START = re.compile(r"<!-- reference:start[^>]*-->\n")
END = "<!-- reference:end -->"


def _doc() -> str:
    return RULES_DOC.read_text(encoding="utf-8")


def _yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


def test_reference_is_generated_from_the_models(regenerate: bool) -> None:
    doc = _doc()
    start = START.search(doc)
    assert start and END in doc, "docs/rules.md lost its reference markers"
    current = doc[start.end():doc.index(END)]
    wanted = reference_markdown() + "\n"
    if regenerate:
        RULES_DOC.write_text(doc[:start.end()] + wanted + doc[doc.index(END):], encoding="utf-8")
        return
    assert current == wanted, "the reference is stale: run pytest tests/test_docs.py --regenerate"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_rule_key_is_documented(model: type) -> None:
    doc = _doc()
    for name, info in model.model_fields.items():  # type: ignore[attr-defined]
        key = info.alias or name
        assert f"| `{key}` |" in doc, f"rule key '{key}' ({model.__name__}) is not documented in docs/rules.md"


def test_every_key_the_built_in_rules_use_is_documented() -> None:
    doc = _doc()
    used = set()
    for path in (ROOT / "rules").glob("*.yaml"):
        used |= set(re.findall(r"^\s*(?:- )?([a-z_]+):", path.read_text(encoding="utf-8"), flags=re.M))
        used |= set(re.findall(r"[{,]\s*([a-z_]+):", path.read_text(encoding="utf-8")))
    rules = load_rules([ROOT / "rules"]).rules  # the names of word lists and slots are the author's, not keys
    slot_or_list_names = {n for r in rules for n in (*r.words, *r.slots)} | {"who", "date", "claim"}
    for key in sorted(used - slot_or_list_names):
        assert f"`{key}`" in doc or f"`{{{key}}}`" in doc, f"key '{key}' used in rules/ is not documented"


def test_every_command_is_documented_with_an_example() -> None:
    docs = (ROOT / "README.md").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    for name, command in main.commands.items():
        assert f"factsheet {name}" in docs, f"command '{name}' is not documented in README.md or docs/"
        assert "Example:" in (command.help or ""), f"command '{name}' has no Example: in its help"


def test_the_tutorial_ends_with_the_built_in_casualty_rule() -> None:
    final = [b for b in _yaml_blocks(_doc()) if "  - id: casualties" in b][-1]
    assert final == (ROOT / "rules" / "casualties.yaml").read_text(encoding="utf-8")


def test_the_tutorial_first_rule_checks_and_tests_clean(tmp_path: Path) -> None:
    folder = tmp_path / "my-rules"
    shutil.copytree(ROOT / "rules", folder)
    (folder / "casualties.yaml").unlink()
    first = next(b for b in _yaml_blocks(_doc()) if b.startswith("# yaml-language-server"))
    (folder / "casualties.yaml").write_text(first, encoding="utf-8")
    result = check([folder])
    assert result.problems == [], [str(p) for p in result.problems]
    report = run_tests([folder])
    assert report.passed
    assert any(t.rule.id == "casualties" and len(t.results) == 2 for t in report.rules)


def test_the_tutorial_typo_gives_the_message_the_tutorial_shows(tmp_path: Path) -> None:
    folder = tmp_path / "my-rules"
    folder.mkdir()
    first = next(b for b in _yaml_blocks(_doc()) if b.startswith("# yaml-language-server"))
    (folder / "casualties.yaml").write_text(first.replace("{hurt}'", "{hrut}'"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1
    assert "casualties.yaml:11:9: rules[0].phrases[0]: {hrut} is neither a slot nor a word list — did you mean " \
           "{hurt}?" in result.output
