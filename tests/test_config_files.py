"""The small files users write (rules, lexicon, series manifest) as hostile input (issue 16):
a FIFO is refused at once instead of hanging the run, TOML nested 100,000 deep is one line,
a lexicon table of the wrong type is named instead of read letter by letter."""

from __future__ import annotations

import os

import pytest

from conftest import CORPUS, run_cli

DRAFT = str(CORPUS / "illustrative-54-draft.txt")


def _one_line(run, name):
    assert run.code == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and name in run.stderr and "Traceback" not in run.stderr
    return run.stderr


@pytest.mark.parametrize("args", [
    ["check", DRAFT, "--rules", "{}"],
    ["check", DRAFT, "--lexicon", "{}"],
    ["history", "{}", "--no-cache"],
])
def test_a_fifo_as_a_config_file_is_refused_without_blocking(tmp_path, args):
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    run = run_cli(*[a.format(fifo) for a in args])
    assert "not a regular file" in _one_line(run, "config.toml")


@pytest.mark.parametrize("option", ["--rules", "--lexicon"])
def test_toml_nested_too_deep_is_one_line(tmp_path, option):
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert "nested too deeply" in _one_line(run_cli("check", DRAFT, option, str(deep)), "deep.toml")


@pytest.mark.parametrize("table", ['[openings]\npreambular = "Recalling"',
                                   '[openings]\npreambular = [""]',
                                   '[openings]\noperative = [1, 2]',
                                   '[scales]\nurge = "Urges = Calls upon"'])
def test_a_lexicon_table_of_the_wrong_type_is_named(tmp_path, table):
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text(table + "\n", encoding="utf-8")
    line = _one_line(run_cli("check", DRAFT, "--lexicon", str(lexicon)), "lexicon.toml")
    assert "must be a list of non-empty strings" in line
