"""The PDF briefing, checked with pypdf: metadata, outline, destinations, links, text, attachment, safety."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from pypdf.generic import Destination

from factsheet.render import document as render
from factsheet.render import facts_json
from factsheet.render.views import build_view
from factsheet.resources import builtin_dir

from .render_samples import small_briefing

TEMPLATES = builtin_dir("templates")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def weasyprint_warnings() -> Iterator[list[logging.LogRecord]]:
    """Everything WeasyPrint logs at WARNING or above while the test runs."""
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


def _pdf(paper: str = "A4", templates: Path = TEMPLATES) -> bytes:
    b = small_briefing()
    html = render.render_html(b, templates, paper=paper)
    return render.pdf_bytes(html, templates, {"facts.json": facts_json.dumps(b).encode("utf-8")}, b.generated)


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory: pytest.TempPathFactory) -> pypdf.PdfReader:
    path = tmp_path_factory.mktemp("pdf") / "briefing.pdf"
    path.write_bytes(_pdf())
    return pypdf.PdfReader(path)


def _outline(items: list[Any], depth: int = 0) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for item in items:
        if isinstance(item, list):
            found.extend(_outline(item, depth + 1))
        else:
            assert isinstance(item, Destination)
            found.append((depth, str(item.title)))
    return found


def _links(reader: pypdf.PdfReader) -> list[dict[str, Any]]:
    return [a.get_object() for page in reader.pages for a in (page.get("/Annots") or [])
            if a.get_object()["/Subtype"] == "/Link"]


def _text(reader: pypdf.PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_metadata(small_pdf: pypdf.PdfReader) -> None:
    meta = small_pdf.metadata
    assert meta is not None
    assert meta.title == "Halvenor plant blast <i>update</i>"
    assert str(meta["/Subject"]).startswith("Briefing on Halvenor plant blast")
    assert meta.author == "factsheet"
    assert str(meta.creator).startswith("factsheet")
    assert meta["/CreationDate"] == "D:20260304000000Z"
    root = small_pdf.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]  # tagged PDF (PDF/UA-1)


def test_outline_has_sections_and_facts(small_pdf: pypdf.PdfReader) -> None:
    outline = _outline(small_pdf.outline)
    top = [t for d, t in outline if d == 0]
    for section in ("Key facts", "Coverage and timeline", "Accounts differ", "Single-source claims",
                    "How grades are assigned", "Sources", "Inputs not used"):
        assert section in top
    facts = [t for d, t in outline if d == 1 and t.startswith("f-")]
    assert sorted(t.split(" ")[0] for t in facts) == ["f-1", "f-2", "f-3", "f-4", "f-5"]
    assert any(t.startswith("f-1 · Jelena Marčuk: Our rivers must not be sacrificed") for t in facts)


def test_named_destinations_and_every_link_resolves(small_pdf: pypdf.PdfReader) -> None:
    dests = set(small_pdf.named_destinations)
    view = build_view(small_briefing())
    facts = (*view.key_facts, *(f for s in view.sections for f in s.facts), *view.single_source)
    for f in facts:
        assert f.anchor in dests
        for c in f.citations:
            assert c.anchor in dests and c.href[1:] in dests
    links = _links(small_pdf)
    internal = [str(a["/Dest"]) for a in links if "/Dest" in a]
    assert internal and set(internal) <= dests
    cited = {c.href[1:] for f in facts for c in f.citations}
    assert cited <= set(internal), "every citation is a working link"
    backs = {b.href[1:] for s in view.sources for t in s.sentences for b in t.backlinks}
    assert backs <= set(internal), "every cited sentence links back"
    external = [str(a["/A"]["/URI"]) for a in links if "/A" in a and "/URI" in a["/A"]]
    assert external == ["https://kpa.test/news/halvenor"]


def test_pages_text_and_paper(small_pdf: pypdf.PdfReader) -> None:
    pages = len(small_pdf.pages)
    assert 2 <= pages <= 8
    text = _text(small_pdf)
    assert f"page 1 of {pages}" in text and f"page {pages} of {pages}" in text
    for key_fact in ("Our rivers must not be sacrificed to anyone's profit margins",
                     "An explosion killed one worker at the Halvenor plant", "2 articles, 2 independent"):
        assert key_fact in text
    assert text.index("Key facts") < text.index("Accounts differ") < text.index("Sources")
    assert "Halvenor plant blast <i>update</i>" in _text_of_page(small_pdf, 1)  # running header
    box = small_pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    letter = pypdf.PdfReader(_as_file(_pdf("Letter")))
    box = letter.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def _text_of_page(reader: pypdf.PdfReader, n: int) -> str:
    return " ".join(reader.pages[n].extract_text().split())


def _as_file(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def test_facts_json_is_attached(small_pdf: pypdf.PdfReader) -> None:
    attached = small_pdf.attachments
    assert list(attached) == ["facts.json"]
    assert attached["facts.json"][0] == facts_json.dumps(small_briefing()).encode("utf-8")


def test_weasyprint_logs_no_warning(weasyprint_warnings: list[logging.LogRecord]) -> None:
    _pdf()
    _pdf("Letter")
    assert [r.getMessage() for r in weasyprint_warnings] == []


def test_same_html_same_pdf_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    first = _pdf()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")  # the inputs' date wins over the environment
    assert _pdf() == first


def test_hostile_article_makes_the_pdf_fetch_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    fetched: list[str] = []
    original = render.fetcher_for

    def recording(templates: Path, *more: Path) -> Any:
        inner = original(templates, *more)

        class Recorder(type(inner)):  # type: ignore[misc]
            def fetch(self, url: str, headers: Any = None) -> Any:
                fetched.append(url)
                return super().fetch(url, headers)

        return Recorder()

    monkeypatch.setattr(render, "fetcher_for", recording)
    reader = pypdf.PdfReader(_as_file(_pdf()))
    assert fetched == []
    for page in reader.pages:
        resources = page["/Resources"]
        assert not resources.get("/XObject") or all(
            x.get_object()["/Subtype"] != "/Image" for x in resources["/XObject"].values())
    uris = [str(a["/A"]["/URI"]) for a in _links(reader) if "/A" in a and "/URI" in a["/A"]]
    assert not [u for u in uris if not u.startswith("https://")]


def test_fetcher_serves_the_templates_folder_only(tmp_path: Path) -> None:
    from weasyprint.urls import URLFetchingError

    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    fetcher = render.fetcher_for(tmp_path)
    assert fetcher.fetch((tmp_path / "logo.svg").as_uri())
    for url in ("file:///etc/passwd", "http://127.0.0.1:9/x", "https://example.com/x",
                (tmp_path / ".." / "x").as_uri(), f"file://{tmp_path}/%2e%2e/%2e%2e/etc/passwd",
                "file://localhost/etc/passwd", "data:text/plain,hi"):
        with pytest.raises(URLFetchingError):
            fetcher.fetch(url)


def test_custom_template_cannot_pull_in_outside_files(tmp_path: Path,
                                                      weasyprint_warnings: list[logging.LogRecord]) -> None:
    (tmp_path / "briefing.html.j2").write_text(
        '<html><body><p>{{ briefing.title }}</p><img src="file:///etc/passwd"></body></html>', encoding="utf-8")
    reader = pypdf.PdfReader(_as_file(_pdf(templates=tmp_path)))
    assert "Halvenor" in _text(reader)
    assert any("outside the templates folder" in r.getMessage() for r in weasyprint_warnings)


def test_only_dejavu_fonts_are_embedded(small_pdf: pypdf.PdfReader) -> None:
    fonts: set[str] = set()

    def collect(resources: Any) -> None:
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
        for xobject in (resources.get("/XObject") or {}).values():
            inner = xobject.get_object().get("/Resources")
            if inner is not None:
                collect(inner.get_object())

    for page in small_pdf.pages:
        collect(page["/Resources"])
    assert fonts and all("DejaVu" in f for f in fonts), fonts
