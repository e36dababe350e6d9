"""Row shaping: from what a path fetched to the answer, the same for the database and the oracle.

The database path (:mod:`sundhedsgraf.questions.database`, Cypher) and the oracle
(:mod:`sundhedsgraf.analysis`, networkx) fetch independently; each hands its facts to the function
of the question's name here, which groups, merges, ranks and orders them into the answer. Nothing
here reads a graph: every function is pure, so a shaping bug shows in both paths alike and the
oracle test compares only the fetches.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..sources import Source, dedupe

NETWORK_KINDS = ("Forum", "Office", "Municipality", "Region", "Organisation")
CHAIR_ROLES = ("formand", "medformand")
ROLE_ORDER = {"formand": 0, "medformand": 1, "næstformand": 2}
RULE_STATUS_ORDER = {"violated": 0, "unknowable": 1, "satisfied": 2, "not_in_force": 3, "not_checkable": 4}

Row = dict[str, Any]


def _sources_key(sources: list) -> str:
    return json.dumps(sources, sort_keys=True, ensure_ascii=False)


def confidence(confidences: Iterable[str | None]) -> str:
    """A row that rests on any inferred fact is inferred."""
    return "inferred" if "inferred" in set(confidences) else "stated"


# --------------------------------------------------------------------------------------------
# represented (and matrix, meetings, unrepresented, which count its rows)


def represented_row(
    *,
    forum: str,
    forum_id: str,
    role: str,
    via: str,
    via_id: str,
    via_kind: str,
    direct: bool,
    path: list[str],
    path_ids: list[str],
    confidences: Iterable[str | None],
    disputed: bool,
    sources: Iterable[Source],
) -> Row:
    """One seat of a municipality, reached through ``path`` (municipality, office?, forum, forum?)."""
    return {
        "forum": forum,
        "forum_id": forum_id,
        "role": role,
        "via": via,
        "via_id": via_id,
        "via_kind": via_kind,
        "direct": direct,
        "path": list(path),
        "path_ids": list(path_ids),
        "confidence": confidence(confidences),
        "disputed": bool(disputed),
        "sources": dedupe(sources),
    }


def represented(rows: Iterable[Row]) -> list[Row]:
    """One row per (forum, role, via, direct): the same seat stated by several documents or reached
    by several paths keeps the shortest path (a stated one before an inferred one) and all sources."""
    ordered = sorted(
        rows,
        key=lambda r: (
            not r["direct"],
            r["forum_id"],
            r["role"],
            r["via_id"],
            len(r["path_ids"]),
            r["path_ids"],
        ),
    )
    grouped: dict[tuple, Row] = {}
    for r in ordered:
        key = (r["forum_id"], r["role"], r["via_id"], r["direct"])
        if key not in grouped:
            grouped[key] = dict(r)
            continue
        g = grouped[key]
        g["sources"] = dedupe(g["sources"] + r["sources"])
        g["disputed"] = g["disputed"] or r["disputed"]
        if g["confidence"] == "inferred" and r["confidence"] == "stated":
            g.update({k: r[k] for k in ("path", "path_ids", "confidence")})
    return sorted(grouped.values(), key=lambda r: (not r["direct"], r["forum"], r["role"], r["via"]))


def matrix(region: str, region_id: str, municipalities: list[Row], seats: Mapping[str, list[Row]]) -> dict:
    """Municipality x forum: direct seats (and indirect ones) of each municipality in each forum;
    ``seats`` holds each municipality's :func:`represented` rows."""
    cells: Counter = Counter()
    indirect: Counter = Counter()
    names: dict[str, str] = {}
    for m in municipalities:
        for r in seats.get(m["id"], ()):
            (cells if r["direct"] else indirect)[(m["id"], r["forum_id"])] += 1
            names[r["forum_id"]] = r["forum"]
    fora = sorted({f for (_, f) in list(cells) + list(indirect)}, key=lambda f: names[f])
    out = [
        {
            "municipality": m["name"],
            "municipality_id": m["id"],
            "forum": names[f],
            "forum_id": f,
            "seats": cells[(m["id"], f)],
            "indirect": indirect[(m["id"], f)],
        }
        for m in municipalities
        for f in fora
        if cells[(m["id"], f)] or indirect[(m["id"], f)]
    ]
    return {
        "region": region,
        "region_id": region_id,
        "municipalities": [{"id": m["id"], "name": m["name"]} for m in municipalities],
        "fora": [{"id": f, "name": names[f]} for f in fora],
        "cells": out,
    }


