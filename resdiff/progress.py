"""Progress for long runs: a transient rich bar on stderr, the way git shows it.

    with TerminalProgress() as progress:     progress(done, total, what), or None
        engine.compare(..., progress=progress)

Drawn only when stderr is a terminal, and only once the run has lasted DELAY seconds, so a
quick run (and every pipe, file or CI log) gets nothing. rich is imported only then.
"""

from __future__ import annotations

import os
import sys
import time


class TerminalProgress:
    """Transient rich progress on stderr, only when stderr is a terminal and only once the
    work has run for DELAY seconds (as git does: a quick run draws nothing).
    $RESDIFF_PROGRESS_DELAY overrides the delay."""

    DELAY = 1.0

    def __init__(self) -> None:
        self._progress = None
        self._task = None
        try:
            delay = float(os.environ.get("RESDIFF_PROGRESS_DELAY", self.DELAY))
        except ValueError:
            delay = self.DELAY
        self._show_at = time.monotonic() + delay

    def __enter__(self):
        return self.report if sys.stderr.isatty() else None

    def report(self, done: int, total: int, what: str) -> None:
        if self._progress is None:
            if time.monotonic() < self._show_at:
                return
            from rich.console import Console
            from rich.progress import Progress

            self._progress = Progress(console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task(what, total=total)
        self._progress.update(self._task, completed=done, total=total, description=what)

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()
