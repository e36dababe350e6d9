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


#: the properties of a fact that say how it stands on a date
TIME_KEYS = ("valid_from", "valid_to", "attested_from", "last_attested", "period_confidence", "confidence")
STANDING_ORDER = {"stated": 0, "last_attested": 1, "inferred": 2}


def standing(fact: Mapping[str, Any], as_of: str) -> tuple[str, str | None]:
    """How a fact in force on ``as_of`` stands then: ``("inferred", None)`` when it is inferred or in
    force only through a reasoned start; ``("stated", None)`` when a source puts it in force then
    (between its start and its last attestation, within a stated valid_to, or after a stated
    valid_from that lies beyond its sources' dates: a plan); else ``("last_attested", date)``: in
    force by the last word of its sources, ``date``, and its later status unknown."""
    vf, vt = fact.get("valid_from"), fact.get("valid_to")
    first, last = fact.get("attested_from"), fact.get("last_attested")
    reasoned = fact.get("period_confidence") == "inferred"
    if fact.get("confidence") == "inferred" or (reasoned and vf and (first is None or as_of < first)):
        return "inferred", None
    if last is None or as_of <= last:  # reference facts carry no document date: stated throughout
        return "stated", None
    if not reasoned and ((vt and as_of <= vt) or (vf and vf > last and not vt)):
        return "stated", None
    return "last_attested", last


def standing_of(facts: Iterable[Mapping[str, Any]], as_of: str) -> tuple[str, str | None]:
    """The standing of a row resting on several facts: the weakest of them; a last_attested row
    gives the earliest last attestation among its facts."""
    found = [standing(f, as_of) for f in facts]
    if not found:
        return "stated", None
    worst = max(found, key=lambda x: STANDING_ORDER[x[0]])[0]
    dates = [d for st, d in found if st == "last_attested" and d]
    return worst, (min(dates) if worst == "last_attested" and dates else None)


def best_standing(a: tuple[str, str | None], b: tuple[str, str | None]) -> tuple[str, str | None]:
    """Of two statements of the same seat, the stronger (the later last attestation on a tie)."""
    if STANDING_ORDER[a[0]] != STANDING_ORDER[b[0]]:
        return min(a, b, key=lambda x: STANDING_ORDER[x[0]])
    return (a[0], max(a[1] or "", b[1] or "") or None)


def time_of(props: Mapping[str, Any]) -> dict[str, Any]:
    """The time properties of a fact (the keys of :data:`TIME_KEYS` it has)."""
    return {k: props[k] for k in TIME_KEYS if props.get(k) is not None}


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
    times: Iterable[Mapping[str, Any]] = (),
    as_of: str | None = None,
) -> Row:
    """One seat of a municipality, reached through ``path`` (municipality, office?, forum, forum?);
    ``times`` are the time properties of the memberships it rests on (:func:`time_of`), which say
    how it stands on ``as_of``."""
    st, last = standing_of(times, as_of) if as_of else ("stated", None)
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
        "standing": st,
        "last_attested": last,
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
        g["standing"], g["last_attested"] = best_standing(
            (g["standing"], g["last_attested"]), (r["standing"], r["last_attested"])
        )
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


#: a forum's cadence as the questions read it (the history holds each document's statement)
CADENCE_KEYS = ("meetings_per_year", "meetings_per_year_max", "meetings_note", "meetings_history")


def cadence_on(forum: Mapping[str, Any], as_of: str | None) -> dict[str, Any]:
    """The meetings per year a forum has on ``as_of``: the statement of the latest document dated on
    or before it (``meetings_history``, compiled per document); none when the documents state its
    cadence only later; without a history, the forum's own properties."""
    keys = ("meetings_per_year", "meetings_per_year_max", "meetings_note")
    history = forum.get("meetings_history")
    if not history:
        return {k: forum.get(k) for k in keys}
    entries = json.loads(history) if isinstance(history, str) else history
    in_force = [e for e in entries if as_of is None or (e.get("from") or MIN_DATE) <= as_of]
    latest = in_force[-1] if in_force else {}
    return {k: latest.get(k) for k in keys} | {"cadence_source": latest.get("document")}


