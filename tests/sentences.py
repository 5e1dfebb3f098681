"""Mentions of a few sentences of our own, for the tests of what the extractor reads in them."""

from __future__ import annotations

from datetime import date

from factsheet.extract.mentions import extract_article
from factsheet.model import Article
from factsheet.rules.schema import RuleSet


def mentions_of(rules: RuleSet, text: str) -> list[tuple[str | None, str, str]]:
    """(who, kind, claim) of every mention in `text`, read as an article published on 2026-03-04."""
    article = Article(id="t", path="t.txt", text=text, published=date(2026, 3, 4))
    return [(m.who, m.kind, m.claim) for m in extract_article(article, rules)]


def first_who(rules: RuleSet, sentence: str) -> str | None:
    """Who the first mention of one sentence names (the sentence read as a paragraph of its own)."""
    return mentions_of(rules, sentence + "\n")[0][0]
