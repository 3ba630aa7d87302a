"""The held-out evaluation set (tests/heldout/, written blind to the engine) as a gate.

Two sets, each written by a helper that never read the engine's code. Thresholds are the
product's quality bar (PRODUCT.md): link F1 >= 0.97, kinds >= 0.90, no
invented verb shift, and every PDF rendering compares as "no differences" with its clean
text. Run `python tests/heldout/evaluate.py --verbose` to see each miss.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize("folder", ["heldout", "heldout2"])
def test_heldout_quality_bar(tmp_path, folder):
    report = tmp_path / "heldout.json"
    subprocess.run([sys.executable, str(ROOT / "tests" / "heldout" / "evaluate.py"),
                    "--dir", str(ROOT / "tests" / folder), "--json", str(report)],
                   cwd=ROOT, check=True, capture_output=True, timeout=600)
    totals = json.loads(report.read_text(encoding="utf-8"))
    for side in (totals["totals"], totals["totals_pdf_side"]):
        assert side["link_f1"] >= 0.97
        assert side["kind_ok"] >= 0.9 * side["matched"]
        assert side.get("invented", 0) == 0
    pdf = totals["totals"]["pdf"]
    assert pdf["no_diff"] == pdf["files"]
