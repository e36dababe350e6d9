"""The organisation charts (sundhedsgraf/site/orgchart.py and its static files): the chart data from
the database, the HTML fragment, and the drawing in a real headless Chromium (Debian's chromium
driven by Playwright) with every request outside the test folder aborted. Screenshots go to
tests/artifacts/ (gitignored).

In CI (CI=true) a missing browser fails the browser tests; elsewhere they are skipped.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import tomllib
import xml.etree.ElementTree as ET
from fnmatch import fnmatch
from pathlib import Path

import pytest

from sundhedsgraf.errors import ConfigError
from sundhedsgraf.site import orgchart
from sundhedsgraf.site.orgchart import ASSETS, ELK_VERSION, chart, danish_date, level_of, render_chart_html

PROJECT = Path(__file__).resolve().parent.parent
PACKAGE = PROJECT / "sundhedsgraf"
ARTIFACTS = PROJECT / "tests" / "artifacts"
SVG = "{http://www.w3.org/2000/svg}"
REGION_NAMES = {"region-midtjylland": "Region Midtjylland", "region-nordjylland": "Region Nordjylland"}
CASES = {
    "midt-2024": ("region-midtjylland", "2024-06-01"),
    "midt-2027": ("region-midtjylland", "2027-06-01"),
    "nord-2017": ("region-nordjylland", "2017-06-27"),
}


# --------------------------------------------------------------------------------------------
# without the database


def payload(fragment: str) -> dict:
    m = re.search(r'<script type="application/json" class="sg-orgchart__data">(.*?)</script>', fragment, re.S)
    assert m, "the chart data element is missing"
    return json.loads(m.group(1))


def tiny_chart(name: str = "Sundhedsstyregruppen") -> dict:
    return {
        "region": "region-midtjylland",
        "region_name": "Region Midtjylland",
        "as_of": "2024-06-01",
        "nodes": [
            {"id": "a", "name": name, "kind": "Forum", "level": "administrativ", "href": "forum/a.html"},
            {
                "id": "b",
                "name": "Sundhedskoordinationsudvalget",
                "kind": "Forum",
                "level": "politisk",
                "href": "forum/b.html",
            },
        ],
        "edges": [
            {
                "id": "PREPARES_CASES_FOR:a->b",
                "source": "a",
                "target": "b",
                "type": "PREPARES_CASES_FOR",
                "label_da": "forbereder sager til",
                "label_en": "prepares cases for",
            }
        ],
    }


def test_fragment_has_the_figure_buttons_data_and_assets():
    fragment = render_chart_html(tiny_chart(), "../assets/")
    assert fragment.count("<figure") == 1 and "</figure>" in fragment
    assert "Organisationsdiagram: Region Midtjylland, 1. juni 2024" in fragment
    assert ">Hent SVG</button>" in fragment and ">Hent PNG</button>" in fragment
    assert f'<script src="../assets/elk.bundled-{ELK_VERSION}.js" defer></script>' in fragment
    assert '<script src="../assets/orgchart.js" defer></script>' in fragment
    assert '<link rel="stylesheet" href="../assets/orgchart.css">' in fragment
    assert 'data-root="../"' in fragment  # the boxes link from diagram/ to the site root
    assert payload(fragment) == tiny_chart()
    assert 'data-root=""' in render_chart_html(tiny_chart(), "static/")
    assert 'data-root="x/"' in render_chart_html(tiny_chart(), "../assets/", root_prefix="x/")


def test_fragment_escapes_everything():
    hostile = 'Forum </script><script>alert(1)</script> & "x" <!--'
    c = tiny_chart(hostile)
    c["region_name"] = "<b>Region</b>"
    fragment = render_chart_html(c, '../a"ssets/')
    assert "<b>" not in fragment and "&lt;b&gt;Region&lt;/b&gt;" in fragment
    assert fragment.count("<script") == 3  # the data and the two scripts: nothing from the names
    assert "</script><script>alert" not in fragment and "<!--" not in fragment
    assert payload(fragment)["nodes"][0]["name"] == hostile
    assert 'src="../a&#34;ssets/orgchart.js"' in fragment


def test_danish_dates():
    assert danish_date("2017-06-27") == "27. juni 2017"
    assert danish_date("2027-01-01") == "1. januar 2027"


def test_levels_from_level_and_forum_type():
    assert level_of("Forum", {"level": "political", "forum_type": "council"}) == "politisk"
    assert level_of("Forum", {"level": "administrative", "forum_type": "steering_group"}) == "administrativ"
    assert level_of("Forum", {"level": "secretariat", "forum_type": "secretariat"}) == "sekretariat"
    assert level_of("Forum", {"level": None, "forum_type": "secretariat"}) == "sekretariat"
    assert level_of("Forum", {"level": "mixed", "forum_type": "cluster"}) == "lokalt"
    assert level_of("Forum", {"level": "administrative", "forum_type": "collaboration_forum"}) == "lokalt"
    # Nordjylland's forankringsgrupper: political members, but one in each cluster
    assert level_of("Forum", {"level": "political", "forum_type": "forum"}, in_cluster=True) == "lokalt"
    # 002's bilateral cooperation is local; the cooperation as a whole (made of other fora) is not
    assert level_of("Forum", {"level": "mixed", "forum_type": "cooperation"}) == "lokalt"
    assert (
        level_of("Forum", {"level": "mixed", "forum_type": "cooperation"}, has_parts=True) == "administrativ"
    )
    assert level_of("Forum", {"level": None, "forum_type": "committee"}) == "administrativ"
    assert level_of("Organisation", {"org_type": "secretariat"}) == "sekretariat"
    assert level_of("Organisation", {"org_type": "hospital"}) == "lokalt"


def test_assets_exist_and_are_package_data():
    assert [p.name for p in ASSETS] == [
        f"elk.bundled-{ELK_VERSION}.js",
        f"elkjs-{ELK_VERSION}.LICENSE-EPL-2.0.md",
        "orgchart.js",
        "orgchart.css",
    ]
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["sundhedsgraf"]
    for f in ASSETS:
        assert f.is_file(), f
        rel = f.relative_to(PACKAGE).as_posix()
        assert any(fnmatch(rel, p) for p in patterns), f"{rel} is not package data: {patterns}"


def test_vendored_elk_is_the_version_named():
    readme = (PACKAGE / "vendor" / "README.md").read_text(encoding="utf-8")
    assert f"elkjs {ELK_VERSION}" in readme and f"elk.bundled-{ELK_VERSION}.js" in readme
    licence = orgchart.ELK_LICENCE.read_text(encoding="utf-8")
    assert licence.startswith("# Eclipse Public License - v 2.0")
    js = orgchart.ELK_JS.read_text(encoding="utf-8")
    assert "g.ELK = f()" in js  # the UMD bundle that defines window.ELK
    assert "sourceMappingURL" not in js
    # run on the main thread: without a workerUrl the bundle uses its in-page fake worker
    assert "unless no other workerFactory is registered, use the fake worker" in js


def test_orgchart_script_needs_no_worker_eval_or_fetch():
    js = orgchart.ORGCHART_JS.read_text(encoding="utf-8")
    for forbidden in ("fetch(", "XMLHttpRequest", "eval(", "new Function", "workerUrl", "importScripts"):
        assert forbidden not in js, forbidden
    assert set(re.findall(r"https?://[^\"' ]+", js)) == {
        "http://www.w3.org/2000/svg"
    }  # a namespace, not a fetch
    css = orgchart.ORGCHART_CSS.read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css


# --------------------------------------------------------------------------------------------
# the chart data, from the database


@pytest.fixture
def charts(real_graph):
    return {key: chart(real_graph, region, as_of) for key, (region, as_of) in CASES.items()}


def ids_of(c: dict) -> set[str]:
    return {n["id"] for n in c["nodes"]}


def edges_of(c: dict, kind: str) -> set[tuple[str, str]]:
    return {(e["source"], e["target"]) for e in c["edges"] if e["type"] == kind}


@pytest.mark.db
def test_chart_shape(charts):
    for key, c in charts.items():
        region, as_of = CASES[key]
        assert c["region"] == region and c["as_of"] == as_of
        assert c["region_name"] == REGION_NAMES[region]
        assert set(c) == {"region", "region_name", "as_of", "nodes", "edges"}
        ids = ids_of(c)
        assert len(ids) == len(c["nodes"])
        for n in c["nodes"]:
            assert set(n) == {"id", "name", "kind", "level", "href"}
            assert n["level"] in {"politisk", "administrativ", "lokalt", "sekretariat"}
            folder = {"Forum": "forum", "Organisation": "organisation"}[n["kind"]]
            assert n["href"] == f"{folder}/{n['id']}.html"
        assert len({e["id"] for e in c["edges"]}) == len(c["edges"])
        for e in c["edges"]:
            assert set(e) == {"id", "source", "target", "type", "label_da", "label_en"}
            assert e["source"] in ids and e["target"] in ids, e
            assert (e["label_da"], e["label_en"]) == orgchart.RELATIONS[e["type"]]


@pytest.mark.db
def test_midtjylland_2024(charts):
    c = charts["midt-2024"]
    ids = ids_of(c)
    assert {
        "kosu",
        "sundhedsstyregruppen",
        "sundhedskoordinationsudvalget-rm",
        "kkr-midtjylland",
        "dassos",
    } <= ids
    assert {"skf-midtjylland", "sundhedsraad-aarhus"}.isdisjoint(ids)  # created from 2026
    assert ("kosu", "sundhedsstyregruppen") in edges_of(c, "PREPARES_CASES_FOR")
    assert ("sundhedsstyregruppen", "sundhedskoordinationsudvalget-rm") in edges_of(c, "PREPARES_CASES_FOR")
    # 004: the clusters work "på opdrag fra Sundhedsstyregruppen" and SSG "nedsætter" working groups:
    # neither reports to it
    assert ("sundhedsstyregruppen", "klyngerne-rm") in edges_of(c, "COMMISSIONS")
    assert ("sundhedsstyregruppen", "midlertidige-arbejdsgrupper-ssg-rm") in edges_of(c, "SETS_UP")
    assert not [e for e in edges_of(c, "REPORTS_TO") if e[1] == "sundhedsstyregruppen"]
    levels = {n["id"]: n["level"] for n in c["nodes"]}
    assert levels["sundhedskoordinationsudvalget-rm"] == "politisk"
    assert levels["sundhedsstyregruppen"] == "administrativ"
    assert levels["klyngerne-rm"] == "lokalt" and levels["klynge-rm-aarhus"] == "lokalt"
    assert levels["sundhedsaftalesekretariatet-rm"] == "sekretariat"
    kinds = {n["id"]: n["kind"] for n in c["nodes"]}
    assert kinds["kosu-sekretariatet"] == "Organisation"
    assert ("kosu-sekretariatet", "kosu") in edges_of(c, "SECRETARIAT_FOR")


@pytest.mark.db
def test_midtjylland_2027(charts):
    c = charts["midt-2027"]
    ids = ids_of(c)
    raad = {f"sundhedsraad-{x}" for x in ("aarhus", "horsens", "kronjylland", "midt", "vest")}
    assert raad | {"skf-midtjylland", "regionsraadet-rm", "kosu"} <= ids
    assert not any(i.startswith("klynge-rm-") for i in ids)  # the named clusters end with 2026
    assert edges_of(c, "REPORTS_TO") == {(r, "regionsraadet-rm") for r in raad}
    assert ("kosu-skf-sekretariat", "skf-midtjylland") in edges_of(c, "SECRETARIAT_FOR")
    assert {n["level"] for n in c["nodes"] if n["id"] in raad} == {"politisk"}


@pytest.mark.db
def test_nordjylland_2017(charts):
    c = charts["nord-2017"]
    ids = ids_of(c)
    assert {
        "sku-nordjylland",
        "fu-sundhedsdirektoerer-nordjylland",
        "das-nordjylland",
        "kkr-nordjylland",
    } <= ids
    assert not any(i.endswith("-rm") or i in {"kosu", "sundhedsstyregruppen"} for i in ids)
    assert edges_of(c, "REPORTS_TO") == {("das-nordjylland", "sku-nordjylland")}  # 003: "har reference til"
    assert edges_of(c, "SETS_UP") == {
        ("kkr-nordjylland", "klyngerne-rn"),
        ("kkr-nordjylland", "fu-sundhedsdirektoerer-nordjylland"),
    }
    levels = {n["id"]: n["level"] for n in c["nodes"]}
    assert levels["forankringsgrupperne-rn"] == "lokalt"
    assert levels["samarbejdsfora-somatik-nordjylland"] == "lokalt"
    assert levels["sku-nordjylland"] == "politisk"


@pytest.mark.db
def test_only_stated_facts_in_force(real_graph):
    from sundhedsgraf.queries import run_query

    c = chart(real_graph, "region-nordjylland", "2017-06-27")
    everything = run_query("snapshot_relationships", graph=real_graph, as_of="2017-06-27", inferred=True)
    stated = {r["properties"]["id"] for r in everything if r["properties"].get("confidence") != "inferred"}
    assert len(stated) < len(everything)  # there are inferred facts on that date to leave out
    assert {e["id"] for e in c["edges"]} <= stated
    # no fact before the documents speak is in force
    early = chart(real_graph, "region-nordjylland", "2000-01-01")
    assert early["edges"] == [] and "sku-nordjylland" not in ids_of(early)


@pytest.mark.db
def test_bad_input(real_graph):
    with pytest.raises(ConfigError, match="region 'kommune-viborg' is not in the database"):
        chart(real_graph, "kommune-viborg", "2024-06-01")
    with pytest.raises(ConfigError, match="region 'Sjælland' is not in the database"):
        chart(real_graph, "Sjælland", "2024-06-01")
    with pytest.raises(ConfigError, match="as_of 'someday' is not a date"):
        chart(real_graph, "region-midtjylland", "someday")


# --------------------------------------------------------------------------------------------
# in a real browser


PAGE = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Organisationsdiagram</title>
<style>body {{ font-family: sans-serif; margin: 1rem; }}</style>
</head><body><main>
{fragment}
</main></body></html>
"""


