"""The command line people expect: one line per error, exit statuses, `-`, env variables, fast start.

Covers an empty build (exit 1, nothing sent), usage errors as one line,
OSErrors without a traceback, `python -m factsheet`, standard input and output
as `-`, FACTSHEET_* variables, `check --output-format`, and a sweep of every
subcommand with malformed values.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factsheet.cli import main

from .conftest import ROOT
from .smtp_server import smtp_server

ARTICLE = """\
---
title: Bridge closed after flood
outlet: Test Wire
published: 2025-03-04
---
Police said on Monday that the bridge would stay closed for a week.
The mayor said 40 homes were flooded.
"""


def invoke(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, input=stdin, catch_exceptions=False, prog_name="factsheet")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """What `factsheet send` reads from a built folder (a real PDF is not needed to compose the mail)."""
    folder = tmp_path / "built"
    folder.mkdir()
    doc = {"title": "Bridge closed after flood", "generated": "2025-03-04", "articles": [{}], "facts": []}
    (folder / "facts.json").write_text(json.dumps(doc), encoding="utf-8")
    (folder / "briefing.pdf").write_bytes(b"%PDF-1.4 test\n")
    return folder


# --- an empty build is a failure (issue 19.1) ----------------------------------------------------


def test_an_empty_build_exits_1_writes_nothing_and_sends_nothing(tmp_path: Path) -> None:
    with smtp_server() as (server, got):
        project = tmp_path / "factsheet.yaml"
        project.write_text(f"inputs: [{tmp_path / 'nonexistent'}]\nout: out\n"
                           f"deliver:\n  to: [desk@example.org]\n  smtp: 127.0.0.1:{server.port}\n", encoding="utf-8")
        result = invoke("build", "--config", str(project))
    assert result.exit_code == 1
    skipped, why = result.stderr.splitlines()
    assert skipped.startswith(f"factsheet: skipped {tmp_path / 'nonexistent'}: no such file or folder")
    assert why.startswith("factsheet: no article was used (1 input given, 1 skipped: ")
    assert "--allow-empty" in why
    assert got.messages == []
    assert not (tmp_path / "out" / "facts.json").exists()


def test_allow_empty_writes_the_empty_briefing(tmp_path: Path) -> None:
    result = invoke("build", str(tmp_path / "nonexistent"), "--out", str(tmp_path / "out"), "--allow-empty")
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "out" / "facts.json").read_text(encoding="utf-8"))["articles"] == []


def test_an_empty_build_in_json_logs_is_json_lines(tmp_path: Path) -> None:
    result = invoke("build", str(tmp_path / "nothing.txt"), "--out", str(tmp_path / "out"), "--log-format", "json")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stderr.splitlines()]
    assert [(r["level"], r["event"]) for r in records] == [("warning", "skipped"), ("error", "failed")]
    assert records[-1]["exit_status"] == 1


def test_the_same_address_forms_work_on_the_command_line_and_in_the_project_file(built: Path, tmp_path: Path) -> None:
    with smtp_server() as (server, got):
        flag = invoke("send", str(built), "--to", "Ed <ed@example.org>", "--smtp", f"127.0.0.1:{server.port}")
        project = tmp_path / "factsheet.yaml"
        project.write_text(f'deliver:\n  to: ["Ed <ed@example.org>"]\n  smtp: 127.0.0.1:{server.port}\n',
                           encoding="utf-8")
        file = invoke("send", str(built), "--config", str(project))
    assert (flag.exit_code, file.exit_code) == (0, 0), flag.stderr + file.stderr
    assert [m.recipients for m in got.messages] == [["ed@example.org"], ["ed@example.org"]]
    assert [m.message["To"] for m in got.messages] == ["Ed <ed@example.org>", "Ed <ed@example.org>"]
    assert all(m.message["Auto-Submitted"] == "auto-generated" for m in got.messages)


# --- one logging path (issue 19.2) -----------------------------------------------------------


def test_a_manifest_warning_obeys_quiet_and_json(article: Path, tmp_path: Path) -> None:
    (article / "manifest.csv").write_text("file,outlet\nnot-here.txt,Test Wire\n", encoding="utf-8")
    args = ["build", str(article), "--out", str(tmp_path / "out"), "--jobs", "1"]
    quiet = invoke(*args, "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    logged = invoke(*args, "--log-format", "json")
    records = [json.loads(line) for line in logged.stderr.splitlines()]  # every line is JSON
    [note] = [r for r in records if r.get("logger") == "factsheet.ingest.manifest"]
    assert note["level"] == "warning" and "'not-here.txt' matches no input" in note["message"]
    assert records[-1]["event"] == "summary"


def test_what_modules_log_as_they_load_is_in_the_json_log_too(article: Path, tmp_path: Path) -> None:
    """A bad limit is reported when its module loads, which is inside the command: still one JSON line."""
    env = {**os.environ, "FACTSHEET_REGEX_TIMEOUT": "soon"}
    done = subprocess.run([sys.executable, "-m", "factsheet", "build", str(article), "--out", str(tmp_path / "out"),
                           "--jobs", "1", "--log-format", "json"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stderr.splitlines()]
    [limit] = [r for r in records if r.get("logger") == "factsheet.limits"]
    assert limit["message"] == "FACTSHEET_REGEX_TIMEOUT='soon' is not a positive number; using 0.05"


def test_worker_processes_log_whole_json_lines(three_events: list[str], tmp_path: Path) -> None:
    """Records logged in the extraction workers (a spent phrase budget here) are JSON lines, never interleaved."""
    env = {**os.environ, "FACTSHEET_PHRASE_BUDGET_SECONDS": "0.000001", "FACTSHEET_PHRASE_BUDGET_PER_MCHAR": "0.000001"}
    done = subprocess.run([sys.executable, "-m", "factsheet", "build", *three_events, "--out", str(tmp_path / "out"),
                           "--jobs", "2", "--no-cache", "--log-format", "json"], capture_output=True, text=True,
                          env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stderr.splitlines()]
    budget = [r for r in records if r.get("logger") == "factsheet.extract.mentions"]
    assert len(budget) == len(three_events) and all("time budget is spent" in r["message"] for r in budget)


# --- the command line of a well-kept tool (issue 19.6) -----------------------------------------


def test_python_dash_m_factsheet_runs_the_command_line() -> None:
    done = subprocess.run([sys.executable, "-m", "factsheet", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "Usage: factsheet" in done.stdout and "FACTSHEET_" in done.stdout


def test_starting_the_command_line_imports_nothing_heavy() -> None:
    """`factsheet --help` stays fast because no command's machinery loads until it runs (bench/cli_start.py)."""
    code = ("import sys, factsheet.cli; heavy = ('factsheet.build.pipeline', 'pydantic', 'weasyprint', 'rich', "
            "'trafilatura', 'factsheet.deliver', 'yaml'); print([m for m in heavy if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_explain_dash_reads_the_article_from_standard_input() -> None:
    result = invoke("explain", "-", stdin=ARTICLE.encode())
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("(standard input)")
    assert "Police said on Monday that the bridge would stay closed" in result.stdout
    empty = invoke("explain", "-", stdin=b"\n")
    assert empty.exit_code == 1 and empty.stderr.startswith("factsheet: standard input: empty file")


def test_dry_run_dash_writes_the_message_to_standard_output(built: Path) -> None:
    result = invoke("send", str(built), "--to", "desk@example.org", "--dry-run", "-")
    assert result.exit_code == 0, result.stderr
    msg = message_from_bytes(result.stdout_bytes, policy=policy.default)
    assert msg["To"] == "desk@example.org" and msg["Auto-Submitted"] == "auto-generated"
    assert "standard output (not sent)" in result.stderr


def test_schema_out_dash_is_standard_output() -> None:
    result = invoke("schema", "--out", "-")
    assert result.exit_code == 0 and json.loads(result.stdout)["title"]


def test_an_unwritable_out_is_one_line_not_a_traceback(article: Path, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = invoke("build", str(article), "--out", str(tmp_path / "a-file" / "out"))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"factsheet: {tmp_path / 'a-file'}") and ": Not a directory; " in result.stderr


def test_path_options_are_checked_before_anything_runs(tmp_path: Path) -> None:
    result = invoke("build", "x", "--templates", str(tmp_path / "no-look"))
    assert result.exit_code == 2
    assert result.stderr == (f"factsheet build: Invalid value for '--templates': Directory '{tmp_path / 'no-look'}' "
                             "does not exist. (see factsheet build --help)\n")


def test_options_can_come_from_factsheet_environment_variables(article: Path, built: Path, tmp_path: Path) -> None:
    out = tmp_path / "from-env"
    result = invoke("build", str(article), env={"FACTSHEET_BUILD_OUT": str(out), "FACTSHEET_BUILD_QUIET": "1",
                                                "FACTSHEET_BUILD_JOBS": "1"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "" and (out / "facts.json").is_file()
    mail = invoke("send", str(built), "--dry-run", "-", env={"FACTSHEET_SEND_TO": "Ed <ed@example.org>, b@example.org"})
    assert mail.exit_code == 0, mail.stderr
    assert message_from_bytes(mail.stdout_bytes, policy=policy.default)["To"] == "Ed <ed@example.org>, b@example.org"


BROKEN_RULE = """\
rules:
  - id: broken
    fact: event
    phrases: ["{who} said {claim}"]
    lookfor: nothing
"""


def test_check_output_formats_for_people_programs_and_github(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(BROKEN_RULE, encoding="utf-8")
    text = invoke("check", str(tmp_path / "r.yaml"))
    problems = text.stdout.splitlines()
    assert text.exit_code == 1 and problems and all(p.startswith(f"{tmp_path / 'r.yaml'}:") for p in problems)
    doc = json.loads(invoke("check", str(tmp_path / "r.yaml"), "--output-format", "json").stdout)
    assert doc["errors"] == len(problems) and doc["problems"][0]["file"] == str(tmp_path / "r.yaml")
    first = doc["problems"][0]
    github = invoke("check", str(tmp_path / "r.yaml"), "--output-format", "github").stdout.splitlines()
    assert len(github) == len(problems)
    assert github[0].startswith(f"::error file={tmp_path / 'r.yaml'},line={first['line']},col={first['column']},")
    assert github[0].endswith("::" + first["message"].replace("%", "%25"))


# --- no traceback for a bad value, anywhere (issue 18.4) ---------------------------------------


def _project(tmp_path: Path, deliver: str) -> str:
    path = tmp_path / "factsheet.yaml"
    path.write_text(f"inputs: [{tmp_path}]\ndeliver:\n{deliver}", encoding="utf-8")
    return str(path)


MALFORMED = {
    # name: (arguments, expected exit status); {tmp}, {built}, {project:...} are filled in
    "build --jobs 0": (["build", "x", "--jobs", "0"], 2),
    "build --since": (["build", "x", "--since", "yesterday-ish"], 2),
    "build --until": (["build", "x", "--until", "2025-13-45"], 2),
    "build --wait": (["build", "x", "--wait", "forever"], 2),
    "build --wait negative": (["build", "x", "--wait", "-5"], 2),
    "build empty time window": (["build", "x", "--since", "2025-03-01", "--until", "2025-02-01"], 2),
    "build --title CR/LF": (["build", "x", "--title", "Flood\r\nBcc: x@example.org"], 2),
    "build --paper": (["build", "x", "--paper", "A5"], 2),
    "build --rules missing": (["build", "x", "--rules", "{tmp}/no-rules"], 2),
    "build --stories": (["build", "x", "--stories", "many"], 2),
    "build unknown option": (["build", "x", "--ouput", "o"], 2),
    "build --out is a file": (["build", "x", "--out", "{built}/facts.json"], 2),
    "build project to CR/LF": (["build", "--config", "{project:  to: [\"a@example.org\\r\\nBcc: x@example.org\"]}"], 2),
    "build project title CR/LF": (["build", "--config", "{title}"], 2),
    "build project subject": (["build", "--config", "{project:  to: [a@example.org]\n  subject: 'Day {title'}"], 2),
    "build project password file": (["build", "--config",
                                     "{project:  to: [a@example.org]\n  user: bot\n  password_file: nope}"], 2),
    "send --to CR/LF": (["send", "{built}", "--to", "desk@example.org\r\nBcc: x@example.org"], 2),
    "send --to not an address": (["send", "{built}", "--to", "ed@"], 2),
    "send --from": (["send", "{built}", "--to", "a@example.org", "--from", "not an address"], 2),
    "send --smtp": (["send", "{built}", "--to", "a@example.org", "--smtp", "mail:99999"], 2),
    "send --user CR/LF": (["send", "{built}", "--to", "a@example.org", "--user", "bot\nRCPT", "--password-env",
                           "HOME"], 2),
    "send --password-file missing": (["send", "{built}", "--to", "a@example.org", "--user", "bot",
                                      "--password-file", "{tmp}/nope"], 2),
    "send --password-env unset": (["send", "{built}", "--to", "a@example.org", "--user", "bot", "--password-env",
                                   "FACTSHEET_TEST_UNSET_VARIABLE"], 2),
    "send no recipient": (["send", "{built}"], 2),
    "send OUTDIR missing": (["send", "{tmp}/nowhere", "--to", "a@example.org"], 2),
    "send project from": (["send", "{built}", "--config",
                           "{project:  to: [a@example.org]\n  from: \"x\\ny@z.org\"}"], 2),
    "check --output-format": (["check", "--output-format", "xml"], 2),
    "test unknown option": (["test", "--bogus"], 2),
    "explain --rule": (["explain", "{built}/facts.json", "--rule", "nope"], 2),
    "explain missing article": (["explain", "{tmp}/missing.txt"], 1),
    "schema --out folder": (["schema", "--out", "{tmp}"], 2),
    "diff missing briefing": (["diff", "{tmp}/old.json", "{tmp}/new.json"], 2),
    "unknown command": (["bulid"], 2),
}


def test_the_sweep_covers_every_subcommand() -> None:
    swept = {args[0] for args, _ in MALFORMED.values()}
    missing = sorted(set(main.commands) - swept)
    assert not missing, f"add a malformed-value case for {missing} to MALFORMED in tests/test_cli.py"


@pytest.mark.parametrize("name", list(MALFORMED))
def test_every_malformed_value_is_one_line_and_no_traceback(name: str, tmp_path: Path, built: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTSHEET_TEST_UNSET_VARIABLE", raising=False)
    args, status = MALFORMED[name]
    (tmp_path / "title.yaml").write_text('inputs: [x]\ntitle: "Flood\\r\\nBcc: x@example.org"\n', encoding="utf-8")
    filled = []
    for arg in args:
        if arg.startswith("{project:"):
            arg = _project(tmp_path, arg.removeprefix("{project:").removesuffix("}") + "\n")
        filled.append(arg.replace("{tmp}", str(tmp_path)).replace("{built}", str(built))
                      .replace("{title}", str(tmp_path / "title.yaml")))
    result = CliRunner().invoke(main, filled, prog_name="factsheet")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n"), result.stderr
    assert result.exit_code == status, result.stderr
