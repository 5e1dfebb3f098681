"""A YAML reader that refuses PyYAML's traps and remembers where every value was.

Plain PyYAML silently merges duplicate keys, turns `2025-12-10` into a date
and `no` into False, builds Python objects from tags and lets anchors/aliases
blow up memory. This reader composes the node tree (which keeps line/column
marks), refuses duplicates, anchors/aliases and tags, and keeps every scalar
as the string the author typed; the schema decides what it means.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

MAX_BYTES = 1024 * 1024
MAX_NODES = 200_000
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


class YamlProblem(Exception):
    def __init__(self, message: str, mark: Mark) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _Loader(yaml.SafeLoader):
    pass


def load(text: str) -> tuple[Any, dict[Path, Mark]]:
    """Parse YAML text into plain data and a map from each value's path to its mark."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise YamlProblem(f"the file is larger than {MAX_BYTES // 1024} KB; split it into several files", Mark(1, 1))
    if "\t" in text:
        for n, line in enumerate(text.splitlines(), 1):
            indent = line[: len(line) - len(line.lstrip())]
            if "\t" in indent:
                raise YamlProblem("indent with spaces, not tabs", Mark(n, indent.index("\t") + 1))
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _plain(exc) from None
    marks: dict[Path, Mark] = {}
    if node is None:
        return None, marks
    seen: set[int] = set()
    return _convert(node, (), marks, seen), marks


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


_STANDARD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq", "tag:yaml.org,2002:timestamp",
}


def _convert(node: yaml.Node, path: Path, marks: dict[Path, Mark], seen: set[int]) -> Any:
    if id(node) in seen:
        raise YamlProblem("anchors and aliases (& and *) are not allowed in rule files; write the value out", _mark(node))
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        raise YamlProblem("the file has too many values; split it into several files", _mark(node))
    if node.tag not in _STANDARD_TAGS:
        raise YamlProblem(f"tags like '{node.tag}' are not allowed; remove it", _mark(node))
    marks[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem("a key must be a plain word", _mark(key_node))
            key = key_node.value
            if key == "<<":
                raise YamlProblem("merge keys (<<) are not allowed; write the values out", _mark(key_node))
            if key in result:
                first = marks.get((*path, key))
                where = f" (first at line {first.line})" if first else ""
                raise YamlProblem(f"duplicate key '{key}'{where}; keep one", _mark(key_node))
            result[key] = _convert(value_node, (*path, key), marks, seen)
            marks[(*path, key)] = _mark(key_node)
            marks[(*path, key, "=")] = _mark(value_node)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), marks, seen) for i, item in enumerate(node.value)]
    value = node.value
    if node.style is None and value in ("", "~", "null", "Null", "NULL"):
        return None
    return value


def _plain(exc: yaml.MarkedYAMLError) -> YamlProblem:
    """Rewrite a parser message in plain words."""
    mark = exc.problem_mark or exc.context_mark
    where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "mapping values are not allowed" in problem:
        msg = "this line has a second ': ' — put the text in quotes"
    elif "found character '\\t'" in problem:
        msg = "indent with spaces, not tabs"
    elif "could not find expected ':'" in problem:
        msg = "a key is missing its ':' (or a quoted text runs over the line end)"
    elif "found unexpected end of stream" in problem or "found unexpected end" in problem:
        msg = "a quote mark is opened but never closed"
    elif "expected <block end>" in problem or "did not find expected" in problem:
        msg = "the indentation does not line up with the lines above"
    elif "found undefined alias" in problem or "found undefined anchor" in problem:
        msg = "anchors and aliases (& and *) are not allowed in rule files; write the value out"
    else:
        msg = f"YAML syntax: {problem or context}"
    return YamlProblem(msg, where)
