"""Seeded synthetic resolution pairs with a known true alignment: the benchmark's input.

    generate_pair(size, seed=1) -> Pair                old text, new text, truth
    write_pair(directory, size, seed=1) -> (old, new, truth) paths
    check_pair(old_text, new_text, truth) -> list[str] problems; empty when the truth ids are
                                                       exactly what resdiff's parser produces

    python benchmarks/generate.py --size 350 [--seed 1] [--out DIR]

How a pair is made
------------------
Material: the paragraphs of the corpus texts, parsed with resdiff.parse. Each paragraph gives
a *stem* (its opening and first clause) and *clauses* (the rest, cut at commas). A synthetic
paragraph is a stem with an interchangeable opening, one to three clauses from anywhere in
the corpus, and one *specific* clause (a country, body, topic, region or document symbol,
vocabulary.SPECIFICS); years, symbols and session ordinals are redrawn. About one paragraph
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
its section; a quarter of the moves go from the preamble to the operative part, the
participle becoming a verb), split (the old paragraph was written "X, and calls upon ...",
the new one has "X;" and "Calls upon ...;"), merged (the reverse), plus about 5 % added
paragraphs. Operative paragraphs are renumbered 1..n in the new text. A few unchanged
paragraphs get curly quotes (typography only: still unchanged).

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
from dataclasses import dataclass, field, replace
from pathlib import Path

import vocabulary as V

ROOT = Path(__file__).resolve().parent.parent
CORPUS_FILES = ("a-res-52-132.txt", "a-res-52-132-retyped.txt", "illustrative-54-draft.txt",
                "illustrative-54-rev1.txt")
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
WRAP = 80

_REFERENCE = re.compile(r"\d")
_ORDINAL_WORD = re.compile(r"^(?:forty|fifty|sixty|seventy)-[a-z]+$|^(?:fortieth|fiftieth|sixtieth|seventieth)$")
_STOPWORDS = set("""the and that with from their these those this which have been for are its
into upon shall should would also such other than them they there were will within""".split())


# -- material from the corpus ---------------------------------------------------------------

@dataclass(frozen=True)
class Stem:
    """The start of a corpus paragraph: its opening and first clause."""

    section: str
    """"preamble" or "operative"."""
    opening: str
    """The opening in the corpus ("Recognizing")."""
    lead: str
    """The first clause after the opening ("that the human rights machinery ...")."""
    grammar: str
    """"that", "object", "request" (addressee + to ...) or "fixed" (keep the opening)."""


@dataclass
class Material:
    """What paragraphs are made of."""

    stems: dict[str, list[Stem]]
    clauses: list[str]
    words: list[str]


def load_material() -> Material:
    """Stems, clauses and content words from the corpus texts (parsed with resdiff.parse)."""
    from resdiff import parse

    seen: set[str] = set()
    stems: dict[str, list[Stem]] = {"preamble": [], "operative": []}
    clauses: list[str] = []
    words: set[str] = set()
    for name in CORPUS_FILES:
        document = parse((ROOT / "corpus" / name).read_text(encoding="utf-8"))
        for paragraph in document.paragraphs:
            text = paragraph.text.rstrip(",;. ")
            if text in seen or paragraph.section not in stems or not paragraph.opening:
                continue
            seen.add(text)
            opening = paragraph.opening
            if not text.startswith(opening):
                continue
            pieces = _clauses(text[len(opening):].strip())
            if not pieces:
                continue
            lead = pieces[0]
            if lead.startswith("that "):
                grammar = "that"
            elif paragraph.section == "operative" and opening.split()[-1] in (
                    "Urges", "upon", "on", "Encourages", "invites", "Invites", "Requests"):
                grammar = "request"
            elif lead.split()[0] in ("the", "its", "all", "their"):
                grammar = "object"
            else:
                grammar = "fixed"
            stems[paragraph.section].append(Stem(paragraph.section, opening, lead, grammar))
            clauses.extend(pieces[1:])
            words.update(w for w in re.findall(r"[a-z]{4,}", text) if w not in _STOPWORDS)
    return Material(stems=stems, clauses=sorted(set(clauses)), words=sorted(words))


def _clauses(text: str) -> list[str]:
    """Cut a paragraph body at commas and semicolons; pieces under four words join the previous."""
    pieces: list[str] = []
    for piece in re.split(r"(?<=[,;])\s+", text):
        piece = piece.rstrip(",; ")
        if pieces and len(piece.split()) < 4:
            pieces[-1] = f"{pieces[-1]}, {piece}"
        elif piece:
            pieces.append(piece)
    return pieces


# -- paragraphs -----------------------------------------------------------------------------

@dataclass
class Para:
    """One paragraph of a synthetic text, without its number and final punctuation."""

    section: str
    opening: str
    body: str
    family: str | None = None
    """Boilerplate run id, or None for a regular paragraph."""

    @property
    def text(self) -> str:
        return f"{self.opening} {self.body}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class Writer:
    """Makes paragraphs and edits them, all from one seeded random generator."""

    def __init__(self, material: Material, rng: random.Random) -> None:
        self.material = material
        self.rng = rng
        self.families = 0

    # references ---------------------------------------------------------------------------
    def session(self) -> int:
        return self.rng.randint(40, 78)

    def date(self, session: int) -> str:
        return f"{self.rng.randint(1, 28)} {self.rng.choice(V.MONTHS)} {1945 + session}"

    def resolution(self) -> str:
        session = self.session()
        return f"{session}/{self.rng.randint(1, 320)} of {self.date(session)}"

    def document(self) -> str:
        if self.rng.random() < 0.7:
            return f"A/{self.session()}/{self.rng.randint(100, 999)}"
        return f"E/CN.4/{self.rng.randint(1985, 2005)}/{self.rng.randint(10, 140)}"

    def fill(self, template: str) -> str:
        rng = self.rng
        country, country2 = rng.sample(V.COUNTRIES, 2)
        body, body2 = rng.sample(V.BODIES, 2)
        session = self.session()
        return template.format(
            country=country, country2=country2, body=body, body2=body2,
            topic=rng.choice(V.TOPICS), region=rng.choice(V.REGIONS), doc=self.document(),
            res=f"{session}/{rng.randint(1, 320)}", date=self.date(session),
            cres=f"{rng.randint(1985, 2005)}/{rng.randint(1, 90)}", ordinal=V.ordinal(self.session()),
            title=rng.choice(V.TITLES))

    def redraw(self, token: str) -> str:
        """The same kind of reference with other numbers ("53/125" -> "61/17")."""
        if _ORDINAL_WORD.match(token.strip(",;.()\"")):
            core = token.strip(",;.()\"")
            return token.replace(core, V.ordinal(self.session()))

        def number(match: re.Match) -> str:
            digits = match.group()
            if len(digits) == 4 and digits[:2] in ("19", "20"):
                return str(self.rng.randint(1960, 2023))
            low = 10 ** (len(digits) - 1) if len(digits) > 1 else 1
            return str(self.rng.randint(low, 10 ** len(digits) - 1))

        return re.sub(r"\d+", number, token)

    def vary(self, clause: str) -> str:
        """Redraw most references in a corpus clause."""
        return " ".join(self.redraw(t) if (_REFERENCE.search(t) or _ORDINAL_WORD.match(t.strip(",;.()")))
                        and self.rng.random() < 0.8 else t for t in clause.split())

    # new paragraphs -----------------------------------------------------------------------
    def opening_for(self, stem: Stem, section: str) -> str:
        if stem.grammar == "that":
            return self.rng.choice(V.OPENINGS_THAT[section])
        if stem.grammar == "object":
            return self.rng.choice(V.OPENINGS_OBJECT[section])
        if stem.grammar == "request":
            return self.rng.choice(V.OPENINGS_REQUEST)
        return stem.opening

    def regular(self, section: str, *, extra: tuple[int, int] = (1, 3)) -> Para:
        """A distinct paragraph: stem + clauses + one specific clause."""
        rng = self.rng
        stems = self.material.stems
        pool = stems[section] + [s for s in stems["preamble" if section == "operative" else "operative"]
                                 if s.grammar in ("that", "object")]
        stem = rng.choice(pool)
        target = rng.randint(25, 70)
        clauses = [self.vary(stem.lead)]
        count = 0
        while count < extra[1] and (count < extra[0] or sum(len(c.split()) for c in clauses) < target):
            clauses.append(self.vary(rng.choice(self.material.clauses)))
            count += 1
        clauses.insert(rng.randint(1, len(clauses)), self.fill(rng.choice(V.SPECIFICS)))
        return Para(section, self.opening_for(stem, section), ", ".join(clauses))

    def boilerplate_run(self, section: str, length: int) -> list[Para]:
        """`length` paragraphs that differ by one reference only."""
        rng = self.rng
        opening, template = rng.choice(V.BOILERPLATE[section])
        self.families += 1
        family = f"run{self.families}"
        fixed = self.fill(template.replace("{ref}", "{{ref}}"))
        return [Para(section, opening, fixed.format(ref=self.reference_for(template)), family)
                for _ in range(length)]

    def reference_for(self, template: str) -> str:
        return self.document() if "({ref})" in template else self.resolution()

    def sibling(self, para: Para) -> Para:
        """Another member of a boilerplate run: the same words, another reference."""
        for opening, template in V.BOILERPLATE[para.section]:
            if opening == para.opening:
                pattern = re.escape(template).replace(re.escape("{ref}"), "(?P<ref>.+?)")
                pattern = re.sub(r"\\\{[a-z]+\\\}", ".+?", pattern)
                match = re.fullmatch(pattern, para.body)
                if match:
                    start, end = match.span("ref")
                    body = para.body[:start] + self.reference_for(template) + para.body[end:]
                    return replace(para, body=body)
        return self.reference_update(para)

    # edits --------------------------------------------------------------------------------
    def reword(self, para: Para, rate: float, *, verb: bool = False) -> Para:
        """Substitute, delete or insert about `rate` of the body's words (at least one)."""
        rng = self.rng
        tokens = para.body.split()
        opening = para.opening
        edits = max(1, round(rate * len(tokens)))
        if verb and opening in V.VERB_SWAPS:
            opening = V.VERB_SWAPS[opening]
            edits -= 1
        for _ in range(edits):
            roll = rng.random()
            k = rng.randrange(len(tokens))
            if roll < 0.2 and len(tokens) > 6 and re.fullmatch(r"[A-Za-z-]+", tokens[k]):
                del tokens[k]
            elif roll < 0.45:
                tokens.insert(rng.randint(1, len(tokens)), rng.choice(V.INSERTIONS))
            else:
                tokens[k] = self.substitute(tokens[k])
        body = " ".join(tokens)
        if body == para.body and opening == para.opening:
            k = rng.randrange(len(tokens))
            tokens[k] = self.substitute(tokens[k], force=True)
            body = " ".join(tokens)
        return replace(para, opening=opening, body=body)

    def substitute(self, token: str, *, force: bool = False) -> str:
        match = re.fullmatch(r"([(\"]*)(.*?)([,;:.)\"]*)", token)
        before, core, after = match.groups()
        if core in V.SYNONYMS and not force:
            new = V.SYNONYMS[core]
        elif _REFERENCE.search(core):
            new = self.redraw(core)
        else:
            new = self.rng.choice(self.material.words)
            if core[:1].isupper():
                new = new.capitalize()
        if new == core:
            new = self.rng.choice(self.material.words)
        return before + new + after

    def reference_update(self, para: Para) -> Para | None:
        """Redraw one or two references (symbols, years, session ordinals); None if none."""
        tokens = para.body.split()
        spots = [k for k, t in enumerate(tokens)
                 if _REFERENCE.search(t) or _ORDINAL_WORD.match(t.strip(",;.()\""))]
        if not spots:
            return None
        for k in self.rng.sample(spots, min(len(spots), self.rng.choice((1, 1, 2)))):
            new = self.redraw(tokens[k])
            while new == tokens[k]:
                new = self.redraw(tokens[k])
            tokens[k] = new
        return replace(para, body=" ".join(tokens))

    def typography(self, para: Para) -> Para | None:
        """Curly quotes for straight ones: a change of typography only (None if no quotes)."""
        if "'" in para.body:
            return replace(para, body=para.body.replace("'", "\u2019"))
        if '"' in para.body:
            parts = para.body.split('"')
            body = parts[0] + "".join(("\u201c" if k % 2 else "\u201d") + p
                                      for k, p in enumerate(parts[1:], 1))
            return replace(para, body=body)
        return None


