"""Minimal black-box probes isolating each failure seen on held-out set 2.

Written by the resdiff project for testing; the snippets are invented, not UN documents.

    .venv/bin/python tests/heldout2/probes.py

Each probe writes a tiny text to a temporary folder, runs the real CLI (`resdiff parse|compare
--format json`) and prints PASS/FAIL with what resdiff produced and what a careful reader expects.
Control probes (marked "control") show the neighbouring case that already works.
"""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

EXE = Path(__file__).resolve().parent.parent.parent / ".venv" / "bin" / "resdiff"
NOTE = "PROBE written by the resdiff project for testing; not a United Nations document.\nInvented.\n\n"
MAST = "A/C.3/99/L.7\nNinety-ninth session\nThird Committee\nAgenda item 70\n\nProbe\n\nThe General Assembly,\n\n"
TMP = Path(tempfile.mkdtemp(prefix="resdiff-probes2-"))
results = []


def _run(*args):
    p = subprocess.run([str(EXE), *args], capture_output=True, text=True)
    try:
        return json.loads(p.stdout)
    except json.JSONDecodeError:
        return {"error": p.stderr.strip()[:300], "exit": p.returncode}


def parse(body, name, raw=False):
    f = TMP / name
    f.write_bytes((body if raw else NOTE + body).encode("utf-8"))
    return _run("parse", str(f), "--format", "json")


def compare(old, new, name):
    a, b = TMP / f"{name}-old.txt", TMP / f"{name}-new.txt"
    a.write_text(NOTE + old, encoding="utf-8")
    b.write_text(NOTE + new, encoding="utf-8")
    return _run("compare", str(a), str(b), "--format", "json")


def check(label, got, want):
    ok = got == want
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {label}\n      resdiff:  {got!r}\n      expected: {want!r}")


def para(d, i):
    for p in d.get("paragraphs", []):
        if p["id"] == i:
            return p
    return {"text": None, "opening": None, "footnotes": None}


def ids(d):
    return [p["id"] for p in d.get("paragraphs", [])]


def links(d):
    return sorted((c["kind"], "+".join(c["old"]), "+".join(c["new"])) for c in d.get("changes", []))


print("== 1. clean text: suspended hyphen at a line end")
d = parse(MAST + "Concerned that most deaths occur in low-\nand middle-income countries,\n\n1. Decides to continue.\n", "hy1.txt")
check("'low-' / 'and middle-income' (suspended hyphen, next word 'and')", para(d, "PP1")["text"],
      "Concerned that most deaths occur in low- and middle-income countries,")
d = parse(MAST + "Concerned that most deaths occur in low-\nincome countries,\n\n1. Decides to continue.\n", "hy2.txt")
check("control: 'low-' / 'income' (compound broken at its hyphen)", para(d, "PP1")["text"],
      "Concerned that most deaths occur in low-income countries,")

print("\n== 2. opening 'Noting with deep appreciation' (four words)")
d = parse(MAST + "Noting with deep appreciation the work of the Special Rapporteur,\n\n1. Decides to continue.\n", "op1.txt")
check("clean: opening", para(d, "PP1")["opening"], "Noting with deep appreciation")
d = parse(MAST + "Noting with deep appreciationthe work of the Special Rapporteur,\n\n1. Decidesto continue.\n", "op2.txt")
check("PDF glue 'appreciationthe': text", para(d, "PP1")["text"], "Noting with deep appreciation the work of the Special Rapporteur,")
d = parse(MAST + "Expressing its deep appreciationto the donors,\n\n1. Decidesto continue.\n", "op3.txt")
check("PDF glue 'Expressing its deep appreciationto': text", para(d, "PP1")["text"],
      "Expressing its deep appreciation to the donors,")
d = parse(MAST + "Taking note with appreciationof the Standards,\n\n1. Decidesto continue.\n", "op4.txt")
check("control: 'Taking note with appreciationof': text", para(d, "PP1")["text"],
      "Taking note with appreciation of the Standards,")

