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
    tracked_changes: bool = False
    """True when the input (a .docx) carries tracked changes (w:ins, w:del, moves)."""


@dataclass(frozen=True)
class Extracted:
    """What a rich-format reader returns when it has more to say than the text itself."""

    text: str
    """The text the parser reads (paragraphs separated by blank lines, LF line ends)."""
    tracked_changes: bool = False
    """True when the input carries tracked changes."""


READER_OPTIONS = {"docx": ("tracked",), "pdf": ("max_pages", "time_limit"), "html": ()}
"""Which reader options each rich format takes; the others are dropped (a --tracked mode
means nothing to a PDF)."""


def read_bytes(path: str, *, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """Read a regular file (or stdin for "-"), refusing anything that is not one.

    Reads at most ``max_size + 1`` bytes so an oversized or endless input (``/dev/zero``)
    costs bounded time and memory.
    """
    if max_size < 0:
        raise InputError(f"--max-size must be 0 or more, not {max_size}", path=path)
    if path == "-":
        return _read_stdin(max_size)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError("is a dangling symbolic link", path=path,
                             hint="point it at an existing file") from None
        raise InputError("no such file", path=path, hint="check the path") from None
    except PermissionError:
        raise _permission_denied(path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    except ValueError as exc:  # "embedded null byte" from a library caller's path
        raise InputError(f"invalid path: {exc}", path=path) from None
    _check_kind(info, path)
    if info.st_size > max_size:
        raise _too_big(f"file is {info.st_size} bytes, more than --max-size {max_size}", path)
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening it must not
        # hang; fstat on the open descriptor then refuses it (no check-then-use race).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        raise _permission_denied(path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    try:
        with os.fdopen(fd, "rb") as handle:
            _check_kind(os.fstat(handle.fileno()), path)
            data = handle.read(max_size + 1)
    except PermissionError:
        raise _permission_denied(path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    if len(data) > max_size:
        raise _too_big(f"file grew past --max-size {max_size}", path)
    return data


def _read_stdin(max_size: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("stdin is closed", path="-", hint="pipe the text to resdiff")
    try:
        data = stream.read(max_size + 1)
    except OSError as exc:
        raise InputError(f"cannot read stdin: {exc.strerror}", path="-") from None
    if len(data) > max_size:
        raise _too_big(f"stdin is larger than --max-size {max_size} bytes", "-")
    return data


def _check_kind(info: os.stat_result, path: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory", path=path, hint="give a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError("is not a regular file (device, FIFO or socket)", path=path,
                         hint="save the text to a file first, or pipe it to '-'")


def _too_big(message: str, path: str) -> InputError:
    return InputError(message, path=path, hint="raise --max-size if this is intended")


def _permission_denied(path: str) -> InputError:
    return InputError("permission denied", path=path,
                      hint="make the file readable for this user")


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
    tracked = False
    if fmt == "text":
        decoded = text_reader.decode(data, path=path, encoding=encoding)
    else:
        options = {k: v for k, v in reader_options.items()
                   if k in READER_OPTIONS.get(fmt, ()) and v is not None}
        decoded = _read_rich_format(fmt, data, path=path, **options)
        if isinstance(decoded, Extracted):
            decoded, tracked = decoded.text, decoded.tracked_changes
    return Source(path=path, text=decoded, sha256=digest, format=fmt, tracked_changes=tracked)


def _read_rich_format(fmt: str, data: bytes, *, path: str, **options) -> "str | Extracted":
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
