"""Compare engine tests: the gold pairs, the real drift cases, symmetry, the JSON contract,
and the alignment stage's fast paths against the plain rules they replace."""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict, deque
from importlib import resources

import jsonschema
import pytest
from hypothesis import given, settings, strategies as st

from resdiff.align import align
from resdiff.chain import longest_increasing, ordered_chain
from resdiff.engine import compare, compare_documents
from resdiff.diff import rebuild
from resdiff.normalize import compact
from resdiff.model import PARAGRAPH_JOINER
from resdiff.parse import parse
from resdiff.render.json import comparison_dict, document_dict
from resdiff.scoring import CANDIDATES_PER_PARAGRAPH, bigrams, ratio, ratios, votes
from conftest import CORPUS, ROOT, run_cli

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402

SEED = CORPUS / "a-res-52-132.txt"
RETYPED = CORPUS / "a-res-52-132-retyped.txt"
DRAFT = CORPUS / "illustrative-54-draft.txt"
DRAFT_PDF = CORPUS / "illustrative-54-draft-pdf.txt"
REV1 = CORPUS / "illustrative-54-rev1.txt"


def _links(comparison):
    return {(c.old, c.new): c for c in comparison.changes}


def _gold(name):
    gold = json.loads((CORPUS / name).read_text(encoding="utf-8"))
    return {(tuple(l["old"]), tuple(l["new"])): l for l in gold["links"]}, gold.get("footnotes", [])


# -- gold pairs: every link found and labelled right ---------------------------------------

@pytest.mark.parametrize("old, new, gold", [
    (SEED, DRAFT, "illustrative-54-draft.gold.json"),
    (SEED, DRAFT_PDF, "illustrative-54-draft.gold.json"),      # the draft as a PDF extraction
    (RETYPED, DRAFT_PDF, "illustrative-54-draft.gold.json"),
    (DRAFT, REV1, "illustrative-54-rev1.gold.json"),
])
def test_gold_alignment_and_labels(old, new, gold):
    expected, footnotes = _gold(gold)
    got = _links(compare(old, new))
    assert set(got) == set(expected)
    for key, link in expected.items():
        change = got[key]
        shift = change.verb.shift if change.verb else None
        assert (change.kind, shift, sorted(change.flags)) == \
               (link["kind"], link["shift"], sorted(link["flags"])), key
    got_notes = {(f.old, f.new): f.kind for f in compare(old, new).footnotes}
    assert got_notes == {(f["old"], f["new"]): f["kind"] for f in footnotes}


# -- two renderings of the same text: no differences ---------------------------------------

@pytest.mark.parametrize("a, b", [(SEED, RETYPED), (DRAFT, DRAFT_PDF), (SEED, SEED)])
def test_renderings_of_one_text_have_no_differences(a, b):
    result = run_cli("compare", str(a), str(b))
    assert result.code == 0, result.stdout
    assert result.stderr == ""
    assert "no differences" in result.stdout


def test_typography_only_is_unchanged_by_default_and_reworded_when_strict():
    old = parse('The General Assembly,\n\nNoting the "report" \u2013 and annex,\n\n1. Decides.')
    new = parse("The General Assembly,\n\nNoting the \u201creport\u201d - and\u00a0annex,\n\n1. Decides.")
    default = compare_documents(old, new)
    assert [(c.kind, c.flags, c.text_changed) for c in default.changes][0] == \
           ("unchanged", ("typography",), False)
    assert not default.has_differences
    strict = compare_documents(old, new, strict=True)
    assert (strict.changes[0].kind, strict.changes[0].flags) == ("reworded", ("typography",))


# -- swapping old and new --------------------------------------------------------------------

def test_swap_swaps_counts():
    forward, backward = compare(SEED, DRAFT).summary, compare(DRAFT, SEED).summary
    for a, b in (("added", "dropped"), ("split", "merged"), ("strengthened", "weakened")):
        assert (forward[a], forward[b]) == (backward[b], backward[a])
    for kind in ("unchanged", "reworded", "moved"):
        assert forward[kind] == backward[kind]


# -- the real drift of the series (DOMAIN.md "Observed drift"), rebuilt from its facts --------

def _edit(replacements):
    text = RETYPED.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return parse(text)


