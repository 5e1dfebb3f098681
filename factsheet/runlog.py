"""What a run tells the person (or scheduler) watching it, on stderr.

Scheduled builds are read by nobody unless something is wrong, so there are
three audiences: a person at a terminal (messages, a progress bar, a summary),
cron (`--quiet`: errors only, because cron mails any output) and a log
collector (`--log-format json`: one JSON object per line, RFC 3339 times).
Every message passes through one place so secrets handed to `redact()` can
never reach the output, whatever code produced the text. That includes the
records of the standard `logging` module (factsheet's own loggers and those
of trafilatura, htmldate, WeasyPrint, fontTools) and Python warnings, while
`capture()` is active: otherwise they would bypass `--quiet` and break JSON.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, ClassVar, Literal, TextIO

LogFormat = Literal["text", "json"]
Level = Literal["debug", "info", "warning", "error"]
_RANK = {"debug": 0, "info": 1, "warning": 2, "error": 3}
# Loggers whose INFO records say what a step is doing (not per-glyph chatter): shown at -v; everything else at -vv.
_STEPS = ("factsheet", "weasyprint.progress")


class RunLog:
    """Messages, progress and the end-of-run summary of one command."""

    def __init__(self, fmt: LogFormat = "text", quiet: bool = False, stream: TextIO | None = None,
                 progress: bool | None = None, verbose: int = 0) -> None:
        self.fmt: LogFormat = fmt
        self.quiet = quiet
        self.verbose = 0 if quiet else verbose  # -v: debug detail; -vv: every library's debug records too
        self.stream = stream if stream is not None else sys.stderr
        # A bar only for a person watching a terminal: never in logs, never for cron.
        self.show_progress = progress if progress is not None else (
            fmt == "text" and not quiet and _isatty(self.stream))
        self.started = time.monotonic()
        self._secrets: list[str] = []
        self._status: Any = None  # a rich spinner while a long step runs, on a terminal only

    def redact(self, secret: str | None) -> None:
        """Never print this text (a password, a token), whoever asks."""
        if secret:
            self._secrets.append(secret)

    def scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def event(self, level: Level, message: str, *, at: float | None = None, **fields: Any) -> None:
        """One message; `fields` are kept as data in JSON logs. `at`: when it happened (time.time())."""
        if self.quiet and _RANK[level] < _RANK["error"]:
            return
        if level == "debug" and not self.verbose:
            return
        message = self.scrub(message)
        if self.fmt == "json":
            record = {"time": rfc3339(at), "level": level, "message": message}
            record.update({k: _plain(v) for k, v in fields.items()})
            line = self.scrub(json.dumps(record, ensure_ascii=False, default=str))
        else:
            line = f"factsheet: {message}" if not message.startswith("factsheet:") else message
            if self.verbose:  # a person reading debug detail wants to see where the time went
                line = f"{rfc3339(at)} {level}: {line}"
        # one write per line: worker processes share stderr, and a line written in two pieces can interleave
        self.stream.write(line + "\n")
        self.stream.flush()

    def debug(self, message: str, **fields: Any) -> None:
        self.event("debug", message, **fields)

    def info(self, message: str, **fields: Any) -> None:
        self.event("info", message, **fields)

    def warning(self, message: str, **fields: Any) -> None:
        self.event("warning", message, **fields)

    def error(self, message: str, **fields: Any) -> None:
        self.event("error", message, **fields)

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def summary(self, articles: int, facts: int, note: str = "", **fields: Any) -> None:
        """The one line a scheduled run leaves behind: articles, facts, seconds (and a short note)."""
        seconds = round(self.elapsed(), 2)
        self.event("info", f"{articles} articles, {facts} facts, {seconds:.1f} s" + (f" ({note})" if note else ""),
                   event="summary", articles=articles, facts=facts, seconds=seconds, **fields)

    @contextmanager
    def capture(self) -> Iterator[RunLog]:
        """Route every `logging` record and Python warning through this log while the block runs.

        Levels: warnings and errors by default; with --quiet errors only; -v adds
        factsheet's debug records and the libraries' step notes; -vv every
        library's debug records. What was configured before is restored after.
        """
        root = logging.getLogger()
        handler = _Handler(self)
        handler.setLevel(logging.ERROR if self.quiet else logging.DEBUG if self.verbose else logging.WARNING)
        root_level = root.level
        step_levels = {name: logging.getLogger(name).level for name in _STEPS}
        if self.verbose >= 2:
            root.setLevel(logging.DEBUG)
        elif self.verbose:
            logging.getLogger("factsheet").setLevel(logging.DEBUG)
            logging.getLogger("weasyprint.progress").setLevel(logging.INFO)
        root.addHandler(handler)
        was_capturing = getattr(logging, "_warnings_showwarning", None) is not None  # set while captured
        logging.captureWarnings(True)
        try:
            yield self
        finally:
            logging.captureWarnings(was_capturing)
            root.removeHandler(handler)
            root.setLevel(root_level)
            for name, level in step_levels.items():
                logging.getLogger(name).setLevel(level)

    def stage(self, label: str | None) -> None:
        """Show on a terminal which long step runs now (reconcile, PDF); None clears it."""
        if not self.show_progress:
            return
        if label is None:
            if self._status is not None:
                self._status.stop()
                self._status = None
            return
        if self._status is None:
            from rich.console import Console

            self._status = Console(file=self.stream).status(label)
            self._status.start()
        else:
            self._status.update(label)

    @contextmanager
    def progress(self, total: int, label: str) -> Iterator[Callable[[], None]]:
        """A callable to tick once per item; a bar is drawn only on a terminal."""
        self.stage(None)  # one live display at a time
        if not self.show_progress or total < 2:
            yield lambda: None
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(file=self.stream, stderr=self.stream is sys.stderr)
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task(label, total=total)
            yield lambda: bar.advance(task)


class _Handler(logging.Handler):
    """A `logging` record as one run-log line: its logger named, folded to one line, never a traceback."""

    _LEVELS: ClassVar[dict[int, Level]] = {logging.DEBUG: "debug", logging.INFO: "info", logging.WARNING: "warning"}

    def __init__(self, log: RunLog) -> None:
        super().__init__()
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if record.name == "py.warnings":  # "file:line: Category: text\n  source line": the first line says it
                message = message.strip().splitlines()[0] if message.strip() else message
            if record.exc_info and record.exc_info[1] is not None:
                exc = record.exc_info[1]
                message += f" ({type(exc).__name__}: {exc})"
            message = " ".join(message.split())
            level = self._LEVELS.get(record.levelno, "error" if record.levelno > logging.WARNING else "debug")
            origin = record.name
            if self.log.fmt == "text" and not origin.startswith("factsheet"):
                message = f"{origin}: {message}"
            self.log.event(level, message, at=record.created, event="log", logger=origin)
        except Exception:  # a log line must never end the run
            self.handleError(record)


def rfc3339(at: float | None = None) -> str:
    """`2025-12-10T06:30:01.250+01:00`: local time with its offset, to the millisecond (RFC 3339)."""
    when = datetime.fromtimestamp(time.time() if at is None else at).astimezone()
    return when.isoformat(timespec="milliseconds")


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)
