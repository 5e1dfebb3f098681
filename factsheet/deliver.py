"""E-mail a built briefing: the PDF attached, a short summary in the body.

Only the standard library (smtplib, email, ssl). Delivery runs after the
build has put its outputs in place and never touches them, so a failed send
leaves the briefing ready for a retry with `factsheet send`. A failure names
its reason in words (refused recipient, refused login, unreachable server)
and raises DeliveryError (exit status 3). Problems that another attempt may
cure (server down, timeout, a 4xx answer) are retried a bounded number of
times with a doubling pause; the others fail at once.

The password comes from an environment variable or a file, is handed to
smtplib and nothing else, and is scrubbed from every message we print, in
case a server echoes it back.
"""

from __future__ import annotations

import base64
import html
import ipaddress
import json
import os
import smtplib
import socket
import ssl
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any, Literal

from factsheet.errors import DeliveryError
from factsheet.runlog import RunLog

Security = Literal["none", "starttls", "ssl"]
KEY_FACTS = 5
_DEFAULT_PORT = {"none": 25, "starttls": 587, "ssl": 465}
SUBJECT_FIELDS = ("title", "date", "facts", "articles")


@dataclass(frozen=True)
class Delivery:
    """Where and how to send; the password itself is never stored here."""

    to: tuple[str, ...]
    sender: str | None = None
    host: str = "localhost"
    port: int | None = None  # None: 25, 587 or 465 by `security`
    security: Security = "none"
    user: str | None = None
    password_env: str | None = None
    password_file: str | None = None
    ca_file: str | None = None
    subject: str | None = None
    attempts: int = 3
    backoff: float = 10.0
    timeout: float = 60.0

    @property
    def address(self) -> str:
        port = self.port or _DEFAULT_PORT[self.security]
        return f"[{self.host}]:{port}" if ":" in self.host else f"{self.host}:{port}"


@dataclass(frozen=True)
class Sent:
    recipients: tuple[str, ...]
    message_id: str
    attempts: int
    dry_run: Path | None = None


def parse_smtp(text: str) -> tuple[str, int | None]:
    """`HOST`, `HOST:PORT` or `[IPv6]:PORT` as (host, port)."""
    text = text.strip()
    if "@" in text or "/" in text or not text:
        raise ValueError(f"'{text}' is not HOST:PORT (credentials never go here)")
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest.removeprefix(":") if rest else ""
    elif text.count(":") == 1:
        host, port_text = text.split(":")
    else:
        host, port_text = text, ""
    if not port_text:
        return host, None
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"'{port_text}' is not a port number (1-65535)")
    return host, int(port_text)


def parse_addresses(text: str) -> tuple[str, ...]:
    """`ed@example.org`, `Ed <ed@example.org>` or several separated by commas, read as the e-mail package
    reads a To: header; each comes back in its normal form. ValueError says what is wrong and how to write it."""
    if has_control(text):
        raise ValueError(f"{text!r} holds a line break or control character; write each address on one line")
    try:
        header: Any = policy.default.header_factory("To", text)
        found = list(header.addresses)
        defects = list(header.defects)
    except Exception:  # the parser gives up on some broken forms ('ed@') with an IndexError
        found, defects = [], ["unreadable"]
    bad = not found or bool(defects) or any(not a.username or not a.domain for a in found)
    if bad:
        raise ValueError(f"'{text}' is not an e-mail address; write ed@example.org or 'Ed <ed@example.org>'")
    for a in found:
        if not a.addr_spec.isascii():
            raise ValueError(f"'{text}': the address {a.addr_spec} is not ASCII; write its domain in the "
                             "xn-- form and ask for an ASCII mailbox")
    return tuple(str(a) for a in found)


def parse_address(text: str) -> Address:
    """One address (see parse_addresses) as an Address: `.addr_spec` for the SMTP envelope, str() for headers."""
    found = parse_addresses(text)
    if len(found) != 1:
        raise ValueError(f"'{text}' is {len(found)} addresses; give one here")
    address: Address = policy.default.header_factory("To", found[0]).addresses[0]
    return address


def has_control(text: str) -> bool:
    """Line breaks and other control characters, which must never reach a mail header."""
    return any(ord(ch) < 32 or 127 <= ord(ch) < 160 or ch in "\u2028\u2029" for ch in text)


def check_subject(template: str) -> None:
    """ValueError unless the subject template fills in: one line, {title} {date} {facts} {articles}, {{ for {."""
    if has_control(template):
        raise ValueError(f"the subject {template!r} holds a line break or control character; write one line")
    try:
        template.format_map(_Fields({"title": "t", "date": "d", "facts": 1, "articles": 1}))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError) as exc:
        raise ValueError(f"the subject '{template}' is not a template ({exc}); fill in "
                         f"{', '.join('{' + f + '}' for f in SUBJECT_FIELDS)} and write {{{{ for a brace") from None


