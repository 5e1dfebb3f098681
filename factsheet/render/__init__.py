"""Briefing → HTML, PDF, facts.json and facts.csv.

In: a `Briefing` (facts plus the articles behind them). Out: bytes on disk
through the templates in `templates/`, the streamed facts.json writer and the
CSV writer. The view model (views, views_text, svg, trim) is what templates see.

Reads only the model, errors and the packaged templates; never rules, extract,
ingest, reconcile or build (a checked contract in pyproject.toml).
"""
