"""The command line: read arguments, call the library, pick a renderer, write, exit.

Exit codes follow diff(1): 0 no differences / check passed, 1 differences / check failed,
2 trouble. Every error is one line on stderr naming the file and what to do; a traceback
only with --debug. Nothing here computes: each command calls one library function.
"""

from __future__ import annotations

import atexit
import enum
import gc
import os
import sys

import click

from . import __version__
from .errors import ResdiffError
from .progress import TerminalProgress


GC_THRESHOLD = 100_000
"""New containers between two garbage-collector passes in a CLI run (Python's default: 700)."""


class Exit(enum.IntEnum):
    """Process exit codes (diff(1) conventions)."""

    SAME = 0
    """No differences; check passed."""
    DIFFERENT = 1
    """Differences found; check failed."""
    TROUBLE = 2
    """Bad input, usage error, or a crash. A crash never exits 1."""


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def output_options(function):
    """-o/--force/--color, shared by every command that writes a result."""
    function = click.option("--color", type=click.Choice(["auto", "always", "never"]),
                            default="auto", show_default=True,
                            help="Colour the text output.")(function)
    function = click.option("--force", is_flag=True,
                            help="Replace an existing output file.")(function)
    return click.option("-o", "--output", default=None, metavar="FILE",
                        help="Write to FILE (atomic).")(function)


def input_options(function):
    """Options shared by every command that reads inputs."""
    function = click.option("--encoding", default=None, metavar="NAME",
                            help="Decode text inputs with this encoding (default: BOM, else UTF-8).")(function)
    function = click.option("--max-size", default=20 * 1024 * 1024, show_default=True, type=int,
                            metavar="BYTES", help="Refuse inputs larger than this.")(function)
    function = click.option("--input-format", type=click.Choice(["text", "docx", "pdf", "html"]),
                            default=None, help="Force the input format (default: detect).")(function)
    function = click.option("--lexicon", "lexicon_path", default=None, metavar="FILE",
                            help="TOML file overriding the opening/strength/hedge lexicon.")(function)
    # The format-reader options reach the library through _read_options (kept out of every
    # command's signature: expose_value=False stores them on the click context).
    function = click.option("--tracked", type=click.Choice(["accept", "reject", "error"]),
                            default="accept", show_default=True, expose_value=False,
                            callback=_store_reader_option,
                            help="Word tracked changes: read the accepted view, the original "
                                 "(rejected) view, or refuse a document that has any.")(function)
    function = click.option("--max-pages", type=click.IntRange(min=1), default=1000,
                            show_default=True, expose_value=False, callback=_store_reader_option,
                            help="Refuse PDFs with more pages than this.")(function)
    return function


def _store_reader_option(ctx: click.Context, param: click.Parameter, value):
    ctx.meta.setdefault("resdiff.reader_options", {})[param.name] = value
    return value


def _read_options(encoding, max_size, input_format) -> dict:
    ctx = click.get_current_context(silent=True)
    extra = dict(ctx.meta.get("resdiff.reader_options", {})) if ctx is not None else {}
    return {"encoding": encoding, "max_size": max_size, "input_format": input_format, **extra}


