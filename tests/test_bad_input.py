"""Bad input through the real CLI: one test per row of RELIABILITY.md's bad-input table.

Every refusal must exit 2 with exactly one line on stderr that names the file, show no
traceback, and leave the output file (``-o``) uncreated and every file around it untouched.
The few rows that need an error the test machine cannot produce (permission denied while CI
runs as root, an exception inside the library) run ``resdiff.cli.main`` in-process with the
error injected.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, run_cli
from resdiff import cli as cli_module

SEED = CORPUS / "a-res-52-132.txt"
DRAFT = CORPUS / "illustrative-54-draft.txt"


# -- helpers ---------------------------------------------------------------------------------

def _snapshot(directory: Path) -> dict:
    """Every entry under `directory`: kind, bytes and mtime (a changed file shows up)."""
    found = {}
    for path in sorted(directory.rglob("*")):
        info = path.lstat()
        if path.is_symlink():
            found[str(path)] = ("link", os.readlink(path))
        elif path.is_fifo():
            found[str(path)] = ("fifo",)
        elif path.is_file():
            found[str(path)] = ("file", path.read_bytes(), info.st_mtime_ns)
        else:
            found[str(path)] = ("other",)
    return found


def _refused(result, name: str) -> str:
    """Exit 2, one stderr line naming `name`, no traceback, nothing on stdout."""
    assert result.code == 2, (result.code, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and result.stderr.endswith("\n"), result.stderr
    assert lines[0].startswith("resdiff: ")
    assert name in lines[0], lines[0]
    return lines[0]


def _refuse_compare(tmp_path: Path, bad: str, *extra: str, name: str | None = None,
                    good: Path = SEED, timeout: float = 60) -> str:
    """`resdiff compare BAD GOOD -o OUT`: refused, OUT never created, tmp_path unchanged."""
    out = tmp_path / "out.txt"
    before = _snapshot(tmp_path)
    started = time.monotonic()
    result = _run("compare", bad, str(good), "-o", str(out), *extra, timeout=timeout)
    line = _refused(result, name or bad)
    assert time.monotonic() - started < timeout
    assert not out.exists()
    assert _snapshot(tmp_path) == before
    if not extra:  # (options such as --encoding also apply to `good`, which comes first)
        # The other argument order names the same file too.
        result = _run("compare", str(good), bad, timeout=timeout)
        _refused(result, name or bad)
    return line


def _run(*args: str, timeout: float = 60, stdin=None, env: dict | None = None):
    """run_cli with a hard timeout (a FIFO must never block) and an optional stdin file."""
    from conftest import Run

    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    done = subprocess.run([sys.executable, "-m", "resdiff", *args], stdin=stdin,
                          capture_output=True, cwd=ROOT, env=full_env, timeout=timeout)
    return Run(done.returncode, done.stdout.decode("utf-8", "replace"),
               done.stderr.decode("utf-8", "replace"))


def _in_process(capsys, *args: str) -> tuple[int, str, str]:
    code = cli_module.main(list(args))
    captured = capsys.readouterr()
    return int(code), captured.out, captured.err


def _json_paragraphs(path: Path, *extra: str) -> dict:
    """`resdiff parse --format json` without the fields that name the file itself."""
    result = run_cli("parse", "--format", "json", str(path), *extra)
    assert result.code == 0 and result.stderr == "", result.stderr
    data = json.loads(result.stdout)
    data.pop("path", None)
    data.pop("sha256", None)
    return data


# -- missing file, directory, dangling symlink, FIFO, /dev/zero ---------------------------

def test_missing_file(tmp_path):
    line = _refuse_compare(tmp_path, str(tmp_path / "missing.txt"))
    assert "no such file" in line


def test_directory(tmp_path):
    (tmp_path / "folder").mkdir()
    line = _refuse_compare(tmp_path, str(tmp_path / "folder"))
    assert "is a directory" in line


def test_dangling_symlink(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    line = _refuse_compare(tmp_path, str(tmp_path / "dangling.txt"))
    assert "dangling symbolic link" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    # Nobody ever writes to the FIFO: opening it for reading would block forever, so a pass
    # within the timeout proves the CLI never opened it.
    line = _refuse_compare(tmp_path, str(fifo), timeout=30)
    assert "not a regular file" in line


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero(tmp_path):
    line = _refuse_compare(tmp_path, "/dev/zero", timeout=30)
    assert "not a regular file" in line


# -- binary --------------------------------------------------------------------------------

@pytest.mark.parametrize("position", [0, 100, 7999])
def test_nul_in_first_8000_bytes_looks_binary(tmp_path, position):
    data = bytearray(b"The General Assembly,\n\n" + b"x" * 9000)
    data[position] = 0
    (tmp_path / "blob.bin").write_bytes(bytes(data))
    line = _refuse_compare(tmp_path, str(tmp_path / "blob.bin"))
    assert "looks binary" in line


def test_nul_after_a_utf8_bom_still_looks_binary(tmp_path):
    (tmp_path / "blob.bin").write_bytes(codecs.BOM_UTF8 + b"PK\x00\x00 data")
    line = _refuse_compare(tmp_path, str(tmp_path / "blob.bin"))
    assert "looks binary" in line


def test_nul_after_the_probe_is_text_shown_visibly(tmp_path):
    # Like git and diff(1), only the first 8000 bytes decide; a later NUL is a character,
    # shown as <U+0000>, never written raw.
    text = "The General Assembly,\n\n" + "Recalling its resolutions,\n\n" * 400 + "1. Urges\x00 all;\n"
    assert text.index("\x00") > 8000
    (tmp_path / "late.txt").write_text(text, encoding="utf-8")
    result = run_cli("parse", str(tmp_path / "late.txt"))
    assert result.code == 0, result.stderr
    assert "\x00" not in result.stdout and "<U+0000>" in result.stdout


# -- encodings -----------------------------------------------------------------------------

def test_invalid_utf8_names_byte_offset_and_hint(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace("\u2019", "'")  # keep it cp1252-clean
    offset = text.encode("utf-8").index(b"Deeply disturbed")
    data = text.encode("utf-8").replace(b"Deeply disturbed", b"D\xe9eply disturbed", 1)
    bad = tmp_path / "cp1252.txt"
    bad.write_bytes(data)
    line = _refuse_compare(tmp_path, str(bad))
    assert f"byte offset {offset + 1}" in line
    assert "--encoding cp1252" in line
    # ... and the hint works: the cp1252 reading equals the same text typed in UTF-8.
    same = tmp_path / "utf8.txt"
    same.write_bytes(data.decode("cp1252").encode("utf-8"))
    result = run_cli("parse", "--format", "json", "--encoding", "cp1252", str(bad))
    assert result.code == 0, result.stderr
    assert _json_paragraphs(bad, "--encoding", "cp1252") == _json_paragraphs(same)


def test_invalid_utf8_offset_counts_the_bom(tmp_path):
    bad = tmp_path / "bom-then-bad.txt"
    bad.write_bytes(codecs.BOM_UTF8 + b"abc\xffdef\n")
    line = _refuse_compare(tmp_path, str(bad))
    assert "byte offset 6" in line


@pytest.mark.parametrize("encoding, data, why", [
    ("no-such-codec", b"Recalling\n", "unknown encoding"),
    ("rot13", b"Recalling\n", "not a text encoding"),       # a codec, but str -> str
    ("zlib", b"Recalling\n", "not a text encoding"),        # a codec, but bytes -> bytes
    ("utf-7", b"Recalling +2AA- here\n", "unpaired surrogate"),  # "+2AA-" is a lone U+D800
    ("unicode_escape", b"Recalling \\udfff\n", "unpaired surrogate"),
    ("idna", b"xn--a\n", "is not valid idna"),    # UnicodeError without a byte offset
    ("utf-16", b"odd", "is not valid utf-16"),     # an odd number of bytes
])
def test_bad_encoding_option(tmp_path, encoding, data, why):
    bad = tmp_path / "text.txt"
    bad.write_bytes(data)
    line = _refuse_compare(tmp_path, str(bad), "--encoding", encoding)
    assert why in line


def _renderings():
    text = SEED.read_text(encoding="utf-8")
    assert "\r" not in text and any(ord(c) > 127 for c in text)
    return {
        "utf-8-bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf-16-le-bom": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf-16-be-bom": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "utf-32-le-bom": codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
        "utf-32-be-bom": codecs.BOM_UTF32_BE + text.encode("utf-32-be"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "lone-cr": text.replace("\n", "\r").encode("utf-8"),
        "utf-16-le-bom-crlf": codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le"),
    }


@pytest.mark.parametrize("name", sorted(_renderings()))
def test_boms_and_line_ends_read_like_utf8_lf(tmp_path, name):
    variant = tmp_path / f"{name}.txt"
    variant.write_bytes(_renderings()[name])
    assert _json_paragraphs(variant) == _json_paragraphs(SEED)
    result = run_cli("compare", str(SEED), str(variant))
    assert (result.code, result.stderr) == (0, ""), result.stdout
    assert result.stdout.endswith("no differences\n")


# -- size ----------------------------------------------------------------------------------

def test_default_max_size_refuses_before_decoding(tmp_path):
    # 25 MB of NUL bytes (a sparse file: no disk used): decoding would say "looks binary";
    # the size check must come first, and fast.
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(25 * 1024 * 1024)
    started = time.monotonic()
    line = _refuse_compare(tmp_path, str(big), timeout=30)
    assert "--max-size" in line and "looks binary" not in line
    assert time.monotonic() - started < 20


def test_max_size_option(tmp_path):
    small = tmp_path / "small.txt"
    small.write_bytes(b"\xff" * 2000)  # invalid UTF-8: proves nothing was decoded
    line = _refuse_compare(tmp_path, str(small), "--max-size", "1000")
    assert "more than --max-size 1000" in line
    assert "utf-8" not in line
    # At the limit it is read (and then fails decoding, as it should).
    result = run_cli("parse", "--max-size", "2000", str(small))
    assert result.code == 2 and "byte offset 0" in result.stderr


def test_max_size_on_endless_stdin_is_bounded(tmp_path):
    # stdin from /dev/zero never ends: the read must stop at max-size + 1 bytes. An address
    # space limit turns an unbounded read into a MemoryError instead of a stuck machine.
    resource = pytest.importorskip("resource")

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))

    with open("/dev/zero", "rb") as zero:
        from conftest import Run
        done = subprocess.run([sys.executable, "-m", "resdiff", "compare", "-", str(SEED)],
                              stdin=zero, capture_output=True, cwd=ROOT, timeout=60,
                              preexec_fn=limit, env={**os.environ, "NO_COLOR": "1"})
    result = Run(done.returncode, done.stdout.decode(), done.stderr.decode())
    line = _refused(result, "-")
    assert "stdin is larger than --max-size" in line


def test_negative_max_size_is_refused(tmp_path):
    with open("/dev/zero", "rb") as zero:
        result = _run("compare", "--max-size", "-5", "-", str(SEED), stdin=zero, timeout=30)
    line = _refused(result, "-")
    assert "--max-size must be 0 or more" in line


# -- empty file ----------------------------------------------------------------------------

def test_empty_file_is_valid(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_cli("compare", "--format", "json", str(empty), str(SEED))
    assert result.code == 1 and result.stderr == ""
    data = json.loads(result.stdout)
    paragraphs = data["new"]["paragraphs"]
    assert paragraphs > 0 and data["old"]["paragraphs"] == 0
    assert data["summary"]["added"] == paragraphs
    assert {c["kind"] for c in data["changes"]} == {"added"}
    # Reversed: everything dropped. Empty against empty: nothing changed.
    reverse = json.loads(run_cli("compare", "--format", "json", str(SEED), str(empty)).stdout)
    assert reverse["summary"]["dropped"] == paragraphs
    both = run_cli("compare", str(empty), str(empty))
    assert (both.code, both.stderr) == (0, "")


def test_whitespace_only_file_is_valid(tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"\n\r\n \t\n")
    result = run_cli("compare", str(blank), str(blank))
    assert (result.code, result.stderr) == (0, "")


# -- the same file twice -------------------------------------------------------------------

@pytest.mark.parametrize("how", ["same path", "symlink", "hardlink"])
def test_same_file_twice(tmp_path, how):
    old = tmp_path / "old.txt"
    old.write_bytes(SEED.read_bytes())
    other = tmp_path / "other.txt"
    if how == "same path":
        other = old
    elif how == "symlink":
        other.symlink_to(old)
    else:
        os.link(old, other)
    started = time.monotonic()
    result = run_cli("compare", str(old), str(other))
    assert (result.code, result.stderr) == (0, "")
    assert result.stdout.endswith("no differences\n")
    assert time.monotonic() - started < 15


# -- -o equal to an input ------------------------------------------------------------------

@pytest.mark.parametrize("how, side", [
    ("same path", "old"), ("symlink", "old"), ("hardlink", "old"), ("relative path", "old"),
    ("same path", "new"), ("hardlink", "new"),
])
def test_output_equal_to_an_input_is_refused(tmp_path, how, side):
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_bytes(SEED.read_bytes())
    new.write_bytes(DRAFT.read_bytes())
    victim = old if side == "old" else new
    target = str(victim)
    if how == "symlink":
        (tmp_path / "link.txt").symlink_to(victim)
        target = str(tmp_path / "link.txt")
    elif how == "hardlink":
        os.link(victim, tmp_path / "link.txt")
        target = str(tmp_path / "link.txt")
    elif how == "relative path":
        target = os.path.relpath(victim, ROOT)
    before = _snapshot(tmp_path)
    for force in ([], ["--force"]):
        result = run_cli("compare", str(old), str(new), "-o", target, *force)
        line = _refused(result, target)
        assert "is one of the inputs" in line
        assert _snapshot(tmp_path) == before


def test_parse_output_equal_to_its_input_is_refused(tmp_path):
    source = tmp_path / "draft.txt"
    source.write_bytes(DRAFT.read_bytes())
    before = _snapshot(tmp_path)
    result = run_cli("parse", str(source), "-o", str(source), "--force")
    _refused(result, str(source))
    assert _snapshot(tmp_path) == before


# -- existing output -----------------------------------------------------------------------

def test_existing_output_refused_without_force(tmp_path):
    out = tmp_path / "report.txt"
    out.write_bytes(b"precious\n")
    before = _snapshot(tmp_path)
    result = run_cli("compare", str(SEED), str(DRAFT), "-o", str(out))
    line = _refused(result, str(out))
    assert "already exists" in line and "--force" in line
    assert _snapshot(tmp_path) == before


def test_existing_output_replaced_with_force(tmp_path):
    out = tmp_path / "report.txt"
    out.write_bytes(b"old report\n")
    os.chmod(out, 0o600)
    expected = run_cli("compare", str(SEED), str(DRAFT)).stdout
    result = run_cli("compare", str(SEED), str(DRAFT), "-o", str(out), "--force")
    assert (result.code, result.stdout, result.stderr) == (1, "", "")
    assert out.read_text(encoding="utf-8") == expected
    assert (out.stat().st_mode & 0o777) == 0o600  # the replaced file keeps its mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]  # no temporary left


def test_new_output_written_whole(tmp_path):
    out = tmp_path / "report.json"
    result = run_cli("compare", "--format", "json", str(SEED), str(DRAFT), "-o", str(out))
    assert (result.code, result.stdout, result.stderr) == (1, "", "")
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_failed_replace_keeps_the_old_output_and_no_temporary(tmp_path, monkeypatch):
    # Atomic: a crash between writing and renaming leaves the old file whole.
    from resdiff import output
    from resdiff.errors import OutputError

    out = tmp_path / "report.txt"
    out.write_bytes(b"old report\n")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", fail)
    with pytest.raises(OutputError, match="No space left"):
        output.write_output(str(out), "new report\n", force=True)
    assert out.read_bytes() == b"old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_interrupted_write_leaves_no_temporary(tmp_path, monkeypatch):
    from resdiff import output

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        output.write_output(str(tmp_path / "report.txt"), "text\n")
    assert list(tmp_path.iterdir()) == []


def test_output_appearing_after_the_check_is_not_clobbered(tmp_path, monkeypatch):
    # The file is created by someone else between the existence check and the rename.
    from resdiff import output
    from resdiff.errors import OutputError

    out = tmp_path / "report.txt"
    out.write_bytes(b"someone else's\n")
    real_stat = os.stat

    def not_yet(path, *args, **kwargs):
        if os.fspath(path) == str(out) and not kwargs.get("dir_fd"):
            raise FileNotFoundError(2, "No such file or directory", str(out))
        return real_stat(path, *args, **kwargs)

    # Both existence checks say "not there"; only link() at the end can notice.
    monkeypatch.setattr(output.os, "stat", not_yet)
    monkeypatch.setattr(output.os.path, "lexists", lambda path: False)
    monkeypatch.setattr(output.os.path, "exists", lambda path: False)
    with pytest.raises(OutputError, match="already exists"):
        output.write_output(str(out), "mine\n")
    monkeypatch.undo()
    assert out.read_bytes() == b"someone else's\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_output_into_missing_directory(tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "out.txt"
    before = _snapshot(tmp_path)
    result = run_cli("compare", str(SEED), str(DRAFT), "-o", str(target))
    line = _refused(result, str(target))
    assert "cannot write" in line
    assert _snapshot(tmp_path) == before


def _device(path: Path, kind: int, major: int, minor: int) -> None:
    try:
        os.mknod(path, kind | 0o666, os.makedev(major, minor))
    except (PermissionError, AttributeError, OSError) as exc:
        pytest.skip(f"cannot create a device node here: {exc}")


def test_output_to_a_character_device_writes_into_it(tmp_path):
    # A private copy of /dev/null: -o /dev/null --force used to *replace* the device with a
    # regular file (as root, the real /dev/null).
    import stat

    null = tmp_path / "null"
    _device(null, stat.S_IFCHR, 1, 3)
    for force in ([], ["--force"]):
        result = run_cli("compare", str(SEED), str(SEED), "-o", str(null), *force)
        assert (result.code, result.stdout, result.stderr) == (0, "", "")
        assert stat.S_ISCHR(null.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_output_to_a_block_device_is_refused(tmp_path):
    import stat

    disk = tmp_path / "disk"
    _device(disk, stat.S_IFBLK, 250, 250)
    result = run_cli("compare", str(SEED), str(SEED), "-o", str(disk), "--force")
    assert "block device" in _refused(result, str(disk))
    assert stat.S_ISBLK(disk.lstat().st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_output_to_a_fifo_writes_into_it(tmp_path):
    import threading

    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = _run("compare", str(SEED), str(SEED), "-o", str(fifo), timeout=60)
    reader.join(30)
    assert (result.code, result.stderr) == (0, "")
    assert received and received[0].endswith(b"no differences\n")
    assert fifo.is_fifo()


def test_output_through_a_symlink_replaces_its_target(tmp_path):
    target = tmp_path / "report.txt"
    target.write_bytes(b"old\n")
    (tmp_path / "link.txt").symlink_to(target)
    result = run_cli("compare", str(SEED), str(SEED), "-o", str(tmp_path / "link.txt"), "--force")
    assert (result.code, result.stderr) == (0, "")
    assert (tmp_path / "link.txt").is_symlink()
    assert target.read_text(encoding="utf-8").endswith("no differences\n")


# -- unreadable file (simulated: CI runs as root, where chmod 000 still reads) -------------

def _deny(monkeypatch, function_name: str, victim: str):
    real = getattr(os, function_name)

    def guarded(path, *args, **kwargs):
        if os.fspath(path) == victim:
            raise PermissionError(13, "Permission denied", victim)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, function_name, guarded)


@pytest.mark.parametrize("where", ["stat", "open"])
def test_unreadable_file(tmp_path, monkeypatch, capsys, where):
    secret = tmp_path / "secret.txt"
    secret.write_bytes(SEED.read_bytes())
    out = tmp_path / "out.txt"
    before = _snapshot(tmp_path)
    _deny(monkeypatch, where, str(secret))
    code, stdout, stderr = _in_process(capsys, "compare", str(secret), str(DRAFT), "-o", str(out))
    assert (code, stdout) == (2, "")
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert stderr.startswith(f"resdiff: {secret}: permission denied")
    monkeypatch.undo()
    assert _snapshot(tmp_path) == before


# -- usage errors --------------------------------------------------------------------------

@pytest.mark.parametrize("args, says", [
    (["compare"], "Missing argument 'OLD'"),
    (["compare", str(SEED)], "Missing argument 'NEW'"),
    (["compare", "--bogus", str(SEED), str(SEED)], "No such option"),
    (["compare", "--format", "xml", str(SEED), str(SEED)], "Invalid value for '--format'"),
    (["compare", "--max-size", "lots", str(SEED), str(SEED)], "Invalid value for '--max-size'"),
    (["compare", "-", "-"], "only one of OLD and NEW"),
    (["no-such-command"], "No such command"),
    (["parse", str(SEED), str(SEED)], "unexpected extra argument"),
])
def test_usage_errors_exit_2_with_one_line(args, says):
    result = run_cli(*args)
    assert result.code == 2 and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert says in result.stderr


def test_no_command_shows_usage_and_exits_2():
    result = run_cli()
    assert result.code == 2 and "Usage:" in result.stderr and "Traceback" not in result.stderr


def test_help_and_version_exit_0():
    for args in (["--help"], ["compare", "--help"], ["--version"]):
        result = run_cli(*args)
        assert (result.code, result.stderr) == (0, ""), args


def test_hostile_file_name_stays_one_safe_line(tmp_path):
    name = str(tmp_path / "a\nb\x1b]0;owned\x07\u202e.txt")
    result = run_cli("compare", name, str(SEED))
    assert result.code == 2
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\u202e" not in result.stderr
    assert "<U+000A>" in result.stderr and "<U+001B>" in result.stderr


def test_file_name_that_is_not_utf8(tmp_path):
    # argv decodes it with surrogateescape: a lone surrogate must not crash the output.
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw, "wb") as handle:
        handle.write(DRAFT.read_bytes())
    name = os.fsdecode(raw)
    for fmt in ("text", "json", "markdown"):
        result = run_cli("compare", "--format", fmt, name, str(SEED))
        assert result.code == 1, (fmt, result.stderr)
        assert result.stderr == ""
    result = run_cli("parse", name)
    assert (result.code, result.stderr) == (0, "")


# -- crashes: exit 2, one line, a --debug hint; never exit 1 -------------------------------

def _explode(*args, **kwargs):
    raise RuntimeError("boom\nsecond line of the message")


def test_unexpected_exception_exits_2_with_debug_hint(monkeypatch, capsys, tmp_path):
    import resdiff.read.text

    monkeypatch.setattr(resdiff.read.text, "decode", _explode)
    out = tmp_path / "out.txt"
    code, stdout, stderr = _in_process(capsys, "compare", str(SEED), str(DRAFT), "-o", str(out))
    assert (code, stdout) == (2, "")
    assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    assert "internal error: RuntimeError: boom" in stderr and "--debug" in stderr
    assert not out.exists()


def test_unexpected_exception_with_debug_shows_traceback_and_still_exits_2(monkeypatch, capsys):
    import resdiff.read.text

    monkeypatch.setattr(resdiff.read.text, "decode", _explode)
    code, stdout, stderr = _in_process(capsys, "--debug", "compare", str(SEED), str(DRAFT))
    assert (code, stdout) == (2, "")
    assert "Traceback" in stderr and "RuntimeError: boom" in stderr


def test_bad_input_with_debug_exits_2_not_1(tmp_path):
    result = run_cli("--debug", "compare", str(tmp_path / "missing.txt"), str(SEED))
    assert result.code == 2
    assert "Traceback" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("resdiff: ")


def test_success_leaves_stderr_empty():
    for args in (["compare", str(SEED), str(DRAFT)], ["parse", str(SEED)],
                 ["compare", "--format", "json", str(SEED), str(SEED)]):
        result = run_cli(*args)
        assert result.code in (0, 1) and result.stderr == "", (args, result.stderr)


# -- big inputs under --max-size: bounded time, clean limits --------------------------------

def _one_paragraph(path: Path, words: int, seed: int) -> None:
    import random

    pick = random.Random(seed).randrange
    path.write_text(" ".join(f"w{pick(300_000)}" for _ in range(words)) + ".\n", encoding="utf-8")


def test_two_long_different_paragraphs_word_diff_is_bounded():
    # diff-match-patch without a timeout needs ~(n + m) x d steps: two different paragraphs of
    # 5,000 words took 20 s, 10,000 words 4 minutes (resdiff/diff.py now bounds it by size).
    import random

    from resdiff.diff import rebuild, word_diff

    pick = random.Random(7).randrange
    for words in (2_000, 5_000, 30_000):
        old = " ".join(f"w{pick(100_000)}" for _ in range(words))
        new = " ".join(f"w{pick(100_000)}" for _ in range(words))
        started = time.monotonic()
        ops = word_diff(old, new)
        assert time.monotonic() - started < 5, words
        assert rebuild(ops) == (old, new)


# Two one-paragraph files of 300,000 words: pair similarity is estimated linearly above
# scoring.LONG_PAIR (the exact LCS is quadratic: 565 s at 4.5 MB each).
def test_two_huge_one_paragraph_files_compare_quickly(tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    _one_paragraph(old, 300_000, 1)
    _one_paragraph(new, 300_000, 2)
    result = _run("compare", str(old), str(new), timeout=15)
    assert result.code == 1 and result.stderr == ""


def test_more_distinct_words_than_codes_is_a_clean_refusal(tmp_path):
    # 1.3 million distinct words (10 MB, under --max-size) do not fit the one-character word
    # codes (normalize.TOKEN_CODES); align.py used to crash with chr()'s ValueError.
    huge = tmp_path / "distinct.txt"
    huge.write_text(" ".join(f"u{i}" for i in range(1_300_000)) + ".\n", encoding="utf-8")
    edited = tmp_path / "edited.txt"
    edited.write_text(" ".join(f"u{i}" for i in range(1_300_000)) + "!\n", encoding="utf-8")
    result = _run("compare", str(huge), str(edited), timeout=120)
    assert result.code == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert "distinct words" in result.stderr and "internal error" not in result.stderr
    # Identical texts pair as anchors and need no word codes: no differences, no refusal.
    same = _run("compare", str(huge), str(huge), timeout=120)
    assert (same.code, same.stderr) == (0, "")


def test_header_line_of_spaces_parses_quickly(tmp_path):
    hostile = tmp_path / "spaces.txt"
    hostile.write_text(" " * 150_000 + "x\n\nThe General Assembly,\n\nRecalling its resolution,\n",
                       encoding="utf-8")
    result = _run("parse", str(hostile), timeout=8)
    assert result.code == 0 and result.stderr == ""


def test_same_file_twice_is_read_and_parsed_once(tmp_path, monkeypatch):
    # the same file twice (here through a hard link) costs one read and one parse
    from resdiff import engine

    text = tmp_path / "text.txt"
    text.write_text("The General Assembly,\n\nNoting,\n\n1. Decides.\n", encoding="utf-8")
    os.link(text, tmp_path / "link.txt")
    calls = []
    real = engine.load_document
    monkeypatch.setattr(engine, "load_document", lambda *a, **k: calls.append(a) or real(*a, **k))
    comparison = engine.compare(str(text), str(tmp_path / "link.txt"))
    assert len(calls) == 1 and not comparison.has_differences
    assert comparison.new.path == str(tmp_path / "link.txt")


def test_many_blank_lines_parse_in_bounded_memory(tmp_path):
    resource = pytest.importorskip("resource")
    blank = tmp_path / "blank-lines.txt"
    blank.write_bytes(b"\n" * 5_000_000)

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (400 * 2 ** 20, 400 * 2 ** 20))

    done = subprocess.run([sys.executable, "-m", "resdiff", "parse", str(blank)],
                          capture_output=True, cwd=ROOT, timeout=120, preexec_fn=limit,
                          env={**os.environ, "NO_COLOR": "1"})
    assert (done.returncode, done.stderr) == (0, b"")


def test_thousands_of_dropped_and_unpaired_paragraphs_finish_quickly(tmp_path):
    # 40,000 numbered paragraphs against 20,000 copies of one line: nothing pairs, so every
    # old paragraph is dropped into one gap. Ordering the dropped ones (engine._order) and
    # the gap pass (align._fill_gaps) used to visit every pair: minutes; now seconds.
    old = tmp_path / "numbered.txt"
    old.write_text("".join(f"{i}. Urges x{i};\n\n" for i in range(1, 40_001)), encoding="utf-8")
    new = tmp_path / "repeated.txt"
    new.write_text("The General Assembly,\n\n" * 20_000, encoding="utf-8")
    result = _run("compare", "--format", "json", str(old), str(new), timeout=90)
    assert result.code == 1, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert (summary["dropped"], summary["added"]) == (40_000, 19_999)
