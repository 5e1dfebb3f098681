"""Markdown articles are read as Markdown: speakers, dates and citations come from the text a reader sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet import load_rules, make_briefing
from factsheet.ingest.load import load_paths
from factsheet.ingest.markdown import to_text
from factsheet.model import Briefing
from factsheet.resources import builtin_dir

from .conftest import EXAMPLES

HARBOUR = """---
title: Harbour crane collapses
outlet: Coastal Courier
published: 2025-03-05
---
# Harbour crane collapses

**Police** said on Monday that two dock workers were injured when a crane fell onto the quay.

> "We heard a crack and then the whole arm came down," said *Maria Lund*, a crane operator.

## What happens next

- The [port authority](https://port.example/notice) said on Tuesday that the quay would stay closed until Friday.
"""


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory) -> Briefing:
    folder = tmp_path_factory.mktemp("md")
    (folder / "harbour.md").write_text(HARBOUR, encoding="utf-8")
    return make_briefing([str(folder)], load_rules([builtin_dir("rules")]))


def test_bold_speaker_is_the_plain_name_and_the_date_is_found(harbour: Briefing) -> None:
    police = next(f for f in harbour.facts if f.who == "Police")
    assert police.claim == "two dock workers were injured when a crane fell onto the quay"
    assert police.date is not None and police.date.value == "2025-03-03" and police.date.text == "on Monday"


def test_citations_read_as_the_plain_sentence_and_slice_the_loaded_text(harbour: Briefing) -> None:
    text = harbour.articles[0].article.text
    cited = [c for f in harbour.facts for c in f.citations]
    assert cited
    for c in cited:
        assert text[c.start:c.end] == c.text
        assert not any(mark in c.text for mark in ("**", "*M", "](", "> ", "- The"))
    assert "Police said on Monday that two dock workers were injured when a crane fell onto the quay." in {
        c.text for c in cited}


def test_a_block_quote_loses_its_marker_and_stays_a_quote(harbour: Briefing) -> None:
    lund = next(f for f in harbour.facts if f.who == "Maria Lund")
    assert lund.quote and lund.claim == "We heard a crack and then the whole arm came down"
    assert lund.citations[0].text.startswith('"We heard a crack')


def test_a_link_reads_as_its_words(harbour: Briefing) -> None:
    port = next(f for f in harbour.facts if f.who == "port authority")
    assert port.citations[0].text == "The port authority said on Tuesday that the quay would stay closed until Friday."


def test_markup_becomes_text_and_blocks_keep_their_layout() -> None:
    source = ("Title\n=====\n\nThe *mayor* said `nothing` &amp; left.\nThe line goes on.  \nA hard break.\n\n"
              "1990. That year the dam was built.\n\n| town | people |\n|---|---|\n| Holm | 300 |\n\n"
              "<div>An <b>HTML</b> block<script>track()</script></div>\n\n<!-- a comment -->\n\n"
              "![a photo](x.png) An <span>inline</span> tag.<br>Next line.\n\n***\n\n    indented code\n")
    assert to_text(source) == (
        "# Title\n\nThe mayor said nothing & left. The line goes on.\nA hard break.\n\n"
        "1990. That year the dam was built.\n\ntown | people\nHolm | 300\n\nAn HTML block\n\n"
        "An inline tag.\nNext line.\n\nindented code\n")


def test_markdown_nested_past_the_parser_is_kept_as_written() -> None:
    deep = "> " * 200 + "The harbour master said on Monday that the quay was safe again."
    assert to_text(deep) == deep


def test_the_example_markdown_article_is_unchanged_by_rendering() -> None:
    """Plain Markdown (headings, paragraphs, curly quotes) renders to exactly its own text."""
    source = (EXAMPLES / "03_valley_observer.md").read_text(encoding="utf-8")
    body = source.split("---\n", 2)[2]
    assert to_text(body) == body


def test_a_markdown_file_over_the_article_limit_is_skipped_unparsed(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from factsheet.ingest import load, markdown

    def refuse(source: str) -> str:
        raise AssertionError("a file over the limit was parsed")

    monkeypatch.setattr(load, "MAX_ARTICLE_CHARS", 1_000)
    monkeypatch.setattr(markdown, "to_text", refuse)
    (tmp_path / "huge.md").write_text("[" * 5_000 + " The pier was closed on Monday.\n", encoding="utf-8")
    loaded = load_paths([str(tmp_path)])
    assert loaded.articles == [] and "over the limit of 1,000" in loaded.skipped[0].reason


def test_text_files_are_not_read_as_markdown(tmp_path: Path) -> None:
    line = "The **ministry** said on Monday that 3 * 4 = 12 was the number of inspections.\n"
    (tmp_path / "plain.txt").write_text(line, encoding="utf-8")
    (tmp_path / "marked.md").write_text(line.replace("3 * 4", "three times four"), encoding="utf-8")
    by_id = {a.id: a.text for a in load_paths([str(tmp_path)]).articles}
    assert by_id["plain"] == line.strip()
    assert by_id["marked"] == "The ministry said on Monday that three times four = 12 was the number of inspections."
