"""Word-level scoring: paragraph texts as word codes, their similarity, and blocking keys.

    WordCodes().encode_folded(folded) -> str   each distinct word one character
    ratio(a, b, cutoff) -> float               Indel similarity 0..1 of two coded texts
    ratios(text, others, cutoff)               [(k, ratio(others[k], text, cutoff))] above 0
    lcs(a, b) -> int                           longest common word subsequence
    similarity(a, b) -> float                  the same for two plain texts
    Bigrams(codes, canon).of(indices)          their bigrams(), each made once
    rare_keys(grams, other_grams)              each text's rarest word pairs (blocking keys)
    postings(keys)                             key -> the texts that have it
    votes(keys, index)                         candidates sharing the most keys

Each word becomes one character so rapidfuzz compares word sequences: a character-level
ratio rewards shared letters, so two unrelated English paragraphs score ~0.5; per word they
score ~0.1-0.3. Blocking keys let large inputs score only pairs that share a rare word pair
(align.py), so cost grows with the input, not its square.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz, process
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


def ratios(text: str, others: list[str], cutoff: float = 0.0) -> list[tuple[int, float]]:
    """(k, ratio(others[k], text, cutoff)) for each of `others` scoring above 0, in order of k:
    one call into rapidfuzz for them all (the Indel ratio is symmetric)."""
    if len(text) * max(map(len, others), default=0) > LONG_PAIR:
        return [(k, score) for k, other in enumerate(others)
                if (score := ratio(other, text, cutoff))]
    found = process.extract(text, others, scorer=fuzz.ratio, processor=None,
                            score_cutoff=cutoff * 100, limit=None)
    return sorted((k, score / 100.0) for _, score, k in found if score)


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


_PAIR = re.compile(r"(?=(..))", re.DOTALL)  # every two consecutive codes, overlapping


def bigrams(codes: str, canon: dict[str, str] | None = None) -> tuple[str, ...]:
    """Distinct word pairs in order of first occurrence (the codes themselves depend on which
    side was encoded first, so ties are broken by position in the text, not by code).
    With `canon` (pair -> itself), equal pairs are one string object."""
    pairs = _PAIR.findall(codes) or ([codes] if codes else [])
    if canon is not None:
        pairs = map(canon.setdefault, pairs, pairs)
    return tuple(dict.fromkeys(pairs))


class Bigrams:
    """One side's coded paragraphs (``codes``) and their bigrams(), each made once: the fuzzy
    pass and both coverage passes of one alignment ask for the word pairs of the same
    paragraphs.

    Both sides share `canon`, so each distinct pair is one string object (g3500-1: 125,000
    pairs, 14,500 distinct): counting and looking them up compares pointers in a small
    working set instead of comparing scattered copies."""

    def __init__(self, codes: list[str], canon: dict[str, str]) -> None:
        self.codes = codes
        self.canon = canon
        self.made: dict[int, tuple[str, ...]] = {}

    def of(self, indices: list[int]) -> dict[int, tuple[str, ...]]:
        """{index: bigrams(codes[index])} for `indices`."""
        made = self.made
        for i in indices:
            if i not in made:
                made[i] = bigrams(self.codes[i], self.canon)
        return {i: made[i] for i in indices}


def rare_keys(grams: dict[int, tuple[str, ...]], other_grams: dict[int, tuple[str, ...]]
              ) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Each text's rarest word pairs (by frequency over both sides): blocking keys.
    Takes each side's texts as their bigrams()."""
    frequency = Counter(itertools.chain.from_iterable(grams.values()))
    frequency.update(itertools.chain.from_iterable(other_grams.values()))
    # rarest shared pair first (one found in no other text can match nothing, so it goes
    # last); the sort is stable: ties stay in order of first occurrence (codes depend on
    # the side)
    rank = {key: count if count > 1 else count + _UNSHARED for key, count in frequency.items()}
    by_rank = rank.__getitem__
    return ({i: sorted(keys, key=by_rank)[:_SIGNATURE] for i, keys in grams.items()},
            {j: sorted(keys, key=by_rank)[:_SIGNATURE] for j, keys in other_grams.items()})


def postings(keys: dict[int, list[str]]) -> dict[str, list[int]]:
    """Inverted index of blocking keys: key -> the items that have it, in item order."""
    index: dict[str, list[int]] = defaultdict(list)
    for item, item_keys in keys.items():
        for key in item_keys:
            index[key].append(item)
    return index


def votes(keys: list[str], index: dict[str, list[int]]) -> list[int]:
    """Candidates sharing the most keys, best first (then in item order)."""
    count: dict[int, int] = {}
    for key in keys:
        postings = index.get(key)
        if postings and len(postings) <= _POSTINGS:
            for i in postings:
                count[i] = count.get(i, 0) + 1
    # by item, then stably by count: most votes first, ties in item order
    return sorted(sorted(count), key=count.__getitem__, reverse=True)[:CANDIDATES_PER_PARAGRAPH]
