"""The layouts of real General Assembly documents, on texts written for these tests.

Each text below is invented (a ninety-ninth session that has not happened) and laid out the
way the official PDFs and their text extractions are (../shared/real/README.md lists the
layouts; tests/test_real.py reads the real documents themselves): the masthead, running heads
and feet between pages, operative numbers alone on their line, footnote areas, headings,
markers in each form seen, the adoption line. Nothing here is cut from a real document.
"""

from __future__ import annotations

import pytest

from resdiff.parse import parse

MASTHEAD = """United Nations A/RES/99/501
General Assembly Distr.: General
3 January 2099
Ninety-ninth session
Agenda item 12
99-01234 (E) 040199
*9901234*

Resolution adopted by the General Assembly on 18 December 2098
[on the report of the Third Committee (A/99/400)]

99/501. Protection of lighthouse keepers and of coastal lights

The General Assembly,
"""

# A running head of the title broken over two lines, the symbol, the page counter and the
# job number, as a text extraction prints them between two pages.
PAGE_FOOT = """
Protection of lighthouse keepers
and of coastal lights
A/RES/99/501

2/3
99-01234
"""


# The footnote area of the texts below that cite footnotes 1 and 3 and leave 2 to be found.
NOTES = """__________________
1 United Nations, Treaty Series, vol. 9999, No. 12345.
2 See A/99/7.
3 A/99/321.
"""


def ids(document):
    return [p.id for p in document.paragraphs]


def text_of(document, paragraph_id):
    return next(p for p in document.paragraphs if p.id == paragraph_id).text


def test_operative_numbers_alone_on_their_line_before_or_after_the_first_line():
    document = parse(MASTHEAD + """
Recalling its resolution 97/12 of 10 December 2096,

1. 
Takes note of the report of the Secretary-General;

Encourages States that have not yet done so to consider acceding to
2. 
the Convention on Coastal Lights;

3. Decides to continue its consideration of the question.
""")
    assert ids(document) == ["PP1", "OP1", "OP2", "OP3"]
    assert text_of(document, "OP2") == ("Encourages States that have not yet done so to "
                                        "consider acceding to the Convention on Coastal Lights;")
    assert document.warnings == ()


def test_a_paragraph_cut_by_a_page_foot_goes_on_with_a_number_or_a_capital():
    document = parse(MASTHEAD + """
Recalling its resolutions 95/7 of 1 December 2094, 97/12 of 10 December 2096,
""" + PAGE_FOOT + """
98/3 of 2 December 2097 and 98/40 of 9 December 2097,

Noting the work of the International Lighthouse Council,
""" + PAGE_FOOT + """
Lighthouse Authority and Coastal Guard, and in this regard its reports,

1. Takes note of the report of the Secretary-General;
""")
    assert ids(document) == ["PP1", "PP2", "OP1"]
    assert text_of(document, "PP1").endswith("97/12 of 10 December 2096, 98/3 of 2 December "
                                             "2097 and 98/40 of 9 December 2097,")
    assert "Council, Lighthouse Authority and Coastal Guard" in text_of(document, "PP2")
    assert document.title == "Protection of lighthouse keepers and of coastal lights"


def test_a_paragraph_that_names_the_title_after_a_page_foot_keeps_those_words():
    # the line after the page foot reads like a line of the running head's title
    document = parse(MASTHEAD + """
Welcoming the campaign entitled "Protection of
""" + PAGE_FOOT + """
and of coastal lights
in winter", launched last year,

1. Takes note of the report of the Secretary-General;
""")
    assert "and of coastal lights in winter" in text_of(document, "PP1")


def test_headings_between_operative_paragraphs_are_kept_apart():
    document = parse(MASTHEAD + """
Recalling its resolution 97/12 of 10 December 2096,

I

Training of keepers

1. Requests the Secretary-General to report;

II
Coastal lights

2. Decides to continue its consideration of the question.
""")
    assert ids(document) == ["PP1", "OP1", "OP2"]
    assert [(h.text, h.before) for h in document.headings] == [
        ("I Training of keepers", "OP1"), ("II Coastal lights", "OP2")]


