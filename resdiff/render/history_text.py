"""Terminal output for `history` (a table of lineages by versions) and `blame`.

    render_history(history, *, color=False)            -> str
    render_blame(history, entries, version, *, color)  -> str
    cell_groups(history, lineage, version)             -> [(ids, Link | None), ...]
    step_label(link)                                   -> "reworded/weakened", "moved*", ...

A history cell shows the lineage's paragraph ids in that version and the kind of the link
that led there; an unchanged link shows the id alone, so the eye falls on what changed.
Blame reads like `git blame`: one line per paragraph with where it came from and since when
its wording stands, then the text. Input-derived text goes through ``visible`` (control
characters and bidi overrides shown as <U+XXXX>).
"""

from __future__ import annotations

from ..model import BlameEntry, History, Lineage, Link, Place, Version
from .text import visible

_COLORS = {"reworded": "\x1b[33m", "moved": "\x1b[36m", "added": "\x1b[32m",
           "dropped": "\x1b[31m", "split": "\x1b[35m", "merged": "\x1b[35m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
ABSENT = "-"
"""Cell text where a lineage has no paragraph."""


def step_label(link: Link) -> str:
    """The kind of a link as a cell shows it: kind, "*" if a move also changed words,
    "/strengthened" etc. for a verb shift."""
    change = link.change
    label = change.kind
    if change.kind == "moved" and change.text_changed:
        label += "*"
    if change.verb and change.verb.shift:
        label += f"/{change.verb.shift}"
    return label


def cell_groups(history: History, lineage: Lineage, version: int
                ) -> list[tuple[tuple[str, ...], Link | None]]:
    """A cell split by the link each of its ids arrived through (version 0: no link)."""
    ids = lineage.cells[version]
    links = [history.links[i] for i in lineage.steps[version]]
    if not links:
        return [(ids, None)] if ids else []
    groups = []
    for link in links:
        arrived = tuple(i for i in ids if i in link.change.new)
        groups.append((arrived, link))
    return groups


def _cell(history: History, lineage: Lineage, version: int, paint) -> str:
    groups = cell_groups(history, lineage, version)
    if not groups:
        return ABSENT
    parts = []
    for ids, link in groups:
        if link is None:
            parts.append("+".join(ids))
        elif link.kind == "dropped":
            parts.append(paint("dropped", "(dropped)"))
        elif link.kind == "unchanged":
            parts.append("+".join(ids))
        else:
            parts.append("+".join(ids) + " " + paint(link.kind, step_label(link)))
    return ", ".join(parts)


def _painter(color: bool):
    if not color:
        return lambda kind, text: text
    return lambda kind, text: f"{_COLORS.get(kind, '')}{text}{_RESET}" if kind in _COLORS else text


def _visible_width(text: str) -> int:
    width, skipping = 0, False
    for char in text:
        if char == "\x1b":
            skipping = True
        elif skipping:
            skipping = char != "m"
        else:
            width += 1
    return width


def _table(rows: list[list[str]], *, strip: bool = True) -> list[str]:
    """Rows as aligned columns (two spaces apart); ``strip=False`` pads the last column too."""
    widths = [max(_visible_width(row[c]) for row in rows) for c in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[c] - _visible_width(cell)) for c, cell in enumerate(row)]
        line = "  ".join(cells)
        lines.append(line.rstrip() if strip else line)
    return lines


def version_lines(versions: tuple[Version, ...]) -> list[str]:
    """One line per version: index, label, symbol, date, path."""
    rows = [[f"v{i}", visible(v.label, newlines=False), visible(v.symbol or ABSENT, newlines=False),
             v.date or ABSENT,
             visible(v.path or ABSENT, newlines=False)] for i, v in enumerate(versions)]
    return _table(rows) if rows else []


def render_history(history: History, *, color: bool = False) -> str:
    bold = (lambda s: f"{_BOLD}{s}{_RESET}") if color else (lambda s: s)
    paint = _painter(color)
    lines = version_lines(history.versions)
    lines.append("")
    header = [bold(f"v{i} {visible(v.label, newlines=False)}") for i, v in enumerate(history.versions)]
    rows = [header]
    for lineage in history.lineages:
        rows.append([_cell(history, lineage, v, paint) for v in range(len(history.versions))])
    lines += _table(rows)
    lines.append("")
    current = sum(1 for l in history.lineages if l.status == "current")
    lines.append(f"{len(history.lineages)} lineages: {current} current, "
                 f"{len(history.lineages) - current} dropped. A cell shows the paragraph ids in "
                 f"that version and how they got there (nothing = unchanged, * = moved and "
                 f"reworded).")
    for i, comparison in enumerate(history.comparisons):
        counts = ", ".join(f"{n} {k}" for k, n in comparison.summary.items() if n)
        lines.append(f"v{i} -> v{i + 1}: {counts or 'no paragraphs'}")
    for warning in history.warnings:
        lines.append(f"warning: {visible(warning, newlines=False)}")
    return "\n".join(lines) + "\n"


def place_label(place: Place) -> str:
    """"v0 OP7"."""
    return f"v{place.version} {place.id}"


def render_blame(history: History, entries: tuple[BlameEntry, ...], version: int, *,
                 color: bool = False) -> str:
    dim = (lambda s: f"{_DIM}{s}{_RESET}") if color else (lambda s: s)
    blamed = history.versions[version]
    document = history.documents[version]
    lines = version_lines(history.versions)
    lines.append("")
    lines.append(f"blame of v{version} {visible(blamed.label, newlines=False)} "
                 f"({visible(blamed.path or '-', newlines=False)})")
    lines.append("")
    rows = [["origin", "unchanged since", "id"]]
    texts = ["text"]
    for entry in entries:
        origin = place_label(entry.origin)
        if len(entry.origins) > 1:
            origin += f" (+{len(entry.origins) - 1} merged)"
        rows.append([origin, place_label(entry.unchanged_since), entry.id])
        texts.append(visible(document.paragraph(entry.id).text))
    for row_line, text in zip(_table(rows, strip=False), texts):
        lines.append(f"{dim(row_line)}  {text}")
    if not entries:
        lines.append("(no paragraphs)")
    for warning in history.warnings:
        lines.append(f"warning: {visible(warning, newlines=False)}")
    return "\n".join(lines) + "\n"
