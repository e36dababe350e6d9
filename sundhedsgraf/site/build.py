"""The static explorer site: a folder of pages that works opened from disk or from any web server.

    from sundhedsgraf import connect
    from sundhedsgraf.model import load_model
    from sundhedsgraf.site.build import build_site

    with connect() as graph:
        report = build_site(graph, load_model(), Path("site"))

Every answer comes from the database through the question registry (:func:`sundhedsgraf.questions.ask`);
plain data (every node and relationship of every period, for the pages' history, the document pages'
citations and the dates an answer can change on) from the named queries ``dump_nodes`` and
``dump_relationships``. Each page's time-dependent sections are asked once per span between the
dates that bound the facts they read (:mod:`.periods`), identical neighbouring answers merged, and
the page's script shows the one for the chosen date (``?dato=YYYY-MM-DD``, remembered). The source
documents' text and which sentences no fact cites come from the model (:mod:`sundhedsgraf.coverage`).

The folder is built beside ``out`` and renamed into place: a failed build leaves nothing behind, and
a folder that is not a site built here is never replaced.
"""

from __future__ import annotations

import contextlib
import heapq
import json
import os
import shutil
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from .. import sources as codec
from ..errors import ConfigError
from . import i18n
from .documents import locate, passage_id, render_text, uncited_spans
from .periods import Facts, Node, intervals

#: the folder below the site's root of each kind's pages
FOLDERS = {
    "Municipality": "kommune",
    "Region": "region",
    "Forum": "forum",
    "Office": "embede",
    "Organisation": "organisation",
}
#: the dates the reform section compares (one before 2027, one after)
REFORM_DATES = ("2026-06-01", "2027-06-01")
#: the file that marks a folder as a site built here (the only kind of folder a build replaces)
MARKER = ".sundhedsgraf-site"
#: the site's own scripts and stylesheet (sundhedsgraf/site/static/), copied to assets/
STATIC = ("site.css", "site.js")
#: at most this many organisation charts per region (its latest source dates, and 2027)
MAX_DIAGRAMS = 6


@dataclass
class Variant:
    """An answer and the dates it holds for (``first`` to ``last``, inclusive; None: unbounded).
    ``answer`` None: the question reads no fact at all here, so there is nothing to ask."""

    first: str | None
    last: str | None
    answer: Any

    def holds_on(self, date: str) -> bool:
        return (self.first is None or self.first <= date) and (self.last is None or date <= self.last)


#: the lists of rows in each question's answer (the rest of an answer is its summary)
ROW_LISTS: dict[str, tuple[str, ...]] = {
    "represented": ("",),  # the answer is the list
    "meetings": ("fora",),
    "members": ("members",),
    "chain": ("reports_to", "reported_by", "other_relations"),
    "appointments": ("appoints", "appointed_by"),
}


@dataclass
class Section:
    """A date-dependent section of a page: its answers per span of dates (``variants``, whose
    summaries the page shows one at a time) and the rows of their lists, each row once with the
    spans it holds in (``rows[list] = [(row, "first/last first/last")]``, open ends empty), so a
    row that holds for years is written once, not once per span."""

    variants: list[Variant]
    rows: dict[str, list[tuple[Any, str]]]
    empty: list[bool]


def section(question: str, variants: list[Variant]) -> Section:
    lists = ROW_LISTS[question]

    def items(answer: Any, name: str) -> list:
        if answer is None:
            return []
        return list(answer) if name == "" else list(answer[name])

    rows: dict[str, list[tuple[Any, str]]] = {}
    for name in lists:
        seen: dict[str, Any] = {}
        where: dict[str, list[int]] = defaultdict(list)
        orders: list[list[str]] = []
        for i, v in enumerate(variants):
            keys = []
            for row in items(v.answer, name):
                key = json.dumps(row, sort_keys=True, ensure_ascii=False)
                seen.setdefault(key, row)
                where[key].append(i)
                keys.append(key)
            orders.append(keys)
        rows[name or "rows"] = [(seen[k], _spans(variants, where[k])) for k in _merged_order(orders)]
    empty = [v.answer is None or not any(items(v.answer, n) for n in lists) for v in variants]
    return Section(variants, rows, empty)


def _spans(variants: Sequence[Variant], indices: Sequence[int]) -> str:
    """The spans of neighbouring variants, as "first/last" pairs (an open end empty)."""
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return " ".join(f"{variants[a].first or ''}/{variants[b].last or ''}" for a, b in runs)


def _merged_order(orders: Sequence[Sequence[str]]) -> list[str]:
    """One order of all rows that keeps each answer's own order (rows come sorted by the question;
    where two answers disagree, the earlier first appearance wins)."""
    first: dict[str, tuple[int, int]] = {}
    after: dict[str, set[str]] = defaultdict(set)
    before_count: dict[str, int] = defaultdict(int)
    for i, keys in enumerate(orders):
        for j, k in enumerate(keys):
            first.setdefault(k, (i, j))
        for a, b in pairwise(keys):
            if b not in after[a]:
                after[a].add(b)
                before_count[b] += 1
    ready = [(first[k], k) for k in first if before_count[k] == 0]
    heapq.heapify(ready)
    out: list[str] = []
    done: set[str] = set()
    while len(out) < len(first):
        if not ready:  # answers that disagree on the order: the earliest remaining row next
            k = min((k for k in first if k not in done), key=first.__getitem__)
            ready = [(first[k], k)]
        _, k = heapq.heappop(ready)
        if k in done:
            continue
        out.append(k)
        done.add(k)
        for b in after[k]:
            before_count[b] -= 1
            if before_count[b] == 0 and b not in done:
                heapq.heappush(ready, (first[b], b))
    return out


