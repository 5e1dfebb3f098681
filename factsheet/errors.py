"""One exception tree for everything a user can get wrong.

    FactsheetError            exit status 1 unless a subclass says otherwise
    ├── RuleError             a rule file or project file is invalid (exit 2)
    ├── InputError            an input cannot be used (the build skips it)
    ├── RenderError           HTML/PDF could not be written (exit 1)
    ├── EmptyBuild            no input gave an article, so nothing was written or sent (exit 1)
    └── DeliveryError         the briefing was built but not sent (exit 3)

The CLI prints `str(error)` as one line and exits with `error.exit_code`;
user errors never show a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


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


class EmptyBuild(FactsheetError):
    """A build that used no article: a broken input path must not mail analysts an empty briefing."""

    exit_code = 1

    def __init__(self, message: str, skipped: Sequence[Any] = ()) -> None:
        self.skipped = tuple(skipped)  # the inputs that were not used (model.Skipped), to be listed
        super().__init__(message)


class DeliveryError(FactsheetError):
    exit_code = 3