def write_site(folder: Path, pages: dict[str, dict]) -> dict[str, Path]:
    """A minimal site: assets/ and one page per chart in diagram/, as the site lays them out."""
    (folder / "assets").mkdir(parents=True)
    (folder / "diagram").mkdir()
    for asset in ASSETS:
        shutil.copy(asset, folder / "assets" / asset.name)
    out = {}
    for key, c in pages.items():
        path = folder / "diagram" / f"{c['region']}-{c['as_of']}.html"
        path.write_text(PAGE.format(fragment=render_chart_html(c, "../assets/")), encoding="utf-8")
        out[key] = path
    return out


class Page:
    """A chart page that may load only files of its own folder: everything else is aborted."""

    def __init__(self, browser, path: Path, root: Path, width=1400, height=900):
        self.requests: list[str] = []
        self.aborted: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "assert") else None
            ),
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        inside = root.resolve().as_uri() + "/"

        def route(r):
            if r.request.url.startswith((inside, "data:", "blob:")):
                r.continue_()
            else:
                self.aborted.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector(
            "figure.sg-orgchart[data-ready=true], figure.sg-orgchart[data-error]",
            state="attached",
            timeout=90_000,
        )

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def check_offline_and_clean(self):
        assert self.aborted == [], f"requests left the folder: {self.aborted}"
        assert all(u.startswith(("file://", "data:", "blob:")) for u in self.requests), self.requests
        assert self.errors == []


