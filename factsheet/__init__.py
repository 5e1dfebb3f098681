"""factsheet: consolidate many news articles about one story into one briefing."""

from factsheet.build.pipeline import build, make_briefing
from factsheet.errors import DeliveryError, FactsheetError, InputError, RenderError, RuleError
from factsheet.model import Article, Briefing, Citation, Fact, Mention, Sentence, Skipped
from factsheet.rules.loader import load_rules
from factsheet.rules.schema import RuleSet

__all__ = [
    "Article", "Briefing", "Citation", "DeliveryError", "Fact", "FactsheetError", "InputError",
    "Mention", "RenderError", "RuleError", "RuleSet", "Sentence", "Skipped", "build", "load_rules",
    "make_briefing",
]
