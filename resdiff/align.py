"""Alignment: two lists of paragraph texts -> links between them.

    align(old_texts, new_texts, *, ...) -> list[Link]

Passes, each on what the previous left unmatched:

1. anchors   identical texts after typographic folding (``normalize.compact``); duplicates
             pair in document order.
2. fuzzy     candidate pairs scored with rapidfuzz's Indel similarity over *word* sequences
             (scoring.py). Small inputs score every remaining pair (the exact approach); large ones score
             only candidates that share one of their rarest word pairs or sit in the same gap
             between anchors, so cost grows with the input, not its square. Pairs are taken
             best first; a pair inside the same gap between anchors wins a near-tie
             (``LOCALITY_BONUS``: boilerplate paragraphs differing by one reference pair in
             place, not crosswise); a pair that leaves the order of the anchors must be
             clearly similar (``min_moved_similarity``).
3. gaps      between two consecutive pairs of the order-preserving chain (chain.py), leftover paragraphs facing each
             other are paired in order when similar enough (``gap_similarity``): a rewritten
             paragraph that stayed in place, as a negotiator reads it.
4. coverage  splits and merges (coverage.py): one paragraph whose words are covered by two
             or more consecutive paragraphs of the other side, each mostly contained in it.

Everything left is added (new only) or dropped (old only). Moves are decided later from the
links (engine.py), not here.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from .chain import better_of, chain_of
from .coverage import find_splits
from .normalize import fold
from .scoring import (CANDIDATES_PER_PARAGRAPH, Bigrams, WordCodes, lcs, postings, ratio,
                      ratios, rare_keys, votes)

MIN_SIMILARITY = 0.5
"""Fuzzy pairs below this word-level similarity are not links (unless gap or coverage)."""
MIN_MOVED_SIMILARITY = 0.65
"""A fuzzy pair that leaves the order of the anchors (a move) needs at least this."""
GAP_SIMILARITY = 0.45
"""Leftovers facing each other between two anchors pair from this similarity (below it, the
same slot with the same opening but new content reads as dropped + added)."""
MIN_CONTAINMENT = 0.7
"""A part of a split/merge must have this share of its words inside the whole, in order."""
MIN_COVERAGE = 0.6
"""The parts of a split/merge together must cover this share of the whole's words."""
LOCALITY_BONUS = 0.05
"""Score bonus, when ranking fuzzy pairs, for a pair inside the same gap between anchors."""
SMALL_GAP = 400
"""A gap between two chain pairs with at most this many (old x new) leftovers scores every
pair in it (also by the trimmed-clause rule); larger gaps use only the pairs scored before."""
OPENING_MARGIN = 0.1
"""In a gap, a leftover passes over the paragraph facing it for the next one with its opening
word when that one scores at least this close to it (and above ``gap_similarity``)."""
FULL_MATRIX_LIMIT = 250_000
"""Score every remaining pair when (old x new) leftovers are at most this many."""


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
    passed_over: tuple[str, int, float] | None = None
    """A close other reading of a gap fill: ("new", j, similarity) when the old paragraph
    passed over new paragraph j, which stood in its place, for one with its opening ("old",
    i, ... the other way round). The engine says so in a warning."""


