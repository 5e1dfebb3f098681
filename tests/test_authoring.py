"""The author's loop: `factsheet check`, `factsheet test` and `factsheet schema` on real and broken rules."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.authoring.commands import as_number, json_schema, run_tests, same_value, schema_text
from factsheet.cli import main
from factsheet.resources import builtin_dir
from factsheet.rules.loader import check_rules, load_rules
from factsheet.rules.schema import MODELS

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "rules.schema.json"
PROBLEM_LINE = re.compile(r"^\S+:\d+:\d+: \S+: .+$")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def my_rules(tmp_path: Path, extra: str | None = None) -> Path:
    """A copy of the built-in rules, as the tutorial makes one, plus one file of our own."""
    folder = tmp_path / "my-rules"
    shutil.copytree(builtin_dir("rules"), folder)
    if extra is not None:
        (folder / "extra.yaml").write_text(extra, encoding="utf-8")
    return folder


RULE = """\
version: 1
rules:
  - id: arrests
    kind: event
    priority: 30
    phrases:
      - 'police detained {arrested} [people|men|women]'
    slots:
      arrested: {type: number}
    should_match:
{examples}
"""


def test_the_built_in_rules_pass_their_examples() -> None:
    code, out, err = invoke("test")
    assert code == 0, out + err
    assert "FAIL" not in out
    assert re.search(r"\d+ examples in \d+ rules: \d+ passed, 0 failed", err)


def test_the_built_in_rules_check_clean_without_warnings() -> None:
    code, out, err = invoke("check")
    assert code == 0
    assert out == ""
    assert "0 errors, 0 warnings" in err


def test_every_built_in_rule_has_examples_of_both_kinds() -> None:
    for rule in load_rules([builtin_dir("rules")]).rules:
        assert rule.should_match and rule.should_not_match, rule.id


def test_check_lists_every_error_of_every_file_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("version: 1\nrules:\n  - id: a\n    kind: events\n    prhases: []\n")
    (tmp_path / "b.yaml").write_text("version: 1\nrules:\n\t- id: b\n")
    code, out, _ = invoke("check", str(tmp_path))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 3, out
    assert all(PROBLEM_LINE.match(line) for line in lines), out
    assert any("a.yaml:4:11: rules[0].kind: 'events' is not allowed" in line for line in lines)
    assert any("a.yaml:5:5: rules[0]: unknown key 'prhases' — did you mean 'phrases'?" in line for line in lines)
    assert any("b.yaml:3:1: YAML: indent with spaces" in line for line in lines)


def test_warnings_alone_pass_unless_strict(tmp_path: Path) -> None:
    folder = my_rules(tmp_path, "version: 1\nrules:\n  - id: lonely\n    phrases: ['{who} resigned']\n")
    code, out, _ = invoke("check", str(folder))
    assert code == 0
    assert "warning: rule 'lonely' has no examples" in out
    assert invoke("check", "--strict", str(folder))[0] == 1


def test_a_build_refuses_bad_rules_with_every_message(tmp_path: Path) -> None:
    from factsheet.errors import RuleError

    (tmp_path / "a.yaml").write_text("version: 2\nrules:\n  - kind: event\n")
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path])
    assert info.value.exit_code == 2
    assert len(info.value.problems) == 2


def test_a_wrong_value_is_reported_with_expected_and_got(tmp_path: Path) -> None:
    examples = ("      - text: Police detained 12 men after the match.\n"
                "        expect: {arrested: \"11\"}\n")
    folder = my_rules(tmp_path, RULE.replace("{examples}\n", examples))
    code, out, err = invoke("test", str(folder))
    assert code == 1
    block = out[out.index("arrests:"):]
    assert "FAIL  line 11" in block
    assert "phrase    police detained {arrested} [people|men|women]" in block
    assert re.search(r"arrested\s+expected\s+11\n\s+got\s+12", block)
    assert "1 failed" in err


def test_numbers_compare_as_numbers(tmp_path: Path) -> None:
    examples = ("      - text: Police detained three men after the match.\n"
                "        expect: {arrested: \"3\"}\n")
    folder = my_rules(tmp_path, RULE.replace("{examples}\n", examples))
    assert invoke("test", str(folder))[0] == 0


def test_a_rule_beaten_by_a_higher_priority_is_told_so(tmp_path: Path) -> None:
    examples = "      - text: Police detained 12 men after the match, the mayor said.\n"
    folder = my_rules(tmp_path, RULE.replace("{examples}\n", examples).replace("priority: 30", "priority: 0"))
    out = invoke("test", str(folder))[1]
    assert "rule 'statement' (priority 10) took the sentence first with phrase '{claim}, {who} [has|had] {say}'" in out
    assert "on its own this rule matches" in out
    assert "give 'arrests' priority 11 or more: the examples of 'statement' still pass with it" in out


def test_an_unmatched_example_gets_the_nearest_phrase_and_why(tmp_path: Path) -> None:
    examples = "      - text: Officers detained 12 men after the match.\n"
    folder = my_rules(tmp_path, RULE.replace("{examples}\n", examples))
    out = invoke("test", str(folder))[1]
    assert "nearest phrase 'police detained {arrested} [people|men|women]': the phrase needs 'police'" in out


def test_an_example_without_a_full_stop_reads_as_a_headline(tmp_path: Path) -> None:
    examples = "      - text: Police detained 12 men\n"
    folder = my_rules(tmp_path, RULE.replace("{examples}\n", examples))
    out = invoke("test", str(folder))[1]
    assert "reads this text as a headline, not as body text (it does not end with '.', '!' or '?')" in out


def test_a_counter_example_that_matches_fails(tmp_path: Path) -> None:
    text = RULE.replace("{examples}\n", "      - Police detained 12 men after the match.\n") + (
        "    should_not_match:\n      - text: Police detained two people in a raid.\n        why: not a riot\n")
    folder = my_rules(tmp_path, text)
    code, out, _ = invoke("test", str(folder))
    assert code == 1
    assert "FAIL  line 13   must not match: Police detained two people in a raid." in out
    assert "but it matched: " in out and "arrested: two" in out


def test_test_exits_1_when_the_rules_do_not_load(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("version: 1\nrules:\n  - id: a\n    kind: events\n")
    code, out, err = invoke("test", str(tmp_path))
    assert code == 1
    assert "'events' is not allowed" in out
    assert "fix them first" in err


@pytest.mark.parametrize(("kind", "expected", "got", "same"), [
    ("number", "3", "three", True),
    ("number", "2,300", "2300", True),
    ("number", "12", "a dozen", True),
    ("number", "3", "4", False),
    ("actor", "the mayor", "Mayor", True),
    ("actor", "Kyiv", "Ukraine", True),
    ("actor", "police", "the army", False),
    ("text", "two cranes had collapsed", "Two cranes had collapsed.", True),
    ("text", "“quoted”", '"quoted"', True),
    ("text", None, None, True),
    ("text", None, "", True),
    ("text", None, "something", False),
    ("text", "something", None, False),
])
def test_values_are_compared_the_way_a_reader_would(kind: str, expected: str | None, got: str | None,
                                                    same: bool) -> None:
    aliases = load_rules([builtin_dir("rules")]).aliases
    assert same_value(kind, expected, got, aliases) is same


def test_number_words() -> None:
    assert as_number("Seventeen") == 17
    assert as_number("dozens") is None


def test_strict_yaml_keeps_what_the_author_typed(tmp_path: Path) -> None:
    text = ("version: 1\nrules:\n  - id: a\n    words:\n      answer: [no, yes, off, 2025-12-10]\n"
            "    phrases: ['{who} said {answer}']\n    should_match:\n"
            "      - text: 2025\n        published: 2025-12-10\n    should_not_match: [It was cold.]\n")
    (tmp_path / "a.yaml").write_text(text)
    result = check_rules([tmp_path / "a.yaml"])
    assert result.errors == [], [str(p) for p in result.errors]
    assert result.ruleset is not None
    rule = result.ruleset.rules[0]
    assert rule.words["answer"] == ["no", "yes", "off", "2025-12-10"]
    assert rule.should_match[0].text == "2025" and rule.should_match[0].published == "2025-12-10"
    assert rule.should_not_match[0].text == "It was cold."


def test_true_and_false_are_the_only_booleans(tmp_path: Path) -> None:
    base = "version: 1\nrules:\n  - id: a\n    any_sentence: {}\n    should_match: [A fact is here.]\n"
    for word, ok in (("true", True), ("False", True), ("yes", False), ("on", False), ("1", False)):
        (tmp_path / "a.yaml").write_text(base.format(word))
        assert (check_rules([tmp_path / "a.yaml"]).ruleset is not None) is ok, word


def test_the_schema_file_is_current(regenerate: bool) -> None:
    if regenerate:
        SCHEMA.write_text(schema_text(), encoding="utf-8")
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), "run: factsheet schema --out schema/rules.schema.json"


def test_the_schema_has_every_key_of_the_models() -> None:
    schema = json_schema()
    for model in MODELS:
        props = schema if model.__name__ == "RuleFile" else schema["$defs"][model.__name__]
        keys = {info.alias or name for name, info in model.model_fields.items()}
        assert set(props["properties"]) == keys, model.__name__
        assert props["additionalProperties"] is False


def test_built_in_rule_files_point_editors_at_the_schema() -> None:
    for path in sorted(builtin_dir("rules").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/rules.schema.json", path


def test_schema_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "s" / "rules.schema.json"
    code, _, err = invoke("schema", "--out", str(out))
    assert code == 0 and "wrote" in err
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "factsheet rule file"
    code, text, _ = invoke("schema")
    assert json.loads(text) == json_schema()


def test_run_tests_reports_lines_per_example() -> None:
    report = run_tests()
    assert report.passed
    assert all(r.line > 0 for t in report.rules for r in t.results)
