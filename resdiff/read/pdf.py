"""PDF -> resolution text, rebuilt from character positions and fonts (pdfplumber).

    read(data, *, path, max_pages=1000, time_limit=120.0) -> str

Plain text extraction loses what a reader of the printed page sees, so this module works on
characters (pdfplumber: text, font name, size, box):

1. rows      characters grouped by baseline; a row of smaller characters raised into the row
             below it is folded in as superscripts.
2. text      spaces from gaps between glyphs; a word boundary where italic meets roman (the
             italic opening "Recallingits" of a UN PDF becomes "Recalling its"); raised digits
             are footnote markers glued to the text before them ("1997,1"), or the number of a
             footnote when they start a row ("1 See Official Records ...").
3. furniture rows in the top or bottom margin that repeat on several pages (running symbol,
             "Page 2", a browser's date and title) or are bare page numbers are dropped.
4. blocks    a paragraph break where the line spacing opens up, the font size changes (body ->
             footnotes), a short line is followed by an indented one, or a footnote starts.

The result is the same kind of text a retyped .txt is, and goes through the same parser.
Guards: the declared page count against ``max_pages`` before any page is read, and a time
limit on the whole extraction (a hostile PDF can make pdfminer spin).
"""

from __future__ import annotations

import io
import logging
import math
import signal
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

import pdfplumber
import regex
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFObjRef, resolve1

from ..errors import FormatError

DEFAULT_MAX_PAGES = 1000
"""Refuse PDFs declaring more pages than this (``--max-pages``)."""
DEFAULT_TIME_LIMIT = 120.0
"""Seconds the whole extraction may take."""
_ITALIC = regex.compile(r"italic|oblique|[-,]it(?:mt)?$", regex.IGNORECASE)
_PAGE_NUMBER = regex.compile(r"^(?:page\s*)?[-\u2013]?\s*\d{1,4}\s*[-\u2013]?$|^\d{1,4}\s*(?:/|of)\s*\d{1,4}$"
                             r"|^page\s+\d{1,4}\s+of\s+\d{1,4}$", regex.IGNORECASE)
_SPACES = regex.compile(r"[ \t\r\n\f\v]+")
"""Collapsible whitespace; a no-break space is text and stays (the parser decides)."""
_CLOSED = regex.compile(r"[,;:.]\d{0,3}[\]\"'\u201d\u2019)]?$")  # "1997,1", "Rights,]", "."
_ENDS = regex.compile(r"[;:.]\d{0,3}[\]\"'\u201d\u2019)]?$")
_HYPHEN_END = regex.compile(r"\p{L}-$")
_MARGIN = 0.12  # top and bottom share of the page where running heads and feet live

