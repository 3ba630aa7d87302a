"""HTML page -> resolution text: blocks, <em>/<i> openings, <sup> markers, footnote sections.

    read(data, *, path) -> str

- every block element (p, div, li, h1-h6, td, ...) is a paragraph, with a blank line between;
  scripts, styles, navigation, forms and hidden elements are skipped;
- ``<ol>`` items get their number as text ("3. ", or "(a) " for ``type="a"`` / ``"i"``) so
  operative numbers survive; bullets of ``<ul>`` are dropped;
- an italic run (em, i, or an inline italic style) that opens a block is followed by a
  space, so the parser finds the opening ("<em>Recalling</em>its" -> "Recalling its");
- footnote markers (``<sup>1</sup>``, ``<a href="#fn1">[1]</a>``, Word's "_ftn1" links) become
  digits glued to the text before them ("1997,1"), as in the printed resolution;
- footnote sections (class/id "footnote"/"endnote", ARIA doc-endnotes/doc-footnote, Word's
  ``<div id="ftn1">``) are moved to the end as "N text" blocks; back-links are dropped.

Parsing uses lxml's HTML parser without network access; HTML has no external entities, and
comments and processing instructions are removed.
"""

from __future__ import annotations

import codecs

import lxml.html
import regex
from lxml import etree

from ..errors import FormatError

_SKIP = {"script", "style", "noscript", "template", "head", "nav", "button", "form", "select",
         "textarea", "svg", "math", "iframe", "object", "embed", "canvas", "audio", "video",
         "map", "input", "title", "meta", "link"}
_BLOCK = {"p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote",
          "li", "dd", "dt", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr",
          "td", "th", "caption", "figure", "figcaption", "address", "center", "ul", "ol", "hr",
          "body", "html", "tbody", "thead", "tfoot", "details", "summary", "fieldset"}
_ITALIC = {"em", "i", "cite", "var", "dfn"}
_NOTE_CONTAINER = regex.compile(r"footnote|endnote|^_?ftn\d+$|^_?edn\d+$|^fn\d+$|^fn[-_]",
                                regex.IGNORECASE)
_NOTE_ROLES = {"doc-endnotes", "doc-footnote", "doc-endnote", "doc-footnotes"}
_MARK = regex.compile(r"^\s*[\[(]?\s*(\d{1,3})\s*/?\s*[\])]?\s*$")  # 1, [1], (1), 1/
_LEADING_NUMBER = regex.compile(r"^\s*[\[(]?(\d{1,3})[\])]?\.?\s+(?=\S)")
# A typed paragraph number before the italic opening ("1.", "5 bis.", "(a)", "PP2bis").
_LEAD_NUMBER = regex.compile(r"(?:\d{1,3}\s*(?:bis|ter|quater)?\s*\.|\([a-z]{1,4}\)|(?:PP|OP)\d{1,3}\w*)")
_SPACES = regex.compile(r"[ \t\r\n\f\v]+")
"""Collapsible whitespace; a no-break space is text and stays (the parser decides)."""
_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", regex.IGNORECASE)


def decode_html(data: bytes, *, path: str) -> str:
    """BOM, then <meta charset>, then UTF-8; cp1252 as the browsers' fallback."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, "replace")
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


class _Walker:
    def __init__(self):
        self.body: list[str] = []
        self.notes: list[tuple[str | None, str]] = []
        self.segments: list[tuple[str, str]] = []  # (text, "text"|"italic"|"mark"|"break")
        self.prefix: str | None = None
        self.note_number: str | None = None
        self.in_note = 0
        self.pre = 0

    # -- collecting ---------------------------------------------------------------------------

    def add(self, text: str | None, kind: str) -> None:
        if text:
            if not self.pre:
                text = _SPACES.sub(" ", text)
            self.segments.append((text, kind))

    def flush(self) -> None:
        text = self._render()
        self.segments = []
        if not text:
            return
        if self.in_note:
            number = self.note_number
            self.note_number = None
            if number is None:
                leading = _LEADING_NUMBER.match(text)
                if leading:
                    number, text = leading.group(1), text[leading.end():]
            if number is None and self.notes and self.notes[-1][0] is not None:
                # a second paragraph of the same footnote
                self.notes[-1] = (self.notes[-1][0], f"{self.notes[-1][1]} {text}")
                return
            self.notes.append((number, text))
            return
        if self.prefix:
            text = f"{self.prefix} {text}"
            self.prefix = None
        self.body.append(text)

    def _render(self) -> str:
        out = ""
        state = "start"
        for text, kind in self.segments:
            if kind == "mark":
                out = out.rstrip(" ") + text
                state = "done"
                continue
            if kind == "break":
                out += "\n"
                continue
            if state == "start" and text.strip():
                if kind == "italic" or not _LEAD_NUMBER.fullmatch((out + text).strip()):
                    state = "italic" if kind == "italic" else "done"
            elif state == "italic" and text.strip() and kind != "italic":
                if out[-1:].isalnum() and text[:1].isalnum():
                    out += " "  # "<em>Recalling</em>its": the opening ends at the italics
                state = "done"
            out += text
        lines = [_SPACES.sub(" ", line).strip(" ") for line in out.split("\n")]
        return "\n".join(line for line in lines if line)

    # -- walking ------------------------------------------------------------------------------

    def walk(self, element, italic: bool = False) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in _SKIP or _hidden(element):
            return
        if tag == "footer" and not _has_notes(element):
            return
        note = _is_note_container(element)
        block = tag in _BLOCK
        if note or block:
            self.flush()
        self.in_note += note
        self.pre += tag == "pre"
        italic = italic or tag in _ITALIC or _italic_style(element)
        if tag == "br":
            self.segments.append(("\n", "break"))
        elif tag in ("ol", "ul"):
            self._list(element, italic, ordered=tag == "ol")
        elif tag == "sup" and _MARK.match(element.text_content() or ""):
            self._marker(_MARK.match(element.text_content()).group(1))
        elif tag == "a" and _is_note_link(element):
            if not (self.in_note and _is_backlink(element)):
                self._marker(_MARK.match(element.text_content()).group(1))
        elif tag == "a" and self.in_note and _is_backlink(element):
            pass
        else:
            self.add(element.text, "italic" if italic else "text")
            for child in element:
                self.walk(child, italic)
                self.add(child.tail, "italic" if italic else "text")
        self.pre -= tag == "pre"
        if note or block:
            self.flush()
        self.in_note -= note

    def _marker(self, number: str) -> None:
        at_start = not any(t.strip() for t, _ in self.segments)
        if self.in_note and at_start:
            self.note_number = number  # "<sup>1</sup> See Official Records" in a footnote list
        elif at_start and self.prefix is None and not self.in_note:
            self.segments.append((number + " ", "text"))
        else:
            self.segments.append((number, "mark"))

    def _list(self, element, italic: bool, *, ordered: bool) -> None:
        style = (element.get("type") or "") + " " + (element.get("style") or "")
        counter = _int(element.get("start"), 1)
        for child in element:
            if isinstance(child.tag, str) and child.tag.lower() == "li":
                counter = _int(child.get("value"), counter)
                self.flush()
                if self.in_note:
                    self.note_number = str(counter) if ordered else None
                elif ordered:
                    self.prefix = _list_label(counter, style)
                self.walk(child, italic)
                self.flush()
                self.prefix = None
                counter += 1
            else:
                self.walk(child, italic)
            self.add(child.tail, "italic" if italic else "text")


_INT32 = 2 ** 31 - 1


def _int(value, default: int) -> int:
    """An ``<ol start>`` / ``<li value>`` number, clamped to 32 bits as browsers do."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return max(-_INT32 - 1, min(number, _INT32))