@pytest.fixture
def site(real_graph, tmp_path_factory):
    folder = tmp_path_factory.mktemp("orgchart-site")
    pages = write_site(folder, {key: chart(real_graph, *case) for key, case in CASES.items()})
    return folder, pages


GEOMETRY = """() => {
  const rect = (e) => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  const boxes = [...document.querySelectorAll('figure.sg-orgchart svg a[data-node]')].map((a) => ({
    id: a.getAttribute('data-node'),
    href: a.getAttribute('href'),
    box: rect(a.querySelector('rect[data-box]')),
    text: rect(a.querySelector('text')),
    lines: [...a.querySelectorAll('tspan')].map((t) => t.textContent),
  }));
  const labels = [...document.querySelectorAll('figure.sg-orgchart svg g[data-label] rect')].map(rect);
  const edges = [...document.querySelectorAll('figure.sg-orgchart svg path[data-edge]')].map((p) => p.getAttribute('data-edge'));
  return {boxes, labels, edges};
}"""


def overlap(a: dict, b: dict, tolerance: float = 0.5) -> bool:
    return (
        a["x"] + tolerance < b["x"] + b["w"]
        and b["x"] + tolerance < a["x"] + a["w"]
        and a["y"] + tolerance < b["y"] + b["h"]
        and b["y"] + tolerance < a["y"] + a["h"]
    )


