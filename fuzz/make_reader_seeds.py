"""Write the seed inputs of fuzz_readers.py into fuzz/seeds_readers/{docx,html,pdf}/.

    .venv/bin/python fuzz/make_reader_seeds.py

Everything is built in Python from the project's own fixtures (tests/fixtures/formats/
builders.py and the parser fixtures), so the seeds are reproducible and small; nothing here
needs Word, a browser or the network. Rerun it after changing the builders or the harness's
input layout (fuzz_readers.DOCX_PARTS), and commit the result.

.docx seeds come in two kinds (see fuzz_readers.py): raw packages (flag byte, then a whole
ZIP) and structure-aware ones (flag byte naming one XML part, then that part's XML, which
the harness puts into an otherwise valid package).
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))
sys.path.insert(0, HERE)

from fixtures.formats.builders import (  # noqa: E402
    Block, Run, docx_bytes, html_text, layout, package, pdf_bytes)

from fuzz_readers import DOCX_PARTS, docx_input  # noqa: E402

PARSER = os.path.join(ROOT, "tests", "fixtures", "parser")
OUT = os.path.join(HERE, "seeds_readers")


def fixture(name: str) -> str:
    with open(os.path.join(PARSER, name), encoding="utf-8") as handle:
        return handle.read()


# -- .docx ----------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def p(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{''.join(runs)}</w:p>"


def r(text: str, rpr: str = "") -> str:
    return (f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}'
            f'<w:t xml:space="preserve">{text}</w:t></w:r>')


AUTHOR = 'w:author="Tester" w:date="2024-05-01T10:00:00Z"'
NUMBERED = '<w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{}"/></w:numPr>'
LISTS = ('<w:abstractNum w:abstractNumId="0">'
         '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
         '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
         '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>'
         '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalZero"/><w:lvlText w:val="%1.%4"/></w:lvl>'
         '</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
         '<w:lvlText w:val="\u2022"/></w:lvl></w:abstractNum>'
         '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
         '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
         '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
         '<w:startOverride w:val="5"/></w:lvlOverride><w:lvlOverride w:ilvl="1"><w:lvl w:ilvl="1">'
         '<w:start w:val="2"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%2)"/></w:lvl>'
         '</w:lvlOverride></w:num>')
STYLES = ('<w:style w:type="character" w:styleId="Opening"><w:rPr><w:i/></w:rPr></w:style>'
          '<w:style w:type="character" w:styleId="FootnoteReference"><w:rPr>'
          '<w:vertAlign w:val="superscript"/></w:rPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="Operative"><w:pPr>'
          '<w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:vanish w:val="0"/></w:rPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="OperativeChild"><w:basedOn w:val="Operative"/></w:style>')
NOTES = ('<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r>'
         '<w:r><w:t xml:space="preserve"> See E/1997/23.</w:t></w:r></w:p></w:footnote>'
         '<w:footnote w:id="8"><w:p><w:r><w:footnoteRef/></w:r><w:ins w:id="90" ' + AUTHOR + '>'
         '<w:r><w:t xml:space="preserve"> A/99/100</w:t></w:r></w:ins><w:del w:id="91" ' + AUTHOR + '>'
         '<w:r><w:delText>A/98/1</w:delText></w:r></w:del></w:p><w:p><w:r><w:t>Second paragraph.</w:t>'
         '</w:r></w:p></w:footnote>')
REF = ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
       '<w:footnoteReference w:id="{}"/></w:r>')


def rich_body() -> str:
    """One of every construct the reader handles: italics, numbering through styles and
    overrides, tracked runs and paragraph marks, moves, formatting changes, footnotes, a
    table, a content control, a hyperlink, a field, hidden text, breaks and tabs."""
    ins = f'<w:ins w:id="1" {AUTHOR}>' + r("strongly ") + "</w:ins>"
    dele = f'<w:del w:id="2" {AUTHOR}><w:r><w:delText>deeply </w:delText></w:r></w:del>'
    mark = f'<w:rPr><w:ins w:id="3" {AUTHOR}/></w:rPr>'
    return "".join([
        p(r("A/C.3/99/L.1"), "<w:r><w:br/></w:r>", r("Ninety-ninth session")),
        p(r("The General Assembly,")),
        p(r("Recalling", "<w:i/>"), r("its resolution 51/75,"), REF.format(7)),
        p(r("Noting", '<w:rStyle w:val="Opening"/>'), r(" with "), ins, dele, r("concern,"),
          ppr=mark),
        p(r("the continuation of a merged paragraph,")),
        p(r("Takes note;"), ppr=NUMBERED.format(0, 1)),
        p(r("first;"), ppr=NUMBERED.format(1, 1)),
        p(r("second;"), ppr=NUMBERED.format(2, 1) + f'<w:pPrChange w:id="4" {AUTHOR}><w:pPr>'
          + NUMBERED.format(1, 1) + "</w:pPr></w:pPrChange>"),
        p(r("Urges States;"), ppr=NUMBERED.format(0, 3)),
        p(r("Decides"), REF.format(8), r("."), ppr='<w:pStyle w:val="OperativeChild"/>'),
        p(r("a bullet"), ppr=NUMBERED.format(0, 2)),
        p(f'<w:moveFrom w:id="5" {AUTHOR}>' + r("moved away") + "</w:moveFrom>"),
        p(f'<w:moveTo w:id="6" {AUTHOR}>' + r("moved here") + "</w:moveTo>", ppr=NUMBERED.format(3, 1)),
        p(r("Welcomes"), r(" SECRET", "<w:vanish/>"), r("\tthe"), "<w:r><w:noBreakHyphen/></w:r>",
          r("report"), '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>3</w:t></w:r>'),
        "<w:tbl><w:tr><w:tc>" + p(r("cell one")) + "</w:tc><w:tc>" + p(r("cell two"))
        + "</w:tc></w:tr></w:tbl>",
        "<w:sdt><w:sdtContent>" + p(r("in a control")) + "</w:sdtContent></w:sdt>",
        p('<w:hyperlink r:id="rId9">' + r("See annex") + "</w:hyperlink>",
          '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', r("I"),
          '<w:r><w:fldChar w:fldCharType="end"/></w:r>', r("."),
          '<w:r><w:br w:type="page"/></w:r>'),
    ])


def tracked_blocks() -> list[Block]:
    return [
        Block("plain", [Run("The General Assembly,")]),
        Block("plain", [Run("Recalling", "opening"), Run(" its resolution 51/75,"),
                        Run("1", "mark")]),
        Block("op", [Run("Takes note", "opening"), Run(" of the "), Run("interim ", change="del"),
                     Run("final ", change="ins"), Run("report;")], number="1"),
        Block("op", [Run("Calls upon", "opening"), Run(" States:")], number="2",
              mark_change="del"),
        Block("sub", [Run("to respect the principle;", change="moveTo")], number="a", depth=1),
        Block("op", [Run("Decides", "opening"), Run(" to remain seized.", change="moveFrom")],
              number="3", mark_change="ins"),
        Block("footnote", [Run("See E/1997/23.")], number="1"),
    ]


def fixed_zip(data: bytes) -> bytes:
    """The same package with fixed timestamps, so rerunning this script changes nothing."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            new.writestr(info, old.read(item))
    return out.getvalue()