# pdfminer logs its repairs ("Could not get FontBBox ...") as warnings; with no logging set
# up, Python's last-resort handler prints them on stderr, breaking "success leaves stderr
# empty". A library's own handler stops that; an application that configures logging still
# gets them through the root logger.
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that the libraries' broad ``except Exception``
    handlers (pdfplumber wraps every pdfminer error) let it through."""


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    italic: bool
    raised: bool = False


@dataclass
class _Row:
    chars: list[_Char] = field(default_factory=list)
    page: int = 0
    text: str = ""
    label: bool = False  # starts with a raised number: a footnote

    def _body(self) -> list[_Char]:
        """The characters on the baseline (superscripts would stretch the box)."""
        return [c for c in self.chars if not c.raised] or self.chars

    @property
    def top(self) -> float:
        return min(c.top for c in self._body())

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self._body())

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def size(self) -> float:
        sizes = Counter(round(c.size, 1) for c in self.chars if not c.raised and c.text.strip())
        return sizes.most_common(1)[0][0] if sizes else max(c.size for c in self.chars)


@contextmanager
def _deadline(seconds: float, path: str):
    """Interrupt a stuck extraction with SIGALRM where we can (main thread, Unix)."""
    usable = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
              and seconds > 0)
    if not usable:
        yield
        return

    def interrupt(signum, frame):
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_plain_resolve = PDFObjRef.resolve


def _resolve_acyclic(self, default=None):
    """PDFObjRef.resolve that follows a chain of references to its end, and refuses a chain
    that comes back on itself ("1 0 obj 1 0 R endobj"): pdfminer's resolve1 would follow
    that for ever (found by fuzz/fuzz_readers.py; only the time limit stopped it)."""
    seen = {self.objid}
    found = _plain_resolve(self, default)
    while isinstance(found, PDFObjRef):
        if found.objid in seen:
            raise PDFSyntaxError(f"reference cycle through object {found.objid}")
        seen.add(found.objid)
        found = _plain_resolve(found, default)
    return found


# Installed for the whole process, not per read: a swap around each read could be undone by a
# concurrent read finishing first (and outside the main thread there is no deadline). On a
# chain without a cycle it returns exactly what pdfminer's own resolve returns.
PDFObjRef.resolve = _resolve_acyclic


def read(data: bytes, *, path: str, max_pages: int = DEFAULT_MAX_PAGES,
         time_limit: float = DEFAULT_TIME_LIMIT) -> str:
    """The text of a PDF as the parser reads it."""
    if max_pages < 1:
        raise FormatError(f"--max-pages must be at least 1, not {max_pages}", path=path)
    started = time.monotonic()
    try:
        with _deadline(time_limit, path):
            pages = _extract(data, path, max_pages, started, time_limit)
    except _Timeout:
        raise FormatError(f"PDF text extraction took longer than {time_limit:g} s", path=path,
                          hint="the PDF may be damaged or hostile; print it to a new PDF "
                               "or save it as text") from None
    return _compose(pages)


def _extract(data: bytes, path: str, max_pages: int, started: float,
             time_limit: float) -> list[tuple[float, list[_Row]]]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many unrelated types on bad input
        raise _bad_pdf(exc, path) from None
    try:
        try:
            declared = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
        except Exception:  # noqa: BLE001 - a broken page tree is caught when pages are read
            declared = None
        result = []
        try:
            # The declared count first (cheap); then the real one, in case it lied.
            count = declared if isinstance(declared, int) and declared > max_pages else len(pdf.pages)
            if count > max_pages:
                raise FormatError(f"PDF has {count} pages, more than --max-pages {max_pages}",
                                  path=path, hint="raise --max-pages if this is intended")
            for page in pdf.pages:
                if time.monotonic() - started > time_limit:
                    raise _Timeout()
                chars = [_Char(c["text"], float(c["x0"]), float(c["x1"]), float(c["top"]),
                               float(c["bottom"]), float(c["size"]),
                               bool(_ITALIC.search(str(c.get("fontname", "")))))
                         # overprinted "fake bold" draws each glyph twice: keep one
                         for c in page.dedupe_chars().chars if c.get("upright", True) and c["text"]]
                # A glyph at an infinite or undefined place (a 300-digit font size or
                # matrix overflows to inf) cannot be laid out; it is not on the page.
                chars = [c for c in chars if all(map(math.isfinite, (c.x0, c.x1, c.top,
                                                                     c.bottom, c.size)))]
                result.append((float(page.height), _rows(chars, page.page_number)))
        except FormatError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise _bad_pdf(exc, path) from None
    finally:
        # Not ``with pdf``: pdfplumber's close() walks the page tree again, so on a broken
        # PDF it raises anew and would replace the FormatError above with a traceback.
        try:
            pdf.close()
        except Exception:  # noqa: BLE001 - the document is being dropped anyway
            pass
    if not any(rows for _, rows in result):
        raise FormatError("PDF has no text layer (a scan?)", path=path,
                          hint="run OCR on it first, or give the text as .txt")
    return result


def _bad_pdf(exc: Exception, path: str) -> FormatError:
    name = type(exc).__name__
    if "Password" in name or "Encryption" in name:
        return FormatError("PDF is password-protected", path=path,
                           hint="remove the protection and save it again")
    reason = " ".join(str(exc).split())  # one line, whatever pdfminer put in its message
    return FormatError(f"cannot read PDF ({name}: {reason})"[:300], path=path,
                       hint="the file may be damaged; print it to a new PDF")


# -- 1. rows --------------------------------------------------------------------------------

def _rows(chars: list[_Char], page: int) -> list[_Row]:
    rows: list[_Row] = []
    for char in sorted(chars, key=lambda c: (round(c.bottom, 1), c.x0)):
        last = rows[-1].chars[-1] if rows else None
        if last is not None and abs(last.bottom - char.bottom) <= 0.2 * min(char.size, last.size):
            rows[-1].chars.append(char)
        else:
            rows.append(_Row([char], page))
    # A row of small characters whose box overlaps a larger row just below: superscripts.
    merged: list[_Row] = []
    for index, row in enumerate(rows):
        target = next((other for other in rows[index + 1:index + 3]
                       if other.top < row.bottom and row.size < 0.9 * other.size
                       and row.bottom < other.bottom - 0.12 * other.size), None)
        if target is not None:
            for char in row.chars:
                char.raised = True
            target.chars.extend(row.chars)
        else:
            merged.append(row)
    for row in merged:
        row.chars.sort(key=lambda c: c.x0)
        row.text, row.label = _row_text(row)
    return [row for row in merged if row.text]


# -- 2. text --------------------------------------------------------------------------------

def _row_text(row: _Row) -> tuple[str, bool]:
    out = ""
    previous: _Char | None = None
    label = False
    chars = row.chars
    for index, char in enumerate(chars):
        text = char.text
        if char.raised and text.isdigit():
            if not out.strip():
                label = True
                out = out.strip() + text
                nxt = chars[index + 1] if index + 1 < len(chars) else None
                if nxt is not None and not (nxt.raised and nxt.text.isdigit()):
                    out += " "
            else:
                if not (previous and previous.raised and previous.text.isdigit()):
                    out = out.rstrip(" ")
                out += text
            previous = char
            continue
        if previous is not None and out and not out.endswith(" ") and text != " ":
            gap = char.x0 - previous.x1
            boundary = (char.italic != previous.italic and out[-1:].isalnum() and text[:1].isalnum())
            if gap > 0.18 * min(char.size, previous.size) or boundary or (
                    previous.raised and previous.text.isdigit() and gap > 0.05 * char.size):
                out += " "
        out += text
        previous = char
    return _SPACES.sub(" ", out).strip(" "), label


# -- 3. furniture and 4. blocks ------------------------------------------------------------

def _furniture(pages: list[tuple[float, list[_Row]]]) -> set[int]:
    """ids of rows that are running heads/feet."""
    seen: dict[str, set[int]] = {}
    margin_rows = []
    for height, rows in pages:
        for row in rows:
            if row.top < height * _MARGIN or row.bottom > height * (1 - _MARGIN):
                key = regex.sub(r"\d+", "#", row.text.lower())
                seen.setdefault(key, set()).add(row.page)
                margin_rows.append((row, key))
    repeat = 2 if len(pages) < 6 else max(2, len(pages) // 3)
    return {id(row) for row, key in margin_rows
            if len(seen[key]) >= repeat or _PAGE_NUMBER.match(row.text)}


def _first_word_width(row: _Row) -> float:
    end = row.chars[0].x1
    for char in row.chars:
        if char.text.isspace():
            break
        end = char.x1
    return end - row.x0


def _compose(pages: list[tuple[float, list[_Row]]]) -> str:
    dropped = _furniture(pages)
    rows = [row for _, page_rows in pages for row in sorted(page_rows, key=lambda r: r.top)
            if id(row) not in dropped]
    if not rows:
        return ""
    body_size = Counter(round(r.size, 1) for r in rows for _ in r.text).most_common(1)[0][0]

    def small(row: _Row) -> bool:  # footnote-sized text
        return row.size < 0.92 * body_size

    pairs = list(zip(rows, rows[1:]))
    alike = [(prev, row) for prev, row in pairs if prev.page == row.page and small(prev) == small(row)]
    # The line pitch: a low percentile of baseline-to-baseline steps, because in a text of
    # short paragraphs most steps cross a paragraph gap.
    pitches: dict[bool, list[float]] = {True: [], False: []}
    for prev, row in alike:
        if 0.95 * row.size <= row.bottom - prev.bottom < 2.2 * row.size:
            pitches[small(row)].append(row.bottom - prev.bottom)
    pitch = {k: sorted(v)[len(v) // 5] if v else None for k, v in pitches.items()}
    right = max(r.x1 for r in rows)
    # The left margin: the smallest line start that is common (in a text of one- and two-line
    # paragraphs with first-line indents, the indent is the most common start).
    starts_at = Counter(round(r.x0) for r in rows if not small(r))
    left = min((x for x, n in starts_at.items() if n >= max(2, len(rows) // 20)),
               default=min(starts_at, default=0))

    def wide_gap(prev: _Row, row: _Row) -> bool:
        return row.bottom - prev.bottom > 1.3 * (pitch[small(row)] or 1.25 * row.size)

    # Paragraph spacing, when the document has it, is the reliable signal; only without it
    # do short lines and indents decide (ragged-right text has short lines everywhere). A
    # few wide gaps around a title or the adoption line do not make a spaced document.
    # Judged on body text: footnotes have spacing of their own and start with their number.
    body = [(prev, row) for prev, row in alike if not small(row)]
    spaced = sum(1 for prev, row in body if wide_gap(prev, row)) >= max(2, len(body) // 10)
    from ..lexicon import default_lexicon  # layout needs to know what an opening looks like

    openings = default_lexicon().opening_pattern
    blocks: list[list[str]] = [[rows[0].text]]
    for index, (prev, row) in enumerate(pairs):
        nxt = rows[index + 2] if index + 2 < len(rows) else None
        short = prev.x1 < right - 3 * prev.size
        closed = bool(_CLOSED.search(prev.text))
        # The first word of this line would have fitted on the previous one, which closes a
        # clause: that line was ended on purpose, at the end of a paragraph. (Not for lines
        # broken by hand inside a title: they do not end with punctuation.)
        fits = closed and prev.x1 + 0.3 * row.size + _first_word_width(row) < right - 1
        # A known opening phrase ("Bearing in mind", "Urges") after a line that closes a
        # clause starts a paragraph even in a flat layout (no spacing, no indents).
        opens = closed and row.text[:1].isupper() and bool(openings.match(row.text))
        starts = row.text[:1].isupper() or row.text[:1].isdigit() or row.text[:1] == "("
        # A first-line indent: this line starts right of its neighbours on both sides
        # (a hanging list item is the other way round: its later lines stay indented).
        indented = row.x0 > prev.x0 + row.size and (
            nxt is None or nxt.page != row.page or nxt.x0 < row.x0 - row.size / 2)
        at_indent = row.x0 > left + row.size / 2
        ends_sentence = bool(_ENDS.search(prev.text)) and starts and at_indent
        # two first lines in a row: the previous paragraph had a single line (it started a
        # block, or is short); a first-line indent layout returns to the margin otherwise
        one_liner = (at_indent and abs(prev.x0 - row.x0) < row.size / 2 and starts
                     and (short or len(blocks[-1]) == 1))
        if small(row) != small(prev) or row.label:
            brk = True
        elif row.page != prev.page:
            brk = closed and (short or starts)
        else:
            brk = wide_gap(prev, row) or fits or opens or (not spaced and (
                indented or ends_sentence or one_liner or (short and closed and starts)))
        if brk:
            blocks.append([row.text])
        elif _HYPHEN_END.search(blocks[-1][-1]):
            blocks[-1][-1] += row.text  # "Secretary-" / "General": a hyphen UN texts really have
        else:
            blocks[-1].append(row.text)
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
