"""Extraction speed alone: articles per second per core, from CPU time.

Usage: .venv/bin/python bench/bench_extract.py [ARTICLES...] [--repeat N] [--profile]

Loads the articles (default: ../shared/corpus/news_cluster/articles) and the
built-in rules, then extracts every article in this one process, N times
(default 3). Rates come from time.process_time, so a machine shared with other
jobs slows the wall clock but not the figure; the best run is the one to quote
(issue 8 asks for 100 articles/s per core). Run by hand, not in CI.
--profile prints the top of a cProfile of one extra run.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factsheet.extract.mentions import extract_article  # noqa: E402
from factsheet.ingest.load import load_paths  # noqa: E402
from factsheet.model import Article  # noqa: E402
from factsheet.resources import builtin_dir  # noqa: E402
from factsheet.rules.loader import load_rules  # noqa: E402
from factsheet.rules.schema import RuleSet  # noqa: E402


def extract_all(articles: list[Article], rules: RuleSet) -> int:
    """Extract every article once; the number of mentions (so the work cannot be skipped)."""
    return sum(len(extract_article(a, rules)) for a in articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", default=[str(ROOT.parent / "shared/corpus/news_cluster/articles")])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    articles = load_paths(args.articles).articles
    rules = load_rules([builtin_dir("rules")])
    extract_all(articles[:1], rules)  # compile the phrase patterns outside the timed runs
    rates = []
    for run in range(1, args.repeat + 1):
        cpu, wall = time.process_time(), time.perf_counter()
        mentions = extract_all(articles, rules)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        rates.append(len(articles) / cpu)
        print(f"run {run}: {len(articles)} articles, {mentions} mentions, {cpu:.2f} CPU s "
              f"({wall:.2f} s wall): {rates[-1]:.1f} articles/s per core")
    print(f"best {max(rates):.1f}, median {sorted(rates)[len(rates) // 2]:.1f} articles/s per core")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(extract_all, articles, rules)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
