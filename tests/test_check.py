"""`resdiff check` (issue 5): lint rules, comparison rules, the rules file, exit codes.

The broken drafts in tests/fixtures/check/ were written by the resdiff project; each says in
its header which defect it carries. Expected findings are (rule, paragraph, line) triples.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types

import pytest

from conftest import CORPUS, FIXTURES, run_cli
from resdiff.check import check
from resdiff.engine import load_document
from resdiff.errors import ConfigError
from resdiff.duplicates import duplicates
from resdiff.lint import ending, leftover_markers
from resdiff.model import Finding
from resdiff.parse import parse
from resdiff.rules import CATALOGUE, Rules, find_rules, load_rules, rules_from_dict

CHECK = FIXTURES / "check"
REAL = CORPUS / "a-res-52-132.txt"
DRAFT_54 = CORPUS / "illustrative-54-draft.txt"
LINT_RULES = ["pp-punctuation", "op-punctuation", "op-numbering", "unknown-opening", "brackets",
              "footnote-missing", "duplicate-paragraph"]


def triples(report) -> list[tuple]:
    return [(f.rule, f.paragraph, f.line) for f in report.findings]


def check_file(path, **options):
    return check(load_document(str(path)), **options)


# -- the real resolution and the project's clean texts pass ----------------------------------

@pytest.mark.parametrize("path", [
    REAL,                                    # the authentic A/RES/52/132, PDF artifacts and all
    CORPUS / "a-res-52-132-retyped.txt",     # the same text retyped
    DRAFT_54,                                # invented draft for the 54th session
    CORPUS / "illustrative-54-draft-pdf.txt",  # the same draft with PDF artifacts
    CORPUS / "illustrative-54-rev1.txt",     # its invented revision
    CHECK / "clean.txt",                     # the control for the broken drafts
    CHECK / "subparagraphs-clean.txt",       # chapeau ":" and "(a) ...; and" accepted
    FIXTURES / "parser" / "subparagraphs-clean.txt",  # (a)/(b) and (i)/(ii) nesting
    FIXTURES / "parser" / "pdf-two-pages.txt",         # another PDF rendering
    FIXTURES / "parser" / "openings-multiword.txt",    # long opening phrases
], ids=lambda p: p.name)
def test_clean_texts_have_no_findings(path):
    if not path.exists():
        pytest.skip(f"{path.name} not in the corpus")
    report = check_file(path)
    assert triples(report) == []
    assert list(report.rules) == LINT_RULES


def test_real_resolution_passes_on_the_command_line():
    run = run_cli("check", str(REAL.relative_to(REAL.parent.parent)))
    assert run.code == 0, run.stdout + run.stderr
    assert run.stderr == ""
    assert "check passed: 0 errors, 0 warnings, 0 info" in run.stdout


# -- broken drafts fail with exactly the right rules, paragraphs and lines -------------------

BROKEN = [
    # OP2 ends "non-refoulement," instead of ";"
    ("lost-semicolon.txt", [("op-punctuation", "OP2", 25)], 1),
    # PP3 ends with ";" instead of ","
    ("pp-no-comma.txt", [("pp-punctuation", "PP3", 21)], 1),
    # the last OP ends with ";" instead of "."
    ("last-op-semicolon.txt", [("op-punctuation", "OP5", 34)], 1),
    # 1, 2, 4, 5, 6: one finding, on the first paragraph out of sequence
    ("numbering-gap.txt", [("op-numbering", "OP4", 28)], 1),
    # 1, 2, 2, 3, 4: the parser labels the repeat OP2~2
    ("numbering-repeat.txt", [("op-numbering", "OP2~2", 28)], 1),
    # "[to cooperate ..." never closed
    ("open-bracket.txt", [("brackets", "OP3", 28)], 1),
    # "[effective][full] protection": balanced but unagreed
    ("closed-brackets.txt", [("brackets", "OP2", 25)], 1),
    # footnote 2 exists but its marker is gone: finding on the footnote's line, no paragraph
    ("orphan-footnote.txt", [("footnote-missing", None, 40)], 1),
    # "refugees3" cites a footnote 3 that has no text
    ("missing-footnote.txt", [("footnote-missing", "OP2", 25)], 1),
    # OP4 = OP2 with "effective" -> "full" (similarity 0.94)
    ("duplicate-paragraph.txt", [("duplicate-paragraph", "OP4", 31)], 1),
    # "Pondering" is no opening; "Recalling" is preambular, in the operative part: warnings only
    ("unknown-opening.txt", [("unknown-opening", "PP3", 22), ("unknown-opening", "OP3", 29)], 0),
    # sub-paragraphs (a), (c)
    ("subparagraph-gap.txt", [("op-numbering", "OP2(c)", 29)], 1),
    # "Calls upon States;" before (a), (b)
    ("chapeau-no-colon.txt", [("op-punctuation", "OP2", 25)], 1),
]


@pytest.mark.parametrize("name,expected,code", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_drafts(name, expected, code):
    report = check_file(CHECK / name)
    assert triples(report) == expected
    assert report.failed == bool(code)
    assert all(f.severity == CATALOGUE[f.rule].severity for f in report.findings)


@pytest.mark.parametrize("name,expected,code", BROKEN[:4] + BROKEN[7:8] + BROKEN[10:11],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_broken_drafts_on_the_command_line(name, expected, code):
    run = run_cli("check", str(CHECK / name), "--format", "json")
    assert run.code == code, run.stderr
    assert run.stderr == ""
    found = [(f["rule"], f["paragraph"], f["line"]) for f in json.loads(run.stdout)["findings"]]
    assert found == expected


def test_fail_on_warning_fails_on_unknown_opening():
    run = run_cli("check", str(CHECK / "unknown-opening.txt"), "--fail-on", "warning")
    assert run.code == 1
    assert "check FAILED: 0 errors, 2 warnings, 0 info" in run.stdout


# -- against a base: the illustrative draft against 52/132 -----------------------------------

WITH_RULES_54 = [
    ("weakened", "error", "OP3", "OP3", 100),         # Strongly deplores -> Deplores
    ("hedge-added", "info", "OP9", "OP6", 127),       # + "where appropriate"
    ("weakened", "error", "OP9", "OP6", 127),         # Urges -> Encourages
    ("hedge-added", "info", "OP11", "OP8", 141),      # + "as appropriate"
    ("forbid", "error", "OP12", None, 149),           # "within existing resources" (default error)
    ("hedge-added", "info", "OP12", "OP9", 149),      # + "within existing resources"
    ("forbid", "warning", "OP16", None, 183),         # "generous approach" (severity in the entry)
    ("dropped", "warning", None, "PP3", 14),          # [severity] dropped = "warning"
    ("protect", "error", None, "PP3", 14),            # protected paragraph PP3 dropped
    ("protect", "warning", None, "OP10", 158),        # "broad-based" only in the base's OP10
]


def _full(report):
    return [(f.rule, f.severity, f.paragraph, f.base_paragraph, f.line) for f in report.findings]


@pytest.fixture(scope="module")
def report_54():
    if not DRAFT_54.exists():
        pytest.skip("corpus/illustrative-54-draft.txt not written yet")
    return check_file(DRAFT_54, base=load_document(str(REAL)),
                      rules=load_rules(str(CHECK / "rules-54.toml")))


def test_draft_against_base_with_rules(report_54):
    assert _full(report_54) == WITH_RULES_54
    base_findings = [f for f in report_54.findings if f.paragraph is None]
    assert {f.path for f in base_findings} == {str(REAL)}
    assert report_54.rules == tuple(LINT_RULES) + ("weakened", "dropped", "hedge-added",
                                                   "protect", "forbid")
    assert report_54.failed


def test_draft_against_base_default_severities(report_54):
    report = check_file(DRAFT_54, base=report_54.base)
    assert [(f.rule, f.severity, f.paragraph) for f in report.findings] == [
        ("weakened", "warning", "OP3"), ("hedge-added", "info", "OP9"),
        ("weakened", "warning", "OP9"), ("hedge-added", "info", "OP11"),
        ("hedge-added", "info", "OP12"), ("dropped", "info", None)]
    assert not report.failed  # weakened is a warning by default


def test_against_on_the_command_line(report_54):
    run = run_cli("check", str(DRAFT_54), "--against", str(REAL), "--rules",
                  str(CHECK / "rules-54.toml"), "--format", "json")
    assert run.code == 1 and run.stderr == ""
    data = json.loads(run.stdout)
    assert [(f["rule"], f["severity"], f["paragraph"], f["base_paragraph"], f["line"])
            for f in data["findings"]] == WITH_RULES_54
    assert data["summary"] == {"error": 4, "warning": 3, "info": 3}


def test_base_against_itself_has_no_comparison_findings():
    base = load_document(str(REAL))
    report = check(base, base=base)
    assert report.findings == ()
    assert "weakened" in report.rules


def test_protected_paragraph_missing_from_base_is_a_config_error(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('[[protect]]\nparagraph = "PP99"\n')
    run = run_cli("check", str(CHECK / "clean.txt"), "--against", str(REAL), "--rules", str(rules))
    assert run.code == 2
    assert str(rules) in run.stderr and "PP99" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_paragraph_protect_without_base_is_skipped_but_phrases_run():
    rules = rules_from_dict({"protect": [{"paragraph": "PP3"}, {"phrase": "solidarity"}]})
    report = check_file(CHECK / "clean.txt", rules=rules)
    assert triples(report) == [("protect", None, None)]
    assert "solidarity" in report.findings[0].message


# -- phrases: folded, case-insensitive, on word boundaries -----------------------------------

PHRASES = [
    ("Non-Refoulement", True),        # case differs
    ("non-refoulement", True),        # exact
    ("principle   of non-refoulement", True),  # extra spaces in the rules file
    ("refoulement", True),            # a word inside a hyphenated word still counts
    ("refoul", False),                # not a word of its own
    ("Reaffirming that", True),       # the opening is part of the text
    ("Commission\u2019s", False),     # not in the text at all
]


@pytest.mark.parametrize("phrase,present", PHRASES, ids=[p[0] for p in PHRASES])
def test_phrase_matching(phrase, present):
    rules = rules_from_dict({"forbid": [{"phrase": phrase}]})
    report = check_file(CHECK / "clean.txt", rules=rules)
    assert bool(report.findings) == present


def test_forbid_curly_quote_phrase_matches_straight_text():
    doc = parse("The General Assembly,\n\nRecalling the Commission's report,\n\n"
                "1. Decides to continue its work.\n")
    rules = rules_from_dict({"forbid": [{"phrase": "Commission\u2019s report"}]})
    assert triples(check(doc, rules=rules)) == [("forbid", "PP1", 3)]


# -- severities from the rules file ----------------------------------------------------------

SEVERITY_CASES = [
    # off: the rule does not run, is not listed, its findings vanish
    ({"op-punctuation": "off"}, "lost-semicolon.txt", [], False),
    # raised: a warning rule becomes an error and fails the check
    ({"unknown-opening": "error"}, "unknown-opening.txt", ["error", "error"], True),
    # lowered: an error rule becomes info and passes
    ({"brackets": "info"}, "open-bracket.txt", ["info"], False),
]


@pytest.mark.parametrize("severity,name,levels,failed", SEVERITY_CASES,
                         ids=[c[1] for c in SEVERITY_CASES])
def test_severity_overrides(severity, name, levels, failed):
    report = check_file(CHECK / name, rules=Rules(severity=severity))
    assert [f.severity for f in report.findings] == levels
    assert report.failed == failed
    for rule, level in severity.items():
        assert (rule in report.rules) == (level != "off")


# -- the rules file: every mistake is a ConfigError naming the file ---------------------------

BAD_RULES = [
    ("[severity\n", "invalid TOML"),                                   # broken TOML
    ("colour = 1\n", "unknown key 'colour'"),                          # a key we do not know
    ('[severity]\nweaken = "error"\n', "unknown rule 'weaken'"),       # a typo in a rule id
    ('[severity]\nweakened = "fatal"\n', "'fatal' is not one of"),     # a bad severity
    ('severity = "error"\n', "[severity] must be a table"),            # wrong type
    ('[[protect]]\nparagraph = "PP3"\nphrase = "x"\n', "either paragraph"),  # both
    ("[[protect]]\nreason = 'x'\n", "either paragraph"),               # neither
    ('[[protect]]\nphrase = "  "\n', "non-empty string"),              # blank phrase
    ('[[forbid]]\nseverity = "warning"\n', "phrase = \"...\" is required"),  # no phrase
    ('[[forbid]]\nphrase = "x"\nlevel = "error"\n', "unknown key 'level'"),  # misspelt key
    ('[[forbid]]\nphrase = 3\n', "non-empty string"),                  # not a string
    ('protect = "PP3"\n', "array of tables"),                          # not [[protect]]
]


@pytest.mark.parametrize("text,needle", BAD_RULES, ids=[b[1] for b in BAD_RULES])
def test_bad_rules_files(tmp_path, text, needle):
    path = tmp_path / "rules.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_rules(str(path))
    assert needle in str(caught.value)
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize("setup,needle", [
    (lambda p: None, "no such rules file"),                               # missing
    (lambda p: p.mkdir(), "is a directory"),                              # a directory
    (lambda p: p.write_bytes(b'[[forbid]]\nphrase = "\xff"\n'), "not UTF-8"),  # bad encoding
], ids=["missing", "directory", "not-utf8"])
def test_unreadable_rules_files(tmp_path, setup, needle):
    path = tmp_path / "rules.toml"
    setup(path)
    with pytest.raises(ConfigError, match=needle):
        load_rules(str(path))


def test_bad_rules_file_on_the_command_line_exits_2(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text('[severity]\nweaken = "error"\n')
    run = run_cli("check", str(CHECK / "clean.txt"), "--rules", str(path))
    assert run.code == 2 and run.stdout == ""
    assert run.stderr.startswith(f"resdiff: {path}: ")
    assert len(run.stderr.strip().splitlines()) == 1


def test_pyproject_rules(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text((CHECK / "pyproject-example.toml").read_text())
    rules = load_rules(str(pyproject))
    assert rules.severity == {"unknown-opening": "error", "duplicate-paragraph": "off"}
    assert [f.phrase for f in rules.forbid] == ["Pondering"]
    # found from the current directory (or below it, up to the repository root)
    (tmp_path / ".git").mkdir()
    (tmp_path / "drafts").mkdir()
    assert find_rules(str(tmp_path / "drafts")) == rules
    run = run_cli("check", str(CHECK / "unknown-opening.txt"), "--format", "json", cwd=tmp_path)
    assert run.code == 1, run.stderr
    data = json.loads(run.stdout)
    assert [(f["rule"], f["severity"], f["paragraph"]) for f in data["findings"]] == [
        ("forbid", "error", "PP3"), ("unknown-opening", "error", "PP3"),
        ("unknown-opening", "error", "OP3")]
    assert "duplicate-paragraph" not in data["rules"]


def test_pyproject_without_check_table(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n')
    assert find_rules(str(tmp_path)) is None
    with pytest.raises(ConfigError, match=r"no \[tool.resdiff.check\] table"):
        load_rules(str(pyproject))


def test_rules_discovery_stops_at_the_repository_root(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.resdiff.check.severity]\nbrackets = "off"\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert find_rules(str(repo)) is None
    assert find_rules(str(tmp_path)).severity == {"brackets": "off"}


# -- building blocks ---------------------------------------------------------------------------

ENDINGS = [
    ("of people,", ","),                       # plain comma
    ("of the Secretary-General;", ";"),        # plain semicolon
    ("of non-refoulement; and", "; and"),      # sub-paragraph before the last
    ("Calls upon States:", ":"),               # chapeau
    ("at its one hundredth session.", "."),    # the last paragraph
    ("as one of the major causes];", ";"),     # bracket before the semicolon
    ("on Internal Displacement,2]", ","),      # bracketed paragraph with a leftover marker
    ("the \u201cprotection agenda\u201d;", ";"),  # closing quote before the semicolon
    ("entitled \u201cAgenda for Protection\u201d", "n"),  # nothing after the quote
    ("", ""),                                  # empty paragraph
]


@pytest.mark.parametrize("text,expected", ENDINGS, ids=[e[0] or "empty" for e in ENDINGS])
def test_ending(text, expected):
    assert ending(text) == expected


LEFTOVERS = [
    ("Refugees3 undertake", ["3"]),            # glued to a word (52/132 style)
    ("in 1997,1 and the", ["1"]),              # after a year and a comma
    ("Secretary-General;10", ["10"]),          # after the final semicolon
    ("Displacement,2]", ["2"]),                # inside a closing bracket
    ("of 18 April 1997 1/, and", ["1"]),       # older UN style "1/"
    ("some 1,000 persons", []),                # thousands separator
    ("at 10:30 a.m.", []),                     # a time
    ("document A/52/494 and E/CN.4/1998/53", []),  # symbols
    ("resolution 217 A (III) of", []),         # numbers with spaces
    ("in 19965", []),                          # glued to a year: not detected (documented)
]


@pytest.mark.parametrize("text,expected", LEFTOVERS, ids=[t for t, _ in LEFTOVERS])
def test_leftover_markers(text, expected):
    assert leftover_markers(text) == expected


DUPLICATE_CASES = [
    (0.9, ["OP4"]),   # the documented default: OP4 = OP2 with one word changed (0.94)
    (0.95, []),       # stricter: not reported
    (1.0, []),        # identical only
]


@pytest.mark.parametrize("threshold,expected", DUPLICATE_CASES, ids=lambda v: str(v))
def test_duplicate_threshold(threshold, expected):
    doc = load_document(str(CHECK / "duplicate-paragraph.txt"))
    assert [f.paragraph for f in duplicates(doc, threshold=threshold)] == expected


_LONG = ("Requests all United Nations bodies, including the human rights treaty bodies, acting "
         "within their mandates, the specialized agencies and governmental, intergovernmental and "
         "non-governmental organizations to cooperate fully with all mechanisms of the Commission "
         "on Human Rights and to provide them with relevant information on the situations "
         "creating or affecting refugees and displaced persons;")
NEAR = [
    # three separated one-word edits (0.94): their trigrams are unique, the rest are shared
    (_LONG.replace("agencies", "programmes").replace("relevant", "pertinent")
     .replace("fully", "closely"), ["OP3"]),
    # a reference changed: another resolution is cited, so not a duplicate
    (_LONG.replace("Human Rights", "Human Rights (resolution 1997/75)"), []),
    # case and typography only: identical
    (_LONG.upper().replace("REFUGEES", "refugees"), ["OP3"]),
    # half rewritten: far below the threshold
    (_LONG[:150] + " to report to the General Assembly at its next session on the matter;", []),
]


@pytest.mark.parametrize("twin,expected", NEAR, ids=["three-edits", "reference", "case", "half"])
def test_near_duplicates(twin, expected):
    text = (f"The General Assembly,\n\nRecalling its resolutions,\n\n1. {_LONG}\n\n"
            f"2. Urges States to act in this field without delay;\n\n3. {twin}\n\n"
            "4. Decides to continue.\n")
    assert [f.paragraph for f in duplicates(parse(text))] == expected


def test_identical_paragraphs_report_the_earliest_twin():
    text = ("The General Assembly,\n\n" + "Recalling the principle of non-refoulement and "
            "the rights of refugees and asylum-seekers,\n\n" * 3 + "1. Decides to continue.\n")
    found = duplicates(parse(text))
    assert [(f.paragraph, f.message.split(":")[0]) for f in found] == [
        ("PP2", "PP2 is identical to PP1"), ("PP3", "PP3 is identical to PP1")]


OPENINGS = [
    # lexicon openings in their part
    ("Recalling its resolutions,", "Urges States to act;", []),
    # a participle of a lexicon verb ("Condemns") opens a preambular paragraph
    ("Condemning the killing of journalists,", "Condemns all attacks;", []),
    # a longer form of a lexicon opening ("Expressing its appreciation")
    ("Expressing its deep appreciation to donors,", "Invites States to act;", []),
    # an intensifier before the participle
    ("Strongly condemning all attacks,", "Decides to act;", []),
    # a PDF ligature (U+FB03) inside the word
    ("Rea\ufb03rming its resolutions,", "Decides to act;", []),
    # no such verb in the lexicon
    ("Pondering the question,", "Decides to act;", ["PP1"]),
    # an operative verb in the preamble
    ("Recalls its resolutions,", "Decides to act;", ["PP1"]),
    # a participle in the operative part
    ("Recalling its resolutions,", "Condemning all attacks;", ["OP1"]),
]


@pytest.mark.parametrize("pp,op,expected", OPENINGS, ids=[o[0].split()[0] for o in OPENINGS])
def test_openings(pp, op, expected):
    doc = parse(f"The General Assembly,\n\n{pp}\n\n1. {op}\n\n2. Decides to continue.\n")
    report = check(doc)
    assert [f.paragraph for f in report.findings if f.rule == "unknown-opening"] == expected


def test_roman_numbers_and_bis_are_in_sequence():
    doc = parse("The General Assembly,\n\nRecalling its resolutions,\n\n"
                "1. Takes note of the report;\n\n1 bis. Urges States to act;\n\n"
                "1 ter. Invites States to act;\n\n2. Decides to continue its work.\n")
    assert [p.id for p in doc.paragraphs] == ["PP1", "OP1", "OP1bis", "OP1ter", "OP2"]
    assert triples(check(doc)) == []


# -- untracked-change: wired through resdiff.tracked for .docx drafts --------------------------

def test_untracked_change_runs_for_docx_drafts(tmp_path, monkeypatch):
    docx = tmp_path / "draft.docx"
    docx.write_bytes(b"PK\x03\x04 not really a zip")
    draft = dataclasses.replace(load_document(str(CHECK / "clean.txt")), path=str(docx))
    base = load_document(str(CHECK / "clean.txt"))
    calls = []

    def untracked_changes(draft_path, base_document, **read_options):
        calls.append((draft_path, base_document.path, read_options))
        return [Finding(rule="untracked-change", severity="error", paragraph="OP2",
                        base_paragraph="OP2", line=25, message="untracked edit", path=draft_path)]

    monkeypatch.setitem(sys.modules, "resdiff.tracked",
                        types.SimpleNamespace(untracked_changes=untracked_changes))
    report = check(draft, base=base, rules=Rules(severity={"untracked-change": "warning"}),
                   max_size=1000)
    assert calls == [(str(docx), base.path, {"max_size": 1000})]
    assert "untracked-change" in report.rules
    assert [(f.rule, f.severity) for f in report.findings] == [("untracked-change", "warning")]
    # a text draft never asks for tracked changes
    calls.clear()
    assert "untracked-change" not in check(base, base=base).rules and calls == []


def test_untracked_change_skipped_without_the_tracked_module(tmp_path, monkeypatch):
    docx = tmp_path / "draft.docx"
    docx.write_bytes(b"PK\x03\x04")
    draft = dataclasses.replace(load_document(str(CHECK / "clean.txt")), path=str(docx))
    monkeypatch.setitem(sys.modules, "resdiff.tracked", None)  # import raises ModuleNotFoundError
    report = check(draft, base=load_document(str(CHECK / "clean.txt")))
    assert "untracked-change" not in report.rules


# -- command line behaviour ---------------------------------------------------------------------

def test_stdin_draft():
    run = run_cli("check", "-", input=(CHECK / "lost-semicolon.txt").read_bytes())
    assert run.code == 1
    assert "-:25: OP2 [op-punctuation]" in run.stdout


@pytest.mark.parametrize("args,needle", [
    (["check", "-", "--against", "-"], "only one of DRAFT and BASE"),  # two stdins
    (["check", "no/such/draft.txt"], "no such file"),                  # missing draft
    (["check", str(CHECK / "clean.txt"), "--against", "no/such.txt"], "no such file"),
    (["check", str(CHECK / "clean.txt"), "--format", "xml"], "Invalid value"),  # bad format
    (["check", str(CHECK / "clean.txt"), "--fail-on", "info"], "Invalid value"),
], ids=["two-stdins", "missing-draft", "missing-base", "bad-format", "bad-fail-on"])
def test_trouble_exits_2(args, needle):
    run = run_cli(*args)
    assert run.code == 2
    assert needle in run.stderr
    assert "Traceback" not in run.stderr


def test_output_file_is_written_and_inputs_are_safe(tmp_path):
    out = tmp_path / "report.json"
    run = run_cli("check", str(CHECK / "lost-semicolon.txt"), "--format", "json", "-o", str(out))
    assert run.code == 1 and run.stdout == ""
    assert json.loads(out.read_text())["summary"]["error"] == 1
    again = run_cli("check", str(CHECK / "lost-semicolon.txt"), "-o", str(out))
    assert again.code == 2 and "already exists" in again.stderr
    draft = tmp_path / "draft.txt"
    draft.write_bytes((CHECK / "clean.txt").read_bytes())
    clobber = run_cli("check", str(draft), "-o", str(draft), "--force")
    assert clobber.code == 2 and draft.read_bytes() == (CHECK / "clean.txt").read_bytes()


def test_check_has_help():
    run = run_cli("check", "--help")
    assert run.code == 0
    for option in ("--against", "--rules", "--format", "--fail-on", "-o", "GITHUB_STEP_SUMMARY"):
        assert option in run.stdout
