"""resdiff: compare UN resolution texts paragraph by paragraph, the way negotiators read them.

Library API (mirrors the CLI):

    resdiff.parse_file(path, **read_options)   -> Document     (resdiff parse)
    resdiff.parse(text)                        -> Document
    resdiff.compare(old, new, **options)       -> Comparison   (resdiff compare)

The model (Document, Paragraph, Comparison, Change, ...) lives in resdiff.model; errors in
resdiff.errors. Heavy modules load on first use so `resdiff --version` stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "parse", "parse_file", "compare"]


def parse(text: str, **options):
    """Parse a decoded resolution text into a Document (see resdiff.parse.parse)."""
    from .parse import parse as _parse

    return _parse(text, **options)


def parse_file(path: str, **options):
    """Read and parse a file ("-" for stdin) into a Document."""
    from .compare import load_document

    return load_document(path, **options)


def compare(old, new, **options):
    """Compare two versions (paths or Documents) into a Comparison."""
    from .compare import compare as _compare

    return _compare(old, new, **options)