def _only_change(old, new):
    changes = [c for c in compare_documents(old, new).changes if c.kind != "unchanged"]
    assert len(changes) == 1, [(c.kind, c.old, c.new) for c in changes]
    return changes[0]


def test_drift_pp1_lost_escalating_and_millions_of():
    # 50/182 -> 52/132: PP1 lost "escalating" and "millions of"
    older = _edit([("the scale and magnitude of exoduses", "the escalating scale and magnitude of exoduses"),
                   ("displacements of\npeople", "displacements of millions of\npeople")])
    change = _only_change(older, parse(RETYPED.read_text(encoding="utf-8")))
    assert (change.kind, change.old, change.new) == ("reworded", ("PP1",), ("PP1",))
    assert change.verb.shift is None and change.flags == ()
    assert [op.text for op in change.diff if op.op == "delete"] == ["escalating ", "millions of "]


def test_drift_such_as_became_which_may_include():
    older = _edit([("which may include human rights violations", "such as human rights violations")])
    change = _only_change(older, parse(RETYPED.read_text(encoding="utf-8")))
    assert (change.kind, change.old, change.flags) == ("reworded", ("PP4",), ())


def test_drift_commission_resolution_updated_is_a_reference_update():
    newer = _edit([("resolution 1997/75 of 18 April 1997", "resolution 1999/69 of 28 April 1999")])
    change = _only_change(parse(RETYPED.read_text(encoding="utf-8")), newer)
    assert (change.kind, change.old, change.flags) == ("reworded", ("PP2",), ("reference-update",))


def test_drift_invites_became_encourages_is_strengthened():
    # 52/132 OP7 "Invites the special rapporteurs" -> 56/166 "Encourages ..."
    newer = _edit([("7. Invites the special rapporteurs", "7. Encourages the special rapporteurs")])
    change = _only_change(parse(RETYPED.read_text(encoding="utf-8")), newer)
    assert (change.kind, change.verb.old, change.verb.new, change.verb.shift) == \
           ("reworded", "Invites", "Encourages", "strengthened")


def test_drift_op5_split_in_two():
    # 52/132 OP5 "Emphasizes ..., and calls on Governments ..." became two paragraphs in 56/166
    text = RETYPED.read_text(encoding="utf-8")
    start = text.index("5. Emphasizes")
    end = text.index("6. Urges")
    op5 = text[start:end]
    first, second = op5.split(", and calls on Governments")
    numbered = text[:start] + first + ";\n\n6. Calls upon Governments" + second
    rest = "\n" + text[end:]
    for n in range(18, 5, -1):  # renumber OP6..OP18 -> OP7..OP19
        rest = rest.replace(f"\n{n}. ", f"\n{n + 1}. ")
    newer = parse(numbered + rest)
    changes = [c for c in compare_documents(parse(text), newer).changes if c.kind != "unchanged"]
    assert [(c.kind, c.old, c.new) for c in changes] == [("split", ("OP5",), ("OP5", "OP6"))]


def test_drift_footnote_renumbering_is_not_a_change():
    # footnote numbers shift between versions: a new first footnote renumbers the others
    old = parse("The General Assembly,\n\nRecalling the Convention,1\n\nNoting the Protocol,2\n\n"
                "1. Decides.\n\n1 Treaty Series, vol. 189.\n\n2 Treaty Series, vol. 606.\n")
    new = parse("The General Assembly,\n\nWelcoming the report,1\n\nRecalling the Convention,2\n\n"
                "Noting the Protocol,3\n\n1. Decides.\n\n1 A/54/1.\n\n2 Treaty Series, vol. 189.\n\n"
                "3 Treaty Series, vol. 606.\n")
    comparison = compare_documents(old, new)
    assert [(c.kind, c.old, c.new) for c in comparison.changes] == [
        ("added", (), ("PP1",)), ("unchanged", ("PP1",), ("PP2",)),
        ("unchanged", ("PP2",), ("PP3",)), ("unchanged", ("OP1",), ("OP1",))]
    assert [(f.kind, f.old, f.new) for f in comparison.footnotes] == [
        ("added", None, "1"), ("unchanged", "1", "2"), ("unchanged", "2", "3")]


# -- the JSON contract -------------------------------------------------------------------------

