"""Loaders for saved web pages and crawler output (news-please JSON and JSON Lines).

`LOADERS[suffix](path)` is what `load.load_file` calls for a suffix it does
not read itself. A loader returns one Article, or a list of Articles and
Skipped records when one file holds several articles (a .jsonl file, a JSON
array): every record is then an input of its own, counted as used or skipped.

Web pages go through trafilatura (main text, no menus, cookie banners, share
buttons or "Read more" lists) and htmldate (publication date), never
regexes over the markup. Scripts, styles and iframes are dropped by the
extractor and nothing a page refers to is fetched.
"""

from __future__ import annotations

import codecs
import configparser
import copy
import functools
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from factsheet.ingest import reading
from factsheet.ingest.clean import declared_charset, decode_bytes
from factsheet.ingest.reading import ArticleSkip, open_regular, parse_date, read_bytes, read_lines
from factsheet.model import Article, Skipped

# The extractors log what they discard; the skip reason already tells the user what matters.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)

LoaderResult = Article | list[Article | Skipped]
Loader = Callable[[Path], LoaderResult]

# A page whose tree is larger than this is refused by trafilatura rather than parsed for minutes.
MAX_TREE_SIZE = 100_000
# Extraction takes about 1.5 s a megabyte of markup: a larger page is skipped unread, not parsed for minutes.
MAX_PAGE_BYTES = 20 * 1024 * 1024
MIN_WORDS = 6  # a page whose longest paragraph is shorter holds menus or links, not a story


# --- web pages ---------------------------------------------------------------

def load_html(path: Path) -> Article:
    """A saved web page: main text and metadata, boilerplate left out."""
    raw = read_bytes(path)
    if len(raw) > MAX_PAGE_BYTES:
        raise ArticleSkip(f"web page larger than {MAX_PAGE_BYTES // (1024 * 1024)} MB; "
                          "save the article's text as a .txt file")
    text, how = decode_bytes(raw, declared_charset(raw))
    html = _strip_xml_prolog(text)
    try:
        import trafilatura
        from trafilatura.settings import Document

        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_images=False, include_links=False,
            include_tables=True, favor_precision=True, config=_config(),
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # the extractor's failures on hostile markup vary; none may stop the build
        raise ArticleSkip(f"could not read the page ({type(exc).__name__}); save the article as text") from None
    body = doc.text if isinstance(doc, Document) else None
    if not isinstance(doc, Document) or not body or max(len(p.split()) for p in body.splitlines()) < MIN_WORDS:
        raise ArticleSkip("no article text found in the page (only links, or nested too deeply); "
                          "save the article as text")
    provenance: list[tuple[str, str]] = [("encoding", how)]
    title = _clean_str(doc.title)
    if title:
        provenance.append(("title", "page metadata"))
    url = _clean_url(doc.url)
    if url:
        provenance.append(("url", "page metadata (canonical link)"))
    outlet = _clean_str(doc.sitename)
    if outlet:
        provenance.append(("outlet", "page metadata (site name)"))
    elif url:
        outlet = _host(url)
        provenance.append(("outlet", "host name of the page's url"))
    published = parse_date(doc.date)
    if published:
        provenance.append(("published", "page metadata (htmldate)"))
    else:
        published = _guess_date(html)
        if published:
            provenance.append(("published", "guessed from the page text (htmldate)"))
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    if authors:
        provenance.append(("authors", "page metadata"))
    return Article(id=path.stem, path=str(path), text=body, title=title, outlet=outlet, url=url,
                   published=published, authors=authors, provenance=tuple(provenance))


@functools.cache
def _config() -> configparser.ConfigParser:
    """trafilatura's settings with our limits: a bounded tree, pages up to our file limit."""
    from trafilatura.settings import DEFAULT_CONFIG

    config = copy.deepcopy(DEFAULT_CONFIG)
    config["DEFAULT"]["MAX_TREE_SIZE"] = str(MAX_TREE_SIZE)
    config["DEFAULT"]["MAX_FILE_SIZE"] = str(MAX_PAGE_BYTES)
    return config


def _strip_xml_prolog(text: str) -> str:
    """lxml refuses decoded text that still declares an encoding."""
    return re.sub(r"\A\s*<\?xml[^>]*\?>", "", text, count=1)


def _guess_date(html: str) -> Any:
    try:
        import htmldate

        found = htmldate.find_date(html, extensive_search=True, original_date=True)
    except Exception:  # a date is optional: a page htmldate cannot read is still an article
        return None
    return parse_date(found)


# --- news-please records -----------------------------------------------------

_TEXT_FIELDS = ("maintext", "text")
_TITLE_FIELDS = ("title", "title_page", "title_rss")


