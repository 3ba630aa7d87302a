"""History and blame: lineages across versions, origin and unchanged_since, the formats, the CLI.

The synthetic series below are written by the project for these tests (not UN text); their
truth is known by construction: renumbering, moves (within the operative part and across
from the preamble), a split, merges (also of parts with different origins), a reference
update, paragraphs added, dropped, and added-then-dropped. The corpus series is checked
against the hand-written gold alignments.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from resdiff.history import blame, build_history, load_history, version_of
from resdiff.model import Place, Version
from resdiff.render.history_html import render_history as history_html
from resdiff.render.history_json import blame_dict, history_dict
from resdiff.render.history_text import render_blame, render_history as history_text
from resdiff.series import read_manifest
from resdiff.errors import ConfigError, InputError
from conftest import CORPUS, run_cli

HEADER = ("TEST TEXT written by the resdiff project for tests/test_history.py. "
          "Not a United Nations document.")

# -- paragraphs (project-written; distinct topics so that the truth is unambiguous) ----------
A = ("Recalling its earlier resolutions on the protection of fishing communities along the "
     "northern coast and the management of shared marine resources")
B = ("Noting with concern the decline of river water quality in the upland districts and its "
     "effects on agriculture and drinking water supplies")
B2 = ("Noting with deep concern the decline of river water quality in the upland districts and "
      "its effects on agriculture, fisheries and drinking water supplies")
C = ("Welcoming the establishment of a regional training centre for customs officers and border "
     "officials in the western provinces")
N1 = ("Bearing in mind the importance of reliable census data for the planning of schools, "
      "clinics and public transport networks")
W = ("Welcoming the adoption of a regional plan for the conservation of mountain forests and "
     "watersheds")
W_OP = ("Welcomes the adoption of a regional plan for the conservation of mountain forests and "
        "watersheds")
O1 = ("Requests the Secretary-General to submit a report on the implementation of the present "
      "resolution")
O1R = ("Requests the Secretary-General to submit a comprehensive report, including "
       "recommendations, on the implementation of the present resolution")
O2 = ("Urges all States to strengthen cooperation in the exchange of meteorological information "
      "and early warnings of severe storms")
O3 = ("Encourages donor agencies to support the rehabilitation of rural roads and bridges "
      "damaged by seasonal floods")
O4 = ("Invites the regional commissions to organize workshops on the digitization of land "
      "registries and cadastral maps")
O5 = ("Emphasizes the need to protect archives and libraries from fire and water damage, and "
      "calls upon Governments to allocate funds for the restoration of historic manuscripts "
      "held in public collections")
O5A = "Emphasizes the need to protect archives and libraries from fire and water damage"
O5B = ("Calls upon Governments to allocate funds for the restoration of historic manuscripts "
       "held in public collections")
O6 = ("Encourages universities to expand scholarship programmes for students of veterinary "
      "medicine from small island States")
O7 = ("Notes with appreciation the contributions of private foundations to laboratory equipment "
      "for veterinary schools")
O67 = ("Encourages universities to expand scholarship programmes for students of veterinary "
       "medicine from small island States, and notes with appreciation the contributions of "
       "private foundations to laboratory equipment for veterinary schools")
O8 = "Decides to continue its consideration of the question at its sixtieth session"
O8R = "Decides to continue its consideration of the question at its sixty-second session"
X = ("Requests the regional commissions to publish an annual survey of water tariffs in member "
     "States")
Y = "Takes note of the report of the expert group on glacier monitoring stations"
O1Y = ("Requests the Secretary-General to submit a report on the implementation of the present "
       "resolution, and takes note of the report of the expert group on glacier monitoring "
       "stations")


def render(preamble: list[str], operative: list[str]) -> str:
    """A resolution-shaped text: header note, organ line, PP ending ",", numbered OP."""
    lines = [HEADER, "", "The General Assembly,", ""]
    for text in preamble:
        lines += [text + ",", ""]
    for number, text in enumerate(operative, 1):
        lines += [f"{number}. {text}{'.' if number == len(operative) else ';'}", ""]
    return "\n".join(lines)


def write_series(directory: Path, versions: list[tuple[list[str], list[str]]]) -> list[str]:
    paths = []
    for index, (preamble, operative) in enumerate(versions):
        path = directory / f"v{index}.txt"
        path.write_text(render(preamble, operative), encoding="utf-8")
        paths.append(str(path))
    return paths


# Four versions: v1 inserts a PP at the top (renumbering) and rewords OP1; v2 splits OP5,
# merges OP6+OP7 and moves OP4 to the end (same words); v3 drops PP3 (B) and updates the
# session ordinal in the last OP (a reference update).
FOUR = [
    ([A, B, C], [O1, O2, O3, O4, O5, O6, O7, O8]),
    ([N1, A, B, C], [O1R, O2, O3, O4, O5, O6, O7, O8]),
    ([N1, A, B, C], [O1R, O2, O3, O5A, O5B, O67, O4, O8]),
    ([N1, A, C], [O1R, O2, O3, O5A, O5B, O67, O4, O8R]),
]

# Three versions: v1 moves PP2 (W) into the operative part as "Welcomes" and adds Y and X;
# v2 rewords B, merges OP1 (from v0) with Y (added in v1) and drops X (added in v1).
THREE = [
    ([A, W, B], [O1, O2, O8]),
    ([A, B], [O1, Y, O2, W_OP, X, O8]),
    ([A, B2], [O1Y, O2, W_OP, O8]),
]


@pytest.fixture
def four(tmp_path):
    return build_history_of(write_series(tmp_path, FOUR))


@pytest.fixture
def three(tmp_path):
    return build_history_of(write_series(tmp_path, THREE))


def build_history_of(paths):
    return load_history(paths)  # no cache: the cache has its own tests


def blame_table(history, version=None, **options):
    """{id: (origin, unchanged_since)} as "v0 OP7" strings."""
    return {e.id: (f"v{e.origin.version} {e.origin.id}",
                   f"v{e.unchanged_since.version} {e.unchanged_since.id}")
            for e in blame(history, version, **options)}


def lineage_rows(history):
    """Each lineage as (id, status, cells): a cell is "ids:kinds" ("" = absent, no kind in v0)."""
    rows = []
    for lineage in history.lineages:
        cells = []
        for v, (ids, steps) in enumerate(zip(lineage.cells, lineage.steps)):
            text = "+".join(ids)
            if steps:
                text += ":" + "/".join(history.links[s].kind for s in steps)
            cells.append(text)
        rows.append((lineage.id, lineage.status, cells))
    return rows


# -- blame: origin and unchanged_since -------------------------------------------------------

def test_blame_four_versions(four):
    assert blame_table(four) == {
        "PP1": ("v1 PP1", "v1 PP1"),   # added in v1, never touched since
        "PP2": ("v0 PP1", "v0 PP1"),   # renumbered twice (PP1 -> PP2): not a change
        "PP3": ("v0 PP3", "v0 PP3"),   # renumbered back after PP3 (B) was dropped in v3
        "OP1": ("v0 OP1", "v1 OP1"),   # reworded in v1
        "OP2": ("v0 OP2", "v0 OP2"),
        "OP3": ("v0 OP3", "v0 OP3"),
        "OP4": ("v0 OP5", "v2 OP4"),   # first part of the split of v0 OP5
        "OP5": ("v0 OP5", "v2 OP5"),   # second part: origin follows back to the split paragraph
        "OP6": ("v0 OP6", "v2 OP6"),   # merge of v0 OP6 + OP7: earliest part, first in order
        "OP7": ("v0 OP4", "v0 OP4"),   # moved in v2 with the same words: wording unchanged
        "OP8": ("v0 OP8", "v3 OP8"),   # session ordinal updated in v3
    }


def test_blame_ignore_references(four):
    table = blame_table(four, ignore_flags=("reference-update",))
    assert table["OP8"] == ("v0 OP8", "v0 OP8")      # the reference update no longer counts
    assert table["OP1"] == ("v0 OP1", "v1 OP1")      # a real rewording still does


def test_blame_merge_origins(four, three):
    entry = {e.id: e for e in blame(four)}["OP6"]
    assert entry.origins == (Place(0, "OP6"), Place(0, "OP7"))
    # Parts of different ages: the origin is the earliest (v0 OP1, not v1 OP2).
    entry = {e.id: e for e in blame(three)}["OP1"]
    assert entry.origin == Place(0, "OP1")
    assert entry.origins == (Place(0, "OP1"), Place(1, "OP2"))


def test_blame_three_versions(three):
    assert blame_table(three) == {
        "PP1": ("v0 PP1", "v0 PP1"),
        "PP2": ("v0 PP3", "v2 PP2"),   # renumbered in v1, reworded in v2
        "OP1": ("v0 OP1", "v2 OP1"),   # merged in v2 with v1 OP2
        "OP2": ("v0 OP2", "v0 OP2"),   # OP2 -> OP3 -> OP2
        "OP3": ("v0 PP2", "v1 OP4"),   # preamble -> operative in v1 ("Welcoming" -> "Welcomes")
        "OP4": ("v0 OP3", "v0 OP3"),
    }


def test_blame_an_older_version(four, three):
    # blame works on any version, not only the newest
    assert blame_table(four, 1) == {
        "PP1": ("v1 PP1", "v1 PP1"), "PP2": ("v0 PP1", "v0 PP1"), "PP3": ("v0 PP2", "v0 PP2"),
        "PP4": ("v0 PP3", "v0 PP3"), "OP1": ("v0 OP1", "v1 OP1"), "OP2": ("v0 OP2", "v0 OP2"),
        "OP3": ("v0 OP3", "v0 OP3"), "OP4": ("v0 OP4", "v0 OP4"), "OP5": ("v0 OP5", "v0 OP5"),
        "OP6": ("v0 OP6", "v0 OP6"), "OP7": ("v0 OP7", "v0 OP7"), "OP8": ("v0 OP8", "v0 OP8")}
    assert blame_table(three, 1)["OP5"] == ("v1 OP5", "v1 OP5")   # X, dropped later
    assert blame_table(four, 0)["OP5"] == ("v0 OP5", "v0 OP5")


def test_blame_identical_series(tmp_path):
    paths = write_series(tmp_path, [FOUR[0]] * 3)
    history = load_history(paths)
    assert not history.has_differences
    for entry in blame(history):
        assert entry.origin == Place(0, entry.id) and entry.unchanged_since == Place(0, entry.id)


# -- lineages --------------------------------------------------------------------------------

def test_lineages_four_versions(four):
    u = "unchanged"
    assert lineage_rows(four) == [
        ("PP1", "current", ["", "PP1:added", f"PP1:{u}", f"PP1:{u}"]),
        ("PP2", "current", ["PP1", f"PP2:{u}", f"PP2:{u}", f"PP2:{u}"]),
        # B, dropped in v3, sits after the row of its predecessor A
        ("PP3", "dropped", ["PP2", f"PP3:{u}", f"PP3:{u}", ":dropped"]),
        ("PP3", "current", ["PP3", f"PP4:{u}", f"PP4:{u}", f"PP3:{u}"]),
        ("OP1", "current", ["OP1", "OP1:reworded", f"OP1:{u}", f"OP1:{u}"]),
        ("OP2", "current", ["OP2", f"OP2:{u}", f"OP2:{u}", f"OP2:{u}"]),
        ("OP3", "current", ["OP3", f"OP3:{u}", f"OP3:{u}", f"OP3:{u}"]),
        # the split forks: both parts share the ancestor v0/v1 OP5
        ("OP4", "current", ["OP5", f"OP5:{u}", "OP4:split", f"OP4:{u}"]),
        ("OP5", "current", ["OP5", f"OP5:{u}", "OP5:split", f"OP5:{u}"]),
        # the merge joins: two ancestors per earlier version, each with its own link
        ("OP6", "current", ["OP6+OP7", f"OP6+OP7:{u}/{u}", "OP6:merged", f"OP6:{u}"]),
        ("OP7", "current", ["OP4", f"OP4:{u}", "OP7:moved", f"OP7:{u}"]),
        ("OP8", "current", ["OP8", f"OP8:{u}", f"OP8:{u}", "OP8:reworded"]),
    ]


def test_lineages_three_versions(three):
    assert lineage_rows(three) == [
        ("PP1", "current", ["PP1", "PP1:unchanged", "PP1:unchanged"]),
        ("PP2", "current", ["PP3", "PP2:unchanged", "PP2:reworded"]),
        ("OP1", "current", ["OP1", "OP1+OP2:unchanged/added", "OP1:merged"]),
        ("OP2", "current", ["OP2", "OP3:unchanged", "OP2:unchanged"]),
        ("OP3", "current", ["PP2", "OP4:moved", "OP3:unchanged"]),
        # X: added in v1, dropped in v2; shown after the row of its v1 predecessor (OP4)
        ("OP5", "dropped", ["", "OP5:added", ":dropped"]),
        ("OP4", "current", ["OP3", "OP6:unchanged", "OP4:unchanged"]),
    ]


@pytest.mark.parametrize("name", ["four", "three"])
def test_lineage_invariants(name, request):
    history = request.getfixturevalue(name)
    newest = len(history.versions) - 1
    # every paragraph of every version is in some lineage
    for v, document in enumerate(history.documents):
        covered = {i for lineage in history.lineages for i in lineage.cells[v]}
        assert covered == {p.id for p in document.paragraphs}
    # each newest paragraph ends exactly one current lineage, in document order
    assert [l.id for l in history.lineages if l.status == "current"] == \
        [p.id for p in history.documents[newest].paragraphs]
    # every link is a step of some lineage, in the column of its new version
    steps = {(v, s) for l in history.lineages for v, ss in enumerate(l.steps) for s in ss}
    assert steps == {(link.new_version, i) for i, link in enumerate(history.links)}
    # one comparison per pair, and the links are exactly their changes
    assert len(history.links) == sum(len(c.changes) for c in history.comparisons)


# -- the corpus series against the gold alignments -------------------------------------------

SERIES = CORPUS / "series.toml"
GOLD = ["illustrative-54-draft.gold.json", "illustrative-54-rev1.gold.json"]


@pytest.fixture(scope="module")
def corpus_history():
    return load_history([str(SERIES)])


def _gold_links():
    """[(old version, kind, old ids, new ids)] from the gold files."""
    links = []
    for v, name in enumerate(GOLD):
        gold = json.loads((CORPUS / name).read_text(encoding="utf-8"))
        links += [(v, l["kind"], tuple(l["old"]), tuple(l["new"]), tuple(l["flags"]), l["shift"])
                  for l in gold["links"]]
    return links


def test_corpus_manifest():
    versions = read_manifest(str(SERIES))
    assert [Path(v.path).name for v in versions] == [
        "a-res-52-132.txt", "illustrative-54-draft.txt", "illustrative-54-rev1.txt"]
    assert versions[0].symbol == "A/RES/52/132" and versions[0].date == "1997-12-12"
    assert all("illustrative" in v.label for v in versions[1:])  # never presented as UN texts


def test_corpus_links_agree_with_gold(corpus_history):
    found = {(l.old_version, l.kind, l.change.old, l.change.new) for l in corpus_history.links}
    assert found == {g[:4] for g in _gold_links()}


def _oracle(links, version, paragraph, ignore_references=False):
    """origin and unchanged_since computed from the gold links alone (independent of resdiff)."""
    incoming = {(v + 1, n): (v, kind, old, flags, shift)
                for v, kind, old, new, flags, shift in links for n in new}
    roots, stack, seen = [], [(version, paragraph)], set()
    while stack:
        place = stack.pop()
        link = incoming.get(place)
        if link is None or not link[2]:
            roots.append(place)
            continue
        for old in link[2]:
            if (link[0], old) not in seen:
                seen.add((link[0], old))
                stack.append((link[0], old))
    since = (version, paragraph)
    while since in incoming:
        v, kind, old, flags, shift = incoming[since]
        same = kind == "unchanged" or (ignore_references and kind == "reworded"
                                       and flags == ("reference-update",) and shift is None)
        if not same:  # the gold's two moves both changed words (PP7 > OP8, OP16 > OP4)
            break
        since = (v, old[0])
    return roots, since


@pytest.mark.parametrize("ignore_references", [False, True])
def test_corpus_blame_agrees_with_gold(corpus_history, ignore_references):
    links = _gold_links()
    flags = ("reference-update",) if ignore_references else ()
    for version in range(3):
        for entry in blame(corpus_history, version, ignore_flags=flags):
            roots, since = _oracle(links, version, entry.id, ignore_references)
            order = {(v, p.id): i for v, d in enumerate(corpus_history.documents)
                     for i, p in enumerate(d.paragraphs)}
            earliest = min(roots, key=lambda r: (r[0], order[r]))
            assert (entry.origin.version, entry.origin.id) == earliest, entry
            assert (entry.unchanged_since.version, entry.unchanged_since.id) == since, entry


def test_corpus_blame_by_hand(corpus_history):
    # A reviewer's reading of corpus/README.md, for the newest version (Rev.1)
    table = blame_table(corpus_history)
    assert table["OP6"] == ("v0 OP5", "v1 OP6")     # split of 52/132 OP5 in the draft
    assert table["OP7"] == ("v0 OP5", "v1 OP7")
    assert table["OP16"] == ("v0 OP13", "v1 OP16")  # merge of OP13 + OP14
    assert table["OP4"] == ("v0 OP16", "v1 OP4")    # moved up and strengthened in the draft
    assert table["OP8"] == ("v0 PP7", "v1 OP8")     # preamble -> operative
    assert table["OP3"] == ("v0 OP3", "v2 OP3")     # Deplores -> Strongly deplores in Rev.1
    assert table["OP18"] == ("v1 OP18", "v2 OP18")  # added in the draft, reworded in Rev.1
    assert table["PP13"] == ("v2 PP13", "v2 PP13")  # added in Rev.1
    assert table["PP3"] == ("v0 PP4", "v0 PP4")     # unchanged, renumbered
    assert table["OP19"] == ("v0 OP17", "v1 OP19")  # session ordinal updated in the draft
    with_references = blame_table(corpus_history, ignore_flags=("reference-update",))
    assert with_references["OP19"] == ("v0 OP17", "v0 OP17")
    assert with_references["PP2"] == ("v0 PP2", "v0 PP2")   # 1997/75 -> 1999/69 only


def test_corpus_dropped_lineages(corpus_history):
    dropped = [(l.id, l.version) for l in corpus_history.lineages if l.status == "dropped"]
    assert dropped == [("PP3", 0), ("PP9", 1)]   # 52/132 PP3; the draft's Guiding Principles


# -- formats ---------------------------------------------------------------------------------

def _schema(name):
    return json.loads(resources.files("resdiff").joinpath(f"data/{name}.schema.json").read_text())


def test_history_json(four):
    data = history_dict(four)
    jsonschema.validate(data, _schema("history"))
    assert [v["index"] for v in data["versions"]] == [0, 1, 2, 3]
    link = data["links"][next(s for l in four.lineages if l.id == "OP4" for s in l.steps[2])]
    assert (link["kind"], link["old"], link["new"]) == ("split", ["OP5"], ["OP4", "OP5"])
    assert link["old_version"] == 1 and link["new_version"] == 2
    old_text = "".join(d["text"] for d in link["diff"] if d["op"] != "insert")
    assert old_text == O5 + ";"     # the diff rebuilds the old side


def test_blame_json_exact_shape(four):
    data = blame_dict(four, blame(four))
    jsonschema.validate(data, _schema("blame"))
    assert list(data) == ["schema_version", "versions", "paragraphs"]
    assert data["schema_version"] == 1
    assert data["paragraphs"][7] == {"id": "OP5", "origin": {"version": 0, "id": "OP5"},
                                     "unchanged_since": {"version": 2, "id": "OP5"}}
    assert all(list(p) == ["id", "origin", "unchanged_since"] for p in data["paragraphs"])


def test_text_outputs(four):
    table = history_text(four)
    rows = [line.split() for line in table.splitlines()]
    assert ["OP5", "OP5", "OP4", "split", "OP4"] in rows             # the split, by version
    assert ["PP2", "PP3", "PP3", "(dropped)"] in rows                # dropped in v3
    assert ["OP6+OP7", "OP6,", "OP7", "OP6", "merged", "OP6"] in rows
    text = render_blame(four, blame(four), 3)
    line = next(l for l in text.splitlines() if l.startswith("v0 OP4"))
    assert line.split()[:5] == ["v0", "OP4", "v0", "OP4", "OP7"] and "Invites the regional" in line


def test_output_is_deterministic(tmp_path):
    paths = write_series(tmp_path, FOUR)
    first, second = load_history(paths), load_history(paths)
    assert history_dict(first) == history_dict(second)
    assert history_html(first) == history_html(second)
    assert history_text(first) == history_text(second)


HOSTILE = ('Noting the note "</script><script>alert(1)</script><img src=x onerror=alert(2)>" '
           "and the \u202eoverride and https://example.org/tracker.png in the text")


def test_html_is_escaped_and_self_contained(tmp_path):
    versions = [([A, HOSTILE], [O1, O2]), ([A, HOSTILE + " again"], [O1, O2])]
    page = history_html(load_history(write_series(tmp_path, versions)))
    head = page.split("<head>", 1)[1].lstrip()
    assert head.startswith('<meta http-equiv="Content-Security-Policy" content="default-src '
                           "'none'; style-src 'sha256-")
    assert page.count("<script>") == 1 and "alert(1)</script>" not in page
    assert "<img" not in page and "onerror=alert" not in page.replace("onerror=alert(2)&gt;", "")
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "\u202e" not in page and "&lt;U+202E&gt;" in page
    assert 'src="http' not in page and 'href="http' not in page
    assert "<link" not in page and "@import" not in page


# -- CLI -------------------------------------------------------------------------------------

@pytest.fixture
def env(tmp_path):
    return {"RESDIFF_CACHE_DIR": str(tmp_path / "cache")}


def test_cli_history_formats_and_exit_codes(tmp_path, env):
    paths = write_series(tmp_path, FOUR)
    text = run_cli("history", *paths, env=env)
    assert (text.code, text.stderr) == (1, "")
    assert "OP4 split" in text.stdout
    data = run_cli("history", *paths, "--format", "json", env=env)
    assert data.code == 1 and json.loads(data.stdout)["lineages"][0]["id"] == "PP1"
    out = tmp_path / "history.html"
    page = run_cli("history", *paths, "--format", "html", "-o", str(out), env=env)
    assert (page.code, page.stdout, page.stderr) == (1, "", "")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    same = run_cli("history", paths[0], paths[0], paths[0], env=env)
    assert same.code == 0     # no version changed anything


def test_cli_history_manifest(env):
    result = run_cli("history", str(SERIES), env=env)
    assert result.code == 1 and result.stderr == ""
    assert "L.99/Rev.1 (illustrative)" in result.stdout


def test_cli_blame(tmp_path, env):
    paths = write_series(tmp_path, FOUR)
    result = run_cli("blame", paths[3], "--series", *paths, "--format", "json", env=env)
    assert (result.code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert {p["id"]: p["origin"] for p in data["paragraphs"]}["OP5"] == {"version": 0, "id": "OP5"}
    # --series repeated, and an older version as FILE
    repeated = run_cli("blame", paths[1], *[a for p in paths for a in ("--series", p)], env=env)
    assert repeated.code == 0 and "blame of v1" in repeated.stdout
    ignored = run_cli("blame", paths[3], "--ignore-references", "--series", *paths,
                      "--format", "json", env=env)
    assert json.loads(ignored.stdout)["paragraphs"][-1]["unchanged_since"] == \
        {"version": 0, "id": "OP8"}
    manifest = run_cli("blame", str(CORPUS / "illustrative-54-rev1.txt"), "--series",
                       str(SERIES), env=env)
    assert manifest.code == 0 and "v0 OP13 (+1 merged)" in manifest.stdout


@pytest.mark.parametrize("arrangement", [
    "{v3} --series {v0} {v1} {v2} {v3} --format json",           # as documented
    "--format json {v3} --series {v0} {v1} {v2} {v3}",           # options first
    "--series {v0} {v1} {v2} {v3} --format json",                # no FILE: the newest
    "{v3} --series={v0} --series={v1} --series {v2} {v3} --format=json",   # repeated, with =
])
def test_cli_blame_argument_orders(tmp_path, env, arrangement):
    paths = write_series(tmp_path, FOUR)
    names = {f"v{i}": p for i, p in enumerate(paths)}
    result = run_cli("blame", *[w.format(**names) for w in arrangement.split()], env=env)
    assert (result.code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert len(data["versions"]) == 4
    assert data["paragraphs"][-1] == {"id": "OP8", "origin": {"version": 0, "id": "OP8"},
                                      "unchanged_since": {"version": 3, "id": "OP8"}}


def test_blame_file_by_content(tmp_path):
    paths = write_series(tmp_path, FOUR)
    history = load_history(paths)
    copy = tmp_path / "copy-of-v2.txt"
    copy.write_bytes(Path(paths[2]).read_bytes())
    assert version_of(history, paths[1]) == 1
    assert version_of(history, str(copy)) == 2
    with pytest.raises(InputError):
        version_of(history, str(CORPUS / "a-res-52-132.txt"))


@pytest.mark.parametrize("args, message", [
    # one version is not a history
    (["history", "{v0}"], "at least two versions"),
    # FILE must be one of the versions
    (["blame", "{v0}", "--series", "{v1}", "{v2}"], "is not one of the series versions"),
    # no series at all
    (["blame", "{v0}"], "give the versions"),
    # two files before --series
    (["blame", "{v0}", "{v1}", "--series", "{v0}", "{v1}"], "give one FILE"),
    # a mistyped option is not taken for a version
    (["blame", "{v1}", "--series", "{v0}", "{v1}", "--formt", "json"], "no such option: --formt"),
    # a missing version names the file
    (["history", "{v0}", "{missing}"], "missing.txt: no such file"),
    # two stdin versions
    (["history", "-", "-"], "only one version can be '-'"),
])
def test_cli_errors(tmp_path, env, args, message):
    paths = write_series(tmp_path, FOUR)
    names = {"v0": paths[0], "v1": paths[1], "v2": paths[2], "missing": str(tmp_path / "missing.txt")}
    result = run_cli(*[a.format(**names) for a in args], env=env)
    assert result.code == 2 and result.stdout == ""
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("manifest, message", [
    # a typo must not silently drop a version
    ('[[versions]]\npth = "a.txt"\n', "unknown key 'pth'"),
    ("title = 'x'\n", "lists no versions"),
    ('[[versions]]\npath = "a.txt"\ndate = "12 December 1997"\n', "date must be YYYY-MM-DD"),
    ("[[versions]\n", "invalid TOML"),
])
def test_manifest_errors(tmp_path, env, manifest, message):
    path = tmp_path / "series.toml"
    path.write_text(manifest, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        read_manifest(str(path))
    result = run_cli("history", str(path), env=env)
    assert result.code == 2 and message in result.stderr


def test_manifest_paths_are_relative_to_it(tmp_path, env):
    folder = tmp_path / "texts"
    folder.mkdir()
    paths = write_series(folder, THREE)
    (tmp_path / "s.toml").write_text(
        "".join(f'[[versions]]\nlabel = "round {i}"\npath = "texts/{Path(p).name}"\n'
                for i, p in enumerate(paths)), encoding="utf-8")
    result = run_cli("history", "s.toml", "--format", "json", cwd=tmp_path, env=env)
    assert result.code == 1, result.stderr
    versions = json.loads(result.stdout)["versions"]
    assert [v["label"] for v in versions] == ["round 0", "round 1", "round 2"]
    assert versions[0]["path"] == "texts/v0.txt"


def test_cli_refuses_to_overwrite_a_version(tmp_path, env):
    paths = write_series(tmp_path, FOUR)
    before = Path(paths[0]).read_bytes()
    result = run_cli("history", *paths, "-o", paths[0], "--force", env=env)
    assert result.code == 2 and "is one of the inputs" in result.stderr
    assert Path(paths[0]).read_bytes() == before


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path, env):
    paths = write_series(tmp_path, FOUR + FOUR)  # eight versions: long enough for a bar
    result = run_cli("history", *paths, env=env)
    assert result.stderr == ""


def test_versions_from_library(tmp_path):
    # the library takes Version objects directly (labels filled from the texts)
    paths = write_series(tmp_path, THREE)
    history = build_history([Version("first", "X/1", "2001-01-01", paths[0]),
                             Version("", None, None, paths[1]), Version("", None, None, paths[2])])
    assert [v.label for v in history.versions] == ["first", "v1.txt", "v2.txt"]
    assert history.versions[0].date == "2001-01-01"


# -- the HTML matrix in a real browser -------------------------------------------------------

@pytest.mark.browser
def test_html_matrix_in_browser(tmp_path, open_page):
    path = tmp_path / "history.html"
    path.write_text(history_html(load_history([str(SERIES)])), encoding="utf-8")
    watched = open_page(path)
    page = watched.page
    assert page.locator("#panel-empty").is_visible()
    split = page.locator("button", has_text="OP6 split")
    split.click()
    assert split.get_attribute("aria-pressed") == "true"
    shown = page.locator("#panel article:visible")
    assert shown.count() == 1
    assert "v0 OP5 -> v1 OP6+OP7: split" in shown.first.inner_text()
    assert not page.locator("#panel-empty").is_visible()
    # a merged cell opens its one link; a first-version cell opens the paragraph text
    page.locator("button", has_text="OP16 merged").click()
    assert "OP13+OP14 -> v1 OP16: merged" in page.locator("#panel article:visible").first.inner_text()
    page.locator("tr", has_text="OP13+OP14").locator("button").first.click()
    texts = page.locator("#panel article:visible")
    assert texts.count() == 2 and texts.first.inner_text().startswith("v0 OP13")
    # dropped and added cells are coloured and labelled (not colour alone)
    assert page.locator("td.k-dropped").count() == 2
    assert page.locator("td.k-added", has_text="added").count() >= 3
    watched.assert_clean()


# -- golden outputs for the corpus series (regenerate with `pytest --update-golden`) ---------

@pytest.mark.parametrize("args, name", [
    (["history", "corpus/series.toml"], "history-series.txt"),
    (["history", "corpus/series.toml", "--format", "json"], "history-series.json"),
    (["blame", "corpus/illustrative-54-rev1.txt", "--series", "corpus/series.toml"],
     "blame-series.txt"),
    (["blame", "corpus/illustrative-54-rev1.txt", "--series", "corpus/series.toml",
      "--format", "json"], "blame-series.json"),
])
def test_golden_series_output(args, name, env, update_golden):
    result = run_cli(*args, env=env)
    assert result.code in (0, 1) and result.stderr == ""
    golden = CORPUS.parent / "tests" / "golden" / name
    if update_golden:
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
