"""Does blocking cost alignment quality? The same generated pair aligned twice: with the
candidate blocking resdiff uses on large inputs, and with every remaining pair scored (the
exact, quadratic approach), both scored against the truth.

    .venv/bin/python benchmarks/blocking.py [--sizes 3500] [--seed 1]

Above ``align.FULL_MATRIX_LIMIT`` leftover pairs, align.py scores only candidates that
share a rare word pair or sit in the same gap between anchors. This script raises the limit
so that every leftover pair is scored, runs the whole comparison both ways in this process,
and prints precision, recall, F1 and CPU seconds for each. Issue 8: "speed never buys a
worse alignment than the exact approach gives".
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write_pair  # noqa: E402
from score import links_from_compare, links_from_truth, score  # noqa: E402

from resdiff import align, engine  # noqa: E402
from resdiff.render.json import comparison_dict  # noqa: E402

EXACT = 10 ** 12  # a FULL_MATRIX_LIMIT no pair count reaches


def run(old: Path, new: Path, truth: dict, limit: int) -> tuple[float, object]:
    """CPU seconds and Score of one whole comparison with this full-matrix limit."""
    plain = align.align

    def aligned(*args, **options):
        options.setdefault("full_matrix_limit", limit)
        return plain(*args, **options)

    engine.align = aligned
    try:
        start = time.process_time()
        comparison = engine.compare(old, new)
        seconds = time.process_time() - start
    finally:
        engine.align = plain
    report = json.loads(json.dumps(comparison_dict(comparison)))
    return seconds, score(links_from_compare(report), links_from_truth(truth))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="3500", help="comma-separated paragraph counts")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print("| paragraphs | scoring | CPU s | P | R | F1 | right links |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as directory:
        for size in (int(s) for s in args.sizes.split(",")):
            old, new, truth_path = write_pair(directory, size, args.seed)
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            for label, limit in (("blocking (default)", align.FULL_MATRIX_LIMIT),
                                 ("every pair (exact)", EXACT)):
                seconds, result = run(old, new, truth, limit)
                print(f"| {size} | {label} | {seconds:.2f} | {result.precision:.4f} | "
                      f"{result.recall:.4f} | {result.f1:.4f} | "
                      f"{result.correct}/{result.true_links} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
