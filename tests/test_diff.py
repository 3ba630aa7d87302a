"""Word diff, classification and JSON fast paths: each gives exactly what the general rule
gives.

resdiff/diff.py builds the LCS diff in the form diff_cleanupMerge leaves and runs that cleanup
only when it could change something; classify.reference_only stops at the first changed word
that settles it. The references below are the straightforward forms (the code before those
shortcuts), compared on texts of few distinct tokens, where edits slide over equalities,
equalities are absorbed and deletions overlap insertions. render.json writes each change of a
report without building its dict first: the text must be what the JSON encoder makes of it.
"""

from __future__ import annotations

import pytest
from diff_match_patch import diff_match_patch
from hypothesis import HealthCheck, example, given, settings, strategies as st
from rapidfuzz.distance import Indel

from conftest import CORPUS
from resdiff import diff
from resdiff.classify import _CONNECTIVES, is_reference, reference_only
from resdiff.diff import word_diff
from resdiff.engine import compare
from resdiff.model import CHANGE_KINDS, DIFF_OPS, FLAGS, SHIFTS, Change, DiffOp, VerbShift
from resdiff.normalize import token_char, tokenize, words
from resdiff.render import json as json_render

_ENGINE = diff_match_patch()
_OPS = {0: "equal", 1: "insert", -1: "delete"}

SETTINGS = settings(max_examples=400, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def reference_lcs_diffs(old_codes: str, new_codes: str) -> list[tuple[int, str]]:
    """rapidfuzz's opcodes as diff-match-patch diffs, then diff_cleanupMerge, always."""
    diffs: list[tuple[int, str]] = []
    for tag, i1, i2, j1, j2 in Indel.opcodes(old_codes, new_codes):
        if tag == "equal":
            diffs.append((0, old_codes[i1:i2]))
            continue
        if i2 > i1:
            diffs.append((-1, old_codes[i1:i2]))
        if j2 > j1:
            diffs.append((1, new_codes[j1:j2]))
    _ENGINE.diff_cleanupMerge(diffs)
    return diffs


def reference_word_diff(old: str, new: str) -> tuple[DiffOp, ...]:
    """word_diff's LCS path with a lookup per code (small texts: no coarse or linear path)."""
    if old == new:
        return (DiffOp("equal", old),) if old else ()
    if not old or not new:
        return (DiffOp("insert", new),) if new else (DiffOp("delete", old),)
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    distinct = list(dict.fromkeys(old_tokens + new_tokens))
    codes = {token: token_char(k) for k, token in enumerate(distinct)}
    tokens = {code: token for token, code in codes.items()}
    diffs = reference_lcs_diffs("".join(codes[t] for t in old_tokens),
                                "".join(codes[t] for t in new_tokens))
    _ENGINE.diff_cleanupSemantic(diffs)
    ops: list[DiffOp] = []
    for op, coded in diffs:
        text = "".join(tokens[c] for c in coded)
        if not text:
            continue
        if ops and ops[-1].op == _OPS[op]:
            ops[-1] = DiffOp(_OPS[op], ops[-1].text + text)
        else:
            ops.append(DiffOp(_OPS[op], text))
    return tuple(ops)


def reference_reference_only(ops: tuple[DiffOp, ...]) -> bool:
    changed = [w for op in ops if op.op != "equal" for w in words(op.text)]
    changed = [w for w in changed if any(c.isalnum() for c in w)]
    if not changed:
        return False
    references = [w for w in changed if is_reference(w)]
    return bool(references) and all(is_reference(w) or w.lower() in _CONNECTIVES for w in changed)


# Few distinct tokens, so that the same token recurs on both sides of an edit.
_PIECES = ["a", "b", "c", "the", "of", "and", " ", " ", "  ", ",", ".", "\n", "(1)", "A/52/1",
           "1997", "fifth", "IV", "no", "résumé", "\u00a0", "\u4e2d", "e\u0301"]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@st.composite
def _near_pairs(draw) -> tuple[str, str]:
    """A text and an edited copy (a few pieces inserted, deleted or replaced)."""
    pieces = draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=50))
    new = list(pieces)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(new)))
        cut = draw(st.integers(0, 3))
        new[at:at + cut] = draw(st.lists(st.sampled_from(_PIECES), max_size=4))
    return "".join(pieces), "".join(new)


# Many distinct tokens: codes past U+02C1 are not alphanumeric, which the cleanup's scores see.
_MANY = st.lists(st.one_of(st.integers(0, 700).map("w{}".format), st.sampled_from([" ", ","])),
                 max_size=120).map("".join)


@SETTINGS
@given(old=_TEXTS, new=_TEXTS)
@example(old="a c", new="a b a c")  # an insertion that slides over the equality before it
@example(old="the a of", new="the b the a of")
def test_word_diff_is_the_reference_on_random_pairs(old, new):
    assert word_diff(old, new) == reference_word_diff(old, new)


@SETTINGS
@given(pair=_near_pairs())
def test_word_diff_is_the_reference_on_edited_texts(pair):
    assert word_diff(*pair) == reference_word_diff(*pair)


