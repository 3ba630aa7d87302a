"""Replay fuzz inputs through ``fuzz_pipeline.TestOneInput`` without fuzzing.

    .venv/bin/python fuzz/replay.py DIR [DIR ...] [--skip swap] [-q]

Runs every file of each directory (or a single file) through the harness with every check
on (or all but those named with ``--skip``, like ``RESDIFF_FUZZ_SKIP``), prints one line per
failing input (file name, exception type, message) and a total, and exits 1 if any failed.
The directories are only read.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="directories (every file in them) or files")
    parser.add_argument("--skip", default="", help="checks to switch off, e.g. swap")
    parser.add_argument("-q", "--quiet", action="store_true", help="print the total only")
    parser.add_argument("--traceback", action="store_true",
                        help="print the traceback of exceptions that are not findings")
    args = parser.parse_args(argv)
    if args.skip:
        os.environ["RESDIFF_FUZZ_SKIP"] = args.skip  # read when the harness is imported
    sys.path.insert(0, HERE)
    import fuzz_pipeline  # noqa: E402  (instruments resdiff on import; slower but the same code)

    files = []
    for path in args.paths:
        if os.path.isdir(path):
            files += sorted(os.path.join(path, name) for name in os.listdir(path)
                            if os.path.isfile(os.path.join(path, name)))
        else:
            files.append(path)
    failures = 0
    slowest = (0.0, "")
    for path in files:
        with open(path, "rb") as handle:
            data = handle.read()
        start = time.perf_counter()
        try:
            fuzz_pipeline.TestOneInput(data)
        except Exception as error:  # noqa: BLE001 - report every kind of failure
            failures += 1
            if not args.quiet:
                kind = "finding" if isinstance(error, fuzz_pipeline.Finding) else "exception"
                print(f"FAIL {path}: {kind} {type(error).__name__}: {error}")
                if args.traceback and kind == "exception":
                    traceback.print_exc()
        elapsed = time.perf_counter() - start
        slowest = max(slowest, (elapsed, path))
    print(f"{failures} of {len(files)} inputs fail"
          f" (slowest {slowest[0]:.2f} s{': ' + slowest[1] if slowest[1] else ''})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
