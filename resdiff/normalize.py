"""Pure text steps: typographic folding, PDF glue repair, and the word tokenizer.

    fold(text)          -> str         typographic variants to one form, whitespace collapsed
    compact(text)       -> str         fold() without any whitespace: the "same words" key
    unglue(text)        -> str         repair words that PDF extraction glued together
    collapse(text)      -> str         one space between words, trimmed
    tokenize(text)      -> list[str]   words, numbers, symbols, punctuation and whitespace runs;
                                       "".join(tokenize(t)) == t for every t

Comparison uses fold/compact so that two renderings of the same text (PDF extraction vs
retyping, curly vs straight quotes, NBSP, soft hyphens, ligatures, NFC vs NFD) compare equal,
while the texts shown to users keep their original characters.
"""

from __future__ import annotations

import re
import unicodedata

import regex

# Characters that vanish: soft hyphen, zero-width space/joiners, word joiner, BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u2026": "...",
})


_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")
_NO_BREAK = re.compile("[\u00a0\u2007\u202f]")


def decimal(digits: str) -> int | None:
    """The value of a run of decimal digits; None when Python's Unicode tables do not know one
    of them. The regex module's \\d follows a newer Unicode than int() does (Nag Mundari,
    U+1E4F0-U+1E4F9, came in Unicode 15), so a \\d match is not always an int."""
    try:
        return int(digits)
    except ValueError:
        return None