def _list_label(number: int, style: str) -> str:
    # Outside their ranges (letters from 1, roman numerals 1-3999) browsers number in
    # decimal; so do we, which also keeps start="300000000" from building 30 million "x"s.
    if "lower-alpha" in style or "lower-latin" in style or regex.search(r"(?<![\w-])a\b", style):
        return f"({chr(ord('a') + (number - 1) % 26)})" if number >= 1 else f"({number})"
    if "lower-roman" in style or regex.search(r"(?<![\w-])i\b", style):
        return f"({_roman(number)})" if 1 <= number <= 3999 else f"({number})"
    return f"{number}."


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                            (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                            (4, "iv"), (1, "i")):
        while value >= number:
            out += letters
            value -= number
    return out


def _hidden(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return (element.get("hidden") is not None or element.get("aria-hidden") == "true"
            or "display:none" in style or "visibility:hidden" in style)


def _italic_style(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "font-style:italic" in style


def _is_note_container(element) -> bool:
    if element.get("role") in _NOTE_ROLES:
        return True
    if element.tag.lower() in ("a", "sup", "span"):
        return False
    names = f"{element.get('class') or ''} {element.get('id') or ''}".split()
    return any(_NOTE_CONTAINER.search(name) and "ref" not in name.lower() for name in names)


def _has_notes(element) -> bool:
    return any(isinstance(e.tag, str) and _is_note_container(e) for e in element.iter())


def _is_note_link(element) -> bool:
    href = element.get("href") or ""
    return href.startswith("#") and bool(_MARK.match(element.text_content() or "")) and (
        element.get("role") == "doc-noteref" or "ref" in (element.get("class") or "").lower()
        or regex.match(r"#_?(?:ftn|edn|fn|footnote|note)|#\d{1,3}$", href, regex.IGNORECASE) is not None)


def _is_backlink(element) -> bool:
    href = element.get("href") or ""
    names = f"{element.get('class') or ''} {element.get('role') or ''}".lower()
    text = (element.text_content() or "").strip()
    return href.startswith("#") and ("back" in names or "ref" in href.lower()
                                     or not any(ch.isalnum() for ch in text))


def read(data: bytes, *, path: str) -> str:
    """The text of an HTML page as the parser reads it."""
    text = decode_html(data, path=path)
    text = regex.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str with an XML declaration
    if not text.strip():
        return ""
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                                  huge_tree=False, recover=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise FormatError(f"cannot parse HTML ({exc})", path=path,
                          hint="save the page again, or pass --input-format text") from None
    # Recovering from a broken page is fine; stopping at a resource limit (elements nested
    # over 255 deep, without huge_tree) is not: libxml2 drops the rest of the page silently.
    limit = next((e for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"), None)
    if limit is not None:
        reason = limit.message.split(",")[0].strip()  # not libxml2's "use XML_PARSE_HUGE"
        raise FormatError(f"HTML is beyond the parser's limits ({reason}); "
                          "the rest of the page would be lost", path=path,
                          hint="save the page again, or pass --input-format text")
    body = root.find("body")
    walker = _Walker()
    walker.walk(body if body is not None else root)
    walker.flush()
    blocks = list(walker.body)
    numbered = 0
    for number, note in walker.notes:
        numbered = int(number) if number else numbered + 1
        blocks.append(f"{numbered} {note}")
    return "\n\n".join(blocks) + ("\n" if blocks else "")
