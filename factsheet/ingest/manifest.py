"""A manifest names id, outlet, url, published date, title or authors per input file.

Saved pages and text files often lack their metadata, or the guess from the
page is wrong (a syndication site's name instead of the outlet). A manifest
says it once, and what it says wins over every guess. Each value it sets is
recorded in Article.provenance as "manifest <file>:<line>", so the briefing
can show where every value came from.

Two forms, recognised by name (`manifest.csv`, `manifest.yaml`, `manifest.yml`,
or `<anything>.manifest.csv|yaml|yml`) inside the inputs, or given with
`factsheet build --manifest FILE`:

    file,id,outlet,url,published            # CSV: a header, one row per file
    a.html,,Harbour Herald,,2024-03-12

    - file: a.html                          # YAML: a list of entries ...
      outlet: Harbour Herald
    b.txt: {published: 2024-03-13}          # ... or a mapping from file to fields

`file` is matched against the input's path relative to the manifest's
folder, then its file name, then its id (records of a .jsonl file are named
`file.jsonl:LINE`). An entry with no `file` is matched by `url`. Empty cells
change nothing.
"""

from __future__ import annotations

import csv
import difflib
import io
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from factsheet.errors import InputError
from factsheet.ingest.clean import decode_bytes, url_key
from factsheet.ingest.reading import ArticleSkip, parse_date, read_bytes, read_date
from factsheet.model import Article

FIELDS = ("file", "id", "outlet", "url", "published", "title", "authors")
ALIASES = {"path": "file", "filename": "file", "source": "outlet", "date": "published", "author": "authors"}
NAMES = {"manifest.csv", "manifest.yaml", "manifest.yml"}
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_RECORD = re.compile(r"^(.*\.(?:jsonl|ndjson|json))([:#]\d+)$", re.I)


log = logging.getLogger(__name__)


class ManifestError(InputError):
    """A manifest that cannot be used at all (exit 2: fix it and run again)."""

    exit_code = 2


@dataclass(frozen=True)
class Entry:
    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class Manifest:
    path: Path
    entries: tuple[Entry, ...]
    problems: tuple[str, ...] = ()  # entries left out, one "file:line: what to fix" each


def is_manifest(path: Path) -> bool:
    name = path.name.casefold()
    return name in NAMES or name.endswith((".manifest.csv", ".manifest.yaml", ".manifest.yml"))


def read_manifest(path: Path) -> Manifest:
    """Read and check a manifest; bad entries are left out and named in `problems`."""
    try:
        text = decode_bytes(read_bytes(path))[0]
    except ArticleSkip as why:
        raise ManifestError(f"{path}: {why}") from None
    rows = _csv_rows(path, text) if path.suffix.casefold() == ".csv" else _yaml_rows(path, text)
    entries: list[Entry] = []
    problems: list[str] = []
    for line, row in rows:
        try:
            entries.append(Entry(line, _check(row)))
        except ValueError as why:
            problems.append(f"{path}:{line}: {why}; this entry was left out")
    return Manifest(path, tuple(entries), tuple(problems))


