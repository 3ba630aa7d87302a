"""Reading the real General Assembly documents of ``../shared/real/`` in place.

The folder (its README) holds 136 documents as issued, each as the official PDF and as a
common text extraction, with the source's own record (``extracted/*.json``: the operative
paragraphs by printed number, from its own regex split). Nothing of them is copied into the
repository: tests (tests/test_real.py) and the benchmark (benchmarks/real_documents.py) read
them where they are, through this module.

:func:`faults` says what a reading got wrong, by rules that hold for every resolution and
draft, not by answers stored per document:

- operative numbers: the parsed operative paragraphs are OP1..OPn, n the record's count
  (the record's split misses one now and then; one missing number is tolerated, no extra;
  a resolution of one unnumbered operative paragraph has none in the record);
- no page furniture among the paragraphs (job numbers, barcodes, page counters, the symbol);
- footnotes: marks 1..k in order, every one cited by a paragraph, no marker left in the text
  of a paragraph that cites nothing;
- a resolution (A/RES/...) has its symbol, its title and the date of its adoption.
"""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _find() -> Path:
    """``$RESDIFF_REAL``, else ``shared/real`` beside the project root (or beside one of its
    parents: a clone for CI may sit a level deeper)."""
    if os.environ.get("RESDIFF_REAL"):
        return Path(os.environ["RESDIFF_REAL"])
    for parent in ROOT.parents:
        if (parent / "shared" / "real" / "pairs.tsv").is_file():
            return parent / "shared" / "real"
    return ROOT.parent / "shared" / "real"


REAL = _find()

_JOB = re.compile(r"\b\d{2}-\d{5}\b.*\(E\)|\*\d{7}\*")
_COUNTER = re.compile(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")


@dataclass(frozen=True)
class Record:
    symbol: str
    pdf: Path
    text: Path
    operative: int  # the record's count of numbered operative paragraphs


def available() -> bool:
    return (REAL / "pairs.tsv").is_file()


def records() -> list[Record]:
    out = []
    for path in sorted((REAL / "extracted").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        stem = path.stem
        out.append(Record(data["symbol"], REAL / "pdf" / f"{stem}.pdf",
                          REAL / "text" / f"{stem}.txt", len(data.get("paragraphs") or {})))
    return out


def pairs() -> list[tuple[str, str, str]]:
    with open(REAL / "pairs.tsv", encoding="utf-8") as handle:
        return [(row["kind"], row["old"], row["new"])
                for row in csv.DictReader(handle, delimiter="\t")]


def faults(document, record: Record) -> list[str]:
    """What this reading of the record's document got wrong (empty: read right)."""
    out = []
    operative = [p for p in document.paragraphs if p.section == "operative" and p.parent is None]
    ids = [p.id for p in operative]
    expected = [f"OP{n}" for n in range(1, len(ids) + 1)]
    if ids != expected:
        wrong = [i for i, e in zip(ids, expected) if i != e][:3]
        out.append(f"operative ids out of order near {wrong or ids[len(expected):][:3]}")
    if not (record.operative - 1 <= len(ids) <= max(record.operative, 1)):
        out.append(f"{len(ids)} operative paragraphs, the record has {record.operative}")
    for paragraph in document.paragraphs:
        text = paragraph.text
        if _JOB.search(text) or _COUNTER.match(text) or text.strip() == record.symbol:
            out.append(f"furniture in {paragraph.id}: {text[:60]!r}")
    marks = [f.mark for f in document.footnotes]
    if marks != [str(n) for n in range(1, len(marks) + 1)]:
        out.append(f"footnote marks {marks[:12]}")
    uncited = [f.mark for f in document.footnotes if not f.cited_in]
    if uncited:
        out.append(f"uncited footnotes {uncited[:8]}")
    if record.symbol.startswith("A/RES/"):
        if document.symbol != record.symbol:
            out.append(f"symbol {document.symbol!r}")
        if not document.title:
            out.append("no title")
        if document.adopted is None or not document.adopted.date:
            out.append("no adoption date")
    return out


def structure(document) -> list[tuple]:
    """What two readings of one document (its PDF and its text) must agree on."""
    return [(p.id, p.opening, p.text, p.footnotes) for p in document.paragraphs]
