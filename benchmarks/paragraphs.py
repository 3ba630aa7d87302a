"""Synthetic paragraphs: corpus material -> distinct resolution-like paragraphs, and their edits.

    load_material() -> Material            stems and phrases of the corpus (via resdiff.parse)
    Writer(material, rng)                  every random choice, from one seeded generator:
        .regular(section) -> Para          a distinct paragraph
        .boilerplate_run(section, n)       n paragraphs differing by one reference
        .reword(para, rate, verb=...)      substitute / delete / insert ~rate of the words
        .reference_update(para)            redraw one or two references (symbols, years)
        .sibling(para)                     another member of a boilerplate run
        .typography(para)                  straight quotes -> curly (no change of words)

Why phrases and not whole corpus paragraphs: two synthetic paragraphs must be about as
unlike as two paragraphs of a real resolution, or the truth "dropped + added" would read to
any careful reader as "reworded". In A/RES/52/132 each paragraph's best match among the
others has word similarity 0.17-0.42 (median 0.28). So paragraphs are assembled from short
phrases (at most PHRASE_WORDS words), named things (bodies, officials, groups, phenomena)
and references are redrawn, some content words swapped, and each paragraph gets one
specific clause (vocabulary.SPECIFICS). Boilerplate runs are the deliberate exception.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

import vocabulary as V

ROOT = Path(__file__).resolve().parent.parent
CORPUS_FILES = ("a-res-52-132.txt", "a-res-52-132-retyped.txt", "illustrative-54-draft.txt",
                "illustrative-54-rev1.txt")
PHRASE_WORDS = 9
"""Corpus clauses are cut into phrases of at most this many words."""
SWAP_WORD = 0.05
"""Chance that a content word of a reused phrase is swapped for another corpus word."""
SWAP_ENTITY = 0.7
"""Chance that a named thing in a reused phrase is redrawn."""

_DIGIT = re.compile(r"\d")
_ORDINAL_WORD = re.compile(r"^(?:forty|fifty|sixty|seventy)-[a-z]+$"
                           r"|^(?:fortieth|fiftieth|sixtieth|seventieth)$")
_BREAK_BEFORE = {"of", "and", "to", "in", "for", "with", "by", "on", "which", "that", "including",
                 "through", "as", "at", "from", "while", "or", "under", "within", "between"}
_STOPWORDS = set("""the and that with from their these those this which have been for are its
into upon shall should would also such other than them they there were will within""".split())
_DANGLING = {"and", "or", "of", "to", "in", "the", "for", "by", "with", "a", "an", "that", "which",
             "at", "on", "as", "from", "its", "their", "all", "including", "whom"}
"""Words a phrase must not end with (it would read as cut off)."""
_ENTITIES = tuple((re.compile(pattern), choices) for pattern, choices in V.ENTITIES)


@dataclass(frozen=True)
class Stem:
    """The start of a corpus paragraph: its opening and first phrase."""

    section: str
    """"preamble" or "operative"."""
    opening: str
    """The opening in the corpus ("Recognizing")."""
    lead: str
    """The first phrase after the opening ("that the human rights machinery")."""
    grammar: str
    """"that", "object", "request" (addressee + to ...) or "fixed" (keep the opening)."""


@dataclass
class Material:
    """What paragraphs are made of."""

    stems: dict[str, list[Stem]]
    phrases: list[str]
    words: list[str]


def load_material() -> Material:
    """Stems, phrases and content words of the corpus texts (parsed with resdiff's parser)."""
    from resdiff.parse import parse  # the function: `resdiff.parse` can be the module

    seen: set[str] = set()
    stems: dict[str, list[Stem]] = {"preamble": [], "operative": []}
    phrases: set[str] = set()
    words: set[str] = set()
    for name in CORPUS_FILES:
        document = parse((ROOT / "corpus" / name).read_text(encoding="utf-8"))
        for paragraph in document.paragraphs:
            text = paragraph.text.rstrip(",;. ")
            opening = paragraph.opening
            if text in seen or paragraph.section not in stems or not opening \
                    or not text.startswith(opening):
                continue
            seen.add(text)
            pieces = [p for clause in _clauses(text[len(opening):].strip()) for p in _phrases(clause)]
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
            phrases.update(p for p in pieces[1:] if len(p.split()) >= 4
                           and p.split()[-1] not in _DANGLING)
            words.update(w for w in re.findall(r"\b[a-z]{5,}\b", text) if w not in _STOPWORDS)
    return Material(stems=stems, phrases=sorted(phrases), words=sorted(words))


def _clauses(text: str) -> list[str]:
    """Cut a paragraph body at commas and semicolons; pieces under three words join the previous."""
    pieces: list[str] = []
    for piece in re.split(r"(?<=[,;])\s+", text):
        piece = piece.rstrip(",; ")
        if pieces and len(piece.split()) < 3:
            pieces[-1] = f"{pieces[-1]}, {piece}"
        elif piece:
            pieces.append(piece)
    return pieces


def _phrases(clause: str) -> list[str]:
    """Cut a clause before a preposition or conjunction near its middle until every piece has
    at most PHRASE_WORDS words."""
    words = clause.split()
    if len(words) <= PHRASE_WORDS:
        return [clause]
    cuts = [k for k in range(3, len(words) - 2) if words[k] in _BREAK_BEFORE]
    cut = min(cuts, key=lambda k: abs(k - len(words) / 2)) if cuts else len(words) // 2
    return _phrases(" ".join(words[:cut])) + _phrases(" ".join(words[cut:]))


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


def lower_first(text: str) -> str:
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
            cres=f"{rng.randint(1985, 2005)}/{rng.randint(1, 90)}",
            ordinal=V.ordinal(self.session()), title=rng.choice(V.TITLES))

    def redraw(self, token: str) -> str:
        """The same kind of reference with other numbers ("53/125" -> "61/17")."""
        core = token.strip(",;.()\"")
        if _ORDINAL_WORD.match(core):
            return token.replace(core, V.ordinal(self.session()))

        def number(match: re.Match) -> str:
            digits = match.group()
            if len(digits) == 4 and digits[:2] in ("19", "20"):
                return str(self.rng.randint(1960, 2023))
            if len(digits) <= 2 and core.isdigit():
                return str(self.rng.randint(1, 28))  # a day or an article number
            low = 10 ** (len(digits) - 1) if len(digits) > 1 else 1
            return str(self.rng.randint(low, 10 ** len(digits) - 1))

        return re.sub(r"\d+", number, token)

    def is_reference(self, token: str) -> bool:
        return bool(_DIGIT.search(token) or _ORDINAL_WORD.match(token.strip(",;.()\"")))

    def vary(self, phrase: str, *, swap_word: float = SWAP_WORD) -> str:
        """A reused corpus phrase made new: named things, references and some words redrawn."""
        rng = self.rng
        for pattern, choices in _ENTITIES:
            phrase = pattern.sub(lambda m: rng.choice(choices) if rng.random() < SWAP_ENTITY
                                 else m.group(), phrase)
        tokens = []
        for token in phrase.split():
            if self.is_reference(token) and rng.random() < 0.8:
                token = self.redraw(token)
            elif re.fullmatch(r"[a-z]{5,}", token) and token not in _STOPWORDS \
                    and rng.random() < swap_word:
                token = rng.choice(self.material.words)
            tokens.append(token)
        return " ".join(tokens)

    # new paragraphs -----------------------------------------------------------------------
    def opening_for(self, stem: Stem, section: str) -> str:
        if stem.grammar == "that":
            return self.rng.choice(V.OPENINGS_THAT[section])
        if stem.grammar == "object":
            return self.rng.choice(V.OPENINGS_OBJECT[section])
        if stem.grammar == "request":
            return self.rng.choice(V.OPENINGS_REQUEST)
        return stem.opening

    def regular(self, section: str, *, phrases: tuple[int, int] = (2, 6)) -> Para:
        """A distinct paragraph: opening + lead phrase + phrases + one specific clause."""
        rng = self.rng
        stems = self.material.stems
        other = "preamble" if section == "operative" else "operative"
        pool = stems[section] + [s for s in stems[other] if s.grammar in ("that", "object")]
        stem = rng.choice(pool)
        target = rng.randint(25, 60)
        parts = [self.vary(stem.lead, swap_word=0.0)]
        for count, phrase in enumerate(rng.sample(self.material.phrases, phrases[1])):
            if count >= phrases[0] and sum(len(p.split()) for p in parts) >= target:
                break
            parts.append(self.vary(phrase))
        parts.insert(rng.randint(1, len(parts)), self.fill(rng.choice(V.SPECIFICS)))
        body = parts[0] + "".join((", " if rng.random() < 0.75 else " and ") + p for p in parts[1:])
        return Para(section, self.opening_for(stem, section), body)

    def boilerplate_run(self, section: str, length: int) -> list[Para]:
        """`length` paragraphs that differ by one reference only."""
        opening, template = self.rng.choice(V.BOILERPLATE[section])
        self.families += 1
        fixed = self.fill(template.replace("{ref}", "{{ref}}"))
        return [Para(section, opening, fixed.format(ref=self.reference_for(template)),
                     f"run{self.families}") for _ in range(length)]

    def reference_for(self, template: str) -> str:
        return self.document() if "({ref})" in template else self.resolution()

    def sibling(self, para: Para) -> Para:
        """Another member of a boilerplate run: the same words, another reference."""
        for opening, template in V.BOILERPLATE[para.section]:
            if opening != para.opening:
                continue
            pattern = re.escape(template).replace(re.escape("{ref}"), "(?P<ref>.+?)")
            pattern = re.sub(r"\\\{[a-z]+\\\}", ".+?", pattern)
            match = re.fullmatch(pattern, para.body)
            if match:
                start, end = match.span("ref")
                return replace(para, body=para.body[:start] + self.reference_for(template)
                               + para.body[end:])
        return self.reference_update(para) or self.reword(para, 0.0)

    # edits --------------------------------------------------------------------------------
    def reword(self, para: Para, rate: float, *, verb: bool = False) -> Para:
        """Substitute, delete or insert about `rate` of the body's words (at least one edit)."""
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
        before, core, after = re.fullmatch(r"([(\"]*)(.*?)([,;:.)\"]*)", token).groups()
        if core in V.SYNONYMS and not force:
            new = V.SYNONYMS[core]
        elif _DIGIT.search(core):
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
        spots = [k for k, t in enumerate(tokens) if self.is_reference(t)]
        if not spots:
            return None
        for k in self.rng.sample(spots, min(len(spots), self.rng.choice((1, 1, 2)))):
            new = self.redraw(tokens[k])
            while new == tokens[k]:
                new = self.redraw(tokens[k])
            tokens[k] = new
        return replace(para, body=" ".join(tokens))

    def typography(self, para: Para) -> Para | None:
        """Curly quotes for straight ones: typography only (None if there are no quotes)."""
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
