"""History: many versions of a text -> lineages of its paragraphs; blame for one version.

    load_history(inputs, **options)          FILE... or one SERIES.toml -> History
    build_history(versions, **options)       Versions -> History (parse, compare each pair, link)
    link_versions(documents, comparisons)    -> (links, lineages)
    blame(history, version, *, ignore_flags) -> tuple[BlameEntry, ...]
    version_of(history, path)                -> index of the version a file is

Each consecutive pair of versions is compared by the compare engine (engine.py); nothing
here aligns text. The changes of all comparisons become links between paragraphs of
neighbouring versions, (version, id) -> (version + 1, id'). Every paragraph has at most one
link in (none in the first version) and exactly one link out (none in the last), because a
Comparison accounts for every paragraph once on each side. A lineage is read backwards from
a paragraph with no successor: a paragraph of the newest version, or one that was dropped.
Going back it joins on merges (several ancestors) and, on splits, shares its ancestors with
the sibling parts: forks, read forwards.

blame answers two questions for each paragraph of one version:
- origin: the earliest place its lineage reaches (through a split to the split paragraph,
  through a merge to the earliest of the merged parts);
- unchanged_since: walking back while the link is a one-to-one pair whose wording did not
  change (`unchanged`, or `moved` with text_changed false; with ``ignore_flags`` also a change
  whose only flags are ignored ones, e.g. a reference update), the earliest place reached.
  A split or merge changes wording by definition: the walk stops there.

Parsed documents and comparisons are cached by content (cache.py) when a Cache is given.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable

from . import align as align_module
from .cache import Cache, fingerprint
from .engine import compare_documents, load_document
from .errors import InputError
from .lexicon import Lexicon, default_lexicon
from .model import (BlameEntry, Comparison, Document, History, Lineage, Link, Place, Version)
from .read import DEFAULT_MAX_SIZE, read_bytes
from .series import has_folder, is_manifest, read_manifest, versions_from_paths

Progress = Callable[[int, int, str], None]
"""progress(done, total, what): called after each parse or comparison."""


def load_history(inputs: list[str] | tuple[str, ...], **options) -> History:
    """History of FILE... arguments or of one series manifest (SERIES.toml)."""
    if is_manifest(inputs):
        return build_history(read_manifest(inputs[0]), **options)
    return build_history(versions_from_paths(inputs), by_date=has_folder(inputs), **options)


def build_history(versions: Iterable[Version], *, lexicon: Lexicon | None = None,
                  strict: bool = False, cache: Cache | None = None,
                  progress: Progress | None = None,
                  min_similarity: float = align_module.MIN_SIMILARITY,
                  gap_similarity: float = align_module.GAP_SIMILARITY,
                  by_date: bool = False, **read_options) -> History:
    """Parse every version, compare each consecutive pair, and link them into lineages.

    ``by_date``: order the versions by their dates (the manifest's, else the adoption line's,
    else the year the symbol names: a folder holding the General Assembly's and the
    Commission's texts of one series interleaves them); undated ones keep their place after
    the dated. ``read_options`` are those of ``load_document`` (encoding, max_size,
    input_format).
    """
    versions = tuple(versions)
    lexicon = lexicon or default_lexicon()
    lexicon_key = fingerprint(lexicon)
    total = 2 * len(versions) - 1 if versions else 0
    done = 0
    documents: list[Document] = []
    document_keys: list[str] = []
    for index, version in enumerate(versions):
        document, key = _load(version.path, lexicon=lexicon, lexicon_key=lexicon_key,
                              cache=cache, read_options=read_options)
        documents.append(document)
        document_keys.append(key)
        done += 1
        if progress:
            progress(done, total, f"parsed v{index}")
    if by_date:
        order = sorted(range(len(versions)), key=lambda i: (_when(versions[i], documents[i]) or "~", i))
        versions = tuple(versions[i] for i in order)
        documents = [documents[i] for i in order]
        document_keys = [document_keys[i] for i in order]
    comparisons: list[Comparison] = []
    for index in range(len(documents) - 1):
        old, new = documents[index], documents[index + 1]
        key = Cache.key("comparison", document_keys[index], document_keys[index + 1], strict,
                        min_similarity, gap_similarity, lexicon_key)
        comparison = cache.get_comparison(key, old, new) if cache else None
        if comparison is None:
            comparison = compare_documents(old, new, lexicon=lexicon, strict=strict,
                                           min_similarity=min_similarity,
                                           gap_similarity=gap_similarity)
            if cache:
                cache.put_comparison(key, comparison)
        comparisons.append(comparison)
        done += 1
        if progress:
            progress(done, total, f"compared v{index} -> v{index + 1}")
    links, lineages = link_versions(documents, comparisons)
    return History(versions=tuple(_complete(v, d, i) for i, (v, d) in
                                  enumerate(zip(versions, documents))),
                   documents=tuple(documents), comparisons=tuple(comparisons),
                   links=links, lineages=lineages, warnings=_warnings(documents, comparisons))


_SYMBOL_YEAR = re.compile(r"/((?:19|20)\d\d)/")  # E/CN.4/RES/1998/49, E/RES/2031/17


def _when(version: Version, document: Document) -> str | None:
    """A sortable date: the manifest's, the adoption line's, else the year of the symbol: a
    body that numbers its resolutions by year (the Commission, the Council) adopts them by
    midyear, a General Assembly session in its first year's December."""
    if version.date:
        return version.date
    if document.adopted and document.adopted.date:
        return document.adopted.date
    symbol = version.symbol or document.symbol or ""
    year = _SYMBOL_YEAR.search(symbol)
    if year:
        return f"{year.group(1)}-06-30"
    if symbol.startswith("A/RES/") and document.session:  # (the parsed session: 50 -> 1995)
        return f"{1945 + document.session}-12-31"
    return None


def _load(path: str | None, *, lexicon: Lexicon, lexicon_key: str, cache: Cache | None,
          read_options: dict) -> tuple[Document, str]:
    """One version's Document and its cache key (content sha256 + parse options)."""
    # Every read option can change the Document (encoding, format, tracked-change view, page
    # limit) except max_size, which read_bytes enforces before the lookup anyway.
    options = (sorted((k, v) for k, v in read_options.items() if k != "max_size"), lexicon_key)
    if path is None:
        raise InputError("a version of the series has no path")
    if cache is not None and cache.enabled and path != "-":
        # Hash the bytes first: on a hit, decoding and parsing (PDF extraction!) are skipped.
        data = read_bytes(path, max_size=read_options.get("max_size") or DEFAULT_MAX_SIZE)
        digest = hashlib.sha256(data).hexdigest()
        key = Cache.key("document", digest, *options)
        document = cache.get_document(key, path=path, sha256=digest)
        if document is not None:
            return document, key
    document = load_document(path, lexicon=lexicon, **read_options)
    key = Cache.key("document", document.sha256, *options)
    if cache is not None:
        cache.put_document(key, document)
    return document, key


def _complete(version: Version, document: Document, index: int) -> Version:
    """Fill what the manifest left out from the parsed text."""
    symbol = version.symbol or document.symbol
    date = version.date or (document.adopted.date if document.adopted else None)
    label = version.label or symbol or (os.path.basename(version.path) if version.path else "") \
        or f"v{index}"
    return Version(label=label, symbol=symbol, date=date, path=version.path)


def _warnings(documents: list[Document], comparisons: list[Comparison]) -> tuple[str, ...]:
    warnings = [f"v{i}: {w}" for i, d in enumerate(documents) for w in d.warnings]
    for i, comparison in enumerate(comparisons):
        # The comparison repeats both documents' parser warnings as "old: "/"new: "; those
        # are listed once per version above.
        warnings += [f"v{i}->v{i + 1}: {w}" for w in comparison.warnings
                     if not w.startswith(("old: ", "new: "))]
    return tuple(warnings)


# -- links and lineages ---------------------------------------------------------------------

class _Graph:
    """Links in and out of every (version, id) place, and paragraph positions."""

    def __init__(self, documents: list[Document] | tuple[Document, ...],
                 links: tuple[Link, ...]) -> None:
        self.position = [{p.id: i for i, p in enumerate(d.paragraphs)} for d in documents]
        self.incoming: dict[tuple[int, str], int] = {}
        self.outgoing: dict[tuple[int, str], int] = {}
        for index, link in enumerate(links):
            for old_id in link.change.old:
                self.outgoing[(link.old_version, old_id)] = index
            for new_id in link.change.new:
                self.incoming[(link.new_version, new_id)] = index
        self.links = links

    def parents(self, place: tuple[int, str]) -> list[tuple[int, str]]:
        index = self.incoming.get(place)
        if index is None:
            return []
        link = self.links[index]
        return [(link.old_version, old_id) for old_id in link.change.old]

    def ancestors(self, place: tuple[int, str]) -> set[tuple[int, str]]:
        """The place and every place its lineage reaches back to."""
        seen = {place}
        stack = [place]
        while stack:
            for parent in self.parents(stack.pop()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return seen


def link_versions(documents: list[Document] | tuple[Document, ...],
                  comparisons: list[Comparison] | tuple[Comparison, ...]
                  ) -> tuple[tuple[Link, ...], tuple[Lineage, ...]]:
    """All changes as links, and the lineages they form (see the module docstring)."""
    links = tuple(Link(old_version=i, change=change)
                  for i, comparison in enumerate(comparisons) for change in comparison.changes)
    graph = _Graph(documents, links)
    count = len(documents)
    if not count:
        return links, ()
    newest = count - 1
    # Where each place ends up in the newest version (its first descendant there), so that
    # a dropped lineage can be shown after the row of its nearest surviving predecessor.
    anchor: dict[tuple[int, str], int] = {
        (newest, p.id): i for i, p in enumerate(documents[newest].paragraphs)}
    for version in range(newest - 1, -1, -1):
        for paragraph in documents[version].paragraphs:
            index = graph.outgoing.get((version, paragraph.id))
            targets = [anchor[(version + 1, j)] for j in links[index].change.new
                       if (version + 1, j) in anchor] if index is not None else []
            if targets:
                anchor[(version, paragraph.id)] = min(targets)

    rows: list[tuple[tuple, Lineage]] = []
    for i, paragraph in enumerate(documents[newest].paragraphs):
        rows.append(((i, 0, 0, 0), _lineage(graph, count, (newest, paragraph.id), None)))
    for version in range(newest):
        paragraphs = documents[version].paragraphs
        for p, paragraph in enumerate(paragraphs):
            index = graph.outgoing.get((version, paragraph.id))
            if index is None or links[index].change.kind != "dropped":
                continue
            before = next((anchor[(version, paragraphs[q].id)] for q in range(p - 1, -1, -1)
                           if (version, paragraphs[q].id) in anchor), -1)
            rows.append(((before, 1, version, p),
                         _lineage(graph, count, (version, paragraph.id), index)))
    rows.sort(key=lambda row: row[0])
    return links, tuple(lineage for _, lineage in rows)


def _lineage(graph: _Graph, count: int, end: tuple[int, str], dropped: int | None) -> Lineage:
    places = graph.ancestors(end)
    cells: list[list[str]] = [[] for _ in range(count)]
    steps: list[set[int]] = [set() for _ in range(count)]
    for version, paragraph_id in places:
        cells[version].append(paragraph_id)
        incoming = graph.incoming.get((version, paragraph_id))
        if incoming is not None:
            steps[version].add(incoming)
    if dropped is not None:
        steps[end[0] + 1].add(dropped)
    return Lineage(
        id=end[1], version=end[0], status="current" if dropped is None else "dropped",
        cells=tuple(tuple(sorted(ids, key=graph.position[v].__getitem__))
                    for v, ids in enumerate(cells)),
        steps=tuple(tuple(sorted(s)) for s in steps))


# -- blame ----------------------------------------------------------------------------------

def unchanged_wording(link: Link, ignore_flags: Iterable[str] = ()) -> bool:
    """True when a one-to-one link kept the wording (up to the ignored flags)."""
    change = link.change
    if len(change.old) != 1 or len(change.new) != 1:
        return False
    if not change.text_changed:
        return change.kind in ("unchanged", "moved")
    ignored = set(ignore_flags)
    return (change.kind in ("reworded", "moved") and bool(change.flags)
            and set(change.flags) <= ignored
            and (change.verb is None or change.verb.shift is None))


def blame(history: History, version: int | None = None, *,
          ignore_flags: Iterable[str] = ()) -> tuple[BlameEntry, ...]:
    """Origin and unchanged_since of every paragraph of one version (default: the newest)."""
    count = len(history.versions)
    if version is None:
        version = count - 1
    if not 0 <= version < count:
        raise IndexError(f"version {version} is not in a series of {count}")
    ignore_flags = frozenset(ignore_flags)
    graph = _Graph(history.documents, history.links)
    entries = []
    for paragraph in history.documents[version].paragraphs:
        place = (version, paragraph.id)
        roots = sorted((p for p in graph.ancestors(place) if not graph.parents(p)),
                       key=lambda p: (p[0], graph.position[p[0]][p[1]]))
        since = place
        while True:
            index = graph.incoming.get(since)
            if index is None or not unchanged_wording(history.links[index], ignore_flags):
                break
            since = graph.parents(since)[0]
        entries.append(BlameEntry(
            id=paragraph.id, origin=Place(*roots[0]), unchanged_since=Place(*since),
            origins=tuple(Place(*root) for root in roots)))
    return tuple(entries)


def version_of(history: History, path: str) -> int:
    """Index of the version that is the file ``path``: the same file, else the same content.

    The newest match wins when a text appears twice in the series."""
    candidates = list(enumerate(history.versions))[::-1]
    for index, version in candidates:
        if version.path == path or (version.path and version.path != "-" and path != "-"
                                    and _same_file(version.path, path)):
            return index
    if path != "-" and os.path.isfile(path):
        with open(path, "rb") as handle:
            digest = hashlib.sha256(handle.read(DEFAULT_MAX_SIZE + 1)).hexdigest()
        for index, _ in candidates:
            if history.documents[index].sha256 == digest:
                return index
    raise InputError("is not one of the series versions", path=path,
                     hint="put FILE first and list it among the versions: "
                          "resdiff blame FILE --series V1 ... FILE")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
