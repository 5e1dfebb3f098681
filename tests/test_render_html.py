"""The HTML briefing: golden output, inert article content, strict templates, custom looks."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factsheet.errors import RenderError
from factsheet.render import document as render
from factsheet.resources import builtin_dir

from .render_samples import HOSTILE_URL, small_briefing

GOLDEN = Path(__file__).parent / "golden" / "briefing_small.html"
TEMPLATES = builtin_dir("templates")


def _normalised(html: str) -> str:
    """The factsheet version is the only part that may change without the look changing."""
    return re.sub(r"factsheet \d[\w.+-]*", "factsheet VERSION", html)


class _Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def test_golden_html(regenerate: bool) -> None:
    html = _normalised(render.render_html(small_briefing(), TEMPLATES))
    if regenerate or not GOLDEN.exists():
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(html, encoding="utf-8")
        if not regenerate:
            pytest.fail(f"{GOLDEN} was missing and has been written; check it and commit it")
    assert html == GOLDEN.read_text(encoding="utf-8"), "run pytest --regenerate and review the diff"


def test_same_briefing_same_html_bytes() -> None:
    assert render.render_html(small_briefing(), TEMPLATES) == render.render_html(small_briefing(), TEMPLATES)


def test_hostile_article_renders_inert() -> None:
    html = render.render_html(small_briefing(), TEMPLATES)
    tags = _elements(html)
    assert not [t for t, _ in tags if t in ("script", "img", "iframe", "object", "embed", "link", "base")]
    hrefs = [a.get("href") or "" for t, a in tags if t == "a"]
    assert hrefs and all(h.startswith("#") or h.startswith("https://") for h in hrefs)
    assert not any(k.startswith("on") for _, attrs in tags for k in attrs)
    assert not any(a.get("src") for _, a in tags)
    assert "&lt;script&gt;" in html and "&lt;img src=file:///etc/passwd&gt;" in html
    assert HOSTILE_URL in html  # shown as text, so the analyst sees what the article claimed
    assert 'href="javascript' not in html.lower()


def test_self_contained_and_metadata_in_head() -> None:
    html = render.render_html(small_briefing(), TEMPLATES)
    assert re.search(r"<html lang=\"en\">", html)
    for name in ("description", "author", "generator", "dcterms.created"):
        assert f'<meta name="{name}"' in html
    assert '<meta name="dcterms.created" content="2026-03-04T00:00:00Z">' in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<svg" in html and "<style>" in html


def test_every_internal_link_has_a_target() -> None:
    tags = _elements(render.render_html(small_briefing(), TEMPLATES))
    ids = [a["id"] for _, a in tags if a.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for _, attrs in tags:
        href = attrs.get("href") or ""
        if href.startswith("#"):
            assert href[1:] in ids, href


def test_paper_size_and_running_header() -> None:
    a4 = render.render_html(small_briefing(), TEMPLATES, paper="A4")
    letter = render.render_html(small_briefing(), TEMPLATES, paper="Letter")
    assert "size: A4;" in a4 and "size: letter;" in letter
    assert "string(story)" in a4 and 'counter(page) " of " counter(pages)' in a4
    with pytest.raises(RenderError, match="paper"):
        render.render_html(small_briefing(), TEMPLATES, paper="A5")


@pytest.mark.parametrize(("url", "ok"), [
    ("https://kpa.test/a?b=1", True), ("http://x.test/", True), ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False), (" javascript:alert(1)", False), ("java\nscript:alert(1)", False),
    ("data:text/html,<script>", False), ("file:///etc/passwd", False), ("//evil.test/x", False),
    ("https://x.test/\"onmouseover=\"x", False), ("https:///nohost", False), (None, False), (42, False),
    ("vbscript:msgbox", False), ("https://x.test/a b", False)])
def test_safe_url(url: object, ok: bool) -> None:
    assert (render.safe_url(url) is not None) == ok


def test_environment_is_strict_and_escapes_every_template_name(tmp_path: Path) -> None:
    (tmp_path / "briefing.html.j2").write_text("{{ briefing.title }} {{ briefing.no_such_field }}", encoding="utf-8")
    with pytest.raises(RenderError, match="no_such_field"):
        render.render_html(small_briefing(), tmp_path)
    (tmp_path / "briefing.html.j2").write_text("{{ briefing.title }}", encoding="utf-8")
    assert render.render_html(small_briefing(), tmp_path) == "Halvenor plant blast &lt;i&gt;update&lt;/i&gt;"


def test_custom_templates_replace_the_look_and_can_extend_the_builtin(tmp_path: Path) -> None:
    (tmp_path / "style.css.j2").write_text("body { color: #123456; }", encoding="utf-8")
    (tmp_path / "briefing.html.j2").write_text(
        '{% extends "builtin/briefing.html.j2" %}{% block title_block %}<h1 class="title">Desk: {{ briefing.title }}'
        "</h1>{% endblock %}", encoding="utf-8")
    html = render.render_html(small_briefing(), tmp_path)
    assert "Desk: Halvenor plant blast &lt;i&gt;" in html
    assert "color: #123456" in html and "@page" not in html
    assert 'id="key-facts"' in html  # the rest of the built-in structure is kept


def test_template_errors_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "briefing.html.j2").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(RenderError, match=r"briefing.html.j2:1: template syntax error"):
        render.render_html(small_briefing(), tmp_path)


def test_no_safe_filter_in_builtin_templates() -> None:
    for path in TEMPLATES.iterdir():
        assert "|safe" not in path.read_text(encoding="utf-8").replace("|safe_url", ""), path


def test_docs_name_every_template_view_field_and_csv_column() -> None:
    import dataclasses

    from factsheet.render import csv_out, views

    doc = (Path(__file__).parent.parent / "docs" / "templates.md").read_text(encoding="utf-8")
    for path in TEMPLATES.glob("*.j2"):
        assert f"`{path.name}`" in doc, f"template {path.name} is not documented in docs/templates.md"
    for cls in (views.BriefingView, views.FactView, views.SectionView, views.CitationView, views.SourceRef,
                views.ValueView, views.ConflictView, views.ConflictEntry, views.SourceView, views.SentenceView,
                views.BacklinkView, views.SkippedView, views.GradeRow, views.Figure):
        for field in dataclasses.fields(cls):
            assert f"`{field.name}`" in doc, f"{cls.__name__}.{field.name} is not documented in docs/templates.md"
    for column in csv_out.COLUMNS:
        assert f"`{column}`" in doc, f"facts.csv column {column} is not documented"