def meetings(name: str, node_id: str, kind: str, seats: Iterable[Row], as_of: str | None = None) -> dict:
    """The fora a municipality's offices (or one office) sit in, with their cadence on ``as_of``;
    ``seats`` are rows with forum, forum_id, via, via_id, role and the forum's :data:`CADENCE_KEYS`."""
    by_forum: dict[str, Row] = {}
    for s in seats:
        row = by_forum.setdefault(
            s["forum_id"],
            {"forum": s["forum"], "forum_id": s["forum_id"], **cadence_on(s, as_of), "seats": []},
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
    seats_open: bool | None = None,
    times: Mapping[str, Any] | None = None,
    as_of: str | None = None,
) -> Row:
    """One membership of a forum; ``times`` (:func:`time_of` of the membership) say how it stands
    on ``as_of``."""
    st, last = standing(times or {}, as_of) if as_of else ("stated", None)
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
        "seats_open": bool(seats_open),
        "holder_known": True if holder_known is None else holder_known,
        "confidence": confidence or "stated",
        "standing": st,
        "last_attested": last,
        "disputed": bool(disputed),
        "sources": dedupe(sources),
    }


def members(forum: str, forum_id: str, rows: Iterable[Row], cadence: Mapping[str, Any] | None = None) -> dict:
    """One row per (member, role), merged over the documents that state it, chairs first; the
    forum's ``seat_count`` (each seat once: a chair's role on a seat another membership counts has
    0 seats; null where the documents leave a number open) and its cadence on the date."""
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
            o["seats_open"] = o["seats_open"] or r["seats_open"]
            if r["confidence"] == "stated":
                o["confidence"] = "stated"
            o["standing"], o["last_attested"] = best_standing(
                (o["standing"], o["last_attested"]), (r["standing"], r["last_attested"])
            )
        else:
            out[key] = dict(r)
    merged = sorted(out.values(), key=lambda r: (ROLE_ORDER.get(r["role"], 3), r["member"]))
    cad = {k: v for k, v in (cadence or {}).items() if k in ("meetings_per_year", "meetings_per_year_max")}
    return {
        "forum": forum,
        "forum_id": forum_id,
        "seat_count": None if any(r["seats_open"] for r in merged) else sum(r["seats"] for r in merged),
        "meetings_per_year": cad.get("meetings_per_year"),
        "meetings_per_year_max": cad.get("meetings_per_year_max"),
        "members": merged,
        "chairs": [r for r in merged if r["role"] in CHAIR_ROLES],
    }


def shortest_paths(candidates: Iterable[Row], as_of: str | None = None) -> list[Row]:
    """Per target, the shortest candidate path, the smallest by ids among equals; parallel
    relationships along it add their relation types and sources. A candidate carries id, name,
    kind, depth, path, path_ids, types (one set of relation types per step), sources and the time
    properties of its relationships (``times``), which say how the path stands on ``as_of``."""
    best: dict[str, Row] = {}
    for c in candidates:
        old = best.get(c["id"])
        rank = (c["depth"], c["path_ids"])
        st = standing_of(c.get("times") or (), as_of) if as_of else ("stated", None)
        if old is None or rank < (old["depth"], old["path_ids"]):
            best[c["id"]] = {
                **c,
                "types": [set(t) for t in c["types"]],
                "sources": list(c["sources"]),
                "standing": st,
            }
        elif rank == (old["depth"], old["path_ids"]):
            old["sources"] += c["sources"]
            old["types"] = [a | set(b) for a, b in zip(old["types"], c["types"], strict=True)]  # same path
            old["standing"] = best_standing(old["standing"], st)
    out = [
        {
            **{k: v[k] for k in ("id", "name", "kind", "depth", "path", "path_ids")},
            "relations": ["|".join(sorted(t)) for t in v["types"]],
            "standing": v["standing"][0],
            "last_attested": v["standing"][1],
            "sources": dedupe(v["sources"]),
        }
        for v in best.values()
    ]
    return sorted(out, key=lambda x: (x["depth"], x["name"], x["id"]))


#: the hierarchy `chain` follows: reporting lines only
CHAIN_TYPES = ("REPORTS_TO",)
#: the relations `chain` lists beside the hierarchy, never as part of it
OTHER_RELATIONS = (
    "PREPARES_CASES_FOR",
    "COMMISSIONS",
    "SETS_UP",
    "ADVISES",
    "IMPLEMENTS",
    "SUBMITS_TO",
    "COOPERATES_WITH",
    "SECRETARIAT_FOR",
    "SUPPORTS",
    "MEETS_WITH",
    "APPOINTS",
    "REPLACES",
    "ABOLISHES",
    "MERGED_WITH",
)


def relation_row(
    *,
    rtype: str,
    direction: str,
    other: str,
    other_id: str,
    other_kind: str,
    sources: Iterable[Source],
    times: Mapping[str, Any],
    as_of: str,
) -> Row:
    """One relation of a forum that is not a reporting line: ``direction`` out (the forum is its
    start) or in."""
    st, last = standing(times, as_of)
    return {
        "type": rtype,
        "direction": direction,
        "id": other_id,
        "name": other,
        "kind": other_kind,
        "standing": st,
        "last_attested": last,
        "sources": dedupe(sources),
    }