def inside(inner: dict, outer: dict, tolerance: float = 1.0) -> bool:
    return (
        inner["x"] >= outer["x"] - tolerance
        and inner["y"] >= outer["y"] - tolerance
        and inner["x"] + inner["w"] <= outer["x"] + outer["w"] + tolerance
        and inner["y"] + inner["h"] <= outer["y"] + outer["h"] + tolerance
    )


@pytest.mark.db
@pytest.mark.parametrize("key", list(CASES))
def test_browser_draws_the_chart(browser, site, key, tmp_path):
    folder, pages = site
    c = json.loads(
        re.search(
            r'class="sg-orgchart__data">(.*?)</script>', pages[key].read_text(encoding="utf-8"), re.S
        ).group(1)
    )
    page = Page(browser, pages[key], folder)
    assert page.js("document.querySelector('figure.sg-orgchart').getAttribute('data-error')") is None
    geo = page.js(GEOMETRY)
    # every node a box, linked to its page; every edge a path
    assert sorted(b["id"] for b in geo["boxes"]) == sorted(n["id"] for n in c["nodes"])
    assert {b["id"]: b["href"] for b in geo["boxes"]} == {n["id"]: "../" + n["href"] for n in c["nodes"]}
    assert sorted(geo["edges"]) == sorted(e["id"] for e in c["edges"])
    # no two boxes overlap, no label lies on a box, and every name fits its box
    for a, b in itertools.combinations(geo["boxes"], 2):
        assert not overlap(a["box"], b["box"]), (a["id"], b["id"])
    for label, b in itertools.product(geo["labels"], geo["boxes"]):
        assert not overlap(label, b["box"]), (label, b["id"])
    for b in geo["boxes"]:
        assert inside(b["text"], b["box"]), (b["id"], b["text"], b["box"])
        assert b["box"]["w"] >= 100 and b["box"]["h"] >= 30
        name = re.sub(r"[\s-]", "", next(n["name"] for n in c["nodes"] if n["id"] == b["id"]))
        shown = re.sub(r"[\s-]", "", "".join(b["lines"]))
        assert shown == name or (shown.endswith("…") and name.startswith(shown[:-1])), (b["id"], b["lines"])
    # political on top, then administrative, secretariats, local at the bottom
    level = {n["id"]: n["level"] for n in c["nodes"]}
    order = ["politisk", "administrativ", "sekretariat", "lokalt"]
    tops = {b["id"]: b["box"]["y"] for b in geo["boxes"]}
    for a, b in itertools.combinations(geo["boxes"], 2):
        if order.index(level[a["id"]]) < order.index(level[b["id"]]):
            assert a["box"]["y"] + a["box"]["h"] <= tops[b["id"]], (a["id"], b["id"])
        elif order.index(level[a["id"]]) > order.index(level[b["id"]]):
            assert b["box"]["y"] + b["box"]["h"] <= tops[a["id"]], (a["id"], b["id"])
    # a legend with every relation drawn
    legend = page.js("document.querySelector('figure.sg-orgchart svg g[data-part=legend]').textContent")
    for e in c["edges"]:
        assert e["label_da"] in legend
    assert "Signaturforklaring" in legend

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    size = page.js("(() => { const s = document.querySelector('figure.sg-orgchart svg'); return [s.width.baseVal.value, s.height.baseVal.value]; })()")  # fmt: skip
    # a window large enough for the whole drawing (its box is at most 85% of the window's height)
    page.page.set_viewport_size({"width": max(1400, int(size[0]) + 80), "height": int(size[1] / 0.85) + 300})
    page.page.screenshot(path=str(ARTIFACTS / f"orgchart-{key}.png"), full_page=True)

    # "Hent SVG": a standalone SVG with every box, and nothing it would fetch
    with page.page.expect_download() as dl:
        page.page.click("button[data-download=svg]")
    svg_path = tmp_path / "chart.svg"
    dl.value.save_as(svg_path)
    assert dl.value.suggested_filename == f"organisationsdiagram-{c['region']}-{c['as_of']}.svg"
    text = svg_path.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"')
    tree = ET.parse(svg_path).getroot()
    assert tree.tag == f"{SVG}svg"
    assert len(tree.findall(f".//{SVG}rect[@data-box]")) == len(c["nodes"])
    assert len(tree.findall(f".//{SVG}path[@data-edge]")) == len(c["edges"])
    assert not re.search(r"(?:href|src)\s*=", text) and "url(http" not in text and "@import" not in text
    refs = re.findall(r"url\(([^)]*)\)", text)
    assert refs and all(u.startswith("#") for u in refs)  # the arrowheads, inside the file
    for n in c["nodes"][:5]:
        assert n["name"].split()[0].replace("&", "&amp;") in text

    # "Hent PNG": a PNG of the drawing
    with page.page.expect_download() as dl:
        page.page.click("button[data-download=png]")
    png_path = tmp_path / "chart.png"
    dl.value.save_as(png_path)
    assert dl.value.suggested_filename.endswith(".png")
    data = png_path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= size[0] and height >= size[1]
    page.check_offline_and_clean()
    page.page.close()