def problems(d: Delivery) -> list[str]:
    """Every value of `d` that cannot go into a message or an SMTP session, each with its fix."""
    found: list[str] = []
    for addr in d.to:
        try:
            parse_addresses(addr)
        except ValueError as exc:
            found.append(f"recipient: {exc}")
    if d.sender is not None:
        try:
            parse_address(d.sender)
        except ValueError as exc:
            found.append(f"sender: {exc}")
    if d.subject is not None:
        try:
            check_subject(d.subject)
        except ValueError as exc:
            found.append(f"subject: {exc}")
    for name, value in (("user", d.user), ("mail server", d.host), ("password_env", d.password_env),
                        ("password_file", d.password_file), ("ca_file", d.ca_file)):
        if value is not None and (has_control(value) or not value.strip()):
            found.append(f"{name}: {value!r} is empty or holds a line break or control character; write it on one line")
    return found


def read_password(d: Delivery, log: RunLog | None = None) -> str | None:
    """The login password from the variable or file the settings name; None without --user."""
    if d.user is None:
        if d.password_env or d.password_file:
            raise DeliveryError("a password source is given but no user to log in as; add --user NAME")
        return None
    if d.password_env:
        password = os.environ.get(d.password_env)
        if not password:
            raise DeliveryError(f"the environment variable {d.password_env} that should hold the password "
                                "is not set")
        return password
    if d.password_file:
        path = Path(d.password_file)
        try:
            mode = path.stat().st_mode
            password = path.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise DeliveryError(f"cannot read the password file {path}: {exc.strerror or exc}") from None
        if log is not None and mode & (stat.S_IRWXG | stat.S_IRWXO):
            log.warning(f"the password file {path} can be read by other users; chmod 600 it")
        if not password:
            raise DeliveryError(f"the password file {path} is empty")
        return password
    raise DeliveryError(f"the user {d.user} needs a password: give --password-env VAR or password_file")


# --- the message -------------------------------------------------------------------------------


def compose(outdir: Path, d: Delivery, log: RunLog | None = None) -> EmailMessage:
    """The e-mail for a built briefing folder: subject, text and HTML summary, the PDF attached.

    Every header value given by the user is checked first (DeliveryError names the bad one); a story
    title taken from an article is folded to one line for the subject, and `log` is told so.
    """
    if bad := problems(d):
        raise DeliveryError("; ".join(bad))
    facts_path, pdf_path = outdir / "facts.json", outdir / "briefing.pdf"
    try:
        doc = json.loads(facts_path.read_text(encoding="utf-8"))
        pdf = pdf_path.read_bytes()
    except FileNotFoundError as exc:
        raise DeliveryError(f"{outdir} holds no built briefing ({Path(exc.filename).name} is missing); "
                            "run factsheet build first") from None
    except (OSError, ValueError) as exc:
        raise DeliveryError(f"cannot read the briefing in {outdir}: {exc}") from None
    summary = _summary(doc)
    sender = _sender(d)
    subject = (d.subject or "Briefing: {title} ({date})").format_map(_Fields(summary))
    msg = EmailMessage()
    msg["Subject"] = _one_line(subject)
    if log is not None and has_control(subject):
        log.info(f"the story title holds a line break; the subject is folded to one line: {msg['Subject']}",
                 event="folded")
    msg["From"] = str(sender)
    msg["To"] = ", ".join(d.to)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid("factsheet", domain=sender.domain or None)
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: vacation replies and auto-responders stay quiet
    msg.set_content(_text_body(summary))
    msg.add_alternative(_html_body(summary), subtype="html")
    name = f"briefing-{summary['date']}.pdf" if summary["date"] != "undated" else "briefing.pdf"
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=name)
    return msg


def _sender(d: Delivery) -> Address:
    """--from, else the login name when it is an address, else factsheet@this-host."""
    if d.sender:
        return parse_address(d.sender)
    for candidate in (d.user, f"factsheet@{socket.gethostname()}"):
        try:
            return parse_address(candidate or "")
        except ValueError:
            continue
    return Address("factsheet", "factsheet", "localhost")


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _summary(doc: dict[str, Any]) -> dict[str, Any]:
    facts = list(doc.get("facts") or [])
    ranked = sorted(enumerate(facts), key=lambda p: (-_corr(p[1], "independent"), -_corr(p[1], "articles"), p[0]))
    stories = [str(s.get("title")) for s in doc.get("stories") or [] if isinstance(s, dict)]
    return {
        "title": str(doc.get("title") or "Briefing"),
        "date": str(doc.get("generated") or "undated"),
        "articles": len(doc.get("articles") or []),
        "skipped": len(doc.get("skipped") or []),
        "facts": len(facts),
        "conflicts": sum(1 for f in facts if f.get("conflicts")),
        "stories": stories if len(stories) > 1 else [],
        "key": [f for _, f in ranked[:KEY_FACTS]],
        **_since(doc.get("changes")),
    }


