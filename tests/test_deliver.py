"""E-mail delivery against a real SMTP server (aiosmtpd) the tests start on 127.0.0.1.

Each test parses what the server received; failures must name their reason,
exit with status 3, keep the built briefing, and never show the password.
"""

from __future__ import annotations

import io
import json
import shutil
import ssl
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet import DeliveryError
from factsheet.build.cache import BuildCache
from factsheet.build.pipeline import build
from factsheet.cli import main
from factsheet.deliver import Delivery, compose, parse_addresses, parse_smtp, send
from factsheet.runlog import RunLog

from .conftest import EXAMPLES
from .smtp_server import free_port, self_signed, smtp_server

PASSWORD = "s3cret-Pa55word"
# aiosmtpd warns when a server wants AUTH over plain text; these tests ask for exactly that, on 127.0.0.1.
plain_auth = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("out")
    build([str(EXAMPLES)], out, cache=BuildCache(cache_dir))
    return out


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


def cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stderr + result.stdout


def test_send_delivers_the_pdf_to_every_recipient(built: Path) -> None:
    with smtp_server() as (server, got):
        sent = send(built, Delivery(to=("desk@example.org", "editor@example.org"), sender="bot@example.org",
                                    host="127.0.0.1", port=server.port, backoff=0))
    assert sent.attempts == 1
    [received] = got.messages
    assert received.sender == "bot@example.org"
    assert received.recipients == ["desk@example.org", "editor@example.org"]
    msg = received.message
    facts = json.loads((built / "facts.json").read_text(encoding="utf-8"))
    assert facts["title"] in msg["Subject"]
    assert msg["To"] == "desk@example.org, editor@example.org"
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename().endswith(".pdf")
    assert attachment.get_content() == (built / "briefing.pdf").read_bytes()
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert f"{len(facts['facts'])} facts from {len(facts['articles'])} articles" in text
    assert "Key facts:" in text and "Key facts:" in html
    assert "<script" not in html


def test_html_body_escapes_article_text(tmp_path: Path, built: Path) -> None:
    folder = tmp_path / "hostile"
    shutil.copytree(built, folder)
    doc = json.loads((folder / "facts.json").read_text(encoding="utf-8"))
    doc["title"] = "Blast <script>alert(1)</script>\nBcc: everyone@example.org"
    doc["facts"][0]["claim"] = "<img src=x onerror=alert(1)>"
    (folder / "facts.json").write_text(json.dumps(doc), encoding="utf-8")
    msg = compose(folder, Delivery(to=("a@example.org",)))
    html = msg.get_body(("html",)).get_content()
    assert "<script>" not in html and "<img" not in html and "&lt;img" in html
    assert "\n" not in msg["Subject"] and msg["Bcc"] is None


def test_build_sends_when_the_project_file_says_so(tmp_path: Path, built: Path, cache_dir: Path) -> None:
    with smtp_server() as (server, got):
        project = tmp_path / "factsheet.yaml"
        project.write_text(f"""\
inputs: [{EXAMPLES}]
out: {tmp_path / 'out'}
cache: {cache_dir}
deliver:
  to: [desk@example.org]
  from: bot@example.org
  smtp: 127.0.0.1:{server.port}
  subject: "Morning briefing: {{title}}"
  backoff: 0
""", encoding="utf-8")
        code, output = cli("build", "--config", str(project), "--quiet")
    assert code == 0, output
    assert output == ""  # --quiet: nothing unless something is wrong
    [received] = got.messages
    assert received.message["Subject"].startswith("Morning briefing: ")
    pdf = next(received.message.iter_attachments()).get_content()
    assert pdf == (tmp_path / "out" / "briefing.pdf").read_bytes()


@plain_auth
def test_login_with_the_password_from_an_environment_variable(built: Path) -> None:
    with smtp_server(password=PASSWORD) as (server, got):
        code, output = cli("send", str(built), "--to", "desk@example.org", "--smtp", f"127.0.0.1:{server.port}",
                           "--user", "factsheet", "--password-env", "FS_TEST_PASSWORD",
                           env={"FS_TEST_PASSWORD": PASSWORD})
    assert code == 0, output
    assert got.logins == [("factsheet", "ok")]
    assert len(got.messages) == 1
    assert PASSWORD not in output


