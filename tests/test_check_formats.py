"""Output formats of `resdiff check`: text, json, junit, sarif, github (issue 5).

JUnit is read back with junitparser (a real consumer), SARIF validated against the official
SARIF 2.1.0 schema vendored in tests/schemas/ (see tests/schemas/README.md), JSON against the
schema resdiff ships, and GitHub workflow commands are checked line by line.
"""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from junitparser import Failure, JUnitXml

from conftest import CORPUS, FIXTURES, ROOT, run_cli
from resdiff.check import check
from resdiff.engine import load_document
from resdiff.model import CheckReport, Finding
from resdiff.render.ci import (artifact_location, escape_data, escape_property, github_command,
                               render_github, render_junit, render_sarif, render_step_summary)
from resdiff.render.findings import FORMATS, render_json, render_report, render_text
from resdiff.rules import load_rules

CHECK = FIXTURES / "check"
REAL = CORPUS / "a-res-52-132.txt"
DRAFT_54 = CORPUS / "illustrative-54-draft.txt"
SARIF_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-2.1.0.json").read_text())
CHECK_SCHEMA = json.loads(resources.files("resdiff").joinpath("data/check.schema.json").read_text())


def lint_report(name: str, **options) -> CheckReport:
    return check(load_document(str(CHECK / name)), **options)


@pytest.fixture(scope="module")
def report_54() -> CheckReport:
    if not DRAFT_54.exists():
        pytest.skip("corpus/illustrative-54-draft.txt not written yet")
    return check(load_document(str(DRAFT_54)), base=load_document(str(REAL)),
                 rules=load_rules(str(CHECK / "rules-54.toml")))


def finding(**fields) -> Finding:
    """A finding on the clean fixture's OP2 unless told otherwise."""
    defaults = dict(rule="op-punctuation", severity="error", paragraph="OP2", base_paragraph=None,
                    line=25, message="ends with \",\"", path=str(CHECK / "clean.txt"))
    return Finding(**{**defaults, **fields})


def report_of(*findings: Finding, fail_on: str = "error") -> CheckReport:
    draft = load_document(str(CHECK / "clean.txt"))
    rules = tuple(dict.fromkeys(f.rule for f in findings))
    return CheckReport(draft=draft, base=None, findings=findings, fail_on=fail_on, rules=rules)


REPORTS = {
    "clean": lambda: lint_report("clean.txt"),                     # no findings at all
    "lost-semicolon": lambda: lint_report("lost-semicolon.txt"),   # one error
    "unknown-opening": lambda: lint_report("unknown-opening.txt"),  # warnings only
    "orphan-footnote": lambda: lint_report("orphan-footnote.txt"),  # a finding with no paragraph
    "warning-fails": lambda: lint_report("unknown-opening.txt", fail_on="warning"),
    "document-level": lambda: report_of(finding(paragraph=None, line=None, rule="protect")),
}


# -- json ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(REPORTS))
def test_json_validates_against_the_shipped_schema(name):
    data = json.loads(render_json(REPORTS[name]()))
    jsonschema.validate(data, CHECK_SCHEMA)
    assert data["schema_version"] == 1
    for item in data["findings"]:
        assert set(item) == {"rule", "severity", "paragraph", "base_paragraph", "line",
                             "message", "path"}


def test_json_against_base_validates(report_54):
    data = json.loads(render_json(report_54))
    jsonschema.validate(data, CHECK_SCHEMA)
    assert data["base"]["symbol"] == "A/RES/52/132"
    assert data["failed"] is True and data["fail_on"] == "error"


# -- text ---------------------------------------------------------------------------------------

def test_text_is_grouped_and_readable():
    report = lint_report("unknown-opening.txt", fail_on="warning")
    path = CHECK / "unknown-opening.txt"
    assert render_text(report) == (
        f"resdiff check {path}\n"
        "\n"
        "warnings (2)\n"
        f"  {path}:22: PP3 [unknown-opening] opening \"Pondering\" is not in the lexicon of "
        "preambular openings (if it is right, add it with --lexicon)\n"
        f"  {path}:29: OP3 [unknown-opening] opening \"Recalling\" is a preambular opening, in "
        "the operative part\n"
        "\n"
        "check FAILED: 0 errors, 2 warnings, 0 info (fails on warning; 7 rules ran)\n")


