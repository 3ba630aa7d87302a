"""Build the second held-out set from its sources (tests/heldout2/src/*.src).

Adapted from tests/heldout/build.py (same source format, same expected-reading rules) with the
PDF-rendering variations this set adds (see "Extensions" below).

Written by the resdiff project for testing; nothing here is a United Nations document.

Independent of the resdiff package on purpose: the expected readings are derived from the
hand-written sources (which mark openings, footnote markers and page layout explicitly), never
from resdiff's own parser.

Source format (one directive per line, '#' in column 1):
  #meta KEY VALUE        symbol / session / title / organ (expected header facts; "-" = not scored)
  #pdf KEY VALUE         job (page-1 foot lines, '|' separated), header (even-page running header),
                         wrap (line width), out (file name of the PDF rendering)
  #header ... #end       lines copied verbatim (project note, masthead, title)
  #organ TEXT            organ line
  #pp / #op N / #sub (a) a paragraph; its text follows on the next lines (joined with spaces)
  #adopt ... #end        adoption block lines
  #fn N                  a footnote; text follows
Inline markup in paragraph / footnote text:
  <<X>>   italics. At the start of a paragraph it is the opening phrase (the expected `opening`);
          the PDF glues it to the next word. Inline italics lose the space on both sides in the PDF.
  {N}     footnote marker N (printed as plain digits right where it stands)
  [[PB]]  page break in the PDF rendering (footnotes first cited on the page go to its foot)
  [[BL]]  PDF: line ends here and a blank line follows (blank line after a marker)
  [[HY]]  PDF: line break inside a hyphenated compound, e.g. non-[[HY]]governmental
  [[NL]]  PDF-only forced line break; [[CNL]] clean-only; [[BNL]] both

Extensions (this set):
  #lp LABEL              a paragraph printed with a negotiation label ("PP2bis", "OP4ter"); id = LABEL
  [[FB]]                 inside a footnote: the PDF breaks the footnote here and prints the rest at
                         the foot of the next page, above that page's own footnotes
  #pdf header L1|L2      running-header lines of even pages; {p} = page number, {n} = page count
  #pdf header_odd L1|L2  running header of odd pages too (default: none, 52/132 style: the first
                         body line of an odd page follows the last footnote line, indented one space)
  #pdf foot_even / foot_odd  lines printed at the foot of every page from page 2 ({p}, {n})
  #pdf dots no           no lone "/..." at the foot of odd pages
  #pdf fnstyle slash     older style: markers printed " N/" in the body, footnotes "N/ text"
  #pdf fnsep LINE        a separator line printed above each footnote block
  #pdf lig yes           typographic ligatures (fi, fl) in paragraphs and footnotes
  #pdf crlf yes          CRLF line ends;  #pdf bom yes   UTF-8 byte order mark
"""
from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
TOK = re.compile(r"\[\[(PB|BL|HY|NL|CNL|BNL|FB)\]\]")


def parse_src(path: Path) -> dict:
    doc = {"meta": {}, "pdf": {}, "header": [], "organ": None, "paras": [], "adopt": [], "fns": []}
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    cur = None
    mode = None
    while i < len(lines):
        line = lines[i]
        i += 1
        if mode in ("header", "adopt"):
            if line == "#end":
                mode = None
            else:
                doc[mode].append(line)
            continue
        if line.startswith("#"):
            parts = line[1:].split(" ", 2)
            d = parts[0]
            if d == "meta":
                doc["meta"][parts[1]] = None if parts[2] == "-" else parts[2]
            elif d == "pdf":
                doc["pdf"][parts[1]] = parts[2]
            elif d in ("header", "adopt"):
                mode = d
            elif d == "organ":
                doc["organ"] = line[len("#organ "):]
            elif d == "lp":
                lab = parts[1]
                cur = {"kind": "lp", "num": lab, "src": [], "sect": "pp" if lab.startswith("PP") else "op"}
                doc["paras"].append(cur)
            elif d in ("pp", "op", "sub"):
                cur = {"kind": d, "num": parts[1] if len(parts) > 1 else None, "src": []}
                doc["paras"].append(cur)
            elif d == "fn":
                cur = {"kind": "fn", "num": parts[1], "src": []}
                doc["fns"].append(cur)
            elif d == "comment":
                pass
            else:
                raise SystemExit(f"{path}: unknown directive {line!r}")
            continue
        if cur is not None and line.strip():
            cur["src"].append(line.strip())
    for p in doc["paras"] + doc["fns"]:
        p["src"] = " ".join(p["src"])
    return doc


