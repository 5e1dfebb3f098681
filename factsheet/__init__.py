"""factsheet: consolidate many news articles about one story into one briefing."""

from .errors import DeliveryError, FactsheetError, InputError, RenderError, RuleError
from .model import Article, Briefing, Citation, Fact, Mention, Sentence, Skipped
from .pipeline import build, make_briefing
from .rules import RuleSet, load_rules

__all__ = [
    "Article", "Briefing", "Citation", "DeliveryError", "Fact", "FactsheetError", "InputError",
    "Mention", "RenderError", "RuleError", "RuleSet", "Sentence", "Skipped", "build", "load_rules",
    "make_briefing",
]
