"""Render time for 10, 100 and 1,000 synthetic facts: HTML (views + Jinja) and PDF (WeasyPrint).

Usage: .venv/bin/python bench/bench_render.py [N ...] [--repeat K]

The facts are made up (tests/render_samples.synthetic_briefing) so the figure
measures rendering alone, whatever extraction finds this week. Prints one
Markdown table row per size, ready for docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factsheet.render import document as render  # noqa: E402
from factsheet.render import facts_json  # noqa: E402
from factsheet.resources import builtin_dir  # noqa: E402
from tests.render_samples import synthetic_briefing  # noqa: E402


def measure(n: int, repeat: int) -> tuple[float, float, float, int, int]:
    """HTML seconds, PDF wall and CPU seconds (medians), pages, PDF bytes for an n-fact briefing.

    CPU time is reported beside wall time because the machines are shared: a
    busy neighbour stretches wall time, not the work WeasyPrint does.
    """
    import pypdf

    templates = builtin_dir("templates")
    briefing = synthetic_briefing(n)
    data = facts_json.dumps(briefing).encode("utf-8")
    html_times, pdf_times, cpu_times, pdf = [], [], [], b""
    for _ in range(repeat):
        start = time.perf_counter()
        html = render.render_html(briefing, templates)
        html_times.append(time.perf_counter() - start)
        start, cpu = time.perf_counter(), time.process_time()
        pdf = render.pdf_bytes(html, templates, {"facts.json": data}, briefing.generated)
        pdf_times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu)
    import io

    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return statistics.median(html_times), statistics.median(pdf_times), statistics.median(cpu_times), pages, len(pdf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (the 1,000-fact one runs once)")
    args = parser.parse_args()
    print(f"# {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"{platform.machine()}")
    print("| facts | articles | pages | HTML s | PDF s (wall) | PDF s (CPU) | CPU s/page | PDF KB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        html_s, pdf_s, cpu_s, pages, size = measure(n, 1 if n >= 1000 else args.repeat)
        articles = len(synthetic_briefing(n).articles)
        print(f"| {n} | {articles} | {pages} | {html_s:.2f} | {pdf_s:.1f} | {cpu_s:.1f} | {cpu_s / pages:.2f} "
              f"| {size // 1024} |", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"# peak RSS {peak} MB")


if __name__ == "__main__":
    main()
