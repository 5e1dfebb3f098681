"""Sentences keep their offsets; headlines, headings and captions are not body text."""

from __future__ import annotations

import re
import sys

import pytest

from factsheet.extract.split import classify_block, quote_state, sentence_spans, split_article
from factsheet.model import Article
from factsheet.rules.phrases import fold


@pytest.mark.parametrize(("text", "count"), [
    ("The U.S. envoy arrived. He met the mayor.", 2),
    ("Mr. Stone said no. Dr. Ruiz agreed.", 2),
    ("“We… note that supplies grew,” she wrote. “Others agree.”", 2),
    ('"Costs rose. Wages did not," the union said. Talks resume Monday.', 3),
    ("John F. Kennedy Airport reopened on Monday.", 1),
    ("It rose 3.5 per cent. Analysts were surprised.", 2),
    ("He posted on X. “Partner agencies agree.”", 2),
    # a straight single mark before a capital opens a new quotation
    ("'I was calm up front,' she said. 'When it rains it suits me.'", 2),
    ("He wrote about the 'wave' of 2019. 'Nobody saw it,' he said.", 2),
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
    # a paragraph that ends inside single marks is a sentence, not a heading
    ("'We are back at work,' she said. 'The pay rise is fair.'", "body"),
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


# --- page furniture is never a fact (issue 14) ------------------------------------------------

@pytest.mark.parametrize(("block", "role"), [
    ("Photos: Ten storms that shaped the coast The 1998 surge flooded the harbour road.", "caption"),
    ("FILE - In this March 4, 2025, file photo, a tanker waits outside the Dresk port.", "caption"),
    ("(Lena Ortiz, File/Kestrian Press Agency)", "caption"),
    ("12/40 4 March 2026 Residents wait for buses outside the evacuated district.", "caption"),
    ("Hide Caption 7 of 12", "caption"),
    ("Port closures, 2020-2025 Source: Harbour authority filings", "caption"),
    ("JUST WATCHED Tanker fire off Dresk Replay More Videos ... MUST WATCH (02:10)", "boilerplate"),
    ("Please try again later.", "boilerplate"),
    ("An error has occurred.", "boilerplate"),
    ("View all Harbour Times newsletters.", "boilerplate"),
    ("Celebrating 80 years of the Ledger! Look back at our archive. Click to read today's page.", "boilerplate"),
    ("(Reporting by Dana Ives; Editing by Kai Berg)", "byline"),
    ("Image copyright Kestrian Press Image caption Divers search the hull of the ferry", "caption"),
    # a photo agency's credit closing the block makes it a caption
    ("Divers search the hull of the ferry in Dresk on Monday. (Kai Berg/Associated Press)", "caption"),
    ("A tanker leaves Dresk at dawn as the port reopens ©Kai Berg (AFP/File)", "caption"),
    ("Crowds wait at the quay for the first ferry since the storm. (Kestrian Port Authority via AP)", "caption"),
    ("The levy rose to 4 crowns (about $0.40 a tonne) and the port said the ferries would pay it (from May).",
     "body"),
    ("The council (which met on Monday) approved the plan.", "body"),
    ("(The file has been sent to prosecutors, the police said.)", "body"),
    ("Police said the road near the AP building was closed.", "body"),
])
def test_page_furniture_is_not_body_text(block: str, role: str) -> None:
    assert classify_block(block) == role


def test_furniture_inside_a_paragraph_is_not_body_text() -> None:
    article = Article(id="t", path="t.txt", text="The port stayed shut on Tuesday. Please try again later.")
    roles = [(s.text, s.role) for s in split_article(article)]
    assert roles == [("The port stayed shut on Tuesday.", "body"), ("Please try again later.", "boilerplate")]


@pytest.mark.parametrize(("sentence", "role"), [
    ("Caption The crew reached the quay at dawn after a night at sea.", "caption"),
    ("Harbour Images A pilot boat waits outside the Dresk breakwater.", "body"),
    ("Getty Images A pilot boat waits outside the Dresk breakwater.", "caption"),
    ("EPA Crowds gather on the quay as the ferry docks.", "caption"),
    ("The port will reopen on Monday originally appeared on harbourwire.com on Tue, 3 Mar 2026.", "boilerplate"),
    ("Harbour Times 4 of 12 Skip in Skip x Embed x Share CLOSE FERRY SEASON Tarvik opens a route", "boilerplate"),
    ("Harbour Radio’s Ana Ruiz talks to Ivo Sand about the night the ferry sank.", "boilerplate"),
    # credits and accounts: "(Name/Outlet)", a wire's credit before its caption, "Follow her @..."
    ("Reuters In 2019 the Kestrian navy seized the ferry off Dresk.", "caption"),
    ("AP:Wire Press The crew were freed as part of a swap.", "caption"),
    ("Follow her @anaruiz .", "boilerplate"),
    ("Reuters reported that the ferry sank.", "body"),
    ("Follow the coast road to the quay.", "body"),
    ("The levy (set by the port/harbour board) rose again.", "body"),
    ("Tarvik TV's Lena Ortiz discusses what the new levy means for ferries.", "boilerplate"),
    # notes about the article, and a list of other stories
    ("This story was corrected on Tuesday to give the ferry's right name.", "boilerplate"),
    ("Update: This article has been updated with the harbour master's account.", "boilerplate"),
    ("Editor's note: An earlier version of this story misnamed the ferry.", "boilerplate"),
    ("Correction: The ferry sailed from Dresk, not Corvel.", "boilerplate"),
    ("MOST READ IN NEWS FERRY FIRE Crew rescued off Dresk STORM WARNING Gales hit the coast", "boilerplate"),
    ("The ferry sails again QUAY CHAOS Crowds wait at Dresk for hours as the gates stay shut TIDE TURNS Corvel "
     "fishermen land a record catch after the storm HARBOUR SHOCK Pilot claims the port lied about the wreck "
     "again and again", "boilerplate"),
    ("The UN and NATO said the Corvel PORT AUTHORITY Office had closed.", "body"),
    # the same words as plain text stay body
    ("The mayor’s spokesman Ivo Sand talked to reporters on Monday.", "body"),
    ("The port’s new plan explains why the ferries were late.", "body"),
    ("The caption under the photo named the wrong ship.", "body"),
    ("Most readers of the Harbour Times take the ferry.", "body"),
    ("The correction of the chart took a week.", "body"),
    ("Reuters reported that 3 of 12 ferries were late.", "body"),
])
def test_a_caption_or_carousel_run_into_a_paragraph_is_not_body_text(sentence: str, role: str) -> None:
    article = Article(id="t", path="t.txt", text="The port stayed shut on Tuesday. " + sentence)
    assert [s.role for s in split_article(article)] == ["body", role]


def test_a_credit_closing_a_paragraph_is_not_body_text() -> None:
    text = ("Four rescue units are at the quay and people have been asked to keep away from the area until the "
            "fire is out, the chief said. (Ana Ruiz/Harbour Times)")
    assert [s.role for s in split_article(Article(id="t", path="t.txt", text=text))] == ["body", "caption"]


def test_a_sites_menu_run_into_the_text_is_not_body_text() -> None:
    menu = " ".join(f"Harbour Guide {year} Ferry Times {year} Port News" for year in range(2010, 2018))
    names = ("Port officials named the rescued sailors as " + ", ".join(
        f"Ana Ruiz {n}" for n in range(1, 15)) + " and Ivo Sand.")
    article = Article(id="t", path="t.txt", text=f"The port stayed shut on Tuesday. {menu}\n\n{names}\n")
    assert [s.role for s in split_article(article)] == ["body", "boilerplate", "body"]


def test_fold_keeps_every_character_re_reads_as_an_ascii_one() -> None:
    """The word tests before split.py's case-insensitive `re` searches look in `fold`ed text: each code
    point that `re` matches to a printable ASCII character under IGNORECASE folds to that character."""
    everything = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for x in map(chr, range(0x20, 0x7F)):
        for c in re.compile(re.escape(x), re.I).findall(everything):
            assert fold(c) == fold(x), (hex(ord(c)), x)


@pytest.mark.parametrize(("block", "role"), [
    ("Dock workers at the gate. (PHOTO: Lena Ortiz)", "caption"),
    ("Dock workers at the gate. Getty Images", "caption"),
    ("Dock workers at the gate, hide caption 2 of 9", "caption"),
    ("Dock workers at the gate. (pİcture: Lena Ortiz)", "caption"),
    ("The dock reopened on Monday, the union said. Just Watched", "boilerplate"),
    ("Dock news in brief. ClİCK here to read today's story.", "boilerplate"),
])
def test_the_word_tests_let_every_spelling_through(block: str, role: str) -> None:
    assert classify_block(block) == role


@pytest.mark.parametrize(("text", "open_before", "quoted", "open_after"), [
    ('"Costs rose," she said.', "", ["Costs rose,"], ""),
    ("'Costs rose,' she said, 'and wages fell.'", "", ["Costs rose,", "and wages fell."], ""),
    ("She said, ‘The pay is fair. ", "", ["The pay is fair. "], "'"),
    ("Nobody slept,’ Ortiz added.", "'", ["Nobody slept,"], ""),
    # apostrophes inside a word, after a plural and before a figure or "s" are no quote marks
    ("Russia’s port, the Smiths' crane and the '90s boom don't count.", "", [], ""),
    ("Corvel 's port reopened.", "", [], ""),
    ("'... we were sorry,' the club said.", "", ["... we were sorry,"], ""),
    # single marks inside a double quotation are part of it
    ("“He told me, ‘Wait here,’ and left.”", "", ["He told me, ‘Wait here,’ and left."], ""),
    # a single mark opened mid-sentence that never closes is no quotation: the double marks still count
    ("Ortiz chose the perfect ‘do for her \"Harbour\" look.", "", ["Harbour"], ""),
])
def test_quotations_in_double_and_single_marks(text: str, open_before: str, quoted: list[str],
                                               open_after: str) -> None:
    after, spans = quote_state(text, open_before)
    assert [text[s:e] for s, e in spans] == quoted
    assert after == open_after


def test_a_lists_bullet_is_no_part_of_its_sentence() -> None:
    text = "The ferry sank off Dresk.\n• Hospitals in Corvel have asked for blood donors.\n•\n ▪ The quay is shut.\n"
    article = Article(id="t", path="t.txt", text=text)
    assert [(s.text, s.role) for s in split_article(article)] == [
        ("The ferry sank off Dresk.", "body"), ("Hospitals in Corvel have asked for blood donors.", "body"),
        ("The quay is shut.", "body")]


def test_an_embedded_post_is_one_sentence_up_to_its_signature() -> None:
    text = ("We are safe. The ferry is tied up. — Ana Ruiz (@anaruiz) March 2, 2026 The port reopened on Monday. "
            "Ferries ran late.\n\nQuay shut — Kai Berg (@kaiberg) March 3, 2026\n")
    sentences = split_article(Article(id="t", path="t.txt", text=text))
    assert [(s.text, s.role) for s in sentences] == [
        ("We are safe. The ferry is tied up. — Ana Ruiz (@anaruiz) March 2, 2026", "body"),
        ("The port reopened on Monday.", "body"), ("Ferries ran late.", "body"),
        ("Quay shut — Kai Berg (@kaiberg) March 3, 2026", "body")]
    assert all(text[s.start:s.end] == s.text for s in sentences)
