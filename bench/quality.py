"""The quality table: every story with a reference answer, scored by ../shared/eval/score.py.

    .venv/bin/python bench/quality.py              # print the table (markdown)
    .venv/bin/python bench/quality.py --write-docs # and put it in docs/quality.md

Marks with * each figure that misses the goal (issue 14): recall .95, precision
.85, sources .8, independent .8, who .85, date .8, fragments <= 1.2, merged <= 1.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.quality_stories import KEYS, gold_stories, misses, score_story  # noqa: E402

DOC = ROOT / "docs" / "quality.md"
START, END = "<!-- bench/quality.py: table start -->", "<!-- bench/quality.py: table end -->"


def table() -> str:
    lines = ["| story (articles) | " + " | ".join(KEYS) + " |", "|---" * (len(KEYS) + 1) + "|"]
    for story in gold_stories():
        result = score_story(story)
        short = set(misses(result))
        cells = [f"{result[k]}{'*' if k in short else ''}" for k in KEYS]
        count = len(story.articles) if len(story.articles) > 1 else len(list(story.articles[0].iterdir()))
        lines.append(f"| {story.name[:40]} ({count}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-docs", action="store_true", help="replace the table in docs/quality.md")
    args = parser.parse_args()
    text = table()
    print(text)
    if args.write_docs:
        doc = DOC.read_text(encoding="utf-8")
        doc = re.sub(re.escape(START) + ".*?" + re.escape(END), f"{START}\n{text}\n{END}", doc, flags=re.S)
        DOC.write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    main()