def meetings(name: str, node_id: str, kind: str, seats: Iterable[Row]) -> dict:
    """The fora a municipality's offices (or one office) sit in, with their cadence; ``seats`` are
    rows with forum, forum_id, via, via_id, role and the forum's meetings_per_year(_max), meetings_note."""
    by_forum: dict[str, Row] = {}
    for s in seats:
        row = by_forum.setdefault(
            s["forum_id"],
            {
                "forum": s["forum"],
                "forum_id": s["forum_id"],
                "meetings_per_year": s["meetings_per_year"],
                "meetings_per_year_max": s["meetings_per_year_max"],
                "meetings_note": s["meetings_note"],
                "seats": [],
            },
        )
        row["seats"].append({"via": s["via"], "via_id": s["via_id"], "role": s["role"]})
    fora = sorted(by_forum.values(), key=lambda r: r["forum"])
    for r in fora:
        r["seats"] = sorted(r["seats"], key=lambda x: (x["via"], x["role"]))
    known = [r["meetings_per_year"] for r in fora if r["meetings_per_year"] is not None]
    return {
        "name": name,
        "id": node_id,
        "kind": kind,
        "fora": fora,
        "total_meetings_per_year": sum(known),
        "fora_with_unknown_cadence": len(fora) - len(known),
    }


def unrepresented(
    fora: Iterable[Row], municipalities: list[Row], seats: Mapping[str, list[Row]], limit: int = 5
) -> dict:
    """Fora where no municipality is represented, and the municipalities with the fewest direct seats
    (all tied with the ``limit``-th); ``seats`` holds each municipality's :func:`represented` rows."""
    represented_in: dict[str, set] = defaultdict(set)
    count: Counter = Counter()
    for m in municipalities:
        for r in seats.get(m["id"], ()):
            represented_in[r["forum_id"]].add(m["id"])
            if r["direct"]:
                count[m["id"]] += 1
    without = [
        {"forum": f["forum"], "forum_id": f["forum_id"], "forum_type": f["forum_type"]}
        for f in fora
        if not represented_in.get(f["forum_id"])
    ]
    ranked = sorted(
        (
            {"municipality": m["name"], "municipality_id": m["id"], "seats": count[m["id"]]}
            for m in municipalities
        ),
        key=lambda r: (r["seats"], r["municipality"]),
    )
    cut = ranked[limit - 1]["seats"] if len(ranked) >= limit else None
    return {
        "fora_without_municipal_representation": sorted(without, key=lambda r: r["forum"]),
        "municipalities_with_fewest_seats": [r for r in ranked if cut is None or r["seats"] <= cut],
    }


# --------------------------------------------------------------------------------------------
# members, chain, appointments


def member_row(
    *,
    member: str,
    member_id: str,
    kind: str,
    role: str,
    office: str | None,
    municipality: str | None,
    municipality_id: str | None,
    on_behalf_of: str | None,
    seats: int | None,
    holder_known: bool | None,
    confidence: str | None,
    disputed: bool | None,
    sources: Iterable[Source],
) -> Row:
    return {
        "member": member,
        "member_id": member_id,
        "kind": kind,
        "role": role,
        "office": office,
        "municipality": municipality,
        "municipality_id": municipality_id,
        "on_behalf_of": on_behalf_of,
        "seats": 1 if seats is None else seats,
        "holder_known": True if holder_known is None else holder_known,
        "confidence": confidence or "stated",
        "disputed": bool(disputed),
        "sources": dedupe(sources),
    }


def members(forum: str, forum_id: str, rows: Iterable[Row]) -> dict:
    """One row per (member, role), merged over the documents that state it, chairs first."""
    out: dict[tuple, Row] = {}

    def total(r: Row) -> tuple:
        return (
            r["member_id"],
            r["role"],
            r["on_behalf_of"] or "",
            r["municipality_id"] or "",
            r["seats"],
            r["confidence"],
            _sources_key(r["sources"]),
        )

    for r in sorted(rows, key=total):  # a total order: merging does not depend on the fetch's order
        key = (r["member_id"], r["role"])
        if key in out:
            o = out[key]
            o["sources"] = dedupe(o["sources"] + r["sources"])
            o["disputed"] = o["disputed"] or r["disputed"]
            o["seats"] = max(o["seats"], r["seats"])
            if r["confidence"] == "stated":
                o["confidence"] = "stated"
        else:
            out[key] = dict(r)
    merged = sorted(out.values(), key=lambda r: (ROLE_ORDER.get(r["role"], 3), r["member"]))
    return {
        "forum": forum,
        "forum_id": forum_id,
        "members": merged,
        "chairs": [r for r in merged if r["role"] in CHAIR_ROLES],
    }


