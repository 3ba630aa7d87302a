"""Order: the longest chain of (old, new) pairs increasing on both sides.

    ordered_chain(items, tie) -> [(old, new)]   longest chain, the same whichever side is old
    chain_of(pairs, tie)                        the same for align's {old: (new, score, ...)}
    better_of(candidates, tie)                  the better of two pairings found from each side
    longest_increasing(items) -> [index]        patience sorting, O(n log n)

The chain decides what counts as "in order": align.py pairs leftovers between its links
(gaps), and engine.py calls a pair off the chain "moved".
"""

from __future__ import annotations

import bisect


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
    backward = sorted(items, key=lambda item: (item[1], item[0]))
    candidates = [
        [forward[k] for k in longest_increasing([(i, j) for i, j, _ in forward])],
        sorted(backward[k] for k in longest_increasing([(j, i) for i, j, _ in backward])),
    ]
    best = better_of(candidates, tie)
    return [(i, j) for i, j, _ in best]


def better_of(candidates: list[list[tuple[int, int, float]]], tie=None):
    """Of two sets of (old, new, similarity) pairs, one found scanning each side, the better:
    more pairs, higher total similarity, less displacement, then position, then `tie`."""
    first, second = candidates
    if first != second and len(first) == len(second):
        def quality(chain):
            return (round(sum(w for _, _, w in chain), 6), -sum(abs(i - j) for i, j, _ in chain),
                    sorted((-min(i, j), -max(i, j)) for i, j, _ in chain))

        best = max(candidates, key=quality)
        if tie is not None and quality(first) == quality(second):
            best = max(candidates, key=lambda chain: sorted(tie(i, j) for i, j, _ in chain))
        return best
    return second if len(second) > len(first) else first


def longest_increasing(items: list[tuple[int, int]]) -> list[int]:
    """Indices of a longest subsequence of items whose second values strictly increase
    (items sorted by first value). Patience sorting, O(n log n)."""
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
