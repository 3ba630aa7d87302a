"""Word tracked changes: accepted and rejected views, --tracked, and the untracked-change rule.

The acceptance case: a .docx built on A/RES/52/132 (automatic numbering, italic openings,
footnotes) with tracked edits of every kind (insertion, deletion, a new paragraph, a deleted
paragraph, a moved paragraph, a replaced opening) and one edit made with tracking off. Both
views must be right, and the untracked-change rule must flag exactly that one paragraph.
"""

from __future__ import annotations

import copy
import json

import pytest

from conftest import CORPUS, run_cli
from fixtures.formats.builders import Block, Run, blocks_text, docx_bytes, layout, package

from resdiff.engine import compare_documents
from resdiff.errors import FormatError
from resdiff.parse import parse
from resdiff.read import docx as docx_reader
from resdiff.tracked import revisions, untracked_changes

BASE = CORPUS / "a-res-52-132.txt"


def _find(blocks: list[Block], start: str) -> int:
    return next(i for i, b in enumerate(blocks) if "".join(r.text for r in b.runs).startswith(start))


def edited_52_132() -> list[Block]:
    """52/132 with tracked edits, and one untracked edit in OP10."""
    blocks = layout((CORPUS / "a-res-52-132-retyped.txt").read_text(encoding="utf-8"))
    pp1 = blocks[_find(blocks, "Deeply disturbed")]
    pp1.runs.append(Run(" a high proportion of whom are women and children,", change="ins"))
    pp3 = blocks[_find(blocks, "Noting with satisfaction")]  # deleted as a whole paragraph
    pp3.mark_change = "del"
    for run in pp3.runs:
        run.change = "del"
    op3 = blocks[_find(blocks, "Strongly deplores")]  # a replaced opening
    op3.runs[0:1] = [Run("Strongly deplores", "opening", "del"), Run("Deplores", "opening", "ins")]
    op16_index = _find(blocks, "Calls upon States to ensure")  # moved up, after OP3
    moved_to = copy.deepcopy(blocks[op16_index])
    for run in blocks[op16_index].runs:
        run.change = "moveFrom"
    blocks[op16_index].mark_change = "moveFrom"
    for run in moved_to.runs:
        run.change = "moveTo"
    moved_to.mark_change = "moveTo"
    blocks.insert(_find(blocks, "Strongly deplores") + 1, moved_to)
    new_op = Block("op", [Run("Calls upon", "opening", "ins"),
                          Run(" States to protect refugee women and children;", change="ins")],
                   mark_change="ins")  # a new operative paragraph, after OP4
    blocks.insert(_find(blocks, "Again invites") + 1, new_op)
    op10 = blocks[_find(blocks, "Welcomes the efforts")]  # the untracked edit
    for run in op10.runs:
        run.text = run.text.replace("broad-based programmes", "programmes")
    assert any("programmes of human rights education" in r.text for r in op10.runs)
    return blocks


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    blocks = edited_52_132()
    path = tmp_path_factory.mktemp("tracked") / "draft.docx"
    path.write_bytes(docx_bytes(blocks))
    return path, blocks


def paragraphs(document):
    return [(p.id, p.opening, p.text) for p in document.paragraphs]


def test_accepted_and_rejected_views(draft):
    path, blocks = draft
    data = path.read_bytes()
    accepted = parse(docx_reader.read(data, path=str(path)).text)
    rejected = parse(docx_reader.read(data, path=str(path), tracked="reject").text)
    assert paragraphs(accepted) == paragraphs(parse(blocks_text(blocks, "accept")))
    assert paragraphs(rejected) == paragraphs(parse(blocks_text(blocks, "reject")))
    # spot checks against what a reader of Word would see
    assert accepted.paragraph("OP3").text.startswith("Deplores ethnic")
    assert accepted.paragraph("OP4").text.startswith("Calls upon States to ensure")  # moved here
    assert accepted.paragraph("OP6").text == "Calls upon States to protect refugee women and children;"
    assert accepted.paragraph("PP3").opening == "Conscious"  # "Noting with satisfaction" deleted
    assert len(accepted.paragraphs) == len(rejected.paragraphs) == 32
    assert [f.text for f in accepted.footnotes] == [f.text for f in rejected.footnotes]
    # the rejected view is 52/132 except the untracked edit
    base = parse(BASE.read_text(encoding="utf-8"))
    changed = [c for c in compare_documents(base, rejected).changes if c.kind != "unchanged"]
    assert [(c.kind, c.old, c.new) for c in changed] == [("reworded", ("OP10",), ("OP10",))]


def test_untracked_change_flags_exactly_the_untracked_edit(draft):
    path, _ = draft
    base = parse(BASE.read_text(encoding="utf-8"), path=str(BASE))
    findings = untracked_changes(str(path), base)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.rule, finding.severity) == ("untracked-change", "error")
    # OP10 of the base is OP12 of the draft as the user reads it (one OP moved up, one added)
    assert (finding.paragraph, finding.base_paragraph) == ("OP12", "OP10")
    assert "[-broad-based-]" in finding.message and finding.path == str(path)
    assert finding.line is not None


