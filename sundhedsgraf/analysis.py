"""Network analysis on the model with networkx alone.

This is the analysis layer (brokers, centrality, representation) and, in the tests, the independent
oracle: every named question in cypher/questions/ must give the same answer as the function of the
same name here, computed from the YAML model without the database.

All questions work on a *snapshot*: the nodes and relationships valid on ``as_of`` (inclusive
``valid_from``/``valid_to``; absent = open), optionally only those citing one source document, and
without inferred facts unless asked for. Gap nodes are never part of the network.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: `ask` imports this module and never needs yaml (30 ms)
    from .model import Model


class _LazyNetworkx:
    """networkx, imported on first use: `sundhedsgraf ask` imports this module for its helpers and
    most questions never build a graph (networkx costs 0.1 s of a 0.5 s command)."""

    def __getattr__(self, name: str):
        import networkx

        return getattr(networkx, name)


nx = _LazyNetworkx()

NETWORK_KINDS = ("Forum", "Office", "Municipality", "Region", "Organisation")
CHAIR_ROLES = ("formand", "medformand")
MIN_DATE, MAX_DATE = "0001-01-01", "9999-12-31"


def today() -> str:
    return _dt.date.today().isoformat()


def valid_on(props: dict, as_of: str) -> bool:
    return (props.get("valid_from") or MIN_DATE) <= as_of <= (props.get("valid_to") or MAX_DATE)


def cites(sources: list[dict], document: str | None) -> bool:
    return document is None or any(s.get("document") == document for s in sources)


@dataclass
class Snapshot:
    """The model as of one date: ``g`` is a MultiDiGraph of the facts that hold then."""

    g: nx.MultiDiGraph
    as_of: str
    source: str | None
    include_inferred: bool

    def name(self, n: str) -> str:
        return self.g.nodes[n]["name"]

    def kind(self, n: str) -> str:
        return self.g.nodes[n]["kind"]

    def out_edges(self, n: str, rtype: str):
        for _, e, k, d in self.g.out_edges(n, keys=True, data=True):
            if d["type"] == rtype:
                yield e, d

    def in_edges(self, n: str, rtype: str):
        for s, _, k, d in self.g.in_edges(n, keys=True, data=True):
            if d["type"] == rtype:
                yield s, d


def snapshot(model: Model, as_of: str | None = None, source: str | None = None,
             include_inferred: bool = False) -> Snapshot:
    as_of = as_of or today()
    g = nx.MultiDiGraph()
    for n in model.nodes:  # a source filter keeps the facts (relationships) citing it; entities stay
        p = n["properties"]
        if not valid_on(p, as_of):
            continue
        if p.get("confidence") == "inferred" and not include_inferred:
            continue
        g.add_node(n["id"], **p, name=n["name"], kind=n["labels"][0], sources=n["sources"])
    for r in model.relationships:
        p = r["properties"]
        if r["start"] not in g or r["end"] not in g:
            continue
        if not valid_on(p, as_of) or not cites(r["sources"], source):
            continue
        if p.get("confidence") == "inferred" and not include_inferred:
            continue
        g.add_edge(r["start"], r["end"], key=r["id"], id=r["id"], type=r["type"], **p, sources=r["sources"])
    return Snapshot(g=g, as_of=as_of, source=source, include_inferred=include_inferred)


# --------------------------------------------------------------------------------------------
# represented


def _offices_of(s: Snapshot, muni: str) -> list[str]:
    return sorted(o for o, d in s.in_edges(muni, "HOLDS_OFFICE_IN") if s.kind(o) == "Office")


def _row(s: Snapshot, *, forum, role, via, direct, path, sources, rel) -> dict:
    return {
        "forum": s.name(forum), "forum_id": forum, "role": role,
        "via": s.name(via), "via_id": via, "via_kind": s.kind(via), "direct": direct,
        "path": [s.name(x) for x in path], "path_ids": list(path),
        "confidence": "inferred" if any(r.get("confidence") == "inferred" for r in rel) else "stated",
        "disputed": any(bool(r.get("disputed")) for r in rel),
        "sources": _dedupe([src for r in rel for src in r["sources"]]),
    }


def _dedupe(sources: list[dict]) -> list[dict]:
    """Sources without repeats, in a stable order (document, quote, url)."""
    seen, out = set(), []
    for src in sources:
        key = (src.get("document") or "", src.get("quote") or "", src.get("url") or "")
        if key not in seen:
            seen.add(key)
            out.append((key, src))
    return [src for _, src in sorted(out, key=lambda x: x[0])]


def represented(s: Snapshot, muni: str) -> list[dict]:
    """Every forum where the municipality is represented on the snapshot's date.

    Direct: one of its offices is a member (or an office sits on its behalf), or the municipality
    itself is a member. Indirect: a forum it (or one of its offices) belongs to is itself a member
    of another forum (a sundhedsråd's seats in SKF), one level deep."""
    rows = []
    if muni not in s.g:
        return rows
    members: list[tuple[str, list[str], list[dict]]] = []  # (member node, path so far, rels so far)
    offices = _offices_of(s, muni)
    for o in offices:  # a row cites its memberships, not the statement that the office exists
        members.append((o, [muni, o], []))
    # offices not held in the municipality that sit on its behalf
    behalf = {a for a, _, d in s.g.edges(data=True)
              if d["type"] == "MEMBER_OF" and d.get("on_behalf_of") == muni and s.kind(a) == "Office"}
    for a in sorted(behalf - set(offices)):
        members.append((a, [muni, a], []))
    members.append((muni, [muni], []))
    direct_bodies = []
    for member, path, rels in members:
        for f, d in s.out_edges(member, "MEMBER_OF"):
            rows.append(_row(s, forum=f, role=d["role"], via=member, direct=True,
                             path=path + [f], sources=None, rel=rels + [d]))
            direct_bodies.append((f, path + [f], rels + [d]))
    for body, path, rels in direct_bodies:
        for f, d in s.out_edges(body, "MEMBER_OF"):
            if f in path:
                continue
            rows.append(_row(s, forum=f, role=d["role"], via=body, direct=False,
                             path=path + [f], sources=None, rel=rels + [d]))
    return _group_rows(rows)


def _group_rows(rows: list[dict]) -> list[dict]:
    """One row per (forum, role, via, direct): the same seat stated by several documents or reached
    by several paths keeps the shortest path and all sources."""
    rows = sorted(rows, key=lambda r: (not r["direct"], r["forum_id"], r["role"], r["via_id"], len(r["path_ids"]), r["path_ids"]))
    grouped: dict[tuple, dict] = {}
    for r in rows:
        key = (r["forum_id"], r["role"], r["via_id"], r["direct"])
        if key not in grouped:
            grouped[key] = dict(r)
        else:
            g = grouped[key]
            g["sources"] = _dedupe(g["sources"] + r["sources"])
            g["disputed"] = g["disputed"] or r["disputed"]
            if g["confidence"] == "inferred" and r["confidence"] == "stated":
                g.update({k: r[k] for k in ("path", "path_ids", "confidence")})
    return sorted(grouped.values(), key=lambda r: (not r["direct"], r["forum"], r["role"], r["via"]))


def municipality_of(s: Snapshot, node: str) -> str | None:
    """The municipality an office is held in (or the municipality itself)."""
    if s.kind(node) == "Municipality":
        return node
    for e, _ in s.out_edges(node, "HOLDS_OFFICE_IN"):
        if s.kind(e) == "Municipality":
            return e
    return None


def _source_list(*items: dict) -> list[dict]:
    return _dedupe([src for d in items for src in d["sources"]])


# --------------------------------------------------------------------------------------------
# members, chain, appointments


def members(s: Snapshot, forum: str) -> dict:
    rows = []
    for m, d in s.in_edges(forum, "MEMBER_OF"):
        muni = municipality_of(s, m) or (d.get("on_behalf_of") if d.get("on_behalf_of") in s.g and s.kind(d["on_behalf_of"]) == "Municipality" else None)
        node = s.g.nodes[m]
        rows.append({
            "member": s.name(m), "member_id": m, "kind": s.kind(m), "role": d["role"],
            "office": node.get("title") if s.kind(m) == "Office" else None,
            "municipality": s.name(muni) if muni else None, "municipality_id": muni,
            "on_behalf_of": d.get("on_behalf_of"),
            "seats": d.get("seats", 1), "holder_known": node.get("holder_known", True),
            "confidence": d.get("confidence", "stated"), "disputed": bool(d.get("disputed")),
            "sources": _source_list(d),
        })
    rows = _merge_member_rows(rows)
    chairs = [r for r in rows if r["role"] in CHAIR_ROLES]
    return {"forum": s.name(forum), "forum_id": forum, "members": rows, "chairs": chairs}


def _merge_member_rows(rows: list[dict]) -> list[dict]:
    out: dict[tuple, dict] = {}
    total = lambda r: (r["member_id"], r["role"], r["on_behalf_of"] or "", r["municipality_id"] or "", r["seats"],
                       r["confidence"], json.dumps(r["sources"], sort_keys=True, ensure_ascii=False))
    for r in sorted(rows, key=total):  # a total order, so merging does not depend on input order
        key = (r["member_id"], r["role"])
        if key in out:
            o = out[key]
            o["sources"] = _dedupe(o["sources"] + r["sources"])
            o["disputed"] = o["disputed"] or r["disputed"]
            o["seats"] = max(o["seats"], r["seats"])
            if r["confidence"] == "stated":
                o["confidence"] = "stated"
        else:
            out[key] = r
    order = {"formand": 0, "medformand": 1, "næstformand": 2}
    return sorted(out.values(), key=lambda r: (order.get(r["role"], 3), r["member"]))


CHAIN_TYPES = ("REPORTS_TO", "PREPARES_CASES_FOR")


def _reach(s: Snapshot, start: str, rtypes: tuple[str, ...], reverse: bool) -> list[dict]:
    """Every node reachable along ``rtypes`` edges (against them if ``reverse``): its shortest
    distance, the lexicographically smallest shortest path (by ids), the relation types of each
    step, and the sources of every edge (parallel ones included) along that path."""
    g = nx.DiGraph()
    sources: dict[tuple[str, str], list[dict]] = defaultdict(list)
    types: dict[tuple[str, str], set] = defaultdict(set)
    for a, b, d in s.g.edges(data=True):
        if d["type"] in rtypes and a != b:
            u, v = (b, a) if reverse else (a, b)
            g.add_edge(u, v)
            sources[(u, v)] += d["sources"]
            types[(u, v)].add(d["type"])
    if start not in g:
        return []
    out = []
    for t, depth in nx.single_source_shortest_path_length(g, start).items():
        if t == start:
            continue
        path = min(nx.all_shortest_paths(g, start, t))
        steps = list(zip(path, path[1:]))
        out.append({"id": t, "name": s.name(t), "kind": s.kind(t), "depth": depth,
                    "path": [s.name(x) for x in path], "path_ids": list(path),
                    "relations": ["|".join(sorted(types[st])) for st in steps],
                    "sources": _dedupe([x for st in steps for x in sources[st]])})
    return sorted(out, key=lambda r: (r["depth"], r["name"], r["id"]))


def chain(s: Snapshot, forum: str) -> dict:
    """Whom the forum reports to or prepares cases for, transitively up to the top, and what
    reports to it; each step says which relation it is."""
    return {"forum": s.name(forum), "forum_id": forum,
            "reports_to": _reach(s, forum, CHAIN_TYPES, reverse=False),
            "reported_by": _reach(s, forum, CHAIN_TYPES, reverse=True)}


def appointments(s: Snapshot, body: str) -> dict:
    """Whom the body appoints, and who appoints the body's members (or the body itself)."""
    def row(a, b, d):
        ff = d.get("for_forum")
        return {"appointer": s.name(a), "appointer_id": a, "appointee": s.name(b), "appointee_id": b,
                "for_forum": s.name(ff) if ff in s.g else None, "for_forum_id": ff if ff in s.g else None,
                "role": d.get("role"), "sources": _source_list(d)}

    appoints = [row(body, b, d) for b, d in s.out_edges(body, "APPOINTS")]
    member_ids = {m for m, _ in s.in_edges(body, "MEMBER_OF")}
    appointed_by = []
    for a, b, d in s.g.edges(data=True):
        if d["type"] != "APPOINTS":
            continue
        if b == body or (b in member_ids and d.get("for_forum") in (None, body)):
            appointed_by.append(row(a, b, d))
    return {"body": s.name(body), "body_id": body, "appoints": sorted(appoints, key=appointment_key),
            "appointed_by": sorted(appointed_by, key=appointment_key)}


def appointment_key(r: dict) -> tuple:
    return (r["appointer"], r["appointer_id"], r["appointee"], r["appointee_id"], r["for_forum"] or "",
            r["role"] or "", json.dumps(r["sources"], sort_keys=True, ensure_ascii=False))


# --------------------------------------------------------------------------------------------
# interlocks, matrix, meetings, unrepresented


def _fora(s: Snapshot, region: str | None = None) -> list[str]:
    return sorted(n for n, d in s.g.nodes(data=True)
                  if d["kind"] == "Forum" and (region is None or d.get("region") == region))


def _municipal_members(s: Snapshot, forum: str) -> tuple[set[str], set[str]]:
    """(member node ids, municipality ids represented directly) of a forum."""
    mem, munis = set(), set()
    for m, d in s.in_edges(forum, "MEMBER_OF"):
        mem.add(m)
        muni = municipality_of(s, m)
        if muni:
            munis.add(muni)
        ob = d.get("on_behalf_of")
        if ob in s.g and s.kind(ob) == "Municipality":
            munis.add(ob)
    return mem, munis


def interlocks(s: Snapshot, region: str | None = None) -> list[dict]:
    fora = _fora(s, region)
    info = {f: _municipal_members(s, f) for f in fora}
    rows = []
    for i, a in enumerate(fora):
        for b in fora[i + 1:]:
            sm = info[a][0] & info[b][0]
            su = info[a][1] & info[b][1]
            if not sm and not su:
                continue
            rows.append({"forum_a": s.name(a), "forum_a_id": a, "forum_b": s.name(b), "forum_b_id": b,
                         "shared_members": sorted(s.name(x) for x in sm), "shared_member_ids": sorted(sm),
                         "shared_municipalities": sorted(s.name(x) for x in su),
                         "shared_municipality_ids": sorted(su),
                         "n_members": len(sm), "n_municipalities": len(su)})
    return sorted(rows, key=lambda r: (-(r["n_members"] + r["n_municipalities"]), r["forum_a_id"], r["forum_b_id"]))


def municipalities_of_region(s: Snapshot, region: str) -> list[str]:
    return sorted(n for n, d in s.g.nodes(data=True) if d["kind"] == "Municipality" and d.get("region") == region)


def matrix(s: Snapshot, region: str) -> dict:
    """Municipality x forum: how many seats (direct memberships) each municipality has in each forum."""
    munis = municipalities_of_region(s, region)
    cells: Counter = Counter()
    indirect: Counter = Counter()
    for m in munis:
        for r in represented(s, m):
            (cells if r["direct"] else indirect)[(m, r["forum_id"])] += 1
    fora = sorted({f for (_, f) in list(cells) + list(indirect)}, key=lambda f: s.name(f))
    out = []
    for m in munis:
        for f in fora:
            if cells[(m, f)] or indirect[(m, f)]:
                out.append({"municipality": s.name(m), "municipality_id": m, "forum": s.name(f), "forum_id": f,
                            "seats": cells[(m, f)], "indirect": indirect[(m, f)]})
    return {"region": s.name(region) if region in s.g else region, "region_id": region,
            "municipalities": [{"id": m, "name": s.name(m)} for m in munis],
            "fora": [{"id": f, "name": s.name(f)} for f in fora], "cells": out}


def meetings(s: Snapshot, node: str) -> dict:
    """Meetings per year of the fora an office (or a municipality's offices) sits in."""
    if s.kind(node) == "Municipality":
        rows = [r for r in represented(s, node) if r["direct"]]
        pairs = [(r["forum_id"], r["via_id"], r["role"]) for r in rows]
    else:
        pairs = [(f, node, d["role"]) for f, d in s.out_edges(node, "MEMBER_OF")]
    by_forum: dict[str, dict] = {}
    for f, via, role in pairs:
        d = s.g.nodes[f]
        row = by_forum.setdefault(f, {"forum": s.name(f), "forum_id": f,
                                      "meetings_per_year": d.get("meetings_per_year"),
                                      "meetings_per_year_max": d.get("meetings_per_year_max"),
                                      "meetings_note": d.get("meetings_note"), "seats": []})
        row["seats"].append({"via": s.name(via), "via_id": via, "role": role})
    fora = sorted(by_forum.values(), key=lambda r: r["forum"])
    for r in fora:
        r["seats"] = sorted(r["seats"], key=lambda x: (x["via"], x["role"]))
    known = [r["meetings_per_year"] for r in fora if r["meetings_per_year"] is not None]
    return {"name": s.name(node), "id": node, "kind": s.kind(node), "fora": fora,
            "total_meetings_per_year": sum(known), "fora_with_unknown_cadence": len(fora) - len(known)}


def unrepresented(s: Snapshot, region: str | None = None, limit: int = 5) -> dict:
    fora = _fora(s, region)
    munis = sorted(n for n, d in s.g.nodes(data=True) if d["kind"] == "Municipality"
                   and (region is None or d.get("region") == region))
    represented_in: dict[str, set] = defaultdict(set)
    seats: Counter = Counter()
    for m in munis:
        for r in represented(s, m):
            represented_in[r["forum_id"]].add(m)
            if r["direct"]:
                seats[m] += 1
    without = [{"forum": s.name(f), "forum_id": f, "forum_type": s.g.nodes[f].get("forum_type")}
               for f in fora if not represented_in.get(f)]
    ranked = sorted(({"municipality": s.name(m), "municipality_id": m, "seats": seats[m]} for m in munis),
                    key=lambda r: (r["seats"], r["municipality"]))
    cut = ranked[limit - 1]["seats"] if len(ranked) >= limit else None
    fewest = [r for r in ranked if cut is None or r["seats"] <= cut]
    return {"fora_without_municipal_representation": sorted(without, key=lambda r: r["forum"]),
            "municipalities_with_fewest_seats": fewest}


# --------------------------------------------------------------------------------------------
# changes, timeline, gaps, rules


def _seats(s: Snapshot, region: str | None) -> dict[tuple, dict]:
    fora = set(_fora(s, region))
    out = {}
    for a, b, d in s.g.edges(data=True):
        if d["type"] == "MEMBER_OF" and b in fora:
            out[(a, b, d["role"])] = {"member": s.name(a), "member_id": a, "forum": s.name(b), "forum_id": b, "role": d["role"]}
    return out


def _lines(s: Snapshot, region: str | None) -> dict[tuple, dict]:
    fora = set(_fora(s, region))
    return {(a, b): {"from": s.name(a), "from_id": a, "to": s.name(b), "to_id": b}
            for a, b, d in s.g.edges(data=True) if d["type"] == "REPORTS_TO" and (a in fora or b in fora)}


def changes(model: Model, date_from: str, date_to: str, region: str | None = None, source: str | None = None,
            include_inferred: bool = False) -> dict:
    a = snapshot(model, date_from, source, include_inferred)
    b = snapshot(model, date_to, source, include_inferred)
    fa, fb = set(_fora(a, region)), set(_fora(b, region))
    sa, sb = _seats(a, region), _seats(b, region)
    la, lb = _lines(a, region), _lines(b, region)

    def fora_rows(snap, ids):
        return sorted(({"forum": snap.name(f), "forum_id": f, "status": snap.g.nodes[f].get("status")} for f in ids),
                      key=lambda r: r["forum"])

    key_s = lambda r: (r["forum"], r["role"], r["member"])
    key_l = lambda r: (r["from"], r["to"])
    changed = []
    for f in sorted(fa & fb):
        ma = {k for k in sa if k[1] == f}
        mb = {k for k in sb if k[1] == f}
        if ma != mb:
            changed.append({"forum": a.name(f), "forum_id": f,
                            "seats_added": len(mb - ma), "seats_removed": len(ma - mb)})
    return {
        "from": date_from, "to": date_to, "region": region,
        "fora": {"appeared": fora_rows(b, fb - fa), "disappeared": fora_rows(a, fa - fb),
                 "changed": sorted(changed, key=lambda r: r["forum"])},
        "seats": {"appeared": sorted((sb[k] for k in set(sb) - set(sa)), key=key_s),
                  "disappeared": sorted((sa[k] for k in set(sa) - set(sb)), key=key_s)},
        "reporting_lines": {"appeared": sorted((lb[k] for k in set(lb) - set(la)), key=key_l),
                            "disappeared": sorted((la[k] for k in set(la) - set(lb)), key=key_l)},
    }


def timeline(model: Model) -> list[dict]:
    """Processes with their phases and milestones (dates, deadlines, deliverables) and who is responsible."""
    nodes = {n["id"]: n for n in model.nodes}
    part_of = defaultdict(list)
    responsible = defaultdict(list)
    for r in model.relationships:
        if r["type"] == "PART_OF" and nodes[r["start"]]["labels"][0] in ("Phase", "Milestone"):
            part_of[r["end"]].append(r["start"])
        if r["type"] == "RESPONSIBLE_FOR":
            responsible[r["end"]].append({"name": nodes[r["start"]]["name"], "id": r["start"],
                                          "kind": nodes[r["start"]]["labels"][0],
                                          "task": r["properties"].get("task"), "sources": _dedupe(r["sources"])})

    def step(n):
        p = nodes[n]["properties"]
        return {"name": nodes[n]["name"], "id": n, "kind": nodes[n]["labels"][0], "order": p.get("order"),
                "when_text": p.get("when_text"), "starts": p.get("starts"), "ends": p.get("ends"),
                "precision": p.get("precision"), "deadline": bool(p.get("deadline")),
                "deliverable": p.get("deliverable"), "status": p.get("status"),
                "responsible": sorted(responsible[n], key=responsible_key), "sources": _dedupe(nodes[n]["sources"])}

    order = lambda x: (x["order"] if x["order"] is not None else 999, x["starts"] or "9999", x["name"])
    out = []
    for pid in sorted(n for n in nodes if nodes[n]["labels"][0] == "Process"):
        proc = step(pid)
        phases = []
        for ph in part_of[pid]:
            if nodes[ph]["labels"][0] != "Phase":
                continue
            row = step(ph)
            row["milestones"] = sorted((step(m) for m in part_of[ph] if nodes[m]["labels"][0] == "Milestone"), key=order)
            phases.append(row)
        proc["phases"] = sorted(phases, key=order)
        proc["milestones"] = sorted((step(m) for m in part_of[pid] if nodes[m]["labels"][0] == "Milestone"), key=order)
        out.append(proc)
    return out


def responsible_key(x: dict) -> tuple:
    return (x["name"], x["id"], x["task"] or "", json.dumps(x["sources"], sort_keys=True, ensure_ascii=False))


def gaps(model: Model) -> list[dict]:
    nodes = {n["id"]: n for n in model.nodes}
    concerns = defaultdict(list)
    for r in model.relationships:
        if r["type"] == "CONCERNS":
            concerns[r["start"]].append({"id": r["end"], "name": nodes[r["end"]]["name"]})
    return [{"id": n["id"], "name": n["name"], "gap_type": n["properties"]["gap_type"],
             "description": n["properties"].get("description"),
             "concerns": sorted(concerns[n["id"]], key=lambda c: c["id"]), "sources": _dedupe(n["sources"])}
            for n in sorted((n for n in model.nodes if n["labels"] == ["Gap"]), key=lambda n: n["id"])]


# --------------------------------------------------------------------------------------------
# rules: composition rules the documents state, checked against the facts

RULE_KINDS = ("composition", "seats_per_body", "one_per_body", "same_municipality", "same_members", "group_sizes")


def _expected_munis(s: Snapshot, spec) -> set[str]:
    if isinstance(spec, str):
        return set(municipalities_of_region(s, spec)) if s.g.nodes.get(spec, {}).get("kind") == "Region" else {spec}
    return set(spec or [])


def _holder_known(s: Snapshot, node: str) -> bool:
    return s.g.nodes[node].get("holder_known", True) is not False


def _check(s: Snapshot, chk: dict) -> tuple[str, str]:
    kind = chk["kind"]
    forum = chk.get("forum")
    if forum is not None and forum not in s.g:
        return "not_in_force", f"{forum} is not in force on {s.as_of}"
    if kind == "composition":
        problems, unknown = [], []
        edges = list(s.in_edges(forum, "MEMBER_OF"))
        for exp in chk.get("expect", []):
            match = [(m, d) for m, d in edges
                     if ("member" not in exp or m == exp["member"])
                     and ("role" not in exp or d["role"] == exp["role"])
                     and ("office_type" not in exp or s.g.nodes[m].get("office_type") == exp["office_type"])]
            label = ", ".join(f"{k}={v}" for k, v in exp.items() if k not in ("municipalities", "exact"))
            if "seats" in exp:
                got = sum(d.get("seats", 1) for _, d in match)
                if got != exp["seats"]:
                    problems.append(f"{label}: {got} seats, expected {exp['seats']}")
            if "municipalities" in exp:
                want = _expected_munis(s, exp["municipalities"])
                got = {municipality_of(s, m) or d.get("on_behalf_of") for m, d in match}
                if got != want:
                    problems.append(f"{label}: municipalities differ (missing {sorted(want - got)}, extra {sorted(got - want)})")
            unknown += [m for m, _ in match if not _holder_known(s, m)]
            if not match and "seats" not in exp:
                problems.append(f"{label}: no such member")
        if problems:
            return "violated", "; ".join(problems)
        if unknown and any("municipalities" in e for e in chk.get("expect", [])):
            return "unknowable", f"holder unknown: {', '.join(sorted(set(unknown)))}"
        return "satisfied", f"{len(edges)} memberships match the rule"
    if kind == "seats_per_body":
        bad = []
        for b in chk["bodies"]:
            got = sum(d.get("seats", 1) for m, d in s.in_edges(forum, "MEMBER_OF") if m == b or d.get("on_behalf_of") == b)
            if got != chk["seats"]:
                bad.append(f"{b}: {got}")
        return ("violated", "seats per body differ: " + ", ".join(bad)) if bad else \
            ("satisfied", f"{len(chk['bodies'])} bodies with {chk['seats']} seats each")
    if kind == "one_per_body":
        bad, unknown = [], []
        for b in chk["bodies"]:
            ms = [m for m, d in s.in_edges(forum, "MEMBER_OF") if m == b or d.get("on_behalf_of") == b]
            if len(ms) != 1:
                bad.append(f"{b}: {len(ms)} members")
                continue
            m = ms[0]
            muni = municipality_of(s, m) if _holder_known(s, m) else None
            if muni is None:
                unknown.append(m)
            elif b in s.g and muni not in {x for x, _ in s.in_edges(b, "MEMBER_OF")}:
                bad.append(f"{b}: {muni} is not in {b}")
        if bad:
            return "violated", "; ".join(bad)
        if unknown:
            return "unknowable", f"one member per body, but which municipality holds these seats is unknown: {', '.join(unknown)}"
        return "satisfied", f"one member from each of {len(chk['bodies'])} bodies"
    if kind == "same_municipality":
        sides = []
        for side in (chk["a"], chk["b"]):
            if "member" in side:
                holders = [side["member"]] if side["member"] in s.g else []
            else:
                if side["forum"] not in s.g:
                    return "not_in_force", f"{side['forum']} is not in force on {s.as_of}"
                holders = sorted(m for m, d in s.in_edges(side["forum"], "MEMBER_OF") if d["role"] == side["role"])
            munis = {municipality_of(s, h) if _holder_known(s, h) else None for h in holders}
            sides.append((holders, munis))
        if not sides[0][0] or not sides[1][0]:
            return "unknowable", "a seat the rule compares has no holder in the facts"
        if None in sides[0][1] | sides[1][1]:
            unknown = [h for holders, _ in sides for h in holders if not _holder_known(s, h) or municipality_of(s, h) is None]
            return "unknowable", f"holder unknown: {', '.join(sorted(set(unknown)))}"
        if sides[0][1] == sides[1][1]:
            return "satisfied", f"both from {', '.join(sorted(sides[0][1]))}"
        return "violated", f"{sorted(sides[0][1])} vs {sorted(sides[1][1])}"
    if kind == "same_members":
        a, b = chk["a"], chk["b"]
        for f in (a, b):
            if f not in s.g:
                return "not_in_force", f"{f} is not in force on {s.as_of}"
        ma = {(m, d["role"]) for m, d in s.in_edges(a, "MEMBER_OF")}
        mb = {(m, d["role"]) for m, d in s.in_edges(b, "MEMBER_OF")}
        if ma == mb:
            return "satisfied", f"the same {len(ma)} members"
        return "violated", f"only in {a}: {sorted(ma - mb)}; only in {b}: {sorted(mb - ma)}"
    if kind == "group_sizes":
        sizes = {b: sum(1 for m, _ in s.in_edges(b, "MEMBER_OF") if s.kind(m) == "Municipality") if b in s.g else 0
                 for b in chk["bodies"]}
        bad = [f"{b}: {n}" for b, n in sizes.items() if not chk.get("min", 0) <= n <= chk.get("max", 10**9)]
        total = sum(sizes.values())
        if "total" in chk and total != chk["total"]:
            bad.append(f"total {total}, expected {chk['total']}")
        return ("violated", "; ".join(bad)) if bad else ("satisfied", ", ".join(f"{b}: {n}" for b, n in sizes.items()))
    raise ValueError(f"unknown rule check kind {kind!r}")


def rules(model: Model, as_of: str | None = None, source: str | None = None, include_inferred: bool = False) -> list[dict]:
    """Every stated rule with its quotes; those with a machine check are satisfied, violated,
    unknowable (a seat's holder is unknown) or not_in_force on the date; the rest are text only."""
    as_of = as_of or today()
    snaps: dict[str, Snapshot] = {}
    out = []
    for r in model.rules:
        if source and not any(s.get("document") == source for s in r["sources"]):
            continue
        chk = r.get("check")
        if not chk:
            status, detail, at = "not_checkable", "stated in the text; no machine check", None
        else:
            at = chk.get("at") or as_of
            if at not in snaps:
                snaps[at] = snapshot(model, at, source, include_inferred)
            status, detail = _check(snaps[at], chk)
        out.append({"id": r["id"], "name": r["name"], "description": r["description"], "status": status,
                    "at": at, "detail": detail, "applies_to": r["applies_to"], "sources": _dedupe(r["sources"])})
    order = {"violated": 0, "unknowable": 1, "satisfied": 2, "not_in_force": 3, "not_checkable": 4}
    return sorted(out, key=lambda x: (order[x["status"]], x["id"]))


# --------------------------------------------------------------------------------------------
# links: who links A and B


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
    if a not in g or b not in g or a == b:
        return {"a": a, "b": b, "max_hops": max_hops, "brokers": [], "paths": [], "path_ids": []}
    paths = sorted(nx.all_simple_paths(g, a, b, cutoff=max_hops), key=lambda p: (len(p), p))[:limit]
    through: Counter = Counter(x for p in paths for x in p[1:-1])
    brokers = [{"id": n, "name": s.name(n), "kind": s.kind(n), "paths": c}
               for n, c in sorted(through.items(), key=lambda kv: (-kv[1], s.name(kv[0]), kv[0]))]
    return {"a": a, "b": b, "max_hops": max_hops, "brokers": brokers,
            "paths": [[s.name(x) for x in p] for p in paths], "path_ids": paths}
