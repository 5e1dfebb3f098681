"""Throughput and memory from 1k to 100k articles: run by hand, never in CI.

    .venv/bin/python bench/run.py                      # 1k and 10k, table on screen
    .venv/bin/python bench/run.py --sizes 1000,10000,100000 --write-docs

Corpora come from bench/generate.py (same seed, so every run measures the
same articles) and are kept in --work (default /tmp/factsheet-bench) to be
reused; they are never committed. Each size is measured in a fresh
subprocess, so its peak memory (ru_maxrss of the process and of its worker
processes) is its own.

Stages, each timed on its own: load (read and parse the files), stories
(group_stories), extract and reconcile (parallel.reconcile_stories on
--jobs processes; the workers also report their CPU seconds per stage, which
gives the per-core rates), facts.json (serialise and write), render (HTML and
PDF of the briefing as trimmed for the PDF). The machine is shared, so wall
times move with its load: the load average is printed beside them, and the
per-core rates come from CPU time, which the load disturbs far less.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
SECTION = "## Scale"
T = TypeVar("T")


def _timed(out: dict[str, Any], name: str, action: Callable[[], T]) -> T:
    start, cpu = time.perf_counter(), time.process_time()
    result = action()
    out[name] = {"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu}
    return result


def measure(corpus: Path, jobs: int, render: bool, oracle: bool = False) -> dict[str, Any]:
    """All stages on one corpus, in this process (called in a subprocess per size).

    With `oracle`, the stories are the generator's own (read from its records,
    not timed) instead of group_stories: to measure the other stages at sizes
    where grouping is not wanted (--group-up-to).
    """
    sys.path.insert(0, str(ROOT))
    from factsheet.build import parallel
    from factsheet.ingest.load import load_paths
    from factsheet.ingest.stories import group_stories
    from factsheet.model import Briefing
    from factsheet.render import document as rendering
    from factsheet.render.jsonstream import write_facts_json
    from factsheet.resources import builtin_dir
    from factsheet.rules.loader import load_rules

    rules = load_rules([builtin_dir("rules")])
    out: dict[str, Any] = {"jobs": jobs, "load_before": os.getloadavg()[0]}
    loaded = _timed(out, "load", lambda: load_paths([str(corpus)]))
    articles = loaded.articles
    out["articles"] = len(articles)
    if oracle:
        from factsheet.ingest.stories import Story

        labels = _generator_stories(corpus)
        by_story: dict[int, list[str]] = {}
        for a in articles:
            by_story.setdefault(labels[a.id], []).append(a.id)
        groups = [Story(f"s-{n}", "", tuple(ids)) for n, ids in enumerate(by_story.values(), 1)]
        out["stories"] = {"wall": 0.0, "cpu": 0.0, "oracle": True}
    else:
        groups = _timed(out, "stories", lambda: group_stories(articles))
    out["stories_found"] = len(groups)
    out["largest_story"] = max((len(g.articles) for g in groups), default=0)
    timings = parallel.Timings()
    infos, facts, out["background"] = _timed(out, "extract_reconcile", lambda: parallel.reconcile_stories(
        articles, groups, rules, jobs=jobs, timings=timings))
    out["worker_cpu"] = {"extract": timings.extract, "reconcile": timings.reconcile}
    out["mentions"], out["facts"] = timings.mentions, len(facts)
    out["facts_spilled"] = facts.spilled
    briefing = Briefing(title="bench", articles=tuple(infos), skipped=tuple(loaded.skipped), facts=facts,
                        generated="2018-01-01", stories=tuple((g.id, g.title) for g in groups))
    with tempfile.TemporaryDirectory(prefix="factsheet-bench-") as tmp:
        target = Path(tmp)
        _timed(out, "facts_json", lambda: write_facts_json(briefing, target / "facts.json"))
        out["facts_json_mb"] = (target / "facts.json").stat().st_size / 1e6
        out["to_facts_json"] = sum(out[s]["wall"] for s in ("load", "stories", "extract_reconcile", "facts_json"))
        out["peak_rss_to_facts_json_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if render:
            shown = _for_pdf(briefing)
            templates = builtin_dir("templates")
            html = _timed(out, "render_html", lambda: rendering.render_html(shown, templates))
            _timed(out, "render_pdf", lambda: rendering.render_pdf(html, templates, target / "briefing.pdf"))
            out["pdf_mb"] = (target / "briefing.pdf").stat().st_size / 1e6
            out["pdf_facts"] = len(shown.facts)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["peak_rss_worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out["load_after"] = os.getloadavg()[0]
    return out


def _generator_stories(corpus: Path) -> dict[str, int]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8"))["bench"]["story"] for p in corpus.glob("*.json")}


def _for_pdf(briefing: Any) -> Any:
    """The briefing as the build renders it: trimmed to the PDF limit when the build does so."""
    try:
        from factsheet.render.trim import for_pdf
    except ImportError:
        return briefing
    return for_pdf(briefing).briefing


# --- driver -------------------------------------------------------------------------------------


def corpus_for(work: Path, size: int, seed: int, fmt: str) -> Path:
    version = hashlib.sha256((ROOT / "bench" / "generate.py").read_bytes()).hexdigest()[:8]  # a new generator: anew
    folder = work / f"corpus-{size}-seed{seed}-{fmt}-{version}"
    if not (folder / ".complete").exists():
        if folder.exists():
            subprocess.run(["rm", "-rf", str(folder)], check=True)
        print(f"bench: generating {size} articles into {folder}", file=sys.stderr)
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(folder), "--articles", str(size),
                        "--seed", str(seed), "--format", fmt], check=True)
        (folder / ".complete").write_text("done\n")
    return folder


def run_size(corpus: Path, jobs: int, render: bool, oracle: bool) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--measure", str(corpus), "--jobs", str(jobs)]
    cmd += ([] if render else ["--no-render"]) + (["--oracle"] if oracle else [])
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}" if seconds > 0 else "–"


def table(results: list[dict[str, Any]]) -> str:
    """The Scale table: one column per size, ratios per 10x at the end."""
    sizes = [r["articles"] for r in results]
    head = "| stage | " + " | ".join(f"{n:,} articles" for n in sizes) + " | " + " | ".join(
        f"time ×{b / a:.0f} ({a // 1000}k→{b // 1000}k)" for a, b in itertools.pairwise(sizes)) + " |"
    rows = [head, "|" + "---|" * (1 + len(sizes) + max(0, len(sizes) - 1))]

    def line(label: str, cells: list[str], times: list[float | None]) -> None:
        ratios = [f"{b / a:.1f}" if a and b else "–" for a, b in itertools.pairwise(times)]
        rows.append(f"| {label} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")

    def stage(label: str, key: str) -> None:
        secs = [r[key]["wall"] if key in r and not r[key].get("oracle") else None for r in results]
        cells = [("generator's stories" if r[key].get("oracle") else
                  f"{rate(r['articles'], r[key]['wall'])}/s ({r[key]['wall']:.1f} s)") if key in r else "not run"
                 for r in results]
        line(label, cells, secs)

    stage("load", "load")
    stage("stories (grouping)", "stories")
    stage("extract + reconcile, wall, all jobs", "extract_reconcile")
    for key, label in (("extract", "extract, per core (CPU time)"), ("reconcile", "reconcile, per core (CPU time)")):
        secs = [r["worker_cpu"][key] for r in results]
        line(label, [f"{rate(r['articles'], s)}/s ({s:.1f} CPU s)" for r, s in zip(results, secs, strict=True)], secs)
    stage("facts.json", "facts_json")
    stage("render HTML", "render_html")
    stage("render PDF", "render_pdf")
    secs = [r["to_facts_json"] for r in results]
    line("**to facts.json, total**", [f"**{s:.1f} s**" + (" (stories given)" if r["stories"].get("oracle") else "")
                                      for s, r in zip(secs, results, strict=True)], secs)
    secs = [r["to_facts_json"] - r["stories"]["wall"] for r in results]
    line("to facts.json, without story grouping", [f"{s:.1f} s" for s in secs], secs)
    mem = [r["peak_rss_to_facts_json_mb"] for r in results]
    line("**peak memory to facts.json** (main process)", [f"**{m:,.0f} MB**" for m in mem], mem)
    mem = [r["peak_rss_worker_mb"] for r in results]
    line("peak memory of a worker process", [f"{m:,.0f} MB" for m in mem], mem)
    mem = [r["peak_rss_mb"] for r in results]
    line("peak memory with rendering (main)", [f"{m:,.0f} MB" for m in mem], mem)
    cpu = [r["load"]["cpu"] + r["stories"]["cpu"] + r["extract_reconcile"]["cpu"] + r["facts_json"]["cpu"]
           + (r["worker_cpu"]["extract"] + r["worker_cpu"]["reconcile"]) / r["jobs"] for r in results]
    line(f"to facts.json on an idle machine (CPU s: main + workers / {results[0]['jobs']})",
         [f"{c:.0f} s" for c in cpu], cpu)
    line("mentions / facts / stories", [f"{r['mentions']:,} / {r['facts']:,} / {r['stories_found']:,}"
                                        for r in results], [None] * len(results))
    line("largest story (articles)", [str(r["largest_story"]) for r in results], [None] * len(results))
    line("facts in the PDF / PDF size", [f"{r['pdf_facts']:,} / {r['pdf_mb']:.1f} MB" if "pdf_facts" in r else "not run"
                                         for r in results], [None] * len(results))
    line("load average (before → after)", [f"{r['load_before']:.1f} → {r['load_after']:.1f}" for r in results],
         [None] * len(results))
    return "\n".join(rows)


def environment(jobs: int) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    return (f"{os.cpu_count()} cores (--jobs {jobs}), Python {platform.python_version()}, "
            f"commit {commit or 'unknown'}, {time.strftime('%Y-%m-%d')}")


START, END = "<!-- bench/run.py: table start -->", "<!-- bench/run.py: table end -->"


def write_section(table_text: str) -> None:
    """Replace only the measured table inside the Scale section of docs/performance.md.

    Other sections, and the prose of the Scale section around the markers, are
    left as they are (other people write them).
    """
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n"
    block = f"{START}\n{table_text.rstrip()}\n{END}"
    if START in doc and END in doc:
        doc = doc[:doc.index(START)] + block + doc[doc.index(END) + len(END):]
    else:
        doc = doc.rstrip("\n") + f"\n\n{SECTION}\n\n{block}\n"
    DOC.write_text(doc, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated article counts")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("txt", "json"), default="json")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "factsheet-bench")
    parser.add_argument("--no-render", action="store_true", help="skip HTML/PDF (they do not grow with the corpus)")
    parser.add_argument("--render-up-to", type=int, default=10_000, help="render only for sizes up to this")
    parser.add_argument("--group-up-to", type=int, default=100_000,
                        help="above this, take the generator's stories instead of running group_stories")
    parser.add_argument("--oracle", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--write-docs", action="store_true", help="replace the Scale table in docs/performance.md")
    parser.add_argument("--reuse", action="store_true",
                        help="take a size's last measurement from --work instead of measuring it again")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.jobs, not args.no_render, args.oracle)))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        saved = args.work / f"result-{size}-jobs{args.jobs}.json"
        if args.reuse and saved.exists():
            results.append(json.loads(saved.read_text(encoding="utf-8")))
            continue
        corpus = corpus_for(args.work, size, args.seed, args.format)
        print(f"bench: measuring {size} articles on {args.jobs} jobs", file=sys.stderr)
        result = run_size(corpus, args.jobs, not args.no_render and size <= args.render_up_to,
                          size > args.group_up_to)
        print(json.dumps(result), file=sys.stderr)
        saved.write_text(json.dumps(result), encoding="utf-8")
        results.append(result)
    text = table(results)
    print(text)
    if args.write_docs:
        write_section(f"Measured with `bench/run.py` on {environment(args.jobs)}.\n\n{text}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
