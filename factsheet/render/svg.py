"""Inline SVG pictures for the briefing: a coverage grid and a timeline.

Drawn here, in Python, so the HTML needs no JavaScript and no network, and
WeasyPrint puts the same vector drawing in the PDF. Every piece of text that
may come from an article goes through `markupsafe.escape`; the result is
`Markup` only because every part of it was escaped on the way in.

Large briefings are cut into several SVGs (a block of rows/columns each) so a
picture never grows taller than a page: WeasyPrint cannot split one image.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from factsheet.render.views_text import shorten

FONT = "DejaVu Sans"
GRADE_COLOURS = {1: "#1b7837", 2: "#5aae61", 3: "#2166ac", 4: "#d6604d", 5: "#b2182b", 6: "#878787"}
REPORTED = "#2166ac"
REPRINT = "#92c5de"
DIFFER = "#e08214"
GRID_ROWS = 64  # rows per SVG: what fits on an A4 or Letter page at 12 px a row
GRID_WIDTH = 640.0  # px: the text width of an A4 or Letter page
CELL_W, CELL_H = 15.0, 12.0
LABELS_W, CAPTIONS_W = 60.0, 230.0  # row labels: fact id alone, or with a caption
TIMELINE_HEIGHT = 640.0  # px of timeline per SVG: what fits on a page under its heading
TIMELINE_LINES = 30  # chip lines of one date per SVG
CHIPS_PER_LINE = 9


@dataclass(frozen=True)
class GridRow:
    """One fact of the coverage grid: its label and what each article did."""

    label: str  # "f-3"
    caption: str  # the claim (cut to fit the label column here)
    href: str  # "#fact-3"
    cells: tuple[str, ...]  # per column: "" (not reported), "reported", "reprint", "differs"
    differs: bool


@dataclass(frozen=True)
class GridColumn:
    label: str  # "S2"
    title: str  # outlet or article id, for the tooltip
    reprint: bool


@dataclass(frozen=True)
class TimelineItem:
    label: str  # "f-3"
    href: str
    grade: int
    inferred: bool


@dataclass(frozen=True)
class TimelineRow:
    label: str  # "10 December 2025"
    items: tuple[TimelineItem, ...]
    gap_before: bool  # more than a month since the previous date


def _attrs(**values: object) -> str:
    return "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(str(v))}"' for k, v in values.items())


def _text(x: float, y: float, body: str, **extra: object) -> str:
    return f"<text{_attrs(x=_n(x), y=_n(y), **extra)}>{escape(body)}</text>"


def _n(value: float) -> str:
    """Coordinates with at most one decimal, so output is stable and small."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(width: float, height: float, label: str, body: list[str]) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="figure-svg" role="img"'
            f'{_attrs(width=_n(width), height=_n(height), viewBox=f"0 0 {_n(width)} {_n(height)}")}'
            f'{_attrs(aria_label=label, font_family=FONT, font_size=9)}>')
    return Markup(head + f"<title>{escape(label)}</title>" + "".join(body) + "</svg>")


def _chunks(count: int, size: int) -> list[range]:
    return [range(start, min(start + size, count)) for start in range(0, count, size)] or [range(0)]


def coverage_grid(rows: Sequence[GridRow], columns: Sequence[GridColumn]) -> tuple[Markup, ...]:
    """Facts × articles: a filled cell where an article reports the fact.

    Each block of rows shows only the articles that report one of its facts,
    so a briefing over hundreds of articles still gives narrow pictures.
    """
    if not rows or not columns:
        return ()
    pictures: list[Markup] = []
    per_block = grid_columns(any(row.caption for row in rows))
    for rb in _chunks(len(rows), GRID_ROWS):
        block = [rows[i] for i in rb]
        used = [j for j in range(len(columns)) if any(row.cells[j] for row in block)]
        for cb in _chunks(len(used), per_block):
            picked = [(used[k], columns[used[k]]) for k in cb]
            if not picked:
                continue
            label = (f"Coverage grid: facts {block[0].label}–{block[-1].label} "
                     f"by articles {picked[0][1].label}–{picked[-1][1].label}")
            pictures.append(_grid_block(block, picked, label))
    return tuple(pictures)


