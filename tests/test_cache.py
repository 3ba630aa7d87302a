"""The parse/compare cache: faithful round trips, keys, and never a reason for a run to fail."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import zlib
import stat
import time

import pytest

from resdiff.cache import FILE_NAME, KEEP_DAYS, Cache, cache_directory
from resdiff.engine import compare_documents, load_document
from resdiff.history import load_history
from resdiff.lexicon import Lexicon
from resdiff.render.history_json import history_dict
from conftest import CORPUS, run_cli
from test_history import FOUR, write_series

SERIES = [str(CORPUS / n) for n in
          ("a-res-52-132.txt", "illustrative-54-draft.txt", "illustrative-54-rev1.txt")]


def run(directory, paths=SERIES, **options):
    """A history run with a cache in ``directory``; returns (history, cache, problems)."""
    problems: list[str] = []
    with Cache(str(directory), on_problem=problems.append, **options) as cache:
        history = load_history(paths, cache=cache)
    return history, cache, problems


# -- faithful round trips --------------------------------------------------------------------

def test_round_trip_document_and_comparison(tmp_path):
    old, new = load_document(SERIES[0]), load_document(SERIES[1])
    comparison = compare_documents(old, new)
    with Cache(str(tmp_path)) as cache:
        cache.put_document("d", old)
        cache.put_comparison("c", comparison)
    with Cache(str(tmp_path)) as cache:
        document = cache.get_document("d", path=old.path)
        assert document == old
        assert cache.get_comparison("c", old, new) == comparison
        assert cache.get_document("missing") is None


def test_warm_run_reads_everything_from_the_cache(tmp_path):
    cold, cache, problems = run(tmp_path)
    assert (cache.hits, cache.misses, problems) == (0, 5, [])   # 3 parses + 2 comparisons
    warm, cache, problems = run(tmp_path)
    assert (cache.hits, cache.misses, problems) == (5, 0, [])
    assert warm == cold
    assert history_dict(warm) == history_dict(load_history(SERIES))   # same as no cache


def test_cached_document_takes_the_path_given_now(tmp_path):
    run(tmp_path)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(open(SERIES[2], "rb").read())
    history, cache, _ = run(tmp_path, [SERIES[0], SERIES[1], str(copy)])
    assert cache.misses == 0
    assert history.documents[2].path == str(copy) and history.versions[2].path == str(copy)


# -- keys: content and every option that changes the result ----------------------------------

def test_only_changed_work_is_redone(tmp_path):
    (tmp_path / "texts").mkdir()
    paths = write_series(tmp_path / "texts", FOUR)
    run(tmp_path / "cache", paths)
    with open(paths[2], "a", encoding="utf-8") as handle:
        handle.write("\n")                      # new bytes (same paragraphs): v2 re-parsed
    _, cache, _ = run(tmp_path / "cache", paths)
    # v2 parsed again, and its two comparisons redone; v0, v1, v3 and v0->v1 from the cache
    assert (cache.hits, cache.misses) == (4, 3)


def test_options_are_part_of_the_key(tmp_path):
    def once(**options):
        with Cache(str(tmp_path)) as cache:
            load_history(SERIES, cache=cache, **options)
        return cache.hits, cache.misses

    assert once() == (0, 5)
    assert once(strict=True) == (3, 2)           # parses reused, comparisons redone
    lexicon = Lexicon.load(None)
    other = dataclasses.replace(lexicon, hedge_phrases=lexicon.hedge_phrases + ("if any",))
    assert once(lexicon=other) == (0, 5)         # a user lexicon changes parses and pairs
    assert once(encoding="cp1252") == (0, 5)     # a read option changes the parse
    assert once(tracked="reject") == (0, 5)      # so does a reader option (.docx view)
    assert once(max_size=10**7) == (5, 0)        # max_size only refuses: not in the key
    assert once() == (5, 0)


def test_key_includes_version_and_code():
    from resdiff import __version__
    from resdiff.cache import code_digest

    key = Cache.key("document", "abc")
    assert len(key) == 64 and key != Cache.key("document", "abd") != Cache.key("comparison", "abc")
    assert len(code_digest()) == 64 and __version__


# -- where it lives, how it is stored ---------------------------------------------------------

@pytest.mark.parametrize("environment, expected", [
    ({"RESDIFF_CACHE_DIR": "/x/cache", "XDG_CACHE_HOME": "/y"}, "/x/cache"),  # explicit wins
    ({"XDG_CACHE_HOME": "/y"}, "/y/resdiff"),                                   # XDG next
    ({"HOME": "/home/someone"}, "/home/someone/.cache/resdiff"),               # then ~/.cache
])
def test_cache_directory(monkeypatch, environment, expected):
    for name in ("RESDIFF_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert cache_directory() == expected


def test_private_wal_database(tmp_path):
    directory = tmp_path / "new" / "cache"
    with Cache(str(directory)) as cache:
        cache.put_document("k", load_document(SERIES[0]))
        mode = cache._connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700      # drafts can be confidential
    assert stat.S_IMODE(os.stat(directory / FILE_NAME).st_mode) == 0o600


def test_unused_entries_are_pruned(tmp_path):
    run(tmp_path)
    connection = sqlite3.connect(tmp_path / FILE_NAME)
    old = int(time.time()) - (KEEP_DAYS + 1) * 86400
    connection.execute("UPDATE entries SET used = ? WHERE kind = 'comparison'", (old,))
    connection.commit()
    connection.close()
    _, cache, _ = run(tmp_path)
    assert (cache.hits, cache.misses) == (3, 2)


# -- trouble: never fails a run ---------------------------------------------------------------

def test_corrupt_file(tmp_path):
    reference = load_history(SERIES)
    (tmp_path / FILE_NAME).write_bytes(b"this is not a database\0" * 100)
    history, cache, problems = run(tmp_path)
    assert history == reference and not cache.enabled
    assert len(problems) == 1 and "computing without the cache" in problems[0]


def test_corrupt_entries(tmp_path):
    reference, _, _ = run(tmp_path)
    connection = sqlite3.connect(tmp_path / FILE_NAME)
    keys = [k for (k,) in connection.execute("SELECT key FROM entries ORDER BY key")]
    connection.execute("UPDATE entries SET value = ? WHERE key = ?", (b"garbage", keys[0]))
    # valid JSON of the wrong shape: rebuilt dataclasses would be wrong, so it is refused
    connection.execute("UPDATE entries SET value = ? WHERE key = ?",
                       (zlib.compress(b'{"changes": [], "footnotes": []}'), keys[1]))
    connection.execute("UPDATE entries SET value = ? WHERE key = ?",
                       (zlib.compress(b'[1, 2, 3]'), keys[2]))
    connection.commit()
    connection.close()
    history, cache, problems = run(tmp_path)
    assert history == reference
    assert (cache.hits, cache.misses) == (2, 3) and len(problems) == 1   # said once
    _, cache, problems = run(tmp_path)            # recomputed entries were written back
    assert (cache.hits, cache.misses, problems) == (5, 0, [])


def test_locked_database(tmp_path):
    reference, _, _ = run(tmp_path)
    holder = sqlite3.connect(tmp_path / FILE_NAME, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("DELETE FROM entries")         # hold the write lock, uncommitted
    try:
        start = time.monotonic()
        history, cache, problems = run(tmp_path, timeout=0.2)
        elapsed = time.monotonic() - start
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert history == reference and len(problems) == 1
    assert elapsed < 5                            # gave up on the cache once, not per entry


def test_busy_switch_to_wal_is_retried(tmp_path, monkeypatch):
    # SQLite reports "database is locked" at once, without its busy wait, to the WAL pragma
    # while another process switches the same new file (the race of
    # test_concurrent_runs_share_a_new_cache, 1 run in a few hundred): the cache waits for it
    # like any other lock instead of giving up.
    busy_answers = []

    class BusyOnce(sqlite3.Connection):
        def execute(self, sql, *args):
            if sql.startswith("PRAGMA journal_mode") and len(busy_answers) < 2:
                busy_answers.append(sql)
                error = sqlite3.OperationalError("database is locked")
                error.sqlite_errorcode = sqlite3.SQLITE_BUSY
                raise error
            return super().execute(sql, *args)

    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect",
                        lambda *args, **kwargs: real_connect(*args, factory=BusyOnce, **kwargs))
    history, cache, problems = run(tmp_path)
    assert len(busy_answers) == 2 and problems == [] and cache.enabled
    assert history == load_history(SERIES)


def test_unusable_directory(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    history, cache, problems = run(blocker / "cache")
    assert history == load_history(SERIES) and not cache.enabled and len(problems) == 1


# -- CLI: --no-cache, and problems said only with --debug --------------------------------------

def test_cli_cache_and_no_cache(tmp_path):
    directory = tmp_path / "cache"
    env = {"RESDIFF_CACHE_DIR": str(directory)}
    result = run_cli("history", *SERIES, "--no-cache", env=env)
    assert result.code == 1 and not directory.exists()
    first = run_cli("history", *SERIES, env=env)
    assert (directory / FILE_NAME).exists()
    second = run_cli("history", *SERIES, env=env)
    assert first.stdout == second.stdout == result.stdout
    blame = run_cli("blame", SERIES[2], "--series", *SERIES, "--format", "json", env=env)
    uncached = run_cli("blame", SERIES[2], "--series", *SERIES, "--format", "json", "--no-cache",
                       env=env)
    assert blame.code == 0 and blame.stdout == uncached.stdout


def test_cli_corrupt_cache_quiet_unless_debug(tmp_path):
    directory = tmp_path / "cache"
    directory.mkdir()
    (directory / FILE_NAME).write_bytes(b"\x00garbage" * 512)
    env = {"RESDIFF_CACHE_DIR": str(directory)}
    quiet = run_cli("history", *SERIES, env=env)
    assert (quiet.code, quiet.stderr) == (1, "")
    loud = run_cli("--debug", "history", *SERIES, env=env)
    assert loud.code == 1 and loud.stdout == quiet.stdout
    lines = loud.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("resdiff: cache: ") and FILE_NAME in lines[0]


def test_concurrent_runs_share_a_new_cache(tmp_path):
    # Four processes start on a cache that does not exist yet: all succeed, say nothing on
    # stderr (even with --debug: waiting for the lock is not a problem) and agree.
    import subprocess
    import sys

    env = {**os.environ, "NO_COLOR": "1", "RESDIFF_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.Popen([sys.executable, "-m", "resdiff", "--debug", "history", *SERIES],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            for _ in range(4)]
    results = []
    for process in runs:
        out, err = process.communicate(timeout=120)
        results.append((process.returncode, out, err))
    assert {code for code, _, _ in results} == {1}
    assert {err for _, _, err in results} == {b""}
    assert len({out for _, out, _ in results}) == 1