BODY1 = "Recallingits resolution 1/1,\n\n1. Decidesto continue its consideration of the question at its\n"
print("\n== 3. running headers and page feet not yet recognized")
cases = [
    ("header of three lines with the date (symbol / date / Page 2)",
     "\n99-12345 /...\n\n\n\nA/C.3/99/L.7\n14 November 2036\nPage 2\n\nhundredth session.\n"),
    ("header on one line 'A/C.3/99/L.7 Page 2'",
     "\n99-12345 /...\n\n\n\nA/C.3/99/L.7 Page 2\n\nhundredth session.\n"),
    ("page-1 foot of three lines ending 'Please recycle'",
     "\n99-12345 (E)    151136\n*9912345*\nPlease recycle\n\n\n\nA/C.3/99/L.7\nPage 2\n\nhundredth session.\n"),
    ("modern header (symbol / title) and foot ('2/3' / job number)",
     "\n99-12345 /...\n\n\n\nA/C.3/99/L.7\nProbe\n\nhundredth session.\n\n2/3\n99-12345\n"),
    ("control: 52/132-style header (symbol / Page 2)",
     "\n99-12345 /...\n\n\n\nA/C.3/99/L.7\nPage 2\n\nhundredth session.\n"),
]
for label, tail in cases:
    d = parse(MAST + BODY1 + tail, "hdr.txt")
    check(label, (ids(d), para(d, "OP1")["text"]),
          (["PP1", "OP1"], "Decides to continue its consideration of the question at its hundredth session."))

print("\n== 4. older footnote style: separator line and a footnote continued on the next page")
d = parse(MAST + "Recallingthe Convention, 1/\n\n1. Decidesto continue its consideration of the question at its\n"
          "\n__________\n\n1/ United Nations, Treaty Series, vol. 1, No. 1. For the Protocol, see\n"
          "\n99-12345 /...\n\n\n\nA/C.3/99/L.7\nPage 2\n\nhundredth session.\n"
          "\n__________\n\nibid., vol. 2, No. 2.\n", "fn.txt")
check("'1/' marker and separator: paragraphs", [(p["id"], p["text"]) for p in d.get("paragraphs", [])],
      [("PP1", "Recalling the Convention,"),
       ("OP1", "Decides to continue its consideration of the question at its hundredth session.")])
check("footnote 1 continued at the foot of page 2", [(f["mark"], f["text"]) for f in d.get("footnotes", [])],
      [("1", "United Nations, Treaty Series, vol. 1, No. 1. For the Protocol, see ibid., vol. 2, No. 2.")])

print("\n== 5. typographic ligatures from the PDF (U+FB01 fi, U+FB03 ffi)")
d = parse(MAST + "Reaﬃrmingthe importance of small-scale ﬁsheries,\n\n1. Decidesto continue.\n", "lig.txt")
check("opening and text", (para(d, "PP1")["opening"], para(d, "PP1")["text"]),
      ("Reaffirming", "Reaffirming the importance of small-scale fisheries,"))

print("\n== 6. compare: bracketed proposal dropped when the text is agreed")
d = compare(MAST + "PP1 Welcoming the work of the four organizations[, namely the Food and Agriculture Organization, "
            "the Environment Programme, the World Health Organization and the World Organisation for Animal Health],\n\n"
            "OP1 Decides to continue.\n",
            MAST + "Welcoming the work of the four organizations,\n\n1. Decides to continue.\n", "br")
check("'[, namely ...]' removed: one reworded pair", links(d),
      [("reworded", "PP1", "PP1"), ("unchanged", "OP1", "OP1")])

print("\n== 7. compare: merge of two non-adjacent paragraphs (ambiguous: PRODUCT.md defines consecutive merges)")
old = (MAST + "Recallingits resolution 1/1,\n\n"
       "1. Encourages States to integrate mine action into their national development plans and humanitarian response plans;\n\n"
       "2. Urges States to share maps of contaminated areas;\n\n"
       "3. Encourages States to integrate mine action into their national plans for adaptation to climate change;\n\n"
       "4. Decides to continue.\n").replace("Recallingits", "Recalling its")
new = (MAST + "Recalling its resolution 1/1,\n\n"
       "1. Encourages States to integrate mine action into their national development plans, humanitarian response "
       "plans and national plans for adaptation to climate change;\n\n"
       "2. Urges States to share maps of contaminated areas;\n\n3. Decides to continue.\n")
d = compare(old, new, "merge")
check("OP1 + OP3 -> OP1", links(d),
      sorted([("unchanged", "PP1", "PP1"), ("merged", "OP1+OP3", "OP1"), ("unchanged", "OP2", "OP2"),
              ("unchanged", "OP4", "OP3")]))

print(f"\n{sum(results)}/{len(results)} probes pass")
