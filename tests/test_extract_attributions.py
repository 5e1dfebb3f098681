"""Attributions a careful reader takes apart, on sentences of our own (issue 14)."""

from __future__ import annotations

from datetime import date

import pytest

from factsheet.extract.dates import resolve
from factsheet.extract.discourse import Discourse
from factsheet.extract.mentions import extract_article
from factsheet.extract.names import Actor, clean_actor
from factsheet.model import Article
from factsheet.resources import builtin_dir
from factsheet.rules.loader import load_rules
from factsheet.rules.schema import RuleSet
from tests.sentences import mentions_of


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules([builtin_dir("rules")])


def test_what_a_speaker_adds_is_their_statement_too(rules: RuleSet) -> None:
    found = mentions_of(rules, "Harbour Minister Lena Ortiz said nobody was hurt, adding that the ferry "
                             "would sail again on Monday.\n")
    assert [(who, kind) for who, kind, _ in found] == [("Lena Ortiz", "statement")] * 2
    assert found[1][2].startswith("the ferry would sail again")


def test_an_age_after_an_inverted_speaker_ends_the_attribution(rules: RuleSet) -> None:
    found = mentions_of(rules, '"We have waited years for this bridge," said Ivo Sand, 22, adding that he '
                             "had crossed it twice.\n")
    assert found[0] == ("Ivo Sand", "statement", "We have waited years for this bridge")
    assert found[1][:2] == ("Ivo Sand", "statement")


@pytest.mark.parametrize(("sentence", "who", "claim"), [
    # "that" after the verb's own clause is no conjunction: the claim starts at its subject
    ("The mayor said he would regard that as a failure.", "mayor", "he would regard that as a failure"),
    # an adverb between the auxiliary and the verb
    ("The harbour master has since told reporters the quay had been closed too late.", "harbour master",
     "the quay had been closed too late"),
    # whom it was told and when stay out of the claim
    ("A Corvel dock insider told the Harbour Wire in August that the crane had been sold.",
     "Corvel dock insider", "the crane had been sold"),
    # "according to" without a comma before it
    ("The storm cut power to 4,000 homes according to the Corvel Times.", "Corvel Times",
     "The storm cut power to 4,000 homes"),
    # "; rather," puts right the first half of one statement
    ("The cranes are not new; rather, they come from the north quay, the harbour master said.", "harbour master",
     "The cranes are not new; rather, they come from the north quay"),
    # whom it was told, then how or when: the tail after the verb, not the claim
    ('"The crane is safe," Ivo Sand told Harbour Radio in an email.', "Ivo Sand", "The crane is safe"),
    ('"The crane is safe," Ivo Sand told the Corvel Times last month.', "Ivo Sand", "The crane is safe"),
    ('"The crane is safe," Ivo Sand said Monday in an interview with Harbour Radio.', "Ivo Sand",
     "The crane is safe"),
    ('"Corvel has to raise the pressure," Kai Berg told Kestrian radio.', "Kai Berg",
     "Corvel has to raise the pressure"),
    # a quotation that ends a clause of the claim is part of it, not the whole claim
    ('Kai Berg noted that Corvel supplies Kestria with oil and Tarvik "is the largest employer of dock labour."',
     "Kai Berg", 'Corvel supplies Kestria with oil and Tarvik "is the largest employer of dock labour'),
    ('Ana Ruiz said the port had been ordered "to prepare a firm answer to the strike at the north quay."',
     "Ana Ruiz", 'the port had been ordered "to prepare a firm answer to the strike at the north quay'),
    # a time, then a participle phrase
    ("The crane will be ready by August, the port paper said last year, citing the harbour office.",
     "port paper", "The crane will be ready by August"),
    # after "said" a name is the speaker, never whom it was said to
    ("The crane was bought at a yard in Corvel, Holm & Sons, last year, said Kai Berg, the yard manager.",
     "Kai Berg", "The crane was bought at a yard in Corvel, Holm & Sons, last year"),
    # two loose spans of words after the verb are a claim, not a tail
    ("Another port official, deputy harbour master Kai Berg, said at least one ship had been held back from "
     "the outer basin.", "Kai Berg", "at least one ship had been held back from the outer basin"),
])
def test_reported_speech_keeps_its_speaker_and_claim_apart(rules: RuleSet, sentence: str, who: str,
                                                          claim: str) -> None:
    [(found_who, kind, found_claim)] = mentions_of(rules, sentence + "\n")
    assert (found_who, kind, found_claim) == (who, "statement", claim)


