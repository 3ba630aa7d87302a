"""Checking a draft: (Document, base Document?, Rules) -> CheckReport. Never prints.

    check(draft, *, base=None, rules=None, fail_on="error", lexicon=None, **read_options)

1. lint        the drafting rules on the draft alone: punctuation, numbering, openings,
               brackets, footnotes (lint.py) and near-identical paragraphs (duplicates.py).
2. compare     with a base: compare_documents(base, draft) once, then ``weakened``,
               ``dropped`` and ``hedge-added`` read its changes; ``untracked-change`` comes
               from resdiff.tracked for a .docx draft.
3. rules file  ``protect`` (a base paragraph still matched, a phrase still present) and
               ``forbid`` (a phrase on the paragraph that contains it).
4. severities  the rules file's [severity] replaces each rule's default; "off" drops the
               rule (it does not run and is not listed in ``CheckReport.rules``).

Findings come in draft order: draft lines first (document-level ones last), then findings
that cite the base (dropped or protected paragraphs), by base line.
"""

from __future__ import annotations

import dataclasses

import regex

from . import lint
from .engine import compare_documents
from .duplicates import DUPLICATE_THRESHOLD, duplicates
from .errors import ConfigError
from .lexicon import Lexicon, default_lexicon
from .model import SEVERITIES, CheckReport, Comparison, Document, Finding
from .normalize import fold
from .rules import CATALOGUE, OFF, Rules


def check(draft: Document, *, base: Document | None = None, rules: Rules | None = None,
          fail_on: str = "error", lexicon: Lexicon | None = None,
          duplicate_threshold: float = DUPLICATE_THRESHOLD, **read_options) -> CheckReport:
    """Run every rule that applies to ``draft`` (and ``base`` when given).

    ``read_options`` (encoding, max_size, input_format) are passed on when the draft file has
    to be read again (tracked changes of a .docx draft)."""
    if fail_on not in SEVERITIES:
        raise ValueError(f"fail_on must be one of {SEVERITIES}, not {fail_on!r}")
    rules = rules or Rules()
    lexicon = lexicon or default_lexicon()

    def active(rule: str) -> bool:
        return rules.severity_of(rule) != OFF

    ran: list[str] = []
    findings: list[Finding] = []

    def run(rule_ids: tuple[str, ...], produce) -> None:
        if any(active(r) for r in rule_ids):
            ran.extend(r for r in rule_ids if active(r))
            findings.extend(produce())

    run(("pp-punctuation", "op-punctuation"), lambda: lint.punctuation(draft))
    run(("op-numbering",), lambda: lint.numbering(draft))
    run(("unknown-opening",), lambda: lint.openings(draft, lexicon))
    run(("brackets",), lambda: lint.brackets(draft))
    run(("footnote-missing",), lambda: lint.footnotes(draft))
    run(("duplicate-paragraph",), lambda: duplicates(draft, threshold=duplicate_threshold))

    comparison = None
    if base is not None:
        comparison = compare_documents(base, draft, lexicon=lexicon)
        run(("weakened",), lambda: _weakened(comparison))
        run(("dropped",), lambda: _dropped(comparison))
        run(("hedge-added",), lambda: _hedges_added(comparison, lexicon))
        if active("untracked-change"):
            tracked = _untracked(draft, base, read_options)
            if tracked is not None:
                ran.append("untracked-change")
                findings.extend(tracked)
    protects = [p for p in rules.protect if p.phrase or comparison is not None]
    if protects and active("protect"):
        ran.append("protect")
        findings.extend(_protect(protects, draft, base, comparison, rules))
    if rules.forbid and active("forbid"):
        ran.append("forbid")
        findings.extend(_forbid(rules, draft))

    final = []
    for item in findings:
        level = rules.severity_of(item.rule) if item.rule in CATALOGUE else item.severity
        if item.rule in ("protect", "forbid"):
            level = item.severity  # already resolved per entry
        if level == OFF:
            continue
        final.append(dataclasses.replace(item, severity=level))
    return CheckReport(draft=draft, base=base, findings=tuple(sorted(final, key=_order(draft))),
                       fail_on=fail_on, rules=tuple(r for r in CATALOGUE if r in ran))


def _order(draft: Document):
    def key(item: Finding):
        about_base = item.path is not None and item.path != draft.path
        return (about_base, item.line is None, item.line or 0, item.rule,
                item.paragraph or "", item.base_paragraph or "", item.message)
    return key


# -- comparison rules ------------------------------------------------------------------------

def _base_finding(rule: str, base: Document, base_id: str, message: str,
                  severity: str | None = None) -> Finding:
    """A finding about a base paragraph that has no place in the draft: cites the base."""
    para = base.paragraph(base_id)
    return Finding(rule=rule, severity=severity or CATALOGUE[rule].severity, paragraph=None,
                   base_paragraph=base_id, line=para.lines[0] or None, message=message,
                   path=base.path)


def _draft_finding(rule: str, comparison: Comparison, change, message: str) -> Finding:
    para = comparison.new.paragraph(change.new[0])
    return Finding(rule=rule, severity=CATALOGUE[rule].severity, paragraph=para.id,
                   base_paragraph=change.old[0] if change.old else None,
                   line=para.lines[0] or None, message=message, path=comparison.new.path)


def _weakened(comparison: Comparison) -> list[Finding]:
    """The opening verb moved down its strength scale (lexicon.shift, e.g. Urges ->
    Encourages); ids differ when the paragraph was renumbered."""
    return [
        _draft_finding("weakened", comparison, change,
                       f"opening weakened from \"{change.verb.old}\" ({'+'.join(change.old)} of "
                       f"the base) to \"{change.verb.new}\"")
        for change in comparison.changes
        if change.new and change.old and change.verb and change.verb.shift == "weakened"
    ]


