"""The resdiff benchmark (issue 8): speed, memory and alignment quality, with references.

    .venv/bin/python benchmarks/run.py --sizes 35,350,3500,35000 --repeat 3 --write docs/performance.md

For each size a seeded synthetic pair is generated into a temporary directory
(generate.py; the truth ids are checked against resdiff's parser first), then, in the same
run and interleaved so machine noise hits all tools alike:

- ``resdiff compare OLD NEW --format json`` as a process, end to end: wall time (median of
  --repeat runs) and peak RSS (os.wait4 rusage of that child);
- ``git diff --no-index --word-diff OLD NEW`` (exit 1 is normal);
- ``python benchmarks/difflib_diff.py OLD NEW`` (difflib paragraph diff + word diffs).

resdiff's output is scored against the truth (score.py: exact-link precision, recall, F1,
kind accuracy) and its mistakes are grouped by cause (mistakes.py). The difflib pairing is
scored too, as the floor an aligner must beat. Also measured: ``resdiff --version``
(start-up), ``python -c pass`` (the interpreter's floor), and the corpus pair
corpus/a-res-52-132.txt -> corpus/illustrative-54-draft.txt scored against its gold file.

A run that exceeds its timeout is reported as "timeout >Ns" and not repeated. The markdown
report goes to stdout; ``--write FILE`` puts it between the result markers of FILE
(docs/performance.md), ``--json FILE`` writes every measurement.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import mistakes  # noqa: E402
import score as scoring  # noqa: E402

CORPUS_OLD = ROOT / "corpus" / "a-res-52-132.txt"
CORPUS_NEW = ROOT / "corpus" / "illustrative-54-draft.txt"
CORPUS_GOLD = ROOT / "corpus" / "illustrative-54-draft.gold.json"
MARK_START = "<!-- benchmark results: start (written by benchmarks/run.py) -->"
MARK_END = "<!-- benchmark results: end -->"
TARGETS = {"corpus_s": 0.3, "3500_s": 1.5, "3500_git_ratio": 25.0, "35000_s": 20.0,
           "35000_rss_mb": 1024.0, "growth": 15.0, "f1": 0.97}
"""Issue 8's targets."""


@dataclass
class Run:
    """One process run."""

    wall: float
    cpu: float
    """User + system CPU seconds of the process (steadier than wall time on a busy machine)."""
    rss_mb: float
    code: int
    timed_out: bool
    output: Path


@dataclass
class Timing:
    """Repeated runs of one command."""

    runs: list[Run] = field(default_factory=list)
    timeout: float = 0.0

    @property
    def timed_out(self) -> bool:
        return any(r.timed_out for r in self.runs)

    @property
    def median(self) -> float | None:
        good = [r.wall for r in self.runs if not r.timed_out]
        return statistics.median(good) if good and not self.timed_out else None

    @property
    def cpu(self) -> float | None:
        good = [r.cpu for r in self.runs if not r.timed_out]
        return statistics.median(good) if good and not self.timed_out else None

    @property
    def rss_mb(self) -> float | None:
        good = [r.rss_mb for r in self.runs if not r.timed_out]
        return max(good) if good else None

    def show(self) -> str:
        if self.timed_out:
            return f"timeout >{self.timeout:g}s"
        if not self.runs:
            return "-"
        times = sorted(r.wall for r in self.runs)
        spread = f" ({times[0]:.3g}-{times[-1]:.3g})" if len(times) > 1 else ""
        return f"{self.median:.3g}{spread}"


def run_process(argv: list[str], *, output: Path, timeout: float, env: dict | None = None) -> Run:
    """Run argv with stdout to `output`; wall time and this child's own peak RSS."""
    killed = threading.Event()
    with open(output, "wb") as out, open(str(output) + ".stderr", "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)

        def kill() -> None:
            killed.set()
            process.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, rss_mb=usage.ru_maxrss / 1024.0, code=process.returncode,
               timed_out=killed.is_set(), output=output)


