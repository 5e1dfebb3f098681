"""Reprints: a wire brief cut from a wire story is the same source; the same agency's other stories are not reprints."""

from __future__ import annotations

from datetime import date

from factsheet.ingest.copies import find_copies, wire_of
from factsheet.model import Article

_CREDIT = "Copyright 2026 The Associated Press."
_STORY = (
    "DRESK — Halvenor Chemicals will shut its ammonia plant outside Dresk for six weeks after the fire on "
    "Tuesday. About 140 staff will be moved to the company's site in Corvel until the storage hall is "
    "rebuilt. Inspectors found the cooling system had failed twice in the month before the fire. The "
    "regional governor said no one living near the plant had been harmed. " + _CREDIT
)
_BRIEF = "DRESK — Halvenor Chemicals will shut its Dresk ammonia plant for six weeks after Tuesday's fire. " + _CREDIT
_OTHER_STORY = (
    "CORVEL — Storms closed the ferry port for a second day on Saturday, stranding hundreds of travellers. "
    "Harbour officials said crossings would resume once the wind dropped below gale force. " + _CREDIT
)


def _article(name: str, text: str) -> Article:
    return Article(id=name, path=f"{name}.txt", text=text, published=date(2026, 3, 6))


def test_a_wire_brief_is_a_reprint_of_the_wire_story_it_was_cut_from() -> None:
    copies = find_copies([_article("story", _STORY), _article("brief", _BRIEF)])
    assert copies == {"brief": "story"}


def test_the_same_agencys_other_story_is_no_reprint() -> None:
    assert find_copies([_article("story", _STORY), _article("other", _OTHER_STORY)]) == {}


def test_a_brief_without_the_agencys_credit_needs_the_usual_overlap() -> None:
    brief = _BRIEF.replace(_CREDIT, "")
    assert find_copies([_article("story", _STORY), _article("brief", brief)]) == {}


def test_the_agency_is_read_from_its_credit_or_dateline() -> None:
    assert wire_of(_BRIEF) == "ap"
    assert wire_of("CORVEL (Reuters) - Storms closed the port.") == "reuters"
    assert wire_of("Storms closed the port, Reuters reported.") is None
