"""Writing outputs: stdout, or a file replaced atomically, never over an input.

    write_output(path, content, inputs=[...], force=False)
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile

from .errors import OutputError


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)  # follows symlinks; equal inodes catch hard links
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_inputs(path: str, inputs, *, what: str = "-o") -> None:
    """OutputError when ``path`` is one of ``inputs`` (None entries skipped), also through a
    symlink or hard link: a document, a rules or lexicon file, a series manifest."""
    for source in inputs:
        if source and source != "-" and os.path.exists(path) and _same_file(path, source):
            raise OutputError("is one of the inputs; refusing to overwrite it", path=path,
                              hint=f"choose another {what} file")


def write_output(path: str | None, content: str | bytes, *, inputs: list[str | None] = (),
                 force: bool = False) -> None:
    """Write to stdout (path None or "-") or atomically to a file.

    Refuses to write over any of ``inputs`` (also through a symlink or hard link) and over an
    existing file unless ``force``; the file appears whole or not at all. A symlink is written
    through; a character device or FIFO (/dev/null, /dev/stdout) is written into, never
    replaced; a block device is refused.
    """
    # A lone surrogate can only come from a file name that is not valid UTF-8 (argv decodes
    # it with surrogateescape): show it as \udcff rather than crash on the way out.
    data = content.encode("utf-8", "backslashreplace") if isinstance(content, str) else content
    if path is None or path == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    refuse_inputs(path, inputs)
    try:
        info = os.stat(path)  # follows symlinks
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", path=path) from None
    target = path
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError("is a directory", path=path, hint="give a file name")
        if stat.S_ISBLK(info.st_mode):
            raise OutputError("is a block device; refusing to write to it", path=path,
                              hint="give a file name")
        if not stat.S_ISREG(info.st_mode):
            # /dev/null, /dev/stdout, a terminal or a FIFO: write into it. Replacing it would
            # put a regular file where the device was (as root: /dev/null itself).
            _write_special(path, data)
            return
        if not force:
            raise OutputError("already exists", path=path, hint="pass --force to replace it")
        # Replace the file a symlink points to, not the link (/dev/stdout redirected to a
        # file is such a link).
        target = os.path.realpath(path)
    elif os.path.lexists(path) and not force:
        raise OutputError("already exists", path=path, hint="pass --force to replace it")
    directory = os.path.dirname(os.path.abspath(target))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".resdiff-", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", path=path) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(target))
        if force or not _link(temporary, target):
            os.replace(temporary, target)
    except FileExistsError:
        _discard(temporary)
        raise OutputError("already exists", path=path,
                          hint="pass --force to replace it") from None
    except OSError as exc:
        _discard(temporary)
        raise OutputError(f"cannot write: {exc.strerror}", path=path) from None
    except BaseException:  # interrupted: leave no temporary file behind
        _discard(temporary)
        raise


def _write_special(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as stream:
            stream.write(data)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", path=path) from None


def _link(temporary: str, path: str) -> bool:
    """Give the temporary file its final name unless that name is taken (FileExistsError):
    a file that appeared since the existence check is never clobbered. False when the file
    system has no hard links; the caller then renames."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        return False
    _discard(temporary)
    return True


def _mode_for(path: str) -> int:
    """Keep the mode of the file being replaced; a new file gets 0o666 minus the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def _discard(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except OSError:
        pass
