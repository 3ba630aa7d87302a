"""Plain-text decoding: BOMs, strict UTF-8 with a located error, ``--encoding``, line ends."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

_BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

BINARY_PROBE = 8000
"""Like git and diff(1): a NUL byte among the first 8000 bytes means binary."""


def decode(data: bytes, *, path: str, encoding: str | None = None) -> str:
    """Decode input bytes to text with LF line ends; never guess silently."""
    if encoding is None:
        for bom, name in _BOMS:
            if data.startswith(bom):
                if name == "utf-8":
                    # A UTF-8 BOM says nothing about binary content: probe after it too.
                    _refuse_binary(data[len(bom):], path)
                return _normalize_newlines(_decode(data[len(bom):], name, path, skipped=len(bom)))
        _refuse_binary(data, path)
        encoding = "utf-8"
    else:
        try:
            info = codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", path=path,
                             hint="try --encoding utf-8 or cp1252") from None
        # "rot13", "zlib", "base64", "hex" are codecs but not text encodings: bytes.decode
        # raises LookupError for them.
        if not getattr(info, "_is_text_encoding", True):
            raise InputError(f"{encoding!r} is not a text encoding", path=path,
                             hint="try --encoding utf-8 or cp1252")
    text = _decode(data, encoding, path)
    if text.startswith("\ufeff"):
        text = text[1:]
    return _normalize_newlines(text)


def _refuse_binary(data: bytes, path: str) -> None:
    if b"\x00" in data[:BINARY_PROBE]:
        raise InputError("looks binary (NUL byte near the start)", path=path,
                         hint="give a text, .docx, .pdf or .html file, or --encoding utf-16 "
                              "for UTF-16 without a BOM")


# A lone surrogate cannot be written as UTF-8 and crashes diff-match-patch's output
# (RELIABILITY.md); utf-7, unicode_escape and friends decode to them without complaint.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _decode(data: bytes, encoding: str, path: str, *, skipped: int = 0) -> str:
    """Strict decode; ``skipped`` BOM bytes are added back to the reported offset."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"is not valid {encoding} (byte offset {skipped + exc.start}: "
            f"{data[exc.start:exc.start + 1]!r})",
            path=path, hint="pass --encoding, e.g. --encoding cp1252",
        ) from None
    except (UnicodeError, ValueError, LookupError) as exc:
        # Some codecs (idna, punycode) fail without a byte offset.
        raise InputError(f"is not valid {encoding} ({type(exc).__name__})", path=path,
                         hint="pass --encoding, e.g. --encoding cp1252") from None
    surrogate = _SURROGATE.search(text)
    if surrogate:
        raise InputError(
            f"decodes to an unpaired surrogate U+{ord(surrogate.group()):04X} with {encoding} "
            f"(character {surrogate.start()})",
            path=path, hint="pass another --encoding, e.g. --encoding utf-8")
    return text


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
