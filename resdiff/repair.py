"""Repairs of PDF-extraction damage inside paragraph text (the parser's step 5).

    vocabulary(paragraph_lines)            -> Vocabulary  words seen outside openings (lazy)
    split_opening(text, lexicon, vocab)    -> (opening, text)  "Recallingits" -> "Recalling its"
    Markers(marks).strip(text)             -> (text, marks)    "1997,1 and" -> "1997, and"
    missed_markers(texts, cited, marks)    -> [(index, text, mark, context)]  footnotes no
                                              paragraph cites, found between their neighbours

Italic openings are found in the lexicon, not guessed; a glued word is split off only when
the joined form is not a word the document uses elsewhere ("Calls on" + "ce" = "once"
stays whole). Footnote markers are removed only when their footnote exists and they are
cited in sequence, so "Group of 77" or "A.1" survive.
"""

from __future__ import annotations

import re
import regex

from .lexicon import Lexicon
from .normalize import collapse

# Marker candidates: after punctuation, after a letter, or glued to a year ("of 19965").
_MARKER = regex.compile(
    r"(?<=[,;:)\]\u2019\u201d\"'])(\d{1,3})(?=[\s\])]|$)"
    r"|(?<=\.)(\d{1,3})$"
    r"|(?<=\p{L})(\d{1,3})(?=[\s,;:.)]|$)"
    r"|(?<![\d/])(?:1[89]|20)\d\d(\d{1,2})(?=[\s,;:.)]|$)"
    r"|(?<=\s)(\d{1,3})/(?=[\s,;:.)]|$)"  # older UN style: "of 18 April 1997 1/,"
    r"|(?<=[\p{L},;:.)\]\u2019\u201d] |(?<!\d)\d{4} )(\d{1,3})(?![.,]\d)(?=\s+\p{L}|[,;:.)]|$)"  # spaced: "Court, 7 and", not "1.3"
    r"|(?<=[,;] )(\d{1,3})(?=\s+\d)")  # spaced before a number: "2016, 5 34/32", "Speech, 11 16 May"
# Words a number follows as its own ("paragraph 2 and", "Goal 5 and"): never a spaced marker.
_NUMBERED = frozenset("""paragraph paragraphs para paras article articles chapter chap section
sect annex annexes resolution resolutions decision decisions goal goals target targets
principle principles rule rules part volume vol no nos page pages item items protocol
recommendation recommendations option phase level step session table figure box
to from and or of by the a an some between than about over under at on in with per only
least most first every all""".split())
# Words after a number that make it a quantity or a date ("12 March", "4 trillion").
_QUANTITY = regex.compile(r"\s+(?:January|February|March|April|May|June|July|August|September"
                          r"|October|November|December|per\b|percent|million|billion|trillion"
                          r"|thousand|hundred|years?\b|months?\b|days?\b|weeks?\b|times\b)")
_GLUED_REACH = 3
"""A glued marker may skip this many marks (one missed earlier must not hide all later ones)."""
_LAST_WORD = regex.compile(r"(\p{L}+)\.?\s*$")
_GLUE_WORDS = ("their", "that", "these", "those", "this", "the", "its", "all", "upon", "with",
               "from", "for", "by", "of", "at", "to", "in", "on", "as")
_PREPOSITIONS = ("upon", "that", "with", "from", "for", "by", "of", "to", "at", "in", "on")
_NOT_GLUED = {"furthermore", "once", "only", "onto", "ones", "into", "within", "upon", "thereof", "whereby"}
_LETTERS = regex.compile(r"\p{L}+")
_LETTER_RUNS = regex.compile(r"\p{L}+|[^\p{L}]+")
_LEAD_WORDS = regex.compile(r"(\p{Lu}\p{Ll}+)((?:\s+\p{Ll}+){0,3})")
_WORD = re.compile(r"[^\W\d_]+")
# In ASCII text _WORD's letter runs are the words left when every other character is a space.
_ASCII_NON_LETTERS = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalpha()})
_PRONOUNS = {"it", "we", "they", "he", "she", "there", "one", "several", "some", "each"}
_OBJECT_WORDS = {"by", "of", "at", "that", "the", "its", "their", "to", "with", "in", "on",
                 "for", "all", "upon", "a", "an", "this", "these", "those", "from", "about"}
