"""Organisation charts ("organisationsdiagrammer") of one region on one date, for the static site.

    from sundhedsgraf import connect
    from sundhedsgraf.site.orgchart import ASSETS, chart, render_chart_html

    with connect() as graph:
        data = chart(graph, "region-midtjylland", "2024-06-01")
    fragment = render_chart_html(data, asset_prefix="../assets/")   # copy ASSETS to assets/

What a chart holds
    The fora of the region in force on the date (``fora_of_region``) and the bodies outside it that
    they are tied to (a KL forum, an organisation giving a secretariat), with the relations among
    them that an organisation chart draws: reporting (REPORTS_TO), preparing cases
    (PREPARES_CASES_FOR), commissioning (COMMISSIONS), setting up (SETS_UP) and secretariat
    (SECRETARIAT_FOR) — each in force on the date, read with the named query
    ``snapshot_relationships`` (which keeps both ends in force too). Inferred facts are left out, as
    every named query leaves them out unless asked. Offices, municipalities and regions are not
    boxes of an organisation chart: a relation from one of them (a region or an office giving a
    secretariat) is not drawn.

Levels
    Each box sits in one band, top to bottom: ``politisk``, ``administrativ``, ``sekretariat`` (the
    secretariats serve the bands above), ``lokalt`` (:func:`level_of`). The documents name these
    levels themselves (002: "Det politiske niveau", "Det overordnede administrative niveau", "Det
    lokalt udmøntende niveau (klyngerne)", "Det bilaterale samarbejde"); a forum's ``level`` and
    ``forum_type`` place it.

Drawing
    :func:`render_chart_html` writes a ``<figure>`` with the data as inline JSON; in the browser
    ``static/orgchart.js`` lays the related boxes out with ELK's layered algorithm (the vendored
    elkjs, run on the main thread, so the page works from file://; one partition per band), packs
    the boxes with no drawn relation in rows in their band between the lines, and draws an SVG,
    which the two buttons download as a standalone SVG or a PNG. The page needs no request outside
    the site's folder and runs under a Content-Security-Policy of ``script-src 'self'; style-src
    'self'; img-src 'self' data:`` (the PNG is drawn from a ``data:`` image of the SVG).
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from ..errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from ..db.connection import Graph

ELK_VERSION = "0.12.1"
_HERE = Path(__file__).resolve().parent
_VENDOR = _HERE.parent / "vendor"
ELK_JS = _VENDOR / f"elk.bundled-{ELK_VERSION}.js"
ELK_LICENCE = _VENDOR / f"elkjs-{ELK_VERSION}.LICENSE-EPL-2.0.md"
ORGCHART_JS = _HERE / "static" / "orgchart.js"
ORGCHART_CSS = _HERE / "static" / "orgchart.css"

# What the site copies into its assets/ folder (the licence travels with the code it covers: EPL-2.0 §3).
ASSETS: list[Path] = [ELK_JS, ELK_LICENCE, ORGCHART_JS, ORGCHART_CSS]

# the bands, top to bottom (static/orgchart.js draws them in this order)
LEVELS = ("politisk", "administrativ", "sekretariat", "lokalt")

# relationship type -> (Danish, English), in the legend's order
RELATIONS: dict[str, tuple[str, str]] = {
    "REPORTS_TO": ("refererer til", "reports to"),
    "PREPARES_CASES_FOR": ("forbereder sager til", "prepares cases for"),
    "COMMISSIONS": ("giver opdrag til", "commissions"),
    "SETS_UP": ("nedsætter", "sets up"),
    "SECRETARIAT_FOR": ("sekretariat for", "secretariat for"),
}

# the labels whose nodes are boxes, and the folder of their pages below the site root
PAGES = {"Forum": "forum", "Organisation": "organisation"}

_LOCAL_TYPES = frozenset({"cluster", "collaboration_forum"})
_POLITICAL_ORGS = frozenset({"council", "government"})
_MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def level_of(kind: str, props: dict[str, Any], *, in_cluster: bool = False, has_parts: bool = False) -> str:
    """The band a body is drawn in.

    A forum: a secretariat (by ``level`` or ``forum_type``) is ``sekretariat``; a cluster, a
    collaboration forum, a forum that is part of a cluster (Nordjylland's forankringsgrupper) or a
    mixed cooperation made of no other fora (002's bilateral cooperation of each municipality with its
    hospital) is ``lokalt``; then ``level`` political is ``politisk`` and everything else
    (administrative, mixed, unstated) ``administrativ``, the band between decisions and local work.
    An organisation: by ``org_type`` (a hospital works locally: 002's "Decentrale niveau (Klynger,
    hospital, kommuner, praksissektor)").
    """
    if kind == "Organisation":
        org_type = props.get("org_type")
        if org_type == "secretariat":
            return "sekretariat"
        if org_type == "hospital":
            return "lokalt"
        return "politisk" if org_type in _POLITICAL_ORGS else "administrativ"
    level, forum_type = props.get("level"), props.get("forum_type")
    if level == "secretariat" or forum_type == "secretariat":
        return "sekretariat"
    if forum_type in _LOCAL_TYPES or in_cluster:
        return "lokalt"
    if forum_type == "cooperation" and level == "mixed" and not has_parts:
        return "lokalt"
    return "politisk" if level == "political" else "administrativ"


def danish_date(iso: str) -> str:
    """``2024-06-01`` -> ``1. juni 2024``."""
    d = _dt.date.fromisoformat(iso)
    return f"{d.day}. {_MONTHS[d.month - 1]} {d.year}"


def _check_date(as_of: str) -> str:
    try:
        return _dt.date.fromisoformat(str(as_of)).isoformat()
    except ValueError:
        raise ConfigError(f"as_of '{as_of}' is not a date; write YYYY-MM-DD (e.g. 2024-06-01).") from None


def chart(graph: Graph, region_id: str, as_of: str) -> dict:
    """The organisation of a region on a date: its bodies (boxes) and the relations among them.

    ``{"region", "region_name", "as_of", "nodes": [{"id", "name", "kind", "level", "href"}],
    "edges": [{"id", "source", "target", "type", "label_da", "label_en"}]}``; nodes ordered by band
    then name, edges by id. Raises ConfigError for an unknown region or a date that is not ISO.
    """
    from ..queries import run_query

    as_of = _check_date(as_of)
    found = run_query("node", graph=graph, id=region_id)
    if not found or "Region" not in found[0]["labels"]:
        raise ConfigError(
            f"region '{region_id}' is not in the database; give a region id such as region-midtjylland "
            f"(sundhedsgraf query search --param text=Region --param label=Region lists them)."
        )
    region_name = found[0]["name"]
    fora = run_query("fora_of_region", graph=graph, region=region_id, as_of=as_of)
    bodies: dict[str, dict[str, Any]] = {
        f["id"]: {"kind": "Forum", "name": f["name"], "props": f} for f in fora
    }
    relationships = run_query("snapshot_relationships", graph=graph, as_of=as_of)

    # bodies outside the region's fora that a drawn relation ties to one of them
    outside: set[str] = set()
    for r in relationships:
        if r["type"] in RELATIONS and (r["start"] in bodies) != (r["end"] in bodies):
            outside.add(r["end"] if r["start"] in bodies else r["start"])
    for node_id in sorted(outside):
        rows = run_query("node", graph=graph, id=node_id, as_of=as_of)
        if rows and rows[0]["labels"][0] in PAGES:
            row = rows[0]
            bodies[node_id] = {"kind": row["labels"][0], "name": row["name"], "props": row["properties"]}

    clusters = {
        i for i, b in bodies.items() if b["kind"] == "Forum" and b["props"].get("forum_type") == "cluster"
    }
    in_cluster = {r["start"] for r in relationships if r["type"] == "PART_OF" and r["end"] in clusters}
    has_parts = {r["end"] for r in relationships if r["type"] == "PART_OF" and r["start"] in bodies}

    nodes = [
        {
            "id": node_id,
            "name": b["name"],
            "kind": b["kind"],
            "level": level_of(
                b["kind"], b["props"], in_cluster=node_id in in_cluster, has_parts=node_id in has_parts
            ),
            "href": f"{PAGES[b['kind']]}/{node_id}.html",
        }
        for node_id, b in bodies.items()
    ]
    nodes.sort(key=lambda n: (LEVELS.index(n["level"]), n["name"].casefold(), n["id"]))

    # one arrow per relation between two boxes, however many facts (documents) state it
    edges: dict[tuple[str, str, str], dict[str, str]] = {}
    for r in sorted(relationships, key=lambda r: str(r["properties"].get("id"))):
        key = (r["type"], r["start"], r["end"])
        if r["type"] not in RELATIONS or r["start"] not in bodies or r["end"] not in bodies or key in edges:
            continue
        da, en = RELATIONS[r["type"]]
        edges[key] = {
            "id": str(r["properties"].get("id") or f"{r['type']}:{r['start']}->{r['end']}"),
            "source": r["start"],
            "target": r["end"],
            "type": r["type"],
            "label_da": da,
            "label_en": en,
        }
    return {
        "region": region_id,
        "region_name": region_name,
        "as_of": as_of,
        "nodes": nodes,
        "edges": sorted(edges.values(), key=lambda e: e["id"]),
    }


# --------------------------------------------------------------------------------------------
# the HTML fragment

_FRAGMENT = """\
<link rel="stylesheet" href="{{ asset_prefix }}orgchart.css">
<figure class="sg-orgchart" id="{{ figure_id }}" data-root="{{ root_prefix }}" aria-labelledby="{{ figure_id }}-title">
  <figcaption class="sg-orgchart__head">
    <h2 class="sg-orgchart__title" id="{{ figure_id }}-title">{{ title }}</h2>
    <p class="sg-orgchart__note">{{ note }}</p>
    <div class="sg-orgchart__actions">
      <button type="button" class="sg-orgchart__button" data-download="svg">Hent SVG</button>
      <button type="button" class="sg-orgchart__button" data-download="png">Hent PNG</button>
    </div>
  </figcaption>
  <div class="sg-orgchart__canvas" tabindex="0" role="region" aria-label="{{ title }}"></div>
  <p class="sg-orgchart__status" role="status">Diagrammet tegnes …</p>
  <script type="application/json" class="sg-orgchart__data">{{ data }}</script>
</figure>
<script src="{{ asset_prefix }}{{ elk_file }}" defer></script>
<script src="{{ asset_prefix }}orgchart.js" defer></script>
"""


def _script_json(value: Any) -> Markup:
    """JSON safe inside ``<script>``: ``<``, ``>`` and ``&`` as JSON escapes, so no name can close the
    element or open a comment in it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_FRAGMENT)


