"""The named questions, answered by the database.

Each question runs named Cypher from ``cypher/questions/`` through the official driver and shapes
the records into the same JSON as :mod:`sundhedsgraf.analysis` computes from the model with networkx
alone (the tests require both to be equal)::

    from sundhedsgraf import questions
    questions.ask("represented", municipality="kommune-viborg", as_of="2024-06-01")

Only facts valid on ``as_of`` count (default today); ``source`` keeps only facts that cite one
document; inferred facts (``confidence: inferred``) are left out unless ``inferred=True``, and are
then marked as such on every row.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any, Callable

from . import analysis
from .errors import ConfigError
from .queries import run_query

QUESTIONS: dict[str, dict] = {}
_SRC_COLUMNS = ("src_docs", "src_quotes", "src_urls", "src_notes")
_MEETING_COLUMNS = ("meetings_per_year", "meetings_per_year_max", "meetings_note")
_NEIGHBOUR_PARAMS = {"Forum": "forums", "Office": "offices", "Municipality": "municipalities", "Region": "regions",
                     "Organisation": "organisations"}


def _simple_paths(adj: dict[str, set[str]], a: str, b: str, cutoff: int) -> list[list[str]]:
    """Every simple path from a to b of at most ``cutoff`` edges in an undirected graph given as
    adjacency sets: the paths networkx's all_simple_paths gives, found depth-first but only into
    nodes from which b is still reachable within the hops left (their distance to b by breadth-first
    search from b), so dead ends through hubs are never walked."""
    dist = {b: 0}
    frontier = [b]
    for d in range(1, cutoff + 1):
        nxt = []
        for u in frontier:
            for w in adj.get(u, ()):
                if w not in dist:
                    dist[w] = d
                    nxt.append(w)
        frontier = nxt
    out: list[list[str]] = []
    if a not in dist or a == b:
        return out
    path, on = [a], {a}

    def walk(u: str) -> None:
        left = cutoff - len(path)  # edges left after the next one
        for w in adj.get(u, ()):
            if w in on or dist.get(w, cutoff + 1) > left:
                continue
            if w == b:
                out.append(path + [b])
                continue
            path.append(w)
            on.add(w)
            walk(w)
            path.pop()
            on.discard(w)

    walk(a)
    return out


def _ids_by_kind(ids, kinds: dict[str, str]) -> dict[str, list[str]]:
    """network_neighbours' parameters: the ids per kind (a node of another first label in every list)."""
    out: dict[str, list[str]] = {p: [] for p in _NEIGHBOUR_PARAMS.values()}
    for i in sorted(ids):
        param = _NEIGHBOUR_PARAMS.get(kinds.get(i, ""))
        for p in [param] if param else out:
            out[p].append(i)
    return out


def question(name: str, args: tuple[str, ...], description: str):
    def deco(fn: Callable) -> Callable:
        QUESTIONS[name] = {"fn": fn, "args": args, "description": description}
        return fn

    return deco


def zip_sources(row: dict) -> list[dict]:
    """Rebuild source dicts from the parallel lists the loader stores."""
    docs = row.get("src_docs") or []
    quotes = row.get("src_quotes") or []
    urls = row.get("src_urls") or []
    notes = row.get("src_notes") or []
    out = []
    for i, d in enumerate(docs):
        q = quotes[i] if i < len(quotes) else ""
        if d:
            out.append({"document": d, "quote": q})
        else:
            src = {"url": urls[i] if i < len(urls) else ""}
            if i < len(notes) and notes[i]:
                src["note"] = notes[i]
            if q:
                src["quote"] = q
            out.append(src)
    return analysis._dedupe(out)


