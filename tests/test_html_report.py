"""The HTML report (issue 4): structure and security from the source, behaviour in Chromium.

Browser tests are marked ``browser`` and use tests/browser_support.py (they skip without
/usr/bin/chromium unless RESDIFF_REQUIRE_BROWSER=1, where they fail). The corpus pair is
A/RES/52/132 against the project's illustrative draft; expected values come from the JSON
renderer of the same comparison, never from numbers copied into this file.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import random
import re
import time
from pathlib import Path

import pytest

from browser_support import ARTIFACTS
from resdiff.engine import compare
from resdiff.model import CHANGE_KINDS, PARAGRAPH_JOINER
from resdiff.render.html import render_comparison

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "corpus" / "a-res-52-132.txt"
DRAFT = ROOT / "corpus" / "illustrative-54-draft.txt"
SUMMARY_KEYS = CHANGE_KINDS + ("strengthened", "weakened")

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
           "</style><script>alert(2)</script>", '" onmouseover="alert(3)"']


def _edited_copy(old: str) -> str:
    """52/132 with a weakened verb (OP6 Urges > Encourages), PP3 dropped and an OP added:
    the new text when the illustrative draft is not in the corpus."""
    blocks = [b for b in old.split("\n\n") if not b.startswith("Noting with satisfaction")]
    text = "\n\n".join(blocks).replace("6. Urgesall", "6. Encouragesall")
    return text.replace("18. Decidesto", "18. Calls uponall States to support the work of the "
                        "special rapporteurs;\n\n19. Decidesto")


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> tuple[Path, Path]:
    """(old, new) paths relative to the repository, as a user would type them."""
    if DRAFT.exists():
        return OLD.relative_to(ROOT), DRAFT.relative_to(ROOT)
    new = tmp_path_factory.mktemp("pair") / "edited.txt"
    new.write_text(_edited_copy(OLD.read_text(encoding="utf-8")), encoding="utf-8")
    return OLD.relative_to(ROOT), new


@pytest.fixture(scope="module")
def report(pair, tmp_path_factory) -> dict:
    """The corpus report written by the real CLI, with the JSON of the same comparison."""
    from conftest import run_cli

    out = tmp_path_factory.mktemp("report") / "report.html"
    written = run_cli("compare", str(pair[0]), str(pair[1]), "--format", "html", "-o", str(out))
    assert (written.code, written.stderr, written.stdout) == (1, "", "")
    as_json = run_cli("compare", str(pair[0]), str(pair[1]), "--format", "json")
    assert as_json.code == 1, as_json.stderr
    return {"path": out, "html": out.read_text(encoding="utf-8"),
            "json": json.loads(as_json.stdout), "comparison": compare(ROOT / pair[0], ROOT / pair[1])}


def _inline(source: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}>(.*?)</{tag}>", source, flags=re.S)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# ---- from the source, no browser ------------------------------------------------------------


def test_fallback_pair_has_the_edits_the_tests_need(tmp_path):
    """The pair used when the illustrative draft is missing still exercises the report."""
    edited = tmp_path / "edited.txt"
    edited.write_text(_edited_copy(OLD.read_text(encoding="utf-8")), encoding="utf-8")
    summary = compare(OLD, edited).summary
    assert summary["dropped"] >= 1 and summary["added"] >= 1 and summary["weakened"] >= 1


def test_csp_is_first_in_head_and_hashes_the_exact_inline_code(report):
    source = report["html"]
    head = source.split("<head>", 1)[1].lstrip()
    assert head.startswith('<meta http-equiv="Content-Security-Policy" content="')
    csp = html.unescape(re.match(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"',
                                 head).group(1))
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    (style,), (script,) = _inline(source, "style"), _inline(source, "script")
    assert directives["style-src"] == _sha256(style)
    assert directives["script-src"] == _sha256(script)
    assert source.count("<script") == 1 and source.count("<style") == 1


def test_no_external_url_anywhere(report):
    source = report["html"].lower()
    patterns = [r"[a-z][a-z0-9+.-]*://",  # any scheme URL: http, https, ftp, file
                r"""[\"'(=]\s*//""",       # protocol-relative //host
                r"url\(", r"@import", r"\bsrc=", r"<link", r"@font-face", r"\baction="]
    for pattern in patterns:
        found = [m.start() for m in re.finditer(pattern, source)]
        assert found == [], (pattern, [source[i - 40:i + 40] for i in found[:3]])


