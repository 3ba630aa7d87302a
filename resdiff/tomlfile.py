"""Reading the small TOML files users write (rules, series manifests): bounded, UTF-8,
and every failure a ConfigError naming the file."""

from __future__ import annotations

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
        with open(path, "rb") as handle:
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