def test_text_groups_errors_before_warnings_before_info(report_54):
    lines = render_text(report_54).splitlines()
    heads = [line for line in lines if line and not line.startswith((" ", "resdiff", "check"))]
    assert heads == ["errors (4)", "warnings (3)", "info (3)"]


def test_text_shows_control_characters_visibly():
    text = render_text(report_of(finding(message="bad \x1b[31m text\u202e")))
    assert "\x1b" not in text and "<U+001B>" in text and "<U+202E>" in text


def test_text_colour_only_when_asked():
    plain = run_cli("check", str(CHECK / "lost-semicolon.txt"))
    coloured = run_cli("check", str(CHECK / "lost-semicolon.txt"), "--color", "always",
                       env={"NO_COLOR": ""})
    assert "\x1b[" not in plain.stdout
    assert "\x1b[" in coloured.stdout


# -- junit --------------------------------------------------------------------------------------

def _cases(xml_text: str):
    xml = JUnitXml.fromstring(xml_text.encode("utf-8"))  # bytes, as read from the file
    suites = list(xml)
    assert len(suites) == 1
    return suites[0], list(suites[0])


JUNIT_CASES = [
    # one error: only op-punctuation fails
    ("lost-semicolon", {"op-punctuation"}),
    # warnings below the default fail level: everything passes
    ("unknown-opening", set()),
    # the same warnings at --fail-on warning fail their testcase
    ("warning-fails", {"unknown-opening"}),
    # nothing to report
    ("clean", set()),
]


@pytest.mark.parametrize("name,failing", JUNIT_CASES, ids=[c[0] for c in JUNIT_CASES])
def test_junit_one_testcase_per_rule(name, failing):
    report = REPORTS[name]()
    suite, cases = _cases(render_junit(report))
    assert [case.name for case in cases] == list(report.rules)
    assert {case.name for case in cases if not case.is_passed} == failing
    assert suite.tests == len(report.rules) and suite.failures == len(failing)
    assert all(case.classname == report.draft.path for case in cases)


def test_junit_failure_text_and_below_level_output(report_54):
    _, cases = _cases(render_junit(report_54))
    by_name = {case.name: case for case in cases}
    failure = by_name["weakened"].result[0]
    assert isinstance(failure, Failure) and failure.type == "weakened"
    assert failure.message.startswith("2 findings at error level or above")
    assert "illustrative-54-draft.txt:100: error: OP3: [weakened]" in failure.text
    # forbid has an error (fails) and a warning (logged, not a failure)
    assert "generous approach" in by_name["forbid"].system_out
    assert by_name["dropped"].is_passed and "base PP3" in by_name["dropped"].system_out


def test_junit_strips_xml_illegal_characters():
    nasty = "bad\x00 \x1b[31m\x08 \ud800 \ufffe text & <tag> \"q\"\ttab"
    xml = render_junit(report_of(finding(message=nasty, paragraph=nasty)))
    for char in "\x00\x1b\x08\ud800\ufffe":
        assert char not in xml
    _, cases = _cases(xml)
    assert "bad [31m   text & <tag> \"q\"\ttab" in cases[0].result[0].text


# -- sarif --------------------------------------------------------------------------------------

def _validate_sarif(text: str) -> dict:
    data = json.loads(text)
    validator = jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA)
    validator.validate(data)
    return data


@pytest.mark.parametrize("name", list(REPORTS))
def test_sarif_validates_against_the_official_schema(name):
    report = REPORTS[name]()
    data = _validate_sarif(render_sarif(report, tool_version="0.1.0"))
    run = data["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules[:len(report.rules)] == list(report.rules)
    assert len(run["results"]) == len(report.findings)
    for result, item in zip(run["results"], report.findings):
        assert rules[result["ruleIndex"]] == result["ruleId"] == item.rule
        place = result["locations"][0]["physicalLocation"]
        assert place["artifactLocation"]["uri"]
        assert place["region"]["startLine"] == (item.line or 1)


def test_sarif_against_base_cites_both_files(report_54):
    data = _validate_sarif(render_sarif(report_54))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in data["runs"][0]["results"]}
    assert uris == {"corpus/illustrative-54-draft.txt", "corpus/a-res-52-132.txt"} or \
        all(u.endswith(("illustrative-54-draft.txt", "a-res-52-132.txt")) for u in uris)
    levels = [r["level"] for r in data["runs"][0]["results"]]
    assert levels.count("note") == 3  # hedge-added is info -> SARIF "note"
    assert all(r["shortDescription"]["text"] for r in data["runs"][0]["tool"]["driver"]["rules"])