def shortest_paths(candidates: Iterable[Row]) -> list[Row]:
    """Per target, the shortest candidate path, the smallest by ids among equals; parallel
    relationships along it add their relation types and sources. A candidate carries id, name,
    kind, depth, path, path_ids, types (one set of relation types per step) and sources."""
    best: dict[str, Row] = {}
    for c in candidates:
        old = best.get(c["id"])
        rank = (c["depth"], c["path_ids"])
        if old is None or rank < (old["depth"], old["path_ids"]):
            best[c["id"]] = {**c, "types": [set(t) for t in c["types"]], "sources": list(c["sources"])}
        elif rank == (old["depth"], old["path_ids"]):
            old["sources"] += c["sources"]
            old["types"] = [a | set(b) for a, b in zip(old["types"], c["types"], strict=True)]  # same path
    out = [
        {
            **{k: v[k] for k in ("id", "name", "kind", "depth", "path", "path_ids")},
            "relations": ["|".join(sorted(t)) for t in v["types"]],
            "sources": dedupe(v["sources"]),
        }
        for v in best.values()
    ]
    return sorted(out, key=lambda x: (x["depth"], x["name"], x["id"]))


def chain(forum: str, forum_id: str, up: Iterable[Row], down: Iterable[Row]) -> dict:
    """What the forum reports to (or prepares cases for), transitively, and what reports to it."""
    return {
        "forum": forum,
        "forum_id": forum_id,
        "reports_to": shortest_paths(up),
        "reported_by": shortest_paths(down),
    }


def appointment_row(
    *,
    appointer: str,
    appointer_id: str,
    appointee: str,
    appointee_id: str,
    for_forum: str | None,
    for_forum_id: str | None,
    role: str | None,
    sources: Iterable[Source],
) -> Row:
    return {
        "appointer": appointer,
        "appointer_id": appointer_id,
        "appointee": appointee,
        "appointee_id": appointee_id,
        "for_forum": for_forum,
        "for_forum_id": for_forum_id,
        "role": role,
        "sources": dedupe(sources),
    }


def appointments(body: str, body_id: str, appoints: Iterable[Row], appointed_by: Iterable[Row]) -> dict:
    def key(r: Row) -> tuple:
        return (
            r["appointer"],
            r["appointer_id"],
            r["appointee"],
            r["appointee_id"],
            r["for_forum"] or "",
            r["role"] or "",
            _sources_key(r["sources"]),
        )

    return {
        "body": body,
        "body_id": body_id,
        "appoints": sorted(appoints, key=key),
        "appointed_by": sorted(appointed_by, key=key),
    }


# --------------------------------------------------------------------------------------------
# interlocks, links


def interlocks(fora: Mapping[str, tuple[str, Mapping[str, str], Mapping[str, str]]]) -> list[Row]:
    """Pairs of fora sharing members or (directly represented) municipalities; ``fora`` maps a forum
    id to (its name, its members {id: name}, its municipalities {id: name})."""
    ids = sorted(fora)
    rows = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            sm = set(fora[a][1]) & set(fora[b][1])
            su = set(fora[a][2]) & set(fora[b][2])
            if not sm and not su:
                continue
            names = {**fora[a][1], **fora[a][2]}
            rows.append(
                {
                    "forum_a": fora[a][0],
                    "forum_a_id": a,
                    "forum_b": fora[b][0],
                    "forum_b_id": b,
                    "shared_members": sorted(names[x] for x in sm),
                    "shared_member_ids": sorted(sm),
                    "shared_municipalities": sorted(names[x] for x in su),
                    "shared_municipality_ids": sorted(su),
                    "n_members": len(sm),
                    "n_municipalities": len(su),
                }
            )
    return sorted(
        rows, key=lambda r: (-(r["n_members"] + r["n_municipalities"]), r["forum_a_id"], r["forum_b_id"])
    )


