"""The package layout a newcomer reads: the public API stays put, every stage says what it is for."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import factsheet

STAGES = ["ingest", "rules", "extract", "reconcile", "render", "authoring", "build"]


def test_public_api_is_unchanged() -> None:
    assert factsheet.__all__ == [
        "Article", "Briefing", "Citation", "DeliveryError", "Fact", "FactsheetError", "InputError",
        "Mention", "RenderError", "RuleError", "RuleSet", "Sentence", "Skipped", "build", "load_rules",
        "make_briefing",
    ]
    for name in factsheet.__all__:
        assert getattr(factsheet, name) is not None


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_says_what_goes_in_and_out(stage: str) -> None:
    package = importlib.import_module(f"factsheet.{stage}")
    doc = package.__doc__ or ""
    assert "In:" in doc and "Out:" in doc and "never" in doc, f"factsheet/{stage}/__init__.py"


def test_every_module_imports() -> None:
    for info in pkgutil.walk_packages(factsheet.__path__, "factsheet."):
        importlib.import_module(info.name)
