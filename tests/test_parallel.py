"""The same facts.json from one process, two processes and a Dask cluster.

Small on purpose (nine real articles about three events, so there are several
stories and several batches); the scale itself is measured by bench/run.py,
never asserted here.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from factsheet.build import parallel
from factsheet.build.pipeline import make_briefing
from factsheet.ingest.stories import Story
from factsheet.model import Article
from factsheet.render import facts_json
from factsheet.resources import builtin_dir
from factsheet.rules.loader import load_rules
from factsheet.rules.schema import RuleSet


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules([builtin_dir("rules")])


def _facts_json(three_events: list[str], rules: RuleSet, **where: object) -> str:
    return facts_json.dumps(make_briefing(three_events, rules, **where))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def one_process(three_events: list[str], rules: RuleSet) -> str:
    return _facts_json(three_events, rules, jobs=1)


def test_several_stories_and_facts_to_compare(one_process: str) -> None:
    data = json.loads(one_process)
    assert len(data["stories"]) >= 2 and len(data["facts"]) > 20


def _differences(got: str, want: str) -> list[str]:
    """The lines that differ, so a rare mismatch says what it was (a bare string compare shows a wall of JSON)."""
    return [line for line in difflib.unified_diff(want.splitlines(), got.splitlines(), "one process", "two",
                                                   lineterm="", n=1)][:40]


def test_two_processes_give_the_same_facts_json(three_events: list[str], rules: RuleSet, one_process: str) -> None:
    diff = _differences(_facts_json(three_events, rules, jobs=2), one_process)
    assert not diff, "\n".join(diff)


def test_a_dask_cluster_gives_the_same_facts_json(three_events: list[str], rules: RuleSet, one_process: str) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        diff = _differences(_facts_json(three_events, rules, scheduler=cluster.scheduler_address), one_process)
    assert not diff, "\n".join(diff)


def test_an_unreachable_scheduler_is_one_clear_error(rules: RuleSet, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(parallel.ClusterError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        parallel.reconcile_stories([], [Story("s-1", "t", ())], rules, scheduler="tcp://127.0.0.1:9")


def test_batches_keep_whole_stories_in_order() -> None:
    work = [parallel.StoryWork(Story(f"s-{n}", "t", ()), tuple(_article(f"{n}-{i}") for i in range(size)))
            for n, size in enumerate([30, 1, 1, 5, 12, 2, 2, 2])]
    batches = parallel.plan(work, jobs=2)
    assert [i for b in batches for i in b] == list(range(len(work)))
    assert len(batches) > 2 and batches[0] == [0]


def _article(article_id: str) -> Article:
    return Article(id=article_id, path=str(Path(f"{article_id}.txt")), text="x")


def test_a_build_with_its_facts_on_disk_gives_the_same_facts_json(three_events: list[str], rules: RuleSet,
                                                                   one_process: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTSHEET_SPILL_AFTER", "5")
    briefing = make_briefing(three_events, rules, jobs=2)
    assert getattr(briefing.facts, "spilled", False)
    diff = _differences(facts_json.dumps(briefing), one_process)
    assert not diff, "\n".join(diff)
    assert all(i.article.text == "" for i in briefing.articles)  # a big build lets the article text go