def _since(block: Any) -> dict[str, Any]:
    """{new} and {changed} (changed, merged or no longer reported) from facts.json's `changes`, and its sentence."""
    block = block if isinstance(block, dict) else {}
    counts = block.get("counts") if isinstance(block.get("counts"), dict) else {}
    since = block.get("since") if isinstance(block.get("since"), dict) else None
    summary = str(block.get("summary") or "")

    def n(key: str) -> int:
        value = counts.get(key, 0) if isinstance(counts, dict) else 0
        return value if isinstance(value, int) else 0

    line = f"Since the briefing of {since.get('generated')}: {summary}." if since and summary else summary
    return {"new": n("new"), "changed": n("changed") + n("merged") + n("gone"), "since": _one_line(line)}


def _corr(fact: dict[str, Any], key: str) -> int:
    value = (fact.get("corroboration") or {}).get(key, 0)
    return value if isinstance(value, int) else 0


def _fact_line(fact: dict[str, Any]) -> tuple[str, str, str]:
    who = str(fact.get("who") or "")
    claim = _one_line(str(fact.get("claim") or ""))
    claim = claim if len(claim) <= 300 else claim[:297].rstrip() + "…"
    n, ind = _corr(fact, "articles"), _corr(fact, "independent")
    return who, claim, f"{n} article{'s' * (n != 1)}, {ind} independent"


def _counts(s: dict[str, Any]) -> str:
    line = f"{s['facts']} facts from {s['articles']} articles"
    if s["conflicts"]:
        line += f"; accounts disagree on {s['conflicts']}"
    if s["skipped"]:
        line += f"; {s['skipped']} inputs not used (listed in the briefing)"
    return line + "."


def _text_body(s: dict[str, Any]) -> str:
    lines = [s["title"], "", _counts(s), *([s["since"]] if s["since"] else [])]
    if s["stories"]:
        lines += ["", "Stories:", *(f"  - {t}" for t in s["stories"])]
    if s["key"]:
        lines += ["", "Key facts:"]
        for fact in s["key"]:
            who, claim, corr = _fact_line(fact)
            lines.append(f"  - {who + ': ' if who else ''}{claim} ({corr})")
    lines += ["", "The full briefing with every fact and its sources is attached as a PDF.", ""]
    return "\n".join(lines)


def _html_body(s: dict[str, Any]) -> str:
    e = html.escape  # titles and claims come from articles: never markup
    items = "".join(
        f"<li>{'<b>' + e(who) + '</b>: ' if who else ''}{e(claim)} <small>({e(corr)})</small></li>"
        for who, claim, corr in map(_fact_line, s["key"]))
    stories = "".join(f"<li>{e(t)}</li>" for t in s["stories"])
    return (
        "<!DOCTYPE html><html><body>"
        f"<h1 style=\"font-size:1.3em\">{e(s['title'])}</h1><p>{e(_counts(s))}</p>"
        + (f"<p>{e(s['since'])}</p>" if s["since"] else "")
        + (f"<p>Stories:</p><ul>{stories}</ul>" if stories else "")
        + (f"<p>Key facts:</p><ul>{items}</ul>" if items else "")
        + "<p>The full briefing with every fact and its sources is attached as a PDF.</p></body></html>\n"
    )


def _one_line(text: str) -> str:
    """Folded to one line: every run of white space or control characters becomes one space."""
    return " ".join("".join(" " if has_control(ch) else ch for ch in text).split())[:250]


# --- sending ---------------------------------------------------------------------------------------


