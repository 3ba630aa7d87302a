"""CI formats of a CheckReport: JUnit XML, SARIF 2.1.0, GitHub workflow commands.

    render_junit(report)                  one <testcase> per rule per document (GitLab, Jenkins,
                                          Azure); findings at the fail level are its <failure>,
                                          the others go to <system-out>
    render_sarif(report, tool_version=)   one result per finding with a file URI and
                                          region.startLine; rules described in tool.driver.rules
                                          (GitHub code scanning, VS Code, Azure)
    render_github(report)                 ``::error file=F,line=N,title=T::message`` per finding
    render_step_summary(report)           a markdown table for $GITHUB_STEP_SUMMARY (GitHub
                                          shows only 10 errors and 10 warnings per step)

Renderers read the report; rule descriptions come from the static rule catalogue (rules.py):
data about the rule ids the findings carry, not a computation. Output is byte-identical across
runs (no timestamps, no absolute paths added).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

import regex

from ..model import SEVERITIES, CheckReport, Finding
from ..rules import CATALOGUE
from .findings import counts, location, where
from .text import visible

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
# XML 1.0 Char production: anything else (C0 controls but tab/LF/CR, lone surrogates,
# U+FFFE/U+FFFF) makes the file unparseable for every JUnit consumer.
_XML_ILLEGAL = regex.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _rules_of(report: CheckReport) -> list[str]:
    """Rules that ran, then any rule a finding carries that is not among them."""
    ids = list(report.rules)
    ids += [f.rule for f in report.findings if f.rule not in ids]
    return list(dict.fromkeys(ids))


def _fails(report: CheckReport, finding: Finding) -> bool:
    return SEVERITIES.index(finding.severity) <= SEVERITIES.index(report.fail_on)


def _line(finding: Finding, report: CheckReport) -> str:
    place = where(finding)
    return (f"{location(finding, report)}: {finding.severity}: {place + ': ' if place else ''}"
            f"[{finding.rule}] {finding.message}")


# -- JUnit ---------------------------------------------------------------------------------

def xml_text(text: str) -> str:
    """Text with XML-illegal characters removed (ElementTree escapes the rest)."""
    return _XML_ILLEGAL.sub("", text)


def render_junit(report: CheckReport) -> str:
    """JUnit XML: a testsuite for the draft, a testcase per rule; a rule fails when one of its
    findings reaches the fail level."""
    document = xml_text(report.draft.path or "-")
    cases = []
    failures = 0
    for rule in _rules_of(report):
        own = [f for f in report.findings if f.rule == rule]
        failing = [f for f in own if _fails(report, f)]
        case = ET.Element("testcase", {"classname": document, "name": rule})
        if failing:
            failures += 1
            noun = "finding" if len(failing) == 1 else "findings"
            failure = ET.SubElement(case, "failure", {
                "type": rule,
                "message": xml_text(f"{len(failing)} {noun} at {report.fail_on} level or above: "
                                    f"{failing[0].message}")})
            failure.text = xml_text("\n".join(_line(f, report) for f in failing))
        rest = [f for f in own if not _fails(report, f)]
        if rest:
            ET.SubElement(case, "system-out").text = xml_text(
                "\n".join(_line(f, report) for f in rest))
        cases.append(case)
    counts_ = {"tests": str(len(cases)), "failures": str(failures), "errors": "0",
               "skipped": "0"}
    root = ET.Element("testsuites", {"name": "resdiff check", **counts_})
    suite = ET.SubElement(root, "testsuite", {"name": document, **counts_})
    suite.extend(cases)
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")


# -- SARIF ---------------------------------------------------------------------------------

def artifact_location(path: str | None) -> dict:
    """SARIF artifactLocation: a relative URI against %SRCROOT% (what GitHub code scanning
    resolves against the repository), or a file:// URI for an absolute path."""
    if not path or path == "-":
        return {"uri": "stdin"}
    if PureWindowsPath(path).drive:
        return {"uri": PureWindowsPath(path).as_uri()}
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return {"uri": posix.as_uri()}
    parts = [p for p in posix.parts if p != "."]
    return {"uri": quote("/".join(parts)), "uriBaseId": "%SRCROOT%"}


