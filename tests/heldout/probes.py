"""Minimal black-box probes that isolate each failure seen on the held-out set.

Written by the resdiff project for testing; the snippets are invented, not UN documents.

    .venv/bin/python tests/heldout/probes.py

Each probe writes a tiny text to a temporary folder, runs the real CLI and prints PASS/FAIL with
what resdiff produced and what a careful reader expects.
"""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

EXE = Path(__file__).resolve().parent.parent.parent / ".venv" / "bin" / "resdiff"
NOTE = "PROBE written by the resdiff project for testing; not a United Nations document.\nInvented.\n\n"
MAST = "A/C.3/99/L.7\nNinety-ninth session\nThird Committee\nAgenda item 70\n\nProbe\n\nThe General Assembly,\n\n"
PAGE = "\n\n99-12345 /...\n\n\n\nA/C.3/99/L.7\nPage 2\n\n"
TMP = Path(tempfile.mkdtemp(prefix="resdiff-probes-"))


def parse(body, name):
    f = TMP / name
    f.write_text(NOTE + body, encoding="utf-8")
    p = subprocess.run([str(EXE), "parse", str(f), "--format", "json"], capture_output=True, text=True)
    return json.loads(p.stdout) if p.returncode == 0 else {"error": p.stderr.strip()}


def compare(old, new, name):
    a, b = TMP / f"{name}-old.txt", TMP / f"{name}-new.txt"
    a.write_text(NOTE + old, encoding="utf-8")
    b.write_text(NOTE + new, encoding="utf-8")
    p = subprocess.run([str(EXE), "compare", str(a), str(b), "--format", "json"], capture_output=True, text=True)
    return json.loads(p.stdout)


results = []


def check(label, got, want):
    ok = got == want
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {label}\n      resdiff: {got!r}\n      expected: {want!r}")


def paras(d):
    return [(p["id"], p["opening"], p["text"]) for p in d.get("paragraphs", [])]


# 1. glued opening ending in a modifier or preposition
for glued, opening, text in [
    ("Recalling alsoits resolution 1/1,", "Recalling also", "Recalling also its resolution 1/1,"),
    ("Reaffirming alsothe Charter,", "Reaffirming also", "Reaffirming also the Charter,"),
    ("Noting furtherthat the situation persists,", "Noting further", "Noting further that the situation persists,"),
    ("Taking note once againof the report,", "Taking note once again", "Taking note once again of the report,"),
    ("Guided bythe purposes of the Charter,", "Guided by|Guided", "Guided by the purposes of the Charter,"),
]:
    d = parse(MAST + glued + "\n\n1. Decidesto continue.\n", "glue.txt")
    p = d["paragraphs"][0]
    want_open = p["opening"] if p["opening"] in opening.split("|") else opening.split("|")[0]
    check(f"glued PP opening {glued.split()[0]}..", (p["opening"], p["text"]), (want_open, text))
for glued, opening, text in [
    ("1. Requests alsothe Secretary-General to act;", "Requests also", "Requests also the Secretary-General to act;"),
    ("1. Invites againall States to act;", "Invites again", "Invites again all States to act;"),
    ("1. Expresses its intentionto consider the matter;", "Expresses its intention|Expresses",
     "Expresses its intention to consider the matter;"),
]:
    d = parse(MAST + "Noting the report,\n\n" + glued + "\n", "glueop.txt")
    p = d["paragraphs"][1]
    want_open = p["opening"] if p["opening"] in opening.split("|") else opening.split("|")[0]
    check(f"glued OP opening {glued[3:20]}..", (p["opening"], p["text"]), (want_open, text))

# control: the seed's kinds of glue, which resdiff handles
d = parse(MAST + "Deeply disturbedby the scale of exoduses,\n\n1. Again invitesall States to act;\n", "control.txt")
check("control: 'Deeply disturbedby' and 'Again invitesall'", [(p["opening"], p["text"]) for p in d["paragraphs"]],
      [("Deeply disturbed", "Deeply disturbed by the scale of exoduses,"), ("Again invites", "Again invites all States to act;")])

# 2. glued italics that are not openings
d = parse(MAST + "Welcomingthe publication of theHandbook on Household Surveysand its guidance,\n\n1. Decidesto continue.\n",
          "inline.txt")
check("italic title glued on both sides (body)", d["paragraphs"][0]["text"],
      "Welcoming the publication of the Handbook on Household Surveys and its guidance,")
d = parse(MAST + "Recallingthe Plan,1\n\n1. Decidesto continue.\n\n1 Report of the World Assembly on Ageing, Madrid, "
          "8-12 April 2002(United Nations publication, Sales No. E.02.IV.4), chap. I.\n", "fnglue.txt")
