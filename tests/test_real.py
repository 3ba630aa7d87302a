"""The real General Assembly documents of ``../shared/real/``, read in place.

136 documents as issued (68 pairs of versions), each as its official PDF and as a common
text extraction of it (tests/real_documents.py says where they are and what is checked).
Without the folder these tests skip; in CI (``RESDIFF_REQUIRE_REAL=1``) they fail instead.

The floors are the counts read right when they were set (``python benchmarks/
real_documents.py`` prints them with the faults of the rest); raise them as reading gets
better, never lower them to let a change through.
"""

from __future__ import annotations

import os

import pytest

import real_documents as real
from resdiff.engine import compare_documents
from resdiff.model import CHANGE_KINDS
from resdiff.parse import parse
from resdiff.read import load

# Documents read right (tests/real_documents.faults finds nothing), of 136.
TEXT_FLOOR = 136
PDF_FLOOR = 136
# Documents whose PDF and text extraction give the same paragraphs (id, opening, text,
# footnote marks), and whose comparison, PDF against text, reports no change.
SAME_FLOOR = 136
UNCHANGED_FLOOR = 136

if not real.available():
    if os.environ.get("RESDIFF_REQUIRE_REAL") == "1":
        pytest.fail(f"{real.REAL} is missing, and RESDIFF_REQUIRE_REAL=1 makes these tests "
                    "mandatory", pytrace=False)
    pytest.skip(f"{real.REAL} is not here", allow_module_level=True)


@pytest.fixture(scope="module")
def documents():
    """symbol -> {"text": Document, "pdf": Document}, with each record."""
    out = {}
    for record in real.records():
        docs = {}
        for kind, path in (("text", record.text), ("pdf", record.pdf)):
            source = load(str(path))
            docs[kind] = parse(source.text, path=str(path), sha256=source.sha256)
        out[record.symbol] = (record, docs)
    return out


@pytest.mark.parametrize("kind,floor", [("text", TEXT_FLOOR), ("pdf", PDF_FLOOR)])
def test_real_documents_read_right(documents, kind, floor):
    assert len(documents) == 136
    wrong = {}
    for symbol, (record, docs) in documents.items():
        faults = real.faults(docs[kind], record)
        if faults:
            wrong[symbol] = faults
    right = len(documents) - len(wrong)
    report = "\n".join(f"{symbol}: {'; '.join(faults)}" for symbol, faults in sorted(wrong.items()))
    assert right >= floor, f"{right}/136 {kind} readings right, floor {floor}:\n{report}"


def test_pdf_and_text_extraction_read_alike(documents):
    same = sum(1 for _, docs in documents.values()
               if real.structure(docs["text"]) == real.structure(docs["pdf"]))
    assert same >= SAME_FLOOR, f"{same}/136 alike, floor {SAME_FLOOR}"


def test_a_document_compared_with_its_own_pdf_changes_nothing(documents):
    # Two readings of one document: every change reported here is invented.
    unchanged, invented = 0, []
    for symbol, (_, docs) in documents.items():
        comparison = compare_documents(docs["text"], docs["pdf"])
        changes = [c for c in comparison.changes if c.kind != "unchanged"]
        if not changes:
            unchanged += 1
        else:
            invented.append(f"{symbol}: {len(changes)} ({changes[0].kind} {changes[0].old} "
                            f"{changes[0].new})")
    assert unchanged >= UNCHANGED_FLOOR, "\n".join(invented)


def test_every_pair_accounts_for_every_paragraph(documents):
    # The engine's invariant on the 68 real pairs: each paragraph of either version is in
    # exactly one change, and the summary's kinds count the changes.
    for kind, old_symbol, new_symbol in real.pairs():
        old = documents[old_symbol][1]["text"]
        new = documents[new_symbol][1]["text"]
        comparison = compare_documents(old, new)
        olds = [i for c in comparison.changes for i in c.old]
        news = [i for c in comparison.changes for i in c.new]
        assert sorted(olds) == sorted(p.id for p in old.paragraphs), (old_symbol, new_symbol)
        assert sorted(news) == sorted(p.id for p in new.paragraphs), (old_symbol, new_symbol)
        assert sum(comparison.summary[kind] for kind in CHANGE_KINDS) == len(comparison.changes) > 0
