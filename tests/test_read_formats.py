"""Format readers: .docx, .html and .pdf give the parser the same paragraphs as the .txt.

The inputs are generated from the project's corpus (tests/fixtures/formats/builders.py):
Word with italic openings, automatic numbering and real footnotes; an HTML page with <em>,
<ol> and <sup>; a PDF printed from that HTML by headless Chromium. Then the readers' details,
table-driven, the guards (zip bombs, entities, page limits, time limits), `textconv` and the
git diff driver.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from io import BytesIO

import pytest

from conftest import CORPUS, ROOT, run_cli
from fixtures.formats.builders import (docx_bytes, html_text, layout, package, pdf_bytes,
                                       print_pdf)

from resdiff.errors import FormatError
from resdiff.parse import parse
from resdiff.read import docx as docx_reader
from resdiff.read import html as html_reader
from resdiff.read import load
from resdiff.read import pdf as pdf_reader

CORPUS_FILES = ["a-res-52-132-retyped.txt", "illustrative-54-draft.txt"]
# Word and HTML also get the parser fixtures with sub-paragraphs (a), (i) and typed labels
# (PP2bis, OP5bis): numbering Word cannot generate is typed, as a drafter would.
RICH_FILES = CORPUS_FILES + ["../tests/fixtures/parser/subparagraphs-clean.txt",
                             "../tests/fixtures/parser/negotiation-bis-brackets.txt"]


def structure(document):
    """What must survive a format: ids, openings, texts, citations, footnotes, header."""
    return {
        "paragraphs": [(p.id, p.opening, p.text, p.footnotes) for p in document.paragraphs],
        "footnotes": [(f.mark, f.text, f.cited_in) for f in document.footnotes],
        "symbol": document.symbol, "title": document.title, "session": document.session,
        "adopted": document.adopted, "warnings": document.warnings,
    }


def same_as_text(name: str, other_text: str) -> None:
    expected = structure(parse((CORPUS / name).read_text(encoding="utf-8")))
    got = structure(parse(other_text))
    assert got["paragraphs"] == expected["paragraphs"]
    assert got == expected


# -- acceptance: one draft, four formats ----------------------------------------------------

@pytest.mark.parametrize("name", RICH_FILES)
def test_docx_with_numbering_italics_and_footnotes_parses_like_the_text(name):
    data = docx_bytes(layout((CORPUS / name).read_text(encoding="utf-8")))
    if name in CORPUS_FILES:  # the Word file really uses automatic numbering: no typed "1."
        document_xml = zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode()
        assert "<w:numPr>" in document_xml and ">1. " not in document_xml
    same_as_text(name, docx_reader.read(data, path="draft.docx").text)


@pytest.mark.parametrize("name", RICH_FILES)
def test_html_page_parses_like_the_text(name):
    page = html_text(layout((CORPUS / name).read_text(encoding="utf-8")))
    same_as_text(name, html_reader.read(page.encode("utf-8"), path="draft.html"))


@pytest.mark.browser
@pytest.mark.parametrize("name", CORPUS_FILES)
@pytest.mark.parametrize("indented,header", [
    (False, None),                 # paragraphs spaced apart, no running head
    (True, "A/C.3/54/L.99"),       # printed-resolution look: first-line indents, justified,
])                                 # a running head and "Page N" on every page
def test_pdf_printed_by_chromium_parses_like_the_text(browser, tmp_path, name, indented, header):  # noqa: F811
    page = html_text(layout((CORPUS / name).read_text(encoding="utf-8")), chrome=False,
                     indented=indented)
    target = tmp_path / "draft.pdf"
    print_pdf(browser, page, target, header=header)
    text = pdf_reader.read(target.read_bytes(), path=str(target))
    source = (CORPUS / name).read_text(encoding="utf-8")
    assert "Page 2" not in text and (header is None or text.count(header) == source.count(header))
    same_as_text(name, text)


@pytest.mark.browser
def test_cli_compares_a_text_with_its_docx_pdf_and_html_renderings(browser, tmp_path):  # noqa: F811
    source = CORPUS / "illustrative-54-draft.txt"
    blocks = layout(source.read_text(encoding="utf-8"))
    (tmp_path / "draft.docx").write_bytes(docx_bytes(blocks))
    (tmp_path / "draft.html").write_text(html_text(blocks), encoding="utf-8")
    print_pdf(browser, html_text(blocks, chrome=False), tmp_path / "draft.pdf")
    for other in ("draft.docx", "draft.html", "draft.pdf"):
        run = run_cli("compare", str(source), str(tmp_path / other))
        assert (run.code, run.stderr) == (0, ""), (other, run.stdout)
        assert "no differences" in run.stdout


# -- .docx details --------------------------------------------------------------------------

def p(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{''.join(runs)}</w:p>"


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


NUMBERED = '<w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{}"/></w:numPr>'
LISTS = ('<w:abstractNum w:abstractNumId="0">'
         '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
         '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
         '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>'
         '</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
         '<w:lvlText w:val="\u2022"/></w:lvl></w:abstractNum>'
         '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
         '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
         '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
         '<w:startOverride w:val="5"/></w:lvlOverride></w:num>')
STYLES = ('<w:style w:type="character" w:styleId="Opening"><w:rPr><w:i/></w:rPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="Operative"><w:pPr>'
          '<w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="OperativeChild"><w:basedOn w:val="Operative"/></w:style>')
NOTES = ('<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r>'
         '<w:r><w:t xml:space="preserve"> See E/1997/23.</w:t></w:r></w:p></w:footnote>')
REF = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="7"/></w:r>'

DOCX_CASES = [
    # an italic opening typed without the space after it (as PDF extraction glues it)
    ([p(r("Recalling", "<w:i/>"), r("its resolution 51/75,"))], "Recalling its resolution 51/75,"),
    # the same after a typed number and tab
    ([p(r("1."), r("\t"), r("Takes note", "<w:i/>"), r("of the report;"))], "1. Takes note of the report;"),
    # the space was typed inside the italic run: nothing to add
    ([p(r("Deeply disturbed ", "<w:i/>"), r("by the scale,"))], "Deeply disturbed by the scale,"),
    # italics through a character style, and "inter alia" in mid-sentence left alone
    ([p(r("Convinced", '<w:rStyle w:val="Opening"/>'), r("that, "), r("inter alia", "<w:i/>"),
        r(", States,"))], "Convinced that, inter alia, States,"),
    # automatic numbering: operative numbers, sub-paragraphs, restart of (a) under each OP
    ([p(r("Requests:"), ppr=NUMBERED.format(0, 1)), p(r("first;"), ppr=NUMBERED.format(1, 1)),
      p(r("second;"), ppr=NUMBERED.format(1, 1)), p(r("Decides:"), ppr=NUMBERED.format(0, 1)),
      p(r("third;"), ppr=NUMBERED.format(1, 1)), p(r("fourth."), ppr=NUMBERED.format(2, 1))],
     "1. Requests:\n\n(a) first;\n\n(b) second;\n\n2. Decides:\n\n(a) third;\n\n(i) fourth."),
    # a list instance that restarts at 5, and a bulleted paragraph (bullets carry no number)
    ([p(r("Urges States;"), ppr=NUMBERED.format(0, 3)), p(r("a bullet"), ppr=NUMBERED.format(0, 2))],
     "5. Urges States;\n\na bullet"),
    # numbering inherited from a paragraph style through basedOn
    ([p(r("Takes note;"), ppr='<w:pStyle w:val="Operative"/>'),
      p(r("Decides."), ppr='<w:pStyle w:val="OperativeChild"/>')], "1. Takes note;\n\n2. Decides."),
    # a footnote reference right after the comma, the footnote appended as "N text"
    ([p(r("resolution 1997/75 of 18 April 1997,"), REF, r(" and the conclusions,"))],
     "resolution 1997/75 of 18 April 1997,1 and the conclusions,\n\n1 See E/1997/23."),
    # hidden text is neither shown nor printed; empty paragraphs vanish
    ([p(r("Welcomes"), r(" SECRET", "<w:vanish/>"), r(" the report;")), p()], "Welcomes the report;"),
    # tabs and non-breaking hyphens; a line break stays inside the paragraph
    ([p(r("Notes\tthe"), '<w:r><w:noBreakHyphen/></w:r>', r("report,"), "<w:r><w:br/></w:r>",
        r("and"))], "Notes the-report,\nand"),
    # paragraphs inside a table and a content control are read in order
    (['<w:tbl><w:tr><w:tc>' + p(r("cell one")) + '</w:tc><w:tc>' + p(r("cell two"))
      + '</w:tc></w:tr></w:tbl><w:sdt><w:sdtContent>' + p(r("in a control")) + '</w:sdtContent></w:sdt>'],
     "cell one\n\ncell two\n\nin a control"),
    # a field: the instruction is not text, its result is
    ([p(r("See "), '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', r("annex"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>', r("."))], "See annex."),
]


@pytest.mark.parametrize("body,expected", DOCX_CASES)
def test_docx_reader_details(body, expected):
    data = package("".join(body), numbering=LISTS, styles=STYLES, footnotes=NOTES)
    assert docx_reader.read(data, path="x.docx").text == expected + "\n"


def test_docx_numbering_with_unreadable_or_huge_values():
    # Found by fuzz/fuzz_readers.py: w:ilvl="upperRoman1" raised ValueError from int().
    # Unreadable numbers read as Word's defaults (level 0, start 1); a hostile start value
    # is capped at Word's 32767, so the label stays short and quick to build.
    lists = LISTS.replace('<w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>',
                          '<w:start w:val="999999999999"/><w:numFmt w:val="lowerRoman"/>')
    lists = lists.replace('<w:startOverride w:val="5"/>', '<w:startOverride w:val="5x"/>')
    body = (p(r("Requests:"), ppr=NUMBERED.format("upperRoman1", 1))
            + p(r("first;"), ppr=NUMBERED.format(2, 1))
            + p(r("Urges States;"), ppr=NUMBERED.format(0, 3)))
    started = time.monotonic()
    text = docx_reader.read(package(body, numbering=lists), path="x.docx").text
    assert time.monotonic() - started < 1.0
    assert text == f"1. Requests:\n\n({'m' * 32}dcclxvii) first;\n\n1. Urges States;\n"


def test_docx_number_of_many_zeros_reads_quickly():
    # Found in review: "0*([0-9]+)" let both parts claim the zeros, so w:start="000...0x"
    # backtracked through every split (64,000 zeros: 52 s). Unreadable, so Word's default 1.
    lists = LISTS.replace('<w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>',
                          f'<w:start w:val="{"0" * 100_000}x"/><w:numFmt w:val="lowerRoman"/>')
    body = p(r("Requests:"), ppr=NUMBERED.format(0, 1)) + p(r("first;"), ppr=NUMBERED.format(2, 1))
    started = time.monotonic()
    text = docx_reader.read(package(body, numbering=lists), path="x.docx").text
    assert time.monotonic() - started < 2.0
    assert text == "1. Requests:\n\n(i) first;\n"


def test_docx_without_optional_parts_and_with_an_unusual_main_part_name():
    data = package(p(r("Takes note;")))
    assert docx_reader.read(data, path="x.docx").text == "Takes note;\n"
    # the main part is found through _rels/.rels, not by its usual name
    moved = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as old, zipfile.ZipFile(moved, "w") as new:
        for item in old.infolist():
            content = old.read(item)
            name = item.filename.replace("word/document.xml", "word/document2.xml")
            if name == "_rels/.rels":
                content = content.replace(b"word/document.xml", b"word/document2.xml")
            new.writestr(name, content)
    assert docx_reader.read(moved.getvalue(), path="x.docx").text == "Takes note;\n"


# -- .html details --------------------------------------------------------------------------

HTML_CASES = [
    # scripts, styles, navigation, hidden elements and the site footer are not the document
    ("<html><head><title>T</title><style>p{}</style></head><body><nav>Home</nav>"
     "<script>alert(1)</script><p hidden>secret</p><p style='display: none'>gone</p>"
     "<p>The General Assembly,</p><footer>Terms</footer></body></html>", "The General Assembly,"),
    # a glued <em> opening gets its space; an italic span style counts as italics
    ("<body><p><em>Recalling</em>its resolution,</p>"
     "<p><span style='font-style: italic'>Noting</span>the report,</p></body>",
     "Recalling its resolution,\n\nNoting the report,"),
    # ... also after a typed number
    ("<body><p>5 bis. <i>Takes note</i>of the report;</p></body>", "5 bis. Takes note of the report;"),
    # <ol> numbers become text; type="a" and nested lists give (a), (b); <ul> bullets vanish
    ("<body><ol start='3'><li>Requests:<ol type='a'><li>first;</li><li>second;</li></ol></li>"
     "<li value='5'>Decides.</li></ol><ul><li>a bullet</li></ul></body>",
     "3. Requests:\n\n(a) first;\n\n(b) second;\n\n5. Decides.\n\na bullet"),
    # pandoc/ARIA footnotes: <sup><a> markers glued, back-links dropped, section moved last
    ("<body><p>of 18 April 1997,<a href='#fn1' role='doc-noteref'><sup>1</sup></a> and</p>"
     "<section role='doc-endnotes'><ol><li id='fn1'><p>See E/1997/23. <a href='#fnref1' "
     "role='doc-backlink'>\u21a9</a></p></li></ol></section><p>Decides.</p></body>",
     "of 18 April 1997,1 and\n\nDecides.\n\n1 See E/1997/23."),
    # Word's "Save as HTML": [1] links to _ftn1, footnote divs at the end
    ("<body><p class=MsoNormal>the Convention<a href='#_ftn1' name='_ftnref1'>"
     "<span class=MsoFootnoteReference>[1]</span></a> and</p><div style='mso-element:footnote-list'>"
     "<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a href='#_ftnref1' "
     "name='_ftn1'>[1]</a> United Nations, Treaty Series, vol. 189.</p></div></div></body>",
     "the Convention1 and\n\n1 United Nations, Treaty Series, vol. 189."),
    # <br> is a line break inside a paragraph, whitespace is collapsed, entities decoded; a
    # no-break space is text, not collapsible space (the parser normalizes it)
    ("<body><p>A/C.3/54/L.99<br>Fifty-fourth   session</p><p>Commission&#8217;s&nbsp;report</p></body>",
     "A/C.3/54/L.99\nFifty-fourth session\n\nCommission\u2019s\xa0report"),
    # list numbers outside the letters' and roman numerals' ranges are decimal, as in
    # browsers, and clamped to 32 bits (found by probing: start='300000000' with type='i'
    # built 30 million "x"s, a hang)
    ("<body><ol type='i' start='3999'><li>a</li><li>b</li></ol><ol type='a' start='0'><li>c</li>"
     "</ol><ol start='99999999999'><li>d</li></ol><ol type='i' start='300000000'><li>e</li></ol></body>",
     "(mmmcmxcix) a\n\n(4000) b\n\n(0) c\n\n2147483647. d\n\n(300000000) e"),
    # an XHTML page with an XML declaration
    ("<?xml version='1.0' encoding='utf-8'?><html xmlns='http://www.w3.org/1999/xhtml'><body>"
     "<p>Urges States;</p></body></html>", "Urges States;"),
]


@pytest.mark.parametrize("page,expected", HTML_CASES)
def test_html_reader_details(page, expected):
    assert html_reader.read(page.encode("utf-8"), path="x.html") == expected + "\n"


def test_html_nested_beyond_the_parser_limit_is_refused_not_cut(tmp_path):
    # Found by probing while the fuzzer ran: lxml (huge_tree off) stops at 256 levels of
    # nesting and silently dropped everything after that point ("x" and "after" here).
    target = tmp_path / "deep.html"
    target.write_bytes(b"<html><body><p>before</p>" + b"<div>" * 300 + b"x" + b"</div>" * 300 + b"<p>after</p>")
    run = run_cli("parse", str(target))
    assert run.code == 2 and run.stdout == "" and run.stderr.count("\n") == 1
    assert str(target) in run.stderr and "beyond the parser's limits" in run.stderr
    assert html_reader.read(b"<p>before</p>" + b"<div>" * 200 + b"x", path="x.html") == "before\n\nx\n"


def test_html_declared_legacy_charset_and_undeclared_cp1252():
    declared = "<html><head><meta charset='windows-1252'></head><body><p>Commission\u2019s</p>"
    assert html_reader.read(declared.encode("cp1252"), path="x.html") == "Commission\u2019s\n"
    undeclared = "<html><body><p>Commission\u2019s</p>".encode("cp1252")
    assert html_reader.read(undeclared, path="x.html") == "Commission\u2019s\n"


# -- guards -----------------------------------------------------------------------------------

def zip_of(entries: dict[str, bytes]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def damaged_member(data: bytes) -> bytes:
    """The ZIP with the first bytes of its first member's compressed data overwritten."""
    info = zipfile.ZipFile(BytesIO(data)).infolist()[0]
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    return data[:start] + b"\xff" * 4 + data[start + 4:]


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  b'<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')

