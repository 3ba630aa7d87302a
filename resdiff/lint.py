"""Drafting rules on one document: Document -> Findings (default severities; check.py applies
the rules file). Each rule is general; the comment on it says what it relies on.

    punctuation(doc)               pp-punctuation, op-punctuation
    numbering(doc)                 op-numbering
    openings(doc, lexicon)         unknown-opening
    brackets(doc)                  brackets
    footnotes(doc)                 footnote-missing
    (duplicate-paragraph lives in duplicates.py: it is an algorithm of its own)

Positions: a finding on a paragraph cites its first input line (``Paragraph.lines[0]``); one
on a footnote cites the footnote block's first line. Sections "body" (no PP/OP structure
found) get no punctuation, numbering or opening findings: nothing says what they should be.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import regex

from .lexicon import Lexicon, lemma
from .model import Document, Finding, Paragraph
from .normalize import fold, words
from .rules import CATALOGUE

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


def finding(rule: str, message: str, *, para: Paragraph | None = None, line: int | None = None,
            path: str | None = None) -> Finding:
    """A finding on a draft paragraph (or the document) with the rule's default severity."""
    return Finding(rule=rule, severity=CATALOGUE[rule].severity,
                   paragraph=para.id if para else None, base_paragraph=None,
                   line=(para.lines[0] or None) if para and line is None else line, message=message,
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
    none (a bracketed paragraph "[Recalling also ...]"), the text after brackets and quotes.

    A phrase outside the lexicon still passes when its head verb is a lexicon verb in the form
    of its part: "Condemning" (preamble) is the participle of "Condemns", "Expressing its deep
    appreciation" shares "Expressing its appreciation"'s verb. "Recalling" in the operative
    part or "Recalls" in the preamble are reported as openings of the other part."""
    parts = {"preamble": dataclasses.replace(lexicon, operative=()),
             "operative": dataclasses.replace(lexicon, preambular=())}
    names = {"preamble": "preambular", "operative": "operative"}
    heads = {_head(p, lexicon) for p in lexicon.preambular + lexicon.operative} - {None}
    found = []
    for para in doc.paragraphs:
        if para.section not in parts or para.parent:
            continue
        phrase = fold(para.opening) if para.opening else None  # "Reaﬃrming" (PDF ligature)
        if phrase is None or not lexicon.is_known_opening(phrase):
            match = lexicon.opening_pattern.match(fold(para.text).lstrip("[(\"' "))
            phrase = match.group() if match else phrase
        if phrase and parts[para.section].is_known_opening(phrase):
            continue
        head = _head(phrase, lexicon) if phrase else None
        if head in heads and _fits(phrase, lexicon, para.section):
            continue
        if phrase and (lexicon.is_known_opening(phrase) or head in heads):
            other = "an operative" if para.section == "preamble" else "a preambular"
            message = (f"opening \"{phrase}\" is {other} opening, in the "
                       f"{names[para.section]} part")
        else:
            shown = phrase or " ".join(words(para.text)[:3])
            message = (f"opening \"{shown}\" is not in the lexicon of {names[para.section]} "
                       f"openings (if it is right, add it with --lexicon)")
        found.append(finding("unknown-opening", message, para=para, path=doc.path))
    return found


def _verb(phrase: str, lexicon: Lexicon) -> str | None:
    """The first word of a phrase that is not a modifier or intensifier ("Again invites" ->
    "invites", "Strongly condemning" -> "condemning")."""
    skip = {w.lower() for w in lexicon.modifiers_before + lexicon.intensifiers if " " not in w}
    for word in phrase.split():
        if word.lower() not in skip:
            return word.lower()
    return None


def _head(phrase: str, lexicon: Lexicon) -> tuple[str, ...] | None:
    verb = _verb(phrase, lexicon)
    return lemma(verb) if verb else None


def _fits(phrase: str, lexicon: Lexicon, section: str) -> bool:
    """Participles and adjectives open preambular paragraphs ("Condemning", "Alarmed"),
    present-tense verbs operative ones ("Condemns")."""
    verb = _verb(phrase, lexicon) or ""
    if section == "preamble":
        return verb.endswith(("ing", "ed"))
    return verb.endswith("s") and not verb.endswith("ss")


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