@plain_auth
def test_login_with_the_password_from_a_file(tmp_path: Path, built: Path) -> None:
    secret = tmp_path / "smtp-password"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    secret.chmod(0o600)
    with smtp_server(password=PASSWORD) as (server, got):
        send(built, Delivery(to=("desk@example.org",), host="127.0.0.1", port=server.port, user="factsheet",
                             password_file=str(secret), backoff=0))
    assert got.logins == [("factsheet", "ok")]


@plain_auth
def test_wrong_password_fails_at_once_and_says_why(built: Path) -> None:
    before = outputs(built)
    with smtp_server(password=PASSWORD) as (server, got):
        code, output = cli("send", str(built), "--to", "desk@example.org", "--smtp", f"127.0.0.1:{server.port}",
                           "--user", "factsheet", "--password-env", "FS_TEST_PASSWORD", "--log-format", "json",
                           env={"FS_TEST_PASSWORD": "wrong-" + PASSWORD})
    assert code == 3
    assert "refused the login for user 'factsheet'" in output
    assert {result for _, result in got.logins} == {"refused"}
    assert '"event": "retry"' not in output and "attempts" not in output  # an auth failure is not retried
    assert got.messages == []
    assert PASSWORD not in output
    record = json.loads(output.strip().splitlines()[-1])
    assert record["level"] == "error" and record["exit_status"] == 3
    assert outputs(built) == before  # the briefing stays


@plain_auth
def test_auth_required_but_no_login_given(built: Path) -> None:
    with smtp_server(password=PASSWORD) as (server, got), pytest.raises(DeliveryError) as err:
        send(built, Delivery(to=("desk@example.org",), host="127.0.0.1", port=server.port, backoff=0))
    assert "530" in str(err.value) and got.messages == []


def test_server_down_is_retried_then_named(built: Path) -> None:
    port = free_port()
    pauses: list[float] = []
    with pytest.raises(DeliveryError) as err:
        send(built, Delivery(to=("desk@example.org",), host="127.0.0.1", port=port, attempts=3, backoff=5),
             sleep=pauses.append)
    assert f"cannot reach the mail server 127.0.0.1:{port}: connection refused" in str(err.value)
    assert "after 3 attempts" in str(err.value)
    assert pauses == [5, 10]  # bounded, doubling
    assert err.value.exit_code == 3


def test_server_down_from_the_command_line_exits_3(tmp_path: Path, built: Path) -> None:
    project = tmp_path / "factsheet.yaml"
    project.write_text(f"out: {built}\ndeliver:\n  to: [desk@example.org]\n  smtp: 127.0.0.1:{free_port()}\n"
                       "  attempts: 1\n", encoding="utf-8")
    code, output = cli("send", "--config", str(project))
    assert code == 3
    assert "connection refused" in output and str(built) in output


def test_a_temporary_failure_is_retried(built: Path) -> None:
    with smtp_server() as (server, got):
        got.temporary_failures = 1
        sent = send(built, Delivery(to=("desk@example.org",), host="127.0.0.1", port=server.port, backoff=0))
    assert sent.attempts == 2
    assert len(got.messages) == 1


def test_refused_recipient_is_named(built: Path) -> None:
    with smtp_server() as (server, got):
        code, output = cli("send", str(built), "--to", "refuse-me@example.org", "--smtp", f"127.0.0.1:{server.port}")
    assert code == 3
    assert "refuse-me@example.org" in output and "550" in output
    assert got.messages == []


def test_one_refused_recipient_among_several(built: Path) -> None:
    with smtp_server() as (server, got), pytest.raises(DeliveryError) as err:
        send(built, Delivery(to=("desk@example.org", "refuse-me@example.org"), host="127.0.0.1",
                             port=server.port, backoff=0))
    assert "refused recipient refuse-me@example.org" in str(err.value)
    assert [m.recipients for m in got.messages] == [["desk@example.org"]]  # not sent twice


