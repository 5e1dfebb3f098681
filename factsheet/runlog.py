"""What a run tells the person (or scheduler) watching it, on stderr.

Scheduled builds are read by nobody unless something is wrong, so there are
three audiences: a person at a terminal (messages, a progress bar, a summary),
cron (`--quiet`: errors only, because cron mails any output) and a log
collector (`--log-format json`: one JSON object per line). Every message
passes through one place so secrets handed to `redact()` can never reach the
output, whatever code produced the text.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal, TextIO

LogFormat = Literal["text", "json"]
Level = Literal["debug", "info", "warning", "error"]
_RANK = {"debug": 0, "info": 1, "warning": 2, "error": 3}


class RunLog:
    """Messages, progress and the end-of-run summary of one command."""

    def __init__(self, fmt: LogFormat = "text", quiet: bool = False, stream: TextIO | None = None,
                 progress: bool | None = None) -> None:
        self.fmt: LogFormat = fmt
        self.quiet = quiet
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

    def event(self, level: Level, message: str, **fields: Any) -> None:
        """One message; `fields` are kept as data in JSON logs."""
        if self.quiet and _RANK[level] < _RANK["error"]:
            return
        if level == "debug":
            return
        message = self.scrub(message)
        if self.fmt == "json":
            record = {"time": _now(), "level": level, "message": message}
            record.update({k: _plain(v) for k, v in fields.items()})
            line = self.scrub(json.dumps(record, ensure_ascii=False, default=str))
        else:
            line = f"factsheet: {message}" if not message.startswith("factsheet:") else message
        print(line, file=self.stream, flush=True)

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


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)
