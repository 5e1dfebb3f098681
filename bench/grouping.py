"""How well factsheet groups articles into stories, and how fast it loads them.

    .venv/bin/python bench/grouping.py [FOLDER] [--threshold T] [--show]

FOLDER defaults to ../shared/corpus/news_cluster/articles. The product never
sees the events each file is labelled with (newsCluster.Event); only this
script and the evaluation test read them, to score the grouping:

- purity: each story counts the articles of its most common event;
  the sum over stories divided by the number of articles. Low when stories
  mix events.
- inverse purity: each event counts the articles in the story holding most
  of them; the sum over events divided by the number of articles. Low when
  events are split over several stories.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factsheet.load import load_paths  # noqa: E402
from factsheet.stories import THRESHOLD, group_stories  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "news_cluster" / "articles"


def labels(folder: Path) -> dict[str, str]:
    """Each file's event label, by file path (read here only, never by the product)."""
    out: dict[str, str] = {}
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        out[str(path)] = str(record["newsCluster"]["Event"])
    return out


def purity(clusters: Sequence[Sequence[str]], truth: Mapping[str, str]) -> float:
    n = sum(len(c) for c in clusters)
    return sum(Counter(truth[x] for x in c).most_common(1)[0][1] for c in clusters if c) / n


def inverse_purity(clusters: Sequence[Sequence[str]], truth: Mapping[str, str]) -> float:
    where = {x: i for i, c in enumerate(clusters) for x in c}
    by_event: dict[str, Counter[int]] = {}
    for x, event in truth.items():
        if x in where:
            by_event.setdefault(event, Counter())[where[x]] += 1
    n = sum(len(c) for c in clusters)
    return sum(c.most_common(1)[0][1] for c in by_event.values()) / n


def evaluate(folder: Path, threshold: float = THRESHOLD) -> dict[str, float]:
    """Load, group and score; the figures docs/performance.md records."""
    t0 = time.perf_counter()
    loaded = load_paths([str(folder)])
    t1 = time.perf_counter()
    stories = group_stories(loaded.articles, threshold)
    t2 = time.perf_counter()
    path_of = {a.id: a.path for a in loaded.articles}
    clusters = [[path_of[i] for i in s.articles] for s in stories]
    truth = labels(folder)
    return {
        "articles": len(loaded.articles),
        "skipped": len(loaded.skipped),
        "events": len(set(truth.values())),
        "stories": len(stories),
        "purity": purity(clusters, truth),
        "inverse_purity": inverse_purity(clusters, truth),
        "load_seconds": t1 - t0,
        "load_articles_per_second": len(loaded.articles) / (t1 - t0),
        "group_seconds": t2 - t1,
    }


def scaling(folder: Path, copies: Sequence[int] = (1, 2, 4, 8)) -> list[tuple[int, float]]:
    """Grouping time for k copies of the corpus whose story words are kept apart.

    In copy n every word found in fewer than 5% of the articles (names,
    places, the words that make a story) gets the suffix "q<n>"; common words
    stay shared, as they would in a larger real feed. So k copies are k times
    as many articles and stories of the same size: near-linear cost shows as
    seconds growing about k-fold, not k²-fold.
    """
    import re
    from dataclasses import replace

    base = load_paths([str(folder)]).articles
    df: Counter[str] = Counter()
    for a in base:
        df.update({w.casefold() for w in re.findall(r"\w+", f"{a.title} {a.text}")})
    rare = {w for w, c in df.items() if c < 0.05 * len(base)}

    def mark(text: str, n: int) -> str:
        return re.sub(r"\w+", lambda m: f"{m.group()}q{n}" if m.group().casefold() in rare else m.group(), text)

    times: list[tuple[int, float]] = []
    for k in copies:
        articles = [replace(a, id=f"{a.id}-{n}", text=mark(a.text, n), title=mark(a.title or "", n))
                    for n in range(k) for a in base]
        t0 = time.perf_counter()
        group_stories(articles)
        times.append((len(articles), time.perf_counter() - t0))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", default=str(CORPUS))
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--show", action="store_true", help="print each story with the events of its articles")
    parser.add_argument("--scaling", action="store_true", help="time the grouping on 1, 2, 4 and 8 disjoint copies")
    args = parser.parse_args()
    folder = Path(args.folder)
    result = evaluate(folder, args.threshold)
    for key, value in result.items():
        print(f"{key:>26}: {value:.3f}" if isinstance(value, float) else f"{key:>26}: {value}")
    if args.scaling:
        for n, seconds in scaling(folder):
            print(f"{'grouping ' + str(n) + ' articles':>26}: {seconds:.2f} s")
    if args.show:
        loaded = load_paths([str(folder)])
        truth = labels(folder)
        path_of = {a.id: a.path for a in loaded.articles}
        for s in group_stories(loaded.articles, args.threshold):
            events = Counter(truth[path_of[i]] for i in s.articles)
            print(f"{s.id} ({len(s.articles)}) {s.title[:70]!r}: {dict(events)}")


if __name__ == "__main__":
    main()
