"""`factsheet explain a.txt b.txt ...`: which sentences of several articles became one fact, and why.

A rule author who sees three outlets' reports of one resignation come out as
three facts (or two arrests as one) needs the reconciler's reasons, not only
its result. The articles go through extraction and reconcile exactly as in a
build (reprints found the same way, no single-source policy), and each fact
that cites more than one article, or that was kept apart from a look-alike,
is shown with the pairs of sentences that joined it (how alike, on which
words) and the facts it was kept apart from (the rule that kept them apart).
"""

from __future__ import annotations

from collections.abc import Sequence

from factsheet.authoring.merging import consolidate, describe
from factsheet.model import Article, Fact
from factsheet.rules.schema import RuleSet

CLIP = 110  # characters of a cited sentence shown


def explain_merges(articles: Sequence[Article], rules: RuleSet) -> str:
    """The consolidation report for several articles, as plain text."""
    _, facts = consolidate(list(articles), rules)
    names = {a.id: a.path for a in articles}
    by_id = {f.id: f for f in facts}
    shown = [f for f in facts if len({c.article for c in f.citations}) > 1 or f.related]
    several = sum(1 for f in facts if len({c.article for c in f.citations}) > 1)
    lines = [f"How the sentences of {len(articles)} articles became facts: {len(facts)} facts, "
             f"{several} citing more than one article.", ""]
    if not shown:
        lines.append("No sentence of one article became a fact with a sentence of another, and no two were alike.")
    for fact in shown:
        lines += _fact_block(fact, names, by_id)
    return "\n".join(lines).rstrip() + "\n"


def _fact_block(fact: Fact, names: dict[str, str], by_id: dict[str, Fact]) -> list[str]:
    corr = fact.corroboration
    lines = [f"{fact.id}: {describe(fact)}",
             f"  {corr.articles} article{'s' * (corr.articles != 1)}, {corr.independent} independent"]
    for cit in fact.citations:
        lines.append(f"  cites {names.get(cit.article, cit.article)}: {_clip(cit.text)}")
    if fact.merged_on:
        lines.append("  one fact because:")
        for link in fact.merged_on:
            a, b = (names.get(x, x) for x in link.articles)
            words = ", ".join(f"'{w}'" for w in link.shared) or "no shared words (the same sentence)"
            lines.append(f"    {a} ~ {b}: {round(link.similarity * 100)}% alike, on {words}")
    for rel in fact.related:
        other = by_id.get(rel.id)
        what = f" ({describe(other)})" if other is not None else ""
        lines.append(f"  kept apart from {rel.id}{what}:")
        lines.append(f"    {rel.why}")
    lines.append("")
    return lines


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CLIP else text[:CLIP - 3] + "..."
