"""One exception tree for everything a user can get wrong.

    FactsheetError            exit status 1 unless a subclass says otherwise
    ├── RuleError             a rule file or project file is invalid (exit 2)
    ├── InputError            an input cannot be used (the build skips it)
    ├── RenderError           HTML/PDF could not be written (exit 1)
    └── DeliveryError         the briefing was built but not sent (exit 3)

The CLI prints `str(error)` as one line and exits with `error.exit_code`;
user errors never show a traceback.
"""

from __future__ import annotations


class FactsheetError(Exception):
    exit_code = 1


class RuleError(FactsheetError):
    """Raised with every problem found, one `file:line:col: message` per line."""

    exit_code = 2

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class InputError(FactsheetError):
    exit_code = 1


class RenderError(FactsheetError):
    exit_code = 1


class DeliveryError(FactsheetError):
    exit_code = 3
