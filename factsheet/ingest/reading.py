"""Reading one input file safely, shared by every loader (text, HTML, news-please JSON, manifests).

`ArticleSkip` carries the reason a file is not used; `read_bytes` refuses what is too large, not a
plain file or unreadable before reading a byte; `parse_date` reads a metadata date.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from factsheet.limits import env_value

log = logging.getLogger(__name__)

# Resource limits (see limits.py and docs/reliability.md): looked up at call time.
MAX_BYTES = env_value("FACTSHEET_MAX_FILE_BYTES", 50 * 1024 * 1024)


NOT_REGULAR = "not a regular file (a pipe, socket or device); give saved article files"


def cannot_read(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot read: permission denied; give the user running factsheet read access (chmod a+r)"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (the link leads back to itself); remove or fix the link"
    return f"cannot read: {exc.strerror or exc}; check the file"


class ArticleSkip(Exception):
    """Raised by a loader with the reason a file is not used."""


def read_bytes(path: Path) -> bytes:
    """A file's bytes, refusing what is too large, not a plain file, unreadable or empty.

    The file is opened without blocking and checked before a byte is read: a
    named pipe among the articles would otherwise hang the build, and a file
    that grows while it is read is cut off at the limit, not read to the end.
    """
    limit = MAX_BYTES
    with open_regular(path) as fh:
        st = os.fstat(fh.fileno())
        try:
            raw = fh.read(limit + 1) if st.st_size <= limit else b""
        except OSError as exc:
            raise ArticleSkip(cannot_read(exc)) from None
    if st.st_size > limit or len(raw) > limit:
        raise ArticleSkip(f"the file is {max(st.st_size, len(raw)):,} bytes, over the limit of {limit:,} "
                          f"({_size(limit)}); split it into several files or raise FACTSHEET_MAX_FILE_BYTES")
    if not raw.strip():
        raise ArticleSkip("empty file (nothing but white space); remove it or save the article's text in it")
    return raw


def open_regular(path: Path) -> BinaryIO:
    """The file opened for reading without blocking, refused unless it is a plain file (ArticleSkip)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ArticleSkip(cannot_read(exc)) from None
    fh = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
        fh.close()
        raise ArticleSkip(NOT_REGULAR)
    return fh


def read_lines(path: Path) -> Iterator[tuple[int, bytes, int]]:
    """A file's lines one at a time, as (line number, bytes, size): for JSON Lines, where a line is a record.

    Each line, not the whole file, is held against the limit: a 2 GB feed of
    small records is read in the memory of one record. A line over the limit
    is given as b"" with its size (the caller skips that record) and read
    past without being kept. Blank lines are not given.
    """
    limit = MAX_BYTES
    chunk = 1024 * 1024
    with open_regular(path) as fh:
        n = 0
        while True:
            try:
                line = fh.readline(limit + 2)  # a record at the limit, and its \r\n
            except OSError as exc:
                raise ArticleSkip(cannot_read(exc)) from None
            if not line:
                return
            n += 1
            if len(line) > limit and not line.endswith(b"\n"):  # longer than the limit: count it, keep none of it
                size = len(line)
                while rest := fh.readline(chunk):
                    size += len(rest.rstrip(b"\r\n"))
                    if rest.endswith(b"\n"):
                        break
                yield n, b"", size
                continue
            data = line.rstrip(b"\r\n")
            if len(data) > limit:
                yield n, b"", len(data)
            elif data.strip():
                yield n, data, len(data)


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def parse_date(value: object, where: str | None = None, what: str = "published") -> date | None:
    """A publication date from metadata, or None; an unreadable value is named in a warning when `where` is given.

    `where` is the file (or record) the value came from: the warning names it
    and the value, so a date written in a form nobody can read is never
    dropped without a word. Machine-made values (htmldate's) pass no `where`.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return read_date(value)
    except ValueError as why:
        if where is not None:
            log.warning("%s: %s %s is not a date factsheet can read (%s); the article is treated as undated. "
                        "Write it as YYYY-MM-DD", where, what, _shown(value), why)
        return None


def read_date(value: object) -> date:
    """A metadata date in any common form, or ValueError saying why not (see metadates.py)."""
    from factsheet.ingest.metadates import read_date as read

    return read(value)


def _shown(value: object) -> str:
    text = repr(value) if isinstance(value, str) else f"{value!r} ({type(value).__name__})"
    return text if len(text) <= 80 else text[:77] + "..."