@pytest.mark.parametrize("sentence", [
    "The ferries ran according to the timetable.",
    "The works ran according to plan.",
])
def test_according_to_a_plan_names_no_speaker(rules: RuleSet, sentence: str) -> None:
    assert [kind for _, kind, _ in mentions_of(rules, sentence + "\n")] == ["event"]


@pytest.mark.parametrize("sentence", [
    'Added Ivo Sand: "We are ready for the storm."',
    'Added Ivo Sand, "We are ready for the storm."',
])
def test_an_attribution_turned_round_names_its_speaker(rules: RuleSet, sentence: str) -> None:
    assert mentions_of(rules, sentence + "\n") == [("Ivo Sand", "statement", "We are ready for the storm")]


def test_a_turned_round_verb_is_no_first_name(rules: RuleSet) -> None:
    found = mentions_of(rules, 'Added Ivo Sand, "We are ready for the storm."\n"The quay is safe," Sand said.\n')
    assert [who for who, _, _ in found] == ["Ivo Sand", "Ivo Sand"]


def test_a_shared_subject_after_but_and_an_adverb_is_no_new_clause(rules: RuleSet) -> None:
    [(who, _, claim)] = mentions_of(rules, "Kestria launched a satellite in 2012, but later confirmed that "
                                         "the satellite had failed.\n")
    assert who == "Kestria" and claim.endswith("had failed.")


def test_quoted_titles_around_a_name_are_no_interrupted_quote(rules: RuleSet) -> None:
    found = mentions_of(rules, '"Harbour Lights" director Ivo Sand praised the script of "Tide Table" '
                             "at the festival in Corvel.\n")
    assert all("Harbour Lights Tide Table" not in claim for _, _, claim in found)
    interrupted = mentions_of(rules, '"Nobody will speculate," he said, "until the divers finish."\n')
    assert interrupted[0][2] == "Nobody will speculate until the divers finish."


@pytest.mark.parametrize(("span", "who"), [
    ("the Harbour Census Bureau.", "Harbour Census Bureau"),
    ("officials in the U.S.", "officials in the U.S."),
    ("Tarvik Holdings Inc.", "Tarvik Holdings Inc"),
])
def test_a_full_stop_ends_the_sentence_unless_it_ends_an_abbreviation(span: str, who: str) -> None:
    actor = clean_actor(span)
    assert actor is not None and actor.text == who


def test_she_is_no_one_named_long_ago_whose_gender_the_text_never_showed() -> None:
    discourse = Discourse.of("")
    discourse.notice("The play is set in President Hale’s Corvel.")
    for _ in range(10):
        discourse.notice("The rehearsals ran late into the night.")
    assert discourse.resolve(Actor("she", "pronoun")).text == "she"


def test_she_is_someone_just_named_whose_gender_is_unknown() -> None:
    discourse = Discourse.of("")
    discourse.notice("Harbour Minister Kai Berg opened the quay.")
    discourse.notice("The crowd was small.")
    assert discourse.resolve(Actor("she", "pronoun")).text == "Kai Berg"


