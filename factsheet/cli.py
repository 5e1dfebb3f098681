"""The command line: each command a few lines over one library call."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from factsheet.errors import FactsheetError

if TYPE_CHECKING:
    from factsheet.runlog import RunLog

T = TypeVar("T")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factsheet")
def main() -> None:
    """factsheet: consolidate many news articles about one story into one briefing."""


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--config", "config", default=None, metavar="FILE",
              help="Project file with inputs, output naming, time window and delivery "
              "(default: ./factsheet.yaml if it exists). Options given here override it.")
@click.option("--out", default=None, help="Folder for briefing.html, briefing.pdf, facts.json.  [default: out]")
@click.option("--rules", "rules_dirs", multiple=True, help="Rule folder or file (default: the built-in rules).")
@click.option("--templates", default=None, help="Template folder (default: the built-in look).")
@click.option("--paper", type=click.Choice(["A4", "Letter"], case_sensitive=False), default="A4", show_default=True,
              help="PDF page size.")
@click.option("--title", default=None, help="Story title for the briefing.")
@click.option("--since", default=None, help="Only articles published in this window: 24h, 7d or YYYY-MM-DD.")
@click.option("--until", default=None, help="Only articles published on or before YYYY-MM-DD.")
@click.option("--cache", "cache_dir", default=None, metavar="DIR", help="Cache folder.  [default: OUT/.cache]")
@click.option("--no-cache", is_flag=True, help="Extract and render everything again; keep no cache.")
@click.option("--wait", default=None, metavar="TIME",
              help="If another run is writing the same folder, wait this long (30s, 10m) before giving up.")
@click.option("--no-send", is_flag=True, help="Do not e-mail the briefing even if the project file says to.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only (for cron).")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: one JSON object a line, for schedulers that collect logs.")
@click.option("--manifest", "manifests", multiple=True, metavar="FILE",
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
def build(inputs: tuple[str, ...], config: str | None, out: str | None, rules_dirs: tuple[str, ...],
          templates: str | None, title: str | None, since: str | None, until: str | None, cache_dir: str | None,
          no_cache: bool, wait: str | None, no_send: bool, quiet: bool, log_format: str,
          manifests: tuple[str, ...], stories: str, paper: str, jobs: int | None, scheduler: str | None,
          per_story: bool) -> None:
    """Build a briefing from article files, folders or globs.

    Exit status: 0 done, 1 the build failed, 2 bad usage, rules or project
    file, 3 built but the e-mail was not sent.

    Example: factsheet build articles/ --out out/

    Example: factsheet build --config factsheet.yaml --quiet
    """
    from factsheet.build.config import PROJECT_FILE, settings
    from factsheet.build.runner import run
    from factsheet.runlog import RunLog

    log = RunLog("json" if log_format == "json" else "text", quiet)
    if config is None and not inputs and Path(PROJECT_FILE).is_file():
        config = PROJECT_FILE
    if config is None and not inputs:
        raise click.UsageError("give article files or folders, or --config FILE")
    _run(lambda: run(settings(config, inputs=inputs, out=out, rules=rules_dirs, templates=templates, title=title,
                              since=since, until=until, cache=False if no_cache else cache_dir, wait=wait,
                              per_story=per_story, jobs=jobs, scheduler=scheduler),
                     log, deliver=not no_send, manifests=manifests, stories=stories, paper=paper), log)


@main.command()
@click.argument("outdir", required=False)
@click.option("--config", "config", default=None, metavar="FILE",
              help="Take recipients and mail settings from this project file's deliver: section.")
@click.option("--to", "to", multiple=True, metavar="ADDR", help="Recipient (repeat for several).")
@click.option("--from", "sender", default=None, metavar="ADDR", help="Sender address.")
@click.option("--smtp", default=None, metavar="HOST:PORT", help="Mail server.  [default: localhost:25]")
@click.option("--starttls", "security", flag_value="starttls", default=None, help="Upgrade to TLS (port 587).")
@click.option("--ssl", "security", flag_value="ssl", help="TLS from the start (port 465).")
@click.option("--user", default=None, help="Log in as this user.")
@click.option("--password-env", default=None, metavar="VAR", help="Environment variable holding the password.")
@click.option("--password-file", default=None, metavar="FILE", help="File holding the password.")
@click.option("--dry-run", default=None, metavar="FILE.eml", help="Write the message to this file; send nothing.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only (for cron).")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def send(outdir: str | None, config: str | None, to: tuple[str, ...], sender: str | None, smtp: str | None,
         security: str | None, user: str | None, password_env: str | None, password_file: str | None,
         dry_run: str | None, quiet: bool, log_format: str) -> None:
    """E-mail a built briefing: the PDF attached, story and key facts in the body.

    OUTDIR is the folder with briefing.pdf and facts.json (default: the
    project file's latest output). The password is read only from
    --password-env or --password-file, never from the command line.
    Exit status 3 when the message could not be sent.

    Example: factsheet send out/latest --to desk@example.org --smtp mail.example.org:587 --starttls
    --user factsheet --password-env SMTP_PASSWORD
    """
    from factsheet.build.config import delivery_for
    from factsheet.deliver import send as send_briefing
    from factsheet.runlog import RunLog

    log = RunLog("json" if log_format == "json" else "text", quiet)
    folder, delivery = _run(lambda: delivery_for(outdir, config, to=to, sender=sender, smtp=smtp, security=security,
                                                 user=user, password_env=password_env,
                                                 password_file=password_file), log)
    _run(lambda: send_briefing(folder, delivery, log, dry_run=dry_run), log)


def _run(action: Callable[[], T], log: RunLog | None = None) -> T:
    """Run a library call; a user error becomes one message per line and its exit status, no traceback."""
    try:
        return action()
    except FactsheetError as exc:
        if log is not None:
            for line in str(exc).splitlines() or [type(exc).__name__]:
                log.error(line, event="failed", exit_status=exc.exit_code)
        else:
            click.echo(f"factsheet: {exc}" if "\n" not in str(exc) else str(exc), err=True)
        sys.exit(exc.exit_code)


@main.command()
@click.argument("rules", nargs=-1)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
def check(rules: tuple[str, ...], strict: bool) -> None:
    """Check rule files and list every problem as file:line:col: where: what.

    RULES are rule files or folders (default: the built-in rules). Exit
    status 1 when there is an error, 0 when there is none (warnings alone
    pass unless --strict).

    Example: factsheet check my-rules/
    """
    from factsheet.authoring.commands import check as check_files
    from factsheet.authoring.commands import check_summary

    result = check_files(list(rules))
    for problem in result.problems:
        click.echo(str(problem))
    click.echo(f"factsheet: {check_summary(result)}", err=True)
    sys.exit(1 if result.errors or (strict and result.warnings) else 0)


@main.command("test")
@click.argument("rules", nargs=-1)
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
@click.argument("article")
@click.option("--rules", "rules_dirs", multiple=True, help="Rule folder or file (default: the built-in rules).")
@click.option("--rule", "only_rule", default=None, metavar="ID", help="Give the nearest miss of this rule only.")
def explain(article: str, rules_dirs: tuple[str, ...], only_rule: str | None) -> None:
    """Show, sentence by sentence, which rule and phrase matched and the slot values, or why nothing did.

    Example: factsheet explain articles/01.txt --rules my-rules/ --rule casualties
    """
    from factsheet.authoring.explain import explain_file

    click.echo(_run(lambda: explain_file(article, list(rules_dirs), only_rule)), nl=False)


@main.command()
@click.option("--out", default=None, metavar="FILE", help="Write the schema to FILE instead of the screen.")
def schema(out: str | None) -> None:
    """Write the JSON Schema of rule files, so editors can complete and underline them.

    Example: factsheet schema --out my-rules/rules.schema.json
    """
    from factsheet.authoring.commands import schema_text, write_schema

    if out is None:
        click.echo(schema_text(), nl=False)
    else:
        click.echo(f"factsheet: wrote {write_schema(out)}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
