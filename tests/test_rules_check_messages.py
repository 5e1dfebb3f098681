"""`factsheet check` says what is really wrong: regex syntax in a phrase, a line indented a space off."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.rules.loader import check_rules

HEAD = "version: 1\nrules:\n  - id: arrests\n    kind: event\n    words:\n      people: [people, men]\n"


def _errors(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "rule.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in check_rules([path]).errors]


@pytest.mark.parametrize(("phrase", "fix"), [
    ("{who} (were|have been)? arrested {people}", "write optional words in square brackets: [were|have been]"),
    ("{who} (arrested|detained) {people}", "write one of several words as a word list"),
    ("{who} arrested+ {people}", "a phrase matches each word once: remove it"),
    ("{who} was|were arrested", "'|' outside square brackets"),
    ("{who} arrested .* {people}", "write ... for a few words of any kind"),
    ("{who} arrested \\d+ {people}", "a slot of type number"),
])
def test_regex_syntax_in_a_phrase_is_an_error_that_shows_the_phrase_way(tmp_path: Path, phrase: str,
                                                                       fix: str) -> None:
    errors = _errors(tmp_path, HEAD + f"    phrases:\n      - '{phrase}'\n")
    assert len(errors) == 1, errors
    assert "rule.yaml:8:9: rules[0].phrases[0]:" in errors[0]
    assert fix in errors[0] and "can never match" in errors[0] and "regex:" in errors[0]


def test_a_question_mark_closing_a_quotation_is_plain_text(tmp_path: Path) -> None:
    assert _errors(tmp_path, HEAD + "    phrases:\n      - \"{claim}?' {who} arrested {people}\"\n") == []
    [error] = _errors(tmp_path, HEAD + "    phrases:\n      - '{who}? arrested {people}'\n")
    assert "'?' after a placeholder or bracket" in error


def test_round_brackets_alone_are_a_warning_only(tmp_path: Path) -> None:
    path = tmp_path / "rule.yaml"
    path.write_text(HEAD + "    phrases:\n      - '{who} (KPA) arrested {people}'\n", encoding="utf-8")
    result = check_rules([path])
    assert not result.errors
    assert any("round brackets are matched as they are" in str(w) for w in result.warnings)


@pytest.mark.parametrize(("body", "line", "fragment"), [
    # a phrase one space left of its list: YAML would say the text must be quoted
    ("    phrases:\n      - '{who} arrested {people}'\n     - '{who} detained {people}'\n", 9,
     "this list item is indented 5 spaces, which lines up with nothing above: indent it 4 like 'phrases' on line 7 "
     "or 6 like the list item on line 8"),
    # a word list one space too far in: YAML would say a text that starts with '[' must be in quotes
    ("    phrases: ['{who} arrested {people}']\n    slots:\n     count: {type: number}\n      post: {type: text}\n",
     10, "'post' is indented further than 'count' on the line above (6 spaces, not 5)"),
    # an example's expect: one space short of its text:
    ("    phrases: ['{who} arrested {people}']\n    should_match:\n      - text: Police arrested two men.\n"
     "       expect: {who: police}\n", 10, "'expect' is indented 7 spaces, which lines up with nothing above"),
])
def test_an_indentation_mistake_is_reported_as_one(tmp_path: Path, body: str, line: int, fragment: str) -> None:
    errors = _errors(tmp_path, HEAD + body)
    assert len(errors) == 1, errors
    assert f"rule.yaml:{line}:" in errors[0] and fragment in errors[0], errors
    assert "quotes" not in errors[0]


def test_a_date_slot_with_a_type_is_warned_that_the_type_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "rule.yaml"
    path.write_text(HEAD + "    phrases: ['{who} arrested {people} {date}']\n    slots:\n"
                    "      date: {type: text, from: text}\n", encoding="utf-8")
    result = check_rules([path])
    assert any("{date} always takes date words" in str(w) for w in result.warnings)