def links(
    a: str,
    b: str,
    max_hops: int,
    paths: Iterable[list[str]],
    names: Mapping[str, str],
    kinds: Mapping[str, str],
    limit: int = 10000,
) -> dict:
    """The brokers on the simple paths between A and B, ranked by how many paths pass through them."""
    ordered = sorted(paths, key=lambda p: (len(p), p))[:limit]
    through: Counter = Counter(x for p in ordered for x in p[1:-1])
    brokers = [
        {"id": n, "name": names[n], "kind": kinds[n], "paths": c}
        for n, c in sorted(through.items(), key=lambda kv: (-kv[1], names[kv[0]], kv[0]))
    ]
    return {
        "a": a,
        "b": b,
        "max_hops": max_hops,
        "brokers": brokers,
        "paths": [[names[x] for x in p] for p in ordered],
        "path_ids": ordered,
    }


# --------------------------------------------------------------------------------------------
# changes, timeline, gaps


@dataclass
class Moment:
    """What holds on one date: fora {id: row with forum, status}, seats {(member, forum, role): row},
    reporting lines {(from, to): row}."""

    fora: dict[str, Row] = field(default_factory=dict)
    seats: dict[tuple, Row] = field(default_factory=dict)
    lines: dict[tuple, Row] = field(default_factory=dict)


def seat_row(member: str, member_id: str, forum: str, forum_id: str, role: str) -> Row:
    return {"member": member, "member_id": member_id, "forum": forum, "forum_id": forum_id, "role": role}


def line_row(from_name: str, from_id: str, to_name: str, to_id: str) -> Row:
    return {"from": from_name, "from_id": from_id, "to": to_name, "to_id": to_id}


def changes(date_from: str, date_to: str, region: str | None, a: Moment, b: Moment) -> dict:
    def fora_rows(m: Moment, ids: Iterable[str]) -> list[Row]:
        return sorted(
            ({"forum": m.fora[f]["forum"], "forum_id": f, "status": m.fora[f]["status"]} for f in ids),
            key=lambda r: r["forum"],
        )

    changed = []
    for f in sorted(set(a.fora) & set(b.fora)):
        ma = {k for k in a.seats if k[1] == f}
        mb = {k for k in b.seats if k[1] == f}
        if ma != mb:
            changed.append(
                {
                    "forum": a.fora[f]["forum"],
                    "forum_id": f,
                    "seats_added": len(mb - ma),
                    "seats_removed": len(ma - mb),
                }
            )

    def key_s(r: Row) -> tuple:
        return (r["forum"], r["role"], r["member"])

    def key_l(r: Row) -> tuple:
        return (r["from"], r["to"])

    return {
        "from": date_from,
        "to": date_to,
        "region": region,
        "fora": {
            "appeared": fora_rows(b, set(b.fora) - set(a.fora)),
            "disappeared": fora_rows(a, set(a.fora) - set(b.fora)),
            "changed": sorted(changed, key=lambda r: r["forum"]),
        },
        "seats": {
            "appeared": sorted((b.seats[k] for k in set(b.seats) - set(a.seats)), key=key_s),
            "disappeared": sorted((a.seats[k] for k in set(a.seats) - set(b.seats)), key=key_s),
        },
        "reporting_lines": {
            "appeared": sorted((b.lines[k] for k in set(b.lines) - set(a.lines)), key=key_l),
            "disappeared": sorted((a.lines[k] for k in set(a.lines) - set(b.lines)), key=key_l),
        },
    }


def step_row(
    *,
    name: str,
    node_id: str,
    kind: str,
    props: Mapping[str, Any],
    responsible: Iterable[Row],
    sources: Iterable[Source],
    parent: str | None,
) -> Row:
    """A process, phase or milestone; ``parent`` is the process or phase it is PART_OF."""

    def key(x: Row) -> tuple:
        return (x["name"], x["id"], x["task"] or "", _sources_key(x["sources"]))

    return {
        "name": name,
        "id": node_id,
        "kind": kind,
        "order": props.get("order"),
        "when_text": props.get("when_text"),
        "starts": props.get("starts"),
        "ends": props.get("ends"),
        "precision": props.get("precision"),
        "deadline": bool(props.get("deadline")),
        "deliverable": props.get("deliverable"),
        "status": props.get("status"),
        "responsible": sorted(({**x, "sources": dedupe(x["sources"])} for x in responsible), key=key),
        "sources": dedupe(sources),
        "_parent": parent,
    }


