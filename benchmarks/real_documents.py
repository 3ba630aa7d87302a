"""The real documents of ../shared/real/: how many read right, and how fast.

    .venv/bin/python benchmarks/real_documents.py [--repeat 3] [--faults]

For each of the 136 documents, read as its official PDF and as its text extraction, the
checks of tests/real_documents.py (operative numbers, page furniture, footnotes, header);
how many read alike from both; then timing, medians over ``--repeat`` runs in this process:
the PDF reader (PDFium) per document against ``pdftotext`` on the same file in the same run
(the ratio is what to quote; this machine is shared), parse of the text, and compare of each
of the 68 pairs. Reads the documents in place; writes nothing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import real_documents as real  # noqa: E402

from resdiff.engine import compare_documents  # noqa: E402
from resdiff.parse import parse  # noqa: E402
from resdiff.read import load  # noqa: E402


def _best(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=3)
    options.add_argument("--faults", action="store_true", help="print each document's faults")
    args = options.parse_args(argv)
    if not real.available():
        print(f"{real.REAL} is not here", file=sys.stderr)
        return 2
    pdftotext = shutil.which("pdftotext")
    timing = {"pdf": [], "pdftotext": [], "text": []}
    right = {"text": 0, "pdf": 0}
    alike = 0
    documents = {}
    for record in real.records():
        docs = {}
        for kind, path in (("text", record.text), ("pdf", record.pdf)):
            def read(path=path):
                source = load(str(path))
                return parse(source.text, path=str(path), sha256=source.sha256)
            seconds, docs[kind] = _best(read, args.repeat)
            timing[kind].append(seconds)
            faults = real.faults(docs[kind], record)
            right[kind] += not faults
            if faults and args.faults:
                print(f"{record.symbol} [{kind}] {'; '.join(faults)}")
        if pdftotext:
            seconds, _ = _best(lambda: subprocess.run([pdftotext, str(record.pdf), "-"],
                                                      capture_output=True, check=True),
                               args.repeat)
            timing["pdftotext"].append(seconds)
        alike += real.structure(docs["text"]) == real.structure(docs["pdf"])
        documents[record.symbol] = docs
    compare_times = []
    for _, old, new in real.pairs():
        seconds, _ = _best(lambda: compare_documents(documents[old]["text"],
                                                     documents[new]["text"]), args.repeat)
        compare_times.append(seconds)
    n = len(documents)
    print(f"documents {n}: read right from the text {right['text']}/{n}, from the PDF "
          f"{right['pdf']}/{n}; PDF and text read alike {alike}/{n}")

    def line(name, values):
        return (f"{name:<34} median {statistics.median(values) * 1000:7.1f} ms   "
                f"max {max(values) * 1000:7.1f} ms   total {sum(values):6.2f} s")

    print(line("read + parse PDF (PDFium)", timing["pdf"]))
    if timing["pdftotext"]:
        print(line("pdftotext (text only, no parse)", timing["pdftotext"]))
        ratios = [a / b for a, b in zip(timing["pdf"], timing["pdftotext"])]
        print(f"{'ratio PDF reader / pdftotext':<34} median {statistics.median(ratios):7.2f}")
    print(line("read + parse text extraction", timing["text"]))
    print(line(f"compare, {len(compare_times)} pairs", compare_times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
