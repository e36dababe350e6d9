"""Network analysis on the model with networkx alone.

This is the analysis layer (snapshots, the organisational network, brokers) and, in the tests, the
independent oracle: every question of the registry (:mod:`sundhedsgraf.questions`) has a function of
its name here that fetches the same facts from the YAML model as the database path fetches with
Cypher, and hands them to the same shaping (:mod:`sundhedsgraf.questions.shaping`); the tests
require both answers to be equal.

All questions work on a *snapshot*: the nodes and relationships valid on ``as_of`` (inclusive
``valid_from``/``valid_to``; absent = open), optionally only those citing one source document, and
without inferred facts unless asked for. Gap nodes are never part of the network.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from . import sources as codec
from .questions import shaping
from .questions.shaping import CHAIR_ROLES, NETWORK_KINDS  # noqa: F401  (the analysis layer's vocabulary too)

if TYPE_CHECKING:  # annotations only: `ask` imports this module and never needs yaml (30 ms)
    from .model import Model


class _LazyNetworkx:
    """networkx, imported on first use: `sundhedsgraf ask` imports this module for its helpers and
    most questions never build a graph (networkx costs 0.1 s of a 0.5 s command)."""

    def __getattr__(self, name: str):
        import networkx

        return getattr(networkx, name)


if TYPE_CHECKING:
    import networkx as nx
else:
    nx = _LazyNetworkx()

MIN_DATE, MAX_DATE = shaping.MIN_DATE, shaping.MAX_DATE


def today() -> str:
    return _dt.date.today().isoformat()


valid_on = shaping.in_force


cites = codec.cites


@dataclass
class Snapshot:
    """The model as of one date: ``g`` is a MultiDiGraph of the facts that hold then."""

    g: nx.MultiDiGraph
    as_of: str
    source: str | None
    include_inferred: bool
    #: every node's (name, kind), in force or not: an answer names what it is about even when that
    #: is not in force on its date (as the database path's node_name does)
    every: dict[str, tuple[str, str]] = field(default_factory=dict)

    def name(self, n: str) -> str:
        return self.g.nodes[n]["name"] if n in self.g else self.every[n][0]

    def kind(self, n: str) -> str:
        return self.g.nodes[n]["kind"] if n in self.g else self.every[n][1]

    def out_edges(self, n: str, rtype: str):
        if n not in self.g:
            return
        for _, e, d in self.g.out_edges(n, data=True):
            if d["type"] == rtype:
                yield e, d

    def in_edges(self, n: str, rtype: str):
        if n not in self.g:
            return
        for s, _, d in self.g.in_edges(n, data=True):
            if d["type"] == rtype:
                yield s, d


def snapshot(
    model: Model, as_of: str | None = None, source: str | None = None, include_inferred: bool = False
) -> Snapshot:
    """The facts valid on ``as_of`` (default today); ``as_of="*"`` keeps every period."""
    as_of = as_of or today()
    every = as_of == "*"
    g = nx.MultiDiGraph()
    for n in model.nodes:  # a source filter keeps the facts (relationships) citing it; entities stay
        p = n["properties"]
        if not every and not valid_on(p, as_of):
            continue
        if p.get("confidence") == "inferred" and not include_inferred:
            continue
        g.add_node(n["id"], **p, name=n["name"], kind=n["labels"][0], sources=n["sources"])
    for r in model.relationships:
        p = r["properties"]
        if r["start"] not in g or r["end"] not in g:
            continue
        if (not every and not valid_on(p, as_of)) or not cites(r["sources"], source):
            continue
        if p.get("confidence") == "inferred" and not include_inferred:
            continue
        g.add_edge(r["start"], r["end"], key=r["id"], id=r["id"], type=r["type"], **p, sources=r["sources"])
    names = {n["id"]: (n["name"], n["labels"][0]) for n in model.nodes}
    return Snapshot(g=g, as_of=as_of, source=source, include_inferred=include_inferred, every=names)


# --------------------------------------------------------------------------------------------
# represented, and what counts its rows


def _offices_of(s: Snapshot, muni: str) -> list[str]:
    return sorted(o for o, d in s.in_edges(muni, "HOLDS_OFFICE_IN") if s.kind(o) == "Office")


def _seat(
    s: Snapshot, *, forum: str, role: str, via: str, direct: bool, path: list[str], rels: list[dict]
) -> dict:
    return shaping.represented_row(
        forum=s.name(forum),
        forum_id=forum,
        role=role,
        via=s.name(via),
        via_id=via,
        via_kind=s.kind(via),
        direct=direct,
        path=[s.name(x) for x in path],
        path_ids=list(path),
        confidences=[r.get("confidence") for r in rels],
        disputed=any(bool(r.get("disputed")) for r in rels),
        sources=[src for r in rels for src in r["sources"]],
        times=[shaping.time_of(r) for r in rels],
        as_of=s.as_of,
    )


def represented_rows(s: Snapshot, muni: str) -> list[dict]:
    """Every seat of the municipality, unshaped: direct (one of its offices, an office sitting on
    its behalf, or the municipality itself is a member) and indirect (a forum it sits in is itself
    a member of another forum, one level up)."""
    rows: list[dict] = []
    if muni not in s.g:
        return rows
    offices = _offices_of(s, muni)
    behalf = {
        a
        for a, _, d in s.g.edges(data=True)
        if d["type"] == "MEMBER_OF" and d.get("on_behalf_of") == muni and s.kind(a) == "Office"
    }
    members = (
        [(o, [muni, o]) for o in offices]
        + [(a, [muni, a]) for a in sorted(behalf - set(offices))]
        + [(muni, [muni])]
    )
    for member, path in members:  # a row cites its memberships, not the statement that the office exists
        for f, d in s.out_edges(member, "MEMBER_OF"):
            rows.append(_seat(s, forum=f, role=d["role"], via=member, direct=True, path=path + [f], rels=[d]))
            for f2, d2 in s.out_edges(f, "MEMBER_OF"):
                if f2 not in path + [f]:
                    rows.append(
                        _seat(
                            s,
                            forum=f2,
                            role=d2["role"],
                            via=f,
                            direct=False,
                            path=path + [f, f2],
                            rels=[d, d2],
                        )
                    )
    return rows


def represented(s: Snapshot, municipality: str) -> list[dict]:
    return shaping.represented(represented_rows(s, municipality))


def municipality_of(s: Snapshot, node: str) -> str | None:
    """The municipality an office is held in (or the municipality itself)."""
    if s.kind(node) == "Municipality":
        return node
    for e, _ in s.out_edges(node, "HOLDS_OFFICE_IN"):
        if s.kind(e) == "Municipality":
            return e
    return None


def municipalities_of_region(s: Snapshot, region: str | None) -> list[str]:
    return sorted(
        n
        for n, d in s.g.nodes(data=True)
        if d["kind"] == "Municipality" and (region is None or d.get("region") == region)
    )


def _municipality_rows(s: Snapshot, region: str | None) -> list[dict]:
    return [{"id": m, "name": s.name(m)} for m in municipalities_of_region(s, region)]


def _seats_by_municipality(s: Snapshot, region: str | None) -> dict[str, list[dict]]:
    return {m: represented(s, m) for m in municipalities_of_region(s, region)}


def matrix(s: Snapshot, region: str) -> dict:
    """Municipality x forum: how many seats (direct memberships) each municipality has in each forum."""
    return shaping.matrix(
        s.name(region) if region in s.g else region,
        region,
        _municipality_rows(s, region),
        _seats_by_municipality(s, region),
    )


def _fora(s: Snapshot, region: str | None = None) -> list[str]:
    return sorted(
        n
        for n, d in s.g.nodes(data=True)
        if d["kind"] == "Forum" and (region is None or d.get("region") == region)
    )


def unrepresented(s: Snapshot, region: str | None = None, limit: int = 5) -> dict:
    fora = [
        {"forum": s.name(f), "forum_id": f, "forum_type": s.g.nodes[f].get("forum_type")}
        for f in _fora(s, region)
    ]
    return shaping.unrepresented(
        fora, _municipality_rows(s, region), _seats_by_municipality(s, region), limit
    )


def meetings(s: Snapshot, target: str) -> dict:
    """Meetings per year of the fora an office (or a municipality's offices) sits in."""
    if s.kind(target) == "Municipality":
        pairs = [(r["forum_id"], r["via_id"], r["role"]) for r in represented(s, target) if r["direct"]]
    else:
        pairs = [(f, target, d["role"]) for f, d in s.out_edges(target, "MEMBER_OF")]
    seats = [
        {
            "forum": s.name(f),
            "forum_id": f,
            "via": s.name(via),
            "via_id": via,
            "role": role,
            **{k: s.g.nodes[f].get(k) for k in shaping.CADENCE_KEYS},
        }
        for f, via, role in pairs
    ]
    return shaping.meetings(s.name(target), target, s.kind(target), seats, s.as_of)


# --------------------------------------------------------------------------------------------
# members, chain, appointments


def members(s: Snapshot, forum: str) -> dict:
    rows = []
    for m, d in s.in_edges(forum, "MEMBER_OF"):
        ob = d.get("on_behalf_of")
        muni = municipality_of(s, m) or (ob if ob in s.g and s.kind(ob) == "Municipality" else None)
        node = s.g.nodes[m]
        rows.append(
            shaping.member_row(
                member=s.name(m),
                member_id=m,
                kind=s.kind(m),
                role=d["role"],
                office=node.get("title") if s.kind(m) == "Office" else None,
                municipality=s.name(muni) if muni else None,
                municipality_id=muni,
                on_behalf_of=ob,
                seats=d.get("seats"),
                holder_known=node.get("holder_known"),
                confidence=d.get("confidence"),
                disputed=d.get("disputed"),
                sources=d["sources"],
                seats_open=d.get("seats_open"),
                times=shaping.time_of(d),
                as_of=s.as_of,
            )
        )
    node = s.g.nodes[forum]
    cadence = shaping.cadence_on(node, s.as_of) if node.get("kind") == "Forum" else None
    return shaping.members(s.name(forum), forum, rows, cadence)


CHAIN_TYPES = shaping.CHAIN_TYPES


def _paths(s: Snapshot, start: str, rtypes: tuple[str, ...], reverse: bool) -> list[dict]:
    """Every shortest path from ``start`` along ``rtypes`` edges (against them if ``reverse``), each
    step with the types and sources of every parallel edge."""
    g = nx.DiGraph()
    sources: dict[tuple[str, str], list[dict]] = defaultdict(list)
    types: dict[tuple[str, str], set] = defaultdict(set)
    times: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for a, b, d in s.g.edges(data=True):
        if d["type"] in rtypes and a != b:
            u, v = (b, a) if reverse else (a, b)
            g.add_edge(u, v)
            sources[(u, v)] += d["sources"]
            types[(u, v)].add(d["type"])
            times[(u, v)].append(shaping.time_of(d))
    if start not in g:
        return []
    out = []
    for t, depth in nx.single_source_shortest_path_length(g, start).items():
        if t == start:
            continue
        for path in nx.all_shortest_paths(g, start, t):
            steps = list(pairwise(path))
            out.append(
                {
                    "id": t,
                    "name": s.name(t),
                    "kind": s.kind(t),
                    "depth": depth,
                    "path": [s.name(x) for x in path],
                    "path_ids": list(path),
                    "types": [types[st] for st in steps],
                    "times": [t for st in steps for t in times[st]],
                    "sources": [x for st in steps for x in sources[st]],
                }
            )
    return out


def chain(s: Snapshot, forum: str) -> dict:
    """Whom the forum reports to, transitively up to the top, and what reports to it; beside them
    its other relations."""
    others = []
    for direction, edges in (
        ("out", s.g.out_edges(forum, data=True)),
        ("in", s.g.in_edges(forum, data=True)),
    ):
        for a, b, d in edges:
            if d["type"] not in shaping.OTHER_RELATIONS:
                continue
            other = b if direction == "out" else a
            others.append(
                shaping.relation_row(
                    rtype=d["type"],
                    direction=direction,
                    other=s.name(other),
                    other_id=other,
                    other_kind=s.kind(other),
                    sources=d["sources"],
                    times=shaping.time_of(d),
                    as_of=s.as_of,
                )
            )
    return shaping.chain(
        s.name(forum),
        forum,
        _paths(s, forum, CHAIN_TYPES, reverse=False),
        _paths(s, forum, CHAIN_TYPES, reverse=True),
        others,
        s.as_of,
    )


def appointments(s: Snapshot, body: str) -> dict:
    """Whom the body appoints, and who appoints the body's members (or the body itself)."""

    def row(a, b, d):
        ff = d.get("for_forum")
        return shaping.appointment_row(
            appointer=s.name(a),
            appointer_id=a,
            appointee=s.name(b),
            appointee_id=b,
            for_forum=s.name(ff) if ff in s.g else None,
            for_forum_id=ff if ff in s.g else None,
            role=d.get("role"),
            sources=d["sources"],
        )

    member_ids = {m for m, _ in s.in_edges(body, "MEMBER_OF")}
    appointed_by = [
        row(a, b, d)
        for a, b, d in s.g.edges(data=True)
        if d["type"] == "APPOINTS" and (b == body or (b in member_ids and d.get("for_forum") in (None, body)))
    ]
    return shaping.appointments(
        s.name(body), body, [row(body, b, d) for b, d in s.out_edges(body, "APPOINTS")], appointed_by
    )


# --------------------------------------------------------------------------------------------
# interlocks, links


def interlocks(s: Snapshot, region: str | None = None) -> list[dict]:
    fora = {}
    for f in _fora(s, region):
        members, munis = {}, {}
        for m, d in s.in_edges(f, "MEMBER_OF"):
            members[m] = s.name(m)
            muni = municipality_of(s, m)
            if muni:
                munis[muni] = s.name(muni)
            ob = d.get("on_behalf_of")
            if ob in s.g and s.kind(ob) == "Municipality":
                munis[ob] = s.name(ob)
        fora[f] = (s.name(f), members, munis)
    return shaping.interlocks(fora)


def network(s: Snapshot) -> nx.Graph:
    """The undirected organisational network of a snapshot: fora, offices, municipalities, regions and
    organisations, joined by any relationship except a municipality's geographic PART_OF its region."""
    g = nx.Graph()
    for n, d in s.g.nodes(data=True):
        if d["kind"] in NETWORK_KINDS:
            g.add_node(n, name=d["name"], kind=d["kind"])
    for a, b, d in s.g.edges(data=True):
        if a in g and b in g and a != b and not (d["type"] == "PART_OF" and s.kind(a) == "Municipality"):
            g.add_edge(a, b)
    return g


def links(s: Snapshot, a: str, b: str, max_hops: int = 5, limit: int = 10000) -> dict:
    """People, offices and fora on the simple paths of at most ``max_hops`` relationships between A
    and B, ranked by how many paths pass through them; the paths are the evidence."""
    g = network(s)
    names = {n: s.name(n) for n in (a, b) if n in s.g}
    kinds = {n: s.kind(n) for n in (a, b) if n in s.g}
    if a not in g or b not in g or a == b:
        return shaping.links(a, b, max_hops, [], names, kinds, limit)
    paths = list(nx.all_simple_paths(g, a, b, cutoff=max_hops))
    for p in paths:
        for x in p:
            names[x], kinds[x] = s.name(x), s.kind(x)
    return shaping.links(a, b, max_hops, paths, names, kinds, limit)


# --------------------------------------------------------------------------------------------
# changes, timeline, gaps, rules, search


def _moment(s: Snapshot, region: str | None, replaces: list | None = None) -> shaping.Moment:
    fora = set(_fora(s, region))
    nodes = s.g.nodes
    return shaping.Moment(
        fora={
            f: shaping.forum_at_row(s.name(f), f, nodes[f].get("status"), nodes[f], nodes[f]["sources"])
            for f in fora
        },
        seats={
            (a, b, d["role"]): shaping.seat_row(s.name(a), a, s.name(b), b, d["role"])
            for a, b, d in s.g.edges(data=True)
            if d["type"] == "MEMBER_OF" and b in fora
        },
        lines={
            (a, b): shaping.line_row(s.name(a), a, s.name(b), b)
            for a, b, d in s.g.edges(data=True)
            if d["type"] == "REPORTS_TO" and (a in fora or b in fora)
        },
        replaces=list(replaces or []),
    )


def changes(
    model: Model,
    date_from: str,
    date_to: str,
    region: str | None = None,
    source: str | None = None,
    include_inferred: bool = False,
) -> dict:
    replaces = [
        (r["start"], r["end"], r["sources"])
        for r in model.relationships
        if r["type"] == "REPLACES"
        and cites(r["sources"], source)
        and (include_inferred or r["properties"].get("confidence") != "inferred")
    ]
    return shaping.changes(
        date_from,
        date_to,
        region,
        _moment(snapshot(model, date_from, source, include_inferred), region, replaces),
        _moment(snapshot(model, date_to, source, include_inferred), region, replaces),
    )


def timeline(model: Model) -> list[dict]:
    """Processes with their phases and milestones (dates, deadlines, deliverables) and who is responsible."""
    nodes = {n["id"]: n for n in model.nodes}

    def kind(n: str) -> str:
        return nodes[n]["labels"][0]

    parent: dict[str, str] = {}
    responsible = defaultdict(list)
    for r in model.relationships:
        if r["type"] == "PART_OF" and kind(r["start"]) in ("Phase", "Milestone"):
            parent[r["start"]] = r["end"]
        if r["type"] == "RESPONSIBLE_FOR":
            responsible[r["end"]].append(
                {
                    "name": nodes[r["start"]]["name"],
                    "id": r["start"],
                    "kind": kind(r["start"]),
                    "task": r["properties"].get("task"),
                    "sources": r["sources"],
                }
            )
    return shaping.timeline(
        shaping.step_row(
            name=nodes[n]["name"],
            node_id=n,
            kind=kind(n),
            props=nodes[n]["properties"],
            responsible=responsible[n],
            sources=nodes[n]["sources"],
            parent=parent.get(n),
        )
        for n in nodes
        if kind(n) in ("Process", "Phase", "Milestone")
    )


def gaps(model: Model) -> list[dict]:
    nodes = {n["id"]: n for n in model.nodes}
    concerns = defaultdict(list)
    for r in model.relationships:
        if r["type"] == "CONCERNS":
            concerns[r["start"]].append({"id": r["end"], "name": nodes[r["end"]]["name"]})
    return shaping.gaps(
        {
            "id": n["id"],
            "name": n["name"],
            "gap_type": n["properties"]["gap_type"],
            "description": n["properties"].get("description"),
            "concerns": concerns[n["id"]],
            "sources": n["sources"],
        }
        for n in model.nodes
        if n["labels"] == ["Gap"]
    )


RULE_KINDS = shaping.RULE_KINDS
_FACT_PROPS = (
    "office_type",
    "office_level",
    "holder_known",
    "region",
    "meetings_per_year",
    "meetings_per_year_max",
    "meetings_history",
)


def facts(s: Snapshot) -> shaping.Facts:
    """What a rule check reads, from a snapshot."""
    nodes = {
        n: {"kind": d["kind"], **{k: d[k] for k in _FACT_PROPS if d.get(k) is not None}}
        for n, d in s.g.nodes(data=True)
    }
    member_of = [
        (a, b, {k: d[k] for k in ("role", "seats", "seats_open", "on_behalf_of") if d.get(k) is not None})
        for a, b, d in s.g.edges(data=True)
        if d["type"] == "MEMBER_OF"
    ]
    holds = [(a, b) for a, b, d in s.g.edges(data=True) if d["type"] == "HOLDS_OFFICE_IN"]
    return shaping.Facts(s.as_of, nodes, member_of, holds)


def rules(
    model: Model, as_of: str | None = None, source: str | None = None, include_inferred: bool = False
) -> list[dict]:
    as_of = as_of or today()
    rules = [{**r, "check": r.get("check") or None} for r in model.rules]
    snaps = {d: facts(snapshot(model, d, source, include_inferred)) for d in shaping.rule_dates(rules, as_of)}
    return shaping.rules(rules, snaps, as_of, source)


def _fold_text(text: str) -> str:
    return text.lower().replace("å", "aa").replace("æ", "ae").replace("ø", "oe")


def search(s: Snapshot, text: str, limit: int = 50) -> dict:
    """Nodes whose name, abbreviation or alias, and nodes and relationships one of whose quotes,
    holds every folded word of ``text``."""
    from .names.folding import fold_words

    words = fold_words(text)

    def has(value: object) -> bool:
        return bool(value) and all(w in _fold_text(str(value)) for w in words)

    hits = []
    for n, d in s.g.nodes(data=True):
        matched = [
            m
            for m, values in (
                ("name", [d.get("name")]),
                ("abbreviation", [d.get("abbreviation"), d.get("short_name")]),
                ("alias", d.get("aliases") or []),
            )
            if any(has(v) for v in values)
        ]
        quotes = [src for src in d["sources"] if has(src.get("quote"))]
        if quotes:
            matched.append("quote")
        if matched:
            hits.append(
                {
                    "kind": "node",
                    "id": n,
                    "label": d["kind"],
                    "name": d.get("name"),
                    "matched": matched,
                    "confidence": d.get("confidence", "stated"),
                    "valid_from": d.get("valid_from"),
                    "valid_to": d.get("valid_to"),
                    "sources": quotes + [x for x in d["sources"] if x not in quotes],
                }
            )
    for a, b, d in s.g.edges(data=True):
        quotes = [src for src in d["sources"] if has(src.get("quote"))]
        if quotes:
            hits.append(
                {
                    "kind": "relationship",
                    "id": d["id"],
                    "label": d["type"],
                    "name": f"{s.name(a)} → {s.name(b)}",
                    "matched": ["quote"],
                    "confidence": d.get("confidence", "stated"),
                    "valid_from": d.get("valid_from"),
                    "valid_to": d.get("valid_to"),
                    "sources": quotes + [x for x in d["sources"] if x not in quotes],
                }
            )
    return shaping.search(text, hits, limit)
