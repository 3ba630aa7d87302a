"""Plain-text decoding: BOMs, strict UTF-8 with a located error, ``--encoding``, line ends."""

from __future__ import annotations

import codecs

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
                return _normalize_newlines(_decode(data[len(bom):], name, path))
        if b"\x00" in data[:BINARY_PROBE]:
            raise InputError("looks binary (NUL byte near the start)", path=path,
                             hint="give a text, .docx, .pdf or .html file")
        encoding = "utf-8"
    else:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", path=path,
                             hint="try --encoding utf-8 or cp1252") from None
    text = _decode(data, encoding, path)
    if text.startswith("\ufeff"):
        text = text[1:]
    return _normalize_newlines(text)


def _decode(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"is not valid {encoding} (byte offset {exc.start}: {data[exc.start:exc.start + 1]!r})",
            path=path, hint="pass --encoding, e.g. --encoding cp1252",
        ) from None


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
