"""Parsing: resolution text -> Document.

    parse(text, *, path=None, sha256=None, lexicon=None) -> Document

The steps, in order (each rule is general; the comments cite the corpus case it came from):

1. header   everything before the organ line ("The General Assembly,"): symbol, session,
            title, masthead and any notice lines (header.py).
2. layout   page furniture and footnote blocks out of the body (layout.py).
3. blocks   body lines grouped into paragraphs: blank lines separate, but a block that starts
            in lower case, or follows one without closing punctuation, continues the previous
            paragraph (cut by a page break or a footnote block: 52/132 PP4, OP7, PP12, OP13).
4. labels   "1." / "5 bis." operative numbers, "PP2bis"/"OP5ter" labels, "(a)"/"(i)"
            sub-paragraphs; sections from where the numbers start.
5. text     lines joined, PDF glue repaired (normalize.unglue), the italic opening found in the
            lexicon and split from the word it was glued to ("Recallingits"), footnote markers
            removed in document order ("1997,1", "Refugees3", "of 19965" = 1996 + mark 5)
            (repair.py).
6. fallback no organ line and no numbered paragraphs: paragraphs P1..Pn and a warning.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field, replace

import regex

from .header import read_header, session_from_symbol
from .layout import NEAR_LINES, Line, footnote_text, meeting_line, split_layout
from .lexicon import Lexicon, default_lexicon
from .model import Adoption, Document, Footnote, Heading, Paragraph
from .normalize import collapse, decimal, ligatures, unglue
from .repair import Markers, missed_markers, split_opening, vocabulary

_ORGAN_NAME = (r"The\s+(?:(?:[A-Z][\w-]*|and|of|on|for)\s+){0,7}?"
               r"(?:Sub-)?(?:Assembly|Council|Commission|Conference|Committee|Board)"
               # "The Commission on Human Rights", "The Sub-Commission on the Promotion and
               # Protection of Human Rights", "The Conference of the Parties to the Convention"
               r"(?:\s+(?:on|of|for|to)(?:\s+(?:the|and|of|on|for|to|[A-Z][\w-]*)){1,12})?")
_ORGAN = regex.compile(rf"^\s*({_ORGAN_NAME})\s*,\s*$")
# The organ line and the first preambular paragraph on one line ("The Commission on Human
# Rights, Mindful of ..."): how some legal databases print a run-on preamble.
_ORGAN_RUN_ON = regex.compile(rf"^\s*({_ORGAN_NAME})\s*,\s+(?=\p{{Lu}})")
_DATE = regex.compile(r"^\s*(\d{1,2})\s+(\p{L}+)\s*(\d{4})\s*$")  # "4 December2024": PDF glue
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}

_SUFFIX = r"(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)"
_OP_NUMBER = regex.compile(rf"^\s*(\d{{1,5}})\s*({_SUFFIX})?\s*\.\s+(?=\S)", regex.IGNORECASE)
# An operative number alone on its line ("6. " then "Encourages ..."): how a PDF's hanging
# number comes out of a text extraction. Joined to the paragraph it numbers.
_LONE_NUMBER = regex.compile(rf"^\s*(\d{{1,5}})\s*({_SUFFIX})?\s*\.\s*$", regex.IGNORECASE)
_LABEL = regex.compile(rf"^\s*(PP|OP)\s*(\d{{1,5}})\s*({_SUFFIX})?\s*[.:)]?\s+(?=\S)")
_SUB = regex.compile(r"^\s*\(([a-z]{1,2}|[ivxlc]{1,6})\)(?:\s+(?=\S)|\s*$)")
_ROMAN = {r: i for i, r in enumerate(
    "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split(), 1)}
# "2023;4", "2023; 4", a bracketed proposal closed: "Displacement,2]"
_CLOSED = regex.compile(r"[,;:.] ?\d{0,3}\]?$|[,;:.][\"'\u201d\u2019)\]]?$")

_CLAUSE_END = regex.compile(r"[,;] ?\d{0,3}$")  # a clause closed, maybe with its footnote mark
_HYPHEN_BREAK = regex.compile(r"(?<=\p{L}-)[ \t]*\n[ \t]*(?=\p{L})(?!(?:and|or|to|nor)\b)")
_HYPHEN_HINT = re.compile(r"-[ \t]*\n")  # a cheap superset of _HYPHEN_BREAK's matches
KEPT_BLANK_LINES = NEAR_LINES
_LINE_BREAK = regex.compile(r"\s*\n\s*")
# A line break with whitespace on either side (re's \s is str.isspace, a superset of regex's
# \s): where there is none, every _LINE_BREAK match is a bare "\n". A literal "\n" first
# lets the stdlib engine jump from line break to line break.
_SPACED_BREAK = re.compile(r"\n(?:\s|(?<=\s\n))")


@dataclass
class _Block:
    lines: list[Line] = field(default_factory=list)
    after_page: bool = False  # a page foot (furniture, footnotes) came right before it

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.lines)


def parse(text: str, *, path: str | None = None, sha256: str | None = None,
          lexicon: Lexicon | None = None) -> Document:
    """Parse a decoded resolution text (LF line ends) into a Document."""
    lexicon = lexicon or default_lexicon()
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    lines = _lines(ligatures(text))
    warnings: list[str] = []

    lines = _split_run_on_organ(lines, lexicon)
    organ_index = next((i for i, (_, t) in enumerate(lines) if _ORGAN.match(t)), None)
    header = lines[:organ_index] if organ_index is not None else []
    body_lines = lines[organ_index + 1:] if organ_index is not None else lines
    organ = _ORGAN.match(lines[organ_index][1]).group(1) if organ_index is not None else None
    organ = collapse(organ) if organ else None
    symbol, session, title = read_header(header, prefix=lexicon.symbol_prefix(organ))

    body_lines = _before_annex(body_lines, warnings)
    layout = split_layout(body_lines, symbol=symbol, title=title)
    blocks, adopted = _blocks(layout.body, layout.breaks, lexicon, warnings)
    if organ_index is None:
        blocks, header_blocks = _skip_untitled_header(blocks, lexicon)
        if header_blocks and title is None:
            title = collapse(header_blocks[-1].text) if len(header_blocks[-1].text.split()) <= 20 else None
    heads: list[tuple[int, _Block]] = []  # (index of the next paragraph, heading block)
    if organ_index is not None:
        blocks = _split_run_on(blocks, lexicon)
        blocks, heads = _headings(blocks, lexicon)
    paragraphs = _label(blocks, lexicon, structured=organ_index is not None, warnings=warnings)

    vocab = vocabulary([draft["lines"] for draft in paragraphs])
    markers = Markers({mark for mark, _ in layout.footnotes}, vocab)
    cited: dict[str, list[str]] = {}
    finished = []
    for draft in paragraphs:
        body = unglue(_join(draft["lines"], draft["prefix"]))
        opening = None
        if draft["opening_allowed"]:
            opening, body = split_opening(body, lexicon, vocab,
                                           guess=draft["section"] != "body")
        body, found = markers.strip(body)
        for mark in found:
            cited.setdefault(mark, []).append(draft["id"])
        finished.append(Paragraph(
            id=draft["id"], section=draft["section"], number=draft["number"], opening=opening,
            text=collapse(body), footnotes=tuple(found),
            lines=(draft["lines"][0][0], draft["lines"][-1][0]), parent=draft["parent"]))

    texts = [p.text for p in finished]
    for index, text, mark, context in missed_markers(
            texts, [list(p.footnotes) for p in finished], [m for m, _ in layout.footnotes],
            vocab):
        paragraph = finished[index]
        marks = sorted((*paragraph.footnotes, mark), key=int)
        finished[index] = replace(paragraph, text=collapse(text), footnotes=tuple(marks))
        cited.setdefault(mark, []).append(paragraph.id)
        warnings.append(f"footnote {mark}: its marker read from {context!r} in {paragraph.id}, "
                        "between the citations of the footnotes around it; check the number")
    footnotes = tuple(
        Footnote(mark=mark, text=collapse(unglue(_join_text(footnote_text(block)))),
                 cited_in=tuple(dict.fromkeys(cited.get(mark, ()))),
                 lines=(block[0][0], block[-1][0]))
        for mark, block in layout.footnotes)
    if session is None and symbol:
        session = session_from_symbol(symbol)
    # (blocks and drafts are one to one: a heading's next block is its next paragraph)
    headings = tuple(Heading(text=collapse(unglue(_join(block.lines, None))),
                             before=finished[at].id if at < len(finished) else None,
                             lines=(block.lines[0][0], block.lines[-1][0]))
                     for at, block in heads)
    return Document(path=path, sha256=sha256, symbol=symbol, session=session, title=title,
                    organ=organ, adopted=adopted, paragraphs=tuple(finished),
                    footnotes=footnotes, warnings=tuple(warnings), headings=headings)


def _split_run_on_organ(lines: list[Line], lexicon: Lexicon) -> list[Line]:
    """"The Commission on Human Rights, Mindful of ..." on one line: the organ line, then
    the paragraph (only when a known opening follows, and only for the first such line)."""
    for index, (number, text) in enumerate(lines):
        if "The" not in text or _ORGAN.match(text):
            continue
        match = _ORGAN_RUN_ON.match(text)
        if match and lexicon.opening_pattern.match(text, match.end()):
            return lines[:index] + [(number, match.group(1) + ","), (number, text[match.end():])] \
                + lines[index + 1:]
    return lines


def _lines(text: str) -> list[Line]:
    """(number, text) per line; of a run of blank lines only the first KEPT_BLANK_LINES are
    kept (blank lines separate paragraphs, and layout.is_furniture looks at most that many
    lines away), so memory follows the text, not its count of empty lines."""
    lines: list[Line] = []
    blanks = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.isspace() or not line:
            blanks += 1
            if blanks > KEPT_BLANK_LINES:
                continue
        else:
            blanks = 0
        lines.append((number, line))
    return lines


_ANNEX = regex.compile(r"^\s*Annex(?:\s+[IVXL]{1,6})?\s*$")


def _before_annex(lines: list[Line], warnings: list[str]) -> list[Line]:
    """The body ends where an annex starts ("Annex" alone on its line after the adoption
    line): its paragraphs are numbered on their own and are not the resolution's. They are
    not compared yet, and the warning says so."""
    adopted = False
    for index, (number, text) in enumerate(lines):
        if not adopted:
            adopted = meeting_line(text) is not None
        elif "nnex" in text and _ANNEX.match(text):
            rest = sum(1 for _, t in lines[index:] if t.strip())
            warnings.append(f"line {number}: the annex that starts here ({rest} lines) is not "
                            f"compared; compare it as a text of its own")
            return lines[:index]
    return lines


# -- 3. blocks ------------------------------------------------------------------------------

def _blocks(body: list[Line | None], breaks: set[int], lexicon: Lexicon,
            warnings: list[str]) -> tuple[list[_Block], Adoption | None]:
    """Group body lines into paragraph blocks; take out the adoption line. A block joined to
    the one before across a blank line (not a page foot) although it starts with a capital
    is named in a warning: the paragraph before may have lost its closing punctuation."""
    raw: list[_Block] = []
    current = _Block()
    meeting = date = None
    after_meeting = False  # the line before was "70th plenary meeting": a date may follow
    page_foot = False
    number: Line | None = None  # a lone operative number waiting for its paragraph's text
    last_number: int | None = None  # the last operative number that started a paragraph
    for index, item in enumerate(body):
        if item is None:
            if current.lines and number is None:
                raw.append(current)
                current = _Block()
            page_foot = page_foot or index in breaks
            continue
        _, text = item
        if number is None and _may_start(text) and _LONE_NUMBER.match(text):
            number = item
            continue
        if number is not None:
            label = number[1].strip() + " "
            value = decimal(_LONE_NUMBER.match(number[1]).group(1))
            number, (line_no, text) = None, item
            if (current.lines and current.lines[-1][1].rstrip().endswith(":")
                    and last_number is not None and value != last_number + 1):
                # "Decides to approve the following amendment ...:" / "4." / "In hearing
                # ...": a paragraph quoted in this one, out of the resolution's own sequence.
                current.lines.append((line_no, label + text.lstrip()))
                continue
            last_number = value
            if (text.lstrip()[:1].islower() and len(current.lines) == 1
                    and not _is_start(current.lines[0][1])):
                # The number printed after the paragraph's first line ("Encourages States
                # to" / "5." / "the 1951 Convention ..."): it belongs before that line.
                first_no, first = current.lines[0]
                current.lines[0] = (first_no, label + first.lstrip())
            else:
                if current.lines:
                    raw.append(current)
                    current = _Block()
                text = label + text.lstrip()
            item = (line_no, text)
        adoption = meeting_line(text)
        if adoption:
            meeting = collapse(adoption.group(1))
            after_meeting = True
            continue
        if after_meeting and date is None and _DATE.match(text):
            date = _iso_date(_DATE.match(text))
            if date:
                continue
        after_meeting = False
        if current.lines and _is_start(text) and _closes(current.lines[-1][1].rstrip()):
            raw.append(current)
            current = _Block()
        if not current.lines and "." in text[:8] and _OP_NUMBER.match(text):
            last_number = decimal(_OP_NUMBER.match(text).group(1))
        if not current.lines:
            current.after_page, page_foot = page_foot, False
        current.lines.append(item)
    if number is not None:  # a number with no text after it: kept as the text it is
        current.lines.append(number)
    if current.lines:
        raw.append(current)

    blocks: list[_Block] = []
    last_number = None
    for block in raw:
        first = block.lines[0][1]
        number = _OP_NUMBER.match(first) if _may_start(first) else None
        value = decimal(number.group(1)) if number else None
        quoted = (number is not None and last_number is not None and value != last_number + 1
                  and not number.group(2) and blocks and blocks[-1].lines[-1][1].rstrip().endswith(":"))
        if blocks and (quoted or _continues(blocks[-1], block, lexicon)):
            # (quoted: "... the following amendment:" / "4. In hearing ...", a paragraph
            # quoted in this one, out of the resolution's own sequence)
            last = blocks[-1].lines[-1][1].rstrip()
            if not block.after_page and first.lstrip()[:1].isupper() and not _closes(last) \
                    and not last.endswith(("-", "\u2013", "\u2014")) \
                    and _opens_paragraph(blocks[-1].lines[0][1], lexicon):  # (not a heading)
                warnings.append(f"line {block.lines[0][0]}: joined to the paragraph before, "
                                "which does not end with punctuation; check that they are one")
            blocks[-1].lines.extend(block.lines)
        else:
            blocks.append(block)
            if value is not None:
                last_number = value
    adopted = Adoption(meeting=meeting, date=date) if meeting or date else None
    return blocks, adopted


def _is_start(text: str) -> bool:
    """Does the line open a numbered, labelled or lettered paragraph?"""
    return _may_start(text) and bool(
        _OP_NUMBER.match(text) or _LABEL.match(text) or _SUB.match(text))


def _numbered(text: str) -> bool:
    """Does the line open a numbered or labelled paragraph ("1.", "5 bis.", "PP2")?"""
    return _may_start(text) and bool(_OP_NUMBER.match(text) or _LABEL.match(text))


def _may_start(text: str) -> bool:
    """False where none of _OP_NUMBER, _LABEL and _SUB can match: each needs a digit, "P",
    "O" or "(" after the leading space (str.lstrip strips the patterns' space, and more).
    Any non-ASCII lead may be a digit to the regex module, whose Unicode is newer than
    str.isdigit's (Nag Mundari digits, U+1E4F0-U+1E4F9)."""
    lead = text.lstrip()[:1]
    return lead.isdigit() or lead in "PO(" or not lead.isascii()


def _closes(line: str) -> bool:
    """Does the (right-stripped) line end with closing punctuation, maybe with a footnote
    mark or a closing quote after it?"""
    return line[-1:] in (",", ";", ":", ".") or _CLOSED.search(line) is not None


def _continues(previous: _Block, block: _Block, lexicon: Lexicon) -> bool:
    """Does `block` continue the previous paragraph (cut by a page foot or a blank line)?"""
    first = block.lines[0][1].lstrip()
    if _is_start(first):
        return False
    if first[:1].islower() or first[:1] in ",;:.)]":
        return True
    last = previous.lines[-1][1].rstrip()
    if last.endswith(":") and not lexicon.opening_pattern.match(first):
        return True  # what the paragraph introduces ("the following amendment:" / "Article 9")
    closed = _closes(last)
    if closed and not block.after_page:
        return False  # with or without an opening (tested after this: it costs more)
    if lexicon.opening_pattern.match(first):
        return False
    if not closed:
        return True
    # After a page foot a paragraph cut at a comma goes on with any word that cannot open a
    # paragraph ("...as reported by Governments," / footnotes / "United Nations entities").
    # A number goes on too ("..., 66/264 of" / page foot / "69/307 of 25 June 2015, ...").
    word = regex.match(r"\p{L}+|\d", first)
    return (block.after_page and regex.search(r", ?\d{0,3}$", last) is not None
            and word is not None and not word.group().endswith("ing"))


def _opens_paragraph(line: str, lexicon: Lexicon) -> bool:
    first = line.lstrip()
    return _is_start(first) or lexicon.opening_pattern.match(first) is not None


def _iso_date(match: "regex.Match[str]") -> str | None:
    month = _MONTHS.get(match.group(2).lower())
    year, day = decimal(match.group(3)), decimal(match.group(1))
    if not month or year is None or day is None:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _skip_untitled_header(blocks: list[_Block], lexicon: Lexicon) -> tuple[list[_Block], list[_Block]]:
    """Without an organ line, blocks before the first opening or number are a header."""
    for index, block in enumerate(blocks):
        first = block.lines[0][1].lstrip()
        if _OP_NUMBER.match(first) or _LABEL.match(first) or lexicon.opening_pattern.match(first):
            if any(_OP_NUMBER.match(b.lines[0][1].lstrip()) or _LABEL.match(b.lines[0][1].lstrip())
                   for b in blocks[index:]):
                return blocks[index:], blocks[:index]
            break
    return blocks, []


_RUN_ON_CUT = re.compile(r"[,;]\d{0,3}([ \t]+)")
"""Where a run-on paragraph may start (group 1): the spaces after a comma or semicolon, and
maybe a footnote mark ("Refugees,1 Noting with"). A plain scan (``re``: the faster engine
for it); the openings are tried only there."""


@functools.lru_cache(maxsize=8)
def _run_on_opening(preambular: tuple[str, ...]) -> "regex.Pattern[str]":
    """A capitalized known preambular opening followed by a lower-case word: capitalized,
    these words open a paragraph and nothing else."""
    phrases = sorted({p[:1].upper() + p[1:] for p in preambular if p[:1].isalpha()},
                     key=len, reverse=True)
    alternatives = "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return regex.compile(rf"(?:{alternatives})[ \t]+\p{{Ll}}")


def _opens_at(opening: "regex.Pattern[str]", text: str, at: int) -> bool:
    """Does a capitalized opening start at ``at``? (Its capital is tested first: cheap.)"""
    return text[at:at + 1].isupper() and opening.match(text, at) is not None


def _split_run_on(blocks: list[_Block], lexicon: Lexicon) -> list[_Block]:
    """Split the preamble's blocks where a paragraph starts without a blank line: "Mindful
    of ..., Deeply disturbed by ..., Conscious that ..." printed as one paragraph, or
    paragraphs on consecutive lines (pdftotext's default, e-mail, web pages). A cut is at a
    known opening after a comma or semicolon on the line, or at the start of a line after one
    that closed a clause."""
    opening = _run_on_opening(tuple(lexicon.preambular))
    out: list[_Block] = []
    for index, block in enumerate(blocks):
        if _numbered(block.lines[0][1]) or _SUB.match(block.lines[0][1]):
            return out + blocks[index:]  # the operative part: numbered, nothing to split
        # The common case first: no opening after a comma anywhere in the block (its lines
        # joined: a superset of the cuts on them) and none at the start of a later line.
        joined = " ".join(text for _, text in block.lines)
        if not any(_opens_at(opening, joined, m.end()) for m in _RUN_ON_CUT.finditer(joined)) \
                and not any(_opens_at(opening, text, 0) for _, text in block.lines[1:]):
            out.append(block)
            continue
        current = _Block(after_page=block.after_page)
        for number, text in block.lines:
            cuts = [m.start(1) for m in _RUN_ON_CUT.finditer(text) if _opens_at(opening, text, m.end())]
            if current.lines and _opens_at(opening, text, 0) \
                    and _CLAUSE_END.search(current.lines[-1][1].rstrip()):
                cuts.insert(0, 0)
            if not cuts:
                current.lines.append((number, text))
                continue
            start = 0
            for cut in cuts:
                piece = text[start:cut]
                if piece.strip():
                    current.lines.append((number, piece.rstrip()))
                if current.lines:
                    out.append(current)
                    current = _Block()
                start = cut
            rest = text[start:].lstrip() if start else text
            current.lines.append((number, rest))
        out.append(current)
    return out


# -- 4. headings, labels and sections -----------------------------------------------------

_HEADING_WORDS = 60
"""Words a heading may have (the section titles of the law of the sea resolutions quote a
whole agreement: "Implementation of the 1995 Agreement for the Implementation of the
Provisions of ... Highly Migratory Fish Stocks", about 40)."""
_HEADING_LINES = 6


def _headings(blocks: list[_Block], lexicon: Lexicon) -> tuple[list[_Block], list[tuple[int, _Block]]]:
    """Take out headings: a short block that does not close ("I", "Capacity-building",
    "Budget performance report for the period from 1 July 2022 to 30 June 2023"), opens no
    paragraph (no number, no opening phrase) and stands before a numbered paragraph or
    another heading. A paragraph that lost its closing punctuation before a numbered one is
    the risk; the opening phrase it would start with keeps it a paragraph."""
    flags = [False] * len(blocks)
    for index in range(len(blocks) - 2, -1, -1):
        block, nxt = blocks[index], blocks[index + 1]
        flags[index] = (flags[index + 1] or _numbered(nxt.lines[0][1])) and _heading_like(block, lexicon)
    if not any(flags):
        return blocks, []
    kept: list[_Block] = []
    heads: list[tuple[int, _Block]] = []
    for block, flag in zip(blocks, flags):
        if flag:
            heads.append((len(kept), block))
        else:
            kept.append(block)
    return kept, heads


def _heading_like(block: _Block, lexicon: Lexicon) -> bool:
    first = block.lines[0][1].strip()
    last = block.lines[-1][1].rstrip()
    if not first[:1].isupper() or _closes(last) or _is_start(first) or len(block.lines) > _HEADING_LINES:
        return False
    if len(block.text.split()) > _HEADING_WORDS:
        return False
    return not lexicon.opening_pattern.match(first)


def _label(blocks: list[_Block], lexicon: Lexicon, *, structured: bool,
           warnings: list[str]) -> list[dict]:
    numbered = any(_numbered(b.lines[0][1]) for b in blocks)
    if not structured and not numbered:
        if blocks:
            warnings.append("no organ line (\"The General Assembly,\") and no numbered operative "
                            "paragraphs found: paragraphs are labelled P1..Pn")
        return [dict(id=f"P{i}", section="body", number=None, parent=None, prefix=None,
                     lines=b.lines, opening_allowed=True) for i, b in enumerate(blocks, 1)]

    drafts: list[dict] = []
    section = "preamble"
    pp_count = op_count = 0
    parent: dict | None = None
    letter: str | None = None  # current letter-level sub-paragraph: "a", "b", ...
    letter_id = ""  # its id: "OP9(a)"
    letter_roman = False  # the first level under the paragraph counts (i), (ii), ...
    seen_ids: dict[str, int] = {}  # (a Counter's __missing__ is a Python call per new id)
    unnumbered_operative = not numbered
    for block in blocks:
        first = block.lines[0][1]
        label = op = sub = None
        if _may_start(first):
            label, op, sub = _LABEL.match(first), _OP_NUMBER.match(first), _SUB.match(first)
        draft = dict(lines=block.lines, parent=None, prefix=None, opening_allowed=True)
        if label:
            kind, number = label.group(1), label.group(2) + (label.group(3) or "").lower()
            section = "preamble" if kind == "PP" else "operative"
            pp_count += kind == "PP"
            op_count += kind == "OP"
            draft.update(id=f"{kind}{number}", section=section,
                         number=number if kind == "OP" else None, prefix=label)
            parent, letter = draft, None
        elif op:
            section = "operative"
            number = op.group(1) + (op.group(2) or "").lower()
            op_count += 1
            draft.update(id=f"OP{number}", section=section, number=number, prefix=op)
            parent, letter = draft, None
        elif sub and parent is not None:
            token = sub.group(1)
            expected_letter = chr(ord(letter) + 1) if letter and len(letter) == 1 else "a"
            # The first level under a paragraph is usually (a), (b), ...; a list that starts
            # at (i) (no (h) before it) is a first level of Roman numerals: (i), (ii), ...
            roman_level = letter is not None and _ROMAN.get(letter, 0) and letter_roman
            if token in _ROMAN and letter is not None and token != expected_letter \
                    and not (roman_level and _ROMAN[token] == _ROMAN[letter] + 1):
                owner = letter_id  # (i) under the current (a)
            else:
                if letter is None:
                    letter_roman = token == "i"
                owner, letter = parent["id"], token
            draft.update(id=f"{owner}({token})", number=token, parent=owner,
                         section=parent["section"], prefix=sub, opening_allowed=False)
            if owner == parent["id"]:
                letter_id = draft["id"]
            drafts.append(draft)
            continue
        else:
            if unnumbered_operative:
                opening = lexicon.opening_pattern.match(first.lstrip())
                if opening and opening.group() in lexicon.operative:
                    section = "operative"
            if section == "preamble":
                pp_count += 1
                draft.update(id=f"PP{pp_count}", section="preamble", number=None)
            else:
                op_count += 1
                draft.update(id=f"OP{op_count}", section="operative", number=None)
                if not unnumbered_operative:
                    warnings.append(f"line {block.lines[0][0]}: unnumbered paragraph in the "
                                    f"operative part labelled {draft['id']}")
            parent, letter = draft, None
        drafts.append(draft)
    for draft in drafts:
        seen = seen_ids[draft["id"]] = seen_ids.get(draft["id"], 0) + 1
        if seen > 1:
            warnings.append(f"line {draft['lines'][0][0]}: paragraph number repeats; "
                            f"labelled {draft['id']}~{seen}")
            draft["id"] = f"{draft['id']}~{seen}"
    return drafts


# -- 5. text --------------------------------------------------------------------------------

def _join_text(text: str) -> str:
    """Join wrapped lines with one space, except after a letter-hyphen before a letter
    ("early-\\nwarning" -> "early-warning", "Secretary-\\nGeneral": UN texts break lines at
    real hyphens) unless the hyphen is suspended ("low-\\nand middle-income" -> "low- and")."""
    if "\n" not in text:
        return text
    if "-" in text and _HYPHEN_HINT.search(text):
        text = _HYPHEN_BREAK.sub("", text)
    if not _SPACED_BREAK.search(text):
        return text.replace("\n", " ")  # the same as _LINE_BREAK.sub, at a tenth of the cost
    return _LINE_BREAK.sub(" ", text)


def _join(lines: list[Line], prefix: "regex.Match[str] | None") -> str:
    text = "\n".join([t for _, t in lines])
    if prefix is not None:
        text = text[prefix.end():]
    return _join_text(text.strip())
