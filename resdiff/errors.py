"""Errors the resdiff library raises. The CLI turns each into one line on stderr and exit 2.

Every message names what failed and, where possible, what to do about it.
"""

from __future__ import annotations


class ResdiffError(Exception):
    """Base class: something the user can fix (bad input, bad option, bad rules file)."""

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None):
        self.path = path
        self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        text = super().__str__()
        if self.path is not None:
            text = f"{self.path}: {text}"
        if self.hint:
            text = f"{text} ({self.hint})"
        return text


class InputError(ResdiffError):
    """An input file cannot be read: missing, not a file, binary, bad encoding, too large."""


class FormatError(ResdiffError):
    """An input is readable but not in a format we can use, or needs a missing extra."""


class ConfigError(ResdiffError):
    """A lexicon, rules or series file is invalid."""


class OutputError(ResdiffError):
    """An output cannot be written (exists, would overwrite an input, not writable)."""