check("italic title glued to '(' in a footnote", d["footnotes"][0]["text"],
      "Report of the World Assembly on Ageing, Madrid, 8-12 April 2002 (United Nations publication, Sales No. E.02.IV.4), chap. I.")

# 3. page-top continuation that starts with a capital after a line ending in a comma
pdf = (MAST + "Recallingits resolution 1/1,1 and the reports submitted by Governments,\n\n1 A/50/100." + PAGE +
       "United Nations entities and civil society organizations,\n\nNoting with concernthe situation,\n\n1. Decidesto continue.\n")
d = parse(pdf, "cutpp.txt")
check("PP cut at a comma, page 2 starts 'United Nations ...'", [i for i, *_ in paras(d)], ["PP1", "PP2", "OP1"])
pdf = (MAST + "Noting with concernthe situation,\n\n1. Requeststhe Secretary-General to consult Member States, "
       "international organizations,1\n\n1 A/50/100." + PAGE +
       "United Nations entities and civil society organizations on the matter;\n\n2. Decidesto continue.\n")
d = parse(pdf, "cutop.txt")
check("OP cut at a comma, page 2 starts 'United Nations ...'", ([i for i, *_ in paras(d)], d.get("warnings")),
      (["PP1", "OP1", "OP2"], []))

# 4. clean text: a footnote's second line starts with the next footnote number
clean = (MAST + "Recalling its resolution 1/1,1 and its resolution 2/2,2\n\n1. Decides to continue.\n\n"
         "1 Official Records of the General Assembly, Fiftieth Session, Supplement No.\n2 (A/50/2), chap. III.\n\n"
         "2 A/50/100.\n")
d = parse(clean, "fncont.txt")
check("footnote continuation line '2 (A/50/2) ...' (no blank line before it)",
      ([i for i, *_ in paras(d)], [(f["mark"], f["text"]) for f in d["footnotes"]]),
      (["PP1", "OP1"], [("1", "Official Records of the General Assembly, Fiftieth Session, Supplement No. 2 (A/50/2), chap. III."),
                        ("2", "A/50/100.")]))

# 5. headers
d = parse("2031/17. Strengthening national statistical capacity\n\nThe Economic and Social Council,\n\n"
          "Recalling its resolution 2029/8,\n\n1. Decides to consider the question at its 2033 session.\n\n"
          "41st plenary meeting\n24 July 2031\n", "ecosoc.txt")
check("ECOSOC numbered title + organ line", (d.get("title"), d.get("organ")),
      ("Strengthening national statistical capacity", "The Economic and Social Council"))
d = parse("United Nations S/RES/3127 (2031)\nSecurity Council Distr.: General\n14 March 2031\nResolution 3127 (2031)\n"
          "Adopted by the Security Council at its 9912th meeting, on 14 March 2031\n\nThe Security Council,\n\n"
          "Recalling its resolutions 1502 (2003),\n\n1. Decides to remain seized of the matter.\n", "sc.txt")
check("Security Council masthead (outside the GA scope of PRODUCT.md)", (d.get("symbol"), d.get("title")),
      ("S/RES/3127 (2031)", None))

# 6. verb lexicon
TOP = ["the incidents in coastal provinces", "the delays in birth registration", "the lack of shelters",
       "the destruction of schools", "the shortage of midwives"]
cases = [("Noting with deep concern", "Deeply concerned by", None),
         ("Noting with deep concern", "Gravely concerned by", "strengthened")]
old = MAST + "".join(f"{o} {TOP[i]},\n\n" for i, (o, n, _) in enumerate(cases)) + "1. Welcomes the report;\n"
new = MAST + "".join(f"{n} {TOP[i]},\n\n" for i, (o, n, _) in enumerate(cases)) + "1. Welcomes with satisfaction the report;\n"
c = compare(old, new, "lex")
for ch, (o, n, want) in zip(c["changes"], cases + [("Welcomes", "Welcomes with satisfaction", "strengthened")]):
    v = ch.get("verb") or {}
    check(f"shift {o} -> {n}", (v.get("new"), v.get("shift")), (n.replace(" by", ""), want))

# 7. NBSP-only difference gets the typography flag like quotes and dashes do
c = compare(MAST + "Recalling its resolution 71/313 of 6 July 2017,\n\n1. Decides to continue.\n",
            MAST + "Recalling its resolution\u00a071/313 of 6\u00a0July\u00a02017,\n\n1. Decides to continue.\n", "nbsp")
check("NBSP-only change: unchanged + typography flag", (c["changes"][0]["kind"], c["changes"][0]["flags"]),
      ("unchanged", ["typography"]))

print(f"\n{sum(results)}/{len(results)} probes pass (files in {TMP})")
