"""One PDF page → its text in reading order (pdfplumber's page object in, a string out).

``page_text`` is where the layout of a page is read: the PDF loader calls it for
every page that has a text layer. A PDF has no paragraphs, only lines placed on
the page; their positions say which lines belong together:

* a line that runs to the right edge of the text block (in justified text: ends
  flush with it), followed at the usual line spacing by a line of the same size
  at the left edge, is continued by it: the two become one line ("… kỹ năng xử
  lý các tình huống." / "100% tuyến, địa bàn …" is one paragraph of a justified
  news page);
* a line that ends early (the next line's first word would have fitted), a
  centred line, a list item ("a)", "-", "2.", "Điều 3.") and a heading (capitals,
  or bold after plain text) start or end lines of their own;
* a paragraph set off by space above it or by an indented first line follows a
  blank line, as in a text file, where a blank line ends a paragraph;
* a ruled table comes out in place, one line per row, its cells separated by
  tabs ("Nội dung\\tCơ quan chủ trì\\tCơ quan phối hợp\\tThời gian"), each row
  followed by a blank line, as the DOCX loader gives a Word table;
* what a browser or a word processor prints in the margin of every page (date
  and title, the page's address, "1/3") is left out.

What the layout cannot settle is left to ``normalize``, which joins broken lines
of any text by their words. A page whose last line runs to the right edge ends
with ``normalize.GOES_ON``, so that its paragraph goes on across the page break.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
import weakref
from dataclasses import dataclass

from ..normalize import GOES_ON, is_heading, starts_list_item

# Browsers print their header and footer in the outer 4 % of the page, in a
# smaller type than the text; a word processor's running header repeats, at the
# same place, on the neighbouring page, anywhere in the outer 12 %.
_PRINTED_MARGIN = 0.04
_RUNNING_MARGIN = 0.12
_DIGITS_RE = re.compile(r"\d+")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    first_word_width: float
    second_word_x0: float  # where a list item's text starts after its marker: "a)" → "Ít nhất …"


def page_text(page) -> str:
    """The text of a pdfplumber page: one line per paragraph, a blank line where
    space sets paragraphs apart, tables row by row."""
    tables = _ruled_tables(page)
    lines = [ln for ln in _lines(page, [bbox for bbox, _ in tables]) if ln.text]
    if not lines and not tables:
        return ""
    body_size = _body_size([ln for ln in lines if not _in_band(ln, page)] or lines)
    lines = _without_running_heads(page, [ln for ln in lines if not _in_page_margin(ln, page, body_size)])
    edges = _text_blocks(page, lines)
    blocks = _paragraphs(lines, edges, body_size) + [(bbox[1], rows, False) for bbox, rows in tables]
    blocks.sort(key=lambda block: block[0])
    # a blank line where the page leaves space between paragraphs, as a text file has
    # it: the extractors read "\n\n" as the end of a paragraph, "\n" as a soft break
    text = "".join(("\n\n" if spaced else "\n") * (i > 0) + text for i, (_, text, spaced) in enumerate(blocks))
    if lines and not tables and _runs_to_edge(lines[-1], edges, body_size):
        text += GOES_ON
    return text


# --- lines -------------------------------------------------------------------


def _lines(page, table_boxes: list[tuple]) -> list[_Line]:
    """The page's words grouped into lines, top to bottom, words left to right;
    words inside a table are the table's."""
    # size and font are read from the characters, not given to extract_words: a
    # letter with its tone mark may come from a fallback font ("tậ" of "tập")
    words = page.extract_words(return_chars=True)
    if table_boxes:
        words = [w for w in words if not any(_inside(w, box) for box in table_boxes)]
    words.sort(key=lambda w: (round(w["top"]), w["x0"]))
    groups: list[list[dict]] = []
    for word in words:
        # a word belongs to the line whose middle it crosses: a line's words differ
        # in size and font (a bold name, a superscript) but share that middle
        for group in reversed(groups[-3:]):
            first = group[0]
            middle = (first["top"] + first["bottom"]) / 2
            if word["top"] <= middle <= word["bottom"]:
                group.append(word)
                break
        else:
            groups.append([word])
    lines = []
    for group in groups:
        group.sort(key=lambda w: w["x0"])
        chars = [c for w in group for c in w["chars"]]
        size = statistics.median_low(c["size"] for c in chars)
        bold = sum("bold" in c["fontname"].lower() for c in chars) > len(chars) / 2
        lines.append(_Line(" ".join(w["text"] for w in group), group[0]["x0"], max(w["x1"] for w in group),
                           min(w["top"] for w in group), max(w["bottom"] for w in group),
                           round(size, 1), bold, group[0]["x1"] - group[0]["x0"],
                           group[1]["x0"] if len(group) > 1 else group[0]["x1"]))
    lines.sort(key=lambda ln: ln.top)
    return lines


