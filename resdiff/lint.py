"""Drafting rules on one document: Document -> Findings (default severities; check.py applies
the rules file). Each rule is general; the comment on it says what it relies on.

    punctuation(doc)               pp-punctuation, op-punctuation
    numbering(doc)                 op-numbering
    openings(doc, lexicon)         unknown-opening
    brackets(doc)                  brackets
    footnotes(doc)                 footnote-missing
    duplicates(doc, threshold=)    duplicate-paragraph

Positions: a finding on a paragraph cites its first input line (``Paragraph.lines[0]``); one
on a footnote cites the footnote block's first line. Sections "body" (no PP/OP structure
found) get no punctuation, numbering or opening findings: nothing says what they should be.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict

import numpy as np
import regex

from .align import similarity
from .lexicon import Lexicon
from .model import Document, Finding, Paragraph
from .normalize import fold, words
from .rules import CATALOGUE

DUPLICATE_THRESHOLD = 0.9
"""Two paragraphs whose word-level similarity (resdiff.align.similarity: Indel ratio over
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

# Footnote markers the parser left in the text because their footnote does not exist (it
# strips only markers of existing footnotes): digits glued after punctuation, a closing
# quote or bracket, or a lower-case word, as UN English prints markers (DOMAIN.md).
# Conservative on purpose: "1,000" (three digits), "10:30" (digit before the colon),
# "A/52/494" and "E/CN.4" (no lower-case letters before) are not markers. Markers glued to a
# year ("of 19965") are not detected: they cannot be told from a number.
_LEFTOVER = regex.compile(
    r"(?:(?<=[,;]|(?<=\D):)|(?<=[)\]\u2019\u201d\"'])|(?<=\p{Ll}\p{Ll}))(\d{1,2})(?=[\s,;:.\])]|$)"
    r"|(?<=[\p{L})\]]\.)(\d{1,2})$"
    r"|(?<=\s)(\d{1,2})/(?=[\s,;:.)]|$)")  # older UN style: "18 April 1997 1/,"
_TRAILING_MARKER = regex.compile(r"(?<=[,;:.)\]\"'\u2019\u201d])\d{1,2}$")
_CLOSERS = "]\"'\u2019\u201d "
_SUFFIXES = ("", "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies",
             "decies")
_OP_NUMBER = regex.compile(r"^(\d+)(" + "|".join(_SUFFIXES[1:]) + r")?$")
_ROMANS = ("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx "
           "xxi xxii xxiii xxiv xxv").split()
_LETTERS = tuple("abcdefghijklmnopqrstuvwxyz")
# Words for duplicate keys and shingles: "1997/75", "non-refoulement" and "A/RES/52/132" whole.
# Stdlib re: faster than regex for this simple pattern on long compilations.
_WORD = re.compile(r"\w+(?:[-/.'\u2019]\w+)*")
_DIGIT = re.compile(r"\d")


def finding(rule: str, message: str, *, para: Paragraph | None = None, line: int | None = None,
            path: str | None = None) -> Finding:
    """A finding on a draft paragraph (or the document) with the rule's default severity."""
    return Finding(rule=rule, severity=CATALOGUE[rule].severity,
                   paragraph=para.id if para else None, base_paragraph=None,
                   line=para.lines[0] if para and line is None else line, message=message,
                   path=path)


def excerpt(text: str, limit: int = 60) -> str:
    """The start of a text, cut at a word, for messages."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "\u2026"


def _children(doc: Document) -> dict[str, list[Paragraph]]:
    children: dict[str, list[Paragraph]] = defaultdict(list)
    for para in doc.paragraphs:
        if para.parent:
            children[para.parent].append(para)
    return children


# -- pp-punctuation, op-punctuation -------------------------------------------------------

def ending(text: str) -> str:
    """How a paragraph ends: ",", ";", "; and", "; or", ":", "." or its last character.

    A footnote marker left after the punctuation and closing brackets or quotes are looked
    through ("...];" and "...,]" both end the sentence with their punctuation)."""
    text = _TRAILING_MARKER.sub("", text.rstrip(_CLOSERS)).rstrip(_CLOSERS)
    tail = regex.search(r";\s+(and|or)$", text)
    if tail:
        return f"; {tail.group(1)}"
    return text[-1:] if text else ""


def punctuation(doc: Document) -> list[Finding]:
    """A preambular paragraph ends with a comma; an operative one with a semicolon, the last of
    the operative part with a full stop (the resolution is one sentence: DOMAIN.md).
    Sub-paragraphs end with ";" ("; and" / "; or" before the last is also accepted), in the
    preamble also with ","; a paragraph followed by its sub-paragraphs ends with ":"."""
    children = _children(doc)
    operative = [p for p in doc.paragraphs if p.section == "operative"]
    last = operative[-1].id if operative else None
    found = []
    for para in doc.paragraphs:
        if para.section == "body":
            continue
        end = ending(para.text)
        chapeau = bool(children.get(para.id))
        if para.section == "preamble":
            rule, allowed = "pp-punctuation", {","}
            if para.parent:
                allowed |= {";", "; and", "; or"}
            expected = "a preambular paragraph ends with \",\""
        elif para.id == last:
            rule, allowed = "op-punctuation", {"."}
            expected = "the last operative paragraph ends with \".\""
        else:
            rule, allowed = "op-punctuation", {";"}
            if para.parent:
                allowed |= {"; and", "; or"}
            expected = ("a sub-paragraph ends with \";\"" if para.parent
                        else "an operative paragraph ends with \";\"")
        if chapeau and para.section == "operative":
            # "Calls upon States:" then (a), (b): the colon is the only right ending.
            allowed = {":"}
            expected = "a paragraph followed by sub-paragraphs ends with \":\""
        elif chapeau:
            allowed = allowed | {":"}
            expected += " (or \":\" before its sub-paragraphs)"
        if end not in allowed:
            shown = f"\"{end}\"" if end else "nothing"
            found.append(finding(rule, f"ends with {shown}: {expected}", para=para, path=doc.path))
    return found


# -- op-numbering --------------------------------------------------------------------------

def _op_key(number: str | None) -> tuple[int, int] | None:
    match = _OP_NUMBER.match(number or "")
    if not match:
        return None
    return int(match.group(1)), _SUFFIXES.index(match.group(2) or "")


def numbering(doc: Document) -> list[Finding]:
    """Operative numbers run 1..n; "5 bis", "5 ter" follow 5 in order. Sub-paragraphs of an
    operative paragraph run (a), (b), ... or (i), (ii), ... One finding per sequence, on the
    first paragraph out of sequence; the message counts later breaks in the same sequence."""
    found = []
    tops = [p for p in doc.paragraphs if p.section == "operative" and p.parent is None]
    if any(p.number for p in tops):
        previous: tuple[int, int] = (0, 0)
        breaks: list[tuple[Paragraph, str]] = []
        for para in tops:
            key = _op_key(para.number)
            if key is None:
                breaks.append((para, "is not numbered"))
                continue
            if key != (previous[0] + 1, 0) and key != (previous[0], previous[1] + 1):
                if key[0] == previous[0] and key[1] <= previous[1]:
                    problem = f"repeats number {para.number}"
                elif previous == (0, 0):
                    problem = f"is numbered {para.number} (expected 1)"
                else:
                    problem = (f"is numbered {para.number} after {_label(previous)} "
                               f"(expected {previous[0] + 1})")
                breaks.append((para, problem))
            previous = key
        found += _sequence_finding(doc, breaks, "operative paragraphs run 1..n without gaps "
                                                "or repeats")
    children = _children(doc)
    for parent in [p for p in doc.paragraphs if p.section == "operative" and p.id in children]:
        subs = children[parent.id]
        series = _ROMANS if subs[0].number == "i" else _LETTERS
        breaks = []
        expected_index = 0
        for sub in subs:
            index = series.index(sub.number) if sub.number in series else None
            if index != expected_index:
                expected = series[expected_index] if expected_index < len(series) else "?"
                breaks.append((sub, f"is ({sub.number}) where ({expected}) is expected"))
            expected_index = (index if index is not None else expected_index) + 1
        found += _sequence_finding(doc, breaks, f"the sub-paragraphs of {parent.id} run "
                                                f"({series[0]}), ({series[1]}), ... in order")
    return found


def _label(key: tuple[int, int]) -> str:
    return f"{key[0]}{_SUFFIXES[key[1]]}"


def _sequence_finding(doc: Document, breaks: list[tuple[Paragraph, str]], rule_text: str):
    if not breaks:
        return []
    para, problem = breaks[0]
    message = f"{para.id} {problem}: {rule_text}"
    if len(breaks) > 1:
        later = ", ".join(p.id for p, _ in breaks[1:4]) + (", ..." if len(breaks) > 4 else "")
        message += f"; {len(breaks) - 1} more out of sequence ({later})"
    return [finding("op-numbering", message, para=para, path=doc.path)]


# -- unknown-opening -----------------------------------------------------------------------

def openings(doc: Document, lexicon: Lexicon) -> list[Finding]:
    """Every preambular and operative paragraph (not a sub-paragraph: those open "To ...")
    opens with a phrase of the lexicon for its part. The parser's opening is used; when it has
    none (a bracketed paragraph "[Recalling also ...]"), the text after brackets and quotes."""
    parts = {"preamble": dataclasses.replace(lexicon, operative=()),
             "operative": dataclasses.replace(lexicon, preambular=())}
    names = {"preamble": "preambular", "operative": "operative"}
    found = []
    for para in doc.paragraphs:
        if para.section not in parts or para.parent:
            continue
        phrase = para.opening
        if phrase is None:
            match = lexicon.opening_pattern.match(para.text.lstrip("[(\"'\u201c\u2018 "))
            phrase = match.group() if match else None
        if phrase and parts[para.section].is_known_opening(phrase):
            continue
        if phrase and lexicon.is_known_opening(phrase):
            other = "an operative" if para.section == "preamble" else "a preambular"
            message = (f"opening \"{phrase}\" is {other} opening, in the "
                       f"{names[para.section]} part")
        else:
            shown = phrase or " ".join(words(para.text)[:3])
            message = (f"opening \"{shown}\" is not in the lexicon of {names[para.section]} "
                       f"openings (if it is right, add it with --lexicon)")
        found.append(finding("unknown-opening", message, para=para, path=doc.path))
    return found


# -- brackets ------------------------------------------------------------------------------

def _bracket_problem(text: str) -> str | None:
    depth = 0
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth < 0:
                return "has a \"]\" without \"[\""
    if depth > 0:
        return "has an unclosed \"[\""
    if "[" in text:
        shown = excerpt(regex.search(r"\[[^\]]*\]", text).group(), 40)
        return f"contains bracketed text {shown}: square brackets mark text not yet agreed"
    return None


def brackets(doc: Document) -> list[Finding]:
    """No square brackets remain in paragraphs or footnotes (negotiation texts bracket
    unagreed text: DOMAIN.md); unbalanced ones are reported as such."""
    found = []
    for para in doc.paragraphs:
        problem = _bracket_problem(para.text)
        if problem:
            found.append(finding("brackets", problem, para=para, path=doc.path))
    for note in doc.footnotes:
        problem = _bracket_problem(note.text)
        if problem:
            found.append(finding("brackets", f"footnote {note.mark} {problem}",
                                 line=note.lines[0] or None, path=doc.path))
    return found


# -- footnote-missing ----------------------------------------------------------------------

def leftover_markers(text: str) -> list[str]:
    """Footnote marker numbers still in a paragraph's clean text (see _LEFTOVER)."""
    return [next(g for g in m.groups() if g is not None) for m in _LEFTOVER.finditer(text)]


def footnotes(doc: Document) -> list[Finding]:
    """Every marker has a footnote and every footnote is cited. A leftover marker whose
    footnote exists means the parser missed the citation (e.g. cited out of order), not that
    the footnote is missing, so it counts as the citation."""
    marks = {note.mark for note in doc.footnotes}
    rescued: set[str] = set()
    found = []
    for para in doc.paragraphs:
        for mark in leftover_markers(para.text):
            if mark in marks:
                rescued.add(mark)
            else:
                found.append(finding("footnote-missing", f"footnote marker {mark} has no "
                                     f"footnote text", para=para, path=doc.path))
    for note in doc.footnotes:
        if not note.cited_in and note.mark not in rescued:
            found.append(finding("footnote-missing", f"footnote {note.mark} is never cited: "
                                 f"\"{excerpt(note.text, 40)}\"", line=note.lines[0] or None,
                                 path=doc.path))
    return found


# -- duplicate-paragraph --------------------------------------------------------------------

def duplicates(doc: Document, *, threshold: float = DUPLICATE_THRESHOLD) -> list[Finding]:
    """A paragraph identical or nearly identical to an earlier one (finding on the later,
    naming the earliest twin).

    Identical texts (same words, any case) are grouped by key. Near-identical candidates
    share one of their rarest word trigrams and have compatible lengths (an Indel ratio of t
    needs the shorter side to be at least t/(2-t) of the longer), so a 35,000-paragraph
    compilation costs about its length, not its square; they are confirmed with
    align.similarity. Two paragraphs whose numbers or symbols differ ("resolution 1997/75" vs
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
    references = {p: [t for t in items[p][1] if _DIGIT.search(t)] for p in unique}
    ratio = threshold / (2 - threshold)
    for a, b in _candidate_pairs([items[p][1] for p in unique]):
        a, b = unique[a], unique[b]
        if b in best and best[b][0] <= a:
            continue
        (para_a, tokens_a), (para_b, tokens_b) = items[a], items[b]
        if min(len(tokens_a), len(tokens_b)) < ratio * max(len(tokens_a), len(tokens_b)):
            continue
        if references[a] != references[b]:
            continue
        score = similarity(para_a.text, para_b.text)
        if score >= threshold:
            best[b] = (a, score)


def _candidate_pairs(token_lists: list[list[str]]) -> list[tuple[int, int]]:
    """Pairs (a < b) of texts that share one of their rarest *shared* word trigrams.

    Each text's signature is its _SIGNATURE_SHINGLES trigrams of lowest frequency among those
    found in 2.._MAX_POSTING texts (a trigram of one text pairs nothing; one of very many is
    boilerplate). Near-identical texts share most trigrams, so they share a signature one.
    Vectorised with numpy: a few hundred milliseconds for 35,000 paragraphs. Ties break by
    position, so the pairs are the same on every run."""
    vocabulary: dict[str, int] = {}
    codes = [np.fromiter((vocabulary.setdefault(w, len(vocabulary)) for w in tokens),
                         np.int64, len(tokens)) for tokens in token_lists]
    if not codes:
        return []
    lengths = np.array([len(c) for c in codes])
    ids = np.concatenate(codes)
    owner = np.repeat(np.arange(len(codes)), lengths)
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
    pairs: set[tuple[int, int]] = set()
    for group in np.split(own, np.flatnonzero(gram[1:] != gram[:-1]) + 1):
        members = group.tolist()
        pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    return sorted(pairs)