def load_json(path: Path) -> LoaderResult:
    """A news-please record, or a JSON array of them."""
    data = _parse_json(decode_bytes(read_bytes(path))[0], "the file")
    if isinstance(data, list):
        if not data:
            raise ArticleSkip("an empty JSON list; give one news-please record per article")
        out: list[Article | Skipped] = []
        for n, item in enumerate(data, 1):
            where = f"{path}#{n}"
            try:
                out.append(record_article(item, where, f"{path.stem}-{n}"))
            except ArticleSkip as why:
                out.append(Skipped(where, str(why)))
        return out
    return record_article(data, str(path), path.stem)


def load_jsonl(path: Path) -> LoaderResult:
    """JSON Lines: one news-please record a line; each line is an input of its own."""
    return list(iter_jsonl(path))


def iter_jsonl(path: Path) -> Iterator[Article | Skipped]:
    """The records of a JSON Lines file, read one line at a time (each line held against the file limit).

    A feed of any length is read in the memory of one record; only a record
    over FACTSHEET_MAX_FILE_BYTES is skipped, as `file.jsonl:LINE`. A UTF-16
    or UTF-32 file (its byte-order mark says so) cannot be cut at newline
    bytes and is read whole, within the limit, as before.
    """
    with open_regular(path) as fh:
        head = fh.read(4)
    if head.startswith(_WIDE_BOMS):
        yield from _records(path, enumerate(decode_bytes(read_bytes(path))[0].splitlines(), 1))
        return
    yield from _records(path, _decoded(path))


_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _decoded(path: Path) -> Iterator[tuple[int, str | ArticleSkip]]:
    for n, data, size in read_lines(path):
        if not data:
            yield n, ArticleSkip(f"the record is {size:,} bytes, over the limit of {reading.MAX_BYTES:,} bytes; "
                                 "split it or raise FACTSHEET_MAX_FILE_BYTES")
            continue
        try:
            yield n, decode_bytes(data)[0]
        except ArticleSkip as why:
            yield n, why


def _records(path: Path, lines: Iterable[tuple[int, str | ArticleSkip]]) -> Iterator[Article | Skipped]:
    seen = False
    for n, line in lines:
        if isinstance(line, str) and not line.strip():
            continue
        seen = True
        where = f"{path}:{n}"
        try:
            if isinstance(line, ArticleSkip):
                raise line
            yield record_article(_parse_json(line, f"line {n}"), where, f"{path.stem}-{n}")
        except ArticleSkip as why:
            yield Skipped(where, str(why))
    if not seen:
        raise ArticleSkip("no records in the file; give one news-please JSON record a line")


def _parse_json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise ArticleSkip(f"{what} is JSON nested too deeply to read; flatten the record") from None
    except ValueError as exc:
        msg = getattr(exc, "msg", str(exc))
        raise ArticleSkip(f"{what} is not valid JSON ({msg}); fix or remove it") from None


def record_article(record: object, where: str, article_id: str) -> Article:
    """One news-please record (title, maintext/text, date_publish, source_domain, url, authors)."""
    if not isinstance(record, dict):
        raise ArticleSkip("not a news-please record (expected a JSON object with title and text)")
    provenance: list[tuple[str, str]] = []
    text = next((t for f in _TEXT_FIELDS if (t := _clean_text(record.get(f)))), None)
    if text is None:
        text = _clean_text(record.get("description"))
        if text is None:
            raise ArticleSkip("the record has no text (maintext, text and description are empty)")
        provenance.append(("text", "record field description (no maintext or text)"))
    title = next((t for f in _TITLE_FIELDS if (t := _clean_str(record.get(f)))), None)
    if title:
        provenance.append(("title", "news-please record"))
    url = _clean_url(record.get("url"))
    if url:
        provenance.append(("url", "news-please record"))
    outlet = _clean_str(record.get("source_domain"))
    if outlet:
        outlet = outlet.removeprefix("www.")
        provenance.append(("outlet", "news-please record (source_domain)"))
    elif url:
        outlet = _host(url)
        provenance.append(("outlet", "host name of the record's url"))
    published = parse_date(record.get("date_publish"), where=where, what="date_publish")
    if published:
        provenance.append(("published", "news-please record (date_publish)"))
    raw_authors = record.get("authors")
    if isinstance(raw_authors, str):
        raw_authors = [raw_authors]
    authors = tuple(a for a in (_clean_str(x) for x in raw_authors or [] if isinstance(x, str)) if a)
    if authors:
        provenance.append(("authors", "news-please record"))
    return Article(id=article_id, path=where, text=text, title=title, outlet=outlet, url=url,
                   published=published, authors=authors, provenance=tuple(provenance))


# --- small helpers -----------------------------------------------------------

def _clean_str(value: object) -> str | None:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())
    return text or None


def _clean_text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _clean_url(value: object) -> str | None:
    """Only web addresses are kept: a javascript: or file: "url" is not the article's address."""
    url = _clean_str(value)
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


LINE_SUFFIXES = {".jsonl", ".ndjson"}
LOADERS: dict[str, Loader] = {
    ".html": load_html,
    ".htm": load_html,
    ".xhtml": load_html,
    ".json": load_json,
    ".jsonl": load_jsonl,
    ".ndjson": load_jsonl,
}