def answer_on(variants: Sequence[Variant], date: str) -> Any:
    return next((v.answer for v in variants if v.holds_on(date)), None)


@dataclass
class Report:
    out: Path
    pages: int = 0
    files: int = 0
    bytes: int = 0
    largest_page: tuple[str, int] = ("", 0)
    questions: int = 0
    question_seconds: float = 0.0  # the wall time of asking the pages' questions
    seconds: float = 0.0
    maps: int = 0
    diagrams: str = ""
    sizes: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "out": str(self.out),
            "index": str((self.out / "index.html").resolve()),
            "pages": self.pages,
            "files": self.files,
            "bytes": self.bytes,
            "largest_page": {"path": self.largest_page[0], "bytes": self.largest_page[1]},
            "questions": self.questions,
            "question_seconds": round(self.question_seconds, 2),
            "seconds": round(self.seconds, 2),
            "maps": self.maps,
            "diagrams": self.diagrams,
        }


# --------------------------------------------------------------------------------------------
# the output folder


def check_out(out: Path) -> None:
    """Refuse, before any work, an ``--out`` that is a file, lies in a missing folder, or is a
    folder with other things in it than a site built here."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out {out}: is a file; give a folder for the site, e.g. --out site.")
    parent = out.resolve().parent
    if not parent.is_dir():
        raise ConfigError(
            f"--out {out}: folder '{parent}' does not exist; create it or choose another folder."
        )
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise ConfigError(
            f"--out {out}: the folder holds other files and no site built by sundhedsgraf; "
            "choose a new or empty folder."
        )
    if not os.access(parent, os.W_OK):
        raise ConfigError(f"--out {out}: cannot write in '{parent}'; choose a writable folder.")


def _replace_folder(built: Path, out: Path) -> None:
    """Rename ``built`` to ``out``; an older site there is moved aside first and then removed."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    try:
        os.replace(built, out)
    except BaseException:
        if old is not None:
            os.replace(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# asking: each question once per span of dates, identical neighbours merged


class Asker:
    """Asks the registry's questions on one connection and counts them."""

    def __init__(self, graph):
        self.graph = graph
        self.count = 0
        self._lock = threading.Lock()

    def once(self, name: str, as_of: str | None = None, **args: Any) -> Any:
        from ..questions import ask

        with self._lock:
            self.count += 1
        return ask(name, self.graph, as_of, **args)

    def over(self, name: str, dates: set[str] | None, **args: Any) -> list[Variant]:
        """The answers on every span between ``dates`` (None: the question reads no fact; no answer)."""
        if dates is None:
            return [Variant(None, None, None)]
        out: list[Variant] = []
        before = None
        for span in intervals(dates):
            answer = self.once(name, span.ask, **args)
            key = json.dumps(answer, sort_keys=True, ensure_ascii=False)
            if out and key == before:
                out[-1].last = span.last
            else:
                out.append(Variant(span.first, span.last, answer))
                before = key
        return out


@contextlib.contextmanager
def _pool(workers: int) -> Iterator[ThreadPoolExecutor]:
    """Threads that ask (or draw) at once; on an error or Ctrl-C the work not begun is dropped
    instead of waited for."""
    pool = ThreadPoolExecutor(max(1, workers), thread_name_prefix="sundhedsgraf-site")
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


# --------------------------------------------------------------------------------------------
# links: every page renders with a Linker that knows its way back to the site's root


class Linker:
    def __init__(self, site: Site, root: str, path: str = ""):
        self.site = site
        self.root = root
        self.path = path  # the page's own path (a link to it is its name)
        self.quotes: dict[
            tuple[str, str], tuple[str, str, str]
        ] = {}  # (document, quote) -> (id, href, shown)

    def href(self, path: str) -> str:
        return self.root + path

    def url(self, node_id: str | None) -> str | None:
        path = self.site.urls.get(node_id or "")
        return self.root + path if path else None

    def node(self, node_id: str | None, name: str | None = None) -> Markup:
        """A link to the node's page, or its name where it has none."""
        shown = name or self.site.name(node_id)
        url = self.url(node_id)
        if url is None or self.site.urls.get(node_id or "") == self.path:
            return Markup(f'<span class="name">{escape(shown)}</span>')
        return Markup(f'<a href="{escape(url)}">{escape(shown)}</a>')

    def passage(self, document: str, quote: str | None) -> str:
        base = self.href(f"dokument/{document}.html")
        return f"{base}#{passage_id(quote)}" if quote else base

    def sources(self, sources: Iterable[Mapping[str, Any]] | None, label: bool = False) -> Markup:
        """The sources of a fact: per source a link to its passage on the document's page (or to the
        reference data), described by its quote, which the page lists once (:meth:`quote_list`)
        however many facts cite it. ``label``: "Kilder:" before them."""
        links = []
        for s in sources or ():
            if s.get("document"):
                doc, quote = str(s["document"]), str(s.get("quote") or "")
                ref = self._quote_ref(doc, quote, self.passage(doc, quote), doc)
                links.append(
                    f'<a class="src-link" href="{escape(self.passage(doc, quote))}" aria-describedby="{ref}">'
                    f"{escape(doc)}</a>"
                )
            else:
                url, note = str(s.get("url") or ""), str(s.get("note") or s.get("quote") or "")
                host = urlsplit(url).netloc.removeprefix("www.") or "url"
                ref = self._quote_ref("", note or url, url, host)
                links.append(
                    f'<a class="src-link ext" href="{escape(url)}" rel="noreferrer" aria-describedby="{ref}">'
                    f"{escape(host)}</a>"
                )
        if not links:
            return Markup("")
        # the label ("Kilder:" / "Sources:") is the stylesheet's, in the page's language
        return Markup(f'<span class="src{" lab" if label else ""}">{" ".join(links)}</span>')

    def _quote_ref(self, doc: str, quote: str, href: str, shown: str) -> str:
        key = (doc, quote)
        if key not in self.quotes:
            self.quotes[key] = (f"k{len(self.quotes) + 1}", href, shown)
        return self.quotes[key][0]

    def quote_list(self) -> Markup:
        """Every quote the page's source links cite, once, in the order first cited."""
        if not self.quotes:
            return Markup("")
        items = "".join(
            f'<li id="{ref}"><a href="{escape(href)}"{"" if doc else " rel=noreferrer"}>'
            f"{escape(shown)}</a>: <q>{escape(quote)}</q></li>"
            for (doc, quote), (ref, href, shown) in self.quotes.items()
        )
        return Markup(
            '<section class="quotes" aria-labelledby="h-citater"><h2 id="h-citater">'
            f'<span data-en="Quotes on this page">Citater på siden</span></h2><ol>{items}</ol></section>'
        )

    def period(self, v: Variant) -> Markup:
        """When a variant holds, in words."""
        if v.first is None and v.last is None:
            return i18n.label("always")
        parts = []
        if v.first is not None:
            parts.append(i18n.label("from") + Markup(f" <time>{v.first}</time>"))
        if v.last is not None:
            parts.append(i18n.label("until") + Markup(f" <time>{v.last}</time>"))
        return Markup(" ").join(parts)


# --------------------------------------------------------------------------------------------
# the site


class Site:
    """Everything the pages are made of, asked and read once."""

    def __init__(self, graph, model, facts: Facts, index, *, default_date: str | None = None):
        self.graph = graph
        self.model = model
        self.facts = facts
        self.index = index
        self.default_date = default_date
        self.asker = Asker(graph)
        self.documents: dict[str, dict] = {str(d["id"]): dict(d) for d in model.documents}
        self.urls: dict[str, str] = {}
        for n in facts.nodes.values():
            if n.kind in FOLDERS and facts.stated(n.props):
                self.urls[n.id] = f"{FOLDERS[n.kind]}/{n.id}.html"
            elif n.kind in ("Process", "Phase", "Milestone"):
                self.urls[n.id] = f"tidslinje.html#{n.id}"
            elif n.kind == "Gap":
                self.urls[n.id] = f"huller.html#{n.id}"
        for d in self.documents:
            self.urls.setdefault(d, f"dokument/{d}.html")
        self.env = _environment()
        self._coverage: dict[str, dict] | None = None
        #: every date on which some page changes (shown on the pages that do not change themselves)
        self.all_boundaries: list[str] = []
        self._lock = threading.Lock()

    def note_boundaries(self, dates: list[str]) -> list[str]:
        with self._lock:
            self.all_boundaries = sorted(set(self.all_boundaries) | set(dates))
        return dates

    def coverage(self) -> dict[str, dict]:
        """Per document: its sentences, how many the facts cite, and the uncited ones."""
        if self._coverage is None:
            from ..coverage import coverage

            self._coverage = {d["id"]: d for d in coverage(self.model)["documents"]}
        return self._coverage

    def name(self, node_id: str | None) -> str:
        n = self.facts.nodes.get(node_id or "")
        return n.name if n else str(node_id or "")

    def of_kind(self, kind: str) -> list[Node]:
        return sorted(
            (n for n in self.facts.nodes.values() if n.kind == kind and n.id in self.urls),
            key=lambda n: (n.name.casefold(), n.id),
        )

    def region_of(self, n: Node) -> str | None:
        if n.props.get("region"):
            return str(n.props["region"])
        for r in self.facts.out.get(n.id, ()):
            if r.type == "PART_OF" and self.facts.nodes.get(r.end, Node("", "", "", {})).kind == "Region":
                return r.end
        return None


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sundhedsgraf", "templates/site"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        t=i18n.label,
        attr=i18n.attr,
        pair=i18n.pair,
        kind=i18n.kind,
        rel=i18n.relation,
        role=i18n.role,
        standing=i18n.standing,
        status=i18n.status,
        text=i18n.text,
        merged=lambda rows: codec.dedupe(s for r in rows for s in r["sources"]),
    )
    env.filters["json"] = lambda v: Markup(
        json.dumps(v, ensure_ascii=False, sort_keys=True).replace("</", "<\\/").replace("<!--", "<\\!--")
    )
    return env


