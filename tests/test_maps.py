"""The maps: the HTML itself (no browser), the `sundhedsgraf map` command, and the page in a real
headless Chromium (Debian's chromium driven by Playwright), with every request outside the file
aborted. Screenshots go to tests/artifacts/ (gitignored).

In CI (CI=true) a missing browser fails the browser tests; elsewhere they are skipped.
"""

from __future__ import annotations

import copy
import html as _html
import itertools
import json
import os
import re
import subprocess
import sys
import tomllib
from fnmatch import fnmatch
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import markupsafe
import networkx as nx
import pytest

from sundhedsgraf import analysis
from sundhedsgraf.errors import ConfigError
from sundhedsgraf.maps import (
    PATH_COLOR,
    TEMPLATE,
    VIS_CSS,
    VIS_JS,
    VIS_VERSION,
    MapHTML,
    build_map,
    iframe,
    parse_kinds,
    show_map,
    write_map,
)
from sundhedsgraf.model import load_model

PROJECT = Path(__file__).resolve().parent.parent
PACKAGE = PROJECT / "sundhedsgraf"
ARTIFACTS = PROJECT / "tests" / "artifacts"
# the map command, registered here if sundhedsgraf/cli.py does not register it (yet)
CLI = [
    sys.executable,
    "-c",
    "import sys; from sundhedsgraf.cli import main; from sundhedsgraf.cli import map as cli_map; "
    "'map' in main.commands or cli_map.register(main); sys.exit(main())",
]


@pytest.fixture(scope="module")
def model():
    return load_model()


@pytest.fixture(scope="module")
def whole(model) -> MapHTML:
    return build_map(model)


def payload(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="sg-data">(.*?)</script>', page, re.S)
    assert m, "the map data element is missing"
    return json.loads(m.group(1))


def drawable(model):
    """The nodes and relationships the whole map must show, computed here from the model."""
    meta_labels = {k for k, v in model.schema["labels"].items() if v.get("meta")}
    meta_types = {k for k, v in model.schema["relationship_types"].items() if v.get("meta")}
    nodes = {
        n["id"]
        for n in model.nodes
        if n["labels"][0] not in meta_labels and n["properties"].get("confidence") != "inferred"
    }
    rels = {
        r["id"]
        for r in model.relationships
        if r["type"] not in meta_types
        and r["start"] in nodes
        and r["end"] in nodes
        and r["properties"].get("confidence") != "inferred"
    }
    return nodes, rels


class Refs(HTMLParser):
    """Every attribute that makes a browser fetch something."""

    ATTRS: ClassVar[frozenset[str]] = frozenset(
        {
            "src",
            "href",
            "action",
            "data",
            "poster",
            "srcset",
            "formaction",
            "background",
            "manifest",
            "ping",
        }
    )

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))
        for k, v in attrs:
            if k in self.ATTRS and v is not None:
                self.refs.append((tag, k, v))


# --------------------------------------------------------------------------------------------
# the HTML


def test_self_contained_no_external_reference(whole):
    parser = Refs()
    parser.feed(whole)
    external = [r for r in parser.refs if re.match(r"\s*(https?:|//|ftp:)", r[2], re.I)]
    assert external == []
    assert all(v.startswith("data:") for _, _, v in parser.refs), parser.refs  # only the favicon data: URL
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", whole, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", whole, re.I)  # CSS url()
    assert not re.search(r"@import", whole)
    assert "sourceMappingURL" not in whole
    assert "cdn.jsdelivr" not in whole and "cdnjs" not in whole and "bootstrap" not in whole.lower()
    # the page forbids any request outside itself
    assert "default-src 'none'" in whole
    # vis-network inlined, the data, the page's own script; none loaded from anywhere
    assert parser.scripts == [{}, {"type": "application/json", "id": "sg-data"}, {}]