BAD_DOCX = [
    # a 200 MB part of zeros that deflates to ~200 KB: refused by its declared size
    ("zip bomb", zip_of({"word/document.xml": b"\0" * (200 * 1024 * 1024)}), "limit"),
    # a part whose inflation ratio is far beyond any XML (under the size limit)
    ("ratio", zip_of({"word/document.xml": b"<" + b" " * (30 * 1024 * 1024)}), "compression ratio"),
    # thousands of entries
    ("entries", zip_of({f"x/{i}.xml": b"" for i in range(2500)}), "entries"),
    # an XML entity bomb: no DTD is ever accepted
    ("entities", zip_of({"word/document.xml": BILLION_LAUGHS}), "DTD"),
    # a ZIP that is not a Word document (an OpenDocument file, say)
    ("not word", zip_of({"content.xml": b"<office/>"}), "not a Word document"),
    # the ZIP signature followed by garbage
    ("broken", b"PK\x03\x04" + b"\x00garbage" * 50, "broken ZIP"),
    # a deflate stream damaged inside a valid ZIP (fuzz/fuzz_readers.py: zlib.error leaked)
    ("damaged deflate", damaged_member(zip_of({"word/document.xml": b"<w:document/>" * 20})),
     "cannot read docx part 'word/document.xml': Error -3 while decompressing"),
]


