"""How well factsheet groups articles into stories, and how fast it loads them.

    .venv/bin/python bench/grouping.py [FOLDER] [--threshold T] [--show]
    .venv/bin/python bench/grouping.py --sizes 1000,10000,30000,100000 [--stories-module FILE]

FOLDER defaults to ../shared/corpus/news_cluster/articles. The product never
sees the events each file is labelled with (newsCluster.Event), nor the
generator's story numbers in bench corpora (`bench.story`); only this script,
bench/run.py and the evaluation test read them, to score the grouping:

- purity: each story counts the articles of its most common event;
  the sum over stories divided by the number of articles. Low when stories
  mix events.
- inverse purity: each event counts the articles in the story holding most
  of them; the sum over events divided by the number of articles. Low when
  events are split over several stories.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factsheet.ingest.load import load_paths  # noqa: E402
from factsheet.ingest.stories import THRESHOLD, group_stories  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "news_cluster" / "articles"
BENCH_WORK = Path("/tmp/factsheet-bench")  # where bench/run.py keeps its generated corpora


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


def generator_labels(folder: Path) -> dict[str, str]:
    """Each generated article's story number (`bench.story`), by article id (the file stem)."""
    out: dict[str, str] = {}
    for path in folder.glob("*.json"):
        out[path.stem] = str(json.loads(path.read_text(encoding="utf-8"))["bench"]["story"])
    return out


def _grouper(module_file: str | None) -> Callable[..., Any]:
    """group_stories from the product, or from another copy of stories.py (e.g. `git show REV:...`) to compare."""
    if not module_file:
        return group_stories
    spec = importlib.util.spec_from_file_location("factsheet._stories_under_test", module_file)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.group_stories  # type: ignore[no-any-return]


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(folder: Path, module_file: str | None = None) -> dict[str, Any]:
    """One size, in this (fresh) process: load, then group with wall, CPU and peak RSS; score if labelled."""
    grouper = _grouper(module_file)
    loaded = load_paths([str(folder)])
    articles = loaded.articles
    rss_loaded = _rss_mb()
    peak_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), time.process_time()
    stories = grouper(articles)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    out: dict[str, Any] = {
        "articles": len(articles), "stories": len(stories), "wall": wall, "cpu": cpu,
        "rss_after_load_mb": rss_loaded, "peak_before_grouping_mb": peak_loaded,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "largest": max(len(s.articles) for s in stories),
    }
    clusters = [list(s.articles) for s in stories]
    if any(folder.glob("*.json")) and "bench" in json.loads(next(folder.glob("*.json")).read_text("utf-8")):
        truth = generator_labels(folder)
        out["events"] = len(set(truth.values()))
        out["purity"], out["inverse_purity"] = purity(clusters, truth), inverse_purity(clusters, truth)
        out["mixed"] = sum(1 for c in clusters if len({truth[x] for x in c}) > 1)
    return out


def _child(folder: Path, module_file: str | None, timeout: float) -> dict[str, Any]:
    """Run `measure` in a fresh interpreter; on timeout, report the memory it had reached."""
    cmd = [sys.executable, __file__, "--measure", str(folder)] + (["--stories-module", module_file] if module_file
                                                                   else [])
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    t0, hwm = time.perf_counter(), 0.0
    while proc.poll() is None:
        try:
            status = Path(f"/proc/{proc.pid}/status").read_text()
            hwm = max(hwm, int(next(x for x in status.splitlines() if x.startswith("VmHWM")).split()[1]) / 1024)
        except (OSError, StopIteration, ValueError):
            pass
        if time.perf_counter() - t0 > timeout:
            proc.kill()
            proc.wait()
            return {"timeout": timeout, "peak_rss_mb": hwm}
        time.sleep(0.5)
    assert proc.stdout is not None
    text = proc.stdout.read()
    if proc.returncode:
        raise SystemExit(f"bench: measuring {folder} failed with status {proc.returncode}")
    return dict(json.loads(text))


def sizes(numbers: Sequence[int], module_file: str | None, timeout: float) -> None:
    """Grouping on bench/run.py's generated corpora, each size in a fresh process."""
    print(f"{'articles':>8} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'loaded MB':>9} {'stories':>7} "
          f"{'labels':>6} {'mixed':>5} {'purity':>6} {'inverse':>7} {'largest':>7}  load average")
    for n in numbers:
        version = hashlib.sha256((ROOT / "bench" / "generate.py").read_bytes()).hexdigest()[:8]  # as bench/run.py
        folder = BENCH_WORK / f"corpus-{n}-seed1-json-{version}"
        if not (folder / ".complete").exists():
            print(f"{n:>8} no corpus {folder} (bench/run.py --sizes {n} makes it)")
            continue
        before = os.getloadavg()[0]
        r = _child(folder, module_file, timeout)
        load = f"{before:.1f} -> {os.getloadavg()[0]:.1f}"
        if "timeout" in r:
            print(f"{n:>8} not done in {r['timeout']:.0f} s, peak {r['peak_rss_mb']:.0f} MB  {load}")
            continue
        print(f"{r['articles']:>8} {r['wall']:>8.1f} {r['cpu']:>8.1f} {r['peak_rss_mb']:>8.0f} "
              f"{r['peak_before_grouping_mb']:>9.0f} {r['stories']:>7} {r.get('events', '-'):>6} "
              f"{r.get('mixed', '-'):>5} {r.get('purity', 0):>6.3f} {r.get('inverse_purity', 0):>7.3f} "
              f"{r['largest']:>7}  {load}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", default=str(CORPUS))
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--show", action="store_true", help="print each story with the events of its articles")
    parser.add_argument("--scaling", action="store_true", help="time the grouping on 1, 2, 4 and 8 disjoint copies")
    parser.add_argument("--sizes", help="comma-separated sizes of bench/run.py corpora to group, each in a fresh "
                        "process: wall, CPU and peak memory, purity against the generator's stories")
    parser.add_argument("--stories-module", help="group with this copy of stories.py instead (before/after)")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds a size may take (--sizes)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.stories_module)))
        return
    if args.sizes:
        sizes([int(x) for x in args.sizes.split(",")], args.stories_module, args.timeout)
        return
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