def test_check_against_base_reports_the_untracked_edit(draft):
    path, _ = draft
    run = run_cli("check", str(path), "--against", str(BASE), "--format", "json")
    assert run.code in (0, 1), run.stderr
    report = json.loads(run.stdout)
    assert "untracked-change" in report["rules"]
    untracked = [f for f in report["findings"] if f["rule"] == "untracked-change"]
    assert [(f["paragraph"], f["base_paragraph"]) for f in untracked] == [("OP12", "OP10")]
    assert run.code == 1


def test_no_tracked_changes_no_findings(tmp_path):
    base = parse(BASE.read_text(encoding="utf-8"))
    clean = tmp_path / "clean.docx"
    blocks = layout((CORPUS / "a-res-52-132-retyped.txt").read_text(encoding="utf-8"))
    clean.write_bytes(docx_bytes(blocks))
    assert untracked_changes(str(clean), base) == []
    assert untracked_changes(str(CORPUS / "illustrative-54-draft.txt"), base) == []


def test_revisions_keep_authors_dates_and_kinds(draft):
    path, _ = draft
    found = revisions(str(path))
    assert {r.author for r in found} == {"Tester"}
    assert {r.date for r in found} == {"2024-05-01T10:00:00Z"}
    kinds = {r.kind for r in found}
    assert {"insertion", "deletion", "move-from", "move-to", "paragraph-insertion",
            "paragraph-deletion", "paragraph-move-to", "paragraph-move-from"} <= kinds
    assert any(r.kind == "deletion" and r.text == "Strongly deplores" for r in found)
    assert revisions(str(BASE)) == []


def test_tracked_option_on_the_command_line(draft):
    path, _ = draft
    refused = run_cli("parse", str(path), "--tracked", "error")
    assert refused.code == 2 and refused.stdout == ""
    assert "tracked changes (by Tester)" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    rejected = json.loads(run_cli("parse", str(path), "--tracked", "reject", "--format", "json").stdout)
    accepted = json.loads(run_cli("parse", str(path), "--format", "json").stdout)
    assert (len(rejected["paragraphs"]), len(accepted["paragraphs"])) == (32, 32)
    # a text file has no tracked changes: --tracked error is no obstacle
    assert run_cli("parse", str(BASE), "--tracked", "error").code == 0


W = 'w:id="{}" w:author="A" w:date="2024-01-01T00:00:00Z"'


def p(inner: str, ppr: str = "") -> str:
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{inner}</w:p>"


def t(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def d(text: str) -> str:
    return f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r>'


NUM = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
LIST = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')

TRACKED_CASES = [
    # a word replaced
    (p(t("Calls ") + f'<w:del {W.format(1)}>{d("on")}</w:del><w:ins {W.format(2)}>{t("upon")}</w:ins>'
       + t(" States;")), "Calls upon States;", "Calls on States;"),
    # text inserted and then deleted by someone else exists in neither view
    (p(t("Urges ") + f'<w:ins {W.format(1)}><w:del {W.format(2)}>{d("strongly ")}</w:del></w:ins>'
       + t("States;")), "Urges States;", "Urges States;"),
    # a deleted paragraph mark joins two paragraphs when accepted (a merge) ...
    (p(t("Encourages States;") + f'<w:del {W.format(1)}>{d(";")}</w:del>',
       ppr=f'<w:rPr><w:del {W.format(2)}/></w:rPr>') + p(t(" and notes the report;")),
     "Encourages States; and notes the report;", "Encourages States;;\n\nand notes the report;"),
    # ... an inserted one splits a paragraph when accepted
    (p(t("Emphasizes the responsibility;"), ppr=f'<w:rPr><w:ins {W.format(1)}/></w:rPr>')
     + p(f'<w:ins {W.format(2)}>{t("Calls upon")}</w:ins>' + t(" Governments;")),
     "Emphasizes the responsibility;\n\nCalls upon Governments;",
     "Emphasizes the responsibility; Governments;"),
    # automatic numbers count the paragraphs of each view
    (p(t("Takes note;"), ppr=NUM) + p(f'<w:ins {W.format(1)}>{t("Welcomes;")}</w:ins>',
                                     ppr=NUM + f'<w:rPr><w:ins {W.format(2)}/></w:rPr>')
     + p(t("Decides."), ppr=NUM),
     "1. Takes note;\n\n2. Welcomes;\n\n3. Decides.", "1. Takes note;\n\n2. Decides."),
    # a tracked numbering change: the rejected view uses the paragraph properties before it
    (p(t("Decides."), ppr=NUM + f'<w:pPrChange {W.format(1)}><w:pPr/></w:pPrChange>'),
     "1. Decides.", "Decides."),
]


@pytest.mark.parametrize("body,accepted,rejected", TRACKED_CASES)
def test_tracked_reading_details(body, accepted, rejected):
    data = package(body, numbering=LIST)
    assert docx_reader.read(data, path="x.docx").text == accepted + "\n"
    assert docx_reader.read(data, path="x.docx", tracked="reject").text == rejected + "\n"


def test_tracked_error_and_unknown_mode():
    data = package(p(f'<w:ins {W.format(1)}>{t("Urges")}</w:ins>'))
    with pytest.raises(FormatError, match="1 tracked changes"):
        docx_reader.read(data, path="x.docx", tracked="error")
    with pytest.raises(FormatError, match="unknown --tracked mode"):
        docx_reader.read(data, path="x.docx", tracked="maybe")
    assert docx_reader.read(package(p(t("Urges"))), path="x.docx", tracked="error").text == "Urges\n"
