"""The series as people find it (issue 20): organs other than the General Assembly, the front
matter of web libraries and law-library citations, run-on preambles, and the opening as
evidence where alignment fills a gap by position. Every text here is invented (a lighthouse
keepers series of sessions that have not happened), in the layouts those sources use."""

from __future__ import annotations

import pytest

from resdiff.align import OPENING_MARGIN, _in_order
from resdiff.parse import parse

BODY = """
Mindful of the duty of States to keep coastal lights burning,

Deeply disturbed by the decline in the number of keepers,

1. Urges States to train keepers;

2. Decides to continue its consideration of the question.
"""


def head(document):
    return document.symbol, document.title, document.organ


@pytest.mark.parametrize("organ", [
    "The General Assembly", "The Commission on Human Rights", "The Human Rights Council",
    "The Economic and Social Council", "The Security Council",
    "The Sub-Commission on the Promotion and Protection of Human Rights",
    "The Commission on the Status of Women",
    "The Conference of the Parties to the Convention on Coastal Lights",
])
def test_the_organ_line_of_every_body_that_adopts_resolutions(organ):
    document = parse(f"{organ},\n" + BODY)
    assert document.organ == organ
    assert [p.id for p in document.paragraphs] == ["PP1", "PP2", "OP1", "OP2"]


def test_a_law_library_citation_line_gives_title_and_symbol():
    document = parse("Protection of lighthouse keepers, G.A. res. 98/77, U.N. Doc. A/RES/98/77 "
                     "(2097).\n\nThe General Assembly,\n" + BODY)
    assert head(document) == ("A/RES/98/77", "Protection of lighthouse keepers",
                              "The General Assembly")
    document = parse("Protection of lighthouse keepers, C.H.R. res. 2097/41, ESCOR Supp. (No. 3) "
                     "at 120, U.N. Doc. E/CN.4/RES/2097/41 (2097).\n\n"
                     "The Commission on Human Rights,\n" + BODY)
    assert head(document) == ("E/CN.4/RES/2097/41", "Protection of lighthouse keepers",
                              "The Commission on Human Rights")


def test_a_web_library_record_is_header_never_paragraphs():
    document = parse("""Protection of lighthouse keepers
\u2022 Publisher: UN General Assembly
\u2022 Author: UN General Assembly (98th sess. : 2097-2098)
\u2022 Document source:
\u2022 Citation / Document Symbol: A/RES/98/77
\u2022 Date: 16 December 2097
 
RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY
 
The General Assembly,
""" + BODY)
    assert head(document) == ("A/RES/98/77", "Protection of lighthouse keepers",
                              "The General Assembly")
    assert [p.id for p in document.paragraphs] == ["PP1", "PP2", "OP1", "OP2"]


def test_a_commission_resolution_numbered_by_year_gets_its_symbol():
    document = parse("2097/41. Protection of lighthouse keepers\n\n"
                     "The Commission on Human Rights,\n" + BODY)
    assert head(document) == ("E/CN.4/RES/2097/41", "Protection of lighthouse keepers",
                              "The Commission on Human Rights")


def test_a_run_on_preamble_splits_only_where_an_opening_stands():
    document = parse("The Commission on Human Rights, Mindful of the duty of States, Deeply "
                     "disturbed by the decline in the number of keepers, and Commission "
                     "resolution 2095/3, Conscious that the lights save lives,\n\n"
                     "1. Urges States to train keepers;\n")
    assert [p.text for p in document.paragraphs[:3]] == [
        "Mindful of the duty of States,",
        "Deeply disturbed by the decline in the number of keepers, and Commission resolution "
        "2095/3,",
        "Conscious that the lights save lives,"]


def test_older_footnote_markers_with_a_slash():
    document = parse("The General Assembly,\n\nRecalling the conclusions of 2095, 1/ and the "
                     "report of the Secretary-General,\n\n1. Urges States to train keepers;\n\n"
                     "1/ See A/98/12.\n")
    assert document.paragraphs[0].text == ("Recalling the conclusions of 2095, and the report "
                                           "of the Secretary-General,")
    assert document.footnotes[0].cited_in == ("PP1",)


# -- the opening as evidence in a gap ------------------------------------------------------
# _in_order pairs leftovers facing each other between two anchors; codes are word codes, the
# first code the opening's first word ("c" Conscious, "r" Recalling, "n" Noting, "w" Welcoming).

def scores(table):
    return lambda i, j: table.get((i, j), 0.0)


def test_a_gap_fill_takes_the_neighbour_with_the_same_opening():
    old_codes = {0: "cxyz"}
    new_codes = {10: "rxyq", 11: "cxyw"}
    table = {(0, 10): 0.55, (0, 11): 0.55 - OPENING_MARGIN / 2}
    assert _in_order([0], [10, 11], scores(table), 0.45, (old_codes, new_codes)) == [
        (0, 11, table[(0, 11)])]


def test_a_changed_opening_in_place_stays_paired_when_the_other_is_clearly_worse():
    # "Noting X" -> "Welcoming X" (a strengthening) beside an unrelated "Noting Y"
    old_codes = {0: "nxyz"}
    new_codes = {10: "wxyz", 11: "nabc"}
    table = {(0, 10): 0.8, (0, 11): 0.5}
    assert _in_order([0], [10, 11], scores(table), 0.45, (old_codes, new_codes)) == [
        (0, 10, 0.8)]


def test_without_a_neighbour_of_the_same_opening_the_gap_fills_in_order():
    old_codes = {0: "cxyz", 1: "rabc"}
    new_codes = {10: "rxyz", 11: "wabc"}
    table = {(0, 10): 0.5, (1, 11): 0.6, (0, 11): 0.5}
    assert _in_order([0, 1], [10, 11], scores(table), 0.45, (old_codes, new_codes)) == [
        (0, 10, 0.5), (1, 11, 0.6)]


