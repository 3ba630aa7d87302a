"""Page layout repair: lines of a PDF extraction -> body lines, footnote blocks, furniture.

    split_layout(lines, symbol=...) -> Layout(body, footnotes, furniture)

A UN PDF extraction interleaves the running text with page furniture (the symbol and
"Page 2" on even pages, a job number such as "98-77017 /..." and a lone "/..." at page
feet) and with footnote blocks set at the foot of each page, in the middle of a paragraph
if the page breaks there. This module takes those out and keeps the body lines, with their
original line numbers, so the parser can join cut paragraphs back together.

Footnotes are recognised by position and sequence, never by content: a line "N text"
that follows a blank line (or another footnote) and whose N is the next footnote number
expected. A footnote block ends at a blank line, at furniture, or at a line that starts
with a space (on odd pages the body resumes right under the last footnote line, indented
by one space: A/RES/52/132 page 3).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

Line = tuple[int, str]
"""(1-based line number, text)."""

_PAGE = regex.compile(r"^\s*(?:Page\s+\d+|-\s*\d+\s*-)\s*$", regex.IGNORECASE)
_SYMBOL_LINE = regex.compile(r"^\s*([A-Z]{1,3}(?:/[A-Za-z0-9.()-]+)+)\s*$")
_JOB = regex.compile(
    r"^\s*(?:GE\.)?\d{2}-\d{4,6}(?:\s*\([A-Z]\))?(?:\s+\d{6})?(?:\s*\*\d+\*)?\s*(?:/\.\.\.)?\s*$")
_CONTINUED = regex.compile(r"^\s*(?:/\.\.\.|\.\.\./?|\*\d{5,}\*)\s*$")
_PAGE_NUMBER = regex.compile(r"^\s*\d{1,3}\s*$")
_FOOTNOTE = regex.compile(r"^\s*(\d{1,3})(?:/)?\s+(?=\S)(.*)$")


@dataclass
class Layout:
    """Lines of the body, footnote blocks and what was dropped as furniture."""

    body: list[Line | None] = field(default_factory=list)
    """Body lines in order; None marks a paragraph break (blank line)."""
    footnotes: list[tuple[str, list[Line]]] = field(default_factory=list)
    """(mark, lines) per footnote block, in order of appearance."""
    furniture: list[int] = field(default_factory=list)
    """Line numbers removed as page furniture."""
    breaks: set[int] = field(default_factory=set)
    """Indices into `body` of the None entries that stand for furniture or a footnote block
    (a page foot), where a paragraph may continue with a capital letter."""


def is_furniture(lines: list[Line], index: int, symbol: str | None) -> bool:
    """True for page headers/footers: "Page 2", a job number, "/...", or the symbol as a header."""
    text = lines[index][1]
    if _PAGE.match(text) or _JOB.match(text) or _CONTINUED.match(text):
        return True
    if _PAGE_NUMBER.match(text):
        # A bare number alone between blank lines (or at the edge) is a page number.
        before = lines[index - 1][1].strip() if index else ""
        after = lines[index + 1][1].strip() if index + 1 < len(lines) else ""
        return not before or not after
    match = _SYMBOL_LINE.match(text)
    if not match:
        return False
    if symbol and match.group(1) == symbol:
        return True
    # A symbol line is a running header when "Page N" follows within two lines.
    following = [t for _, t in lines[index + 1: index + 4] if t.strip()][:1]
    return bool(following and _PAGE.match(following[0]))


def split_layout(lines: list[Line], *, symbol: str | None = None, first_mark: int = 1) -> Layout:
    """Separate body lines from footnote blocks and page furniture."""
    layout = Layout()
    expected = first_mark
    current: list[Line] | None = None  # lines of the footnote being read
    after_break = True  # at the start, after a blank line, furniture or a footnote

    def close_footnote() -> None:
        nonlocal current
        current = None

    for index, (number, text) in enumerate(lines):
        if not text.strip():
            close_footnote()
            layout.body.append(None)
            after_break = True
            continue
        if is_furniture(lines, index, symbol):
            close_footnote()
            layout.furniture.append(number)
            layout.breaks.add(len(layout.body))
            layout.body.append(None)
            after_break = True
            continue
        start = _FOOTNOTE.match(text)
        if start and int(start.group(1)) == expected and (after_break or current is not None) \
                and not text[:1].isspace() and _starts_footnote(start.group(2), current):
            current = [(number, text)]
            layout.breaks.add(len(layout.body))
            layout.body.append(None)
            layout.footnotes.append((start.group(1), current))
            expected += 1
            continue
        if current is not None and not text[:1].isspace():
            current.append((number, text))
            continue
        if current is not None:
            # The body resumes under the last footnote line, indented (odd pages).
            close_footnote()
            layout.breaks.add(len(layout.body))
            layout.body.append(None)
        layout.body.append((number, text))
        after_break = False
    return layout


def _starts_footnote(text: str, current: list[Line] | None) -> bool:
    """Is "N text" a new footnote rather than a wrapped line of the current one?

    Footnote texts start with a capital, a symbol or a digit, not with lower case or "(";
    and a line ending in "No." continues with its number ("Supplement No." / "4 (E/2031/24)").
    """
    if not text or text[0].islower() or text[0] == "(":
        return False
    return current is None or not regex.search(r"\bNos?\.?$", current[-1][1].rstrip())


def footnote_text(block: list[Line]) -> str:
    """The footnote's text without its leading mark (lines joined by the caller's rules)."""
    first = _FOOTNOTE.match(block[0][1])
    assert first is not None
    return "\n".join([first.group(2)] + [t for _, t in block[1:]])