URIS = [
    ("drafts/L.99.txt", {"uri": "drafts/L.99.txt", "uriBaseId": "%SRCROOT%"}),  # relative
    ("./drafts/a b.txt", {"uri": "drafts/a%20b.txt", "uriBaseId": "%SRCROOT%"}),  # space, ./
    ("/srv/drafts/L.99.txt", {"uri": "file:///srv/drafts/L.99.txt"}),            # absolute
    ("-", {"uri": "stdin"}),                                                     # stdin
]


@pytest.mark.parametrize("path,expected", URIS, ids=[u[0] for u in URIS])
def test_sarif_artifact_locations(path, expected):
    assert artifact_location(path) == expected


# -- github -------------------------------------------------------------------------------------

def test_github_commands_line_by_line(report_54):
    draft, base = report_54.draft.path, report_54.base.path
    assert render_github(report_54).splitlines() == [
        f"::error file={draft},line=100,title=weakened::OP3: opening weakened from "
        "\"Strongly deplores\" (OP3 of the base) to \"Deplores\"",
        f"::notice file={draft},line=127,title=hedge-added::OP9: hedge added: "
        "\"where appropriate\" (not in OP6 of the base)",
        f"::error file={draft},line=127,title=weakened::OP9: opening weakened from \"Urges\" "
        "(OP6 of the base) to \"Encourages\"",
        f"::notice file={draft},line=141,title=hedge-added::OP11: hedge added: "
        "\"as appropriate\" (not in OP8 of the base)",
        f"::error file={draft},line=149,title=forbid::OP12: contains the forbidden phrase "
        "\"within existing resources\"",
        f"::notice file={draft},line=149,title=hedge-added::OP12: hedge added: "
        "\"within existing resources\" (not in OP9 of the base)",
        f"::warning file={draft},line=183,title=forbid::OP16: contains the forbidden phrase "
        "\"generous approach\"",
        f"::warning file={base},line=14,title=dropped::base PP3: PP3 of the base is not in the "
        "draft: \"Noting with satisfaction the participation of the United\u2026\"",
        f"::error file={base},line=14,title=protect::base PP3: protected paragraph PP3 of the "
        "base is not in the draft (agreed language on the High Commissioner's coordination "
        "role)",
        f"::warning file={base},line=158,title=protect::base OP10: protected phrase "
        "\"broad-based\" is not in the draft (it is in OP10 of the base)",
    ]


GITHUB_CASES = [
    # percent first, so "%0A" typed by a user is not mistaken for a newline
    (dict(message="100% of 50%0A"), "::error file={p},line=25,title=op-punctuation::OP2: "
                                    "100%25 of 50%250A"),
    # CR and LF in the message
    (dict(message="one\r\ntwo\nthree"), "::error file={p},line=25,title=op-punctuation::OP2: "
                                        "one%0D%0Atwo%0Athree"),
    # ":" and "," stay as they are in the message (UN text is full of commas)
    (dict(message="a, b: c"), "::error file={p},line=25,title=op-punctuation::OP2: a, b: c"),
    # ... but are escaped in properties
    (dict(path="dir,x/a:b.txt"), "::error file=dir%2Cx/a%3Ab.txt,line=25,"
                                 "title=op-punctuation::OP2: ends with \",\""),
    # info -> notice; warning -> warning
    (dict(severity="info"), "::notice file={p},line=25,title=op-punctuation::OP2: ends with \",\""),
    (dict(severity="warning"), "::warning file={p},line=25,title=op-punctuation::OP2: "
                               "ends with \",\""),
    # no line, no paragraph: a document-level finding
    (dict(line=None, paragraph=None, rule="protect", message="gone"),
     "::error file={p},title=protect::gone"),
    # stdin has no file to point at
    (dict(path="-", line=None), "::error title=op-punctuation::OP2: ends with \",\""),
    # a base paragraph
    (dict(paragraph=None, base_paragraph="PP3", rule="dropped", severity="info", message="x"),
     "::notice file={p},line=25,title=dropped::base PP3: x"),
    # other control characters are shown, never sent raw
    (dict(message="esc\x1b[2J"), "::error file={p},line=25,title=op-punctuation::OP2: "
                                 "esc<U+001B>[2J"),
]


