"""Articles + rules → Mentions.

In: an `Article` and a `RuleSet`. Out: `Mention`s, each with its slots,
speaker (resolved from "he said"), date (resolved against the article's date)
and the verbatim sentence it came from. Splitting into sentences and clauses,
names and dates live here.

May import `factsheet.rules` and the model; never ingest, reconcile, render or
build (a checked contract in pyproject.toml).
"""