def test_footnotes_markers_glued_spaced_and_after_punctuation_with_links_and_wraps():
    document = parse(MASTHEAD + """
Recalling the Convention on Coastal Lights,1 the Protocol thereto 2 and the
Declaration of 20953 on the keepers' rights,

1. Takes note of the report of the Secretary-General;4
__________________
1 United Nations, Treaty Series, vol. 9999, No. 12345.
2 Ibid., vol. 9998,
No. 12346.
3 https://example.org/declarations/keepers
4 A/99/321.
""")
    paragraph = document.paragraphs[0]
    assert paragraph.footnotes == ("1", "2", "3")
    assert paragraph.text == ("Recalling the Convention on Coastal Lights, the Protocol thereto "
                              "and the Declaration of 2095 on the keepers' rights,")
    assert [(f.mark, f.cited_in) for f in document.footnotes] == [
        ("1", ("PP1",)), ("2", ("PP1",)), ("3", ("PP1",)), ("4", ("OP1",))]
    assert document.footnotes[1].text == "Ibid., vol. 9998, No. 12346."
    assert document.footnotes[2].text == "https://example.org/declarations/keepers"


def test_a_marker_glued_to_a_number_is_found_between_its_neighbours_with_a_warning():
    document = parse(MASTHEAD + """
Recalling the Convention on Coastal Lights,1

Recalling also its decision IV/122 on the keepers' pensions,

1. Takes note of the report of the Secretary-General;3
""" + NOTES)
    assert text_of(document, "PP2") == "Recalling also its decision IV/12 on the keepers' pensions,"
    assert [(f.mark, f.cited_in) for f in document.footnotes][1] == ("2", ("PP2",))
    assert any("footnote 2" in w and "IV/122" in w for w in document.warnings)


def test_an_uncited_footnote_with_two_places_it_could_be_stays_uncited():
    # "IV/122" and "session 2 on": footnote 2 could be glued or spaced; no guess
    document = parse(MASTHEAD + """
Recalling the Convention on Coastal Lights,1

Recalling also its decision IV/122 on the keepers' pensions and the report of its session 2 on
training,

1. Takes note of the report of the Secretary-General;3
""" + NOTES)
    assert "IV/122" in text_of(document, "PP2")
    assert document.footnotes[1].cited_in == ()


def test_the_adoption_line_and_date_after_the_last_footnote_in_a_flat_layout():
    document = parse(MASTHEAD + """Recalling its resolution 97/12 of 10 December 2096,1
1. Takes note of the report of the Secretary-General;
__________________
1 https://example.org/resolutions/97-12
56th (resumed) plenary meeting
18 December 2098
""")
    assert document.adopted is not None
    assert (document.adopted.meeting, document.adopted.date) == (
        "56th (resumed) plenary meeting", "2098-12-18")
    assert document.footnotes[0].text == "https://example.org/resolutions/97-12"


def test_an_annex_after_the_adoption_line_is_left_out_with_a_warning():
    document = parse(MASTHEAD + """
Recalling its resolution 97/12 of 10 December 2096,

1. Adopts the rules annexed to the present resolution;

47th plenary meeting
18 December 2098

Annex
Rules for lighthouse keepers
1. Each keeper shall keep the light burning.
""")
    assert ids(document) == ["PP1", "OP1"]
    assert any("annex" in w.lower() for w in document.warnings)


def test_a_numbered_paragraph_quoted_after_a_colon_stays_in_its_paragraph():
    document = parse(MASTHEAD + """
Recalling its resolution 97/12 of 10 December 2096,

1. Takes note of the report of the Secretary-General;

2. Decides to amend rule 4 of its rules of procedure to read as follows:
"4. The keeper shall report every year.";

3. Decides to continue its consideration of the question.
""")
    assert ids(document) == ["PP1", "OP1", "OP2", "OP3"]
    assert "The keeper shall report every year" in text_of(document, "OP2")


@pytest.mark.parametrize("organ", ["The Commission on Human Rights,",
                                   "The Economic and Social Council,"])
def test_a_commission_or_council_text_printed_as_one_run_on_paragraph(organ):
    # as some legal databases print a resolution: the organ and the whole preamble in one
    # paragraph, each preambular paragraph opened by a capitalized phrase after a comma
    document = parse(organ + " Mindful of the duty of States to keep coastal lights, Deeply "
                     "disturbed by the decline in the number of keepers, Conscious that the "
                     "lights save lives,\n\n1. Urges States to train keepers;\n\n"
                     "2. Decides to continue its consideration of the question.\n")
    assert document.organ == organ.rstrip(",")
    assert [(p.id, p.opening) for p in document.paragraphs] == [
        ("PP1", "Mindful"), ("PP2", "Deeply disturbed"), ("PP3", "Conscious"),
        ("OP1", "Urges"), ("OP2", "Decides")]


