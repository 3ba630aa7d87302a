"""Reference: a paragraph diff with nothing but Python's difflib (what a script would do).

    python benchmarks/difflib_diff.py OLD NEW [--links FILE]

Paragraphs are blocks separated by blank lines, whitespace collapsed. SequenceMatcher aligns
the two lists of paragraphs; inside each "replace" run the paragraphs are paired in order
(zip) and word-diffed with another SequenceMatcher; the rest is deleted or inserted. The
output marks words as [-dropped-]{+added+}, like `resdiff compare` without colour. It finds
no moves, splits or merges: it is the floor resdiff's alignment has to beat, and a time
reference. ``--links FILE`` also writes the pairing as JSON, each paragraph named by the
line its block starts on, so the benchmark can score it against the truth.
"""

from __future__ import annotations

import difflib
import json
import re
import sys


def blocks(text: str) -> list[tuple[int, str]]:
    """(first line number, text with whitespace collapsed) of each blank-line-separated block."""
    found = []
    start = None
    lines: list[str] = []
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if start is None:
                start = number
            lines.append(line)
        elif start is not None:
            found.append((start, " ".join(" ".join(lines).split())))
            start, lines = None, []
    if start is not None:
        found.append((start, " ".join(" ".join(lines).split())))
    return found


def word_diff(old: str, new: str) -> str:
    a, b = re.findall(r"\S+", old), re.findall(r"\S+", new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(a[i1:i2]))
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def main(argv: list[str]) -> int:
    links_path = None
    if "--links" in argv:
        k = argv.index("--links")
        links_path = argv[k + 1]
        argv = argv[:k] + argv[k + 2:]
    old_path, new_path = argv
    with open(old_path, encoding="utf-8") as handle:
        old = blocks(handle.read())
    with open(new_path, encoding="utf-8") as handle:
        new = blocks(handle.read())
    matcher = difflib.SequenceMatcher(None, [t for _, t in old], [t for _, t in new])
    links: list[tuple[list[int], list[int]]] = []
    write = sys.stdout.write
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            links += [([old[i][0]], [new[j][0]]) for i, j in zip(range(i1, i2), range(j1, j2))]
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            i, j = i1 + k, j1 + k
            write(f"@@ old line {old[i][0]} -> new line {new[j][0]}\n{word_diff(old[i][1], new[j][1])}\n\n")
            links.append(([old[i][0]], [new[j][0]]))
        for i in range(i1 + pairs, i2):
            write(f"@@ old line {old[i][0]} dropped\n[-{old[i][1]}-]\n\n")
            links.append(([old[i][0]], []))
        for j in range(j1 + pairs, j2):
            write(f"@@ new line {new[j][0]} added\n{{+{new[j][1]}+}}\n\n")
            links.append(([], [new[j][0]]))
    if links_path:
        with open(links_path, "w", encoding="utf-8") as handle:
            json.dump({"links": links}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
