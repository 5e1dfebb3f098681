"""JSON text for facts.json: orjson when it is installed, else the standard library, byte for byte the same.

Why: `json.dumps(..., indent=2)` runs the pure-Python encoder; on the 7.5 MB
facts.json of the news_cluster corpus it takes about 0.27 s where this takes
0.03 s, orjson's own part 3.5 ms (bench/bench_json.py, docs/performance.md). orjson is an
optional dependency (`pip install factsheet[fast]`): without it, or for a
value orjson refuses (a lone surrogate, an integer over 64 bits), the
standard library writes the same text.

The two agree byte for byte on everything facts.json holds: strings (orjson,
like `ensure_ascii=False`, writes non-ASCII characters as they are and
escapes only quotes, backslashes and control characters), integers,
booleans, null, lists and objects with string keys, two-space indentation,
`", "`/`": "` separators. They would differ on floats with small exponents
(`1e-07` against `1e-7`), so facts.json holds no floats; tests/test_jsonfast.py
checks the agreement on real builds.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

_orjson: ModuleType | None
try:
    import orjson as _orjson
except ImportError:  # the optional dependency is not installed: the standard library it is
    _orjson = None


def available() -> bool:
    return _orjson is not None


def encode(value: Any, *, fast: bool = True) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, through orjson when installed and `fast`."""
    if fast and _orjson is not None:
        try:
            return str(_orjson.dumps(value, option=_orjson.OPT_INDENT_2).decode("utf-8"))
        except TypeError:  # orjson.JSONEncodeError: what orjson refuses, the standard library may still write
            pass
    return json.dumps(value, ensure_ascii=False, indent=2)
