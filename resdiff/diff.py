"""Word diff: (old text, new text) -> equal/insert/delete operations.

    word_diff(old, new) -> tuple[DiffOp, ...]

diff-match-patch over word tokens: every distinct token (normalize.tokenize: words,
numbers, symbols, punctuation, spaces) becomes one character, the character strings are
diffed, and the result is mapped back. ``Diff_Timeout = 0`` because the library's default
one-second timeout silently returns "replace everything" on a slow machine (ECOSYSTEM.md):
results must not depend on CPU speed. Semantic cleanup then merges tiny equalities between
edits so a change reads as whole phrases. Joining the equal+delete texts gives old back,
equal+insert gives new (tested with hypothesis).
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch

from .model import DiffOp
from .normalize import token_char, token_index, tokenize

_OPS = {0: "equal", 1: "insert", -1: "delete"}


def _engine() -> diff_match_patch:
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    return engine


_ENGINE = _engine()


def word_diff(old: str, new: str) -> tuple[DiffOp, ...]:
    """Word-level diff whose operations rebuild both texts exactly."""
    if old == new:
        return (DiffOp("equal", old),) if old else ()
    tokens: list[str] = []
    table: dict[str, str] = {}

    def encode(text: str) -> str:
        out = []
        for token in tokenize(text):
            code = table.get(token)
            if code is None:
                index = len(tokens)
                code = table[token] = token_char(index)
                tokens.append(token)
            out.append(code)
        return "".join(out)

    old_codes, new_codes = encode(old), encode(new)
    diffs = _ENGINE.diff_main(old_codes, new_codes, False)
    _ENGINE.diff_cleanupSemantic(diffs)
    ops: list[DiffOp] = []
    for op, codes in diffs:
        text = "".join(tokens[token_index(c)] for c in codes)
        if not text:
            continue
        kind = _OPS[op]
        if ops and ops[-1].op == kind:
            ops[-1] = DiffOp(kind, ops[-1].text + text)
        else:
            ops.append(DiffOp(kind, text))
    return tuple(ops)


def rebuild(ops: tuple[DiffOp, ...]) -> tuple[str, str]:
    """(old, new) rebuilt from operations: the proof that a diff lost nothing."""
    old = "".join(o.text for o in ops if o.op != "insert")
    new = "".join(o.text for o in ops if o.op != "delete")
    return old, new
