"""Fuzz the article loader and the rule loader by hand (not in CI); findings go to docs/reliability.md.

    .venv/bin/pip install atheris          # coverage-guided (libFuzzer); else hypothesis is used
    .venv/bin/python bench/fuzz_inputs.py load  --seconds 600
    .venv/bin/python bench/fuzz_inputs.py rules --seconds 600
    .venv/bin/python bench/fuzz_inputs.py load  --engine hypothesis --examples 20000

Targets (each input is a byte string):
  load   bytes → decode → load_text → safe_id → split_article → extract_article
         → find_dates/resolve. ArticleSkip is the only allowed refusal; sentence
         and citation offsets must slice back to their text, dates must be
         YYYY[-MM[-DD]] and real days, ids must be safe.
  rules  bytes → a rule file → load_rules. RuleError is the only allowed refusal.

A crash, a broken property or an input slower than --timeout seconds is a
finding: atheris writes it to crash-*/timeout-* files in the working folder,
hypothesis prints the shrunk example. The seed corpus is the real articles in
../shared/corpus/seeds and the built-in rules.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
ANCHORS = (None, date(2025, 12, 10), date.min, date.max, date(2000, 2, 29))


def _modules() -> dict[str, object]:
    """Import factsheet late, so atheris can instrument it for coverage."""
    from factsheet.errors import RuleError
    from factsheet.extract import dates, split
    from factsheet.extract import mentions as extract
    from factsheet.ingest import load
    from factsheet.model import Article
    from factsheet.resources import builtin_dir
    from factsheet.rules import schema as rules

    return {"dates": dates, "extract": extract, "load": load, "rules": rules, "split": split,
            "RuleError": RuleError, "Article": Article, "builtin": rules.load_rules([builtin_dir("rules")])}


class Targets:
    """The two fuzz targets, each raising AssertionError (or anything else) on a finding."""

    def __init__(self) -> None:
        m = _modules()
        self.m = m
        self.rule_set = m["builtin"]
        self.tmp = Path(tempfile.mkdtemp(prefix="factsheet-fuzz-"))

    def load(self, data: bytes) -> None:
        load, split, extract, dates = self.m["load"], self.m["split"], self.m["extract"], self.m["dates"]
        try:
            text = load.decode(data)  # type: ignore[attr-defined]
            article = load.load_text(Path("fuzz.txt"), text)  # type: ignore[attr-defined]
        except load.ArticleSkip:  # type: ignore[attr-defined]
            return
        assert text.endswith(article.text)
        safe = load.safe_id(article.id)  # type: ignore[attr-defined]
        assert safe == load.safe_id(safe) and "/" not in safe and not safe.startswith(".")  # type: ignore[attr-defined]
        sentences = split.split_article(article)  # type: ignore[attr-defined]
        last = 0
        for s in sentences:
            assert last <= s.start < s.end <= len(article.text) and article.text[s.start:s.end] == s.text
            last = s.end
        anchor = ANCHORS[len(data) % len(ANCHORS)]
        article = type(article)(article.id, article.path, article.text, published=anchor)
        for mention in extract.extract_article(article, self.rule_set):  # type: ignore[attr-defined]
            c = mention.citation
            assert article.text[c.start:c.end] == c.text, (c.start, c.end)
        for s in sentences[:50]:
            for ref in dates.find_dates(s.text):  # type: ignore[attr-defined]
                value = dates.resolve(ref, anchor)  # type: ignore[attr-defined]
                if value is not None:
                    assert ISO.fullmatch(value.value), value
                    parts = [int(p) for p in value.value.split("-")] + [1, 1]
                    date(parts[0], parts[1], parts[2])

    def rules(self, data: bytes) -> None:
        path = self.tmp / "rules.yaml"
        path.write_bytes(data)
        try:
            self.m["rules"].load_rules([path])  # type: ignore[attr-defined]
        except self.m["RuleError"]:  # type: ignore[misc]
            pass


def seeds(target: str) -> list[bytes]:
    if target == "load":
        corpus = ROOT.parent / "shared" / "corpus" / "seeds"
        found = [p.read_bytes() for p in sorted(corpus.glob("*.txt"))]
        return found + [p.read_bytes() for p in sorted((ROOT / "examples" / "articles").glob("*"))[:5]]
    return [p.read_bytes() for p in sorted((ROOT / "rules").glob("*.yaml"))]


def run_atheris(target: str, seconds: int, timeout: int, extra: list[str]) -> None:
    import atheris

    with atheris.instrument_imports(include=["factsheet"]):
        targets = Targets()
    fn = getattr(targets, target)
    corpus = Path(tempfile.mkdtemp(prefix=f"factsheet-fuzz-{target}-corpus-"))
    for n, seed in enumerate(seeds(target)):
        (corpus / f"seed-{n}").write_bytes(seed)
    argv = [sys.argv[0], f"-max_total_time={seconds}", f"-timeout={timeout}", "-rss_limit_mb=4096",
            "-max_len=200000", "-print_final_stats=1", *extra, str(corpus)]
    print(f"atheris: {target} for {seconds} s, corpus {corpus}", flush=True)
    atheris.Setup(argv, fn)
    atheris.Fuzz()


def run_hypothesis(target: str, examples: int, timeout: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    targets = Targets()
    fn = getattr(targets, target)
    slowest = [0.0, b""]
    pieces = st.sampled_from([s[i:i + 200] for s in seeds(target) for i in range(0, len(s), 200)])
    data = st.one_of(st.binary(max_size=4000), st.lists(st.one_of(pieces, st.binary(max_size=20)),
                                                        max_size=40).map(b"".join))

    @settings(max_examples=examples, deadline=timedelta(seconds=timeout), database=None,
              suppress_health_check=list(HealthCheck))
    @given(data)
    def check(raw: bytes) -> None:
        start = time.perf_counter()
        fn(raw)
        took = time.perf_counter() - start
        if took > float(slowest[0]):  # type: ignore[arg-type]
            slowest[:] = [took, raw]

    started = time.perf_counter()
    check()
    print(f"hypothesis: {target}: {examples} examples in {time.perf_counter() - started:.0f} s, no finding; "
          f"slowest input {float(slowest[0]):.3f} s ({len(slowest[1])} bytes)")  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", choices=["load", "rules"])
    parser.add_argument("--engine", choices=["atheris", "hypothesis"], default=None)
    parser.add_argument("--seconds", type=int, default=600, help="atheris: how long to run")
    parser.add_argument("--examples", type=int, default=20_000, help="hypothesis: how many inputs")
    parser.add_argument("--timeout", type=int, default=10, help="seconds after which one input is a finding")
    args, extra = parser.parse_known_args()
    engine = args.engine
    if engine is None:
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    if engine == "atheris":
        run_atheris(args.target, args.seconds, args.timeout, extra)
    else:
        run_hypothesis(args.target, args.examples, args.timeout)


if __name__ == "__main__":
    main()
