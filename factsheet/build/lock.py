"""One build at a time per output folder, and a dead build never blocks the next.

Cron does not know that yesterday's run is still going. Two builds writing
the same folder would each move complete files into place, but the folder
could end with one run's HTML beside the other's PDF, and the second could
delete the first's staging folder. So a build holds an exclusive lock on
`OUT/.factsheet.lock` for its whole run; a second run waits a bounded time
and then stops with a message naming the holder and how to find it.

The lock is flock(2) on an open file: the kernel releases it when the last
descriptor of that open file closes, even on SIGKILL. A forked child shares
the descriptor, so a worker that outlived a killed build used to keep the
lock (issue 18). Hence: the descriptor is O_CLOEXEC (an exec'd or
forkserver-started process never has it) and closed in every child forked
while it is held (`os.register_at_fork`), so only the build process itself
ever holds the lock.

The file holds the holder's pid, host and process start time. If the lock
is busy but that process is dead (or its pid now belongs to another process),
something else inherited the lock: a stale lock. It is taken over: the file
is unlinked (under a short flock on the folder itself, so two runs never
both take over) and a fresh one locked, with a one-line notice naming the
dead pid. Every run checks after locking that its file is still the one at
the path, so a run never holds a file that was taken over.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from factsheet.errors import FactsheetError

LOCK_NAME = ".factsheet.lock"
STAGING_PREFIX = ".factsheet-"
POLL = 0.2
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_HELD: set[int] = set()  # lock descriptors of this process, closed in forked children


class Busy(FactsheetError):
    """Another run holds the output folder (exit status 1: this run did nothing)."""

    exit_code = 1


@dataclass(frozen=True)
class Holder:
    """Who the lock file says holds the lock."""

    text: str  # as shown in messages: "pid 123 since 2026-12-06 06:00:01 on host"
    pid: int | None = None
    host: str | None = None
    start: str | None = None  # the process's start time in clock ticks after boot (Linux), against pid reuse

    def dead(self) -> bool:
        """True only when the holder is certainly gone: on this host, and no live process has its pid."""
        if self.pid is None or self.pid <= 0 or (self.host is not None and self.host != socket.gethostname()):
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:  # alive, another user's
            pass
        now = _process_start(self.pid)
        return now == "zombie" or (self.start is not None and now is not None and now != self.start)


@contextmanager
def hold(folder: str | Path, wait: float = 0.0, on_wait: Callable[[str], None] | None = None,
         on_takeover: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Hold the folder's lock for the `with` block; wait up to `wait` seconds for a live holder.

    `on_wait(holder)` is called once if the lock is taken, before waiting;
    `on_takeover(notice)` when a dead run's stale lock is taken over.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = _acquire(path, wait, on_wait, on_takeover)
    try:
        yield path
    finally:
        try:
            os.ftruncate(fd, 0)
        finally:
            _HELD.discard(fd)
            os.close(fd)  # releases the lock


def _acquire(path: Path, wait: float, on_wait: Callable[[str], None] | None,
             on_takeover: Callable[[str], None] | None) -> int:
    deadline = time.monotonic() + max(wait, 0.0)
    told = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if holder.dead():
                if _take_over(path, fd, holder) and on_takeover is not None:
                    on_takeover(f"took over the lock of {path.parent}: its holder, pid {holder.pid}, is dead "
                                "(a killed run left it held)")
                os.close(fd)
                continue
            os.close(fd)
        else:
            with _folder_mutex(path.parent):  # a takeover cannot unlink the file between this check and the write
                if _same_file(fd, path):
                    _HELD.add(fd)
                    os.ftruncate(fd, 0)
                    os.pwrite(fd, _describe_self().encode(), 0)
                    return fd
            os.close(fd)  # the file was taken over while we locked it: lock the new one
            continue
        if not told and on_wait is not None:
            on_wait(holder.text)
            told = True
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            waited = f" after waiting {wait:g} s" if wait > 0 else ""
            find = f" It is still running: `ps -p {holder.pid}` shows it." if holder.pid else ""
            raise Busy(f"another factsheet run ({holder.text}) is writing to {path.parent}; gave up{waited}.{find} "
                       "Try again when it has finished, or give --wait SECONDS to wait for it")
        time.sleep(min(POLL, remaining))


def _take_over(path: Path, fd: int, stale: Holder) -> bool:
    """Unlink the stale lock file if it is still the one `fd` has open, still busy and still names the dead pid."""
    with _folder_mutex(path.parent):
        if not _same_file(fd, path) or _holder(fd) != stale:
            return False  # another run took it over, or a live run holds it now
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            path.unlink(missing_ok=True)
            return True
        fcntl.flock(fd, fcntl.LOCK_UN)  # the lock came free meanwhile: lock it the ordinary way
        return False


@contextmanager
def _folder_mutex(folder: Path) -> Iterator[None]:
    """A flock on the folder itself, held for microseconds around checking and replacing the lock file."""
    try:
        dfd = os.open(folder, os.O_RDONLY | _CLOEXEC | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield
        return
    try:
        with suppress(OSError):  # a file system without flock on folders: best effort
            fcntl.flock(dfd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(dfd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _describe_self() -> str:
    start = _process_start(os.getpid())
    since = time.strftime("%Y-%m-%d %H:%M:%S")
    return f"pid {os.getpid()} since {since} on {socket.gethostname()}" + (f"; start {start}" if start else "") + "\n"


_FIELDS = re.compile(r"^pid (?P<pid>\d+)(?: since [^;]*?)?(?: on (?P<host>\S+))?(?:; start (?P<start>\d+))?\s*$")


def _holder(fd: int) -> Holder:
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", errors="replace").strip()
    except OSError:
        text = ""
    found = _FIELDS.match(text)
    if found is None:
        return Holder(text[:100] or "starting up")
    shown = text.split(";")[0]
    return Holder(shown[:100], int(found["pid"]), found["host"], found["start"])


def _process_start(pid: int) -> str | None:
    """The process's start time (field 22 of /proc/PID/stat), "zombie" for a dead unreaped one, None if unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2:].split()  # the command name may hold spaces and parentheses
    if not fields or len(fields) < 20:
        return None
    return "zombie" if fields[0] in ("Z", "X") else fields[19]


def _close_in_child() -> None:
    """A forked child (a worker) must never keep the build's lock alive after the build has died."""
    for fd in _HELD:
        with suppress(OSError):
            os.close(fd)
    _HELD.clear()


os.register_at_fork(after_in_child=_close_in_child)


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
