"""Turn the paths a user gave into Articles, and account for every one of them.

Inputs are files, folders or globs. Each file found is either loaded into an
Article or reported as Skipped with a reason a person can act on: the count of
inputs given always equals articles + skipped.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from factsheet.ingest import markdown
from factsheet.ingest.reading import NOT_REGULAR, ArticleSkip, cannot_read, parse_date, read_bytes
from factsheet.limits import env_value
from factsheet.model import Article, Skipped

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
MAX_ARTICLE_CHARS = env_value("FACTSHEET_MAX_ARTICLE_CHARS", 1_000_000)
MAX_FRONT_MATTER_CHARS = env_value("FACTSHEET_MAX_FRONT_MATTER_CHARS", 64 * 1024)
MAX_ID_CHARS = 120

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.S)
_DATE_PREFIX = re.compile(r"\A\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_META_KEYS = {"title", "outlet", "source", "url", "published", "date", "author", "authors", "id"}


@dataclass(frozen=True)
class Loaded:
    articles: list[Article]
    skipped: list[Skipped]
    notes: list[str] = field(default_factory=list)  # warnings for stderr, e.g. manifest entries that matched nothing


def discover(inputs: Iterable[str]) -> tuple[list[Path], list[Skipped]]:
    """Expand files, folders and globs into a sorted, de-duplicated file list.

    A file named on the command line is read even through a symbolic link (the
    user named it). Inside a folder, links to other folders are not followed
    (they can loop) and links to files outside the folder are not read (an
    article folder must not reach ~/.ssh); both are listed as skipped, as are
    pipes, sockets and devices, so nothing found is dropped silently.
    """
    files: list[Path] = []
    skipped: list[Skipped] = []
    for spec in inputs:
        path = Path(spec)
        kind, why = _kind(path)
        if kind == "dir":
            files.extend(_walk(path, skipped))
        elif kind == "file":
            files.append(path)
        elif any(ch in spec for ch in "*?["):
            found: list[Path] = []
            for m in _glob(spec):
                m_kind, m_why = _kind(m)
                if m_kind == "dir":
                    found.extend(_walk(m, skipped))
                elif m_kind == "file":
                    found.append(m)
                else:
                    skipped.append(Skipped(str(m), m_why))
            if not found:
                skipped.append(Skipped(spec, "the pattern matched no files; check the pattern and the folder"))
            files.extend(found)
        else:
            skipped.append(Skipped(spec, why))
    seen: set[str] = set()
    unique: list[Path] = []
    for f in files:
        key = os.path.normpath(str(f))
        if key not in seen:
            seen.add(key)
            unique.append(f)
    once: list[Skipped] = []
    for s in skipped:  # a path given twice is one input, used or skipped once
        key = os.path.normpath(s.path)
        if key not in seen:
            seen.add(key)
            once.append(s)
    return unique, once


def _kind(path: Path) -> tuple[str, str]:
    """'dir', 'file' or 'other' and, for 'other', why it cannot be read (never raises)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "other", "symbolic link loop (the link leads back to itself); remove or fix the link"
        if os.path.islink(path):
            return "other", "broken symbolic link: its target does not exist; fix or remove the link"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return "other", "no such file or folder; check the path"
        return "other", cannot_read(exc)
    if stat.S_ISDIR(st.st_mode):
        return "dir", ""
    if stat.S_ISREG(st.st_mode):
        return "file", ""
    return "other", NOT_REGULAR


def _glob(spec: str) -> list[Path]:
    """Matches of a pattern (`**` for any depth), never descending through symbolic links.

    glob.glob follows links to folders under `**`, so two links pointing back
    up make it enumerate 2^40 paths; pathlib's `**` does not follow them.
    """
    parts = Path(spec).parts
    first = next((n for n, part in enumerate(parts) if any(ch in part for ch in "*?[")), len(parts))
    base = Path(*parts[:first]) if first else Path()
    pattern = str(Path(*parts[first:]))
    try:
        matches = sorted(base.glob(pattern))
    except (OSError, ValueError):
        return []
    return [m for m in matches if not any(part.startswith(".") for part in m.relative_to(base).parts)]


