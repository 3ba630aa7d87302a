"""Check rules: the catalogue of rule ids and the user's rules file.

    CATALOGUE                      rule id -> RuleInfo (default severity, one-line description)
    load_rules(path)      -> Rules a TOML rules file, or a pyproject.toml's [tool.resdiff.check]
    find_rules(start)     -> Rules | None   [tool.resdiff.check] of the nearest pyproject.toml
    rules_from_dict(data, path=...) -> Rules

The rules file (issue 5)::

    [severity]                  # per rule id: "error" | "warning" | "info" | "off"
    weakened = "error"
    [[protect]]
    paragraph = "PP3"           # a base paragraph that must be matched in the draft
    [[protect]]
    phrase = "non-refoulement"  # must still appear in the draft
    [[forbid]]
    phrase = "generous approach"
    severity = "warning"

``protect`` and ``forbid`` entries may also carry ``reason`` (appended to the finding's
message) and ``severity``. Every mistake raises ConfigError naming the file: a typo in a rule
id must not silently switch a gate off.

Rule ids are an interface (JSON, SARIF, JUnit and GitHub output carry them): never rename one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .errors import ConfigError
from .tomlfile import read_toml
from .model import SEVERITIES


OFF = "off"
"""Severity that switches a rule off."""


@dataclass(frozen=True)
class RuleInfo:
    """What a rule checks and how severe its findings are by default."""

    id: str
    """The rule id, part of the interface ("op-punctuation")."""
    severity: str
    """Default severity: "error", "warning" or "info"."""
    needs_base: bool
    """True when the rule only runs with --against BASE."""
    description: str
    """One sentence for SARIF rule descriptions, JUnit and documentation."""


CATALOGUE: dict[str, RuleInfo] = {info.id: info for info in (
    RuleInfo("pp-punctuation", "error", False,
             "A preambular paragraph ends with a comma."),
    RuleInfo("op-punctuation", "error", False,
             "An operative paragraph ends with a semicolon and the last one with a full stop; "
             "sub-paragraphs end with a semicolon (optionally followed by 'and'/'or') and a "
             "paragraph introducing sub-paragraphs ends with a colon."),
    RuleInfo("op-numbering", "error", False,
             "Operative paragraphs are numbered 1..n (bis, ter after their number) and "
             "sub-paragraphs (a), (b), ... or (i), (ii), ... without gaps or repeats."),
    RuleInfo("unknown-opening", "warning", False,
             "A paragraph opens with a phrase of the lexicon for its part (preambular or "
             "operative)."),
    RuleInfo("brackets", "error", False,
             "No [square brackets] remain: bracketed text is not agreed, and brackets must "
             "balance."),
    RuleInfo("footnote-missing", "error", False,
             "Every footnote marker has a footnote text and every footnote is cited."),
    RuleInfo("duplicate-paragraph", "error", False,
             "No two paragraphs are identical or nearly identical."),
    RuleInfo("weakened", "warning", True,
             "The opening verb of a base paragraph was not weakened (e.g. Urges -> Encourages)."),
    RuleInfo("dropped", "info", True,
             "A paragraph of the base is no longer in the draft."),
    RuleInfo("hedge-added", "info", True,
             "A hedge ('where appropriate', 'within existing resources', ...) was added to a "
             "base paragraph."),
    RuleInfo("untracked-change", "error", True,
             "A draft with tracked changes shows the base when its changes are rejected: "
             "every change is tracked."),
    RuleInfo("protect", "error", False,
             "A protected base paragraph is still matched in the draft, and a protected phrase "
             "still appears in it."),
    RuleInfo("forbid", "error", False,
             "A forbidden phrase does not appear in the draft."),
)}

@dataclass(frozen=True)
class Protect:
    """One [[protect]] entry: a base paragraph or a phrase that must survive."""

    paragraph: str | None
    """Id of a base paragraph that must be matched in the draft; None for a phrase."""
    phrase: str | None
    """A phrase that must appear in the draft (compared after folding, ignoring case)."""
    severity: str | None = None
    """Severity of this entry's finding; None: the [severity] of "protect"."""
    reason: str | None = None
    """Why it is protected; appended to the finding's message."""


@dataclass(frozen=True)
class Forbid:
    """One [[forbid]] entry: a phrase the draft must not contain."""

    phrase: str
    """The forbidden phrase (compared after folding, ignoring case, on word boundaries)."""
    severity: str | None = None
    """Severity of this entry's findings; None: the [severity] of "forbid"."""
    reason: str | None = None
    """Why it is forbidden; appended to the finding's message."""


