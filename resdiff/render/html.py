"""HTML report for `resdiff compare`: one self-contained page a delegate can forward.

    render_comparison(comparison) -> str

The page: a header with both documents and the summary (one ``data-count="<kind>"`` element
per change kind and verb shift), a toolbar (side-by-side or redline view, filters by kind,
``n``/``p`` to the next/previous change), one element per change carrying ``data-kind``,
``data-old`` and ``data-new``, the footnote changes and the comparison's warnings. Style and
script are inline (templates/report.css, templates/report.js); the page loads nothing.

This module only reads the Comparison: it lays out what the engine computed and never
aligns or diffs again. Output is byte-identical across runs (no timestamps).

Security (RELIABILITY.md): the jinja2 environment autoescapes, and the diff fragments built
here escape every input-derived string with markupsafe; element ids come from indices only;
control and bidi-override characters are isolated and labelled ``<U+202E>`` so they cannot
reorder the page; no JSON is embedded; a Content-Security-Policy meta tag opens ``<head>``
with ``default-src 'none'`` and the sha256 of the exact inline style and script, so no
other script, style or request can run even if something slipped through.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

import jinja2
import regex
from markupsafe import Markup, escape

from ..model import CHANGE_KINDS, PARAGRAPH_JOINER, Change, Comparison, DiffOp

SUMMARY_KEYS = CHANGE_KINDS + ("strengthened", "weakened")
"""The summary counts shown, each in an element with data-count="<key>"."""

HIDDEN_KINDS = ("unchanged",)
"""Change kinds whose filter is off when the page opens."""

# Controls (except the paragraph joiner "\n") and bidi embeddings/overrides/isolates: the
# same set the terminal renderer makes visible (render/text.py).
_CONTROL = regex.compile(r"[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c--\n]",
                         flags=regex.V1)

_DEL = Markup('<del><span class="sr">deleted: </span>{}</del>')
_INS = Markup('<ins><span class="sr">inserted: </span>{}</ins>')


def _text(text: str) -> Markup:
    """Input text as HTML: escaped; each control or bidi character wrapped in an isolating
    span that shows its code point (the character itself stays, so the text is unchanged)."""
    out, last = [], 0
    for match in _CONTROL.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(Markup('<span class="ctl" data-cp="U+{:04X}">{}</span>').format(
            ord(match.group()), match.group()))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _part(label: str) -> Markup:
    """An empty marker whose CSS label names the paragraph that starts here."""
    return Markup('<span class="part" data-part="{}"></span>').format(label) if label else Markup()


def _diff_html(ops: tuple[DiffOp, ...], show: tuple[str, ...], ids: tuple[str, ...] = ()) -> Markup:
    """The operations in ``show`` as HTML, deletions in <del> and insertions in <ins>.

    A side made of several paragraphs (split, merge) is their texts joined with
    PARAGRAPH_JOINER; given their ``ids``, each part starts with a labelled marker. Markers
    and labels carry no text, so the element's text is exactly the joined text.
    """
    labels = iter(ids[1:])
    out = [_part(ids[0])] if len(ids) > 1 else []
    for op in ops:
        if op.op not in show:
            continue
        chunks = []
        for k, piece in enumerate(op.text.split(PARAGRAPH_JOINER)):
            if k:
                chunks.append(Markup(PARAGRAPH_JOINER) + _part(next(labels, "") if ids else ""))
            chunks.append(_text(piece))
        html = Markup("").join(chunks)
        out.append(html if op.op == "equal" else (_DEL if op.op == "delete" else _INS).format(html))
    return Markup("").join(out)


def _row(index: int, change: Change) -> dict:
    return {"type": "change", "index": index, "change": change,
            "old_html": _diff_html(change.diff, ("equal", "delete"), change.old),
            "new_html": _diff_html(change.diff, ("equal", "insert"), change.new),
            "redline": _diff_html(change.diff, ("equal", "delete", "insert"))}


def _items(comparison: Comparison) -> list[dict]:
    """Change rows in the Comparison's order, plus, for each moved change, a stub at its old
    place (after the last unmoved old paragraph before it) that links to the row."""
    changes = comparison.changes
    owner = {pid: i for i, change in enumerate(changes) for pid in change.old}
    stubs_after: dict[int, list[int]] = {}
    anchor = -1  # the change row after which a stub goes; -1: before the first row
    for paragraph in comparison.old.paragraphs:
        i = owner.get(paragraph.id)
        if i is None:
            continue
        if changes[i].kind != "moved":
            anchor = i
        elif paragraph.id == changes[i].old[0]:
            stubs_after.setdefault(anchor, []).append(i)

    def stubs(after: int) -> list[dict]:
        return [{"type": "stub", "index": i, "change": changes[i]} for i in stubs_after.get(after, ())]

    items = stubs(-1)
    for i, change in enumerate(changes):
        items.append(_row(i, change))
        items.extend(stubs(i))
    return items


def _source_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("resdiff", "render/templates"),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


@lru_cache(maxsize=1)
def _assets() -> tuple[Markup, Markup, Markup]:
    """The inline style and script, and the CSP that allows exactly them."""
    env = _environment()
    style = env.loader.get_source(env, "report.css")[0]
    script = env.loader.get_source(env, "report.js")[0]
    # Our own static files; they must not be able to close their element early.
    assert "</style" not in style.lower() and "</script" not in script.lower()
    csp = (f"default-src 'none'; style-src {_source_hash(style)}; "
           f"script-src {_source_hash(script)}; base-uri 'none'; form-action 'none'")
    return Markup(style), Markup(script), Markup(csp)  # csp: our constants, no input


def _title(comparison: Comparison) -> str:
    old, new = comparison.old, comparison.new
    names = [doc.symbol or doc.path or label for doc, label in ((old, "old"), (new, "new"))]
    return f"{names[0]} → {names[1]}"


def render_comparison(comparison: Comparison, *, show_unchanged: bool = False) -> str:
    """The whole report as one HTML document (str, UTF-8 when written); ``show_unchanged``
    (`compare --all`) opens it with the unchanged paragraphs shown."""
    style, script, csp = _assets()
    summary = [(key, comparison.summary.get(key, 0)) for key in SUMMARY_KEYS]
    hidden_kinds = () if show_unchanged else HIDDEN_KINDS
    hidden_unchanged = 0 if show_unchanged else comparison.summary.get("unchanged", 0)
    footnotes = [{"index": k, "change": note, "redline": _diff_html(note.diff, ("equal", "delete", "insert"))}
                 for k, note in enumerate(comparison.footnotes)]
    return _environment().get_template("report.html.j2").render(
        csp=csp, style=style, script=script, title=_title(comparison),
        old=comparison.old, new=comparison.new, summary=summary, kinds=CHANGE_KINDS,
        hidden_kinds=hidden_kinds, items=_items(comparison), footnotes=footnotes,
        hidden_unchanged=hidden_unchanged,
        hidden_footnotes=sum(1 for f in comparison.footnotes if f.kind == "unchanged"),
        warnings=comparison.warnings, strict=comparison.strict,
        has_differences=comparison.has_differences)
