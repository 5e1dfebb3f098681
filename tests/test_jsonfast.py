"""facts.json is the same file with orjson installed or not: orjson only writes it faster."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from factsheet import load_rules, make_briefing
from factsheet.model import Briefing
from factsheet.render import facts_json, jsonfast, jsonstream
from factsheet.resources import builtin_dir

from .conftest import EXAMPLES, SEEDS

AWKWARD = {
    "text": "".join(map(chr, range(0x250))) + "\u2028\u2029\ufeff\u200b\U0001f600 </script> & \"quoted\" \\",
    "numbers": [0, -5, 2**63 - 1, True, False, None],
    "empty": [[], {}, {"x": []}, ""],
    "unicode keys": {"Wałęsa": "Ørsted", "": 0},
}


@pytest.fixture(scope="module", params=["examples", "seeds"])
def briefing(request: pytest.FixtureRequest) -> Briefing:
    folder = {"examples": EXAMPLES, "seeds": SEEDS}[request.param]
    return make_briefing([str(folder)], load_rules([builtin_dir("rules")]))


def test_orjson_is_installed_for_the_tests() -> None:
    assert jsonfast.available(), "pip install -e '.[dev]' installs orjson, so both paths are tested"


@pytest.mark.parametrize("value", [AWKWARD, [AWKWARD, AWKWARD], {"deep": [[[{"a": [1]}]]]}, [], {}, "x", 3])
def test_both_encoders_write_the_same_text(value: Any) -> None:
    stdlib = json.dumps(value, ensure_ascii=False, indent=2)
    assert jsonfast.encode(value, fast=False) == stdlib
    assert jsonfast.encode(value) == stdlib


@pytest.mark.parametrize("value", [{"big": 2**70}, {"lone surrogate": "\ud800"}])
def test_what_orjson_refuses_the_standard_library_writes(value: Any) -> None:
    assert jsonfast.encode(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_real_facts_json_is_byte_identical_either_way(briefing: Briefing, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    fast = tmp_path / "fast.json"
    digest = jsonstream.write_facts_json(briefing, fast)
    monkeypatch.setattr(jsonfast, "_orjson", None)  # as without the optional dependency
    slow = tmp_path / "slow.json"
    assert jsonstream.write_facts_json(briefing, slow) == digest
    assert fast.read_bytes() == slow.read_bytes()
    assert slow.read_text(encoding="utf-8") == facts_json.dumps(briefing)
    assert slow.read_text(encoding="utf-8") == json.dumps(facts_json.to_dict(briefing), ensure_ascii=False,
                                                          indent=2) + "\n"


def _numbers(value: Any) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    return []


def test_facts_json_holds_no_floats(briefing: Briefing) -> None:
    """The one place the encoders differ (1e-07 against 1e-7): facts.json keeps to integers."""
    assert _numbers(facts_json.to_dict(briefing)) == []
