"""Mentions → Facts.

In: every article's `Mention`s. Out: `Fact`s, each a cluster of mentions of
one claim, with independent-source counts (wire reprints count once) and
conflicting versions kept apart with the articles behind each.

May import extract (to read a mention's words and dates), rules and the
model; never ingest, render or build.
"""
