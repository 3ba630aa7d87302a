"""PDF -> resolution text, rebuilt from the page's text objects (PDFium, via pypdfium2).

    read(data, *, path, max_pages=1000, time_limit=120.0) -> str

A text extraction flattens what a reader of the printed page sees; this module works on the
page's text objects instead (each a run of one font: its text, font name, size, baseline and
box), and prints the text the parser reads:

1. objects   per page, with form XObjects opened; empty runs dropped.
2. lines     runs grouped by baseline; a line of smaller runs raised into the line below it
             is folded in as superscripts (footnote markers, glued to the word before them:
             "2024,1"; at the start of a line, the number of a footnote entry: "1 See ...").
             A wide horizontal gap splits a line (masthead columns, a hanging number's tab
             stays inside: "6. Encourages").
3. zones     running heads and feet: lines in the top or bottom margin that repeat at the
             same height across pages (on the first page too when on every page) or are a
             page counter, a job number or a barcode, and on later pages the top-margin lines
             set smaller than the body above its first line (the short title over two
             lines); the footnote area under its rule, each entry opened by a blank line.
4. text      a space where the gap between runs is a space; a word boundary where italic meets
             roman ("Recalling" + "its"); a blank line where the line spacing opens up; a form
             feed between pages, so that the parser knows a paragraph may go on across it.

Step 1 is here; steps 2-4 (geometry to text, no PDFium) are pdf_layout.py's. The parser does
the rest (the same rules as for a text extraction: layout, blocks, markers).
Guards: the page count against ``max_pages`` before any page is read, a time limit on the
whole extraction, a bound on the text objects of one page, and a password-protected PDF named
as such. PDFium is not thread-safe: one lock serializes its calls.
"""

from __future__ import annotations

import ctypes
import math
import threading
import time

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import regex

from ..errors import FormatError
from .pdf_layout import Line, Run, compose, lines_of

DEFAULT_MAX_PAGES = 1000
"""Refuse PDFs declaring more pages than this (``--max-pages``)."""
DEFAULT_TIME_LIMIT = 120.0
"""Seconds the whole extraction may take."""
MAX_OBJECTS_PER_PAGE = 200_000
"""Text objects one page may hold (a 14-page resolution has about 150 per page; a content
stream that inflates to millions of text operators is refused, not laid out)."""
MAX_FORM_DEPTH = 8
"""Form XObjects nested deeper than this are not opened (a cycle of forms would recurse)."""

_ITALIC = regex.compile(r"italic|oblique|[-,]it(?:mt)?$", regex.IGNORECASE)
_LOCK = threading.Lock()


class _Timeout(Exception):
    """The time limit passed: checked between pages and every 1,024 objects of a page (a
    signal could not stop PDFium inside a call anyway; what one call does is bounded by
    the objects of one page)."""


def read(data: bytes, *, path: str, max_pages: int = DEFAULT_MAX_PAGES,
         time_limit: float = DEFAULT_TIME_LIMIT) -> str:
    """The text of a PDF as the parser reads it."""
    if max_pages < 1:
        raise FormatError(f"--max-pages must be at least 1, not {max_pages}", path=path)
    deadline = time.monotonic() + time_limit
    try:
        with _LOCK:
            pages = _extract(data, path, max_pages, deadline)
    except _Timeout:
        raise FormatError(f"PDF text extraction took longer than {time_limit:g} s", path=path,
                          hint="the PDF may be damaged or hostile; print it to a new PDF "
                               "or save it as text") from None
    text = compose(pages)
    if not text.strip():
        raise FormatError("PDF has no text layer (a scan?)", path=path,
                          hint="run OCR on it first, or give the text as .txt")
    return text


# -- 1. objects ------------------------------------------------------------------------------

def _extract(data: bytes, path: str, max_pages: int,
             deadline: float) -> list[tuple[float, list[Line]]]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _bad_pdf(exc, path) from None
    try:
        count = len(document)
        if count > max_pages:
            raise FormatError(f"PDF has {count} pages, more than --max-pages {max_pages}",
                              path=path, hint="raise --max-pages if this is intended")
        pages = []
        for index in range(count):
            if time.monotonic() > deadline:
                raise _Timeout()
            try:
                page = document[index]
            except pdfium.PdfiumError as exc:
                raise _bad_pdf(exc, path) from None
            try:
                height = float(page.get_height())
                runs = _runs(page, height, path, index + 1, deadline)
            finally:
                page.close()
            pages.append((height, lines_of(runs, index + 1)))
        return pages
    finally:
        document.close()


