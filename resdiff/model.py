"""The resdiff data model: frozen dataclasses and nothing else.

This module is a leaf: it imports nothing of ours and does no work beyond validation.
Every stage produces these objects and every renderer reads them.

    Document      one parsed text (resolution, draft, revision)
      Paragraph   a preambular (PP), operative (OP) or plain (P) paragraph
      Footnote    a numbered footnote and where it is cited
      Adoption    the adoption line ("70th plenary meeting", date)
      Heading     a heading between paragraphs ("II", "Capacity-building")
    Comparison    two Documents and what changed between them
      Change      one aligned group of paragraphs (pair, split, merge, added, dropped)
      DiffOp      one word-diff operation (equal / insert / delete)
      VerbShift   the opening phrase before and after, and the strength shift
      FootnoteChange  one footnote compared by text
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

SCHEMA_VERSION = 1

SECTIONS = ("preamble", "operative", "body")
CHANGE_KINDS = ("unchanged", "reworded", "moved", "added", "dropped", "split", "merged")
SHIFTS = ("strengthened", "weakened", "changed")
FLAGS = ("reference-update", "hedge-added", "hedge-removed", "typography")
DIFF_OPS = ("equal", "insert", "delete")
FOOTNOTE_KINDS = ("unchanged", "reworded", "added", "dropped")

#: Separator placed between the texts of several paragraphs on one side of a split or a
#: merge, so that joining a change's diff operations rebuilds that side exactly.
PARAGRAPH_JOINER = "\n"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as a reader sees it."""

    id: str
    """Label delegates use: PP3, OP9, OP9(a), OP9(a)(i), OP5bis, or P4 without structure."""
    section: str
    """"preamble", "operative" or "body" (no PP/OP structure found)."""
    number: str | None
    """The printed number or letter ("9", "5bis", "a", "ii"); None when unnumbered."""
    opening: str | None
    """The (italic) lead phrase, e.g. "Deeply disturbed by" -> "Deeply disturbed"; None if unknown."""
    text: str
    """Clean text: no number prefix, no footnote markers, no page furniture, one space between words."""
    footnotes: tuple[str, ...] = ()
    """Marks of the footnotes cited in this paragraph, in order of citation."""
    lines: tuple[int, int] = (0, 0)
    """First and last 1-based line of the input this paragraph came from."""
    parent: str | None = None
    """Id of the enclosing paragraph for a sub-paragraph (OP9 for OP9(a)); None otherwise."""

    def __post_init__(self) -> None:
        if self.section not in SECTIONS:
            raise ValueError(f"unknown section {self.section!r}")


@dataclass(frozen=True)
class Footnote:
    """A footnote of the document."""

    mark: str
    """The printed footnote number ("1")."""
    text: str
    """The footnote text, cleaned like paragraph text."""
    cited_in: tuple[str, ...] = ()
    """Ids of the paragraphs that cite this mark (a mark can be cited more than once)."""
    lines: tuple[int, int] = (0, 0)
    """First and last 1-based line of the footnote block in the input."""


@dataclass(frozen=True)
class Heading:
    """A heading inside the text ("I", "Calendar of conferences and meetings",
    "Budget performance report for ..."): not a paragraph, but kept where it stood."""

    text: str
    before: str | None
    """Id of the paragraph the heading stands before (None at the end of the text)."""
    lines: tuple[int, int] = (0, 0)
    """First and last 1-based line of the heading in the input."""


@dataclass(frozen=True)
class Adoption:
    """The adoption line at the foot of a resolution."""

    meeting: str | None
    """E.g. "70th plenary meeting"."""
    date: str | None
    """ISO date, e.g. "1997-12-12"."""


@dataclass(frozen=True)
class Document:
    """One parsed text."""

    path: str | None
    """Path as given by the user ("-" for stdin); None for text passed in directly."""
    sha256: str
    """sha256 of the input bytes (of the UTF-8 text when built from a string)."""
    symbol: str | None
    """UN document symbol, e.g. "A/RES/52/132" or "A/C.3/54/L.99/Rev.1"."""
    session: int | None
    """General Assembly session number, e.g. 52."""
    title: str | None
    """E.g. "Human rights and mass exoduses"."""
    organ: str | None
    """Organ line without its comma, e.g. "The General Assembly"."""
    adopted: Adoption | None
    """The adoption line, if present."""
    paragraphs: tuple[Paragraph, ...]
    """All paragraphs in order of appearance; sub-paragraphs follow their parent."""
    footnotes: tuple[Footnote, ...] = ()
    """Footnotes in order of their marks."""
    warnings: tuple[str, ...] = ()
    """Why the parser fell back or what it was unsure of."""
    headings: tuple[Heading, ...] = ()
    """Headings between paragraphs (sections of a long or a financing resolution)."""

    def paragraph(self, id: str) -> Paragraph:
        """The paragraph with this id (KeyError if none)."""
        return self._by_id[id]

    @functools.cached_property
    def _by_id(self) -> dict[str, Paragraph]:
        # Built on first lookup; callers look paragraphs up once per change on 35,000-
        # paragraph compilations, so a scan per lookup would be quadratic.
        return {para.id: para for para in self.paragraphs}


