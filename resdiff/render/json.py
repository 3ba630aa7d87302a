"""JSON output for `parse` and `compare`, exactly as PRODUCT.md specifies (schema_version 1).

Offsets: no character offsets are emitted; positions are 1-based line numbers of the decoded
input ("lines": [first, last]), which the output states as "offset_unit": "line".
The shipped JSON Schemas (resdiff/data/*.schema.json) describe both documents.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring

from ..model import DIFF_OPS, SCHEMA_VERSION, Change, Comparison, DiffOp, Document, FootnoteChange


def document_dict(doc: Document) -> dict:
    """The `resdiff parse --format json` object."""
    return {
        "schema_version": SCHEMA_VERSION,
        "offset_unit": "line",
        "path": doc.path,
        "sha256": doc.sha256,
        "symbol": doc.symbol,
        "session": doc.session,
        "title": doc.title,
        "organ": doc.organ,
        "adopted": None if doc.adopted is None else {
            "meeting": doc.adopted.meeting, "date": doc.adopted.date},
        "paragraphs": [
            {"id": p.id, "section": p.section, "number": p.number, "opening": p.opening,
             "text": p.text, "footnotes": list(p.footnotes), "lines": list(p.lines),
             "parent": p.parent}
            for p in doc.paragraphs
        ],
        "footnotes": [
            {"mark": f.mark, "text": f.text, "cited_in": list(f.cited_in), "lines": list(f.lines)}
            for f in doc.footnotes
        ],
        "warnings": list(doc.warnings),
    }


def _diff(ops: tuple[DiffOp, ...]) -> list[dict]:
    return [{"op": op.op, "text": op.text} for op in ops]


def _change(change: Change) -> dict:
    # render_comparison writes this through _change_json (tests/test_diff.py holds them equal)
    return {
        "kind": change.kind,
        "old": list(change.old),
        "new": list(change.new),
        "similarity": change.similarity,
        "method": change.method,
        "text_changed": change.text_changed,
        "verb": None if change.verb is None else {
            "old": change.verb.old, "new": change.verb.new, "shift": change.verb.shift},
        "flags": list(change.flags),
        "diff": _diff(change.diff),
    }


def _footnote(change: FootnoteChange) -> dict:
    return {"kind": change.kind, "old": change.old, "new": change.new,
            "similarity": change.similarity, "diff": _diff(change.diff)}


def document_side(doc: Document) -> dict:
    """What a JSON report says about one input document (compare, check)."""
    return {"path": doc.path, "sha256": doc.sha256, "symbol": doc.symbol, "title": doc.title,
            "paragraphs": len(doc.paragraphs)}


def comparison_dict(comparison: Comparison) -> dict:
    """The `resdiff compare --format json` object."""
    return _comparison_dict(comparison, [_change(c) for c in comparison.changes])


def _comparison_dict(comparison: Comparison, changes: list) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "offset_unit": "line",
        "old": document_side(comparison.old),
        "new": document_side(comparison.new),
        "strict": comparison.strict,
        "summary": dict(comparison.summary),
        "changes": changes,
        "footnotes": [_footnote(f) for f in comparison.footnotes],
        "warnings": list(comparison.warnings),
    }


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # one encoder, not one per item (json.dumps)
_value = _ENCODER.encode
_string = encode_basestring
"""The string encoder of a JSONEncoder(ensure_ascii=False): the C one, when there is one."""


def _scalar(item: str | float | bool | None) -> str:
    """_value(item), directly for the types a change holds (a finite float is its repr)."""
    if type(item) is str:
        return _string(item)
    if item is None:
        return "null"
    if item is True or item is False:
        return "true" if item else "false"
    if type(item) is float and math.isfinite(item):
        return repr(item)
    return _value(item)


def _strings(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(map(_scalar, items)) + "]"


_OP_TEXT = {op: f'{{"op": {_string(op)}, "text": ' for op in DIFF_OPS}


def _change_json(change: Change) -> str:
    """_value(_change(change)) without building the dicts: a report is mostly its changes,
    and on them the C encoder spent more on the many small containers than on the text."""
    verb = change.verb
    verb_text = "null" if verb is None else (
        f'{{"old": {_scalar(verb.old)}, "new": {_scalar(verb.new)}, '
        f'"shift": {_scalar(verb.shift)}}}')
    diff = ", ".join([_OP_TEXT[op.op] + _scalar(op.text) + "}" for op in change.diff])
    return (f'{{"kind": {_scalar(change.kind)}, "old": {_strings(change.old)}, '
            f'"new": {_strings(change.new)}, "similarity": {_scalar(change.similarity)}, '
            f'"method": {_scalar(change.method)}, "text_changed": {_scalar(change.text_changed)}, '
            f'"verb": {verb_text}, "flags": {_strings(change.flags)}, '
            f'"diff": [{diff}]}}')


def dumps(obj: dict) -> str:
    """Stable JSON text, UTF-8 characters kept: one top-level key per line and one list item
    (a paragraph, a change) per line. Readable in a review diff, and written by the C encoder
    (``indent=`` would switch json to its pure-Python encoder: seconds on a compilation)."""
    return _layout(_encode(obj))


def _encode(obj: dict) -> dict[str, str | list[str]]:
    """Each top-level value as JSON text; a list's items one by one (one per line)."""
    return {key: [_value(element) for element in item] if isinstance(item, list)
            else _value(item) for key, item in obj.items()}


def _layout(encoded: dict[str, str | list[str]]) -> str:
    """dumps' text from the encoded values, a list's items one per line. One join of all the
    pieces: nested joins and f-strings copied the megabytes of a large report several times."""
    parts = ["{\n"]
    for key, item in encoded.items():
        parts.append(f"  {_value(key)}: ")
        if isinstance(item, list) and item:
            parts.append("[\n    ")
            for element in item:
                parts.append(element)
                parts.append(",\n    ")
            parts[-1] = "\n  ]"
        else:
            parts.append("[]" if isinstance(item, list) else item)
        parts.append(",\n")
    if encoded:
        parts.pop()
    parts.append("\n}\n")
    return "".join(parts)


def render_document(doc: Document) -> str:
    return dumps(document_dict(doc))


def render_comparison(comparison: Comparison) -> str:
    """dumps(comparison_dict(comparison)), each change written by _change_json."""
    encoded = _encode(_comparison_dict(comparison, []))
    encoded["changes"] = [_change_json(change) for change in comparison.changes]
    return _layout(encoded)