@pytest.mark.db
def test_browser_phone_width_scrolls_inside_the_figure(browser, site):
    folder, pages = site
    page = Page(browser, pages["midt-2027"], folder, width=390, height=844)
    assert page.js("document.scrollingElement.scrollWidth") <= 390
    canvas = page.js(
        "(() => { const c = document.querySelector('.sg-orgchart__canvas'); return [c.scrollWidth, c.clientWidth]; })()"
    )
    assert canvas[0] > canvas[1]  # the drawing is wider than the phone: its box scrolls
    page.js("document.querySelector('.sg-orgchart__canvas').scrollLeft = 600")
    assert page.js("document.querySelector('.sg-orgchart__canvas').scrollLeft") > 0
    assert page.js("window.scrollX") == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "orgchart-midt-2027-phone.png"))
    page.check_offline_and_clean()
    page.page.close()


def test_browser_hostile_names_stay_text(browser, tmp_path):
    hostile = 'Forum </script><b>fed</b> & "x"'
    pages = write_site(tmp_path, {"x": tiny_chart(hostile)})
    page = Page(browser, pages["x"], tmp_path)
    assert page.js("document.querySelectorAll('b').length") == 0
    assert page.js("document.querySelector('svg a[data-node=a] title').textContent") == hostile
    assert page.js("document.querySelectorAll('svg rect[data-box]').length") == 2
    page.check_offline_and_clean()
    page.page.close()


def test_browser_empty_chart_and_missing_library(browser, tmp_path):
    empty = {**tiny_chart(), "nodes": [], "edges": []}
    pages = write_site(tmp_path, {"empty": empty})
    page = Page(browser, pages["empty"], tmp_path)
    assert page.page.inner_text(".sg-orgchart__status") == "Ingen fora i kraft på datoen."
    assert page.js("document.querySelector('button[data-download=svg]').disabled") is True
    page.check_offline_and_clean()
    page.page.close()
    (tmp_path / "assets" / f"elk.bundled-{ELK_VERSION}.js").unlink()
    pages["empty"].write_text(
        PAGE.format(fragment=render_chart_html(tiny_chart(), "../assets/")), encoding="utf-8"
    )
    page = Page(browser, pages["empty"], tmp_path)
    assert page.js("document.querySelector('figure.sg-orgchart').getAttribute('data-error')") == "elk"
    assert "elk.bundled.js" in page.page.inner_text(".sg-orgchart__status")
    page.page.close()
