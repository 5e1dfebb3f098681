"""The command line: each command a few lines over one library call.

It is imported on every start, so it imports nothing heavy at the top: each
command imports what it needs (`factsheet --help` takes about 0.1 s). Every
error, from click's option parsing to an OSError deep in a build, ends as one
line on stderr and an exit status (0 done, 1 failed, 2 bad usage, 3 not sent);
never a traceback. Options may be given as FACTSHEET_<COMMAND>_<OPTION>
environment variables (FACTSHEET_BUILD_JOBS=4, FACTSHEET_SEND_TO=...).
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from factsheet.errors import FactsheetError

if TYPE_CHECKING:
    from factsheet.runlog import RunLog

T = TypeVar("T")
ENV_PREFIX = "FACTSHEET"


class _Main(click.Group):
    """click's group, with every usage error as one line (`factsheet build: --jobs: ...`), not a usage block."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        extra.setdefault("auto_envvar_prefix", ENV_PREFIX)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            where = exc.ctx.command_path if isinstance(exc, click.UsageError) and exc.ctx else "factsheet"
            hint = f" (see {where} --help)" if isinstance(exc, click.UsageError) else ""
            click.echo(f"{where}: {_one_line(exc.format_message())}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("factsheet: interrupted", err=True)
            sys.exit(130)
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # `factsheet schema | head`: the reader has gone, which is fine
                sys.exit(0)
            click.echo(f"factsheet: {_os_error(exc)}", err=True)
            sys.exit(1)
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


class _Addresses(click.ParamType[str]):
    """One or more e-mail addresses, `ed@example.org` or `Ed <ed@example.org>`; commas separate several."""

    name = "address"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from factsheet.deliver import parse_addresses

        try:
            return ", ".join(parse_addresses(str(value)))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)

    def split_envvar_value(self, rv: str) -> Sequence[str]:
        return [rv]  # FACTSHEET_SEND_TO="Ed <ed@example.org>, desk@example.org": commas separate, not spaces


ADDRESS = _Addresses()
FOLDER_OUT = click.Path(file_okay=False, writable=True)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=f"Options can also be set as {ENV_PREFIX}_<COMMAND>_<OPTION> environment variables, "
             f"e.g. {ENV_PREFIX}_BUILD_JOBS=4 or {ENV_PREFIX}_SEND_TO=desk@example.org.")
@click.version_option(package_name="factsheet")
def main() -> None:
    """factsheet: consolidate many news articles about one story into one briefing."""


def _verbosity(command: Callable[..., Any]) -> Callable[..., Any]:
    """-q, -v and --log-format: the same three options on every command that runs a build or a send."""
    command = click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
                           help="json: one JSON object a line, for schedulers that collect logs.")(command)
    command = click.option("-v", "--verbose", count=True,
                           help="Debug detail, each line with its time (-vv: every library's debug records).")(command)
    return click.option("-q", "--quiet", is_flag=True, help="Print errors only (for cron).")(command)


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--config", "config", default=None, metavar="FILE", type=click.Path(dir_okay=False),
              help="Project file with inputs, output naming, time window and delivery "
              "(default: ./factsheet.yaml if it exists). Options given here override it.")
@click.option("--out", default=None, type=FOLDER_OUT,
              help="Folder for briefing.html, briefing.pdf, facts.json.  [default: out]")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(exists=True),
              help="Rule folder or file (default: the built-in rules).")
@click.option("--templates", default=None, type=click.Path(exists=True, file_okay=False),
              help="Template folder (default: the built-in look).")
@click.option("--paper", type=click.Choice(["A4", "Letter"], case_sensitive=False), default="A4", show_default=True,
              help="PDF page size.")
@click.option("--title", default=None, help="Story title for the briefing.")
@click.option("--since", default=None, help="Only articles published in this window: 24h, 7d or YYYY-MM-DD.")
@click.option("--until", default=None, help="Only articles published on or before YYYY-MM-DD.")
@click.option("--cache", "cache_dir", default=None, metavar="DIR", type=FOLDER_OUT,
              help="Cache folder.  [default: OUT/.cache]")
@click.option("--no-cache", is_flag=True, help="Extract and render everything again; keep no cache.")
@click.option("--wait", default=None, metavar="TIME",
              help="If another run is writing the same folder, wait this long (30s, 10m) before giving up.")
