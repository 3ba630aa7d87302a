"""Near-identical paragraphs: Document -> duplicate-paragraph findings.

    duplicates(doc, *, threshold=DUPLICATE_THRESHOLD) -> list[Finding]

1. exact     texts with the same words (any case) are grouped by key: O(n).
2. candidates  each text's signature is its rarest word trigrams among those shared with 2..30
             other texts; texts sharing a signature trigram are candidates (numpy, vectorised),
             so a 35,000-paragraph compilation costs about its length, not its square.
3. confirm   cheap bounds first (lengths, shared words, equal numbers and symbols), then
             resdiff.scoring.similarity >= threshold.

The finding sits on the later paragraph and names its earliest twin.
"""

from __future__ import annotations

import re

import numpy as np

from .scoring import similarity
from .lint import excerpt, finding
from .model import Document, Finding

DUPLICATE_THRESHOLD = 0.9
"""Two paragraphs whose word-level similarity (resdiff.scoring.similarity: Indel ratio over
folded words) reaches this are near-identical. One changed word in a 20-word paragraph scores
0.95, two score 0.90; the closest distinct paragraphs of A/RES/52/132 (PP11 and OP15, both on
article 35 of the 1951 Convention) score 0.42, those of the illustrative drafts at most 0.41."""
DUPLICATE_MIN_WORDS = 8
"""Shorter paragraphs (chapeaux such as "Requests the Secretary-General:") may repeat."""
_SIGNATURE_SHINGLES = 4
"""Near-identical candidates share one of each other's 4 rarest shared word trigrams."""
_MAX_POSTING = 30
"""A trigram in more paragraphs than this is boilerplate, not evidence: it pairs nothing, so
cost stays bounded (a paragraph made only of such trigrams is checked for exact twins only)."""
# Words for duplicate keys and shingles: "1997/75", "non-refoulement" and "A/RES/52/132" whole.
# Stdlib re: faster than regex for this simple pattern on long compilations.
_WORD = re.compile(r"\w+(?:[-/.'\u2019]\w+)*")
_DIGIT = re.compile(r"\d")


def duplicates(doc: Document, *, threshold: float = DUPLICATE_THRESHOLD) -> list[Finding]:
    """A paragraph identical or nearly identical to an earlier one (finding on the later,
    naming the earliest twin).

    Identical texts (same words, any case) are grouped by key. Near-identical candidates
    share one of their rarest word trigrams and have compatible lengths (an Indel ratio of t
    needs the shorter side to be at least t/(2-t) of the longer), so a 35,000-paragraph
    compilation costs about its length, not its square; they are confirmed with
    scoring.similarity. Two paragraphs whose numbers or symbols differ ("resolution 1997/75" vs
    "1999/69") cite different things and are not near-identical."""
    items = []
    for para in doc.paragraphs:
        tokens = _WORD.findall(para.text.lower())
        if len(tokens) >= DUPLICATE_MIN_WORDS:
            items.append((para, tokens))
    best: dict[int, tuple[int, float]] = {}  # later position -> (earlier position, score)
    first: dict[str, int] = {}
    unique = []
    for position, (_, tokens) in enumerate(items):
        key = " ".join(tokens)
        if key in first:
            best[position] = (first[key], 1.0)
        else:
            first[key] = position
            unique.append(position)
    if threshold < 1.0:
        _near_duplicates(items, unique, threshold, best)
    found = []
    for later, (earlier, score) in sorted(best.items()):
        para, twin = items[later][0], items[earlier][0]
        how = "identical to" if score >= 1.0 else f"nearly identical ({score:.2f}) to"
        found.append(finding("duplicate-paragraph", f"{para.id} is {how} {twin.id}: "
                             f"\"{excerpt(para.text)}\"", para=para, path=doc.path))
    return found


