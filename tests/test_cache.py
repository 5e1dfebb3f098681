"""Incremental builds: what is reused, what is worked out again, and that both give the same briefing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factsheet.build.cache import BuildCache, code_fingerprint
from factsheet.build.codec import decode, encode
from factsheet.build.pipeline import build, make_briefing
from factsheet.extract.mentions import extract_article
from factsheet.ingest.load import load_paths
from factsheet.model import Briefing, Mention
from factsheet.render import facts_json
from factsheet.resources import builtin_dir
from factsheet.rules.loader import load_rules

from .conftest import EXAMPLES


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Copies of the example articles and the built-in rules that a test may edit, and a cache folder."""
    articles, rules = tmp_path / "articles", tmp_path / "rules"
    shutil.copytree(EXAMPLES, articles)
    shutil.copytree(builtin_dir("rules"), rules)
    return articles, rules, tmp_path / "cache"


def briefing(articles: Path, rules: Path, cache: BuildCache | None) -> Briefing:
    return make_briefing([str(articles)], load_rules([rules]), cache=cache)


def test_second_build_reuses_everything(project: tuple[Path, Path, Path]) -> None:
    articles, rules, folder = project
    first = BuildCache(folder)
    cold = briefing(articles, rules, first)
    assert (first.stats.hits, first.stats.misses, first.stats.briefing) == (0, 6, False)
    second = BuildCache(folder)
    warm = briefing(articles, rules, second)
    assert second.stats.briefing and second.stats.misses == 0 and second.stats.hits == 6
    assert facts_json.dumps(warm) == facts_json.dumps(cold)


def test_cached_and_uncached_builds_agree(project: tuple[Path, Path, Path]) -> None:
    articles, rules, folder = project
    briefing(articles, rules, BuildCache(folder))
    (articles / "02_dresk_courier.txt").unlink()  # the briefing is reconciled again from cached mentions
    cache = BuildCache(folder)
    from_cache = briefing(articles, rules, cache)
    assert not cache.stats.briefing and cache.stats.hits == 5 and cache.stats.misses == 0
    assert facts_json.dumps(from_cache) == facts_json.dumps(briefing(articles, rules, None))


def test_a_changed_article_is_extracted_again(project: tuple[Path, Path, Path]) -> None:
    articles, rules, folder = project
    briefing(articles, rules, BuildCache(folder))
    changed = articles / "04_northern_ledger.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe mayor said the bridge would reopen.\n",
                       encoding="utf-8")
    cache = BuildCache(folder)
    result = briefing(articles, rules, cache)
    assert (cache.stats.hits, cache.stats.misses, cache.stats.briefing) == (5, 1, False)
    assert any("bridge would reopen" in c.text for f in result.facts for c in f.citations)


def test_a_moved_article_is_reused(project: tuple[Path, Path, Path], tmp_path: Path) -> None:
    articles, rules, folder = project
    briefing(articles, rules, BuildCache(folder))
    moved = tmp_path / "elsewhere"
    shutil.move(articles, moved)
    cache = BuildCache(folder)
    result = briefing(moved, rules, cache)
    assert (cache.stats.hits, cache.stats.misses, cache.stats.briefing) == (6, 0, False)  # paths are in facts.json
    assert all(str(moved) in info.article.path for info in result.articles)


def test_a_changed_rule_phrase_re_extracts(project: tuple[Path, Path, Path]) -> None:
    articles, rules, folder = project
    before = briefing(articles, rules, BuildCache(folder))
    statements = rules / "statements.yaml"
    statements.write_text(statements.read_text(encoding="utf-8").replace("    veto: []", "    veto: [Orsa]", 1),
                          encoding="utf-8")
    cache = BuildCache(folder)
    result = briefing(articles, rules, cache)
    assert (cache.stats.hits, cache.stats.misses) == (0, 6)
    assert facts_json.dumps(result) != facts_json.dumps(before)
    assert facts_json.dumps(result) == facts_json.dumps(briefing(articles, rules, None))


def test_documentation_and_reconcile_settings_do_not_re_extract(project: tuple[Path, Path, Path]) -> None:
    articles, rules, folder = project
    briefing(articles, rules, BuildCache(folder))
    statements = rules / "statements.yaml"
    text = statements.read_text(encoding="utf-8")
    statements.write_text(text.replace("description: Someone said", "description: A person said", 1)
                          + "reconcile:\n  corroborated: 3\n", encoding="utf-8")
    cache = BuildCache(folder)
    briefing(articles, rules, cache)
    # every article's mentions are reused; the briefing itself is reconciled again
    assert (cache.stats.hits, cache.stats.misses, cache.stats.briefing) == (6, 0, False)


def test_a_damaged_cache_entry_is_a_miss(project: tuple[Path, Path, Path]) -> None:
    articles, rules, folder = project
    cold = briefing(articles, rules, BuildCache(folder))
    for entry in folder.rglob("*.json"):
        entry.write_text('{"cache": 1, "key": "x", "value": [', encoding="utf-8")
    cache = BuildCache(folder)
    again = briefing(articles, rules, cache)
    assert (cache.stats.hits, cache.stats.misses, cache.stats.briefing) == (0, 6, False)
    assert facts_json.dumps(again) == facts_json.dumps(cold)


def test_an_unwritable_cache_never_fails_the_build(project: tuple[Path, Path, Path]) -> None:
    articles, rules, folder = project
    folder.write_text("a file where the cache folder should be", encoding="utf-8")
    cache = BuildCache(folder)
    result = briefing(articles, rules, cache)
    assert result.facts and cache.stats.misses == 6
    assert cache.stats.errors and "cannot write the cache" in cache.stats.errors[0]


def test_the_pdf_is_reused_when_the_html_is_the_same(project: tuple[Path, Path, Path], tmp_path: Path) -> None:
    articles, rules, folder = project
    out, look = tmp_path / "out", tmp_path / "look"
    shutil.copytree(builtin_dir("templates"), look)
    build([str(articles)], out, [rules], look, cache=BuildCache(folder))
    first = (out / "briefing.pdf").read_bytes()
    cache = BuildCache(folder)
    build([str(articles)], out, [rules], look, cache=cache)
    assert cache.stats.briefing and cache.stats.pdf
    assert (out / "briefing.pdf").read_bytes() == first
    assert json.loads((out / "facts.json").read_text(encoding="utf-8"))["facts"]


def test_entries_are_json_not_pickle(project: tuple[Path, Path, Path]) -> None:
    articles, rules, folder = project
    briefing(articles, rules, BuildCache(folder))
    entries = list(folder.rglob("*.json"))
    assert entries
    for entry in entries:
        data = json.loads(entry.read_text(encoding="utf-8"))
        assert data["cache"] == 1 and data["key"] == entry.stem


def test_mentions_survive_the_round_trip() -> None:
    rules = load_rules([builtin_dir("rules")])
    article = load_paths([str(EXAMPLES / "01_kestrian_press.txt")]).articles[0]
    mentions = extract_article(article, rules)
    assert mentions
    assert [decode(Mention, json.loads(json.dumps(encode(m)))) for m in mentions] == mentions


def test_decode_refuses_data_of_the_wrong_shape() -> None:
    with pytest.raises((TypeError, ValueError)):
        decode(Mention, {"rule": 1})
    with pytest.raises(TypeError):
        decode(Mention, {"__reduce__": "os.system"})


def test_code_fingerprint_is_stable_within_a_run() -> None:
    assert code_fingerprint() == code_fingerprint() and len(code_fingerprint()) == 64
