"""Broken rule files, each with the precise message and line an author needs to fix it.

Each case starts from one good file and breaks one thing the way people do:
a tab, a second ': ', an unquoted '{who} ...', `required: yes`, a typo in a
key or a placeholder, a regular expression that never ends. The message must
name the place (line) and say what to write instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.rules.loader import check_rules

GOOD = """\
version: 1
rules:
  - id: casualties
    kind: event
    words:
      hurt: [wounded, injured]
    phrases:
      - '{killed} people were killed and {wounded} {hurt}'
    slots:
      killed: {type: number}
      wounded: {type: number}
    should_match:
      - text: Three people were killed and two wounded.
        expect: {killed: "3", wounded: "2"}
"""
PHRASE = "'{killed} people were killed and {wounded} {hurt}'"


def broken(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


# (case, file text, line of the message, fragment of the message)
ERRORS: list[tuple[str, str | bytes, int, str]] = [
    ("tab indent", broken("    kind: event", "\tkind: event"), 4, "indent with spaces, not tabs"),
    ("duplicate key", broken("    kind: event\n", "    kind: event\n    kind: statement\n"), 5,
     "duplicate key 'kind' (first at line 4)"),
    ("second colon", broken("- text: Three", "- text: Breaking: three"), 13,
     "this line has a second ': ' — put the text in quotes"),
    ("unquoted phrase", broken(PHRASE, PHRASE.strip("'")), 8,
     "a text that starts with '{' must be in quotes"),
    ("unquoted lone placeholder", broken(PHRASE, "{claim}"), 8,
     "YAML read {claim} as a mapping: put the text in quotes"),
    ("phrase starting with a quote mark", broken(PHRASE, '"{claim}," he said'), 8,
     "put the whole text in single quotes: '\"{claim},\" he said'"),
    ("apostrophe in single quotes", broken(PHRASE, "'{claim}, the ministry's spokesman said'"), 8,
     "write each apostrophe twice ('')"),
    ("unknown key", broken("    phrases:", "    phrase:"), 7,
     "rules[0]: unknown key 'phrase' — did you mean 'phrases'? (allowed: id, kind"),
    ("yes for true", broken("killed: {type: number}", "killed: {type: number, required: yes}"), 10,
     "rules[0].slots.killed.required: write true or false, not 'yes'"),
    ("no version", broken("version: 1\n", ""), 1, "'version' is required: start the file with the line 'version: 1'"),
    ("future version", broken("version: 1", "version: 2"), 1, "this factsheet reads rule files of version 1"),
    ("rule without id", broken("  - id: casualties\n    kind: event", "  - kind: event"), 3,
     "rules[0]: 'id' is required: give the rule a short name"),
    ("id with a space", broken("id: casualties", "id: casualty count"), 3,
     "'casualty count' cannot be an id: use letters, digits, '-' and '_' only, e.g. casualty_count"),
    ("unknown kind", broken("kind: event", "kind: events"), 4,
     "'events' is not allowed — did you mean 'event'? (allowed: statement, event)"),
    ("unknown single-source need", broken("    slots:\n", "    single_source: {needs: [names]}\n    slots:\n"), 9,
     "'names' is not allowed — did you mean 'name'? (allowed: name, figure, date, actor)"),
    ("single-source with nothing needed", broken("    slots:\n", "    single_source: {needs: []}\n    slots:\n"),
     9, "rules[0].single_source.needs: give at least 1: an empty list here means nothing"),
    ("unknown slot type", broken("killed: {type: number}", "killed: {type: integer}"), 10,
     "'integer' is not allowed (allowed: actor, person, text, number, date)"),
    ("placeholder typo", broken("{wounded} {hurt}", "{wounded} {hrut}"), 8,
     "{hrut} is neither a slot nor a word list — did you mean {hurt}?"),
    ("unclosed placeholder", broken("{wounded} {hurt}", "{wounded {hurt}"), 8,
     "the placeholder '{wounded' at character 33 has no closing '}'"),
    ("optional placeholder", broken("{wounded} {hurt}", "[{wounded}] {hurt}"), 8,
     "optional parts hold plain words only"),
    ("slot twice in a phrase", broken("{wounded} {hurt}", "{killed} {hurt}"), 8,
     "{killed} appears twice in this phrase"),
    ("regex that cannot be read", broken("    slots:", "    regex:\n      - '(?P<killed>\\d+ killed'\n    slots:"), 10,
     "this regular expression cannot be read: missing )"),
    ("regex that never ends", broken("    slots:", "    regex:\n      - '(?P<claim>(a|aa)+)$'\n    slots:"), 10,
     "this regular expression takes more than 0.05 s"),
    ("anchor and alias", broken("      hurt: [wounded, injured]",
                                "      hurt: &h [wounded, injured]\n      harm: *h"), 7,
     "aliases (*h) are not allowed in rule files"),
    ("python tag", broken("kind: event", "kind: !!python/object/apply:os.system [ls]"), 4,
     "tags like '!!python/object/apply:os.system' are not allowed"),
    ("huge file", GOOD + "# " + "x" * (1024 * 1024) + "\n", 1, "the file is larger than 1024 KB"),
    ("text instead of a list", broken(f"    phrases:\n      - {PHRASE}",
                                      "    phrases: '{killed} people were killed'"), 7,
     "rules[0].phrases: write a list: one item a line, each starting with '- '"),
    ("quote never closed", broken(PHRASE, "'{killed} people were killed"), 8,
     "a quote mark is opened but never closed"),
    ("date not ISO", broken("        expect:", "        published: 5 Feb 2026\n        expect:"), 14,
     "'5 Feb 2026' is not a date: write YYYY-MM-DD"),
    ("expect key typo", broken('expect: {killed: "3"', 'expect: {kiled: "3"'), 14,
     "'kiled' is not a slot of this rule — did you mean 'killed'?"),
    ("setting out of range", GOOD + "reconcile:\n  same_fact: 1.5\n", 16,
     "reconcile.same_fact: '1.5' is out of range: write a number from 0 to 1"),
    ("not UTF-8", broken("Three people", "Trois personnes à").encode("latin-1"), 13, "the file is not UTF-8 text"),
    ("empty file", "", 1, "the file is empty; a rule file starts with 'version: 1'"),
    ("list at top level", "- id: a\n- id: b\n", 1, "a rule file is a set of keys"),
    ("over-indented key", broken("    kind: event", "     kind: event"), 4,
     "'kind' is indented further than 'id' on the line above"),
    ("word list and slot with one name", broken("      wounded: {type: number}", "      wounded: {type: number}\n"
                                                 "      hurt: {type: text}"), 6,
     "'hurt' is both a word list and a slot"),
    ("no space after the dash", broken("  - id: casualties", "  -id: casualties"), 3, "put a space after '-'"),
    ("word for a number", broken("    kind: event", "    kind: event\n    priority: high"), 5,
     "rules[0].priority: write a whole number here, not 'high'"),
    ("duplicate id", GOOD + GOOD.split("rules:\n")[1], 15, "the id 'casualties' is already used (line 3)"),
    ("key without colon", broken("    kind: event", "    kind event"), 4, "this line has no ':' — write key: value"),
]

WARNINGS: list[tuple[str, str, int, str]] = [
    ("rule without examples", GOOD.split("    should_match")[0], 3, "rule 'casualties' has no examples"),
    ("phrase without placeholder", broken(PHRASE, "'state of emergency'"), 8,
     "this phrase has no slot ({who}, {claim}, ...)"),
    ("undeclared placeholder", broken("{wounded} {hurt}", "{wounded} {hurt} {place}"), 8,
     "{place} is neither a slot nor a word list, so it matches any words"),
    ("'from' outside the date slot", broken("killed: {type: number}", "killed: {type: number, from: article}"), 10,
     "'from' only applies to the date slot"),
    ("declared slot no phrase uses", broken("      wounded: {type: number}", "      wounded: {type: number}\n"
                                           "      place: {type: text}"), 12,
     "the slot 'place' is set here but no phrase"),
    ("phrase of placeholders only", broken(PHRASE, "'{killed} {wounded}'"), 8, "has no words of its own"),
]


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "broken.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_the_good_file_is_clean(tmp_path: Path) -> None:
    result = check_rules([_write(tmp_path, GOOD)])
    assert result.problems == []
    assert result.ruleset is not None and result.ruleset.rules[0].id == "casualties"


@pytest.mark.parametrize(("text", "line", "fragment"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_a_broken_file_gets_a_precise_message(tmp_path: Path, text: str | bytes, line: int, fragment: str) -> None:
    path = _write(tmp_path, text)
    result = check_rules([path])
    assert result.ruleset is None
    shown = [str(p) for p in result.errors]
    hits = [p for p in result.errors if fragment in str(p)]
    assert hits, f"no message with {fragment!r} in {shown}"
    assert hits[0].line == line, shown
    assert str(hits[0]).startswith(f"{path}:{line}:{hits[0].column}: ")


@pytest.mark.parametrize(("text", "line", "fragment"), [c[1:] for c in WARNINGS], ids=[c[0] for c in WARNINGS])
def test_a_suspicious_rule_gets_a_warning_but_loads(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    result = check_rules([_write(tmp_path, text)])
    assert result.errors == [], [str(p) for p in result.errors]
    hits = [p for p in result.warnings if fragment in str(p)]
    assert hits, [str(p) for p in result.warnings]
    assert hits[0].line == line
    assert " warning: " in str(hits[0])
    assert result.ruleset is not None


def test_there_are_at_least_twenty_kinds_of_broken_file() -> None:
    assert len({c[0] for c in ERRORS}) >= 20


def test_a_schema_error_does_not_hide_the_phrase_errors_of_the_same_file(tmp_path: Path) -> None:
    text = broken("    kind: event", "    kind: events").replace("{wounded} {hurt}", "{wounded} {hrut}")
    errors = [str(p) for p in check_rules([_write(tmp_path, text)]).errors]
    assert len(errors) == 2, errors
    assert "'events' is not allowed" in errors[0] and "did you mean {hurt}?" in errors[1]


def test_a_value_over_several_lines_is_shown_on_the_messages_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "version: 1\n\n      - '{who} said {claim}'\n")
    [problem] = check_rules([path]).errors
    assert "\n" not in str(problem) and "write a whole number here, not '1 - '{who} said {claim}''" in str(problem)


def test_a_key_over_several_lines_is_shown_on_the_messages_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "? a\n\n      - '{who} said {claim}'\n")
    problems = [str(p) for p in check_rules([path]).errors]
    assert problems and all("\n" not in p for p in problems)
    assert any("unknown key 'a - '{who} said {claim}''" in p for p in problems)