def test_element_ids_come_from_indices_only(report):
    ids = re.findall(r'\sid="([^"]*)"', report["html"])
    fixed = {"report", "changes", "changes-h", "footnotes", "footnotes-h", "summary-h",
             "warnings-h", "view-sbs", "view-redline", "doc-0", "doc-1"}
    assert all(i in fixed or re.fullmatch(r"[cmf]\d+(-h)?", i) for i in ids), ids
    assert len(ids) == len(set(ids))


def test_output_is_byte_identical_across_runs(report, pair, monkeypatch):
    again = render_comparison(compare(ROOT / pair[0], ROOT / pair[1]))
    assert render_comparison(report["comparison"]) == again
    # the CLI run (another process, relative paths) writes the same bytes
    monkeypatch.chdir(ROOT)
    relative = compare(pair[0], pair[1])
    assert render_comparison(relative) == report["html"]


def test_one_element_per_change_in_the_json_order(report):
    rows = re.findall(r'data-kind="([^"]*)" data-old="([^"]*)" data-new="([^"]*)"', report["html"])
    expected = [(c["kind"], " ".join(c["old"]), " ".join(c["new"])) for c in report["json"]["changes"]]
    assert rows == expected


def test_hostile_strings_never_reach_the_markup(hostile_report):
    source = hostile_report.read_text(encoding="utf-8")
    for text in HOSTILE:
        assert text not in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert source.count("<script") == 1 and "<img" not in source and "onerror=" not in source.replace(
        "onerror=alert(1)&gt;", "")


RESOLUTION = ("Written by the resdiff test suite. Not a United Nations document.\n\n"
              "Test title\n\nThe General Assembly,\n\nRecalling its resolutions,\n\n"
              "1. {verb} all States to act;\n")
PLAIN = "First plain paragraph of a compilation.\n\nSecond plain paragraph {word}.\n"

EDGE_CASES = [
    # the same text twice: a verdict instead of an empty page
    ("same", RESOLUTION.format(verb="Urges"), RESOLUTION.format(verb="Urges"),
     ["No differences", "2 unchanged paragraphs hidden"]),
    # an empty old file: everything added, no footnotes section content
    ("empty-old", "", RESOLUTION.format(verb="Urges"),
     ['data-kind="added"', "Neither text has footnotes."]),
    # one unchanged paragraph: singular wording; the weakened verb shows as a badge
    ("one-unchanged", RESOLUTION.format(verb="Urges"), RESOLUTION.format(verb="Encourages"),
     ["1 unchanged paragraph hidden", "to show it.", "weakened: Urges → Encourages"]),
    # no PP/OP structure: the parser's fallback warning reaches the page
    ("plain", PLAIN.format(word="here"), PLAIN.format(word="there"),
     ["<h2 id=\"warnings-h\">Warnings</h2>", "old: no organ line"]),
]


@pytest.mark.parametrize("name, old, new, expected", EDGE_CASES, ids=[c[0] for c in EDGE_CASES])
def test_edge_cases_render(tmp_path, name, old, new, expected):
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    comparison = compare(tmp_path / "old.txt", tmp_path / "new.txt")
    source = render_comparison(comparison)
    for text in expected:
        assert html.escape(text, quote=False) in source or text in source, text
    assert source.count("data-kind=") == len(comparison.changes)


def test_strict_mode_is_stated(report):
    from dataclasses import replace

    assert "Strict mode" in render_comparison(replace(report["comparison"], strict=True))


