"""The view objects: what the briefing decides to show, tested without HTML or PDF."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from factsheet.model import Corroboration
from factsheet.render import csv_out, svg
from factsheet.render.views import badge, build_view
from factsheet.render.views_text import bookmark_text, grade_rules, pretty_date, section_title, shorten, w3c_created

from .render_samples import HOSTILE_SENTENCE, small_briefing, synthetic_briefing


def test_key_facts_are_the_corroborated_ones_and_every_fact_appears_once() -> None:
    view = build_view(small_briefing())
    assert [f.id for f in view.key_facts] == ["f-1", "f-5"]
    shown = [f.id for f in view.key_facts] + [f.id for s in view.sections for f in s.facts] + [
        f.id for f in view.single_source]
    assert sorted(shown) == sorted(f.id for f in small_briefing().facts)
    assert {f.id for f in view.single_source} == {"f-2", "f-3", "f-4"}


def test_no_key_facts_when_nothing_is_corroborated() -> None:
    b = small_briefing()
    lone = tuple(replace(f, corroboration=Corroboration(1, 1)) for f in b.facts)
    view = build_view(replace(b, facts=lone))
    assert view.key_facts == () and len(view.single_source) == len(lone)


def test_sections_by_rule_and_by_actor() -> None:
    b = synthetic_briefing(40)
    by_rule = build_view(b, group_by="rule")
    assert {s.title for s in by_rule.sections} <= {"Statements", "Events", "Reports"}
    by_actor = build_view(b, group_by="actor")
    titles = [s.title for s in by_actor.sections]
    assert titles[-1] in ("Unattributed", "Other actors")
    ids = [s.id for s in by_actor.sections]
    assert len(ids) == len(set(ids))


def test_fact_view_carries_badge_grade_date_and_citation_targets() -> None:
    view = build_view(small_briefing())
    f1 = view.key_facts[0]
    assert f1.badge == "2 articles, 2 independent"
    assert (f1.grade, f1.grade_label) == (1, "confirmed")
    assert f1.date == "4 March 2026" and f1.date_inferred
    assert f1.quote and [v.value for v in f1.variants] == ["Our rivers must not be traded away for anyone's profits"]
    sentence_ids = {t.anchor for s in view.sources for t in s.sentences}
    for f in (*view.key_facts, *view.single_source):
        for c in f.citations:
            assert c.href.removeprefix("#") in sentence_ids


def test_backlinks_lead_to_every_citation_of_a_shared_sentence() -> None:
    view = build_view(small_briefing())
    radio = next(s for s in view.sources if s.id == "03_radio")
    hostile = next(t for t in radio.sentences if t.text == HOSTILE_SENTENCE)
    assert sorted(b.fact for b in hostile.backlinks) == ["f-3", "f-5"]


def test_sources_appendix_marks_reprints_and_inferred_dates() -> None:
    view = build_view(small_briefing())
    kpa, courier, radio = view.sources
    assert courier.copy_of is not None and courier.copy_of.label == kpa.label
    assert [r.label for r in kpa.reprinted_by] == [courier.label]
    assert radio.published_inferred and not kpa.published_inferred
    assert [s.path for s in view.skipped] == ["in/photo.png"]


def test_conflicts_are_listed_with_every_value_and_its_articles() -> None:
    view = build_view(small_briefing())
    (entry,) = view.conflicts
    assert entry.fact.id == "f-2" and entry.conflict.slot_label == "date"
    assert [(v.value, [s.label for s in v.sources]) for v in entry.conflict.values] == [
        ("4 March 2026", ["S1"]), ("5 March 2026", ["S2"])]


def test_anchors_are_unique_across_the_document() -> None:
    view = build_view(synthetic_briefing(120))
    facts = (*view.key_facts, *(f for s in view.sections for f in s.facts), *view.single_source)
    anchors = [f.anchor for f in facts] + [c.anchor for f in facts for c in f.citations]
    anchors += [s.anchor for s in view.sources] + [t.anchor for s in view.sources for t in s.sentences]
    assert len(anchors) == len(set(anchors))


def test_grade_scale_is_explained_for_every_grade_with_counts() -> None:
    view = build_view(small_briefing(), threshold=2)
    assert [g.grade for g in view.grades] == [1, 2, 3, 4, 5, 6]
    assert sum(g.count for g in view.grades) == 5
    assert "2 or more independent" in grade_rules(2)[1]


@pytest.mark.parametrize(("value", "words"), [
    ("2025-12-10", "10 December 2025"), ("2025-12", "December 2025"), ("2025", "2025"), (None, "undated"),
    ("2025-13-01", "2025-13-01"), ("2025-12-10T08:00:00Z", "10 December 2025")])
def test_pretty_date(value: str | None, words: str) -> None:
    assert pretty_date(value) == words


@pytest.mark.parametrize(("generated", "created"), [
    ("2025-12-10", "2025-12-10T00:00:00Z"), ("2025-12", "2025-12-01T00:00:00Z"), ("undated", None),
    ("2025-12-10T08:30:00+01:00", "2025-12-10T08:30:00+01:00"), ("2025-12-10 junk", None)])
def test_created_date_comes_from_the_inputs(generated: str, created: str | None) -> None:
    assert w3c_created(generated) == created


def test_small_words() -> None:
    assert badge(1, 1) == "1 article" and badge(5, 4) == "5 articles, 4 independent"
    assert shorten("one two three four five six", 14) == "one two three…"
    assert len(bookmark_text("f-1", "Someone", "word " * 40)) <= 81
    assert section_title("statement", "rule") == "Statements" and section_title("~other", "actor") == "Other actors"


def test_grid_blocks_show_only_the_articles_their_facts_cite() -> None:
    rows = [svg.GridRow(f"f-{i}", "claim", f"#fact-{i}", tuple("reported" if j == i % 3 else "" for j in range(90)),
                        False) for i in range(10)]
    (picture,) = svg.coverage_grid(rows, [svg.GridColumn(f"S{j + 1}", "outlet", False) for j in range(90)])
    assert ">S1<" in picture and ">S3<" in picture and ">S4<" not in picture and ">S90<" not in picture


def test_svg_text_is_escaped() -> None:
    (picture,) = svg.coverage_grid(
        [svg.GridRow("f-1", '<script>alert("x")</script>', "#fact-1", ("reported",), False)],
        [svg.GridColumn("S1", "<b>", False)])
    assert "<script>" not in picture and "&lt;script&gt;" in picture and "<b>" not in picture


def test_big_pictures_are_cut_to_fit_a_page() -> None:
    view = build_view(synthetic_briefing(600, 40))
    blocks = -(-600 // svg.GRID_ROWS)
    assert blocks <= len(view.coverage.svgs) <= blocks * -(-40 // svg.grid_columns(captions=False))
    assert len(view.timeline.svgs) >= 2
    assert not view.figures_up_front
    assert "by month" in view.timeline.caption


def test_a_crowded_day_continues_in_the_next_timeline_block() -> None:
    items = tuple(svg.TimelineItem(f"f-{i}", f"#fact-{i}", 1, False) for i in range(600))
    blocks = svg.timeline([svg.TimelineRow("1 May 2026", items, False)])
    assert len(blocks) >= 2
    assert all(float(b.split('height="')[1].split('"')[0]) <= svg.TIMELINE_HEIGHT + 6 for b in blocks)
    assert "1 May 2026 (cont.)" in blocks[1] and sum(b.count("<rect") for b in blocks) == 600


def test_csv_has_one_row_per_fact_and_defuses_formulas(tmp_path: Path) -> None:
    b = small_briefing()
    b = replace(b, facts=(replace(b.facts[0], claim="=HYPERLINK(\"http://evil\")"), *b.facts[1:]))
    csv_out.write(b, tmp_path / "facts.csv")
    data = (tmp_path / "facts.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    import csv
    import io
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(csv_out.COLUMNS)
    assert len(rows) == 1 + len(b.facts)
    assert rows[1][csv_out.COLUMNS.index("claim")].startswith("'=")
    assert rows[2][csv_out.COLUMNS.index("conflicts")] == "date"


def test_several_stories_get_a_chapter_each() -> None:
    b = small_briefing()
    facts = tuple(replace(f, story="s-2" if f.id in ("f-2", "f-5") else "s-1") for f in b.facts)
    b = replace(b, facts=facts, stories=(("s-1", "River pollution"), ("s-2", "Plant blast")))
    more = tuple(replace(facts[4], id=f"f-{n}", corroboration=Corroboration(2, 2)) for n in range(6, 12))
    view = build_view(replace(b, facts=(*facts, *more)))
    assert view.stories == ("River pollution", "Plant blast")
    assert [s.title for s in view.sections] == ["Plant blast"]
    assert {f.story for f in view.single_source} <= {"River pollution", "Plant blast"}
    assert build_view(small_briefing()).key_facts[0].story is None  # one story: no label


def test_grade_explanation_matches_reconcile_grade() -> None:
    """The words in the appendix describe reconcile.grade(); if the rule changes, this fails until they do."""
    from factsheet.reconcile.merge import grade

    threshold = 2

    def described(independent: int, conflicted: bool, attributed: bool) -> int:
        if independent >= threshold:
            return 2 if conflicted else 1
        if conflicted:
            return 4
        return 3 if attributed else 6

    for independent in (1, 2, 3):
        for conflicted in (False, True):
            for attributed in (False, True):
                assert grade(independent, conflicted, threshold, attributed) == described(
                    independent, conflicted, attributed), (independent, conflicted, attributed)
    assert "differ" in grade_rules(threshold)[2] and "attributed to no one" in grade_rules(threshold)[6]


def test_a_card_says_why_its_citations_are_one_fact_and_links_related_facts() -> None:
    from factsheet.model import MergeLink, Related
    from factsheet.render import document
    from factsheet.resources import builtin_dir

    b = small_briefing()
    first, second, *rest = b.facts
    first = replace(first, merged_on=(MergeLink(("01_kpa", "03_radio"), 0.55, ("rivers", "profit")),),
                    related=(Related(second.id, "two actors (Jelena Marčuk / Regional prosecutors)"),
                             Related("f-gone", "trimmed from this briefing")))
    briefing = replace(b, facts=(first, second, *rest))
    card = next(f for f in build_view(briefing).key_facts + build_view(briefing).single_source if f.id == first.id)
    assert card.merged_on == ("[1] and [2] alike 0.55, on “rivers”, “profit”",)
    assert [(r.id, r.href) for r in card.related] == [(second.id, "#fact-2")]  # a fact not shown is not linked
    html = document.render_html(briefing, builtin_dir("templates"))
    assert "One fact because</span> [1] and [2] alike 0.55" in html
    assert f'<a href="#fact-2">{second.id}</a> <span class="why">(two actors' in html
