"""Word redline (`compare --format docx`): Accept All gives new, Reject All gives old.

Read back with resdiff's own .docx reader for the corpus pairs and for generated edits
(hypothesis), and once through LibreOffice itself (accept/reject all tracked changes, save
as text) when it is installed.
"""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
import sys
import zipfile
from io import BytesIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, ROOT, run_cli

from resdiff.engine import compare, compare_documents
from resdiff.parse import parse
from resdiff.read import docx as docx_reader
from resdiff.render.docx import render_comparison

PAIRS = [
    ("a-res-52-132.txt", "illustrative-54-draft.txt"),      # every kind of change
    ("illustrative-54-draft.txt", "illustrative-54-rev1.txt"),
    ("illustrative-54-rev1.txt", "a-res-52-132.txt"),       # backwards: many moves
    ("a-res-52-132.txt", "a-res-52-132-retyped.txt"),       # no changes at all
]


def structure(document):
    return {"paragraphs": [(p.id, p.opening, p.text) for p in document.paragraphs],
            "footnotes": [(f.mark, f.text) for f in document.footnotes],
            "symbol": document.symbol, "title": document.title, "organ": document.organ,
            "adopted": document.adopted}


def views(data: bytes):
    accepted = parse(docx_reader.read(data, path="redline.docx").text)
    rejected = parse(docx_reader.read(data, path="redline.docx", tracked="reject").text)
    return accepted, rejected


@pytest.mark.parametrize("old,new", PAIRS)
def test_accept_all_gives_new_and_reject_all_gives_old(old, new):
    comparison = compare(CORPUS / old, CORPUS / new)
    data = render_comparison(comparison)
    accepted, rejected = views(data)
    assert structure(accepted) == structure(comparison.new)
    assert structure(rejected) == structure(comparison.old)
    assert accepted.warnings == rejected.warnings == ()
    xml = zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode()
    if comparison.has_differences:
        assert "<w:ins " in xml and "<w:del " in xml
    else:
        assert "<w:ins " not in xml and "<w:del " not in xml


def test_redline_is_byte_stable_and_well_formed():
    comparison = compare(CORPUS / PAIRS[0][0], CORPUS / PAIRS[0][1])
    data = render_comparison(comparison)
    assert render_comparison(comparison) == data
    archive = zipfile.ZipFile(BytesIO(data))
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    xml = archive.read("word/document.xml").decode()
    ids = re.findall(r'<w:(?:ins|del) w:id="(\d+)"', xml)
    assert len(ids) == len(set(ids)) > 50
    assert set(re.findall(r'w:author="([^"]*)"', xml)) == {"resdiff"}
    assert "w:date" not in xml  # no timestamp unless asked
    dated = zipfile.ZipFile(BytesIO(render_comparison(comparison, author="Delegation of X",
                                                      date="2024-06-01T12:00:00Z")))
    dated_xml = dated.read("word/document.xml").decode()
    assert 'w:author="Delegation of X" w:date="2024-06-01T12:00:00Z"' in dated_xml
    assert b"<w:trackRevisions/>" in archive.read("word/settings.xml")
    import docx  # python-docx opens it as a Word document

    document = docx.Document(BytesIO(data))
    assert any(p.text.startswith("The General Assembly") for p in document.paragraphs)


NUMBERING_OLD = """The General Assembly,

Recalling its resolution 50/182,

PP1bis Noting the report,

1. Requests the Secretary-General:

(a) to report;

(b) to consult States;

2. Decides to continue.
"""

NUMBERING_NEW = """The General Assembly,

Recalling its resolution 52/132,

1. Requests the Secretary-General:

(a) to report;

(b) to consult States and organizations;

(c) to publish the report;

1 bis. Welcomes the report;

2. Decides to continue;

3. Decides also to remain seized.
"""


def test_labels_bis_and_sub_paragraphs_round_trip():
    comparison = compare_documents(parse(NUMBERING_OLD), parse(NUMBERING_NEW))
    accepted, rejected = views(render_comparison(comparison))
    assert structure(accepted) == structure(comparison.new)
    assert structure(rejected) == structure(comparison.old)
    assert [p.id for p in accepted.paragraphs] == [
        "PP1", "OP1", "OP1(a)", "OP1(b)", "OP1(c)", "OP1bis", "OP2", "OP3"]


