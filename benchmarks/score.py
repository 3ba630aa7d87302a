"""Scoring an alignment against a truth (corpus gold or a generated pair).

    links_from_truth(truth) -> list[Link]         {"links": [{"kind", "old", "new"}, ...]}
    links_from_compare(report) -> list[Link]      `resdiff compare --format json` output
    score(predicted, truth) -> Score              precision, recall, F1, kind accuracy

A link is the pair (old ids, new ids), ids in document order; it is right only when both
sides are exactly the truth's (a split found as one pair plus one added paragraph is one
wrong link and one missed link, not half right). Added and dropped paragraphs are links too
((), (id,)) and ((id,), ()): calling a reworded paragraph "dropped + added" costs one missed
link and two wrong ones. Kind accuracy is measured on the links that are right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ID = re.compile(r"^(PP|OP|P)(\d+)(.*)$")
_SECTION_RANK = {"PP": 0, "P": 0, "OP": 1}


@dataclass(frozen=True)
class Link:
    """One aligned group: old ids, new ids (document order) and its kind."""

    old: tuple[str, ...]
    new: tuple[str, ...]
    kind: str

    @property
    def pair(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return self.old, self.new


@dataclass
class Score:
    """How a predicted alignment compares with the truth."""

    precision: float
    recall: float
    f1: float
    kind_accuracy: float
    """Share of the correctly found links whose kind is also right."""
    true_links: int
    predicted_links: int
    correct: int
    kind_correct: int
    missed: list[Link] = field(default_factory=list)
    """Truth links not found exactly."""
    spurious: list[Link] = field(default_factory=list)
    """Predicted links that are not in the truth."""
    wrong_kind: list[tuple[Link, Link]] = field(default_factory=list)
    """(truth, predicted) for right links with the wrong kind."""


def id_position(pid: str) -> tuple:
    """Sort key putting ids in document order: PP before OP, then by number and suffix."""
    match = _ID.match(pid)
    if not match:
        return (2, 0, pid)
    return (_SECTION_RANK[match.group(1)], int(match.group(2)), match.group(3))


def _link(old, new, kind) -> Link:
    return Link(tuple(sorted(old, key=id_position)), tuple(sorted(new, key=id_position)), kind)


def links_from_truth(truth: dict) -> list[Link]:
    return [_link(link["old"], link["new"], link["kind"]) for link in truth["links"]]


def links_from_compare(report: dict) -> list[Link]:
    return [_link(change["old"], change["new"], change["kind"]) for change in report["changes"]]


def score(predicted: list[Link], truth: list[Link]) -> Score:
    """Exact-link precision/recall/F1 and kind accuracy of `predicted` against `truth`."""
    true_by_pair = {link.pair: link for link in truth}
    predicted_by_pair = {link.pair: link for link in predicted}
    right = [pair for pair in predicted_by_pair if pair in true_by_pair]
    kind_right = [pair for pair in right if predicted_by_pair[pair].kind == true_by_pair[pair].kind]
    precision = len(right) / len(predicted_by_pair) if predicted_by_pair else 1.0
    recall = len(right) / len(true_by_pair) if true_by_pair else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(
        precision=precision, recall=recall, f1=f1,
        kind_accuracy=len(kind_right) / len(right) if right else 0.0,
        true_links=len(true_by_pair), predicted_links=len(predicted_by_pair), correct=len(right),
        kind_correct=len(kind_right),
        missed=[link for pair, link in true_by_pair.items() if pair not in predicted_by_pair],
        spurious=[link for pair, link in predicted_by_pair.items() if pair not in true_by_pair],
        wrong_kind=[(true_by_pair[pair], predicted_by_pair[pair]) for pair in right
                    if predicted_by_pair[pair].kind != true_by_pair[pair].kind])
