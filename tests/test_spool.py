"""A big build's facts move to disk and read back unchanged, in order."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factsheet.build import spool
from factsheet.build.spool import FactSpool
from factsheet.model import Fact

from .render_samples import small_briefing

SAMPLES = small_briefing().facts


def _facts(n: int) -> list[Fact]:
    return [replace(SAMPLES[i % len(SAMPLES)], id=f"f-{i + 1}") for i in range(n)]


def test_a_small_spool_stays_in_memory() -> None:
    facts = FactSpool(_facts(3), limit=10)
    assert not facts.spilled and list(facts) == _facts(3) and facts == tuple(_facts(3))


def test_past_the_limit_every_fact_moves_to_disk_and_reads_back_in_order() -> None:
    facts = FactSpool(_facts(25), limit=10)
    assert facts.spilled and len(facts) == 25
    assert list(facts) == _facts(25)
    assert facts[0] == _facts(1)[0] and facts[-1].id == "f-25" and [f.id for f in facts[3:6]] == ["f-4", "f-5", "f-6"]
    with pytest.raises(IndexError):
        facts[25]


def test_facts_can_still_be_added_while_spilled_and_read_twice() -> None:
    facts = FactSpool(_facts(12), limit=10)
    facts.append(replace(SAMPLES[0], id="late"))
    assert [f.id for f in facts][-2:] == ["f-12", "late"]
    assert list(facts) == list(facts)


def test_the_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(spool.ENV, "2")
    assert FactSpool(_facts(3)).spilled
    monkeypatch.setenv(spool.ENV, "not a number")
    assert not FactSpool(_facts(3)).spilled


@given(count=st.integers(0, 40), limit=st.integers(0, 12), chunk=st.integers(1, 5000))
def test_reading_back_matches_what_was_written(count: int, limit: int, chunk: int) -> None:
    original = spool.READ_CHUNK
    spool.READ_CHUNK = chunk  # small reads: facts that straddle a read boundary
    try:
        facts = FactSpool(_facts(count), limit=limit)
        assert list(facts) == _facts(count) and len(facts) == count
        assert [facts[i] for i in range(count)] == _facts(count)
    finally:
        spool.READ_CHUNK = original
