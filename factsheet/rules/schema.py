"""The rule language: one pydantic schema, read from strict YAML, with errors people can act on.

The same models give the validator, the JSON Schema for editors
(`factsheet schema`) and the reference in docs/rules.md, so the three cannot
disagree. Every problem in every file is reported in one run as
`file:line:col: where: what`; `check_rules` also returns warnings, while
`load_rules` (what a build calls) raises RuleError on errors only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

RULES_VERSION = 1
SLOT_TYPES = ("actor", "person", "text", "number", "date")
BUILTIN_SLOTS = ("who", "claim", "date", "source")  # placeholders every rule may use without declaring


def _strict_bool(value: Any) -> Any:
    """Only true/false: YAML readers disagree on yes/no/on/off, so an author must not rely on them."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    shown = f"'{value}'" if isinstance(value, str) else "this"
    raise ValueError(f"write true or false, not {shown}")


Bool = Annotated[bool, BeforeValidator(_strict_bool)]


def _text_only(value: Any) -> Any:
    """A phrase written without quotes as `{claim}` arrives as a mapping; say so plainly."""
    if isinstance(value, dict) and len(value) == 1 and next(iter(value.values())) is None:
        raise ValueError(f"YAML read {{{next(iter(value))}}} as a mapping: put the text in quotes: "
                         f"'{{{next(iter(value))}}}'")
    return value