def _descriptor(rule: str) -> dict:
    info = CATALOGUE.get(rule)
    text = info.description if info else rule
    descriptor = {"id": rule, "name": rule, "shortDescription": {"text": text}}
    if info:
        descriptor["defaultConfiguration"] = {"level": _SARIF_LEVEL[info.severity]}
    return descriptor


def sarif_dict(report: CheckReport, *, tool_version: str | None = None) -> dict:
    """The SARIF 2.1.0 log as a dict."""
    rules = _rules_of(report)
    driver = {"name": "resdiff", "rules": [_descriptor(r) for r in rules]}
    if tool_version:
        driver["version"] = tool_version
    results = []
    for item in report.findings:
        path = item.path or report.draft.path
        logical = [{"name": item.paragraph or item.base_paragraph}] if where(item) else []
        place = {"physicalLocation": {"artifactLocation": artifact_location(path),
                                      "region": {"startLine": item.line or 1}}}
        if logical:
            place["logicalLocations"] = logical
        results.append({
            "ruleId": item.rule,
            "ruleIndex": rules.index(item.rule),
            "level": _SARIF_LEVEL[item.severity],
            "message": {"text": (f"{where(item)}: " if where(item) else "") + item.message},
            "locations": [place],
            "properties": {"severity": item.severity, "paragraph": item.paragraph,
                           "base_paragraph": item.base_paragraph},
        })
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "results": results}]}


def render_sarif(report: CheckReport, *, tool_version: str | None = None) -> str:
    return json.dumps(sarif_dict(report, tool_version=tool_version), ensure_ascii=False,
                      indent=2) + "\n"


# -- GitHub --------------------------------------------------------------------------------

def escape_data(text: str) -> str:
    """Escaping GitHub requires in a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escaping GitHub requires in a workflow command's property values."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(finding: Finding, report: CheckReport) -> str:
    """``::error file=F,line=N,title=T::message`` (``::notice`` for info)."""
    properties = []
    path = finding.path or report.draft.path
    if path and path != "-":
        properties.append(f"file={escape_property(visible(path))}")
    if finding.line:
        properties.append(f"line={finding.line}")
    properties.append(f"title={escape_property(finding.rule)}")
    place = where(finding)
    message = (f"{place}: " if place else "") + finding.message
    # Escape CR/LF first (GitHub's rule), then show any other control character visibly
    # instead of letting it reach the log raw.
    return f"::{_GITHUB_COMMAND[finding.severity]} {','.join(properties)}::" \
           f"{visible(escape_data(message))}"


def render_github(report: CheckReport) -> str:
    """One workflow command per finding; nothing else (every line is a command)."""
    return "".join(github_command(f, report) + "\n" for f in report.findings)


def _cell(text: str) -> str:
    text = visible(" ".join(text.split()))
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|"))


def render_step_summary(report: CheckReport) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: a verdict line and a table of every finding."""
    verdict = "failed" if report.failed else "passed"
    lines = [f"### resdiff check `{_cell(report.draft.path or '-')}`: {verdict}", "",
             f"{counts(report)} (fails on {report.fail_on})", ""]
    if report.findings:
        lines += ["| severity | rule | paragraph | line | message |",
                  "| --- | --- | --- | --- | --- |"]
        for item in report.findings:
            place = _cell(where(item)) or "-"
            line = _cell(location(item, report))
            lines.append(f"| {item.severity} | {item.rule} | {place} | {line} | "
                         f"{_cell(item.message)} |")
    else:
        lines.append("No findings.")
    return "\n".join(lines) + "\n\n"
