"""The whole product: real articles in, three outputs out, contract kept."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from factsheet import build

from .conftest import EXAMPLES, SEEDS


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    build([str(SEEDS)], out)
    return out


def test_build_writes_the_three_outputs(seeds_build: Path) -> None:
    for name in ("briefing.html", "briefing.pdf", "facts.json"):
        assert (seeds_build / name).stat().st_size > 0
    assert not [p for p in seeds_build.iterdir() if p.name.startswith(".factsheet-")], "staging left behind"


def test_facts_json_follows_the_contract(seeds_build: Path) -> None:
    doc = json.loads((seeds_build / "facts.json").read_text(encoding="utf-8"))
    assert doc["schema"] == 1
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    assert {a["id"] for a in doc["articles"]} == set(texts)
    for a in doc["articles"]:
        assert set(a) >= {"id", "title", "outlet", "url", "published", "copy_of", "story"}
    assert doc["facts"]
    for fact in doc["facts"]:
        assert set(fact) >= {"id", "rule", "who", "claim", "date", "corroboration", "citations", "conflicts"}
        arts = {c["article"] for c in fact["citations"]}
        assert fact["corroboration"]["articles"] == len(arts)
        assert 1 <= fact["corroboration"]["independent"] <= len(arts)
        for c in fact["citations"]:
            assert c["text"] and c["text"] in texts[c["article"]]


def test_citation_offsets_slice_the_loaded_text(seeds_build: Path) -> None:
    from factsheet.ingest.load import load_paths

    loaded = {a.id: a.text for a in load_paths([str(SEEDS)]).articles}
    doc = json.loads((seeds_build / "facts.json").read_text(encoding="utf-8"))
    for fact in doc["facts"]:
        for c in fact["citations"]:
            assert loaded[c["article"]][c["start"]:c["end"]] == c["text"]


def test_pdf_opens_and_holds_the_facts(seeds_build: Path) -> None:
    reader = pypdf.PdfReader(seeds_build / "briefing.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    doc = json.loads((seeds_build / "facts.json").read_text(encoding="utf-8"))
    top = doc["facts"][0]["claim"]
    assert " ".join(top.split()[:4]) in " ".join(text.split())


def test_cli_builds_the_example_story(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "factsheet.cli", "build", str(EXAMPLES), "--out", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "briefing.pdf").exists()


def test_an_unreadable_input_is_skipped_and_listed(tmp_path: Path) -> None:
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "good.txt").write_text(
        "Harbour Strike Ends\nDock workers returned to work on Monday, the union said.\n", encoding="utf-8")
    (articles / "empty.txt").write_text("", encoding="utf-8")
    (articles / "latin1.txt").write_bytes("Le maire a déclaré que le pont rouvrira.".encode("latin-1"))
    (articles / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = build([str(articles)], tmp_path / "out")
    skipped = {Path(s.path).name: s.reason for s in result.briefing.skipped}
    used = {a.article.id for a in result.briefing.articles}
    assert used == {"good", "latin1"}
    assert set(skipped) == {"empty.txt", "photo.png"}
    assert len(used) + len(skipped) == 4
    html = (tmp_path / "out" / "briefing.html").read_text(encoding="utf-8")
    assert "photo.png" in html and "empty.txt" in html