def timeline(steps: Iterable[Row]) -> list[Row]:
    """Processes with their phases and milestones in order (``steps`` from :func:`step_row`)."""
    all_steps = list(steps)

    def order(x: Row) -> tuple:
        return (x["order"] if x["order"] is not None else 999, x["starts"] or "9999", x["name"])

    def clean(s: Row) -> Row:
        return {k: v for k, v in s.items() if k != "_parent"}

    children = defaultdict(list)
    for s in all_steps:
        children[s["_parent"]].append(s)
    out = []
    for proc in sorted((s for s in all_steps if s["kind"] == "Process"), key=lambda s: s["id"]):
        row = clean(proc)
        phases = []
        for ph in children[proc["id"]]:
            if ph["kind"] == "Phase":
                p = clean(ph)
                p["milestones"] = sorted(
                    (clean(m) for m in children[ph["id"]] if m["kind"] == "Milestone"), key=order
                )
                phases.append(p)
        row["phases"] = sorted(phases, key=order)
        row["milestones"] = sorted(
            (clean(m) for m in children[proc["id"]] if m["kind"] == "Milestone"), key=order
        )
        out.append(row)
    return out


def gaps(rows: Iterable[Row]) -> list[Row]:
    """Each gap or contradiction with what it concerns (rows: id, name, gap_type, description, concerns, sources)."""
    return sorted(
        (
            {**r, "concerns": sorted(r["concerns"], key=lambda c: c["id"]), "sources": dedupe(r["sources"])}
            for r in rows
        ),
        key=lambda r: r["id"],
    )


# --------------------------------------------------------------------------------------------
# rules: each machine check runs on the facts in force on its date

RULE_KINDS = (
    "composition",
    "seats_per_body",
    "one_per_body",
    "same_municipality",
    "same_members",
    "group_sizes",
)


MIN_DATE, MAX_DATE = "0001-01-01", "9999-12-31"


def in_force(props: Mapping[str, Any], as_of: str) -> bool:
    """valid_from <= as_of <= valid_to, inclusive; an absent date is open (the Cypher filter's
    ``@in_force`` on facts already fetched)."""
    return (props.get("valid_from") or MIN_DATE) <= as_of <= (props.get("valid_to") or MAX_DATE)


_VALIDITY = ("valid_from", "valid_to")


def facts_on(
    as_of: str,
    nodes: Iterable[Mapping[str, Any]],
    member_of: Iterable[Mapping[str, Any]],
    holds: Iterable[Mapping[str, Any]],
) -> Facts:
    """The :class:`Facts` in force on ``as_of`` out of rows of every period (each with ``id`` or
    ``start``/``end``, its validity and its properties; absent properties as None)."""
    live = [x for x in nodes if in_force(x, as_of)]
    return Facts(
        as_of,
        {n["id"]: {k: v for k, v in n.items() if v is not None and k not in _VALIDITY} for n in live},
        [
            (
                m["start"],
                m["end"],
                {k: v for k, v in m.items() if v is not None and k not in ("start", "end", *_VALIDITY)},
            )
            for m in member_of
            if in_force(m, as_of)
        ],
        [(h["start"], h["end"]) for h in holds if in_force(h, as_of)],
    )


class Facts:
    """The facts a rule check reads on one date: the nodes in force ({id: {"kind", props…}}), the
    MEMBER_OF relationships (start, end, props) and the HOLDS_OFFICE_IN pairs (office, municipality).
    Both paths build one from what they fetched."""

    def __init__(
        self,
        as_of: str,
        nodes: Mapping[str, Mapping[str, Any]],
        member_of: Iterable[tuple[str, str, Mapping[str, Any]]],
        holds: Iterable[tuple[str, str]],
    ):
        self.as_of = as_of
        self.nodes = nodes
        self._in: dict[str, list[tuple[str, Mapping[str, Any]]]] = defaultdict(list)
        for s, e, p in member_of:
            if s in nodes and e in nodes:
                self._in[e].append((s, p))
        self._muni: dict[str, str] = {}
        for o, m in sorted(holds):
            if o in nodes and m in nodes and nodes[m]["kind"] == "Municipality":
                self._muni.setdefault(o, m)

    def __contains__(self, node: object) -> bool:
        return node in self.nodes

    def kind(self, node: str) -> str:
        return self.nodes[node]["kind"]

    def members(self, forum: str) -> list[tuple[str, Mapping[str, Any]]]:
        return self._in.get(forum, [])

    def municipality_of(self, node: str) -> str | None:
        return node if self.kind(node) == "Municipality" else self._muni.get(node)

    def holder_known(self, node: str) -> bool:
        return self.nodes[node].get("holder_known", True) is not False

    def municipalities_of_region(self, region: str) -> set[str]:
        return {n for n, d in self.nodes.items() if d["kind"] == "Municipality" and d.get("region") == region}


