"""Parser tests: each artifact kind, the fixtures' expected readings, the corpus, and the
fast paths of the parser's text steps against the general rules they stand in for."""

from __future__ import annotations

import json
import re

import pytest
import regex
from hypothesis import given, settings, strategies as st

from resdiff import layout, normalize, parse as parse_module, repair
from resdiff.parse import parse
from conftest import CORPUS, FIXTURES

SEED = CORPUS / "a-res-52-132.txt"


def _doc(path):
    return parse(path.read_text(encoding="utf-8"), path=str(path))


def _paragraph_view(doc):
    return [(p.id, p.opening, p.text) for p in doc.paragraphs]


# -- the real resolution ------------------------------------------------------------------

def test_seed_structure():
    doc = _doc(SEED)
    assert doc.symbol == "A/RES/52/132"
    assert doc.session == 52
    assert doc.title == "Human rights and mass exoduses"
    assert doc.organ == "The General Assembly"
    assert (doc.adopted.meeting, doc.adopted.date) == ("70th plenary meeting", "1997-12-12")
    assert [p.id for p in doc.paragraphs] == [f"PP{i}" for i in range(1, 15)] + [
        f"OP{i}" for i in range(1, 19)]
    assert [f.mark for f in doc.footnotes] == [str(i) for i in range(1, 10)]
    assert doc.warnings == ()


@pytest.mark.parametrize("pid, expected", [
    # italic opening glued to the next word
    ("PP1", "Deeply disturbed by the scale and magnitude of exoduses"),
    # marker after a comma, and a paragraph cut by two footnote blocks and a page break
    ("PP2", "in particular Commission resolution 1997/75 of 18 April 1997, and the conclusions"),
    ("PP4", "comprehensive approaches, in particular early warning, require an intersectoral"),
    # ",inter alia," lost its space
    ("PP6", "with a view, inter alia, to preventing mass"),
    # markers glued to a word and to years: "of 19965" is 1996 + footnote 5
    ("PP11", "Status of Refugees undertake, under article 35"),
    ("PP11", "77 (XLVI) of 1995, 79 (XLVII) of 1996 and 81 (XLVIII) of 1997 on international"),
    # odd page: the body resumes indented right under the last footnote line
    ("PP12", "Distressed by the widespread violation of the principle of non-refoulement"),
    # cut by a blank line after a footnote marker
    ("PP13", "Universal Declaration of Human Rights, the principles of international protection"),
    # the one opening that is not glued
    ("OP7", "Invites the special rapporteurs"),
    # cut by a footnote block, a lone "/..." and a running header
    ("OP7", "to seek information, where appropriate, on human rights problems"),
    # "Convention3" / blank line / "and the 1967 Protocol9"
    ("OP13", "acceding to the 1951 Convention and the 1967 Protocol relating to the Status"),
    # the non-ASCII right single quote is kept
    ("OP12", "the Commission\u2019s invitation to her"),
    ("OP16", "Calls upon States to ensure effective protection of refugees by, inter alia, respecting"),
])
def test_seed_artifacts_repaired(pid, expected):
    assert expected in _doc(SEED).paragraph(pid).text


def test_seed_texts_are_clean():
    for para in _doc(SEED).paragraphs:
        assert "  " not in para.text and para.text == para.text.strip()
        assert "Page " not in para.text and "A/RES/52/132" not in para.text
        assert "/..." not in para.text and "98-77017" not in para.text


def test_seed_footnotes_and_citations():
    doc = _doc(SEED)
    notes = {f.mark: f for f in doc.footnotes}
    assert notes["1"].text == ("See Official Records of the Economic and Social Council, 1997, "
                               "Supplement No. 3 (E/1997/23), chap. II, sect. A.")
    assert notes["5"].text.startswith("Ibid., Fifty-first Session, Supplement No. 12 A and corrigendum")
    assert notes["3"].cited_in == ("PP11", "OP13")  # one mark cited twice
    assert doc.paragraph("PP11").footnotes == ("3", "4", "5", "6")
    assert doc.paragraph("OP1").footnotes == ("8",)


@pytest.mark.parametrize("pid, opening", [
    ("PP1", "Deeply disturbed"), ("PP3", "Noting with satisfaction"), ("PP4", "Conscious"),
    ("OP1", "Takes note"), ("OP2", "Recalls with satisfaction"), ("OP3", "Strongly deplores"),
    ("OP4", "Again invites"), ("OP12", "Welcomes with appreciation"),
    ("OP14", "Notes with appreciation"), ("OP16", "Calls upon"), ("OP18", "Decides"),
])
def test_seed_openings(pid, opening):
    assert _doc(SEED).paragraph(pid).opening == opening