def _inside(word: dict, box: tuple) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _body_size(lines: list[_Line]) -> float:
    """The type size most of the page's letters are set in."""
    weight: dict[float, int] = {}
    for ln in lines:
        weight[ln.size] = weight.get(ln.size, 0) + len(ln.text)
    return max(weight, key=weight.get) if weight else 0.0


# --- page headers and footers ---------------------------------------------------


def _in_page_margin(line: _Line, page, body_size: float) -> bool:
    """A browser's header or footer: small type at the very top or foot of the page
    ("12/2/26, 3:41 AM  Lạng Sơn triển khai …", "https://… 1/3")."""
    edge = _PRINTED_MARGIN * page.height
    _, top, _, bottom = page.bbox
    outer = line.bottom <= top + edge or line.top >= bottom - edge
    return outer and line.size < body_size - 0.5


def _in_band(line: _Line, page) -> bool:
    band = _RUNNING_MARGIN * page.height
    _, top, _, bottom = page.bbox
    return line.bottom <= top + band or line.top >= bottom - band


def _without_running_heads(page, lines: list[_Line]) -> list[_Line]:
    """``lines`` without those in the page's top and foot bands that the previous
    or the next page has at the same place; digits may differ: "Trang 2",
    "Trang 3". (A first page often has no running header: the second page's is
    found on the third.)"""
    seen = set().union(*(_band_keys(neighbour) for neighbour in _neighbours(page)))
    if not seen:
        return lines
    return [ln for ln in lines
            if not (_in_band(ln, page) and any(key in seen for key in _line_keys(ln)))]


def _neighbours(page) -> list:
    pdf = getattr(page, "pdf", None)
    if pdf is None:
        return []
    index = page.page_number - 1
    return [pdf.pages[i] for i in (index - 1, index + 1) if 0 <= i < len(pdf.pages)]


def _line_keys(line: _Line) -> list[tuple[int, str]]:
    text = _band_text(line.text.replace(" ", ""))
    return [(round(line.top) + shift, text) for shift in (-1, 0, 1)]


def _band_text(letters: str) -> str:
    """Letters compared between pages: digits as 0, ligatures apart ("ﬁle:///…1/3")."""
    return _DIGITS_RE.sub("0", unicodedata.normalize("NFKC", letters))


# page → (top, letters with digits as 0) of each line in its top and foot bands,
# read from the characters alone: cheaper than its words, and a page is read by
# both its neighbours
_BAND_KEYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _band_keys(page) -> set[tuple[int, str]]:
    keys = _BAND_KEYS.get(page)
    if keys is None:
        band = _RUNNING_MARGIN * page.height
        _, top, _, bottom = page.bbox
        chars = sorted((c for c in page.chars if c["bottom"] <= top + band or c["top"] >= bottom - band),
                       key=lambda c: c["top"])
        rows: list[list[dict]] = []
        for char in chars:
            if rows and char["top"] - rows[-1][0]["top"] < 0.5 * char["size"]:
                rows[-1].append(char)
            else:
                rows.append([char])
        keys = set()
        for row in rows:
            text = "".join(c["text"] for c in sorted(row, key=lambda c: c["x0"]) if not c["text"].isspace())
            keys.add((round(row[0]["top"]), _band_text(text)))
        _BAND_KEYS[page] = keys
    return keys


# --- paragraphs ------------------------------------------------------------------


def _paragraphs(lines: list[_Line], edges: dict, body_size: float) -> list[tuple[float, str, bool]]:
    """(top, text, whether it is set off from the line above) of each paragraph:
    lines joined where the layout says one goes on. Space above a paragraph or
    its first line indented sets it off."""
    pitch = _line_pitch(lines, body_size)
    out: list[tuple[float, str, bool]] = []
    for i, line in enumerate(lines):
        if out and _continues(lines[i - 1], line, edges, pitch):
            top, text, spaced = out[-1]
            out[-1] = (top, text + " " + line.text, spaced)
        else:
            left, right, _ = edges[line.size]
            indented = line.x0 - left >= line.size and not _centred(line, left, right)
            # space after a paragraph can be as little as a quarter line (a print of 12 pt type with
            # 6 pt after it); lines within a paragraph keep their pitch to a point
            out.append((line.top, line.text, i > 0 and (indented or line.top - lines[i - 1].top > 1.15 * pitch)))
    return out


def _line_pitch(lines: list[_Line], body_size: float) -> float:
    """The distance from one line's top to the next within a paragraph of body text."""
    steps = [b.top - a.top for a, b in zip(lines, lines[1:])
             if a.size == b.size == body_size and b.top > a.top]
    return statistics.median(steps) if len(steps) >= 3 else 1.5 * body_size


