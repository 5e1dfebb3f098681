"""Cold vs warm builds: what the cache saves a scheduled run.

Usage: .venv/bin/python bench/bench_cache.py [ARTICLES_FOLDER] [--cli]

Builds the folder (default: ../shared/corpus/news_cluster/articles) four
times into a fresh output folder and cache:

    cold          empty cache: load, extract, reconcile, render HTML and PDF
    warm          nothing changed: the briefing and the PDF are reused
    one changed   one article edited: it alone is extracted again, then
                  reconcile and render run again
    doc edited    a rule's description edited: every article's mentions are
                  reused, reconcile and render run again

With --cli each build is a `factsheet build --quiet` process, as cron runs it
(interpreter start-up and imports included). If this factsheet cannot read
the folder's .json records yet, their text is written to .txt files in a
temporary folder first. Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factsheet.build.cache import BuildCache  # noqa: E402
from factsheet.build.pipeline import build  # noqa: E402
from factsheet.ingest.load import load_paths  # noqa: E402
from factsheet.resources import builtin_dir  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "news_cluster" / "articles"


def readable_copy(source: Path, work: Path) -> Path:
    """The articles in a folder this factsheet reads: a copy, as .txt if .json is not read yet."""
    target = work / "articles"
    loaded = load_paths([str(source)])
    if loaded.articles and not any(s.reason.startswith("not an article format") for s in loaded.skipped):
        shutil.copytree(source, target, copy_function=shutil.copyfile)  # writable copies, to edit one
        target.chmod(0o755)
        return target
    target.mkdir()
    for path in sorted(source.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        header = {"title": record.get("title"), "outlet": record.get("source_domain"), "url": record.get("url"),
                  "published": (record.get("date_publish") or "")[:10] or None}
        front = "".join(f"{k}: {json.dumps(v)}\n" for k, v in header.items() if v)
        (target / f"{path.stem}.txt").write_text(f"---\n{front}---\n{record.get('text') or ''}", encoding="utf-8")
    return target


def run_once(articles: Path, out: Path, rules: Path, cache: Path, cli: bool) -> tuple[float, str]:
    start = time.perf_counter()
    if cli:
        subprocess.run([sys.executable, "-m", "factsheet.cli", "build", str(articles), "--out", str(out),
                        "--rules", str(rules), "--cache", str(cache), "--quiet"], check=True)
        return time.perf_counter() - start, "(separate process)"
    stats = BuildCache(cache)
    build([str(articles)], out, [rules], cache=stats)
    return time.perf_counter() - start, stats.stats.describe()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT))
    parser.add_argument("--cli", action="store_true", help="time `factsheet build` processes, as cron runs them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as tmp:
        work = Path(tmp)
        articles = readable_copy(Path(args.folder), work)
        rules = work / "rules"
        shutil.copytree(builtin_dir("rules"), rules)
        out, cache = work / "out", work / "cache"
        n = len(load_paths([str(articles)]).articles)
        mode = "`factsheet build --quiet` processes" if args.cli else "build() in one process"
        print(f"{n} articles from {Path(args.folder).name}/, {mode}; Python {platform.python_version()}, "
              f"{os.cpu_count()} CPUs\n")
        print("| build | seconds | vs cold | cache |")
        print("|---|---:|---:|---|", flush=True)
        cold = 0.0

        def row(name: str) -> None:
            nonlocal cold
            seconds, note = run_once(articles, out, rules, cache, args.cli)
            cold = cold or seconds
            print(f"| {name} | {seconds:.2f} | {cold / seconds:.1f}x | {note} |", flush=True)

        row("cold (empty cache)")
        row("warm (nothing changed)")
        _edit(sorted(p for p in articles.iterdir() if p.is_file())[0])
        row("one article changed")
        statements = rules / "statements.yaml"
        statements.write_text(statements.read_text(encoding="utf-8").replace(
            "description: Someone said", "description: A person said", 1), encoding="utf-8")
        row("a rule's description edited")


def _edit(path: Path) -> None:
    """Change one article's text the way a corrected story changes: one more sentence."""
    if path.suffix == ".json":
        record = json.loads(path.read_text(encoding="utf-8"))
        record["text"] = (record.get("text") or "") + "\nThe ministry said the talks would resume on Monday."
        path.write_text(json.dumps(record), encoding="utf-8")
    else:
        path.write_text(path.read_text(encoding="utf-8") + "\nThe ministry said the talks would resume on Monday.\n",
                        encoding="utf-8")


if __name__ == "__main__":
    main()