def test_vendored_vis_network_is_the_version_named(whole):
    vendor = PACKAGE / "vendor"
    assert sorted(p.name for p in vendor.glob("vis-network-*.min.*")) == sorted([VIS_CSS, VIS_JS])
    assert VIS_VERSION in VIS_JS and VIS_VERSION in VIS_CSS
    js = (vendor / VIS_JS).read_text(encoding="utf-8")
    header = js[: js.index("*/") + 2]
    assert f"@version {VIS_VERSION}" in header and "@license" in header
    assert "Apache 2.0" in header and "MIT" in header
    for licence in ("LICENSE-MIT", "LICENSE-APACHE-2.0"):
        assert (vendor / f"vis-network-{VIS_VERSION}.{licence}").is_file()
    assert VIS_VERSION in (vendor / "README.md").read_text(encoding="utf-8")
    # the page carries the script with its licence header, and names the version
    assert header in whole
    assert f'<meta name="generator" content="sundhedsgraf (vis-network {VIS_VERSION})">' in whole


def test_template_leaves_no_placeholder(whole, model):
    source = (PACKAGE / "templates" / TEMPLATE).read_text(encoding="utf-8")
    assert not re.search(r"@[A-Z]+@", source)
    for page in (whole, build_map(model, focus="Viborg", depth=1, title="T", as_of="2024-06-01")):
        assert not re.search(r"@[A-Z]+@", page)
        own = page.replace(page.split("<script>", 1)[1].split("</script>", 1)[0], "")  # without vis-network
        assert "{{" not in own and "{%" not in own and "{#" not in own
        assert "Placing" in own and re.search(r"Placing \d+ nodes", own)


def test_script_closing_name_is_text(tmp_path):
    """A name (or a title) holding </script><b> is escaped where it is markup and cannot end the
    data's <script> element: the page keeps its three scripts and the data parses back to the name."""
    hostile = "Forum </script><b>bold</b><!-- \"q\" & 'a'"
    g = nx.MultiDiGraph()
    g.add_node("x", kind="Forum", name=hostile, short_name=hostile, status="active", sources=[])
    g.add_node("y", kind="Region", name="Region Nord", status="active", sources=[])
    g.add_edge("x", "y", key="r", id="r", type="PART_OF", status="active", sources=[])
    snap = analysis.Snapshot(g=g, as_of="2024-01-01", source=None, include_inferred=False)
    page = build_map(snap, focus="x", depth=1, title=hostile)
    data_text = page.split('id="sg-data">', 1)[1].split("</script>", 1)[0]
    assert "</" not in data_text and "<!--" not in data_text  # nothing in it can end the element
    markup = page.replace(data_text, "")
    assert "</script><b>" not in markup and "<b>bold" not in markup and "<!-- " not in markup
    parser = Refs()
    parser.feed(page)
    assert parser.scripts == [{}, {"type": "application/json", "id": "sg-data"}, {}]
    escaped = str(markupsafe.escape(hostile))  # as the template escapes it
    assert "<" not in escaped and '"' not in escaped
    assert f"<h1>{escaped}</h1>" in page  # the heading
    assert f"Heavy border: the focus, {escaped}</div>" in page  # the legend
    assert f"focus {escaped} (depth 1)" in page  # the subtitle
    data = payload(page)
    assert {n["name"] for n in data["nodes"]} == {hostile, "Region Nord"}
    assert data["meta"]["focus"] == "x"
    path = write_map(page, tmp_path / "hostile.html")
    assert path.read_text(encoding="utf-8") == page


def test_written_map_requests_nothing_outside_itself(tmp_path, model):
    folder = tmp_path / "out"
    folder.mkdir()
    path = write_map(build_map(model, focus="Samsø", depth=1, as_of="2024-06-01"), folder / "kort.html")
    assert sorted(p.name for p in folder.iterdir()) == ["kort.html"]  # no lib/ or .js beside it
    text = path.read_text(encoding="utf-8")
    parser = Refs()
    parser.feed(text)
    assert [r for r in parser.refs if re.match(r"\s*(https?:)?//", r[2], re.I)] == []
    assert all(v.startswith("data:") for _, _, v in parser.refs), parser.refs
    assert all("src" not in attrs for attrs in parser.scripts)  # every script inline
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"<link\b(?![^>]*href=\"data:)", text, re.I)  # the favicon only
    assert "sourceMappingURL" not in text
    assert "default-src 'none'" in text


def test_template_and_vendored_files_are_package_data():
    """The wheel ships what the map reads (pyproject's package-data); .ci/run checks the built wheel."""
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["sundhedsgraf"]
    needed = [PACKAGE / "templates" / TEMPLATE, *(PACKAGE / "vendor").iterdir()]
    for f in needed:
        rel = f.relative_to(PACKAGE).as_posix()
        assert any(fnmatch(rel, p) for p in patterns), f"{rel} is not package data: {patterns}"


