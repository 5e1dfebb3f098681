"""SIGTERM stops a build the way an exception does: every `finally` runs.

A timeout wrapper, systemd or an operator sends SIGTERM and expects the
process to go within seconds, cleanly. Python's default for SIGTERM is to
die on the spot, which skips the cleanup the build already does for
errors: the staging folder is removed (pipeline.build), the worker pool is
torn down (parallel._Pool), a half-written cache entry is unlinked
(cache._place) and the lock released. So during a run, SIGTERM raises
`Stopped` in the main thread; it derives from BaseException, like
KeyboardInterrupt, so no `except Exception` on the way swallows it. The CLI
turns it into one line and exit status 143 (128 + SIGTERM).

A few steps must not be cut in half: moving the finished outputs into
place, one file after another. `shielded()` holds a stop that arrives
meanwhile until the step is done, so the folder ends with all of the old
outputs or all of the new ones.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

EXIT_STATUS = 128 + signal.SIGTERM  # what a shell reports for a process ended by SIGTERM: 143



class _State:
    armed = False  # a run is going: SIGTERM raises Stopped
    shielded = 0  # how many shielded() blocks are open
    pending = False  # SIGTERM came during a shielded() block


_state = _State()


class Stopped(BaseException):
    """The run was asked to stop (SIGTERM) and has cleaned up after itself."""

    exit_code = EXIT_STATUS


@contextmanager
def on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into `Stopped` for the `with` block (main thread only; elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _handle)
    _state.armed, _state.shielded, _state.pending = True, 0, False
    try:
        yield
    finally:
        _state.armed = False
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def shielded(done: str) -> Iterator[None]:
    """Finish the `with` block even if SIGTERM arrives; stop right after it, saying what was `done`."""
    _state.shielded += 1
    try:
        yield
    finally:
        _state.shielded -= 1
    if not _state.shielded and _state.pending:
        _state.pending = False
        raise Stopped(f"stopped by SIGTERM just after {done}")


def _handle(signum: int, frame: FrameType | None) -> None:
    if not _state.armed:
        return
    _state.armed = False  # a second SIGTERM must not cut the cleanup short (SIGKILL still can)
    if _state.shielded:
        _state.pending = True
        return
    raise Stopped("stopped by SIGTERM before the build finished; the previous outputs are untouched")
