"""Series: the versions to follow, from file arguments or a manifest TOML.

    read_manifest(path)          -> tuple[Version, ...]   a SERIES.toml file
    versions_from_paths(paths)   -> tuple[Version, ...]   FILE... arguments (labels filled later);
                                                          a folder: the files in it
    is_manifest(paths)           -> bool                  one argument ending in .toml

A manifest lists the versions in series order; paths are relative to the manifest's folder::

    title = "Human rights and mass exoduses"      # optional
    [[versions]]
    label = "52/132"                              # optional: symbol, else file name
    symbol = "A/RES/52/132"                       # optional: else read from the text
    date = 1997-12-12                             # optional: TOML date or "YYYY-MM-DD"
    path = "a-res-52-132.txt"

Unknown keys are refused (a typo such as ``pth`` must not silently drop a version).
"""

from __future__ import annotations

import datetime
import os

from .errors import ConfigError
from .tomlfile import read_toml
from .model import Version


MANIFEST_KEYS = {"title", "note", "versions"}
VERSION_KEYS = {"label", "symbol", "date", "path", "note"}


def is_manifest(paths: list[str] | tuple[str, ...]) -> bool:
    """True when the arguments are one series manifest rather than the versions themselves."""
    return len(paths) == 1 and paths[0].lower().endswith(".toml")


def versions_from_paths(paths: list[str] | tuple[str, ...]) -> tuple[Version, ...]:
    """Versions for FILE... arguments; labels, symbols and dates come from the parsed texts.
    A folder stands for the files in it and below it (not hidden ones), by name; the caller
    orders them by date once they are read (``has_folder``)."""
    out = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            out.extend(Version(label="", symbol=None, date=None, path=file)
                       for file in _files_in(path))
        else:
            out.append(Version(label="", symbol=None, date=None, path=path))
    return tuple(out)


def has_folder(paths: list[str] | tuple[str, ...]) -> bool:
    return any(path != "-" and os.path.isdir(path) for path in paths)


def _files_in(folder: str) -> list[str]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # (os.walk follows no links)
        files.extend(os.path.join(root, name) for name in sorted(names)
                     if not name.startswith(".") and os.path.isfile(os.path.join(root, name)))
    return files


def read_manifest(path: str) -> tuple[Version, ...]:
    """The versions a manifest lists, paths joined to the manifest's folder."""
    data = read_toml(path, what="series manifest")
    unknown = sorted(set(data) - MANIFEST_KEYS)
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r} in series manifest", path=path,
                          hint="use title, note and [[versions]] tables")
    entries = data.get("versions")
    if not isinstance(entries, list) or not entries:
        raise ConfigError("series manifest lists no versions", path=path,
                          hint="add [[versions]] tables with a path each")
    folder = os.path.dirname(path)
    versions = []
    for number, entry in enumerate(entries, 1):
        where = f"version {number}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where} is not a table", path=path, hint="use [[versions]]")
        unknown = sorted(set(entry) - VERSION_KEYS)
        if unknown:
            raise ConfigError(f"{where}: unknown key {unknown[0]!r}", path=path,
                              hint="use label, symbol, date, path, note")
        version_path = entry.get("path")
        if not isinstance(version_path, str) or not version_path:
            raise ConfigError(f"{where} has no path", path=path,
                              hint="give the file relative to the manifest")
        for key in ("label", "symbol"):
            if key in entry and not isinstance(entry[key], str):
                raise ConfigError(f"{where}: {key} must be a string", path=path)
        versions.append(Version(label=entry.get("label", ""), symbol=entry.get("symbol"),
                                date=_date(entry.get("date"), where=where, path=path),
                                path=os.path.join(folder, version_path)))
    return tuple(versions)


def _date(value, *, where: str, path: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ConfigError(f"{where}: date must be YYYY-MM-DD", path=path)