@dataclass(frozen=True)
class DiffOp:
    """One word-diff operation; equal+delete texts rebuild old, equal+insert rebuild new."""

    op: str
    """"equal", "insert" or "delete"."""
    text: str
    """The text of this run, spaces included."""

    def __post_init__(self) -> None:
        if self.op not in DIFF_OPS:
            raise ValueError(f"unknown diff op {self.op!r}")


@dataclass(frozen=True)
class VerbShift:
    """The opening phrase on both sides and how its strength moved."""

    old: str | None
    """Opening phrase in old (None for added paragraphs or when not recognised)."""
    new: str | None
    """Opening phrase in new."""
    shift: str | None
    """"strengthened", "weakened", "changed" (different scales) or None (no shift)."""


@dataclass(frozen=True)
class Change:
    """One aligned group of paragraphs and what happened to it."""

    kind: str
    """One of CHANGE_KINDS."""
    old: tuple[str, ...]
    """Ids of the old paragraphs in this change (empty for added)."""
    new: tuple[str, ...]
    """Ids of the new paragraphs in this change (empty for dropped)."""
    similarity: float | None
    """0..1 similarity of the matched texts; None for added/dropped."""
    method: str | None
    """How the pair was found: "exact", "normalized", "fuzzy", "coverage"; None for added/dropped."""
    text_changed: bool
    """True when the words differ (after the default normalisation unless strict)."""
    verb: VerbShift | None
    """Opening phrases and their shift; None when neither side has an opening."""
    flags: tuple[str, ...]
    """Subset of FLAGS, sorted."""
    diff: tuple[DiffOp, ...]
    """Word diff of the joined old texts against the joined new texts."""

    def __post_init__(self) -> None:
        if self.kind not in CHANGE_KINDS:
            raise ValueError(f"unknown change kind {self.kind!r}")


@dataclass(frozen=True)
class FootnoteChange:
    """One footnote, compared by text (numbers shift between versions)."""

    kind: str
    """One of FOOTNOTE_KINDS."""
    old: str | None
    """Old mark, None when added."""
    new: str | None
    """New mark, None when dropped."""
    similarity: float | None
    """0..1, None for added/dropped."""
    diff: tuple[DiffOp, ...]
    """Word diff of the footnote texts."""


@dataclass(frozen=True)
class Comparison:
    """The finished comparison every renderer reads."""

    old: Document
    """The old version."""
    new: Document
    """The new version."""
    changes: tuple[Change, ...]
    """Every paragraph of old in exactly one change's old, every one of new in exactly one's new;
    ordered by the new document (dropped paragraphs after their old predecessor's change)."""
    footnotes: tuple[FootnoteChange, ...]
    """Footnote changes, new-document order then dropped."""
    summary: dict[str, int]
    """Counts per change kind plus "strengthened" and "weakened"."""
    strict: bool = False
    """True when typography-only differences were reported as changes."""
    warnings: tuple[str, ...] = ()
    """Alignment doubts and parser warnings of both sides, prefixed "old:"/"new:"."""

    @property
    def has_differences(self) -> bool:
        """True when anything changed (the exit code 1 condition)."""
        return any(c.kind != "unchanged" for c in self.changes) or any(
            f.kind != "unchanged" for f in self.footnotes
        )


SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One result of `resdiff check`: a rule that a draft breaks, where."""

    rule: str
    """Rule id, part of the interface: "pp-punctuation", "weakened", "protect", ..."""
    severity: str
    """"error", "warning" or "info"."""
    paragraph: str | None
    """Paragraph id in the draft, or None (document-level finding)."""
    base_paragraph: str | None
    """Paragraph id in the base (with --against), or None."""
    line: int | None
    """1-based line in the draft (or the base for findings about dropped text)."""
    message: str
    """One sentence a drafter can act on."""
    path: str | None = None
    """The file `line` refers to (the draft unless the finding is about the base)."""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")


@dataclass(frozen=True)
class CheckReport:
    """Everything `resdiff check` found, ready for any CI format."""

    draft: Document
    """The checked draft."""
    base: Document | None
    """The base it was compared against (--against), or None."""
    findings: tuple[Finding, ...]
    """Findings in draft order (line, then rule id)."""
    fail_on: str = "error"
    """Lowest severity that fails the check ("error" or "warning")."""
    rules: tuple[str, ...] = ()
    """Ids of every rule that ran (one JUnit testcase / SARIF rule each)."""

    @property
    def summary(self) -> dict[str, int]:
        """Count of findings per severity."""
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    @property
    def failed(self) -> bool:
        """True when a finding reaches the fail level (exit code 1)."""
        levels = SEVERITIES[: SEVERITIES.index(self.fail_on) + 1]
        return any(f.severity in levels for f in self.findings)


# -- series: history and blame (resdiff history, resdiff blame) ------------------------------

LINEAGE_STATUSES = ("current", "dropped")


@dataclass(frozen=True)
class Version:
    """One version of a series (a resolution, draft or revision), in series order."""

    label: str
    """Short name for columns and headings ("52/132", "L.99/Rev.1"); symbol or file name by default."""
    symbol: str | None
    """UN document symbol, from the manifest or else the parsed masthead."""
    date: str | None
    """ISO date, from the manifest or else the adoption line; None when unknown."""
    path: str | None
    """The input as given ("-" for stdin); manifest paths are joined to the manifest's folder."""


@dataclass(frozen=True)
class Place:
    """A paragraph in one version of a series."""

    version: int
    """Index of the version, 0..n-1 in series order."""
    id: str
    """Paragraph id in that version (PP3, OP9(a))."""


@dataclass(frozen=True)
class Link:
    """One change between consecutive versions, seen as a step of the lineages it joins."""

    old_version: int
    """Index of the older version; the link leads to version old_version + 1."""
    change: Change
    """The change from that version's Comparison (kind, old ids, new ids, diff)."""

    @property
    def new_version(self) -> int:
        """Index of the newer version."""
        return self.old_version + 1

    @property
    def kind(self) -> str:
        """The change kind this link carries."""
        return self.change.kind


@dataclass(frozen=True)
class Lineage:
    """A paragraph's chain back through the versions: one row of the history matrix.

    A lineage ends at a paragraph with no successor: a paragraph of the newest version
    ("current") or one dropped later ("dropped"). Going back it joins on merges (a cell then
    holds several ids) and shares its ancestors with its siblings on splits."""

    id: str
    """Id of the paragraph the lineage ends at (the newest id, or the id before the drop)."""
    version: int
    """Index of the version holding that paragraph."""
    status: str
    """"current" (reaches the newest version) or "dropped"."""
    cells: tuple[tuple[str, ...], ...]
    """Per version, ids of this lineage's paragraphs in document order (empty when absent)."""
    steps: tuple[tuple[int, ...], ...]
    """Per version, indices into History.links of the links arriving there from the previous
    version (always empty for version 0; the dropped link sits in the column after the drop)."""

    def __post_init__(self) -> None:
        if self.status not in LINEAGE_STATUSES:
            raise ValueError(f"unknown lineage status {self.status!r}")
        if len(self.cells) != len(self.steps):
            raise ValueError("cells and steps must have one entry per version")


@dataclass(frozen=True)
class History:
    """A series of versions, each consecutive pair compared, linked into lineages."""

    versions: tuple[Version, ...]
    """The versions in series order."""
    documents: tuple[Document, ...]
    """The parsed document of each version."""
    comparisons: tuple[Comparison, ...]
    """comparisons[i] compares version i (old) with version i + 1 (new)."""
    links: tuple[Link, ...]
    """Every change of every comparison, in comparison order then change order."""
    lineages: tuple[Lineage, ...]
    """Rows: current lineages in newest-version order, dropped ones after their predecessor."""
    warnings: tuple[str, ...] = ()
    """Parser and alignment warnings, prefixed with the version ("v1: ...", "v0->v1: ...")."""

    def __post_init__(self) -> None:
        if len(self.documents) != len(self.versions):
            raise ValueError("one document per version")
        if len(self.comparisons) != max(len(self.versions) - 1, 0):
            raise ValueError("one comparison per consecutive pair of versions")

    @property
    def has_differences(self) -> bool:
        """True when any version differs from its predecessor (the exit code 1 condition)."""
        return any(c.has_differences for c in self.comparisons)


@dataclass(frozen=True)
class BlameEntry:
    """Where one paragraph of a version comes from (`resdiff blame`)."""

    id: str
    """Paragraph id in the blamed version."""
    origin: Place
    """Earliest place its lineage reaches back to (through splits to the split paragraph;
    through merges to the earliest part, then the first in document order)."""
    unchanged_since: Place
    """Earliest place from which its wording stayed the same along a one-to-one chain."""
    origins: tuple[Place, ...] = ()
    """Every earliest ancestor (several after a merge), earliest version first."""