# ---- in Chromium ----------------------------------------------------------------------------

VISIBLE_ROWS = """() => Array.from(document.querySelectorAll('[data-kind]'))
    .filter(e => e.getClientRects().length > 0).map(e => e.dataset.kind)"""


@pytest.mark.browser
def test_counts_in_the_page_match_the_json(report, open_page):
    watched = open_page(report["path"])
    page = watched.page
    counts = page.eval_on_selector_all(
        "[data-count]", "els => els.map(e => [e.dataset.count, Number(e.textContent)])")
    assert dict(counts) == {key: report["json"]["summary"][key] for key in SUMMARY_KEYS}
    assert len(counts) == len(SUMMARY_KEYS)
    assert page.locator("[data-kind]").count() == len(report["json"]["changes"])
    footnotes = page.eval_on_selector_all(
        "[data-footnote-kind]", "els => els.map(e => [e.dataset.footnoteKind, "
        "e.dataset.footnoteOld || null, e.dataset.footnoteNew || null])")
    assert footnotes == [[f["kind"], f["old"], f["new"]] for f in report["json"]["footnotes"]]
    watched.assert_clean()


@pytest.mark.browser
def test_filters_and_view_toggle_without_reload(report, open_page):
    watched = open_page(report["path"])
    page = watched.page
    kinds = [c["kind"] for c in report["json"]["changes"]]
    page.evaluate("window.notReloaded = true")
    assert page.evaluate(VISIBLE_ROWS) == [k for k in kinds if k != "unchanged"]
    page.check("input[data-filter=unchanged]")
    assert page.evaluate(VISIBLE_ROWS) == kinds
    page.uncheck("input[data-filter=reworded]")
    assert page.evaluate(VISIBLE_ROWS) == [k for k in kinds if k != "reworded"]
    page.check("input[data-filter=reworded]")

    first = page.locator("[data-kind]").first
    assert first.locator(".sbs").is_visible() and not first.locator(".redline").is_visible()
    page.check("#view-redline")
    assert first.locator(".redline").is_visible() and not first.locator(".sbs").is_visible()
    page.check("#view-sbs")
    assert first.locator(".sbs").is_visible()
    assert page.evaluate("window.notReloaded") is True
    watched.assert_clean()


@pytest.mark.browser
def test_n_and_p_move_focus_between_visible_changes(report, open_page):
    watched = open_page(report["path"])
    page = watched.page
    changes = report["json"]["changes"]
    shown = [f"c{i}" for i, c in enumerate(changes) if c["kind"] != "unchanged"]
    focused = "() => document.activeElement.id"
    page.keyboard.press("n")
    assert page.evaluate(focused) == shown[0]
    page.keyboard.press("n")
    assert page.evaluate(focused) == shown[1]
    page.keyboard.press("p")
    assert page.evaluate(focused) == shown[0]
    # the focused row is scrolled into view
    assert page.locator(f"#{shown[0]}").is_visible()
    page.keyboard.press("p")
    assert page.evaluate(focused) == shown[0]  # nothing before the first: focus stays
    # a filtered-out kind is skipped
    page.uncheck("input[data-filter=reworded]")
    page.locator(f"#{shown[0]}").focus()
    page.keyboard.press("n")
    after = [f"c{i}" for i, c in enumerate(changes) if c["kind"] not in ("unchanged", "reworded")]
    target = page.evaluate(focused)
    assert target in after and changes[int(target[1:])]["kind"] != "reworded"
    watched.assert_clean()


@pytest.mark.browser
def test_moved_paragraphs_link_to_their_old_place_and_back(report, open_page):
    watched = open_page(report["path"])
    page = watched.page
    moved = [i for i, c in enumerate(report["json"]["changes"]) if c["kind"] == "moved"]
    for i in moved:
        assert page.get_attribute(f"#c{i} a.counterpart", "href") == f"#m{i}"
        assert page.get_attribute(f"#m{i} a", "href") == f"#c{i}"
    if moved:
        page.click(f"#c{moved[0]} a.counterpart")
        page.wait_for_function(f"document.activeElement.id === 'm{moved[0]}'")
        page.click(f"#m{moved[0]} a")
        page.wait_for_function(f"document.activeElement.id === 'c{moved[0]}'")
    watched.assert_clean()