@dataclass(frozen=True)
class Rules:
    """A loaded rules file (or none: ``Rules()`` is the defaults)."""

    severity: dict[str, str] = field(default_factory=dict)
    """Rule id -> "error" | "warning" | "info" | "off", overriding CATALOGUE defaults."""
    protect: tuple[Protect, ...] = ()
    """[[protect]] entries in file order."""
    forbid: tuple[Forbid, ...] = ()
    """[[forbid]] entries in file order."""
    path: str | None = None
    """The file the rules came from (for messages)."""

    def severity_of(self, rule: str) -> str:
        """The severity for a rule id: the file's override or the default ("off" possible)."""
        return self.severity.get(rule, CATALOGUE[rule].severity)


def load_rules(path: str) -> Rules:
    """Load a rules TOML file; a file named pyproject.toml is read from [tool.resdiff.check]."""
    data = _read_toml(path)
    if os.path.basename(path) == "pyproject.toml":
        section = data.get("tool", {}).get("resdiff", {}).get("check")
        if section is None:
            raise ConfigError("has no [tool.resdiff.check] table", path=path,
                              hint="add one, or give a rules file of its own")
        return rules_from_dict(section, path=path, table="tool.resdiff.check")
    return rules_from_dict(data, path=path)


def find_rules(start: str | None = None) -> Rules | None:
    """[tool.resdiff.check] of the nearest pyproject.toml at or above ``start`` (default: the
    current directory), as tools such as black and ruff discover their settings; None when the
    nearest pyproject.toml has no such table or there is none up to a repository root."""
    directory = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            section = _read_toml(candidate).get("tool", {}).get("resdiff", {}).get("check")
            if section is None:
                return None
            return rules_from_dict(section, path=candidate, table="tool.resdiff.check")
        parent = os.path.dirname(directory)
        if parent == directory or os.path.exists(os.path.join(directory, ".git")):
            return None
        directory = parent


def _read_toml(path: str) -> dict:
    return read_toml(path, what="rules file", hint="check the --rules path")


def rules_from_dict(data: dict, *, path: str | None = None, table: str | None = None) -> Rules:
    """Validate a parsed rules table; every mistake is a ConfigError naming ``path``."""
    where = f"[{table}] " if table else ""

    def fail(message: str, hint: str | None = None):
        raise ConfigError(f"{where}{message}".strip(), path=path, hint=hint)

    if not isinstance(data, dict):
        fail("rules must be a table")
    unknown = sorted(set(data) - {"severity", "protect", "forbid"})
    if unknown:
        fail(f"unknown key {unknown[0]!r}", "use [severity], [[protect]] and [[forbid]]")
    severity = data.get("severity", {})
    if not isinstance(severity, dict):
        fail("[severity] must be a table of rule id = \"error\" | \"warning\" | \"info\" | \"off\"")
    for rule, level in severity.items():
        if rule not in CATALOGUE:
            fail(f"[severity] names unknown rule {rule!r}", "rule ids: " + ", ".join(CATALOGUE))
        _check_level(level, f"[severity] {rule}", fail)
    protect = tuple(_protect(entry, index, fail)
                    for index, entry in enumerate(_entries(data, "protect", fail), 1))
    forbid = tuple(_forbid(entry, index, fail)
                   for index, entry in enumerate(_entries(data, "forbid", fail), 1))
    return Rules(severity=dict(severity), protect=protect, forbid=forbid, path=path)


def _entries(data: dict, key: str, fail) -> list:
    entries = data.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        fail(f"{key} must be an array of tables ([[{key}]])")
    return entries


def _check_level(level, where: str, fail) -> None:
    if level not in SEVERITIES + (OFF,):
        fail(f"{where}: severity {level!r} is not one of error, warning, info, off")


def _text(entry: dict, key: str, where: str, fail) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        fail(f"{where}: {key} must be a non-empty string")
    return value.strip()


def _options(entry: dict, where: str, allowed: set[str], fail) -> tuple[str | None, str | None]:
    extra = sorted(set(entry) - allowed)
    if extra:
        fail(f"{where}: unknown key {extra[0]!r}", "allowed: " + ", ".join(sorted(allowed)))
    level = entry.get("severity")
    if level is not None:
        _check_level(level, where, fail)
    return level, _text(entry, "reason", where, fail)


def _protect(entry: dict, index: int, fail) -> Protect:
    where = f"[[protect]] #{index}"
    level, reason = _options(entry, where, {"paragraph", "phrase", "severity", "reason"}, fail)
    paragraph = _text(entry, "paragraph", where, fail)
    phrase = _text(entry, "phrase", where, fail)
    if (paragraph is None) == (phrase is None):
        fail(f"{where}: give either paragraph = \"PP3\" or phrase = \"...\"")
    return Protect(paragraph=paragraph, phrase=phrase, severity=level, reason=reason)


def _forbid(entry: dict, index: int, fail) -> Forbid:
    where = f"[[forbid]] #{index}"
    level, reason = _options(entry, where, {"phrase", "severity", "reason"}, fail)
    phrase = _text(entry, "phrase", where, fail)
    if phrase is None:
        fail(f"{where}: phrase = \"...\" is required")
    return Forbid(phrase=phrase, severity=level, reason=reason)
