"""`factsheet test` runs consolidation tests and says what an author can really do about a clash.

should_merge: sentences from several articles must become one fact of the rule;
should_not_merge: they must stay separate facts. Each group goes through
extraction and reconcile as a build would, and a failure names the sentences
and what each fact holds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from factsheet.authoring.commands import run_tests
from factsheet.authoring.explain import why_not
from factsheet.cli import main
from factsheet.resources import builtin_dir
from factsheet.rules.schema import Rule

TUTORIAL_RULES = Path(__file__).resolve().parent / "fixtures" / "tutorial" / "rules"

RECALLS = """\
version: 1
rules:
  - id: recalls
    kind: event
    priority: 20
    words:
      recall: [recalled, has recalled, is recalling]
    phrases:
      - '{who} {recall} {count} {product}'
    slots:
      count: {type: number}
      product: {type: text}
    should_match:
      - text: Brightline has recalled 12,000 Glide 3 e-scooters over a battery fault.
        expect: {product: Glide 3 e-scooters}
GROUPS"""


def _folder(tmp_path: Path, groups: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "recalls.yaml").write_text(RECALLS.replace("GROUPS", groups), encoding="utf-8")
    return folder


def _results(folder: Path, kind: str) -> list:  # type: ignore[type-arg]
    report = run_tests([folder])
    assert not report.check.errors, [str(p) for p in report.check.errors]
    return [r for t in report.rules for r in t.results if r.kind == kind and r.rule == "recalls"]


def test_paraphrases_from_two_outlets_merge_and_the_fuller_product_name_wins(tmp_path: Path) -> None:
    folder = _folder(tmp_path, """\
    should_merge:
      - why: one recall
        sentences:
          - {text: Brightline has recalled 12000 Glide 3 e-scooters over a battery fault that can start fires.,
             outlet: Meriden Herald, published: "2026-03-03"}
          - {text: Brightline is recalling 12000 scooters over a battery fault after three of them caught fire.,
             outlet: Coastal Times, published: "2026-03-03"}
        expect: {who: Brightline, count: "12000", product: Glide 3 e-scooters}
""")
    [result] = _results(folder, "should_merge")
    assert result.passed, result.notes
    assert ("product", "Glide 3 e-scooters") in result.got


def test_a_group_that_does_not_merge_names_each_fact_and_what_it_holds(tmp_path: Path) -> None:
    folder = _folder(tmp_path, """\
    should_merge:
      - sentences:
          - Brightline has recalled 12,000 Glide 3 e-scooters over a battery fault.
          - Norda has recalled 800 Kettle Pro kettles over a faulty switch.
""")
    [result] = _results(folder, "should_merge")
    assert not result.passed
    assert result.notes[0] == "the sentences became 2 facts instead of one:"
    assert any(n.startswith("  sentence 1: rule recalls; who Brightline; count 12000; product Glide 3 e-scooters")
               for n in result.notes), result.notes
    assert any("sentence 2: rule recalls; who Norda; count 800; product Kettle Pro kettles" in n
               for n in result.notes), result.notes


def test_a_wrong_value_of_the_merged_fact_is_shown_expected_against_got(tmp_path: Path) -> None:
    folder = _folder(tmp_path, """\
    should_merge:
      - sentences:
          - Brightline has recalled 12,000 Glide 3 e-scooters over a battery fault that can start fires.
          - Brightline has recalled 12,000 Glide 3 e-scooters over a battery fault, the company said.
        expect: {product: scooters}
""")
    [result] = _results(folder, "should_merge")
    assert not result.passed
    assert [(c.slot, c.expected, c.got) for c in result.checks if not c.ok] == [
        ("product", "scooters", "Glide 3 e-scooters")]


def test_should_not_merge_fails_when_two_sentences_become_one_fact(tmp_path: Path) -> None:
    folder = _folder(tmp_path, """\
    should_not_merge:
      - sentences:
          - Brightline has recalled 12,000 Glide 3 e-scooters over a battery fault that can start fires.
          - Brightline has recalled 12,000 Glide 3 e-scooters over a battery fault that can start a fire.
""")
    [result] = _results(folder, "should_not_merge")
    assert not result.passed
    assert result.notes[0].startswith("sentences 1 and 2 became one fact: rule recalls; who Brightline")


def test_a_sentence_another_rule_takes_is_named(tmp_path: Path) -> None:
    shutil.copytree(builtin_dir("rules"), tmp_path / "rules")
    (tmp_path / "rules" / "recalls.yaml").write_text(RECALLS.replace("GROUPS", """\
    should_merge:
      - sentences:
          - Brightline has recalled 12,000 Glide 3 e-scooters over a battery fault.
          - The recall was announced by Brightline after three fires in Meriden.
"""), encoding="utf-8")
    [result] = _results(tmp_path / "rules", "should_merge")
    assert not result.passed
    assert "sentence 2: not taken by 'recalls' (rule 'report' took it)" in result.notes


def test_the_report_shows_consolidation_groups_with_their_own_labels() -> None:
    result = CliRunner().invoke(main, ["test", str(TUTORIAL_RULES)])
    assert result.exit_code == 0, result.output
    assert "should merge: 2 sentences, from 'Lena Brandt resigned as transport minister" in result.stdout
    assert "must not merge: 2 sentences, from 'Police arrested 14 protesters" in result.stdout


def test_a_new_rule_that_takes_a_built_in_example_gets_the_real_choices(tmp_path: Path) -> None:
    folder = tmp_path / "my-rules"
    shutil.copytree(builtin_dir("rules"), folder)
    shutil.copy(TUTORIAL_RULES / "arrests.yaml", folder / "arrests.yaml")
    out = CliRunner().invoke(main, ["test", str(folder)]).stdout
    block = out[out.index("should match: Police arrested two men near the stadium."):]
    assert "rule 'arrests' (priority 20) took the sentence first" in block
    # raising the built-in rule would hand the new rule's own examples to it: say so, do not advise it
    assert "priority 21 or more for 'event' would not do: 1 example of 'arrests' would then go to 'event'" in block
    assert "if 'arrests' is right to take this sentence, the example belongs there" in block
    assert "add a veto: word to it, and put this sentence under its should_not_match" in block


CASUALTIES = Rule.model_validate({
    "id": "casualties", "phrases": ["killing {killed} ... and {injuring} {wounded} ... {who} {say}"],
    "words": {"injuring": ["injuring", "wounding"], "say": ["said"]},
    "slots": {"killed": {"type": "number"}, "wounded": {"type": "number"}}})
PHRASE = CASUALTIES.phrases[0]


def test_why_not_after_a_gap_blames_the_word_that_is_missing_not_the_gap() -> None:
    miss = why_not(CASUALTIES, PHRASE, "The blast tore the hall, killing one worker and hurting 14 others, "
                                       "the fire service said.")
    assert miss.reason == "the phrase needs one of the 'injuring' words (injuring, wounding) after 'and'"


def test_why_not_names_an_actor_that_is_not_a_known_name_or_role() -> None:
    miss = why_not(CASUALTIES, PHRASE, "The blast tore the hall, killing one worker and injuring 14 others, "
                                       "rescuers said.")
    assert miss.reason.startswith("'rescuers' stands where the phrase needs {who}, but it is not read as a name "
                                  "or a role")


def test_why_not_says_when_the_word_is_there_but_further_than_a_gap_reaches() -> None:
    miss = why_not(CASUALTIES, PHRASE, "The blast tore the hall, killing one worker and injuring 14 others in "
                                       "the old town of Dresk near the river, the fire service said.")
    assert "('said' is in the sentence, but not there; it may be more than six words on" in miss.reason
