"""Output of `resdiff check`: a CheckReport -> text or JSON, and the format switch.

    render_report(report, fmt, *, color=False, tool_version=None) -> str
    render_text(report, *, color=False)     grouped by severity, one `file:line:` per finding
    render_json(report)                     {"schema_version": 1, "findings": [...], "summary"}
    report_dict(report)                     the JSON object (schema: data/check.schema.json);
                                            positions are 1-based input lines ("offset_unit")

The CI formats (junit, sarif, github) live in ci.py. Renderers read the report only; rule
descriptions come from the rule catalogue (static data, see rules.py).
"""

from __future__ import annotations

from ..model import SCHEMA_VERSION, SEVERITIES, CheckReport, Document, Finding
from .json import document_side, dumps
from .text import visible

FORMATS = ("text", "json", "junit", "sarif", "github")
_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"
_PLURAL = {"error": "errors", "warning": "warnings", "info": "info"}


def render_report(report: CheckReport, fmt: str, *, color: bool = False,
                  tool_version: str | None = None) -> str:
    """The report in one of FORMATS."""
    if fmt == "text":
        return render_text(report, color=color)
    if fmt == "json":
        return render_json(report)
    from . import ci

    if fmt == "junit":
        return ci.render_junit(report)
    if fmt == "sarif":
        return ci.render_sarif(report, tool_version=tool_version)
    if fmt == "github":
        return ci.render_github(report)
    raise ValueError(f"unknown check format {fmt!r}; use one of {', '.join(FORMATS)}")


def counts(report: CheckReport) -> str:
    """"2 errors, 1 warning, 0 info"."""
    summary = report.summary
    return ", ".join(f"{summary[s]} {s if summary[s] == 1 else _PLURAL[s]}" for s in SEVERITIES)


def where(finding: Finding) -> str:
    """"OP3", "base PP3" or "" (document-level)."""
    if finding.paragraph:
        return finding.paragraph
    if finding.base_paragraph:
        return f"base {finding.base_paragraph}"
    return ""


def location(finding: Finding, report: CheckReport) -> str:
    """"path:line" (editors and terminals make it a link), or the path alone."""
    path = finding.path or report.draft.path or "-"
    return f"{path}:{finding.line}" if finding.line else path


def render_text(report: CheckReport, *, color: bool = False) -> str:
    """Findings grouped by severity (errors first), each as ``path:line: OP3 [rule] message``."""
    paint = (lambda s, code: f"{code}{s}{_RESET}") if color else (lambda s, code: s)
    # (a file name is one line: a newline in it must not start a line of its own, which a
    # CI log would read as a workflow command: "x\n::error::...")
    head = f"resdiff check {visible(report.draft.path or '-', newlines=False)}"
    if report.base is not None:
        head += f" against {visible(report.base.path or '-', newlines=False)}"
    lines = [paint(head, _BOLD)]
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        lines.append("")
        lines.append(paint(f"{_PLURAL[severity]} ({len(group)})", _COLORS[severity]))
        for item in group:
            place = where(item)
            lines.append(f"  {visible(location(item, report), newlines=False)}: "
                         f"{place + ' ' if place else ''}[{item.rule}] "
                         f"{visible(item.message, newlines=False)}")
    for warning in report.draft.warnings:
        lines.append(f"note: draft: {visible(warning, newlines=False)}")
    if report.base is not None:
        for warning in report.base.warnings:
            lines.append(f"note: base: {visible(warning, newlines=False)}")
    lines.append("")
    verdict = "FAILED" if report.failed else "passed"
    lines.append(paint(f"check {verdict}: {counts(report)} (fails on {report.fail_on}; "
                       f"{len(report.rules)} rules ran)",
                       _COLORS["error"] if report.failed else _BOLD))
    return "\n".join(lines) + "\n"


def _side(doc: Document | None) -> dict | None:
    return None if doc is None else document_side(doc)


def finding_dict(finding: Finding) -> dict:
    """One finding as issue 5 specifies (plus "path", the file its line refers to)."""
    return {"rule": finding.rule, "severity": finding.severity, "paragraph": finding.paragraph,
            "base_paragraph": finding.base_paragraph, "line": finding.line,
            "message": finding.message, "path": finding.path}


def report_dict(report: CheckReport) -> dict:
    """The `resdiff check --format json` object."""
    return {
        "schema_version": SCHEMA_VERSION,
        "offset_unit": "line",
        "draft": _side(report.draft),
        "base": _side(report.base),
        "fail_on": report.fail_on,
        "failed": report.failed,
        "rules": list(report.rules),
        "summary": dict(report.summary),
        "findings": [finding_dict(f) for f in report.findings],
        "warnings": [f"draft: {w}" for w in report.draft.warnings]
        + ([f"base: {w}" for w in report.base.warnings] if report.base else []),
    }


def render_json(report: CheckReport) -> str:
    return dumps(report_dict(report))
