"""No file the process writes is one it reads (issue 16, data loss): -o and the GitHub step
summary refuse every input of the command, not only the documents: the rules file, the
lexicon, a series manifest, also through a symlink; the file is left byte for byte."""

from __future__ import annotations

import shutil

import pytest

from conftest import CORPUS, run_cli

SEED = CORPUS / "a-res-52-132.txt"
DRAFT = CORPUS / "illustrative-54-draft.txt"
LEXICON = CORPUS.parent / "resdiff" / "data" / "lexicon.toml"


def _refused(run, path, before):
    assert run.code == 2, run.stderr
    assert run.stderr.count("\n") == 1 and path.name in run.stderr
    assert "one of the inputs" in run.stderr
    assert path.read_bytes() == before


@pytest.fixture
def files(tmp_path):
    (tmp_path / "rules.toml").write_text('[severity]\n"footnote-missing" = "warning"\n',
                                         encoding="utf-8")
    shutil.copy(LEXICON, tmp_path / "lexicon.toml")
    shutil.copy(SEED, tmp_path / "old.txt")
    shutil.copy(DRAFT, tmp_path / "new.txt")
    (tmp_path / "series.toml").write_text(
        '[[versions]]\npath = "old.txt"\n[[versions]]\npath = "new.txt"\n', encoding="utf-8")
    (tmp_path / "link.toml").symlink_to(tmp_path / "rules.toml")
    return tmp_path


@pytest.mark.parametrize("target,args", [
    ("rules.toml", ["check", "new.txt", "--rules", "rules.toml"]),
    ("link.toml", ["check", "new.txt", "--rules", "rules.toml"]),
    ("lexicon.toml", ["check", "new.txt", "--lexicon", "lexicon.toml"]),
    ("lexicon.toml", ["compare", "old.txt", "new.txt", "--lexicon", "lexicon.toml"]),
    ("lexicon.toml", ["parse", "new.txt", "--lexicon", "lexicon.toml"]),
    ("lexicon.toml", ["history", "series.toml", "--no-cache", "--lexicon", "lexicon.toml"]),
    ("series.toml", ["history", "series.toml", "--no-cache"]),
    ("series.toml", ["blame", "--series", "series.toml", "--no-cache"]),
])
def test_minus_o_never_replaces_a_file_the_command_reads(files, target, args):
    path = files / target
    before = path.read_bytes()
    run = run_cli(*args, "-o", target, "--force", cwd=files)
    _refused(run, path, before)


def test_the_step_summary_is_never_an_input(files):
    before = (files / "new.txt").read_bytes()
    run = run_cli("check", "new.txt", "--format", "github", cwd=files,
                  env={"GITHUB_STEP_SUMMARY": str(files / "new.txt")})
    _refused(run, files / "new.txt", before)
    run = run_cli("check", "new.txt", "--format", "github", "--rules", "rules.toml", cwd=files,
                  env={"GITHUB_STEP_SUMMARY": str(files / "rules.toml")})
    assert (files / "rules.toml").read_text(encoding="utf-8").startswith("[severity]")
    assert run.code == 2


def test_a_step_summary_elsewhere_is_appended(files):
    summary = files / "summary.md"
    run = run_cli("check", "new.txt", "--format", "github", cwd=files,
                  env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert run.code in (0, 1) and summary.read_text(encoding="utf-8").strip()
