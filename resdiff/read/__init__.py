"""Reading: bytes on disk (or stdin) -> decoded text, one reader per input format.

    load(path, ...)        -> Source   guard the file, sniff the format, call its reader
    read_bytes(path, ...)  -> bytes    the guarded, size-bounded read (missing, FIFO, too big)
    text.decode(...)       -> str      BOM / UTF-8 / --encoding, newline normalisation

Format readers for .docx, .pdf and .html live in their own modules and are imported only
when a file of that kind arrives, so the core install stays small.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from dataclasses import dataclass

from ..errors import FormatError, InputError
from . import text as text_reader

DEFAULT_MAX_SIZE = 20 * 1024 * 1024
"""Inputs larger than this many bytes are refused before decoding (``--max-size``)."""

FORMATS = ("text", "docx", "pdf", "html")


@dataclass(frozen=True)
class Source:
    """A decoded input, ready for the parser."""

    path: str
    """Path as the user gave it ("-" for stdin)."""
    text: str
    """Decoded text with LF line ends."""
    sha256: str
    """sha256 of the raw input bytes."""
    format: str
    """The format it was read as: one of FORMATS."""


def read_bytes(path: str, *, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """Read a regular file (or stdin for "-"), refusing anything that is not one.

    Reads at most ``max_size + 1`` bytes so an oversized or endless input (``/dev/zero``)
    costs bounded time and memory.
    """
    if path == "-":
        data = sys.stdin.buffer.read(max_size + 1)
        if len(data) > max_size:
            raise InputError(f"stdin is larger than {max_size} bytes", path=path,
                             hint="raise --max-size if this is intended")
        return data
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError("is a dangling symbolic link", path=path,
                             hint="point it at an existing file") from None
        raise InputError("no such file", path=path, hint="check the path") from None
    except PermissionError:
        raise InputError("permission denied", path=path,
                         hint="make the file readable for this user") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory", path=path, hint="give a file") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError("is not a regular file (device, FIFO or socket)", path=path,
                         hint="save the text to a file first, or pipe it to '-'")
    if info.st_size > max_size:
        raise InputError(f"file is {info.st_size} bytes, more than --max-size {max_size}",
                         path=path, hint="raise --max-size if this is intended")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_size + 1)
    except PermissionError:
        raise InputError("permission denied", path=path,
                         hint="make the file readable for this user") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    if len(data) > max_size:
        raise InputError(f"file grew past --max-size {max_size}", path=path)
    return data


def sniff(data: bytes) -> str:
    """Guess the input format from its first bytes (magic numbers, then markup)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<body" in data[:65536].lower()):
        return "html"
    return "text"


def load(path: str, *, input_format: str | None = None, encoding: str | None = None,
         max_size: int = DEFAULT_MAX_SIZE, **reader_options) -> Source:
    """Read one input of any supported format and return its decoded text."""
    data = read_bytes(path, max_size=max_size)
    fmt = input_format or sniff(data)
    if fmt not in FORMATS:
        raise FormatError(f"unknown input format {fmt!r}", path=path,
                          hint="use one of " + ", ".join(FORMATS))
    digest = hashlib.sha256(data).hexdigest()
    if fmt == "text":
        decoded = text_reader.decode(data, path=path, encoding=encoding)
    else:
        decoded = _read_rich_format(fmt, data, path=path, **reader_options)
    return Source(path=path, text=decoded, sha256=digest, format=fmt)


def _read_rich_format(fmt: str, data: bytes, *, path: str, **options) -> str:
    import importlib

    try:
        module = importlib.import_module(f"{__name__}.{fmt}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(__name__):
            raise FormatError(f"reading {fmt} files is not supported yet", path=path,
                              hint="convert it to plain text") from None
        raise FormatError(f"reading {fmt} files needs an optional package ({exc.name})",
                          path=path, hint=f"pip install 'resdiff[{fmt}]'") from None
    return module.read(data, path=path, **options)
