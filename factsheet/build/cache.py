"""Incremental builds: reuse what an earlier run already worked out.

A scheduled build re-reads the same articles every morning; only a few are
new. Three things are cached, each under a key that names everything it was
computed from, so a stale entry can never be found, only missed:

    extract/   one article's mentions   article content (not its path)
                                        + the rules' matching parts + code
    briefing/  the reconciled briefing  every article (with its path), every
                                        skipped input, all rule files, title
    pdf/       a rendered PDF           the HTML + the templates folder + code

"Code" is a digest of factsheet's own source files, so a new version or a
local edit never reuses old results. Editing a rule's examples or
description does not invalidate extraction; changing a phrase, word list,
veto, slot or priority re-extracts every article (rules are tried in
priority order and the first match wins, so any article may depend on any
rule); changing aliases or reconcile settings re-runs only reconciliation.

Entries are JSON (never pickle: a cache folder others can write to must not
become a way to run code), written to a temporary file and renamed, so two
runs sharing a cache cannot see half an entry. A damaged entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from factsheet.build import codec
from factsheet.extract.mentions import extract_article
from factsheet.model import Article, Briefing, Mention, Skipped
from factsheet.rules.schema import RuleSet

CACHE_VERSION = 1
KEEP_LARGE = 3  # briefings and PDFs kept: today's, and a spare for a rollback
MAX_AGE_DAYS = 30  # extraction entries not used for this long are removed
Progress = Callable[[int, str], AbstractContextManager[Callable[[], None]]]
_DOC_FIELDS = {"description", "should_match", "should_not_match", "known_misses"}


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    briefing: bool = False  # the whole reconciled briefing was reused
    pdf: bool = False  # the PDF was reused instead of rendered
    errors: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.briefing:
            return "briefing reused" + (", PDF reused" if self.pdf else "")
        parts = [f"{self.hits} articles reused", f"{self.misses} extracted"]
        if self.pdf:
            parts.append("PDF reused")
        return ", ".join(parts)


class BuildCache:
    """The cache folder of one build, plus what the build got out of it.

    `folder=None` caches nothing but still counts, so the pipeline has one
    code path. `progress(total, label)` gives a callable to tick per article
    (RunLog.progress draws a bar on a terminal).
    """

    def __init__(self, folder: str | Path | None, progress: Progress | None = None,
                 stage: Callable[[str | None], None] | None = None) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.used: set[str] = set()  # briefing and PDF entries this run read or wrote: never pruned
        self.progress = progress or _no_progress
        self.stage = stage or (lambda label: None)  # the pipeline passes through here between its long steps
        self.stats = CacheStats()

    # --- per-article extraction -------------------------------------------------

    def extract_all(self, articles: Sequence[Article], rules: RuleSet) -> list[Mention]:
        """The mentions of every article, in order, each from the cache when it can be."""
        mentions: list[Mention] = []
        with self.progress(len(articles), "extracting") as tick:
            for article in articles:
                mentions.extend(self.extract(article, rules))
                tick()
        return mentions

    def extract(self, article: Article, rules: RuleSet) -> list[Mention]:
        """extract_article(), or its earlier result for the same article and rules."""
        key = _digest("extract", code_fingerprint(), extraction_fingerprint(rules), article_fingerprint(article))
        found = self._read("extract", key)
        if found is not None:
            try:
                mentions = [codec.decode(Mention, m) for m in found]
            except (TypeError, ValueError, KeyError):
                mentions = None
            if mentions is not None:
                self.stats.hits += 1
                return mentions
        mentions = extract_article(article, rules)
        self.stats.misses += 1
        self._write("extract", key, [codec.encode(m) for m in mentions])
        return mentions

    # --- the reconciled briefing --------------------------------------------------

    def briefing_key(self, articles: Sequence[Article], skipped: Sequence[Skipped], rules: RuleSet,
                     *extra: object) -> str:
        """A key for everything make_briefing() read; `extra` for any other setting it takes."""
        return _digest("briefing", code_fingerprint(), rules.fingerprint, _json(rules.files),
                       *(article_fingerprint(a, with_path=True) for a in articles),
                       _json([codec.encode(s) for s in skipped]), _json([repr(x) for x in extra]))

    def get_briefing(self, key: str) -> Briefing | None:
        found = self._read("briefing", key)
        if found is None:
            return None
        try:
            briefing = codec.decode(Briefing, found)
        except (TypeError, ValueError, KeyError):
            return None
        self.stats.briefing = True
        self.stats.hits += len(briefing.articles)
        return briefing

    def put_briefing(self, key: str, briefing: Briefing) -> None:
        self._write("briefing", key, codec.encode(briefing))

    # --- rendered PDFs --------------------------------------------------------------

    def pdf_key(self, html: str, templates: Path, *extra: object) -> str:
        self.stage("rendering the PDF")
        return _digest("pdf", code_fingerprint(), folder_fingerprint(templates), html, _json([repr(x) for x in extra]))

    def restore_pdf(self, key: str, target: Path) -> bool:
        """Copy a PDF rendered earlier from the same HTML to `target`; False if there is none."""
        if self.folder is None:
            return False
        source = self.folder / "pdf" / f"{key}.pdf"
        self.used.add(source.name)
        try:
            shutil.copyfile(source, target)
            os.utime(source)
        except OSError:
            return False
        self.stats.pdf = True
        return True

    def store_pdf(self, key: str, source: Path) -> None:
        if self.folder is None:
            return
        self.used.add(f"{key}.pdf")
        try:
            self._place(self.folder / "pdf" / f"{key}.pdf", source.read_bytes())
        except OSError as exc:
            self._failed(exc)

    # --- housekeeping -------------------------------------------------------------------

    def prune(self) -> None:
        """Drop old briefings/PDFs, extraction entries unused for MAX_AGE_DAYS and leftover temporary files."""
        if self.folder is None or not self.folder.is_dir():
            return
        for kind in ("briefing", "pdf"):
            entries = sorted((self.folder / kind).glob("*.*"), key=_mtime, reverse=True)
            older = [e for e in entries if e.name not in self.used]  # a --per-story run uses one PDF per story
            for old in older[KEEP_LARGE:]:
                old.unlink(missing_ok=True)
        cutoff = time.time() - MAX_AGE_DAYS * 86400
        for entry in (self.folder / "extract").glob("*/*.json"):
            if _mtime(entry) < cutoff:
                entry.unlink(missing_ok=True)
        # a temporary file older than a minute is a write cut short by SIGKILL (one takes milliseconds)
        stale = time.time() - 60
        for kind in ("extract/*", "briefing", "pdf"):
            for entry in self.folder.glob(f"{kind}/.tmp-*"):
                if _mtime(entry) < stale:
                    entry.unlink(missing_ok=True)

    def _path(self, kind: str, key: str) -> Path:
        assert self.folder is not None
        if kind == "extract":  # many small files: spread them over 256 folders
            return self.folder / kind / key[:2] / f"{key}.json"
        return self.folder / kind / f"{key}.json"

    def _read(self, kind: str, key: str) -> Any:
        if self.folder is None:
            return None
        path = self._path(kind, key)
        try:
            with path.open("rb") as fh:
                data = json.load(fh)
            if kind != "extract":
                os.utime(path)  # the large entries are pruned by last use
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("cache") != CACHE_VERSION or data.get("key") != key:
            return None
        return data.get("value")

    def _write(self, kind: str, key: str, value: Any) -> None:
        if self.folder is None:
            return
        payload = json.dumps({"cache": CACHE_VERSION, "key": key, "value": value}, ensure_ascii=False,
                             separators=(",", ":"))
        try:
            self._place(self._path(kind, key), payload.encode("utf-8"))
        except OSError as exc:
            self._failed(exc)

    def _place(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _failed(self, exc: OSError) -> None:
        """A cache that cannot be written slows the next build down; it never fails this one."""
        if not self.stats.errors:
            self.stats.errors.append(f"cannot write the cache in {self.folder}: {exc.strerror or exc}")


@contextmanager
def _no_progress(total: int, label: str) -> Iterator[Callable[[], None]]:
    yield lambda: None


# --- fingerprints ---------------------------------------------------------------------------


def article_fingerprint(article: Article, with_path: bool = False) -> str:
    """Everything extraction may read from an article; its path only when asked."""
    data = codec.encode(article)
    if not with_path:
        data.pop("path", None)
    return _digest("article", _json(data))


def extraction_fingerprint(rules: RuleSet) -> str:
    """The parts of the rules that decide what is extracted, in the order they are tried."""
    if _LAST_RULES and _LAST_RULES[0][0] is rules:  # computed once per build, not per article
        return _LAST_RULES[0][1]
    matching = [r.model_dump(mode="json", by_alias=True, exclude=_DOC_FIELDS) for r in rules.rules]
    fp = _digest("rules", _json(matching), _json(sorted(rules.aliases.items())))
    _LAST_RULES[:] = [(rules, fp)]
    return fp


_LAST_RULES: list[tuple[RuleSet, str]] = []


@cache
def code_fingerprint() -> str:
    """factsheet's version and the bytes of its source files."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ver = version("factsheet")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        ver = "unknown"
    package = Path(__file__).resolve().parent.parent  # the whole factsheet package, not only build/
    h = hashlib.sha256(f"factsheet {ver} cache {CACHE_VERSION}".encode())
    for path in sorted(package.rglob("*.py")):
        h.update(str(path.relative_to(package)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def folder_fingerprint(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()[:40]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
