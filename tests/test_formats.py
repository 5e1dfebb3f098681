"""Web pages and crawler output load into Articles: main text, metadata, nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factsheet.ingest.formats import load_html, load_json, load_jsonl
from factsheet.ingest.load import load_many, load_paths
from factsheet.ingest.reading import ArticleSkip
from factsheet.model import Article, Skipped

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "inputs"


def test_boilerplate_page_gives_the_story_and_its_metadata() -> None:
    a = load_html(FIXTURES / "ferry_boilerplate.html")
    assert a.title == "Crane collapse shuts Port Aldren ferry terminal"
    assert a.outlet == "Harbour Herald"
    assert a.url == "https://harbourherald.example/news/2024/03/12/port-aldren-crane-collapse"
    assert a.published is not None and a.published.isoformat() == "2024-03-12"
    assert a.authors == ("Lena Marsh",)
    assert "toppled across the passenger ramp" in a.text
    assert "Tomas Brandt, called for an independent inquiry" in a.text
    for junk in ("cookies", "Most read", "Share on", "newsletter", "Subscribe", "Privacy policy",
                 "Ferry fares to rise", "Storm warning", "All rights reserved", "Advertisement"):
        assert junk not in a.text, junk
    sources = dict(a.provenance)
    assert sources["outlet"] == "page metadata (site name)"
    assert sources["published"] == "page metadata (htmldate)"


def test_windows_1252_page_is_decoded_by_its_declared_charset() -> None:
    a = load_html(FIXTURES / "ferry_cp1252.html")
    assert "Zoë Lindqvist" in a.text and "café" in a.text and "€12" in a.text
    assert "“It came down with a noise like thunder,”" in a.text
    assert "authority’s chief executive" in a.text
    assert "\r" not in a.text and "Ã" not in a.text
    assert dict(a.provenance)["encoding"] == "cp1252 (declared)"
    assert "Front page" not in a.text and "Café guide" not in a.text


def test_scripts_iframes_and_handlers_never_reach_the_text() -> None:
    a = load_html(FIXTURES / "comet_scripted.html")
    assert "designation C/2024 G3" in a.text
    for junk in ("INJECTED", "SCRIPT IN BODY", "IFRAME FALLBACK", "alert", "trackingId", "javascript",
                 "enable JavaScript", "font-family", "NewsArticle"):
        assert junk not in a.text, junk
    assert a.outlet == "Skywatch Daily"
    assert a.url == "https://skywatch.example/2024/04/grenholt-comet"


def test_page_without_a_charset_is_detected_not_assumed(tmp_path: Path) -> None:
    page = ("<html><head><title>Brücke gesperrt</title></head><body><article>"
            "<p>Die Brücke über die Förde bleibt nach dem Unfall für mindestens zwei Wochen gesperrt, "
            "teilte die Straßenbauverwaltung am Montag mit. Pendler müssen über Großenbrode fahren.</p>"
            "<p>Die Gutachter prüfen zunächst die Träger, bevor über eine Öffnung für Fußgänger "
            "entschieden wird, sagte eine Sprecherin.</p></article></body></html>")
    path = tmp_path / "bruecke.html"
    path.write_bytes(page.encode("latin-1"))
    a = load_html(path)
    assert "Die Brücke über die Förde" in a.text and "Straßenbauverwaltung" in a.text
    assert dict(a.provenance)["encoding"].endswith("(detected)")


def test_page_that_declares_utf8_but_is_not_falls_back_to_detection(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="utf-8"><title>Café closes</title></head><body><article>'
            "<p>The café on the harbour front closed on Friday after forty years, its owner said. "
            "Regulars gathered for a last coffee and a farewell speech by the owner’s daughter.</p>"
            "<p>The building will be turned into flats, according to plans filed with the council.</p>"
            "</article></body></html>")
    path = tmp_path / "cafe.html"
    path.write_bytes(page.encode("cp1252"))
    a = load_html(path)
    assert "The café on the harbour front" in a.text and "owner’s daughter" in a.text


def test_xhtml_with_an_xml_prolog_loads(tmp_path: Path) -> None:
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            "<title>Tide record</title></head><body><article><p>The tide gauge at Holmvik recorded its highest "
            "level since 1953 on Sunday night, the coastal agency said in a statement on Monday morning.</p>"
            "<p>Several streets near the harbour were flooded to a depth of half a metre.</p></article></body></html>")
    path = tmp_path / "tide.xhtml"
    path.write_text(page, encoding="utf-8")
    assert "highest level since 1953" in load_html(path).text


@pytest.mark.parametrize("content", [b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
                                     b"\x00\x01\x02\x03" * 1000, b"<html>" + b"<div>" * 50_000])
def test_pages_without_a_story_are_skipped_with_a_reason(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    with pytest.raises(ArticleSkip) as err:
        load_html(path)
    assert "\n" not in str(err.value) and ";" in str(err.value)


def test_a_page_over_the_size_limit_is_skipped_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factsheet.ingest import formats

    monkeypatch.setattr(formats, "MAX_PAGE_BYTES", 1024)
    path = tmp_path / "huge.html"
    paragraphs = "<p>A long page about the harbour.</p>" * 100
    path.write_text(f"<html><body><article>{paragraphs}</article></body></html>", encoding="utf-8")
    with pytest.raises(ArticleSkip, match="web page larger than"):
        load_html(path)


def test_news_please_record_fields() -> None:
    a = load_json(FIXTURES / "ferry_record.json")
    assert isinstance(a, Article)
    assert a.id == "ferry_record"
    assert a.title == "Islanders face long detour after Port Aldren crane collapse"
    assert a.text.startswith("Islanders face long detour")  # maintext, as the crawler stored it
    assert a.outlet == "islandvoice.example"
    assert a.url == "https://www.islandvoice.example/2024/03/12/detour"
    assert a.published is not None and a.published.isoformat() == "2024-03-12"
    assert a.authors == ("Ingrid Paulsen",)
    assert dict(a.provenance)["outlet"] == "news-please record (source_domain)"


def test_jsonl_gives_one_article_a_line_and_names_the_bad_line() -> None:
    items = load_jsonl(FIXTURES / "comet_records.jsonl")
    assert isinstance(items, list)
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [a.id for a in articles] == ["comet_records-1", "comet_records-2", "comet_records-3"]
    assert articles[0].path.endswith("comet_records.jsonl:1")
    assert len(skipped) == 1 and skipped[0].path.endswith("comet_records.jsonl:4")
    assert "not valid JSON" in skipped[0].reason


def test_json_array_and_odd_records(tmp_path: Path) -> None:
    records = [
        {"title": "Snow closes pass", "text": "The mountain pass at Kvitfjell was closed by heavy snow on Friday."},
        {"title": "No text here", "text": "", "maintext": None},
        ["not", "a", "record"],
        {"title": 12, "text": "A number as title is kept as text.", "authors": "Solo Writer", "url": "javascript:x"},
        {"description": "Only a standfirst survived the crawl.", "source_domain": None,
         "url": "https://www.example.org/a"},
    ]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    items = load_json(path)
    assert isinstance(items, list) and len(items) == len(records)
    ok = {i.id: i for i in items if isinstance(i, Article)}
    bad = [i for i in items if isinstance(i, Skipped)]
    assert set(ok) == {"many-1", "many-4", "many-5"}
    assert ok["many-4"].title == "12" and ok["many-4"].authors == ("Solo Writer",) and ok["many-4"].url is None
    assert ok["many-5"].outlet == "example.org" and ok["many-5"].text == "Only a standfirst survived the crawl."
    assert [s.path for s in bad] == [f"{path}#2", f"{path}#3"]


def test_deeply_nested_json_is_skipped_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ArticleSkip):
        load_many(path)


def test_mixed_folder_accounts_for_every_input() -> None:
    loaded = load_paths([str(FIXTURES)])
    given = len([p for p in FIXTURES.iterdir() if p.suffix != ".jsonl"])
    given += sum(1 for line in (FIXTURES / "comet_records.jsonl").read_text("utf-8").splitlines() if line.strip())
    assert len(loaded.articles) + len(loaded.skipped) == given
    reasons = {Path(s.path).name: s.reason for s in loaded.skipped}
    assert reasons["comet_records.jsonl:3"].startswith("duplicate of ferry_boilerplate (same url)")
    assert reasons["ferry_record_saved_twice.json"].startswith("duplicate of ferry_record (same text)")
    assert reasons["manifest.csv"].startswith("read as the manifest")
    assert all("\n" not in s.reason for s in loaded.skipped)