REBUILT = """() => Array.from(document.querySelectorAll('[data-kind], [data-footnote-kind]')).map(row => {
  const strip = (selector, drop) => {
    const copy = row.querySelector(selector).cloneNode(true);
    copy.querySelectorAll(drop + ', .sr').forEach(e => e.remove());
    return copy.textContent;
  };
  const redline = row.matches('[data-kind]') ? '.redline' : '.text';
  return {old: strip(redline, 'ins'), new: strip(redline, 'del'),
          sideOld: row.matches('[data-kind]') ? strip('.side.old', 'ins') : null,
          sideNew: row.matches('[data-kind]') ? strip('.side.new', 'del') : null};
})"""


@pytest.mark.browser
def test_text_without_ins_is_old_and_without_del_is_new(report, open_page):
    """RELIABILITY invariant 7, in the redline, in both side-by-side columns, in footnotes."""
    watched = open_page(report["path"])
    comparison = report["comparison"]
    old, new = comparison.old, comparison.new
    expected = []
    for change in comparison.changes:
        old_text = PARAGRAPH_JOINER.join(old.paragraph(i).text for i in change.old)
        new_text = PARAGRAPH_JOINER.join(new.paragraph(i).text for i in change.new)
        expected.append({"old": old_text, "new": new_text, "sideOld": old_text, "sideNew": new_text})
    old_notes = {f.mark: f.text for f in old.footnotes}
    new_notes = {f.mark: f.text for f in new.footnotes}
    for note in comparison.footnotes:
        expected.append({"old": old_notes.get(note.old, ""), "new": new_notes.get(note.new, ""),
                         "sideOld": None, "sideNew": None})
    assert watched.page.evaluate(REBUILT) == expected
    watched.assert_clean()


@pytest.mark.browser
def test_inline_style_and_script_run_under_the_csp_and_nothing_else_would(report, open_page, tmp_path):
    watched = open_page(report["path"])
    page = watched.page
    first_child = page.evaluate("document.head.firstElementChild.outerHTML")
    assert first_child.startswith('<meta http-equiv="Content-Security-Policy"')
    decoration = "sel => getComputedStyle(document.querySelector(sel)).textDecorationLine"
    assert page.evaluate(decoration, "del") == "line-through"
    assert page.evaluate(decoration, "ins") == "underline"
    background = "sel => getComputedStyle(document.querySelector(sel)).backgroundColor"
    assert page.evaluate(background, "del") == "rgb(253, 227, 211)"  # the inline style applies
    assert page.evaluate("document.getElementById('report').classList.contains('hide-unchanged')")
    watched.assert_clean()
    # Control: one byte changed in the style or script and the browser refuses it.
    tampered = tmp_path / "tampered.html"
    tampered.write_text(report["html"].replace("--ink: #1b1f24;", "--ink: #1b1f25;")
                        .replace('"use strict";', '"use strict"; window.tampered = 1;'),
                        encoding="utf-8")
    bad = open_page(tampered)
    assert bad.page.evaluate(background, "del") == "rgba(0, 0, 0, 0)"
    assert bad.page.evaluate("window.tampered") is None
    assert len(bad.console_errors) == 2 and all("Content Security Policy" in e
                                                 for e in bad.console_errors)


@pytest.mark.browser
def test_print_stylesheet_hides_controls_and_keeps_marks(report, open_page):
    watched = open_page(report["path"])
    page = watched.page
    page.check("input[data-filter=unchanged]")
    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()
    # paper gets the redline, whatever the view on screen
    first = page.locator("[data-kind]").first
    assert first.locator(".redline").is_visible() and not first.locator(".sbs").is_visible()
    decoration = "sel => getComputedStyle(document.querySelector(sel)).textDecorationLine"
    assert page.evaluate(decoration, "del") == "line-through"
    assert page.evaluate(decoration, "ins") == "underline"
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "html-report.pdf"), format="A4", print_background=True)
    watched.assert_clean()


