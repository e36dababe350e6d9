"""The static explorer site (`sundhedsgraf site`): the dates each answer can change on, the document
pages' marks, the folder written whole or not at all, and the built site of the real model in
Debian's Chromium (driven by Playwright, every request outside the site's folder aborted):
search, the date chooser, source links, the language switch, narrow screens and screenshots in
tests/artifacts/.

The real model's site is built once per test session (``built``) and once more to check that a
second build gives the same files.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import threading
import urllib.request
from pathlib import Path

import pytest
from db_fixtures import run_cli

from sundhedsgraf.site import periods
from sundhedsgraf.site.documents import locate, passage_id, render_text, uncited_spans

PROJECT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT / "tests" / "artifacts"
MB = 1_000_000


# --------------------------------------------------------------------------------------------
# no database: spans of dates, passages, the output folder


def test_intervals_cover_every_date_once():
    spans = periods.intervals(["2022-01-01", "2015-01-26", "2022-01-01"])
    assert [(s.first, s.last) for s in spans] == [
        (None, "2015-01-25"),
        ("2015-01-26", "2021-12-31"),
        ("2022-01-01", None),
    ]
    assert [s.ask for s in spans] == ["2015-01-25", "2015-01-26", "2022-01-01"]
    assert [(s.first, s.last) for s in periods.intervals(None)] == [(None, None)]


def test_a_fact_bounds_dates_where_it_starts_stops_and_its_standing_changes():
    # a plan attested before it starts: stated all through its stated period, nothing else
    plan = {
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31",
        "attested_from": "2025-02-01",
        "last_attested": "2026-06-30",
    }
    assert periods.force_dates(plan) == periods.standing_dates(plan) == {"2026-01-01", "2027-01-01"}
    # attested on one day and open: stated that day, last attested from the next
    once = {"attested_from": "2015-01-26", "last_attested": "2015-01-26"}
    assert periods.force_dates(once) == {"2015-01-26"}
    assert periods.standing_dates(once) == {"2015-01-26", "2015-01-27"}
    # a reasoned start: inferred until a source attests it
    reasoned = {
        "valid_from": "2022-01-01",
        "period_confidence": "inferred",
        "attested_from": "2022-06-01",
        "last_attested": "2025-12-31",
    }
    assert periods.standing_dates(reasoned) == {"2022-01-01", "2022-06-01", "2026-01-01"}


def test_passages_nest_cross_and_link_to_what_cites_them():
    text = "Hej med dig.\nDette er  en\ntest af noget. Og mere tekst her. Slut."
    passages, spans = locate(text, ["Dette er en test", "en test af noget.", "Dette er"])
    assert [p.quote for p in passages] == ["Dette er en test", "Dette er", "en test af noget."]
    html = str(render_text(text, spans, {p.id: 2 for p in passages}, uncited_spans(text, ["Hej med dig."])))
    # every passage has its anchor once; the crossing one is split, both pieces marked
    for p in passages:
        assert html.count(f'id="{p.id}"') == 1
        assert f'href="#c-{p.id}"' in html
    assert html.count(f'data-p="{passage_id("en test af noget.")}"') == 2
    assert '<span class="uncited">Hej med dig.</span>' in html
    # the text itself is unchanged once the markup is taken out
    assert re.sub(r"<a [^>]*>\[\d+\]</a>|<[^>]+>", "", html) == text


def test_bad_out_and_bad_date_are_one_line_errors_and_write_nothing(tmp_path, db_home):
    a_file = tmp_path / "site.html"
    a_file.write_text("keep me", encoding="utf-8")
    cases = [
        (["site", "--out", str(a_file)], "is a file"),
        (["site", "--out", str(tmp_path / "new"), "--as-of", "2024-13-45"], "is not a date"),
        (["site", "--out", str(tmp_path / "no" / "such" / "folder")], "does not exist"),
        (["site", "--serve", "--out", str(tmp_path / "empty")], "no site there"),
    ]
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine", encoding="utf-8")
    cases.append((["site", "--out", str(tmp_path / "busy")], "no site built by sundhedsgraf"))
    for args, says in cases:
        before = sorted(p.name for p in tmp_path.rglob("*"))
        r = run_cli(args, db_home, tmp_path, timeout=60)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert r.stderr.count("\n") == 1 and says in r.stderr, r.stderr
        assert "Traceback" not in r.stderr
        assert sorted(p.name for p in tmp_path.rglob("*")) == before, args
    assert a_file.read_text(encoding="utf-8") == "keep me"


# --------------------------------------------------------------------------------------------
# the real model's site, built once


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session")
def built(graph, real_model, tmp_path_factory):
    """The real model's site: (folder, report)."""
    import db_fixtures

    from sundhedsgraf.loaders.graph import load_graph
    from sundhedsgraf.site.build import build_site

    if db_fixtures._content["loaded"] != "real":  # the session database's content, as real_graph keeps it
        load_graph(real_model, graph, replace=True)
        db_fixtures._content["loaded"] = "real"
    folder = tmp_path_factory.mktemp("site") / "site"
    report = build_site(graph, real_model, folder)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "site-build.json").write_text(
        json.dumps({**report.to_json(), "out": "…"}, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    return folder, report


@pytest.mark.db
def test_the_site_has_every_page_danish_first_and_none_over_a_megabyte(built):
    folder, report = built
    for page in (
        "index.html",
        "kommune/kommune-aarhus.html",
        "kommune/kommune-samsoe.html",
        "region/region-midtjylland.html",
        "forum/kosu.html",
        "embede/sundhedsdirektoer-viborg.html",
        "dokument/004.html",
        "tidslinje.html",
        "huller.html",
        "kilder.html",
        "netvaerk/index.html",
        "netvaerk/kommune-viborg.html",
        "diagram/region-midtjylland-2027-01-01.html",
        "assets/names.js",
    ):
        assert (folder / page).is_file(), page
    too_big = {
        str(p.relative_to(folder)): p.stat().st_size
        for p in folder.rglob("*.html")
        if p.stat().st_size > MB and "netvaerk" not in p.parts
    }
    assert too_big == {}
    home = (folder / "index.html").read_text(encoding="utf-8")
    assert '<html lang="da">' in home and "Ringkøbing-Skjern Kommune" in home and "Samsø Kommune" in home
    assert 'data-en="Municipalities"' in home
    # no request outside the folder: every src and href is relative or a link to read elsewhere
    for page in folder.rglob("*.html"):
        if "netvaerk" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'\ssrc="(?:https?:)?//', text), page
        assert not re.search(r'<link[^>]+href="(?:https?:)?//', text), page
    # the build stays within the target on this machine (measured: see tests/artifacts/site-build.json)
    assert report.seconds < 90


@pytest.mark.db
@pytest.mark.slow
def test_building_twice_gives_the_same_files(built, graph, real_model):
    from sundhedsgraf.site.build import build_site

    folder, _ = built
    first = _digest(folder)
    again = folder.parent / "again"
    build_site(graph, real_model, again)
    assert _digest(again) == first
    # a second build into the same folder replaces it and leaves nothing beside it
    build_site(graph, real_model, again)
    assert _digest(again) == first
    assert sorted(p.name for p in folder.parent.iterdir()) == ["again", "site"]


@pytest.mark.db
def test_each_answer_is_the_registrys_on_any_date(built, real_graph):
    """The answers precomputed per span of dates are exactly `ask`'s on dates around every
    boundary of the model (a question with no fact to read answers nothing on any date)."""
    from sundhedsgraf.queries import run_query
    from sundhedsgraf.questions import ask, shaping
    from sundhedsgraf.site.build import Asker, answer_on

    facts = periods.Facts.from_dumps(
        run_query("dump_nodes", graph=real_graph),
        run_query("dump_relationships", graph=real_graph),
        shaping.OTHER_RELATIONS,
    )
    bounds = set()
    for x in [*facts.nodes.values(), *facts.rels]:
        bounds |= periods.standing_dates(x.props)
    dates = sorted(bounds | {periods.previous_day(d) for d in bounds} | {"1999-01-01", "2040-06-01"})
    cases = []
    for n in facts.nodes.values():
        if n.kind == "Municipality":
            cases += [
                ("represented", facts.represented(n.id), {"municipality": n.id}),
                ("meetings", facts.represented(n.id, meetings=True), {"target": n.id}),
            ]
        elif n.kind in ("Forum", "Organisation"):
            cases += [
                ("members", facts.members(n.id), {"forum": n.id}),
                ("chain", facts.chain(n.id), {"forum": n.id}),
                ("appointments", facts.appointments(n.id), {"body": n.id}),
            ]
        elif n.kind == "Office":
            cases += [
                ("meetings", facts.office_meetings(n.id), {"target": n.id}),
                ("chain", facts.chain(n.id), {"forum": n.id}),
                ("appointments", facts.appointments(n.id), {"body": n.id}),
            ]
    rng = random.Random(14)
    asker = Asker(real_graph)
    for name, found, args in rng.sample(cases, 80):
        variants = asker.over(name, found, **args)
        for d in rng.sample(dates, 3):
            want = ask(name, real_graph, d, **args)
            got = answer_on(variants, d)
            if got is None:
                assert not any(v for k, v in want.items() if isinstance(v, list)), (name, args, d)
            else:
                assert got == want, (name, args, d)


# --------------------------------------------------------------------------------------------
# in a real browser


class Page:
    """A page of the site that may load only files of the site's folder: everything else is aborted."""

    def __init__(self, browser, folder: Path, path: str, width=1280, height=900):
        self.errors: list[str] = []
        self.aborted: list[str] = []
        self.folder = folder.resolve().as_uri() + "/"
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "assert") else None
            ),
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

        def route(r):
            if r.request.url.startswith(self.folder):
                r.continue_()
            else:
                self.aborted.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.goto(path)

    def goto(self, path: str):
        self.page.goto(self.folder + path)
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def check_clean(self):
        assert self.aborted == [], f"requests left the folder: {self.aborted}"
        assert self.errors == []

    def close(self):
        self.page.close()


