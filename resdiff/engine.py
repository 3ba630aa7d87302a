"""The engine, the one orchestrator: two inputs -> Comparison (read -> parse -> align -> diff ->
classify).

    compare(old, new, **options)            paths or Documents -> Comparison (progress=
                                            callback(done, total, stage) for long runs)
    compare_documents(old, new, **options)  Documents -> Comparison

(load_document, path -> Document, is load.py's; it is imported here for compare.)

Every renderer reads the Comparison this module returns; nothing downstream recomputes.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections import Counter
from collections.abc import Callable

from . import align as align_module
from . import fork
from .align import Link, align
from .chain import ordered_chain
from .classify import classify
from .diff import word_diff
from .lexicon import Lexicon, default_lexicon
from .load import load_document
from .model import (CHANGE_KINDS, PARAGRAPH_JOINER, Change, Comparison, Document,
                    FootnoteChange)
from .scoring import similarity

_PROGRESS_STEP = 500  # links between two progress reports

LOW_SIMILARITY = 0.6
"""Pairs below this similarity carry a warning: the engine is unsure, a human should look."""


Progress = Callable[[int, int, str], None]
"""progress(done, total, what): the stage ("parsing", "aligning", "diffing") and how far it
got; `total` changes from stage to stage."""


def compare(old: "Document | str | os.PathLike[str]", new: "Document | str | os.PathLike[str]",
            *, lexicon: Lexicon | None = None, strict: bool = False,
            min_similarity: float = align_module.MIN_SIMILARITY,
            gap_similarity: float = align_module.GAP_SIMILARITY,
            progress: Progress | None = None, **read_options) -> Comparison:
    """Compare two versions given as Documents or file paths."""
    lexicon = lexicon or default_lexicon()
    job = None
    if not isinstance(old, Document) and not isinstance(new, Document) \
            and _worth_forking(os.fspath(old), os.fspath(new)):
        # Two large files: the new one is read and parsed on the other core meanwhile.
        job = fork.start(load_document, os.fspath(new), lexicon=lexicon, **read_options)
    try:
        if not isinstance(old, Document):
            if progress:
                progress(0, 2, "parsing the old text")
            old = load_document(os.fspath(old), lexicon=lexicon, **read_options)
        if not isinstance(new, Document):
            if progress:
                progress(1, 2, "parsing the new text")
            if job is not None:
                new = job.result()
                job = None
            elif _same_file(old.path, os.fspath(new)):
                # The same file twice (also through a link): read and parse it once.
                new = dataclasses.replace(old, path=os.fspath(new))
            else:
                new = load_document(os.fspath(new), lexicon=lexicon, **read_options)
    finally:
        if job is not None:  # the old text failed: its error is the one reported
            job.cancel()
    return compare_documents(old, new, lexicon=lexicon, strict=strict,
                             min_similarity=min_similarity, gap_similarity=gap_similarity,
                             progress=progress)


PARALLEL_MIN_BYTES = 256 * 1024
"""Read and parse the two inputs in two processes when together they are at least this large
(below it a fork and the pickled result cost more than parsing the new text takes)."""


def _worth_forking(old: str, new: str) -> bool:
    """Two distinct regular files, large together, and a second core to parse on."""
    if old == "-" or new == "-":
        return False
    try:
        old_stat, new_stat = os.stat(old), os.stat(new)
    except OSError:
        return False  # the serial path reports the error
    if not (stat.S_ISREG(old_stat.st_mode) and stat.S_ISREG(new_stat.st_mode)):
        return False
    if (old_stat.st_dev, old_stat.st_ino) == (new_stat.st_dev, new_stat.st_ino):
        return False  # one file twice: read once (below)
    return old_stat.st_size + new_stat.st_size >= PARALLEL_MIN_BYTES and fork.available()


def _same_file(a: str | None, b: str) -> bool:
    if not a or a == "-" or b == "-":
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def compare_documents(old: Document, new: Document, *, lexicon: Lexicon | None = None,
                      strict: bool = False,
                      min_similarity: float = align_module.MIN_SIMILARITY,
                      gap_similarity: float = align_module.GAP_SIMILARITY,
                      progress: Progress | None = None) -> Comparison:
    """Align, diff and classify two parsed documents."""
    lexicon = lexicon or default_lexicon()
    old_paras, new_paras = old.paragraphs, new.paragraphs
    if progress:
        progress(0, 1, "aligning paragraphs")
    links = align([p.text for p in old_paras], [p.text for p in new_paras],
                  min_similarity=min_similarity, gap_similarity=gap_similarity)
    moved = _moved(links, old, new)
    warnings = [f"old: {w}" for w in old.warnings] + [f"new: {w}" for w in new.warnings]
    changes: list[tuple[Link, Change]] = []
    for done, link in enumerate(links):
        if progress and done % _PROGRESS_STEP == 0:
            progress(done, len(links), "diffing paragraph pairs")
        olds = [old_paras[i] for i in link.old]
        news = [new_paras[j] for j in link.new]
        old_text = PARAGRAPH_JOINER.join(p.text for p in olds)
        new_text = PARAGRAPH_JOINER.join(p.text for p in news)
        ops = word_diff(old_text, new_text)
        kind, text_changed, verb, flags = classify(
            olds, news, ops, moved=link in moved, strict=strict, lexicon=lexicon)
        change = Change(kind=kind, old=tuple(p.id for p in olds), new=tuple(p.id for p in news),
                        similarity=link.similarity, method=link.method, text_changed=text_changed,
                        verb=verb, flags=flags, diff=ops)
        if link.similarity is not None and link.similarity < LOW_SIMILARITY:
            warnings.append(f"{'+'.join(change.old)} -> {'+'.join(change.new)}: paired with low "
                            f"similarity {link.similarity:.2f}; check by hand")
        if link.passed_over is not None:
            side, index, score = link.passed_over
            other = (new_paras if side == "new" else old_paras)[index].id
            warnings.append(f"{'+'.join(change.old)} -> {'+'.join(change.new)}: paired by its "
                            f"opening (similarity {link.similarity:.2f}) over {side} {other}, "
                            f"which stood in its place ({score:.2f}); check the pairing")
        changes.append((link, change))
    ordered = _order(changes)
    footnotes = _compare_footnotes(old, new, changes)
    summary = Counter({kind: 0 for kind in CHANGE_KINDS})
    summary.update(c.kind for c in ordered)
    summary["strengthened"] = sum(1 for c in ordered if c.verb and c.verb.shift == "strengthened")
    summary["weakened"] = sum(1 for c in ordered if c.verb and c.verb.shift == "weakened")
    return Comparison(old=old, new=new, changes=tuple(ordered), footnotes=footnotes,
                      summary=dict(summary), strict=strict, warnings=tuple(warnings))


def _moved(links: list[Link], old: Document, new: Document) -> set[Link]:
    """Links off the longest order-preserving chain, or crossing preamble <-> operative."""
    matched = [link for link in links if link.old and link.new]

    def tie(i: int, j: int) -> tuple[str, str]:  # mirror-image chains: settled by the texts
        a, b = old.paragraphs[i].text, new.paragraphs[j].text
        return (a, b) if a <= b else (b, a)

    chain = set(ordered_chain([(l.old[0], l.new[0], l.similarity or 0.0) for l in matched],
                              tie))
    moved = set()
    for link in matched:
        old_section = old.paragraphs[link.old[0]].section
        new_section = new.paragraphs[link.new[0]].section
        crossed = {old_section, new_section} == {"preamble", "operative"}
        if (link.old[0], link.new[0]) not in chain or crossed:
            moved.add(link)
    return moved


def _order(changes: list[tuple[Link, Change]]) -> list[Change]:
    """New-document order; a dropped paragraph follows the change of its old predecessor."""
    position_of_old: dict[int, float] = {}
    for link, _ in changes:
        if link.new:
            for i in link.old:
                position_of_old[i] = link.new[0]
    # predecessor[i]: new position of the nearest old paragraph before i that has one
    # (one pass: a scan back from each dropped paragraph was quadratic when thousands drop)
    predecessor: list[float] = []
    last: float = -1
    for i in range(1 + max((i for link, _ in changes for i in link.old), default=-1)):
        predecessor.append(last)
        last = position_of_old.get(i, last)
    keyed = []
    for link, change in changes:
        if link.new:
            keyed.append(((link.new[0], 0, link.old[0] if link.old else -1), change))
        else:
            i = link.old[0]
            keyed.append(((predecessor[i], 1, i), change))
    keyed.sort(key=lambda item: item[0])
    return [change for _, change in keyed]


def _compare_footnotes(old: Document, new: Document,
                       changes: list[tuple[Link, Change]]) -> tuple[FootnoteChange, ...]:
    """Footnotes compared by text (their numbers shift between versions).

    Footnotes the text pass leaves unpaired are paired through their citations: when a
    paragraph pair cites equally many unpaired footnotes, those pair in citation order (a
    report symbol updated every session, "A/52/494." -> "A/54/382.", shares no words).
    """
    old_notes, new_notes = old.footnotes, new.footnotes
    links = align([f.text for f in old_notes], [f.text for f in new_notes], coverage=False)
    pairs = {l.old[0]: (l.new[0], l.similarity, l.method) for l in links if l.old and l.new}
    old_index = {f.mark: i for i, f in enumerate(old_notes)}
    new_index = {f.mark: j for j, f in enumerate(new_notes)}
    # New footnotes already paired, kept up to date (rebuilt for each link, it made a
    # compilation's comparison quadratic in its footnotes).
    taken = {j for j, _, _ in pairs.values()}
    for link, _ in changes:
        if not (link.old and link.new):
            continue
        olds = [old_index[m] for i in link.old for m in old.paragraphs[i].footnotes
                if m in old_index and old_index[m] not in pairs]
        news = [new_index[m] for j in link.new for m in new.paragraphs[j].footnotes
                if m in new_index and new_index[m] not in taken]
        olds, news = list(dict.fromkeys(olds)), list(dict.fromkeys(news))
        if olds and len(olds) == len(news):
            for i, j in zip(olds, news):
                pairs[i] = (j, similarity(old_notes[i].text, new_notes[j].text), "citation")
                taken.add(j)
    paired_new = {j for j, _, _ in pairs.values()}
    result = []
    for i, note in enumerate(old_notes):
        if i in pairs:
            j, score, method = pairs[i]
            kind = "unchanged" if method in ("exact", "normalized") else "reworded"
            result.append(((j, i), FootnoteChange(kind, note.mark, new_notes[j].mark, score,
                                                 word_diff(note.text, new_notes[j].text))))
        else:
            result.append(((len(new_notes), i), FootnoteChange("dropped", note.mark, None, None,
                                                               word_diff(note.text, ""))))
    for j, note in enumerate(new_notes):
        if j not in paired_new:
            result.append(((j, -1), FootnoteChange("added", None, note.mark, None,
                                                   word_diff("", note.text))))
    result.sort(key=lambda item: item[0])
    return tuple(change for _, change in result)