Text = Annotated[str, BeforeValidator(_text_only)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Slot(_Strict):
    """How to fill one slot of a rule."""

    type: Literal["actor", "person", "text", "number", "date"] = Field(
        "text", description="What the slot holds: actor (a person or organisation), person, "
        "text (any words), number (3, three, dozens) or date.")
    required: Bool = Field(True, description=(
        "For who: a match whose speaker cannot be read as a name or role is not a fact."))
    default: str | None = Field(None, description=(
        "Value to show when the text does not give one (kept for the briefing; extraction does not use it yet)."))
    date_from: Literal["text", "article", "text_or_article"] = Field(
        "text_or_article", alias="from",
        description="For the date slot: take the date from the sentence (text), from the article's "
        "publication date (article), or from the sentence and else the article (text_or_article).")


class _Sentence(_Strict):
    """An example sentence: written as a plain string, or as a mapping with `text` and more."""

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class _DatedSentence(_Sentence):
    """An example sentence whose article may have a date (`published`, YYYY-MM-DD)."""

    @field_validator("published", check_fields=False)
    @classmethod
    def _iso_day(cls, value: str | None) -> str | None:
        if value is not None:
            _parse_day(value)
        return value


class Example(_DatedSentence):
    """A sentence the rule must match, with the slot values it must produce."""

    text: Text = Field(description="The sentence, as it would appear in an article.")
    published: str | None = Field(None, description=(
        "The article's date (YYYY-MM-DD), so that 'on Tuesday' can be checked as a calendar date."))
    expect: dict[str, str | None] = Field(default_factory=dict, description=(
        "Expected slot values: who, claim, date (YYYY-MM-DD, YYYY-MM or YYYY), source and the "
        "rule's own slots. Leave a slot out to accept any value; write null to require none."))


    @field_validator("expect")
    @classmethod
    def _expected_date(cls, value: dict[str, str | None]) -> dict[str, str | None]:
        day = value.get("date")
        if day is not None and not re.fullmatch(r"\d{4}(-\d\d){0,2}", day):
            raise ValueError(f"expect.date '{day}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
        return value


class CounterExample(_Sentence):
    """A sentence the rule must not match."""

    text: Text = Field(description="A sentence this rule must leave alone.")
    why: str | None = Field(None, description="Why it must not match, for the next author.")



class GroupSentence(_DatedSentence):
    """One sentence of a consolidation test, standing for one article that reports it."""

    text: Text = Field(description="The sentence, as this article words it.")
    outlet: str | None = Field(None, description="The outlet that published the article ('Daily Post'); "
                               "each sentence is read as a separate article either way.")
    published: str | None = Field(None, description="The article's date (YYYY-MM-DD).")



class MergeGroup(_Strict):
    """Sentences from different articles that must become one fact of this rule."""

    sentences: list[GroupSentence] = Field(min_length=2, description=(
        "Two or more sentences, each read as an article of its own (with its outlet and date)."))
    why: str | None = Field(None, description="Why they are one fact, for the next author.")
    expect: dict[str, str | None] = Field(default_factory=dict, description=(
        "Values the one fact must have: who, claim, date (YYYY-MM-DD) and the rule's own slots, as the "
        "briefing chooses them across the articles."))


class SplitGroup(_Strict):
    """Sentences from different articles that must stay separate facts."""

    sentences: list[GroupSentence] = Field(min_length=2, description=(
        "Two or more sentences, each read as an article of its own; no two may end up in one fact."))
    why: str | None = Field(None, description="Why they are different facts, for the next author.")


class SingleSource(_Strict):
    """What a fact of this rule must hold when only one independent article reports it."""

    needs: list[Literal["name", "figure", "date", "actor"]] = Field(min_length=1, description=(
        "At least one of: name (a capitalised name inside the claim), figure (a number), date (a time "
        "the sentence gives), actor (who is a person, a role such as 'police', or a name). A sentence "
        "with none of them is scene-setting ('Relations have continued to deepen.') and is left out."))
    hedges: list[Text] = Field(default_factory=list, description=(
        "Words that make an unconfirmed sentence speculation ('may have'): it is left out too."))


class Rule(_Strict):
    """One kind of fact and the phrases that find it."""

    id: str = Field(description="A short name, unique across all rule files: statement, casualties, ...")
    kind: Literal["statement", "event"] = Field(
        "event", description="statement: someone said something; event: something happened or someone did it.")
    description: str | None = Field(None, description="One sentence saying what the rule finds, for authors.")
    phrases: list[Text] = Field(default_factory=list, description=(
        "Patterns that look like the sentence: {who}, {claim}, {date} and other slot names are "
        "placeholders, {list} uses a word list, ... stands for a few words, [word] is optional, "
        "[has|had] is one optional word of several, and \" matches any quote mark."))
    regex: list[Text] = Field(default_factory=list, description=(
        "Escape hatch: regular expressions with named groups (?P<who>...). Each runs with a time limit."))
    any_sentence: Bool = Field(False, description=(
        "Also match every body sentence no other rule matched; who is the sentence's subject."))
    words: dict[str, list[Text]] = Field(default_factory=dict, description=(
        "Word lists usable in phrases as {name}: say: [said, warned, stated]."))
    slots: dict[str, Slot] = Field(default_factory=dict, description="Per-slot settings by slot name.")
    veto: list[Text] = Field(default_factory=list, description=(
        "Words or phrases that stop a match when the sentence contains them."))
    priority: int = Field(0, description=(
        "Rules are tried from the highest priority down and the first that matches a sentence takes it "
        "(casualties 20, post 12, statement 10, described_speaker 9, event 5, report -10)."))
    anchor: Literal["anywhere", "start"] = Field("anywhere", description=(
        "start: a phrase that begins with {who} must begin the sentence (after an opening "
        "phrase such as 'On Monday,'); anywhere: it may start mid-sentence."))
    should_match: list[Example] = Field(default_factory=list, description="Examples run by `factsheet test`.")
    should_not_match: list[CounterExample] = Field(default_factory=list,
                                                   description="Counter-examples run by `factsheet test`.")
    should_merge: list[MergeGroup] = Field(default_factory=list, description=(
        "Consolidation tests run by `factsheet test`: groups of sentences from several articles that "
        "must become one fact of this rule."))
    should_not_merge: list[SplitGroup] = Field(default_factory=list, description=(
        "Consolidation tests run by `factsheet test`: groups of sentences that must stay separate facts."))
    known_misses: str | None = Field(None, description="Prose: what this rule is known to miss.")
    single_source: SingleSource | None = Field(None, description=(
        "Leave out facts of this rule that only one independent article reports and that hold "
        "nothing a reader could check; the briefing says how many were left out."))

    @field_validator("id")
    @classmethod
    def _id_is_a_word(cls, value: str) -> str:
        if not value or not all(ch.isalnum() or ch in "-_" for ch in value):
            suggestion = re.sub(r"[^\w-]+", "_", value.strip()).strip("_") or "my_rule"
            raise ValueError(f"'{value}' cannot be an id: use letters, digits, '-' and '_' only, "
                             f"e.g. {suggestion}")
        return value


class ReconcileSettings(_Strict):
    """What a desk may tune about merging facts across articles."""

    same_fact: float = Field(0.25, ge=0.0, le=1.0, description=(
        "How similar two claims must be (0-1) to be reported as one fact."))
    corroborated: int = Field(2, ge=1, description=(
        "Independent sources a fact needs before the briefing calls it corroborated."))
    reprint: float = Field(0.6, ge=0.0, le=1.0, description=(
        "Share of an article's word sequences found in another for it to count as a reprint."))


class RuleFile(_Strict):
    """A rule file: a version, rules, optional name aliases and reconcile settings."""

    version: int = Field(description=f"Rule language version; this factsheet reads version {RULES_VERSION}.")
    rules: list[Rule] = Field(default_factory=list, description="The rules in this file.")
    aliases: dict[str, list[Text]] = Field(default_factory=dict, description=(
        "Other names for the same actor: 'Volodymyr Zelenskyy': [Zelensky, Zelenskiy]."))
    reconcile: ReconcileSettings | None = Field(None, description="Reconcile settings (one file may set them).")

    @field_validator("version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != RULES_VERSION:
            raise ValueError(f"this factsheet reads rule files of version {RULES_VERSION}; write version: "
                             f"{RULES_VERSION}")
        return value


MODELS: tuple[type[BaseModel], ...] = (RuleFile, Rule, Slot, SingleSource, Example, CounterExample,
                                       MergeGroup, SplitGroup, GroupSentence, ReconcileSettings)


def _parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a date: write YYYY-MM-DD, e.g. 2026-02-05") from None


@dataclass
class RuleSet:
    """All rules of a run, in the order they are tried."""

    rules: list[Rule]
    aliases: dict[str, str] = field(default_factory=dict)  # variant (casefolded) -> canonical
    reconcile: ReconcileSettings = field(default_factory=lambda: ReconcileSettings.model_validate({}))
    files: list[str] = field(default_factory=list)
    origin: dict[str, str] = field(default_factory=dict)  # rule id -> file
    fingerprint: str = ""
    warnings: list[str] = field(default_factory=list)