def test_seed_line_ranges_point_into_the_input():
    doc = _doc(SEED)
    lines = SEED.read_text(encoding="utf-8").split("\n")
    pp4 = doc.paragraph("PP4")
    assert lines[pp4.lines[0] - 1].startswith("Consciousof")
    assert lines[pp4.lines[1] - 1].startswith("particularly at the international")


# -- two renderings of one text parse the same ---------------------------------------------

@pytest.mark.parametrize("pdf, clean", [
    ("a-res-52-132.txt", "a-res-52-132-retyped.txt"),
    ("illustrative-54-draft-pdf.txt", "illustrative-54-draft.txt"),
])
def test_pdf_rendering_and_clean_text_agree(pdf, clean):
    a, b = _doc(CORPUS / pdf), _doc(CORPUS / clean)
    assert _paragraph_view(a) == _paragraph_view(b)
    assert [(f.mark, f.text, f.cited_in) for f in a.footnotes] == \
           [(f.mark, f.text, f.cited_in) for f in b.footnotes]
    assert (a.symbol, a.title, a.adopted) == (b.symbol, b.title, b.adopted)


# -- fixtures written with their expected reading ------------------------------------------

FIXTURE_NAMES = sorted(p.name[: -len(".txt")] for p in (FIXTURES / "parser").glob("*.txt"))


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_reading(name):
    doc = _doc(FIXTURES / "parser" / f"{name}.txt")
    expected = json.loads((FIXTURES / "parser" / f"{name}.expected.json").read_text())
    assert [(p.id, p.opening, p.text) for p in doc.paragraphs] == [
        (p["id"], p["opening"], p["text"]) for p in expected["paragraphs"]]
    assert [(f.mark, f.text) for f in doc.footnotes] == [
        (f["mark"], f["text"]) for f in expected.get("footnotes", [])]
    assert bool(doc.warnings) == bool(expected.get("fallback", False))


# -- small table of artifact kinds, each a general rule ------------------------------------

BODY = "The General Assembly,\n\n{}\n"


@pytest.mark.parametrize("text, pid, expected", [
    # glued multi-word opening, then a glued preposition object
    ("Gravely concernedby the situation,\n\n1. Decidesto act.", "PP1", "Gravely concerned by the situation,"),
    ("Gravely concernedby the situation,\n\n1. Decidesto act.", "OP1", "Decides to act."),
    # a modifier before the verb ("Again invites") and camel-case glue ("uponStates")
    ("Noting,\n\n1. Calls uponStates to act;\n\n2. Further requestsall bodies to act.", "OP1", "Calls upon States to act;"),
    ("Noting,\n\n1. Calls uponStates to act;\n\n2. Further requestsall bodies to act.", "OP2", "Further requests all bodies to act."),
    # an opening that is a prefix of a real word is not split: "Calls on" / "once"
    ("Noting once again the report,\n\n1. Calls once again upon States to act.", "OP1", "Calls once again upon States to act."),
    # a page header and a job number in the middle of a paragraph
    ("Recallingits resolutions on the\n\n99-12345 /...\n\nA/RES/99/1\nPage 2\n\nsubject,\n\n1. Decides to act.", "PP1", "Recalling its resolutions on the subject,"),
    # footnote glued to a word in the text, footnote block at the page foot cutting a paragraph
    ("Recallingthe Convention1 and its\n\n1 United Nations,Treaty Series, vol. 1.\n\nProtocol,\n\n1. Decides.", "PP1", "Recalling the Convention and its Protocol,"),
    # year + marker ("of 20012" = 2001 + footnote 2); a marker must be the next in sequence
    ("Noting the reports of 20001 and of 20012,\n\n1. Decides.\n\n1 A.\n\n2 B.", "PP1", "Noting the reports of 2000 and of 2001,"),
    # a number that is not a known footnote mark stays
    ("Noting the Group of 77,\n\n1. Decides.", "PP1", "Noting the Group of 77,"),
    # hyphen at a line end is a real hyphen
    ("Noting the early-\nwarning mechanisms,\n\n1. Decides.", "PP1", "Noting the early-warning mechanisms,"),
    # "bis" paragraphs keep their printed number
    ("Noting,\n\n1. Decides;\n\n1 bis. Requests a report.", "OP1bis", "Requests a report."),
])
def test_artifact_rules(text, pid, expected):
    assert parse(BODY.format(text)).paragraph(pid).text == expected


