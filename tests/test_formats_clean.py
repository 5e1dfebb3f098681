"""Clean-up real crawls need: encodings, odd spaces, bylines, stamps, repeated headlines, duplicates."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.ingest.clean import clean_article, clean_top, decode_bytes, dedupe, headline, stamp_date, tidy, url_key
from factsheet.ingest.load import load_paths
from factsheet.ingest.reading import ArticleSkip
from factsheet.model import Article

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "inputs"


def test_windows_1252_text_without_a_label_is_detected() -> None:
    raw = (FIXTURES / "ferry_windows1252.txt").read_bytes()
    text, how = decode_bytes(raw)
    assert how == "cp1252 (detected)"
    assert "engineers’ report" in text and "Rosé Halvorsen" in text and "“could not have come" in text


def test_western_text_prefers_windows_1252_over_lookalike_code_pages() -> None:
    text = "Café au lait, naïve résumé and a crème brûlée in Zürich, said the chef on Monday."
    assert decode_bytes(text.encode("latin-1"))[0] == text


@pytest.mark.parametrize(("encoding", "text"), [
    ("cp1250", "Wczoraj w Łodzi rząd ogłosił, że pociągi będą kursować częściej, a bilety będą tańsze."),
    ("cp1251", "Вчера в Москве прошло заседание правительства, на котором обсуждали новые меры."),
    ("cp1251", "Москва и Киев: переговоры продолжены в понедельник, сообщили дипломаты обеих сторон."),
])
def test_other_code_pages_are_still_detected(encoding: str, text: str) -> None:
    assert decode_bytes(text.encode(encoding))[0] == text


@pytest.mark.parametrize(("bom", "encoding"), [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                               (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_byte_order_marks_win(bom: bytes, encoding: str) -> None:
    text = "Grenholt observatory — “a comet”, naïve."
    assert decode_bytes(bom + text.encode(encoding))[0] == text


def test_binary_data_is_refused_with_a_reason() -> None:
    with pytest.raises(ArticleSkip, match="binary data"):
        decode_bytes(bytes(range(256)) * 20)


def test_tidy_fixes_line_ends_spaces_and_mojibake() -> None:
    raw = "It\u00e2\u20ac\u2122s the caf\u00c3\u00a9\u00a0owner\r\nsecond\u200b line\rthird\u00a0\u00a0line  "
    assert tidy(raw) == "It’s the café owner\nsecond line\nthird  line"
    assert tidy("Kyiv’s “quote” stays curly") == "Kyiv’s “quote” stays curly"
    assert tidy("e\u0301") == "é"  # combining accent composed (NFC)


def test_top_of_story_loses_bylines_stamps_and_the_second_headline() -> None:
    text = ("China opposes missile launch\nXinhua | Updated: 2017-09-15 17:52\nBy Jane Roe and John Doe\n"
            "China opposes missile launch\nBEIJING -- China on Friday said it opposes the launch.\n"
            "By the end of the day, markets had calmed.")
    cleaned, found = clean_top(text, "China opposes missile launch")
    assert cleaned == ("China opposes missile launch\nBEIJING -- China on Friday said it opposes the launch.\n"
                       "By the end of the day, markets had calmed.")
    assert found == {"stamp": "2017-09-15 17:52", "author": "Jane Roe and John Doe"}


def test_a_first_sentence_is_never_taken_for_a_byline() -> None:
    text = "By noon on Tuesday, rescuers had reached the last of the trapped miners, officials said."
    assert clean_top(text, None) == (text, {})


@pytest.mark.parametrize(("stamp", "day"), [("2017-09-15 17:52", date(2017, 9, 15)),
                                            ("13 March 2024 07:15", date(2024, 3, 13)),
                                            ("March 13, 2024, 7:15 a.m.", date(2024, 3, 13)),
                                            ("yesterday", None), ("31 February 2024", None)])
def test_stamp_dates(stamp: str, day: date | None) -> None:
    assert stamp_date(stamp) == day


def test_headline_is_taken_from_a_short_first_line_only() -> None:
    assert headline("Zelenskyy warns of deeper ties\nUkraine's president said on Wednesday that ...") \
        == "Zelenskyy warns of deeper ties"
    assert headline("The president said on Wednesday that ties had deepened.\nMore text here.") is None
    assert headline("By Jane Roe\nThe president said ...") is None


def test_clean_article_fills_gaps_from_byline_and_stamp_but_keeps_given_values() -> None:
    text = "Harbour reopens\nBy Erik Solberg\nUpdated: 13 March 2024\nThe harbour reopened on Wednesday morning."
    a = clean_article(Article("a", "a.txt", text))
    assert a.title == "Harbour reopens" and a.authors == ("Erik Solberg",)
    assert a.published == date(2024, 3, 13)
    assert a.text == "Harbour reopens\nThe harbour reopened on Wednesday morning."
    assert dict(a.provenance) == {"title": "first line of the text", "authors": "byline line",
                                  "published": "'Updated:' line"}
    b = clean_article(Article("b", "b.txt", text, published=date(2024, 3, 12), authors=("Desk",)))
    assert b.published == date(2024, 3, 12) and b.authors == ("Desk",)


def test_url_keys_ignore_what_does_not_name_the_article() -> None:
    assert url_key("https://www.Example.org/a/b/?utm_source=x&id=3#top") == url_key("http://example.org/a/b?id=3")
    assert url_key("https://example.org/a?id=3") != url_key("https://example.org/a?id=4")


def test_duplicates_keep_the_fullest_copy_and_reprints_stay() -> None:
    long = "The harbour reopened on Wednesday. Ferries ran on time. The mayor thanked the engineers."
    articles = [
        Article("short", "short.json", "The harbour reopened on Wednesday.", url="https://x.example/h?utm_medium=rss"),
        Article("full", "full.html", long, url="https://www.x.example/h"),
        Article("saved-again", "again.txt", long),
        Article("wire-a", "a.txt", "Wire text about the vote, word for word.", outlet="Outlet A"),
        Article("wire-b", "b.txt", "Wire text about the vote, word for word.", outlet="Outlet B"),
    ]
    kept, skipped = dedupe(articles)
    assert [a.id for a in kept] == ["full", "wire-a", "wire-b"]
    assert {(s.path, s.reason.split(";")[0]) for s in skipped} == {
        ("short.json", "duplicate of full (same url)"), ("again.txt", "duplicate of full (same text)")}


def test_cleaning_applies_to_plain_text_files_too(tmp_path: Path) -> None:
    (tmp_path / "crlf.txt").write_bytes("Bridge shut\r\nThe bridge\u00a0was shut on Monday.\r\n".encode())
    (tmp_path / "copy.txt").write_bytes(b"Bridge shut\nThe bridge was shut on Monday.\n")
    loaded = load_paths([str(tmp_path)])
    assert [a.text for a in loaded.articles] == ["Bridge shut\nThe bridge was shut on Monday."]
    assert [s.reason.split(" (")[0] for s in loaded.skipped] == ["duplicate of copy"]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_decoding_never_crashes(raw: bytes) -> None:
    try:
        text, how = decode_bytes(raw)
    except ArticleSkip as why:
        assert "\n" not in str(why)
    else:
        assert isinstance(text, str) and how


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=40)))
def test_cleaning_never_crashes_and_keeps_text(text: str, title: str | None) -> None:
    try:
        a = clean_article(Article("x", "x.txt", text, title=title))
    except ArticleSkip:
        assert not tidy(text).strip()
    else:
        assert a.text.strip() and "\r" not in a.text and "\u00a0" not in a.text
