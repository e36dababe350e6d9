"""Interactive network maps: self-contained HTML (vis-network) that works with no network.

    from sundhedsgraf.maps import build_map, write_map, show_map
    from sundhedsgraf.model import load_model

    model = load_model()
    html = build_map(model)                                    # the whole model, every period
    html = build_map(model, focus="Viborg", depth=2, as_of="2024-06-01")
    write_map(html, "viborg.html")    # atomically; nothing else is written
    html                              # in Jupyter, JupyterLab or VS Code: shown inline (iframe srcdoc)

What a map shows
    The organisation (Forum, Office, Municipality, Region, Organisation) and the process and document
    nodes (Process, Phase, Milestone, Document); never the meta labels of ``model/schema.yaml``
    (``meta: true``: Gap, Rule) nor meta relationship types (CONCERNS). Without ``as_of`` every
    fact of every period is drawn (the tooltips give each one's validity); with ``as_of`` only the
    facts valid on that date (:func:`sundhedsgraf.analysis.snapshot`). Inferred facts
    (``confidence: inferred``) are left out unless ``include_inferred=True``; then, like planned
    facts, they are drawn dashed.

Styling comes from the schema: each label's ``color`` and ``shape``. Node size is betweenness or
degree on the drawn network (networkx). Edge labels are the role (MEMBER_OF) or the relation.
Tooltips (HTML-escaped) give the name, kind, meetings per year, validity and the source quotes.

The page has a legend that filters by kind, a search box (a plain ``<input>`` with a ``<datalist>``
filled from the data, so "Samsø" and "Ærø" stay as written), neighbourhood highlighting on click,
and a focus node with its neighbourhood (``focus``/``depth``: the map is restricted to it, the focus
drawn with a heavy border).

The page is one file: the jinja2 template ``sundhedsgraf/templates/map.html.j2`` (autoescaped; the
data goes in as JSON through its ``script_json`` filter, so no name or quote can close its
``<script>``) with the vendored vis-network inlined (``sundhedsgraf/vendor/vis-network-<version>.min.js``
and ``.min.css``; origin and licence in ``sundhedsgraf/vendor/README.md``), and a
Content-Security-Policy that forbids every request outside the page. Nothing is copied beside it
and nothing is fetched, so the file works offline, mailed or opened from a USB stick. pyvis is not used: its pages load Bootstrap from a CDN
even "in_line" (pyvis issue #229), its "local" mode copies a ``lib/`` folder into the working
directory (#174) and its search menu mangles non-ASCII names (#173); the node and edge records it
would assemble are plain dicts here. Physics runs a fixed number of stabilisation iterations and is
then switched off (large maps froze the page: pyvis issue #204).
"""

from __future__ import annotations

import html as _html
import json
import math
import os
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup

from . import sources as codec
from .analysis import Snapshot, cites
from .analysis import snapshot as _snapshot
from .errors import ConfigError
from .model import Model
from .sources import Source

SIZE_BY = ("betweenness", "degree")
VIS_VERSION = "9.1.2"  # the vendored vis-network (sundhedsgraf/vendor/README.md)
VIS_JS = f"vis-network-{VIS_VERSION}.min.js"  # in sundhedsgraf/vendor/
VIS_CSS = f"vis-network-{VIS_VERSION}.min.css"
TEMPLATE = "map.html.j2"  # in sundhedsgraf/templates/
FALLBACK_STYLE = {"color": "#999999", "shape": "dot"}
PATH_COLOR = "#111111"  # edges of highlighted paths
FOCUS_BORDER = "#111111"  # border of the focus node
MAX_SOURCES = 6  # source quotes shown in one tooltip
MAX_QUOTE = 320  # characters of one quote in a tooltip
MAX_LABEL = 48  # characters of a node label (the tooltip has the full name)
LABEL_INSIDE = {"box", "ellipse", "circle", "database", "text"}  # vis shapes sized by their label


# --------------------------------------------------------------------------------------------
# the page: a jinja2 template (templates/map.html.j2) with vis-network inlined from vendor/


class MapHTML(str):
    """The HTML of a map (a ``str``); in a notebook it displays itself inline. ``stats`` holds the
    counts (nodes, edges, per kind) and the settings it was built with."""

    stats: dict

    def _repr_html_(self) -> str:
        return iframe(self)


