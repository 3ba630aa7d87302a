"""The lexicon: opening phrases, strength scales, intensifiers and hedges, loaded from TOML.

    Lexicon.load(path=None)       -> Lexicon   the packaged default, or a user file over it
    lexicon.opening_pattern       regex matching a known opening at the start of a paragraph
    lexicon.shift(old, new)       -> "strengthened" | "weakened" | "changed" | None
    lexicon.hedges(text)          -> Counter of hedge phrases found

No official UN ranking of verbs exists, so the scales are data (``data/lexicon.toml``) that
users can replace. Phrases are compared by a crude lemma per word ("Welcoming" ~ "Welcomes",
"Taking note" ~ "Takes note") so a preambular participle that becomes the matching operative
verb (a paragraph moved from the preamble to the operative part) is not a verb shift.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import regex

from .errors import ConfigError
from .tomlfile import read_toml

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

_SUFFIXES = ("ing", "es", "ed", "s")


@functools.lru_cache(maxsize=4096)
def lemma(phrase: str) -> tuple[str, ...]:
    """Crude per-word lemma: lowercase, drop -ing/-es/-ed/-s. Enough to pair participles with verbs."""
    words = []
    for word in phrase.lower().split():
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        words.append(word)
    return tuple(words)


@dataclass(frozen=True)
class Lexicon:
    """Opening phrases, strength scales, intensifiers and hedges."""

    preambular: tuple[str, ...]
    """Known preambular openings (italic part only)."""
    operative: tuple[str, ...]
    """Known operative openings."""
    modifiers_before: tuple[str, ...]
    """Words that may precede an opening without changing it ("Again invites")."""
    modifiers_after: tuple[str, ...]
    """Words that may follow an opening without changing it ("Recalling also")."""
    scales: dict[str, tuple[tuple[str, ...], ...]]
    """Scale name -> ranks, strongest first; each rank is a tuple of equal phrases."""
    intensifiers: tuple[str, ...]
    """Words that raise a phrase one step when the scale has no entry for the raised form."""
    hedge_phrases: tuple[str, ...]
    """Phrases that weaken a paragraph without changing its verb."""
    organs: tuple[tuple[str, str], ...] = ()
    """(organ line without its comma, symbol prefix of its resolutions): "The General
    Assembly" -> "A" (A/RES/98/77), "The Commission on Human Rights" -> "E/CN.4"."""

    def symbol_prefix(self, organ: str | None) -> str | None:
        """The symbol prefix of an organ's resolutions; "A" when no organ line was found
        (a text of the General Assembly's, most likely), None for a body not listed."""
        if organ is None:
            return "A"
        folded = " ".join(organ.split()).casefold()
        return next((prefix for name, prefix in self.organs if name.casefold() == folded), None)

    @classmethod
    def load(cls, path: str | None = None) -> "Lexicon":
        """The packaged default lexicon, with the tables of a user TOML file replacing its own."""
        if path is None:
            return default_lexicon()
        data = dict(_default_data())
        user = read_toml(path, what="lexicon file", hint="check the --lexicon path")
        for key, value in user.items():
            if key not in data or not isinstance(value, dict):
                raise ConfigError(f"unknown lexicon table [{key}]", path=path,
                                  hint="use [openings], [scales], [intensifiers], [hedges], "
                                       "[organs]")
            data[key] = {**data[key], **value}
        return cls._from_data(data, path=path)

    @classmethod
    def _from_data(cls, data: dict, *, path: str | None = None) -> "Lexicon":
        try:
            openings = data["openings"]
            lists = {
                "openings.preambular": openings["preambular"],
                "openings.operative": openings["operative"],
                "openings.modifiers_before": openings.get("modifiers_before", []),
                "openings.modifiers_after": openings.get("modifiers_after", []),
                "intensifiers.words": data["intensifiers"]["words"],
                "hedges.phrases": data["hedges"]["phrases"],
            }
            for name, ranks in data["scales"].items():
                lists[f"scales.{name}"] = ranks
        except (KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(f"lexicon is missing or mistypes {exc}", path=path) from None
        for name, value in lists.items():
            # a list of non-empty phrases: "Recalling" alone would be read as nine letters
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                      for v in value):
                raise ConfigError(f"lexicon {name} must be a list of non-empty strings",
                                  path=path, hint='write it as ["Recalling", "Noting"]')
        scales = {name: tuple(tuple(p.strip() for p in rank.split("=")) for rank in ranks)
                  for name, ranks in data["scales"].items()}
        organs = data.get("organs", {})
        if not isinstance(organs, dict) or not all(
                isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip()
                for k, v in organs.items()):
            raise ConfigError("lexicon [organs] must map organ lines to symbol prefixes",
                              path=path, hint='write "The Human Rights Council" = "A/HRC"')
        return cls(
            preambular=tuple(lists["openings.preambular"]),
            operative=tuple(lists["openings.operative"]),
            modifiers_before=tuple(lists["openings.modifiers_before"]),
            modifiers_after=tuple(lists["openings.modifiers_after"]),
            scales=scales,
            intensifiers=tuple(lists["intensifiers.words"]),
            hedge_phrases=tuple(lists["hedges.phrases"]),
            organs=tuple((" ".join(k.split()), v.strip()) for k, v in organs.items()),
        )

    # -- openings ---------------------------------------------------------------------------

    @functools.cached_property
    def openings(self) -> tuple[str, ...]:
        """All known openings, longest first (so regex alternation prefers the longest)."""
        return tuple(sorted(set(self.preambular) | set(self.operative), key=lambda p: (-len(p), p)))

    @functools.cached_property
    def opening_pattern(self) -> "regex.Pattern[str]":
        """Matches a known opening (with optional modifiers) at the start of a paragraph.

        The match may be directly followed by a letter: PDF extraction glues the italic
        opening to the next word ("Recallingits"); the parser decides whether to split.
        """
        # Each opening as [Xx]rest. Alternatives that share a first letter are grouped,
        # "[Rr](?:ecalling|ecognizing|...)", in their order (longest first): the engine then
        # tries one group instead of every phrase (2.3x faster over the 3,498 paragraphs of a
        # benchmark text). Only one group can match a given first character when the groups'
        # letters are disjoint; otherwise the phrases stay one flat alternation.
        def first_letter(phrase: str) -> str:
            return "".join(dict.fromkeys(phrase[0].upper() + phrase[0].lower()))

        def rest(phrase: str) -> str:
            return regex.escape(phrase[1:]).replace(r"\ ", r"\s+")

        groups: dict[str, list[str]] = {}
        for phrase in self.openings:
            groups.setdefault(first_letter(phrase), []).append(rest(phrase))
        letters = "".join(groups)
        if len(set(letters)) == len(letters):
            bases = "|".join(f"[{regex.escape(first)}](?:{'|'.join(rests)})"
                             for first, rests in groups.items())
        else:
            bases = "|".join(f"[{regex.escape(first_letter(p))}]{rest(p)}" for p in self.openings)
        before = "|".join(regex.escape(m).replace(r"\ ", r"\s+")
                          for m in sorted(self.modifiers_before, key=len, reverse=True))
        after = "|".join(regex.escape(m).replace(r"\ ", r"\s+")
                         for m in sorted(self.modifiers_after, key=len, reverse=True))
        return regex.compile(rf"(?:(?:{before})\s+)?(?:{bases})(?:\s+(?:{after}))?")

    def is_known_opening(self, phrase: str) -> bool:
        """True when the phrase (modifiers allowed) is an opening of the lexicon."""
        match = self.opening_pattern.fullmatch(phrase)
        return match is not None

    # -- strength ---------------------------------------------------------------------------

    @functools.cached_property
    def _ranks(self) -> dict[tuple[str, ...], list[tuple[str, int]]]:
        ranks: dict[tuple[str, ...], list[tuple[str, int]]] = {}
        for name, levels in self.scales.items():
            for index, level in enumerate(levels):
                for phrase in level:
                    ranks.setdefault(lemma(phrase), []).append((name, index * 2))
        return ranks

    @functools.cached_property
    def _neutral(self) -> tuple[tuple[str, ...], ...]:
        """Strength-neutral modifiers as lemmas, longest first (a fixed order: a set's order
        of strings changes from run to run with hash randomisation)."""
        found = {lemma(m) for m in self.modifiers_before + self.modifiers_after}
        return tuple(sorted(found, key=lambda m: (-len(m), m)))

    def _core(self, phrase: str) -> tuple[str, ...]:
        """Lemma of a phrase with strength-neutral modifiers removed."""
        words = lemma(phrase)
        neutral = self._neutral
        changed = True
        while changed and words:
            changed = False
            for mod in neutral:
                if mod and words[: len(mod)] == mod and len(words) > len(mod):
                    words, changed = words[len(mod):], True
                elif mod and words[-len(mod):] == mod and len(words) > len(mod):
                    words, changed = words[: -len(mod)], True
        return words

    def _positions(self, core: tuple[str, ...]) -> dict[str, int]:
        """Scale -> rank position (lower is stronger; odd numbers are intensified steps)."""
        found = {name: pos for name, pos in self._ranks.get(core, [])}
        for word in self.intensifiers:
            w = lemma(word)
            for base in (core[len(w):] if core[: len(w)] == w else None,
                         core[: -len(w)] if core[-len(w):] == w else None):
                if base:
                    for name, pos in self._ranks.get(base, []):
                        found.setdefault(name, pos - 1)
        return found

    def shift(self, old: str | None, new: str | None) -> str | None:
        """How the strength moved from the old opening to the new one."""
        if not old or not new:
            return None
        old_core, new_core = self._core(old), self._core(new)
        if old_core == new_core:
            return None
        old_pos, new_pos = self._positions(old_core), self._positions(new_core)
        shared = sorted(set(old_pos) & set(new_pos))
        if shared:
            delta = new_pos[shared[0]] - old_pos[shared[0]]
            return None if delta == 0 else ("strengthened" if delta < 0 else "weakened")
        intensified = self._intensified(old_core, new_core)
        if intensified:
            return intensified
        return "changed"

    def _intensified(self, old: tuple[str, ...], new: tuple[str, ...]) -> str | None:
        """"Strongly requests" vs "Requests": one side is the other plus an intensifier."""
        for word in self.intensifiers:
            w = lemma(word)
            if new in (w + old, old + w):
                return "strengthened"
            if old in (w + new, new + w):
                return "weakened"
        return None

    # -- hedges -----------------------------------------------------------------------------

    @functools.cached_property
    def _hedge_pattern(self) -> "regex.Pattern[str]":
        alternatives = "|".join(regex.escape(h).replace(r"\ ", r"\s+")
                                for h in sorted(self.hedge_phrases, key=len, reverse=True))
        return regex.compile(rf"(?<!\p{{L}})(?:{alternatives})(?!\p{{L}})", regex.IGNORECASE)

    @functools.cached_property
    def _ascii_hedge_pattern(self) -> "re.Pattern[str] | None":
        """_hedge_pattern for ASCII text once lower-cased, in the stdlib engine and without
        IGNORECASE (a third of the time). In ASCII, \\p{L} is [A-Za-z], regex's \\s the six
        characters below, and a case-insensitive match one of the lower-cased text (which keeps
        every offset). None when a phrase is not ASCII (Unicode case folding then decides)."""
        if not all(h.isascii() for h in self.hedge_phrases):
            return None
        alternatives = "|".join(re.escape(h.lower()).replace(r"\ ", r"[\t\n\x0b\x0c\r ]+")
                                for h in sorted(self.hedge_phrases, key=len, reverse=True))
        return re.compile(rf"(?<![a-z])(?:{alternatives})(?![a-z])")

    def hedges(self, text: str) -> Counter:
        """Hedge phrases in the text, counted (longest phrase wins at one position)."""
        pattern = self._ascii_hedge_pattern
        if pattern is not None and text.isascii():
            found = pattern.findall(text.lower())
        else:
            found = self._hedge_pattern.findall(text)
        return Counter(" ".join(m.lower().split()) for m in found)


@functools.lru_cache(maxsize=1)
def _default_data() -> dict:
    raw = resources.files("resdiff").joinpath("data/lexicon.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged lexicon (cached)."""
    return Lexicon._from_data(_default_data())
