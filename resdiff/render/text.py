"""Terminal output for `parse` and `compare`.

Without colour, word changes are marked ``[-dropped-]{+added+}`` (git's --word-diff=plain)
so nothing is lost in a pipe or a log. With colour, deletions are red and struck through and
insertions green and underlined: not colour alone, for colour-blind readers. Control
characters and bidi overrides from the inputs are shown visibly (``visible``), never sent to
the terminal raw.
"""

from __future__ import annotations

import regex

from ..model import Change, Comparison, Document

# C0/C1 controls (ESC starts ANSI/OSC sequences; U+009B is a one-byte CSI), bidi marks and
# overrides, and lone surrogates (only a non-UTF-8 file name can carry one).
_CONTROL = regex.compile(r"(?!\n)\p{Cc}|[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]|\p{Cs}")
_RED, _GREEN, _BOLD, _DIM, _RESET = "\x1b[31;9m", "\x1b[32;4m", "\x1b[1m", "\x1b[2m", "\x1b[0m"


def visible(text: str, *, newlines: bool = True) -> str:
    """Input-derived text safe for a terminal: controls and bidi overrides as <U+XXXX>.

    Newlines stay (they join the paragraphs of a split or merge) unless ``newlines=False``,
    for one-line fields such as a path, where a newline would fake an extra output line.
    """
    text = _CONTROL.sub(_code_point, text)
    return text if newlines else text.replace("\n", "<U+000A>")


def _code_point(match: "regex.Match[str]") -> str:
    return f"<U+{ord(match.group()):04X}>"


def _line(text: str | None) -> str:
    """A one-line input-derived field (path, id, mark, opening, warning) made safe."""
    return visible(text or "", newlines=False)


def render_document(doc: Document, *, color: bool = False) -> str:
    bold = (lambda s: f"{_BOLD}{s}{_RESET}") if color else (lambda s: s)
    lines = []
    head = " ".join(_line(x) for x in (doc.symbol, doc.title) if x) or _line(doc.path)
    lines.append(bold(head))
    facts = []
    if doc.session:
        facts.append(f"session {doc.session}")
    if doc.organ:
        facts.append(_line(doc.organ))
    if doc.adopted:
        facts.append("adopted " + ", ".join(_line(x) for x in (doc.adopted.date, doc.adopted.meeting) if x))
    facts.append(f"{sum(p.section == 'preamble' for p in doc.paragraphs)} PP, "
                 f"{sum(p.section == 'operative' for p in doc.paragraphs)} OP, "
                 f"{len(doc.footnotes)} footnotes")
    lines.append("; ".join(facts))
    lines.append("")
    for para in doc.paragraphs:
        marks = f" [{_line(','.join(para.footnotes))}]" if para.footnotes else ""
        lines.append(f"{bold(_line(para.id))}{marks} {visible(para.text)}")
    if doc.footnotes:
        lines.append("")
        lines.append(bold("Footnotes"))
        for note in doc.footnotes:
            lines.append(f"{_line(note.mark)} {visible(note.text)}")
    for warning in doc.warnings:
        lines.append(f"warning: {_line(warning)}")
    return "\n".join(lines) + "\n"


def inline_diff(change: Change, *, color: bool = False) -> str:
    """The word diff of a change as one string, marked or coloured."""
    out = []
    for op in change.diff:
        text = visible(op.text)
        if op.op == "equal":
            out.append(text)
        elif color:
            out.append(f"{_RED if op.op == 'delete' else _GREEN}{text}{_RESET}")
        else:
            out.append(f"[-{text}-]" if op.op == "delete" else f"{{+{text}+}}")
    return "".join(out)


def headline(change: Change) -> str:
    """"PP3 -> PP4 reworded, weakened: Urges -> Encourages [hedge-added]"."""
    old = _line("+".join(change.old)) or "-"
    new = _line("+".join(change.new)) or "-"
    parts = [f"{old} -> {new} {change.kind}"]
    if change.kind == "moved" and change.text_changed:
        parts[0] += " and reworded"
    if change.verb and change.verb.shift:
        parts.append(f"{change.verb.shift}: {_line(change.verb.old)} -> {_line(change.verb.new)}")
    text = ", ".join(parts)
    if change.flags:
        text += " [" + ", ".join(change.flags) + "]"
    if change.similarity is not None and change.kind not in ("unchanged",):
        text += f" (similarity {change.similarity:.2f})"
    return text


def render_comparison(comparison: Comparison, *, color: bool = False,
                      show_unchanged: bool = False) -> str:
    bold = (lambda s: f"{_BOLD}{s}{_RESET}") if color else (lambda s: s)
    old, new = comparison.old, comparison.new
    lines = [f"old: {_line(old.path)} {_line(old.symbol)}".rstrip(),
             f"new: {_line(new.path)} {_line(new.symbol)}".rstrip()]
    summary = comparison.summary
    lines.append(", ".join(f"{summary[k]} {k}" for k in summary if summary[k]) or "no paragraphs")
    for change in comparison.changes:
        if change.kind == "unchanged" and not show_unchanged:
            continue
        lines.append("")
        lines.append(bold(headline(change)))
        lines.append(inline_diff(change, color=color))
    changed_notes = [f for f in comparison.footnotes if f.kind != "unchanged"]
    if changed_notes:
        lines.append("")
        lines.append(bold("Footnotes"))
        for note in changed_notes:
            diff = "".join(op.text if op.op == "equal" else
                           (f"[-{op.text}-]" if op.op == "delete" else f"{{+{op.text}+}}")
                           for op in note.diff)
            lines.append(f"{_line(note.old) or '-'} -> {_line(note.new) or '-'} {note.kind}: "
                         f"{visible(diff)}")
    if not comparison.has_differences:
        lines.append("")
        lines.append("no differences")
    for warning in comparison.warnings:
        lines.append(f"warning: {_line(warning)}")
    return "\n".join(lines) + "\n"
