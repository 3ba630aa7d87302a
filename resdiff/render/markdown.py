"""Markdown output for `compare` (pull-request comments, CI step summaries, e-mail).

Deleted words are ~~struck~~ and inserted words **bold**; every input-derived string is
escaped so the compared texts cannot inject markup, links or HTML.
"""

from __future__ import annotations

import regex

from ..model import Comparison, DiffOp
from .text import headline, visible

_SPECIAL = regex.compile(r"([\\`*_\[\]|~])")
_LINE_START = regex.compile(r"^(\s*)([#>+\-]|\d+[.)])", regex.MULTILINE)


def escape(text: str) -> str:
    """Input text safe inside Markdown: inline markup characters backslash-escaped, block
    markers at a line start neutralised, & < > as entities (no raw HTML)."""
    text = visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _cell(text: str) -> str:
    """A one-line field (a heading, a table cell): escaped, and a newline in it (a file name
    can hold one) shown as <U+000A> rather than breaking the heading or the table."""
    return escape(visible(text, newlines=False))


def _diff(ops: tuple[DiffOp, ...]) -> str:
    out = []
    for op in ops:
        for index, piece in enumerate(op.text.split("\n")):
            if index:
                out.append(" \u00b6<br>")  # paragraph boundary inside a split or merge
            if not piece:
                continue
            core, lead, trail = piece.strip(), piece[: len(piece) - len(piece.lstrip())], \
                piece[len(piece.rstrip()):]
            if op.op == "equal" or not core:
                out.append(escape(piece))
            else:
                mark = "~~" if op.op == "delete" else "**"
                out.append(f"{lead}{mark}{escape(core)}{mark}{trail}")
    return "".join(out)


def render_comparison(comparison: Comparison) -> str:
    old, new = comparison.old, comparison.new
    lines = [f"# Comparison: {_cell(old.symbol or old.path or 'old')} \u2192 "
             f"{_cell(new.symbol or new.path or 'new')}", "",
             "| | old | new |", "|---|---|---|",
             f"| file | {_cell(old.path or '')} | {_cell(new.path or '')} |",
             f"| symbol | {_cell(old.symbol or '')} | {_cell(new.symbol or '')} |",
             f"| title | {_cell(old.title or '')} | {_cell(new.title or '')} |",
             f"| paragraphs | {len(old.paragraphs)} | {len(new.paragraphs)} |", ""]
    summary = comparison.summary
    lines.append("**Summary:** " + (", ".join(f"{summary[k]} {k}" for k in summary if summary[k])
                                    or "no paragraphs"))
    lines.append("")
    changed = [c for c in comparison.changes if c.kind != "unchanged"]
    if not comparison.has_differences:
        lines += ["No differences.", ""]
    for change in changed:
        lines += [f"### {escape(headline(change))}", "", _diff(change.diff), ""]
    notes = [f for f in comparison.footnotes if f.kind != "unchanged"]
    if notes:
        lines += ["## Footnotes", ""]
        for note in notes:
            lines.append(f"- {escape(note.old or '-')} \u2192 {escape(note.new or '-')} "
                         f"{note.kind}: {_diff(note.diff)}")
        lines.append("")
    if comparison.warnings:
        lines += ["## Warnings", ""] + [f"- {escape(w)}" for w in comparison.warnings] + [""]
    return "\n".join(lines)