@pytest.fixture
def hostile_report(tmp_path) -> Path:
    """Two texts full of markup and controls, compared through the CLI; the new file's name
    is itself markup."""
    from conftest import run_cli

    old = tmp_path / "old.txt"
    old.write_text(
        "ILLUSTRATIVE TEXT written by the resdiff project for testing. Not a UN document.\n\n"
        "A/C.3/99/L.1\nNinety-ninth session\n\n"
        "Hostile <b>title</b> & \"quotes\" <script>alert(1)</script>\n\n"
        "The General Assembly,\n\n"
        "Recalling <script>alert(1)</script> its previous resolutions,1\n\n"
        "Noting the report of the Secretary-General,\n\n"
        "1. Urges all States to cooperate fully;\n\n"
        "2. Requests the Secretary-General to report at its next session.\n\n"
        "1 See <img src=x onerror=alert(1)> document A/99/1.\n", encoding="utf-8")
    new = tmp_path / "<img src=x onerror=alert(1)>.txt"
    new.write_text(
        old.read_text(encoding="utf-8")
        .replace("Noting the report of the Secretary-General,",
                 "Noting the report <img src=x onerror=alert(1)> of the \u202eSecretary-General"
                 "\x1b[31m,")
        .replace("1. Urges", "1. Encourages")
        .replace("2. Requests", "2. Decides that </style><script>alert(2)</script>\" "
                 "onmouseover=\"alert(3)\" shall apply;\n\n3. Requests"), encoding="utf-8")
    out = tmp_path / "hostile.html"
    done = run_cli("compare", str(old), str(new), "--format", "html", "-o", str(out))
    assert (done.code, done.stderr) == (1, "")
    return out


ALLOWED_TAGS = {"a", "body", "code", "dd", "del", "div", "dl", "dt", "fieldset", "footer",
                "h1", "h2", "h3", "head", "header", "html", "input", "ins", "kbd", "label",
                "legend", "li", "main", "meta", "nav", "p", "script", "section", "span",
                "style", "title", "ul"}
ALLOWED_ATTRIBUTES = {"aria-hidden", "aria-label", "aria-labelledby", "charset", "checked",
                      "class", "content", "data-count", "data-cp", "data-filter",
                      "data-footnote-kind", "data-footnote-new", "data-footnote-old",
                      "data-kind", "data-new", "data-old", "data-part", "href", "http-equiv",
                      "id", "lang", "name", "tabindex", "title", "type", "value"}


@pytest.mark.browser
def test_hostile_text_is_shown_literally_and_never_runs(hostile_report, open_page):
    watched = open_page(hostile_report)
    page = watched.page
    page.check("input[data-filter=unchanged]")
    page.mouse.move(400, 400)
    for row in page.locator("[data-kind]").all():  # hover every row: onmouseover must not fire
        row.hover()
    page.check("#view-redline")
    text = page.inner_text("body")
    for hostile in HOSTILE + ["<b>title</b>", "<img src=x onerror=alert(1)>.txt"]:
        assert hostile.strip('"') in text, hostile
    assert "<U+202E>" in page.evaluate("getComputedStyle(document.querySelector('.ctl'), "
                                       "'::before').content")
    tags = set(page.evaluate("Array.from(document.querySelectorAll('*'), e => e.localName)"))
    attributes = set(page.evaluate(
        "Array.from(document.querySelectorAll('*'), e => e.getAttributeNames()).flat()"))
    assert tags <= ALLOWED_TAGS and attributes <= ALLOWED_ATTRIBUTES
    assert page.evaluate("document.scripts.length") == 1 and page.evaluate("document.images.length") == 0
    watched.assert_clean()


