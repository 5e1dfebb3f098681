"""Which organisation "the investment bank" or "the Corvel lender" means, on small articles of our own.

A description resolves to the company the article is about only when nothing
in it points elsewhere ("the central bank", "a rival lender", "the combined
company"), and only to a name the article shows to be a company's.
"""

from __future__ import annotations

from datetime import date

import pytest

from factsheet.extract.discourse import Discourse
from factsheet.extract.mentions import extract_article
from factsheet.extract.subjects import subject_of
from factsheet.model import Article
from factsheet.resources import builtin_dir
from factsheet.rules.loader import load_rules
from factsheet.rules.schema import RuleSet


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules([builtin_dir("rules")])


def _speakers(rules: RuleSet, *paragraphs: str) -> list[str | None]:
    article = Article(id="t", path="t.txt", text="\n\n".join(paragraphs), published=date(2026, 3, 4))
    return [m.who for m in extract_article(article, rules)]


_OPENING = "Tarvik Holm Group Inc. reported a loss of 3 billion crowns on Monday."


@pytest.mark.parametrize("sentence", [
    "The investment bank forecast that its costs would rise by 4 percent next year.",
    "The banking giant said it would also write down the value of its tax credits.",
    "As a result, the Corvel bank will likely report a loss for the whole year.",
    "The Wall Street firm said two thirds of the charge came from the new levy.",
])
def test_a_description_of_the_company_is_the_company(rules: RuleSet, sentence: str) -> None:
    assert _speakers(rules, _OPENING, sentence)[-1] == "Tarvik Holm Group Inc"


@pytest.mark.parametrize(("sentence", "who"), [
    ("The central bank said it would keep its rates where they are for now.", "central bank"),
    ("One rail operator halted its service for the rest of the day.", "One rail operator"),
    ("The combined company would earn about 9 billion crowns a year.", "combined company"),
    ("A bank said it had seen a rise in complaints from its customers.", "bank"),
])
def test_a_description_that_points_elsewhere_stays_as_written(rules: RuleSet, sentence: str, who: str) -> None:
    assert _speakers(rules, _OPENING, sentence)[-1] == who


def test_a_name_like_a_persons_is_a_company_once_the_article_shows_it() -> None:
    discourse = Discourse.of("Tarvik Holm (TVK) fell 2 percent. Ana Ruiz, its chief, spoke.")
    assert discourse.is_company("Tarvik Holm")
    assert not discourse.is_company("Ana Ruiz")


def test_a_pronoun_does_not_make_a_person_a_company(rules: RuleSet) -> None:
    found = _speakers(rules, "Ana Ruiz said its sales fell by a third in the last quarter.",
                      "The bakery firm said it would close two shops by the end of the year.")
    assert found == ["Ana Ruiz", "bakery firm"]


def test_a_description_never_means_a_newspaper_or_a_place(rules: RuleSet) -> None:
    found = _speakers(rules, "The Corvel Herald reported that bills had doubled for 300 homes in Pa.",
                      "The power company later said the actual amount was 284 crowns.")
    assert found[-1] == "power company"


@pytest.mark.parametrize(("sentence", "subject"), [
    ("The bank will likely report a loss for the year.", "The bank"),
    ("Tarvik Bank would probably report a loss.", "Tarvik Bank"),
    ("The family rarely speaks to reporters.", "The family"),  # a noun that ends like an adverb
])
def test_a_modal_verb_or_an_adverb_ends_the_subject(sentence: str, subject: str) -> None:
    assert subject_of(sentence) == subject