def _dropped(comparison: Comparison) -> list[Finding]:
    """Base paragraphs no draft paragraph matches (split and merged ones are matched)."""
    base = comparison.old
    return [
        _base_finding("dropped", base, old_id, f"{old_id} of the base is not in the draft: "
                      f"\"{lint.excerpt(base.paragraph(old_id).text)}\"")
        for change in comparison.changes if change.kind == "dropped" for old_id in change.old
    ]


def _hedges_added(comparison: Comparison, lexicon: Lexicon) -> list[Finding]:
    """Pairs the comparison flagged hedge-added; the message names the new hedges."""
    found = []
    for change in comparison.changes:
        if "hedge-added" not in change.flags or not change.new:
            continue
        old_text = " ".join(comparison.old.paragraph(i).text for i in change.old)
        new_text = " ".join(comparison.new.paragraph(i).text for i in change.new)
        added = sorted((lexicon.hedges(new_text) - lexicon.hedges(old_text)).keys())
        shown = ", ".join(f"\"{h}\"" for h in added) or "a hedge"
        found.append(_draft_finding("hedge-added", comparison, change,
                                    f"hedge added: {shown} (not in {'+'.join(change.old)} "
                                    f"of the base)"))
    return found


def _untracked(draft: Document, base: Document, read_options: dict) -> list[Finding] | None:
    """Findings of resdiff.tracked for a .docx draft; None when the rule cannot run (the
    draft is not a .docx file, came from stdin, or tracked-change reading is not installed)."""
    if not draft.path or draft.path == "-":
        return None
    from .read import sniff

    try:
        with open(draft.path, "rb") as handle:
            head = handle.read(8)
    except OSError:
        return None
    if sniff(head) != "docx":
        return None
    try:
        from .tracked import untracked_changes
    except ModuleNotFoundError as exc:
        # resdiff.tracked (the tracked-changes reader, a separate module) is not part of this
        # build: the rule does not run and is not listed among the rules that ran.
        if exc.name != f"{__package__}.tracked":
            raise
        return None
    return list(untracked_changes(draft.path, base, **read_options))


# -- rules file: protect, forbid -------------------------------------------------------------

def _phrase_pattern(phrase: str) -> "regex.Pattern[str]":
    """A phrase as a case-insensitive, whitespace-flexible pattern on word boundaries, to run
    over fold()ed text ("Non-refoulement" finds "non-refoulement", "generous  approach")."""
    parts = [regex.escape(w) for w in fold(phrase).casefold().split()]
    return regex.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")


def _folded(text: str) -> str:
    return fold(text).casefold()


def _with_reason(message: str, reason: str | None) -> str:
    return f"{message} ({reason})" if reason else message


def _protect(protects, draft: Document, base: Document | None,
             comparison: Comparison | None, rules: Rules) -> list[Finding]:
    found = []
    default = rules.severity_of("protect")
    for entry in protects:
        level = entry.severity or default
        if level == OFF:
            continue
        if entry.paragraph is not None:
            if not any(p.id == entry.paragraph for p in base.paragraphs):
                raise ConfigError(f"[[protect]] paragraph {entry.paragraph!r} is not a paragraph "
                                  f"of the base {base.path or ''}".rstrip(), path=rules.path,
                                  hint="use an id that `resdiff parse BASE` shows")
            change = next(c for c in comparison.changes if entry.paragraph in c.old)
            if change.kind == "dropped":
                found.append(_base_finding(
                    "protect", base, entry.paragraph, _with_reason(
                        f"protected paragraph {entry.paragraph} of the base is not in the draft",
                        entry.reason), severity=level))
            continue
        pattern = _phrase_pattern(entry.phrase)
        texts = [p.text for p in draft.paragraphs] + [n.text for n in draft.footnotes]
        if any(pattern.search(_folded(t)) for t in texts):
            continue
        where = next((p for p in base.paragraphs if pattern.search(_folded(p.text))),
                     None) if base is not None else None
        message = _with_reason(f"protected phrase \"{entry.phrase}\" is not in the draft"
                               + (f" (it is in {where.id} of the base)" if where else ""),
                               entry.reason)
        if where is not None:
            found.append(_base_finding("protect", base, where.id, message, severity=level))
        else:
            found.append(Finding(rule="protect", severity=level, paragraph=None,
                                 base_paragraph=None, line=None, message=message,
                                 path=draft.path))
    return found


def _forbid(rules: Rules, draft: Document) -> list[Finding]:
    found = []
    default = rules.severity_of("forbid")
    for entry in rules.forbid:
        level = entry.severity or default
        if level == OFF:
            continue
        pattern = _phrase_pattern(entry.phrase)
        message = _with_reason(f"contains the forbidden phrase \"{entry.phrase}\"", entry.reason)
        for para in draft.paragraphs:
            if pattern.search(_folded(para.text)):
                found.append(Finding(rule="forbid", severity=level, paragraph=para.id,
                                     base_paragraph=None, line=para.lines[0] or None,
                                     message=message, path=draft.path))
        for note in draft.footnotes:
            if pattern.search(_folded(note.text)):
                found.append(Finding(rule="forbid", severity=level, paragraph=None,
                                     base_paragraph=None, line=note.lines[0] or None,
                                     message=f"footnote {note.mark} {message}", path=draft.path))
    return found