def _bad_pdf(exc: Exception, path: str) -> FormatError:
    reason = " ".join(str(exc).split())
    if "password" in reason.lower():
        return FormatError("PDF is password-protected", path=path,
                           hint="remove the protection and save it again")
    return FormatError(f"cannot read PDF ({reason})"[:300], path=path,
                       hint="the file may be damaged; print it to a new PDF")


def _runs(page, height: float, path: str, number: int, deadline: float) -> list[Run]:
    textpage = page.get_textpage()
    fonts: dict[int | None, bool] = {}
    runs: list[Run] = []
    try:
        generated = _generated_spaces(textpage.raw)
        stack = [(page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, 0)]
        seen = 0
        while stack:
            owner, count_of, get, depth = stack.pop()
            for index in range(count_of(owner)):
                seen += 1
                if seen % 1024 == 0 and time.monotonic() > deadline:
                    raise _Timeout()
                if seen > MAX_OBJECTS_PER_PAGE:
                    raise FormatError(f"PDF page {number} has more than "
                                      f"{MAX_OBJECTS_PER_PAGE:,} objects", path=path,
                                      hint="the PDF may be damaged or hostile; print it to a "
                                           "new PDF or save it as text")
                obj = get(owner, index)
                kind = raw.FPDFPageObj_GetType(obj)
                if kind == raw.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                    stack.append((obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject,
                                  depth + 1))
                elif kind == raw.FPDF_PAGEOBJ_TEXT:
                    run = _run(obj, textpage.raw, height, fonts, generated)
                    if run is not None:
                        runs.append(run)
    finally:
        textpage.close()
    return runs


def _generated_spaces(textpage) -> set[int]:
    """Addresses of the text objects PDFium added a space after: it reports a gap between two
    runs as a space ("again" + "for", where the page holds no space character), also where
    the gap is the kerning inside a word ("see" + "king"). Such a space is taken out and
    decided again (section 4)."""
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return set()
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    units = buffer.raw[:2 * count]
    found = set()
    index = units.find(b" \x00")
    while index != -1:
        if index % 2 == 0 and raw.FPDFText_IsGenerated(textpage, index // 2) == 1:
            # (a generated character has no object: the one before it is the run's)
            obj = raw.FPDFText_GetTextObject(textpage, index // 2 - 1) if index else None
            if obj:
                found.add(ctypes.cast(obj, ctypes.c_void_p).value)
        index = units.find(b" \x00", index + 1)
    return found


def _run(obj, textpage, height: float, fonts: dict[int | None, bool],
         generated: set[int]) -> Run | None:
    length = raw.FPDFTextObj_GetText(obj, textpage, None, 0)
    if length <= 2:
        return None
    buffer = ctypes.create_string_buffer(length)
    raw.FPDFTextObj_GetText(obj, textpage, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)),
                            length)
    text = buffer.raw[:length].decode("utf-16-le", "replace").split("\x00", 1)[0]
    # PDFium reports a hyphen it takes for a line-end hyphenation as U+0002; the page prints
    # "-" ("Secretary-" / "General"), and the parser decides what a line-end hyphen is.
    text = text.replace("\x02", "-")
    spaced_after = False
    if generated and ctypes.cast(obj, ctypes.c_void_p).value in generated:
        stripped = text.rstrip(" ")
        spaced_after, text = stripped != text, stripped
    if not text:
        return None
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(obj, *map(ctypes.byref, (left, bottom, right, top))):
        return None
    matrix = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
    size = ctypes.c_float()
    raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
    scale = math.hypot(matrix.c, matrix.d) or 1.0
    values = (left.value, right.value, matrix.e, matrix.f, size.value * scale)
    # A run at an infinite or undefined place (a 300-digit font size overflows) cannot be
    # laid out; it is not on the page.
    if not all(map(math.isfinite, values)) or values[4] <= 0:
        return None
    font = raw.FPDFTextObj_GetFont(obj)
    key = ctypes.cast(font, ctypes.c_void_p).value if font else None
    if key not in fonts:
        fonts[key] = bool(_ITALIC.search(_font_name(font))) if font else False
    return Run(text=text, x0=left.value, x1=right.value, origin=matrix.e, baseline=height - matrix.f,
                size=values[4], italic=fonts[key], generated_space=spaced_after)


def _font_name(font) -> str:
    length = raw.FPDFFont_GetBaseFontName(font, None, 0)
    if length <= 0:
        return ""
    buffer = ctypes.create_string_buffer(length)
    raw.FPDFFont_GetBaseFontName(font, buffer, length)
    return buffer.value.decode("latin-1")