def test_preambular_paragraphs_on_consecutive_lines_and_after_a_footnote_mark():
    # no blank lines (pdftotext's default, an e-mail); a capitalized opening after a line
    # that closes with a comma, also with its footnote mark after the comma
    document = parse("""The General Assembly,
Recalling the Convention on Coastal Lights,1
Noting with concern the decline in the number of keepers in many
regions of the world,
1. Urges States to train keepers;
__________________
1 United Nations, Treaty Series, vol. 9999, No. 12345.
""")
    assert [(p.id, p.opening, p.footnotes) for p in document.paragraphs] == [
        ("PP1", "Recalling", ("1",)), ("PP2", "Noting with concern", ()),
        ("OP1", "Urges", ())]


def test_a_bracketed_proposal_closes_its_paragraph():
    document = parse("""The General Assembly,
PP1 Recalling the Convention on Coastal Lights,
PP2 [Recalling also the Declaration on Keepers,1]
PP3 Noting the report of the Secretary-General,
OP1 Urges States to train keepers;
__________________
1 A/99/7.
""")
    assert ids(document) == ["PP1", "PP2", "PP3", "OP1"]
    assert text_of(document, "PP2") == "[Recalling also the Declaration on Keepers,]"


def test_a_form_feed_is_a_page_break_a_paragraph_goes_on_across():
    document = parse(MASTHEAD + """
Recalling its resolutions 95/7 of 1 December 2094 and
\f
97/12 of 10 December 2096,

1. Takes note of the report of the Secretary-General;
""")
    assert ids(document) == ["PP1", "OP1"]
    assert text_of(document, "PP1").endswith("2094 and 97/12 of 10 December 2096,")


def test_a_paragraph_that_lost_its_punctuation_is_joined_with_a_warning_naming_the_line():
    document = parse("""The General Assembly,

Mindful of the duty of States to keep lights

Keepers are few in many regions of the world,

1. Urges States to train keepers;
""")
    assert ids(document) == ["PP1", "OP1"]
    assert document.warnings == (
        "line 5: joined to the paragraph before, which does not end with punctuation; "
        "check that they are one",)


def test_a_heading_over_two_blocks_is_joined_without_a_warning():
    document = parse(MASTHEAD + """
Recalling its resolution 97/12 of 10 December 2096,

I

Training of keepers

1. Requests the Secretary-General to report;
""")
    assert document.warnings == ()


def test_of_two_places_for_a_missed_marker_a_number_too_long_to_be_one_wins():
    # "51/22" reads as a resolution with or without the 2; "45/3002" does not (resolutions
    # are numbered to three digits): the marker is the 2 of "45/3002"
    document = parse(MASTHEAD + """
Recalling the Convention on Coastal Lights,1

Recalling also its resolution 51/22 of 3 December 2050,

Recalling further its resolution 45/3002 on the keepers' pensions,

1. Takes note of the report of the Secretary-General;3
""" + NOTES)
    assert text_of(document, "PP2") == "Recalling also its resolution 51/22 of 3 December 2050,"
    assert text_of(document, "PP3") == ("Recalling further its resolution 45/300 on the keepers' "
                                        "pensions,")
    assert document.footnotes[1].cited_in == ("PP3",)


@pytest.mark.parametrize("broken", [
    "a 2 nd",  # a text extraction: the marker between the pieces
    "a2 nd",   # the PDF's way of the same slip: the marker glued to the first piece
])
def test_a_marker_set_inside_a_word_is_taken_out_and_the_word_mended(broken):
    document = parse(MASTHEAD + f"""
Recalling the Convention on Coastal Lights,1 {broken} the keepers' charter and other texts,

1. Takes note of the report of the Secretary-General and of the keepers' reports;3
""" + NOTES)
    paragraph = document.paragraphs[0]
    assert paragraph.text == ("Recalling the Convention on Coastal Lights, and the keepers' "
                              "charter and other texts,")
    assert paragraph.footnotes == ("1", "2")
