"""A killed build leaves the previous briefing intact; two runs never write one folder at once."""

from __future__ import annotations

import fcntl
import os
import signal
import socket
import subprocess
import sys
import textwrap
from contextlib import ExitStack
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.build import lock
from factsheet.cli import main

from .conftest import EXAMPLES

# Runs a real build in a child process whose PDF renderer writes half a file, says so, and hangs.
STUCK_BUILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from factsheet.render import document as render

    def stuck(html, templates, target, *args, **kwargs):
        Path(target).write_bytes(b"%PDF-1.7 half a file")
        print("rendering", flush=True)
        time.sleep(600)

    render.render_pdf = stuck
    from factsheet.cli import main
    sys.argv = ["factsheet", *sys.argv[1:]]
    main()
""")


def visible(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder holding a finished briefing (and its cache)."""
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def test_sigkill_mid_build_leaves_the_previous_briefing(previous: Path) -> None:
    before = visible(previous)
    child = subprocess.Popen(
        [sys.executable, "-c", STUCK_BUILD, "build", str(EXAMPLES), "--out", str(previous), "--no-cache",
         "--title", "A different briefing"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "rendering"  # the new outputs are half written
        staged = list(previous.glob(".factsheet-*/*"))
        assert {p.name for p in staged} >= {"facts.json", "briefing.html", "briefing.pdf"}
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.communicate()
    assert child.returncode == -signal.SIGKILL
    assert visible(previous) == before  # same files, same bytes, nothing half-written beside them
    with lock.hold(previous, wait=0):  # the kernel released the dead run's lock
        pass
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), "--out", str(previous)])
    assert result.exit_code == 0, result.output
    assert "left behind by an interrupted build" in result.stderr
    assert not list(previous.glob(".factsheet-*"))
    assert visible(previous) == before


def test_a_second_run_stops_with_a_clear_message(previous: Path) -> None:
    before = visible(previous)
    with lock.hold(previous):
        result = CliRunner().invoke(main, ["build", str(EXAMPLES), "--out", str(previous), "--wait", "0"])
    assert result.exit_code == 1
    assert f"another factsheet run (pid {os.getpid()} since" in result.stderr
    assert f"is writing to {previous}" in result.stderr and "--wait" in result.stderr
    assert f"`ps -p {os.getpid()}`" in result.stderr
    assert visible(previous) == before


def test_a_second_run_waits_for_the_first(tmp_path: Path) -> None:
    held = ExitStack()
    held.enter_context(lock.hold(tmp_path))
    seen: list[str] = []

    def first_run_finishes(holder: str) -> None:
        seen.append(holder)
        held.close()

    with lock.hold(tmp_path, wait=300, on_wait=first_run_finishes):
        assert (tmp_path / lock.LOCK_NAME).read_text().startswith(f"pid {os.getpid()} since")
    assert len(seen) == 1 and seen[0].startswith("pid ")


def test_leftovers_are_only_staging_folders(tmp_path: Path) -> None:
    (tmp_path / ".factsheet-abc").mkdir()
    (tmp_path / ".factsheet-abc" / "briefing.pdf").write_bytes(b"%PDF half")
    (tmp_path / ".cache").mkdir()
    (tmp_path / "briefing.pdf").write_bytes(b"%PDF whole")
    removed = lock.clear_leftovers(tmp_path)
    assert [p.name for p in removed] == [".factsheet-abc"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "briefing.pdf"]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _held_by_orphan(folder: Path, holder: str) -> int:
    """The lock as a killed run's surviving child left it: held through another open file, naming `holder`."""
    path = folder / lock.LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.write(fd, holder.encode())
    return fd


def test_a_stale_lock_of_a_dead_run_is_taken_over_with_a_notice(tmp_path: Path) -> None:
    dead = _dead_pid()
    orphan = _held_by_orphan(tmp_path, f"pid {dead} since 2026-12-01 06:00:00 on {socket.gethostname()}\n")
    notices: list[str] = []
    try:
        with lock.hold(tmp_path, wait=0, on_takeover=notices.append) as path:
            assert path.read_text().startswith(f"pid {os.getpid()} since")
    finally:
        os.close(orphan)
    assert notices == [f"took over the lock of {tmp_path}: its holder, pid {dead}, is dead "
                       "(a killed run left it held)"]


def test_a_lock_whose_pid_now_belongs_to_another_process_is_stale(tmp_path: Path) -> None:
    # this test's own pid, but another start time: the run that wrote it is gone and its pid reused
    orphan = _held_by_orphan(tmp_path, f"pid {os.getpid()} since 2026-12-01 06:00:00 on {socket.gethostname()}; "
                                       "start 1\n")
    notices: list[str] = []
    try:
        with lock.hold(tmp_path, wait=0, on_takeover=notices.append):
            pass
    finally:
        os.close(orphan)
    assert len(notices) == 1 and f"pid {os.getpid()}, is dead" in notices[0]


def test_a_build_takes_over_a_stale_lock_and_says_so_in_one_line(previous: Path) -> None:
    dead = _dead_pid()
    orphan = _held_by_orphan(previous, f"pid {dead} since 2026-12-01 06:00:00\n")  # as factsheet 0.1 wrote it
    try:
        result = CliRunner().invoke(main, ["build", str(EXAMPLES), "--out", str(previous), "--wait", "0"])
    finally:
        os.close(orphan)
    assert result.exit_code == 0, result.output
    took = [line for line in result.stderr.splitlines() if "took over the lock" in line]
    assert len(took) == 1 and f"pid {dead}, is dead" in took[0]
    assert "gave up" not in result.stderr


def test_gave_up_is_only_said_of_a_live_holder_and_says_how_to_find_it(tmp_path: Path) -> None:
    with lock.hold(tmp_path), pytest.raises(lock.Busy) as busy, lock.hold(tmp_path, wait=0):
        pass
    assert "gave up" in str(busy.value) and f"`ps -p {os.getpid()}`" in str(busy.value)
    assert "\n" not in str(busy.value)


def test_an_unknown_holder_on_another_host_is_never_taken_over(tmp_path: Path) -> None:
    orphan = _held_by_orphan(tmp_path, f"pid {_dead_pid()} since 2026-12-01 06:00:00 on another-host.example\n")
    try:
        with pytest.raises(lock.Busy, match=r"on another-host\.example"), lock.hold(tmp_path, wait=0):
            pass
    finally:
        os.close(orphan)


def test_a_forked_child_never_holds_the_lock(tmp_path: Path) -> None:
    with lock.hold(tmp_path) as path:
        pid = os.fork()
        if pid == 0:  # the child: does any of its descriptors point at the lock file?
            open_files = [os.path.realpath(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")]
            os._exit(1 if str(path.resolve()) in open_files else 0)
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
