"""The command line as a whole: every command documented, help works, entry points agree."""

from __future__ import annotations

import pytest

from resdiff.cli import cli as command_group
from conftest import ROOT, run_cli

COMMANDS = sorted(command_group.commands)


def test_the_product_commands_exist():
    assert {"parse", "compare", "check", "history", "blame"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(name):
    command = command_group.commands[name]
    assert command.help and command.help.strip()
    result = run_cli(name, "--help")
    assert result.code == 0 and result.stderr == ""
    assert f"resdiff {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_version_is_fast_path_and_exit_zero():
    result = run_cli("--version")
    assert result.code == 0 and result.stdout.startswith("resdiff, version ")


@pytest.mark.parametrize("args", [["nonsense"], ["compare", "only-one-file"], ["parse", "--format", "xml", "x"]])
def test_usage_errors_exit_two_with_one_line(args):
    result = run_cli(*args)
    assert result.code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_library_api_survives_importing_every_submodule():
    # a submodule named like an API function would replace it on import (resdiff.parse did)
    import importlib
    import pkgutil

    import resdiff

    for module in pkgutil.walk_packages(resdiff.__path__, "resdiff."):
        if module.name != "resdiff.__main__":
            importlib.import_module(module.name)
    document = resdiff.parse_text("The General Assembly,\n\nNoting,\n\n1. Decides.\n")
    assert [p.id for p in document.paragraphs] == ["PP1", "OP1"]
    assert not resdiff.compare(document, document).has_differences
    assert resdiff.parse_file(str(ROOT / "corpus" / "a-res-52-132.txt")).symbol == "A/RES/52/132"
    assert len(resdiff.load_history([str(ROOT / "corpus" / "a-res-52-132.txt")] * 2,
                                    use_cache=False).versions) == 2


# -- progress on a terminal -----------------------------------------------------------------

def _compare_on_a_terminal(delay: str) -> tuple[int, bytes, bytes]:
    """`resdiff compare --format json` with stderr on a pseudo-terminal: (exit, stdout, what
    the terminal received)."""
    import os
    import pty
    import select
    import subprocess
    import sys

    master, slave = pty.openpty()
    env = {**os.environ, "RESDIFF_PROGRESS_DELAY": delay, "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "resdiff", "compare", "corpus/a-res-52-132.txt",
         "corpus/illustrative-54-draft.txt", "--format", "json"],
        stdout=subprocess.PIPE, stderr=slave, env=env, cwd=ROOT)
    os.close(slave)
    out = process.stdout.read()
    process.wait(timeout=60)
    terminal = b""
    while select.select([master], [], [], 0.2)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        terminal += chunk
    os.close(master)
    return process.returncode, out, terminal


def test_compare_shows_progress_on_a_terminal_once_it_runs_long():
    code, out, terminal = _compare_on_a_terminal("0")
    assert code == 1
    assert b"parsing the old text" in terminal and b"diffing paragraph pairs" in terminal
    assert run_cli("compare", "corpus/a-res-52-132.txt", "corpus/illustrative-54-draft.txt",
                   "--format", "json").stdout.encode() == out  # the report is the same


def test_compare_draws_nothing_before_the_delay():
    code, _, terminal = _compare_on_a_terminal("60")
    assert (code, terminal) == (1, b"")


def test_progress_callback_reports_every_stage():
    from resdiff import compare

    seen = []
    compare(ROOT / "corpus/a-res-52-132.txt", ROOT / "corpus/illustrative-54-draft.txt",
            progress=lambda done, total, what: seen.append((done, total, what)))
    stages = list(dict.fromkeys(what for _, _, what in seen))
    assert stages == ["parsing the old text", "parsing the new text", "aligning paragraphs",
                      "diffing paragraph pairs"]
    assert all(0 <= done <= total for done, total, _ in seen)