@pytest.mark.parametrize("fields,expected", GITHUB_CASES,
                         ids=[str(i) for i in range(len(GITHUB_CASES))])
def test_github_escaping(fields, expected):
    item = finding(**fields)
    report = report_of(item)
    assert github_command(item, report) == expected.format(p=CHECK / "clean.txt")


@pytest.mark.parametrize("text,data,prop", [
    ("50%", "50%25", "50%25"),                  # percent
    ("a\rb\nc", "a%0Db%0Ac", "a%0Db%0Ac"),      # CR, LF
    ("C:\\x, y", "C:\\x, y", "C%3A\\x%2C y"),   # colon and comma only in properties
])
def test_github_escape_functions(text, data, prop):
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_github_step_summary_is_appended(tmp_path, report_54):
    summary = tmp_path / "summary.md"
    summary.write_text("previous step\n")
    run = run_cli("check", str(DRAFT_54), "--against", str(REAL), "--rules",
                  str(CHECK / "rules-54.toml"), "--format", "github",
                  env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert run.code == 1 and run.stderr == ""
    assert all(line.startswith(("::error ", "::warning ", "::notice "))
               for line in run.stdout.splitlines())
    text = summary.read_text()
    assert text.startswith("previous step\n### resdiff check `")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + len(report_54.findings)  # header + one row per finding
    assert "| error | weakened | OP3 |" in text


def test_github_step_summary_only_for_github_format(tmp_path):
    summary = tmp_path / "summary.md"
    run = run_cli("check", str(CHECK / "clean.txt"), env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert run.code == 0 and not summary.exists()


def test_step_summary_escapes_markdown_and_html():
    text = render_step_summary(report_of(finding(message="a | b <script>x</script> & c\nd")))
    row = [line for line in text.splitlines() if "op-punctuation" in line][0]
    assert "a \\| b &lt;script&gt;x&lt;/script&gt; &amp; c d" in row
    assert row.count(" | ") == 4 + 0  # five columns, none split by the message


def test_step_summary_without_findings():
    text = render_step_summary(lint_report("clean.txt"))
    assert "passed" in text and "No findings." in text


# -- every format -------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_byte_identical_across_runs(fmt):
    first = render_report(lint_report("unknown-opening.txt"), fmt, tool_version="0.1.0")
    second = render_report(lint_report("unknown-opening.txt"), fmt, tool_version="0.1.0")
    assert first == second


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_on_the_command_line(fmt):
    run = run_cli("check", str(CHECK / "lost-semicolon.txt"), "--format", fmt)
    assert run.code == 1 and run.stderr == ""
    assert run.stdout.strip()


def test_pre_commit_manifest_is_valid():
    from pre_commit.clientlib import load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"resdiff-check", "resdiff-lint"}
    assert hooks["resdiff-check"]["entry"] == "resdiff check"
    assert hooks["resdiff-check"]["pass_filenames"] is False
    assert "resdiff check \"$draft\"" in hooks["resdiff-lint"]["entry"]


def test_ci_docs_show_a_workflow():
    text = (ROOT / "docs" / "ci.md").read_text()
    assert "resdiff check" in text and "--format github" in text and "upload-sarif" in text
    for rule in ("pp-punctuation", "op-punctuation", "op-numbering", "unknown-opening",
                 "brackets", "footnote-missing", "duplicate-paragraph", "weakened", "dropped",
                 "hedge-added", "untracked-change", "protect", "forbid"):
        assert f"`{rule}`" in text, rule