VISIBLE_FORA = """() => [...new Set([...document.querySelectorAll('#repraesentation tbody tr.on td:first-child a')]
    .map(a => a.getAttribute('href').split('?')[0].split('/').pop().replace('.html', '')))]"""


def _clear_storage(page: Page):
    page.js("() => localStorage.clear()")


@pytest.mark.db
@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "kommune/kommune-viborg.html",
        "region/region-nordjylland.html",
        "forum/kosu.html",
        "organisation/kl.html",
        "embede/sundhedsdirektoer-viborg.html",
        "dokument/004.html",
        "tidslinje.html",
        "huller.html",
        "kilder.html",
        "diagram/region-midtjylland-2027-01-01.html",
    ],
)
def test_browser_no_console_error_on_any_page_type(browser, built, path):
    folder, _ = built
    if not (folder / path).exists():
        pytest.skip(f"{path} is not in this model's site")
    page = Page(browser, folder, path)
    assert page.js("() => document.documentElement.lang") == "da"
    # the chosen date shows exactly one answer per section
    for section in page.js(
        "() => [...document.querySelectorAll('.variants')].map(v => v.querySelectorAll('.variant.current').length)"
    ):
        assert section == 1
    page.check_clean()
    page.close()


@pytest.mark.db
def test_browser_search_aarhus_and_its_page_lists_the_registrys_fora(browser, built, real_graph):
    from sundhedsgraf.questions import ask

    folder, _ = built
    page = Page(browser, folder, "index.html?dato=2024-06-01")
    _clear_storage(page)
    for typed, first in (
        ("Århus", "Aarhus Kommune"),
        ("aarhus kommune", "Aarhus Kommune"),
        ("Arhus", "Aarhus Kommune"),
        ("Samso", "Samsø Kommune"),
        ("KOSU", "Den Kommunale Styregruppe på sundhedsområdet"),
        ("ringkobing-skjern", "Ringkøbing-Skjern Kommune"),
    ):
        page.page.fill("#sog", "")
        page.page.type("#sog", typed)
        options = page.js(
            "() => [...document.querySelectorAll('#sog-forslag [role=option] a')].map(a => a.textContent)"
        )
        assert options and options[0] == first, (typed, options)
    page.page.fill("#sog", "")
    page.page.type("#sog", "Århus")
    assert page.js("() => document.getElementById('sog').getAttribute('aria-expanded')") == "true"
    page.page.keyboard.press("ArrowDown")
    with page.page.expect_navigation():
        page.page.keyboard.press("Enter")
    page.page.wait_for_selector("body[data-ready=true]", state="attached")
    assert page.page.url.split("?")[0].endswith("kommune/kommune-aarhus.html")
    assert "dato=2024-06-01" in page.page.url
    want = sorted(
        {r["forum_id"] for r in ask("represented", real_graph, "2024-06-01", municipality="kommune-aarhus")}
    )
    assert sorted(page.js(VISIBLE_FORA)) == want and want
    page.check_clean()
    page.close()


