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
def build(inputs: tuple[str, ...], out: str, rules_dirs: tuple[str, ...], templates: str | None,
          title: str | None) -> None:
    """Build a briefing from article files, folders or globs.

    Example: factsheet build articles/ --out out/
    """
    from .pipeline import build as run_build

    result = _run(lambda: run_build(inputs, out, rules_dirs or None, templates, title))
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


if __name__ == "__main__":  # pragma: no cover
    main()