# -- a folder of both organs' texts --------------------------------------------------------

def _write(folder, name, head, organ, closing):
    (folder / name).write_text(f"{head}. Protection of lighthouse keepers\n\n{organ},\n" + BODY
                               + f"\n{closing}\n", encoding="utf-8")


def test_history_of_a_folder_orders_both_organs_by_date(tmp_path):
    from resdiff.history import load_history

    _write(tmp_path, "a.txt", "99/501", "The General Assembly", "56th plenary meeting\n18 December 2098")
    _write(tmp_path, "b.txt", "98/77", "The General Assembly", "70th plenary meeting\n16 December 2097")
    _write(tmp_path, "c.txt", "2098/41", "The Commission on Human Rights",
           "58th meeting\n21 April 2098")
    (tmp_path / "sub").mkdir()
    # no adoption line: dated by its symbol's year (the Commission's, at midyear)
    _write(tmp_path / "sub", "d.txt", "2099/7", "The Commission on Human Rights", "")
    (tmp_path / ".hidden.txt").write_text("not a version", encoding="utf-8")
    history = load_history([str(tmp_path)], cache=None)
    assert [v.symbol for v in history.versions] == [
        "A/RES/98/77", "E/CN.4/RES/2098/41", "A/RES/99/501", "E/CN.4/RES/2099/7"]
    assert [v.date for v in history.versions][:3] == ["2097-12-16", "2098-04-21", "2098-12-18"]


def test_history_of_files_keeps_their_order(tmp_path):
    from resdiff.history import load_history

    _write(tmp_path, "a.txt", "99/501", "The General Assembly", "56th plenary meeting\n18 December 2098")
    _write(tmp_path, "b.txt", "98/77", "The General Assembly", "70th plenary meeting\n16 December 2097")
    history = load_history([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], cache=None)
    assert [v.symbol for v in history.versions] == ["A/RES/99/501", "A/RES/98/77"]


def test_each_organ_gives_its_resolutions_their_symbol_prefix(tmp_path):
    assert parse("55/1. Protection of lighthouse keepers\n\nThe Human Rights Council,\n"
                 + BODY).symbol == "A/HRC/RES/55/1"
    assert parse("2031/17. Lighthouses\n\nThe Economic and Social Council,\n"
                 + BODY).symbol == "E/RES/2031/17"
    # a body resdiff does not know: the organ is read, no symbol is made up
    unknown = parse("12/3. Lighthouses\n\nThe Council of the Coastal Lights Union,\n" + BODY)
    assert (unknown.organ, unknown.symbol) == ("The Council of the Coastal Lights Union", None)
    # ... until the user's lexicon names it
    from resdiff.lexicon import Lexicon

    extra = tmp_path / "organs.toml"
    extra.write_text('[organs]\n"The Council of the Coastal Lights Union" = "CLU"\n',
                     encoding="utf-8")
    known = parse("12/3. Lighthouses\n\nThe Council of the Coastal Lights Union,\n" + BODY,
                  lexicon=Lexicon.load(str(extra)))
    assert known.symbol == "CLU/RES/12/3"


def test_a_close_reading_of_a_gap_is_said_in_a_warning():
    # Two new paragraphs face the old "Conscious ..." in a gap, both below the fuzzy pass's
    # 0.5 (the texts are scrambled to score 0.459 and 0.467): the one with its opening is
    # taken, and the comparison says which one stood in its place.
    from resdiff.engine import compare_documents

    anchor = "Recalling its resolution 97/12 of 10 December 2096 on the protection of lighthouse keepers,"
    tail = "Noting the report of the Secretary-General on coastal lights and their keepers,"
    old = ("Conscious of the fact that the decline in the number of lighthouse keepers is one of "
           "the multiple and complex factors leading to shipwrecks along the coasts of many regions,")
    facing = ("Recalling further signals the winter signals the ports in nights pilots of ships "
              "charts is nights fog towers signals and fog factors leading to shipwrecks along "
              "winter coasts of tides regions,")
    same = ("Conscious tides the fact that fog signals in the number winter sailors ships is winter "
            "storms the sailors towers complex factors leading nights tides pilots harbours coasts "
            "fog many winter")

    def doc(*paragraphs):
        return parse("The General Assembly,\n\n" + "\n\n".join(paragraphs)
                     + "\n\n1. Urges States to train keepers;\n")

    comparison = compare_documents(doc(anchor, old, tail), doc(anchor, facing, same, tail))
    pair = next(c for c in comparison.changes if c.old == ("PP2",))
    assert (pair.new, pair.method) == (("PP3",), "position")
    assert any(w.startswith("PP2 -> PP3: paired by its opening") and "over new PP2" in w
               for w in comparison.warnings), comparison.warnings


def test_in_order_records_what_it_passed_over():
    passed = {}
    old_codes, new_codes = {0: "cxyz"}, {10: "rxyq", 11: "cxyw"}
    table = {(0, 10): 0.55, (0, 11): 0.5}
    _in_order([0], [10, 11], scores(table), 0.45, (old_codes, new_codes), passed)
    assert passed == {(0, 11): (10, 0.55)}


def test_a_security_council_resolution_gets_its_symbol_and_no_adoption_line_as_title():
    document = parse("Resolution 2999 (2099)\n\nAdopted by the Security Council at its 9999th "
                     "meeting, on 24 May 2099\n\nThe Security Council,\n" + BODY)
    assert head(document) == ("S/RES/2999 (2099)", None, "The Security Council")
