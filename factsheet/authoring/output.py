"""`factsheet check`'s problems for the reader at hand: a person, a program, or a GitHub workflow.

text is `file:line:col: where: what` (actionlint's form, one a line). json
is one document a program can read without parsing those lines. github is
workflow commands (`::error file=...,line=...,col=...::message`), which
GitHub Actions shows as annotations on the lines of a pull request.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from factsheet.rules.reader import Problem

OutputFormat = Literal["text", "json", "github"]


def format_problems(problems: Sequence[Problem], fmt: str, summary: str = "") -> str:
    """Every problem in the chosen form, ending in a newline (empty text when there is none)."""
    if fmt == "json":
        doc = {
            "summary": summary,
            "errors": sum(1 for p in problems if p.severity == "error"),
            "warnings": sum(1 for p in problems if p.severity == "warning"),
            "problems": [{"file": p.file, "line": p.line or None, "column": p.column or None, "where": p.where,
                          "message": p.what, "severity": p.severity} for p in problems],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "github":
        return "".join(_workflow_command(p) + "\n" for p in problems)
    return "".join(f"{p}\n" for p in problems)


def _workflow_command(p: Problem) -> str:
    """`::error file=F,line=L,col=C,title=WHERE::WHAT`, escaped as the workflow command syntax requires."""
    props = [f"file={_property(p.file)}"]
    if p.line:
        props += [f"line={p.line}", f"col={p.column}"] if p.column else [f"line={p.line}"]
    if p.where:
        props.append(f"title={_property(p.where)}")
    return f"::{p.severity} {','.join(props)}::{_data(p.what)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
