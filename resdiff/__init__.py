"""resdiff: compare UN resolution texts paragraph by paragraph, the way negotiators read them.

Library API (mirrors the CLI):

    resdiff.parse_file(path, **read_options)     -> Document     (resdiff parse)
    resdiff.parse_text(text)                     -> Document
    resdiff.compare(old, new, **options)         -> Comparison   (resdiff compare)
    resdiff.load_history(paths_or_manifest, **options) -> History (resdiff history)

The modules are one verb each (read, parse, align, diff, classify, engine, check, history,
render); the model (Document, Paragraph, Comparison, Change, History, ...) lives in
resdiff.model; errors in resdiff.errors. Heavy modules load on first use so `resdiff
--version` stays fast. (No submodule is named like these functions, so importing one never
replaces a function here.)
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "parse_text", "parse_file", "compare", "load_history"]


def parse_text(text: str, **options):
    """Parse a decoded resolution text into a Document (see resdiff.parse.parse)."""
    from .parse import parse

    return parse(text, **options)


def parse_file(path: str, **options):
    """Read and parse a file ("-" for stdin) into a Document."""
    from .load import load_document

    return load_document(path, **options)


def compare(old, new, **options):
    """Compare two versions (paths or Documents) into a Comparison."""
    from .engine import compare as run

    return run(old, new, **options)


def load_history(inputs, **options):
    """Follow every paragraph through a series (paths oldest first, or one SERIES.toml)."""
    from .history import load_history as run

    return run(inputs, **options)