@click.option("--no-send", is_flag=True, help="Do not e-mail the briefing even if the project file says to.")
@click.option("--allow-empty", is_flag=True,
              help="Write (and send) the briefing even when no input gave an article; without it that is exit 1.")
@_verbosity
@click.option("--manifest", "manifests", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False),
              help="CSV or YAML naming id, outlet, url, published per file; wins over guesses. "
              "A manifest.csv/manifest.yaml among the inputs is read without this.")
@click.option("--stories", type=click.Choice(["auto", "one"]), default="auto", show_default=True,
              help="auto: group the articles into stories by content, one chapter each; one: all one story.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Extract and reconcile on N processes; the output is the same for any N.  [default: all cores]")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run extraction and reconciliation on this Dask cluster (tcp://host:8786); "
              "needs pip install 'factsheet[dask]'.")
@click.option("--per-story", is_flag=True,
              help="Also write each story's briefing.html, briefing.pdf, facts.json and facts.csv to OUT/stories/ID/.")
@click.option("--since-briefing", default=None, metavar="PATH", type=click.Path(exists=True),
              help="Say what changed since this briefing (its facts.json or folder).  [default: in a dated "
              "layout, the one OUT/latest points to]")
def build(inputs: tuple[str, ...], config: str | None, out: str | None, rules_dirs: tuple[str, ...],
          templates: str | None, title: str | None, since: str | None, until: str | None, cache_dir: str | None,
          no_cache: bool, wait: str | None, no_send: bool, allow_empty: bool, quiet: bool, verbose: int,
          log_format: str, manifests: tuple[str, ...], stories: str, paper: str, jobs: int | None,
          scheduler: str | None, per_story: bool, since_briefing: str | None) -> None:
    """Build a briefing from article files, folders or globs.

    Exit status: 0 done, 1 the build failed or used no article (see
    --allow-empty), 2 bad usage, rules or project file, 3 built but the
    e-mail was not sent, 143 stopped by SIGTERM (the previous outputs stay).

    Example: factsheet build articles/ --out out/

    Example: factsheet build --config factsheet.yaml --quiet
    """
    log = _log(log_format, quiet, verbose)  # first: what the imports below log goes through it too
    from factsheet.build.config import PROJECT_FILE, settings
    from factsheet.build.runner import run
    from factsheet.build.stop import Stopped

    if config is None and not inputs and Path(PROJECT_FILE).is_file():
        config = PROJECT_FILE
    if config is None and not inputs:
        raise click.UsageError("give article files or folders, or --config FILE")
    s = _run(lambda: settings(config, inputs=inputs, out=out, rules=rules_dirs, templates=templates, title=title,
                              since=since, until=until, cache=False if no_cache else cache_dir, wait=wait,
                              per_story=per_story, jobs=jobs, scheduler=scheduler, allow_empty=allow_empty,
                              send=not no_send), log)
    log.debug(f"inputs {list(s.inputs)}, out {s.out}, rules {list(s.rules) or 'built-in'}, cache {s.cache}, "
              f"jobs {s.jobs or 'all cores'}" + (f", scheduler {s.scheduler}" if s.scheduler else ""),
              event="settings")
    try:
        _run(lambda: run(s, log, deliver=not no_send, manifests=manifests, stories=stories, paper=paper,
                         since_briefing=since_briefing), log)
    except Stopped as exc:  # SIGTERM: the run has cleaned up after itself (build/stop.py)
        log.error(f"{exc}; the cache is kept for the next run", event="stopped", exit_status=exc.exit_code)
        sys.exit(exc.exit_code)


@main.command()
@click.argument("outdir", required=False, type=click.Path(exists=True, file_okay=False))
@click.option("--config", "config", default=None, metavar="FILE", type=click.Path(dir_okay=False),
              help="Take recipients and mail settings from this project file's deliver: section.")
@click.option("--to", "to", multiple=True, type=ADDRESS,
              help="Recipient, ed@example.org or 'Ed <ed@example.org>' (repeat for several).")