def send(outdir: str | Path, d: Delivery, log: RunLog | None = None, dry_run: str | Path | None = None,
         sleep: Callable[[float], None] = time.sleep) -> Sent:
    """Send the briefing in `outdir` (or write it to `dry_run` as .eml, `-`: standard output); DeliveryError
    on failure."""
    log = log or RunLog(quiet=True)
    if not d.to:
        raise DeliveryError("no recipients: give --to ADDRESS or deliver.to in the project file")
    msg = compose(Path(outdir), d, log)
    if dry_run is not None:
        where = "standard output" if str(dry_run) == "-" else str(dry_run)
        if str(dry_run) == "-":
            sys.stdout.flush()
            sys.stdout.buffer.write(msg.as_bytes())
            sys.stdout.buffer.flush()
        else:
            _write_eml(Path(dry_run), msg)
        log.info(f"wrote the message for {', '.join(d.to)} to {where} (not sent)", event="dry-run")
        return Sent(d.to, str(msg["Message-ID"]), 0, Path(dry_run))
    password = read_password(d, log)
    log.redact(password)
    if password is not None and d.security == "none" and not _loopback(d.host):
        raise DeliveryError(f"refusing to send the password unencrypted to {d.address}; use --starttls or --ssl")
    for attempt in range(1, d.attempts + 1):
        log.debug(f"attempt {attempt}: connecting to {d.address} ({d.security}), from {_sender(d).addr_spec} "
                  f"to {len(d.to)} recipients" + (f", logging in as {d.user}" if d.user else ""), event="connect")
        try:
            refused = _send_once(msg, d, password)
        except Exception as exc:  # classified below; anything unexpected is re-raised
            reason, transient = _reason(exc, d)
            reason = _scrub(reason, d.user, password)
            if not transient or attempt == d.attempts:
                tries = f" (after {attempt} attempts)" if attempt > 1 else ""
                raise DeliveryError(f"not sent: {reason}{tries}; the briefing stays in {outdir}") from None
            pause = d.backoff * 2 ** (attempt - 1)
            log.warning(f"send attempt {attempt} of {d.attempts} failed: {reason}; retrying in {pause:g} s",
                        event="retry", attempt=attempt)
            sleep(pause)
            continue
        if refused:
            bad = "; ".join(f"{a} ({_answer(c, m)})" for a, (c, m) in refused.items())
            raise DeliveryError(f"the server refused recipient {_scrub(bad, d.user, password)}; "
                                f"sent to the others only; the briefing stays in {outdir}")
        log.info(f"sent {outdir} to {', '.join(d.to)} via {d.address}", event="sent")
        return Sent(d.to, str(msg["Message-ID"]), attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def _send_once(msg: EmailMessage, d: Delivery, password: str | None) -> dict[str, tuple[int, bytes]]:
    port = d.port or _DEFAULT_PORT[d.security]
    context = ssl.create_default_context(cafile=d.ca_file) if d.security != "none" else None
    smtp: smtplib.SMTP
    if d.security == "ssl":
        smtp = smtplib.SMTP_SSL(d.host, port, timeout=d.timeout, context=context)
    else:
        smtp = smtplib.SMTP(d.host, port, timeout=d.timeout)
    with smtp:
        smtp.ehlo()
        if d.security == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if d.user is not None and password is not None:
            smtp.login(d.user, password)
        envelope = [a.addr_spec for text in d.to for a in map(parse_address, parse_addresses(text))]
        return smtp.send_message(msg, from_addr=_sender(d).addr_spec, to_addrs=envelope)


def _reason(exc: Exception, d: Delivery) -> tuple[str, bool]:
    """What went wrong in words, and whether another attempt may help."""
    where = d.address
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"the server at {where} refused the login for user '{d.user}': {_answer(exc)}", False
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        bad = "; ".join(f"{a} ({_answer(c, m)})" for a, (c, m) in exc.recipients.items())
        return f"the server refused every recipient: {bad}", False
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return f"the server refused the sender {exc.sender}: {_answer(exc)}", False
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return f"the server at {where} does not offer what is needed: {exc}", False
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"the server at {where} closed the connection ({exc or 'no reason given'})", True
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"the server at {where} answered {_answer(exc)}", 400 <= exc.smtp_code < 500
    if isinstance(exc, ssl.SSLError):
        return f"TLS with {where} failed: {exc.reason or exc}", False
    if isinstance(exc, socket.gaierror):
        return f"cannot find the mail server {d.host}: {exc.strerror or exc}", True
    if isinstance(exc, TimeoutError):
        return f"the mail server {where} did not answer within {d.timeout:g} s", True
    if isinstance(exc, ConnectionRefusedError):
        return f"cannot reach the mail server {where}: connection refused (is it running?)", True
    if isinstance(exc, OSError):
        return f"cannot reach the mail server {where}: {exc.strerror or exc}", True
    if isinstance(exc, smtplib.SMTPException):
        return f"the mail server {where} failed: {exc}", False
    raise exc


def _answer(exc: Any, message: Any = None) -> str:
    """An SMTP reply as `550 text`, whatever shape smtplib handed it over in."""
    if message is None:
        code, message = getattr(exc, "smtp_code", ""), getattr(exc, "smtp_error", exc)
    else:
        code = exc
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return _one_line(f"{code} {message}".strip())


def _scrub(text: str, user: str | None, password: str | None) -> str:
    """Remove the password in every form an SMTP exchange may carry it."""
    if not password:
        return text
    forms = {password, base64.b64encode(password.encode()).decode()}
    if user is not None:
        forms.add(base64.b64encode(f"\0{user}\0{password}".encode()).decode())
    for form in forms:
        text = text.replace(form, "***")
    return text


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _write_eml(path: Path, msg: EmailMessage) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".factsheet-", suffix=".eml", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(msg.as_bytes())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