def docx_seeds() -> dict[str, bytes]:
    rich = package(rich_body(), numbering=LISTS, styles=STYLES, footnotes=NOTES)
    raw = {
        "rich-tracked-footnotes-numbering": rich,
        "subparagraphs-numbering-footnotes": docx_bytes(layout(fixture("subparagraphs-clean.txt"))),
        "negotiation-typed-labels": docx_bytes(layout(fixture("negotiation-bis-brackets.txt"))),
        "tracked-changes": docx_bytes(tracked_blocks()),
        "minimal": package(p(r("Takes note;"))),
        "strict-namespace": package(p(r("Takes note;"))).replace(
            W.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main"),
    }
    rich = fixed_zip(rich)
    seeds = {f"raw-{name}": docx_input(0, fixed_zip(data)) for name, data in raw.items()}
    with zipfile.ZipFile(io.BytesIO(rich)) as archive:
        for index, part in enumerate(DOCX_PARTS, 1):
            name = part.replace("/", "-").replace("_", "").strip("[]").replace("]", "")
            seeds[f"part{index}-{name}"] = docx_input(index, archive.read(part))
    # the tracked views: reject, and refuse (tracked="error")
    with zipfile.ZipFile(io.BytesIO(rich)) as archive:
        document = archive.read("word/document.xml")
    seeds["part1-word-document.xml-reject"] = docx_input(1, document, tracked=1)
    seeds["part1-word-document.xml-error"] = docx_input(1, document, tracked=2)
    return seeds


# -- .html ----------------------------------------------------------------------------------

HTML_PAGES = {
    "site-chrome": "<html><head><title>T</title><style>p{}</style></head><body><nav>Home</nav>"
                   "<script>alert(1)</script><p hidden>secret</p><p style='display: none'>gone</p>"
                   "<p>The General Assembly,</p><footer>Terms</footer></body></html>",
    "italic-openings": "<body><p><em>Recalling</em>its resolution,</p><p><span style='font-style:"
                       " italic'>Noting</span>the report,</p><p>5 bis. <i>Takes note</i>of it;</p></body>",
    "lists": "<body><ol start='3'><li>Requests:<ol type='a'><li>first;</li><li>second;</li></ol></li>"
             "<li value='5'>Decides.<ol type='i' start='4'><li>one</li><li>two</li></ol></li></ol>"
             "<ul><li>a bullet</li></ul></body>",
    "pandoc-endnotes": "<body><p>of 18 April 1997,<a href='#fn1' role='doc-noteref'><sup>1</sup></a> and</p>"
                       "<section role='doc-endnotes'><ol><li id='fn1'><p>See E/1997/23. <a href='#fnref1' "
                       "role='doc-backlink'>\u21a9</a></p></li></ol></section><p>Decides.</p></body>",
    "word-save-as-html": "<body><p class=MsoNormal>the Convention<a href='#_ftn1' name='_ftnref1'>"
                         "<span class=MsoFootnoteReference>[1]</span></a> and</p><div style="
                         "'mso-element:footnote-list'><div style='mso-element:footnote' id=ftn1><p "
                         "class=MsoFootnoteText><a href='#_ftnref1' name='_ftn1'>[1]</a> United Nations,"
                         " Treaty Series, vol. 189.</p></div></div><footer><div class='footnotes'><p>"
                         "2 A/99/100.</p></div></footer></body>",
    "breaks-entities-pre": "<body><p>A/C.3/54/L.99<br>Fifty-fourth   session</p><p>Commission&#8217;s"
                           "&nbsp;report</p><pre>  keep\n   this</pre><table><tr><td>cell</td></tr>"
                           "</table></body>",
    "xhtml": "<?xml version='1.0' encoding='utf-8'?><html xmlns='http://www.w3.org/1999/xhtml'><body>"
             "<p>Urges States;</p></body></html>",
}


def html_seeds() -> dict[str, bytes]:
    seeds = {name: page.encode("utf-8") for name, page in HTML_PAGES.items()}
    seeds["subparagraphs"] = html_text(layout(fixture("subparagraphs-clean.txt"))).encode("utf-8")
    seeds["negotiation-indented"] = html_text(layout(fixture("negotiation-bis-brackets.txt")),
                                              chrome=False, indented=True).encode("utf-8")
    seeds["legacy-charset"] = (b'<html><head><meta charset="windows-1252"></head><body>'
                               b"<p>Commission\x92s report</p></body></html>")
    seeds["utf16-bom"] = "\ufeff<html><body><p>Urges States;</p></body></html>".encode("utf-16-le")
    return seeds


# -- .pdf -----------------------------------------------------------------------------------

TO_UNICODE = """/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0010> <FB01> endbfchar
1 beginbfrange <0024> <005D> <0041> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""


def pdf_file(pages: list[str], *, compress: bool = False) -> bytes:
    """A small valid PDF: one content stream per page; fonts F1 Times Roman, F2 Times Italic,
    F3 a composite (Type0, Identity-H) font whose text comes from a ToUnicode CMap."""
    fonts = "<< /F1 3 0 R /F2 4 0 R /F3 5 0 R >>"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               "<< /Type /Pages /Kids [%s] /Count %d >>" % (
                   " ".join(f"{8 + 2 * i} 0 R" for i in range(len(pages))), len(pages)),
               "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Italic >>",
               "<< /Type /Font /Subtype /Type0 /BaseFont /Arial-ItalicMT /Encoding /Identity-H "
               "/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
               "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial-ItalicMT /CIDSystemInfo "
               "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 "
               "/W [3 [250] 16 [560]] >>"]
    streams = {7: TO_UNICODE.encode("ascii")}
    objects.append(f"<< /Length {len(streams[7])} >>")
    for i, content in enumerate(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font {fonts} >> /Contents {9 + 2 * i} 0 R >>")
        data = content.encode("latin-1")
        if compress:
            data = zlib.compress(data, 9)
        streams[len(objects) + 1] = data
        objects.append(f"<< /Length {len(data)}{' /Filter /FlateDecode' if compress else ''} >>")
    return pdf_bytes(objects, streams)


def lines(*rows: tuple) -> str:
    """BT/ET text rows: (x, y, font, size, text) or (x, y, font, size, text, rise)."""
    out = []
    for row in rows:
        x, y, font, size, text = row[:5]
        rise = f" {row[5]} Ts" if len(row) > 5 else ""
        shown = f"<{text}>" if text.startswith("0") else f"({text})"  # hex: glyph ids for F3
        out.append(f"BT /{font} {size} Tf{rise} {x} {y} Td {shown} Tj ET")
    return "\n".join(out)


def pdf_seeds() -> dict[str, bytes]:
    page1 = lines(
        (72, 790, "F1", 9, "A/C.3/99/L.1"),  # running head
        (72, 700, "F1", 12, "The General Assembly,"),
        (100, 680, "F2", 12, "Recalling"), (152, 680, "F1", 12, "its resolution 51/75 of"),
        (72, 666, "F1", 12, "18 April 1997,"), (148, 670, "F1", 7, "1"),
        (100, 640, "F2", 12, "Noting"), (136, 640, "F1", 12, "the report of the Secretary-"),
        (72, 626, "F1", 12, "General,"),
        (72, 600, "F1", 12, "1."), (100, 600, "F2", 12, "Takes note"), (160, 600, "F1", 12, "of it;"),
        # "Con" + U+FB01 + "rms" (glyph ids through the ToUnicode CMap, an italic CID font)
        (100, 580, "F3", 12, "0026005200510010005500500056"), (180, 580, "F1", 12, "the decision;"),
        (72, 120, "F1", 9, "1 See E/1997/23."),
        (290, 50, "F1", 9, "- 1 -"),
    )
    page2 = lines(
        (72, 790, "F1", 9, "A/C.3/99/L.1"),
        (72, 700, "F1", 12, "2."), (100, 700, "F2", 12, "Calls upon"), (160, 700, "F1", 12, "States:"),
        (100, 686, "F1", 12, "(a) To respect the principle \\(of non-refoulement\\);"),
        (72, 660, "F1", 12, "3."), (100, 660, "F2", 12, "Decides"), (150, 660, "F1", 12, "to remain seized."),
        (72, 640, "F1", 12, "52nd plenary meeting", 0), (72, 626, "F1", 12, "12 December 1997"),
        (290, 50, "F1", 9, "Page 2"),
    )
    return {
        "one-line": pdf_file([lines((72, 700, "F1", 12, "Takes note;"))]),
        "resolution-two-pages": pdf_file([page1, page2]),
        "resolution-flate": pdf_file([page1, page2], compress=True),
        "no-text-layer": pdf_file(["0 0 m 100 100 l S"]),
    }


def main() -> None:
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for fmt, seeds in (("docx", docx_seeds()), ("html", html_seeds()), ("pdf", pdf_seeds())):
        os.makedirs(os.path.join(OUT, fmt))
        for name, data in sorted(seeds.items()):
            with open(os.path.join(OUT, fmt, name), "wb") as handle:
                handle.write(data)
        print(f"{fmt}: {len(seeds)} seeds, {sum(map(len, seeds.values()))} bytes")


if __name__ == "__main__":
    main()
