"""The whole build on the seed articles: four outputs, byte-identical twice, a PDF whose links all work.

Nothing here depends on how many facts extraction finds this week; the
checks hold for any briefing the seeds give.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from factsheet import build
from factsheet.cli import main

from .conftest import EXAMPLES, SEEDS

OUTPUTS = ("briefing.html", "briefing.pdf", "facts.json", "facts.csv")


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """The seeds built twice into two folders, and what WeasyPrint logged at WARNING or above."""
    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warnings.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logging.getLogger("weasyprint").addHandler(handler)
    try:
        first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
        build([str(SEEDS)], first)
        build([str(SEEDS)], second)
    finally:
        logging.getLogger("weasyprint").removeHandler(handler)
    return first, second, warnings


def test_repeated_builds_are_byte_identical(two_builds: tuple[Path, Path, list[str]]) -> None:
    first, second, _ = two_builds
    for name in OUTPUTS:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_weasyprint_is_silent_on_the_seeds(two_builds: tuple[Path, Path, list[str]]) -> None:
    assert two_builds[2] == []


def test_seeds_pdf_links_outline_and_attachment(two_builds: tuple[Path, Path, list[str]]) -> None:
    out = two_builds[0]
    doc = json.loads((out / "facts.json").read_text(encoding="utf-8"))
    reader = pypdf.PdfReader(out / "briefing.pdf")
    dests = set(reader.named_destinations)
    links = [a.get_object() for page in reader.pages for a in (page.get("/Annots") or [])
             if a.get_object()["/Subtype"] == "/Link"]
    internal = {str(a["/Dest"]) for a in links if "/Dest" in a}
    assert internal <= dests
    n_citations = sum(len(f["citations"]) for f in doc["facts"])
    assert len([d for d in internal if d.startswith("sent-")]) >= 1
    assert len([d for d in dests if d.startswith("cite-")]) == n_citations
    titles = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))  # type: ignore[attr-defined]

    walk(reader.outline)
    assert sum(1 for t in titles if t.startswith("f-")) == len(doc["facts"])
    assert reader.attachments["facts.json"][0] == (out / "facts.json").read_bytes()
    pages = len(reader.pages)
    assert 2 <= pages <= 20 + len(doc["facts"]) // 2
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert f"page {pages} of {pages}" in text


def test_seeds_csv_matches_facts_json(two_builds: tuple[Path, Path, list[str]]) -> None:
    out = two_builds[0]
    doc = json.loads((out / "facts.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((out / "facts.csv").read_bytes().decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [f["id"] for f in doc["facts"]]
    for row, fact in zip(rows, doc["facts"], strict=True):
        assert int(row["articles"]) == fact["corroboration"]["articles"]
        assert int(row["independent"]) == fact["corroboration"]["independent"]
        assert int(row["grade"]) == fact["grade"]


def test_cli_paper_option(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), "--out", str(tmp_path), "--paper", "Letter",
                                       "--no-cache", "--quiet"])
    assert result.exit_code == 0, result.output
    box = pypdf.PdfReader(tmp_path / "briefing.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert (tmp_path / "facts.csv").exists()
    bad = CliRunner().invoke(main, ["build", str(EXAMPLES), "--out", str(tmp_path), "--paper", "A5"])
    assert bad.exit_code == 2