def _expected_munis(f: Facts, spec) -> set[str]:
    if isinstance(spec, str):
        return f.municipalities_of_region(spec) if spec in f and f.kind(spec) == "Region" else {spec}
    return set(spec or [])


def check_rule(f: Facts, chk: Mapping[str, Any]) -> tuple[str, str]:
    """(status, detail) of one machine check on the facts of its date."""
    kind = chk["kind"]
    forum = chk.get("forum")  # required by the kinds that count a forum's members (schema.CHECK_KINDS)
    if forum is not None and forum not in f:
        return "not_in_force", f"{forum} is not in force on {f.as_of}"
    if kind == "composition":
        problems, unknown = [], []
        edges = f.members(chk["forum"])
        for exp in chk.get("expect", []):
            match = [
                (m, d)
                for m, d in edges
                if ("member" not in exp or m == exp["member"])
                and ("role" not in exp or d.get("role") == exp["role"])
                and ("office_type" not in exp or f.nodes[m].get("office_type") == exp["office_type"])
            ]
            label = ", ".join(f"{k}={v}" for k, v in exp.items() if k not in ("municipalities", "exact"))
            if "seats" in exp:
                got = sum(d.get("seats", 1) for _, d in match)
                if got != exp["seats"]:
                    problems.append(f"{label}: {got} seats, expected {exp['seats']}")
            if "municipalities" in exp:
                want = _expected_munis(f, exp["municipalities"])
                got_m = {f.municipality_of(m) or d.get("on_behalf_of") for m, d in match}
                if got_m != want:
                    problems.append(
                        f"{label}: municipalities differ (missing {sorted(want - got_m)}, extra {sorted(got_m - want, key=str)})"
                    )
            unknown += [m for m, _ in match if not f.holder_known(m)]
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
            got = sum(
                d.get("seats", 1) for m, d in f.members(chk["forum"]) if m == b or d.get("on_behalf_of") == b
            )
            if got != chk["seats"]:
                bad.append(f"{b}: {got}")
        return (
            ("violated", "seats per body differ: " + ", ".join(bad))
            if bad
            else ("satisfied", f"{len(chk['bodies'])} bodies with {chk['seats']} seats each")
        )
    if kind == "one_per_body":
        bad, unknown = [], []
        for b in chk["bodies"]:
            ms = [m for m, d in f.members(chk["forum"]) if m == b or d.get("on_behalf_of") == b]
            if len(ms) != 1:
                bad.append(f"{b}: {len(ms)} members")
                continue
            muni = f.municipality_of(ms[0]) if f.holder_known(ms[0]) else None
            if muni is None:
                unknown.append(ms[0])
            elif b in f and muni not in {x for x, _ in f.members(b)}:
                bad.append(f"{b}: {muni} is not in {b}")
        if bad:
            return "violated", "; ".join(bad)
        if unknown:
            return (
                "unknowable",
                f"one member per body, but which municipality holds these seats is unknown: {', '.join(unknown)}",
            )
        return "satisfied", f"one member from each of {len(chk['bodies'])} bodies"
    if kind == "same_municipality":
        sides = []
        for side in (chk["a"], chk["b"]):
            if "member" in side:
                holders = [side["member"]] if side["member"] in f else []
            else:
                if side["forum"] not in f:
                    return "not_in_force", f"{side['forum']} is not in force on {f.as_of}"
                holders = sorted(m for m, d in f.members(side["forum"]) if d.get("role") == side["role"])
            sides.append((holders, {f.municipality_of(h) if f.holder_known(h) else None for h in holders}))
        if not sides[0][0] or not sides[1][0]:
            return "unknowable", "a seat the rule compares has no holder in the facts"
        if None in sides[0][1] | sides[1][1]:
            unknown = [
                h
                for holders, _ in sides
                for h in holders
                if not f.holder_known(h) or f.municipality_of(h) is None
            ]
            return "unknowable", f"holder unknown: {', '.join(sorted(set(unknown)))}"
        munis_a, munis_b = ({m for m in ms if m is not None} for _, ms in sides)  # None ruled out above
        if munis_a == munis_b:
            return "satisfied", f"both from {', '.join(sorted(munis_a))}"
        return "violated", f"{sorted(munis_a)} vs {sorted(munis_b)}"
    if kind == "same_members":
        a, b = chk["a"], chk["b"]
        for x in (a, b):
            if x not in f:
                return "not_in_force", f"{x} is not in force on {f.as_of}"
        ma = {(m, d.get("role")) for m, d in f.members(a)}
        mb = {(m, d.get("role")) for m, d in f.members(b)}
        if ma == mb:
            return "satisfied", f"the same {len(ma)} members"
        return "violated", f"only in {a}: {sorted(ma - mb)}; only in {b}: {sorted(mb - ma)}"
    if kind == "group_sizes":
        sizes = {
            b: sum(1 for m, _ in f.members(b) if f.kind(m) == "Municipality") if b in f else 0
            for b in chk["bodies"]
        }
        bad = [f"{b}: {n}" for b, n in sizes.items() if not chk.get("min", 0) <= n <= chk.get("max", 10**9)]
        total = sum(sizes.values())
        if "total" in chk and total != chk["total"]:
            bad.append(f"total {total}, expected {chk['total']}")
        return (
            ("violated", "; ".join(bad))
            if bad
            else ("satisfied", ", ".join(f"{b}: {n}" for b, n in sizes.items()))
        )
    raise ValueError(f"unknown rule check kind {kind!r}")


