"""Guards for untrusted packages: a bounded ZIP reader and an XML parser that stays local.

    Package(data, path=...)     open a .docx (any OOXML) ZIP with limits on entries and sizes
    Package.read(name)          one member, read in chunks and cut off at its limit
    parse_xml(data, path=...)   lxml without entity expansion, network access or huge trees

A .docx is a ZIP of XML files, so a hostile one can declare a small size and inflate to
gigabytes (a zip bomb), hold a million entries, or carry an XML entity bomb. Every limit
below fails fast with a FormatError (exit 2) instead of exhausting memory (RELIABILITY.md:
"exit 2 within a second").
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from ..errors import FormatError

MAX_ENTRIES = 2000
"""A real Word document has a few dozen parts; embedded images add some more."""
MAX_MEMBER_SIZE = 64 * 1024 * 1024
"""Largest uncompressed size of one XML part we read (a 2,000-page document.xml is ~30 MB)."""
MAX_TOTAL_SIZE = 256 * 1024 * 1024
"""Largest sum of the declared uncompressed sizes of all entries."""
MAX_RATIO = 400
"""Largest uncompressed/compressed ratio of a member we read: Word XML deflates 5-30x,
very repetitive generated XML ~100x; zip bombs reach ~1000x per layer."""
_CHUNK = 64 * 1024


class Package:
    """A ZIP package opened with limits; members are read on demand and bounded."""

    def __init__(self, data: bytes, *, path: str, kind: str = "docx"):
        self.path = path
        self.kind = kind
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except Exception as exc:  # noqa: BLE001 - zipfile on hostile bytes: struct, zlib, ...
            raise FormatError(f"is not a valid {kind} file (broken ZIP: {_reason(exc)})", path=path,
                              hint=f"open and re-save it, or pass --input-format if it is not {kind}") from None
        if len(infos) > MAX_ENTRIES:
            raise FormatError(f"{kind} package has {len(infos)} entries (limit {MAX_ENTRIES}); "
                              "refusing a possible zip bomb", path=path)
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_SIZE:
            raise FormatError(f"{kind} package declares {total} uncompressed bytes "
                              f"(limit {MAX_TOTAL_SIZE}); refusing a possible zip bomb", path=path)
        self._infos = {info.filename: info for info in infos}

    def names(self) -> list[str]:
        """Member names in archive order."""
        return list(self._infos)

    def has(self, name: str) -> bool:
        """True when the package has a member of this name."""
        return name in self._infos

    def read(self, name: str, *, limit: int = MAX_MEMBER_SIZE) -> bytes:
        """Read one member, refusing it if it declares or inflates past its limits."""
        info = self._infos.get(name)
        if info is None:
            raise FormatError(f"{self.kind} package has no part {name!r}", path=self.path,
                              hint="the file may be damaged; open and re-save it")
        if info.flag_bits & 0x1:
            raise FormatError(f"{self.kind} part {name!r} is encrypted", path=self.path,
                              hint="remove the password protection and save again")
        if info.file_size > limit:
            raise FormatError(f"{self.kind} part {name!r} is {info.file_size} bytes "
                              f"(limit {limit})", path=self.path)
        # The ratio is checked on what actually comes out, so a lying header does not help.
        ceiling = min(limit, max(info.compress_size, 1) * MAX_RATIO + _CHUNK)
        out = bytearray()
        try:
            with self._zip.open(info) as stream:
                while True:
                    chunk = stream.read(_CHUNK)
                    if not chunk:
                        break
                    out += chunk
                    if len(out) > ceiling:
                        raise FormatError(
                            f"{self.kind} part {name!r} inflates past {ceiling} bytes "
                            f"(compression ratio over {MAX_RATIO}); refusing a possible zip bomb",
                            path=self.path)
        except FormatError:
            raise
        except Exception as exc:  # noqa: BLE001 - zlib.error, bz2/lzma errors, bad headers...
            # Whatever the decompressors raise on damaged data means the same to the user.
            raise FormatError(f"cannot read {self.kind} part {name!r}: {_reason(exc)}", path=self.path,
                              hint="the file may be damaged; open and re-save it") from None
        return bytes(out)


def _reason(exc: Exception) -> str:
    """A library's exception as a short reason for a one-line message."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "..."


_DOCTYPE = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*)*<!DOCTYPE", re.S)


def parse_xml(data: bytes, *, path: str, part: str = "XML"):
    """Parse untrusted XML: no entity expansion, no DTD loading, no network, no huge trees."""
    if _DOCTYPE.match(data[:65536]):
        # OOXML never needs a DTD; one in a .docx is an entity attack or garbage.
        raise FormatError(f"{part} declares a DTD, which Word documents never do; refusing it",
                          path=path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, dtd_validation=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except Exception as exc:  # noqa: BLE001 - XMLSyntaxError, or anything else lxml raises
        raise FormatError(f"{part} is not well-formed XML ({_reason(exc)})", path=path,
                          hint="the file may be damaged; open and re-save it") from None
    if root is None:
        raise FormatError(f"{part} is empty", path=path)
    return root
