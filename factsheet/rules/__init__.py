"""The rule language: YAML rule files → a checked `RuleSet`.

In: the rule files a non-programmer writes (`rules/*.yaml`). Out: `RuleSet`
(schema), the strict YAML reader, phrase compiling and matching, numbers as
copy writes them, and the linter behind `factsheet rules check`.

The bottom stage: it imports only `factsheet.model`, `errors` and `limits`,
never a stage above it (ingest, extract, reconcile, render, build).
"""