def _text(pp: list[str], op: list[str]) -> str:
    body = [f"{p}," for p in pp] + [f"{i}. {o};" for i, o in enumerate(op, 1)]
    return "The General Assembly,\n\n" + "\n\n".join(body) + "\n"


_SOURCE = parse((CORPUS / "a-res-52-132-retyped.txt").read_text(encoding="utf-8"))
_PP = [p.text.rstrip(",") for p in _SOURCE.paragraphs if p.section == "preamble"]
_OP = [p.text.rstrip(";.") for p in _SOURCE.paragraphs if p.section == "operative"]


@st.composite
def versions(draw):
    """Two versions made of 52/132 paragraphs: dropped, added, reordered, reworded."""
    def pick(pool, minimum):
        chosen = draw(st.lists(st.sampled_from(range(len(pool))), min_size=minimum, max_size=8,
                               unique=True))
        texts = [pool[i] for i in chosen]
        for index in draw(st.lists(st.sampled_from(range(len(texts))), max_size=2, unique=True)
                          if texts else st.just([])):
            words = texts[index].split()
            cut = draw(st.integers(1, max(1, len(words) - 1)))
            texts[index] = " ".join(words[:cut] + ["notably"] + words[cut:])
        return texts

    return _text(pick(_PP, 0), pick(_OP, 1)), _text(pick(_PP, 0), pick(_OP, 1))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(versions())
def test_any_comparison_round_trips(pair):
    old, new = (parse(text) for text in pair)
    comparison = compare_documents(old, new)
    accepted, rejected = views(render_comparison(comparison))
    assert structure(accepted)["paragraphs"] == structure(new)["paragraphs"]
    assert structure(rejected)["paragraphs"] == structure(old)["paragraphs"]


def test_cli_writes_the_redline_and_refuses_a_terminal(tmp_path):
    target = tmp_path / "redline.docx"
    run = run_cli("compare", str(CORPUS / PAIRS[0][0]), str(CORPUS / PAIRS[0][1]),
                  "--format", "docx", "-o", str(target))
    assert (run.code, run.stdout, run.stderr) == (1, "", "")
    assert target.read_bytes() == render_comparison(compare(CORPUS / PAIRS[0][0], CORPUS / PAIRS[0][1]))
    same = run_cli("compare", str(CORPUS / PAIRS[3][0]), str(CORPUS / PAIRS[3][1]),
                   "--format", "docx", "-o", str(tmp_path / "same.docx"))
    assert same.code == 0
    # docx to a terminal: refused before any work, with the fix in the message
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "resdiff", "compare", str(CORPUS / PAIRS[0][0]),
                               str(CORPUS / PAIRS[0][1]), "--format", "docx"],
                              stdout=follower, stderr=subprocess.PIPE, cwd=ROOT, timeout=60)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2 and b"give -o FILE.docx" in done.stderr


def _libreoffice_python() -> str | None:
    if shutil.which("soffice") is None:
        return None
    for python in ("/usr/bin/python3",):
        if os.path.exists(python) and subprocess.run(
                [python, "-c", "import uno"], capture_output=True).returncode == 0:
            return python
    return None


@pytest.mark.skipif(_libreoffice_python() is None,
                    reason="LibreOffice with its Python UNO bridge (python3-uno) is not installed")
def test_libreoffice_accept_all_and_reject_all(tmp_path):
    comparison = compare(CORPUS / PAIRS[0][0], CORPUS / PAIRS[0][1])
    source = tmp_path / "redline.docx"
    source.write_bytes(render_comparison(comparison))
    script = ROOT / "tests" / "fixtures" / "formats" / "lo_views.py"
    for mode, expected in (("accept", comparison.new), ("reject", comparison.old)):
        target = tmp_path / f"{mode}.txt"
        subprocess.run([_libreoffice_python(), str(script), str(source), str(target), mode],
                       check=True, timeout=180, capture_output=True)
        lines = target.read_text(encoding="utf-8-sig").split("\n")
        # LibreOffice writes one paragraph per line; the parser wants blank lines between
        document = parse("\n\n".join(line for line in lines if line.strip()))
        assert structure(document) == structure(expected), mode
