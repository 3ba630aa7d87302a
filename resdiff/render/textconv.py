"""Document -> normalized plain text for git's textconv (`git diff` on .docx/.pdf drafts).

    render_document(document) -> str

One line per paragraph, "ID text" ("PP3 Recalling ...", "OP9(a) ..."), so a line-based diff
of two versions shows whole paragraphs with their delegate labels; the header first as
"# symbol title", the adoption line as "# adopted ...", footnotes last as "[N] text".
Nothing else (no warnings, no colour): the output is what git diffs, byte-stable.
"""

from __future__ import annotations

from ..model import Document


def _line(text: str) -> str:
    return " ".join(text.split())


def render_document(document: Document) -> str:
    """The normalized text of one document, LF line ends, ending in a newline."""
    lines = []
    head = " ".join(x for x in (document.symbol, document.title) if x)
    if head:
        lines.append(f"# {_line(head)}")
    lines += [f"{p.id} {_line(p.text)}" for p in document.paragraphs]
    adopted = document.adopted
    if adopted and (adopted.meeting or adopted.date):
        lines.append("# adopted " + ", ".join(x for x in (adopted.date, adopted.meeting) if x))
    lines += [f"[{f.mark}] {_line(f.text)}" for f in document.footnotes]
    return "\n".join(lines) + "\n" if lines else ""