@pytest.mark.db
def test_browser_the_date_chooser_changes_the_answers(browser, built, real_graph):
    from sundhedsgraf.questions import ask

    folder, _ = built
    page = Page(browser, folder, "kommune/kommune-samsoe.html?dato=2024-06-01")
    seen = {}
    for date in ("2024-06-01", "2027-06-01"):
        page.page.fill("#dato", date)
        page.page.dispatch_event("#dato", "change")
        got = sorted(page.js(VISIBLE_FORA))
        want = sorted(
            {r["forum_id"] for r in ask("represented", real_graph, date, municipality="kommune-samsoe")}
        )
        assert got == want, date
        assert f"dato={date}" in page.page.url
        # links to other pages carry the date
        assert f"dato={date}" in page.js(
            "() => document.querySelector('#repraesentation tr.on a').getAttribute('href')"
        )
        seen[date] = got
    assert seen["2024-06-01"] != seen["2027-06-01"]
    # the date is remembered: another page opens on it
    page.goto("index.html")
    assert page.js("() => document.getElementById('dato').value") == "2027-06-01"
    _clear_storage(page)
    page.check_clean()
    page.close()


@pytest.mark.db
def test_browser_a_source_link_opens_the_passage_highlighted(browser, built):
    folder, _ = built
    page = Page(browser, folder, "forum/kosu.html")
    link = page.page.locator("#medlemmer tr.on a.src-link").first
    href = link.get_attribute("href")
    assert re.search(r"dokument/\d{3}\.html\?dato=[\d-]+#p-[0-9a-f]{10}$", href), href
    # the quote is on the page, once, and shown beside the link while it has the focus
    quote = page.js(
        "(a) => document.getElementById(a.getAttribute('aria-describedby')).querySelector('q').textContent",
        link.element_handle(),
    )
    link.focus()
    assert page.js("() => document.getElementById('kildetip').textContent").strip("“”") == quote
    link.click()
    page.page.wait_for_selector("body[data-ready=true]", state="attached")
    target = page.js(
        "() => { const m = document.querySelector('mark:target'); if (!m) return null;"
        " const r = m.getBoundingClientRect(); return {id: m.id, top: r.top, bottom: r.bottom, height: innerHeight,"
        " bg: getComputedStyle(m).backgroundColor, text: m.textContent}; }"
    )
    assert target is not None and target["id"] == href.rsplit("#", 1)[1]
    assert 0 <= target["top"] < target["height"] and target["bottom"] > 0  # scrolled into view
    assert target["bg"] == "rgb(255, 201, 77)"  # the highlight, not the plain passage colour
    assert " ".join(re.sub(r"\[\d+\]", "", target["text"]).split()) in " ".join(quote.split())
    page.page.screenshot(path=str(ARTIFACTS / "site-document-target-1280.png"))
    page.check_clean()
    page.close()