def test_meta_nodes_and_types_left_out(model, whole):
    data = payload(whole)
    kinds = {n["kind"] for n in data["nodes"]}
    assert kinds.isdisjoint({"Gap", "Rule"})
    assert "CONCERNS" not in {e["type"] for e in data["edges"]}
    nodes, rels = drawable(model)
    assert {n["id"] for n in data["nodes"]} == nodes
    assert {e["id"] for e in data["edges"]} == rels


def test_colours_and_shapes_come_from_the_schema(model, whole):
    data = payload(whole)
    labels = model.schema["labels"]
    for n in data["nodes"]:
        assert n["shape"] == labels[n["kind"]]["shape"]
        assert n["color"]["background"] == labels[n["kind"]]["color"]
    legend = re.search(r'<details id="sg-legend".*?</details>', whole, re.S).group(0)
    for kind in {n["kind"] for n in data["nodes"]}:
        assert f'data-kind="{kind}"' in legend
        assert f'fill="{labels[kind]["color"]}"' in legend
    # change the schema, and the map follows: no colour is a constant in code
    schema = copy.deepcopy(model.schema)
    schema["labels"]["Forum"]["color"] = "#123456"
    schema["labels"]["Forum"]["shape"] = "star"
    other = payload(page := build_map(model, schema=schema, kinds="Forum"))
    assert {n["color"]["background"] for n in other["nodes"]} == {"#123456"}
    assert {n["shape"] for n in other["nodes"]} == {"star"}
    assert 'fill="#123456"' in page


def test_danish_letters_intact(whole):
    data = payload(whole)
    labels = {n["label"] for n in data["nodes"]}
    assert {"Samsø", "Aarhus", "Ringkøbing-Skjern", "Læsø"} <= labels
    assert "Samsø" in whole and "Læsø" in whole  # as UTF-8 text, not \u escapes
    assert "Sams\\u00f8" not in whole and "SamsÃ¸" not in whole and "Sams&oslash;" not in whole
    assert '<meta charset="utf-8">' in whole


def test_tooltips_are_escaped_and_complete(model, whole):
    data = payload(whole)
    by_id = {n["id"]: n for n in data["nodes"]}
    kosu = by_id["kosu"]["tip"]
    assert "Forum" in kosu and "Meetings per year:" in kosu and "Valid:" in kosu and "Sources:" in kosu
    quote = model.node("kosu")["sources"][0]["quote"]
    assert _html.escape(quote[:40], quote=True) in kosu
    member = next(e for e in data["edges"] if e["type"] == "MEMBER_OF")
    assert "Valid:" in member["tip"] and "Sources:" in member["tip"]
    # a hostile name is text, never markup
    g = nx.MultiDiGraph()
    g.add_node(
        "x",
        kind="Forum",
        name='<img src=x onerror=alert(1)> & "Æ"',
        status="active",
        sources=[{"document": "000", "quote": "</script><script>alert(2)</script>"}],
    )
    page = build_map(analysis.Snapshot(g=g, as_of="2024-01-01", source=None, include_inferred=False))
    tip = payload(page)["nodes"][0]["tip"]
    assert "<img" not in tip and "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Æ&quot;" in tip
    assert "&lt;/script&gt;" in tip
    body = page.split('id="sg-data">', 1)[1].split("</script>", 1)[0]
    assert "</" not in body  # nothing in the data can close its <script> element


def test_edge_labels_are_role_or_relation(whole):
    data = payload(whole)
    roles = {e["label"] for e in data["edges"] if e["type"] == "MEMBER_OF"}
    assert {"medlem", "formand"} <= roles
    assert {e["label"] for e in data["edges"] if e["type"] == "REPORTS_TO"} == {"reports to"}
    assert {e["label"] for e in data["edges"] if e["type"] == "HOLDS_OFFICE_IN"} == {"holds office in"}