def align(old: list[str], new: list[str], *, min_similarity: float = MIN_SIMILARITY,
          min_moved_similarity: float = MIN_MOVED_SIMILARITY,
          gap_similarity: float = GAP_SIMILARITY, min_containment: float = MIN_CONTAINMENT,
          min_coverage: float = MIN_COVERAGE, full_matrix_limit: int = FULL_MATRIX_LIMIT,
          coverage: bool = True) -> list[Link]:
    """Link old paragraphs to new ones; every index appears in exactly one link.

    ``coverage=False`` skips split/merge detection (footnotes are compared one to one).
    """
    # Most paragraphs of two versions are the same text: each distinct text is folded once.
    folded = {text: fold(text) for text in {*old, *new}}
    pairs: dict[int, tuple[int, float, str]] = {}  # old index -> (new index, score, method)

    # 1. anchors: same words after folding ("compact": no spaces either); the k-th new
    # paragraph with a key takes the k-th old one with it
    compact = {text: folded_text.replace(" ", "") for text, folded_text in folded.items()}
    first: dict[str, int] = {}  # key -> its first old paragraph not taken yet
    following = [-1] * len(old)  # old index -> the next old paragraph with the same key
    for i in range(len(old) - 1, -1, -1):
        key = compact[old[i]]
        following[i] = first.get(key, -1)
        first[key] = i
    for j, text in enumerate(new):
        key = compact[text]
        i = first.get(key, -1)
        if i >= 0:
            first[key] = following[i]
            pairs[i] = (j, 1.0, "exact" if old[i] == text else "normalized")

    # Word codes for the paragraphs left; an anchored one is never scored again.
    codes = WordCodes()
    used_new = {j for j, _, _ in pairs.values()}
    old_codes = ["" if i in pairs else codes.encode_folded(folded[t]) for i, t in enumerate(old)]
    new_codes = ["" if j in used_new else codes.encode_folded(folded[t])
                 for j, t in enumerate(new)]

    # 2. fuzzy
    # Equally good choices (two chains, two ways to pair a gap) are settled by the texts,
    # which are the same whichever side is "old" (positions alone cannot tell mirror images).
    def tie(a: str, b: str) -> tuple[str, str]:
        return (a, b) if a <= b else (b, a)

    def tie_pair(i: int, j: int) -> tuple[str, str]:
        return tie(old[i], new[j])

    gaps = _Gaps(pairs, tie_pair)
    left_old = [i for i in range(len(old)) if i not in pairs]
    left_new = [j for j in range(len(new)) if j not in used_new]
    canon: dict[str, str] = {}  # one object per distinct word pair, for both sides
    old_grams, new_grams = Bigrams(old_codes, canon), Bigrams(new_codes, canon)
    scored = _score_candidates(left_old, left_new, old_grams, new_grams, gaps,
                               cutoff=min(min_similarity, gap_similarity),
                               full_matrix_limit=full_matrix_limit)
    n_old, n_new = max(len(old), 1), max(len(new), 1)

    def rank(item: tuple[int, int, float]):
        i, j, score = item
        local = gaps.old_gap(i) == gaps.new_gap(j)
        # Ties resolve in document order, the same way whichever side is "old".
        return (-(score + LOCALITY_BONUS * local), abs(i / n_old - j / n_new), i + j, max(i, j))

    scored.sort(key=rank)
    used_old = set(pairs)
    for i, j, score in scored:
        if i in used_old or j in used_new or score < min_similarity:
            continue
        if score < min_moved_similarity and not gaps.in_order(i, j):
            continue  # a weak pair far from its place is more likely dropped + added
        pairs[i] = (j, score, "fuzzy")
        used_old.add(i)
        used_new.add(j)

    # 3. gaps between order-preserving pairs
    passed: dict[tuple[int, int], tuple[str, int, float]] = {}
    _fill_gaps(pairs, old_codes, new_codes, {(i, j): s for i, j, s in scored}, gap_similarity,
               tie_pair, passed)

    # 4. coverage: splits (one old -> consecutive new) and merges (the reverse)
    links: list[Link] = []
    grouped_old: set[int] = set()
    grouped_new: set[int] = set()
    if coverage:
        # Splits and merges are searched independently on the same pairs, then taken best
        # first with a tie-break that does not depend on which side is "old", so swapping
        # the inputs swaps split and merge (RELIABILITY.md invariant 4).
        flipped = {j: (i, s, m) for i, (j, s, m) in pairs.items()}
        splits = find_splits(pairs, old_grams, new_grams, min_containment, min_coverage)
        merges = find_splits(flipped, new_grams, old_grams, min_containment, min_coverage)
        groups = [(score, len(old_codes[i]), (i,), tuple(parts))
                  for i, (parts, score) in splits.items()]
        groups += [(score, len(new_codes[j]), tuple(parts), (j,))
                   for j, (parts, score) in merges.items()]
        # Best score first; then the longer whole paragraph; then position; then the texts
        # (a split and a merge can tie on all the rest, mirror images of each other).
        def texts(olds: tuple[int, ...], news: tuple[int, ...]) -> tuple[str, str]:
            return tie("\n".join(old[i] for i in olds), "\n".join(new[j] for j in news))

        groups.sort(key=lambda g: (-g[0], -g[1], min(g[2]) + min(g[3]), texts(g[2], g[3])))
        for score, _, olds, news in groups:
            if grouped_old.intersection(olds) or grouped_new.intersection(news):
                continue
            links.append(Link(olds, news, score, "coverage"))
            grouped_old.update(olds)
            grouped_new.update(news)
    for i, (j, score, method) in pairs.items():
        if i not in grouped_old and j not in grouped_new:
            links.append(Link((i,), (j,), round(score, 4), method, passed.get((i, j))))
    linked_old = {i for link in links for i in link.old}
    linked_new = {j for link in links for j in link.new}
    links += [Link((i,), (), None, None) for i in range(len(old)) if i not in linked_old]
    links += [Link((), (j,), None, None) for j in range(len(new)) if j not in linked_new]
    return links


