"""Word .docx -> resolution text, with tracked changes read as accepted, rejected or refused.

    read(data, *, path, tracked="accept") -> Extracted   the text the parser reads
    revisions(data, *, path) -> list[Revision]           every tracked change, author and date

python-docx's ``paragraph.text`` drops tracked insertions *and* deletions (ECOSYSTEM.md), so
this module walks the WordprocessingML itself (through zipguard: bounded ZIP, no entities):

- one block per paragraph (tables and content controls included), blank line between blocks;
- ``w:ins``/``w:moveTo`` text exists only in the accepted view, ``w:del``/``w:moveFrom`` only in
  the rejected one; a tracked paragraph mark that does not exist in a view joins its
  paragraph to the next (how Word merges paragraphs);
- Word automatic numbering (numbering.xml, also through paragraph styles) is rendered as text
  ("1. ", "(a) ") counted per view, so operative numbers survive;
- the italic run that opens a paragraph is followed by a space (the parser finds the opening;
  glued "Recallingits" cannot happen here);
- footnote references become digits right after the text ("1997,1"), numbered in the order they
  appear in the view, and footnotes.xml is appended as "N text" blocks at the end.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

import regex

from ..errors import FormatError
from . import Extracted
from .wordml import ON, Numbering, Styles, val
from .zipguard import Package, parse_xml

TRACKED_MODES = ("accept", "reject", "error")
# A typed paragraph number before the italic opening ("1.", "5 bis.", "(a)", "PP2bis").
_LEAD_NUMBER = regex.compile(r"(?:\d{1,3}\s*(?:bis|ter|quater)?\s*\.|\([a-z]{1,4}\)|(?:PP|OP)\d{1,3}\w*)")
_SPACES = regex.compile(r"[ \t\r\n\f\v]+")
"""Collapsible whitespace; a no-break space is text and stays (the parser decides)."""
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_CONTAINERS = {"tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "smartTag", "body"}
_INLINE_CONTAINERS = {"hyperlink", "smartTag", "customXml", "sdt", "sdtContent", "fldSimple",
                      "dir", "bdo"}
_CHANGE = {"ins": "insertion", "moveTo": "move-to", "del": "deletion", "moveFrom": "move-from"}


@dataclass(frozen=True)
class Revision:
    """One tracked change in the document (for reports: who changed what, when)."""

    kind: str
    """"insertion", "deletion", "move-to", "move-from", or "paragraph-" + one of these."""
    author: str | None
    """w:author as Word stored it."""
    date: str | None
    """w:date (ISO 8601) or None."""
    text: str
    """The inserted or deleted text ("" for a paragraph mark)."""
    paragraph: int
    """0-based index of the Word paragraph it belongs to, in body (or footnotes) order."""
    part: str = "body"
    """"body" or "footnotes"."""


@dataclass
class _Piece:
    text: str = ""
    inserted: bool = False
    deleted: bool = False
    italic: bool = False
    superscript: bool = False
    footnote: str | None = None  # w:id of a footnote reference


@dataclass
class _Para:
    pieces: list[_Piece] = field(default_factory=list)
    mark_inserted: bool = False
    mark_deleted: bool = False
    props: tuple = (None, None, None)  # (style id, numId, ilvl) now
    old_props: tuple | None = None  # before a tracked formatting change (w:pPrChange)


class _Reader:
    """One .docx: its parts parsed once, then rendered as text in a view."""

    def __init__(self, data: bytes, path: str):
        self.path = path
        package = Package(data, path=path, kind="docx")
        main = self._main_part(package)
        self.document = parse_xml(package.read(main), path=path, part=main)
        namespace = self.document.tag.split("}")[0].lstrip("{")
        if namespace not in (_W, _W_STRICT):
            raise FormatError("is not a Word document (unknown main part)", path=path,
                              hint="save it as .docx from a word processor")
        self.w = namespace
        parts = self._related(package, main)
        self.styles = Styles(parts.get("styles"), self.w)
        self.numbering = Numbering(parts.get("numbering"), self.w)
        self.revisions: list[Revision] = []
        body = self.document.find(f"{{{self.w}}}body")
        if body is None:
            raise FormatError("Word document has no body", path=path)
        self._part, self._index = "body", 0
        self.paragraphs = [self._paragraph(p) for p in self._paragraphs(body)]
        self.footnotes: dict[str, list[_Para]] = {}
        self._part, self._index = "footnotes", 0
        if parts.get("footnotes") is not None:
            for note in parts["footnotes"].iter(f"{{{self.w}}}footnote"):
                if note.get(f"{{{self.w}}}type") in (None, "normal"):
                    self.footnotes[note.get(f"{{{self.w}}}id")] = [
                        self._paragraph(p) for p in self._paragraphs(note)]

    # -- package structure ------------------------------------------------------------------

    def _main_part(self, package: Package) -> str:
        if package.has("_rels/.rels"):
            rels = parse_xml(package.read("_rels/.rels"), path=self.path, part="_rels/.rels")
            for rel in rels:
                if str(rel.get("Type", "")).endswith("/officeDocument"):
                    target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                    if package.has(target):
                        return target
        if package.has("word/document.xml"):
            return "word/document.xml"
        raise FormatError("is a ZIP file but not a Word document (no word/document.xml)",
                          path=self.path, hint="save it as .docx, or pass --input-format")

    def _related(self, package: Package, main: str) -> dict:
        folder, name = posixpath.split(main)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        targets = {"styles": "word/styles.xml", "numbering": "word/numbering.xml",
                   "footnotes": "word/footnotes.xml"}
        if package.has(rels_name):
            rels = parse_xml(package.read(rels_name), path=self.path, part=rels_name)
            for rel in rels:
                kind = str(rel.get("Type", "")).rsplit("/", 1)[-1]
                if kind in targets and rel.get("TargetMode") != "External":
                    target = rel.get("Target", "")
                    targets[kind] = posixpath.normpath(
                        target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
        return {kind: parse_xml(package.read(target), path=self.path, part=target)
                for kind, target in targets.items() if package.has(target)}

    # -- XML walk -----------------------------------------------------------------------------

    def _local(self, element) -> str:
        tag = element.tag
        return tag.split("}", 1)[1] if isinstance(tag, str) and tag.startswith(f"{{{self.w}}}") else ""

    def _paragraphs(self, container):
        for child in container:
            tag = self._local(child)
            if tag == "p":
                yield child
            elif tag in _CONTAINERS:
                yield from self._paragraphs(child)

    def _paragraph(self, p) -> _Para:
        w = self.w
        para = _Para()
        index, self._index = self._index, self._index + 1
        ppr = p.find(f"{{{w}}}pPr")
        if ppr is not None:
            para.props = self._props(ppr)
            change = ppr.find(f"{{{w}}}pPrChange")
            if change is not None and change.find(f"{{{w}}}pPr") is not None:
                para.old_props = self._props(change.find(f"{{{w}}}pPr"))
            mark = ppr.find(f"{{{w}}}rPr")
            for child in (mark if mark is not None else ()):
                tag = self._local(child)
                if tag in _CHANGE:
                    if tag in ("ins", "moveTo"):
                        para.mark_inserted = True
                    else:
                        para.mark_deleted = True
                    self._record("paragraph-" + _CHANGE[tag], child, "", index)
        self._inline(p, para, False, False, para.props[0], index)
        return para

    def _props(self, ppr) -> tuple:
        w = self.w
        style = val(ppr.find(f"{{{w}}}pStyle"), w)
        numpr = ppr.find(f"{{{w}}}numPr")
        if numpr is None:
            numpr = self.styles.lookup(style, f"{{{w}}}pPr/{{{w}}}numPr")
        if numpr is None:
            return (style, None, None)
        return (style, val(numpr.find(f"{{{w}}}numId"), w), val(numpr.find(f"{{{w}}}ilvl"), w))

    def _inline(self, element, para, inserted, deleted, style, index) -> None:
        for child in element:
            tag = self._local(child)
            if tag == "r":
                self._run(child, para, inserted, deleted, style)
            elif tag in _CHANGE:
                before = len(para.pieces)
                self._inline(child, para, inserted or tag in ("ins", "moveTo"),
                             deleted or tag in ("del", "moveFrom"), style, index)
                self._record(_CHANGE[tag], child, "".join(x.text for x in para.pieces[before:]),
                             index)
            elif tag in _INLINE_CONTAINERS:
                self._inline(child, para, inserted, deleted, style, index)

    def _record(self, kind, element, text, index) -> None:
        self.revisions.append(Revision(kind=kind, author=element.get(f"{{{self.w}}}author"),
                                       date=element.get(f"{{{self.w}}}date"), text=text,
                                       paragraph=index, part=self._part))

    def _run(self, r, para, inserted, deleted, paragraph_style) -> None:
        w = self.w
        rpr = r.find(f"{{{w}}}rPr")
        char_style = val(rpr.find(f"{{{w}}}rStyle"), w) if rpr is not None else None

        def prop(name):
            found = rpr.find(f"{{{w}}}{name}") if rpr is not None else None
            if found is None:
                found = self.styles.lookup(char_style, f"{{{w}}}rPr/{{{w}}}{name}")
            if found is None:
                found = self.styles.lookup(paragraph_style, f"{{{w}}}rPr/{{{w}}}{name}")
            return found

        vanish = prop("vanish")
        if vanish is not None and val(vanish, w) in ON:
            return  # hidden text is neither shown nor printed
        italic_el = prop("i")
        italic = italic_el is not None and val(italic_el, w) in ON
        align = prop("vertAlign")
        superscript = val(align, w) == "superscript"

        def add(text="", footnote=None):
            para.pieces.append(_Piece(text, inserted, deleted, italic, superscript, footnote))

        for child in r:
            tag = self._local(child)
            if tag in ("t", "delText"):
                add(child.text or "")
            elif tag in ("tab", "ptab"):
                add(" ")
            elif tag in ("br", "cr"):
                add(" " if child.get(f"{{{w}}}type") in ("page", "column") else "\n")
            elif tag == "noBreakHyphen":
                add("-")
            elif tag == "footnoteReference":
                add(footnote=child.get(f"{{{w}}}id"))

    # -- views --------------------------------------------------------------------------------

    def text(self, view: str) -> str:
        accept = view == "accept"
        numbers = self.numbering.counter()
        order: dict[str, int] = {}
        blocks: list[str] = []
        for pieces, props in self._merged(self.paragraphs, accept):
            _, num_id, ilvl = props
            label = numbers(num_id, ilvl)
            body = self._render(pieces, order)
            if not body and not label:
                continue
            blocks.append(f"{label} {body}".strip() if label else body)
        for note_id, number in sorted(order.items(), key=lambda item: item[1]):
            parts = [self._render(pieces, None) for pieces, _ in
                     self._merged(self.footnotes.get(note_id, []), accept)]
            blocks.append(f"{number} {' '.join(p for p in parts if p)}".rstrip())
        return "\n\n".join(blocks) + ("\n" if blocks else "")

    def _merged(self, paragraphs: list[_Para], accept: bool):
        """Paragraphs of a view: pieces visible in it; a missing paragraph mark joins the next."""
        pending: list[_Piece] = []
        pending_props = None
        for para in paragraphs:
            visible = [x for x in para.pieces if not (x.deleted if accept else x.inserted)]
            props = para.props if accept or para.old_props is None else para.old_props
            if pending_props is None and any(x.text.strip() or x.footnote for x in visible):
                pending_props = props
            pending.extend(visible)
            if (para.mark_deleted if accept else para.mark_inserted):
                continue
            yield pending, pending_props or props
            pending, pending_props = [], None
        if pending:
            yield pending, pending_props or (None, None, None)

    def _render(self, pieces: list[_Piece], order: dict | None) -> str:
        out: list[str] = []
        opening = "start"  # start -> italic -> done
        for piece in pieces:
            if piece.footnote is not None or (piece.superscript and piece.text.strip().isdigit()):
                if piece.footnote is not None:
                    if order is None:
                        continue
                    mark = str(order.setdefault(piece.footnote, len(order) + 1))
                else:
                    mark = piece.text.strip()
                while out and out[-1].endswith((" ", "\t")):
                    out[-1] = out[-1].rstrip(" \t")
                out.append(mark)
                opening = "done"
                continue
            text = piece.text
            if opening == "start" and text.strip():
                if piece.italic or not _LEAD_NUMBER.fullmatch(("".join(out) + text).strip()):
                    opening = "italic" if piece.italic else "done"
            elif opening == "italic" and text.strip() and not piece.italic:
                joined = "".join(out)
                if joined[-1:].isalnum() and text[:1].isalnum():
                    out.append(" ")  # "Recalling" + "its": the opening ends at the italics
                opening = "done"
            out.append(text)
        lines = ["".join(out).replace("\t", " ")]
        lines = [_SPACES.sub(" ", line).strip(" ") for line in lines[0].split("\n")]
        return "\n".join(line for line in lines if line)


def read(data: bytes, *, path: str, tracked: str = "accept") -> Extracted:
    """The document text in the chosen view of its tracked changes."""
    if tracked not in TRACKED_MODES:
        raise FormatError(f"unknown --tracked mode {tracked!r}", path=path,
                          hint="use accept, reject or error")
    reader = _Reader(data, path)
    changes = reader.revisions
    if tracked == "error" and changes:
        authors = sorted({r.author for r in changes if r.author})
        raise FormatError(f"has {len(changes)} tracked changes"
                          + (f" (by {', '.join(authors)})" if authors else ""), path=path,
                          hint="accept or reject them in Word, or pass --tracked accept|reject")
    return Extracted(text=reader.text(tracked if tracked == "reject" else "accept"),
                     tracked_changes=bool(changes))


def revisions(data: bytes, *, path: str) -> list[Revision]:
    """Every tracked change in the document body, in document order."""
    return list(_Reader(data, path).revisions)
