"""`factsheet diff OLD NEW`: the comparison between any two briefings, as text or JSON, with diff's exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import main

from .growing import build_days, facts_json


@pytest.fixture(scope="module")
def days(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return [r.out for r in build_days(tmp_path_factory.mktemp("briefings"))]


def diff(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["diff", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_growing_story_is_told_as_text_and_exits_1(days: list[Path]) -> None:
    code, out, _ = diff(str(days[0]), str(days[1]))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"Since {days[0]} (2026-05-11): ") and "2 with more independent sources" in lines[0]
    assert any(line.startswith("NEW") and "Divers from the coast guard" in line for line in lines)
    assert any(line.startswith("UP") and "Oskar Brandt" in line and "independent sources 1 → 2" in line
               for line in lines)
    assert "new article: veskil_post" in lines and "new outlet: Veskil Post" in lines


def test_what_went_and_why(days: list[Path]) -> None:
    code, out, _ = diff(str(days[1] / "facts.json"), str(days[2]))
    assert code == 1
    assert any(line.startswith("GONE") and "Ines Kovalenko" in line and "coastwire is no longer among the inputs"
               in line for line in out.splitlines())
    assert any(line.startswith("DOWN") and "port authority" in line and "was f-" in line for line in out.splitlines())


def test_the_same_briefing_twice_is_no_change_and_exits_0(days: list[Path]) -> None:
    code, out, _ = diff(str(days[1]), str(days[1] / "facts.json"))
    assert code == 0 and "nothing changed" in out


def test_json_is_the_block_the_build_wrote(days: list[Path]) -> None:
    code, out, _ = diff("--json", str(days[0]), str(days[1]))
    assert code == 1
    printed = json.loads(out)
    assert printed == facts_json(days[1])["changes"], "the build and `diff` compare alike"
    assert set(printed["counts"]) >= {"new", "changed", "more_sources", "fewer_sources", "grade", "conflicts_new",
                                      "conflicts_settled", "merged", "split", "gone", "articles_new", "outlets_new"}


def test_a_file_that_is_not_a_briefing_is_one_line_and_exit_2(days: list[Path], tmp_path: Path) -> None:
    notes = tmp_path / "notes.json"
    notes.write_text('{"hello": "world"}', encoding="utf-8")
    code, out, err = diff(str(notes), str(days[0]))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(notes) in err and "Traceback" not in err
    code, _, err = diff(str(tmp_path), str(days[0]))
    assert code == 2 and "no facts.json there" in err


def test_build_since_a_folder_that_holds_no_briefing_stops_at_once(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--out", str(tmp_path / "out"), "--since-briefing",
                                       str(tmp_path), "--no-send", "-q"])
    assert result.exit_code == 2 and "no facts.json there" in result.stderr
    assert not (tmp_path / "out" / "facts.json").exists()
