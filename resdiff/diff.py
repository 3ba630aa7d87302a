"""Word diff: (old text, new text) -> equal/insert/delete operations.

    word_diff(old, new) -> tuple[DiffOp, ...]

diff-match-patch over word tokens: every distinct token (normalize.tokenize: words,
numbers, symbols, punctuation, spaces) becomes one character, the character strings are
diffed, and the result is mapped back. ``Diff_Timeout = 0`` because the library's default
one-second timeout silently returns "replace everything" on a slow machine (ECOSYSTEM.md):
results must not depend on CPU speed. Semantic cleanup then merges tiny equalities between
edits so a change reads as whole phrases. Joining the equal+delete texts gives old back,
equal+insert gives new (tested with hypothesis).

Without a timeout, diff-match-patch's bisection costs about (n + m) x d steps in Python
(n, m tokens, d edits): two different 2,000-word paragraphs take ~10 s, 10,000 words ~4 min,
and a hostile pair of 20 MB one-paragraph files would never finish. So the work is bounded
by *size*, never by time, and the result stays the same on every machine:

    after the common prefix and suffix    engine
    n x m <= DMP_CELLS                    diff-match-patch, as always (every real paragraph)
    (n + m) x d <= DMP_STEPS              diff-match-patch (large but similar)
    n x m <= LCS_CELLS                    rapidfuzz's bit-parallel LCS (C++), same cleanup
    larger, or > CODE_SPACE tokens        one delete + one insert between prefix and suffix

All four rebuild both texts exactly.
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch

from .model import DiffOp
from .normalize import TOKEN_CODES, token_char, tokenize

_OPS = {0: "equal", 1: "insert", -1: "delete"}


def _engine() -> diff_match_patch:
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    return engine


_ENGINE = _engine()


DMP_CELLS = 1_000_000
"""Middles up to this many token pairs (1,000 x 1,000) always use diff-match-patch."""
DMP_STEPS = 3_000_000
"""Above DMP_CELLS, diff-match-patch still runs when (n + m) x edits is at most this."""
LCS_CELLS = 400_000_000
"""Up to this many token pairs (20,000 x 20,000: ~0.3 s) rapidfuzz computes the LCS."""
CLEANUP_LIMIT = 2_000
"""diff-match-patch's semantic cleanup edits its list in place and turns quadratic: on
15,000 runs it takes 20 s. Longer diffs get only the linear pass below."""
CODE_SPACE = TOKEN_CODES
"""Distinct tokens that fit in one-character codes (token_char)."""


def word_diff(old: str, new: str) -> tuple[DiffOp, ...]:
    """Word-level diff whose operations rebuild both texts exactly."""
    if old == new:
        return (DiffOp("equal", old),) if old else ()
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    prefix = _common_prefix(old_tokens, new_tokens)
    suffix = _common_suffix(old_tokens, new_tokens, prefix)
    n, m = len(old_tokens) - prefix - suffix, len(new_tokens) - prefix - suffix
    if n * m > LCS_CELLS or len(set(old_tokens) | set(new_tokens)) > CODE_SPACE:
        return _coarse(old_tokens, new_tokens, prefix, suffix)
    table = _CodeTable()
    old_codes = "".join(map(table.__getitem__, old_tokens))
    new_codes = "".join(map(table.__getitem__, new_tokens))
    tokens = {code: token for token, code in table.items()}
    if n * m <= DMP_CELLS or (n + m) * _edits(old_codes, new_codes) <= DMP_STEPS:
        diffs = _ENGINE.diff_main(old_codes, new_codes, False)
    else:
        diffs = _absorb_small_equalities(_lcs_diffs(old_codes, new_codes))
    if len(diffs) <= CLEANUP_LIMIT:
        _ENGINE.diff_cleanupSemantic(diffs)
    ops: list[DiffOp] = []
    for op, codes in diffs:
        text = "".join(map(tokens.__getitem__, codes))
        if not text:
            continue
        kind = _OPS[op]
        if ops and ops[-1].op == kind:
            ops[-1] = DiffOp(kind, ops[-1].text + text)
        else:
            ops.append(DiffOp(kind, text))
    return tuple(ops)


class _CodeTable(dict):
    """Token -> its one-character code, assigned on first sight (map() calls stay in C)."""

    def __missing__(self, token: str) -> str:
        code = self[token] = token_char(len(self))
        return code


def _common_prefix(a: list[str], b: list[str]) -> int:
    count = 0
    for x, y in zip(a, b):
        if x != y:
            break
        count += 1
    return count


def _common_suffix(a: list[str], b: list[str], prefix: int) -> int:
    """Length of the common suffix that does not overlap the common prefix."""
    count, limit = 0, min(len(a), len(b)) - prefix
    while count < limit and a[-1 - count] == b[-1 - count]:
        count += 1
    return count


def _edits(old_codes: str, new_codes: str) -> int:
    """Number of inserted + deleted tokens (Indel distance), in C++."""
    from rapidfuzz.distance import Indel

    return Indel.distance(old_codes, new_codes)


def _lcs_diffs(old_codes: str, new_codes: str) -> list[tuple[int, str]]:
    """diff-match-patch-shaped diffs from rapidfuzz's LCS opcodes."""
    from rapidfuzz.distance import Indel

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


def _absorb_small_equalities(diffs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Linear form of diff-match-patch's semantic rule: an equality between two edits that is
    no longer than the edits on either side becomes part of both (deleted and inserted), so
    "[-a-] x [-b-]" reads "[-a x b-]{+... x ...+}" instead of word confetti."""
    out: list[tuple[int, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []
    before = 0  # size of the pending edits (tokens)

    def flush() -> None:
        if deleted:
            out.append((-1, "".join(deleted)))
        if inserted:
            out.append((1, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for index, (op, codes) in enumerate(diffs):
        if op == -1:
            deleted.append(codes)
            before += len(codes)
        elif op == 1:
            inserted.append(codes)
            before += len(codes)
        else:
            after = 0
            for next_op, next_codes in diffs[index + 1:index + 3]:
                if next_op == 0:
                    break
                after = max(after, len(next_codes))
            if before and after and len(codes) <= min(before, after):
                deleted.append(codes)
                inserted.append(codes)
                continue
            flush()
            before = 0
            out.append((op, codes))
    flush()
    return out


def _coarse(old_tokens: list[str], new_tokens: list[str], prefix: int,
            suffix: int) -> tuple[DiffOp, ...]:
    """Common prefix, everything else deleted then inserted, common suffix."""
    ops = []
    middle_old = old_tokens[prefix:len(old_tokens) - suffix]
    middle_new = new_tokens[prefix:len(new_tokens) - suffix]
    for kind, part in (("equal", old_tokens[:prefix]), ("delete", middle_old),
                       ("insert", middle_new), ("equal", old_tokens[len(old_tokens) - suffix:])):
        text = "".join(part)
        if text:
            ops.append(DiffOp(kind, text))
    return tuple(ops)


def rebuild(ops: tuple[DiffOp, ...]) -> tuple[str, str]:
    """(old, new) rebuilt from operations: the proof that a diff lost nothing."""
    old = "".join(o.text for o in ops if o.op != "insert")
    new = "".join(o.text for o in ops if o.op != "delete")
    return old, new
