"""WordprocessingML helpers for the .docx reader: styles (italic, superscript and numbering
through ``basedOn``) and automatic numbering (numbering.xml rendered as "1.", "(a)", "(iv)").

    Styles(styles_root, ns).lookup(style_id, path)   first match along the basedOn chain
    Numbering(numbering_root, ns).counter()          label(numId, ilvl) -> "3." for one view

Word counts a list per abstract definition: paragraphs of different w:num instances that share
a w:abstractNum continue one count, unless an instance restarts it (w:startOverride). Deeper
levels restart when a higher level advances. Bullets carry no number and render as "".
"""

from __future__ import annotations

import re

ON = {None, "1", "true", "on"}
"""w:val values that switch a toggle property (w:i, w:vanish) on; absent means on."""


class Styles:
    """Paragraph/character styles: italic, superscript and numbering, through basedOn."""

    def __init__(self, root, w: str):
        self.w = w
        self.styles = {s.get(f"{{{w}}}styleId"): s
                       for s in (root.iter(f"{{{w}}}style") if root is not None else ())}
        self._found: dict = {}

    def _chain(self, style_id):
        seen = 0
        while style_id in self.styles and seen < 20:
            yield self.styles[style_id]
            based = self.styles[style_id].find(f"{{{self.w}}}basedOn")
            style_id = based.get(f"{{{self.w}}}val") if based is not None else None
            seen += 1

    def lookup(self, style_id, path: str):
        """The first element at ``path`` along the style's basedOn chain, or None."""
        if style_id is None:
            return None
        key = (style_id, path)
        if key not in self._found:
            self._found[key] = next((found for found in (s.find(path) for s in self._chain(style_id))
                                     if found is not None), None)
        return self._found[key]


class Numbering:
    """numbering.xml: w:num -> w:abstractNum levels; counters per abstract list, per view."""

    def __init__(self, root, w: str):
        self.w = w
        self.abstract = {}
        self.nums = {}
        if root is None:
            return
        for abstract in root.iter(f"{{{w}}}abstractNum"):
            self.abstract[abstract.get(f"{{{w}}}abstractNumId")] = {
                lvl.get(f"{{{w}}}ilvl"): lvl for lvl in abstract.iter(f"{{{w}}}lvl")}
        for num in root.iter(f"{{{w}}}num"):
            ref = num.find(f"{{{w}}}abstractNumId")
            overrides = {}
            for override in num.iter(f"{{{w}}}lvlOverride"):
                start = override.find(f"{{{w}}}startOverride")
                overrides[override.get(f"{{{w}}}ilvl")] = (
                    override.find(f"{{{w}}}lvl"), number(val(start, w), 1) if start is not None else None)
            self.nums[num.get(f"{{{w}}}numId")] = (val(ref, w), overrides)

    def counter(self) -> "callable":
        counters: dict = {}

        def label(num_id: str | None, ilvl: str | None) -> str:
            if not num_id or num_id == "0" or num_id not in self.nums:
                return ""
            abstract_id, overrides = self.nums[num_id]
            levels = self.abstract.get(abstract_id, {})
            key = num_id if any(s is not None for _, s in overrides.values()) else abstract_id
            level = number(ilvl, 0, high=_MAX_LEVEL)
            values = counters.setdefault(key, {})
            current = self._level(levels, overrides, str(level))
            if current is None:
                return ""
            start = self._start(current, overrides.get(str(level)))
            values[level] = values[level] + 1 if level in values else start
            for deeper in [k for k in values if k > level]:
                del values[deeper]
            fmt = val(current.find(f"{{{self.w}}}numFmt"), self.w) or "decimal"
            if fmt == "bullet":
                return ""  # bullets carry no paragraph number
            text = val(current.find(f"{{{self.w}}}lvlText"), self.w) or ""
            for k in range(9):
                if f"%{k + 1}" in text:
                    lvl = self._level(levels, overrides, str(k))
                    k_fmt = val(lvl.find(f"{{{self.w}}}numFmt"), self.w) if lvl is not None else None
                    k_value = values.get(k, self._start(lvl, overrides.get(str(k))) if lvl is not None else 1)
                    text = text.replace(f"%{k + 1}", _format_number(k_value, k_fmt or "decimal"))
            return text.strip()

        return label

    def _level(self, levels, overrides, ilvl):
        override = overrides.get(ilvl)
        if override and override[0] is not None:
            return override[0]
        return levels.get(ilvl)

    def _start(self, level, override) -> int:
        if override and override[1] is not None:
            return override[1]
        return number(val(level.find(f"{{{self.w}}}start"), self.w), 1)


_DECIMAL = re.compile(r"\s*([-+]?)([0-9]+)\s*")  # (no "0*" before the digits: with it,
# "000...0x" backtracks through every split of the zeros, quadratic in their number)
_MAX_START = 32767
"""Word's largest list start value: a hostile w:start="999999999" cannot make the labels
(letters repeat, roman numerals add an "m" per thousand) huge."""
_MAX_LEVEL = 99
"""Word has list levels 0-8; anything deeper has no definition and no label."""


def number(text: str | None, default: int, *, high: int = _MAX_START) -> int:
    """A decimal attribute (ST_DecimalNumber) as a bounded int; the default when it is
    missing or unreadable ("1a", ""), as Word's lenient reading does."""
    match = _DECIMAL.fullmatch(text) if text is not None else None
    if match is None:
        return default
    sign, digits = match.groups()
    digits = digits.lstrip("0") or "0"
    if sign == "-":
        return 0
    # no int() of a 5,000-digit string (Python refuses those: ValueError)
    return high if len(digits) > 9 else min(int(digits), high)


def val(element, w: str) -> str | None:
    return element.get(f"{{{w}}}val") if element is not None else None


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


def _roman(value: int) -> str:
    out = []
    for number, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                            (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                            (4, "iv"), (1, "i")):
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)