def rewording_rate(rng: random.Random) -> tuple[str, float]:
    """How much a reworded paragraph changes: ("word"|"reference"|"rate", share of words)."""
    roll = rng.random()
    if roll < 0.2:
        return "word", 0.0
    if roll < 0.32:
        return "reference", 0.0
    low, high = rng.choices(((0.02, 0.1), (0.1, 0.2), (0.2, 0.3), (0.3, 0.4)),
                            weights=(0.25, 0.2, 0.13, 0.1))[0]
    return "rate", round(rng.uniform(low, high), 3)


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
            first, second = writer.regular(section, extra=(0, 2)), _second_part(writer, section)
            old.append(Para(section, first.opening,
                            f"{first.body}, and {_lower_first(second.opening)} {second.body}"))
            fates.append(("split", first, second))
        elif fate == "merged":
            old.append(writer.regular(section, extra=(0, 2)))
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
                          f"{para.body}, and {_lower_first(tail.opening)} {tail.body}")
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
        if para.family:
            items[-1].edit["boilerplate"] = para.family if items[-1].old else items[-1].edit.get("boilerplate")

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
        para = writer.regular(section, extra=(0, 2))
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
    true `moved` set, is unique); a quarter cross from the preamble to the operative part."""
    spans: list[tuple[int, int]] = []
    keys = [float(k) for k in range(len(items))]
    operative = [k for k, item in enumerate(items) if item.para.section == "operative"]
    for p, item in enumerate(items):
        if not item.moved:
            continue
        item.moved = False
        section = item.para.section
        verb = V.PARTICIPLE_TO_VERB.get(item.para.opening)
        if section == "preamble" and verb and operative and rng.random() < 0.25:
            q = rng.choice(operative)
            if _whole(items, q):
                item.para = replace(item.para, section="operative", opening=verb)
                item.moved = item.crossed = True
                item.edit["crossed"] = True
                keys[p] = q + 0.5
            continue
        same = [k for k, other in enumerate(items) if other.para.section == section]
        reach = max(5, min(40, len(same) // 3))
        for _attempt in range(30):
            q = p + rng.choice((-1, 1)) * rng.randint(4, reach)
            if q < same[0] or q > same[-1] or not _whole(items, q):
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


def rendered_text(text: str) -> str:
    """A paragraph's text as the parser returns it (no number, one space between words)."""
    return re.sub(r"^\d+\.\s+", "", re.sub(r"\s+", " ", text).strip())


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
    result = [{"kind": link["kind"], "old": [old_ids[i] for i in link["old"]],
               "new": [new_ids[j] for j in link["new"]], "shift": None, "flags": [],
               "edit": link["edit"]} for link in links]
    position_old = {pid: k for k, pid in enumerate(old_ids)}
    position_new = {pid: k for k, pid in enumerate(new_ids)}
    result.sort(key=lambda l: (position_new[l["new"][0]] if l["new"] else
                               position_new.get(_nearest_new(l, links, old_ids, new_ids), -1) + 0.5,
                               position_old[l["old"][0]] if l["old"] else -1))
    return {"old": "old.txt", "new": "new.txt",
            "note": ("Synthetic pair from benchmarks/generate.py (size %d, seed %d); not UN "
                     "documents. Only ids and kind are truth; shift and flags are not "
                     "generated; edit says what the generator did." % (size, seed)),
            "links": result}