@click.option("--from", "sender", default=None, type=ADDRESS, help="Sender address.")
@click.option("--smtp", default=None, metavar="HOST:PORT", help="Mail server.  [default: localhost:25]")
@click.option("--starttls", "security", flag_value="starttls", default=None, help="Upgrade to TLS (port 587).")
@click.option("--ssl", "security", flag_value="ssl", help="TLS from the start (port 465).")
@click.option("--user", default=None, help="Log in as this user.")
@click.option("--password-env", default=None, metavar="VAR", help="Environment variable holding the password.")
@click.option("--password-file", default=None, metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help="File holding the password.")
@click.option("--dry-run", default=None, metavar="FILE.eml", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the message to this file (-: to standard output); send nothing.")
@_verbosity
def send(outdir: str | None, config: str | None, to: tuple[str, ...], sender: str | None, smtp: str | None,
         security: str | None, user: str | None, password_env: str | None, password_file: str | None,
         dry_run: str | None, quiet: bool, verbose: int, log_format: str) -> None:
    """E-mail a built briefing: the PDF attached, story and key facts in the body.

    OUTDIR is the folder with briefing.pdf and facts.json (default: the
    project file's latest output). The password is read only from
    --password-env or --password-file, never from the command line.
    Exit status 2 for a bad address or setting, 3 when the message could
    not be sent.

    Example: factsheet send out/latest --to desk@example.org --smtp mail.example.org:587 --starttls
    --user factsheet --password-env SMTP_PASSWORD
    """
    log = _log(log_format, quiet, verbose)
    from factsheet.build.config import delivery_for
    from factsheet.deliver import send as send_briefing

    folder, delivery = _run(lambda: delivery_for(outdir, config, need_password=dry_run is None, to=to,
                                                 sender=sender, smtp=smtp, security=security, user=user,
                                                 password_env=password_env, password_file=password_file), log)
    _run(lambda: send_briefing(folder, delivery, log, dry_run=dry_run), log)


def _log(log_format: str, quiet: bool, verbose: int) -> RunLog:
    """The command's run log, capturing every logging record and warning until the command ends."""
    from factsheet.runlog import RunLog

    log = RunLog("json" if log_format == "json" else "text", quiet, verbose=verbose)
    click.get_current_context().with_resource(log.capture())
    return log


def _run(action: Callable[[], T], log: RunLog | None = None) -> T:
    """Run a library call; a user error or an OSError becomes one message per line and its exit status."""
    try:
        return action()
    except FactsheetError as exc:
        lines, code = str(exc).splitlines() or [type(exc).__name__], exc.exit_code
    except OSError as exc:  # an unwritable --out, a full disk: the file and the reason, not a traceback
        lines, code = [_os_error(exc)], 1
    if log is not None:
        for line in lines:
            log.error(line, event="failed", exit_status=code)
    else:
        for line in lines:
            click.echo(line if line.startswith("factsheet:") or len(lines) > 1 else f"factsheet: {line}", err=True)
    sys.exit(code)


def _os_error(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}; check that the path exists and that you may write there"


def _one_line(text: str) -> str:
    return " ".join(text.split())


@main.command()
@click.argument("rules", nargs=-1, type=click.Path())
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@click.option("--output-format", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="json: one JSON document; github: ::error workflow commands that annotate a pull request.")
def check(rules: tuple[str, ...], strict: bool, output_format: str) -> None:
    """Check rule files and list every problem as file:line:col: where: what.

    RULES are rule files or folders (default: the built-in rules). Exit
    status 1 when there is an error, 0 when there is none (warnings alone
    pass unless --strict).

    Example: factsheet check my-rules/

    Example: factsheet check my-rules/ --output-format github
    """
    from factsheet.authoring.commands import check as check_files
    from factsheet.authoring.commands import check_summary
    from factsheet.authoring.output import format_problems

    result = check_files(list(rules))
    click.echo(format_problems(result.problems, output_format, check_summary(result)), nl=False)
    click.echo(f"factsheet: {check_summary(result)}", err=True)
    sys.exit(1 if result.errors or (strict and result.warnings) else 0)


@main.command("test")
@click.argument("rules", nargs=-1, type=click.Path())
@click.option("-v", "--verbose", is_flag=True, help="Show the phrase and values of passing examples too.")
def test_examples(rules: tuple[str, ...], verbose: bool) -> None:
    """Run the examples written inside the rules (should_match, should_not_match).

    Each example is read as a one-sentence article by all the RULES named
    (default: the built-in rules), as a build would read it; it passes when
    its own rule takes it with the expected values. Exit status 1 on any
    failure or rule error.

    Example: factsheet test my-rules/
    """
    from factsheet.authoring.commands import examples_summary, format_report, run_tests

    report = run_tests(list(rules))
    for problem in report.check.problems:
        click.echo(str(problem))
    click.echo(format_report(report, verbose), nl=False)
    click.echo(f"factsheet: {examples_summary(report)}", err=True)
    sys.exit(0 if report.passed else 1)


@main.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(exists=True),
              help="Rule folder or file (default: the built-in rules).")