@pytest.mark.db
def test_browser_the_language_switch_swaps_every_label_and_is_remembered(browser, built):
    folder, _ = built
    page = Page(browser, folder, "kommune/kommune-viborg.html")
    _clear_storage(page)
    page.goto("kommune/kommune-viborg.html")
    assert page.js("() => document.getElementById('h-repr').textContent") == "Hvor kommunen er repræsenteret"
    page.page.click("#sprog")
    assert page.js("() => document.documentElement.lang") == "en"
    assert (
        page.js("() => document.getElementById('h-repr').textContent")
        == "Where the municipality is represented"
    )
    assert (
        page.js("() => document.querySelector('#repraesentation td').getAttribute('data-label')") == "Forum"
    )
    page.goto("index.html")
    assert page.js("() => document.documentElement.lang") == "en"
    page.page.click("#sprog")
    assert page.js("() => document.getElementById('h-q').textContent") == "Spørgsmål"
    page.check_clean()
    page.close()


@pytest.mark.db
def test_browser_keyboard_skip_link_and_focus(browser, built):
    folder, _ = built
    page = Page(browser, folder, "index.html")
    page.page.keyboard.press("Tab")
    assert page.js("() => document.activeElement.className") == "skip"
    outline = page.js("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.page.keyboard.press("Enter")
    assert page.js("() => document.activeElement.id") == "indhold"
    page.check_clean()
    page.close()


@pytest.mark.db
@pytest.mark.parametrize("width", [1280, 390])
def test_browser_screenshots_and_no_sideways_scrolling(browser, built, width):
    folder, _ = built
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in (
        ("home", "index.html"),
        ("municipality", "kommune/kommune-viborg.html?dato=2024-06-01"),
        ("forum", "forum/kosu.html?dato=2024-06-01"),
        ("document", "dokument/004.html"),
        ("timeline", "tidslinje.html?dato=2025-10-15"),
    ):
        page = Page(browser, folder, path, width=width, height=900)
        assert page.js("() => document.scrollingElement.scrollWidth") <= width, (name, width)
        page.page.screenshot(path=str(ARTIFACTS / f"site-{name}-{width}.png"))
        page.check_clean()
        page.close()


@pytest.mark.db
def test_serve_previews_the_folder(built):
    from sundhedsgraf.site.serve import server, url

    folder, _ = built
    httpd = server(folder, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        address = url(httpd)
        assert address.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(address + "kommune/kommune-viborg.html", timeout=10) as r:
            assert r.status == 200 and "Viborg Kommune" in r.read().decode("utf-8")
    finally:
        httpd.shutdown()
        httpd.server_close()