def test_sub_paragraph_ids_and_roman_numerals():
    doc = parse(BODY.format("Noting,\n\n1. Requests the Secretary-General:\n\n(a) To report;\n\n"
                            "(i) On A;\n\n(ii) On B;\n\n(b) To act;\n\n2. Decides."))
    assert [(p.id, p.parent) for p in doc.paragraphs] == [
        ("PP1", None), ("OP1", None), ("OP1(a)", "OP1"), ("OP1(a)(i)", "OP1(a)"),
        ("OP1(a)(ii)", "OP1(a)"), ("OP1(b)", "OP1"), ("OP2", None)]


def test_roman_numerals_as_the_first_level_are_siblings():
    doc = parse(BODY.format("Noting,\n\n1. Lists:\n\n(i) A;\n\n(ii) B;\n\n(iii) C;\n\n2. Decides."))
    assert [(p.id, p.parent) for p in doc.paragraphs][2:5] == [
        ("OP1(i)", "OP1"), ("OP1(ii)", "OP1"), ("OP1(iii)", "OP1")]


def test_masthead_star_footnote_is_not_a_paragraph():
    doc = parse("A/C.3/99/L.2\nAgenda item 70 (b)*\n\nTitle\n\nThe General Assembly,\n\n"
                "Noting the report,\n\n* A/99/150.\n\n1. Decides.\n")
    assert [p.id for p in doc.paragraphs] == ["PP1", "OP1"] and doc.warnings == ()


def test_letter_i_after_h_is_a_letter():
    items = "\n\n".join(f"({c}) Item {c};" for c in "abcdefghij")
    doc = parse(BODY.format(f"Noting,\n\n1. Lists:\n\n{items}\n\n2. Decides."))
    assert doc.paragraph("OP1(i)").parent == "OP1"


def test_fallback_without_structure_warns():
    doc = parse("First plain paragraph.\n\nSecond plain paragraph.\n")
    assert [p.id for p in doc.paragraphs] == ["P1", "P2"]
    assert {p.section for p in doc.paragraphs} == {"body"}
    assert doc.warnings and "P1..Pn" in doc.warnings[0]


def test_empty_text():
    doc = parse("")
    assert doc.paragraphs == () and doc.footnotes == ()


def test_unnumbered_operative_part_is_found_by_its_verbs():
    doc = parse(BODY.format("Recalling its resolutions,\n\nDecides to continue."))
    assert [(p.id, p.section) for p in doc.paragraphs] == [("PP1", "preamble"), ("OP1", "operative")]


# -- headers: symbol, session, title ---------------------------------------------------------

DRAFT_MASTHEAD = """United Nations A/C.3/54/L.99
General Assembly Distr.: Limited
12 November 1999
Original: English
Fifty-fourth session
Third Committee
Agenda item 116 (c)
Human rights questions: human rights situations and reports of special rapporteurs
Armenia, Austria and Belgium: draft resolution
Human rights and mass exoduses

The General Assembly,

Recalling its resolutions,

1. Decides.
"""


@pytest.mark.parametrize("text, symbol, session, title", [
    # a resolution head "52/132. Title" with a leading space (the seed)
    (" 52/132. Human rights and mass exoduses\n\nThe General Assembly,\n\nNoting,\n\n1. Decides.",
     "A/RES/52/132", 52, "Human rights and mass exoduses"),
    # a draft masthead set line by line without blank lines, sponsors before the title
    (DRAFT_MASTHEAD, "A/C.3/54/L.99", 54, "Human rights and mass exoduses"),
    # a bare symbol line and a session line
    ("A/C.3/56/L.4/Rev.1\nFifty-sixth session\n\nSome title\n\nThe General Assembly,\n\nNoting,\n\n1. Decides.",
     "A/C.3/56/L.4/Rev.1", 56, "Some title"),
])
def test_header(text, symbol, session, title):
    doc = parse(text)
    assert (doc.symbol, doc.session, doc.title) == (symbol, session, title)


def test_old_style_markers_and_page_numbers():
    doc = parse("The General Assembly,\n\nRecalling its resolution 1997/75 of 18 April 1997 1/ "
                "and others,\n\n2\n\n1. Decides.\n\n1/ See E/1997/23.\n")
    assert doc.paragraph("PP1").text == "Recalling its resolution 1997/75 of 18 April 1997 and others,"
    assert [(f.mark, f.cited_in) for f in doc.footnotes] == [("1", ("PP1",))]


