"""Word-level scoring: paragraph texts as word codes, their similarity, and blocking keys.

    WordCodes().encode_folded(folded) -> str   each distinct word one character
    ratio(a, b, cutoff) -> float               Indel similarity 0..1 of two coded texts
    lcs(a, b) -> int                           longest common word subsequence
    similarity(a, b) -> float                  the same for two plain texts
    rare_keys(texts, others)                   each text's rarest word pairs (blocking keys)
    postings(keys)                             key -> the texts that have it
    votes(keys, index)                         candidates sharing the most keys

Each word becomes one character so rapidfuzz compares word sequences: a character-level
ratio rewards shared letters, so two unrelated English paragraphs score ~0.5; per word they
score ~0.1-0.3. Blocking keys let large inputs score only pairs that share a rare word pair
(align.py), so cost grows with the input, not its square.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from .normalize import fold, scoring_words, token_char

CANDIDATES_PER_PARAGRAPH = 12
"""With blocking: how many candidates each paragraph gets from shared rare word pairs."""
_SIGNATURE = 8  # rarest word pairs per paragraph used for blocking
_POSTINGS = 64  # a word pair in more paragraphs than this is not a usable key
_UNSHARED = 1 << 40  # ranks a word pair seen in one text only after every shared one

LONG_PAIR = 25_000_000
"""Above this many word x word cells (two paragraphs of ~5,000 words each) similarity is
estimated from shared word counts, linear in length, instead of the exact quadratic LCS."""


def ratio(a: str, b: str, cutoff: float = 0.0) -> float:
    """Indel similarity 0..1 of two coded texts (0.0 below `cutoff`)."""
    if len(a) * len(b) > LONG_PAIR:
        score = 2 * lcs(a, b) / (len(a) + len(b))
        return score if score >= cutoff else 0.0
    return fuzz.ratio(a, b, score_cutoff=cutoff * 100) / 100.0


def lcs(a: str, b: str) -> int:
    """Length of the longest common word subsequence; for huge pairs the shared word count,
    which bounds it from above (order ignored, cost linear)."""
    if len(a) * len(b) > LONG_PAIR:
        return sum((Counter(a) & Counter(b)).values())
    return LCSseq.similarity(a, b)


class WordCodes(dict):
    """Each distinct folded word -> one character, so rapidfuzz compares word sequences."""

    def __missing__(self, word: str) -> str:
        code = self[word] = token_char(len(self))
        return code

    def encode_folded(self, folded: str) -> str:
        return "".join(map(self.__getitem__, scoring_words(folded)))


def similarity(a: str, b: str) -> float:
    """Word-level similarity 0..1 of two texts (Indel over folded word sequences)."""
    codes = WordCodes()
    return ratio(codes.encode_folded(fold(a)), codes.encode_folded(fold(b)))


def bigrams(codes: str) -> dict[str, None]:
    """Distinct word pairs in order of first occurrence (the codes themselves depend on which
    side was encoded first, so ties are broken by position in the text, not by code)."""
    return dict.fromkeys(map(str.__add__, codes, codes[1:])) or dict.fromkeys(
        [codes] if codes else [])


def rare_keys(texts: dict[int, str], others: dict[int, str]
               ) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Each text's rarest word pairs (by frequency over both sides): blocking keys."""
    grams = {i: bigrams(t) for i, t in texts.items()}
    other_grams = {j: bigrams(t) for j, t in others.items()}
    frequency = Counter(itertools.chain.from_iterable(grams.values()))
    frequency.update(itertools.chain.from_iterable(other_grams.values()))
    # rarest shared pair first (one found in no other text can match nothing, so it goes
    # last); the sort is stable: ties stay in order of first occurrence (codes depend on
    # the side)
    rank = {key: count if count > 1 else count + _UNSHARED for key, count in frequency.items()}

    def pick(keys: dict[str, None]) -> list[str]:
        return sorted(keys, key=rank.__getitem__)[:_SIGNATURE]

    return {i: pick(k) for i, k in grams.items()}, {j: pick(k) for j, k in other_grams.items()}


def postings(keys: dict[int, list[str]]) -> dict[str, list[int]]:
    """Inverted index of blocking keys: key -> the items that have it, in item order."""
    index: dict[str, list[int]] = defaultdict(list)
    for item, item_keys in keys.items():
        for key in item_keys:
            index[key].append(item)
    return index


def votes(keys: list[str], index: dict[str, list[int]]) -> list[int]:
    """Candidates sharing the most keys, best first."""
    votes: dict[int, int] = defaultdict(int)
    for key in keys:
        postings = index.get(key, ())
        if len(postings) <= _POSTINGS:
            for i in postings:
                votes[i] += 1
    return sorted(votes, key=lambda i: (-votes[i], i))[:CANDIDATES_PER_PARAGRAPH]
