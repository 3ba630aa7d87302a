"""JSON output for `history` and `blame` (schema_version 1; schemas in resdiff/data/).

    render_history(history)                   -> str
    render_blame(history, entries)            -> str

`history`:
    {"schema_version": 1, "offset_unit": "line", "versions": [{"index", "label", "symbol", "date", "path", "sha256",
                                        "paragraphs"}],
     "pairs":    [{"old": 0, "new": 1, "summary": {...}, "footnotes": [...], "warnings": [...]}],
     "links":    [{"index", "old_version", "new_version", <a compare change: kind, old, new,
                   similarity, method, text_changed, verb, flags, diff>}],
     "lineages": [{"id", "version", "status", "cells": [[ids] per version],
                   "steps": [[link indices] per version], "kinds": [[kinds] per version]}],
     "warnings": [...]}

`blame`, exactly as issue 6 specifies:
    {"schema_version": 1, "versions": [...],
     "paragraphs": [{"id": "OP9", "origin": {"version": 0, "id": "OP7"},
                     "unchanged_since": {"version": 2, "id": "OP9"}}]}

Changes are rendered by the compare JSON renderer, so a link reads exactly like a change of
`resdiff compare --format json`.
"""

from __future__ import annotations

from ..model import SCHEMA_VERSION, BlameEntry, History, Place
from .json import comparison_dict, dumps


def versions_list(history: History) -> list[dict]:
    return [{"index": i, "label": v.label, "symbol": v.symbol, "date": v.date, "path": v.path,
             "sha256": d.sha256, "paragraphs": len(d.paragraphs)}
            for i, (v, d) in enumerate(zip(history.versions, history.documents))]


def history_dict(history: History) -> dict:
    pairs, links = [], []
    index = 0
    for i, comparison in enumerate(history.comparisons):
        compared = comparison_dict(comparison)
        pairs.append({"old": i, "new": i + 1, "summary": compared["summary"],
                      "footnotes": compared["footnotes"], "warnings": compared["warnings"]})
        for change in compared["changes"]:
            links.append({"index": index, "old_version": i, "new_version": i + 1, **change})
            index += 1
    return {
        "schema_version": SCHEMA_VERSION,
        "offset_unit": "line",
        "versions": versions_list(history),
        "pairs": pairs,
        "links": links,
        "lineages": [
            {"id": lineage.id, "version": lineage.version, "status": lineage.status,
             "cells": [list(ids) for ids in lineage.cells],
             "steps": [list(steps) for steps in lineage.steps],
             "kinds": [[history.links[s].kind for s in steps] for steps in lineage.steps]}
            for lineage in history.lineages],
        "warnings": list(history.warnings),
    }


def _place(place: Place) -> dict:
    return {"version": place.version, "id": place.id}


def blame_dict(history: History, entries: tuple[BlameEntry, ...]) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "versions": versions_list(history),
        "paragraphs": [{"id": e.id, "origin": _place(e.origin),
                        "unchanged_since": _place(e.unchanged_since)} for e in entries],
    }


def render_history(history: History) -> str:
    return dumps(history_dict(history))


def render_blame(history: History, entries: tuple[BlameEntry, ...]) -> str:
    return dumps(blame_dict(history, entries))