_NOT_A_VERB = _OBJECT_WORDS | _PRONOUNS  # words that cannot open a paragraph


class Vocabulary:
    """Lower-case words used outside paragraph openings (``word in vocabulary``), read from
    the paragraphs only as far as a lookup needs: a text without glued words never reads
    them, and a word the text uses is usually found long before its end."""

    def __init__(self, paragraph_lines: list[list[tuple[int, str]]]) -> None:
        self._unread = iter(paragraph_lines)
        self._words: set[str] = set()

    def __contains__(self, word: str) -> bool:
        if word in self._words:
            return True
        for lines in self._unread:  # read on until the word turns up (or all are read)
            text = " ".join([t for _, t in lines]).lower()
            words = (text.translate(_ASCII_NON_LETTERS).split() if text.isascii()
                     else _WORD.findall(text))  # the same words; the first way is 3x faster
            self._words.update(words[4:])
            if word in self._words:
                return True
        return False


def vocabulary(paragraph_lines: list[list[tuple[int, str]]]) -> Vocabulary:
    """Lower-case words used outside paragraph openings: evidence for glue decisions."""
    return Vocabulary(paragraph_lines)


def split_opening(text: str, lexicon: Lexicon, vocabulary: Vocabulary, *,
                   guess: bool = True) -> tuple[str | None, str]:
    """Find the opening phrase; split it from a word the PDF glued to it.

    A paragraph wholly in [brackets] (a proposal under negotiation) keeps its opening.
    Unknown openings are guessed (``guess``) only where PP/OP structure was found.
    """
    lead = len(text) - len(text.lstrip("[(\"'\u201c"))
    if lead:
        opening, rest = split_opening(text[lead:], lexicon, vocabulary, guess=guess)
        return opening, text[:lead] + rest
    match = lexicon.opening_pattern.match(text)
    while match is not None:
        end = match.end()
        rest = _LETTERS.match(text, end)
        if rest is None:
            return collapse(match.group()), _split_preposition(text, end, vocabulary)
        combined = (match.group().split()[-1] + rest.group()).lower()
        if combined not in _NOT_GLUED and combined not in vocabulary:  # glued: split it
            text = text[:end] + " " + text[end:]
            return collapse(match.group()), _split_preposition(text, end, vocabulary)
        # A real word ("Recalling further" + "more"): try the phrase one word shorter.
        if " " not in match.group():
            break
        match = lexicon.opening_pattern.match(text[: match.group().rindex(" ")])
    return _unknown_opening(text, vocabulary) if guess else (None, text)


def _split_preposition(text: str, position: int, vocabulary: Vocabulary) -> str:
    """Italics that include the preposition ("Guided by") glue it to the next word:
    "Guided bythe". Split when the joined word is unknown and its tail is a known word."""
    word = _LETTERS.match(text, position + 1) if text[position:position + 1] == " " else None
    if word is None:
        return text
    token = word.group().lower()
    # Most words are ruled out at once: a glued word is a preposition (2+ letters) and 2+ more.
    if len(token) < 4 or not token.startswith(_PREPOSITIONS):
        return text
    glued = [p for p in _PREPOSITIONS if token.startswith(p) and len(token) - len(p) >= 2]
    if not glued or token in _NOT_GLUED or token in vocabulary:
        return text
    for preposition in glued:
        if token[len(preposition):] in vocabulary:
            cut = word.start() + len(preposition)
            return text[:cut] + " " + text[cut:]
    return text


