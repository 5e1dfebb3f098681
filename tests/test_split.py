"""Sentences keep their offsets; headlines, headings and captions are not body text."""

from __future__ import annotations

import pytest

from factsheet.extract.split import classify_block, sentence_spans, split_article
from factsheet.model import Article


@pytest.mark.parametrize(("text", "count"), [
    ("The U.S. envoy arrived. He met the mayor.", 2),
    ("Mr. Stone said no. Dr. Ruiz agreed.", 2),
    ("“We… note that supplies grew,” she wrote. “Others agree.”", 2),
    ('"Costs rose. Wages did not," the union said. Talks resume Monday.', 3),
    ("John F. Kennedy Airport reopened on Monday.", 1),
    ("It rose 3.5 per cent. Analysts were surprised.", 2),
    ("He posted on X. “Partner agencies agree.”", 2),
])
def test_sentence_boundaries(text: str, count: int) -> None:
    spans = sentence_spans(text)
    assert len(spans) == count
    for start, end in spans:
        assert text[start:end].strip() == text[start:end]


@pytest.mark.parametrize(("block", "role"), [
    ("Port Strike Ends After Nine Days", "heading"),
    ("Photo: Dock workers at the gate on Monday (Harbour Times)", "caption"),
    ("Workers leave the site. (Photo: Lena Ortiz)", "caption"),
    ("By Anna Weller and Tom Reyes", "byline"),
    ("Updated: 2026-03-04 10:15", "byline"),
    ("Read more: how the port works", "boilerplate"),
    ("The strike ended on Monday after nine days, the union said.", "body"),
])
def test_block_roles(block: str, role: str) -> None:
    assert classify_block(block) == role


def test_first_short_line_is_the_headline_and_offsets_slice_the_text() -> None:
    text = "Harbour Strike Ends\n\nDock workers went back on Monday. The union said pay rises by 4%.\n"
    article = Article(id="a", path="a.txt", text=text)
    sentences = split_article(article)
    assert sentences[0].role == "headline"
    assert [s.role for s in sentences[1:]] == ["body", "body"]
    for s in sentences:
        assert text[s.start:s.end] == s.text
