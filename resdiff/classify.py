"""Classification: one aligned group + its word diff -> kind, verb shift and flags.

    classify(old, new, ops, *, moved, strict, lexicon) -> (kind, text_changed, verb, flags)

Kinds follow PRODUCT.md: renumbering alone is not a change; a pair outside the longest
order-preserving chain, or crossing between preamble and operative part, is ``moved``
(whether or not its words changed: ``text_changed`` says that). By default differences
that vanish under typographic folding (quotes, dashes, NBSP, soft hyphens, ligatures,
wrapping, words glued or split) are no change; ``strict`` reports them as ``reworded`` with
the ``typography`` flag (the flag is set in both modes; only the kind differs).
"""

from __future__ import annotations

import regex

from .lexicon import Lexicon
from .model import DiffOp, Paragraph, VerbShift
from .normalize import compact, words

_MONTHS = set("january february march april may june july august september october november "
              "december".split())
_ORDINAL = regex.compile(
    r"^(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)-?)?(?:first|second|"
    r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
    r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|"
    r"fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth)$", regex.IGNORECASE)
_ROMAN = regex.compile(r"^[IVXLC]+$")
_DIGIT = regex.compile(r"\d")
# Words that may change alongside references without making the edit substantive.
_CONNECTIVES = {"and", "of", "the", "no", "nos", "resolution", "resolutions", "decision",
                "decisions", "conclusion", "conclusions", "session", "sessions", "add", "corr",
                "rev", "part", "chap", "sect", "para", "paras"}


def is_reference(token: str) -> bool:
    """A number, symbol, date part, session ordinal or Roman numeral."""
    return (_DIGIT.search(token) is not None or "/" in token or token.lower() in _MONTHS
            or bool(_ORDINAL.match(token)) or bool(_ROMAN.match(token)))


def reference_only(ops: tuple[DiffOp, ...]) -> bool:
    """True when every changed word is a reference (or a connective next to one).

    Words without a letter or digit (punctuation) do not count. The first changed word that
    is neither a reference nor a connective settles it, so a reworded paragraph usually costs
    one word."""
    found = False
    for op in ops:
        if op.op == "equal":
            continue
        for word in words(op.text):
            if not (word.isalnum() or any(c.isalnum() for c in word)):
                continue
            if is_reference(word):
                found = True
            elif word.lower() not in _CONNECTIVES:
                return False
    return found


def classify(old: list[Paragraph], new: list[Paragraph], ops: tuple[DiffOp, ...], *,
             moved: bool, strict: bool, lexicon: Lexicon
             ) -> tuple[str, bool, VerbShift | None, tuple[str, ...]]:
    """Kind, text_changed, verb shift and flags of one aligned group."""
    if not old:
        return "added", True, None, ()
    if not new:
        return "dropped", True, None, ()
    old_text = old[0].text if len(old) == 1 else "\n".join([p.text for p in old])
    new_text = new[0].text if len(new) == 1 else "\n".join([p.text for p in new])
    same_words = old_text == new_text or compact(old_text) == compact(new_text)
    text_changed = old_text != new_text if strict else not same_words
    flags: set[str] = set()
    if same_words and old_text != new_text:
        # Shown either way so a reader knows why an "unchanged" pair's characters differ.
        flags.add("typography")
    verb = None
    if old[0].opening or new[0].opening:
        shift = lexicon.shift(old[0].opening, new[0].opening) if text_changed else None
        verb = VerbShift(old=old[0].opening, new=new[0].opening, shift=shift)
    if text_changed and not same_words:
        before, after = lexicon.hedges(old_text), lexicon.hedges(new_text)
        if any(after[h] > before[h] for h in after):
            flags.add("hedge-added")
        if any(before[h] > after[h] for h in before):
            flags.add("hedge-removed")
        if reference_only(ops):
            flags.add("reference-update")
    if len(old) > 1:
        kind = "merged"
    elif len(new) > 1:
        kind = "split"
    elif moved:
        kind = "moved"
    else:
        kind = "reworded" if text_changed else "unchanged"
    return kind, text_changed, verb, tuple(sorted(flags))
