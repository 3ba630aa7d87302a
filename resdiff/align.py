"""Alignment: two lists of paragraph texts -> links between them.

    align(old_texts, new_texts, *, ...) -> list[Link]

Passes, each on what the previous left unmatched:

1. anchors   identical texts after typographic folding (``normalize.compact``); duplicates
             pair in document order.
2. fuzzy     candidate pairs scored with rapidfuzz's Indel similarity over *word* sequences
             (each word coded as one character: a char-level ratio rewards shared letters, so
             two unrelated English paragraphs score ~0.5; per word they score ~0.1-0.3).
             Small inputs score every remaining pair (the exact approach); large ones score
             only candidates that share a rare word or sit at the same place between anchors,
             so cost grows with the input, not its square. Pairs are taken best first; equal
             scores resolve in document order.
3. gaps      between two consecutive order-preserving pairs, leftover paragraphs facing each
             other are paired in order when similar enough (``gap_similarity``): a rewritten
             paragraph that stayed in place, as a negotiator reads it.
4. coverage  splits and merges: one paragraph whose words are covered by two or more
             consecutive paragraphs of the other side, each mostly contained in it.

Everything left is added (new only) or dropped (old only). Moves are decided later from the
links (compare.py), not here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import bisect

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from .normalize import compact, scoring_words, token_char

MIN_SIMILARITY = 0.5
"""Fuzzy pairs below this word-level similarity are not links (unless gap or coverage)."""
GAP_SIMILARITY = 0.45
"""Leftovers facing each other between two anchors pair from this similarity (below it, the
same slot with the same opening but new content reads as dropped + added)."""
MIN_CONTAINMENT = 0.7
"""A part of a split/merge must have this share of its words inside the whole, in order."""
MIN_COVERAGE = 0.6
"""The parts of a split/merge together must cover this share of the whole's words."""
FULL_MATRIX_LIMIT = 250_000
"""Score every remaining pair when (old x new) leftovers are at most this many."""
CANDIDATES_PER_PARAGRAPH = 12
"""With blocking: how many candidate partners each new paragraph gets scored against."""


@dataclass(frozen=True)
class Link:
    """Indices of linked old and new paragraphs, with how and how well they matched."""

    old: tuple[int, ...]
    """Indices into the old paragraphs (empty: added)."""
    new: tuple[int, ...]
    """Indices into the new paragraphs (empty: dropped)."""
    similarity: float | None
    """Word-level similarity of the joined texts (None for added/dropped)."""
    method: str | None
    """"exact", "normalized", "fuzzy", "position", "coverage"; None for added/dropped."""


class _Codes:
    """Each distinct folded word -> one character, so rapidfuzz compares word sequences."""

    def __init__(self) -> None:
        self.table: dict[str, str] = {}

    def encode(self, text: str) -> str:
        table = self.table
        out = []
        for word in scoring_words(text):
            code = table.get(word)
            if code is None:
                code = table[word] = token_char(len(table))
            out.append(code)
        return "".join(out)


def similarity(a: str, b: str) -> float:
    """Word-level similarity 0..1 of two texts (Indel over folded word sequences)."""
    codes = _Codes()
    return fuzz.ratio(codes.encode(a), codes.encode(b)) / 100.0


def align(old: list[str], new: list[str], *, min_similarity: float = MIN_SIMILARITY,
          gap_similarity: float = GAP_SIMILARITY, min_containment: float = MIN_CONTAINMENT,
          min_coverage: float = MIN_COVERAGE, full_matrix_limit: int = FULL_MATRIX_LIMIT,
          coverage: bool = True) -> list[Link]:
    """Link old paragraphs to new ones; every index appears in exactly one link.

    ``coverage=False`` skips split/merge detection (footnotes are compared one to one).
    """
    codes = _Codes()
    old_codes = [codes.encode(t) for t in old]
    new_codes = [codes.encode(t) for t in new]
    pairs: dict[int, tuple[int, float, str]] = {}  # old index -> (new index, score, method)

    # 1. anchors
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(old):
        by_key[compact(text)].append(i)
    for j, text in enumerate(new):
        queue = by_key.get(compact(text))
        if queue:
            i = queue.pop(0)
            pairs[i] = (j, 1.0, "exact" if old[i] == text else "normalized")

    # 2. fuzzy
    left_old = [i for i in range(len(old)) if i not in pairs]
    taken_new = {j for j, _, _ in pairs.values()}
    left_new = [j for j in range(len(new)) if j not in taken_new]
    scored = _score_candidates(left_old, left_new, old_codes, new_codes, pairs,
                               cutoff=min(min_similarity, gap_similarity),
                               full_matrix_limit=full_matrix_limit)
    n_old, n_new = max(len(old), 1), max(len(new), 1)
    scored.sort(key=lambda s: (-s[2], abs(s[0] / n_old - s[1] / n_new), s[0], s[1]))
    used_old, used_new = set(pairs), set(taken_new)
    for i, j, score in scored:
        if score >= min_similarity and i not in used_old and j not in used_new:
            pairs[i] = (j, score, "fuzzy")
            used_old.add(i)
            used_new.add(j)
    gap_scores = {(i, j): s for i, j, s in scored}

    # 3. gaps between order-preserving pairs
    _fill_gaps(pairs, old_codes, new_codes, gap_scores, gap_similarity)

    # 4. coverage: splits (one old -> consecutive new) and merges (the reverse)
    groups: dict = {}
    merges: dict = {}
    if coverage:
        groups = _splits(pairs, old_codes, new_codes, min_containment, min_coverage)
        flipped = {j: (i, s, m) for i, (j, s, m) in pairs.items()}
        merges = _splits(flipped, new_codes, old_codes, min_containment, min_coverage)
    links: list[Link] = []
    grouped_old: set[int] = set()
    grouped_new: set[int] = set()
    for i, (parts, score) in groups.items():
        links.append(Link((i,), tuple(parts), score, "coverage"))
        grouped_old.add(i)
        grouped_new.update(parts)
    for j, (parts, score) in merges.items():
        if j in grouped_new or grouped_old.intersection(parts):
            continue
        links.append(Link(tuple(parts), (j,), score, "coverage"))
        grouped_new.add(j)
        grouped_old.update(parts)
    for i, (j, score, method) in pairs.items():
        if i not in grouped_old and j not in grouped_new:
            links.append(Link((i,), (j,), round(score, 4), method))
    linked_old = {i for link in links for i in link.old}
    linked_new = {j for link in links for j in link.new}
    links += [Link((i,), (), None, None) for i in range(len(old)) if i not in linked_old]
    links += [Link((), (j,), None, None) for j in range(len(new)) if j not in linked_new]
    return links