def _render(site: Site, template: str, path: str, **values: Any) -> tuple[str, bytes]:
    depth = path.count("/")
    ln = Linker(site, "../" * depth, path)
    values.setdefault("site_wide", False)
    page = site.env.get_template(template).render(
        ln=ln, path=path, default_date=site.default_date or "", **values
    )
    return path, page.encode("utf-8")


def _boundaries(*sections: Sequence[Variant]) -> list[str]:
    """The dates on which any of a page's sections changes."""
    return sorted({v.first for vs in sections for v in vs if v.first is not None and len(vs) > 1})


def _sources_of(props: Mapping[str, Any]) -> list[dict]:
    return [dict(s) for s in codec.decode(*(props.get(k) for k in codec.STORED))]


def _period_sources_for(site: Site, props: Mapping[str, Any]) -> list[dict]:
    """The passages that date a fact (``period_documents`` / ``period_quotes``)."""
    docs, quotes = props.get("period_documents") or [], props.get("period_quotes") or []
    found: list[codec.Source] = []
    for d, q in zip(docs, quotes, strict=False):
        if d in site.documents:
            found.append({"document": d, "quote": q})
        elif d:
            found.append({"url": d, "note": q})
    return [dict(x) for x in codec.dedupe(found)]


# --------------------------------------------------------------------------------------------
# the parts of pages that do not depend on the date