def collapse(text: str) -> str:
    """One ASCII space for each run of breaking whitespace; no leading or trailing space.
    No-break spaces are kept: they are the text's typography ("6\u00a0July"), which
    comparison folds away (fold) but a strict reader may want to see."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # the only printable whitespace is " ", and it is single and inside
    if text.isascii() or not _NO_BREAK.search(text):
        return " ".join(text.split())  # the same result when no no-break space is present
    return _BREAKING_SPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """Typographic folding for comparison: NFKC (ligatures, NBSP, full-width forms),
    invisible characters removed, curly quotes and dashes straightened, whitespace collapsed."""
    if not text.isascii():  # ASCII is already folded (the common case, and fast to test)
        text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE))
        text = text.translate(_TYPOGRAPHY)
    return collapse(text)


def compact(text: str) -> str:
    """fold() with all whitespace removed: equal for texts that differ only in typography,
    line wrapping or words glued/split by extraction."""
    if text.isascii():  # fold only collapses ASCII whitespace, which split() drops anyway
        return "".join(text.split())
    return "".join(fold(text).split())


# -- PDF glue repair ----------------------------------------------------------------------
# Each rule is general (none names a corpus string) and idempotent on clean text.
_GLUE_RULES = (
    # ",inter alia," / "Nations,Treaty": a comma directly followed by a letter.
    (regex.compile(r",(?=\p{L})"), ", "),
    # "SeeOfficial", "uponStates": two or more lowercase letters then an uppercase one
    # (italic run glued to roman). One lowercase letter is spared: "McDonald".
    (regex.compile(r"(?<=\p{Ll}\p{Ll})(?=\p{Lu}\p{Ll})"), " "),
    # "No. 3(E/1997/23)", "12 A(A/50/12)", "2002(United Nations publication": a capitalised
    # parenthesis glued to the word before ("2(1)" and "State(s)" are left alone).
    (regex.compile(r"(?<=[\p{L}\p{N}])\((?=\p{Lu})"), " ("),
    # "Supplement No. 12 Aand corrigendum": an italic single-letter suffix glued to a word.
    (regex.compile(r"(?<=\b\d+ \p{Lu})(?=(?:and|or|of)\b)"), " "),
    # Italic Latin glued after it: "inter aliathe".
    (regex.compile(r"(?<=\binter alia)(?=\p{L})"), " "),
)


# PDF fonts set "fi", "ffi", ... as single ligature glyphs; a reader sees the letters.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})


def ligatures(text: str) -> str:
    """Latin ligature characters spelled out ("\ufb01sheries" -> "fisheries")."""
    # Seven str.find scans (memchr-like) take a sixth of the time of one regex class scan.
    if any(chr(point) in text for point in _LIGATURES):
        return text.translate(_LIGATURES)
    return text


# Text that none of the rules can touch (most paragraphs) is returned as is. The hints are a
# superset of the rules' matches (no rule can match unless one matches the text as given),
# each starting with a literal or a capital that the engine scans for, instead of trying a
# match at every position as the rules' lookbehinds make it do (7x the cost). ASCII text,
# the common case, has ASCII-class hints, twice as fast again: on the stdlib engine but for
# the capital one (`regex` scans for a class faster).
_COMMA_HINT = re.compile(r",[A-Za-z]")                         # ",inter alia"
_PARENTHESIS_HINT = re.compile(r"\((?<=[A-Za-z0-9]\()[A-Z]")    # "No. 3(E/1997/23)"
_LATIN_HINT = re.compile(r"inter alia[A-Za-z]")                # "inter aliathe"
_CAPITAL_HINT = regex.compile(r"[A-Z](?:(?<=[a-z]{2}[A-Z])[a-z]"  # "SeeOfficial"
                              r"|(?<=[0-9] [A-Z])(?:and|or|of))")  # "12 Aand"
_UNICODE_HINTS = tuple(regex.compile(hint) for hint in (
    r",\p{L}", r"\((?<=[\p{L}\p{N}]\()\p{Lu}", r"inter alia\p{L}",
    r"\p{Lu}(?:(?<=\p{Ll}\p{Ll}\p{Lu})\p{Ll}|(?<=\d \p{Lu})(?:and|or|of))"))


def unglue(text: str) -> str:
    """Split words that PDF extraction glued at italic boundaries (general rules only)."""
    if text.isascii():
        if not (_COMMA_HINT.search(text) or _PARENTHESIS_HINT.search(text)
                or _LATIN_HINT.search(text) or _CAPITAL_HINT.search(text)):
            return text
    elif not any(hint.search(text) for hint in _UNICODE_HINTS):
        return text
    for pattern, replacement in _GLUE_RULES:
        text = pattern.sub(replacement, text)
    return text


# -- Tokenizer ----------------------------------------------------------------------------
# Words keep inner hyphens, slashes, dots and apostrophes so "A/RES/52/132", "77/1",
# "non-refoulement", "Commission’s" and "E/CN.4/1998/L.1" stay whole; Han, Hiragana and
# Katakana are one token per character (no spaces to split on).
_TOKEN = regex.compile(
    r"""
    [\p{Han}\p{Hiragana}\p{Katakana}]
  | (?:[\p{L}\p{N}][\p{M}]*)+(?:[-/.'\u2019\u2010\u2011](?:[\p{L}\p{N}][\p{M}]*)+)*
  | \s+
  | \X
    """,
    regex.VERBOSE,
)


# The same tokens for ASCII text (no marks, no CJK, one character per grapheme; regex's \s is
# Unicode White_Space, which in ASCII is these six), with the faster stdlib engine.
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-/.'][A-Za-z0-9]+)*|[\t\n\x0b\x0c\r ]+|.", re.DOTALL)


def tokenize(text: str) -> list[str]:
    """Split text into tokens whose concatenation is exactly the text."""
    return (_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text)


def words(text: str) -> list[str]:
    """The non-space tokens of a text."""
    return [t for t in tokenize(text) if not t.isspace()]


_SCORING_WORD = re.compile(r"\w+(?:[-/.'’]\w+)*")


def scoring_words(folded: str) -> list[str]:
    """Lower-cased words without punctuation of an already folded text: what paragraph
    similarity counts. (stdlib re: this runs over every paragraph of a compilation.)"""
    return _SCORING_WORD.findall(folded.lower())


# -- Token codes --------------------------------------------------------------------------
# Diffing and scoring work on strings where each token is one character. Codes start at
# U+0100 and jump over the surrogate block, which cannot appear alone in a str.
_SURROGATES = 0xE000 - 0xD800


TOKEN_CODES = 0x110000 - 0x100 - _SURROGATES
"""How many distinct tokens one-character codes can stand for (1,111,808)."""


def token_char(index: int) -> str:
    """The one-character code of the index-th distinct token."""
    if index >= TOKEN_CODES:
        # A 20 MB input of unique "words" gets here; say so instead of chr()'s ValueError.
        from .errors import InputError

        raise InputError(f"more than {TOKEN_CODES} distinct words: too many to compare",
                         hint="split the text into smaller files")
    point = 0x100 + index
    return chr(point + _SURROGATES if point >= 0xD800 else point)


def token_index(char: str) -> int:
    """Inverse of token_char."""
    point = ord(char)
    return (point - _SURROGATES if point >= 0xE000 else point) - 0x100