def grid_columns(captions: bool) -> int:
    """How many article columns fit beside the row labels."""
    return int((GRID_WIDTH - (CAPTIONS_W if captions else LABELS_W)) // CELL_W)


def _grid_block(rows: list[GridRow], columns: list[tuple[int, GridColumn]], label: str) -> Markup:
    cw, ch, head_h = CELL_W, CELL_H, 30.0
    captions = any(row.caption for row in rows)  # big briefings go without: SVG text is laid out letter by letter
    label_w = max(CAPTIONS_W, min(400.0, GRID_WIDTH - cw * len(columns))) if captions else LABELS_W
    fits = int((label_w - 48) / 4.3)  # characters of 7.5 px DejaVu Sans that fit beside the fact id
    width = label_w + cw * len(columns) + 4
    height = head_h + ch * len(rows) + 4
    body: list[str] = []
    for k, (_, col) in enumerate(columns):
        x = label_w + k * cw + cw / 2
        body.append(f"<g><title>{escape(col.label + ' · ' + col.title + (' (reprint)' if col.reprint else ''))}</title>"
                    + _text(x, head_h - 6, col.label, text_anchor="middle", font_size=7) + "</g>")
        if col.reprint:
            body.append(_text(x, head_h - 17, "R", text_anchor="middle", font_size=7, fill=DIFFER,
                              font_weight="bold"))
    for r, row in enumerate(rows):
        y = head_h + r * ch
        if r % 2 == 0:
            body.append(f"<rect{_attrs(x=0, y=_n(y), width=_n(width), height=_n(ch), fill='#f4f4f4')}/>")
        mark = " ≠" if row.differs else ""
        caption = _text(44, y + ch - 3, shorten(row.caption, fits), fill="#444", font_size=7.5) if captions else ""
        body.append(f'<a href="{escape(row.href)}">' + _text(2, y + ch - 3, row.label + mark, font_weight="bold",
                                                            font_size=8, fill=DIFFER if row.differs else "#222")
                    + caption + "</a>")
        for k, (j, _) in enumerate(columns):
            kind = row.cells[j]
            if not kind:
                continue
            colour = {"reported": REPORTED, "reprint": REPRINT, "differs": DIFFER}[kind]
            x = label_w + k * cw
            box = _attrs(x=_n(x + 2.5), y=_n(y + 1.5), width=_n(cw - 5), height=_n(ch - 3), rx=2, fill=colour)
            body.append(f"<rect{box}/>")
    for k in range(len(columns) + 1):
        x = label_w + k * cw
        rule = _attrs(x1=_n(x), y1=_n(head_h), x2=_n(x), y2=_n(height - 4), stroke="#ccc", stroke_width=0.5)
        body.append(f"<line{rule}/>")
    return _svg(width, height, label, body)


def legend() -> Markup:
    """The key shared by every block of the coverage grid."""
    entries = [(REPORTED, "reports the fact"), (REPRINT, "reprint of another article (counts once)"),
               (DIFFER, "reports it; accounts differ (≠)")]
    body, x = [], 2.0
    for colour, words in entries:
        body.append(f"<rect{_attrs(x=_n(x), y=3, width=10, height=10, rx=2, fill=colour)}/>")
        body.append(_text(x + 14, 12, words))
        x += 26 + 5.0 * len(words)
    return _svg(x, 16, "Legend of the coverage grid", body)


@dataclass(frozen=True)
class _Piece:
    """The part of one date's row that goes into one SVG block."""

    row: TimelineRow
    items: tuple[TimelineItem, ...]
    first: bool  # the row starts here (draw its date and its gap mark)


_LINE_H, _PAD, _GAP = 17.0, 7.0, 10.0


def _piece_height(p: _Piece) -> float:
    lines = max(1, -(-len(p.items) // CHIPS_PER_LINE))
    return lines * _LINE_H + _PAD + (_GAP if p.first and p.row.gap_before else 0)


def timeline(rows: Sequence[TimelineRow]) -> tuple[Markup, ...]:
    """Dated facts on a vertical time line, one row per date, cut into blocks no taller than a page.

    A date with more facts than fit on a page continues in the next block.
    """
    chunk = CHIPS_PER_LINE * TIMELINE_LINES
    pieces = [_Piece(row, row.items[i:i + chunk], i == 0) for row in rows for i in range(0, len(row.items) or 1, chunk)]
    blocks: list[list[_Piece]] = []
    used = 0.0
    for piece in pieces:
        h = _piece_height(piece)
        if not blocks or used + h > TIMELINE_HEIGHT:
            blocks.append([])
            used = 0.0
        blocks[-1].append(piece)
        used += h
    return tuple(_timeline_block(block) for block in blocks)


def _timeline_block(pieces: list[_Piece]) -> Markup:
    date_w, axis_x, chip_w = 130.0, 142.0, 46.0
    width = axis_x + 14 + chip_w * CHIPS_PER_LINE
    height = sum(_piece_height(p) for p in pieces) + 6
    body: list[str] = []
    y = 4.0
    body.append(f"<line{_attrs(x1=axis_x, y1=0, x2=axis_x, y2=_n(height), stroke='#999', stroke_width=1.5)}/>")
    for piece in pieces:
        h = _piece_height(piece)
        if piece.first and piece.row.gap_before:
            body.append(f"<line{_attrs(x1=axis_x - 6, y1=_n(y + 2), x2=axis_x + 6, y2=_n(y + 6), stroke='#555')}/>")
            body.append(f"<line{_attrs(x1=axis_x - 6, y1=_n(y + 5), x2=axis_x + 6, y2=_n(y + 9), stroke='#555')}/>")
            y += _GAP
            h -= _GAP
        mid = y + _LINE_H / 2
        label = piece.row.label if piece.first else piece.row.label + " (cont.)"
        body.append(_text(date_w, mid + 3, label, text_anchor="end", font_weight="bold", fill="#222"))
        body.append(f"<circle{_attrs(cx=axis_x, cy=_n(mid), r=4 if piece.first else 2, fill='#222')}/>")
        for k, item in enumerate(piece.items):
            cx = axis_x + 14 + (k % CHIPS_PER_LINE) * chip_w
            cy = y + (k // CHIPS_PER_LINE) * _LINE_H + 2
            colour = GRADE_COLOURS.get(item.grade, "#878787")
            dash = {"stroke_dasharray": "2 1.5"} if item.inferred else {}
            fill = "#fff" if item.inferred else colour
            text_fill = colour if item.inferred else "#fff"
            chip = _attrs(x=_n(cx), y=_n(cy), width=chip_w - 5, height=_LINE_H - 4, rx=6, fill=fill,
                          stroke=colour, stroke_width=1.2, **dash)
            body.append(f'<a href="{escape(item.href)}"><rect{chip}/>'
                        + _text(cx + (chip_w - 5) / 2, cy + _LINE_H - 8, item.label, text_anchor="middle",
                                fill=text_fill, font_size=8, font_weight="bold")
                        + "</a>")
        y += h
    return _svg(width, height, f"Timeline: {pieces[0].row.label} to {pieces[-1].row.label}", body)


def timeline_legend() -> Markup:
    """Chip colours are grades; a dashed chip's date was inferred."""
    body, x = [], 2.0
    for grade in (1, 2, 3, 4, 6):
        body.append(f"<rect{_attrs(x=_n(x), y=2, width=22, height=12, rx=6, fill=GRADE_COLOURS[grade])}/>")
        body.append(_text(x + 11, 11, str(grade), text_anchor="middle", fill="#fff", font_weight="bold"))
        x += 28
    body.append(_text(x, 11, "grade"))
    x += 44
    hollow = _attrs(x=_n(x), y=2, width=22, height=12, rx=6, fill="#fff", stroke="#555", stroke_dasharray="2 1.5")
    body.append(f"<rect{hollow}/>")
    body.append(_text(x + 28, 11, "date inferred from the article's date"))
    return _svg(x + 230, 16, "Legend of the timeline", body)
