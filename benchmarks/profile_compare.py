"""Where `resdiff compare` spends its time: cProfile over one run, counted in CPU seconds.

    .venv/bin/python benchmarks/profile_compare.py OLD NEW [--top 30] [--sort cumulative|tottime] [-o FILE]

Runs ``resdiff compare OLD NEW --format json`` in this process (the CLI's own entry point,
output thrown away) under cProfile with ``time.process_time`` as the clock, so a busy shared
machine does not inflate the figures the way a wall clock does (cProfile's default). Prints
the top functions; ``-o FILE`` keeps the raw profile for ``python -m pstats FILE``. Profiling
itself roughly doubles the CPU time; read the shares, not the totals. Generate a large pair
with ``python benchmarks/generate.py --size 35000 --out DIR``.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    parser.add_argument("-o", "--output", help="write the raw profile here")
    args = parser.parse_args(argv)

    profiler = cProfile.Profile(time.process_time)
    start_cpu, start_wall = time.process_time(), time.perf_counter()
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        profiler.enable()
        from resdiff.cli import main as resdiff_main  # imports are part of the cost

        code = resdiff_main(["compare", args.old, args.new, "--format", "json"])
        profiler.disable()
    cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start_wall
    if args.output:
        profiler.dump_stats(args.output)
    report = io.StringIO()
    stats = pstats.Stats(profiler, stream=report)
    stats.sort_stats(args.sort).print_stats(args.top)
    print(f"resdiff compare exit {code}; profiled run {cpu:.2f} s CPU, {wall:.2f} s wall")
    print(report.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
