"""The database path: each question's facts fetched with named Cypher through the official driver.

An :class:`Asker` holds one connection and one set of filters (the date, one source document,
inferred facts or not) and has one fetch per question, which runs the question's Cypher from
``cypher/questions/`` and hands the rows to :mod:`sundhedsgraf.questions.shaping`; the networkx
oracle (:mod:`sundhedsgraf.analysis`) fetches the same facts from the YAML model instead, and the
tests require both answers to be equal. Questions are run through the registry
(:func:`sundhedsgraf.questions.ask`), not by calling these methods directly.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from .. import sources as codec
from ..errors import ConfigError
from ..queries import get, run_query
from . import shaping

_MEETING_COLUMNS = shaping.CADENCE_KEYS
_NEIGHBOUR_PARAMS = {
    "Forum": "forums",
    "Office": "offices",
    "Municipality": "municipalities",
    "Region": "regions",
    "Organisation": "organisations",
}


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


class Asker:
    """The database fetch of every question, on one connection with one set of filters."""

    def __init__(
        self, graph=None, as_of: str | None = None, source: str | None = None, inferred: bool = False
    ):
        self.graph = graph
        self.as_of = as_of or _dt.date.today().isoformat()
        self.source = source
        self.inferred = bool(inferred)

    def at(self, as_of: str) -> Asker:
        return Asker(self.graph, as_of, self.source, self.inferred)

    def q(self, name: str, **params) -> list[dict]:
        """Run a named query with the filters it declares (as_of, source, inferred) and ``params``."""
        declared = {p.name for p in get(name).params}
        filters = {"as_of": self.as_of, "source": self.source, "inferred": self.inferred}
        return run_query(
            name, graph=self.graph, **{k: v for k, v in filters.items() if k in declared}, **params
        )

    # ---- represented and what counts its rows
    def represented(self, municipality: str) -> list[dict]:
        return shaping.represented(self._represented_rows(municipality))

    def _represented_rows(self, municipality: str, cadence: dict[str, dict] | None = None) -> list[dict]:
        """One row per seat, direct or indirect, with its path. The query returns one compact row
        per valid membership of a member, with the forum's own memberships in ``ups``, packed in
        one record per branch (the driver's cost is per record); they are expanded here. ``cadence``
        receives each forum's meetings per year."""
        rows = (row for rec in self.q("represented", municipality=municipality) for row in rec["rows"])
        return _expand_represented(rows, {} if cadence is None else cadence, self.as_of)

    def _seats_by_municipality(self, region: str | None) -> dict[str, list[dict]]:
        """Every municipality's represented rows (shaped), from one query for the whole region."""
        by = defaultdict(list)
        for rec in self.q("represented_in_region", region=region):
            for row in rec["rows"]:
                by[row["municipality_id"]].append(row)
        return {m: shaping.represented(_expand_represented(rows, {}, self.as_of)) for m, rows in by.items()}

    def _municipalities(self, region: str | None) -> list[dict]:
        return sorted(self.q("municipalities", region=region), key=lambda r: r["id"])

    def matrix(self, region: str) -> dict:
        return shaping.matrix(
            self._name(region), region, self._municipalities(region), self._seats_by_municipality(region)
        )

    def unrepresented(self, region: str | None = None, limit: int = 5) -> dict:
        return shaping.unrepresented(
            self.q("fora_at", region=region),
            self._municipalities(region),
            self._seats_by_municipality(region),
            limit,
        )

    def meetings(self, target: str) -> dict:
        node = self._node(target)
        if node["kind"] == "Municipality":
            cadence: dict[str, dict] = {}
            rows = self._represented_rows(target, cadence)
            seats = [{**cadence[r["forum_id"]], **r} for r in shaping.represented(rows) if r["direct"]]
        else:
            seats = self.q("office_meetings", office=target)
        return shaping.meetings(node["name"], target, node["kind"], seats, self.as_of)

    # ---- members, chain, appointments
    def members(self, forum: str) -> dict:
        rows = [
            shaping.member_row(
                member=r["member"],
                member_id=r["member_id"],
                kind=r["kind"],
                role=r["role"],
                office=r["office"],
                municipality=r["municipality"],
                municipality_id=r["municipality_id"],
                on_behalf_of=r["on_behalf_of"],
                seats=r["seats"],
                holder_known=r["holder_known"],
                confidence=r["confidence"],
                disputed=r["disputed"],
                sources=codec.from_row(r),
                seats_open=r["seats_open"],
                times=shaping.time_of(r),
                as_of=self.as_of,
            )
            for r in self.q("members", forum=forum)
        ]
        cadence = self.q("forum_cadence", forum=forum)
        return shaping.members(
            self._name(forum), forum, rows, shaping.cadence_on(cadence[0], self.as_of) if cadence else None
        )

    def chain(self, forum: str) -> dict:
        sides: dict[str, list[dict]] = {"up": [], "down": []}
        for r in self.q("chain", forum=forum):
            sides[r["direction"]].append(
                {
                    "id": r["id"],
                    "name": r["name"],
                    "kind": r["kind"],
                    "depth": r["depth"],
                    "path": r["path"],
                    "path_ids": r["path_ids"],
                    "types": [[t] for t in r["types"]],
                    "times": r["times"],
                    "sources": codec.from_row(r),
                }
            )
        others = [
            shaping.relation_row(
                rtype=r["type"],
                direction=r["direction"],
                other=r["name"],
                other_id=r["id"],
                other_kind=r["kind"],
                sources=codec.from_row(r),
                times=shaping.time_of(r),
                as_of=self.as_of,
            )
            for r in self.q("chain_relations", forum=forum, types=list(shaping.OTHER_RELATIONS))
        ]
        return shaping.chain(self._name(forum), forum, sides["up"], sides["down"], others, self.as_of)

    def appointments(self, body: str) -> dict:
        out: dict[str, list[dict]] = {"appoints": [], "appointed_by": []}
        for r in self.q("appointments", body=body):  # one row per APPOINTS relationship
            out[r["direction"]].append(
                shaping.appointment_row(
                    appointer=r["appointer"],
                    appointer_id=r["appointer_id"],
                    appointee=r["appointee"],
                    appointee_id=r["appointee_id"],
                    for_forum=r["for_forum"],
                    for_forum_id=r["for_forum_id"],
                    role=r["role"],
                    sources=codec.from_row(r),
                )
            )
        return shaping.appointments(self._name(body), body, out["appoints"], out["appointed_by"])

    # ---- interlocks, links
    def interlocks(self, region: str | None = None) -> list[dict]:
        return shaping.interlocks(
            {
                f["forum_id"]: (
                    f["forum"],
                    {m["id"]: m["name"] for m in f["members"]},
                    {m["id"]: m["name"] for m in f["municipalities"]},
                )
                for f in self.q("forum_members_at", region=region)
            }
        )

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
            return shaping.links(a, b, max_hops, [], names, kinds, limit)
        adj: dict[str, set[str]] = {a: set(), b: set()}
        sides: list[dict[str, Any]] = [
            {"start": start, "radius": radius, "seen": {start}, "frontier": {start}}
            for start, radius in ((a, (max_hops + 1) // 2), (b, max_hops // 2))
            if kinds[start] in shaping.NETWORK_KINDS
        ]
        side_b = next((s for s in sides if s["start"] == b), None)
        for step in range(max((s["radius"] for s in sides), default=0)):
            active = [s for s in sides if step < s["radius"] and s["frontier"]]
            if not active:
                break
            # B already complete and this is A's last round: only neighbours B has seen can go on
            near_b = (
                side_b["seen"]
                if side_b is not None and side_b not in active and step == active[0]["radius"] - 1
                else None
            )
            ids: set[str] = set().union(*(s["frontier"] for s in active))
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
        return shaping.links(a, b, max_hops, _simple_paths(adj, a, b, max_hops), names, kinds, limit)

    # ---- changes, timeline, gaps, rules, search
    def _moment(self, region: str | None, replaces: list) -> shaping.Moment:
        return shaping.Moment(
            fora={
                r["forum_id"]: shaping.forum_at_row(
                    r["forum"], r["forum_id"], r["status"], r, codec.from_row(r)
                )
                for r in self.q("fora_at", region=region)
            },
            seats={
                (r["member_id"], r["forum_id"], r["role"]): shaping.seat_row(
                    r["member"], r["member_id"], r["forum"], r["forum_id"], r["role"]
                )
                for r in self.q("seats_at", region=region)[0]["seats"]
            },
            lines={
                (r["from_id"], r["to_id"]): shaping.line_row(r["from"], r["from_id"], r["to"], r["to_id"])
                for r in self.q("reporting_lines_at", region=region)[0]["lines"]
            },
            replaces=replaces,
        )

    def changes(self, date_from: str, date_to: str, region: str | None = None) -> dict:
        replaces = [(r["new_id"], r["old_id"], codec.from_row(r)) for r in self.q("replacements")]
        return shaping.changes(
            date_from,
            date_to,
            region,
            self.at(date_from)._moment(region, replaces),
            self.at(date_to)._moment(region, replaces),
        )

    def timeline(self) -> list[dict]:
        return shaping.timeline(
            shaping.step_row(
                name=r["name"],
                node_id=r["id"],
                kind=r["kind"],
                props=r,
                parent=r["parent_id"],
                sources=codec.from_row(r),
                responsible=[
                    {
                        "name": x["name"],
                        "id": x["id"],
                        "kind": x["kind"],
                        "task": x["task"],
                        "sources": codec.from_row(x),
                    }
                    for x in r["responsible"]
                ],
            )
            for r in self.q("timeline")
        )

    def gaps(self) -> list[dict]:
        return shaping.gaps(
            {
                "id": r["id"],
                "name": r["name"],
                "gap_type": r["gap_type"],
                "description": r["description"],
                "concerns": r["concerns"],
                "sources": codec.from_row(r),
            }
            for r in self.q("gaps")
        )

    def facts(self, dates: list[str] | None = None) -> dict[str, shaping.Facts]:
        """What a rule check reads on each of ``dates`` (default: this Asker's date), from one query
        over every period."""
        rec = self.q("rule_facts")[0]
        return {
            d: shaping.facts_on(d, rec["nodes"], rec["member_of"], rec["holds"])
            for d in (dates or [self.as_of])
        }

    def rules(self) -> list[dict]:
        rules = [
            {
                "id": r["id"],
                "name": r["name"],
                "description": r["description"],
                "applies_to": r["applies_to"],
                "sources": codec.from_row(r),
                "check": json.loads(r["check"]) if r["check"] else None,
                "attested_dates": r["attested_dates"],
            }
            for r in self.q("rules")
        ]
        facts = self.facts(shaping.rule_dates(rules, self.as_of))
        return shaping.rules(rules, facts, self.as_of, self.source)

    def search(self, text: str, limit: int = 50) -> dict:
        from ..names import fold_words

        words = fold_words(text)
        if not words:
            raise ConfigError(
                f"ask search '{text}': nothing to search for; give a word, e.g. `sundhedsgraf ask search delingsaftaler`."
            )
        hits = []
        for r in self.q("full_text", words=words):
            sources = codec.from_row(r)
            if "quote" in r["matched"]:  # the passages that say it first
                sources = sorted(
                    sources, key=lambda s: not all(w in _cypher_fold(s.get("quote", "")) for w in words)
                )
            hits.append(
                {
                    "kind": r["kind"],
                    "id": r["id"],
                    "label": r["label"],
                    "name": r["name"],
                    "matched": r["matched"],
                    "confidence": r["confidence"],
                    "valid_from": r["valid_from"],
                    "valid_to": r["valid_to"],
                    "sources": sources,
                }
            )
        return shaping.search(text, hits, limit)

    def snapshot(self, as_of: str | None = None):
        """The facts valid on the date as a networkx snapshot read from the database (for maps and
        analysis in a notebook; the questions never use it)."""
        import networkx as nx

        from ..analysis import Snapshot

        a = self.at(as_of or self.as_of)
        g = nx.MultiDiGraph()
        for r in a.q("snapshot_nodes"):
            g.add_node(r["id"], **dict(r["properties"]), kind=r["kind"])
        for r in a.q("snapshot_relationships"):
            if r["start"] in g and r["end"] in g:
                p = dict(r["properties"])
                g.add_edge(r["start"], r["end"], key=p.get("id"), type=r["type"], **p)
        return Snapshot(g=g, as_of=a.as_of, source=self.source, include_inferred=self.inferred)

    # ---- names of the nodes an answer is about
    def _node(self, node_id: str) -> dict:
        rows = self.q("node_name", id=node_id) or self.q("node_name_any", id=node_id)
        if not rows:
            raise ConfigError(
                f"no node with id '{node_id}' in the database; load the model first (sundhedsgraf load)."
            )
        return rows[0]

    def _name(self, node_id: str) -> str:
        return self._node(node_id)["name"]


def _expand_represented(rows: Iterable[dict], cadence: dict[str, dict], as_of: str) -> list[dict]:
    """The packed rows of `represented` / `represented_in_region` as one row per seat, direct or
    indirect (through ``ups``), with its path; ``cadence`` receives each forum's meetings per year."""
    out = []
    for c in rows:
        cadence[c["forum_id"]] = {k: c[k] for k in _MEETING_COLUMNS}
        own = c["via_id"] == c["municipality_id"]
        base_ids = [c["municipality_id"]] if own else [c["municipality_id"], c["via_id"]]
        base = [c["municipality"]] if own else [c["municipality"], c["via"]]
        out.append(
            shaping.represented_row(
                forum=c["forum"],
                forum_id=c["forum_id"],
                role=c["role"],
                via=c["via"],
                via_id=c["via_id"],
                via_kind=c["via_kind"],
                direct=True,
                path=base + [c["forum"]],
                path_ids=base_ids + [c["forum_id"]],
                confidences=[c["confidence"]],
                disputed=c["disputed"],
                sources=codec.from_row(c),
                times=[shaping.time_of(c)],
                as_of=as_of,
            )
        )
        for u in c["ups"] or ():
            cadence[u["forum_id"]] = {k: u[k] for k in _MEETING_COLUMNS}
            out.append(
                shaping.represented_row(
                    forum=u["forum"],
                    forum_id=u["forum_id"],
                    role=u["role"],
                    via=c["forum"],
                    via_id=c["forum_id"],
                    via_kind=c["forum_kind"],
                    direct=False,
                    path=base + [c["forum"], u["forum"]],
                    path_ids=base_ids + [c["forum_id"], u["forum_id"]],
                    confidences=[c["confidence"], u["confidence"]],
                    disputed=bool(c["disputed"]) or bool(u["disputed"]),
                    sources=codec.from_row(c) + codec.from_row(u),
                    times=[shaping.time_of(c), shaping.time_of(u)],
                    as_of=as_of,
                )
            )
    return out


def _cypher_fold(text: str) -> str:
    """The folding search.cypher applies to the text it searches (lower case, å/æ/ø spelt out)."""
    return text.lower().replace("å", "aa").replace("æ", "ae").replace("ø", "oe")