def test_starttls_with_a_private_certificate_authority(tmp_path: Path, built: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("FS_TLS_PASSWORD", PASSWORD)
    tls = Delivery(to=("desk@example.org",), host="localhost", security="starttls", user="factsheet",
                   password_env="FS_TLS_PASSWORD", ca_file=str(cert), backoff=0)
    with smtp_server(password=PASSWORD, starttls=context) as (server, got):
        send(built, replace(tls, port=server.port))
        with pytest.raises(DeliveryError) as err:  # without ca_file the system's CAs do not trust it
            send(built, replace(tls, port=server.port, ca_file=None))
    assert got.logins == [("factsheet", "ok")] and len(got.messages) == 1
    assert "TLS with localhost" in str(err.value) and "CERTIFICATE_VERIFY_FAILED" in str(err.value)


def test_ssl_from_the_first_byte(tmp_path: Path, built: Path) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    with smtp_server(implicit_tls=context) as (server, got):
        sent = send(built, Delivery(to=("desk@example.org",), host="localhost", port=server.port, security="ssl",
                                    ca_file=str(cert), backoff=0))
    assert sent.attempts == 1 and [m.recipients for m in got.messages] == [["desk@example.org"]]


def test_dry_run_writes_the_message_and_sends_nothing(tmp_path: Path, built: Path) -> None:
    eml = tmp_path / "briefing.eml"
    code, output = cli("send", str(built), "--to", "desk@example.org", "--smtp", f"127.0.0.1:{free_port()}",
                       "--user", "factsheet", "--password-env", "FS_UNSET_VARIABLE", "--dry-run", str(eml))
    assert code == 0, output
    from email import message_from_bytes, policy

    msg = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["To"] == "desk@example.org"
    assert next(msg.iter_attachments()).get_content() == (built / "briefing.pdf").read_bytes()


def test_missing_password_variable_is_named_not_guessed(built: Path) -> None:
    with pytest.raises(DeliveryError, match=r"FS_UNSET_VARIABLE .* is not set"):
        send(built, Delivery(to=("a@example.org",), host="127.0.0.1", port=free_port(), user="u",
                             password_env="FS_UNSET_VARIABLE"))


def test_password_is_never_sent_unencrypted_to_another_host(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FS_TEST_PASSWORD", PASSWORD)
    with pytest.raises(DeliveryError, match="refusing to send the password unencrypted") as err:
        send(built, Delivery(to=("a@example.org",), host="mail.example.org", user="u", password_env="FS_TEST_PASSWORD"))
    assert PASSWORD not in str(err.value)


def test_sending_a_folder_without_a_briefing(tmp_path: Path) -> None:
    code, output = cli("send", str(tmp_path), "--to", "a@example.org", "--dry-run", str(tmp_path / "x.eml"))
    assert code == 3 and "no built briefing" in output and "factsheet build" in output


@pytest.mark.parametrize(("text", "expected"), [
    ("mail.example.org", ("mail.example.org", None)),
    ("mail.example.org:587", ("mail.example.org", 587)),
    ("[::1]:25", ("::1", 25)),
])
def test_parse_smtp(text: str, expected: tuple[str, int | None]) -> None:
    assert parse_smtp(text) == expected


@pytest.mark.parametrize("text", ["user:pass@mail.example.org", "mail.example.org:99999", "host:port"])
def test_parse_smtp_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_smtp(text)


@plain_auth
def test_build_then_failed_send_exits_3_and_keeps_the_briefing(tmp_path: Path, cache_dir: Path) -> None:
    out = tmp_path / "out"
    with smtp_server(password=PASSWORD) as (server, got):
        project = tmp_path / "factsheet.yaml"
        project.write_text(f"""\
inputs: [{EXAMPLES}]
out: {out}
cache: {cache_dir}
deliver:
  to: [desk@example.org]
  smtp: 127.0.0.1:{server.port}
  user: factsheet
  password_env: FS_TEST_PASSWORD
""", encoding="utf-8")
        code, output = cli("build", "--config", str(project), env={"FS_TEST_PASSWORD": "wrong-" + PASSWORD})
    assert code == 3, output
    assert "refused the login" in output and PASSWORD not in output
    assert {"briefing.pdf", "briefing.html", "facts.json"} <= set(outputs(out))
    assert got.messages == []


@plain_auth
def test_the_password_is_nowhere_in_the_outputs_or_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    out = tmp_path / "out"
    eml = tmp_path / "message.eml"
    with smtp_server(password=PASSWORD) as (server, got):
        project = tmp_path / "factsheet.yaml"
        project.write_text(f"inputs: [{EXAMPLES}]\nout: {out}\ncache: {cache_dir}\ndeliver:\n"
                           f"  to: [desk@example.org]\n  smtp: 127.0.0.1:{server.port}\n  user: factsheet\n"
                           "  password_env: FS_TEST_PASSWORD\n", encoding="utf-8")
        env = {"FS_TEST_PASSWORD": PASSWORD}
        code, output = cli("build", "--config", str(project), "--log-format", "json", env=env)
        assert code == 0, output
        code, dry = cli("send", "--config", str(project), "--dry-run", str(eml), env=env)
        assert code == 0, dry
    assert len(got.messages) == 1
    assert PASSWORD.encode() not in got.messages[0].data
    for folder in (out, cache_dir, tmp_path):
        for path in folder.rglob("*"):
            if path.is_file():
                assert PASSWORD.encode() not in path.read_bytes(), path
    assert PASSWORD not in output + dry


# --- headers: marked automatic, addresses read by the standard library, no injection ---------


def test_the_message_is_marked_auto_generated(built: Path) -> None:
    msg = compose(built, Delivery(to=("a@example.org",)))
    assert msg["Auto-Submitted"] == "auto-generated"  # RFC 3834: out-of-office replies stay quiet


@pytest.mark.parametrize(("text", "normal"), [
    ("ed@example.org", ("ed@example.org",)),
    ("Ed <ed@example.org>", ("Ed <ed@example.org>",)),
    ('"Ed, Jr." <ed@example.org>', ('"Ed, Jr." <ed@example.org>',)),
    ("ed@example.org, Desk <desk@example.org>", ("ed@example.org", "Desk <desk@example.org>")),
])
def test_addresses_in_every_common_form(text: str, normal: tuple[str, ...]) -> None:
    assert parse_addresses(text) == normal


@pytest.mark.parametrize("text", ["ed", "ed@", "not an address", "@example.org", "undisclosed:;",
                                  "desk@example.org\r\nBcc: x@example.org", "ëd@exämple.org"])
def test_what_is_not_an_address_is_refused_with_the_fix(text: str) -> None:
    with pytest.raises(ValueError, match=r"e-mail address|line break|not ASCII"):
        parse_addresses(text)


def test_a_display_name_goes_in_the_header_and_the_mailbox_in_the_envelope(built: Path) -> None:
    with smtp_server() as (server, got):
        send(built, Delivery(to=("Ed <ed@example.org>",), sender="Briefing Bot <bot@example.org>",
                             host="127.0.0.1", port=server.port, backoff=0))
    [received] = got.messages
    assert (received.sender, received.recipients) == ("bot@example.org", ["ed@example.org"])
    assert received.message["From"] == "Briefing Bot <bot@example.org>"
    assert received.message["Message-ID"].endswith("@example.org>")


def test_a_library_caller_cannot_inject_headers_either(built: Path) -> None:
    for bad in (Delivery(to=("desk@example.org\r\nBcc: x@example.org",)),
                Delivery(to=("a@example.org",), sender="bot@example.org\nBcc: x@example.org"),
                Delivery(to=("a@example.org",), subject="Hi\r\nBcc: x@example.org {title}"),
                Delivery(to=("a@example.org",), subject="Day {title")):
        with pytest.raises(DeliveryError) as err:
            compose(built, bad)
        assert "\n" not in str(err.value)


def test_a_title_with_a_line_break_is_folded_and_the_log_says_so(tmp_path: Path, built: Path) -> None:
    folder = tmp_path / "broken-title"
    shutil.copytree(built, folder)
    doc = json.loads((folder / "facts.json").read_text(encoding="utf-8"))
    doc["title"] = "Blast at the plant\r\nBcc: everyone@example.org"
    (folder / "facts.json").write_text(json.dumps(doc), encoding="utf-8")
    out = io.StringIO()
    msg = compose(folder, Delivery(to=("a@example.org",), subject="{title}"), RunLog(stream=out))
    assert msg["Subject"] == "Blast at the plant Bcc: everyone@example.org" and msg["Bcc"] is None
    assert out.getvalue() == ("factsheet: the story title holds a line break; the subject is folded to one line: "
                              "Blast at the plant Bcc: everyone@example.org\n")
