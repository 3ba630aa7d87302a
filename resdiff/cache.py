"""A local cache of parsed Documents and pairwise Comparisons, so a long series only does new work.

    cache_directory()                    -> str      $RESDIFF_CACHE_DIR, else $XDG_CACHE_HOME/resdiff,
                                                      else ~/.cache/resdiff
    Cache(directory=None, on_problem=f)  a context manager over one SQLite file (cache.sqlite3)
      .key(kind, *parts)                 -> str      sha256 of the parts + resdiff version + code
      .get_document(key) / .put_document(key, document)
      .get_comparison(key, old, new) / .put_comparison(key, comparison)
    fingerprint(value)                   -> str      sha256 of an option value (a Lexicon, ...)

Values are the model dataclasses as JSON (zlib-compressed) and are rebuilt field by field, so
nothing is unpickled. Keys hash the input's sha256 together with every option that changes
the result, the resdiff version and a digest of the package's own code and data (an edited
parser must not serve results an older parser cached under the same version number).

The cache is an optimisation and never a reason to fail: a corrupt, locked, read-only or
missing cache file turns the cache off for the rest of the run and the work is computed
instead. ``on_problem`` hears about the first such problem once (the CLI prints it only with
--debug). The cache holds the texts of drafts that may be confidential, so its folder is
created private (0700) and its file 0600.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .model import (Adoption, Change, Comparison, DiffOp, Document, Footnote, FootnoteChange,
                    Paragraph, VerbShift)

CACHE_FORMAT = 1
"""Bump when the table layout or the stored JSON changes shape."""
FILE_NAME = "cache.sqlite3"
LOCK_TIMEOUT = 1.0
"""Seconds to wait for another resdiff process holding the cache before computing instead."""
KEEP_DAYS = 30
"""Entries not used for this many days are deleted when the cache is opened."""

# Which fields of a stored dataclass hold other dataclasses: (class, True for a tuple of them).
_NESTED: dict[type, dict[str, tuple[type, bool]]] = {
    Document: {"adopted": (Adoption, False), "paragraphs": (Paragraph, True),
               "footnotes": (Footnote, True)},
    Change: {"verb": (VerbShift, False), "diff": (DiffOp, True)},
    FootnoteChange: {"diff": (DiffOp, True)},
}


def cache_directory() -> str:
    """Where the cache lives: $RESDIFF_CACHE_DIR, else $XDG_CACHE_HOME/resdiff, else ~/.cache/resdiff."""
    explicit = os.environ.get("RESDIFF_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "resdiff")


def fingerprint(value) -> str:
    """sha256 of an option value: dataclasses by their fields, everything else as JSON."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=list)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """sha256 over the package's Python files and data (read once per process)."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = sorted(p for pattern in ("*.py", "*/*.py", "data/*") for p in root.glob(pattern)
                   if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


