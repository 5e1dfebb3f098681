"""Markdown articles rendered to the plain text a reader sees, before any sentence gets an offset.

Why: read as plain text, `**Police** said on Monday ...` gives the speaker
`**Police**` and hides the date, a block quote keeps its `>` and a link keeps
its address in the middle of the sentence. markdown-it-py (CommonMark, plus
tables and strikethrough) parses the file; what is written out is the text:

- emphasis, links, inline code and escapes become their words (`[the
  ministry](https://...)` reads "the ministry"); images and inline HTML tags
  are left out, as the web-page reader leaves them out;
- a paragraph is one line (a soft line break is a space; a hard break, two
  trailing spaces or a backslash, stays a line break); blocks are separated
  as in the file: a blank line where the file has one;
- headings keep one `#` a level (`## Licence suspended`), a setext heading
  (`Title` over `=====`) gets them too: the splitter then knows a heading
  and never cites it as a fact;
- block quotes and bullet lists lose their markers (`> "We...` reads
  `"We...`); numbered items keep their number (`1990. That year ...` is not
  cut to `That year ...`); table rows become `cell | cell`; code blocks keep
  their lines; the text of an HTML block is kept without its tags (never
  its scripts or styles), and horizontal rules and comments disappear.

The rendered text is the article's loaded text: citations are cut from it,
so a citation reads as the plain sentence and its offsets slice it exactly.
"""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

SUFFIXES = {".md", ".markdown"}
_SKIPPED_HTML = {"script", "style", "template", "noscript", "iframe", "svg"}


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def to_text(source: str) -> str:
    """The plain text of a Markdown document, one paragraph a line.

    A document whose words all vanish (quotes or lists nested deeper than the
    parser follows, a file that is one horizontal rule) is kept as written:
    the text is never lost to the markup.
    """
    text = _render(source)
    if not any(ch.isalnum() for ch in text) and any(ch.isalnum() for ch in source):
        return source
    return text


def _render(source: str) -> str:
    blocks: list[tuple[int, int, str]] = []  # (first line, line after the last, text) in the source
    prefix = ""
    row: list[str] | None = None  # the cells of the table row being read
    row_lines = (0, 0)
    rows = 0  # rows of the table being read written so far
    for token in _parser().parse(source):
        kind = token.type
        if kind == "inline":
            text = _inline(token.children or [])
            if row is not None:
                row.append(text)
            else:
                blocks.append((*_lines(token), prefix + text))
                prefix = ""
        elif kind == "list_item_open" and token.info:  # a numbered item: its number is part of the text
            prefix = f"{token.info}{token.markup} "
        elif kind == "heading_open":
            prefix = "#" * int(token.tag[1:]) + " "
        elif kind == "tr_open":  # rows of one table stay on adjacent lines (the |---| line is markup)
            start, end = _lines(token)
            if rows:
                start = min(start, blocks[-1][1])
            row, row_lines = [], (start, end)
        elif kind == "tr_close" and row is not None:
            blocks.append((*row_lines, " | ".join(row)))
            row = None
            rows += 1
        elif kind == "table_open":
            rows = 0
        elif kind in ("code_block", "fence"):
            blocks.append((*_lines(token), token.content.rstrip("\n")))
        elif kind == "html_block" and (text := html_text(token.content)):
            blocks.append((*_lines(token), text))
    out: list[str] = []
    last_end = -1
    for start, end, text in blocks:
        if not text.strip():
            continue
        if out:
            out.append("\n" if start <= last_end else "\n\n")
        out.append(text)
        last_end = max(end, last_end)
    return "".join(out) + ("\n" if out else "")


def _lines(token: Token) -> tuple[int, int]:
    return (token.map[0], token.map[1]) if token.map else (0, 0)


def _inline(children: list[Token]) -> str:
    """An inline run's words: markup, images and HTML tags left out."""
    parts: list[str] = []
    skip = 0
    for child in children:
        kind = child.type
        if kind == "image":
            continue
        if kind in ("text", "code_inline"):
            if not skip:
                parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "html_inline":
            tag = _tag_name(child.content)
            if tag in _SKIPPED_HTML:
                skip += -1 if child.content.startswith("</") else 1
                skip = max(skip, 0)
            elif tag == "br":
                parts.append("\n")
    return "".join(parts).strip()


def _tag_name(html: str) -> str:
    name = html.lstrip("<").lstrip("/").split(None, 1)[0] if html.strip("<>/ ") else ""
    return name.rstrip(">/").casefold()


class _Text(HTMLParser):
    """The text of an HTML block, without scripts, styles or comments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_HTML:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_HTML and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_text(html: str) -> str:
    """Words of an HTML block in a Markdown file, one line for the block."""
    reader = _Text()
    reader.feed(html)
    reader.close()
    return " ".join(" ".join(reader.parts).split())