def render_chart_html(chart: dict, asset_prefix: str, root_prefix: str | None = None) -> str:
    """The chart as an HTML fragment for the site's page template: a ``<figure>`` with a Danish title,
    the drawing's container, the buttons "Hent SVG" and "Hent PNG", the data as inline JSON, and the
    stylesheet and scripts under ``asset_prefix`` (the path from the page to the site's assets/, e.g.
    ``../assets/``). The boxes link to ``root_prefix`` + each node's ``href``; by default the site
    root is the folder above assets/ (``../`` for ``../assets/``).
    """
    if root_prefix is None:
        root_prefix = asset_prefix[: -len("assets/")] if asset_prefix.endswith("assets/") else ""
    region_name = chart.get("region_name") or chart["region"]
    title = f"Organisationsdiagram: {region_name}, {danish_date(chart['as_of'])}"
    note = (
        "Sundhedssamarbejdets organisering som kilderne beskriver den på datoen: fora og organer i kraft, "
        "og hvem der refererer til, forbereder sager til, giver opdrag til, nedsætter og er sekretariat for hvem. "
        "Klik på en boks for at se organets side."
    )
    return _template().render(
        asset_prefix=asset_prefix,
        root_prefix=root_prefix,
        figure_id=f"sg-orgchart-{chart['region']}-{chart['as_of']}",
        title=title,
        note=note,
        data=_script_json(chart),
        elk_file=ELK_JS.name,
    )
