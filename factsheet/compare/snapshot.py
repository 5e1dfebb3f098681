"""A briefing reduced to what a comparison needs, read from facts.json or from a Briefing.

Why lean: a big build's facts.json is hundreds of megabytes, and comparing
two of them must fit beside the build (goal: 100,000 facts in under 500 MB).
So facts.json is streamed (each fact decoded on its own, never the whole
document), and a fact keeps only its id, who, a shortened claim, its counts,
grade, conflicts and one 64-bit hash per citation (article + sentence).
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from factsheet.errors import FactsheetError
from factsheet.model import Briefing, Fact

CLAIM_CHARS = 300  # enough to recognise a fact in a list of changes
_WS = re.compile(r"[ \t\n\r]*")
_NEXT = re.compile(r"[ \t\n\r]*([,\]])[ \t\n\r]*")  # after an item of an array: the next one, or its end
_DECODER = json.JSONDecoder()


class BriefingFileError(FactsheetError):
    """A file given as a briefing is not a complete facts.json (exit 2, like bad usage)."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class FactSummary:
    id: str
    who: str | None
    claim: str
    story: str | None
    articles: int
    independent: int
    grade: int
    conflicts: frozenset[str]  # slot names ("number", "date", ...) where accounts differ
    cites: frozenset[int]  # hash of (article, sentence text) of each citation
    cited: tuple[str, ...]  # the articles cited, in order


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: str
    outlet: str | None
    title: str | None
    path: str | None
    digest: str | None  # of the article's text; None when the briefing did not record it


@dataclass(frozen=True)
class Snapshot:
    """One briefing, summarised."""

    label: str  # where it came from: a path, or "this briefing"
    title: str
    generated: str
    facts: tuple[FactSummary, ...]
    articles: dict[str, ArticleSummary]
    skipped: dict[str, str]  # path -> reason


def cite_hash(article: str, text: str) -> int:
    """A citation's identity across builds: the article and its sentence, not the offsets.

    Python's own (salted, 64-bit) hash: only ever compared within one process, never stored, and
    several times faster than a cryptographic digest on 300,000 citations.
    """
    return hash((article, text))


