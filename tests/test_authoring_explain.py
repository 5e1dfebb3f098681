"""`factsheet explain`: each sentence's role, the rule and phrase that matched, or the word a phrase missed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.authoring.explain import explain_article, resolved_date, why_not
from factsheet.cli import main
from factsheet.model import Article
from factsheet.resources import builtin_dir
from factsheet.rules.loader import load_rules
from factsheet.rules.schema import Rule

from .conftest import EXAMPLES

ARTICLE = """\
Harbour Strike Ends

Photo: Dock workers at the gate (Reuters/Jo Bloggs)

Dock workers returned to work on Monday, the union said.
The minister declined to comment on the dispute.
Click here to subscribe to our newsletter.
"""


def _statement() -> Rule:
    return next(r for r in load_rules([builtin_dir("rules")]).rules if r.id == "statement")


def test_the_nearest_phrase_says_which_word_is_missing() -> None:
    rule = _statement()
    miss = why_not(rule, "{who} [has|had|have] {say} [that] {claim}", "The minister declined to comment on it.")
    assert miss.reason.startswith("the phrase needs one of the 'say' words (said, says, say, stated, states, ...) "
                                  "after the speaker")
    assert (miss.fitted, miss.tokens) == (2, 5)


def test_a_literal_word_in_the_wrong_place_is_pointed_out() -> None:
    rule = Rule.model_validate({"id": "r", "phrases": ["{who} said that {claim}"]})
    miss = why_not(rule, "{who} said that {claim}", "That was all, the mayor said on Friday.")
    assert miss.reason == "the phrase needs 'that' after 'said' ('that' is in the sentence, but not there)"


def test_a_veto_word_is_the_reason() -> None:
    rule = Rule.model_validate({"id": "r", "phrases": ["{who} said {claim}"], "veto": ["subscribe"]})
    assert why_not(rule, "{who} said {claim}", "He said you should subscribe now.").reason == \
        "the sentence has the veto word 'subscribe'"


def test_a_claim_too_short_is_the_reason() -> None:
    rule = Rule.model_validate({"id": "r", "phrases": ["{who} said {claim}"]})
    miss = why_not(rule, "{who} said {claim}", "The mayor said no.")
    assert miss.reason.startswith("the claim would be only 1 word ('no')")


def test_every_sentence_gets_its_role_and_outcome(tmp_path: Path) -> None:
    path = tmp_path / "strike.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "[1] headline: Harbour Strike Ends\n    not read for facts" in out
    assert "[2] caption: Photo:" in out
    assert "rule statement: phrase '{claim}, {who} [has|had] {say}'\n      who    union\n" \
           "      claim  Dock workers returned to work on Monday" in out
    assert "rule report: no phrase matched; the catch-all rule took the whole sentence" in out
    # "declined" is neither a say word nor an act word: the nearest phrase waits for one after the actor
    assert "nearest phrase: rule described_speaker, '[the|a|an|his|her|its|their] {who} [has|had] " \
           "[also|later|previously|earlier|now|today|yesterday|still|recently|since] {say} [that] {claim}' " \
           "(4 of 7 parts fit)\n" \
           "      why not: the phrase needs one of the 'say' words (said, says, told reporters, told, tells, ...) " \
           "after the speaker" in out
    assert "boilerplate: Click here" in out


@pytest.mark.parametrize(("sentence", "shown"), [
    ("Dock workers returned to work on Monday, the union said.", "2026-03-02 (from 'on Monday')"),
    ("Dock workers returned to work, the union said.", "2026-03-04 (the article's date)"),
])
def test_dates_are_shown_resolved_with_their_source(sentence: str, shown: str) -> None:
    article = Article("a", "a.txt", f"Strike Ends\n\n{sentence}\n", published=date(2026, 3, 4))
    reports = explain_article(article, load_rules([builtin_dir("rules")]))
    body = next(r for r in reports if r.mentions)
    assert body.dates == (shown,)
    value, _ = resolved_date(body.mentions[0], date(2026, 3, 4))
    assert value == shown.split()[0]


def test_one_rule_can_be_explained_against_a_real_article() -> None:
    result = CliRunner().invoke(main, ["explain", str(EXAMPLES / "01_kestrian_press.txt"), "--rule", "event"])
    assert result.exit_code == 0
    assert "(published 2026-03-04)" in result.stdout
    assert "nearest phrase: rule event, '{who} [has|had|have] {act} {claim}'" in result.stdout


def test_an_unknown_rule_or_article_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(EXAMPLES / "01_kestrian_press.txt"), "--rule", "nope"])
    assert result.exit_code == 2
    assert ("--rule nope: no rule with this id (rules: casualties, post, statement, described_speaker, event, report)"
            in result.stderr)
    result = CliRunner().invoke(main, ["explain", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


# --- several articles: which sentences became one fact, and why (issue 14) ---------------------

_HARBOUR_A = """---
outlet: Corvel Post
published: 2026-05-12
---
Dock workers at Corvel returned to work on Monday after a nine-day strike, the union said.

Tarvik Bank said it would lend the port 40 million crowns.
"""
_HARBOUR_B = """---
outlet: Harbour Times
published: 2026-05-12
---
The nine-day dock strike at Corvel ended on Monday as workers went back, union leaders said.

Norland Group said it would lend the port 25 million crowns.
"""


def test_several_articles_show_why_sentences_were_merged_and_kept_apart(tmp_path: Path) -> None:
    a, b = tmp_path / "post.txt", tmp_path / "times.txt"
    a.write_text(_HARBOUR_A, encoding="utf-8")
    b.write_text(_HARBOUR_B, encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(a), str(b)])
    assert result.exit_code == 0, result.output
    report = result.output.split("How the sentences of 2 articles became facts")[1]
    strike = report.split("\n\n")[1]
    assert "2 articles, 2 independent" in strike
    assert f"{a} ~ {b}: " in strike and "'strike'" in strike
    loans = [block for block in report.split("\n\n") if "lend the port" in block]
    assert loans and all("kept apart from" in block for block in loans)
    assert any("two actors (Tarvik Bank / Norland Group)" in block for block in loans)


def test_a_merge_that_is_not_about_shared_words_says_its_reason(tmp_path: Path) -> None:
    a, b = tmp_path / "post.txt", tmp_path / "times.txt"
    a.write_text("Tarvik Bank declined to comment on the sale of the ferry line.\n", encoding="utf-8")
    b.write_text("Tarvik Bank did not return calls about its plans for the quay.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(a), str(b)])
    assert result.exit_code == 0, result.output
    assert f"{a} ~ {b}: both say Tarvik Bank would not comment" in result.output


def test_standard_input_is_explained_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(_HARBOUR_A, encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(path), "-"], input="Dock workers went back.\n")
    assert result.exit_code == 2
    assert "standard input (-) can be explained alone" in result.output