def _schema(name):
    return json.loads(resources.files("resdiff").joinpath(f"data/{name}.schema.json").read_text())


@pytest.mark.parametrize("path", [SEED, RETYPED, DRAFT, DRAFT_PDF, REV1])
def test_parse_json_validates(path):
    doc = parse(path.read_text(encoding="utf-8"), path=str(path))
    jsonschema.validate(document_dict(doc), _schema("parse"))


@pytest.mark.parametrize("old, new", [(SEED, DRAFT), (DRAFT, REV1), (SEED, SEED)])
def test_compare_json_validates_and_rebuilds(old, new):
    comparison = compare(old, new)
    data = comparison_dict(comparison)
    jsonschema.validate(data, _schema("compare"))
    old_doc, new_doc = comparison.old, comparison.new
    seen_old, seen_new = [], []
    for change in comparison.changes:
        old_text, new_text = rebuild(change.diff)
        assert old_text == PARAGRAPH_JOINER.join(old_doc.paragraph(i).text for i in change.old)
        assert new_text == PARAGRAPH_JOINER.join(new_doc.paragraph(i).text for i in change.new)
        seen_old += change.old
        seen_new += change.new
    assert sorted(seen_old) == sorted(p.id for p in old_doc.paragraphs)
    assert sorted(seen_new) == sorted(p.id for p in new_doc.paragraphs)


def test_changes_in_new_document_order_with_dropped_after_predecessor():
    ids = [(c.old, c.new) for c in compare(SEED, DRAFT).changes]
    assert ids[:4] == [(("PP1",), ("PP1",)), (("PP2",), ("PP2",)), (("PP3",), ()), (("PP4",), ("PP3",))]


# -- golden outputs (regenerate with `pytest --update-golden`) --------------------------------

@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("json", "json"), ("markdown", "md")])
def test_golden_output(fmt, suffix, update_golden):
    result = run_cli("compare", "corpus/a-res-52-132.txt", "corpus/illustrative-54-draft.txt",
                     "--format", fmt)
    assert result.code == 1 and result.stderr == ""
    golden = CORPUS.parent / "tests" / "golden" / f"compare-52-132-vs-54-draft.{suffix}"
    if update_golden:
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_output_is_byte_identical_across_runs():
    first = run_cli("compare", str(SEED), str(DRAFT), "--format", "json").stdout
    assert first == run_cli("compare", str(SEED), str(DRAFT), "--format", "json").stdout


# -- CLI behaviour -------------------------------------------------------------------------------

def test_plain_text_marks_words_without_colour():
    out = run_cli("compare", str(SEED), str(DRAFT), "--color", "never").stdout
    assert "[-Strongly deplores-]{+Deplores+}" in out
    assert "OP3 -> OP3 reworded, weakened: Strongly deplores -> Deplores" in out
    assert "\x1b[" not in out


def test_colour_always_uses_strike_and_underline():
    out = run_cli("compare", str(SEED), str(DRAFT), "--color", "always", env={"NO_COLOR": ""}).stdout
    assert "\x1b[31;9m" in out and "\x1b[32;4m" in out


def test_stdin_and_output_file(tmp_path):
    target = tmp_path / "out.json"
    result = run_cli("compare", "-", str(DRAFT), "--format", "json", "-o", str(target),
                     input=SEED.read_bytes())
    assert result.code == 1 and result.stdout == "" and result.stderr == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["old"]["path"] == "-" and data["summary"]["split"] == 1


# -- fast paths of the alignment stage agree with their plain rules -------------------------
# (align.py, chain.py, scoring.py take shortcuts for speed; each is checked here against the
# straightforward rule it replaces, on small random inputs with many ties.)

_FAST = settings(max_examples=300, deadline=None, derandomize=True)
_CODES = st.text(alphabet="\u0100\u0101\u0102\u0103\u0104", max_size=40)  # word codes


def _plain_longest_increasing(items):
    """Patience sorting as written plainly in the benchmark's generator (which keeps its own
    copy so its truth is not the engine's): positions of a longest increasing run of the
    second values."""
    return sorted(generate._longest_increasing([value for _, value in items]))