def text_digest(text: str) -> str | None:
    """An article's text digest for facts.json (None when the text was let go: a big build)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16] if text else None


def _intern(value: Any) -> str | None:
    return sys.intern(value) if isinstance(value, str) else None


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def summarise_fact(data: dict[str, Any]) -> FactSummary:
    """One facts.json fact; anything missing or mistyped counts as empty, never a crash."""
    try:  # the shape factsheet writes, read without a check per field (most of the time of a big diff)
        cites = [(c["article"], c["text"]) for c in data["citations"]]
        corr, conflicts, who, story = data["corroboration"], data["conflicts"], data["who"], data["story"]
        fact = FactSummary(data["id"], who, data["claim"][:CLAIM_CHARS], story, corr["articles"],
                           corr["independent"], data["grade"], frozenset([c["slot"] for c in conflicts]),
                           frozenset(map(hash, cites)), tuple(map(sys.intern, dict.fromkeys([a for a, _ in cites]))))
        if (type(fact.id) is str and type(fact.claim) is str and type(fact.articles) is int
                and type(fact.independent) is int and type(fact.grade) is int and (who is None or type(who) is str)
                and (story is None or type(story) is str) and all(type(a) is str for a in fact.cited)):
            return fact
    except (KeyError, TypeError, AttributeError):
        pass
    return _careful(data)


def _careful(data: Any) -> FactSummary:
    """summarise_fact for a fact that is not shaped as factsheet writes it."""
    data = data if isinstance(data, dict) else {}
    corr = data.get("corroboration")
    corr = corr if isinstance(corr, dict) else {}
    cites = [(str(c.get("article")), str(c.get("text") or "")) for c in data.get("citations") or []
             if isinstance(c, dict)]
    cited = tuple(dict.fromkeys(sys.intern(a) for a, _ in cites))
    conflicts = frozenset(str(c.get("slot")) for c in data.get("conflicts") or () if isinstance(c, dict))
    return FactSummary(
        id=str(data.get("id") or ""), who=data.get("who") if isinstance(data.get("who"), str) else None,
        claim=str(data.get("claim") or "")[:CLAIM_CHARS], story=_intern(data.get("story")),
        articles=_int(corr.get("articles")), independent=_int(corr.get("independent")),
        grade=_int(data.get("grade")) or 6, conflicts=conflicts,
        cites=frozenset(map(hash, cites)), cited=cited)


def summarise(fact: Fact) -> FactSummary:
    """One fact of the briefing being built, summarised exactly as its facts.json entry would be."""
    return FactSummary(
        id=fact.id, who=fact.who, claim=fact.claim[:CLAIM_CHARS], story=fact.story,
        articles=fact.corroboration.articles, independent=fact.corroboration.independent, grade=fact.grade,
        conflicts=frozenset(c.slot for c in fact.conflicts),
        cites=frozenset(cite_hash(c.article, c.text) for c in fact.citations),
        cited=tuple(dict.fromkeys(sys.intern(c.article) for c in fact.citations)))


def of_briefing(briefing: Briefing, label: str = "this briefing") -> Snapshot:
    """The briefing being built (a big build's facts are read back from disk once, in order)."""
    with quiet_gc():
        return _of_briefing(briefing, label)


def _of_briefing(briefing: Briefing, label: str) -> Snapshot:
    articles = {i.article.id: ArticleSummary(i.article.id, i.article.outlet, i.article.title, i.article.path,
                                             i.digest or text_digest(i.article.text)) for i in briefing.articles}
    return Snapshot(label, briefing.title, briefing.generated, tuple(summarise(f) for f in briefing.facts),
                    articles, {s.path: s.reason for s in briefing.skipped})


def facts_file(path: str | Path) -> Path:
    """The facts.json a user named: the file itself, or the one inside a briefing folder."""
    p = Path(path)
    if p.is_dir():
        p = p / "facts.json"
    if not p.is_file():
        raise BriefingFileError(f"{path}: no facts.json there; name a briefing's facts.json or its folder")
    return p


@contextmanager
def quiet_gc() -> Iterator[None]:
    """No cyclic garbage collection while summarising: the summaries make no cycles, and with a big
    briefing in memory every collection walks its million objects (it doubled the time of a diff)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def read(path: str | Path) -> Snapshot:
    """A facts.json (or a briefing folder) summarised; BriefingFileError naming the file if it is not one."""
    p = facts_file(path)
    try:
        with p.open(encoding="utf-8") as f, quiet_gc():
            return _read(_Stream(f), str(path))
    except (OSError, UnicodeDecodeError, ValueError, TypeError, AttributeError) as exc:
        raise BriefingFileError(f"{p}: not a complete facts.json ({exc}); name the facts.json of a finished "
                                "build") from None


def _read(stream: _Stream, label: str) -> Snapshot:
    head: dict[str, Any] = {}
    facts: list[FactSummary] = []
    articles: dict[str, ArticleSummary] = {}
    skipped: dict[str, str] = {}
    seen: set[str] = set()
    for name, value in stream.members():
        seen.add(name)
        if name == "facts":
            facts.extend(summarise_fact(item) for item in value if isinstance(item, dict))
        elif name == "articles":
            for a in value:
                if isinstance(a, dict) and isinstance(a.get("id"), str):
                    articles[a["id"]] = ArticleSummary(a["id"], _text(a.get("outlet")), _text(a.get("title")),
                                                       _text(a.get("path")), _text(a.get("digest")))
        elif name == "skipped":
            skipped.update((str(s.get("path")), str(s.get("reason"))) for s in value if isinstance(s, dict))
        else:
            head[name] = value
    if head.get("schema") != 1 or "facts" not in seen:
        raise ValueError('no "schema": 1 or no "facts"')
    return Snapshot(label, str(head.get("title") or ""), str(head.get("generated") or ""), tuple(facts),
                    articles, skipped)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


class _Stream:
    """A top-level JSON object read member by member; the big arrays item by item.

    json.load would hold the whole document twice over (text and objects);
    this holds one item at a time plus a read buffer.
    """

    STREAMED = frozenset({"facts", "articles", "skipped"})

    def __init__(self, f: IO[str]) -> None:
        self.f, self.buf, self.pos, self.eof = f, "", 0, False

    def _fill(self) -> bool:
        if self.eof:
            return False
        chunk = self.f.read(max(1 << 20, len(self.buf) - self.pos))  # doubling: a big item is read in few goes
        if not chunk:
            self.eof = True
            return False
        self.buf, self.pos = self.buf[self.pos:] + chunk, 0
        return True

    def _peek(self) -> str:
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf) or not self._fill():
                return self.buf[self.pos:self.pos + 1]

    def _expect(self, char: str) -> None:
        if self._peek() != char:
            raise ValueError(f"expected {char!r} at character {self.pos}")
        self.pos += 1

    def _value(self) -> Any:
        self._peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if self._fill():
                    continue
                raise
            if end == len(self.buf) and self._fill():
                continue  # a number may go on in the next chunk
            self.pos = end
            return value

    def _items(self) -> Iterator[Any]:
        self._expect("[")
        if self._peek() == "]":
            self.pos += 1
            return
        decode = _DECODER.raw_decode
        while True:
            buf, pos = self.buf, self.pos
            try:  # the usual case: the item and what follows it are in the buffer
                value, end = decode(buf, pos)
                after = _NEXT.match(buf, end)
                if after is None or after.end() == len(buf):
                    raise IndexError
            except (json.JSONDecodeError, IndexError):  # at the end of the buffer: read on, the slow way
                value = self._value()
                if self._peek() == ",":
                    self.pos += 1
                    self._peek()  # on to the next item, as the fast way leaves it
                    yield value
                    continue
                self._expect("]")
                yield value
                return
            self.pos = after.end()
            yield value
            if after.group(1) == "]":
                return

    def members(self) -> Iterable[tuple[str, Any]]:
        self._expect("{")
        if self._peek() == "}":
            return
        while True:
            name = self._value()
            if not isinstance(name, str):
                raise ValueError("a member name is not a string")
            self._expect(":")
            if name in self.STREAMED and self._peek() == "[":
                items = self._items()
                yield name, items
                for _ in items:  # the caller may not have read them all
                    pass
            else:
                yield name, self._value()
            if self._peek() == ",":
                self.pos += 1
                continue
            self._expect("}")
            return
