"""What a run prints: quiet for cron, JSON for log collectors, a bar only on a terminal, never a secret."""

from __future__ import annotations

import io
import json
import logging
import re
import warnings

from factsheet.runlog import RunLog, rfc3339


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


# --- one logging path (issue 19.2) ------------------------------------------------------------

RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$")
LIBRARIES = ("factsheet.ingest.manifest", "factsheet.extract.mentions", "weasyprint", "fontTools.subset")
# trafilatura and htmldate are set to log errors only (ingest/formats.py: the skip reason says what matters)
EXTRACTORS = ("trafilatura.core", "htmldate.core")


def test_logging_records_of_factsheet_and_its_libraries_become_json_lines() -> None:
    out = io.StringIO()
    with RunLog("json", stream=out).capture():
        for name in LIBRARIES:
            logging.getLogger(name).warning("%s: a note\nover two lines", name)
        for name in EXTRACTORS:
            logging.getLogger(name).error("%s: cannot parse", name)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["logger"] for r in records] == [*LIBRARIES, *EXTRACTORS]
    assert [r["level"] for r in records] == ["warning"] * len(LIBRARIES) + ["error"] * len(EXTRACTORS)
    assert all(r["event"] == "log" and RFC3339.match(r["time"]) for r in records)
    assert records[0]["message"] == "factsheet.ingest.manifest: a note over two lines"


def test_quiet_silences_library_warnings_but_not_their_errors() -> None:
    out = io.StringIO()
    with RunLog(quiet=True, stream=out).capture():
        logging.getLogger("weasyprint").warning("Ignored `gap: 1em` at 3:5")
        logging.getLogger("factsheet.extract.mentions").warning("a.txt: phrase rules stopped")
        logging.getLogger("fontTools.subset").error("glyph table broken")
    assert out.getvalue() == "factsheet: fontTools.subset: glyph table broken\n"


def test_text_lines_name_the_library_and_keep_one_line() -> None:
    out = io.StringIO()
    with RunLog(stream=out).capture():
        logging.getLogger("factsheet.ingest.manifest").warning("m.csv:2: 'x.txt' matches no input")
        try:
            raise OSError("disk on fire")
        except OSError:
            logging.getLogger("htmldate").exception("could not parse")
    assert out.getvalue().splitlines() == ["factsheet: m.csv:2: 'x.txt' matches no input",
                                           "factsheet: htmldate: could not parse (OSError: disk on fire)"]


def test_verbose_shows_debug_detail_with_times() -> None:
    plain, verbose, very = io.StringIO(), io.StringIO(), io.StringIO()
    for stream, level in ((plain, 0), (verbose, 1), (very, 2)):
        log = RunLog(stream=stream, verbose=level)
        with log.capture():
            log.debug("settings resolved")
            logging.getLogger("factsheet.build").debug("batch 1 of 3")
            logging.getLogger("weasyprint.progress").info("Step 5 - Creating layout")
            logging.getLogger("fontTools.subset").debug("Retained 120 glyphs")
    assert plain.getvalue() == ""
    lines = verbose.getvalue().splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == [
        "debug: factsheet: settings resolved", "debug: factsheet: batch 1 of 3",
        "info: factsheet: weasyprint.progress: Step 5 - Creating layout"]
    assert all(RFC3339.match(line.split(" ", 1)[0]) for line in lines)
    assert very.getvalue().splitlines()[-1].endswith("debug: factsheet: fontTools.subset: Retained 120 glyphs")


def test_python_warnings_are_one_log_line_while_captured() -> None:
    out = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        with RunLog("json", stream=out).capture():
            warnings.warn("the old flag is deprecated", UserWarning, stacklevel=1)
    [record] = [json.loads(line) for line in out.getvalue().splitlines()]
    assert record["logger"] == "py.warnings" and "UserWarning: the old flag is deprecated" in record["message"]


def test_capture_leaves_logging_as_it_found_it() -> None:
    root = logging.getLogger()
    before = (list(root.handlers), root.level, logging.getLogger("factsheet").level)
    with RunLog(stream=io.StringIO(), verbose=2).capture():
        assert len(root.handlers) == len(before[0]) + 1
    assert (list(root.handlers), root.level, logging.getLogger("factsheet").level) == before


def test_every_time_is_rfc3339() -> None:
    out = io.StringIO()
    RunLog("json", stream=out).info("built")
    assert RFC3339.match(json.loads(out.getvalue())["time"])
    assert RFC3339.match(rfc3339(0.0))
