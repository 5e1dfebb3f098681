"""How far a slot reaches: a text slot takes a whole noun phrase, a date slot date words only."""

from __future__ import annotations

from typing import Any

import pytest

from factsheet.rules.phrases import match
from factsheet.rules.schema import Rule

RESIGN = {"id": "resignations", "words": {"quit": ["resigned", "stepped down"]},
          "phrases": ["{who} {quit} as {post}"], "slots": {"post": {"type": "text"}}}
RECALL = {"id": "recalls", "words": {"recall": ["recalled", "has recalled", "is recalling"]},
          "phrases": ["{who} {recall} {count} {product}", "{product} [are|were] being recalled"],
          "slots": {"count": {"type": "number"}, "product": {"type": "text"}}}


def slots(rule: dict[str, Any], sentence: str) -> dict[str, str] | None:
    found = match(Rule.model_validate(rule), sentence)
    return None if found is None else {k: sentence[a:b] for k, (a, b) in found.slots.items()}


@pytest.mark.parametrize(("sentence", "post"), [
    ("Lena Brandt resigned as transport minister on Tuesday after a row over contracts.", "transport minister"),
    ("Lena Brandt resigned as leader of the Green Party, her office said.", "leader of the Green Party"),
    ("Lena Brandt resigned as Minister for Transport and Infrastructure.", "Minister for Transport and Infrastructure"),
    ("Lena Brandt stepped down as the party's treasurer and left the room.", "party's treasurer"),
    ("Lena Brandt resigned as mayor.", "mayor"),
])
def test_a_text_slot_takes_the_whole_noun_phrase_up_to_a_natural_boundary(sentence: str, post: str) -> None:
    assert slots(RESIGN, sentence) == {"who": "Lena Brandt", "post": post}


def test_a_text_slot_never_takes_a_lone_article() -> None:
    assert slots(RESIGN, "Lena Brandt resigned as the.") is None


def test_a_text_slot_keeps_figures_hyphens_and_dotted_abbreviations() -> None:
    assert slots(RECALL, "Brightline has recalled 12,000 Glide 3 e-scooters over a battery fault.") == {
        "who": "Brightline", "count": "12,000", "product": "Glide 3 e-scooters"}
    assert slots(RECALL, "Brightline recalled 4,500 U.S.-made scooters.")["product"] == "U.S.-made scooters"  # type: ignore[index]


def test_a_text_slot_followed_by_words_stops_at_them_and_does_not_swallow_the_sentence() -> None:
    # the slot starts the phrase: it runs back to the start of the sentence or the nearest boundary ("said")
    assert slots(RECALL, "Brightline said its Glide 3 e-scooters are being recalled.") == {
        "product": "Glide 3 e-scooters"}
    assert slots(RECALL, "Brightline said last week, after three fires in Meriden, that it was sorry and its "
                         "scooters are being recalled.") == {"product": "scooters"}


DATED = {"id": "resignations", "phrases": ["{who} stepped down ... {date}"], "slots": {"date": {"from": "text"}}}


@pytest.mark.parametrize(("sentence", "date"), [
    ("The mayor stepped down as party leader on Monday.", "on Monday"),
    ("The mayor stepped down last week.", "last week"),
    ("The mayor stepped down on March 4, 2026.", "on March 4, 2026"),
    ("The mayor stepped down yesterday evening.", "yesterday evening"),
])
def test_a_date_slot_takes_date_words(sentence: str, date: str) -> None:
    assert slots(DATED, sentence)["date"] == date  # type: ignore[index]


@pytest.mark.parametrize("declared", [{"from": "text"}, {"from": "article"}, {}])
def test_a_date_slot_matches_date_words_only_whatever_from_says(declared: dict[str, str]) -> None:
    rule = {**DATED, "slots": {"date": declared}}
    assert slots(rule, "The mayor stepped down as party leader.") is None


@pytest.mark.parametrize(("sentence", "found"), [
    ('"The quay is shut," Ivo Sand claimed.', {"claim": "The quay is shut", "who": "Ivo Sand"}),
    ('"The quay is shut," Ivo Sand has claimed.', {"claim": "The quay is shut", "who": "Ivo Sand"}),
    # a listed word or a phrase's own word is a word of its own: "exclaimed" holds no "claimed"
    ('"The quay is shut," Ivo Sand exclaimed.', None),
])
def test_a_word_of_the_phrase_is_never_the_end_of_a_longer_word(sentence: str, found: dict[str, str] | None) -> None:
    rule = {"id": "claims", "kind": "statement", "words": {"say": ["claimed"]},
            "phrases": ['{claim}," {who} [has|had] {say}'], "slots": {"who": {"type": "text"}}}
    assert slots(rule, sentence) == found
