"""Seeded synthetic resolution pairs with a known true alignment: the benchmark's input.

    generate_pair(size, seed=1) -> Pair                old text, new text, truth
    write_pair(directory, size, seed=1) -> (old, new, truth) paths
    check_pair(old_text, new_text, truth) -> list[str] problems; empty when the truth ids are
                                                       exactly what resdiff's parser produces

    python benchmarks/generate.py --size 350 [--seed 1] [--out DIR]

How a pair is made
------------------
Paragraphs come from paragraphs.py: assembled from short phrases of the corpus texts (parsed
with resdiff's parser), with named things, references and some words redrawn, so that two
paragraphs are about as unlike as two paragraphs of a real resolution. About one paragraph
in ten belongs to a *boilerplate run*: two to six consecutive paragraphs that differ by one
reference only ("Recalling its resolution 57/212 of 4 December 2002 on ..."), the
near-duplicates that tempt an aligner to pair crosswise.

The old text has ``size`` paragraphs: about 40 % preambular, 60 % operative, but at most
OPERATIVE_CAP operative paragraphs, because resdiff's parser reads printed operative numbers
of one to three digits only ("1000." is not an operative number); the rest goes to the
preamble.

The new text applies, per old paragraph, one fate (FATES): unchanged, reworded (one word,
a reference update, or 2 % to 40 % of its words substituted, deleted or inserted, sometimes
with a change of opening verb), dropped, moved (at least three matched paragraphs away, in
its section; a quarter of the moves, at most one per 50 operative paragraphs, go from the
preamble to the operative part, the participle becoming a verb), split (the old paragraph
was written "X, and calls upon ...", the new one has "X;" and "Calls upon ...;"), merged
(the reverse), plus about 5 % added paragraphs. Operative paragraphs are renumbered 1..n in
the new text. A few unchanged paragraphs get curly quotes (typography only: still
unchanged).

The truth
---------
Same format as corpus/*.gold.json: ``{"links": [{"kind", "old", "new", "shift", "flags",
"edit"}]}``. Ids are what resdiff's parser gives (PP1..PPn in order, OPn by printed number).
``kind`` is derived from the final texts, as PRODUCT.md defines it: a 1:1 pair is ``moved``
when it leaves the longest order-preserving chain of matched pairs (unique by construction:
move spans never overlap and jump at least three matched pairs) or crosses between preamble
and operative part; else ``unchanged`` when the texts are equal up to typography, else
``reworded``. ``shift`` and ``flags`` are not generated (always null and []); ``edit`` says
what the generator did (for reading mistakes, not for scoring).
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import sys
import textwrap
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import vocabulary as V
from paragraphs import Material, Para, Writer, load_material, lower_first, rewording_rate

OPERATIVE_CAP = 900
"""At most this many operative paragraphs in the old text (the parser reads 1..999)."""
PREAMBLE_SHARE = 0.4
FATES = (("unchanged", 0.56), ("reworded", 0.27), ("dropped", 0.05), ("moved", 0.03),
         ("split", 0.025), ("merged", 0.025), ("typography", 0.01))
"""Fate of a regular old paragraph and its probability (merged takes the next one too)."""
BOILERPLATE_FATES = (("unchanged", 0.72), ("reference", 0.15), ("dropped", 0.08),
                     ("sibling", 0.05))
"""Fate of a boilerplate member ("sibling": unchanged, and a new member is added after it)."""
BOILERPLATE_START = 0.03
"""Chance that a boilerplate run starts at a position (runs average four paragraphs)."""
ADDED_SHARE = 0.05
"""Added paragraphs, as a share of the old paragraphs."""
WRAP = 80


# -- the pair -------------------------------------------------------------------------------

@dataclass
class Item:
    """One paragraph of the new text and where it came from."""

    para: Para
    old: tuple[int, ...]
    """Indices of the old paragraphs it comes from (empty: added)."""
    group: int
    """Items of one split share a group; every other item has its own."""
    edit: dict
    moved: bool = False
    crossed: bool = False


@dataclass
class Pair:
    """A generated old/new pair and its true alignment."""

    old_text: str
    new_text: str
    truth: dict
    old_ids: list[str] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)


def generate_pair(size: int, seed: int = 1, *, material: Material | None = None) -> Pair:
    """Old text of `size` paragraphs, new text, and the true alignment (seeded)."""
    rng = random.Random(f"resdiff-benchmark/{size}/{seed}")
    writer = Writer(material or load_material(), rng)
    n_operative = min(round(size * (1 - PREAMBLE_SHARE)), OPERATIVE_CAP)
    sections = ["preamble"] * (size - n_operative) + ["operative"] * n_operative

    # 1. old paragraphs and their fates
    old: list[Para] = []
    fates: list[str] = []
    index = 0
    while index < size:
        section = sections[index]
        room = sum(1 for s in sections[index:index + 6] if s == section)
        if room >= 2 and rng.random() < BOILERPLATE_START:
            length = rng.randint(2, room)
            old.extend(writer.boilerplate_run(section, length))
            fates.extend(rng.choices([f for f, _ in BOILERPLATE_FATES],
                                     [w for _, w in BOILERPLATE_FATES], k=length))
            index += length
            continue
        fate = rng.choices([f for f, _ in FATES], [w for _, w in FATES])[0]
        if fate == "merged" and (index + 1 >= size or sections[index + 1] != section):
            fate = "reworded"
        if fate == "split":
            first, second = writer.regular(section, phrases=(1, 2)), _second_part(writer, section)
            old.append(Para(section, first.opening,
                            f"{first.body}, and {lower_first(second.opening)} {second.body}"))
            fates.append(("split", first, second))
        elif fate == "merged":
            old.append(writer.regular(section, phrases=(1, 2)))
            old.append(_second_part(writer, section))
            fates.extend(["merged", "merged-tail"])
            index += 1
        else:
            old.append(writer.regular(section))
            fates.append(fate)
        index += 1
    old_keys = {_key(p.text) for p in old}
    if len(old_keys) != len(old):
        raise RuntimeError("generator made two identical old paragraphs; change the seed")

    # 2. new items in old order
    used_keys = set(old_keys)

    def fresh(make) -> Para:
        for _ in range(50):
            para = make()
            if para is not None and _key(para.text) not in used_keys:
                used_keys.add(_key(para.text))
                return para
        raise RuntimeError("could not make a distinct paragraph")

    items: list[Item] = []
    group = 0
    for i, (para, fate) in enumerate(zip(old, fates)):
        group += 1
        if isinstance(fate, tuple):  # split
            _, first, second = fate
            parts = [first, replace(second, section=para.section)]
            edit = {"op": "split"}
            if rng.random() < 0.5:
                k = rng.randrange(2)
                parts[k] = fresh(lambda: writer.reword(parts[k], 0.0))
                edit["reworded_part"] = k
            items += [Item(p, (i,), group, edit) for p in parts]
        elif fate == "merged":
            tail = old[i + 1]
            merged = Para(para.section, para.opening,
                          f"{para.body}, and {lower_first(tail.opening)} {tail.body}")
            edit = {"op": "merged"}
            if rng.random() < 0.5:
                merged = fresh(lambda: writer.reword(merged, 0.0))
                edit["reworded"] = True
            items.append(Item(merged, (i, i + 1), group, edit))
        elif fate in ("merged-tail", "dropped"):
            continue
        elif fate in ("unchanged", "sibling"):
            items.append(Item(para, (i,), group, {"op": "unchanged"}))
            if fate == "sibling":
                group += 1
                items.append(Item(fresh(lambda: writer.sibling(para)), (), group,
                                  {"op": "added", "boilerplate": para.family}))
        elif fate == "typography":
            curly = writer.typography(para)
            items.append(Item(curly or para, (i,), group,
                              {"op": "typography" if curly else "unchanged"}))
        elif fate == "reference":
            items.append(Item(fresh(lambda: writer.reference_update(para) or writer.sibling(para)),
                              (i,), group, {"op": "reference-update"}))
        elif fate in ("reworded", "moved"):
            if fate == "moved" and rng.random() < 0.5:
                items.append(Item(para, (i,), group, {"op": "moved"}))
            else:
                how, rate = rewording_rate(rng) if fate == "reworded" else ("rate", 0.05)
                verb = how == "rate" and rng.random() < 0.2
                if how == "reference":
                    new = fresh(lambda: writer.reference_update(para) or writer.reword(para, 0.0))
                else:
                    new = fresh(lambda: writer.reword(para, rate, verb=verb))
                edit = {"op": "reworded", "how": how, "rate": rate, "verb": verb}
                if fate == "moved":
                    edit["op"] = "moved+reworded"
                items.append(Item(new, (i,), group, edit))
            items[-1].moved = fate == "moved"

    for item in items:
        family = old[item.old[0]].family if item.old else None
        if family:
            item.edit["boilerplate"] = family

    # 3. added paragraphs, at places that do not cut a split
    for _ in range(max(1, round(size * ADDED_SHARE))):
        for _attempt in range(20):
            at = rng.randint(0, len(items))
            if 0 < at < len(items) and items[at - 1].group == items[at].group:
                continue
            section = items[min(at, len(items) - 1)].para.section
            if at == len(items) or (at > 0 and items[at - 1].para.section != section):
                section = items[at - 1].para.section
            group += 1
            items.insert(at, Item(fresh(lambda: writer.regular(section)), (), group, {"op": "added"}))
            break

    # 4. moves
    items = _apply_moves(items, rng)

    # 5. render, ids, truth
    old_text, old_ids = render(old, size=size, seed=seed, label="old")
    new_text, new_ids = render([item.para for item in items], size=size, seed=seed, label="new")
    truth = _truth(old, old_ids, items, new_ids, size=size, seed=seed)
    return Pair(old_text, new_text, truth, old_ids, new_ids)


def _second_part(writer: Writer, section: str) -> Para:
    """A paragraph that reads well after ", and ..." (a request or a "that" clause)."""
    for _ in range(100):
        para = writer.regular(section, phrases=(1, 2))
        if section == "preamble" and para.opening in V.OPENINGS_THAT["preamble"]:
            return para
        if section == "operative" and para.opening in V.OPENINGS_REQUEST + V.OPENINGS_THAT["operative"]:
            return para
    return para


def _key(text: str) -> str:
    """Text identity up to typography and spacing (what "unchanged" means)."""
    folded = unicodedata.normalize("NFKC", text).translate(
        {0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"', 0x2011: "-"})
    return re.sub(r"\s+", "", folded)


def _apply_moves(items: list[Item], rng: random.Random) -> list[Item]:
    """Move the items marked `moved`: in their section, over at least three other matched
    links, with spans that never overlap (so the longest order-preserving chain, and so the
    true `moved` set, is unique); a quarter of them (at most one per 50 operative paragraphs)
    cross from the preamble to the operative part."""
    spans: list[tuple[int, int]] = []
    keys = [float(k) for k in range(len(items))]
    operative = [k for k, item in enumerate(items) if item.para.section == "operative"]
    crossings = max(1, len(operative) // 50)  # few, and the operative part stays under 1000
    first_operative = operative[0] if operative else len(items)
    bounds = {"preamble": (0, first_operative - 1), "operative": (first_operative, len(items) - 1)}
    intended = [item for item in items if item.moved]
    for p, item in enumerate(items):
        if not item.moved:
            continue
        item.moved = False
        section = item.para.section
        verb = V.PARTICIPLE_TO_VERB.get(item.para.opening)
        if section == "preamble" and verb and operative and crossings and rng.random() < 0.25:
            q = rng.choice(operative)
            if _whole(items, q):
                crossings -= 1
                item.para = replace(item.para, section="operative", opening=verb)
                item.moved = item.crossed = True
                item.edit["crossed"] = True
                keys[p] = q + 0.5
            continue
        start, end = bounds[section]
        reach = max(5, min(40, (end - start + 1) // 3))
        for _attempt in range(30):
            q = p + rng.choice((-1, 1)) * rng.randint(4, reach)
            if q < start or q > end or not _whole(items, q):
                continue
            low, high = min(p, q), max(p, q)
            if any(low <= b and a <= high for a, b in spans):
                continue
            jumped = {items[k].group for k in range(low, high + 1)
                      if k != p and items[k].old and not items[k].moved}
            if len(jumped) < 3:
                continue
            spans.append((low, high))
            keys[p] = q + (0.5 if q > p else -0.5)
            item.moved = True
            break
    for item in intended:
        if not item.moved:
            item.edit["stayed"] = True  # no place found that keeps the truth unambiguous
    order = sorted(range(len(items)), key=lambda k: keys[k])
    return [items[k] for k in order]


def _whole(items: list[Item], q: int) -> bool:
    """Item q is not part of a split (so nothing lands between the parts)."""
    group = items[q].group
    return all(items[k].group != group for k in (q - 1, q + 1) if 0 <= k < len(items))


def render(paras: list[Para], *, size: int, seed: int, label: str) -> tuple[str, list[str]]:
    """The text as resdiff reads it, and the ids its parser will give the paragraphs."""
    lines = ["SYNTHETIC TEXT generated by the resdiff benchmark (benchmarks/generate.py).",
             f"Size {size}, seed {seed}, {label} version. Not a United Nations document.",
             "", "Human rights and mass exoduses: synthetic compilation", "",
             "The General Assembly,", ""]
    ids = []
    n_operative = sum(1 for p in paras if p.section == "operative")
    pp = op = 0
    for para in paras:
        if para.section == "preamble":
            pp += 1
            ids.append(f"PP{pp}")
            text = para.text + ","
        else:
            op += 1
            ids.append(f"OP{op}")
            text = f"{op}. {para.text}" + ("." if op == n_operative else ";")
        lines += textwrap.wrap(text, WRAP, break_long_words=False, break_on_hyphens=False)
        lines.append("")
    if op > 999:
        raise ValueError(f"{op} operative paragraphs: the parser reads numbers up to 999")
    return "\n".join(lines), ids


def _truth(old: list[Para], old_ids: list[str], items: list[Item], new_ids: list[str], *,
           size: int, seed: int) -> dict:
    old_end = {"preamble": ",", "operative": ";"}
    n_op_old = sum(1 for p in old if p.section == "operative")
    n_op_new = sum(1 for item in items if item.para.section == "operative")

    def final(para: Para, position: int, n_op: int) -> str:
        return para.text + ("." if para.section == "operative" and position == n_op else
                            old_end[para.section])

    old_final, op = [], 0
    for para in old:
        op += para.section == "operative"
        old_final.append(final(para, op, n_op_old))
    new_final, op = [], 0
    for item in items:
        op += item.para.section == "operative"
        new_final.append(final(item.para, op, n_op_new))

    by_group: dict[int, list[int]] = {}
    for j, item in enumerate(items):
        by_group.setdefault(item.group, []).append(j)
    links = []
    for group_items in by_group.values():
        first = items[group_items[0]]
        links.append({"old": list(first.old), "new": group_items, "edit": dict(first.edit)})
    linked_old = {i for link in links for i in link["old"]}
    links += [{"old": [i], "new": [], "edit": {"op": "dropped", **({"boilerplate": old[i].family}
                                                                   if old[i].family else {})}}
              for i in range(len(old)) if i not in linked_old]

    matched = sorted((link for link in links if link["old"] and link["new"]),
                     key=lambda link: link["old"][0])
    chain = _longest_increasing([link["new"][0] for link in matched])
    off_chain = {id(link) for k, link in enumerate(matched) if k not in chain}
    for link in links:
        olds, news = link["old"], link["new"]
        if not olds:
            kind = "added"
        elif not news:
            kind = "dropped"
        elif len(olds) > 1:
            kind = "merged"
        elif len(news) > 1:
            kind = "split"
        elif id(link) in off_chain or items[news[0]].crossed:
            kind = "moved"
        elif _key(old_final[olds[0]]) == _key(new_final[news[0]]):
            kind = "unchanged"
        else:
            kind = "reworded"
        intended = bool(news) and len(news) == 1 and items[news[0]].moved
        if (kind == "moved") != intended and len(olds) == 1 and len(news) == 1:
            raise AssertionError(f"moved set is ambiguous at old {olds} new {news}")
        link["kind"] = kind
    # New-document order; a dropped paragraph follows the link of its old predecessor.
    new_position_of_old = {i: link["new"][0] for link in links if link["new"] for i in link["old"]}

    def order(link: dict) -> tuple:
        if link["new"]:
            return (link["new"][0], 0, link["old"][0] if link["old"] else -1)
        i = link["old"][0]
        before = next((new_position_of_old[k] for k in range(i - 1, -1, -1)
                       if k in new_position_of_old), -1)
        return (before, 1, i)

    result = [{"kind": link["kind"], "old": [old_ids[i] for i in link["old"]],
               "new": [new_ids[j] for j in link["new"]], "shift": None, "flags": [],
               "edit": link["edit"]} for link in sorted(links, key=order)]
    return {"old": "old.txt", "new": "new.txt",
            "note": ("Synthetic pair from benchmarks/generate.py (size %d, seed %d); not UN "
                     "documents. Only ids and kind are truth; shift and flags are not "
                     "generated; edit says what the generator did." % (size, seed)),
            "links": result}


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sorting).

    Written here rather than imported from resdiff.chain on purpose: the truth the engine is
    scored against must not be computed by the engine."""
    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(values)
    for position, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[k] = value
            tail_at[k] = position
        previous[position] = tail_at[k - 1] if k else -1
    chain = set()
    position = tail_at[-1] if tail_at else -1
    while position != -1:
        chain.add(position)
        position = previous[position]
    return chain