def _package_text(*parts: str) -> str:
    """A file shipped inside the package (a checkout, an editable install or a wheel alike)."""
    path = resources.files("sundhedsgraf").joinpath(*parts)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:  # pragma: no cover - only with a broken install
        raise ConfigError(
            f"sundhedsgraf/{'/'.join(parts)}: missing from the installed package ({e.strerror}); "
            f"reinstall it: pip install --force-reinstall sundhedsgraf."
        ) from e


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[Markup, Markup]:
    """vis-network's JS and CSS (the vendored files), ready to sit inside ``<script>`` and ``<style>``."""
    js = _package_text("vendor", VIS_JS)
    css = _package_text("vendor", VIS_CSS)
    # a sourceMappingURL would make developer tools fetch a .map file that is not there
    # split on "\n" only: the minified code holds U+2028 and other characters that splitlines() splits on
    js = "\n".join(line for line in js.split("\n") if not line.startswith("//# sourceMappingURL=")).rstrip(
        "\n"
    )
    css = "\n".join(line for line in css.split("\n") if not line.startswith("/*# sourceMappingURL=")).rstrip(
        "\n"
    )
    # the files go into the page unescaped: a closing tag in them would end their element early
    if "</script" in js.lower() or "</style" in css.lower():  # pragma: no cover
        raise ConfigError(
            f"sundhedsgraf/vendor/{VIS_JS}: holds a closing </script> or </style> and cannot be inlined."
        )
    return Markup(js), Markup(css)


