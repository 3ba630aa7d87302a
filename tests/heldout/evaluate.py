"""Held-out evaluation of resdiff (black box: runs the real CLI, never imports resdiff).

Written by the resdiff project for testing. The texts it reads are invented by the project and
are not United Nations documents (see README.md in this folder).

    .venv/bin/python tests/heldout/evaluate.py [--verbose] [--json FILE] [--dir FOLDER]

Per gold pair (NAME.gold.json): link precision / recall / F1 (a link = (old ids, new ids), exact),
kind accuracy, verb-shift accuracy and invented shifts, flag agreement on matched links, footnote
agreement. Per clean text: parse against NAME.expected.json. Per PDF rendering (NAME-pdf.txt):
parse equal to the clean text's parse and to the expected reading, and `compare CLEAN PDF` must
exit 0 with every change unchanged.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
EXE = ROOT / ".venv" / "bin" / "resdiff"


def run(*args):
    p = subprocess.run([str(EXE), *args], capture_output=True, text=True, cwd=HERE)
    data = None
    if p.stdout.strip():
        try:
            data = json.loads(p.stdout)
        except json.JSONDecodeError:
            data = None
    return p.returncode, data, p.stderr.strip()


def parse(path):
    rc, data, err = run("parse", str(path), "--format", "json")
    if rc != 0 or data is None:
        raise RuntimeError(f"parse {path}: exit {rc}: {err[:300]}")
    return data


def compare(old, new):
    rc, data, err = run("compare", str(old), str(new), "--format", "json")
    if rc == 2 or data is None:
        raise RuntimeError(f"compare {old} {new}: exit {rc}: {err[:300]}")
    return rc, data


def norm_typo(s):
    if s is None:
        return s
    s = unicodedata.normalize("NFKC", s)
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
                 ("\u2010", "-"), ("\u2011", "-"), ("\u2013", "-"), ("\u2014", "-"), ("\u00ad", "")):
        s = s.replace(a, b)
    return " ".join(s.split())


def short(s, n=110):
    s = s if s is not None else "None"
    return s if len(s) <= n else s[: n - 3] + "..."


def first_diff(a: str, b: str):
    """Return a window around the first differing character of a and b."""
    a, b = a or "", b or ""
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    lo = max(0, i - 40)
    return f"...{a[lo:i + 40]!r}\n      vs ...{b[lo:i + 40]!r}"


# ---------------------------------------------------------------- parse checks

def check_paragraphs(got_doc, exp_doc, label, out, verbose, exp_is_engine=False):
    """Compare paragraphs (id, opening, text, footnote marks) and footnotes. Returns counts."""
    problems = []
    got = got_doc["paragraphs"]
    exp = exp_doc["paragraphs"]
    gi = {p["id"]: p for p in got}
    ei = {p["id"]: p for p in exp}
    if [p["id"] for p in got] != [p["id"] for p in exp]:
        problems.append(("ids", f"ids differ: missing {sorted(set(ei) - set(gi), key=str)} "
                                f"extra {sorted(set(gi) - set(ei), key=str)} "
                                f"(got {len(got)} paragraphs, expected {len(exp)})"))
    n_ok = 0
    for e in exp:
        g = gi.get(e["id"])
        if g is None:
            continue
        bad = []
        if g.get("opening") != e.get("opening") and g.get("opening") not in e.get("opening_accept", []):
            bad.append(f"opening {g.get('opening')!r} != {e.get('opening')!r}")
        if g.get("text") != e.get("text"):
            typo = norm_typo(g.get("text")) == norm_typo(e.get("text"))
            bad.append(("text (typography only) " if typo else "text ") + first_diff(g.get("text"), e.get("text")))
        if not exp_is_engine and "footnotes" in e and sorted(g.get("footnotes", [])) != sorted(e["footnotes"]):
            bad.append(f"footnote marks {g.get('footnotes')} != {e['footnotes']}")
        if exp_is_engine and g.get("footnotes") != e.get("footnotes"):
            bad.append(f"footnote marks {g.get('footnotes')} != {e.get('footnotes')}")
        if bad:
            problems.append((e["id"], "; ".join(bad)))
        else:
            n_ok += 1
    gf = {f["mark"]: f["text"] for f in got_doc.get("footnotes", [])}
    ef = {f["mark"]: f["text"] for f in exp_doc.get("footnotes", [])}
    fn_ok = 0
    for m, t in ef.items():
        if gf.get(m) == t:
            fn_ok += 1
        else:
            problems.append((f"fn{m}", f"footnote {m}: " + (first_diff(gf.get(m), t) if m in gf else "missing")))
    for m in gf:
        if m not in ef:
            problems.append((f"fn{m}", f"extra footnote {m}: {short(gf[m])!r}"))
    return {"para_ok": n_ok, "para_total": len(exp), "fn_ok": fn_ok, "fn_total": len(ef),
            "problems": problems}


def check_meta(got_doc, exp, out):
    res = []
    for k in exp.get("scored_meta", []):
        g = got_doc.get(k)
        if k == "organ" and isinstance(g, str):
            g = g.rstrip(",")
        if g != exp.get(k):
            res.append(f"{k}: got {g!r}, expected {exp.get(k)!r}")
    return res


# ---------------------------------------------------------------- compare checks

def link_key(old, new):
    return (tuple(old), tuple(new))


def score_pair(gold, data):
    gl = {link_key(l["old"], l["new"]): l for l in gold["links"]}
    el = {link_key(c["old"], c["new"]): c for c in data["changes"]}
    matched = [k for k in gl if k in el]
    tp = len(matched)
    prec = tp / len(el) if el else 0.0
    rec = tp / len(gl) if gl else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    res = {"links_gold": len(gl), "links_engine": len(el), "tp": tp, "precision": prec, "recall": rec,
           "f1": f1, "kind_ok": 0, "shift_ok": 0, "flags_ok": 0, "matched": tp,
           "missed": [], "spurious": [], "kind_err": [], "shift_err": [], "invented_shift": [],
           "flag_err": []}
    for k in gl:
        if k not in el:
            res["missed"].append(gl[k])
    for k in el:
        if k not in gl:
            c = el[k]
            res["spurious"].append(c)
            sh = (c.get("verb") or {}).get("shift")
            if sh:
                res["invented_shift"].append(("unmatched", c, None))
    for k in matched:
        g, c = gl[k], el[k]
        if c["kind"] == g["kind"]:
            res["kind_ok"] += 1
        else:
            res["kind_err"].append((g, c))
        sh = (c.get("verb") or {}).get("shift")
        if sh == g["shift"]:
            res["shift_ok"] += 1
        elif sh in g.get("accept_shift", []):
            res["shift_ok"] += 1
            res.setdefault("ambiguous", []).append((g, c))
        else:
            res["shift_err"].append((g, c))
            if sh and not g["shift"]:
                res["invented_shift"].append(("matched", c, g))
        if sorted(c.get("flags", [])) == sorted(g["flags"]):
            res["flags_ok"] += 1
        else:
            res["flag_err"].append((g, c))
    # footnotes
    gf = {(f["old"], f["new"]): f["kind"] for f in gold.get("footnotes", [])}
    ef = {(f["old"], f["new"]): f["kind"] for f in data.get("footnotes", [])}
    fn_ok = sum(1 for k, v in gf.items() if ef.get(k) == v)
    res["fn_ok"], res["fn_total"] = fn_ok, len(gf)
    res["fn_err"] = [(k, gf.get(k), ef.get(k)) for k in sorted(set(gf) | set(ef), key=str) if gf.get(k) != ef.get(k)]
    return res


def fmt_change(c):
    v = c.get("verb") or {}
    sh = v.get("shift")
    verb = f" {v.get('old')!r}->{v.get('new')!r}" if v else ""
    return (f"{c['kind']} {'+'.join(c['old']) or '-'} -> {'+'.join(c['new']) or '-'}"
            f" shift={sh}{verb} flags={c.get('flags', [])} sim={c.get('similarity')}")


def fmt_gold(g):
    return (f"{g['kind']} {'+'.join(g['old']) or '-'} -> {'+'.join(g['new']) or '-'}"
            f" shift={g['shift']} flags={g['flags']}")


# ---------------------------------------------------------------- main

def print_link_errors(P, r):
    """The missed, spurious, wrong-kind and wrong-shift links of one scored pair."""
    for g in r["missed"]:
        P(f"   MISSED   gold   {fmt_gold(g)}")
    for c in r["spurious"]:
        P(f"   SPURIOUS engine {fmt_change(c)}")
    for g, c in r["kind_err"]:
        P(f"   KIND     gold {g['kind']} / engine {c['kind']}: {fmt_change(c)}")
    for g, c in r["shift_err"]:
        P(f"   SHIFT    gold {g['shift']} / engine {fmt_change(c)}")


def print_flag_errors(P, r):
    for g, c in r["flag_err"]:
        P(f"   FLAGS    gold {g['flags']} / engine {c.get('flags')}: {'+'.join(g['old'])}->{'+'.join(g['new'])}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json", help="write the full results as JSON to this file")
    ap.add_argument("--dir", help="evaluate the held-out set in this folder (default: this one)")
    args = ap.parse_args()
    global HERE
    HERE = Path(args.dir).resolve() if args.dir else HERE
    P = print
    results = {"pairs": {}, "parse": {}, "pdf": {}}
    tot = dict(tp=0, gold=0, eng=0, kind_ok=0, shift_ok=0, flags_ok=0, matched=0, fn_ok=0, fn_total=0,
               invented=0)

    P("== compare: gold pairs")
    for gpath in sorted(HERE.glob("*.gold.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        name = gpath.name[: -len(".gold.json")]
        try:
            rc, data = compare(HERE / gold["old"], HERE / gold["new"])
        except RuntimeError as e:
            P(f"-- {name}: CRASH {e}")
            results["pairs"][name] = {"error": str(e)}
            continue
        r = score_pair(gold, data)
        results["pairs"][name] = {k: v for k, v in r.items() if isinstance(v, (int, float))}
        P(f"-- {name}: {gold['old']} -> {gold['new']} (exit {rc})")
        P(f"   links P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
          f"({r['tp']} exact of {r['links_gold']} gold, {r['links_engine']} engine)")
        P(f"   on {r['matched']} matched links: kind {r['kind_ok']}/{r['matched']}, shift {r['shift_ok']}/{r['matched']}, "
          f"flags {r['flags_ok']}/{r['matched']}; invented shifts {len(r['invented_shift'])}; "
          f"footnotes {r['fn_ok']}/{r['fn_total']}")
        print_link_errors(P, r)
        for g, c in r.get("ambiguous", []):
            P(f"   AMBIGUOUS (accepted) gold {g['shift']} / engine {fmt_change(c)}: {g.get('why', '')}")
        for where, c, g in r["invented_shift"]:
            if where == "unmatched":
                P(f"   INVENTED-SHIFT (unmatched link) {fmt_change(c)}")
        print_flag_errors(P, r)
        for k, gk, ek in r["fn_err"]:
            P(f"   FOOTNOTE {k[0]}->{k[1]}: gold {gk} / engine {ek}")
        tot["tp"] += r["tp"]; tot["gold"] += r["links_gold"]; tot["eng"] += r["links_engine"]
        tot["kind_ok"] += r["kind_ok"]; tot["shift_ok"] += r["shift_ok"]; tot["flags_ok"] += r["flags_ok"]
        tot["matched"] += r["matched"]; tot["fn_ok"] += r["fn_ok"]; tot["fn_total"] += r["fn_total"]
        tot["invented"] += len(r["invented_shift"])

    P("\n== compare: the same gold pairs with a PDF rendering in place of the clean text")
    xtot = dict(tp=0, gold=0, eng=0, kind_ok=0, shift_ok=0, flags_ok=0, matched=0)
    for gpath in sorted(HERE.glob("*.gold.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        for side in ("old", "new"):
            pdf = HERE / gold[side].replace(".txt", "-pdf.txt")
            if not pdf.exists():
                continue
            o = pdf if side == "old" else HERE / gold["old"]
            n = pdf if side == "new" else HERE / gold["new"]
            try:
                rc, data = compare(o, n)
            except RuntimeError as ex:
                P(f"-- {o.name} -> {n.name}: CRASH {ex}")
                continue
            r = score_pair(gold, data)
            results["pairs"][f"{o.name}->{n.name}"] = {k: v for k, v in r.items() if isinstance(v, (int, float))}
            P(f"-- {o.name} -> {n.name} (exit {rc}): F1={r['f1']:.3f} ({r['tp']}/{r['links_gold']} gold, "
              f"{r['links_engine']} engine); kind {r['kind_ok']}/{r['matched']}, shift {r['shift_ok']}/{r['matched']}, "
              f"flags {r['flags_ok']}/{r['matched']}")
            print_link_errors(P, r)
            print_flag_errors(P, r)
            for k in xtot:
                xtot[k] += r[{"gold": "links_gold", "eng": "links_engine"}.get(k, k)]

    P("\n== parse: clean texts against their expected reading")
    ptot = dict(ok=0, total=0, fn_ok=0, fn_total=0, meta_bad=0)
    for epath in sorted(HERE.glob("*.expected.json")):
        exp = json.loads(epath.read_text(encoding="utf-8"))
        txt = HERE / exp["file"]
        try:
            doc = parse(txt)
        except RuntimeError as e:
            P(f"-- {txt.name}: CRASH {e}")
            continue
        c = check_paragraphs(doc, exp, txt.name, P, args.verbose)
        meta = check_meta(doc, exp, P)
        results["parse"][txt.name] = {"para_ok": c["para_ok"], "para_total": c["para_total"],
                                      "fn_ok": c["fn_ok"], "fn_total": c["fn_total"], "meta": meta,
                                      "problems": c["problems"]}
        P(f"-- {txt.name}: paragraphs {c['para_ok']}/{c['para_total']}, footnotes {c['fn_ok']}/{c['fn_total']}"
          + (f", header: {'; '.join(meta)}" if meta else ""))
        for pid, msg in c["problems"]:
            P(f"   {pid}: {msg}")
        ptot["ok"] += c["para_ok"]; ptot["total"] += c["para_total"]
        ptot["fn_ok"] += c["fn_ok"]; ptot["fn_total"] += c["fn_total"]; ptot["meta_bad"] += len(meta)

    P("\n== PDF renderings: same reading as the clean text, and no differences against it")
    dtot = dict(files=0, same_parse=0, no_diff=0, ok=0, total=0)
    for pdf in sorted(HERE.glob("*-pdf.txt")):
        clean = HERE / pdf.name.replace("-pdf.txt", ".txt")
        exp = json.loads((HERE / pdf.name.replace("-pdf.txt", ".expected.json")).read_text(encoding="utf-8"))
        dtot["files"] += 1
        try:
            dp, dc = parse(pdf), parse(clean)
        except RuntimeError as e:
            P(f"-- {pdf.name}: CRASH {e}")
            continue
        same = check_paragraphs(dp, dc, pdf.name, P, args.verbose, exp_is_engine=True)
        vs_exp = check_paragraphs(dp, exp, pdf.name, P, args.verbose)
        meta = check_meta(dp, exp, P)
        identical = not same["problems"]
        try:
            rc, cmp = compare(clean, pdf)
            nondiff = [c for c in cmp["changes"] if c["kind"] != "unchanged"]
            fn_nondiff = [f for f in cmp.get("footnotes", []) if f["kind"] != "unchanged"]
        except RuntimeError as e:
            rc, nondiff, fn_nondiff = 2, [], []
            P(f"   compare CRASH {e}")
        nodiff = rc == 0 and not nondiff and not fn_nondiff
        dtot["same_parse"] += identical; dtot["no_diff"] += nodiff
        dtot["ok"] += vs_exp["para_ok"]; dtot["total"] += vs_exp["para_total"]
        results["pdf"][pdf.name] = {"same_parse_as_clean": identical, "compare_exit": rc, "no_differences": nodiff,
                                    "para_ok_vs_expected": vs_exp["para_ok"], "para_total": vs_exp["para_total"],
                                    "problems_vs_expected": vs_exp["problems"], "problems_vs_clean": same["problems"]}
        P(f"-- {pdf.name}: parse == clean parse: {'yes' if identical else 'NO'}; vs expected "
          f"{vs_exp['para_ok']}/{vs_exp['para_total']} paragraphs, footnotes {vs_exp['fn_ok']}/{vs_exp['fn_total']}; "
          f"compare {clean.name} {pdf.name}: exit {rc}, {'no differences' if nodiff else 'DIFFERENCES'}"
          + (f"; header: {'; '.join(meta)}" if meta else ""))
        for pid, msg in same["problems"][: (None if args.verbose else 1)]:
            P(f"   first difference pdf vs clean parse: {pid}: {msg}")
        for pid, msg in vs_exp["problems"]:
            P(f"   vs expected {pid}: {msg}")
        for c in nondiff:
            P(f"   compare: {fmt_change(c)}")
        for f in fn_nondiff:
            P(f"   compare footnote: {f['kind']} {f['old']}->{f['new']}")

    P("\n== TOTALS")
    prec = tot["tp"] / tot["eng"] if tot["eng"] else 0
    rec = tot["tp"] / tot["gold"] if tot["gold"] else 0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0
    m = tot["matched"] or 1
    P(f"links: P={prec:.3f} R={rec:.3f} F1={f1:.3f} ({tot['tp']} exact / {tot['gold']} gold / {tot['eng']} engine)")
    P(f"on matched links: kind {tot['kind_ok']}/{tot['matched']} ({tot['kind_ok']/m:.1%}), "
      f"verb shift {tot['shift_ok']}/{tot['matched']} ({tot['shift_ok']/m:.1%}), invented shifts {tot['invented']}, "
      f"flags {tot['flags_ok']}/{tot['matched']} ({tot['flags_ok']/m:.1%})")
    P(f"footnotes (compare): {tot['fn_ok']}/{tot['fn_total']}")
    xp = xtot["tp"] / xtot["eng"] if xtot["eng"] else 0
    xr = xtot["tp"] / xtot["gold"] if xtot["gold"] else 0
    xf = 2 * xp * xr / (xp + xr) if xp + xr else 0
    P(f"pairs with a PDF side: links P={xp:.3f} R={xr:.3f} F1={xf:.3f}; kind {xtot['kind_ok']}/{xtot['matched']}, "
      f"shift {xtot['shift_ok']}/{xtot['matched']}, flags {xtot['flags_ok']}/{xtot['matched']}")
    results["totals_pdf_side"] = {"link_precision": xp, "link_recall": xr, "link_f1": xf, **xtot}
    P(f"parse (clean texts): paragraphs {ptot['ok']}/{ptot['total']}, footnotes {ptot['fn_ok']}/{ptot['fn_total']}, "
      f"header facts wrong {ptot['meta_bad']}")
    P(f"PDF renderings: {dtot['same_parse']}/{dtot['files']} parse exactly like the clean text, "
      f"{dtot['no_diff']}/{dtot['files']} compare with no differences; paragraphs vs expected {dtot['ok']}/{dtot['total']}")
    results["totals"] = {"link_precision": prec, "link_recall": rec, "link_f1": f1, **tot, "parse": ptot, "pdf": dtot}
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