def test_focus_is_smaller_than_whole_and_highlighted(model, whole):
    focus = build_map(model, focus="Viborg", depth=2, as_of="2024-06-01")
    data = payload(focus)
    assert 0 < focus.stats["nodes"] < whole.stats["nodes"]
    assert focus.stats["edges"] < whole.stats["edges"]
    assert data["meta"]["focus"] == "kommune-viborg"
    viborg = next(n for n in data["nodes"] if n["id"] == "kommune-viborg")
    assert viborg["borderWidth"] == 6 and viborg["color"]["border"] == "#111111"
    assert all(n["borderWidth"] < 6 for n in data["nodes"] if n["id"] != "kommune-viborg")
    # every node lies within 2 relationships of the focus, and the region is not pulled in whole
    snap = analysis.snapshot(model, "2024-06-01")
    ids = {n["id"] for n in data["nodes"]}
    assert ids <= set(
        nx.single_source_shortest_path_length(snap.g.to_undirected(as_view=True), "kommune-viborg", cutoff=2)
    )
    one = build_map(model, focus="kommune-viborg", depth=1, as_of="2024-06-01")
    assert one.stats["nodes"] < focus.stats["nodes"]
    assert "region-midtjylland" not in {n["id"] for n in payload(one)["nodes"]}


def test_filters(model):
    d2015 = payload(build_map(model, as_of="2015-07-01"))
    ids = {n["id"] for n in d2015["nodes"]}
    assert "sundhedsstyregruppen" in ids and "sundhedsraad-aarhus" not in ids
    doc = payload(build_map(model, source="003"))
    assert all(any(s.get("document") == "003" for s in model.node(n["id"])["sources"]) for n in doc["nodes"])
    nord = payload(build_map(model, region="region-nordjylland"))
    munis = {n["id"] for n in nord["nodes"] if n["kind"] == "Municipality"}
    assert "kommune-aalborg" in munis and "kommune-viborg" not in munis and "kommune-samsoe" not in munis
    fora = payload(build_map(model, kinds="forum, Organisation"))
    assert {n["kind"] for n in fora["nodes"]} == {"Forum", "Organisation"}
    inferred = build_map(model, include_inferred=True)
    assert inferred.stats["edges"] > build_map(model).stats["edges"]


def test_size_by_degree_or_betweenness(model):
    deg = payload(build_map(model, kinds="Forum,Region", size_by="degree"))
    bet = payload(build_map(model, kinds="Forum,Region", size_by="betweenness"))
    assert [n["size"] for n in deg["nodes"]] != [n["size"] for n in bet["nodes"]]
    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in deg["nodes"])
    g.add_edges_from((e["from"], e["to"]) for e in deg["edges"] if e["from"] != e["to"])
    top = max(g.degree, key=lambda x: x[1])[0]
    assert (
        max(deg["nodes"], key=lambda n: n["size"])["id"] == top
        or g.degree[max(deg["nodes"], key=lambda n: n["size"])["id"]] == g.degree[top]
    )
    with pytest.raises(ConfigError, match="betweenness or degree"):
        build_map(model, size_by="pagerank")


def test_highlighted_paths(model):
    snap = analysis.snapshot(model, "2024-06-01")
    answer = analysis.links(snap, "region-midtjylland", "kl", 5)
    assert answer["path_ids"]
    on_paths = {x for p in answer["path_ids"] for x in p}
    page = build_map(snap, nodes=on_paths, highlight_paths=answer["path_ids"])
    data = payload(page)
    assert {n["id"] for n in data["nodes"]} == on_paths
    heavy = [e for e in data["edges"] if e["color"]["color"] == PATH_COLOR]
    pairs = {frozenset(p) for path in answer["path_ids"] for p in itertools.pairwise(path)}
    assert heavy and {frozenset((e["from"], e["to"])) for e in heavy} == pairs
    assert "on a highlighted path" in page


def test_physics_stabilises_then_stops(whole):
    data = payload(whole)
    stab = data["options"]["physics"]["stabilization"]
    assert stab["enabled"] and 0 < stab["iterations"] <= 400
    assert data["options"]["layout"]["improvedLayout"] is False  # Kamada-Kawai on 400+ nodes froze pages
    assert 'network.once("stabilizationIterationsDone", done)' in whole
    assert "setOptions({ physics: { enabled: false } })" in whole


