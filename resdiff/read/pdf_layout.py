"""PDF page geometry -> resolution text: steps 2-4 of read/pdf.py, without PDFium.

    lines_of(runs, page) -> [Line]      runs (text, ink box, pen origin, baseline, size,
                                        italic) grouped into lines; superscripts folded in
    compose(pages)       -> str         running heads and feet out, spaces and paragraph
                                        breaks decided, pages joined by form feeds

read/pdf.py turns a page's text objects into Runs; everything after that is here, on plain
numbers, so that the rules can be read (and tested) apart from the library.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

import regex

_MARGIN = 0.12  # top and bottom share of the page where running heads and feet live
_RAISED_SIZE = 0.85  # a superscript is set at most this share of its line's size
# Gaps between runs, in shares of the size: below _JOIN_GAP the runs are one word, from
# _SPACE_GAP on there is a space; between, the document's own words decide: on the real PDFs
# kerning inside a word reaches 0.167 ("implementatio" + "n") and a space between italics
# or after "of" comes down to 0.1 ("again" + "for", "of" + "the" at 0.167). In a line whose
# runs hold space characters the writer prints its spaces, and a gap below _SPACE_GAP is
# kerning whatever the words ("ot" + "her" at 0.091, "account" + "able" at 0.071).
_JOIN_GAP = 0.05
_SPACE_GAP = 0.2
_TAIL = regex.compile(r"[\p{L}\d]+$")
_HEAD = regex.compile(r"[\p{L}\d]+")
_ORDINALS = frozenset(("st", "nd", "rd", "th"))
# Words that stand alone: never the piece of a longer word across a gap.
_FUNCTION_WORDS = frozenset("""a an the and or nor but of to in on at by for from with without
into onto upon as its it their his her our this that these those which who whom whose is are
be been was were has have had not no all any each every such than then also under over
between among within through against about after before during per via""".split())
_COLUMN_GAP = 4.0  # a gap wider than this many sizes splits a line (masthead columns)
_PARAGRAPH_GAP = 1.35  # a baseline step this many line pitches wide opens a paragraph
_FURNITURE = regex.compile(
    r"^(?:\d{1,4}\s*/\s*\d{1,4}|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|-\s*\d{1,4}\s*-|\d{1,4}"
    r"|\*\d{5,}\*|(?:GE\.)?\d{2}-\d{4,6}(?:\s*\([A-Z]\))?(?:\s+\d{6})?(?:\s*\*\d{5,}\*)?)$",
    regex.IGNORECASE)
"""A page counter ("2/13", "Page 2", "- 2 -", "2"), a job number ("25-20754 (E) 071123"),
a barcode ("*2520754*"): furniture wherever it stands in a margin."""
_RULE = regex.compile(r"^_{5,}$")
_SPACES = regex.compile(r"[ \t\r\n]+")


@dataclass
class Run:
    """A run of text of one font, as the page places it."""

    text: str
    x0: float  # the ink box
    x1: float
    origin: float  # where the pen starts (a hyphen's ink starts later: its gaps look wide)
    baseline: float  # from the page top, growing downwards
    size: float
    italic: bool
    raised: bool = False
    generated_space: bool = False  # PDFium put a space after it that the page does not hold


@dataclass
class Line:
    """The runs of one baseline (superscripts folded in), left to right."""

    runs: list[Run] = field(default_factory=list)
    page: int = 0
    text: str = ""
    label: bool = False  # starts with a raised number: a footnote entry

    @cached_property
    def baseline(self) -> float:
        body = [r for r in self.runs if not r.raised] or self.runs
        return max(r.baseline for r in body)

    @cached_property
    def size(self) -> float:
        sizes = Counter()
        for run in self.runs:
            if not run.raised:
                sizes[round(run.size, 1)] += len(run.text.strip())
        return sizes.most_common(1)[0][0] if sizes else max(r.size for r in self.runs)


# -- 2. lines --------------------------------------------------------------------------------

def lines_of(runs: list[Run], page: int) -> list[Line]:
    groups: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (round(r.baseline, 1), r.x0)):
        last = groups[-1][-1] if groups else None
        if last is not None and abs(last.baseline - run.baseline) <= 0.2 * min(run.size, last.size):
            groups[-1].append(run)
        else:
            groups.append([run])
    # A group of smaller runs whose baseline is raised into the group just below: superscripts.
    kept: list[list[Run]] = []
    for index, group in enumerate(groups):
        below = groups[index + 1] if index + 1 < len(groups) else None
        size = max(r.size for r in group)
        if below is not None:
            under = max(r.size for r in below)
            rise = below[0].baseline - group[0].baseline
            if size < _RAISED_SIZE * under and 0 < rise < 0.75 * under and _overlaps(group, below, under):
                for run in group:
                    run.raised = True
                below.extend(group)
                continue
        kept.append(group)
    lines = []
    for group in kept:
        group.sort(key=lambda r: r.x0)
        for part in _columns(group):
            line = Line(part, page)
            lines.append(line)  # its text is set once the document's vocabulary is known
    return lines


def _overlaps(group: list[Run], below: list[Run], size: float) -> bool:
    """Do the raised runs stand over (or right next to) the line below?"""
    left = min(r.x0 for r in below) - _COLUMN_GAP * size  # a footnote's hanging number
    right = max(r.x1 for r in below) + size
    return all(left <= r.x0 <= right for r in group)


def _columns(runs: list[Run]) -> list[list[Run]]:
    parts = [[runs[0]]]
    for run in runs[1:]:
        previous = parts[-1][-1]
        if run.x0 - previous.x1 > _COLUMN_GAP * max(run.size, previous.size) and not run.raised:
            parts.append([run])
        else:
            parts[-1].append(run)
    return parts


# -- 4. text (of a line) ---------------------------------------------------------------------

def _vocabulary(pages: list[tuple[float, list[Line]]]) -> set[str]:
    """Words seen whole: between spaces the page holds or gaps no one could misread (a gap of
    a space and more, or none at all), at line ends. A word cut by a gap of the uncertain
    kind is not evidence of itself ("accountable" is, where it stands whole elsewhere)."""
    words: set[str] = set()
    for _, lines in pages:
        for line in lines:
            pieces: list[str] = []
            previous: Run | None = None
            for run in line.runs:
                inner = run.text.split(" ")[1:-1]  # inside a run: whole by construction
                words.update(t.lower() for t in inner if t.isalpha())
                if run.raised:
                    pieces.append(" ")
                    previous = None
                    continue
                if previous is not None and not (previous.text.endswith(" ") or run.text.startswith(" ")):
                    gap = min(run.x0, run.origin) - previous.x1
                    size = min(run.size, previous.size)
                    if gap >= _SPACE_GAP * size or run.italic != previous.italic:
                        pieces.append(" ")
                    elif gap >= _JOIN_GAP * size or previous.generated_space:
                        pieces.append("\x00")  # undecided: the words around it prove nothing
                pieces.append(run.text)
                previous = run
            for token in "".join(pieces).split():
                token = token.strip(".,;:()[]\u201c\u201d\u2018\u2019\"'")
                if token.isalpha():
                    words.add(token.lower())
    return words


def _joins(before: str, after: str, words: set[str]) -> bool:
    """In the uncertain gap: are the pieces one word ("see" + "king" -> seeking)? Yes when
    the joined word is one of the document's; no when a piece is a function word ("again"
    + "for", "of" + "26"; a short one next to a word of the document) or both pieces
    are words of the document; yes otherwise (a piece
    that is no word is part of one: "implementatio" + "n", "WHA" + "58/2005")."""
    tail = _TAIL.search(before)
    head = _HEAD.match(after)
    if tail is None or head is None:
        return True  # a hyphen, a dash, a slash: "2021" + "–2030", "decision" + "-"
    left, right = tail.group().lower(), head.group().lower()
    if left.isdigit() and (right in _ORDINALS or right[:1].isdigit()):
        return True  # "297" + "th", "202" + "3", "5" + "3rd plenary meeting"
    if not (left.isalpha() and right.isalpha()):
        if left.isalpha() and right[:1].isdigit():
            return left not in _FUNCTION_WORDS  # "WHA" + "58/2005", but "of" + "26 May"
        return False  # "81st" + "plenary", "2015" + "and"
    if left + right in words:
        return True
    for piece, other in ((left, right), (right, left)):
        # "for", "the", "and" stand alone; "a", "of", "on" too, but only next to a word of
        # the document (two letters are as often the end of a word: "attenti" + "on")
        if piece in _FUNCTION_WORDS and (len(piece) > 2 or other in words):
            return False
    return not (left in words and right in words)


def _one_word(before: str, after: str, words: set[str]) -> bool:
    tail, head = _TAIL.search(before), _HEAD.match(after)
    return tail is not None and head is not None and \
        (tail.group() + head.group()).lower() in words


def _text(runs: list[Run], words: set[str]) -> tuple[str, bool]:
    out = ""
    label = False
    previous: Run | None = None
    # A line whose runs hold their own spaces: its writer prints a space where there is one,
    # so a narrow gap between two of its runs is kerning inside a word ("ot" + "her").
    writes_spaces = any(" " in r.text.strip() for r in runs if not r.raised)
    for run in runs:
        text = run.text
        if run.raised and text.strip().isdigit():
            if not out.strip() or (label and previous is not None and previous.raised
                                   and out.rstrip().isdigit()):
                label = True  # a footnote entry's number: "1 See ...", "1" + "0" of "10"
                out = out.strip() + text.strip() + " "
            else:
                if not (previous and previous.raised):
                    out = out.rstrip(" ")
                out += text.strip()
            previous = run
            continue
        if run.raised:  # an ordinal's "th", a "*": on the word before it
            out += text.strip()
            previous = run
            continue
        if previous is not None and out and not out.endswith(" ") and not text.startswith(" "):
            gap = min(run.x0, run.origin) - previous.x1
            # italic meeting roman is a word boundary ("Recalling" + "its"), unless the two
            # make a word of the document (a slip of the typesetter: "Encourage" + "s")
            boundary = (run.italic != previous.italic and out[-1:].isalnum() and text[:1].isalnum()
                        and not _one_word(out, text, words))
            after_marker = previous.raised  # "1" of a footnote, "st" of "81st"
            closing = (text[:1] in ".,;:)]\u201d\u2019" or text[:1] in "-\u2013" and out[-1:].isdigit()) \
                and gap < 0.5 * run.size  # "A/79/133" + ".", "2021" + "–2030", "2" + "]"
            size = min(run.size, previous.size)
            # (between two digits of a line that writes its spaces, only a wide gap is one:
            # "1" + "7.3" of "target 17.3" stand 0.235 apart)
            digits = writes_spaces and out[-1:].isdigit() and text[:1].isdigit()
            spaced = gap >= (2 * _SPACE_GAP if digits else _SPACE_GAP) * size or (
                (gap >= _JOIN_GAP * size and not writes_spaces or previous.generated_space)
                and not _joins(out, text, words))
            if (spaced and not closing) or boundary or (
                    after_marker and gap > 0.05 * run.size and not closing):
                out += " "
        out += text
        previous = run
    # (runs of spaces become one; a no-break space is the document's and stays, as in a
    # text extraction: the parser decides what it is)
    return _SPACES.sub(" ", out).strip(" "), label


# -- 3. zones and 4. text (of the document) --------------------------------------------------

def _furniture(pages: list[tuple[float, list[Line]]], body_size: float) -> set[int]:
    """ids of lines that are running heads and feet."""
    seen: dict[str, set[int]] = {}
    margin: list[tuple[Line, str, bool, float]] = []
    body_top: dict[int, float] = {}  # where each page's body type begins
    for height, lines in pages:
        for line in lines:
            if abs(line.size - body_size) < 0.5:
                body_top.setdefault(line.page, line.baseline)
            top = line.baseline < height * _MARGIN
            if top or line.baseline > height * (1 - _MARGIN):
                # the same words (numbers aside) at the same height: a footnote line
                # that happens to read like one on another page stands elsewhere
                key = f"{round(line.baseline / 3)} " + regex.sub(r"\d+", "#", line.text.lower())
                seen.setdefault(key, set()).add(line.page)
                margin.append((line, key, top, height))
    repeat = 2 if len(pages) < 6 else max(2, len(pages) // 3)
    dropped = set()
    for line, key, top, _ in margin:
        # (a footnote entry, opened by its raised number, is never furniture: entries read
        # alike, "18 Resolution 60/7.", and may stand at the same height on several pages)
        if line.label:
            continue
        # (on the first page only what stands at the same height on every page: the first
        # page's masthead may put the symbol where later pages run their head)
        if (len(seen[key]) >= repeat and line.page > 1) or _FURNITURE.match(line.text) \
                or (len(seen[key]) == len(pages) >= 3) \
                or (top and line.page > 1 and line.size < 0.95 * body_size
                    and line.baseline < body_top.get(line.page, 0)):
            # (small type at the top of a later page, above its body: a running head; a
            # page of footnotes only, going on from the page before, has no body)
            dropped.add(id(line))
    return dropped


def compose(pages: list[tuple[float, list[Line]]]) -> str:
    words = _vocabulary(pages)
    for _, lines in pages:
        for line in lines:
            line.text, line.label = _text(line.runs, words)
        lines[:] = [line for line in lines if line.text]
    sizes: Counter[float] = Counter()
    for _, lines in pages:
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)  # the body: most of the characters
    if not sizes:
        return ""  # no text placed on any page
    body_size = sizes.most_common(1)[0][0]
    dropped = _furniture(pages, body_size)
    steps = Counter()
    for _, lines in pages:
        kept = [line for line in lines if id(line) not in dropped]
        for prev, line in zip(kept, kept[1:]):
            step = line.baseline - prev.baseline
            if abs(line.size - body_size) < 0.5 and abs(prev.size - body_size) < 0.5 \
                    and 0.9 * body_size < step < 3 * body_size:
                steps[round(step, 1)] += 1
    # The line pitch: the most common baseline step of body lines (paragraph gaps are fewer).
    pitch = steps.most_common(1)[0][0] if steps else 1.2 * body_size
    out: list[str] = []
    for _, lines in pages:
        kept = [line for line in lines if id(line) not in dropped]
        if out:
            out.append("\f")
        notes = False
        previous: Line | None = None
        for line in kept:
            if _RULE.match(line.text):
                notes = True
                out.extend(["", line.text])
            elif notes and line.label:
                out.extend(["", line.text])
            elif previous is not None and not notes:
                own_pitch = pitch if abs(line.size - body_size) < 0.5 else 1.2 * line.size
                gap = line.baseline - previous.baseline
                if gap > _PARAGRAPH_GAP * own_pitch or line.label or (
                        abs(line.size - previous.size) > 0.5 and not line.label):
                    out.append("")
                out.append(line.text)
            else:
                if line.label and out and out[-1] != "":
                    out.append("")
                out.append(line.text)
            previous = line
    text = "\n".join(out)
    return regex.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
