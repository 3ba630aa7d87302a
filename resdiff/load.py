"""One input file -> Document: the read stage, then the parse stage.

    load_document(path, *, lexicon=None, **read_options) -> Document

Kept apart from engine.py so that the commands that only read (parse, textconv) do not import
the alignment and diff machinery: about a third of `resdiff parse`'s time was Python
importing it.
"""

from __future__ import annotations

from .lexicon import Lexicon
from .model import Document
from .parse import parse
from .read import load


def load_document(path: str, *, lexicon: Lexicon | None = None, **read_options) -> Document:
    """Read and parse one input file ("-" for stdin)."""
    source = load(path, **read_options)
    return parse(source.text, path=path, sha256=source.sha256, lexicon=lexicon)