def history(site: Site, n: Node) -> dict:
    """When a body is in force: its start and end as the sources give them (created and abolished
    where a source dates them), its attestations, the relations that replace or abolish it, and its
    meetings per year as each document states them."""
    p = n.props
    abolishers = [
        r for r in site.facts.into.get(n.id, ()) if r.type == "ABOLISHES" and site.facts.stated(r.props)
    ]
    events = [
        {
            "type": r.type,
            "start": r.start,
            "end": r.end,
            "from": r.props.get("valid_from") or r.props.get("attested_from"),
            "sources": _sources_of(r.props),
        }
        for r in [*site.facts.out.get(n.id, ()), *site.facts.into.get(n.id, ())]
        if r.type in ("REPLACES", "ABOLISHES", "MERGED_WITH") and site.facts.stated(r.props)
    ]
    cadence = p.get("meetings_history")
    entries = json.loads(cadence) if isinstance(cadence, str) else (cadence or [])
    return {
        "start": p.get("valid_from") or p.get("attested_from"),
        "created": bool(p.get("valid_from")) and p.get("period_confidence") != "inferred",
        "end": p.get("valid_to"),
        "abolished": bool(p.get("valid_to"))
        and (p.get("status") in ("abolished", "replaced") or bool(abolishers)),
        "reasoned": p.get("period_confidence") == "inferred",
        "first_attested": p.get("attested_from"),
        "last_attested": p.get("last_attested"),
        "status": p.get("status"),
        "basis": p.get("validity_basis"),
        "period_sources": _period_sources_for(site, p),
        "events": sorted(events, key=lambda e: (e["from"] or "", e["type"], e["start"], e["end"])),
        "cadence": entries,
        "sources": _sources_of(p),
        "disputed": bool(p.get("disputed")),
    }