def test_adoption_lines_inside_the_last_block_and_capital_hyphen_breaks():
    doc = parse("The General Assembly,\n\nNoting the report of the Secretary-\nGeneral,\n\n"
                "1. Decides to continue at its next session.\n70th plenary meeting\n12 December 1997\n")
    assert doc.paragraph("PP1").text == "Noting the report of the Secretary-General,"
    assert doc.paragraph("OP1").text == "Decides to continue at its next session."
    assert (doc.adopted.meeting, doc.adopted.date) == ("70th plenary meeting", "1997-12-12")


def test_long_runs_of_blank_lines_do_not_widen_the_furniture_window():
    # parse._lines drops blank lines beyond the first few of a run (memory); a symbol line
    # four lines from "Page 2" is beyond layout.NEAR_LINES and stays text, as before.
    text = ("The General Assembly,\n\nRecalling its resolution,\n\nA/52/100\n\n\n\nPage 2\n\n"
            "Noting with concern,\n")
    assert [(p.id, p.text) for p in parse(text).paragraphs] == [
        ("PP1", "Recalling its resolution,"), ("PP2", "A/52/100"), ("PP3", "Noting with concern,")]


# -- fast paths against the general rule they stand in for (hypothesis) --------------------
# Short texts over an alphabet of the characters each rule looks at: letters of both cases,
# digits, the punctuation the rules name, and whitespace on both sides of the line between
# str.isspace and regex's \s (\x1c is one and not the other, \x85 and NBSP are both).

_EDGE_SPACE = " \t\n\x0b\x1c\x85\xa0\u2028"


def _texts(alphabet: str, max_size: int = 40):
    return st.text(st.sampled_from(list(alphabet)), max_size=max_size)


@settings(max_examples=500, deadline=None)
@given(_texts("aZ1-,.(" + _EDGE_SPACE))
def test_join_text_matches_the_general_rule(text):
    general = text
    if "\n" in text:
        general = parse_module._LINE_BREAK.sub(" ", parse_module._HYPHEN_BREAK.sub("", text))
    assert parse_module._join_text(text) == general


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=60))
def test_vocabulary_ascii_words_match_the_general_rule(text):
    lowered = text.lower()
    assert lowered.translate(repair._ASCII_NON_LETTERS).split() == repair._WORD.findall(lowered)


_LAYOUT_PIECES = ["Page 2", "A/RES/52/132", "12 December 1997", "98-77017 /...", "/...", "2",
                  "* A/99/150.", "*", "Human rights", "the human rights of", "on all States",
                  "of", "x" * 95, "1 See", " ", "", "_____", ",", "Human rights,"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_LAYOUT_PIECES), max_size=4).map(" ".join), max_size=12),
       st.sampled_from([None, "A/RES/52/132"]),
       st.sampled_from([None, "", "Human rights", "Human rights,", "the human rights of"]))
def test_split_layout_drops_exactly_the_furniture_lines(texts, symbol, title):
    # split_layout inlines is_furniture's first tests: the lines it drops are is_furniture's
    lines = list(enumerate(texts, 1))
    expected = [number for index, (number, text) in enumerate(lines)
                if text.strip() and layout.is_furniture(lines, index, symbol, title)]
    assert layout.split_layout(lines, symbol=symbol, title=title).furniture == expected


_GLUE_PIECES = ["a", "b", "Z", "1", "(", ",", ".", " ", "\u00e9", "\u00c9", "\u0663", "\u00b2", "inter alia",
                "See", "Official",
                "12 A", "and", "or", "of", "(E/1997/23)", "Mc"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_GLUE_PIECES), max_size=12).map("".join))
def test_unglue_matches_the_general_rule(text):
    general = text
    for pattern, replacement in normalize._GLUE_RULES:
        general = pattern.sub(replacement, general)
    assert normalize.unglue(text) == general


@given(_texts("ab\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06\ufb07\u2019"))
def test_ligatures_matches_the_general_rule(text):
    assert normalize.ligatures(text) == text.translate(normalize._LIGATURES)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["1", "12", "\u0663", "\u00b2", ".", " ", "\x1c", "\u2003", "P",
                                 "PP", "OP", "bis", "(a)", "(iv)", "(", ")", "a", ":"]),
                max_size=6).map("".join))
def test_may_start_is_a_superset_of_the_start_patterns(text):
    if parse_module._OP_NUMBER.match(text) or parse_module._LABEL.match(text) \
            or parse_module._SUB.match(text):
        assert parse_module._may_start(text)


def test_may_start_knows_every_digit_of_the_regex_module():
    # regex's \d follows a newer Unicode than str.isdigit (Nag Mundari, U+1E4F0-U+1E4F9):
    # every character it calls a digit must pass the prefilter, and "N." must open OPN.
    digits = [c for c in map(chr, range(0x110000)) if regex.match(r"\d", c)]
    assert "\U0001e4f2" in digits
    assert [c for c in digits if not parse_module._may_start(c + ". Decides")] == []
    document = parse("The General Assembly,\n\n1. Decides to act;\n\n\U0001e4f2. Requests a "
                     "report.\n")
    assert [p.id for p in document.paragraphs] == ["OP1", "OP\U0001e4f2"]


def test_digits_int_does_not_know_are_not_numbers():
    # A footnote, a date or a session in such digits: read as text, never a crash.
    text = ("\U0001e4f5\U0001e4f2/132. Human rights\n\nThe General Assembly,\n\n1. Decides to act.\n\n"
            "\U0001e4f1 Not a footnote.\n\n70th plenary meeting\n\U0001e4f1 May 2000\n")
    document = parse(text)
    assert document.symbol == "A/RES/\U0001e4f5\U0001e4f2/132" and document.session is None
    assert document.footnotes == ()
    assert document.adopted is not None and document.adopted.date is None


@settings(max_examples=500, deadline=None)
@given(st.one_of(_texts("ab \u00e9\u4e00", max_size=20),  # printable: the fast path's share
                 _texts("ab\u00e9\u4e00" + _EDGE_SPACE + "\u00a0\u2007\u202f\u2003\u3000", max_size=20)))
def test_collapse_matches_the_general_rule(text):
    if text.isascii() or not normalize._NO_BREAK.search(text):
        general = " ".join(text.split())
    else:
        general = normalize._BREAKING_SPACE.sub(" ", text).strip()
    assert normalize.collapse(text) == general


@settings(max_examples=500, deadline=None)
@given(_texts("ab A.\u00e9\t", max_size=16))
def test_prose_pattern_finds_three_lower_case_words(text):
    plain = re.search(r"[a-z]{2,} [a-z]{2,} [a-z]{2,}", text)
    assert bool(layout._PROSE.search(text)) == bool(plain)


def _furniture_strength_without_punctuation_exit(text, symbol, title):
    """layout._furniture_strength as it was before its exit on ",;:" (the rule it keeps)."""
    line = text.strip()
    if not line or len(line) > 100:
        return 0
    if title and (len(line) >= layout._TITLE_PART or " " in line) and " ".join(line.split()) in title:
        return 1  # a part of a title broken over lines (decided before the punctuation exit)
    if not (title and title in line) and layout._PROSE.search(line):
        return 0
    rest, strong = layout._STRONG.subn(" ", line)
    strong += sum(1 for m in layout._SYMBOL_TOKEN.finditer(rest) if symbol and m.group() == symbol)
    rest, weak = layout._WEAK.subn(" ", rest)
    if title and title in rest:
        rest, weak = rest.replace(title, " "), weak + 1
    if rest.strip():
        return 0
    return 2 if strong else (1 if weak else 0)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LAYOUT_PIECES + [",", ";", ":", "Human rights,", "2;"]), max_size=5)
       .map(" ".join),
       st.sampled_from([None, "A/RES/52/132"]),
       st.sampled_from([None, "", "Human rights", "Human rights,", "Rights: a;b"]))
def test_furniture_strength_punctuation_exit_matches_the_rule(text, symbol, title):
    assert layout._furniture_strength(text, symbol, title) == \
        _furniture_strength_without_punctuation_exit(text, symbol, title)


@settings(max_examples=300, deadline=None)
@given(_texts("a1.,;:\"')\u2019\u201d \u0663", max_size=8))
def test_closes_matches_the_closing_pattern(line):
    assert parse_module._closes(line) == bool(parse_module._CLOSED.search(line))


_WORDS = ["Recalling", "its", "recallingits", "the", "Inter", "alia", "1997,", "caf\u00e9", "r\u00e9sum\u00e9s"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.lists(st.sampled_from(_WORDS), max_size=5).map(" ".join), min_size=1,
                         max_size=3), max_size=6),
       st.lists(st.sampled_from([w.lower() for w in _WORDS] + ["x"]), max_size=8))
def test_vocabulary_reads_paragraphs_lazily_with_the_same_answers(paragraphs, lookups):
    # a word is in the vocabulary when some paragraph has it after its first four words
    lines = [list(enumerate(paragraph, 1)) for paragraph in paragraphs]
    used = set()
    for paragraph in paragraphs:
        used.update(repair._WORD.findall(" ".join(paragraph).lower())[4:])
    vocabulary = repair.vocabulary(lines)
    assert [word in vocabulary for word in lookups] == [word in used for word in lookups]