def test_bad_arguments(model):
    with pytest.raises(ConfigError, match="unknown kind 'Foo'"):
        build_map(model, kinds="Forum,Foo")
    with pytest.raises(ConfigError, match="not drawn"):
        parse_kinds("Gap", model.schema)
    with pytest.raises(ConfigError, match="not on this map"):
        build_map(model, focus="kommune-samsoe", kinds="Forum")
    with pytest.raises(ConfigError, match="unknown region"):
        build_map(model, region="kommune-viborg")
    with pytest.raises(ConfigError, match="'Sundhedsråd Aarhus' is not on this map"):
        build_map(model, focus="Sundhedsråd Aarhus", as_of="2015-07-01")
    snap = analysis.snapshot(model, "2024-06-01")  # names work on a snapshot too
    assert payload(build_map(snap, focus="Samso", depth=1))["meta"]["focus"] == "kommune-samsoe"
    assert build_map(snap, region="Nordjylland").stats["region"] == "region-nordjylland"
    with pytest.raises(ConfigError, match="Model"):
        build_map({"nodes": []})


def test_notebook_display_is_an_iframe_with_the_whole_page():
    page = build_map(load_model(), kinds="Region")
    shown = show_map(page, height=300)._repr_html_()
    assert (
        shown.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in shown and "height:300px" in shown
    )
    assert _html.unescape(re.search(r'srcdoc="(.*?)"', shown, re.S).group(1)) == page
    assert page._repr_html_() == iframe(page)


def test_write_map_is_atomic_and_writes_one_file(tmp_path, model):
    page = build_map(model, kinds="Region")
    out = write_map(page, tmp_path / "kort.html")
    assert out.read_text(encoding="utf-8") == page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kort.html"]
    assert out.stat().st_mode & 0o044  # readable by others (umask permitting), not a private temp file
    with pytest.raises(ConfigError, match="is a folder"):
        write_map(page, tmp_path)
    with pytest.raises(ConfigError, match="does not exist"):
        write_map(page, tmp_path / "missing" / "kort.html")


# --------------------------------------------------------------------------------------------
# the command


def run_map(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return subprocess.run(CLI + ["map", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_cli_writes_only_the_out_file(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    (tmp_path / "maps").mkdir()
    r = run_map(
        [
            "--out",
            "../maps/viborg.html",
            "--focus",
            "viborg kommune",
            "--depth",
            "1",
            "--as-of",
            "2024",
            "--kinds",
            "Forum,Office,Municipality",
            "--size-by",
            "degree",
            "--json",
        ],
        work,
    )
    assert r.returncode == 0, r.stderr
    stats = json.loads(r.stdout)
    assert stats["focus"] == "kommune-viborg" and stats["as_of"] == "2024-07-01" and stats["nodes"] > 3
    assert list(work.iterdir()) == []  # no lib/ folder (pyvis issue #174), nothing at all in the CWD
    assert [p.name for p in (tmp_path / "maps").iterdir()] == ["viborg.html"]
    assert "Viborg" in (tmp_path / "maps" / "viborg.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "--out FILE.html is required"),
        (["--out", "m.html", "--focus", "Viborgg"], "did you mean"),
        (["--out", "m.html", "--focus", "Viborg", "--depth", "0"], "--depth 0: choose 1 to 6"),
        (["--out", "m.html", "--depth", "two"], "--depth 'two'"),
        (["--out", "m.html", "--as-of", "someday"], "not a date"),
        (["--out", "m.html", "--source", "009"], "--source '009'"),
        (["--out", "m.html", "--kinds", "Forum,Gap"], "not drawn"),
        (["--out", "m.html", "--kinds", "Forum,Foo"], "unknown kind 'Foo'"),
        (["--out", "m.html", "--size-by", "pagerank"], "--size-by 'pagerank'"),
        (["--out", "m.html", "--region", "Sjælland"], "region"),
        (["--out", "missing/m.html"], "does not exist"),
        (["--out", "."], "is a folder"),
        (["--out", "m.html", "--focus", "Sundhedsråd Aarhus", "--as-of", "2015-07-01"], "not on this map"),
    ],
)
def test_cli_bad_input_is_one_line_and_writes_nothing(tmp_path, monkeypatch, args, message):
    import click
    from click.testing import CliRunner

    from sundhedsgraf.cli import map as cli_map

    group = click.Group("sundhedsgraf")  # a group of its own: the real one is left as cli.py builds it
    cli_map.register(group)
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(group, ["map", *args])
    assert r.exit_code != 0
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)  # no uncaught error
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], r.stderr
    assert "Traceback" not in r.stderr
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------------------------
# in a real browser


class Page:
    """A page that may only load its own file: everything else is aborted and recorded."""

    def __init__(self, browser, path: Path, width=1400, height=900):
        self.requests: list[str] = []
        self.aborted: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "assert") else None
            ),
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        target = path.resolve().as_uri()

        def route(r):
            if r.request.url == target:
                r.continue_()
            else:
                self.aborted.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.goto(target)
        # a selector, not wait_for_function: the page's CSP forbids the eval that the latter needs
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=90_000)

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def check_offline_and_clean(self):
        assert self.aborted == [], f"requests left the file: {self.aborted}"
        assert all(u.startswith(("file://", "data:")) for u in self.requests), self.requests
        assert self.errors == []