def _score_candidates(left_old, left_new, old_codes, new_codes, pairs, *, cutoff,
                      full_matrix_limit) -> list[tuple[int, int, float]]:
    """(old, new, score) for candidate pairs scoring at least `cutoff`."""
    if not left_old or not left_new:
        return []
    size = len(left_old) * len(left_new)
    if size <= 20_000:  # a real resolution: a plain loop beats importing numpy
        scored = []
        for i in left_old:
            for j in left_new:
                score = fuzz.ratio(old_codes[i], new_codes[j], score_cutoff=cutoff * 100)
                if score:
                    scored.append((i, j, score / 100.0))
        return scored
    if size <= full_matrix_limit:
        import numpy as np
        from rapidfuzz import process

        matrix = process.cdist([new_codes[j] for j in left_new], [old_codes[i] for i in left_old],
                               scorer=fuzz.ratio, score_cutoff=cutoff * 100, dtype=np.uint8,
                               workers=1)
        rows, cols = np.nonzero(matrix)
        return [(left_old[c], left_new[r], float(matrix[r, c]) / 100.0) for r, c in zip(rows, cols)]
    return _score_blocked(left_old, left_new, old_codes, new_codes, pairs, cutoff)


def _score_blocked(left_old, left_new, old_codes, new_codes, pairs, cutoff):
    """Blocking for large inputs: candidates share one of their rarest words, or sit in the
    same gap between anchors. Cost ~ (paragraphs x candidates), memory linear."""
    frequency: dict[str, int] = defaultdict(int)
    for i in left_old:
        for code in set(old_codes[i]):
            frequency[code] += 1
    for j in left_new:
        for code in set(new_codes[j]):
            frequency[code] += 1

    def signature(text: str) -> list[str]:
        return sorted(set(text), key=lambda c: (frequency[c], c))[:6]

    index: dict[str, list[int]] = defaultdict(list)
    for i in left_old:
        for code in signature(old_codes[i]):
            index[code].append(i)
    position = _gap_positions(pairs, len(old_codes), len(new_codes))
    old_by_gap: dict[int, list[int]] = defaultdict(list)
    for i in left_old:
        old_by_gap[position.old_gap(i)].append(i)
    scored = []
    for j in left_new:
        votes: dict[int, int] = defaultdict(int)
        for code in signature(new_codes[j]):
            postings = index.get(code, ())
            if len(postings) <= 64:
                for i in postings:
                    votes[i] += 1
        candidates = sorted(votes, key=lambda i: (-votes[i], i))[:CANDIDATES_PER_PARAGRAPH]
        candidates += old_by_gap.get(position.new_gap(j), [])[:CANDIDATES_PER_PARAGRAPH]
        for i in dict.fromkeys(candidates):
            score = fuzz.ratio(old_codes[i], new_codes[j], score_cutoff=cutoff * 100)
            if score:
                scored.append((i, j, score / 100.0))
    return scored


class _gap_positions:
    """Which gap between order-preserving anchors an old or new index falls into."""

    def __init__(self, pairs, n_old, n_new):
        chain = _chain(pairs)
        self.old_starts = [i for i, _ in chain]
        self.new_starts = [j for _, j in chain]

    def old_gap(self, i: int) -> int:
        return bisect.bisect_left(self.old_starts, i)

    def new_gap(self, j: int) -> int:
        return bisect.bisect_left(self.new_starts, j)


