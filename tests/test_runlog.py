"""What a run prints: quiet for cron, JSON for log collectors, a bar only on a terminal, never a secret."""

from __future__ import annotations

import io
import json

from factsheet.runlog import RunLog


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_prints_errors_only() -> None:
    out = io.StringIO()
    log = RunLog(quiet=True, stream=out)
    log.info("built")
    log.warning("skipped a.txt")
    log.summary(3, 10)
    log.error("not sent: connection refused")
    assert out.getvalue() == "factsheet: not sent: connection refused\n"


def test_json_lines_keep_fields_as_data() -> None:
    out = io.StringIO()
    log = RunLog("json", stream=out)
    log.warning("skipped a.txt: empty file", event="skipped", path="a.txt")
    log.summary(3, 10, "cache: briefing reused", cache="briefing reused")
    first, summary = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["level"] == "warning" and first["path"] == "a.txt" and first["event"] == "skipped"
    assert summary["event"] == "summary" and (summary["articles"], summary["facts"]) == (3, 10)
    assert isinstance(summary["seconds"], float) and summary["cache"] == "briefing reused"
    assert summary["message"].startswith("3 articles, 10 facts, ")


def test_a_redacted_secret_never_reaches_the_output() -> None:
    for fmt in ("text", "json"):
        out = io.StringIO()
        log = RunLog(fmt, stream=out)  # type: ignore[arg-type]
        log.redact("hunter2")
        log.error("the server said: 535 bad password hunter2", detail="hunter2")
        assert "hunter2" not in out.getvalue() and "***" in out.getvalue()


def test_progress_bar_only_on_a_terminal() -> None:
    assert not RunLog(stream=io.StringIO()).show_progress
    assert RunLog(stream=Terminal()).show_progress
    assert not RunLog(stream=Terminal(), quiet=True).show_progress
    assert not RunLog("json", stream=Terminal()).show_progress
    screen = Terminal()
    log = RunLog(stream=screen)
    with log.progress(3, "extracting") as tick:
        for _ in range(3):
            tick()
    assert "extracting" in screen.getvalue()
    quiet = io.StringIO()
    with RunLog(stream=quiet).progress(3, "extracting") as tick:
        tick()
    assert quiet.getvalue() == ""


def test_long_steps_show_a_spinner_on_a_terminal_only() -> None:
    screen = Terminal()
    log = RunLog(stream=screen)
    log.stage("rendering the PDF")
    with log.progress(2, "extracting") as tick:  # a bar replaces the spinner: one live display at a time
        tick()
    log.stage("reconciling")
    log.stage(None)
    assert "reconciling" in screen.getvalue()
    plain = io.StringIO()
    quiet = RunLog(stream=plain)
    quiet.stage("rendering the PDF")
    quiet.stage(None)
    assert plain.getvalue() == ""