def _unknown_opening(text: str, vocabulary: Vocabulary) -> tuple[str | None, str]:
    """An opening not in the lexicon: repair a glued word among the first words, then take
    the words before the first object word ("Expressing grave concern at" -> the first three)."""
    tokens = _LETTER_RUNS.findall(text[:160])
    position = 0
    for index, token in enumerate(tokens[:12]):
        lower = token.lower()
        if token[:1].isalpha() and lower not in vocabulary and lower not in _NOT_GLUED:
            for glue in _GLUE_WORDS:
                head = lower[: -len(glue)]
                if lower.endswith(glue) and len(head) >= 3 and (
                        head in vocabulary or head.endswith(("ing", "ed", "es"))):
                    cut = position + len(token) - len(glue)
                    text = text[:cut] + " " + text[cut:]
                    break
            else:
                position += len(token)
                continue
            break
        position += len(token)
    words = _LEAD_WORDS.match(text)
    if not words or words.group(1).lower() in _NOT_A_VERB:
        return None, text
    phrase = [words.group(1)]
    for word in words.group(2).split():
        if word in _OBJECT_WORDS:
            break
        phrase.append(word)
    else:
        phrase = phrase[:1]  # no object word within four words: keep only the verb
    return " ".join(phrase), text


class Markers:
    """Footnote markers of one document, removed in document order."""

    def __init__(self, marks: set[str], words=frozenset()) -> None:
        self.marks = marks
        self.highest = 0  # highest mark cited so far
        self.words = words  # the document's words: a marker set inside one ("a8 nd")

    def strip(self, text: str) -> tuple[str, list[str]]:
        """Remove real markers: a known mark, cited in sequence (at most one above the highest
        cited so far; repeats allowed: 52/132 cites footnote 3 twice)."""
        if not self.marks:
            return text, []
        found: list[str] = []
        pieces: list[str] = []
        last = 0
        for match in _MARKER.finditer(text):
            group = next(g for g in (1, 2, 3, 4, 5, 6, 7) if match.group(g) is not None)
            mark = match.group(group)
            value = int(mark)
            reach = 1 if group == 4 else 2 if group >= 6 else _GLUED_REACH
            if mark not in self.marks or value > self.highest + reach:
                continue
            if group >= 6:
                # A spaced number is a marker only as one of the next footnotes of the
                # document, not after a word that numbers things ("paragraph 2 and", "from
                # 6 to 12"), and not before a month or a unit ("12 March", "4 trillion").
                before = _LAST_WORD.search(text, 0, match.start(group))
                if value <= self.highest or (
                        before is not None and before.group(1).lower() in _NUMBERED) \
                        or _QUANTITY.match(text, match.end(group)):
                    continue
            self.highest = max(self.highest, value)
            found.append(mark)
            start, end = match.start(group), match.end(group)
            if group == 5:  # " 1/": drop the slash and the space before it too
                start, end = start - 1, end + 1
            elif group >= 6:  # " 7": the space before it goes too
                start -= 1
            elif group == 3 and _mends(text, start, end, self.words):
                end += 1  # "a8 nd": a marker inside a word; the space after it goes too
            pieces.append(text[last:start])
            last = end
        pieces.append(text[last:])
        return "".join(pieces), found


# Words a number after them belongs to, whatever the footnotes say ("paragraph 5 of").
_OWN_NUMBER = frozenset("""paragraph paragraphs para paras article articles chapter chap
section sect annex annexes page pages vol volume no nos item items table figure box goal goals
target targets rule rules part parts phase level step to from and or of by the a an between
than about over under at on in with per""".split())
_YEAR = regex.compile(r"(?:1[89]|20)\d\d")
_VOWEL = regex.compile(r"[aeiouy]", regex.IGNORECASE)
_MISSED_WINDOW = 8
"""Paragraphs between the citations around a missed marker, at most (the real documents:
up to 7, where a long paragraph cites none)."""


def _broken_word(left: str, right: str, words) -> bool:
    """Are two pieces one word of the document that the extraction broke, one piece having no
    vowel, so no word of its own ("a" + "nd", "th" + "e")?"""
    return (left + right).lower() in words and not (_VOWEL.search(left) and _VOWEL.search(right))


def _mends(text: str, start: int, end: int, words) -> bool:
    """Is text[start:end] a marker inside a word, "a8 nd": the letters before it and the
    word after the space that follows it a broken word?"""
    if text[end:end + 1] != " ":
        return False
    left = _TAIL_LETTERS.search(text, 0, start)
    right = _HEAD_LETTERS.match(text, end + 1)
    return bool(left and right) and _broken_word(left.group(), right.group(), words)