class _Gaps:
    """The longest order-preserving chain of pairs, and which gap of it an index falls in."""

    def __init__(self, pairs: dict[int, tuple], tie=None) -> None:
        chain = chain_of(pairs, tie)
        self.old_starts = [i for i, _ in chain]
        self.new_starts = [j for _, j in chain]

    def old_gap(self, i: int) -> int:
        return bisect.bisect_left(self.old_starts, i)

    def new_gap(self, j: int) -> int:
        return bisect.bisect_left(self.new_starts, j)

    def in_order(self, i: int, j: int) -> bool:
        """Does pairing i with j keep the order of the chain (same gap)?"""
        return self.old_gap(i) == self.new_gap(j)


def _score_candidates(left_old, left_new, old_grams, new_grams, gaps, *, cutoff,
                      full_matrix_limit) -> list[tuple[int, int, float]]:
    """(old, new, score) for candidate pairs scoring at least `cutoff` (the two sides' coded
    texts and word pairs: scoring.Bigrams)."""
    old_codes, new_codes = old_grams.codes, new_grams.codes
    if not left_old or not left_new:
        return []
    size = len(left_old) * len(left_new)
    if size <= 20_000:  # a real resolution: a plain loop beats importing numpy
        news = [new_codes[j] for j in left_new]
        return [(i, left_new[k], score) for i in left_old
                for k, score in ratios(old_codes[i], news, cutoff)]
    if size <= full_matrix_limit:
        import numpy as np
        from rapidfuzz import process

        matrix = process.cdist([new_codes[j] for j in left_new], [old_codes[i] for i in left_old],
                               scorer=fuzz.ratio, score_cutoff=cutoff * 100, dtype=np.uint8,
                               workers=1)
        rows, cols = np.nonzero(matrix)
        return [(left_old[c], left_new[r], float(matrix[r, c]) / 100.0) for r, c in zip(rows, cols)]
    # Blocking: shared rare word pairs, plus everything in the same gap between anchors.
    old_keys, new_keys = rare_keys(old_grams.of(left_old), new_grams.of(left_new))
    index = postings(old_keys)
    old_by_gap: dict[int, list[int]] = defaultdict(list)
    for i in left_old:
        old_by_gap[gaps.old_gap(i)].append(i)
    scored = []
    for j in left_new:
        candidates = votes(new_keys[j], index)
        candidates += old_by_gap.get(gaps.new_gap(j), [])[:CANDIDATES_PER_PARAGRAPH]
        candidates = list(dict.fromkeys(candidates))
        scored += [(candidates[k], j, score) for k, score in
                   ratios(new_codes[j], [old_codes[i] for i in candidates], cutoff)]
    return scored