def _plain_ordered_chain(items, tie=None):
    forward = sorted(items)
    backward = sorted(items, key=lambda item: (item[1], item[0]))
    first = [forward[k] for k in _plain_longest_increasing([(i, j) for i, j, _ in forward])]
    second = sorted(backward[k] for k in
                    _plain_longest_increasing([(j, i) for i, j, _ in backward]))
    best = second if len(second) > len(first) else first
    if first != second and len(first) == len(second):
        def quality(chain):
            return (round(sum(w for _, _, w in chain), 6), -sum(abs(i - j) for i, j, _ in chain),
                    sorted((-min(i, j), -max(i, j)) for i, j, _ in chain))

        best = max([first, second], key=quality)
        if tie is not None and quality(first) == quality(second):
            best = max([first, second], key=lambda chain: sorted(tie(i, j) for i, j, _ in chain))
    return [(i, j) for i, j, _ in best]


@_FAST
@given(items=st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12),
                                st.sampled_from([0.0, 0.5, 0.75, 1.0, 0.1 + 0.2])), max_size=14),
       texts=st.lists(st.sampled_from("ab"), min_size=13, max_size=13))
def test_ordered_chain_agrees_with_the_plain_rule(items, texts):
    def tie(i, j):
        return tuple(sorted((texts[i], texts[j])))

    assert ordered_chain(items) == _plain_ordered_chain(items)
    assert ordered_chain(items, tie) == _plain_ordered_chain(items, tie)


@_FAST
@given(values=st.lists(st.integers(0, 20), max_size=30))
def test_longest_increasing_agrees_with_plain_patience_sorting(values):
    assert longest_increasing(values) == _plain_longest_increasing(list(enumerate(values)))


@_FAST
@given(text=_CODES, others=st.lists(_CODES, max_size=8),
       cutoff=st.sampled_from([0.0, 0.45, 0.5, 0.65, 0.9]))
def test_ratios_agree_with_ratio_pair_by_pair(text, others, cutoff):
    expected = [(k, ratio(other, text, cutoff)) for k, other in enumerate(others)]
    assert ratios(text, others, cutoff) == [(k, score) for k, score in expected if score]
    # callers score (old, new) either way round: the ratio must not depend on the order
    assert expected == [(k, ratio(text, other, cutoff)) for k, other in enumerate(others)]


@_FAST
@given(codes=_CODES, more=_CODES)
def test_bigrams_are_the_distinct_word_pairs_in_order(codes, more):
    pairs = list(map(str.__add__, codes, codes[1:])) or ([codes] if codes else [])
    assert bigrams(codes) == tuple(dict.fromkeys(pairs))
    canon: dict[str, str] = {}
    first, second = bigrams(codes, canon), bigrams(more, canon)
    assert first == bigrams(codes)
    assert all(a is b for a in first for b in second if a == b)  # one object per pair


@_FAST
@given(keys=st.lists(st.sampled_from("abcdefgh"), max_size=8),
       index=st.dictionaries(st.sampled_from("abcdefg"),
                             st.lists(st.integers(0, 30), min_size=1, max_size=70)))
def test_votes_rank_by_count_then_item(keys, index):
    count = Counter(i for key in keys for i in index.get(key, ()) if len(index[key]) <= 64)
    expected = sorted(count, key=lambda i: (-count[i], i))[:CANDIDATES_PER_PARAGRAPH]
    assert votes(keys, index) == expected


_VARIANTS = ["Notes the report.", "Notes  the report.", "Notes the re port.",
             "Notes the \u201creport\u201d.", "Urges all States.", "Urges all  States."]


@_FAST
@given(old=st.lists(st.sampled_from(_VARIANTS), max_size=10),
       new=st.lists(st.sampled_from(_VARIANTS), max_size=10))
def test_anchors_pair_the_kth_paragraphs_with_the_same_compact_text(old, new):
    queues: dict[str, deque] = defaultdict(deque)
    for i, text in enumerate(old):
        queues[compact(text)].append(i)
    expected = set()
    for j, text in enumerate(new):
        if queues[compact(text)]:
            i = queues[compact(text)].popleft()
            expected.add(((i,), (j,), "exact" if old[i] == text else "normalized"))
    got = {(l.old, l.new, l.method) for l in align(old, new) if l.method in ("exact", "normalized")}
    assert got == expected
