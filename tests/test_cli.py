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
