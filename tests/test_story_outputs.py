"""--per-story: each story of a build gets its own briefing, with exactly its own facts and articles."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.build import outputs
from factsheet.build.outputs import OUTPUTS
from factsheet.cli import main

from .render_samples import small_briefing


@pytest.fixture(scope="module")
def per_story_build(three_events: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["build", *three_events, "--out", str(out), "--per-story", "--jobs", "1",
                                       "--no-cache", "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def _json(path: Path) -> dict:  # type: ignore[type-arg]
    return dict(json.loads(path.read_text(encoding="utf-8")))


def test_every_story_gets_its_four_files(per_story_build: Path) -> None:
    whole = _json(per_story_build / "facts.json")
    folders = sorted(p.name for p in (per_story_build / "stories").iterdir())
    assert folders == sorted(s["id"] for s in whole["stories"]) and len(folders) >= 2
    for folder in folders:
        assert all((per_story_build / "stories" / folder / name).is_file() for name in OUTPUTS)


def test_a_story_holds_exactly_its_own_facts_and_articles(per_story_build: Path) -> None:
    whole = _json(per_story_build / "facts.json")
    seen_facts: list[str] = []
    for story in whole["stories"]:
        part = _json(per_story_build / "stories" / story["id"] / "facts.json")
        assert [s["id"] for s in part["stories"]] == [story["id"]]
        assert all(f["story"] == story["id"] for f in part["facts"]) and part["facts"]
        assert {a["story"] for a in part["articles"]} == {story["id"]}
        seen_facts += [f["id"] for f in part["facts"]]
    assert seen_facts == [f["id"] for f in whole["facts"]]  # every fact once, ids as in the whole briefing


def test_facts_out_of_story_order_are_refused() -> None:
    b = small_briefing()
    first, second, *rest = b.facts
    mixed = replace(b, stories=(("s-1", "one"), ("s-2", "two")),
                    facts=(replace(first, story="s-1"), replace(second, story="s-2"),
                           *(replace(f, story="s-1") for f in rest)))
    with pytest.raises(ValueError, match="not consecutive"):
        list(outputs.story_briefings(mixed))


def test_a_story_without_facts_still_gets_its_articles() -> None:
    b = small_briefing()
    b = replace(b, stories=(("s-1", "one"), ("s-2", "quiet")), facts=tuple(replace(f, story="s-1") for f in b.facts),
                articles=tuple(replace(a, story="s-1" if n else "s-2") for n, a in enumerate(b.articles)))
    parts = list(outputs.story_briefings(b))
    assert [p.title for p in parts] == ["one", "quiet"]
    assert parts[1].facts == () and len(parts[1].articles) == 1


def test_a_rebuild_reuses_every_story_pdf_from_the_cache(three_events: list[str], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from factsheet.build.cache import BuildCache
    from factsheet.build.pipeline import build
    from factsheet.render import document as render

    first = BuildCache(tmp_path / "cache")
    build(three_events, tmp_path / "out", cache=first, per_story=True, jobs=1)
    first.prune()  # as the runner does after each run: this run's per-story PDFs must survive it
    assert len(list((tmp_path / "cache" / "pdf").glob("*.pdf"))) >= 4

    def no_rendering(*_: object, **__: object) -> None:
        raise AssertionError("a PDF was rendered again although its HTML did not change")

    monkeypatch.setattr(render, "render_pdf", no_rendering)
    build(three_events, tmp_path / "out", cache=BuildCache(tmp_path / "cache"), per_story=True, jobs=1)