@pytest.fixture(scope="module")
def map_files(tmp_path_factory, model):
    folder = tmp_path_factory.mktemp("maps")
    files = {"whole": folder / "kort.html", "focus": folder / "samsoe.html"}
    write_map(build_map(model), files["whole"])
    write_map(build_map(model, focus="Samsø", depth=1, as_of="2024-06-01"), files["focus"])
    return files


def test_browser_whole_map(browser, map_files, model):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = Page(browser, map_files["whole"])
    nodes, rels = drawable(model)
    got_nodes = set(page.js("window.sgMap.nodes.getIds()"))
    got_edges = set(page.js("window.sgMap.edges.getIds()"))
    assert got_nodes == nodes and got_edges == rels
    labels = page.js("window.sgMap.nodes.get().map(n => n.label)")
    assert "Samsø" in labels and "Aarhus" in labels
    # the canvas has drawn something, and physics is off after stabilising
    assert page.js("document.querySelector('#sg-network canvas').width") > 0
    before = page.js("JSON.stringify(window.sgMap.network.getPositions())")
    page.page.wait_for_timeout(400)
    assert page.js("JSON.stringify(window.sgMap.network.getPositions())") == before
    # the legend filters by kind
    page.page.uncheck('#sg-legend input[data-kind="Office"]')
    hidden = page.js("window.sgMap.nodes.get().filter(n => n.hidden).map(n => n.kind)")
    assert hidden and set(hidden) == {"Office"}
    page.page.check('#sg-legend input[data-kind="Office"]')
    page.page.screenshot(path=str(ARTIFACTS / "map-whole.png"))
    # the search box keeps Danish letters and finds the node
    page.page.fill("#sg-search", "Samsø")
    page.page.press("#sg-search", "Enter")
    page.page.wait_for_timeout(500)
    assert page.page.inner_text("#sg-status") == "Samsø Kommune (Municipality)"
    assert page.js("window.sgMap.network.getSelectedNodes()") == ["kommune-samsoe"]
    where = (
        "(() => { const n = window.sgMap.network; const p = n.canvasToDOM(n.getPositions(['kommune-samsoe'])['kommune-samsoe']);"
        " return [p, n.getNodeAt(p)]; })()"
    )
    for _ in range(100):  # until the zoom animation has ended
        if not page.js("window.sgMap.state.moving"):
            break
        page.page.wait_for_timeout(100)
    pos, under = page.js(where)
    assert under == "kommune-samsoe"
    box = page.page.locator("#sg-network").bounding_box()
    page.page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    tooltip = page.page.inner_text("div.vis-tooltip")
    assert "Samsø Kommune" in tooltip and "Municipality" in tooltip and "Valid:" in tooltip
    page.page.screenshot(path=str(ARTIFACTS / "map-search-samsoe.png"))
    for typed, found in (("Århus Kommune", "kommune-aarhus"), ("samso", "kommune-samsoe"), ("KOSU", "kosu")):
        page.page.fill("#sg-search", typed)
        page.page.press("#sg-search", "Enter")
        assert page.js("window.sgMap.state.selected") == found, typed
    page.check_offline_and_clean()
    page.page.close()


