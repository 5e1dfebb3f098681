"""Resource limits: what keeps a build on hostile input bounded in time and memory.

Articles come from the open web and rules from many hands, so every stage
that could be made to run long or grow large has a limit. The defaults are
far above any real news article or rule file; each can be changed for a run
with an environment variable (read once, when factsheet is imported; a bad
value is logged as a warning and the default kept) or by a program with
`configure()`. docs/reliability.md documents each one, and a test checks
that the two agree.

The limits live as constants in the module that enforces them (`load.MAX_BYTES`,
`split.MAX_SENTENCE_CHARS`, ...) and are looked up at call time, so
`configure()` takes effect at once.
"""

from __future__ import annotations

import importlib
import logging
import os
from dataclasses import dataclass
from typing import TypeVar

Number = TypeVar("Number", int, float)


@dataclass(frozen=True)
class Limit:
    """One limit: its name for `configure()`, its variable, where it lives and what it bounds."""

    name: str
    env: str
    module: str
    attr: str
    default: int | float
    bounds: str


LIMITS: tuple[Limit, ...] = (
    Limit("max_file_bytes", "FACTSHEET_MAX_FILE_BYTES", "factsheet.ingest.reading", "MAX_BYTES", 50 * 1024 * 1024,
          "bytes read from one input file; a larger file is skipped without being read"),
    Limit("max_article_chars", "FACTSHEET_MAX_ARTICLE_CHARS", "factsheet.ingest.load", "MAX_ARTICLE_CHARS", 1_000_000,
          "characters of one article's text; a longer article is skipped (split it into several files)"),
    Limit("max_front_matter_chars", "FACTSHEET_MAX_FRONT_MATTER_CHARS", "factsheet.ingest.load",
          "MAX_FRONT_MATTER_CHARS", 64 * 1024,
          "characters of an article's YAML front matter; a longer block is read as text"),
    Limit("max_sentence_chars", "FACTSHEET_MAX_SENTENCE_CHARS", "factsheet.extract.split", "MAX_SENTENCE_CHARS", 5_000,
          "a longer sentence is kept and cited, but only any-sentence rules are tried on it"),
    Limit("regex_timeout", "FACTSHEET_REGEX_TIMEOUT", "factsheet.rules.phrases", "REGEX_TIMEOUT", 0.05,
          "seconds one rule pattern may spend on one sentence"),
    Limit("phrase_budget_seconds", "FACTSHEET_PHRASE_BUDGET_SECONDS", "factsheet.extract.mentions",
          "PHRASE_BUDGET_SECONDS", 2.0,
          "seconds of phrase matching every article gets before phrase rules stop for it"),
    Limit("phrase_budget_per_mchar", "FACTSHEET_PHRASE_BUDGET_PER_MCHAR", "factsheet.extract.mentions",
          "PHRASE_BUDGET_PER_MCHAR", 30.0, "further seconds of phrase matching per million characters of article"),
    Limit("max_yaml_bytes", "FACTSHEET_MAX_YAML_BYTES", "factsheet.rules.strict_yaml", "MAX_BYTES", 1024 * 1024,
          "bytes of one rule or project YAML file"),
)


def env_value(env: str, default: Number) -> Number:
    """The environment's value for a limit, else the default (a bad value is reported, not obeyed)."""
    raw = os.environ.get(env, "").strip()
    if not raw:
        return default
    try:
        value = type(default)(raw)
    except ValueError:
        value = default - default  # zero: refused below
    if value <= 0:
        # through logging, so a run's log (runlog.RunLog.capture) shows it in its format, or hides it under --quiet
        logging.getLogger(__name__).warning("%s=%r is not a positive number; using %s", env, raw, default)
        return default
    return value


def configure(**values: float) -> None:
    """Change limits for this process, e.g. `configure(max_article_chars=2_000_000)`."""
    by_name = {limit.name: limit for limit in LIMITS}
    for name, value in values.items():
        limit = by_name.get(name)
        if limit is None:
            raise ValueError(f"unknown limit {name!r} (known: {', '.join(by_name)})")
        if value <= 0:
            raise ValueError(f"limit {name} must be positive, not {value!r}")
        setattr(importlib.import_module(limit.module), limit.attr, type(limit.default)(value))


def current() -> dict[str, int | float]:
    """Every limit's value in force now, by name."""
    return {limit.name: getattr(importlib.import_module(limit.module), limit.attr) for limit in LIMITS}
