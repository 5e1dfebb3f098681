"""One build at a time per output folder.

Cron does not know that yesterday's run is still going. Two builds writing
the same folder would each move complete files into place, but the folder
could end with one run's HTML beside the other's PDF, and the second could
delete the first's staging folder. So a build holds an exclusive lock on
`OUT/.factsheet.lock` for its whole run; a second run waits a bounded time
and then stops with a message naming the holder.

The lock is flock(2) on an open file: the kernel releases it when the holder
exits, even on SIGKILL, so a crashed run never leaves a stale lock behind.
The file itself stays (removing it would race with a waiting run); it only
holds the holder's pid and start time, for the message.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from factsheet.errors import FactsheetError

LOCK_NAME = ".factsheet.lock"
STAGING_PREFIX = ".factsheet-"
POLL = 0.2


class Busy(FactsheetError):
    """Another run holds the output folder (exit status 1: this run did nothing)."""

    exit_code = 1


@contextmanager
def hold(folder: str | Path, wait: float = 0.0, on_wait: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Hold the folder's lock for the `with` block; wait up to `wait` seconds for it.

    `on_wait(holder)` is called once if the lock is taken, before waiting.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        _acquire(fd, path, wait, on_wait)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode(), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the lock


def _acquire(fd: int, path: Path, wait: float, on_wait: Callable[[str], None] | None) -> None:
    deadline = time.monotonic() + max(wait, 0.0)
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = _holder(path)
        if not told and on_wait is not None:
            on_wait(holder)
            told = True
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            waited = f" after waiting {wait:g} s" if wait > 0 else ""
            raise Busy(f"another factsheet run ({holder}) is writing to {path.parent}; gave up{waited}. "
                       "Try again later, or give --wait SECONDS to wait for it")
        time.sleep(min(POLL, remaining))


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text[:100] or "starting up"


def clear_leftovers(folder: str | Path) -> list[Path]:
    """Remove staging folders a killed build left behind; call only while holding the lock."""
    removed: list[Path] = []
    folder = Path(folder)
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed
