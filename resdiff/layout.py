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

import re

import regex

from .normalize import decimal

Line = tuple[int, str]
"""(1-based line number, text)."""

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# Tokens that only page furniture is made of. "Strong" ones mark a line as furniture by
# themselves; a symbol, a date or the title alone is furniture only next to a strong line.
_STRONG = regex.compile(
    r"Page\s+\d+(?:\s+of\s+\d+)?|(?<!\S)\d{1,3}/\d{1,3}(?!\S)|-\s*\d+\s*-|/\.\.\.|\.\.\./?"
    r"|\*\d{5,}\*|(?:GE\.)?\d{2}-\d{4,6}(?:\s*\([A-Z]\))?(?:\s+\d{6})?|Please\s+recycle|_{5,}",
    regex.IGNORECASE)
_WEAK = regex.compile(rf"[A-Z]{{1,3}}(?:/[A-Za-z0-9.()-]+)+|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}")
_PAGE_NUMBER = regex.compile(r"^\s*\d{1,3}\s*$")
# Three lower-case words in a row: found where [a-z]{2,} [a-z]{2,} [a-z]{2,} is, but anchored
# on the space after the first word, which the stdlib engine jumps to (twice as fast).
_PROSE = re.compile(r" (?<=[a-z]{2} )[a-z]{2,} [a-z]{2}")
_TEXT_PUNCTUATION = ",;:"  # in no furniture token (_STRONG, _WEAK)
_SEPARATOR = regex.compile(r"^\s*_{5,}\s*$")
# The masthead's own footnote ("Agenda item 70 (b)*" ... "* A/99/150."): page-1 furniture.
_STAR_NOTE = regex.compile(r"^\*{1,3}\s+\S.{0,150}$")
_SYMBOL_TOKEN = regex.compile(r"[A-Z]{1,3}(?:/[A-Za-z0-9.()-]+)+")
_TITLE_PART = 12
"""Characters (or two words) a line needs before being a part of the title is evidence of a
running head ("outer space", the second line of a short title), not a word that happens to be
in it."""
RUN_LINES = 6
"""Weak furniture lines (title, symbol, date) one running head may hold."""
NEAR_LINES = 3
"""A symbol, date or title line is furniture when a strong furniture line is at most this
many lines away (three-line running heads)."""
_URL = regex.compile(r"(?:https?://|www\.)")  # a footnote that is a link: "8 http://legal.un.org/..."
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


def _furniture_strength(text: str, symbol: str | None, title: str | None) -> int:
    """2: a page header/footer line by itself; 1: furniture if a strong line is near
    (a symbol, a date or the title alone); 0: text."""
    line = text.strip()
    if not line or len(line) > 100:  # headers and footers are short; body lines are not
        return 0
    if title and (len(line) >= _TITLE_PART or " " in line) and " ".join(line.split()) in title:
        return 1  # a line of the title: a running head's title, broken over lines
    if not (title and title in line) and _PROSE.search(line):
        return 0  # three lower-case words in a row: running text (cheap early exit)
    for mark in _TEXT_PUNCTUATION:
        if mark in line and not (title and mark in title):
            return 0  # it would stay when the furniture tokens and the title are taken out
    rest, strong = _STRONG.subn(" ", line)
    for match in _SYMBOL_TOKEN.finditer(rest):
        if symbol and match.group() == symbol:
            strong += 1  # the document's own symbol is its running header
    rest, weak = _WEAK.subn(" ", rest)
    if title and title in rest:
        rest, weak = rest.replace(title, " "), weak + 1
    if rest.strip():
        return 0
    return 2 if strong else (1 if weak else 0)


_MEETING = regex.compile(r"^\s*(\d+(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?(?:plenary\s+)?meeting)\s*$",
                         regex.IGNORECASE)


def meeting_line(text: str) -> "regex.Match[str] | None":
    """The adoption line, "47th plenary meeting" (group 1: the meeting): never furniture or a
    footnote's, nor is the date under it."""
    return _MEETING.match(text) if "meeting" in text else None  # (the test is cheap first)


def is_furniture(lines: list[Line], index: int, symbol: str | None,
                 title: str | None = None) -> bool:
    """True for page headers and footers: "Page 2", "2/5", a job number and barcode, "/...",
    "Please recycle", a footnote rule, the symbol (with date or title) as a running header."""
    text = lines[index][1]
    if text[:1] == "*" and _STAR_NOTE.match(text):
        return True
    if index and meeting_line(lines[index - 1][1]):
        return False  # the date of the adoption line (in a flat layout, over a page foot)
    strength = _furniture_strength(text, symbol, title)
    if strength == 2:
        return True
    if strength == 1:
        # A symbol, date or title line in one run of furniture lines with a strong one
        # (a running head of a four-line title, the symbol, the page counter, the job number).
        # Not a line that runs on into text: a paragraph that names the title may continue
        # after a page foot with words of it ("Convention to Combat Desertification in" /
        # "Those Countries ..., Particularly in Africa;").
        after = lines[index + 1][1] if index + 1 < len(lines) else ""
        if after.strip() and _furniture_strength(after, symbol, title) == 0 \
                and not _PAGE_NUMBER.match(after):
            return False
        return any(_reaches_strong(lines, index, step, symbol, title) for step in (-1, 1))
    if len(text.strip()) <= 3 and _PAGE_NUMBER.match(text):
        # A bare number alone between blank lines (or at the edge) is a page number.
        before = lines[index - 1][1].strip() if index else ""
        after = lines[index + 1][1].strip() if index + 1 < len(lines) else ""
        return not before or not after
    return False