class Asker:
    """Runs questions against one database connection with one set of filters."""

    def __init__(self, graph=None, as_of: str | None = None, source: str | None = None, inferred: bool = False):
        self.graph = graph
        self.as_of = as_of or analysis.today()
        self.source = source
        self.inferred = bool(inferred)

    def q(self, name: str, **params) -> list[dict]:
        """Run a named query with the filters it declares (as_of, source, inferred) and ``params``."""
        from .queries import get

        declared = {p.name for p in get(name).params}
        filters = {"as_of": self.as_of, "source": self.source, "inferred": self.inferred}
        return run_query(name, graph=self.graph, **{k: v for k, v in filters.items() if k in declared}, **params)

    # ---- represented and what builds on it
    def _represented_rows(self, rows: list[dict]) -> list[dict]:
        out = []
        for r in rows:
            out.append({
                "forum": r["forum"], "forum_id": r["forum_id"], "role": r["role"],
                "via": r["via"], "via_id": r["via_id"], "via_kind": r["via_kind"], "direct": r["direct"],
                "path": r["path"], "path_ids": r["path_ids"],
                "confidence": "inferred" if "inferred" in (r["confidences"] or []) else "stated",
                "disputed": bool(r["disputed"]), "sources": zip_sources(r),
            })
        return analysis._group_rows(out)

    def represented(self, municipality: str) -> list[dict]:
        return self._represented_rows(self._represented_raw(municipality))

    def _represented_raw(self, municipality: str) -> list[dict]:
        """One row per seat, direct or indirect, with its path: the compact rows of the represented
        query (one per valid membership of a member, with the forum's own memberships in ``ups``;
        packed in one record per branch) expanded here, which costs the database half of returning
        them expanded."""
        out = []
        for c in (row for rec in self.q("represented", municipality=municipality) for row in rec["rows"]):
            base_ids = [c["municipality_id"]] if c["via_id"] == c["municipality_id"] else [c["municipality_id"], c["via_id"]]
            base = [c["municipality"]] if c["via_id"] == c["municipality_id"] else [c["municipality"], c["via"]]
            out.append({
                "municipality_id": c["municipality_id"], "forum_id": c["forum_id"], "forum": c["forum"],
                "role": c["role"], "via_id": c["via_id"], "via": c["via"], "via_kind": c["via_kind"], "direct": True,
                "path_ids": base_ids + [c["forum_id"]], "path": base + [c["forum"]],
                "confidences": [c["confidence"]], "disputed": c["disputed"],
                **{k: c[k] for k in _SRC_COLUMNS + _MEETING_COLUMNS},
            })
            for u in c["ups"] or ():
                out.append({
                    "municipality_id": c["municipality_id"], "forum_id": u["forum_id"], "forum": u["forum"],
                    "role": u["role"], "via_id": c["forum_id"], "via": c["forum"], "via_kind": c["forum_kind"],
                    "direct": False, "path_ids": base_ids + [c["forum_id"], u["forum_id"]],
                    "path": base + [c["forum"], u["forum"]], "confidences": [c["confidence"], u["confidence"]],
                    "disputed": bool(c["disputed"]) or bool(u["disputed"]),
                    # as Cypher's list + list: null when either side is null
                    **{k: None if c[k] is None or u[k] is None else c[k] + u[k] for k in _SRC_COLUMNS},
                    **{k: u[k] for k in _MEETING_COLUMNS},
                })
        return out

    def _represented_by_municipality(self, region: str | None) -> tuple[dict[str, list[dict]], list[dict]]:
        raw = self.q("represented_in_region", region=region)
        by = defaultdict(list)
        for r in raw:
            by[r["municipality_id"]].append(r)
        return {m: self._represented_rows(rows) for m, rows in by.items()}, raw

    def members(self, forum: str) -> dict:
        rows = []
        name = None
        for r in self.q("members", forum=forum):
            name = r["forum"]
            rows.append({
                "member": r["member"], "member_id": r["member_id"], "kind": r["kind"], "role": r["role"],
                "office": r["office"], "municipality": r["municipality"], "municipality_id": r["municipality_id"],
                "on_behalf_of": r["on_behalf_of"], "seats": r["seats"], "holder_known": r["holder_known"],
                "confidence": r["confidence"], "disputed": bool(r["disputed"]), "sources": zip_sources(r),
            })
        rows = analysis._merge_member_rows(rows)
        return {"forum": name or self._name(forum), "forum_id": forum, "members": rows,
                "chairs": [r for r in rows if r["role"] in analysis.CHAIR_ROLES]}

    def chain(self, forum: str) -> dict:
        """Shortest paths up (and down) REPORTS_TO|PREPARES_CASES_FOR; per target the smallest path
        by ids; parallel relationships along it contribute their types and sources."""
        best: dict[tuple[str, str], dict] = {}
        for r in self.q("chain", forum=forum):
            key = (r["direction"], r["id"])
            cand = {"id": r["id"], "name": r["name"], "kind": r["kind"], "depth": r["depth"],
                    "path": r["path"], "path_ids": r["path_ids"], "types": [{t} for t in r["types"]],
                    "sources": zip_sources(r)}
            old = best.get(key)
            if old is None or (cand["depth"], cand["path_ids"]) < (old["depth"], old["path_ids"]):
                best[key] = cand
            elif (cand["depth"], cand["path_ids"]) == (old["depth"], old["path_ids"]):  # parallel edges
                old["sources"] = analysis._dedupe(old["sources"] + cand["sources"])
                old["types"] = [a | b for a, b in zip(old["types"], cand["types"])]
        out = {"up": [], "down": []}
        for (direction, _), v in best.items():
            types = v.pop("types")
            out[direction].append({**{k: v[k] for k in ("id", "name", "kind", "depth", "path", "path_ids")},
                                   "relations": ["|".join(sorted(t)) for t in types], "sources": v["sources"]})
        order = lambda x: (x["depth"], x["name"], x["id"])
        return {"forum": self._name(forum), "forum_id": forum,
                "reports_to": sorted(out["up"], key=order), "reported_by": sorted(out["down"], key=order)}

    def appointments(self, body: str) -> dict:
        out = {"appoints": [], "appointed_by": []}
        for r in self.q("appointments", body=body):  # one row per APPOINTS relationship
            out[r["direction"]].append({
                "appointer": r["appointer"], "appointer_id": r["appointer_id"], "appointee": r["appointee"],
                "appointee_id": r["appointee_id"], "for_forum": r["for_forum"], "for_forum_id": r["for_forum_id"],
                "role": r["role"], "sources": zip_sources(r)})
        key = analysis.appointment_key
        return {"body": self._name(body), "body_id": body, "appoints": sorted(out["appoints"], key=key),
                "appointed_by": sorted(out["appointed_by"], key=key)}

    def interlocks(self, region: str | None = None) -> list[dict]:
        fora = self.q("forum_members_at", region=region)
        info = {}
        for f in fora:
            members = {m["id"]: m["name"] for m in f["members"]}
            munis = {m["id"]: m["name"] for m in f["municipalities"]}
            info[f["forum_id"]] = (f["forum"], members, munis)
        ids = sorted(info)
        rows = []
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                sm = set(info[a][1]) & set(info[b][1])
                su = set(info[a][2]) & set(info[b][2])
                if not sm and not su:
                    continue
                names = {**info[a][1], **info[a][2]}
                rows.append({"forum_a": info[a][0], "forum_a_id": a, "forum_b": info[b][0], "forum_b_id": b,
                             "shared_members": sorted(names[x] for x in sm), "shared_member_ids": sorted(sm),
                             "shared_municipalities": sorted(names[x] for x in su),
                             "shared_municipality_ids": sorted(su),
                             "n_members": len(sm), "n_municipalities": len(su)})
        return sorted(rows, key=lambda r: (-(r["n_members"] + r["n_municipalities"]), r["forum_a_id"], r["forum_b_id"]))

    def _municipalities(self, region: str | None) -> list[dict]:
        return sorted(self.q("municipalities", region=region), key=lambda r: r["id"])

    def matrix(self, region: str) -> dict:
        munis = self._municipalities(region)
        by, _ = self._represented_by_municipality(region)
        cells, indirect, names = Counter(), Counter(), {}
        for m in munis:
            for r in by.get(m["id"], []):
                (cells if r["direct"] else indirect)[(m["id"], r["forum_id"])] += 1
                names[r["forum_id"]] = r["forum"]
        fora = sorted({f for (_, f) in list(cells) + list(indirect)}, key=lambda f: names[f])
        out = [{"municipality": m["name"], "municipality_id": m["id"], "forum": names[f], "forum_id": f,
                "seats": cells[(m["id"], f)], "indirect": indirect[(m["id"], f)]}
               for m in munis for f in fora if cells[(m["id"], f)] or indirect[(m["id"], f)]]
        return {"region": self._name(region), "region_id": region,
                "municipalities": [{"id": m["id"], "name": m["name"]} for m in munis],
                "fora": [{"id": f, "name": names[f]} for f in fora], "cells": out}

    def meetings(self, target: str) -> dict:
        kind = self._kind(target)
        if kind == "Municipality":
            raw = [r for r in self._represented_raw(target) if r["direct"]]
            grouped = self._represented_rows(raw)
            info = {r["forum_id"]: r for r in raw}
            pairs = [(r["forum_id"], r["forum"], r["via_id"], r["via"], r["role"]) for r in grouped]
        else:
            raw = self.q("office_meetings", office=target)
            info = {r["forum_id"]: r for r in raw}
            pairs = [(r["forum_id"], r["forum"], r["via_id"], r["via"], r["role"]) for r in raw]
        by_forum: dict[str, dict] = {}
        for f, fname, via_id, via, role in pairs:
            d = info[f]
            row = by_forum.setdefault(f, {"forum": fname, "forum_id": f, "meetings_per_year": d["meetings_per_year"],
                                          "meetings_per_year_max": d["meetings_per_year_max"],
                                          "meetings_note": d["meetings_note"], "seats": []})
            row["seats"].append({"via": via, "via_id": via_id, "role": role})
        fora = sorted(by_forum.values(), key=lambda r: r["forum"])
        for r in fora:
            r["seats"] = sorted(r["seats"], key=lambda x: (x["via"], x["role"]))
        known = [r["meetings_per_year"] for r in fora if r["meetings_per_year"] is not None]
        return {"name": self._name(target), "id": target, "kind": kind, "fora": fora,
                "total_meetings_per_year": sum(known), "fora_with_unknown_cadence": len(fora) - len(known)}

    def unrepresented(self, region: str | None = None, limit: int = 5) -> dict:
        fora = self.q("fora_at", region=region)
        munis = self._municipalities(region)
        by, _ = self._represented_by_municipality(region)
        represented_in = defaultdict(set)
        seats = Counter()
        for m in munis:
            for r in by.get(m["id"], []):
                represented_in[r["forum_id"]].add(m["id"])
                if r["direct"]:
                    seats[m["id"]] += 1
        without = [{"forum": f["forum"], "forum_id": f["forum_id"], "forum_type": f["forum_type"]}
                   for f in fora if not represented_in.get(f["forum_id"])]
        ranked = sorted(({"municipality": m["name"], "municipality_id": m["id"], "seats": seats[m["id"]]} for m in munis),
                        key=lambda r: (r["seats"], r["municipality"]))
        cut = ranked[limit - 1]["seats"] if len(ranked) >= limit else None
        return {"fora_without_municipal_representation": sorted(without, key=lambda r: r["forum"]),
                "municipalities_with_fewest_seats": [r for r in ranked if cut is None or r["seats"] <= cut]}

    def changes(self, date_from: str, date_to: str, region: str | None = None) -> dict:
        a = Asker(self.graph, date_from, self.source, self.inferred)
        b = Asker(self.graph, date_to, self.source, self.inferred)
        fa = {r["forum_id"]: r for r in a.q("fora_at", region=region)}
        fb = {r["forum_id"]: r for r in b.q("fora_at", region=region)}
        sa = {(r["member_id"], r["forum_id"], r["role"]): r for r in a.q("seats_at", region=region)}
        sb = {(r["member_id"], r["forum_id"], r["role"]): r for r in b.q("seats_at", region=region)}
        la = {(r["from_id"], r["to_id"]): r for r in a.q("reporting_lines_at", region=region)}
        lb = {(r["from_id"], r["to_id"]): r for r in b.q("reporting_lines_at", region=region)}
        seat = lambda r: {"member": r["member"], "member_id": r["member_id"], "forum": r["forum"], "forum_id": r["forum_id"], "role": r["role"]}
        line = lambda r: {"from": r["from"], "from_id": r["from_id"], "to": r["to"], "to_id": r["to_id"]}
        fora_rows = lambda d, ids: sorted(({"forum": d[f]["forum"], "forum_id": f, "status": d[f]["status"]} for f in ids),
                                          key=lambda r: r["forum"])
        changed = []
        for f in sorted(set(fa) & set(fb)):
            ma = {k for k in sa if k[1] == f}
            mb = {k for k in sb if k[1] == f}
            if ma != mb:
                changed.append({"forum": fa[f]["forum"], "forum_id": f, "seats_added": len(mb - ma), "seats_removed": len(ma - mb)})
        key_s = lambda r: (r["forum"], r["role"], r["member"])
        key_l = lambda r: (r["from"], r["to"])
        return {
            "from": date_from, "to": date_to, "region": region,
            "fora": {"appeared": fora_rows(fb, set(fb) - set(fa)), "disappeared": fora_rows(fa, set(fa) - set(fb)),
                     "changed": sorted(changed, key=lambda r: r["forum"])},
            "seats": {"appeared": sorted((seat(sb[k]) for k in set(sb) - set(sa)), key=key_s),
                      "disappeared": sorted((seat(sa[k]) for k in set(sa) - set(sb)), key=key_s)},
            "reporting_lines": {"appeared": sorted((line(lb[k]) for k in set(lb) - set(la)), key=key_l),
                                "disappeared": sorted((line(la[k]) for k in set(la) - set(lb)), key=key_l)},
        }

    def timeline(self) -> list[dict]:
        rows = run_query("timeline", graph=self.graph)
        steps = {}
        for r in rows:
            steps[r["id"]] = {
                "name": r["name"], "id": r["id"], "kind": r["kind"], "order": r["order"], "when_text": r["when_text"],
                "starts": r["starts"], "ends": r["ends"], "precision": r["precision"], "deadline": bool(r["deadline"]),
                "deliverable": r["deliverable"], "status": r["status"],
                "responsible": sorted(({"name": x["name"], "id": x["id"], "kind": x["kind"], "task": x["task"],
                                        "sources": zip_sources(x)} for x in r["responsible"]),
                                      key=analysis.responsible_key),
                "sources": zip_sources(r), "_parent": r["parent_id"], "_process": r["process_id"],
            }
        order = lambda x: (x["order"] if x["order"] is not None else 999, x["starts"] or "9999", x["name"])
        clean = lambda s: {k: v for k, v in s.items() if not k.startswith("_")}
        out = []
        for pid in sorted(k for k, v in steps.items() if v["kind"] == "Process"):
            proc = clean(steps[pid])
            phases = []
            for s in steps.values():
                if s["kind"] == "Phase" and s["_parent"] == pid:
                    row = clean(s)
                    row["milestones"] = sorted((clean(m) for m in steps.values() if m["kind"] == "Milestone" and m["_parent"] == s["id"]), key=order)
                    phases.append(row)
            proc["phases"] = sorted(phases, key=order)
            proc["milestones"] = sorted((clean(m) for m in steps.values() if m["kind"] == "Milestone" and m["_parent"] == pid), key=order)
            out.append(proc)
        return out

    def gaps(self) -> list[dict]:
        return [{"id": r["id"], "name": r["name"], "gap_type": r["gap_type"], "description": r["description"],
                 "concerns": sorted(r["concerns"], key=lambda c: c["id"]), "sources": zip_sources(r)}
                for r in run_query("gaps", graph=self.graph)]

    def snapshot(self, as_of: str | None = None) -> analysis.Snapshot:
        """A networkx snapshot built from the database (not from the YAML model)."""
        import networkx as nx

        a = Asker(self.graph, as_of or self.as_of, self.source, self.inferred)
        g = nx.MultiDiGraph()
        for r in a.q("snapshot_nodes"):
            p = dict(r["properties"])
            g.add_node(r["id"], **p, kind=r["kind"])
        for r in a.q("snapshot_relationships"):
            if r["start"] in g and r["end"] in g:
                p = dict(r["properties"])
                g.add_edge(r["start"], r["end"], key=p.get("id"), type=r["type"], **p)
        return analysis.Snapshot(g=g, as_of=a.as_of, source=self.source, include_inferred=self.inferred)

    def rules(self) -> list[dict]:
        rules = run_query("rules", graph=self.graph)
        snaps: dict[str, analysis.Snapshot] = {}
        out = []
        for r in rules:
            sources = zip_sources(r)
            if self.source and not any(s.get("document") == self.source for s in sources):
                continue
            chk = json.loads(r["check"]) if r["check"] else None
            if not chk:
                status, detail, at = "not_checkable", "stated in the text; no machine check", None
            else:
                at = chk.get("at") or self.as_of
                if at not in snaps:
                    snaps[at] = self.snapshot(at)
                status, detail = analysis._check(snaps[at], chk)
            out.append({"id": r["id"], "name": r["name"], "description": r["description"], "status": status,
                        "at": at, "detail": detail, "applies_to": r["applies_to"], "sources": sources})
        order = {"violated": 0, "unknowable": 1, "satisfied": 2, "not_in_force": 3, "not_checkable": 4}
        return sorted(out, key=lambda x: (order[x["status"]], x["id"]))

    def links(self, a: str, b: str, max_hops: int = 5, limit: int = 10000) -> dict:
        """Bidirectional breadth-first expansion in the database (one-hop named queries), then the
        simple paths on that subgraph. Expanding A to ceil(L/2) and B to floor(L/2) steps finds every
        edge of every path of at most L hops: an edge at position i < ceil(L/2) leaves a node A
        expanded; any later edge enters a node B expanded.

        For speed: both ends expand in one query per round; when B's expansion is complete before
        A's last round (L odd), that round keeps only neighbours within floor(L/2) of B (the edge at
        position ceil(L/2) - 1 of a path enters such a node: the rest of the path is B's); and the
        paths are enumerated depth-first, pruned by the distance to B."""
        max_hops = int(max_hops)
        if not 1 <= max_hops <= 8:
            raise ConfigError(f"--max-hops {max_hops}: choose 1 to 8.")
        names, kinds = {}, {}
        for end in (a, b):
            node = self._node(end)
            names[end], kinds[end] = node["name"], node["kind"]
        if a == b:
            return {"a": a, "b": b, "max_hops": max_hops, "brokers": [], "paths": [], "path_ids": []}
        adj: dict[str, set[str]] = {a: set(), b: set()}
        sides = [{"start": start, "radius": radius, "seen": {start}, "frontier": {start}}
                 for start, radius in ((a, (max_hops + 1) // 2), (b, max_hops // 2))
                 if kinds[start] in analysis.NETWORK_KINDS]
        side_b = next((s for s in sides if s["start"] == b), None)
        for step in range(max((s["radius"] for s in sides), default=0)):
            active = [s for s in sides if step < s["radius"] and s["frontier"]]
            if not active:
                break
            # B already complete and this is A's last round: only neighbours B has seen can go on
            near_b = side_b["seen"] if side_b is not None and side_b not in active and \
                step == active[0]["radius"] - 1 else None
            ids = set().union(*(s["frontier"] for s in active))
            found: dict[str, set[str]] = {}
            for r in self.q("network_neighbours", **_ids_by_kind(ids, kinds)):
                x, mine = r["a"], found.setdefault(r["a"], set())
                for y, name, kind in r["neighbours"]:
                    if near_b is not None and y not in near_b:
                        continue
                    mine.add(y)
                    adj.setdefault(x, set()).add(y)
                    adj.setdefault(y, set()).add(x)
                    names[y], kinds[y] = name, kind
            for s in active:
                nxt = {y for x in s["frontier"] for y in found.get(x, ()) if y not in s["seen"]}
                s["seen"] |= nxt
                s["frontier"] = nxt
        paths = sorted(_simple_paths(adj, a, b, max_hops), key=lambda p: (len(p), p))[:limit]
        through = Counter(x for p in paths for x in p[1:-1])
        brokers = [{"id": n, "name": names[n], "kind": kinds[n], "paths": c}
                   for n, c in sorted(through.items(), key=lambda kv: (-kv[1], names[kv[0]], kv[0]))]
        return {"a": a, "b": b, "max_hops": max_hops, "brokers": brokers,
                "paths": [[names[x] for x in p] for p in paths], "path_ids": paths}

    # ---- helpers
    def _node(self, node_id: str) -> dict:
        rows = run_query("node_name", graph=self.graph, id=node_id) or run_query("node_name_any", graph=self.graph, id=node_id)
        if not rows:
            raise ConfigError(f"no node with id '{node_id}' in the database; load the model first (sundhedsgraf load).")
        return rows[0]

    def _name(self, node_id: str) -> str:
        return self._node(node_id)["name"]

    def _kind(self, node_id: str) -> str:
        return self._node(node_id)["kind"]


def ask(name: str, graph=None, as_of: str | None = None, source: str | None = None, inferred: bool = False, **args: Any):
    """Run a named question: ``ask("represented", municipality="kommune-viborg", as_of="2024-01-01")``."""
    asker = Asker(graph, as_of, source, inferred)
    fn = getattr(asker, name, None)
    if name.startswith("_") or fn is None or name in ("q", "snapshot"):
        raise ConfigError(f"unknown question '{name}'.")
    return fn(**args)
