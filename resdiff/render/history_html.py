"""HTML matrix for `resdiff history`: one self-contained page.

    render_history(history) -> str

Rows are lineages (the paragraphs of the newest version, then, after their predecessor,
those dropped on the way), columns are versions. A cell names the lineage's paragraphs in
that version, says how they got there (not colour alone) and is coloured by that change
kind; clicking it shows the word diff of the link that led there (or, in the first version,
the paragraph's text) in a panel under the matrix.

This module only lays out the History; it never compares again. Security as for the
compare report (RELIABILITY.md): jinja2 autoescapes everything; input-derived text also
goes through ``visible`` so control and bidi-override characters cannot reorder the page;
element ids come from indices only ("l12" for link 12, "p3" for paragraph 3 of version 0);
no JSON is embedded; the Content-Security-Policy meta tag is the first child of <head>,
with ``default-src 'none'`` and the sha256 of the exact inline style and script (computed by
the ``csp_hash`` filter from the blocks the template itself defines); nothing external is
referenced. Output is byte-identical across runs.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

import jinja2
from markupsafe import Markup

from ..model import PARAGRAPH_JOINER, History, Lineage, Link
from .history_text import ABSENT, cell_groups, step_label
from .text import visible

KIND_ORDER = ("dropped", "added", "split", "merged", "moved", "reworded", "unchanged")
"""When a cell holds several links, it is coloured by the first of their kinds in this order."""


def csp_hash(source: str) -> Markup:
    """The CSP source expression allowing exactly this inline style or script (our own
    template text, never input: safe to mark)."""
    digest = hashlib.sha256(str(source).encode("utf-8")).digest()
    return Markup("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")


def visible_lines(text: str) -> str:
    """``visible`` for each line: controls and bidi overrides shown as <U+XXXX>, while the
    paragraph joiner (a line break between the parts of a split or merge) stays a break."""
    return PARAGRAPH_JOINER.join(visible(line) for line in str(text).split(PARAGRAPH_JOINER))


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("resdiff", "render/templates"),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["csp_hash"] = csp_hash
    env.filters["visible"] = visible_lines
    return env


def _cell(history: History, lineage: Lineage, version: int, first_positions: dict) -> dict:
    """What one matrix cell shows: text, colour class, the panels a click opens, a tooltip."""
    groups = cell_groups(history, lineage, version)
    if not groups:
        return {"kind": "absent", "text": ABSENT, "show": "", "title": "not in this version"}
    parts, kinds, titles = [], [], []
    show = [f"l{index}" for index in lineage.steps[version]]
    for ids, link in groups:
        label = "+".join(ids)
        if link is None:  # the first version: no link led here, show the text
            kinds.append("origin")
            show += [f"p{first_positions[i]}" for i in ids]
            parts.append(label)
            titles.append(f"{label} in the first version")
            continue
        kinds.append(link.kind)
        if link.kind == "dropped":
            parts.append("(dropped)")
        elif link.kind == "unchanged":
            parts.append(label)
        else:
            parts.append(f"{label} {step_label(link)}")
        titles.append(_headline(link))
    kind = next((k for k in KIND_ORDER if k in kinds), kinds[0])
    return {"kind": kind, "text": ", ".join(parts), "show": " ".join(show),
            "title": "; ".join(titles)}


def _headline(link: Link) -> str:
    """"v0 OP5 -> v1 OP6+OP7: split, weakened [hedge-added] (similarity 0.91)"."""
    change = link.change
    old = "+".join(change.old) or "-"
    new = "+".join(change.new) or "-"
    text = f"v{link.old_version} {old} -> v{link.new_version} {new}: {change.kind}"
    if change.kind == "moved" and change.text_changed:
        text += " and reworded"
    if change.verb and change.verb.shift:
        text += f", {change.verb.shift} ({change.verb.old} -> {change.verb.new})"
    if change.flags:
        text += " [" + ", ".join(change.flags) + "]"
    if change.similarity is not None and change.kind != "unchanged":
        text += f" (similarity {change.similarity:.2f})"
    return text


def render_history(history: History) -> str:
    """The whole matrix as one HTML document (str, UTF-8 when written)."""
    first = history.documents[0].paragraphs if history.documents else ()
    first_positions = {p.id: i for i, p in enumerate(first)}
    rows = [{"lineage": lineage,
             "cells": [_cell(history, lineage, v, first_positions)
                       for v in range(len(history.versions))]}
            for lineage in history.lineages]
    links = [{"index": i, "link": link, "headline": _headline(link)}
             for i, link in enumerate(history.links)]
    newest = history.documents[-1] if history.documents else None
    title = (newest.title if newest and newest.title else None) or "Paragraph history"
    current = sum(1 for l in history.lineages if l.status == "current")
    return _environment().get_template("history.html.j2").render(
        title=title, versions=list(zip(history.versions, history.documents)), rows=rows,
        links=links, first=first, comparisons=history.comparisons,
        current=current, dropped=len(history.lineages) - current,
        kinds=[k for k in reversed(KIND_ORDER)], warnings=history.warnings)