def assign_ids(doc):
    ppn = 0
    parent = None
    letter = None
    for p in doc["paras"]:
        if p["kind"] == "lp":
            p["id"] = p["num"]
            if p["sect"] == "op":
                parent = p["num"]
                letter = None
        elif p["kind"] == "pp":
            ppn += 1
            p["id"] = f"PP{ppn}"
        elif p["kind"] == "op":
            parent = f"OP{p['num']}"
            letter = None
            p["id"] = parent
        else:
            lab = p["num"]  # "(a)" or "(i)"
            inner = lab.strip("()")
            if re.fullmatch(r"[ivx]+", inner) and letter is not None:
                p["id"] = f"{letter}{lab}"
            else:
                letter = f"{parent}{lab}"
                p["id"] = letter


# ---------- reading (expected) ----------

# Openings whose exact extent is a matter of convention: either reading is accepted.
ALT_OPENINGS = {
    "Guided by": ["Guided"],  # fixture rule drops a preposition that belongs to the object
    "Expresses its intention": ["Expresses"],  # not in the lexicon; "Expressing its appreciation" is kept whole in the fixtures
    "Expressing its deep appreciation": ["Expressing"],  # an italic run of four words; "Expressing" alone is the verb
}


def reading(src: str) -> tuple[str | None, str, list[str]]:
    s = src.replace("[[HY]]", "")  # a compound broken at its hyphen is one word again
    s = TOK.sub(" ", s)
    s = s.replace("\u00a0", " ")  # NBSP is whitespace: collapsed like any other
    m = re.match(r"\s*\[?<<(.+?)>>", s)  # a bracketed paragraph keeps its opening
    opening = m.group(1) if m else None
    marks = re.findall(r"\{(\d+)\}", s)
    s = re.sub(r"\{\d+\}", "", s)
    s = s.replace("<<", "").replace(">>", "")
    s = re.sub(r"[ \t\n]+", " ", s).strip()
    return opening, s, marks


# ---------- clean rendering ----------

def clean_words(src: str) -> str:
    s = src.replace("[[CNL]]", "\n").replace("[[BNL]]", "\n")
    s = re.sub(r"\[\[(PB|BL|HY|NL|FB)\]\]", "", s)
    s = re.sub(r"\{(\d+)\}", r"\1", s)
    s = s.replace("<<", "").replace(">>", "")
    return s


def wrap_clean(prefix: str, src: str, width=80) -> list[str]:
    text = clean_words(src)
    out = []
    chunks = text.split("\n")
    for k, chunk in enumerate(chunks):
        chunk = re.sub(r"[ \t]+", " ", chunk).strip()
        pre = prefix if k == 0 else ""
        out += textwrap.wrap(pre + chunk, width=width, break_on_hyphens=False,
                             break_long_words=False) or [pre.rstrip()]
    return out


def render_clean(doc) -> str:
    L = list(doc["header"])
    if L and L[-1] != "":
        L.append("")
    L += [doc["organ"], ""]
    for p in doc["paras"]:
        prefix = {"pp": "", "op": f"{p['num']}. ", "sub": f"{p['num']} ", "lp": f"{p['num']} "}[p["kind"]]
        L += wrap_clean(prefix, p["src"]) + [""]
    if doc["adopt"]:
        L += doc["adopt"] + [""]
    for f in doc["fns"]:
        L += wrap_clean(f"{f['num']} ", f["src"]) + [""]
    while L and L[-1] == "":
        L.pop()
    return "\n".join(L) + "\n"


# ---------- PDF rendering ----------