def _synthetic(path: Path, count: int, *, edited: bool) -> Path:
    """A project-written text of `count` distinct paragraphs (half PP, half OP)."""
    words = ("States refugees protection assistance international cooperation displaced persons "
             "human rights commission mandate resources report session efforts measures "
             "solutions return voluntary safety dignity").split()
    lines = ["SYNTHETIC TEXT written by the resdiff test suite. Not a United Nations document.",
             "", "Synthetic resolution", "", "The General Assembly,", ""]
    for i in range(count // 2):
        body = " ".join(random.Random(i).choice(words) for _ in range(30)) + f" item {i}"
        if edited and i % 7 == 0:
            body = body.replace("item", "entry")
        lines += [f"Recalling {body},", ""]
    for i in range(count // 2):
        body = " ".join(random.Random(10_000 + i).choice(words) for _ in range(30)) + f" item {i}"
        if edited and i % 5 == 0:
            body += " as appropriate"
        if edited and i % 50 == 3:
            continue
        verb = "Encourages" if edited and i % 11 == 0 else "Urges"
        lines += [f"{i + 1}. {verb} {body};", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.browser
def test_thousand_paragraphs_open_and_filter_quickly(tmp_path, open_page):
    comparison = compare(_synthetic(tmp_path / "old.txt", 1000, edited=False),
                         _synthetic(tmp_path / "new.txt", 1000, edited=True))
    assert len(comparison.old.paragraphs) == 1000
    started = time.perf_counter()
    source = render_comparison(comparison)
    assert time.perf_counter() - started < 2.0
    out = tmp_path / "big.html"
    out.write_text(source, encoding="utf-8")
    started = time.perf_counter()
    watched = open_page(out)
    page = watched.page
    page.wait_for_load_state("load")
    assert time.perf_counter() - started < 5.0
    assert page.locator("[data-kind]").count() == len(comparison.changes)
    timing = page.evaluate("""() => {
      const times = [];
      for (const selector of ['input[data-filter=unchanged]', '#view-redline',
                              'input[data-filter=reworded]', '#view-sbs']) {
        const start = performance.now();
        document.querySelector(selector).click();
        document.body.getBoundingClientRect();  // force style and layout now
        times.push(performance.now() - start);
      }
      return times;
    }""")
    assert max(timing) < 1500, timing
    assert page.evaluate(VISIBLE_ROWS).count("reworded") == 0
    assert page.evaluate(VISIBLE_ROWS).count("unchanged") == comparison.summary["unchanged"]
    started = time.perf_counter()
    for _ in range(20):
        page.keyboard.press("n")
    assert time.perf_counter() - started < 5.0
    watched.assert_clean()


@pytest.mark.browser
def test_screenshot_for_review(report, open_page):
    """Writes tests/artifacts/html-report*.png so a reviewer can see the report."""
    watched = open_page(report["path"], width=1280, height=1000)
    page = watched.page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report.png"))
    page.screenshot(path=str(ARTIFACTS / "html-report-full.png"), full_page=True)
    page.check("#view-redline")
    page.screenshot(path=str(ARTIFACTS / "html-report-redline.png"), full_page=True)
    assert (ARTIFACTS / "html-report.png").stat().st_size > 10_000
    watched.assert_clean()


@pytest.mark.browser
def test_the_watch_itself_sees_requests_dialogs_and_errors(open_page, tmp_path):
    """Control for the 'nothing happened' assertions: a page without CSP that loads an image
    and runs an alert is caught (the request aborted, the dialog dismissed)."""
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<!DOCTYPE html><img src="https://example.invalid/pixel.png">'
                     "<script>alert(1); undefinedFunction();</script>", encoding="utf-8")
    watched = open_page(leaky)
    watched.page.wait_for_timeout(200)
    assert any("example.invalid" in url for url in watched.requests)
    assert watched.dialogs == ["alert: 1"]
    assert watched.page_errors
