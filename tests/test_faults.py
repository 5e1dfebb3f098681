"""A killed build never blocks the next one (issue 18).

Each test starts a real `factsheet build --jobs 2` in a subprocess of its
own session, waits for something it can see on disk (the first extraction
cache entry: the workers are extracting; the staging folder: the outputs are
being rendered), kills it, and then checks what docs/reliability.md
promises: no process of the run is left, the lock is free, and the next
build succeeds with exactly the outputs of a build nobody killed.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factsheet.build import lock

from .conftest import NEWS_CLUSTER, ROOT

pytestmark = [
    pytest.mark.skipif(not NEWS_CLUSTER.is_dir(), reason="../shared/corpus/news_cluster is not beside this checkout"),
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the run's processes in /proc (Linux)"),
]

ARTICLES = [str(p) for p in sorted(NEWS_CLUSTER.glob("*.json"))[:30]]  # 28 stories: many batches for 2 workers
OUTPUTS = ("briefing.html", "briefing.pdf", "facts.json", "facts.csv")
SMALL_PDF = {"FACTSHEET_MAX_FACTS_PER_PDF": "20"}  # the PDF is the slow part; its size is not what is tested
PATIENCE = 60.0  # seconds to wait for something that normally takes well under one


def build_command(out: Path, cache: Path | None, *extra: str) -> list[str]:
    where = ["--cache", str(cache)] if cache is not None else ["--no-cache"]
    return [sys.executable, "-m", "factsheet.cli", "build", *ARTICLES, "--out", str(out), *where, "--jobs", "2",
            *extra]


def run_build(out: Path, cache: Path | None, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(build_command(out, cache, *extra), cwd=ROOT, env=os.environ | SMALL_PDF,
                          capture_output=True, text=True, timeout=600)


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


def session(sid: int) -> list[int]:
    """The live processes of a session (zombies hold nothing and are left out)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()  # state, ppid, pgrp, session, ...
        if int(fields[3]) == sid and fields[0] not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def wait_for(what: str, seen: Callable[[], bool]) -> None:
    deadline = time.monotonic() + PATIENCE
    while not seen():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.005)


class Build:
    """A build running in a session of its own, so every process it starts can be found."""

    def __init__(self, out: Path, cache: Path, *extra: str) -> None:
        self.out, self.cache = out, cache
        self.stderr = out.parent / f"{out.name}.stderr"
        with self.stderr.open("w") as err:
            self.child = subprocess.Popen(build_command(out, cache, "--quiet", *extra), cwd=ROOT,
                                          env=os.environ | SMALL_PDF, stdout=subprocess.DEVNULL, stderr=err,
                                          start_new_session=True)

    def extracting(self) -> bool:
        return any(self.cache.glob("extract/*/*.json"))

    def rendering(self) -> bool:
        return any(self.out.glob(f"{lock.STAGING_PREFIX}*"))

    def workers(self) -> list[int]:
        return [p for p in session(self.child.pid) if p != self.child.pid]

    def kill(self, sig: signal.Signals) -> int:
        os.kill(self.child.pid, sig)
        return self.child.wait(timeout=PATIENCE)

    def close(self) -> None:
        """Whatever a failed test left behind (only this test's own session)."""
        if self.child.poll() is None:
            self.child.kill()
            self.child.wait()
        for pid in session(self.child.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture
def started(tmp_path: Path) -> Iterator[Callable[..., Build]]:
    builds: list[Build] = []

    def start(out: Path, cache: Path, *extra: str) -> Build:
        builds.append(Build(out, cache, *extra))
        return builds[-1]

    yield start
    for b in builds:
        b.close()


@pytest.fixture(scope="module")
def unkilled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The outputs of the same build, run to the end without a cache."""
    out = tmp_path_factory.mktemp("unkilled")
    done = run_build(out, None)
    assert done.returncode == 0, done.stderr
    return outputs(out)


@pytest.mark.parametrize("stage", ["extracting", "rendering"])
def test_sigkill_leaves_no_process_and_the_next_build_gives_the_same_outputs(
        stage: str, tmp_path: Path, started: Callable[..., Build], unkilled: dict[str, bytes]) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    run = started(out, cache)
    wait_for(stage, getattr(run, stage))
    if stage == "extracting":
        assert run.workers(), "the workers should be running while articles are extracted"
    assert run.kill(signal.SIGKILL) == -signal.SIGKILL
    wait_for("every process of the killed run to end", lambda: not session(run.child.pid))
    with lock.hold(out, wait=0):  # nothing of the killed run holds the lock
        pass
    again = run_build(out, cache)
    assert again.returncode == 0, again.stderr
    assert outputs(out) == unkilled
    assert not list(out.glob(f"{lock.STAGING_PREFIX}*"))


def test_sigterm_stops_cleanly_with_143_and_the_next_build_reuses_the_cache(
        tmp_path: Path, started: Callable[..., Build], unkilled: dict[str, bytes]) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    out.mkdir()
    for name, data in unkilled.items():  # yesterday's briefing
        (out / name).write_bytes(data)
    run = started(out, cache, "--title", "Today's briefing")  # its outputs would differ from yesterday's
    wait_for("extracting", run.extracting)
    assert run.workers()
    assert run.kill(signal.SIGTERM) == 143
    said = run.stderr.read_text(encoding="utf-8")
    assert len(said.splitlines()) == 1 and said.startswith("factsheet: stopped by SIGTERM"), said
    wait_for("every process of the stopped run to end", lambda: not session(run.child.pid))
    assert outputs(out) == unkilled  # yesterday's briefing, whole
    assert sorted(p.name for p in out.iterdir()) == sorted([*OUTPUTS, lock.LOCK_NAME])  # no staging folder
    assert not list(cache.rglob(".tmp-*"))  # no half-written cache entry
    again = run_build(out, cache, "--title", "Today's briefing")
    assert again.returncode == 0, again.stderr
    assert "Today's briefing" in (out / "facts.json").read_text(encoding="utf-8")
    reused = re.search(r"cache: (\d+) articles reused", again.stderr)
    assert reused and int(reused[1]) > 0, again.stderr  # what the stopped run extracted is not done again


_STOPPED_IN_A_FINALISER = """
import os, signal, sys
from factsheet.build import lifeline
signal.signal(signal.SIGTERM, lifeline._on_sigterm)
sys.unraisablehook = lifeline._stop_where_it_cannot_unwind

class Finalised:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGTERM)  # the stop arrives while the garbage collector runs this
        sum(range(1000))

with lifeline.busy():
    try:
        Finalised()
        while True:
            sum(range(1000))
    finally:
        open(sys.argv[1], "w").write("unwound")
"""


def test_a_stop_that_lands_in_a_finaliser_still_unwinds_the_task_quietly(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    done = subprocess.run([sys.executable, "-c", _STOPPED_IN_A_FINALISER, str(marker)], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 128 + signal.SIGTERM and done.stderr == ""
    assert marker.read_text() == "unwound"
