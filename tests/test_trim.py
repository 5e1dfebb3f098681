"""A big build's PDF is trimmed to the best-supported facts, says so, and facts.json keeps them all."""

from __future__ import annotations

from dataclasses import replace

import pytest

from factsheet.model import Article, ArticleInfo, Briefing, Citation, Corroboration, Fact
from factsheet.render import trim


def _fact(n: int, story: str, independent: int, who: str | None = "Ana Silva") -> Fact:
    article = f"a{n}"
    return Fact(id=f"f-{n}", rule="statement", kind="statement", who=who, claim=f"claim {n}", date=None,
                citations=(Citation(article, 0, 5, "text."),), corroboration=Corroboration(independent, independent),
                grade=1 if independent >= 2 else 6, story=story)


def _briefing(facts: list[Fact]) -> Briefing:
    infos = tuple(ArticleInfo(Article(id=f"a{n}", path=f"a{n}.txt", text="text."), story=facts[n - 1].story)
                  for n in range(1, len(facts) + 1))
    stories = tuple(dict.fromkeys((f.story, f"Story {f.story}") for f in facts if f.story))
    return Briefing(title="t", articles=infos, skipped=(), facts=tuple(facts), generated="2025-01-01", stories=stories)


FACTS = [_fact(1, "s-1", 1, who=None), _fact(2, "s-1", 3), _fact(3, "s-2", 1), _fact(4, "s-2", 2), _fact(5, "s-3", 1)]


def test_a_small_briefing_is_left_alone() -> None:
    briefing = _briefing(FACTS)
    assert trim.for_pdf(briefing, limit=5) == trim.Trimmed(briefing, None)
    assert trim.for_pdf(briefing, limit=0).note is None  # 0: no limit


def test_corroborated_facts_stay_first_and_keep_their_ids_and_order() -> None:
    shown = trim.for_pdf(_briefing(FACTS), limit=3)
    assert [f.id for f in shown.briefing.facts] == ["f-2", "f-3", "f-4"]
    assert {i.article.id for i in shown.briefing.articles} == {"a2", "a3", "a4"}
    assert [sid for sid, _ in shown.briefing.stories] == ["s-1", "s-2"]


def test_the_note_says_what_was_left_out_and_where_to_find_it() -> None:
    note = trim.for_pdf(_briefing(FACTS), limit=2).note
    assert note is not None
    assert "shows 2 of 5 facts" in note and "facts.json" in note and trim.ENV in note


def test_the_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(trim.ENV, "4")
    assert len(trim.for_pdf(_briefing(FACTS)).briefing.facts) == 4


def test_a_kept_fact_shows_a_few_citations_originals_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trim, "MAX_CITATIONS_PER_FACT", 2)
    cited = replace(FACTS[1], citations=tuple(Citation(a, 0, 5, "text.") for a in ("a1", "a2", "a3", "a4")))
    briefing = _briefing([*FACTS[:1], cited, *FACTS[2:]])
    reprint = replace(briefing.articles[0], copy_of="a2")  # a1 reprints a2
    shown = trim.for_pdf(replace(briefing, articles=(reprint, *briefing.articles[1:])), limit=1)
    [fact] = shown.briefing.facts
    assert [c.article for c in fact.citations] == ["a2", "a3"] and fact.corroboration == cited.corroboration


def test_facts_kept_on_disk_are_trimmed_the_same_way() -> None:
    from factsheet.build.spool import FactSpool

    spilled = FactSpool(FACTS, limit=1)
    assert spilled.spilled
    assert trim.for_pdf(replace(_briefing(FACTS), facts=spilled), limit=3) == trim.for_pdf(_briefing(FACTS), limit=3)


def test_the_note_is_shown_in_the_briefing() -> None:
    from factsheet.render import document as render
    from factsheet.resources import builtin_dir

    shown = trim.for_pdf(_briefing(FACTS), limit=2)
    assert shown.note is not None
    html = render.render_html(shown.briefing, builtin_dir("templates"), notes=[shown.note])
    assert '<p class="note">This briefing shows 2 of 5 facts' in html
