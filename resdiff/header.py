"""The header of a resolution: the lines before the organ line -> symbol, session, title.

    read_header(lines, prefix="A") -> (symbol, session, title)
    session_from_symbol("A/C.3/91/L.33") -> 91

A resolution head "52/132. Title" gives the symbol (A/RES/52/132; E/RES/ for ECOSOC's
"2031/17."); a draft gives it on a line of its own ("A/C.3/54/L.25"). The title is the last
short block that is not masthead ("Fifty-fourth session", "Agenda item 110", "Distr.: Limited").
"""

from __future__ import annotations

import regex

from .layout import Line
from .normalize import collapse, decimal

_RESOLUTION_HEAD = regex.compile(r"^\s*(\d{1,4})/(\d{1,4})\s*\.\s+(\S.*)$")
# The Security Council numbers its resolutions through the years: "Resolution 2417 (2018)".
_COUNCIL_HEAD = regex.compile(r"^\s*Resolution\s+(\d{1,5})\s*\(((?:19|20)\d\d)\)\s*$",
                              regex.IGNORECASE)
_SYMBOL = regex.compile(
    r"^\s*(?:United\s+Nations\s+)?((?:A|E|S)/[A-Za-z0-9.()/-]*\d[A-Za-z0-9.()/-]*"
    r"(?:\s+\(\d{4}\))?)\s*$")  # Security Council: "S/RES/2417 (2018)"
_MASTHEAD = regex.compile(
    r"^(?:\S+\s+session|(?:First|Second|Third|Fourth|Fifth|Sixth)\s+Committee|Agenda\s+item"
    r"|Distr\.|Original:|General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council"
    r"|United\s+Nations|Resolution\s+adopted|Adopted\s+by\s+the\s|\[|\d{1,2}\s+\p{L}+\s+\d{4}$"
    r"|.*draft\s+(?:resolution|decision)$|Limited$|Provisional$|\*)", regex.IGNORECASE)
# (matched against the stripped line: a leading-space pattern with ".*" would backtrack
# quadratically on a line of spaces)
# A web library's record of the document: "• Author: UN General Assembly (38th sess.)",
# "- Document source:", "Citation / Document Symbol: A/RES/38/103", "Title: ...".
_FIELD = regex.compile(
    r"^[•·*-]?\s*(Title|Symbol|Document\s+Symbol|Citation(?:\s*/\s*Document\s+Symbol)?"
    r"|Author|Publisher|Document\s+source|Source|Date|Country|Topics?|Keywords?|Document\s+type"
    r"|Type|Language|Reference|UNHCR\s+Reference|Notes?)\s*:\s*(.*)$", regex.IGNORECASE)
# A law library's citation line: "Human rights and mass exoduses, G.A. res. 50/182, U.N. Doc.
# A/RES/50/182 (1995)", "C.H.R. res. 1998/49, ESCOR Supp. (No. 3) at 162, U.N. Doc. ...".
_CITATION = regex.compile(
    r"^(?:(.+?),\s+)?(?:G\.\s?A\.|C\.\s?H\.\s?R\.|S\.\s?C\.|E\.\s?S\.\s?C\.|H\.\s?R\.\s?C\.)"
    r"\s+(?:res|dec)\.\s+[\w./-]+(?:.*?U\.\s?N\.\s+Doc\.\s+([A-Z][A-Za-z0-9.()/-]*\d[A-Za-z0-9./-]*))?")
_ORDINAL_UNITS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth".split(), 1)}
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
                 "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}

_SYMBOL_SESSION = regex.compile(r"^[AES]/(?:C\.\d+/|RES/|CN\.\d+/)?(\d{1,3})/")
_SESSION_LINE = regex.compile(r"^\s*([A-Za-z]+)(?:-([a-z]+))?\s+session\b")


def read_header(header: list[Line], *,
                prefix: str | None) -> tuple[str | None, int | None, str | None]:
    """Symbol, session and title from the lines before the organ line. A resolution head
    "52/132. Title" gives the symbol (A/RES/52/132; E/RES/ for ECOSOC's "2031/17.")."""
    symbol = session = title = None
    titled = None  # the title a record's field or a citation line gives
    blocks: list[list[str]] = [[]]
    head_block: list[str] | None = None  # the title after "52/132.", whatever its length
    bracket = False  # inside "[on the report of the Third Committee ... (A/80/...)]"
    in_head = False  # the lines of the head block go on to the next blank line
    for _, text in header:
        if not text.strip():
            blocks.append([])
            in_head = False
            continue
        if in_head:
            head_block.append(text)  # "associated with the" / "United Nations": not masthead
            continue
        if bracket or text.lstrip()[:1] == "[":
            bracket = "]" not in text
            blocks.append([])
            continue
        council = _COUNCIL_HEAD.match(text) if prefix == "S" else None
        if council and symbol is None:
            symbol = f"S/RES/{council.group(1)} ({council.group(2)})"
            blocks.append([])
            continue
        head = _RESOLUTION_HEAD.match(text)
        if head and title is None:
            number = decimal(head.group(1))
            session = number if number is not None and number < 1000 else None  # ECOSOC: years
            # (a body resdiff does not know: no symbol rather than a wrong one)
            symbol = f"{prefix}/RES/{head.group(1)}/{head.group(2)}" if prefix else None
            head_block, in_head = [head.group(3)], True
            blocks.append(head_block)
            title = ""
            continue
        # A record's fields and a citation line say what the document is; no title block.
        field = _FIELD.match(text.strip())
        citation = None if field or len(text) > 500 else _CITATION.match(text.strip())
        if field or citation:
            if field:
                name, value = field.group(1).lower(), field.group(2).strip()
                cited = value.split()[0] if "symbol" in name and value else None
                titled = value if name == "title" and value else titled
            else:
                cited, titled = citation.group(2), citation.group(1) or titled
            if cited and symbol is None and _SYMBOL.match(cited.rstrip(".,;")):
                symbol = cited.rstrip(".,;")
            blocks.append([])
            continue
        sym = _SYMBOL.match(text)
        if sym or _MASTHEAD.match(text.strip()):
            # Masthead lines also end a title block: drafts set them without blank lines.
            if sym and symbol is None:
                symbol = sym.group(1)
            if session is None:
                session = _session_from_ordinal(text)
            blocks.append([])
            continue
        blocks[-1].append(text)
    if head_block is not None:
        return symbol, session, collapse(" ".join(head_block)) or None
    candidates = [collapse(" ".join(b)) for b in blocks if b]
    candidates = [c for c in candidates if len(c.split()) <= 20 and not c.endswith(".")]
    if candidates:
        title = candidates[-1]
    return symbol, session, title or (collapse(titled) if titled else None)


def session_from_symbol(symbol: str) -> int | None:
    """The session a symbol names ("A/RES/52/132", "A/C.3/54/L.25" -> 52, 54)."""
    match = _SYMBOL_SESSION.match(symbol)
    return decimal(match.group(1)) if match else None


def _session_from_ordinal(text: str) -> int | None:
    """The session a masthead line spells out ("Fifty-fourth session" -> 54)."""
    match = _SESSION_LINE.match(text)
    if not match:
        return None
    first, second = match.group(1).lower(), (match.group(2) or "").lower()
    if second:
        return _TENS.get(first, 0) + _ORDINAL_UNITS.get(second, 0) or None
    return _ORDINAL_UNITS.get(first) or _ORDINAL_TENS.get(first)
