"""Run one call in a forked child process while this process does other work.

    job = start(fn, *args, **kwargs)   fn runs in a child; None when forking is not safe here
    job.result()                       fn's return value, or the exception it raised
    job.cancel()                       stop the child and reap it

``engine.compare`` reads and parses the new text in a child while this process parses the
old one, on the second core (two 1.2 MB texts: ~0.15 s each in Python). The result comes back
pickled through a pipe.

Forking is only used where it is safe and useful: on Linux (macOS system libraries are not
fork-safe), with more than one CPU available to the process, and when this process runs a
single thread (a fork copies only the calling thread; a lock another thread held would
stay locked in the child). Otherwise ``start`` returns None and the caller runs the call
itself.

Nothing is lost if the child fails: when it dies without an answer (killed, out of memory)
or its answer cannot be unpickled, ``result()`` runs the call in this process, which raises
the error, or returns the value, the serial run would have. Ctrl-C reaches both processes
and each stops (the child is reaped); a parent killed alone takes the child with it.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

_PR_SET_PDEATHSIG = 1  # prctl(2) option: a signal for this process when its parent dies


def available() -> bool:
    """Can and should this process fork a helper now?"""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except (AttributeError, OSError):
        return False


class Job:
    """A call running in a forked child."""

    def __init__(self, pid: int, pipe: int, call: Callable[[], Any]) -> None:
        self._pid, self._pipe, self._call = pid, pipe, call

    def result(self) -> Any:
        """The call's value (or its exception, raised here) once the child has finished."""
        pipe, self._pipe = self._pipe, -1  # the file object below owns it (and closes it)
        try:
            with os.fdopen(pipe, "rb") as stream:
                data = stream.read()
        except BaseException:
            self.cancel()
            raise
        self._reap()
        try:
            ok, value = pickle.loads(data)
        except Exception:  # no answer (the child died) or one that cannot be rebuilt here
            return self._call()
        if ok:
            return value
        raise value

    def cancel(self) -> None:
        """Stop the child (its result is no longer wanted) and reap it."""
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap()
        if self._pipe >= 0:
            pipe, self._pipe = self._pipe, -1
            try:
                os.close(pipe)
            except OSError:
                pass

    def _reap(self) -> None:
        if self._pid:
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass
            self._pid = 0


def start(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Job | None:
    """Run fn(*args, **kwargs) in a forked child; None when forking is not available."""
    if not available():
        return None
    try:
        read_end, write_end = os.pipe()
    except OSError:  # out of file descriptors: run it here instead
        return None
    parent = os.getpid()
    # Ctrl-C is held back until the Job exists: an interrupt between fork() and the Job would
    # leave an unreaped child (here) or run the caller's handlers in the child.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:  # no memory or process slots: run it here instead
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: never returns into the caller's code
        status = 1
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            _die_with(parent)
            os.close(read_end)
            try:
                payload = (True, fn(*args, **kwargs))
            except Exception as error:
                # The traceback stays in the child; --debug shows it from this note.
                error.add_note("raised in a forked child process (resdiff.fork):\n"
                               + "".join(traceback.format_exception(error)).rstrip())
                payload = (False, error)
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)  # no atexit handlers, no flushing of the parent's buffers
    os.close(write_end)
    job = Job(pid, read_end, lambda: fn(*args, **kwargs))
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a Ctrl-C held back arrives here
    except BaseException:
        job.cancel()
        raise
    return job


def _die_with(parent: int) -> None:
    """Have the kernel kill this child when the parent dies (killed by a timeout, the OOM
    killer): its work is wanted by nobody then. Linux's PR_SET_PDEATHSIG; best effort."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)

