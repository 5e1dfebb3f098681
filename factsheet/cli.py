"""The command line: each command a few lines over one library call."""

from __future__ import annotations

import sys

import click

from .errors import FactsheetError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factsheet")
def main() -> None:
    """factsheet: consolidate many news articles about one story into one briefing."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", default="out", show_default=True, help="Folder for briefing.html, briefing.pdf, facts.json.")
@click.option("--rules", "rules_dirs", multiple=True, help="Rule folder or file (default: the built-in rules).")
@click.option("--templates", default=None, help="Template folder (default: the built-in look).")
@click.option("--title", default=None, help="Story title for the briefing.")
@click.option("--manifest", "manifests", multiple=True, metavar="FILE",
              help="CSV or YAML naming id, outlet, url, published per file; wins over guesses. "
              "A manifest.csv/manifest.yaml among the inputs is read without this.")
@click.option("--stories", type=click.Choice(["auto", "one"]), default="auto", show_default=True,
              help="auto: group the articles into stories by content, one chapter each; one: all one story.")
def build(inputs: tuple[str, ...], out: str, rules_dirs: tuple[str, ...], templates: str | None,
          title: str | None, manifests: tuple[str, ...], stories: str) -> None:
    """Build a briefing from article files, folders or globs.

    Example: factsheet build articles/ --out out/
    """
    from .pipeline import build as run_build

    result = _run(lambda: run_build(inputs, out, rules_dirs or None, templates, title,
                                    manifests=manifests, stories="one" if stories == "one" else "auto"))
    for s in result.briefing.skipped:
        click.echo(f"factsheet: skipped {s.path}: {s.reason}", err=True)
    b = result.briefing
    click.echo(f"factsheet: {len(b.articles)} articles, {len(b.skipped)} skipped, {len(b.facts)} facts → {result.out}",
               err=True)


def _run(action):  # type: ignore[no-untyped-def]
    try:
        return action()
    except FactsheetError as exc:
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
    from .authoring import check as check_files
    from .authoring import check_summary

    result = check_files(list(rules))
    for problem in result.problems:
        click.echo(str(problem))
    click.echo(f"factsheet: {check_summary(result)}", err=True)
    sys.exit(1 if result.errors or (strict and result.warnings) else 0)


@main.command("test")
@click.argument("rules", nargs=-1)
def test_examples(rules: tuple[str, ...]) -> None:
    """Run the examples written inside the rules (should_match, should_not_match).

    Each example is read as a one-sentence article by all the RULES named
    (default: the built-in rules), as a build would read it; it passes when
    its own rule takes it with the expected values. Exit status 1 on any
    failure or rule error.

    Example: factsheet test my-rules/
    """
    from .authoring import examples_summary, format_report, run_tests

    report = run_tests(list(rules))
    for problem in report.check.problems:
        click.echo(str(problem))
    click.echo(format_report(report), nl=False)
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
    from .explain import explain_file

    click.echo(_run(lambda: explain_file(article, list(rules_dirs), only_rule)), nl=False)


@main.command()
@click.option("--out", default=None, metavar="FILE", help="Write the schema to FILE instead of the screen.")
def schema(out: str | None) -> None:
    """Write the JSON Schema of rule files, so editors can complete and underline them.

    Example: factsheet schema --out my-rules/rules.schema.json
    """
    from .authoring import schema_text, write_schema

    if out is None:
        click.echo(schema_text(), nl=False)
    else:
        click.echo(f"factsheet: wrote {write_schema(out)}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