def _fill_gaps(pairs, old_codes, new_codes, gap_scores, threshold, tie=None,
               passed=None) -> None:
    """Pair leftovers that face each other between two consecutive chain pairs, in order.

    Pairing in order is greedy (each paragraph takes the first similar one facing it), so it
    runs once from each side and keeps the better result, as ordered_chain does: the same
    pairs whichever side is "old"."""
    chain = chain_of(pairs, tie)
    used_new = {j for j, _, _ in pairs.values()}
    bounds = [(-1, -1)] + chain + [(len(old_codes), len(new_codes))]
    # In a large gap only pairs scored before can qualify: looked up, not scanned (a gap of
    # 200,000 x 100,000 leftovers would otherwise visit every pair).
    by_old: dict[int, list[tuple[int, float]]] = defaultdict(list)
    by_new: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (i, j), score in gap_scores.items():
        if score >= threshold:
            by_old[i].append((j, score))
            by_new[j].append((i, score))
    # the leftovers, each gap's found by bisection (pairing in one gap leaves the others')
    left_old = [i for i in range(len(old_codes)) if i not in pairs]
    left_new = [j for j in range(len(new_codes)) if j not in used_new]
    for (a, c), (b, d) in zip(bounds, bounds[1:]):
        if b - a < 2 or d - c < 2:
            continue  # no room between the two chain pairs on one side
        olds = left_old[bisect.bisect_left(left_old, a):bisect.bisect_left(left_old, b)]
        news = left_new[bisect.bisect_left(left_new, c):bisect.bisect_left(left_new, d)]
        if not olds or not news:
            continue
        if len(olds) * len(news) <= SMALL_GAP:
            def score_of(i, j):
                score = gap_scores.get((i, j))
                if score is None:
                    score = ratio(old_codes[i], new_codes[j])
                if score < threshold:
                    score = max(score, _trimmed(old_codes[i], new_codes[j]))
                return score

            old_passed: dict = {}
            new_passed: dict = {}
            from_old = _in_order(olds, news, score_of, threshold, (old_codes, new_codes),
                                 old_passed)
            from_new = _in_order(news, olds, lambda j, i: score_of(i, j), threshold,
                                 (new_codes, old_codes), new_passed)
        else:
            old_passed = new_passed = {}
            from_old = _in_order_among(olds, news, by_old)
            from_new = _in_order_among(news, olds, by_new)
        from_new = [(i, j, score) for j, i, score in from_new]
        chosen = better_of([from_old, from_new], tie)
        for i, j, score in chosen:
            pairs[i] = (j, score, "position")
            used_new.add(j)
        if passed is not None:
            if chosen is from_old:
                passed.update({(i, j): ("new", other, s) for (i, j), (other, s) in old_passed.items()})
            else:
                passed.update({(i, j): ("old", other, s) for (j, i), (other, s) in new_passed.items()})


def _in_order(firsts, seconds, score_of, threshold, codes=None,
              passed=None) -> list[tuple[int, int, float]]:
    """Each of `firsts` in turn takes the first of the `seconds` after the last one taken
    that scores at least `threshold`; but where that one opens with another word and the next
    one opening with the same word scores about as well (``OPENING_MARGIN``), that one: a
    negotiator pairs "Conscious of ..." with the "Conscious of ..." beside it, not with the
    "Recalling ..." in its place. (`codes`: the word codes of the firsts' and the seconds'
    sides, whose first code is the opening's first word; `passed`, if given, gets
    (first, second taken) -> (second passed over, its score) for each such choice.)"""
    found = []
    start = 0
    for i in firsts:
        for k in range(start, len(seconds)):
            j = seconds[k]
            score = score_of(i, j)
            if score >= threshold:
                lead = codes[0][i][:1] if codes is not None else ""
                if lead and codes[1][j][:1] != lead:
                    same = next((n for n in range(k + 1, len(seconds))
                                 if codes[1][seconds[n]][:1] == lead), None)
                    if same is not None:
                        other = score_of(i, seconds[same])
                        if other >= max(threshold, score - OPENING_MARGIN):
                            if passed is not None:
                                passed[(i, seconds[same])] = (j, score)
                            k, j, score = same, seconds[same], other
                found.append((i, j, score))
                start = k + 1
                break
    return found


def _in_order_among(firsts, seconds, options) -> list[tuple[int, int, float]]:
    """_in_order where `options[first]` lists the only (second, score) pairs that qualify:
    cost follows the number of options, not len(firsts) x len(seconds)."""
    position = {j: k for k, j in enumerate(seconds)}
    found = []
    start = 0
    for i in firsts:
        best = min(((position[j], j, score) for j, score in options.get(i, ())
                    if position.get(j, -1) >= start), default=None)
        if best is not None:
            found.append((i, best[1], best[2]))
            start = best[0] + 1
    return found


def _trimmed(a: str, b: str) -> float:
    """For a paragraph that stayed in place but lost or gained a long clause (a bracketed
    proposal dropped on agreement): the shorter one's share of words found, in order, in the
    longer, discounted; 0 when the shorter has fewer than six words."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 6:
        return 0.0
    return 0.9 * lcs(short, long) / len(short)


