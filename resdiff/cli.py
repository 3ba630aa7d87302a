"""The command line: read arguments, call the library, pick a renderer, write, exit.

Exit codes follow diff(1): 0 no differences / check passed, 1 differences / check failed,
2 trouble. Every error is one line on stderr naming the file and what to do; a traceback
only with --debug. Nothing here computes: each command calls one library function.
"""

from __future__ import annotations

import enum
import os
import sys

import click

from . import __version__
from .errors import ResdiffError


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
    return function


def _read_options(encoding, max_size, input_format) -> dict:
    return {"encoding": encoding, "max_size": max_size, "input_format": input_format}


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
@click.option("-o", "--output", default=None, metavar="FILE", help="Write to FILE (atomic).")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour the text output.")
@input_options
def parse(file, fmt, output, force, color, encoding, max_size, input_format, lexicon_path):
    """Parse FILE and print its structure (PP/OP paragraphs, footnotes, adoption)."""
    from .compare import load_document
    from .output import write_output

    document = load_document(file, lexicon=_lexicon(lexicon_path),
                             **_read_options(encoding, max_size, input_format))
    if fmt == "json":
        from .render.json import render_document
        content = render_document(document)
    else:
        from .render.text import render_document
        content = render_document(document, color=output is None and _use_color(color))
    write_output(output, content, inputs=[file], force=force)
    return Exit.SAME


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]),
              default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", default=None, metavar="FILE", help="Write to FILE (atomic).")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour the text output.")
@click.option("--strict", is_flag=True,
              help="Report typography-only differences (quotes, dashes, spacing) as changes.")
@click.option("--all", "show_unchanged", is_flag=True, help="Also list unchanged paragraphs.")
@input_options
def compare(old, new, fmt, output, force, color, strict, show_unchanged, encoding, max_size,
            input_format, lexicon_path):
    """Compare OLD and NEW; exit 0 when nothing changed, 1 when something did."""
    from .compare import compare as run_compare
    from .output import write_output

    if old == "-" and new == "-":
        raise click.UsageError("only one of OLD and NEW can be '-' (stdin)")
    comparison = run_compare(old, new, lexicon=_lexicon(lexicon_path), strict=strict,
                             **_read_options(encoding, max_size, input_format))
    if fmt == "json":
        from .render.json import render_comparison
        content = render_comparison(comparison)
    elif fmt == "markdown":
        from .render.markdown import render_comparison
        content = render_comparison(comparison)
    elif fmt == "html":
        from .render.html import render_comparison
        content = render_comparison(comparison)
    else:
        from .render.text import render_comparison
        content = render_comparison(comparison, color=output is None and _use_color(color),
                                    show_unchanged=show_unchanged)
    write_output(output, content, inputs=[old, new], force=force)
    return Exit.DIFFERENT if comparison.has_differences else Exit.SAME


def main(argv: list[str] | None = None) -> int:
    """Console entry point: run the CLI and turn every failure into exit 2 with one line."""
    import re

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
            raise
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
            raise
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
    """`resdiff` console script."""
    sys.exit(main())