def pdf_glue(src: str, is_para: bool, fnstyle: str = "plain") -> str:
    if fnstyle == "slash":
        s = re.sub(r"\s*\{(\d+)\}", r" \1/", src)  # older style: " 1/" after the word or punctuation
    else:
        s = re.sub(r"\{(\d+)\}", r"\1", src)
    if is_para:
        s = re.sub(r"^\s*<<(.+?)>>\s*", r"\1", s)  # opening glued to the next word
    s = re.sub(r" ?<<(.+?)>> ?", r"\1", s)  # inline italics lose both spaces
    return s


LIGS = (("ffi", "\ufb03"), ("ffl", "\ufb04"), ("fi", "\ufb01"), ("fl", "\ufb02"))


def ligate(line: str) -> str:
    for a, b in LIGS:
        line = line.replace(a, b)
    return line


class Pager:
    """Lay a document out as a PDF text extraction: glued italics, page furniture, footnote
    blocks at page feet. Footnotes go to the foot of the page where they are first cited."""

    def __init__(self, doc):
        self.doc = doc
        pdf = doc["pdf"]
        self.width = int(pdf.get("wrap", "100"))
        self.fnstyle = pdf.get("fnstyle", "plain")
        self.fnsep = pdf.get("fnsep")
        self.lig = pdf.get("lig") == "yes"
        self.lines: list[str] = []
        self.page = 1
        self.cited: list[str] = []
        self.placed: set[str] = set()
        self.carry: list[str] = []  # rest of a footnote broken across a page ([[FB]])
        self.indent_next = False
        self.fn_text = {f["num"]: f["src"] for f in doc["fns"]}
        self.seq = []
        for p in doc["paras"]:
            for m in re.finditer(r"\{(\d+)\}|(\[\[PB\]\])", p["src"]):
                self.seq.append(m.group(1) if m.group(1) else "PB")
        self.npages = 1 + sum(1 for x in self.seq if x == "PB")
        self.pos = 0

    def tpl(self, key, p):
        v = self.doc["pdf"].get(key)
        if not v:
            return []
        return [x.replace("{p}", str(p)).replace("{n}", str(self.npages)) for x in v.split("|")]

    def emit(self, line: str):
        if self.lig:
            line = ligate(line)
        if self.indent_next and line:
            line = " " + line
            self.indent_next = False
        self.lines.append(line)

    def fn_block(self):
        if not self.cited and not self.carry:
            return
        if self.fnsep:
            self.lines += ["", self.fnsep]
        if self.carry:
            self.lines.append("")
            self.lines += self.carry
            self.carry = []
        for n in self.cited:
            self.lines.append("")
            first, rest = self.wrap_fn(n)
            self.lines += first
            self.carry = rest
            self.placed.add(n)
        self.cited = []

    def wrap_fn(self, n):
        parts = self.fn_text[n].split("[[FB]]")
        out = []
        for j, part in enumerate(parts):
            src = pdf_glue(re.sub(r"\[\[(PB|BL|HY|CNL)\]\]", "", part), False)
            lines = []
            for k, chunk in enumerate(re.split(r"\[\[(?:NL|BNL)\]\]", src)):
                pre = (f"{n}/ " if self.fnstyle == "slash" else f"{n} ") if (k == 0 and j == 0) else ""
                lines += textwrap.wrap(pre + chunk.strip(), width=self.width, break_on_hyphens=False,
                                       break_long_words=False)
            if self.lig:
                lines = [ligate(x) for x in lines]
            out.append(lines)
        return out[0], [x for part in out[1:] for x in part]

    def page_break(self):
        while self.pos < len(self.seq) and self.seq[self.pos] != "PB":
            n = self.seq[self.pos]
            if n not in self.placed and n not in self.cited:
                self.cited.append(n)
            self.pos += 1
        self.pos += 1
        self.fn_block()
        p = self.page
        pdf = self.doc["pdf"]
        nxt = p + 1
        if p == 1:
            self.lines.append("")
            self.lines += pdf["job"].split("|")
        else:
            foot = self.tpl("foot_even" if p % 2 == 0 else "foot_odd", p)
            if foot:
                self.lines += [""] + foot
            elif p % 2 == 1 and pdf.get("dots", "yes") == "yes":
                self.lines += ["", "/..."]
        head = self.tpl("header", nxt) if nxt % 2 == 0 else self.tpl("header_odd", nxt)
        if head:
            self.lines += ["", "", ""] + head + [""]
        else:
            # 52/132 style odd page: no furniture; the first body line follows the last
            # footnote line, indented one space
            self.indent_next = True
        self.page += 1

    def para(self, prefix: str, src: str):
        s = pdf_glue(src, True, self.fnstyle)
        s = re.sub(r"\[\[(PB|BL|NL|BNL)\]\]", r" [[\1]] ", s)
        s = s.replace("[[CNL]]", " ")
        words = s.split()
        line = prefix
        for w in words:
            if w in ("[[NL]]", "[[BNL]]"):
                if len(line) < self.width - 15:
                    print(f"warning: forced PDF line break after a short line ({len(line)}): {line!r}",
                          file=sys.stderr)
                self.emit(line); line = ""
                continue
            if w == "[[BL]]":
                self.emit(line); line = ""
                self.lines.append("")
                continue
            if w == "[[PB]]":
                if line:
                    self.emit(line); line = ""
                self.page_break()
                continue
            if "[[HY]]" in w:
                a, b = w.split("[[HY]]")
                cand = (line + " " + a) if line and not line.endswith(" ") else line + a
                self.emit(cand); line = ""
                w = b
            sep = "" if (not line or line.endswith(" ")) else " "
            cand = line + sep + w
            if len(cand) > self.width and line.strip():
                self.emit(line); line = w
            else:
                line = cand
        if line:
            self.emit(line)

    def render(self) -> str:
        d = self.doc
        self.lines += list(d["header"])
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        self.lines += [d["organ"], ""]
        for p in d["paras"]:
            prefix = {"pp": "", "op": f"{p['num']}. ", "sub": f"{p['num']} ", "lp": f"{p['num']} "}[p["kind"]]
            self.para(prefix, p["src"])
            if not self.indent_next and self.lines[-1] != "":
                self.lines.append("")
        if d["adopt"]:
            self.lines += d["adopt"] + [""]
        for f in d["fns"]:
            if f["num"] not in self.placed:
                self.cited.append(f["num"])
        self.fn_block()
        if self.npages > 1:
            foot = self.tpl("foot_even" if self.page % 2 == 0 else "foot_odd", self.page)
            if foot:
                self.lines += [""] + foot
        self.lines.append("")
        text = "\n".join(self.lines) + "\n"
        if d["pdf"].get("crlf") == "yes":
            text = text.replace("\n", "\r\n")
        if d["pdf"].get("bom") == "yes":
            text = "\ufeff" + text
        return text


