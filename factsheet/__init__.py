"""factsheet: consolidate many news articles about one story into one briefing.

The public names are imported on first use, not here: the command line
imports this package on every start (`factsheet --help` must stay fast), and
most commands never need the pipeline, pydantic or the PDF renderer.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from factsheet.errors import DeliveryError, FactsheetError, InputError, RenderError, RuleError

if TYPE_CHECKING:
    from factsheet.build.pipeline import build, make_briefing
    from factsheet.model import Article, Briefing, Citation, Fact, Mention, Sentence, Skipped
    from factsheet.rules.loader import load_rules
    from factsheet.rules.schema import RuleSet

__all__ = [
    "Article", "Briefing", "Citation", "DeliveryError", "Fact", "FactsheetError", "InputError",
    "Mention", "RenderError", "RuleError", "RuleSet", "Sentence", "Skipped", "build", "load_rules",
    "make_briefing",
]

_LAZY = {
    "make_briefing": "factsheet.build.pipeline",
    "load_rules": "factsheet.rules.loader",
    "RuleSet": "factsheet.rules.schema",
    **{name: "factsheet.model" for name in ("Article", "Briefing", "Citation", "Fact", "Mention", "Sentence",
                                           "Skipped")},
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'factsheet' has no attribute '{name}'")


class _Package(types.ModuleType):
    """`factsheet.build` is the build() function, as it always was, though a subpackage has that name too:
    importing the subpackage sets this attribute, and the setter keeps the function in its place."""

    @property
    def build(self) -> Any:
        from factsheet.build.pipeline import build

        return build

    @build.setter
    def build(self, value: Any) -> None:
        pass


sys.modules[__name__].__class__ = _Package
