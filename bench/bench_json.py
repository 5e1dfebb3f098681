"""facts.json through orjson against the standard library: the same bytes, and how much faster.

Usage: .venv/bin/python bench/bench_json.py [FACTS_JSON]

Reads a facts.json a build wrote (default: build ../shared/corpus/news_cluster/articles
into a temporary folder first, about 30-50 s) and encodes it again both ways,
as render/jsonstream.py does: the document without its facts, then each
fact on its own. Checks that both give exactly the file's bytes, and prints
a Markdown table for docs/performance.md (best of five runs).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factsheet.render import jsonfast  # noqa: E402

NEWS_CLUSTER = ROOT.parent / "shared" / "corpus" / "news_cluster" / "articles"


def streamed(doc: dict[str, Any], fast: bool) -> bytes:
    """What jsonstream.write_facts_json writes for `doc`, encoded head first and then fact by fact."""
    head = jsonfast.encode({**doc, "facts": []}, fast=fast)
    parts = [head[: -len("]\n}")]]
    for n, fact in enumerate(doc["facts"]):
        parts.append(("\n    " if n == 0 else ",\n    ") + jsonfast.encode(fact, fast=fast).replace("\n", "\n    "))
    parts.append("\n  ]\n}\n")
    return "".join(parts).encode("utf-8")


def best(fn: Any, runs: int = 5) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("facts_json", nargs="?", help="a facts.json to re-encode (default: build news_cluster)")
    args = parser.parse_args()
    if not jsonfast.available():
        sys.exit("orjson is not installed: pip install -e '.[fast]'")
    if args.facts_json:
        path = Path(args.facts_json)
    else:
        out = Path(tempfile.mkdtemp(prefix="bench-json-"))
        subprocess.run([str(ROOT / ".venv" / "bin" / "factsheet"), "build", str(NEWS_CLUSTER), "--out", str(out),
                        "--no-cache", "--quiet"], check=True)
        path = out / "facts.json"
    raw = path.read_bytes()
    doc = json.loads(raw)
    rows = []
    for label, fn in (
        ("whole document", lambda fast: (jsonfast.encode(doc, fast=fast) + "\n").encode("utf-8")),
        ("head, then fact by fact (jsonstream)", lambda fast: streamed(doc, fast)),
    ):
        slow_s, slow_bytes = best(lambda fn=fn: fn(False))
        fast_s, fast_bytes = best(lambda fn=fn: fn(True))
        same = slow_bytes == raw and fast_bytes == raw
        rows.append(f"| {label} | {slow_s * 1000:,.0f} ms | {fast_s * 1000:,.0f} ms | {slow_s / fast_s:.0f}x | "
                    f"{'yes' if same else 'NO'} |")
    print(f"facts.json: {path} ({len(raw):,} bytes, {len(doc['facts']):,} facts)\n")
    print("| encoding | json (stdlib) | orjson | faster | byte-identical to the file |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
