"""The facts of a build, held in memory until there are many, then on disk.

Why: a year of wire copy (100,000 articles) gives about 900,000 facts with
2.7 million citations, about 2 GB as Python objects, while the outputs only
ever need them one at a time (facts.json and facts.csv are streamed) or a
few hundred of them (the PDF shows the best-supported facts, trim.py). So
past `SPILL_AFTER` facts, every fact is pickled into an anonymous temporary
file and only its offset stays in memory (8 bytes a fact). A small build
never touches the disk, and a big one reads its facts back in order, at
about the speed they were written.

The file is created unlinked (tempfile.TemporaryFile), so nothing is left
behind even if the process is killed; it is our own data written by this
process, so unpickling it runs nothing a third party wrote.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import weakref
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, overload

from factsheet.model import Fact

SPILL_AFTER = 100_000  # facts held as objects at most (~230 MB); 10,000 articles give ~90,000
READ_CHUNK = 1 << 20  # bytes read from disk at a time when facts are read in order
ENV = "FACTSHEET_SPILL_AFTER"


def spill_after() -> int:
    """The number of facts kept in memory: the environment's, else the default."""
    raw = os.environ.get(ENV, "").strip()
    return int(raw) if raw.isdigit() else SPILL_AFTER


class FactSpool(Sequence[Fact]):
    """An append-only sequence of facts that moves to a temporary file once it grows past `limit`."""

    def __init__(self, facts: Iterable[Fact] = (), limit: int | None = None) -> None:
        self.limit = spill_after() if limit is None else limit
        self._held: list[Fact] = []
        self._file: IO[bytes] | None = None
        self._offsets = array("q", [0])  # fact n is the bytes offsets[n]:offsets[n + 1] of the file
        self.extend(facts)

    @property
    def spilled(self) -> bool:
        """True once the facts live on disk."""
        return self._file is not None

    def append(self, fact: Fact) -> None:
        if self._file is None:
            self._held.append(fact)
            if len(self._held) > self.limit:
                self._spill()
            return
        data = pickle.dumps(fact, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(0, os.SEEK_END)
        self._file.write(data)
        self._offsets.append(self._offsets[-1] + len(data))

    def extend(self, facts: Iterable[Fact]) -> None:
        for fact in facts:
            self.append(fact)

    def _spill(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="factsheet-facts-")  # noqa: SIM115 - lives as long as the spool
        self._release = weakref.finalize(self, self._file.close)  # closed, not just dropped, when collected
        held, self._held = self._held, []
        for fact in held:
            self.append(fact)

    def __len__(self) -> int:
        return len(self._held) if self._file is None else len(self._offsets) - 1

    @overload
    def __getitem__(self, index: int) -> Fact: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Fact]: ...

    def __getitem__(self, index: int | slice) -> Fact | Sequence[Fact]:
        if self._file is None:
            return self._held[index]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        n = index + len(self) if index < 0 else index
        if not 0 <= n < len(self):
            raise IndexError("fact index out of range")
        start = self._offsets[n]
        fact: Fact = pickle.loads(self._read(start, self._offsets[n + 1] - start))
        return fact

    def __iter__(self) -> Iterator[Fact]:
        if self._file is None:
            yield from self._held
            return
        n, total = 0, len(self)
        while n < total:
            start = self._offsets[n]
            end = n + 1  # at least one fact per read, however large
            while end < total and self._offsets[end + 1] - start <= READ_CHUNK:
                end += 1
            chunk = memoryview(self._read(start, self._offsets[end] - start))
            for k in range(n, end):
                yield pickle.loads(chunk[self._offsets[k] - start:self._offsets[k + 1] - start])
            n = end

    def _read(self, start: int, size: int) -> bytes:
        assert self._file is not None
        self._file.flush()
        return os.pread(self._file.fileno(), size, start)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        where = "on disk" if self.spilled else "in memory"
        return f"FactSpool({len(self)} facts {where})"