def test_a_quote_run_keeps_its_speaker_in_mind(rules: RuleSet) -> None:
    text = ('Harbour Minister Kai Berg said: "The quay will reopen. '
            + " ".join(f"The {n} crane will be repaired before the winter storms arrive." for n in
                       ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"))
            + '"\nShe said the ferries would wait.\n')
    assert mentions_of(rules, text)[-1][0] == "Kai Berg"


def test_a_first_name_alone_is_the_person_of_that_first_name(rules: RuleSet) -> None:
    found = mentions_of(rules, "Harbour Minister Lena Ortiz opened the quay.\n"
                             "Lena said the ferry would sail again on Monday.\n")
    assert found[-1][0] == "Lena Ortiz"


def test_a_tail_of_eight_words_after_the_verb_keeps_the_claim_before_the_speaker(rules: RuleSet) -> None:
    sentence = ("The mix-up began with two brothers who booked seats on different ferries from Corvel to Kestria, "
                "a port official confirmed to the Courier following a radio report on Wednesday.\n")
    [(who, kind, claim)] = mentions_of(rules, sentence)
    assert (who, kind) == ("port official", "statement")
    assert claim.endswith("different ferries from Corvel to Kestria")


def test_quotations_in_single_marks_run_over_sentences_like_double_ones(rules: RuleSet) -> None:
    text = ("Lena Ortiz won the race at Corvel in the rain.\n\n"
            "'I was calm up front,' she said. 'When it rains it usually suits me.'\n\n"
            "'The team worked all night. Nobody slept,' Ortiz added.\n")
    assert mentions_of(rules, text)[1:] == [
        ("Lena Ortiz", "statement", "I was calm up front"),
        ("Lena Ortiz", "statement", "When it rains it usually suits me."),
        ("Lena Ortiz", "statement", "The team worked all night. Nobody slept"),
    ]


def test_a_single_marked_quotation_after_a_colon_or_before_a_quote_only_verb_is_quoted_speech(
        rules: RuleSet) -> None:
    text = ("Speaking at the quay, Ivo Sand said: 'We hold the harbour. We hold the sea.'\n\n"
            "'Nobody should doubt our crews,' Sand continued. 'They never gave up.'\n")
    assert mentions_of(rules, text) == [
        ("Ivo Sand", "statement", "We hold the harbour"),
        ("Ivo Sand", "statement", "We hold the sea."),
        ("Ivo Sand", "statement", "Nobody should doubt our crews"),
        ("Ivo Sand", "statement", "They never gave up."),
    ]


@pytest.mark.parametrize(("sentence", "who", "claim"), [
    # "said of" what the words were about, after the verb: not the speaker's name
    ("'He is my partner,' Lena Ortiz said of Kai Berg.", "Lena Ortiz", "He is my partner"),
    ("“The quay is safe again,” the mayor said of the repairs on Monday.", "mayor", "The quay is safe again"),
    # after the speaker, "of" goes on with the name
    ("Two sailors were hurt in the storm, said the Kestrian ministry of transport.",
     "Kestrian ministry of transport", "Two sailors were hurt in the storm"),
])
def test_said_of_a_topic_keeps_the_quotation_as_the_claim(rules: RuleSet, sentence: str, who: str,
                                                          claim: str) -> None:
    [(found_who, kind, found_claim)] = mentions_of(rules, sentence + "\n")
    assert (found_who, kind, found_claim) == (who, "statement", claim)


def test_a_quotation_reopened_with_a_straight_mark_is_still_the_speakers(rules: RuleSet) -> None:
    text = ('The harbour minister, Ivo Sand, said: "The port will reopen on Monday. '
            '"The crews have worked all week. We owe them a great deal."\n')
    assert [who for who, _, _ in mentions_of(rules, text)] == ["Ivo Sand"] * 3


def test_quotes_no_one_is_named_for_are_not_an_events_subjects(rules: RuleSet) -> None:
    text = ('"The water rose in minutes. Nobody was ready."\n\n'
            "Somehow the old ferry stayed afloat through the night.\n\n"
            'Kai Berg described the night on the quay. "We ran for the boats."\n')
    whos = [(who, claim) for who, _, claim in mentions_of(rules, text)]
    assert ("Kai Berg", "We ran for the boats.") in whos
    assert all(who in (None, "Kai Berg", "old ferry") for who, _ in whos)


@pytest.mark.parametrize(("sentence", "who"), [
    ("A Harbour Office statement after the meeting said the port would reopen.", "Harbour Office statement"),
    ("Ivo Sand after the vote said the port would reopen.", "Ivo Sand"),
])
def test_what_the_saying_followed_stands_between_speaker_and_verb(rules: RuleSet, sentence: str, who: str) -> None:
    assert mentions_of(rules, sentence + "\n")[0][:2] == (who, "statement")


@pytest.mark.parametrize(("sentence", "kind"), [
    # after the verb a prepositional phrase reports no words ...
    ("The harbour council responded to the pressure from the ferry operators.", "event"),
    ("The Corvel crew went on to win the race by two lengths.", "event"),
    # ... unless a quotation or "that" follows
    ('The harbour council responded by saying: "We will rebuild the quay."', "statement"),
    ("Ana Ruiz announced to her followers on Monday that the ferry would be sold.", "statement"),
])
def test_a_reporting_verb_with_no_words_reported_is_no_statement(rules: RuleSet, sentence: str, kind: str) -> None:
    assert mentions_of(rules, sentence + "\n")[0][1] == kind


def test_an_embedded_post_is_its_authors_statement_on_its_date(rules: RuleSet) -> None:
    text = ("The storm closed the quay at Dresk on Sunday.\n\n"
            "We are all safe. The ferry is tied up at the north pier https://t.co/a1b2c3 — Ana Ruiz (@anaruiz) "
            "March 2, 2026\n")
    article = Article(id="t", path="t.txt", text=text, published=date(2026, 3, 4))
    post = extract_article(article, rules)[-1]
    assert (post.who, post.kind, post.claim) == (
        "Ana Ruiz", "statement", "We are all safe. The ferry is tied up at the north pier")
    value = resolve(post.date_ref, article.published) if post.date_ref else None
    assert value is not None and value.value == "2026-03-02"


def test_quotes_after_an_embedded_post_are_not_its_authors(rules: RuleSet) -> None:
    text = ("Ferries are late again — Kai Berg (@kaiberg) March 3, 2026\n\n"
            '"We have no crew. The port knows it and does nothing."\n')
    assert [who for who, _, _ in mentions_of(rules, text)] == ["Kai Berg"]


@pytest.mark.parametrize(("text", "who"), [
    # a speech verb after a quotation, the speaker after the verb, however the speaker is described
    ('"I could not see the buoys, I could not see anything," added the two-time champion.\n', "two-time champion"),
    ('"This is just bad," Ivo Sand exclaimed over the radio.\n', "Ivo Sand"),
    ("'We regret the delay to the Dresk crossing,' read a company statement.\n", "company statement"),
])
def test_the_speaker_after_a_quotation_and_its_verb(rules: RuleSet, text: str, who: str) -> None:
    assert [(w, kind) for w, kind, _ in mentions_of(rules, text)] == [(who, "statement")]


@pytest.mark.parametrize(("sentence", "claim"), [
    # whom something was told is no part of what was told
    ("Kai Berg told Harbour Radio the owners are angry about the levy.", "the owners are angry about the levy"),
    ("Kai Berg told him the owners are angry about the levy.", "the owners are angry about the levy"),
    ("Kai Berg told judges in a phone interview from Dresk that his son was 32.", "his son was 32"),
    ("Kai Berg told Coastwire Sand's rivals are angry about the levy.", "Sand's rivals are angry about the levy"),
    ("Kai Berg told Coastwire Sand was trying to change the law.", "Sand was trying to change the law"),
    ("Kai Berg told his wife: 'Thank you for the trip to Dresk.'", "Thank you for the trip to Dresk."),
])
def test_whom_a_speaker_told_is_not_what_they_said(rules: RuleSet, sentence: str, claim: str) -> None:
    assert mentions_of(rules, sentence + "\n")[0] == ("Kai Berg", "statement", claim)


@pytest.mark.parametrize(("text", "who", "claim"), [
    # where or how it was said is no part of what was said
    ("Ivo Sand said in a statement posted on the port's page and sent to Coastwire that the quay was shut.",
     "Ivo Sand", "the quay was shut"),
    ("Tarvik Ferries said in a statement it had received the new offer.", "Tarvik Ferries",
     "it had received the new offer"),
    ("An officer reports in an agitated voice: “We have many people hurt here.”", "officer",
     "We have many people hurt here"),
    # a quotation before the speaker is what they said in the speech, statement or column
    ('"If you cannot find the ferry, take the bus to Dresk," the group’s spokesman, Ivo Sand, said in a speech.',
     "Ivo Sand", "If you cannot find the ferry, take the bus to Dresk"),
    ('"We are in the twelfth year of the ferry strike," Ana Ruiz wrote, in the Harbour Times.', "Ana Ruiz",
     "We are in the twelfth year of the ferry strike"),
    ("The talks went well, the Harbour House said in a statement, without giving details.",
     "Harbour House", "The talks went well"),
])
def test_the_medium_of_a_statement_is_not_its_claim(rules: RuleSet, text: str, who: str, claim: str) -> None:
    assert mentions_of(rules, text + "\n")[0] == (who, "statement", claim)


def test_a_speaker_named_in_what_someone_wrote_said_nothing_there(rules: RuleSet) -> None:
    text = "All we know about the lock is what Ivo Sand said in his op-ed piece.\n"
    assert [kind for _, kind, _ in mentions_of(rules, text)] == ["event"]


def test_the_statement_just_named_speaks_for_its_author(rules: RuleSet) -> None:
    text = ("The family had sailed from the quay since 2001, Rabbi Ivo Sand said in a statement on Monday.\n\n"
            '"This loss hits our town very hard," the statement said.\n\n'
            '"We are all shocked," the statement from the harbour board said.\n')
    assert [who for who, _, _ in mentions_of(rules, text)] == ["Ivo Sand", "Ivo Sand", "harbour board"]
