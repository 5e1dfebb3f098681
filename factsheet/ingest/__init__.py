"""Paths → Articles grouped into stories.

In: files and folders (JSON, JSONL, news-please, HTML, text with front
matter, manifests). Out: `Article`s with their dates, the `Skipped` list for
inputs that could not be read, wire-copy groups and story clusters.

May import `factsheet.rules` (the strict YAML reader) and the top-level
model; never extract, reconcile, render or build.
"""