def _chain(pairs: dict[int, tuple]) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing in both old and new index (patience LIS)."""
    items = sorted((i, v[0]) for i, v in pairs.items())
    return [items[k] for k in longest_increasing(items)]


def longest_increasing(items: list[tuple[int, int]]) -> list[int]:
    """Indices of a longest subsequence of items whose second values strictly increase
    (items sorted by first value). O(n log n); ties resolve toward earlier items."""
    tails: list[int] = []  # tails[k] = smallest second value ending an increasing run of k+1
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(items)
    for position, (_, value) in enumerate(items):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(position)
        else:
            tails[k] = value
            tail_index[k] = position
        previous[position] = tail_index[k - 1] if k else -1
    result = []
    position = tail_index[-1] if tail_index else -1
    while position != -1:
        result.append(position)
        position = previous[position]
    return result[::-1]


def _fill_gaps(pairs, old_codes, new_codes, gap_scores, threshold) -> None:
    """Pair leftovers that face each other between two consecutive chain pairs, in order."""
    chain = _chain(pairs)
    used_new = {j for j, _, _ in pairs.values()}
    bounds = [(-1, -1)] + chain + [(len(old_codes), len(new_codes))]
    for (a, c), (b, d) in zip(bounds, bounds[1:]):
        olds = [i for i in range(a + 1, b) if i not in pairs]
        news = [j for j in range(c + 1, d) if j not in used_new]
        start = 0
        for i in olds:
            for k in range(start, len(news)):
                j = news[k]
                score = gap_scores.get((i, j))
                if score is None and len(olds) * len(news) <= 400:
                    score = fuzz.ratio(old_codes[i], new_codes[j]) / 100.0
                if score is not None and score >= threshold:
                    pairs[i] = (j, score, "position")
                    used_new.add(j)
                    start = k + 1
                    break


def _splits(pairs, whole_codes, part_codes, min_containment, min_coverage):
    """One `whole` paragraph -> two or more consecutive `part` paragraphs covering it.

    Called with (old, new) for splits and (new, old) for merges, so both are found by the
    same rule and swapping the inputs swaps split and merge.
    Returns {whole index: (part indices, similarity of whole vs joined parts)}.
    """
    partner = {i: j for i, (j, _, _) in pairs.items()}
    owner = {j: i for i, j in partner.items()}
    free_parts = [j for j in range(len(part_codes)) if j not in owner]
    result: dict[int, tuple[list[int], float]] = {}
    claimed: set[int] = set()
    # Only wholes that are unmatched or matched incompletely can have been split.
    wholes = [i for i in range(len(whole_codes))
              if i not in partner or pairs[i][1] < 0.97]
    if not free_parts or not wholes:
        return result
    candidates_by_whole = _containment_candidates(wholes, free_parts, partner, whole_codes,
                                                  part_codes, min_containment)
    for i in wholes:
        parts = candidates_by_whole.get(i, [])
        if i in partner:
            parts = sorted(set(parts) | {partner[i]})
        runs = _consecutive_runs([j for j in parts if j not in claimed])
        best = None
        for run in runs:
            # A matched whole keeps its partner inside the run: the split extends the match.
            if len(run) < 2 or (i in partner and partner[i] not in run):
                continue
            joined = "".join(part_codes[j] for j in run)
            covered = LCSseq.similarity(whole_codes[i], joined) / max(len(whole_codes[i]), 1)
            alone = (LCSseq.similarity(whole_codes[i], part_codes[partner[i]]) / max(len(whole_codes[i]), 1)
                     if i in partner else 0.0)
            if covered >= min_coverage and covered >= alone + 0.15:
                score = fuzz.ratio(whole_codes[i], joined) / 100.0
                if best is None or score > best[1]:
                    best = (run, round(score, 4))
        if best:
            result[i] = best
            claimed.update(best[0])
    return result


def _containment_candidates(wholes, free_parts, partner, whole_codes, part_codes, threshold):
    """{whole: [parts mostly contained in it, in order]} scoring only parts that share words."""
    by_code: dict[str, list[int]] = defaultdict(list)
    for i in wholes:
        for code in set(whole_codes[i]):
            by_code[code].append(i)
    found: dict[int, list[int]] = defaultdict(list)
    for j in free_parts:
        text = part_codes[j]
        if len(text) < 3:
            continue
        votes: dict[int, int] = defaultdict(int)
        for code in set(text):
            postings = by_code.get(code, ())
            if len(postings) <= 64:
                for i in postings:
                    votes[i] += 1
        for i in sorted(votes, key=lambda i: (-votes[i], i))[:CANDIDATES_PER_PARAGRAPH]:
            if LCSseq.similarity(text, whole_codes[i]) / len(text) >= threshold:
                found[i].append(j)
    return found


def _consecutive_runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for j in sorted(indices):
        if runs and j == runs[-1][-1] + 1:
            runs[-1].append(j)
        else:
            runs.append([j])
    return runs