# PDF → (type size, page width) → the widest left and right edges of the text set in it on the
# pages read so far: a page of short lines (the cells of a flattened table, the
# end of a chapter) has its text block's edges from the pages before it
_WIDEST: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _text_blocks(page, lines: list[_Line]) -> dict[float, tuple[float, float, bool]]:
    """Type size → left and right edge of the text set in it, and whether that
    text is justified: many of its long lines end flush with the right edge."""
    pdf = getattr(page, "pdf", None)
    widest = _WIDEST.setdefault(pdf, {}) if pdf is not None else {}
    edges = {}
    for size in {ln.size for ln in lines}:
        same = [ln for ln in lines if abs(ln.size - size) < 0.6]
        key = (size, round(page.width))  # a landscape annex has edges of its own
        left, right = widest.get(key, (float("inf"), float("-inf")))
        left, right = min(left, *(ln.x0 for ln in same)), max(right, *(ln.x1 for ln in same))
        widest[key] = (left, right)
        long = [ln for ln in same if ln.x1 >= right - 3 * size]
        flush = sum(_flush(ln, right) for ln in long)
        # ragged text has a line flush with its edge now and then, not one in three
        edges[size] = (left, right, flush >= 3 and flush >= 0.3 * len(long))
    return edges


def _flush(line: _Line, right: float) -> bool:
    return line.x1 >= right - 0.15 * line.size


def _runs_to_edge(line: _Line, edges: dict, next_word_width: float) -> bool:
    """Whether ``line`` reaches the right edge: in justified text, ends flush with
    it (a paragraph's last line is set ragged, however long: "… năm 2025;" /
    "Căn cứ Luật …"); otherwise a word of ``next_word_width`` (and a space) would
    not have fitted after it."""
    left, right, justified = edges[line.size]
    if justified:
        return _flush(line, right)
    return line.x1 + next_word_width + 0.3 * line.size >= right and not _centred(line, left, right)


def _centred(line: _Line, left: float, right: float) -> bool:
    indent, rest = line.x0 - left, right - line.x1
    return indent > 2 * line.size and abs(indent - rest) < 2 * line.size


def _continues(prev: _Line, nxt: _Line, edges: dict, pitch: float) -> bool:
    """Whether ``nxt`` is the next line of the paragraph ``prev`` is a line of."""
    if abs(prev.size - nxt.size) >= 0.6:
        return False
    if nxt.top - prev.top > 1.3 * pitch or nxt.top <= prev.top:
        return False
    if not _runs_to_edge(prev, edges, nxt.first_word_width):
        return False
    if nxt.x0 > prev.x0 + 0.5 * nxt.size:
        # indented: a new paragraph, unless it lines up with the text of the list item above
        hanging = starts_list_item(prev.text) and abs(nxt.x0 - prev.second_word_x0) < 0.5 * nxt.size
        if not hanging:
            return False
    if starts_list_item(nxt.text):
        return False
    if nxt.bold and not prev.bold:
        return False
    # a heading in capitals goes on in capitals only: "THỦ TƯỚNG CHÍNH PHỦ" / "Số: 1137/QĐ-TTg"
    return is_heading(nxt.text) == is_heading(prev.text)


# --- tables ----------------------------------------------------------------------


def _ruled_tables(page) -> list[tuple[tuple, str]]:
    """(bounding box, rows) of each table drawn with rules: one line per row,
    cells separated by tabs, a blank line after each row."""
    if not page.edges:
        return []  # nothing drawn: no ruled table (and find_tables need not look)
    found = []
    for table in page.find_tables():
        rows = _cell_texts(table)
        if not rows or max(len(row) for row in rows) < 2:
            continue  # a frame around text is no table
        lines = ["\t".join(row) + "\n" for row in rows if any(row)]
        found.append((table.bbox, "\n".join(lines)))
    return found


def _cell_texts(table) -> list[list[str]]:
    """The table's rows, a cell's lines joined by spaces. A cell merged over
    several columns is read once; one merged over several rows is read in each
    of them, as python-docx reads a Word table: the lead unit written once for
    three tasks is the lead unit of each."""
    texts = table.extract()
    rows: list[list[str]] = []
    above: dict[int, tuple[float, str]] = {}  # column → (bottom, text) of the last cell seen in it
    for row, cells_text in zip(table.rows, texts):
        out = []
        for column, (box, text) in enumerate(zip(row.cells, cells_text)):
            if box is not None:
                out.append(" ".join((text or "").split()))
                above[column] = (box[3], out[-1])
                continue
            # no cell of its own: the cell above reaches into this row (merged over
            # rows), or the cell to its left does (merged over columns, read once)
            bottom, text_above = above.get(column, (float("-inf"), ""))
            if bottom > row.bbox[1] + 1:
                out.append(text_above)
        rows.append(out)
    return rows
