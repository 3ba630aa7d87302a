"""Splits and merges: one paragraph whose words are covered by two or more consecutive
paragraphs of the other side, each mostly contained in it.

    find_splits(pairs, whole, part, min_containment, min_coverage)
        -> {whole index: (part indices, similarity of whole vs joined parts)}

align.py calls it with (old, new) for splits and (new, old) for merges, so both are found by
the same rule and swapping the inputs swaps split and merge.
"""

from __future__ import annotations

from collections import defaultdict

from .scoring import lcs, postings, ratio, rare_keys, votes


def find_splits(pairs, whole, part, min_containment, min_coverage):
    """One `whole` paragraph -> two or more consecutive `part` paragraphs covering it.

    Called with (old, new) for splits and (new, old) for merges, so both are found by the
    same rule and swapping the inputs swaps split and merge. `whole` and `part` are the two
    sides' coded texts with their word pairs (scoring.Bigrams).
    Returns {whole index: (part indices, similarity of whole vs joined parts)}.
    """
    whole_codes, part_codes = whole.codes, part.codes
    partner = {i: j for i, (j, _, _) in pairs.items()}
    owner = set(partner.values())
    free_parts = [j for j in range(len(part_codes)) if j not in owner]
    # Only wholes that are unmatched or matched incompletely can have been split.
    wholes = [i for i in range(len(whole_codes)) if i not in partner or pairs[i][1] < 0.97]
    result: dict[int, tuple[list[int], float]] = {}
    if not free_parts or not wholes:
        return result
    contained = _containment_candidates(wholes, free_parts, partner, whole, part,
                                        min_containment)
    claimed: set[int] = set()
    for i in sorted(contained):  # in order; a whole containing no free part joins nothing
        parts = set(contained[i])
        if i in partner:
            parts.add(partner[i])
        best = None
        for run in _consecutive_runs([j for j in parts if j not in claimed]):
            # A matched whole keeps its partner inside the run: the split extends the match.
            if len(run) < 2 or (i in partner and partner[i] not in run):
                continue
            joined = "".join(part_codes[j] for j in run)
            size = max(len(whole_codes[i]), 1)
            covered = lcs(whole_codes[i], joined) / size
            alone = (lcs(whole_codes[i], part_codes[partner[i]]) / size
                     if i in partner else 0.0)
            if covered >= min_coverage and covered >= alone + 0.15:
                score = ratio(whole_codes[i], joined)
                if best is None or score > best[1]:
                    best = (run, round(score, 4))
        if best:
            result[i] = best
            claimed.update(best[0])
    return result


def _containment_candidates(wholes, free_parts, partner, whole, part, threshold):
    """{whole: [free parts mostly contained in it]}: parts sharing rare word pairs with the
    whole, and the free neighbours of its current partner."""
    whole_codes, part_codes = whole.codes, part.codes
    whole_keys, part_keys = rare_keys(whole.of(wholes), part.of(free_parts))
    index = postings(whole_keys)
    candidates: dict[int, set[int]] = defaultdict(set)
    for j in free_parts:
        for i in votes(part_keys[j], index):
            candidates[i].add(j)
    free = set(free_parts)
    for i in wholes:
        if i in partner:
            near = free.intersection(range(partner[i] - 3, partner[i] + 4))
            if near:
                candidates[i].update(near)
    found: dict[int, list[int]] = {}
    for i, parts in candidates.items():
        kept = [j for j in sorted(parts) if len(part_codes[j]) >= 3 and
                lcs(part_codes[j], whole_codes[i]) / len(part_codes[j]) >= threshold]
        if kept:
            found[i] = kept
    return found


def _consecutive_runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for j in sorted(indices):
        if runs and j == runs[-1][-1] + 1:
            runs[-1].append(j)
        else:
            runs.append([j])
    return runs
