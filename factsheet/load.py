"""Turn the paths a user gave into Articles, and account for every one of them.

Inputs are files, folders or globs. Each file found is either loaded into an
Article or reported as Skipped with a reason a person can act on: the count of
inputs given always equals articles + skipped.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from .model import Article, Skipped

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
MAX_BYTES = 50 * 1024 * 1024

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.S)
_DATE_PREFIX = re.compile(r"\A\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_META_KEYS = {"title", "outlet", "source", "url", "published", "date", "author", "authors", "id"}


@dataclass(frozen=True)
class Loaded:
    articles: list[Article]
    skipped: list[Skipped]
    notes: list[str] = field(default_factory=list)  # warnings for stderr, e.g. manifest entries that matched nothing


def discover(inputs: Iterable[str]) -> tuple[list[Path], list[Skipped]]:
    """Expand files, folders and globs into a sorted, de-duplicated file list."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for spec in inputs:
        path = Path(spec)
        if path.is_dir():
            files.extend(_walk(path))
        elif path.is_file():
            files.append(path)
        elif any(ch in spec for ch in "*?["):
            matches = [Path(m) for m in sorted(glob.glob(spec, recursive=True))]
            found = [m for m in matches if m.is_file()]
            for m in matches:
                if m.is_dir():
                    found.extend(_walk(m))
            if not found:
                skipped.append(Skipped(spec, "the pattern matched no files"))
            files.extend(found)
        elif path.is_symlink():
            skipped.append(Skipped(spec, "broken symbolic link: its target does not exist"))
        else:
            skipped.append(Skipped(spec, "no such file or folder"))
    seen: set[str] = set()
    unique: list[Path] = []
    for f in files:
        key = os.path.normpath(str(f))
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, skipped


def _walk(folder: Path) -> Iterator[Path]:
    """Files below a folder, sorted, hidden files and symlink loops left out."""
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(root) / name


def load_paths(inputs: Iterable[str], manifests: Iterable[str] = ()) -> Loaded:
    """Load every input; what cannot be used is skipped with a reason.

    Each file (each record of a .jsonl file) is cleaned (clean.py), then the
    manifests' values override what was guessed (manifest.py), then a second
    copy of an article already loaded is skipped as a duplicate.
    """
    from . import clean, manifest

    files, skipped = discover(inputs)
    found = [manifest.read_manifest(Path(m)) for m in manifests]
    articles: list[Article] = []
    ids: dict[str, str] = {}
    for path in files:
        if manifest.is_manifest(path):
            try:
                found.append(manifest.read_manifest(path))
                skipped.append(Skipped(str(path), "read as the manifest (metadata for other files), not an article"))
            except manifest.ManifestError as why:
                skipped.append(Skipped(str(path), f"manifest not used: {why}"))
            continue
        try:
            items = load_many(path)
        except ArticleSkip as why:
            skipped.append(Skipped(str(path), str(why)))
            continue
        for item in items:
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            try:
                articles.append(clean.clean_article(item))
            except ArticleSkip as why:
                skipped.append(Skipped(item.path, str(why)))
    articles, notes = manifest.apply(articles, found)
    unique: list[Article] = []
    for article in articles:
        if article.id in ids:
            article = _with_id(article, _unique_id(article.id, ids))
        ids[article.id] = article.path
        unique.append(article)
    kept, duplicates = clean.dedupe(unique)
    return Loaded(kept, skipped + duplicates, notes)


class ArticleSkip(Exception):
    """Raised by a loader with the reason a file is not used."""


def read_text(path: Path) -> str:
    """Read a file as text: UTF-8, else a detected charset; refuse binary data."""
    return decode(read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """A file's bytes, refusing what is too large, unreadable or empty."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ArticleSkip(f"cannot read: {exc.strerror or exc}") from exc
    if size > MAX_BYTES:
        raise ArticleSkip(f"larger than {MAX_BYTES // (1024 * 1024)} MB; split it or raise the limit")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleSkip(f"cannot read: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise ArticleSkip("empty file")
    return raw


def decode(raw: bytes) -> str:
    """Byte-order mark, else UTF-8, else a detected charset (see clean.decode_bytes)."""
    from .clean import decode_bytes

    return normalise(decode_bytes(raw)[0])


def normalise(text: str) -> str:
    """Line endings and invisible junk; the words themselves are left alone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text.replace("\ufeff", "")


def load_file(path: Path) -> Article:
    """The (first) article of a file, for commands that look at one article."""
    for item in load_many(path):
        if isinstance(item, Article):
            return item
    raise ArticleSkip("no usable record in the file; see `factsheet build` for the reasons")


def load_many(path: Path) -> list[Article | Skipped]:
    """Every article of a file: one for most formats, one a record for .jsonl (bad records as Skipped)."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return [load_text(path, read_text(path))]
    loader = _extra_loader(suffix)
    if loader is None:
        raise ArticleSkip(f"not an article format factsheet reads ({suffix or 'no extension'}); "
                          "use .txt, .md, .html, .json or .jsonl")
    result = loader(path)
    return list(result) if isinstance(result, list) else [result]


def _extra_loader(suffix: str):  # type: ignore[no-untyped-def]
    """Loaders for web pages and crawler output live in their own module."""
    try:
        from . import formats
    except ImportError:  # pragma: no cover - formats is part of the package
        return None
    return formats.LOADERS.get(suffix)


def load_text(path: Path, text: str, article_id: str | None = None) -> Article:
    """A .txt/.md article: optional front matter or `date YYYY-MM-DD` prefix."""
    meta: dict[str, object] = {}
    provenance: list[tuple[str, str]] = []
    m = _FRONT_MATTER.match(text)
    if m:
        try:
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict) and set(map(str, loaded)) & _META_KEYS:
            meta = {str(k).lower(): v for k, v in loaded.items()}
            text = text[m.end():]
            provenance += [(k, "front matter") for k in meta if k in _META_KEYS]
    published = parse_date(meta.get("published", meta.get("date")))
    m2 = _DATE_PREFIX.match(text)
    if m2:
        published = published or parse_date(m2.group(1))
        provenance.append(("published", "date prefix"))
        text = text[m2.end():]
    if not text.strip():
        raise ArticleSkip("no article text (only a header)")
    authors = meta.get("authors", meta.get("author"))
    if isinstance(authors, str):
        authors = [authors]
    return Article(
        id=str(meta.get("id") or article_id or path.stem),
        path=str(path),
        text=text,
        title=_str(meta.get("title")),
        outlet=_str(meta.get("outlet", meta.get("source"))),
        url=_str(meta.get("url")),
        published=published,
        authors=tuple(str(a) for a in authors or ()) if isinstance(authors, list) else (),
        provenance=tuple(provenance),
    )


def parse_date(value: object) -> date | None:
    """A publication date from metadata: a date, or text starting YYYY-MM-DD."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def _str(value: object) -> str | None:
    return None if value is None else str(value).strip() or None


def _unique_id(base: str, taken: dict[str, str]) -> str:
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _with_id(article: Article, new_id: str) -> Article:
    from dataclasses import replace

    return replace(article, id=new_id)