def rule_dates(rules: Iterable[Mapping[str, Any]], as_of: str) -> list[str]:
    """The dates the checks of ``rules`` are checked on (a check's own ``at``, else ``as_of``)."""
    return sorted({(r["check"].get("at") or as_of) for r in rules if r.get("check")})


def rules(
    rules: Iterable[Mapping[str, Any]], facts: Mapping[str, Facts], as_of: str, source: str | None
) -> list[Row]:
    """Every stated rule with its quotes; those with a machine check are satisfied, violated,
    unknowable (a seat's holder is unknown) or not_in_force on their date; the rest are text only.
    ``rules`` carry id, name, description, applies_to, sources and check (a dict or None); ``facts``
    holds the :class:`Facts` of each of :func:`rule_dates`."""
    out = []
    for r in rules:
        sources = dedupe(r["sources"])
        if source and not any(s.get("document") == source for s in sources):
            continue
        chk = r.get("check")
        if not chk:
            status, detail, at = "not_checkable", "stated in the text; no machine check", None
        else:
            at = chk.get("at") or as_of
            status, detail = check_rule(facts[at], chk)
        out.append(
            {
                "id": r["id"],
                "name": r["name"],
                "description": r["description"],
                "status": status,
                "at": at,
                "detail": detail,
                "applies_to": r["applies_to"],
                "sources": sources,
            }
        )
    return sorted(out, key=lambda x: (RULE_STATUS_ORDER[x["status"]], x["id"]))


# --------------------------------------------------------------------------------------------
# search


def search(text: str, hits: Iterable[Row], limit: int = 50) -> dict:
    """Nodes and relationships whose name, alias or a source quote contains the folded search text;
    ``hits`` carry kind ("node" or "relationship"), id, label/type, name, matched (which fields),
    and sources. Names before aliases before quotes, then by name."""
    rank = {"name": 0, "abbreviation": 0, "alias": 1, "quote": 2}
    rows = [
        {
            **h,
            "matched": sorted(set(h["matched"]), key=lambda m: rank.get(m, 3)),
            "sources": dedupe(h["sources"]),
        }
        for h in hits
    ]
    rows.sort(
        key=lambda r: (
            min(rank.get(m, 3) for m in r["matched"]),
            r["kind"] != "node",
            r["name"] or "",
            r["id"],
        )
    )
    return {
        "text": text,
        "count": len(rows),
        "nodes": [r for r in rows if r["kind"] == "node"][:limit],
        "relationships": [r for r in rows if r["kind"] == "relationship"][:limit],
    }
