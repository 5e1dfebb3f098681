"""How long the command line takes to start: `factsheet --help` and `factsheet check --help`.

    .venv/bin/python bench/cli_start.py [--runs 20]

Each run is a fresh process (what a shell or a completion script pays), timed
as wall seconds; the median and the slowest are printed. Also lists the
modules `import factsheet.cli` loads, so a heavy import creeping back into the
start is named (the test suite asserts the heavy ones stay out).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "factsheet"


def timed(args: list[str], runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
        seconds.append(time.perf_counter() - start)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    for label, args in (("python -c pass", [sys.executable, "-c", "pass"]),
                        ("factsheet --help", [str(SCRIPT), "--help"]),
                        ("factsheet check --help", [str(SCRIPT), "check", "--help"]),
                        ("python -m factsheet --help", [sys.executable, "-m", "factsheet", "--help"])):
        s = timed(args, runs)
        print(f"{label:28} median {statistics.median(s):.3f} s, slowest {max(s):.3f} s ({runs} runs)")
    code = ("import sys, factsheet.cli; "
            "print(len([m for m in sys.modules if m.startswith('factsheet')]), len(sys.modules))")
    ours, total = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                                 cwd=ROOT).stdout.split()
    print(f"import factsheet.cli loads {total} modules, {ours} of them factsheet's")


if __name__ == "__main__":
    main()
