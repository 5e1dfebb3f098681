"""Tools for people who write rules: `rules test`, `rules new`, `explain`.

In: rule files, their examples and an article. Out: pass/fail reports and the
why-not explanation of a rule on one sentence.

Runs the extract stage on examples, so it sits above extract and ingest;
never imports build or the command line.
"""