_TAIL_LETTERS = regex.compile(r"\b\p{L}+$")
_HEAD_LETTERS = regex.compile(r"\p{L}+\b")


def missed_markers(texts: list[str], cited: list[list[str]], marks: list[str],
                   words=frozenset()) -> list[tuple[int, str, str, str]]:
    """Second reading for footnotes no paragraph cites: the marker the first reading left
    as text because it could not tell it from a number ("resolution 59/300" + "9", "the
    decision" + " 20", "Protocol" + " 111"). Footnotes are cited in order, so the marker of
    footnote k stands between the citations of the marks around it; it is taken when that
    window holds exactly one candidate: k spaced after a word that does not number things,
    or k glued to the end of a number that is not a year (one too long to be a number with
    k on it counts first), or k inside a word the extraction broke around it ("a 8 nd": the
    pieces make a word of the document, ``words``, and one has no vowel). Returns
    (paragraph index, text without the marker, mark, the words it was read from)."""
    found: list[tuple[int, str, str, str]] = []
    cited_at: dict[int, int] = {}  # mark -> first paragraph citing it
    for index, paragraph_marks in enumerate(cited):
        for mark in paragraph_marks:
            cited_at.setdefault(int(mark), index)
    for mark in marks:
        value = int(mark)
        if value in cited_at:
            continue
        before = [i for m, i in cited_at.items() if m < value]
        after = [i for m, i in cited_at.items() if m > value]
        if not before and not after:
            continue  # no marker read at all: nothing to place this one by
        first = max(before) if before else max(0, min(after) - _MISSED_WINDOW)
        last = min(after) if after else min(len(texts) - 1, first + _MISSED_WINDOW)
        if not 0 <= last - first <= _MISSED_WINDOW:
            continue
        pattern = regex.compile(rf"(?<=(\p{{L}}+)\.? |(/\d+|(?<!\d)\d{{2,}}))({value})"
                                rf"(?=\s+\p{{L}}|[,;:)\]]|\.(?!\d)|$)")
        inside = regex.compile(rf"(?<=\b(\p{{L}}+)) ({value}) (?=(\p{{L}}+)\b)")
        candidates = []
        for index in range(first, last + 1):
            for match in inside.finditer(texts[index]):
                if _broken_word(match.group(1), match.group(3), words):  # "a 8 nd" -> "and"
                    candidates.append((True, index, match))
            for match in pattern.finditer(texts[index]):
                word, digits = match.group(1), match.group(2)
                if _QUANTITY.match(texts[index], match.end(3)):
                    continue  # "18 March", "20 per cent"
                if word is not None and word.lower() in _OWN_NUMBER:
                    continue  # "paragraph 5", "on 12"
                if digits is not None and _YEAR.fullmatch(digits + mark):
                    continue  # "2006" is a year, not "200" + 6
                # (glued: to a symbol's number "59/300" + 9, or to two digits or more,
                # "Agenda 21" + 6, "2030" + 116; one digit is a date's: "on 18 and 19")
                # A number too long to be one with the mark on it ("59/3009": resolutions
                # and decisions are numbered to three digits; "2030116") outweighs a number
                # that reads as well with it or without ("61/29").
                whole = (digits or "").lstrip("/") + mark
                candidates.append((len(whole) >= (4 if (digits or "")[:1] == "/" else 5),
                                   index, match))
        telling = [c for c in candidates if c[0]] or candidates
        if len(telling) != 1:
            continue
        _, index, match = telling[0]
        text = texts[index]
        if match.re is inside:  # the marker and both spaces go: the word is whole again
            at, start, end = match.start(2), match.start(2) - 1, match.end(2) + 1
            shown = end + len(match.group(3))  # the warning shows the word's second piece
        else:
            at, end = match.start(3), match.end(3)
            start = at - (1 if match.group(1) is not None else 0)  # " 7": the space goes too
            shown = end
        context = text[max(0, at - 30):shown].split(" ", 1)[-1]
        texts[index] = text[:start] + text[end:]
        found.append((index, texts[index], mark, context))
        cited_at[value] = index
    return found