def resdiff_command(option: str | None) -> list[str]:
    if option:
        return shlex.split(option)
    script = Path(sys.executable).parent / "resdiff"
    return [str(script)] if script.exists() else [sys.executable, "-m", "resdiff"]


def machine_facts(resdiff: list[str]) -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def output(argv: list[str], cwd: Path = ROOT) -> str:
        try:
            return subprocess.run(argv, capture_output=True, text=True, cwd=cwd,
                                  timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return "unknown"

    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "nproc": output(["nproc"]), "cpu_count": os.cpu_count(), "cpu_model": model,
        "memory": memory, "python": platform.python_version(),
        "platform": platform.platform(), "resdiff": output(resdiff + ["--version"]),
        "git": output(["git", "--version"]),
        "resdiff_module": output([sys.executable, "-c", "import resdiff; print(resdiff.__file__)"],
                                 cwd="/"),
        "commit": output(["git", "describe", "--always", "--dirty", "--abbrev=12"]),
        "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


@dataclass
class Case:
    """One compared pair and everything measured on it."""

    name: str
    old: Path
    new: Path
    truth: dict
    old_paragraphs: int = 0
    new_paragraphs: int = 0
    megabytes: float = 0.0
    resdiff: Timing = field(default_factory=Timing)
    git: Timing = field(default_factory=Timing)
    difflib: Timing = field(default_factory=Timing)
    score: scoring.Score | None = None
    difflib_score: scoring.Score | None = None
    mistakes: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def measure_case(case: Case, *, resdiff: list[str], repeat: int, work: Path,
                 timeouts: dict[str, float]) -> None:
    """Interleaved runs of resdiff, git and difflib on one pair, then scoring."""
    from resdiff.parse import parse  # the function (resdiff.parse may be the module)

    old_doc = parse(case.old.read_text(encoding="utf-8"))
    new_doc = parse(case.new.read_text(encoding="utf-8"))
    case.old_paragraphs, case.new_paragraphs = len(old_doc.paragraphs), len(new_doc.paragraphs)
    case.megabytes = (case.old.stat().st_size + case.new.stat().st_size) / 1e6
    commands = {
        "resdiff": resdiff + ["compare", str(case.old), str(case.new), "--format", "json"],
        "git": ["git", "diff", "--no-index", "--no-color", "--word-diff", str(case.old), str(case.new)],
        "difflib": [sys.executable, str(HERE / "difflib_diff.py"), str(case.old), str(case.new)],
    }
    for timing_name in commands:
        getattr(case, timing_name).timeout = timeouts[timing_name]
    for k in range(repeat):
        for tool, argv in commands.items():
            timing: Timing = getattr(case, tool)
            if timing.timed_out:
                continue
            run = run_process(argv, output=work / f"{case.name}-{tool}-{k}.out",
                              timeout=timing.timeout)
            timing.runs.append(run)
            expected = {"resdiff": (0, 1), "git": (0, 1), "difflib": (0,)}[tool]
            if not run.timed_out and run.code not in expected:
                stderr = Path(str(run.output) + ".stderr").read_text(errors="replace")[-400:]
                case.notes.append(f"{tool} exited {run.code}: {stderr.strip()}")
    good = [r for r in case.resdiff.runs if not r.timed_out and r.code in (0, 1)]
    if good:
        digests = {hashlib.sha256(r.output.read_bytes()).hexdigest() for r in good}
        if len(digests) > 1:
            case.notes.append("resdiff output differs between runs (not deterministic)")
        report = json.loads(good[0].output.read_text(encoding="utf-8"))
        truth_links = scoring.links_from_truth(case.truth)
        case.score = scoring.score(scoring.links_from_compare(report), truth_links)
        case.mistakes = mistakes.explain(case.truth, report,
                                         {p.id: p.text for p in old_doc.paragraphs},
                                         {p.id: p.text for p in new_doc.paragraphs})
    links_path = work / f"{case.name}-difflib-links.json"
    run = run_process(commands["difflib"] + ["--links", str(links_path)],
                      output=work / f"{case.name}-difflib-links.out", timeout=timeouts["difflib"])
    if not run.timed_out and run.code == 0:
        case.difflib_score = scoring.score(_difflib_links(links_path, old_doc, new_doc),
                                           scoring.links_from_truth(case.truth))
    for r in case.resdiff.runs + case.git.runs + case.difflib.runs + [run]:
        for path in (r.output, Path(str(r.output) + ".stderr")):
            path.unlink(missing_ok=True)


def _difflib_links(path: Path, old_doc, new_doc) -> list[scoring.Link]:
    """difflib's pairing (blocks named by first line) as links of paragraph ids."""
    old_at = {p.lines[0]: p.id for p in old_doc.paragraphs}
    new_at = {p.lines[0]: p.id for p in new_doc.paragraphs}
    links = []
    for olds, news in json.loads(path.read_text())["links"]:
        old_ids = [old_at[n] for n in olds if n in old_at]
        new_ids = [new_at[n] for n in news if n in new_at]
        if not old_ids and not new_ids:
            continue  # header, title, organ line
        kind = "added" if not old_ids else "dropped" if not new_ids else "reworded"
        links.append(scoring.Link(tuple(old_ids), tuple(new_ids), kind))
    return links


def measure_startup(resdiff: list[str], repeat: int, work: Path) -> dict[str, Timing]:
    result = {}
    for name, argv in (("resdiff --version", resdiff + ["--version"]),
                       ("python -c pass", [sys.executable, "-c", "pass"])):
        timing = Timing(timeout=60)
        for _ in range(repeat):
            timing.runs.append(run_process(argv, output=work / "startup.out", timeout=60))
        result[name] = timing
    return result


def _f(value: float | None, digits: int = 4) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or not b else f"{a / b:.1f}x"


def report(cases: list[Case], startup: dict[str, Timing], facts: dict, command: str,
           *, examples: int) -> str:
    lines = [f"Command: `{command}`", "",
             f"Machine: {facts['nproc']} CPUs available ({facts['cpu_model']}), {facts['memory']} RAM; "
             f"Python {facts['python']}; {facts['git']}; {facts['resdiff']} from "
             f"`{facts['resdiff_module']}`, repository at `{facts['commit']}`; load average before the run {facts['load_before']}, after "
             f"{facts.get('load_after', '?')}. Times are wall seconds of the whole process, median "
             f"of the runs (min-max in brackets); RSS is the largest peak of one process.", "",
             "| case | paragraphs old/new | MB (both) | resdiff s | resdiff CPU s | peak RSS MB | P | R | "
             "F1 | kind acc. | git word-diff s | difflib s | resdiff/git | resdiff/git CPU | "
             "resdiff/difflib | difflib F1 |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for case in cases:
        s = case.score
        lines.append(
            f"| {case.name} | {case.old_paragraphs}/{case.new_paragraphs} | {case.megabytes:.2f} | "
            f"{case.resdiff.show()} | {_f(case.resdiff.cpu, 3)} | {_f(case.resdiff.rss_mb, 0)} | "
            f"{_f(s and s.precision)} | {_f(s and s.recall)} | {_f(s and s.f1)} | "
            f"{_f(s and s.kind_accuracy)} | {case.git.show()} | {case.difflib.show()} | "
            f"{_ratio(case.resdiff.median, case.git.median)} | "
            f"{_ratio(case.resdiff.cpu, case.git.cpu)} | "
            f"{_ratio(case.resdiff.median, case.difflib.median)} | "
            f"{_f(case.difflib_score and case.difflib_score.f1)} |")
    lines += ["", "| start-up | median s | CPU s | peak RSS MB |", "|---|---|---|---|"]
    for name, timing in startup.items():
        lines.append(f"| `{name}` | {timing.show()} | {_f(timing.cpu, 3)} | {_f(timing.rss_mb, 0)} |")
    lines += ["", *targets(cases)]
    notes = [f"- {case.name}: {note}" for case in cases for note in case.notes]
    if notes:
        lines += ["", "Notes:", *notes]
    lines += ["", "Alignment mistakes (truth links resdiff did not find, by likely cause):", ""]
    for case in cases:
        if case.score is None:
            lines.append(f"- {case.name}: not scored (resdiff did not finish)")
            continue
        s = case.score
        lines.append(f"- **{case.name}**: {s.true_links - s.correct} of {s.true_links} truth links "
                     f"missed, {len(s.spurious)} wrong links reported, {len(s.wrong_kind)} right "
                     f"links with the wrong kind")
        for category, entries in sorted(case.mistakes.items(), key=lambda kv: -len(kv[1])):
            lines.append(f"  - {category}: {len(entries)}")
            lines += [f"    - {entry}" for entry in entries[:examples]]
        kinds: dict[str, int] = {}
        for true, predicted in s.wrong_kind:
            key = f"{true.kind} reported as {predicted.kind}"
            kinds[key] = kinds.get(key, 0) + 1
        if kinds:
            lines.append("  - wrong kinds: " + ", ".join(f"{k} ({n})" for k, n in sorted(kinds.items())))
    return "\n".join(lines) + "\n"


def targets(cases: list[Case]) -> list[str]:
    by_name = {case.name: case for case in cases}
    rows = []

    def row(what: str, target: str, value: float | None, ok: bool | None, shown: str | None = None):
        verdict = "-" if ok is None else ("met" if ok else "**missed**")
        rows.append(f"| {what} | {target} | {shown or _f(value, 3)} | {verdict} |")

    def with_cpu(timing: Timing) -> str | None:
        if timing.timed_out or timing.median is None:
            return timing.show() if timing.timed_out else None
        return f"{timing.median:.3f} (CPU {timing.cpu:.3f})"

    corpus = by_name.get("corpus pair")
    if corpus:
        m = corpus.resdiff.median
        row("corpus pair, whole process", f"<= {TARGETS['corpus_s']} s", m,
            None if m is None else m <= TARGETS["corpus_s"], with_cpu(corpus.resdiff))
    for size, limit in (("3500", TARGETS["3500_s"]), ("35000", TARGETS["35000_s"])):
        case = by_name.get(size)
        if not case:
            continue
        m = case.resdiff.median
        row(f"{size} paragraphs, whole process", f"<= {limit} s", m,
            False if case.resdiff.timed_out else (None if m is None else m <= limit),
            with_cpu(case.resdiff))
        if size == "3500":
            ratio = m / case.git.median if m and case.git.median else None
            row("3500 paragraphs, resdiff / git word-diff", f"<= {TARGETS['3500_git_ratio']:g}x",
                ratio, None if ratio is None else ratio <= TARGETS["3500_git_ratio"],
                None if ratio is None else f"{ratio:.1f}x (CPU {_ratio(case.resdiff.cpu, case.git.cpu)})")
        if size == "35000":
            rss = case.resdiff.rss_mb
            row("35000 paragraphs, peak RSS MB", f"<= {TARGETS['35000_rss_mb']:g}", rss,
                None if rss is None else rss <= TARGETS["35000_rss_mb"])
    small, large = by_name.get("3500"), by_name.get("35000")
    if small and large and small.resdiff.median and large.resdiff.median:
        growth = large.resdiff.median / small.resdiff.median
        row("growth 3500 -> 35000 (time ratio)", f"<= {TARGETS['growth']:g}", growth,
            growth <= TARGETS["growth"],
            f"{growth:.1f} (CPU {_ratio(large.resdiff.cpu, small.resdiff.cpu)})")
    for case in cases:
        f1 = case.score.f1 if case.score else None
        row(f"F1, {case.name}", f">= {TARGETS['f1']}", f1, None if f1 is None else f1 >= TARGETS["f1"])
    return ["| target (issue 8) | limit | measured | verdict |", "|---|---|---|---|", *rows]


def write_into(path: Path, text: str) -> None:
    """Replace what is between the result markers of `path` (append the block if absent)."""
    block = f"{MARK_START}\n{text}{MARK_END}\n"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n\n"
    if MARK_START in current and MARK_END in current:
        before = current[:current.index(MARK_START)]
        after = current[current.index(MARK_END) + len(MARK_END):].lstrip("\n")
        content = before + block + ("\n" + after if after else "")
    else:
        content = current.rstrip("\n") + "\n\n" + block
    path.write_text(content, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="35,350,3500,35000",
                        help="comma-separated paragraph counts of the old text")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool and size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--resdiff", default=None, metavar="CMD",
                        help="command that runs resdiff (default: the venv's resdiff script)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per resdiff run")
    parser.add_argument("--reference-timeout", type=float, default=120,
                        help="seconds per git / difflib run")
    parser.add_argument("--no-corpus", action="store_true", help="skip the corpus pair")
    parser.add_argument("--examples", type=int, default=3, help="mistakes shown per cause")
    parser.add_argument("--write", metavar="FILE", help="put the report into FILE's result block")
    parser.add_argument("--json", metavar="FILE", help="write all measurements as JSON")
    parser.add_argument("--keep", metavar="DIR", help="generate the pairs into DIR and keep them")
    args = parser.parse_args(argv)

    command = "python benchmarks/run.py " + " ".join(
        shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv))
    resdiff = resdiff_command(args.resdiff)
    facts = machine_facts(resdiff)
    timeouts = {"resdiff": args.timeout, "git": args.reference_timeout,
                "difflib": args.reference_timeout}
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    cases: list[Case] = []
    with tempfile.TemporaryDirectory(prefix="resdiff-bench-") as scratch:
        work = Path(scratch)
        pairs = Path(args.keep) if args.keep else work
        startup = measure_startup(resdiff, max(args.repeat, 5), work)
        if not args.no_corpus:
            case = Case("corpus pair", CORPUS_OLD, CORPUS_NEW,
                        json.loads(CORPUS_GOLD.read_text(encoding="utf-8")))
            print("[bench] corpus pair ...", file=sys.stderr, flush=True)
            measure_case(case, resdiff=resdiff, repeat=max(args.repeat, 5), work=work,
                         timeouts=timeouts)
            cases.append(case)
        material = generate.load_material()
        for size in sizes:
            print(f"[bench] {size}: generating ...", file=sys.stderr, flush=True)
            old, new, truth_path = generate.write_pair(pairs, size, args.seed, material=material)
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            problems = generate.check_pair(old.read_text(encoding="utf-8"),
                                           new.read_text(encoding="utf-8"), truth)
            if problems:
                print(f"[bench] {size}: truth does not match the parser: {problems}", file=sys.stderr)
                return 2
            case = Case(str(size), old, new, truth)
            print(f"[bench] {size}: measuring ...", file=sys.stderr, flush=True)
            measure_case(case, resdiff=resdiff, repeat=args.repeat, work=work, timeouts=timeouts)
            cases.append(case)
            print(f"[bench] {size}: resdiff {case.resdiff.show()} s, "
                  f"F1 {_f(case.score and case.score.f1)}", file=sys.stderr, flush=True)
    facts["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    text = report(cases, startup, facts, command, examples=args.examples)
    print(text)
    if args.write:
        write_into(Path(args.write), text)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "facts": facts, "command": command,
            "startup": {k: {"wall": [r.wall for r in t.runs], "cpu": [r.cpu for r in t.runs]}
                        for k, t in startup.items()},
            "cases": [{
                "name": c.name, "paragraphs": [c.old_paragraphs, c.new_paragraphs],
                "megabytes": c.megabytes,
                **{tool: {"wall": [r.wall for r in getattr(c, tool).runs],
                          "cpu": [r.cpu for r in getattr(c, tool).runs],
                          "rss_mb": [r.rss_mb for r in getattr(c, tool).runs],
                          "timed_out": getattr(c, tool).timed_out}
                   for tool in ("resdiff", "git", "difflib")},
                "score": None if c.score is None else {
                    k: getattr(c.score, k) for k in ("precision", "recall", "f1", "kind_accuracy",
                                                     "true_links", "predicted_links", "correct")},
                "difflib_f1": c.difflib_score.f1 if c.difflib_score else None,
                "mistakes": c.mistakes, "notes": c.notes} for c in cases]}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
