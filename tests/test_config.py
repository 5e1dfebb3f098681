"""The project file: what it sets, how the command line overrides it, and errors people can act on."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet import RuleError
from factsheet.build.config import Window, load_project, make_window, seconds, settings
from factsheet.build.runner import run
from factsheet.cli import main
from factsheet.model import Article
from factsheet.resources import builtin_dir
from factsheet.runlog import RunLog

from .conftest import EXAMPLES


def write(folder: Path, text: str, name: str = "factsheet.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(RuleError) as err:
        load_project(path)
    return err.value.problems


def test_a_full_project_file(tmp_path: Path) -> None:
    path = write(tmp_path, """\
# The morning briefing on the Halvenor blast
version: 1
title: Halvenor blast
inputs:
  - articles/
  - "feeds/*.json"
rules: rules/
templates: look/
out:
  folder: briefings
  dated: true
  latest: true
since: 24h
cache: .cache/factsheet
wait: 10m
deliver:
  to: [desk@example.org, editor@example.org]
  from: factsheet@example.org
  smtp: mail.example.org:587
  security: starttls
  user: factsheet
  password_env: FACTSHEET_SMTP_PASSWORD
  subject: "Morning briefing: {title}"
""")
    s = settings(path)
    assert s.inputs == (str(tmp_path / "articles/"), str(tmp_path / "feeds/*.json"))
    assert s.rules == (str(tmp_path / "rules/"),) and s.templates == str(tmp_path / "look/")
    assert s.out == tmp_path / "briefings" and s.dated and s.latest
    assert s.cache == tmp_path / ".cache/factsheet" and s.wait == 600
    assert s.title == "Halvenor blast"
    assert s.window is not None and s.window.start is not None
    assert s.deliver is not None
    assert s.deliver.to == ("desk@example.org", "editor@example.org")
    assert (s.deliver.host, s.deliver.port, s.deliver.security) == ("mail.example.org", 587, "starttls")
    assert s.deliver.password_env == "FACTSHEET_SMTP_PASSWORD"


def test_the_command_line_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "inputs: [articles]\nout: out\ntitle: From the file\nsince: 7d\ncache: false\n")
    s = settings(path, inputs=("other/",), out="elsewhere", title="From the command line", since="2025-12-01",
                 cache="/tmp/fs-cache", rules=())
    assert s.inputs == ("other/",) and s.out == Path("elsewhere") and s.title == "From the command line"
    assert s.window == Window(date(2025, 12, 1), None, "since 2025-12-01")
    assert s.cache == Path("/tmp/fs-cache")
    assert settings(path).cache is None
    assert settings(path, cache=False).cache is None
    assert settings(None, inputs=("a",)).cache == Path.cwd() / "out" / ".cache"


def test_how_and_where_to_run_come_from_the_file_unless_given(tmp_path: Path) -> None:
    path = write(tmp_path, "inputs: [articles]\nout:\n  folder: out\n  per_story: true\njobs: 3\n"
                           "scheduler: tcp://10.0.0.5:8786\n")
    s = settings(path)
    assert (s.per_story, s.jobs, s.scheduler) == (True, 3, "tcp://10.0.0.5:8786")
    s = settings(path, jobs=1, scheduler="tcp://127.0.0.1:8786")
    assert (s.jobs, s.scheduler) == (1, "tcp://127.0.0.1:8786")
    assert "bad.yaml:2:7: jobs:" in problems(write(tmp_path, "inputs: [a]\njobs: 0\n", "bad.yaml"))[0]


def test_unknown_key_names_the_line_and_the_nearest_key(tmp_path: Path) -> None:
    path = write(tmp_path, "inputs: [articles]\ndeliver:\n  too: [desk@example.org]\n")
    assert problems(path) == [
        f"{path}:2:1: deliver: 'to' is required",
        f"{path}:3:3: deliver: unknown key 'too' — did you mean 'to'? (allowed: to, from, smtp, security, user, "
        "password_env, password_file, ca_file, subject, attempts, backoff, timeout)",
    ]


def test_every_problem_is_reported_with_its_place(tmp_path: Path) -> None:
    path = write(tmp_path, """\
