"""Write facts.json straight to disk, one fact at a time, byte for byte what facts_json.dumps gives.

Why: json.dumps with indent runs the pure-Python encoder, which collects
millions of small strings before joining them; for 10,000 articles (a 126 MB
facts.json) that alone took the build's memory from 0.6 to 1.4 GB, and the
encoded copy and its decoded twin for the cache key came on top. Writing
each fact as it is encoded keeps only one fact's text in memory, and the
SHA-256 of the bytes is computed on the way (the PDF cache key needs it).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from factsheet.compare.changes import Changes
from factsheet.model import Briefing, Fact
from factsheet.render import facts_json, jsonfast

_EMPTY_FACTS = '"facts": []\n}'


def write_facts_json(briefing: Briefing, path: Path, changes: Changes | None = None) -> str:
    """Write facts.json to `path`; return the SHA-256 (hex) of what was written."""
    head = jsonfast.encode(facts_json.to_dict(replace(briefing, facts=()), changes))
    digest = hashlib.sha256()
    with path.open("wb") as out:

        def put(text: str) -> None:
            data = text.encode("utf-8")
            digest.update(data)
            out.write(data)

        if not briefing.facts or not head.endswith(_EMPTY_FACTS):  # facts not last: the plain way
            put(facts_json.dumps(briefing, changes))
            return digest.hexdigest()
        put(head[: -len("]\n}")])
        for n, fact in enumerate(briefing.facts):
            # a fact is an item of a list two levels down: every line of it moves in by 4 spaces
            text = jsonfast.encode(_fact_dict(briefing, fact, changes)).replace("\n", "\n    ")
            put(("\n    " if n == 0 else ",\n    ") + text)
        put("\n  ]\n}\n")
    return digest.hexdigest()


def _fact_dict(briefing: Briefing, fact: Fact, changes: Changes | None) -> dict[str, Any]:
    """One fact as facts_json writes it (the function its to_dict uses, so the two cannot drift)."""
    return facts_json.fact_dict(fact, changes)

