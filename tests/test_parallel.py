"""Reading and parsing the two inputs in two processes (resdiff.fork, engine.compare).

The parallel path must be invisible: the same Comparison, the same errors, the same exit
codes as the serial one, no child left behind, and a serial fallback when the child fails.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from resdiff import engine, fork
from resdiff.errors import InputError
from resdiff.render.json import render_comparison
from conftest import CORPUS, ROOT, run_cli

pytestmark = pytest.mark.skipif(not fork.available(), reason="forking is not available here")

SEED = CORPUS / "a-res-52-132.txt"
DRAFT = CORPUS / "illustrative-54-draft.txt"


@pytest.fixture(autouse=True)
def single_threaded():
    """resdiff forks only from a single-threaded process: wait for threads an earlier test
    left finishing (playwright's, after a browser module closes its chromium)."""
    for thread in threading.enumerate():
        if thread is not threading.main_thread():
            thread.join(timeout=10)
    assert threading.active_count() == 1, threading.enumerate()


@pytest.fixture
def always_fork(monkeypatch):
    """Fork for inputs of any size; count the forks."""
    forks = []
    real_start = fork.start

    def counting_start(*args, **kwargs):
        job = real_start(*args, **kwargs)
        if job is not None:  # the child's answer must be used, not the fallback
            job._call = lambda: pytest.fail("the serial fallback ran instead of the child")
        forks.append(job)
        return job

    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(fork, "start", counting_start)
    return forks


def _no_children_left():
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_parallel_comparison_equals_the_serial_one(always_fork, monkeypatch):
    parallel = engine.compare(SEED, DRAFT)
    assert len(always_fork) == 1 and always_fork[0] is not None
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 1 << 62)
    serial = engine.compare(SEED, DRAFT)
    assert len(always_fork) == 1  # the serial run did not fork
    assert parallel == serial
    _no_children_left()


def test_small_inputs_are_parsed_in_this_process(monkeypatch):
    started = []
    monkeypatch.setattr(fork, "start", lambda *a, **k: started.append(a))
    engine.compare(SEED, DRAFT)  # ~60 KB together, under PARALLEL_MIN_BYTES
    assert not started


def test_an_error_in_the_new_text_is_the_serial_error(always_fork, tmp_path, monkeypatch):
    bad = tmp_path / "new.txt"
    bad.write_bytes(b"\x00\x01binary\x00" * 100)
    with pytest.raises(InputError) as parallel:
        engine.compare(SEED, bad)
    assert always_fork[0] is not None  # the child read it and sent the error back
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 1 << 62)
    with pytest.raises(InputError) as serial:
        engine.compare(SEED, bad)
    assert str(parallel.value) == str(serial.value)
    assert str(bad) in str(parallel.value)
    _no_children_left()


def test_when_both_texts_fail_the_old_one_is_reported(always_fork, tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_bytes(b"\x00old\x00" * 100)
    new.write_bytes(b"\x00new\x00" * 100)
    with pytest.raises(InputError, match="old.txt"):
        engine.compare(old, new)
    _no_children_left()  # the child was stopped and reaped


def test_cli_on_large_files_gives_the_serial_output(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    old, new, _ = generate.write_pair(tmp_path, 1000, seed=3)
    assert os.path.getsize(old) + os.path.getsize(new) >= engine.PARALLEL_MIN_BYTES
    run = run_cli("compare", str(old), str(new), "--format", "json")  # forks
    assert run.code == 1, run.stderr
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 1 << 62)
    assert run.stdout == render_comparison(engine.compare(old, new))
    same = run_cli("compare", str(old), str(old), "--format", "json")
    assert same.code == 0
    missing = run_cli("compare", str(old), str(tmp_path / "missing.txt"))
    assert missing.code == 2
    assert "missing.txt" in missing.stderr and "Traceback" not in missing.stderr


# -- fork.start itself -----------------------------------------------------------------------

def _pid_and(value):
    return os.getpid(), value


def test_the_call_runs_in_a_child_and_its_value_comes_back():
    job = fork.start(_pid_and, {"a": [1, 2]})
    pid, value = job.result()
    assert pid != os.getpid() and value == {"a": [1, 2]}
    _no_children_left()


def _raise(message):
    raise InputError(message, path="x.txt", hint="try y")


def test_an_exception_comes_back_with_its_type_and_text():
    job = fork.start(_raise, "cannot read")
    with pytest.raises(InputError) as error:
        job.result()
    assert str(error.value) == "x.txt: cannot read (try y)"
    assert "in _raise" in error.value.__notes__[0]  # the child's traceback, for --debug


def _die_in_the_child(parent):
    if os.getpid() != parent:
        os._exit(3)  # killed before answering
    return "done here"


def test_a_child_that_dies_without_answering_is_replaced_by_a_local_call():
    job = fork.start(_die_in_the_child, os.getpid())
    assert job.result() == "done here"
    _no_children_left()


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle this")


def _raise_unpicklable():
    raise _Unpicklable("local")


def test_an_answer_that_cannot_be_sent_is_replaced_by_a_local_call():
    job = fork.start(_raise_unpicklable)
    with pytest.raises(_Unpicklable):
        job.result()
    _no_children_left()


def test_cancel_stops_a_running_child():
    job = fork.start(threading.Event().wait)  # would wait forever
    job.cancel()
    _no_children_left()


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not fork.available()
        assert fork.start(_pid_and, 1) is None
    finally:
        stop.set()
        other.join()
    assert fork.available()


def test_cancel_after_a_failed_result_leaves_other_files_alone(tmp_path):
    # engine.compare cancels a job whose result() raised; the pipe is closed by then, and its
    # descriptor number may already belong to a file opened since.
    job = fork.start(_raise, "cannot read")
    with pytest.raises(InputError):
        job.result()
    other = tmp_path / "other.txt"
    other.write_text("still open")
    with open(other) as handle:
        job.cancel()
        assert handle.read() == "still open"
    _no_children_left()


def test_no_pipe_means_no_fork(monkeypatch):
    def no_descriptors():
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(os, "pipe", no_descriptors)
    assert fork.start(_pid_and, 1) is None
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0)
    assert engine.compare(SEED, DRAFT).summary["unchanged"] == 15  # parsed here instead


_ORPHAN = """
import sys, time
from resdiff import fork
job = fork.start(time.sleep, 60)
print(job._pid, flush=True)
time.sleep(60)
"""


def test_a_child_dies_with_its_parent(tmp_path):
    # A parent killed alone (a timeout, the OOM killer) takes its child along.
    import signal
    import subprocess
    import time

    parent = subprocess.Popen([sys.executable, "-c", _ORPHAN], stdout=subprocess.PIPE,
                              cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    child = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            state = (Path("/proc") / str(child) / "stat").read_text().split(")")[-1].split()[0]
        except FileNotFoundError:
            return  # gone
        if state in ("Z", "X"):
            return  # killed, waiting to be reaped by init
        time.sleep(0.05)
    os.kill(child, signal.SIGKILL)
    pytest.fail(f"child {child} outlived its parent (state {state})")