def _gaps_by_node(gaps: Iterable[Mapping[str, Any]]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for g in gaps:
        for c in g.get("concerns") or ():
            out[c["id"]].append(dict(g))
    return out


def _citations(site: Site) -> dict[tuple[str, str], list[dict]]:
    """(document, folded quote) -> the facts citing it: nodes and relationships, with their period
    quotes (the passages that date them)."""
    from ..model import fold_ws

    out: dict[tuple[str, str], list[dict]] = defaultdict(list)

    def add(props: Mapping[str, Any], ref: dict) -> None:
        seen = set()
        for s in [*_sources_of(props), *_period_sources_for(site, props)]:
            if s.get("document") and s.get("quote"):
                key = (str(s["document"]), fold_ws(str(s["quote"])))
                if key not in seen:
                    seen.add(key)
                    out[key].append(ref)

    for n in site.facts.nodes.values():
        add(n.props, {"node": n.id, "kind": n.kind})
    for r in site.facts.rels:
        add(r.props, {"rel": r.type, "start": r.start, "end": r.end, "role": r.props.get("role")})
    return out


# --------------------------------------------------------------------------------------------
# the organisation charts: written by sundhedsgraf/site/orgchart.py (another module's work)


def diagram_fragment(graph, region_id: str, as_of: str, asset_prefix: str) -> tuple[str | None, list[Path]]:
    """THE ORGANISATION CHART INTEGRATION. The chart of ``region_id`` on ``as_of`` as an HTML
    fragment (its scripts and stylesheet under ``asset_prefix``) and the asset files to copy to
    assets/; ``(None, [])`` while sundhedsgraf/site/orgchart.py does not exist yet (the page then says
    the chart is coming soon)."""
    try:
        from . import orgchart  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None, []
    data = orgchart.chart(graph, region_id, as_of)
    return orgchart.render_chart_html(data, asset_prefix), [Path(p) for p in orgchart.ASSETS]


# --------------------------------------------------------------------------------------------
# the build


def build_site(
    graph,
    model,
    out: Path,
    *,
    default_date: str | None = None,
    progress: Callable[[str], None] | None = None,
    jobs: int = 3,
) -> Report:
    """Build the site for the database behind ``graph`` into ``out`` (see the module docstring).
    ``default_date`` is the date the pages open on when the reader has chosen none (default: the
    reader's today). ``model`` gives the documents' text and the coverage of their sentences.
    ``jobs``: how many questions are asked at once."""
    from ..names.from_graph import name_index
    from ..queries import run_query
    from ..questions import shaping

    t0 = time.perf_counter()
    out = Path(out)
    check_out(out)
    say = progress or (lambda _m: None)
    facts = Facts.from_dumps(
        run_query("dump_nodes", graph=graph),
        run_query("dump_relationships", graph=graph),
        shaping.OTHER_RELATIONS,
    )
    if not facts.nodes:
        raise ConfigError("the database is empty; load the model first: sundhedsgraf load")
    cited = {d for n in facts.nodes.values() for d in n.props.get("source_documents") or () if d}
    missing = sorted(cited - {str(d["id"]) for d in model.documents})
    if missing:
        raise ConfigError(
            f"the database cites documents the model lacks ({', '.join(missing[:5])}); "
            "pass the model it was loaded from with --model, or reload: sundhedsgraf load --replace."
        )
    site = Site(graph, model, facts, name_index(graph), default_date=default_date)
    files: dict[str, bytes] = {}
    with _pool(1) as side:
        # the maps are Python's work, the answers the database's: the one is made while the other waits
        maps_made = side.submit(_maps, site)
        say("asking the questions of every page")
        asking = time.perf_counter()
        files.update(_entity_pages(site, say, jobs))
        asking = time.perf_counter() - asking
        say("drawing the organisation charts")
        diagrams, chart_assets, diagram_state = _diagram_pages(site, jobs)
        files.update(_document_pages(site))
        files.update(_overview_pages(site))
        say("writing the maps")
        maps = maps_made.result()
    files.update(diagrams)
    files.update(_home_and_regions(site, sorted(p for p in diagrams)))
    files["assets/names.js"] = _names_script(site).encode("utf-8")
    for name in STATIC:
        files[f"assets/{name}"] = (
            resources.files("sundhedsgraf").joinpath("site", "static", name).read_bytes()
        )
    for asset in chart_assets:
        files[f"assets/{asset.name}"] = asset.read_bytes()
    files[MARKER] = b"A site built by `sundhedsgraf site`; the next build replaces this folder.\n"

    built = out.resolve().parent / f".{out.name}.building-{os.getpid()}"
    shutil.rmtree(built, ignore_errors=True)
    try:
        for path, data in {**files, **maps}.items():
            target = built / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _replace_folder(built, out)
    except BaseException:
        shutil.rmtree(built, ignore_errors=True)
        raise
    pages = {p: len(b) for p, b in files.items() if p.endswith(".html")}
    largest = max(pages.items(), key=lambda kv: kv[1]) if pages else ("", 0)
    return Report(
        out=out,
        pages=len(pages) + len(maps),
        files=len(files) + len(maps),
        bytes=sum(len(b) for b in files.values()) + sum(len(b) for b in maps.values()),
        largest_page=largest,
        questions=site.asker.count,
        question_seconds=asking,
        seconds=time.perf_counter() - t0,
        maps=len(maps),
        diagrams=diagram_state,
        sizes=pages,
    )


def _names_script(site: Site) -> str:
    from .search import script

    pages = {
        i: u for i, u in site.urls.items() if site.facts.nodes.get(i, Node("", "", "", {})).kind in FOLDERS
    }
    return script(site.index, pages)


def _entity_answers(site: Site, n: Node) -> dict[str, list[Variant]]:
    """Every date-dependent section of one entity's page."""
    facts, ask = site.facts, site.asker
    if n.kind == "Municipality":
        return {
            "represented": ask.over("represented", facts.represented(n.id), municipality=n.id),
            "meetings": ask.over("meetings", facts.represented(n.id, meetings=True), target=n.id),
        }
    if n.kind == "Office":
        first = ask.over("meetings", facts.office_meetings(n.id), target=n.id)
    else:
        first = ask.over("members", facts.members(n.id), forum=n.id)
    return {
        "first": first,
        "chain": ask.over("chain", facts.chain(n.id), forum=n.id),
        "appointments": ask.over("appointments", facts.appointments(n.id), body=n.id),
    }


def _entity_pages(site: Site, say: Callable[[str], None], jobs: int) -> dict[str, bytes]:
    """The pages of municipalities, fora, organisations and offices. Their questions are asked by
    ``jobs`` threads on the one connection (the database answers several at once); the pages are
    rendered in a fixed order whatever order the answers come in."""
    facts = site.facts
    concerning = _gaps_by_node(site.asker.once("gaps"))
    offices_of: dict[str, list[str]] = defaultdict(list)
    office_muni: dict[str, str] = {}
    for r in facts.rels:
        if r.type == "HOLDS_OFFICE_IN" and facts.stated(r.props):
            offices_of[r.end].append(r.start)
            office_muni[r.start] = r.end
    files: dict[str, bytes] = {}
    started = time.perf_counter()
    with _pool(jobs) as pool:
        for kind in ("Municipality", "Forum", "Organisation", "Office"):
            nodes = site.of_kind(kind)
            for n, answers in zip(nodes, pool.map(lambda n: _entity_answers(site, n), nodes), strict=True):
                if kind == "Municipality":
                    offices = sorted(
                        (facts.nodes[o] for o in set(offices_of.get(n.id, ())) if o in site.urls),
                        key=lambda o: (o.name.casefold(), o.id),
                    )
                    own_gaps = concerning.get(n.id, []) + [
                        g for o in offices for g in concerning.get(o.id, [])
                    ]
                    page = _render(
                        site,
                        "kommune.html.j2",
                        site.urls[n.id],
                        node=n,
                        region=site.region_of(n),
                        offices=offices,
                        represented=section("represented", answers["represented"]),
                        meetings=section("meetings", answers["meetings"]),
                        reform=_reform(answers["represented"]),
                        gaps=_unique(own_gaps),
                        boundaries=site.note_boundaries(_boundaries(*answers.values())),
                        map_url=f"netvaerk/{n.id}.html",
                        sources=_sources_of(n.props),
                    )
                else:
                    page = _render(
                        site,
                        "organ.html.j2",
                        site.urls[n.id],
                        node=n,
                        region=site.region_of(n),
                        municipality=office_muni.get(n.id),
                        first=section("meetings" if kind == "Office" else "members", answers["first"]),
                        chain=section("chain", answers["chain"]),
                        appointments=section("appointments", answers["appointments"]),
                        history=history(site, n),
                        gaps=concerning.get(n.id, []),
                        boundaries=site.note_boundaries(_boundaries(*answers.values())),
                        map_url=f"netvaerk/index.html?fokus={n.id}",
                    )
                files[page[0]] = page[1]
            say(
                f"  {len(nodes)} {kind.lower()} pages ({site.asker.count} questions so far, "
                f"{time.perf_counter() - started:.0f} s)"
            )
    return files


def _unique(gaps: Iterable[dict]) -> list[dict]:
    seen: dict[str, dict] = {}
    for g in gaps:
        seen.setdefault(g["id"], g)
    return sorted(seen.values(), key=lambda g: (g["gap_type"], g["name"], g["id"]))


def _reform(represented: Sequence[Variant]) -> dict:
    """The fora a municipality leaves, joins and keeps from the first reform date to the second."""
    a_date, b_date = REFORM_DATES
    a, b = answer_on(represented, a_date) or [], answer_on(represented, b_date) or []

    def by_forum(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
        out: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for r in rows:
            out[r["forum_id"]].append(r)
        return out

    fa, fb = by_forum(a), by_forum(b)

    def rows(ids: Iterable[str], source: Mapping[str, list]) -> list[dict]:
        return [
            {"forum_id": f, "forum": source[f][0]["forum"], "rows": source[f]}
            for f in sorted(ids, key=lambda f: (source[f][0]["forum"].casefold(), f))
        ]

    return {
        "a": a_date,
        "b": b_date,
        "leaves": rows(set(fa) - set(fb), fa),
        "joins": rows(set(fb) - set(fa), fb),
        "keeps": rows(set(fa) & set(fb), fb),
    }


def _document_pages(site: Site) -> dict[str, bytes]:
    cover = site.coverage()
    citations = _citations(site)
    files: dict[str, bytes] = {}
    for doc_id, doc in site.documents.items():
        text = (Path(site.model.directory) / "sources" / str(doc["file"])).read_text(encoding="utf-8")
        quotes = [q for (d, q) in citations if d == doc_id]
        passages, spans = locate(text, quotes)
        counts = {p.id: len(citations.get((doc_id, p.quote), ())) for p in passages}
        c = cover.get(doc_id, {"sentences": 0, "cited": 0, "share": 0.0, "uncited": []})
        body = render_text(text, spans, counts, uncited_spans(text, c["uncited"]))
        files.update(
            [
                _render(
                    site,
                    "dokument.html.j2",
                    f"dokument/{doc_id}.html",
                    doc=doc,
                    coverage=c,
                    body=body,
                    passages=[{"p": p, "facts": citations.get((doc_id, p.quote), [])} for p in passages],
                    boundaries=site.all_boundaries,
                    site_wide=True,
                )
            ]
        )
    return files


def _overview_pages(site: Site) -> dict[str, bytes]:
    timeline = site.asker.once("timeline")
    gaps = site.asker.once("gaps")
    cover = site.coverage()
    files: dict[str, bytes] = {}
    files.update(
        [
            _render(
                site,
                "tidslinje.html.j2",
                "tidslinje.html",
                gantt=_gantt(timeline),
                boundaries=site.all_boundaries,
                site_wide=True,
            )
        ]
    )
    by_type: dict[str, list] = defaultdict(list)
    for g in gaps:
        by_type[g["gap_type"]].append(g)
    files.update(
        [
            _render(
                site,
                "huller.html.j2",
                "huller.html",
                groups=[(t, by_type[t]) for t in ("contradiction", "unknown", "ambiguity") if by_type.get(t)]
                + [
                    (t, gs)
                    for t, gs in sorted(by_type.items())
                    if t not in ("contradiction", "unknown", "ambiguity")
                ],
                boundaries=site.all_boundaries,
                site_wide=True,
            )
        ]
    )
    files.update(
        [
            _render(
                site,
                "kilder.html.j2",
                "kilder.html",
                documents=[(d, cover.get(i)) for i, d in site.documents.items()],
                boundaries=site.all_boundaries,
                site_wide=True,
            )
        ]
    )
    return files


# ---- the Gantt chart of the reform's timeline (HTML and CSS: bars and diamonds on a month axis)


def _month_index(date: str) -> int:
    return int(date[:4]) * 12 + int(date[5:7]) - 1


def _gantt(timeline: Sequence[Mapping[str, Any]]) -> dict:
    """Rows (process, phase, milestone) with their position on the month axis in per cent, and the
    undated steps apart."""
    import calendar

    dated: list[dict] = []
    undated: list[dict] = []

    def walk(step: Mapping[str, Any], level: int, process: str) -> None:
        row = {
            "step": step,
            "level": level,
            "process": process,
            "start": step.get("starts") or step.get("ends"),
            "end": step.get("ends") or step.get("starts"),
        }
        (dated if row["start"] else undated).append(row)
        for phase in step.get("phases") or ():
            walk(phase, level + 1, process)
        for ms in step.get("milestones") or ():
            walk(ms, level + 1, process)

    for p in timeline:
        walk(p, 0, p["id"])
    if not dated:
        return {"rows": [], "months": [], "years": [], "undated": undated, "min": None, "max": None}
    lo = min(_month_index(r["start"]) for r in dated)
    hi = max(_month_index(r["end"]) for r in dated) + 1
    span = hi - lo

    def pos(date: str, end: bool) -> float:
        m = _month_index(date)
        days = calendar.monthrange(int(date[:4]), int(date[5:7]))[1]
        frac = (int(date[8:10]) - (0 if end else 1)) / days
        return round(100 * (m - lo + frac) / span, 3)

    rows = []
    for r in dated:
        left, right = pos(r["start"], False), pos(r["end"], True)
        milestone = r["step"]["kind"] == "Milestone"
        rows.append(
            {
                **r,
                # a bar for a process, a phase and a milestone given as a span ("Maj - juni 2025") …
                "bar": None
                if milestone and r["start"] == r["end"]
                else (left, round(max(right - left, 0.4), 3)),
                # … and a diamond on a milestone's day (the end of its span)
                "diamond": round((pos(r["end"], False) + right) / 2, 3) if milestone else None,
            }
        )
    months = []
    for m in range(lo, hi):
        year, month = divmod(m, 12)
        months.append({"year": year, "month": month + 1, "left": round(100 * (m - lo) / span, 3)})
    years = [
        {"year": y, "left": round(100 * max(y * 12 - lo, 0) / span, 3)}
        for y in range(lo // 12, (hi - 1) // 12 + 1)
    ]
    first_day = f"{lo // 12:04d}-{lo % 12 + 1:02d}-01"
    last_year, last_month = divmod(hi - 1, 12)
    last_day = f"{last_year:04d}-{last_month + 1:02d}-{calendar.monthrange(last_year, last_month + 1)[1]:02d}"
    return {
        "rows": rows,
        "months": months,
        "years": years,
        "undated": undated,
        "min": first_day,
        "max": last_day,
    }


# ---- maps: one per municipality (its fora, depth 2), one per region, and the whole graph


FOCUS_SCRIPT = """
<script>
(function () {
  /* sundhedsgraf site: a link back to the site, and ?fokus=ID selects that node */
  var bar = document.getElementById("sg-bar");
  if (bar) {
    var a = document.createElement("a");
    a.href = "../index.html"; a.textContent = "\\u2190 sundhedsgraf"; a.style.marginRight = "8px";
    bar.insertBefore(a, bar.firstChild);
  }
  var id = new URLSearchParams(location.search).get("fokus");
  var map = window.sgMap;
  if (!id || !map || !map.nodes.get(id)) return;
  function go() {
    var search = document.getElementById("sg-search");
    if (search) { search.value = map.nodes.get(id).name; search.dispatchEvent(new Event("change")); }
    if (map.network.getSelectedNodes()[0] !== id) { map.network.selectNodes([id]); map.network.focus(id, { scale: 1.1 }); }
  }
  if (document.body.getAttribute("data-ready") === "true") { go(); }
  else { new MutationObserver(function (m, o) { if (document.body.getAttribute("data-ready") === "true") { o.disconnect(); go(); } })
         .observe(document.body, { attributes: true }); }
})();
</script>
"""


def _maps(site: Site) -> dict[str, bytes]:
    from ..analysis import snapshot
    from ..maps import build_map

    # every period's facts, read from the model once for all the maps
    every = snapshot(site.model, "*")
    every.as_of = None  # type: ignore[assignment]  # no date: build_map then draws "all periods"
    context = {"schema": site.model.schema, "documents": site.model.documents}
    out: dict[str, bytes] = {}

    def add(path: str, html: str) -> None:
        at = html.rfind("</body>")
        if at >= 0:
            html = html[:at] + FOCUS_SCRIPT + html[at:]
        out[path] = html.encode("utf-8")

    add("netvaerk/index.html", build_map(every, title="sundhedsgraf", **context))
    for n in site.of_kind("Region"):
        add(f"netvaerk/{n.id}.html", build_map(every, region=n.id, title=n.name, **context))
    for n in site.of_kind("Municipality"):
        add(f"netvaerk/{n.id}.html", build_map(every, focus=n.id, depth=2, title=n.name, **context))
    return out


# ---- organisation charts per region and date


def diagram_dates(site: Site, region_id: str) -> list[str]:
    """The dates a region's charts are drawn for: the dates its documents attest facts from (the
    latest few) and the reform's first day."""
    dates = {
        str(d.get("attested") or d.get("date"))
        for d in site.documents.values()
        if d.get("region") == region_id and (d.get("attested") or d.get("date"))
    }
    return sorted(set(sorted(dates)[-(MAX_DIAGRAMS - 1) :]) | {"2027-01-01"})


def _diagram_pages(site: Site, jobs: int) -> tuple[dict[str, bytes], list[Path], str]:
    wanted = [
        (r, d, dates) for r in site.of_kind("Region") for dates in [diagram_dates(site, r.id)] for d in dates
    ]
    with _pool(jobs) as pool:
        drawn = list(pool.map(lambda w: diagram_fragment(site.graph, w[0].id, w[1], "../assets/"), wanted))
    files: dict[str, bytes] = {}
    assets = next((found for _, found in drawn if found), [])
    state = (
        "drawn"
        if all(f is not None for f, _ in drawn)
        else "coming soon (sundhedsgraf/site/orgchart.py is missing)"
    )
    for (r, d, dates), (fragment, _) in zip(wanted, drawn, strict=True):
        path, page = _render(
            site,
            "diagram.html.j2",
            f"diagram/{r.id}-{d}.html",
            region=r,
            date=d,
            dates=dates,
            fragment=Markup(fragment) if fragment else None,
            boundaries=site.all_boundaries,
            site_wide=True,
        )
        files[path] = page
    return files, assets, state


def _home_and_regions(site: Site, diagrams: Sequence[str]) -> dict[str, bytes]:
    from ..questions.registry import REGISTRY

    regions = site.of_kind("Region")
    munis = site.of_kind("Municipality")
    bodies = site.of_kind("Forum") + site.of_kind("Organisation")
    by_region: dict[str | None, list[Node]] = defaultdict(list)
    for m in munis:
        by_region[site.region_of(m)].append(m)
    bodies_by_region: dict[str | None, list[Node]] = defaultdict(list)
    for b in bodies:
        bodies_by_region[site.region_of(b)].append(b)
    charts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in diagrams:
        stem = path.removeprefix("diagram/").removesuffix(".html")
        region, date = stem[:-11], stem[-10:]
        charts[region].append((date, path))
    files: dict[str, bytes] = {}
    files.update(
        [
            _render(
                site,
                "index.html.j2",
                "index.html",
                regions=[(r, by_region.get(r.id, []), charts.get(r.id, [])) for r in regions],
                other_municipalities=by_region.get(None, []),
                national=bodies_by_region.get(None, []),
                questions=_questions(site, REGISTRY),
                boundaries=site.all_boundaries,
                site_wide=True,
            )
        ]
    )
    for r in regions:
        files.update(
            [
                _render(
                    site,
                    "region.html.j2",
                    site.urls[r.id],
                    node=r,
                    municipalities=by_region.get(r.id, []),
                    bodies=[(b, history(site, b)) for b in bodies_by_region.get(r.id, [])],
                    charts=charts.get(r.id, []),
                    map_url=f"netvaerk/{r.id}.html",
                    boundaries=site.all_boundaries,
                    site_wide=True,
                )
            ]
        )
    return files


#: where on the site each question is answered: the section of the page of its example argument
_QUESTION_PAGES: dict[str, tuple[str, str]] = {
    "represented": ("municipality", "repraesentation"),
    "meetings": ("target", "moeder"),
    "members": ("forum", "medlemmer"),
    "chain": ("forum", "relationer"),
    "appointments": ("body", "udpegninger"),
}


def _questions(site: Site, registry: Mapping[str, Any]) -> list[dict]:
    """The questions people ask, each linking to the page that answers it."""
    out = []
    first_muni = next(iter(site.of_kind("Municipality")), None)
    for name, q in registry.items():
        url = None
        if name in ("timeline",):
            url = "tidslinje.html"
        elif name == "gaps":
            url = "huller.html"
        elif name in _QUESTION_PAGES:
            arg, anchor = _QUESTION_PAGES[name]
            target = q.example_args.get(arg)
            if target not in site.urls and first_muni is not None and name in ("represented", "meetings"):
                target = first_muni.id
            if target in site.urls:
                url = f"{site.urls[target]}#{anchor}"
        if url is None or not q.examples_da:
            continue
        da, en = q.examples_da[0], (q.examples_en[0] if q.examples_en else q.examples_da[0])
        out.append(
            {
                "da": da[:1].upper() + da[1:],
                "en": en[:1].upper() + en[1:],
                "url": url,
                "summary_da": q.summary_da,
                "summary_en": q.summary,
            }
        )
    return out
