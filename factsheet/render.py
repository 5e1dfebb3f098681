"""Render a Briefing to HTML (Jinja2, autoescaped) and PDF (WeasyPrint).

Templates get plain view objects and hold no logic. Article text is
untrusted: autoescaping is on for every template, URLs pass `safe_url`, and
WeasyPrint may fetch nothing but files inside the templates folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jinja2

from .errors import RenderError
from .facts_json import to_dict
from .model import Briefing


def safe_url(value: object) -> str | None:
    """An http(s) URL that is safe to link, or None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    parsed = urlparse(url)
    if parsed.scheme.lower() in ("http", "https") and parsed.netloc and not any(c in url for c in "\"'<> \n"):
        return url
    return None


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    return env


def view(briefing: Briefing) -> dict[str, Any]:
    """The plain data a template sees: facts.json plus lookups templates would otherwise compute."""
    data = to_dict(briefing)
    data["article_by_id"] = {a["id"]: a for a in data["articles"]}
    return data


def render_html(briefing: Briefing, templates: Path) -> str:
    try:
        return environment(templates).get_template("briefing.html.j2").render(**view(briefing))
    except jinja2.TemplateError as exc:
        raise RenderError(f"{templates}: template error: {exc}") from exc


def fetcher_for(templates: Path):  # type: ignore[no-untyped-def]
    """A WeasyPrint URL fetcher that serves only files inside the templates folder."""
    from weasyprint.urls import URLFetcher, URLFetchingError

    root = templates.resolve()

    class TemplatesOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            path = Path(parsed.path).resolve() if parsed.scheme == "file" else None
            if path is None or not path.is_relative_to(root):
                raise URLFetchingError(f"factsheet fetches nothing outside the templates folder: {url}")
            return super().fetch(url, headers)

    return TemplatesOnly()


def render_pdf(html: str, templates: Path, target: Path) -> None:
    from weasyprint import HTML

    try:
        HTML(string=html, base_url=str(templates.resolve()) + "/", url_fetcher=fetcher_for(templates)).write_pdf(
            target)
    except Exception as exc:  # WeasyPrint raises many kinds; the build must name it
        raise RenderError(f"{target}: PDF rendering failed: {exc}") from exc
