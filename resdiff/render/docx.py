"""Word redline: Comparison -> .docx whose tracked changes turn old into new.

    render_comparison(comparison, *, author="resdiff", date=None) -> bytes

Negotiators work in Word, so the comparison they send back is a document with real tracked
changes (``w:ins``/``w:del``): *Accept All* gives the new text, *Reject All* the old one.

- A paragraph pair is written once, with the word operations of its Change as insertions and
  deletions; a changed number ("5." -> "6.") is a deleted and an inserted label.
- Added and dropped paragraphs, and moved ones, are whole inserted/deleted paragraphs: their
  runs *and* their paragraph mark are tracked, so accepting or rejecting removes the
  paragraph itself. A moved paragraph appears as a deletion where it was and an insertion
  where it is now.
- Split and merged paragraphs: the "\\n" that joins paragraphs in a Change's diff becomes a
  tracked paragraph mark (inserted for a split, deleted for a merge).
- Header, organ line and adoption lines are compared as whole lines; footnotes are listed at
  the end as "N text" paragraphs, diffed like paragraphs (markers in the body text are not
  kept: the Comparison does not record their positions).

Paragraph order: the pairs that keep their order (a longest chain in both documents) are
written in place; every other paragraph is a deletion at its old position or an insertion at
its new one. That is what makes both views exact, whatever the alignment found.

Output is byte-identical across runs: fixed ZIP timestamps, sequential revision ids, and no
``w:date`` unless one is passed (Word then shows no date for the changes).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ..model import PARAGRAPH_JOINER, Comparison, DiffOp, Document, Paragraph

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MONTHS = ("January February March April May June July August September October November "
           "December").split()
_ILLEGAL = {c: None for c in list(range(0x00, 0x09)) + [0x0B, 0x0C] + list(range(0x0E, 0x20))
            + [0xFFFE, 0xFFFF]}


@dataclass
class _Unit:
    """One item of the written sequence."""

    kind: str  # "pair" (a change written in place), "del" (old index), "ins" (new index)
    index: int


def _label(paragraph: Paragraph) -> str:
    """The number a reader sees before the text ("3. ", "(a) ", "PP2bis ")."""
    if paragraph.parent is not None:
        return f"({paragraph.number}) " if paragraph.number else ""
    if paragraph.section == "operative" and paragraph.number:
        digits = paragraph.number.rstrip("abcdefghijklmnopqrstuvwxyz")
        suffix = paragraph.number[len(digits):]
        return f"{digits} {suffix}. " if suffix else f"{digits}. "
    if paragraph.section == "preamble" and not paragraph.id[2:].isdigit():
        return f"{paragraph.id.split('~')[0]} "
    return ""


def _merge(n_old: int, n_new: int, pairs: list[tuple[list[int], list[int]]]) -> list[_Unit]:
    """Interleave: the pairs on a longest chain stay in place, the rest are del/ins units.
    Filtering out the "ins" units gives old order, filtering out the "del" units new order."""
    candidates = [(k, o, n) for k, (o, n) in enumerate(pairs) if o and n
                  and o == list(range(o[0], o[0] + len(o))) and n == list(range(n[0], n[0] + len(n)))]
    candidates.sort(key=lambda item: (item[2][0], item[1][0]))
    # Longest chain increasing in both orders (quadratic: there are few paragraphs).
    best: list[int] = []
    length = [1] * len(candidates)
    back = [-1] * len(candidates)
    for i, (_, oi, ni) in enumerate(candidates):
        for j in range(i):
            _, oj, nj = candidates[j]
            if oj[-1] < oi[0] and nj[-1] < ni[0] and length[j] + 1 > length[i]:
                length[i], back[i] = length[j] + 1, j
    if candidates:
        i = max(range(len(candidates)), key=lambda k: length[k])
        while i >= 0:
            best.append(i)
            i = back[i]
    kept = {candidates[i][0] for i in best}
    old_owner = {o[0]: k for k, (o, _) in enumerate(pairs) if k in kept}
    in_pair_old = {i for k in kept for i in pairs[k][0]}
    in_pair_new = {j for k in kept for j in pairs[k][1]}
    units: list[_Unit] = []
    i = j = 0
    while i < n_old or j < n_new:
        if i < n_old and i not in in_pair_old:
            units.append(_Unit("del", i))
            i += 1
        elif j < n_new and j not in in_pair_new:
            units.append(_Unit("ins", j))
            j += 1
        else:
            k = old_owner[i]
            units.append(_Unit("pair", k))
            i += len(pairs[k][0])
            j += len(pairs[k][1])
    return units


class _Writer:
    def __init__(self, author: str, date: str | None):
        attributes = f'w:author="{_escape(author)}"' + (f' w:date="{_escape(date)}"' if date else "")
        self.attributes = attributes
        self.revision = 0
        self.paragraphs: list[str] = []
        self.runs: list[str] = []

    def _change(self, kind: str) -> str:
        self.revision += 1
        return f'<w:{kind} w:id="{self.revision}" {self.attributes}'

    def run(self, text: str, change: str | None = None, italic: bool = False) -> None:
        """Add text to the current paragraph; change is None, "ins" or "del"."""
        if not text:
            return
        tag = "w:delText" if change == "del" else "w:t"
        props = "<w:rPr><w:i/></w:rPr>" if italic else ""
        xml = f'<w:r>{props}<{tag} xml:space="preserve">{_escape(text)}</{tag}></w:r>'
        if change:
            xml = f"{self._change(change)}>{xml}</w:{change}>"
        self.runs.append(xml)

    def end_paragraph(self, mark: str | None = None) -> None:
        """Close the paragraph; mark "ins"/"del" tracks its paragraph mark."""
        ppr = f"<w:pPr><w:rPr>{self._change(mark)}/></w:rPr></w:pPr>" if mark else ""
        self.paragraphs.append(f"<w:p>{ppr}{''.join(self.runs)}</w:p>")
        self.runs = []

    def whole(self, text: str, change: str | None, opening: int = 0) -> None:
        """A whole paragraph: unchanged, inserted or deleted."""
        self.run(text[:opening], change, italic=True)
        self.run(text[opening:], change)
        self.end_paragraph(change)

    def lines(self, old: list[str], new: list[str]) -> None:
        """Lines compared as wholes: equal ones kept, others deleted then inserted."""
        if old == new:
            for line in new:
                self.whole(line, None)
            return
        for line in old:
            self.whole(line, "del")
        for line in new:
            self.whole(line, "ins")

    def ops(self, ops: tuple[DiffOp, ...], olds: list[tuple[str, int]], news: list[tuple[str, int]]) -> None:
        """One change in place: (label, opening length) of each old/new paragraph, then the
        word operations; "\\n" in an operation is a (tracked) paragraph break."""
        oi = ni = 0
        old_pos = new_pos = 0  # offset in the current old/new paragraph text
        self._labels(olds[0][0], news[0][0])
        for op in ops:
            pieces = op.text.split(PARAGRAPH_JOINER)
            for index, piece in enumerate(pieces):
                if index:
                    change = None if op.op == "equal" else ("ins" if op.op == "insert" else "del")
                    self.end_paragraph(change)
                    if op.op in ("equal", "delete"):
                        oi, old_pos = oi + 1, 0
                    if op.op in ("equal", "insert"):
                        ni, new_pos = ni + 1, 0
                    self._labels(olds[oi][0] if op.op != "insert" else "",
                                 news[ni][0] if op.op != "delete" else "")
                side, at = (olds, oi) if op.op == "delete" else (news, ni)
                position = old_pos if op.op == "delete" else new_pos
                limit = side[at][1] if at < len(side) else 0
                italic = max(0, min(len(piece), limit - position))
                change = {"equal": None, "insert": "ins", "delete": "del"}[op.op]
                self.run(piece[:italic], change, italic=True)
                self.run(piece[italic:], change)
                if op.op in ("equal", "delete"):
                    old_pos += len(piece)
                if op.op in ("equal", "insert"):
                    new_pos += len(piece)
        self.end_paragraph()

    def _labels(self, old: str, new: str) -> None:
        if old == new:
            self.run(new)
        else:
            self.run(old, "del")
            self.run(new, "ins")


def _escape(text: str) -> str:
    text = text.translate(_ILLEGAL).encode("utf-8", "replace").decode("utf-8")
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _header(document: Document) -> list[str]:
    lines = []
    symbol, title = document.symbol, document.title
    if symbol and symbol.startswith("A/RES/") and symbol.count("/") == 3 and title:
        lines.append(f"{symbol.split('/', 2)[2]}. {title}")
    else:
        lines += [x for x in (symbol, title) if x]
    return lines


def _adoption(document: Document) -> list[str]:
    adopted = document.adopted
    if adopted is None:
        return []
    lines = [adopted.meeting] if adopted.meeting else []
    if adopted.date:
        year, month, day = adopted.date.split("-")
        lines.append(f"{int(day)} {_MONTHS[int(month) - 1]} {year}")
    return lines


def _opening_length(paragraph: Paragraph) -> int:
    opening = paragraph.opening
    return len(opening) if opening and paragraph.text.startswith(opening) else 0


def render_comparison(comparison: Comparison, *, author: str = "resdiff",
                      date: str | None = None) -> bytes:
    """The redline as .docx bytes: accept all -> new, reject all -> old."""
    old, new = comparison.old, comparison.new
    writer = _Writer(author, date)
    writer.lines(_header(old), _header(new))
    writer.lines([f"{old.organ},"] if old.organ else [], [f"{new.organ},"] if new.organ else [])

    old_index = {p.id: i for i, p in enumerate(old.paragraphs)}
    new_index = {p.id: i for i, p in enumerate(new.paragraphs)}
    changes = [c for c in comparison.changes]
    pairs = [([old_index[x] for x in c.old], [new_index[x] for x in c.new])
             if c.kind != "moved" else ([], []) for c in changes]
    for unit in _merge(len(old.paragraphs), len(new.paragraphs), pairs):
        if unit.kind == "pair":
            change = changes[unit.index]
            olds = [old.paragraphs[old_index[x]] for x in change.old]
            news = [new.paragraphs[new_index[x]] for x in change.new]
            writer.ops(change.diff, [(_label(p), _opening_length(p)) for p in olds],
                       [(_label(p), _opening_length(p)) for p in news])
        else:
            paragraph = (old if unit.kind == "del" else new).paragraphs[unit.index]
            label = _label(paragraph)
            writer.run(label, unit.kind)
            writer.whole(paragraph.text, unit.kind, _opening_length(paragraph))
    writer.lines(_adoption(old), _adoption(new))

    old_marks = {f.mark: i for i, f in enumerate(old.footnotes)}
    new_marks = {f.mark: i for i, f in enumerate(new.footnotes)}
    notes = [([old_marks[f.old]] if f.old in old_marks else [],
              [new_marks[f.new]] if f.new in new_marks else []) for f in comparison.footnotes]
    for unit in _merge(len(old.footnotes), len(new.footnotes), notes):
        if unit.kind == "pair":
            change = comparison.footnotes[unit.index]
            writer.ops(change.diff, [(f"{change.old} ", 0)], [(f"{change.new} ", 0)])
        else:
            note = (old if unit.kind == "del" else new).footnotes[unit.index]
            writer.whole(f"{note.mark} {note.text}", unit.kind)
    return _package("".join(writer.paragraphs))


def _package(body: str) -> bytes:
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:document xmlns:w="{_W}"><w:body>{body}<w:p/>'
                '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" '
                'w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/>'
                '</w:sectPr></w:body></w:document>')
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<w:styles xmlns:w="{_W}"><w:docDefaults><w:rPrDefault><w:rPr>'
              '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
              '<w:sz w:val="24"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
              '<w:spacing w:after="120"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
              '</w:style></w:styles>')
    settings = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:settings xmlns:w="{_W}"><w:trackRevisions/></w:settings>')
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.settings+xml"/></Types>')
    package_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}officeDocument" Target="word/document.xml"/>'
        '</Relationships>')
    document_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}styles" Target="styles.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}settings" Target="settings.xml"/>'
        '</Relationships>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, content in (("[Content_Types].xml", content_types), ("_rels/.rels", package_rels),
                              ("word/_rels/document.xml.rels", document_rels),
                              ("word/document.xml", document), ("word/styles.xml", styles),
                              ("word/settings.xml", settings)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, content.encode("utf-8"))
    return out.getvalue()