def _script_json(value: Any) -> Markup:
    """JSON that can sit inside a ``<script>`` element: no ``</`` (which could close it) and no
    ``<!--`` (which changes how the browser looks for the close) in it; both become JSON escapes.
    Danish letters stay UTF-8. jinja2's own ``tojson`` is as safe but writes every ``<``, ``>``
    and ``&`` as ``\\u003c``…, which makes a whole map 15% larger (the tooltips are HTML)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return Markup(text.replace("</", "<\\/").replace("<!--", "<\\u0021--"))


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """The template environment: autoescape on (every value put in is HTML-escaped unless it is
    ``Markup``), an undefined name an error, and the ``script_json`` filter for the data."""
    try:
        loader = jinja2.PackageLoader("sundhedsgraf", "templates")
    except ValueError as e:  # pragma: no cover - only with a broken install
        raise ConfigError(
            f"sundhedsgraf/templates: missing from the installed package ({e}); "
            f"reinstall it: pip install --force-reinstall sundhedsgraf."
        ) from e
    env = jinja2.Environment(
        loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )
    env.filters["script_json"] = _script_json
    return env


def _render_page(**values: Any) -> str:
    """The map page from its template and the vendored vis-network; ``values`` as build_map gives them."""
    js, css = _vis_assets()
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(vis_version=VIS_VERSION, vis_js=js, vis_css=css, path_color=PATH_COLOR, **values)
    )


def _rgba(color: str, alpha: float) -> str:
    c = color.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    try:
        r, g, b = int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
    except ValueError:
        return color
    return f"rgba({r},{g},{b},{alpha})"


def iframe(html: str, height: int | str = 650, width: str = "100%", title: str = "sundhedsgraf map") -> str:
    """An ``<iframe srcdoc=…>`` holding the whole page: displays the map inline in classic Jupyter,
    JupyterLab and VS Code (each shows HTML output; the page's own scripts run inside the frame)."""
    h = f"{height}px" if isinstance(height, (int, float)) else str(height)
    return (
        f'<iframe srcdoc="{_html.escape(str(html), quote=True)}" title="{_html.escape(title, quote=True)}" '
        f'style="width:{_html.escape(width, quote=True)};height:{_html.escape(h, quote=True)};border:1px solid #ddd" '
        f'sandbox="allow-scripts"></iframe>'
    )


class Inline:
    """HTML that Jupyter, JupyterLab and VS Code display as is (``_repr_html_``); ``str()`` gives it."""

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def show_map(html: str, height: int = 650) -> Inline:
    """Display a map inline in a notebook: the last expression of a cell, or ``display(show_map(m))``."""
    return Inline(iframe(html, height=height))


def show_maps(htmls: Sequence[str], titles: Sequence[str] | None = None, height: int = 520) -> Inline:
    """Several maps side by side (e.g. 2015, today, 2027), each in its own frame."""
    titles = list(titles or [""] * len(htmls))
    if len(titles) != len(htmls):
        raise ConfigError(
            f"show_maps: {len(htmls)} maps and {len(titles)} titles; give one title per map, or none."
        )
    cells = []
    for h, t in zip(htmls, titles, strict=True):
        head = f'<div style="font-weight:600;margin:2px 0 4px">{_html.escape(t)}</div>' if t else ""
        cells.append(
            f'<div style="flex:1 1 0;min-width:260px">{head}{iframe(h, height=height, title=t or "map")}</div>'
        )
    return Inline(f'<div style="display:flex;gap:8px;flex-wrap:wrap">{"".join(cells)}</div>')


def write_map(html: str, path: str | Path) -> Path:
    """Write the map to ``path`` atomically (a temporary file in the same folder, then a rename):
    the whole file or nothing, and nothing anywhere else."""
    from .files import write_atomically

    path = Path(path)
    if path.is_dir():
        raise ConfigError(f"{path}: is a folder; give a file name, e.g. {path / 'map.html'}.")
    write_atomically(path, str(html).encode("utf-8"))
    mask = os.umask(0)  # the temporary file was private (0600); a map is a document to share: 0666 less umask
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
    return path


# --------------------------------------------------------------------------------------------
# from model or snapshot to the graph that is drawn


@lru_cache(maxsize=4)
def _read_yaml(path: str) -> Any:
    import yaml

    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def _context(
    data: Any, schema: Mapping[str, Any] | None, documents: Sequence[Mapping[str, Any]] | None
) -> tuple[Mapping[str, Any], Sequence[Mapping[str, Any]]]:
    """The schema and the documents: from the model, else from the project's model/ folder."""
    from .model import default_model_dir

    if isinstance(data, Model):
        return schema or data.schema, documents if documents is not None else data.documents
    folder = default_model_dir()
    if schema is None:
        try:
            schema = _read_yaml(str(folder / "schema.yaml"))
        except OSError as e:
            raise ConfigError(
                f"{folder / 'schema.yaml'}: cannot read the schema for the map styles ({e.strerror}); "
                f"pass schema=model.schema."
            ) from e
    if documents is None:
        try:
            documents = (_read_yaml(str(folder / "sources.yaml")) or {}).get("documents", [])
        except OSError:
            documents = []
    return schema, documents


def _styles(schema: Mapping[str, Any]) -> tuple[dict[str, dict], set[str], set[str]]:
    """Per label {color, shape}, the meta labels and the meta relationship types."""
    labels = schema.get("labels", {}) or {}
    styles = {
        k: {
            "color": str(v.get("color") or FALLBACK_STYLE["color"]),
            "shape": str(v.get("shape") or FALLBACK_STYLE["shape"]),
        }
        for k, v in labels.items()
    }
    meta_labels = {k for k, v in labels.items() if v.get("meta")}
    meta_types = {k for k, v in (schema.get("relationship_types", {}) or {}).items() if (v or {}).get("meta")}
    return styles, meta_labels, meta_types


def _all_facts(model: Model, source: str | None, include_inferred: bool) -> nx.MultiDiGraph:
    """Like analysis.snapshot, but every period: the whole model."""
    g = nx.MultiDiGraph()
    for n in model.nodes:
        p = n["properties"]
        if not cites(n["sources"], source) or (p.get("confidence") == "inferred" and not include_inferred):
            continue
        g.add_node(n["id"], **p, name=n["name"], kind=n["labels"][0], sources=n["sources"])
    for r in model.relationships:
        p = r["properties"]
        if r["start"] not in g or r["end"] not in g or not cites(r["sources"], source):
            continue
        if p.get("confidence") == "inferred" and not include_inferred:
            continue
        g.add_edge(r["start"], r["end"], key=r["id"], id=r["id"], type=r["type"], **p, sources=r["sources"])
    return g


def _sources_of(attrs: Mapping[str, Any]) -> list[Source]:
    """Sources as dicts, whether the attributes hold ``sources`` (the model) or the parallel
    ``source_*`` lists (a snapshot read from the database, decoded by the source codec)."""
    if attrs.get("sources") is not None:
        return list(attrs["sources"])
    return codec.decode(*(attrs.get(k) for k in codec.STORED))


def _node_regions(g: nx.MultiDiGraph, doc_region: dict[str, str]) -> dict[str, str]:
    """The region each node belongs to, where it can be told: a Region itself; a ``region``
    property; an office or unit held in / part of something of a region; otherwise the one region
    of all the documents it cites. Nodes of no region (KL, national bodies) are absent."""
    reg: dict[str, str] = {}
    for n, d in g.nodes(data=True):
        if d.get("kind") == "Region":
            reg[n] = n
        elif d.get("region"):
            reg[n] = d["region"]
    for _ in range(4):
        changed = False
        for a, b, d in g.edges(data=True):
            if a not in reg and b in reg and d.get("type") in ("HOLDS_OFFICE_IN", "PART_OF"):
                reg[a] = reg[b]
                changed = True
        if not changed:
            break
    for n, d in g.nodes(data=True):
        if n in reg:
            continue
        docs = {doc for s in _sources_of(d) if (doc := s.get("document"))}
        regions = {doc_region.get(x) for x in docs}
        if docs and len(regions) == 1:
            (only,) = regions
            if only is not None:
                reg[n] = only
    return reg


def _known_kinds(styles: dict, meta_labels: set[str]) -> list[str]:
    return [k for k in styles if k not in meta_labels]


def parse_kinds(kinds: str | Iterable[str] | None, schema: Mapping[str, Any]) -> list[str] | None:
    """``"Forum,Office"`` or a list → label names as the schema spells them (case-insensitive);
    an unknown or meta label is a ConfigError naming the choices."""
    if kinds is None:
        return None
    items = [k.strip() for k in (kinds.split(",") if isinstance(kinds, str) else kinds) if k and k.strip()]
    styles, meta_labels, _ = _styles(schema)
    drawable = _known_kinds(styles, meta_labels)
    by_fold = {k.lower(): k for k in styles}
    out = []
    for k in items:
        label = by_fold.get(k.lower())
        if label is None:
            raise ConfigError(f"unknown kind '{k}'; choose from {', '.join(drawable)} (comma-separated).")
        if label in meta_labels:
            raise ConfigError(
                f"kind '{label}' is not drawn on maps (meta in model/schema.yaml); choose from {', '.join(drawable)}."
            )
        if label not in out:
            out.append(label)
    if not out:
        raise ConfigError(f"no kind given; choose from {', '.join(drawable)} (comma-separated).")
    return out


# --------------------------------------------------------------------------------------------
# tooltips


def _esc(v: Any) -> str:
    return _html.escape(str(v), quote=True)


def _validity(d: dict) -> str:
    f, t = d.get("valid_from"), d.get("valid_to")
    span = "no dates stated" if not f and not t else f"{f or '…'} – {t or '…'}"
    extra = [
        x
        for x in (
            d.get("status"),
            "inferred" if d.get("confidence") == "inferred" else None,
            "disputed" if d.get("disputed") else None,
        )
        if x
    ]
    return span + (f" ({', '.join(extra)})" if extra else "")


def _sources_html(sources: list[Source], titles: dict[str, str]) -> str:
    if not sources:
        return ""
    items = []
    for s in sources[:MAX_SOURCES]:
        if s.get("document"):
            doc = s["document"]
            quote = str(s.get("quote") or "")
            if len(quote) > MAX_QUOTE:
                quote = quote[: MAX_QUOTE - 1] + "…"
            title = titles.get(doc)
            head = f"doc. {_esc(doc)}" + (f' <span class="k">({_esc(title)})</span>' if title else "")
            items.append(f"<li>{head}: <q>{_esc(quote)}</q></li>")
        else:
            note = f" — {_esc(s['note'])}" if s.get("note") else ""
            items.append(f"<li>{_esc(s.get('url') or 'reference data')}{note}</li>")
    more = f"<li>… and {len(sources) - MAX_SOURCES} more</li>" if len(sources) > MAX_SOURCES else ""
    return f'<div class="k">Sources:</div><ul>{"".join(items)}{more}</ul>'


def _meetings(d: dict) -> str | None:
    lo, hi = d.get("meetings_per_year"), d.get("meetings_per_year_max")
    if lo is None and not d.get("meetings_note"):
        return None

    def num(x: object) -> str:
        return f"{x:g}" if isinstance(x, (int, float)) else str(x)

    text = "not stated" if lo is None else (num(lo) if hi is None else f"{num(lo)}–{num(hi)}")
    return text + (f" ({d['meetings_note']})" if d.get("meetings_note") else "")


def _node_tip(n: str, d: dict, metric: tuple[str, float], titles: dict[str, str]) -> str:
    kind = d.get("kind", "")
    detail = d.get("forum_type") or d.get("org_type") or d.get("doc_type") or ""
    rows = [
        f"<b>{_esc(d.get('name') or n)}</b>",
        f'<span class="k">{_esc(kind)}{(" · " + _esc(str(detail).replace("_", " "))) if detail else ""} · id {_esc(n)}</span>',
    ]
    if d.get("abbreviation"):
        rows.append(f"Abbreviation: {_esc(d['abbreviation'])}")
    if kind == "Forum":
        rows.append(f"Meetings per year: {_esc(_meetings(d) or 'not stated')}")
    elif _meetings(d):
        rows.append(f"Meetings per year: {_esc(_meetings(d))}")
    if d.get("when_text"):
        rows.append(f"When: {_esc(d['when_text'])}")
    if d.get("holder_known") is False:
        rows.append("Holder: not known from the sources")
    rows.append(f"Valid: {_esc(_validity(d))}")
    if d.get("validity_basis"):
        rows.append(f'<span class="k">{_esc(d["validity_basis"])}</span>')
    rows.append(f'<span class="k">{_esc(metric[0])}: {metric[1]:.3g}</span>')
    return "<br>".join(rows) + _sources_html(_sources_of(d), titles)


def edge_label(d: dict) -> str:
    """The role of a membership, else the relation in words (REPORTS_TO → 'reports to')."""
    if d.get("type") == "MEMBER_OF" and d.get("role"):
        return str(d["role"])
    return str(d.get("type", "")).lower().replace("_", " ")


def _edge_tip(a: str, b: str, d: dict, names: dict[str, str], titles: dict[str, str]) -> str:
    rows = [
        f"<b>{_esc(names.get(a, a))}</b> → <b>{_esc(names.get(b, b))}</b>",
        f'<span class="k">{_esc(d.get("type", ""))}</span>'
        + (f" · role: {_esc(d['role'])}" if d.get("role") else ""),
    ]
    for key, label in (
        ("on_behalf_of", "On behalf of"),
        ("seats", "Seats"),
        ("selection", "Selection"),
        ("wording", "Wording"),
        ("task", "Task"),
        ("how", "How"),
        ("purpose", "Purpose"),
        ("for_forum", "For forum"),
    ):
        if d.get(key) not in (None, ""):
            v = d[key]
            rows.append(f"{label}: {_esc(names.get(v, v) if isinstance(v, str) else v)}")
    rows.append(f"Valid: {_esc(_validity(d))}")
    return "<br>".join(rows) + _sources_html(_sources_of(d), titles)


def _label(d: dict, n: str) -> str:
    text = (
        d.get("short_name")
        if d.get("kind") == "Municipality" and d.get("short_name")
        else (d.get("name") or n)
    )
    text = str(text)
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


# --------------------------------------------------------------------------------------------
# build


def _source_graph(data, as_of, source, include_inferred) -> tuple[nx.MultiDiGraph, str | None, str | None]:
    if isinstance(data, Snapshot):
        if as_of is not None and str(as_of) != data.as_of:
            raise ConfigError(
                f"as_of={as_of!r}: the snapshot is of {data.as_of}; pass the model to choose another date."
            )
        if source is not None and source != data.source:
            raise ConfigError(
                f"source={source!r}: the snapshot was taken with source={data.source!r}; pass the model instead."
            )
        return data.g, data.as_of, data.source
    if isinstance(data, Model):
        if as_of is not None:
            s = _snapshot(data, str(as_of), source, include_inferred)
            return s.g, s.as_of, source
        return _all_facts(data, source, include_inferred), None, source
    raise ConfigError(
        f"build_map needs a Model (load_model()) or a Snapshot (analysis.snapshot()), not {type(data).__name__}."
    )


def _resolve(text: str, data, g: nx.MultiDiGraph, kinds: tuple[str, ...] | None, what: str) -> str:
    """An id as given, else a name resolved forgivingly (NameIndex: "Viborg", "Samso", "KOSU"): over
    the model when there is one, so that a node absent on the date is named in the error."""
    if text in g and (kinds is None or g.nodes[text].get("kind") in kinds):
        return text
    from .names import NameIndex

    if isinstance(data, Model):
        index = NameIndex.from_model(data)
    else:
        index = NameIndex(
            [
                {"id": n, **{k: v for k, v in d.items() if k != "id"}}
                for n, d in g.nodes(data=True)
                if d.get("name")
            ]
        )
    node_id = index.resolve(text, kinds)
    if node_id not in g:
        name = index.get(node_id).name
        raise ConfigError(
            f"{what} '{name}' is not on this map (not valid on the date, or not citing the source); "
            f"choose another date or node."
        )
    return node_id


def _draw_graph(g: nx.MultiDiGraph, keep: set[str]) -> nx.Graph:
    """Undirected simple graph of the drawn nodes (for sizes and neighbourhoods)."""
    u = nx.Graph()
    u.add_nodes_from(keep)
    u.add_edges_from((a, b) for a, b in g.edges() if a in keep and b in keep and a != b)
    return u


def build_map(
    data: Model | Snapshot,
    *,
    focus: str | None = None,
    depth: int = 2,
    as_of: str | None = None,
    source: str | None = None,
    region: str | None = None,
    kinds: str | Iterable[str] | None = None,
    size_by: str = "betweenness",
    highlight_paths: Sequence[Sequence[str]] | None = None,
    nodes: Iterable[str] | None = None,
    include_inferred: bool = False,
    title: str | None = None,
    schema: Mapping[str, Any] | None = None,
    documents: Sequence[Mapping[str, Any]] | None = None,
) -> MapHTML:
    """A self-contained HTML page (str) with the interactive map; see the module docstring.

    ``data`` is the model (``load_model()``; with ``as_of`` the facts valid then, without it every
    period) or a snapshot (``analysis.snapshot(model, as_of)`` or ``Asker(graph, as_of).snapshot()``
    from the database). ``focus`` (an id or a name: "Viborg", "KOSU") restricts the map to
    the nodes within ``depth`` relationships of it and highlights it; a municipality's geographic
    PART_OF its region is not followed (as in ``analysis.network``), so a focus does not spread over
    the whole region. ``region`` keeps the nodes of that region and the nodes of no region (KL…)
    next to them. ``kinds`` keeps those labels. ``nodes`` keeps only those ids. ``highlight_paths``
    (lists of ids, e.g. ``links()["path_ids"]``) draws those paths heavy and dims the rest.
    ``size_by`` is ``"betweenness"`` or ``"degree"``.
    """
    t0 = time.perf_counter()
    if size_by not in SIZE_BY:
        raise ConfigError(f"size_by '{size_by}': choose {' or '.join(SIZE_BY)}.")
    if not isinstance(depth, int) or depth < 0:
        raise ConfigError(f"depth {depth!r}: give a whole number of relationships, 0 or more (e.g. 2).")
    schema, documents = _context(data, schema, documents)
    styles, meta_labels, meta_types = _styles(schema)
    kind_list = parse_kinds(kinds, schema)
    g, as_of, source = _source_graph(data, as_of, source, include_inferred)
    doc_titles = {str(d.get("id")): str(d.get("title") or "") for d in documents}
    doc_region = {str(d.get("id")): str(d["region"]) for d in documents if d.get("region")}

    keep = {
        n
        for n, d in g.nodes(data=True)
        if d.get("kind") not in meta_labels and (kind_list is None or d.get("kind") in kind_list)
    }
    edges_all = [
        (a, b, k, d) for a, b, k, d in g.edges(keys=True, data=True) if d.get("type") not in meta_types
    ]

    if region is not None:
        region = _resolve(str(region), data, g, ("Region",), "region")
        reg = _node_regions(g, doc_region)
        inside = {n for n in keep if reg.get(n) == region}
        border = {
            x
            for a, b, _, _ in edges_all
            for x, y in ((a, b), (b, a))
            if y in inside and x in keep and x not in reg
        }
        keep = inside | border

    if nodes is not None:
        keep &= set(nodes)

    focus_id = None
    if focus is not None:
        focus_id = _resolve(str(focus), data, g, None, "focus")
        if focus_id not in keep:
            raise ConfigError(
                f"focus '{g.nodes[focus_id].get('name', focus_id)}' is not on this map: its kind "
                f"'{g.nodes[focus_id].get('kind')}' is filtered out or it lies outside the region; widen the filters."
            )
        walk = nx.Graph()
        walk.add_nodes_from(keep)
        walk.add_edges_from(
            (a, b)
            for a, b, _, d in edges_all
            if a in keep
            and b in keep
            and a != b
            and not (
                d.get("type") == "PART_OF"
                and g.nodes[a].get("kind") == "Municipality"
                and g.nodes[b].get("kind") == "Region"
            )
        )
        keep = set(nx.single_source_shortest_path_length(walk, focus_id, cutoff=depth))

    edges = [(a, b, k, d) for a, b, k, d in edges_all if a in keep and b in keep]
    drawn = _draw_graph(g, keep)
    n = drawn.number_of_nodes()
    if size_by == "betweenness":
        # exact up to 600 nodes; beyond, estimated from 200 sampled sources (fixed seed): sizes, not a statistic
        metric = nx.betweenness_centrality(drawn, k=200 if n > 600 else None, seed=7) if n else {}
    else:
        metric = dict(drawn.degree())
    top = max(metric.values(), default=0) or 1
    span = 30 if n > 60 else 18  # a small map has one or two hubs: keep them from dwarfing the rest

    path_nodes: set[str] = set()
    path_pairs: set[frozenset] = set()
    for path in highlight_paths or []:
        p = list(path)  # read twice below, whatever sequence (or iterator) the caller gave
        path_nodes.update(x for x in p if x in keep)
        path_pairs.update(frozenset(pair) for pair in pairwise(p))
    dim = bool(highlight_paths)

    names = {x: str(g.nodes[x].get("name") or x) for x in g.nodes}
    # vis-network's node and edge records, built as plain dicts; the page adds the tooltips' elements
    node_records: list[dict] = []
    edge_records: list[dict] = []
    per_kind: Counter = Counter()
    for x in sorted(keep, key=lambda x: (g.nodes[x].get("kind", ""), names[x], x)):
        d = g.nodes[x]
        kind = d.get("kind", "")
        per_kind[kind] += 1
        st = styles.get(kind, FALLBACK_STYLE)
        value = metric.get(x, 0)
        size = 8 + span * math.sqrt(value / top)
        on = not dim or x in path_nodes
        fill = st["color"] if on else _rgba(st["color"], 0.25)
        color = {
            "background": fill,
            "border": _rgba("#333333", 0.8 if on else 0.25),
            "highlight": {"background": st["color"], "border": "#000000"},
            "hover": {"background": st["color"], "border": "#000000"},
        }
        # central nodes get larger labels, so that their names stay readable on a zoomed-out map
        # (not for shapes that hold their label, which would grow with it)
        label_size = (
            13 if st["shape"] in LABEL_INSIDE else round(12 + (22 if n > 60 else 8) * math.sqrt(value / top))
        )
        font = {"color": "#222222" if on else "rgba(80,80,80,0.45)", "size": label_size}
        border_width = 3 if on and dim else 1
        if x == focus_id:
            color["border"] = FOCUS_BORDER
            border_width, size = 6, max(size, 16)
            font = {"color": "#000000", "size": max(font["size"], 17)}
        planned = d.get("status") == "planned" or d.get("confidence") == "inferred"
        node_records.append(
            {
                "id": x,
                "label": _label(d, x),
                "shape": st["shape"],
                "color": color,
                "size": round(size, 2),
                "borderWidth": border_width,
                "font": font,
                "widthConstraint": {"maximum": 13 * font["size"]},
                "kind": kind,
                "name": names[x],
                "abbreviation": d.get("abbreviation") or "",
                "tip": _node_tip(x, d, (size_by, value), doc_titles),
                "shapeProperties": {"borderDashes": [4, 3] if planned else False},
            }
        )
    pair_count: Counter = Counter()
    for a, b, k, d in sorted(edges, key=lambda e: (e[0], e[1], str(e[2]))):
        pair = frozenset((a, b))
        i = pair_count[pair]
        pair_count[pair] += 1
        on_path = pair in path_pairs and a in path_nodes and b in path_nodes
        base = "#9a9a9a"
        col = (PATH_COLOR if on_path else _rgba(base, 0.18)) if dim else base
        smooth = {"enabled": True, "type": "curvedCW", "roundness": 0.12 * i} if i else {"enabled": False}
        edge_records.append(
            {
                "from": a,
                "to": b,
                "arrows": "to",
                "id": str(d.get("id") or k),
                "label": edge_label(d),
                "type": d.get("type"),
                "color": {"color": col, "highlight": "#333333", "hover": "#333333"},
                "width": 2.5 if on_path else (1.2 if not dim else 0.8),
                "dashes": d.get("status") == "planned" or d.get("confidence") == "inferred",
                "font": {"color": "#444444" if (on_path or not dim) else "rgba(0,0,0,0)"},
                "smooth": smooth,
                "tip": _edge_tip(a, b, d, names, doc_titles),
            }
        )

    options = _options(len(node_records))
    heading = title or "sundhedsgraf"
    sub = []
    sub.append(f"as of {as_of}" if as_of else "all periods")
    if source:
        sub.append(f"source {source}")
    if region:
        sub.append(f"region {names.get(region, region)}")
    if kind_list:
        sub.append("kinds " + ", ".join(kind_list))
    if focus_id:
        sub.append(f"focus {names[focus_id]} (depth {depth})")
    if highlight_paths:
        sub.append(f"{len(highlight_paths)} paths highlighted")
    sub.append(f"{len(node_records)} nodes, {len(edge_records)} relationships")
    subtitle = " · ".join(sub)

    # the schema's order of kinds, then any kind it does not know
    legend = [
        {"kind": kind, "count": per_kind[kind], **styles.get(kind, FALLBACK_STYLE)}
        for kind in [k for k in styles if k not in meta_labels]
        + sorted(k for k in per_kind if k not in styles)
        if per_kind.get(kind)
    ]

    payload = {
        "nodes": node_records,
        "edges": edge_records,
        "options": options,
        "meta": {
            "as_of": as_of,
            "source": source,
            "region": region,
            "kinds": kind_list,
            "focus": focus_id,
            "depth": depth if focus_id else None,
            "size_by": size_by,
        },
    }
    page = _render_page(
        heading=heading,
        subtitle=subtitle,
        legend=legend,
        highlighted=bool(highlight_paths),
        focus_name=names[focus_id] if focus_id else None,
        size_by=size_by,
        n_nodes=len(node_records),
        data=payload,
    )
    out = MapHTML(page)
    out.stats = {
        "nodes": len(node_records),
        "edges": len(edge_records),
        "kinds": dict(per_kind),
        "as_of": as_of,
        "source": source,
        "region": region,
        "focus": focus_id,
        "depth": depth if focus_id else None,
        "size_by": size_by,
        "bytes": len(page.encode("utf-8")),
        "seconds": round(time.perf_counter() - t0, 3),
    }
    return out


def _options(n: int) -> dict:
    """vis-network options: a fixed number of stabilisation iterations, then physics off (the page
    does that on 'stabilizationIterationsDone'), so a large map never keeps the CPU busy."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": n <= 150},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "centralGravity": 0.01,
                "springLength": 90 if n > 100 else 140,
                "springConstant": 0.08,
                "avoidOverlap": 0.4,
            },
            "maxVelocity": 60,
            "minVelocity": 1,
            "timestep": 0.4,
            "stabilization": {
                "enabled": True,
                "iterations": 400 if n <= 200 else 250 if n <= 800 else 150,
                "updateInterval": 20,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": n > 300,
            "hideEdgesOnZoom": n > 800,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 13, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "widthConstraint": {"maximum": 170},
            "scaling": {"label": {"drawThreshold": 6}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "font": {"size": 10, "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "selectionWidth": 2,
            "hoverWidth": 0.5,
            "scaling": {"label": {"drawThreshold": 7}},
        },
    }
