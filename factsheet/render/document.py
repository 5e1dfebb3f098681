"""Render a Briefing to HTML (Jinja2, autoescaped) and PDF (WeasyPrint).

Templates get plain view objects (factsheet.views) and hold no logic. Article
text is untrusted: autoescaping is on for every template whatever its name,
URLs pass `safe_url`, and WeasyPrint may fetch nothing but files inside the
template folders. The PDF is reproducible: its creation date and file
identifier come from the inputs, never from the clock.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import jinja2

from factsheet.compare.changes import Changes
from factsheet.errors import RenderError
from factsheet.model import Briefing
from factsheet.render.views import GroupBy, build_view
from factsheet.render.views_text import W3C_PAPER, w3c_created
from factsheet.resources import builtin_dir

ENTRY = "briefing.html.j2"
PAPERS = ("A4", "Letter")
# PDF/UA-1 implies tagging; WeasyPrint writes the structure tree from the HTML elements.
PDF_VARIANT = "pdf/ua-1"
_URL_FORBIDDEN = re.compile(r"[\x00-\x20\"'<>\\`\x7f]")


def safe_url(value: object) -> str | None:
    """An absolute http(s) URL that is safe to put in href, or None (then show it as text only)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or _URL_FORBIDDEN.search(url):
        return None
    try:
        parsed = urlparse(url)
    except ValueError:
        return None
    if parsed.scheme.lower() in ("http", "https") and parsed.netloc and not parsed.netloc.startswith("@"):
        return url
    return None


def environment(templates: Path) -> jinja2.Environment:
    """Jinja with the custom folder first, the built-in templates behind it (and as `builtin/...`)."""
    builtin = builtin_dir("templates")
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(templates))]
    if templates.resolve() != builtin.resolve():
        loaders.append(jinja2.FileSystemLoader(str(builtin)))
    loaders.append(jinja2.PrefixLoader({"builtin": jinja2.FileSystemLoader(str(builtin))}))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,  # select_autoescape() would not escape *.html.j2
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_url"] = safe_url
    return env


def generator() -> str:
    """"factsheet 0.1.0": the PDF's Creator field."""
    try:
        return f"factsheet {metadata.version('factsheet')}"
    except metadata.PackageNotFoundError:
        return "factsheet"


def render_html(briefing: Briefing, templates: Path, paper: str = "A4", group_by: GroupBy = "rule",
                threshold: int = 2, notes: Sequence[str] = (), changes: Changes | None = None) -> str:
    """The briefing as one self-contained HTML file (inline CSS and SVG, no script, no external request);
    with `changes`, a "Since the last briefing" section at the top."""
    if paper.lower() not in W3C_PAPER:
        raise RenderError(f"unknown paper size {paper!r}: use one of {', '.join(PAPERS)}")
    view = build_view(briefing, paper=paper, group_by=group_by, threshold=threshold, generator=generator(),
                      notes=notes, changes=changes)
    try:
        return environment(templates).get_template(ENTRY).render(briefing=view)
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"{templates}: template not found: {exc.name}") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"{exc.filename or templates}:{exc.lineno}: template syntax error: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        raise RenderError(f"{templates}: template error: {exc}") from exc


def fetcher_for(templates: Path, *more: Path) -> Any:
    """A WeasyPrint URL fetcher that serves only files inside the template folders (no network, no file:// else)."""
    from weasyprint.urls import URLFetcher, URLFetchingError

    roots = [p.resolve() for p in (templates, builtin_dir("templates"), *more)]

    class TemplatesOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            path = Path(unquote(parsed.path)).resolve() if parsed.scheme == "file" and not parsed.netloc else None
            if path is None or not any(path.is_relative_to(root) for root in roots):
                raise URLFetchingError(f"factsheet fetches nothing outside the templates folder: {url[:200]}")
            return super().fetch(url, headers)

    return TemplatesOnly()


def pdf_time(created: str | None) -> datetime:
    """The PDF's fixed time: the inputs' date, else SOURCE_DATE_EPOCH, else the epoch (never the clock)."""
    w3c = w3c_created(created) if created else None
    if w3c:
        return datetime.fromisoformat(w3c.replace("Z", "+00:00")).astimezone(UTC).replace(tzinfo=None)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(epoch) if epoch.isdigit() else 0
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)


def pdf_bytes(html: str, templates: Path, attachments: Mapping[str, bytes] | None = None,
              created: str | None = None) -> bytes:
    """The PDF of `html`: tagged, with bookmarks, metadata from <head> and the given files attached."""
    from weasyprint import HTML, Attachment

    files = dict(sorted((attachments or {}).items()))
    digest = hashlib.sha256(html.encode("utf-8"))
    for name, data in files.items():
        digest.update(name.encode("utf-8") + b"\0" + data)
    when = pdf_time(created)
    fetcher = fetcher_for(templates)
    attached = [Attachment(string=data, name=name, description=f"{name}: the briefing's data",
                           created=when, modified=when, relationship="Data", url_fetcher=fetcher)
                for name, data in files.items()]
    document = HTML(string=html, base_url=templates.resolve().as_uri() + "/", url_fetcher=fetcher)
    result = document.write_pdf(
        attachments=attached, pdf_identifier=digest.hexdigest()[:32].encode("ascii"), pdf_variant=PDF_VARIANT)
    if not isinstance(result, bytes):  # pragma: no cover - write_pdf(target=None) returns bytes
        raise RenderError("WeasyPrint returned no PDF")
    return result


def render_pdf(html: str, templates: Path, target: Path, attachments: Mapping[str, bytes] | None = None,
               created: str | None = None) -> None:
    """Write the PDF of `html` to `target`; any WeasyPrint failure becomes a RenderError naming the file."""
    try:
        data = pdf_bytes(html, templates, attachments, created)
    except RenderError:
        raise
    except Exception as exc:  # WeasyPrint raises many kinds; the build must name it
        raise RenderError(f"{target}: PDF rendering failed: {exc}") from exc
    target.write_bytes(data)