@click.option("--rule", "only_rule", default=None, metavar="ID", help="Give the nearest miss of this rule only.")
@click.option("--stdin-format", type=click.Choice(["txt", "md", "html"]), default="txt", show_default=True,
              help="With ARTICLE -: read standard input as this kind of file.")
def explain(articles: tuple[str, ...], rules_dirs: tuple[str, ...], only_rule: str | None,
            stdin_format: str) -> None:
    """Show, sentence by sentence, which rule and phrase matched and the slot values, or why nothing did.

    With several articles, also which of their sentences became one fact,
    how alike they were and on which words, and which look-alikes were kept
    apart and why.

    ARTICLE - reads the article from standard input (plain text, front
    matter allowed; --stdin-format md or html for other kinds).

    Example: factsheet explain articles/01.txt --rules my-rules/ --rule casualties

    Example: factsheet explain articles/01.txt articles/02.txt

    Example: pbpaste | factsheet explain - --rule casualties
    """
    from factsheet.authoring.explain import explain_file, explain_files

    if len(articles) > 1:
        if "-" in articles:
            raise click.UsageError("standard input (-) can be explained alone, not with other articles")
        click.echo(_run(lambda: explain_files(list(articles), list(rules_dirs), only_rule)), nl=False)
        return
    article = articles[0]
    if article != "-":
        click.echo(_run(lambda: explain_file(article, list(rules_dirs), only_rule)), nl=False)
        return
    import tempfile

    data = sys.stdin.buffer.read()
    with tempfile.TemporaryDirectory(prefix="factsheet-stdin-") as folder:
        path = Path(folder) / f"stdin.{stdin_format}"
        path.write_bytes(data)

        def from_stdin() -> str:
            try:
                return explain_file(path, list(rules_dirs), only_rule).replace(str(path), "(standard input)")
            except FactsheetError as exc:  # name what the user gave, not the temporary file
                exc.args = (str(exc).replace(str(path), "standard input"),)
                raise

        click.echo(_run(from_stdin), nl=False)


@main.command()
@click.option("--out", default=None, metavar="FILE", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the schema to FILE instead of the screen (-: the screen).")
def schema(out: str | None) -> None:
    """Write the JSON Schema of rule files, so editors can complete and underline them.

    Example: factsheet schema --out my-rules/rules.schema.json
    """
    from factsheet.authoring.commands import schema_text, write_schema

    if out is None or out == "-":
        click.echo(schema_text(), nl=False)
    else:
        click.echo(f"factsheet: wrote {_run(lambda: write_schema(out))}", err=True)


@main.command("diff")
@click.argument("old", type=click.Path(exists=True))
@click.argument("new", type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON (facts.json's `changes` block).")
def diff(old: str, new: str, as_json: bool) -> None:
    """Say what changed from the briefing OLD to NEW (each a facts.json or a briefing folder).

    New facts, facts with more or fewer independent sources, grade changes,
    new and settled conflicts, facts merged, split or no longer reported
    (and why), new and vanished articles and outlets. Exit status, like
    diff: 0 nothing changed, 1 something did, 2 a file is not a briefing.

    Example: factsheet diff briefings/2026-05-11 briefings/latest --json
    """
    import json

    from factsheet.compare import report, snapshot
    from factsheet.compare.changes import compare

    changes = _run(lambda: compare(snapshot.read(old), snapshot.read(new)))
    if as_json:
        click.echo(json.dumps(report.to_dict(changes), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(report.lines(changes)))
    sys.exit(1 if changes.any else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
