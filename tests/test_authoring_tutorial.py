"""The second tutorial of docs/rules.md holds: rules written from the docs pass `check` and `test`,
and a build of four articles gives one fact per real event with the right slot values.

The three rules (resignations, arrests, recalls) and the four articles are in
tests/fixtures/tutorial/; the docs show the same rule files, and the tutorial's
first try fails the way the docs say it does.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factsheet.authoring.commands import check, run_tests
from factsheet.cli import main
from factsheet.resources import builtin_dir

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = Path(__file__).resolve().parent / "fixtures" / "tutorial"
RULES = ("recalls", "resignations", "arrests")


def _doc_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "rules.md").read_text(encoding="utf-8"), flags=re.S)


def _body(text: str) -> str:
    """A rule file without its first line (the schema path depends on the folder)."""
    return text.split("\n", 1)[1]


@pytest.mark.parametrize("name", RULES)
def test_the_docs_show_the_tutorial_rules_as_they_are_tested(name: str) -> None:
    final = [b for b in _doc_blocks() if f"  - id: {name}\n" in b and b.startswith("# yaml-language-server")][-1]
    assert _body(final) == _body((TUTORIAL / "rules" / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def my_rules(tmp_path: Path) -> Path:
    """The tutorial's folder: a copy of the built-in rules with the three new rules beside them."""
    folder = tmp_path / "my-rules"
    shutil.copytree(builtin_dir("rules"), folder)
    for name in RULES:
        shutil.copy(TUTORIAL / "rules" / f"{name}.yaml", folder / f"{name}.yaml")
    return folder


def test_the_new_rules_check_clean_and_pass_their_tests_beside_the_built_in_ones(my_rules: Path) -> None:
    result = check([my_rules])
    assert result.problems == [], [str(p) for p in result.problems]
    report = run_tests([TUTORIAL / "rules"])
    assert report.passed, [(r.rule, r.text, r.notes) for t in report.rules for r in t.results if not r.passed]
    kinds = {r.kind for t in report.rules for r in t.results}
    assert kinds == {"should_match", "should_not_match", "should_merge", "should_not_merge"}


def test_the_first_try_fails_on_the_counter_example_the_docs_show(my_rules: Path) -> None:
    first = next(b for b in _doc_blocks() if "  - id: recalls\n" in b)
    assert "'{who} {recall} {product}'" in first
    (my_rules / "recalls.yaml").write_text(first, encoding="utf-8")
    out = CliRunner().invoke(main, ["test", str(my_rules / "recalls.yaml")]).stdout
    assert "recalls: 2 of 3 examples pass" in out
    assert "FAIL  line 23   must not match: Brightline recalled the days when scooters were a novelty." in out
    assert "product: days" in out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tutorial") / "out"
    result = CliRunner().invoke(main, ["build", str(TUTORIAL / "articles"), "--rules", str(builtin_dir("rules")),
                                       "--rules", str(TUTORIAL / "rules"), "--out", str(out), "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    return out


def _facts(out: Path, rule: str) -> list[dict[str, Any]]:
    facts: list[dict[str, Any]] = json.loads((out / "facts.json").read_text(encoding="utf-8"))["facts"]
    return [f for f in facts if f["rule"] == rule]


def _articles(fact: dict[str, Any]) -> list[str]:
    return sorted({c["article"] for c in fact["citations"]})


def test_one_resignation_reported_three_times_is_one_fact_with_its_post(built: Path) -> None:
    [fact] = _facts(built, "resignations")
    assert (fact["who"], fact["slots"], fact["date"]) == ("Lena Brandt", {"post": "transport minister"}, "2026-03-02")
    assert _articles(fact) == ["01_meriden_herald", "02_coastal_times", "04_port_radio"]
    assert fact["conflicts"] == []


def test_one_recall_takes_the_fullest_product_name_and_lists_no_conflict(built: Path) -> None:
    [fact] = _facts(built, "recalls")
    assert fact["who"] == "Brightline"
    assert fact["slots"] == {"count": "12000", "product": "Glide 3 e-scooters"}  # one article says "scooters"
    assert _articles(fact) == ["01_meriden_herald", "02_coastal_times", "04_port_radio"]
    assert fact["conflicts"] == []


def test_two_arrests_in_two_cities_stay_two_facts(built: Path) -> None:
    facts = sorted(_facts(built, "arrests"), key=lambda f: f["slots"]["count"])
    assert [(f["slots"]["count"], f["date"], _articles(f)) for f in facts] == [
        ("14", "2026-02-28", ["01_meriden_herald", "03_daily_bulletin"]),
        ("2", "2026-03-01", ["02_coastal_times"]),
    ]


def test_the_slot_values_are_in_facts_csv_and_every_card_names_its_rule(built: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built / "facts.csv").read_bytes().decode("utf-8-sig"))))
    assert {r["rule"]: r["slots"] for r in rows if r["rule"] == "recalls"} == {
        "recalls": "count=12000; product=Glide 3 e-scooters"}
    assert sorted(r["slots"] for r in rows if r["rule"] == "arrests") == ["count=14", "count=2"]
    html = (built / "briefing.html").read_text(encoding="utf-8")
    cards = html.count('<article class="fact')
    assert cards == html.count('<span class="rule" title="the rule that found this fact">rule ') > 0
    assert "rule resignations</span>" in html