def build(name: str):
    doc = parse_src(SRC / f"{name}.src")
    assign_ids(doc)
    (HERE / f"{name}.txt").write_text(render_clean(doc), encoding="utf-8")
    paras = []
    for p in doc["paras"]:
        opening, text, marks = reading(p["src"])
        item = {"id": p["id"], "opening": opening, "text": text, "footnotes": marks}
        if opening in ALT_OPENINGS:
            item["opening_accept"] = [opening] + ALT_OPENINGS[opening]
        paras.append(item)
    fns = [{"mark": f["num"], "text": reading(f["src"])[1]} for f in doc["fns"]]
    exp = {"note": "Expected reading written by the resdiff project for testing (generated by "
                   "tests/heldout2/build.py from the hand-written source). Not a UN document.",
           "file": f"{name}.txt", **{k: doc["meta"].get(k) for k in ("symbol", "session", "title", "organ")},
           "scored_meta": [k for k in ("symbol", "session", "title", "organ") if k in doc["meta"] and doc["meta"][k] is not None],
           "paragraphs": paras, "footnotes": fns}
    if exp["session"] is not None:
        exp["session"] = int(exp["session"])
    (HERE / f"{name}.expected.json").write_text(json.dumps(exp, indent=1, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
    if doc["pdf"]:
        pg = Pager(doc)
        out = doc["pdf"].get("out", f"{name}-pdf.txt")
        (HERE / out).write_bytes(pg.render().encode("utf-8"))


if __name__ == "__main__":
    names = sys.argv[1:] or sorted(p.stem for p in SRC.glob("*.src"))
    for n in names:
        build(n)
        print("built", n)