def chain(
    forum: str,
    forum_id: str,
    up: Iterable[Row],
    down: Iterable[Row],
    others: Iterable[Row] = (),
    as_of: str | None = None,
) -> dict:
    """What the forum reports to, transitively, and what reports to it (reporting lines only: "har
    reference til", "refererer til"); beside them its other relations (preparing cases,
    commissioning, setting up, advising…), one row per relation, never as hierarchy."""
    merged: dict[tuple, Row] = {}
    for r in others:
        key = (r["type"], r["direction"], r["id"])
        if key in merged:
            o = merged[key]
            o["sources"] = dedupe(o["sources"] + r["sources"])
            o["standing"], o["last_attested"] = best_standing(
                (o["standing"], o["last_attested"]), (r["standing"], r["last_attested"])
            )
        else:
            merged[key] = dict(r)
    return {
        "forum": forum,
        "forum_id": forum_id,
        "reports_to": shortest_paths(up, as_of),
        "reported_by": shortest_paths(down, as_of),
        "other_relations": sorted(
            merged.values(), key=lambda r: (r["type"], r["direction"], r["name"], r["id"])
        ),
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
    """What holds on one date: fora {id: row with forum, status, the forum's time properties and
    sources}, seats {(member, forum, role): row}, reporting lines {(from, to): row}, and every
    REPLACES fact as (new forum, old forum, sources)."""

    fora: dict[str, Row] = field(default_factory=dict)
    seats: dict[tuple, Row] = field(default_factory=dict)
    lines: dict[tuple, Row] = field(default_factory=dict)
    replaces: list[tuple[str, str, list]] = field(default_factory=list)


def forum_at_row(forum: str, forum_id: str, status: str | None, props: Mapping[str, Any], sources) -> Row:
    """A forum in force on a date, as :class:`Moment` keeps it."""
    return {
        "forum": forum,
        "forum_id": forum_id,
        "status": status,
        **time_of(props),
        "period_sources": [
            {"document": d, "quote": q}
            for d, q in zip(
                props.get("period_documents") or [], props.get("period_quotes") or [], strict=False
            )
        ],
        "sources": dedupe(sources),
    }


def seat_row(member: str, member_id: str, forum: str, forum_id: str, role: str) -> Row:
    return {"member": member, "member_id": member_id, "forum": forum, "forum_id": forum_id, "role": role}


def line_row(from_name: str, from_id: str, to_name: str, to_id: str) -> Row:
    return {"from": from_name, "from_id": from_id, "to": to_name, "to_id": to_id}


def changes(date_from: str, date_to: str, region: str | None, a: Moment, b: Moment) -> dict:
    """What changes between two dates. A forum is *created* (``appeared``) only where a source gives
    its start within (from, to], *abolished* (``disappeared``) only where one gives its end within
    [from, to), *replaced* where a REPLACES fact names it among those; a forum first attested in the
    window is *newly attested*, one still in force whose last attestation falls in it *no longer
    attested* (later status unknown)."""

    def item(row: Row, period: bool = False) -> Row:
        return {
            "forum": row["forum"],
            "forum_id": row["forum_id"],
            "status": row["status"],
            "sources": (row["period_sources"] if period and row["period_sources"] else row["sources"]),
        }

    def by_name(rows: Iterable[Row]) -> list[Row]:
        return sorted(rows, key=lambda r: (r["forum"], r["forum_id"]))

    def fora_rows(m: Moment, ids: Iterable[str]) -> list[Row]:
        return by_name(item(m.fora[f], period=True) for f in ids)

    new_ids, gone_ids = set(b.fora) - set(a.fora), set(a.fora) - set(b.fora)
    created = {f for f in new_ids if date_from < (b.fora[f].get("valid_from") or "") <= date_to}
    abolished = {f for f in gone_ids if date_from <= (a.fora[f].get("valid_to") or MAX_DATE) < date_to}
    cited: dict[tuple[str, str], list] = defaultdict(list)  # one REPLACES per pair, all its sources
    for new, old, srcs in a.replaces + b.replaces:
        cited[(new, old)] += srcs
    replaced: list[Row] = [
        {
            **item(a.fora[old]),
            "replaced_by": (b.fora.get(new) or a.fora.get(new) or {"forum": new})["forum"],
            "replaced_by_id": new,
            "sources": dedupe(srcs),
        }
        for (new, old), srcs in sorted(cited.items())
        if old in abolished
    ]
    newly = {f for f in new_ids - created if date_from < (b.fora[f].get("attested_from") or "") <= date_to}
    no_longer = {
        f
        for f in set(a.fora) & set(b.fora)
        if date_from <= (b.fora[f].get("last_attested") or MAX_DATE) < date_to
        and not b.fora[f].get("valid_to")
    }

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
            "appeared": fora_rows(b, created),
            "disappeared": fora_rows(a, abolished),
            "created": fora_rows(b, created),
            "abolished": fora_rows(a, abolished),
            "replaced": sorted(replaced, key=lambda r: (r["forum"], r["replaced_by"])),
            "newly_attested": by_name(item(b.fora[f]) for f in newly),
            "no_longer_attested": by_name(item(b.fora[f]) for f in no_longer),
            "other_new": fora_rows(b, new_ids - created - newly),
            "other_gone": fora_rows(a, gone_ids - abolished),
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
    """start <= as_of <= valid_to, inclusive, where the start is valid_from if a source gives it,
    else attested_from (the first date a source attests the fact); no valid_to is open (the Cypher
    filter's ``@in_force`` on facts already fetched)."""
    start = props.get("valid_from") or props.get("attested_from") or MIN_DATE
    return start <= as_of <= (props.get("valid_to") or MAX_DATE)


_VALIDITY = ("valid_from", "valid_to", "attested_from")


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
    if kind == "seat_count":
        counted = []
        for m, d in f.members(chk["forum"]):
            node = f.nodes[m]
            ob = d.get("on_behalf_of")
            if "office_level" in chk and node.get("office_level") != chk["office_level"]:
                continue
            if "office_type" in chk and node.get("office_type") != chk["office_type"]:
                continue
            if "member_kind" in chk and f.kind(m) != chk["member_kind"]:
                continue
            if "on_behalf_of_kind" in chk and not (
                isinstance(ob, str) and ob in f and f.kind(ob) == chk["on_behalf_of_kind"]
            ):
                continue
            counted.append((m, d))
        if any(d.get("seats_open") for _, d in counted):
            return "unknowable", "the documents leave the number of some of these seats open"
        got = sum(d.get("seats", 1) for _, d in counted)
        if got != chk["seats"]:
            return "violated", f"{got} seats, the document states {chk['seats']}"
        return "satisfied", f"{got} seats ({len(counted)} memberships)"
    if kind == "meetings":
        cad = cadence_on(f.nodes[chk["forum"]], f.as_of)
        stated = (chk["meetings_per_year"], chk.get("meetings_per_year_max"))
        held = (cad.get("meetings_per_year"), cad.get("meetings_per_year_max"))
        if held[0] is None:
            return "unknowable", f"no cadence of {chk['forum']} is stated on or before {f.as_of}"
        if held != stated:
            return "violated", f"{_cadence_text(*held)} a year, the document states {_cadence_text(*stated)}"
        return "satisfied", f"{_cadence_text(*held)} a year"
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


def _cadence_text(low, high) -> str:
    def n(x) -> str:
        return f"{x:g}" if isinstance(x, (int, float)) else str(x)

    return n(low) if high is None else f"{n(low)}-{n(high)}"


def check_dates(rule: Mapping[str, Any], as_of: str) -> list[str]:
    """The dates a rule's check is checked on: its own ``at``, else the dates its sources attest it
    (``attested_dates``: the rule is in force then), else ``as_of``."""
    chk = rule.get("check") or {}
    if chk.get("at"):
        return [chk["at"]]
    return sorted(set(rule.get("attested_dates") or [])) or [as_of]


def rule_dates(rules: Iterable[Mapping[str, Any]], as_of: str) -> list[str]:
    """Every date the checks of ``rules`` are checked on (:func:`check_dates`)."""
    return sorted({d for r in rules if r.get("check") for d in check_dates(r, as_of)})


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
        checked: list[Row] = []
        if not chk:
            status, detail, at = "not_checkable", "stated in the text; no machine check", None
        else:
            for day in check_dates(r, as_of):
                st, det = check_rule(facts[day], chk)
                checked.append({"date": day, "status": st, "detail": det})
            worst = min(checked, key=lambda c: RULE_STATUS_ORDER[c["status"]])
            status, detail, at = worst["status"], worst["detail"], worst["date"]
        out.append(
            {
                "id": r["id"],
                "name": r["name"],
                "description": r["description"],
                "status": status,
                "at": at,
                "checked_on": checked,
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