def _lexicon(path):
    from .lexicon import Lexicon

    return Lexicon.load(path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="resdiff")
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Compare UN resolution texts paragraph by paragraph, the way negotiators read them."""
    ctx.ensure_object(dict)["debug"] = debug


@cli.command()
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@output_options
@input_options
def parse(file, fmt, output, force, color, encoding, max_size, input_format, lexicon_path):
    """Parse FILE and print its structure (PP/OP paragraphs, footnotes, adoption)."""
    from .load import load_document
    from .output import write_output

    document = load_document(file, lexicon=_lexicon(lexicon_path),
                             **_read_options(encoding, max_size, input_format))
    if fmt == "json":
        from .render.json import render_document
        content = render_document(document)
    else:
        from .render.text import render_document
        content = render_document(document, color=output is None and _use_color(color))
    write_output(output, content, inputs=[file, lexicon_path], force=force)
    return Exit.SAME


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html", "docx"]),
              default="text", show_default=True,
              help="Output format (docx: a Word redline with tracked changes; needs -o).")
@output_options
@click.option("--strict", is_flag=True,
              help="Report typography-only differences (quotes, dashes, spacing) as changes.")
@click.option("--all", "show_unchanged", is_flag=True, help="Also list unchanged paragraphs.")
@input_options
def compare(old, new, fmt, output, force, color, strict, show_unchanged, encoding, max_size,
            input_format, lexicon_path):
    """Compare OLD and NEW; exit 0 when nothing changed, 1 when something did."""
    from .engine import compare as run_compare
    from .output import write_output

    if old == "-" and new == "-":
        raise click.UsageError("only one of OLD and NEW can be '-' (stdin)")
    if fmt == "docx" and (output is None or output == "-") and sys.stdout.isatty():
        raise click.UsageError("--format docx writes a binary Word file: give -o FILE.docx")
    with TerminalProgress() as progress:
        comparison = run_compare(old, new, lexicon=_lexicon(lexicon_path), strict=strict,
                                 progress=progress,
                                 **_read_options(encoding, max_size, input_format))
    if fmt == "json":
        from .render.json import render_comparison
        content = render_comparison(comparison)
    elif fmt == "markdown":
        from .render.markdown import render_comparison
        content = render_comparison(comparison)
    elif fmt == "html":
        from .render.html import render_comparison
        content = render_comparison(comparison, show_unchanged=show_unchanged)
    elif fmt == "docx":
        from .render.docx import render_comparison
        content = render_comparison(comparison)
    else:
        from .render.text import render_comparison
        content = render_comparison(comparison, color=output is None and _use_color(color),
                                    show_unchanged=show_unchanged)
    write_output(output, content, inputs=[old, new, lexicon_path], force=force)
    return Exit.DIFFERENT if comparison.has_differences else Exit.SAME


@cli.command()
@click.argument("draft")
@click.option("--against", "base", default=None, metavar="BASE",
              help="Also compare with BASE (the resolution or draft it updates): weakened "
                   "openings, dropped paragraphs, added hedges, [[protect]] paragraphs.")
@click.option("--rules", "rules_path", default=None, metavar="FILE",
              help="TOML rules file ([severity], [[protect]], [[forbid]]); default: "
                   "[tool.resdiff.check] of the nearest pyproject.toml.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "sarif", "github"]),
              default="text", show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error",
              show_default=True, help="Lowest severity that fails the check (exit 1).")
@output_options
@input_options
def check(draft, base, rules_path, fmt, fail_on, output, force, color, encoding, max_size,
          input_format, lexicon_path):
    """Check DRAFT against the drafting rules (and BASE); exit 0 passed, 1 failed, 2 trouble.

    With --format github, a markdown table of all findings is also appended to
    $GITHUB_STEP_SUMMARY when that variable is set.
    """
    from .check import check as run_check
    from .load import load_document
    from .errors import OutputError
    from .output import write_output
    from .render.findings import render_report
    from .rules import find_rules, load_rules

    if draft == "-" and base == "-":
        raise click.UsageError("only one of DRAFT and BASE can be '-' (stdin)")
    rules = load_rules(rules_path) if rules_path else find_rules()
    lexicon = _lexicon(lexicon_path)
    options = _read_options(encoding, max_size, input_format)
    draft_document = load_document(draft, lexicon=lexicon, **options)
    base_document = load_document(base, lexicon=lexicon, **options) if base else None
    report = run_check(draft_document, base=base_document, rules=rules, fail_on=fail_on,
                       lexicon=lexicon, **options)
    content = render_report(report, fmt, color=output is None and _use_color(color),
                            tool_version=__version__)
    # every file this command reads, which neither -o nor the step summary may replace
    read = [draft, base, lexicon_path, rules.path if rules else None]
    write_output(output, content, inputs=read, force=force)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_path:
        from .output import refuse_inputs
        from .render.ci import render_step_summary

        refuse_inputs(summary_path, read, what="$GITHUB_STEP_SUMMARY")
        try:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(render_step_summary(report))
        except OSError as exc:
            raise OutputError(f"cannot append the step summary: {exc.strerror}",
                              path=summary_path) from None
    return Exit.DIFFERENT if report.failed else Exit.SAME


def _series_cache(ctx: click.Context, no_cache: bool):
    """The parse/compare cache, or None with --no-cache. Cache trouble never fails a run;
    it is reported once on stderr, and only with --debug."""
    if no_cache:
        return None
    from .cache import Cache
    from .render.text import visible

    debug = bool((ctx.obj or {}).get("debug") or os.environ.get("RESDIFF_DEBUG"))

    def report(message: str) -> None:
        click.echo(f"resdiff: cache: {visible(message)}", err=True)

    return Cache(on_problem=report if debug else None)


def _run_series(ctx, inputs, *, no_cache, strict, lexicon_path, read_options):
    """Build the History of the inputs (files or one manifest), with cache and progress."""
    from .history import load_history

    if sum(1 for name in inputs if name == "-") > 1:
        raise click.UsageError("only one version can be '-' (stdin)")
    cache = _series_cache(ctx, no_cache)
    try:
        with TerminalProgress() as progress:
            return load_history(inputs, lexicon=_lexicon(lexicon_path), strict=strict,
                                cache=cache, progress=progress, **read_options)
    finally:
        if cache is not None:
            cache.close()


def _series_inputs(inputs, history) -> list[str]:
    """Every file an output must not overwrite: the arguments and the versions they name."""
    return list(inputs) + [v.path for v in history.versions if v.path]


_NO_CACHE_HELP = ("Parse and compare everything afresh, without reading or writing the cache "
                  "($RESDIFF_CACHE_DIR, else $XDG_CACHE_HOME/resdiff or ~/.cache/resdiff).")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE... | SERIES.toml | FOLDER")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="Output format.")
@output_options
@click.option("--strict", is_flag=True,
              help="Report typography-only differences (quotes, dashes, spacing) as changes.")
@click.option("--no-cache", is_flag=True, help=_NO_CACHE_HELP)
@input_options
@click.pass_context
def history(ctx, inputs, fmt, output, force, color, strict, no_cache, encoding, max_size,
            input_format, lexicon_path):
    """Follow every paragraph through a series of versions, oldest first.

    Give the versions as files in series order, or one SERIES.toml manifest listing them
    ([[versions]] tables with path, and optionally label, symbol, date), or a folder: its
    files, ordered by date (adoption line, else the symbol's year). Each consecutive
    pair is compared and the changes are linked into lineages: a table of lineages by
    versions (text), everything with word diffs (json), or a clickable matrix (html).
    Exit 0 when no version changed anything, 1 when one did.
    """
    from .output import write_output

    from .series import has_folder, is_manifest

    if len(inputs) < 2 and not is_manifest(inputs) and not has_folder(inputs):
        raise click.UsageError("history needs at least two versions (or one SERIES.toml or "
                               "folder)")
    result = _run_series(ctx, inputs, no_cache=no_cache, strict=strict,
                         lexicon_path=lexicon_path,
                         read_options=_read_options(encoding, max_size, input_format))
    if len(result.versions) < 2:
        raise click.UsageError(f"{inputs[0]}: history needs at least two versions")
    if fmt == "json":
        from .render.history_json import render_history
        content = render_history(result)
    elif fmt == "html":
        from .render.history_html import render_history
        content = render_history(result)
    else:
        from .render.history_text import render_history
        content = render_history(result, color=output is None and _use_color(color))
    write_output(output, content, inputs=[*_series_inputs(inputs, result), lexicon_path],
                 force=force)
    return Exit.DIFFERENT if result.has_differences else Exit.SAME


def _blame_words(words) -> tuple[str | None, list[str]]:
    """FILE and the versions from `FILE --series V1 ... Vn` (the order of the words matters,
    so --series is read here rather than by click; it may be repeated or given as
    --series=V1). Without FILE, the newest version is blamed."""
    before, versions, in_series = [], [], False
    for word in words:
        if word == "--series":
            in_series = True
            continue
        if word.startswith("--series="):
            in_series = True
            word = word[len("--series="):]
        elif word.startswith("-") and word != "-" and not os.path.exists(word):
            raise click.UsageError(f"no such option: {word}")
        (versions if in_series else before).append(word)
    if not versions:
        raise click.UsageError("give the versions: resdiff blame FILE --series V1 ... Vn")
    if len(before) > 1:
        raise click.UsageError("give one FILE, then the versions: "
                               "resdiff blame FILE --series V1 ... Vn")
    return (before[0] if before else None), versions


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("words", nargs=-1, type=click.UNPROCESSED,
                metavar="FILE --series V1 ... Vn|SERIES.toml")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@output_options
@click.option("--strict", is_flag=True,
              help="Count typography-only differences (quotes, dashes, spacing) as changes.")
@click.option("--ignore-references", is_flag=True,
              help="Count a change that only updates references (symbols, dates, session "
                   "ordinals) as unchanged wording.")
@click.option("--no-cache", is_flag=True, help=_NO_CACHE_HELP)
@input_options
@click.pass_context
def blame(ctx, words, fmt, output, force, color, strict, ignore_references, no_cache, encoding,
          max_size, input_format, lexicon_path):
    """For each paragraph of FILE: where its lineage starts and since when its wording stands.

    \b
    resdiff blame FILE --series V1 ... Vn     the versions, oldest first, FILE among them
    resdiff blame FILE --series SERIES.toml   the versions from a manifest
    resdiff blame --series V1 ... Vn          blame the newest version

    origin is the earliest version and paragraph id the paragraph goes back to (through
    splits and merges); unchanged_since is the earliest version from which its wording
    stayed the same. Versions count from 0 in series order.
    """
    from .history import blame as blame_version, version_of
    from .output import write_output

    file, versions = _blame_words(words)
    result = _run_series(ctx, versions, no_cache=no_cache, strict=strict,
                         lexicon_path=lexicon_path,
                         read_options=_read_options(encoding, max_size, input_format))
    index = len(result.versions) - 1 if file is None else version_of(result, file)
    entries = blame_version(result, index,
                            ignore_flags=("reference-update",) if ignore_references else ())
    if fmt == "json":
        from .render.history_json import render_blame
        content = render_blame(result, entries)
    else:
        from .render.history_text import render_blame
        content = render_blame(result, entries, index,
                               color=output is None and _use_color(color))
    write_output(output, content, inputs=[file, *_series_inputs(versions, result), lexicon_path],
                 force=force)
    return Exit.SAME


@cli.command()
@click.argument("file")
@input_options
def textconv(file, encoding, max_size, input_format, lexicon_path):
    """Print FILE as normalized text (paragraph ids and text, footnotes last) for git diff.

    Use it as a git textconv driver so `git diff` shows .docx/.pdf drafts paragraph by
    paragraph: `git config diff.resdiff.textconv "resdiff textconv"` and, in
    .gitattributes, `*.docx diff=resdiff`.
    """
    from .load import load_document
    from .output import write_output
    from .render.textconv import render_document

    document = load_document(file, lexicon=_lexicon(lexicon_path),
                             **_read_options(encoding, max_size, input_format))
    write_output(None, render_document(document))
    return Exit.SAME


def main(argv: list[str] | None = None) -> int:
    """Console entry point: run the CLI and turn every failure into exit 2 with one line."""
    import re
    import traceback

    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args or bool(os.environ.get("RESDIFF_DEBUG"))
    # Messages carry file names and option values the user (or an attacker naming files)
    # chose: escape controls, bidi overrides and lone surrogates so the error stays one line
    # and cannot drive the terminal (RELIABILITY.md).
    unsafe = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                        "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

    def say(message: str) -> None:
        message = unsafe.sub(lambda m: f"<U+{ord(m.group()):04X}>", message)
        click.echo(f"resdiff: {message}", err=True)

    try:
        result = cli.main(args=args, prog_name="resdiff", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:  # pragma: no cover - click >= 8.2
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc), err=True)
        return Exit.TROUBLE
    except click.UsageError as exc:
        hint = f" (see 'resdiff {exc.ctx.info_name} --help')" if exc.ctx and exc.ctx.parent else \
            " (see 'resdiff --help')"
        say(f"{exc.format_message()}{hint}")
        return Exit.TROUBLE
    except ResdiffError as exc:
        if debug:
            traceback.print_exc()
        say(str(exc))
        return Exit.TROUBLE
    except click.exceptions.Abort:
        say("interrupted")
        return Exit.TROUBLE
    except click.ClickException as exc:
        say(exc.format_message())
        return Exit.TROUBLE
    except BrokenPipeError:
        # The reader went away (`| head`): say nothing, and keep Python from complaining
        # about the closed stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.TROUBLE
    except KeyboardInterrupt:
        say("interrupted")
        return Exit.TROUBLE
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        if debug:
            # Print it rather than re-raise: an uncaught exception would exit 1, and a crash
            # must never look like "differences found".
            traceback.print_exc()
        try:
            detail = str(exc)
        except Exception:  # noqa: BLE001 - an exception that cannot even print itself
            detail = "(no message)"
        detail = detail if len(detail) <= 300 else detail[:300] + "..."
        say(f"internal error: {type(exc).__name__}: {detail} (rerun with --debug and report it)")
        return Exit.TROUBLE
    if isinstance(result, int):
        return int(result)
    return Exit.SAME


def entry() -> None:
    """`resdiff` console script: main(), then an exit that skips freeing the heap.

    A large comparison leaves a few hundred thousand objects, and a normal exit frees them
    one by one (~25 ms of a 0.6 s run on two 3,500-paragraph texts) only for the process to
    end. Once the output is flushed and the exit handlers have run, nothing is left to do, so
    the process leaves at once, as mypy does (``util.hard_exit``).

    The garbage collector runs less often, too: a run builds a few hundred thousand
    containers and frees almost none before it exits, and they hold next to no reference
    cycles, so the default (a pass every 700 new containers) traverses them again and again
    for nothing, ~8 % of comparing two 3,500-paragraph texts. Set here, for the process,
    not in main(), which library code and tests may call."""
    gc.set_threshold(GC_THRESHOLD, 20, 20)
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - e.g. a closed pipe: the normal exit reports it
        sys.exit(code)
    atexit._run_exitfuncs()
    os._exit(code)
