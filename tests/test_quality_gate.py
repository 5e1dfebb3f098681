"""Extraction quality may not drop unnoticed: every story with a reference answer has pinned floors.

The stories are the seeds, the example story and every news_cluster story in
../shared/corpus/news_cluster/gold/ (tests/quality_stories.py finds them). A
new gold story without floors fails until its floors are written here, so no
story is left out. Raise a floor when the product gets better; lowering one
is a reviewed decision, never a side effect. Scores come from
../shared/eval/score.py, the yardstick the product is judged by;
`bench/quality.py` prints the same scores as one table.
"""

from __future__ import annotations

import pytest

from .quality_stories import KEYS, GoldStory, gold_stories, score_story

# measured with bench/quality.py; see docs/quality.md and the notes on issues 3 and 14
FLOORS: dict[str, dict[str, float]] = {
    # precision 0.92 -> 0.89 on 2026-12-06: a statement about two countries' cooperation no longer
    # rides on a reference fact it does not state; it is a fact of its own, which the reference lacks
    "seeds": {"recall": 1.0, "precision": 0.89, "sources": 1.0, "independent": 1.0, "who": 1.0,
              "date": 0.94, "fragments": 1.1, "merged": 0},
    # independent 0.9 -> 0.8 on 2026-12-07: the sentence that holds both the licence suspension and
    # the casualties now sits with the suspension (its main clause), so the casualty count has one
    # outlet fewer; merged 2 -> 0
    "examples": {"recall": 1.0, "precision": 0.9, "sources": 0.9, "independent": 0.8, "who": 0.95,
                 "date": 0.94, "fragments": 1.4, "merged": 0},
    # on 2026-12-07 (session start: sources 0.68, independent 0.65, who 0.66, date 0.71, fragments 1.57,
    # merged 8): independent stays at 0.65 because facts that shared only the story's topic words are
    # no longer merged, and three reference facts had had their count only from such merges
    # fragments 1.49 -> 1.51 on 2026-12-07 (second session): "Goldman declined to comment on ..." had been
    # left out as background because only other articles write the one-word name mid-sentence; kept
    # now, it is a fact of its own beside the other outlets' wording of the same refusal
    # date 0.9 -> 0.95 on 2026-12-07 (third session): "disclosed in filings with ... on Thursday that"
    # leaves the venue out of the claim, which then joins the other outlets' stock-award fact and
    # gives it the filing's Thursday
    # sources 0.78 -> 0.8, independent 0.65 -> 0.69, fragments 1.51 -> 1.49 on 2026-12-07 (third
    # session): the company's refusals to comment in three articles are one fact (refusals.py)
    # precision 0.98 -> 1.0 on 2026-12-07 (fourth session): a video segment's introduction ("<outlet>'s
    # <reporter> discusses ...") is page furniture; who 0.83 -> 0.87: a tie between a statement's speaker
    # and a plain sentence's subject goes to the speaker (the bank that disclosed the stock awards)
    "goldman_sachs_feels_tax_bills_burn_with_5b_charge": {
        "recall": 1.0, "precision": 1.0, "sources": 0.8, "independent": 0.69, "who": 0.87, "date": 0.95,
        "fragments": 1.49, "merged": 4},
    "nyc_subway_work_trains_collide_in_tunnel_1_worker_injured": {
        "recall": 1.0, "precision": 1.0, "sources": 1.0, "independent": 1.0, "who": 0.88, "date": 1.0,
        "fragments": 1.0, "merged": 0},
}
MAXIMA = ("fragments", "merged")


@pytest.mark.parametrize("story", gold_stories(), ids=lambda s: s.name[:40])
def test_score_stays_above_its_floor(story: GoldStory) -> None:
    assert story.name in FLOORS, f"{story.name}: a story with a reference answer needs floors in FLOORS"
    result = score_story(story)
    floor = FLOORS[story.name]
    for key in KEYS:
        if key in MAXIMA:
            assert result[key] <= floor[key], f"{story.name}: {key} rose to {result[key]} (ceiling {floor[key]})"
        else:
            assert result[key] >= floor[key], f"{story.name}: {key} fell to {result[key]} (floor {floor[key]})"
