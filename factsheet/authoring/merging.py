"""Consolidation tests: do sentences from several articles become one fact, or stay apart?

A rule's `should_match` examples say what one sentence gives; a briefing is
also wrong when three articles' reports of one resignation come out as three
facts, or two arrests in two cities as one. `should_merge` and
`should_not_merge` groups say that in the rule file. Each sentence of a group
is read as an article of its own (its outlet and date), by all the rules, and
the mentions go through reconcile exactly as in a build; the report names the
sentences that ended up in the wrong fact and what each fact holds (who, the
slots, the date), which is usually why.

`factsheet explain a.txt b.txt ...` shows the same for real articles: each
fact that cites several articles, or that was kept apart from a look-alike,
with the pairs of sentences that joined it (how alike, on which words) and
the facts it was kept apart from, and why (`explain_merges`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from factsheet.extract.mentions import extract_article
from factsheet.ingest.copies import find_copies
from factsheet.model import Article, Fact, Mention
from factsheet.reconcile.merge import reconcile
from factsheet.rules.schema import GroupSentence, MergeGroup, Rule, RuleSet, SplitGroup

Compare = Callable[[str, str | None, str | None, dict[str, str]], bool]  # (kind, expected, got, aliases)


@dataclass(frozen=True)
class GroupOutcome:
    """How one group went: passed or not, the lines that say why, and the merged fact's values."""

    passed: bool
    notes: tuple[str, ...]
    got: tuple[tuple[str, str], ...] = ()
    checks: tuple[tuple[str, str | None, str | None, bool], ...] = ()  # (slot, expected, got, ok)


def articles_of(sentences: list[GroupSentence]) -> list[Article]:
    """Each sentence as a one-sentence article: s1, s2, ... with its outlet and date."""
    return [Article(id=f"s{k}", path=f"(sentence {k})", text=s.text, outlet=s.outlet or f"outlet {k}",
                    published=date.fromisoformat(s.published) if s.published else None)
            for k, s in enumerate(sentences, 1)]


def consolidate(articles: list[Article], rules: RuleSet) -> tuple[list[Mention], list[Fact]]:
    """Extract and reconcile the articles as a build does (reprints found the same way), without the
    single-source policy: a consolidation test is about which sentences merge, not what is left out."""
    mentions = [m for a in articles for m in extract_article(a, rules)]
    copies = find_copies(articles, rules.reconcile.reprint)
    return mentions, reconcile(articles, mentions, copies, rules.reconcile, rules.aliases).facts


def run_group(rule: Rule, rules: RuleSet, group: MergeGroup | SplitGroup, compare: Compare) -> GroupOutcome:
    """One should_merge group (all of its sentences one fact of this rule) or should_not_merge group
    (no two of its sentences in one fact)."""
    articles = articles_of(group.sentences)
    mentions, facts = consolidate(articles, rules)
    fact_of = {c: f for f in facts for c in f.citations}
    notes: list[str] = []
    taken: dict[int, list[Fact]] = {}
    for k, article in enumerate(articles, 1):
        mine = [m for m in mentions if m.article == article.id and m.rule == rule.id]
        if not mine:
            other = next((m.rule for m in mentions if m.article == article.id), None)
            notes.append(f"sentence {k}: not taken by '{rule.id}'" + (f" (rule '{other}' took it)" if other else
                                                                      " (no rule matched it)"))
            continue
        taken[k] = list(dict.fromkeys(fact_of[m.citation] for m in mine if m.citation in fact_of))
    if isinstance(group, MergeGroup):
        return _merged(rule, rules, group, taken, notes, compare)
    together: dict[str, list[int]] = {}
    for k, found in taken.items():
        for f in found:
            together.setdefault(f.id, []).append(k)
    for fact_id, ks in together.items():
        if len(ks) > 1:
            fact = next(f for f in facts if f.id == fact_id)
            notes.append(f"sentences {_listed(ks)} became one fact: {describe(fact)}")
    return GroupOutcome(not notes, tuple(notes))


def _merged(rule: Rule, rules: RuleSet, group: MergeGroup, taken: dict[int, list[Fact]], notes: list[str],
            compare: Compare) -> GroupOutcome:
    distinct = list(dict.fromkeys(f for found in taken.values() for f in found))
    if len(distinct) > 1:
        notes.append(f"the sentences became {len(distinct)} facts instead of one:")
        for f in distinct:
            ks = [k for k, found in taken.items() if f in found]
            notes.append(f"  sentence{'s' * (len(ks) > 1)} {_listed(ks)}: {describe(f)}")
    if len(distinct) != 1 or notes:
        return GroupOutcome(False, tuple(notes))
    fact = distinct[0]
    got = values_of(fact)
    checks = []
    for slot, expected in group.expect.items():
        kind = rule.slots[slot].type if slot in rule.slots else ("actor" if slot == "who" else "text")
        value = got.get(slot)
        checks.append((slot, expected, value, compare(kind, expected, value, rules.aliases)))
    shown = tuple((k, v) for k, v in got.items() if v)
    return GroupOutcome(all(ok for *_, ok in checks), (), shown, tuple(checks))


def values_of(fact: Fact) -> dict[str, str | None]:
    """What a reader of the briefing sees of a fact: who, the claim, the date and the rule's own slots."""
    out: dict[str, str | None] = {"who": fact.who, "claim": fact.claim, "date": fact.date.value if fact.date else None}
    out.update(dict(fact.slots))
    return out


def describe(fact: Fact) -> str:
    """One line: the fact's rule, who, slots and date, and its claim, clipped."""
    parts = [f"rule {fact.rule}", f"who {fact.who or '(none)'}"]
    parts += [f"{k} {v}" for k, v in fact.slots]
    parts.append(f"date {fact.date.value if fact.date else '(none)'}")
    claim = fact.claim if len(fact.claim) <= 70 else fact.claim[:67] + "..."
    return "; ".join(parts) + f" — '{claim}'"


def _listed(ks: list[int]) -> str:
    return ", ".join(map(str, ks[:-1])) + f" and {ks[-1]}" if len(ks) > 1 else str(ks[0])


CLIP = 110  # characters of a cited sentence shown


def explain_merges(articles: Sequence[Article], rules: RuleSet) -> str:
    """The consolidation report for several articles, as plain text."""
    _, facts = consolidate(list(articles), rules)
    names = {a.id: a.path for a in articles}
    by_id = {f.id: f for f in facts}
    several = {f.id for f in facts if len({c.article for c in f.citations}) > 1}
    shown = [f for f in facts if f.id in several or f.related]
    lines = [f"How the sentences of {len(articles)} articles became facts: {len(facts)} facts, "
             f"{len(several)} citing more than one article.", ""]
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
            lines.append(f"    {a} ~ {b}: {link.because}" if link.because
                         else f"    {a} ~ {b}: {round(link.similarity * 100)}% alike, on {words}")
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
