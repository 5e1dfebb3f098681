"""facts.json written one fact at a time is byte for byte what facts_json.dumps gives."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from factsheet.build.pipeline import make_briefing
from factsheet.model import Briefing
from factsheet.render import facts_json, trim
from factsheet.render.jsonstream import write_facts_json
from factsheet.resources import builtin_dir
from factsheet.rules.loader import load_rules

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return make_briefing([str(EXAMPLES)], load_rules([builtin_dir("rules")]), jobs=1)


@pytest.mark.parametrize("facts", ["all", "none"])
def test_streamed_is_identical_and_its_digest_is_of_the_bytes(briefing: Briefing, facts: str, tmp_path: Path) -> None:
    chosen = briefing if facts == "all" else replace(briefing, facts=())
    digest = write_facts_json(chosen, tmp_path / "facts.json")
    expected = facts_json.dumps(chosen).encode("utf-8")
    assert (tmp_path / "facts.json").read_bytes() == expected
    assert digest == hashlib.sha256(expected).hexdigest()


def test_a_big_facts_json_is_not_attached_to_the_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "facts.json"
    path.write_bytes(b"{}\n" * 10)
    assert trim.attachments(path) == ({"facts.json": b"{}\n" * 10}, None)
    monkeypatch.setattr(trim, "MAX_ATTACHMENT", 10)
    attached, note = trim.attachments(path)
    assert attached == {} and note is not None and "not attached" in note
