"""The project file (`factsheet.yaml`): one place that says how a scheduled build runs.

Read with the same strict YAML loader and error style as the rules, so a typo
in a key is reported as `factsheet.yaml:7:3: deliver: unknown key 'too' —
did you mean 'to'?` instead of being silently ignored at 6 a.m. Relative
paths are relative to the project file, not to wherever cron starts.
Command-line options override the file (see `settings()`).

The SMTP password is never read from this file: the file names an
environment variable or a file that holds it.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from factsheet.deliver import (
    Delivery,
    check_subject,
    has_control,
    parse_address,
    parse_addresses,
    parse_smtp,
    problems,
    read_password,
)
from factsheet.errors import DeliveryError, RuleError
from factsheet.model import Article, Skipped
from factsheet.rules import strict_yaml

PROJECT_FILE = "factsheet.yaml"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class OutSettings(_Strict):
    """Where the briefing is written and how the folders are named."""

    folder: str = Field("out", description="Output folder, relative to the project file.")
    dated: bool = Field(False, description="Write each run to FOLDER/YYYY-MM-DD/ (the day of the run).")
    latest: bool = Field(True, description="With dated: keep FOLDER/latest pointing at the newest run.")
    per_story: bool = Field(False, description="Also write each story's briefing and facts to FOLDER/stories/ID/.")


class DeliverSettings(_Strict):
    """Who gets the PDF and through which mail server. No password here, ever."""

    to: list[str] = Field(min_length=1, description="Recipients' addresses.")
    sender: str | None = Field(None, alias="from", description="Sender address (default: the user, or factsheet@host).")
    smtp: str = Field("localhost:25", description="Mail server as HOST:PORT.")
    security: Literal["none", "starttls", "ssl"] = Field(
        "none", description="starttls (usually port 587), ssl (usually port 465) or none (a local relay).")
    user: str | None = Field(None, description="Login name, if the server wants one.")
    password_env: str | None = Field(None, description="Environment variable holding the password.")
    password_file: str | None = Field(None, description="File holding the password (relative to the project file).")
    ca_file: str | None = Field(None, description="Certificate authority to trust for a private mail server.")
    subject: str | None = Field(None, description="Subject; {title}, {date}, {facts}, {articles} are filled in.")
    attempts: int = Field(3, ge=1, le=10, description="Tries before giving up on an unreachable server.")
    backoff: float = Field(10.0, ge=0, le=600, description="Seconds before the first retry, doubled each time.")
    timeout: float = Field(60.0, gt=0, le=600, description="Seconds to wait for the server to answer.")

    @field_validator("smtp")
    @classmethod
    def _host_port(cls, value: str) -> str:
        parse_smtp(value)
        return value

    @field_validator("to", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("to")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        return [one for text in value for one in parse_addresses(text)]

    @field_validator("sender")
    @classmethod
    def _sender(cls, value: str | None) -> str | None:
        return str(parse_address(value)) if value is not None else None

    @field_validator("subject")
    @classmethod
    def _subject(cls, value: str | None) -> str | None:
        if value is not None:
            check_subject(value)
        return value

    @field_validator("user", "password_env", "password_file", "ca_file")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        if value is not None and (has_control(value) or not value.strip()):
            raise ValueError(f"{value!r} is empty or holds a line break or control character; write it on one line")
        return value


class Project(_Strict):
    """A project file: what to read, how to build, where to write, whom to tell."""

    version: int = Field(1, description="Project file version; this factsheet reads version 1.")
    title: str | None = Field(None, description="Story title for the briefing (default: the first headline).")
    inputs: list[str] = Field(default_factory=list, description="Article files, folders or globs.")
    rules: list[str] = Field(default_factory=list, description="Rule folders or files (default: built-in rules).")
    templates: str | None = Field(None, description="Template folder (default: the built-in look).")
    out: OutSettings = Field(default_factory=lambda: OutSettings.model_validate({}),
                             description="Output folder and naming.")
    since: str | None = Field(None, description="Use only articles published in this window: 24h, 7d or a date.")
    until: str | None = Field(None, description="Use only articles published on or before this date (YYYY-MM-DD).")
    cache: str | bool = Field(True, description="Cache folder, true for FOLDER/.cache, false for none.")
    wait: str | float = Field(0, description="How long to wait for another run on the same folder (e.g. 10m).")
    deliver: DeliverSettings | None = Field(None, description="E-mail the PDF when the build is done.")
    jobs: int | None = Field(None, ge=1, description="Processes to extract and reconcile on (default: all cores).")
    scheduler: str | None = Field(None, description="Dask scheduler to run on instead (tcp://host:8786).")

    @field_validator("title")
    @classmethod
    def _title(cls, value: str | None) -> str | None:
        if value is not None:
            check_title(value)
        return value

    @field_validator("version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != 1:
            raise ValueError("this factsheet reads project files of version 1")
        return value

    @field_validator("cache", mode="before")
    @classmethod
    def _yes_no(cls, value: Any) -> Any:
        words = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
        return words.get(value.strip().lower(), value) if isinstance(value, str) else value

    @field_validator("rules", "inputs", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("out", mode="before")
    @classmethod
    def _folder_only(cls, value: Any) -> Any:
        return {"folder": value} if isinstance(value, str) else value

    @field_validator("since")
    @classmethod
    def _since(cls, value: str | None) -> str | None:
        if value is not None:
            window_start(value, datetime.now())
        return value

    @field_validator("until")
    @classmethod
    def _until(cls, value: str | None) -> str | None:
        if value is not None:
            _date(value)
        return value

    @field_validator("wait")
    @classmethod
    def _wait(cls, value: str | float) -> str | float:
        seconds(value)
        return value


def check_title(title: str) -> None:
    """A title goes into the briefing's heading and the e-mail's subject: one line, no control characters."""
    if has_control(title):
        raise ValueError(f"the title {title!r} holds a line break or control character; write it on one line")


def _q(value: object) -> str:
    """A value quoted for a one-line message: control characters shown escaped, never printed raw."""
    text = str(value)
    return repr(text) if has_control(text) else f"'{text}'"


# --- time windows -------------------------------------------------------------------------


def seconds(value: str | float) -> float:
    """`90`, `90s`, `10m`, `2h` as seconds."""
    text = str(value).strip()
    try:
        number = float(value) if isinstance(value, int | float) else float(text)
    except ValueError:
        m = _DURATION.match(text)
        if not m:
            raise ValueError(f"{_q(value)} is not a duration; write e.g. 30s, 10m, 24h, 7d") from None
        number = float(m.group(1)) * _UNIT[m.group(2)]
    if not 0 <= number < float("inf"):  # also NaN
        raise ValueError(f"{_q(value)} is not a duration of 0 or more; write e.g. 0, 30s, 10m")
    return number


def window_start(value: str, now: datetime) -> date:
    """`24h`/`7d` back from now, or a date: the first publication day to keep."""
    text = value.strip()
    if _DURATION.match(text):
        return (now - timedelta(seconds=seconds(text))).date()
    try:
        return _date(text)
    except ValueError:
        raise ValueError(f"{_q(value)} is neither a duration (24h, 7d) nor a date (YYYY-MM-DD)") from None


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{_q(text)} is not a date; write YYYY-MM-DD") from None


@dataclass(frozen=True)
class Window:
    """Which publication days a run covers. Undated articles are kept: nothing says they are old."""

    start: date | None = None
    end: date | None = None
    text: str = ""

    def select(self, articles: list[Article], skipped: list[Skipped]) -> tuple[list[Article], list[Skipped]]:
        """Articles in the window; the others join `skipped` with the reason, so none is lost."""
        kept: list[Article] = []
        out = list(skipped)
        for a in articles:
            day = a.published
            if day is not None and self.start is not None and day < self.start:
                out.append(Skipped(a.path, f"published {day}, before the time window ({self.text})"))
            elif day is not None and self.end is not None and day > self.end:
                out.append(Skipped(a.path, f"published {day}, after the time window ({self.text})"))
            else:
                kept.append(a)
        return kept, out


def make_window(since: str | None, until: str | None, now: datetime | None = None) -> Window | None:
    if since is None and until is None:
        return None
    now = now or datetime.now()
    start = window_start(since, now) if since else None
    end = _date(until) if until else None
    words = [f"since {since}" + (f" = {start}" if since and start and since.strip() != str(start) else "")] \
        if since else []
    words += [f"until {end}"] if end else []
    if start is not None and end is not None and start > end:
        raise ValueError(f"the time window is empty: it starts on {start} and ends on {end}; "
                         "move one of them or leave one out")
    return Window(start, end, ", ".join(words))


# --- reading the file ---------------------------------------------------------------------


def load_project(path: str | Path) -> Project:
    """Read and validate a project file; RuleError (exit 2) lists every problem as file:line:col."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleError([f"{path}: no such project file"]) from None
    except UnicodeDecodeError:
        raise RuleError([f"{path}:1:1: the file is not UTF-8 text; save it as UTF-8"]) from None
    except OSError as exc:
        raise RuleError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    try:
        data, marks = strict_yaml.load(text)
    except strict_yaml.YamlProblem as exc:
        raise RuleError([f"{path}:{exc.mark.line}:{exc.mark.column}: {exc.message}"]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise RuleError([f"{path}:1:1: a project file is a list of settings (key: value), such as 'inputs:'"])
    try:
        return Project.model_validate(data)
    except ValidationError as exc:
        raise RuleError([_problem(path, err, marks, data) for err in exc.errors()]) from None


def _problem(path: Path, err: Any, marks: dict[strict_yaml.Path, strict_yaml.Mark], data: Any) -> str:
    """A pydantic error as `file:line:col: where: what`, in the words the rule checker uses."""
    loc = tuple(err["loc"])
    kind, given = err["type"], err.get("input")
    at_key = kind in ("extra_forbidden", "missing")
    mark = None
    for cut in range(len(loc), -1, -1):
        mark = (None if at_key else marks.get((*loc[:cut], "="))) or marks.get(loc[:cut])
        if mark:
            break
    pos = f"{mark.line}:{mark.column}" if mark else "1:1"
    where = _dotted(loc)
    parent = _dotted(loc[:-1]) or "top level"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        if key in ("password", "pass", "smtp_password"):
            return (f"{path}:{pos}: {parent}: a password may not be written in the project file; "
                    "name an environment variable with 'password_env' or a file with 'password_file'")
        model: Any = {(): Project, ("out",): OutSettings, ("deliver",): DeliverSettings}.get(loc[:-1])
        allowed = [info.alias or name for name, info in model.model_fields.items()] if model else []
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f" — did you mean '{close[0]}'?" if close else ""
        return f"{path}:{pos}: {parent}: unknown key '{key}'{hint} (allowed: {', '.join(allowed)})"
    if kind == "missing":
        return f"{path}:{pos}: {parent}: '{loc[-1]}' is required"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
        what = f"'{given}' is not allowed (allowed: {', '.join(allowed)})"
    elif kind in ("bool_parsing", "bool_type"):
        what = "write true or false"
    elif kind in ("int_parsing", "int_type", "float_parsing", "float_type"):
        what = f"write a number here, not '{given}'"
    elif kind == "list_type":
        what = "write a list: one item a line, each starting with '- '"
    elif kind in ("dict_type", "model_type"):
        what = "write keys and values here (key: value on lines indented below)"
    elif kind == "string_type":
        what = "write a text here (put it in quotes)" if given is not None else "this is empty: write a text"
    elif kind == "too_short":
        what = "give at least one"
    else:
        what = str(err["msg"]).removeprefix("Value error, ")
    return f"{path}:{pos}: {where}: {what}"


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# --- project file + command line --------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """Everything one run needs, paths resolved, command line applied over the file."""

    inputs: tuple[str, ...]
    out: Path
    rules: tuple[str, ...] = ()
    templates: str | None = None
    title: str | None = None
    dated: bool = False
    latest: bool = True
    window: Window | None = None
    cache: Path | None = None
    wait: float = 0.0
    deliver: Delivery | None = None
    project: Path | None = None
    per_story: bool = False
    jobs: int | None = None
    scheduler: str | None = None
    allow_empty: bool = False  # False: a build that used no article fails (exit 1) and sends nothing


def settings(project_path: str | Path | None, **cli: Any) -> Settings:
    """The run's settings: the project file (if any), then every command-line value that is not None.

    With `send=True` the delivery settings are checked now, password included, so a run that could
    not send stops with exit 2 before it builds rather than after.
    """
    project, here = _project(project_path)
    if cli.get("title"):
        try:
            check_title(cli["title"])
        except ValueError as exc:
            raise RuleError([f"factsheet: --title: {exc}"]) from None

    inputs = tuple(cli["inputs"]) if cli.get("inputs") else tuple(here(p) for p in project.inputs)
    out = Path(cli["out"]) if cli.get("out") else Path(here(project.out.folder))
    rules = tuple(cli["rules"]) if cli.get("rules") else tuple(here(p) for p in project.rules)
    templates = cli.get("templates") or (here(project.templates) if project.templates else None)
    since = cli.get("since") or project.since
    until = cli.get("until") or project.until
    checks: list[tuple[str, Callable[[str], object]]] = [
        ("since", lambda v: window_start(v, datetime.now())), ("until", _date), ("wait", seconds)]
    for key, check in checks:  # the project file's values were checked when it was read
        if cli.get(key) is not None:
            try:
                check(cli[key])
            except ValueError as exc:
                raise RuleError([f"factsheet: --{key}: {exc}"]) from None
    try:
        window = make_window(since, until)
    except ValueError as exc:
        raise RuleError([f"factsheet: --since/--until: {exc}"]) from None
    wait = seconds(cli["wait"]) if cli.get("wait") is not None else seconds(project.wait)
    cli_cache = cli.get("cache")  # None: not given; False: --no-cache; else a folder
    cache: Path | None
    if cli_cache is False:
        cache = None
    elif cli_cache:
        cache = Path(cli_cache)
    elif project.cache is False:
        cache = None
    elif isinstance(project.cache, str):
        cache = Path(here(project.cache))
    else:
        cache = out / ".cache"
    deliver = _delivery(project.deliver, here) if project.deliver else None
    result = Settings(inputs=inputs, out=out, rules=rules, templates=templates,
                      title=cli.get("title") or project.title, dated=project.out.dated,
                      latest=project.out.latest, window=window, cache=cache, wait=wait, deliver=deliver,
                      project=Path(project_path) if project_path else None,
                      per_story=bool(cli.get("per_story")) or project.out.per_story,
                      jobs=cli.get("jobs") or project.jobs, scheduler=cli.get("scheduler") or project.scheduler,
                      allow_empty=bool(cli.get("allow_empty")))
    if deliver is not None and cli.get("send"):
        check_delivery(deliver, need_password=True, where=f"{project_path}: deliver")
    if not result.inputs:
        where = f" and {project_path} names none under 'inputs:'" if project_path else ""
        raise RuleError([f"factsheet: no inputs: give article files or folders{where}"])
    return result


def _project(project_path: str | Path | None) -> tuple[Project, Callable[[str], str]]:
    """The project file (or the defaults) and a function resolving paths relative to it."""
    project = load_project(project_path) if project_path else Project.model_validate({})
    base = Path(project_path).resolve().parent if project_path else Path.cwd()

    def here(p: str) -> str:
        expanded = os.path.expanduser(p)
        return expanded if os.path.isabs(expanded) else str(base / expanded)

    return project, here


def _delivery(d: DeliverSettings, here: Callable[[str], str]) -> Delivery:
    host, port = parse_smtp(d.smtp)
    return Delivery(to=tuple(d.to), sender=d.sender, host=host, port=port, security=d.security, user=d.user,
                    password_env=d.password_env, password_file=here(d.password_file) if d.password_file else None,
                    ca_file=here(d.ca_file) if d.ca_file else None, subject=d.subject, attempts=d.attempts,
                    backoff=d.backoff, timeout=d.timeout)


def check_delivery(d: Delivery, need_password: bool, where: str = "factsheet") -> None:
    """RuleError (exit 2) naming every value that cannot be sent with, and an unreadable password."""
    bad = [f"{where}: {problem}" for problem in problems(d)]
    if not d.to:
        bad.append(f"{where}: no recipients: give --to ADDRESS or deliver.to in the project file")
    if need_password and not bad:
        try:
            read_password(d)
        except DeliveryError as exc:
            bad.append(f"{where}: {exc}")
    if bad:
        raise RuleError(bad)


def delivery_for(outdir: str | None, project_path: str | None, *, need_password: bool = True,
                 **cli: Any) -> tuple[Path, Delivery]:
    """`factsheet send`: the folder to send and the mail settings, command line over the project file.

    Every value is checked here (exit 2), the password too unless `need_password` is False (--dry-run).
    """
    if project_path is None and Path(PROJECT_FILE).is_file() and (outdir is None or not cli.get("to")):
        project_path = PROJECT_FILE
    project, here = _project(project_path)
    d = _delivery(project.deliver, here) if project.deliver else Delivery(to=())
    changes: dict[str, Any] = {k: v for k, v in cli.items() if v not in (None, ())}
    for key, flag, parse in (("to", "--to", lambda texts: tuple(a for t in texts for a in parse_addresses(t))),
                             ("sender", "--from", lambda text: str(parse_address(text)))):
        if key in changes:
            try:
                changes[key] = parse(changes[key])
            except ValueError as exc:
                raise RuleError([f"factsheet: {flag}: {exc}"]) from None
    if "smtp" in changes:
        try:
            changes["host"], changes["port"] = parse_smtp(changes.pop("smtp"))
        except ValueError as exc:
            raise RuleError([f"factsheet: --smtp: {exc}"]) from None
    if "password_env" in changes or "password_file" in changes:  # one source: the one given here
        changes.setdefault("password_env", None)
        changes.setdefault("password_file", None)
    d = replace(d, **changes)
    check_delivery(d, need_password, "factsheet")
    if outdir is not None:
        folder = Path(outdir)
    elif project_path is not None:
        root = Path(here(project.out.folder))
        folder = root / "latest" if project.out.dated else root
    else:
        raise RuleError(["factsheet: give the folder to send (OUTDIR), or --config FILE"])
    return folder, d
