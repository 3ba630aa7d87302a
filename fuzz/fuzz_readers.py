"""atheris harness for the .docx, .html and .pdf readers, through the CLI's own path, then parse.

    .venv/bin/python fuzz/make_reader_seeds.py            # only after changing the seeds
    .venv/bin/python fuzz/fuzz_readers.py docx -max_total_time=600 -timeout=30
    .venv/bin/python fuzz/fuzz_readers.py html -max_total_time=600 -timeout=30
    .venv/bin/python fuzz/fuzz_readers.py pdf  -max_total_time=600 -timeout=30

Not part of CI (see fuzz/README.md). The first argument picks the format; everything after
it goes to libFuzzer. Each input is written to a scratch file and read with
``resdiff.read.load(path, input_format=FORMAT)``, exactly as ``resdiff parse --input-format
FORMAT path`` does (read_bytes guards, zipguard, the reader's own limits), and the text it
returns goes through ``parse``.

One input is, per format:

    html, pdf  the file's bytes.
    docx       byte 0 flags: bits 0-2 pick what the rest is -- 0: a whole .docx (ZIP);
               1-7: one XML part (DOCX_PARTS[n-1]: document.xml, numbering.xml,
               footnotes.xml, styles.xml, the two relationship parts, [Content_Types].xml)
               put into an otherwise valid package (BASE, a seed with tracked changes,
               footnotes, numbering and styles), so mutations reach the XML walk and the
               numbering code instead of dying in the ZIP layer; bits 3-4 pick --tracked
               (accept, reject, error, accept).

What counts as a finding (the harness raises, atheris stops and saves the input):

- any exception from ``load`` other than ``InputError`` / ``FormatError`` (the two the CLI
  reports as one line and exit 2; a third-party parser's exception leaking out is the bug
  this harness is for);
- a refusal whose message does not start with the file name, holds a line break, or runs
  past 500 characters (the CLI's "one clear line naming the file");
- text with a CR or a lone surrogate (the parser and the word diff assume neither);
- any exception at all from ``parse``;
- a slow input: ``-timeout=N`` for docx and html. In pdf mode the reader's own deadline
  (SIGALRM) replaces libFuzzer's timer, so the harness passes ``time_limit`` (default 10 s,
  RESDIFF_FUZZ_PDF_TIME_LIMIT) and counts hitting it as a finding, and counts a parse slower
  than that too; and for a hang where neither can interrupt (in C code, or after the reader's
  deadline is over) a faulthandler watchdog of ``-timeout`` seconds ends the run with every
  thread's traceback. libFuzzer saves nothing then: the input is still in
  ``$TMPDIR/resdiff-fuzz-readers/pdf/input.pdf``.
"""

from __future__ import annotations

import faulthandler
import io
import os
import sys
import tempfile
import time

import atheris

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, ROOT)

FORMATS = ("docx", "html", "pdf")
DOCX_PARTS = ("word/document.xml", "word/numbering.xml", "word/footnotes.xml", "word/styles.xml",
              "word/_rels/document.xml.rels", "_rels/.rels", "[Content_Types].xml")
TRACKED = ("accept", "reject", "error", "accept")
BASE_SEED = os.path.join(HERE, "seeds_readers", "docx", "raw-rich-tracked-footnotes-numbering")
SEEDS = os.path.join(HERE, "seeds_readers")
PDF_TIME_LIMIT = float(os.environ.get("RESDIFF_FUZZ_PDF_TIME_LIMIT", "10"))
MAX_MESSAGE = 500


def _format_from_argv() -> str:
    chosen = [a for a in sys.argv[1:] if a in FORMATS]
    if __name__ == "__main__" and len(chosen) != 1:
        sys.exit("usage: fuzz_readers.py {docx|html|pdf} [libFuzzer options] [corpus dirs or files]")
    return chosen[0] if chosen else "docx"


FORMAT = _format_from_argv()
# Coverage feedback from resdiff, plus the pure-Python libraries on the way: zipfile for the
# package layer (lxml and PDFium are C and give none).
_INSTRUMENT = {"docx": ["resdiff", "zipfile"], "html": ["resdiff"],
               "pdf": ["resdiff"]}[FORMAT]

with atheris.instrument_imports(include=_INSTRUMENT):
    import zipfile

    import regex

    from resdiff.errors import FormatError, InputError
    from resdiff.parse import parse
    from resdiff.read import load
    if FORMAT == "pdf":
        import resdiff.read.pdf  # noqa: F401
    elif FORMAT == "html":
        import resdiff.read.html  # noqa: F401
    else:
        import resdiff.read.docx  # noqa: F401


