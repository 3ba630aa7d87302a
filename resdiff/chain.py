"""Order: the longest chain of (old, new) pairs increasing on both sides.

    ordered_chain(items, tie) -> [(old, new)]   longest chain, the same whichever side is old
    chain_of(pairs, tie)                        the same for align's {old: (new, score, ...)}
    better_of(candidates, tie)                  the better of two pairings found from each side
    longest_increasing(values) -> [index]       patience sorting, O(n log n)

The chain decides what counts as "in order": align.py pairs leftovers between its links
(gaps), and engine.py calls a pair off the chain "moved".
"""

from __future__ import annotations

from bisect import bisect_left
from operator import itemgetter


def chain_of(pairs: dict[int, tuple], tie=None) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing in both old and new index."""
    return ordered_chain([(i, v[0], v[1]) for i, v in pairs.items()], tie)


def ordered_chain(items: list[tuple[int, int, float]], tie=None) -> list[tuple[int, int]]:
    """The longest chain of (old, new, similarity) items increasing on both sides, in old order.

    Equally long chains are common (two paragraphs that swapped places), and patience sorting
    keeps one of them depending on which side it scans. So it runs once per side and keeps
    the better chain by length, total similarity, total displacement, then position: the
    same chain whichever side is "old", which keeps moves and gap pairing symmetric.
    ``tie(old, new)``, if given, settles chains equal on all of that (mirror images): a key
    that does not depend on which side is "old", such as the two texts in sorted order."""
    forward = sorted(items)
    backward = sorted(items, key=itemgetter(1, 0))
    candidates = [  # each in old order (a chain increases on both sides)
        [forward[k] for k in longest_increasing([j for _, j, _ in forward])],
        [backward[k] for k in longest_increasing([i for i, _, _ in backward])],
    ]
    best = better_of(candidates, tie)
    return [(i, j) for i, j, _ in best]


def better_of(candidates: list[list[tuple[int, int, float]]], tie=None):
    """Of two sets of (old, new, similarity) pairs, one found scanning each side, the better:
    more pairs, higher total similarity, less displacement, then position, then `tie`.
    (Each criterion is computed only when the ones before it are equal.)"""
    first, second = candidates
    if len(first) != len(second):
        return second if len(second) > len(first) else first
    if first == second:
        return first
    for criterion in (_weight, _displacement, _positions):
        a, b = criterion(first), criterion(second)
        if a != b:
            return first if a > b else second
    if tie is None:
        return first
    return max(candidates, key=lambda chain: sorted(tie(i, j) for i, j, _ in chain))


def _weight(chain) -> float:
    return round(sum(map(itemgetter(2), chain)), 6)


def _displacement(chain) -> int:
    return -sum(abs(i - j) for i, j, _ in chain)


def _positions(chain) -> list[tuple[int, int]]:
    return sorted((-min(i, j), -max(i, j)) for i, j, _ in chain)


def longest_increasing(values: list[int]) -> list[int]:
    """Indices of a longest strictly increasing subsequence of `values` (the second sides of
    items sorted by their first). Patience sorting, O(n log n)."""
    tails: list[int] = []  # tails[k] = smallest value ending an increasing run of k+1
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(values)
    for position, value in enumerate(values):
        if not tails or value > tails[-1]:  # extends the longest run (mostly, in a revision)
            if tail_index:
                previous[position] = tail_index[-1]
            tails.append(value)
            tail_index.append(position)
        else:
            k = bisect_left(tails, value)
            tails[k] = value
            tail_index[k] = position
            if k:
                previous[position] = tail_index[k - 1]
    result = []
    position = tail_index[-1] if tail_index else -1
    while position != -1:
        result.append(position)
        position = previous[position]
    return result[::-1]