inputs: [articles]
out:
  dated: maybe
since: yesterday-ish
deliver:
  to: [not-an-address]
  smtp: mail.example.org:99999
  security: tls
""")
    found = problems(path)
    assert len(found) == 5
    assert f"{path}:3:10: out.dated: write true or false" in found
    assert any(p.startswith(f"{path}:4:8: since: 'yesterday-ish' is neither a duration") for p in found)
    assert any(p.startswith(f"{path}:6:7: deliver.to: 'not-an-address' is not an e-mail address") for p in found)
    assert any(p.startswith(f"{path}:7:9: deliver.smtp: '99999' is not a port number") for p in found)
    assert any(p.startswith(f"{path}:8:13: deliver.security: 'tls' is not allowed") for p in found)


def test_a_password_in_the_project_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "deliver:\n  to: [a@example.org]\n  user: bot\n  password: hunter2\n")
    [problem] = problems(path)
    assert problem.startswith(f"{path}:4:3: deliver: a password may not be written in the project file")
    assert "hunter2" not in problem
    result = CliRunner().invoke(main, ["build", "--config", str(path)])
    assert result.exit_code == 2 and "password_env" in result.stderr and "hunter2" not in result.stderr


@pytest.mark.parametrize(("text", "message"), [
    ("inputs: !!python/object/apply:os.system [echo hi]\n", "tags like"),
    ("a: &x [1]\nb: *x\n", "anchors"),
    ("inputs: [a]\ninputs: [b]\n", "duplicate key 'inputs'"),
    ("- just\n- a list\n", "a project file is a list of settings"),
    ("inputs: [a\n", ""),
])
def test_yaml_traps_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    found = problems(path)
    assert found and all(p.startswith(f"{path}:") for p in found)
    assert message in " ".join(found)


def test_missing_project_file_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--config", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "no such project file" in result.stderr


def test_build_without_inputs_or_project_file_is_a_usage_error(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 2 and "--config" in result.stderr


def test_build_finds_factsheet_yaml_in_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "inputs: [nothing-here/]\nout: out\n")
    result = CliRunner().invoke(main, ["build", "--no-cache", "--allow-empty"])
    assert result.exit_code == 0, result.stderr
    assert "0 articles, 0 facts" in result.stderr and (tmp_path / "out" / "facts.json").is_file()


@pytest.mark.parametrize(("text", "expected"), [("90", 90), ("30s", 30), ("10m", 600), ("2h", 7200), ("1.5d", 129600)])
def test_durations(text: str, expected: float) -> None:
    assert seconds(text) == expected


def test_window_keeps_undated_articles_and_lists_the_rest_as_skipped() -> None:
    now = datetime(2025, 12, 10, 7, 0)
    window = make_window("24h", None, now)
    assert window is not None and window.start == date(2025, 12, 9)
    articles = [Article(f"a{n}", f"a{n}.txt", "Text.", published=d)
                for n, d in enumerate([date(2025, 12, 10), date(2025, 12, 9), date(2025, 12, 1), None])]
    kept, skipped = window.select(articles, [])
    assert [a.id for a in kept] == ["a0", "a1", "a3"]
    assert [(s.path, s.reason) for s in skipped] == [
        ("a2.txt", "published 2025-12-01, before the time window (since 24h = 2025-12-09)")]
    late = make_window("2025-12-01", "2025-12-09", now)
    assert late is not None
    kept, skipped = late.select(articles, [])
    assert [a.id for a in kept] == ["a1", "a2", "a3"]
    assert "after the time window" in skipped[0].reason


def test_window_applies_to_a_build_and_inputs_stay_accounted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), "--out", str(out), "--since", "2099-01-01",
                                       "--log-format", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads((out / "facts.json").read_text(encoding="utf-8"))
    undated = [a["id"] for a in doc["articles"]]  # kept: nothing says they are old
    assert all(a["published_inferred"] or a["published"] is None for a in doc["articles"])
    assert len(doc["articles"]) + len(doc["skipped"]) == len(list(EXAMPLES.iterdir()))
    assert sum("before the time window" in s["reason"] for s in doc["skipped"]) >= 4
    records = [json.loads(line) for line in result.stderr.splitlines()]
    assert all(r["level"] in ("info", "warning") for r in records)
    [summary] = [r for r in records if r.get("event") == "summary"]
    assert summary["articles"] == len(undated) and summary["seconds"] >= 0


def test_dated_folders_and_a_stable_latest(tmp_path: Path) -> None:
    shutil.copytree(builtin_dir("templates"), tmp_path / "look")  # a copy nobody edits between the two runs
    path = write(tmp_path, f"inputs: [{EXAMPLES}]\ntemplates: look\nout:\n  folder: out\n  dated: true\n"
                           "since: 2026-01-01\n")
    log = RunLog(quiet=True)
    first = run(settings(path), log, today=lambda: date(2026, 3, 5))
    second = run(settings(path), log, today=lambda: date(2026, 3, 6))
    out = tmp_path / "out"
    assert first.out == out / "2026-03-05" and second.out == out / "2026-03-06"
    assert second.cache.briefing  # the second day reused the first day's work; its PDF says "nothing changed" now
    assert run(settings(path), log, today=lambda: date(2026, 3, 6)).cache.pdf  # and a rerun reuses that PDF
    latest = out / "latest"
    assert latest.is_symlink() and os.readlink(latest) == "2026-03-06"
    assert (latest / "briefing.pdf").read_bytes() == (second.out / "briefing.pdf").read_bytes()
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["2026-03-05", "2026-03-06",
                                                                                   "latest"]


def test_project_file_addresses_are_read_like_the_command_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'deliver:\n  to: ["Ed <ed@example.org>", "desk@example.org, Night <night@example.org>"]\n'
                           '  from: "Briefing Bot <bot@example.org>"\n')
    d = load_project(path).deliver
    assert d is not None
    assert d.to == ["Ed <ed@example.org>", "desk@example.org", "Night <night@example.org>"]
    assert d.sender == "Briefing Bot <bot@example.org>"


@pytest.mark.parametrize(("text", "message"), [
    ('deliver:\n  to: ["a@example.org\\r\\nBcc: x@example.org"]\n',
     "2:7: deliver.to: 'a@example.org\\r\\nBcc: x@example.org' holds a line break or control character"),
    ("deliver:\n  to: [a@example.org]\n  from: nobody\n", "3:9: deliver.from: 'nobody' is not an e-mail address"),
    ("deliver:\n  to: [a@example.org]\n  subject: 'Day {title'\n", "3:12: deliver.subject: the subject 'Day {title' "
     "is not a template"),
    ('deliver:\n  to: [a@example.org]\n  user: "bot\\n"\n', "3:9: deliver.user: 'bot\\n' is empty or holds a line"),
    ('title: "Flood\\nBcc: x@example.org"\n', "1:8: title: the title 'Flood\\nBcc: x@example.org' holds a line break"),
])
def test_header_values_in_the_project_file_are_one_line_each(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    [problem] = problems(path)
    assert problem.startswith(f"{path}:{message}"), problem
    assert "\n" not in problem and "\r" not in problem


def test_a_build_that_would_not_send_stops_before_it_builds(tmp_path: Path) -> None:
    path = write(tmp_path, f"inputs: [{EXAMPLES}]\nout: {tmp_path / 'out'}\n"
                           "deliver:\n  to: [a@example.org]\n  user: bot\n  password_file: missing-password\n")
    result = CliRunner().invoke(main, ["build", "--config", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (f"factsheet: {path}: deliver: cannot read the password file "
                             f"{tmp_path / 'missing-password'}: No such file or directory\n")
    assert not (tmp_path / "out").exists()
    assert CliRunner().invoke(main, ["build", "--config", str(path), "--no-send", "--quiet"]).exit_code == 0