class Finding(AssertionError):
    """Something the readers must not do on this input."""


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Finding(message)


def docx_input(part: int, data: bytes, *, tracked: int = 0) -> bytes:
    """A fuzz input for docx mode: ``part`` 0 = ``data`` is a whole package, 1-7 = ``data`` is
    DOCX_PARTS[part - 1] (used by make_reader_seeds.py)."""
    return bytes([part | tracked << 3]) + data


_base_parts: dict[str, bytes] | None = None


def _base() -> dict[str, bytes]:
    global _base_parts
    if _base_parts is None:
        with open(BASE_SEED, "rb") as handle:
            data = handle.read()[1:]
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _base_parts = {info.filename: archive.read(info) for info in archive.infolist()}
    return _base_parts


def docx_payload(data: bytes) -> tuple[bytes, dict]:
    flags, body = data[0], data[1:]
    options = {"tracked": TRACKED[(flags >> 3) & 3]}
    part = flags & 7
    if part == 0:
        return body, options
    parts = dict(_base())
    parts[DOCX_PARTS[part - 1]] = body
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue(), options


SURROGATE = regex.compile(r"\p{Cs}")
_scratch = os.environ.get("RESDIFF_FUZZ_DIR",
                          os.path.join(tempfile.gettempdir(), "resdiff-fuzz-readers"))
INPUT = os.path.join(_scratch, FORMAT, f"input.{FORMAT}")
"""Every input is written here and read back through load(), as the CLI reads a file."""


WATCHDOG = 0.0
"""Seconds before the pdf-mode watchdog ends a stuck run (from -timeout; 0: none)."""


def TestOneInput(data: bytes) -> None:
    if WATCHDOG:
        faulthandler.dump_traceback_later(WATCHDOG, exit=True)
    try:
        _one_input(data)
    finally:
        if WATCHDOG:
            faulthandler.cancel_dump_traceback_later()


def _one_input(data: bytes) -> None:
    if FORMAT == "docx":
        if not data:
            return
        payload, options = docx_payload(data)
    elif FORMAT == "pdf":
        payload, options = data, {"time_limit": PDF_TIME_LIMIT}
    else:
        payload, options = data, {}
    with open(INPUT, "wb") as handle:
        handle.write(payload)
    try:
        source = load(INPUT, input_format=FORMAT, **options)
    except (InputError, FormatError) as exc:  # a clean refusal is a correct answer
        message = str(exc)
        check(message.startswith(INPUT + ": "), f"refusal does not name the file: {message!r}")
        check("\n" not in message and "\r" not in message, f"refusal is not one line: {message!r}")
        check(len(message) <= MAX_MESSAGE, f"refusal is {len(message)} characters long")
        check("took longer than" not in message, f"slow input: {message}")
        return
    text = source.text
    check(isinstance(text, str), f"reader returned {type(text).__name__}")
    check("\r" not in text, "CR in the extracted text")
    check(not SURROGATE.search(text), "lone surrogate in the extracted text")
    started = time.monotonic()
    parse(text, path=INPUT)
    elapsed = time.monotonic() - started
    check(FORMAT != "pdf" or elapsed < PDF_TIME_LIMIT, f"parse took {elapsed:.1f} s")


def main() -> None:
    global WATCHDOG
    argv = [sys.argv[0]] + [a for a in sys.argv[1:] if a != FORMAT]
    # Scratch space outside the repository: the growing corpus and any crash files.
    scratch = os.path.join(_scratch, FORMAT)
    os.makedirs(scratch, exist_ok=True)
    if not any(os.path.exists(a) for a in argv[1:] if not a.startswith("-")):
        os.makedirs(os.path.join(scratch, "corpus"), exist_ok=True)
        argv += [os.path.join(scratch, "corpus"), os.path.join(SEEDS, FORMAT)]
    if not any(a.startswith("-artifact_prefix=") for a in argv):
        os.makedirs(os.path.join(scratch, "artifacts"), exist_ok=True)
        argv.append(f"-artifact_prefix={os.path.join(scratch, 'artifacts')}{os.sep}")
    if FORMAT == "pdf":
        WATCHDOG = next((float(a.split("=", 1)[1]) for a in argv if a.startswith("-timeout=")), 0.0)
    atheris.Setup(argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
