"""Worker processes die with the build that started them.

A worker that outlives its build is worse than useless: a killed build used
to leave its `--jobs` workers under pid 1, one blocked on a full result
pipe, one on a lock, both holding the output folder's lock (issue 18). Four
mechanisms, each for a way the build can end:

- **The build is killed (SIGKILL, OOM killer)**: it runs no code, so the
  workers must notice themselves. On Linux each asks the kernel for SIGKILL
  when its parent dies (prctl PR_SET_PDEATHSIG), the parent being the build
  (fork) or the forkserver, which exits when the build does. Elsewhere a
  thread polls getppid() twice a second. Either way no code of the dead
  build has to run, and nothing costs time while the build lives.
- **The build stops (SIGTERM, Ctrl-C, an exception)**: the pool is torn down
  at once (`stop_processes`), not drained: a worker gets SIGTERM, and one in
  the middle of a batch unwinds it (so a half-written cache entry is
  unlinked) and exits; one that has not gone after STOP_GRACE seconds gets
  SIGKILL.
- **Ctrl-C reaches the whole process group**: workers ignore SIGINT and
  leave stopping to the build, which stops them as above, instead of each
  printing a KeyboardInterrupt traceback.
- **The lock**: workers never hold it (lock.py closes it in forked children).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from types import FrameType

STOP_GRACE = 2.0  # seconds a stopped worker gets to unwind before SIGKILL
POLL = 0.5  # seconds between checks of the parent, where the kernel cannot tell us
_PR_SET_PDEATHSIG = 1
_busy = [False]  # a plain flag: the signal handler must take no lock


class _Stop(BaseException):
    """Raised in a busy worker by SIGTERM, so its `finally` blocks run before it exits."""


def die_with(build_pid: int) -> None:
    """Make this worker process end when its parent does; call first thing in the worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    sys.unraisablehook = _stop_where_it_cannot_unwind
    parent = os.getppid()
    if not _ask_kernel(signal.SIGKILL):
        threading.Thread(target=_watch, args=(parent,), name="factsheet-lifeline", daemon=True).start()
    if os.getppid() != parent or not _alive(build_pid):  # the build died before we were watching
        os._exit(1)


@contextmanager
def busy() -> Iterator[None]:
    """Around a worker's task: SIGTERM now unwinds the task, then ends the process."""
    _busy[0] = True
    try:
        yield
    except _Stop:
        os._exit(128 + signal.SIGTERM)
    finally:
        _busy[0] = False


def stop_processes(processes: Sequence[BaseProcess]) -> None:
    """SIGTERM to each live process, a grace period to unwind, then SIGKILL to any left."""
    live = [p for p in processes if p.is_alive()]
    for p in live:
        p.terminate()
    deadline = time.monotonic() + STOP_GRACE
    for p in live:
        p.join(max(0.0, deadline - time.monotonic()))
    for p in live:
        if p.is_alive():
            p.kill()
            p.join(STOP_GRACE)


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    if _busy[0]:
        _busy[0] = False
        raise _Stop
    os._exit(128 + signum)  # idle: nothing to clean up


def _stop_where_it_cannot_unwind(unraisable: sys.UnraisableHookArgs) -> None:
    """SIGTERM that lands in a `__del__` (a library's finaliser run by the garbage collector) cannot
    unwind the task there: Python would print "Exception ignored" and carry on with the task. Ask
    again a moment later, from a thread, so the stop is raised in the task's own code, whose `finally`
    blocks then run."""
    if unraisable.exc_type is _Stop:
        _busy[0] = True
        threading.Timer(0.01, os.kill, (os.getpid(), signal.SIGTERM)).start()
        return
    sys.__unraisablehook__(unraisable)


def _ask_kernel(sig: int) -> bool:
    """prctl(PR_SET_PDEATHSIG, sig): the kernel sends `sig` to this process when its parent exits (Linux only)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    """Where prctl is missing: end this process soon after its parent is gone (it is re-parented)."""
    while os.getppid() == parent:
        time.sleep(POLL)
    os.kill(os.getpid(), signal.SIGTERM)  # unwind a busy task, as a stopped build would
    time.sleep(STOP_GRACE)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
