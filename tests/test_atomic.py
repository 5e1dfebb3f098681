"""A killed build leaves the previous briefing intact; two runs never write one folder at once."""

from __future__ import annotations

import os
import signal
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