# -- files and the check --------------------------------------------------------------------

def write_pair(directory: str | Path, size: int, seed: int = 1, *,
               material: Material | None = None) -> tuple[Path, Path, Path]:
    """Write old-SIZE.txt, new-SIZE.txt and truth-SIZE.json into `directory`."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    pair = generate_pair(size, seed, material=material)
    old_path = directory / f"old-{size}.txt"
    new_path = directory / f"new-{size}.txt"
    truth_path = directory / f"truth-{size}.json"
    old_path.write_text(pair.old_text, encoding="utf-8")
    new_path.write_text(pair.new_text, encoding="utf-8")
    truth = dict(pair.truth, old=old_path.name, new=new_path.name)
    truth_path.write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return old_path, new_path, truth_path


def check_pair(old_text: str, new_text: str, truth: dict) -> list[str]:
    """Problems with a pair: parser ids missing from the truth, truth ids the parser does not
    give, ids in two links, parser warnings. Empty when the truth matches the parser exactly."""
    from resdiff.parse import parse  # the function: `resdiff.parse` can be the module

    problems = []
    for side, text in (("old", old_text), ("new", new_text)):
        document = parse(text)
        parsed = Counter(p.id for p in document.paragraphs)
        listed = Counter(pid for link in truth["links"] for pid in link[side])
        for label, ids in (("repeated by the parser", {i for i, n in parsed.items() if n > 1}),
                           ("in no truth link", set(parsed) - set(listed)),
                           ("in the truth but not parsed", set(listed) - set(parsed)),
                           ("in two truth links", {i for i, n in listed.items() if n > 1})):
            if ids:
                problems.append(f"{side}: {len(ids)} ids {label}, e.g. {sorted(ids)[:5]}")
        if document.warnings:
            problems.append(f"{side}: parser warnings: {list(document.warnings)[:3]}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True, help="paragraphs in the old text")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=".", help="directory for old-N.txt, new-N.txt, truth-N.json")
    parser.add_argument("--check", action="store_true", help="parse the files and check the ids")
    args = parser.parse_args(argv)
    paths = write_pair(args.out, args.size, args.seed)
    print(*paths, sep="\n")
    if args.check:
        truth = json.loads(paths[2].read_text(encoding="utf-8"))
        problems = check_pair(paths[0].read_text(encoding="utf-8"),
                              paths[1].read_text(encoding="utf-8"), truth)
        for problem in problems:
            print("problem:", problem, file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
