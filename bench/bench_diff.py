"""The comparison with the previous briefing on 100,000 synthetic facts: time and memory.

Usage: .venv/bin/python bench/bench_diff.py [--facts 100000] [--repeat 3]

Writes two facts.json files shaped like a real build's (indent 2, three
citations a fact with a sentence each, a variant, a conflict on one fact in
ten, 30,000 articles), the second a day later: 5% of the facts new, 5% gone
with their articles, 5% with another independent source, 2% renamed (their
first article gone, so their id changed), 1% merged. Then, each in a fresh
process, so memory is the comparison's own:

    diff        `factsheet diff OLD NEW --json`'s work: read both files
                (streamed), compare, encode the `changes` block
    build       what a build adds: read the previous facts.json and compare
                it with the briefing in memory (100,000 Fact objects, made
                before the clock starts and not counted)

Prints a Markdown table for docs/performance.md: wall seconds (best of
--repeat), CPU seconds (which a busy machine does not inflate) and the peak
resident memory above the process's own before the step (goal: under 5 s
and under 500 MB).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_TEXT = ("ministry officials said the ferry operator would face inquiry divers coast guard hull passengers "
         "evacuated harbour port authority fire engine room blaze repairs quay company statement police "
         "council mayor bridge closed reopened river flood warning residents power lines storm damage")
WORDS = _TEXT.split()


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def make_doc(n: int, seed: int = 1) -> tuple[dict[str, Any], dict[str, Any]]:
    """The old and the new facts.json documents."""
    rng = random.Random(seed)
    articles = [{"id": f"a{i:05d}", "title": f"Title {i}", "outlet": f"Outlet {i % 400}", "url": None,
                 "published": "2026-05-11", "published_inferred": False, "copy_of": None, "story": "s-1",
                 "path": f"articles/a{i:05d}.txt", "provenance": {}, "digest": f"{i:016x}"} for i in range(30_000)]
    facts = []
    for i in range(n):
        cites = [{"article": f"a{rng.randrange(30_000):05d}", "text": _sentence(rng, 24), "start": 0, "end": 150}
                 for _ in range(3)]
        facts.append({"id": f"f-{i:07d}", "rule": "statement", "kind": "statement", "who": f"Person {i % 5000}",
                      "claim": _sentence(rng, 16), "quote": False, "date": "2026-05-11", "date_detail": None,
                      "corroboration": {"articles": 3, "independent": 2}, "grade": 1, "story": "s-1",
                      "citations": cites, "conflicts": [{"slot": "number", "values": []}] if i % 10 == 0 else [],
                      "variants": [{"value": _sentence(rng, 16), "articles": [cites[1]["article"]]}], "slots": {},
                      "change": None, "previous_ids": []})
    old = {"schema": 1, "title": "t", "generated": "2026-05-11", "stories": [], "articles": articles,
           "skipped": [], "background_left_out": 0, "changes": None, "facts": facts}
    new_facts = []
    for i, f in enumerate(facts):
        r = i % 100
        if r < 5 or r == 13:
            continue  # gone (r == 13: merged into the fact before it)
        g = dict(f)
        if r < 10:
            g["corroboration"] = {"articles": 4, "independent": 3}
        elif r < 12:
            g["id"] = f"f-r{i:06d}"  # renamed: its first report went, one citation stayed
            g["citations"] = f["citations"][1:]
        elif r < 13 and i + 1 < len(facts):
            g["citations"] = f["citations"] + facts[i + 1]["citations"]  # merged with the next
        new_facts.append(g)
    new_facts.extend({**facts[i], "id": f"f-n{i:06d}", "claim": _sentence(rng, 16),
                      "citations": [{"article": "a00001", "text": _sentence(rng, 24), "start": 0, "end": 150}]}
                     for i in range(n // 20))
    new = dict(old, generated="2026-05-12", facts=new_facts)
    return old, new


def _status_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process from /proc, in MB. (getrusage's peak is inherited
    from the parent across fork and exec, so it would show the generator's memory, not ours.)"""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(mode: str, old: str, new: str) -> None:
    """One measurement in this fresh process: prints seconds and MB above the process before the step."""
    from factsheet.compare import report, snapshot
    from factsheet.compare.changes import compare

    facts_in_memory = None
    if mode == "build":
        from factsheet.model import Citation, Conflict, Corroboration, Fact

        doc = json.loads(Path(new).read_text(encoding="utf-8"))
        facts_in_memory = [Fact(id=f["id"], rule=f["rule"], kind=f["kind"], who=f["who"], claim=f["claim"],
                                date=None, citations=tuple(Citation(c["article"], c["start"], c["end"], c["text"])
                                                           for c in f["citations"]),
                                corroboration=Corroboration(**f["corroboration"]), grade=f["grade"],
                                conflicts=tuple(Conflict(c["slot"], ()) for c in f["conflicts"]))
                           for f in doc["facts"]]
        del doc
    import gc

    gc.collect()
    before = _status_mb("VmRSS")
    start, cpu = time.perf_counter(), time.process_time()
    if facts_in_memory is None:
        changes = compare(snapshot.read(old), snapshot.read(new))
    else:
        previous = snapshot.read(old)
        latest = snapshot.Snapshot("this briefing", "t", "2026-05-12",
                                   tuple(snapshot.summarise(f) for f in facts_in_memory), previous.articles, {})
        changes = compare(previous, latest)
    block = json.dumps(report.to_dict(changes))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu, "mb": _status_mb("VmHWM") - before, "changes": len(changes.facts),
                      "bytes": len(block), "counts": changes.counts()}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "OLD", "NEW"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="bench-diff-") as tmp:
        old_doc, new_doc = make_doc(args.facts)
        old, new = Path(tmp) / "old.json", Path(tmp) / "new.json"
        old.write_text(json.dumps(old_doc, ensure_ascii=False, indent=2), encoding="utf-8")
        new.write_text(json.dumps(new_doc, ensure_ascii=False, indent=2), encoding="utf-8")
        del old_doc, new_doc
        sizes = f"{old.stat().st_size / 1e6:.0f} MB and {new.stat().st_size / 1e6:.0f} MB"
        print(f"{args.facts:,} facts in the old briefing; facts.json {sizes}; Python {platform.python_version()}")
        print(f"\n| step | wall s (best of {args.repeat}) | CPU s | peak MB above the process | changes listed |")
        print("|---|---|---|---|---|")
        for mode in ("diff", "build"):
            runs = []
            for _ in range(args.repeat):
                out = subprocess.run([sys.executable, __file__, "--child", mode, str(old), str(new)],
                                     check=True, capture_output=True, text=True).stdout
                runs.append(json.loads(out))
            best = min(runs, key=lambda r: r["seconds"])
            print(f"| {mode} | {best['seconds']:.2f} | {min(r['cpu'] for r in runs):.2f} | "
                  f"{max(r['mb'] for r in runs):.0f} | {best['changes']:,} |")
        print(f"\ncounts: {best['counts']}")


if __name__ == "__main__":
    main()
