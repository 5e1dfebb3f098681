"""The build: load → split/extract → reconcile → render, with every input accounted for.

`build()` is the library entry point the CLI and scheduled runs call. Outputs
are written to a temporary folder beside the target and moved into place only
when all of them are complete, so a failed or killed build leaves the previous
briefing intact.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import facts_json, render
from .copies import find_copies
from .extract import extract_article
from .load import load_paths
from .model import Article, Briefing, Mention
from .reconcile import reconcile
from .resources import builtin_dir
from .rules import RuleSet, load_rules

OUTPUTS = ("briefing.html", "briefing.pdf", "facts.json")


@dataclass(frozen=True)
class BuildResult:
    briefing: Briefing
    out: Path
    outputs: tuple[Path, ...]


def make_briefing(inputs: Sequence[str], rules: RuleSet, title: str | None = None) -> Briefing:
    """Read the inputs and reconcile their facts (no files written)."""
    loaded = load_paths(inputs)
    articles = loaded.articles
    mentions: list[Mention] = []
    for article in articles:
        mentions.extend(extract_article(article, rules))
    copies = find_copies(articles, rules.reconcile.reprint)
    result = reconcile(articles, mentions, copies, rules.reconcile, rules.aliases, story="s-1")
    story_title = title or _story_title(articles)
    return Briefing(
        title=story_title,
        articles=tuple(result.articles),
        skipped=tuple(loaded.skipped),
        facts=tuple(result.facts),
        generated=_generated(articles),
        stories=(("s-1", story_title),),
    )


def _story_title(articles: Sequence[Article]) -> str:
    titled = [a.title for a in articles if a.title]
    return titled[0] if titled else "Briefing"


def _generated(articles: Sequence[Article]) -> str:
    """A build time derived from the inputs, so equal inputs give equal outputs."""
    days = [a.published for a in articles if a.published]
    return max(days).isoformat() if days else "undated"


def build(inputs: Sequence[str], out: str | Path = "out", rules_dirs: Sequence[str | Path] | None = None,
          templates: str | Path | None = None, title: str | None = None) -> BuildResult:
    """Build briefing.html, briefing.pdf and facts.json into `out`, atomically."""
    rules = load_rules(list(rules_dirs) if rules_dirs else [builtin_dir("rules")])
    templates_dir = Path(templates) if templates else builtin_dir("templates")
    briefing = make_briefing(inputs, rules, title)
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".factsheet-", dir=out_dir))
    try:
        (staging / "facts.json").write_text(facts_json.dumps(briefing), encoding="utf-8")
        html = render.render_html(briefing, templates_dir)
        (staging / "briefing.html").write_text(html, encoding="utf-8")
        render.render_pdf(html, templates_dir, staging / "briefing.pdf")
        for name in OUTPUTS:
            os.chmod(staging / name, 0o644)
            os.replace(staging / name, out_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(briefing, out_dir, tuple(out_dir / n for n in OUTPUTS))


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
