"""The benchmark's synthetic pairs (benchmarks/generate.py) and resdiff's quality on them.

The truth must name exactly the paragraphs resdiff's parser finds (otherwise every score the
benchmark prints is meaningless), and resdiff must find that truth: issue 8 asks for link
F1 >= 0.97 at every size; the 350-paragraph pair is the one cheap enough to run here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from conftest import ROOT
from resdiff.parse import parse

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402
import score as scoring  # noqa: E402


@pytest.fixture(scope="module")
def material():
    return generate.load_material()


@pytest.mark.parametrize("size", [35, 350])
def test_truth_ids_are_the_parsers(size, material):
    pair = generate.generate_pair(size, seed=1, material=material)
    assert generate.check_pair(pair.old_text, pair.new_text, pair.truth) == []
    # Same ids, in the same order, as the generator numbered them.
    assert [p.id for p in parse(pair.old_text).paragraphs] == pair.old_ids
    assert [p.id for p in parse(pair.new_text).paragraphs] == pair.new_ids
    assert len(pair.old_ids) == size


def test_same_seed_same_pair_other_seed_other_pair(material):
    first = generate.generate_pair(35, seed=7, material=material)
    again = generate.generate_pair(35, seed=7, material=material)
    other = generate.generate_pair(35, seed=8, material=material)
    assert (first.old_text, first.new_text, first.truth) == (again.old_text, again.new_text, again.truth)
    assert first.old_text != other.old_text


def test_every_kind_of_edit_in_realistic_proportions(material):
    pair = generate.generate_pair(350, seed=1, material=material)
    kinds = Counter(link["kind"] for link in pair.truth["links"])
    assert set(kinds) == {"unchanged", "reworded", "moved", "added", "dropped", "split", "merged"}
    assert 0.45 <= kinds["unchanged"] / sum(kinds.values()) <= 0.65
    # Near-duplicate boilerplate runs are there, and some of their members change.
    edits = [link["edit"] for link in pair.truth["links"] if link["edit"].get("boilerplate")]
    assert len(edits) >= 10
    assert any(e["op"] != "unchanged" for e in edits)


@pytest.mark.parametrize("predicted, expected", [
    # the truth itself: everything right
    ([("PP1", "PP1", "unchanged"), ("OP1", "OP1+OP2", "split")], (1.0, 1.0, 1.0, 1.0)),
    # a split found as a pair plus an added paragraph: one wrong link of two, one extra
    ([("PP1", "PP1", "unchanged"), ("OP1", "OP1", "reworded"), ("", "OP2", "added")],
     (1 / 3, 1 / 2, 0.4, 1.0)),
    # right links, wrong kind: F1 stays 1, kind accuracy drops
    ([("PP1", "PP1", "moved"), ("OP1", "OP1+OP2", "split")], (1.0, 1.0, 1.0, 0.5)),
])
def test_score_counts_exact_links(predicted, expected):
    truth = [scoring.Link(("PP1",), ("PP1",), "unchanged"), scoring.Link(("OP1",), ("OP1", "OP2"), "split")]
    links = [scoring.Link(tuple(o.split("+")) if o else (), tuple(n.split("+")) if n else (), k)
             for o, n, k in predicted]
    result = scoring.score(links, truth)
    assert (result.precision, result.recall, result.f1, result.kind_accuracy) == pytest.approx(expected)


def test_resdiff_finds_the_truth_at_350_paragraphs(tmp_path, material):
    old, new, truth_path = generate.write_pair(tmp_path, 350, seed=1, material=material)
    done = subprocess.run([sys.executable, "-m", "resdiff", "compare", str(old), str(new),
                           "--format", "json"], capture_output=True, timeout=300, cwd=ROOT)
    assert done.returncode == 1, done.stderr.decode(errors="replace")
    result = scoring.score(scoring.links_from_compare(json.loads(done.stdout)),
                           scoring.links_from_truth(json.loads(truth_path.read_text())))
    missed = [f"{l.kind} {'+'.join(l.old)} -> {'+'.join(l.new)}" for l in result.missed]
    assert result.f1 >= 0.97, f"F1 {result.f1:.4f}; missed: {missed[:10]}"