class Cache:
    """One SQLite cache file; opened on first use, turned off for the run on any trouble."""

    def __init__(self, directory: str | None = None, *,
                 on_problem: Callable[[str], None] | None = None,
                 timeout: float = LOCK_TIMEOUT) -> None:
        self.directory = directory or cache_directory()
        self.path = os.path.join(self.directory, FILE_NAME)
        self.timeout = timeout
        self._on_problem = on_problem
        self._connection: sqlite3.Connection | None = None
        self._disabled = False
        self._reported = False
        self._used: list[str] = []
        self.hits = 0
        """Entries served from the cache in this run."""
        self.misses = 0
        """Lookups that had to be computed."""

    # -- life cycle -------------------------------------------------------------------------

    def __enter__(self) -> "Cache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def enabled(self) -> bool:
        """False once a problem turned the cache off for this run."""
        return not self._disabled

    def close(self) -> None:
        """Record which entries were used (for pruning) and close the file."""
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            if self._used and not self._disabled:
                now = int(time.time())
                connection.executemany("UPDATE entries SET used = ? WHERE key = ?",
                                       [(now, key) for key in self._used])
        except sqlite3.Error as exc:
            self._problem(f"cannot update {self.path}: {exc}")
        finally:
            connection.close()

    def _connect(self) -> sqlite3.Connection | None:
        if self._disabled:
            return None
        if self._connection is not None:
            return self._connection
        connection = None
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            # Create the file private before SQLite opens it: its -wal and -shm files copy
            # the database file's permissions.
            os.close(os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600))
            connection = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            self._write_ahead_log(connection)
            connection.execute("PRAGMA synchronous=NORMAL")
            if connection.execute("PRAGMA user_version").fetchone()[0] != CACHE_FORMAT:
                # One transaction, so that two processes starting on a new cache do not
                # drop each other's table.
                connection.execute("BEGIN IMMEDIATE")
                if connection.execute("PRAGMA user_version").fetchone()[0] != CACHE_FORMAT:
                    connection.execute("DROP TABLE IF EXISTS entries")
                    connection.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, kind TEXT "
                                       "NOT NULL, value BLOB NOT NULL, used INTEGER NOT NULL)")
                    connection.execute(f"PRAGMA user_version = {int(CACHE_FORMAT)}")
                connection.execute("COMMIT")
            connection.execute("DELETE FROM entries WHERE used < ?",
                               (int(time.time()) - KEEP_DAYS * 86400,))
        except (sqlite3.Error, OSError) as exc:
            if connection is not None:
                connection.close()
            self._disable(f"cannot use {self.path}: {_reason(exc)}")
            return None
        self._connection = connection
        return connection

    def _write_ahead_log(self, connection: sqlite3.Connection) -> None:
        """Switch the file to WAL mode, waiting up to `timeout` for other processes.

        SQLite answers "database is locked" to this pragma at once, without its busy wait,
        when another process is switching the same new file at that moment (four resdiff
        runs starting on a new cache: 2 of 1,000 processes here). Retried here instead."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                connection.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                code = getattr(exc, "sqlite_errorcode", sqlite3.SQLITE_BUSY)
                busy = code & 0xFF == sqlite3.SQLITE_BUSY  # (extended codes: BUSY_*)
                if not busy or time.monotonic() >= deadline:
                    raise
                time.sleep(0.01)

    # -- reporting --------------------------------------------------------------------------

    def _problem(self, message: str) -> None:
        if not self._reported and self._on_problem is not None:
            self._reported = True
            self._on_problem(message)

    def _disable(self, message: str) -> None:
        self._disabled = True
        self._problem(f"{message}; computing without the cache (delete it to start afresh)")

    # -- keys and raw entries ---------------------------------------------------------------

    @staticmethod
    def key(kind: str, *parts) -> str:
        """The key of an entry: sha256 of the kind, the parts, the version and the code."""
        text = json.dumps([CACHE_FORMAT, __version__, code_digest(), kind, *parts],
                          ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _get(self, key: str):
        """The stored JSON value of a key, or None."""
        connection = self._connect()
        if connection is None:
            return None
        try:
            row = connection.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._disable(f"cannot read {self.path}: {_reason(exc)}")
            return None
        if row is None:
            return None
        try:
            return json.loads(zlib.decompress(row[0]).decode("utf-8"))
        except (zlib.error, UnicodeDecodeError, ValueError, TypeError) as exc:
            self._problem(f"unreadable cache entry in {self.path} ({type(exc).__name__}); "
                          f"recomputing it")
            return None

    def _put(self, key: str, kind: str, value) -> None:
        connection = self._connect()
        if connection is None:
            return
        blob = zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":"))
                             .encode("utf-8"), 1)
        try:
            connection.execute("INSERT OR REPLACE INTO entries (key, kind, value, used) "
                               "VALUES (?, ?, ?, ?)", (key, kind, blob, int(time.time())))
        except sqlite3.Error as exc:
            self._disable(f"cannot write {self.path}: {_reason(exc)}")

    # -- documents and comparisons ----------------------------------------------------------

    def get_document(self, key: str, *, path: str | None = None,
                     sha256: str | None = None) -> Document | None:
        """The cached Document for this key (its path set to ``path``), or None.

        With ``sha256``, a stored document of other content (a damaged entry) is ignored."""
        stored = self._get(key)
        document = None
        if stored is not None:
            try:
                document = dataclasses.replace(_decode(Document, stored), path=path)
                if sha256 is not None and document.sha256 != sha256:
                    raise ValueError("stored document has other content")
            except Exception as exc:  # noqa: BLE001 - a damaged entry must never fail a run
                self._problem(f"unusable cache entry in {self.path} ({exc!r}); recomputing it")
                document = None
        self._count(key, document is not None)
        return document

    def put_document(self, key: str, document: Document) -> None:
        self._put(key, "document", _encode(document))

    def get_comparison(self, key: str, old: Document, new: Document) -> Comparison | None:
        """The cached Comparison of these two Documents, or None.

        A stored comparison must account for every paragraph of both documents exactly
        once; one that does not (a damaged entry) is ignored and recomputed."""
        stored = self._get(key)
        comparison = None
        if stored is not None:
            try:
                comparison = Comparison(
                    old=old, new=new,
                    changes=tuple(_decode(Change, c) for c in stored["changes"]),
                    footnotes=tuple(_decode(FootnoteChange, f) for f in stored["footnotes"]),
                    summary={str(k): int(v) for k, v in stored["summary"].items()},
                    strict=bool(stored["strict"]), warnings=tuple(stored["warnings"]))
                _check_accounted(comparison)
            except Exception as exc:  # noqa: BLE001 - a damaged entry must never fail a run
                self._problem(f"unusable cache entry in {self.path} ({exc!r}); recomputing it")
                comparison = None
        self._count(key, comparison is not None)
        return comparison

    def put_comparison(self, key: str, comparison: Comparison) -> None:
        self._put(key, "comparison", {
            "changes": [_encode(c) for c in comparison.changes],
            "footnotes": [_encode(f) for f in comparison.footnotes],
            "summary": dict(comparison.summary), "strict": comparison.strict,
            "warnings": list(comparison.warnings)})

    def _count(self, key: str, hit: bool) -> None:
        if hit:
            self.hits += 1
            self._used.append(key)
        else:
            self.misses += 1


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _check_accounted(comparison: Comparison) -> None:
    old = [i for c in comparison.changes for i in c.old]
    new = [i for c in comparison.changes for i in c.new]
    if sorted(old) != sorted(p.id for p in comparison.old.paragraphs) or \
            sorted(new) != sorted(p.id for p in comparison.new.paragraphs):
        raise ValueError("stored changes do not match the documents' paragraphs")


@functools.lru_cache(maxsize=None)
def _spec(cls: type) -> tuple[tuple[str, type | None, bool], ...]:
    """(field name, dataclass the field holds or None, whether a tuple of them), in field order."""
    nested = _NESTED.get(cls, {})
    return tuple((f.name, *nested.get(f.name, (None, False))) for f in dataclasses.fields(cls))


def _encode(value) -> list:
    """A model dataclass as a JSON-ready list of its field values in field order.

    Positional, so the stored JSON is small and fast to read back; safe because every key
    includes the code digest, and with it model.py's field order. Tuples are left to json
    (which writes them as lists)."""
    out = []
    for name, inner, many in _spec(type(value)):
        field_value = getattr(value, name)
        if inner is not None and field_value is not None:
            field_value = [_encode(v) for v in field_value] if many else _encode(field_value)
        out.append(field_value)
    return out


def _decode(cls: type, data: list):
    """Rebuild a model dataclass from ``_encode`` output; lists become tuples again (one
    level deep: no model field holds a tuple of tuples, except through nested dataclasses)."""
    spec = _spec(cls)
    if not isinstance(data, list) or len(data) != len(spec):
        raise ValueError(f"stored {cls.__name__} has the wrong shape")
    values = []
    for (name, inner, many), value in zip(spec, data):
        if inner is not None and value is not None:
            value = tuple([_decode(inner, v) for v in value]) if many else _decode(inner, value)
        elif isinstance(value, list):
            value = tuple(value)
        values.append(value)
    return cls(*values)
