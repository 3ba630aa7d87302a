"""Word diff: (old text, new text) -> equal/insert/delete operations.

    word_diff(old, new) -> tuple[DiffOp, ...]

Every distinct token (normalize.tokenize: words, numbers, symbols, punctuation, spaces)
becomes one character; rapidfuzz's bit-parallel LCS (C++) finds a shortest edit script over
those character strings, and diff-match-patch's semantic cleanup then merges tiny equalities
between edits so a change reads as whole phrases. The result is mapped back to tokens.
Joining the equal+delete texts gives old back, equal+insert gives new (tested with
hypothesis).

Why not diff-match-patch's own diff_main: its Myers bisection finds an equally short script
(same number of inserted and deleted tokens) but runs in Python, (n + m) x d steps: it was
half the time of a 3,500-paragraph comparison, two different 2,000-word paragraphs took
~10 s, and its default one-second timeout silently returns "replace everything" on a slow
machine (ECOSYSTEM.md). Nothing here depends on time: the work is bounded by *size*, so the
result is the same on every machine:

    after the common prefix and suffix of n and m tokens
    n x m <= LCS_CELLS                LCS, then semantic cleanup (a linear form of it above
                                      CLEANUP_LIMIT runs)
    larger, or > CODE_SPACE tokens    one delete + one insert between prefix and suffix

Both rebuild both texts exactly.
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Indel

from .model import DiffOp
from .normalize import TOKEN_CODES, token_char, tokenize

_OPS = {0: "equal", 1: "insert", -1: "delete"}
_ENGINE = diff_match_patch()  # used for its cleanup passes only (no time-bounded search)


LCS_CELLS = 400_000_000
"""Up to this many token pairs after the common prefix and suffix (20,000 x 20,000: ~0.3 s)
rapidfuzz computes the LCS."""
CLEANUP_LIMIT = 2_000
"""diff-match-patch's semantic cleanup edits its list in place and turns quadratic: on
15,000 runs it takes 20 s. Longer diffs get only the linear pass below."""
CODE_SPACE = TOKEN_CODES
"""Distinct tokens that fit in one-character codes (token_char)."""
_ALPHABET: list[str] = []
"""token_char(0), token_char(1), ... as far as diffs needed them, up to ALPHABET_CACHE."""
ALPHABET_CACHE = 65_536
"""Codes kept between calls; a rare diff of more distinct tokens builds the rest itself, so a
long-running process does not keep a million codes alive."""


def word_diff(old: str, new: str) -> tuple[DiffOp, ...]:
    """Word-level diff whose operations rebuild both texts exactly."""
    if old == new:
        return (DiffOp("equal", old),) if old else ()
    if not old or not new:  # an added or dropped paragraph: nothing to align
        return (DiffOp("insert", new),) if new else (DiffOp("delete", old),)
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    distinct = dict.fromkeys(old_tokens + new_tokens)
    if len(old_tokens) * len(new_tokens) > LCS_CELLS or len(distinct) > CODE_SPACE:
        # (only here can the sizes after the common prefix and suffix decide: n x m <= the
        # product of the full lengths, so a pair below the bound needs neither)
        prefix = _common_prefix(old_tokens, new_tokens)
        suffix = _common_suffix(old_tokens, new_tokens, prefix)
        n, m = len(old_tokens) - prefix - suffix, len(new_tokens) - prefix - suffix
        if n * m > LCS_CELLS or len(distinct) > CODE_SPACE:
            return _coarse(old_tokens, new_tokens, prefix, suffix)
    codes = dict(zip(distinct, _alphabet(len(distinct))))
    # (rapidfuzz skips the common prefix and suffix itself; they stay in the list so the
    # cleanup sees the same equalities around the edits)
    diffs = _lcs_diffs("".join(map(codes.__getitem__, old_tokens)),
                       "".join(map(codes.__getitem__, new_tokens)))
    if len(diffs) <= CLEANUP_LIMIT:
        _ENGINE.diff_cleanupSemantic(diffs)
    else:
        diffs = _absorb_small_equalities(diffs)
    return _operations(diffs, old_tokens, new_tokens)


def _operations(diffs: list[tuple[int, str]], old_tokens: list[str],
                new_tokens: list[str]) -> tuple[DiffOp, ...]:
    """The diffs as DiffOps over the tokens they code. Equalities and deletions spell old's
    codes in order, equalities and insertions new's, so each run is the next slice of its
    side's tokens (no lookup per code)."""
    ops: list[DiffOp] = []
    i = j = 0  # tokens of old and new used so far
    for op, coded in diffs:
        size = len(coded)
        if not size:
            continue
        if op == 1:
            text = "".join(new_tokens[j:j + size])
            j += size
        else:
            text = "".join(old_tokens[i:i + size])
            i += size
            if not op:
                j += size
        kind = _OPS[op]
        if ops and ops[-1].op == kind:
            ops[-1] = DiffOp(kind, ops[-1].text + text)
        else:
            ops.append(DiffOp(kind, text))
    return tuple(ops)


