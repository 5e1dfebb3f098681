"""A YAML reader that refuses PyYAML's traps and remembers where every value was.

Plain PyYAML silently merges duplicate keys, turns `2025-12-10` into a date
and `no` into False, builds Python objects from tags and lets anchors/aliases
blow up memory. This reader composes the node tree (which keeps line/column
marks), refuses duplicates, anchors/aliases and tags, and keeps every scalar
as the string the author typed; the schema decides what it means.

Problems are collected rather than raised one at a time, so an author sees
every duplicate key and every tag of a file in one run. A syntax error stops
the file (the parser cannot go on), and is rewritten in plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from factsheet.limits import env_value

MAX_BYTES = env_value("FACTSHEET_MAX_YAML_BYTES", 1024 * 1024)  # limits.py
MAX_NODES = 200_000
MAX_DEPTH = 50
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


class YamlProblem(Exception):
    """One problem with the text of a YAML file, at a line and column."""

    def __init__(self, message: str, mark: Mark, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.path = path  # where in the data, when the text could be parsed that far


@dataclass
class Loaded:
    """What a YAML text holds, where each value was, and what is wrong with it."""

    data: Any = None
    marks: dict[Path, Mark] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)
    fatal: bool = False  # the text could not be read at all; `data` is None


class _Loader(yaml.SafeLoader):
    pass


def load(text: str) -> tuple[Any, dict[Path, Mark]]:
    """Parse YAML text into plain data and a map from each value's path to its mark.

    Raises the first YamlProblem; `read()` gives all of them.
    """
    loaded = read(text)
    if loaded.problems:
        raise loaded.problems[0]
    return loaded.data, loaded.marks


def read(text: str) -> Loaded:
    """Parse YAML text, collecting every problem a person can fix."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        return _fatal(f"the file is larger than {MAX_BYTES // 1024} KB; split it into several files", Mark(1, 1))
    if text.startswith("\ufeff"):
        text = text[1:]
    tabs = [YamlProblem("indent with spaces, not tabs (this line starts with a tab)", Mark(n, line.index("\t") + 1))
            for n, line in enumerate(text.splitlines(), 1)
            if "\t" in line[: len(line) - len(line.lstrip())]]
    if tabs:
        return Loaded(problems=tabs, fatal=True)
    lines = text.splitlines()
    try:
        anchors = _anchor_problems(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return Loaded(problems=[_plain(exc, lines)], fatal=True)
    except YamlProblem as exc:
        return Loaded(problems=[exc], fatal=True)
    except yaml.YAMLError as exc:  # the reader's: a NUL or other character YAML refuses
        return _fatal("the file holds a character YAML does not allow (a NUL or control character); remove it",
                      _position(exc, text))
    except RecursionError:
        return _fatal(f"the file nests lists and keys too deeply (more than {MAX_DEPTH} levels)", Mark(1, 1))
    if anchors:
        return Loaded(problems=anchors, fatal=True)
    loaded = Loaded()
    if node is None:
        return loaded
    state = _State(loaded)
    loaded.data = state.convert(node, (), 0)
    return loaded


def _fatal(message: str, mark: Mark) -> Loaded:
    return Loaded(problems=[YamlProblem(message, mark)], fatal=True)


def _anchor_problems(text: str) -> list[YamlProblem]:
    """Every anchor (&name) and alias (*name): refused before anything is built from them."""
    out: list[YamlProblem] = []
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        start = event.start_mark
        mark = Mark(start.line + 1, start.column + 1) if start is not None else Mark(1, 1)
        # stop deep nesting here: PyYAML's scanner slows quadratically with it (50,000 '[' took 109 s)
        depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
        if depth > MAX_DEPTH:
            raise YamlProblem(f"the file nests lists and keys too deeply (more than {MAX_DEPTH} levels)", mark)
        if isinstance(event, yaml.AliasEvent):
            out.append(YamlProblem(f"aliases (*{event.anchor}) are not allowed in rule files; "
                                   "write the value out in full", mark))
        elif getattr(event, "anchor", None):
            out.append(YamlProblem(f"anchors (&{getattr(event, 'anchor', '')}) are not allowed in rule files; "
                                   "write the value out in full", mark))
        if len(out) >= 20:
            break
    return out


def _position(exc: yaml.YAMLError, text: str) -> Mark:
    """Line and column of a reader error, which gives only a character position."""
    position = getattr(exc, "position", None)
    if not isinstance(position, int):
        return Mark(1, 1)
    line_start = text.rfind("\n", 0, position) + 1
    return Mark(text.count("\n", 0, position) + 1, position - line_start + 1)


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


_STANDARD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq", "tag:yaml.org,2002:timestamp",
}
_NULLS = ("", "~", "null", "Null", "NULL")


class _State:
    """One conversion of a node tree into plain data, marks and problems."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.count = 0

    def problem(self, message: str, node: yaml.Node, path: Path = ()) -> None:
        self.loaded.problems.append(YamlProblem(message, _mark(node), path))

    def convert(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise_at = _mark(node)
            self.loaded.problems.append(YamlProblem("the file has too many values; split it into several files",
                                                    raise_at))
            self.loaded.fatal = True
            return None
        if depth > MAX_DEPTH:
            self.problem(f"the file nests lists and keys too deeply (more than {MAX_DEPTH} levels)", node, path)
            return None
        marks = self.loaded.marks
        marks[path] = _mark(node)
        if node.tag not in _STANDARD_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problem(f"tags like '{tag}' are not allowed in rule files; remove it", node, path)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        value: str = node.value
        if getattr(node, "style", None) is None and value in _NULLS:
            return None
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        marks = self.loaded.marks
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem("a key must be a plain word followed by ':'", key_node, path)
                continue
            key = key_node.value
            if key == "<<":
                self.problem("merge keys (<<) are not allowed in rule files; write the values out", key_node, path)
                continue
            if key in result:
                first = marks.get((*path, key))
                where = f" (first at line {first.line})" if first else ""
                self.problem(f"duplicate key '{key}'{where}; YAML would silently keep only the last one — "
                             "keep one", key_node, path)
                continue
            result[key] = self.convert(value_node, (*path, key), depth + 1)
            marks[(*path, key)] = _mark(key_node)
            marks[(*path, key, "=")] = _mark(value_node)
        return result


def _plain(exc: yaml.MarkedYAMLError, lines: list[str]) -> YamlProblem:
    """Rewrite a parser message in plain words, looking at the lines it points to."""
    mark = exc.problem_mark or exc.context_mark
    where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    line = _line(lines, where.line)
    value = _value_of(line)
    prev_no, prev = _previous(lines, where.line)
    dash = next((n for n in (where.line, prev_no) if re.match(r"^\s*-[^\s-]", _line(lines, n))), 0)
    if dash:
        return YamlProblem("put a space after '-' (write '- id: ...', not '-id: ...')", Mark(dash, 1))
    misplaced = indentation_problem(lines, where.line)
    if misplaced is not None:  # a line off by a space confuses the parser most: say so before anything else
        return misplaced
    if "mapping values are not allowed" in problem:
        if line.count(": ") + line.rstrip().endswith(":") >= 2 or (value and ": " in value):
            return YamlProblem("this line has a second ': ' — put the text in quotes", where)
        if prev and ":" not in prev:
            return YamlProblem("this line has no ':' — write key: value", Mark(prev_no, _indent(prev) + 1))
        return YamlProblem(_indent_message(line, prev), Mark(where.line, _indent(line) + 1))
    if "could not find expected ':'" in problem:
        bad = next((n for n in (where.line, prev_no) if n and ":" not in _line(lines, n)), where.line)
        return YamlProblem("this line has no ':' — write key: value", Mark(bad, _indent(_line(lines, bad)) + 1))
    if "found character '\\t'" in problem:
        return YamlProblem("indent with spaces, not tabs", where)
    if "found character" in problem and "cannot start any token" in problem:
        ch = problem.split("'")[1] if "'" in problem else "?"
        return YamlProblem(f"a text cannot start with '{ch}' unless it is in quotes; put the text in quotes", where)
    if context.startswith("while scanning a quoted scalar"):
        start = exc.context_mark
        at = Mark(start.line + 1, start.column + 1) if start is not None else where
        return YamlProblem("a quote mark is opened but never closed", at)
    if "expected a single document" in context or "but found another document" in problem:
        return YamlProblem("a rule file holds one document: remove the second '---' line", where)
    if "found undefined alias" in problem:
        return YamlProblem("aliases (*name) are not allowed in rule files; write the value out in full", where)
    at_value = Mark(where.line, len(line) - len(line.lstrip()) + line.lstrip().find(value) + 1 if value else 1)
    if value and value[0] in "{[" and ("expected <block end>" in problem or "expected ','" in problem):
        kind = "mapping" if value[0] == "{" else "list"
        return YamlProblem(f"a text that starts with '{value[0]}' must be in quotes, or YAML reads it as a "
                           f"{kind}: write '{value}'", at_value)
    if value and value[0] in "'\"" and "expected <block end>" in problem:
        q = value[0]
        fix = ("put the whole text in double quotes, or write each apostrophe twice ('')" if q == "'" else
               "put the whole text in single quotes: '" + value.replace("'", "''") + "'")
        return YamlProblem(f"the text starts with {q} so YAML ends it at the next {q}; {fix}", at_value)
    if "expected <block end>" in problem or "did not find expected" in problem or "expected ','" in problem:
        return YamlProblem(_indent_message(line, prev), Mark(where.line, _indent(line) + 1))
    if "found unexpected end of stream" in problem:
        return YamlProblem("a quote mark or bracket is opened but never closed", where)
    return YamlProblem(f"YAML cannot read this line: {problem or context}", where)


_KEY = re.compile(r"^(?P<key>(?:[\w.-]+|'[^']*'|\"[^\"]*\")):(?:\s+(?P<value>.*))?$")


def indentation_problem(lines: list[str], upto: int) -> YamlProblem | None:
    """The first line up to `upto` whose indentation fits no block above it, in words.

    YAML says where the parser gave up ("expected <block end>", a text that starts with '['), which
    is often a line or two after a line indented a space too few or too many. Every line must start
    at the column of a block it belongs to (a key of the same mapping, an item of the same list), or
    deeper than a line that opens a block (`phrases:`).
    """
    stack: list[tuple[int, int, str]] = []  # open blocks: (column, line, what starts there)
    opener: tuple[int, int, str] | None = None  # the line above opened a block: (its column, line, key)
    scalar_under: int | None = None  # inside a `>` or `|` text: lines deeper than this column are text
    depth = 0  # open [ or { of a list or mapping written on several lines
    last = 0  # the line above that holds a key or an item
    for n in range(1, min(upto, len(lines)) + 1):
        text = lines[n - 1]
        body = text.strip()
        if not body or body.startswith("#"):
            continue
        col = _indent(text)
        if scalar_under is not None:
            if col > scalar_under:
                continue
            scalar_under = None
        if depth > 0:
            depth = max(0, depth + _brackets(body))
            continue
        fits = any(c == col for c, _, _ in stack) or (opener is not None and col > opener[0]) or not stack
        if not fits:
            return YamlProblem(_misplaced(text, col, last, stack, opener), Mark(n, col + 1))
        last = n
        while stack and stack[-1][0] > col:
            stack.pop()
        rest, column = body, col
        while rest.startswith("- ") or rest == "-":  # "- key: value": an item, and its keys one column in
            if stack and stack[-1][0] == column:
                stack.pop()
            stack.append((column, n, "the list item"))
            rest = rest[1:].lstrip()
            column = len(text) - len(rest) if rest else column + 2
        key = _KEY.match(rest)
        value = re.sub(r"(?:^|\s)#.*$", "", key.group("value") or "").strip() if key else rest
        if key:
            if stack and stack[-1][0] == column:
                stack.pop()
            stack.append((column, n, f"'{key.group('key')}'"))
        opener = None
        if key and not value:
            opener = (column, n, key.group("key"))
        elif key and value[:1] in ">|":
            scalar_under = column
        elif not key and rest == "":
            opener = (col, n, "-")
        depth = max(0, _brackets(value))
    return None


def _brackets(text: str) -> int:
    """How many [ and { a line leaves open, outside quotes."""
    bare = re.sub(r"'[^']*'|\"[^\"]*\"", "", text.split(" #")[0])
    return bare.count("[") + bare.count("{") - bare.count("]") - bare.count("}")


def _misplaced(text: str, col: int, last: int, stack: list[tuple[int, int, str]],
               opener: tuple[int, int, str] | None) -> str:
    what = _KEY.match(text.strip().lstrip("- ").strip())
    name = f"'{what.group('key')}'" if what else ("this list item" if text.strip().startswith("-") else "this line")
    spaces = f"{col} space{'s' * (col != 1)}"
    shallower = [c for c in stack if c[0] < col]
    deeper = [c for c in stack if c[0] > col]
    if shallower and not deeper and opener is None:
        above = shallower[-1]
        where = "the line above" if above[1] == last else f"line {above[1]}"
        return (f"{name} is indented further than {above[2]} on {where} ({spaces}, not {above[0]}), and "
                "the line above does not open a block; line them up (same number of spaces), or end the line "
                "above with ':' if this belongs under it")
    near = sorted(stack, key=lambda c: (abs(c[0] - col), -c[1]))[:2]
    options = " or ".join(f"{c[0]} like {c[2]} on line {c[1]}" for c in sorted(near, key=lambda c: c[0]))
    return (f"{name} is indented {spaces}, which lines up with nothing above: indent it {options}, "
            "whichever it belongs with")


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _previous(lines: list[str], number: int) -> tuple[int, str]:
    """The nearest line above that holds something other than a comment."""
    for n in range(number - 1, 0, -1):
        text = lines[n - 1]
        if text.strip() and not text.lstrip().startswith("#"):
            return n, text
    return 0, ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _key_column(line: str) -> int:
    """Where the key of a line starts, after any '- '."""
    m = re.match(r"^(\s*(?:-\s+)*)", line)
    return len(m.group(1)) if m else 0


def _indent_message(line: str, prev: str) -> str:
    key = line.strip().split(":")[0]
    if prev and _indent(line) > _key_column(prev) and not prev.rstrip().endswith(":"):
        other = prev.strip().lstrip("- ").split(":")[0]
        return (f"'{key}' is indented further than '{other}' on the line above; "
                "line them up (same number of spaces)")
    return "the indentation does not line up with the lines above (keys of one block start at the same column)"


def _value_of(line: str) -> str:
    """The text after '- ' or 'key: ' on a line, as the author typed it."""
    m = re.match(r"^\s*(?:-\s+)*(?:[\w.-]+:\s+)?(?:-\s+)?(.*)$", line)
    return m.group(1).strip() if m else ""