def _nearest_new(link: dict, links: list[dict], old_ids: list[str], new_ids: list[str]) -> str | None:
    """For a dropped link: the new id of the closest earlier old paragraph (for ordering)."""
    return None


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sorting)."""
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
    """Problems with a pair: parser ids that differ from the truth's, ids in no link or in two."""
    from resdiff import parse

    problems = []
    for side, text in (("old", old_text), ("new", new_text)):
        document = parse(text)
        parsed = [p.id for p in document.paragraphs]
        listed = [pid for link in truth["links"] for pid in link[side]]
        if len(set(parsed)) != len(parsed):
            problems.append(f"{side}: the parser gives repeated ids")
        missing = set(parsed) - set(listed)
        unknown = set(listed) - set(parsed)
        twice = {pid for pid in listed if listed.count(pid) > 1} if len(listed) < 5000 else \
            {pid for pid, n in _counts(listed).items() if n > 1}
        for label, ids in (("in no link", missing), ("not parsed", unknown), ("in two links", twice)):
            if ids:
                problems.append(f"{side}: {len(ids)} ids {label}, e.g. {sorted(ids)[:5]}")
        if document.warnings:
            problems.append(f"{side}: parser warnings: {list(document.warnings)[:3]}")
    return problems


def _counts(values: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


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
