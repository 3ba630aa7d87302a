"""Reading alignment mistakes: why each truth link was not found.

    explain(truth, report, old_texts, new_texts) -> dict[category, list[str]]

Every paragraph is in exactly one link on each side, so every wrong predicted link leaves
at least one truth link missed: explaining the missed truth links explains all mistakes.
A category names the likely cause (near-duplicate boilerplate paired crosswise, a split
found as a pair plus an added paragraph, a rewording too heavy for the threshold, ...);
each entry is one line: what the truth says, what resdiff did, and the word similarity of
the true pair (Indel over lower-cased words, the measure resdiff's aligner uses).
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz


def similarity(a: str, b: str) -> float:
    """Word-level Indel similarity 0..1 (each distinct word coded as one character)."""
    table: dict[str, str] = {}

    def encode(text: str) -> str:
        return "".join(table.setdefault(w, chr(0x100 + len(table)))
                       for w in re.findall(r"[\w/.'-]+", text.lower()))

    return fuzz.ratio(encode(a), encode(b)) / 100.0


def _describe(link: dict) -> str:
    old = "+".join(link["old"]) or "-"
    new = "+".join(link["new"]) or "-"
    return f"{link['kind']} {old} -> {new}"


def _edit(link: dict) -> str:
    edit = dict(link.get("edit") or {})
    op = edit.pop("op", "")
    details = ", ".join(f"{k}={v}" for k, v in edit.items() if v not in (None, False))
    return f"{op} ({details})" if details else op


def explain(truth: dict, report: dict, old_texts: dict[str, str], new_texts: dict[str, str]
            ) -> dict[str, list[str]]:
    """Missed truth links grouped by likely cause, one line each."""
    predicted = {(tuple(c["old"]), tuple(c["new"])): c for c in report["changes"]}
    by_old = {pid: c for c in report["changes"] for pid in c["old"]}
    by_new = {pid: c for c in report["changes"] for pid in c["new"]}
    truth_old = {pid: link for link in truth["links"] for pid in link["old"]}
    truth_new = {pid: link for link in truth["links"] for pid in link["new"]}
    found: dict[str, list[str]] = defaultdict(list)

    def did(change: dict | None) -> str:
        if change is None:
            return "nothing"
        sim = f" sim {change['similarity']:.2f}" if change.get("similarity") is not None else ""
        return f"{change['kind']} {'+'.join(change['old']) or '-'} -> {'+'.join(change['new']) or '-'}{sim}"

    for link in truth["links"]:
        if (tuple(link["old"]), tuple(link["new"])) in predicted:
            continue
        olds, news = link["old"], link["new"]
        resdiff_did = sorted({did(by_old.get(p)) for p in olds} | {did(by_new.get(p)) for p in news})
        true_sim = ""
        if olds and news:
            true_sim = " true-pair sim %.2f" % similarity(
                " ".join(old_texts[p] for p in olds), " ".join(new_texts[p] for p in news))
        line = f"truth {_describe(link)} [{_edit(link)}]{true_sim}; resdiff: {'; '.join(resdiff_did)}"
        family = (link.get("edit") or {}).get("boilerplate")
        partners = [truth_new.get(p) for c in (by_old.get(p) for p in olds) if c for p in c["new"]]
        partners += [truth_old.get(p) for c in (by_new.get(p) for p in news) if c for p in c["old"]]
        partner_families = {(l.get("edit") or {}).get("boilerplate") for l in partners if l}
        if family and family in partner_families:
            category = "boilerplate paired crosswise (near-duplicates differing by one reference)"
        elif link["kind"] == "split":
            category = "split not found"
        elif link["kind"] == "merged":
            category = "merge not found"
        elif link["kind"] == "dropped":
            category = "dropped paragraph paired with an unrelated one"
        elif link["kind"] == "added":
            category = "added paragraph paired with an unrelated one"
        elif any(by_old.get(p) and not by_old[p]["new"] for p in olds) and \
                any(by_new.get(p) and not by_new[p]["old"] for p in news):
            category = f"{link['kind']} pair not found (reported dropped + added)"
        elif any(l and (l["kind"] in ("split", "merged")) for l in partners):
            category = "pair confused with a neighbouring split/merge"
        else:
            category = f"{link['kind']} pair linked to the wrong partner"
        found[category].append(line)
    return dict(found)