def _walk(folder: Path, skipped: list[Skipped]) -> Iterator[Path]:
    """Files below a folder, sorted; hidden files left out, links and special files reported."""
    root_real = os.path.realpath(folder)

    def unlisted(exc: OSError) -> None:
        skipped.append(Skipped(str(exc.filename or folder), "cannot list the folder: " + cannot_read(exc)
                               .removeprefix("cannot read: ")))

    for root, dirs, names in os.walk(folder, followlinks=False, onerror=unlisted):
        for d in sorted(dirs):
            if not d.startswith(".") and os.path.islink(os.path.join(root, d)):
                skipped.append(Skipped(os.path.join(root, d), "symbolic link to a folder, not followed (links can "
                                       "loop); give the folder it points to as an input"))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(root, d)))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(root) / name
            kind, why = _kind(path)
            if kind != "file":
                skipped.append(Skipped(str(path), why))
            elif path.is_symlink() and not _inside(os.path.realpath(path), root_real):
                skipped.append(Skipped(str(path), "symbolic link to a file outside the input folder, not read; "
                                       "copy the file in or give it as an input"))
            else:
                yield path


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def load_paths(inputs: Iterable[str], manifests: Iterable[str] = ()) -> Loaded:
    """Load every input; what cannot be used is skipped with a reason.

    Each file (each record of a .jsonl file) is cleaned (clean.py), then the
    manifests' values override what was guessed (manifest.py), then a second
    copy of an article already loaded is skipped as a duplicate.
    """
    from factsheet.ingest import clean, manifest

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
            for item in iter_many(path):  # a .jsonl file one record at a time
                if isinstance(item, Skipped):
                    skipped.append(item)
                    continue
                if len(item.text) > MAX_ARTICLE_CHARS:
                    skipped.append(Skipped(item.path, f"the article is {len(item.text):,} characters long, over the "
                                           f"limit of {MAX_ARTICLE_CHARS:,}; split it into several files or raise "
                                           "FACTSHEET_MAX_ARTICLE_CHARS"))
                    continue
                try:
                    articles.append(clean.clean_article(item))
                except ArticleSkip as why:
                    skipped.append(Skipped(item.path, str(why)))
        except ArticleSkip as why:
            skipped.append(Skipped(str(path), str(why)))
    articles, notes = manifest.apply(articles, found)
    unique: list[Article] = []
    for article in articles:
        if safe_id(article.id) != article.id:
            article = _with_id(article, safe_id(article.id))
        if article.id in ids:
            article = _with_id(article, _unique_id(article.id, ids))
        ids[article.id] = article.path
        unique.append(article)
    kept, duplicates = clean.dedupe(unique)
    return Loaded(kept, skipped + duplicates, notes)


def read_text(path: Path) -> str:
    """Read a file as text: UTF-8, else a detected charset; refuse binary data."""
    return decode(read_bytes(path))


def decode(raw: bytes) -> str:
    """Byte-order mark, else UTF-8, else a detected charset (see clean.decode_bytes)."""
    from factsheet.ingest.clean import decode_bytes

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


def iter_many(path: Path) -> Iterator[Article | Skipped]:
    """Like load_many, but a JSON Lines file gives its records as they are read, never held whole."""
    from factsheet.ingest import formats

    if path.suffix.lower() in formats.LINE_SUFFIXES:
        yield from formats.iter_jsonl(path)
    else:
        yield from load_many(path)


def _extra_loader(suffix: str) -> Callable[[Path], Article | list[Article | Skipped]] | None:
    """Loaders for web pages and crawler output live in formats.py, which imports this module."""
    from factsheet.ingest import formats

    return formats.LOADERS.get(suffix)


def load_text(path: Path, text: str, article_id: str | None = None) -> Article:
    """A .txt/.md article: optional front matter or `date YYYY-MM-DD` prefix; .md rendered as text (markdown.py)."""
    meta: dict[str, object] = {}
    provenance: list[tuple[str, str]] = []
    m = _FRONT_MATTER.match(text)
    if m and len(m.group(1)) <= MAX_FRONT_MATTER_CHARS:
        loaded = _front_matter(m.group(1))
        if isinstance(loaded, dict) and set(map(str, loaded)) & _META_KEYS:
            meta = {str(k).lower(): v for k, v in loaded.items()}
            text = text[m.end():]
            provenance += [(k, "front matter") for k in meta if k in _META_KEYS]
    key = "published" if meta.get("published") is not None else "date"
    published = parse_date(meta.get(key), where=str(path), what=f"front matter {key}")
    m2 = _DATE_PREFIX.match(text)
    if m2:
        published = published or parse_date(m2.group(1))
        provenance.append(("published", "date prefix"))
        text = text[m2.end():]
    if path.suffix.lower() in markdown.SUFFIXES and len(text) <= MAX_ARTICLE_CHARS:
        text = markdown.to_text(text)  # a longer file is skipped by its length, never parsed first
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


def _front_matter(block: str) -> object:
    """Article-supplied YAML, read like a rule file: no tags, no aliases, bounded depth and size.

    yaml.safe_load would expand an alias bomb when the title is turned into text,
    and recurse without limit on deep nesting.
    """
    from factsheet.rules import strict_yaml

    try:
        return strict_yaml.load(block)[0]
    except (strict_yaml.YamlProblem, yaml.YAMLError, RecursionError):
        return None


_UNSAFE_ID = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_RESERVED_NAMES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def safe_id(raw: str) -> str:
    """An article id that is safe as a file name anywhere downstream, unchanged if it already is.

    Ids come from file names, front matter, manifests and JSON records: none
    may carry a path separator, a leading dot (`..`), a control character or a
    reserved device name (NUL, COM1) into a cache key, an attachment name or
    a tool that writes one file per article.
    """
    text = _UNSAFE_ID.sub("_", raw).strip().lstrip(".").rstrip(". ")
    if not text:
        text = "article"
    if text.split(".")[0].lower() in _RESERVED_NAMES:
        text = "_" + text
    if len(text) > MAX_ID_CHARS:
        text = text[: MAX_ID_CHARS - 13] + "-" + hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()[:12]
    return text


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
