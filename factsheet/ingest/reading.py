"""Reading one input file safely, shared by every loader (text, HTML, news-please JSON, manifests).

`ArticleSkip` carries the reason a file is not used; `read_bytes` refuses what is too large, not a
plain file or unreadable before reading a byte; `parse_date` reads a metadata date.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from datetime import date
from pathlib import Path

from factsheet.limits import env_value

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
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ArticleSkip(cannot_read(exc)) from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise ArticleSkip(NOT_REGULAR)
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


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


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
