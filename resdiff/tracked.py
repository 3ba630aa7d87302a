"""Tracked changes of a Word draft against its base: the ``untracked-change`` rule.

    untracked_changes(draft_path, base, **read_options) -> list[Finding]
    revisions(path, **read_options) -> list[Revision]        who changed what, when

GA practice (DOMAIN.md): a draft that updates an earlier resolution uses the issued text as
its base and shows every change as a tracked change. So rejecting all of the draft's tracked
changes must give the base back. Each paragraph where it does not carries an edit someone
made with tracking off: an error finding naming the paragraph in the draft as the user sees
it (the accepted view) and in the base.
"""

from __future__ import annotations

from .engine import compare_documents
from .model import Change, Comparison, Document, Finding
from .parse import parse
from .read import load, read_bytes

RULE = "untracked-change"
_EXCERPT = 90


def untracked_changes(draft_path: str, base: Document, *, lexicon=None,
                      **read_options) -> list[Finding]:
    """Findings for every paragraph (and footnote) of the draft's rejected view that differs
    from base; [] when the draft is not a .docx with tracked changes."""
    read_options = {k: v for k, v in read_options.items() if k != "tracked"}
    rejected_source = load(draft_path, tracked="reject", **read_options)
    if rejected_source.format != "docx" or not rejected_source.tracked_changes:
        return []
    accepted_source = load(draft_path, tracked="accept", **read_options)
    rejected = parse(rejected_source.text, path=draft_path, sha256=rejected_source.sha256,
                     lexicon=lexicon)
    accepted = parse(accepted_source.text, path=draft_path, sha256=accepted_source.sha256,
                     lexicon=lexicon)
    against_base = compare_documents(base, rejected, lexicon=lexicon)
    to_draft = _id_map(compare_documents(rejected, accepted, lexicon=lexicon))
    findings: list[Finding] = []
    for change in against_base.changes:
        if change.kind == "unchanged":
            continue
        base_id = change.old[0] if change.old else None
        draft_ids = [to_draft.get(x) for x in change.new]
        draft_id = next((x for x in draft_ids if x), None)
        if draft_id is not None:
            line, path = accepted.paragraph(draft_id).lines[0], draft_path
        elif base_id is not None:
            line, path = base.paragraph(base_id).lines[0], base.path
        else:
            line, path = None, draft_path
        findings.append(Finding(rule=RULE, severity="error", paragraph=draft_id,
                                base_paragraph=base_id, line=line, path=path,
                                message=_message(change, draft_id, base_id)))
    for note in against_base.footnotes:
        if note.kind == "unchanged":
            continue
        what = (f"footnote {note.new}" if note.new else f"footnote {note.old} of the base")
        findings.append(Finding(
            rule=RULE, severity="error", paragraph=None, base_paragraph=None, line=None,
            path=draft_path,
            message=f"{what} is {note.kind} without tracked changes: {_excerpt(note.diff)}"))
    return findings


def revisions(path: str, **read_options) -> list:
    """The tracked changes of a .docx file (resdiff.read.docx.Revision: kind, author, date,
    text, paragraph), in document order; [] for other formats."""
    from .read import sniff
    from .read import docx

    data = read_bytes(path, max_size=read_options.get("max_size") or 20 * 1024 * 1024)
    if (read_options.get("input_format") or sniff(data)) != "docx":
        return []
    return docx.revisions(data, path=path)


def _id_map(comparison: Comparison) -> dict[str, str]:
    """Rejected-view paragraph id -> accepted-view id (the draft as the user reads it)."""
    mapping: dict[str, str] = {}
    for change in comparison.changes:
        if change.old and change.new:
            for index, old_id in enumerate(change.old):
                mapping[old_id] = change.new[min(index, len(change.new) - 1)]
    return mapping


def _message(change: Change, draft_id: str | None, base_id: str | None) -> str:
    where = draft_id or "a paragraph"
    if change.kind == "added":
        return f"{where} is not in the base and its insertion is not tracked: {_excerpt(change.diff)}"
    if change.kind == "dropped":
        return f"base {base_id} is missing from the draft and its deletion is not tracked"
    against = "+".join(change.old)
    return (f"{where} differs from base {against} without tracked changes "
            f"({change.kind}): {_excerpt(change.diff)}")


def _excerpt(ops) -> str:
    """The changed words, compact: "[-Strongly deplores-]{+Deplores+}"."""
    parts = []
    for op in ops:
        text = " ".join(op.text.split())
        if op.op == "delete":
            parts.append(f"[-{text}-]")
        elif op.op == "insert":
            parts.append(f"{{+{text}+}}")
    joined = " ".join(parts) or "text differs"
    return joined if len(joined) <= _EXCERPT else joined[: _EXCERPT - 3] + "..."