@settings(SETTINGS, max_examples=150)
@given(old=_MANY, new=_MANY)
def test_word_diff_is_the_reference_with_many_distinct_tokens(old, new):
    assert word_diff(old, new) == reference_word_diff(old, new)


@SETTINGS
@given(old=st.text(st.sampled_from("abcab "), max_size=30),
       new=st.text(st.sampled_from("abcab "), max_size=30))
def test_lcs_diffs_are_the_merged_opcodes(old, new):
    # The codes themselves as texts: every slide, merge and empty side the merge handles.
    assert diff._lcs_diffs(old, new) == reference_lcs_diffs(old, new)


class _FakeIndel:
    """Matching blocks no LCS would give, for _lcs_diffs' guards."""

    def __init__(self, blocks):
        self.blocks = blocks

    def editops(self, old, new):
        return self

    def as_matching_blocks(self):
        return self.blocks


@pytest.mark.parametrize("old, new, blocks, expected", [
    # two equalities in a row: merged
    ("abc", "abd", [(0, 0, 1), (1, 1, 1), (3, 3, 0)], [(0, "ab"), (-1, "c"), (1, "d")]),
    # a deletion and an insertion with a common first code: factored out
    ("xa", "xb", [(2, 2, 0)], [(0, "x"), (-1, "a"), (1, "b")]),
    # an empty block before the end: the two runs of edits become one
    ("ab", "cd", [(1, 1, 0), (2, 2, 0)], [(-1, "ab"), (1, "cd")]),
])
def test_lcs_diffs_guards_merge_what_an_lcs_never_gives(monkeypatch, old, new, blocks, expected):
    monkeypatch.setattr(diff, "Indel", _FakeIndel(blocks))
    assert diff._lcs_diffs(old, new) == expected


@SETTINGS
@given(pair=_near_pairs())
@example(pair=("Decides 52/1 and 53/2", "Decides 54/3 and of 55/4"))
@example(pair=("in resolution 52/1, ", "in resolution 52/2, urges"))
@example(pair=("the fifth session", "the sixth session"))
def test_reference_only_is_the_reference(pair):
    ops = word_diff(*pair)
    assert reference_only(ops) == reference_reference_only(ops)


# -- JSON of a change -------------------------------------------------------------------------

# Anything a string can hold: quotes, backslashes, controls, non-BMP, lone surrogates.
_ANY_TEXT = st.text(st.characters(blacklist_categories=()), max_size=12)
_MAYBE_TEXT = st.none() | _ANY_TEXT
_CHANGES = st.builds(
    Change,
    kind=st.sampled_from(CHANGE_KINDS),
    old=st.lists(_ANY_TEXT, max_size=3).map(tuple),
    new=st.lists(_ANY_TEXT, max_size=3).map(tuple),
    similarity=st.none() | st.floats() | st.sampled_from([0.0, -0.0, 1.0, 1e-7, 0.1 + 0.2]),
    method=st.none() | st.sampled_from(["exact", "normalized", "fuzzy", "coverage"]) | _ANY_TEXT,
    text_changed=st.booleans(),
    verb=st.none() | st.builds(VerbShift, old=_MAYBE_TEXT, new=_MAYBE_TEXT,
                               shift=st.none() | st.sampled_from(SHIFTS)),
    flags=st.lists(st.sampled_from(FLAGS), unique=True).map(lambda f: tuple(sorted(f))),
    diff=st.lists(st.builds(DiffOp, st.sampled_from(DIFF_OPS), _ANY_TEXT), max_size=4).map(tuple),
)


def _reworded(similarity, text="x", verb=None):
    return Change(kind="reworded", old=("OP1",), new=("OP1",), similarity=similarity,
                  method="fuzzy", text_changed=True, verb=verb, flags=(),
                  diff=(DiffOp("equal", text),))


@SETTINGS
@given(change=_CHANGES)
@example(change=_reworded(float("nan")))  # NaN, Infinity: not a float's repr
@example(change=_reworded(float("-inf"), text='"\\\x00\x1f\x7f\u2028\ud800\U0001f600'))
@example(change=_reworded(0.5, verb=VerbShift(old="Urges", new=None, shift="changed")))
def test_change_json_is_what_the_encoder_writes(change):
    assert json_render._change_json(change) == json_render._value(json_render._change(change))


def test_rendered_comparisons_are_dumps_of_the_dict():
    for old, new in [("a-res-52-132.txt", "illustrative-54-draft.txt"),
                     ("illustrative-54-draft.txt", "illustrative-54-draft-pdf.txt")]:
        comparison = compare(str(CORPUS / old), str(CORPUS / new))
        assert json_render.render_comparison(comparison) == json_render.dumps(
            json_render.comparison_dict(comparison))


def test_layout_of_empty_and_scalar_values():
    # render.json.dumps writes its pieces in one join; the layout is the one it always had.
    assert json_render.dumps({}) == "{\n\n}\n"
    assert json_render.dumps({"a": [], "b": [1, {"c": None}], "d": (1,)}) == (
        '{\n  "a": [],\n  "b": [\n    1,\n    {"c": null}\n  ],\n  "d": [1]\n}\n')