def _csv_rows(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise ManifestError(f"{path}: empty manifest; the first row names the columns ({', '.join(FIELDS)})") from None
    columns = [_field(path, 1, h) for h in header]
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((reader.line_num, {k: v for k, v in zip(columns, cells, strict=False) if k}))
    except csv.Error as exc:
        raise ManifestError(f"{path}:{reader.line_num}: not valid CSV ({exc}); check the quote marks") from None
    return rows


def _yaml_rows(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    from factsheet.rules import strict_yaml

    try:
        data, marks = strict_yaml.load(text)
    except strict_yaml.YamlProblem as p:
        raise ManifestError(f"{path}:{p.mark.line}:{p.mark.column}: {p.message}") from None
    prefix: tuple[str, ...] = ()
    if isinstance(data, dict) and set(data) == {"articles"}:
        data, prefix = data["articles"], ("articles",)
    items: list[tuple[tuple[Any, ...], Any, str | None]]
    if isinstance(data, list):
        items = [((*prefix, i), item, None) for i, item in enumerate(data)]
    elif isinstance(data, dict):
        items = [((*prefix, k), v, k) for k, v in data.items()]
    else:
        raise ManifestError(f"{path}: a manifest is a list of entries, or a mapping from file name to fields")
    rows: list[tuple[int, dict[str, str]]] = []
    for key, item, file in items:
        mark = marks.get(key)
        line = mark.line if mark else 1
        if not isinstance(item, dict):
            raise ManifestError(f"{path}:{line}: each entry is a mapping such as 'file: a.html' and 'outlet: ...'")
        row = {_field(path, line, str(k)): _scalar(v) for k, v in item.items()}
        if file is not None:
            row["file"] = file
        rows.append((line, row))
    return rows


def _field(path: Path, line: int, name: str) -> str:
    key = name.strip().casefold()
    key = ALIASES.get(key, key)
    if key not in FIELDS:
        near = difflib.get_close_matches(key, [*FIELDS, *ALIASES], n=1)
        hint = f" — did you mean '{near[0]}'?" if near else ""
        raise ManifestError(f"{path}:{line}: unknown column '{name}'{hint} (allowed: {', '.join(FIELDS)})")
    return key


def _scalar(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if v is not None)
    return "" if value is None else str(value)


def _check(row: dict[str, str]) -> dict[str, str]:
    """Only filled-in cells count; each must make sense before it may override anything."""
    values = {k: " ".join(v.split()) for k, v in row.items() if v and v.strip()}
    if "id" in values and not _SAFE_ID.fullmatch(values["id"]):
        raise ValueError(f"id '{values['id']}' may hold only letters, digits, '.', '_' and '-'")
    if "published" in values:  # any common form (metadates.py), kept as YYYY-MM-DD
        try:
            values["published"] = read_date(values["published"]).isoformat()
        except ValueError as why:
            bad = values["published"]
            raise ValueError(f"published '{bad}' is not a date ({why}); write it as YYYY-MM-DD") from None
    if "url" in values and not re.match(r"https?://[^\s/]+", values["url"]):
        raise ValueError(f"url '{values['url']}' is not a web address; start it with https://")
    if not values.get("file") and not values.get("url"):
        raise ValueError("the entry names neither a file nor a url, so it matches no input")
    if set(values) <= {"file"}:
        raise ValueError("the entry sets nothing besides the file name")
    return values


def apply(articles: Sequence[Article], manifests: Iterable[Manifest]) -> tuple[list[Article], list[str]]:
    """The articles with every manifest value applied; notes name entries that matched nothing."""
    result = list(articles)
    notes: list[str] = []
    for manifest in manifests:
        notes.extend(manifest.problems)
        index = _Index(result, manifest.path.parent)
        for entry in manifest.entries:
            hits = index.find(entry.values)
            if not hits:
                what = entry.values.get("file") or entry.values.get("url")
                notes.append(f"{manifest.path}:{entry.line}: '{what}' matches no input; check the file name")
            for i in hits:
                result[i] = _override(result[i], entry, f"manifest {manifest.path.name}:{entry.line}")
    for note in notes:
        log.warning("%s", note)
    return result, notes


class _Index:
    """Where to find an article by path, file name, id or url."""

    def __init__(self, articles: Sequence[Article], base: Path) -> None:
        self.base = base
        self.by: dict[str, dict[str, list[int]]] = {"path": {}, "name": {}, "id": {}, "url": {}}
        for i, a in enumerate(articles):
            m = _RECORD.match(a.path)
            file, suffix = (m.group(1), m.group(2)) if m else (a.path, "")
            self.by["path"].setdefault(_norm(Path(file)) + suffix, []).append(i)
            self.by["name"].setdefault(Path(file).name + suffix, []).append(i)
            self.by["id"].setdefault(a.id, []).append(i)
            key = url_key(a.url)
            if key:
                self.by["url"].setdefault(key, []).append(i)

    def find(self, values: dict[str, str]) -> list[int]:
        file = values.get("file")
        if not file:
            return self.by["url"].get(url_key(values["url"]) or "", [])
        target = Path(file)
        path = target if target.is_absolute() else self.base / target
        return (self.by["path"].get(_norm(path), []) or self.by["name"].get(file, [])
                or self.by["id"].get(file, []))


def _norm(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())


def _override(article: Article, entry: Entry, where: str) -> Article:
    changes: dict[str, Any] = {}
    for key, value in entry.values.items():
        if key == "file":
            continue
        if key == "published":
            changes[key] = parse_date(value)
        elif key == "authors":
            changes[key] = tuple(a.strip() for a in value.split(";") if a.strip())
        else:
            changes[key] = value
    set_keys = set(changes)
    provenance = tuple((k, v) for k, v in article.provenance if k not in set_keys)
    changes["provenance"] = provenance + tuple((k, where) for k in sorted(set_keys))
    return replace(article, **changes)