def _reaches_strong(lines: list[Line], index: int, step: int, symbol: str | None,
                    title: str | None) -> bool:
    """Walking from a weak furniture line, over blank lines (fewer than NEAR_LINES in a row)
    and other weak ones (at most RUN_LINES), is a strong furniture line reached? A footnote
    rule is not a running head: the body line above it stays."""
    blanks = weak = 0
    index += step
    while 0 <= index < len(lines):
        text = lines[index][1]
        if not text.strip():
            blanks += 1
            if blanks >= NEAR_LINES:
                return False
        else:
            blanks = 0
            strength = _furniture_strength(text, symbol, title)
            if strength == 2:
                return not _SEPARATOR.match(text)
            weak += 1
            if strength == 0 or weak > RUN_LINES:
                return False
        index += step
    return False


def split_layout(lines: list[Line], *, symbol: str | None = None, title: str | None = None,
                 first_mark: int = 1) -> Layout:
    """Separate body lines from footnote blocks and page furniture."""
    layout = Layout()
    body = layout.body
    # one space between words, whatever the space (a running head breaks the title's
    # lines where the title has a no-break space: "in\u202fouter space")
    title = " ".join(title.split()) if title else None
    expected = first_mark
    current: list[Line] | None = None  # lines of the footnote being read
    continued: list[Line] | None = None  # a footnote that may go on under a footnote rule
    after_break = True  # at the start, after a blank line, furniture or a footnote
    comma_is_text = not (title and "," in title)  # (see _TEXT_PUNCTUATION)

    for index, item in enumerate(lines):
        number, text = item
        line = text.strip()
        if "\f" in text and not line:
            # A form feed: a page break (pdftotext prints one, and so does the PDF reader
            # where it took the running head and foot out). A paragraph may go on after it.
            current = None
            layout.breaks.add(len(body))
            body.append(None)
            after_break = True
            continue
        if not line:
            current = None
            body.append(None)
            after_break = True
            continue
        # is_furniture's own first tests, inlined for the common case of a line of running
        # text (no star note; over 100 characters, a comma, or three lower-case words in a
        # row): most lines then cost no call at all.
        running_text = text[0] != "*" and (
            len(line) > 100 or comma_is_text and "," in line
            or not (title and (title in line or line in title)) and _PROSE.search(line))
        if not running_text and is_furniture(lines, index, symbol, title):
            current = None
            if _SEPARATOR.match(text) and layout.footnotes:
                # A footnote rule: unnumbered lines under it finish the last footnote,
                # which the page break cut (it went on at the foot of the next page).
                continued = layout.footnotes[-1][1]
            layout.furniture.append(number)
            layout.breaks.add(len(body))
            body.append(None)
            after_break = True
            continue
        lead = line[0]
        start = _FOOTNOTE.match(text) if lead.isdigit() or not lead.isascii() else None
        if start is None and current is None and continued is None:
            body.append(item)  # a body line, the common case (what the steps below come to)
            after_break = False
            continue
        is_start = bool(start and decimal(start.group(1)) == expected
                        and (after_break or current is not None or continued is not None)
                        and not text[:1].isspace() and _starts_footnote(start.group(2), current))
        if continued is not None and not is_start and not text[:1].isspace():
            current, continued = continued, None
            current.append(item)
            continue
        continued = None
        if is_start:
            current = [item]
            layout.breaks.add(len(body))
            body.append(None)
            layout.footnotes.append((start.group(1), current))
            expected += 1
            continue
        if current is not None and not text[:1].isspace() and not meeting_line(line):
            current.append(item)  # (the adoption line ends the last footnote, if any)
            continue
        if current is not None:
            # The body resumes under the last footnote line, indented (odd pages).
            current = None
            layout.breaks.add(len(body))
            body.append(None)
        body.append(item)
        after_break = False
    return layout


def _starts_footnote(text: str, current: list[Line] | None) -> bool:
    """Is "N text" a new footnote rather than a wrapped line of the current one?

    Footnote texts start with a capital, a symbol, a digit, a quote or a link, not with lower
    case, "(" or a dash; and a line ending in "No." or a comma continues ("Supplement No." /
    "4 (E/2031/24)", "Rio de Janeiro," / "3 – 14 June 1992").
    """
    if not text or not (text[0].isalnum() or text[0] in "\"'\u201c\u2018*"):
        return False  # "(E/2031/24)", "– 14 June 1992": the wrapped line of a footnote
    if text[0].islower() and not _URL.match(text):
        return False
    if current is None:
        return True
    last = current[-1][1].rstrip()
    # A footnote ends with its full stop; one cut at "Rio de Janeiro," or "Supplement No."
    # goes on ("3 – 14 June 1992", "4 (E/2031/24)").
    return not regex.search(r"\bNos?\.?$|,$", last)


def footnote_text(block: list[Line]) -> str:
    """The footnote's text without its leading mark (lines joined by the caller's rules)."""
    first = _FOOTNOTE.match(block[0][1])
    assert first is not None
    return "\n".join([first.group(2)] + [t for _, t in block[1:]])