def test_browser_focused_map_is_smaller(browser, map_files, model):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    n_whole = len(drawable(model)[0])  # what the whole map holds in the browser (test_browser_whole_map)
    page = Page(browser, map_files["focus"])
    n = page.js("window.sgMap.nodes.length")
    assert 1 < n < n_whole
    assert "Samsø" in page.js("window.sgMap.nodes.get().map(n => n.label)")
    assert page.js("window.sgMap.data.meta.focus") == "kommune-samsoe"
    assert "focus Samsø Kommune (depth 1)" in page.page.inner_text("#sg-bar")
    page.page.screenshot(path=str(ARTIFACTS / "map-focus-samsoe.png"))
    page.check_offline_and_clean()
    page.page.close()


def test_browser_script_closing_name_stays_text(browser, tmp_path):
    hostile = "Forum </script><b>bold</b>"
    g = nx.MultiDiGraph()
    g.add_node("x", kind="Forum", name=hostile, status="active", sources=[])
    g.add_node("y", kind="Region", name="Region Nord", status="active", sources=[])
    g.add_edge("x", "y", key="r", id="r", type="PART_OF", status="active", sources=[])
    snap = analysis.Snapshot(g=g, as_of="2024-01-01", source=None, include_inferred=False)
    path = write_map(build_map(snap, focus="x", depth=1, title=hostile), tmp_path / "hostile.html")
    page = Page(browser, path)
    assert page.js("window.sgMap.nodes.get('x').name") == hostile
    assert page.page.inner_text("#sg-bar h1") == hostile
    assert page.js("document.querySelectorAll('b').length") == 0  # no element made from the name
    assert page.js("document.scripts.length") == 3
    page.check_offline_and_clean()
    page.page.close()


def test_browser_inline_notebook_frame(browser, tmp_path, model):
    """What Jupyter / VS Code show: the map inside an iframe srcdoc, still offline."""
    page_html = build_map(
        model, region="region-midtjylland", kinds="Forum,Organisation,Region", as_of="2027-07-01"
    )
    host = tmp_path / "notebook-output.html"
    host.write_text(
        f'<!DOCTYPE html><meta charset="utf-8"><body>{show_map(page_html, height=600)._repr_html_()}</body>',
        encoding="utf-8",
    )
    p = Page.__new__(Page)
    p.requests, p.aborted, p.errors = [], [], []
    p.page = browser.new_page(viewport={"width": 1200, "height": 700})
    p.page.on("console", lambda m: p.errors.append(m.text) if m.type == "error" else None)
    p.page.on("pageerror", lambda e: p.errors.append(str(e)))
    p.page.on("request", lambda r: p.requests.append(r.url))
    p.page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith("file://")
            else (p.aborted.append(r.request.url), r.abort())
        ),
    )
    p.page.goto(host.as_uri())
    frame = p.page.frames[1]
    frame.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
    assert frame.evaluate("window.sgMap.nodes.length") == page_html.stats["nodes"]
    p.page.screenshot(path=str(ARTIFACTS / "map-in-notebook-frame.png"))
    p.check_offline_and_clean()
    p.page.close()


def test_browser_large_map_settles_and_stops(browser, tmp_path):
    """pyvis issue #204: physics on 1,500 nodes froze the page. Here it stabilises, then stops."""
    import random
    import time

    rnd = random.Random(7)
    g = nx.MultiDiGraph()
    for i in range(1500):
        g.add_node(
            f"n{i}",
            kind=rnd.choice(["Forum", "Office", "Municipality", "Organisation"]),
            name=f"Node {i}",
            status="active",
            sources=[],
        )
    for j in range(3000):
        a, b = rnd.sample(range(1500), 2)
        g.add_edge(
            f"n{a}",
            f"n{b}",
            key=f"e{j}",
            id=f"e{j}",
            type="MEMBER_OF",
            role="medlem",
            status="active",
            sources=[],
        )
    start = time.perf_counter()
    page_html = build_map(analysis.Snapshot(g=g, as_of="2024-01-01", source=None, include_inferred=False))
    assert time.perf_counter() - start < 20
    path = write_map(page_html, tmp_path / "large.html")
    start = time.perf_counter()
    page = Page(browser, path)
    assert time.perf_counter() - start < 90
    assert page.js("window.sgMap.nodes.length") == 1500
    before = page.js("JSON.stringify(window.sgMap.network.getPositions())")
    page.page.wait_for_timeout(500)
    assert page.js("JSON.stringify(window.sgMap.network.getPositions())") == before  # physics is off
    page.check_offline_and_clean()
    page.page.close()
