"""Reading the small TOML files users write (rules, series manifests): bounded, UTF-8,
and every failure a ConfigError naming the file."""

from __future__ import annotations

import os
import stat

from .errors import ConfigError

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

MAX_TOML_BYTES = 1024 * 1024
"""A rules file or manifest is a few kilobytes; anything over this is refused unread."""


def read_toml(path: str, *, what: str, hint: str = "check the path") -> dict:
    """The parsed TOML file at `path`; `what` names it in errors ("rules file")."""
    try:
        # (opened without blocking and checked before reading: a FIFO or a device given as
        # a rules file would otherwise hang the run or read for ever)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ConfigError(f"is not a regular file; a {what} must be one", path=path, hint=hint)
            raw = handle.read(MAX_TOML_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(f"no such {what}", path=path, hint=hint) from None
    except IsADirectoryError:
        raise ConfigError(f"is a directory, not a {what}", path=path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read {what}: {exc.strerror}", path=path) from None
    if len(raw) > MAX_TOML_BYTES:
        raise ConfigError(f"{what} is larger than 1 MB", path=path)
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{what} is not UTF-8 (byte {exc.start})", path=path,
                          hint=f"save the {what} as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path=path) from None
    except RecursionError:
        raise ConfigError(f"{what} is nested too deeply", path=path) from None