def _near_duplicates(items, unique: list[int], threshold: float, best: dict) -> None:
    ratio = threshold / (2 - threshold)
    vocabularies: dict[int, frozenset] = {}
    for a, b in _candidate_pairs([items[p][1] for p in unique]):
        a, b = unique[a], unique[b]
        if b in best and best[b][0] <= a:
            continue
        (para_a, tokens_a), (para_b, tokens_b) = items[a], items[b]
        if min(len(tokens_a), len(tokens_b)) < ratio * max(len(tokens_a), len(tokens_b)):
            continue
        words_a = vocabularies.get(a) or vocabularies.setdefault(a, frozenset(tokens_a))
        words_b = vocabularies.get(b) or vocabularies.setdefault(b, frozenset(tokens_b))
        # An upper bound of the Indel ratio: each word of one text missing from the other
        # keeps at least one of its tokens out of the common subsequence.
        common = min(len(tokens_a) - len(words_a - words_b), len(tokens_b) - len(words_b - words_a))
        if 2 * common < threshold * (len(tokens_a) + len(tokens_b)):
            continue
        if _references(tokens_a) != _references(tokens_b):
            continue
        score = similarity(para_a.text, para_b.text)
        if score >= threshold:
            best[b] = (a, score)


def _references(tokens: list[str]) -> list[str]:
    """Numbers and symbols of a text, in order ("1997/75", "18", "1997")."""
    return [t for t in tokens if _DIGIT.search(t)]


def _candidate_pairs(token_lists: list[list[str]]) -> list[tuple[int, int]]:
    """Pairs (a < b) of texts that share one of their rarest *shared* word trigrams.

    Each text's signature is its _SIGNATURE_SHINGLES trigrams of lowest frequency among those
    found in 2.._MAX_POSTING texts (a trigram of one text pairs nothing; one of very many is
    boilerplate). Near-identical texts share most trigrams, so they share a signature one.
    Vectorised with numpy: a few hundred milliseconds for 35,000 paragraphs. Ties break by
    position, so the pairs are the same on every run."""
    flat = [word for tokens in token_lists for word in tokens]
    if not flat:
        return []
    vocabulary = {word: index for index, word in enumerate(dict.fromkeys(flat))}
    ids = np.fromiter(map(vocabulary.__getitem__, flat), np.int64, len(flat))
    owner = np.repeat(np.arange(len(token_lists)), [len(t) for t in token_lists])
    inside = owner[:-2] == owner[2:]  # trigrams that do not straddle two texts
    base = len(vocabulary) + 1
    bigram = np.unique(ids[:-2][inside] * base + ids[1:-1][inside], return_inverse=True)[1]
    gram = bigram.reshape(-1).astype(np.int64) * base + ids[2:][inside]
    own, place = owner[:-2][inside], np.arange(len(ids) - 2)[inside]
    order = np.lexsort((place, gram, own))  # first occurrence of each trigram in each text
    own, gram, place = own[order], gram[order], place[order]
    first = np.ones(len(own), bool)
    first[1:] = (own[1:] != own[:-1]) | (gram[1:] != gram[:-1])
    own, gram, place = own[first], gram[first], place[first]
    _, inverse, counts = np.unique(gram, return_inverse=True, return_counts=True)
    frequency = counts[inverse.reshape(-1)]
    usable = (frequency >= 2) & (frequency <= _MAX_POSTING)
    own, gram, place, frequency = own[usable], gram[usable], place[usable], frequency[usable]
    order = np.lexsort((place, frequency, own))
    own, gram = own[order], gram[order]
    starts = np.flatnonzero(np.r_[True, own[1:] != own[:-1]])
    rank = np.arange(len(own)) - np.repeat(starts, np.diff(np.r_[starts, len(own)]))
    own, gram = own[rank < _SIGNATURE_SHINGLES], gram[rank < _SIGNATURE_SHINGLES]
    order = np.lexsort((own, gram))
    own, gram = own[order], gram[order]
    bounds = np.flatnonzero(np.r_[True, gram[1:] != gram[:-1], True])
    sizes = np.diff(bounds)
    pairs: set[tuple[int, int]] = set()
    for start, size in zip(bounds[:-1][sizes >= 2].tolist(), sizes[sizes >= 2].tolist()):
        members = own[start:start + size].tolist()
        pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    return sorted(pairs)
