"""Writing outputs: stdout, or a file replaced atomically, never over an input.

    write_output(path, content, inputs=[...], force=False)
"""

from __future__ import annotations

import os
import sys
import tempfile

from .errors import OutputError


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)  # follows symlinks; equal inodes catch hard links
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def write_output(path: str | None, content: str | bytes, *, inputs: list[str] = (),
                 force: bool = False) -> None:
    """Write to stdout (path None or "-") or atomically to a file.

    Refuses to write over any of ``inputs`` (also through a symlink or hard link) and over an
    existing file unless ``force``; the file appears whole or not at all.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path is None or path == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    for source in inputs:
        if source != "-" and os.path.exists(path) and _same_file(path, source):
            raise OutputError("is one of the inputs; refusing to overwrite it", path=path,
                              hint="choose another -o file")
    if os.path.isdir(path):
        raise OutputError("is a directory", path=path, hint="give a file name")
    if os.path.lexists(path) and not force:
        raise OutputError("already exists", path=path, hint="pass --force to replace it")
    directory = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".resdiff-", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", path=path) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise OutputError(f"cannot write: {exc.strerror}", path=path) from None