@pytest.mark.parametrize("label,data,message", BAD_DOCX, ids=[c[0] for c in BAD_DOCX])
def test_bad_docx_is_refused_quickly_with_one_line(tmp_path, label, data, message):
    started = time.monotonic()
    with pytest.raises(FormatError, match=message):
        docx_reader.read(data, path="bad.docx")
    assert time.monotonic() - started < 1.0
    target = tmp_path / "bad.docx"
    target.write_bytes(data)
    run = run_cli("parse", str(target))
    assert run.code == 2 and run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    assert str(target) in run.stderr


def tiny_pdf(pages: int, text: str | None = "Takes note;", declared: int | None = None, *,
             font: str = "Helvetica", size: str = "12", broken_last_page: bool = False) -> bytes:
    """A minimal valid PDF with `pages` pages, each showing `text` (or nothing) in `font` at
    `size` points; its
    page tree declares `declared` pages (default: the truth). `broken_last_page`: the last
    page's font dictionary is cut short (a key without a value), so reading the page tree
    fails there."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               "<< /Type /Pages /Kids [%s] /Count %d >>" % (
                   " ".join(f"{4 + 2 * i} 0 R" for i in range(pages)), declared or pages),
               f"<< /Type /Font /Subtype /Type1 /BaseFont /{font} >>"]
    for i in range(pages):
        stream = f"BT /F1 {size} Tf 72 400 Td ({text}) Tj ET" if text else ""
        fonts = "/F1 3 0 R /F2" if broken_last_page and i == pages - 1 else "/F1 3 0 R"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       f"/Resources << /Font << {fonts} >> >> /Contents {5 + 2 * i} 0 R >>")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    return pdf_bytes(objects)


def test_pdf_page_limit_and_bad_pdfs(tmp_path):
    target = tmp_path / "long.pdf"
    target.write_bytes(tiny_pdf(5))
    assert pdf_reader.read(target.read_bytes(), path="long.pdf").count("Takes note;") == 5
    run = run_cli("parse", str(target), "--max-pages", "3")
    assert run.code == 2 and "5 pages, more than --max-pages 3" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    # A page tree that understates its size: PDFium takes the declared count, as the viewers
    # built on it do (Chromium's), so no more pages are read than the limit allows.
    assert pdf_reader.read(tiny_pdf(5, declared=1), path="lying.pdf",
                           max_pages=3).count("Takes note;") <= 3
    for data, message in [(b"%PDF-1.4\n garbage", "cannot read PDF"),
                          (tiny_pdf(1, text=None), "no text layer")]:
        with pytest.raises(FormatError, match=message):
            pdf_reader.read(data, path="bad.pdf")


def test_pdf_with_a_damaged_last_page_reads_what_pdfium_recovers(tmp_path):
    # Found by fuzz/fuzz_readers.py on the earlier reader (pdfplumber raised its error a
    # second time while closing, as a traceback): a font dictionary cut short on the last
    # page. PDFium recovers the page as the viewers built on it show it.
    target = tmp_path / "broken.pdf"
    target.write_bytes(tiny_pdf(2, broken_last_page=True))
    assert pdf_reader.read(target.read_bytes(), path=str(target)).count("Takes note;") == 2
    run = run_cli("parse", str(target))
    assert (run.code, run.stderr) == (0, "") and "Takes note;" in run.stdout


def test_pdf_reference_cycle_is_refused_at_once(tmp_path):
    # Found by fuzz/fuzz_readers.py: an object that is a reference to itself (here the
    # catalog, "1 0 obj 1 0 R endobj") sent the earlier reader (pdfminer) round for ever;
    # only the time limit ended it.
    for cycle in (["1 0 R"], ["2 0 R", "1 0 R"]):
        target = tmp_path / f"cycle{len(cycle)}.pdf"
        target.write_bytes(pdf_bytes(cycle))
        started = time.monotonic()
        run = run_cli("parse", str(target), "--input-format", "pdf")
        assert time.monotonic() - started < 30
        assert run.code == 2 and run.stdout == "" and run.stderr.count("\n") == 1
        assert str(target) in run.stderr and "cannot read PDF" in run.stderr
    # Also outside the main thread (no deadline there) and while other reads run: the guard
    # is installed once, so no read can lift it under another.
    import threading

    errors = []

    def read_cycle():
        try:
            pdf_reader.read(target.read_bytes(), path=str(target))
        except FormatError as exc:
            errors.append(str(exc))

    readers = [threading.Thread(target=read_cycle, daemon=True) for _ in range(3)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in readers)
    assert len(errors) == 3 and all("cannot read PDF" in e for e in errors)


def test_pdf_glyphs_at_infinite_positions_are_dropped():
    # Found by probing while the fuzzer ran: a 300-digit font size overflows the text
    # matrix to inf; such a run has no place on the page and is dropped, and a page of
    # nothing else has no text (one line, not OverflowError or IndexError).
    with pytest.raises(FormatError, match="no text layer"):
        pdf_reader.read(tiny_pdf(1, size="1" + "0" * 308), path="huge.pdf")
    assert pdf_reader.read(tiny_pdf(1, size="12"), path="fine.pdf") == "Takes note;\n"


def test_pdf_library_warnings_stay_off_stderr(tmp_path):
    # pdfminer logs repairs ("Could not get FontBBox ...", a font without metrics here);
    # with no logging configured Python printed them on stderr after a successful read.
    target = tmp_path / "odd-font.pdf"
    target.write_bytes(tiny_pdf(1, font="NoSuchFont"))
    run = run_cli("parse", str(target))
    assert run.code == 0 and "P1 Takes not" in run.stdout
    assert run.stderr == ""


def test_pdf_extraction_time_limit():
    data = tiny_pdf(40)
    with pytest.raises(FormatError, match="longer than"):
        pdf_reader.read(data, path="slow.pdf", time_limit=0.0005)


def test_missing_optional_package_says_what_to_install(tmp_path):
    target = tmp_path / "x.pdf"
    target.write_bytes(tiny_pdf(1))
    code = ("import sys; sys.modules['pypdfium2'] = None; sys.modules['pypdfium2.raw'] = None; from resdiff.cli import main; "
            f"sys.exit(main(['parse', {str(target)!r}]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and "pip install 'resdiff[pdf]'" in done.stderr


def test_load_reports_tracked_changes_and_passes_reader_options(tmp_path):
    target = tmp_path / "x.docx"
    target.write_bytes(package(p('<w:ins w:id="1" w:author="A">' + r("Urges") + "</w:ins>", r(" States;"))))
    assert load(str(target)).tracked_changes is True
    assert load(str(target), tracked="reject", max_pages=3).text == "States;\n"
    assert load(str(CORPUS / "a-res-52-132.txt"), tracked="error").tracked_changes is False


# -- textconv and git -----------------------------------------------------------------------

def test_textconv_prints_paragraph_ids_and_footnotes_last(tmp_path):
    run = run_cli("textconv", str(CORPUS / "a-res-52-132.txt"))
    assert (run.code, run.stderr) == (0, "")
    lines = run.stdout.splitlines()
    assert lines[0] == "# A/RES/52/132 Human rights and mass exoduses"
    assert lines[1].startswith("PP1 Deeply disturbed by the scale")
    assert lines[15].startswith("OP1 Takes note of the report of the Secretary-General")
    assert lines[33] == "# adopted 1997-12-12, 70th plenary meeting"
    assert lines[-1] == "[9] United Nations, Treaty Series, vol. 606, No. 8791."
    retyped = run_cli("textconv", str(CORPUS / "a-res-52-132-retyped.txt"))
    assert retyped.stdout == run.stdout  # two renderings of one text: identical


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_diff_through_the_textconv_driver(tmp_path):
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def git(*args):
        return subprocess.run(["git", *args], cwd=tmp_path, env=env, capture_output=True,
                              text=True, check=True).stdout

    git("init", "-q")
    git("config", "diff.resdiff.textconv", f"{sys.executable} -m resdiff textconv")
    (tmp_path / ".gitattributes").write_text("*.docx diff=resdiff\n")
    blocks = layout((CORPUS / "a-res-52-132-retyped.txt").read_text(encoding="utf-8"))
    (tmp_path / "draft.docx").write_bytes(docx_bytes(blocks))
    git("add", ".")
    git("commit", "-qm", "base")
    op3 = next(b for b in blocks if b.kind == "op" and b.number == "3")
    op3.runs[0].text = "Deplores"  # was the italic opening "Strongly deplores"
    (tmp_path / "draft.docx").write_bytes(docx_bytes(blocks))
    diff = subprocess.run(["git", "diff"], cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True).stdout
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert [line[:25] for line in changed] == ["-OP3 Strongly deplores et", "+OP3 Deplores ethnic and "]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("name", RICH_FILES + ["../tests/fixtures/parser/openings-multiword.txt"])
def test_pdf_exported_by_a_word_processor_parses_like_the_text(tmp_path, name):
    """The .docx (auto-numbering, italics, real footnotes) exported to PDF by LibreOffice:
    footnotes at the foot of each page, in the middle of paragraphs cut by page breaks, and a
    flat layout (no paragraph spacing, no indents: one-line paragraphs in a row)."""
    source = tmp_path / "draft.docx"
    source.write_bytes(docx_bytes(layout((CORPUS / name).read_text(encoding="utf-8"))))
    subprocess.run(["soffice", "--headless", "--norestore",
                    f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    same_as_text(name, pdf_reader.read((tmp_path / "draft.pdf").read_bytes(), path="draft.pdf"))


@pytest.mark.browser
def test_pdf_italic_boundaries_and_raised_markers(browser, tmp_path):  # noqa: F811
    # Glued italics (no space glyph between "Recalling" and "its", as in UN PDFs), a raised
    # footnote marker after a comma and one glued to a year, footnote lines at the end. A
    # comma glued to italics stays as printed (the parser repairs ",inter alia,").
    page = ("<html><body style='font:12pt serif'><p><em>Recalling</em>its resolution of 18 April "
            "1997,<sup>1</sup> the Protocol of 1967<sup>2</sup> and,<em>inter alia</em>, States,</p>"
            "<p style='font-size:10pt'><sup>1</sup> See E/1997/23.</p>"
            "<p style='font-size:10pt'><sup>2</sup> Treaty Series, vol. 606.</p></body></html>")
    print_pdf(browser, page, tmp_path / "x.pdf")
    assert pdf_reader.read((tmp_path / "x.pdf").read_bytes(), path="x.pdf") == (
        "Recalling its resolution of 18 April 1997,1 the Protocol of 19672 and,inter alia, States,"
        "\n\n1 See E/1997/23.\n\n2 Treaty Series, vol. 606.\n")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_with_an_open_password_is_named_as_such(tmp_path):
    # A real encrypted PDF: LibreOffice's export with a document-open password.
    source = tmp_path / "draft.docx"
    source.write_bytes(docx_bytes(layout((CORPUS / CORPUS_FILES[1]).read_text(encoding="utf-8"))))
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    subprocess.run(["soffice", "--headless", "--norestore",
                    f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", options, "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    run = run_cli("parse", str(tmp_path / "draft.pdf"))
    assert run.code == 2 and run.stderr.count("\n") == 1
    assert "password-protected" in run.stderr and "damaged" not in run.stderr