def _alphabet(size: int) -> list[str]:
    """The first `size` token codes (mostly from a shared list: map() and zip() stay in C)."""
    if len(_ALPHABET) < min(size, ALPHABET_CACHE):
        _ALPHABET.extend(token_char(k) for k in range(len(_ALPHABET), min(size, ALPHABET_CACHE)))
    if size <= len(_ALPHABET):
        return _ALPHABET[:size]
    return _ALPHABET + [token_char(k) for k in range(len(_ALPHABET), size)]


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


def _lcs_diffs(old_codes: str, new_codes: str) -> list[tuple[int, str]]:
    """diff-match-patch-shaped diffs from rapidfuzz's LCS, in the form diff_cleanupMerge gives:
    between two equalities one deletion, then one insertion.

    diff_cleanupMerge itself runs only when it could change more than that order: when a lone
    edit could slide over the equality before or after it ("A<ins>BA</ins>C" ->
    "<ins>AB</ins>AC"), or when the blocks are not what an LCS gives (a deletion and the
    insertion after it sharing a first or last code, two equalities or two runs of edits in a
    row): rapidfuzz never gives those, the checks make the shortcut independent of it."""
    diffs: list[tuple[int, str]] = []
    merge = False  # whether diff_cleanupMerge could change the list
    i = j = 0  # codes of old and new used so far
    equality = ""  # the equality before the current edits ("" at the start)
    for a, b, size in Indel.editops(old_codes, new_codes).as_matching_blocks():
        # old_codes[i:a] deleted and new_codes[j:b] inserted, then `size` codes equal
        deleted, inserted = old_codes[i:a], new_codes[j:b]
        following = old_codes[a:a + size]  # ("" for the closing block of size 0)
        if deleted and inserted:
            diffs.append((-1, deleted))
            diffs.append((1, inserted))
            merge = merge or deleted[0] == inserted[0] or deleted[-1] == inserted[-1]
        elif deleted or inserted:
            edit = deleted or inserted
            diffs.append((-1 if deleted else 1, edit))
            merge = merge or (bool(equality) and bool(following) and (
                edit.endswith(equality) or edit.startswith(following)))
        elif diffs and size:
            merge = True  # two equalities in a row
        if size:
            diffs.append((0, following))
        elif a < len(old_codes) or b < len(new_codes):
            merge = True  # an empty block before the end: two runs of edits in a row
        equality = following
        i, j = a + size, b + size
    if merge:
        _ENGINE.diff_cleanupMerge(diffs)
    return diffs


def _absorb_small_equalities(diffs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Linear form of diff-match-patch's semantic rule: an equality between two edits
    becomes part of both (deleted and inserted) when it is no longer than the edits pending
    before it (all tokens deleted or inserted since the last kept equality) and than the
    largest of the next two edits, so "[-a-] x [-b-]" reads "[-a x b-]{+... x ...+}" instead
    of word confetti."""
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
