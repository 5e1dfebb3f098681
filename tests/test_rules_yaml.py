"""The strict YAML reader: PyYAML's traps are refused quickly, every problem is collected, strings stay strings."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from factsheet.rules import strict_yaml
from factsheet.rules.loader import check_rules
from factsheet.rules.reader import Problem


def test_scalars_stay_the_text_the_author_typed() -> None:
    data, marks = strict_yaml.load("a: no\nb: 2025-12-10\nc: 1.0\nd: ~\ne: ''\nf: 'null'\n")
    assert data == {"a": "no", "b": "2025-12-10", "c": "1.0", "d": None, "e": "", "f": "null"}
    assert marks[("b",)] == strict_yaml.Mark(2, 1)
    assert marks[("b", "=")] == strict_yaml.Mark(2, 4)


def test_a_billion_laughs_is_refused_before_it_is_built() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    start = time.perf_counter()
    loaded = strict_yaml.read("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 2
    assert loaded.fatal and loaded.data is None
    assert any("aliases (*a) are not allowed" in p.message for p in loaded.problems)


def test_every_duplicate_and_tag_is_collected_with_its_place() -> None:
    loaded = strict_yaml.read("a: 1\na: 2\nb:\n  c: !!binary aGk=\n  c: 3\n")
    assert not loaded.fatal
    found = [(p.mark.line, p.path, p.message.split(";")[0]) for p in loaded.problems]
    assert found == [
        (2, (), "duplicate key 'a' (first at line 1)"),
        (4, ("b", "c"), "tags like '!!binary' are not allowed in rule files"),
        (5, ("b",), "duplicate key 'c' (first at line 4)"),
    ]


@pytest.mark.parametrize(("text", "line", "fragment"), [
    ("a: 1\n---\nb: 2\n", 2, "a rule file holds one document"),
    ("base: &b {x: 1}\nc:\n  <<: *b\n", 1, "anchors (&b) are not allowed"),
    ("a: " + "[" * 60 + "]" * 60 + "\n", 1, "nests lists and keys too deeply"),
    ("a: @home\n", 1, "a text cannot start with '@' unless it is in quotes"),
    ("a: [x, y\nb: 2\n", 2, "indentation does not line up"),
])
def test_more_traps_have_plain_messages(text: str, line: int, fragment: str) -> None:
    loaded = strict_yaml.read(text)
    assert loaded.problems, text
    assert fragment in loaded.problems[0].message
    assert loaded.problems[0].mark.line == line


def test_a_byte_order_mark_is_not_a_problem() -> None:
    assert strict_yaml.load("\ufeffversion: 1\n")[0] == {"version": "1"}


def test_load_raises_the_first_problem() -> None:
    with pytest.raises(strict_yaml.YamlProblem, match="indent with spaces"):
        strict_yaml.load("a:\n\t- b\n")


def test_problems_print_in_the_linter_format() -> None:
    assert str(Problem("r.yaml", 7, 7, "rules[0].claim", "unknown key 'lookfor'")) == \
        "r.yaml:7:7: rules[0].claim: unknown key 'lookfor'"
    assert str(Problem("r.yaml", 3, 5, "rules[0]", "no examples", "warning")) == \
        "r.yaml:3:5: rules[0]: warning: no examples"
    assert str(Problem("r.yaml", 0, 0, "", "no such rule file")) == "r.yaml: no such rule file"


def test_a_missing_file_or_empty_folder_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert [str(p) for p in check_rules([missing]).errors] == [f"{missing}: no such rule file"]
    assert "no rule files (*.yaml) found" in str(check_rules([tmp_path]).errors[0])
