"""When a page's answers can change: the dates that bound the facts each question reads.

An answer changes only on a date where one of the facts it reads starts or stops being in force
(``valid_from`` or ``attested_from``; the day after ``valid_to``) or, for a fact whose ``standing``
the answer shows, where that standing changes (among ``attested_from`` and the day after
``last_attested``, where the question layer's own ``standing`` says so); a forum's meetings per
year change where its ``meetings_history`` does.
:class:`Facts` holds every node and relationship of every period (the plain-data dumps
``dump_nodes`` / ``dump_relationships``) and says, per question and argument, which of those dates
matter; :func:`intervals` turns them into the spans between them. The site asks each question once
per span (through the registry), so the date chooser switches between answers exactly.

The facts a question reads are the ones its Cypher reads (``cypher/questions/``); a superset only
costs a few extra questions, a subset would show a wrong answer, which ``tests/test_site.py`` checks
against ``ask`` on random dates. Inferred facts are never read (the site asks without them).
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..questions import shaping

#: the relation `chain` follows (the others it lists beside are given to :class:`Facts`)
CHAIN_LINE = "REPORTS_TO"


def next_day(date: str) -> str:
    return (_dt.date.fromisoformat(date) + _dt.timedelta(days=1)).isoformat()


def previous_day(date: str) -> str:
    return (_dt.date.fromisoformat(date) - _dt.timedelta(days=1)).isoformat()


def force_dates(props: Mapping[str, Any]) -> set[str]:
    """Where a fact starts and stops being in force (the ``@in_force`` filter)."""
    out = set()
    start = props.get("valid_from") or props.get("attested_from")
    if start:
        out.add(start)
    if props.get("valid_to"):
        out.add(next_day(props["valid_to"]))
    return out


def standing_dates(props: Mapping[str, Any]) -> set[str]:
    """Where a fact starts or stops being in force or its standing (stated, inferred, last attested)
    changes: of the dates that can bound it, those where the question layer's own
    :func:`~sundhedsgraf.questions.shaping.in_force` and :func:`~sundhedsgraf.questions.shaping.standing`
    say something else than on the day before (a fact attested on one day of the year it is valid
    for stays stated all that year)."""
    candidates = force_dates(props)
    for key in ("valid_from", "attested_from"):
        if props.get(key):
            candidates.add(props[key])
    if props.get("last_attested"):
        candidates.add(next_day(props["last_attested"]))

    def state(date: str) -> tuple:
        if not shaping.in_force(props, date):
            return (False,)
        return (True, *shaping.standing(props, date))

    return {d for d in candidates if d > "0001-01-01" and state(d) != state(previous_day(d))}


def window(props: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The first day a fact is in force and the first day it no longer is (None: open)."""
    start = props.get("valid_from") or props.get("attested_from")
    return start, next_day(props["valid_to"]) if props.get("valid_to") else None


@dataclass
class Rel:
    id: str
    type: str
    start: str
    end: str
    props: dict[str, Any]


@dataclass
class Node:
    id: str
    kind: str
    name: str
    props: dict[str, Any]


@dataclass
class Facts:
    """Every node and relationship of every period, indexed by node."""

    nodes: dict[str, Node]
    out: dict[str, list[Rel]] = field(default_factory=lambda: defaultdict(list))
    into: dict[str, list[Rel]] = field(default_factory=lambda: defaultdict(list))
    on_behalf: dict[str, list[Rel]] = field(default_factory=lambda: defaultdict(list))
    rels: list[Rel] = field(default_factory=list)
    other_relations: frozenset[str] = frozenset()

    @classmethod
    def from_dumps(
        cls,
        nodes: Iterable[Mapping[str, Any]],
        rels: Iterable[Mapping[str, Any]],
        other_relations: Iterable[str],
    ) -> Facts:
        """From the rows of ``dump_nodes`` and ``dump_relationships``; ``other_relations`` are the
        types `chain` lists beside its reporting lines."""
        facts = cls(
            {
                n["id"]: Node(
                    n["id"],
                    (n.get("labels") or [""])[0],
                    str(n["properties"].get("name") or n["id"]),
                    dict(n["properties"]),
                )
                for n in nodes
                if n.get("id") is not None
            },
            other_relations=frozenset(other_relations),
        )
        for r in rels:
            rel = Rel(str(r["id"]), r["type"], r["start"], r["end"], dict(r["properties"]))
            facts.rels.append(rel)
            facts.out[rel.start].append(rel)
            facts.into[rel.end].append(rel)
            if rel.type == "MEMBER_OF" and rel.props.get("on_behalf_of"):
                facts.on_behalf[rel.props["on_behalf_of"]].append(rel)
        return facts

    # ---- what reads a fact at all

    @staticmethod
    def stated(props: Mapping[str, Any]) -> bool:
        """Inferred facts never count: the site asks without them."""
        return props.get("confidence") != "inferred"

    def node_dates(self, node_id: str | None) -> set[str]:
        n = self.nodes.get(node_id or "")
        return force_dates(n.props) if n is not None and self.stated(n.props) else set()

    def _out(self, node_id: str, rtype: str) -> list[Rel]:
        return [r for r in self.out.get(node_id, ()) if r.type == rtype and self.stated(r.props)]

    def _into(self, node_id: str, rtype: str) -> list[Rel]:
        return [r for r in self.into.get(node_id, ()) if r.type == rtype and self.stated(r.props)]

    def cadence_dates(self, forum_id: str, keys: tuple[str, ...]) -> set[str]:
        """Where the value of ``keys`` in a forum's meetings history changes (the entry in force on
        a date is the latest one from on or before it)."""
        n = self.nodes.get(forum_id)
        history = n.props.get("meetings_history") if n else None
        if not history:
            return set()
        entries = json.loads(history) if isinstance(history, str) else history
        out, before = set(), tuple(None for _ in keys)
        for e in entries:
            value = tuple(e.get(k) for k in keys)
            if e.get("from") and value != before:
                out.add(e["from"])
            before = value
        return out

    def in_force_window(self, node_id: str) -> tuple[str | None, str | None] | None:
        """A node's in-force window (first day, first day after), or None if it never counts."""
        n = self.nodes.get(node_id)
        if n is None or not self.stated(n.props):
            return None
        return window(n.props)

    # ---- the facts each question reads (its Cypher in cypher/questions/), as dates

    # A date a far end (a node, a forum's cadence) bounds matters only while the relationships that
    # lead to it are in force (on the date or the day before): :meth:`_near`.

    @staticmethod
    def _near(dates: Iterable[str], *facts: Mapping[str, Any]) -> set[str]:
        """The dates on which, or on the day before which, all ``facts`` are in force."""
        return {
            d
            for d in dates
            if all(shaping.in_force(p, d) for p in facts)
            or all(shaping.in_force(p, previous_day(d)) for p in facts)
        }

    def _seats(self, rels: Iterable[Rel]) -> list[tuple[tuple[str, str, str], dict[str, Any]]]:
        """Seats as an answer without sources or standing shows them (member, forum, role), each with
        the spans in which one of its memberships is in force merged: a membership renewed the day
        after the last one ends changes nothing there."""
        spans: dict[tuple[str, str, str], list[tuple[str, str | None]]] = defaultdict(list)
        for r in rels:
            start, stop = window(r.props)
            spans[(r.start, r.end, str(r.props.get("role") or ""))].append((start or "0001-01-01", stop))
        out = []
        for key, found in sorted(spans.items()):
            merged: list[list[Any]] = []
            for start, stop in sorted(found, key=lambda x: x[0]):
                if merged and (merged[-1][1] is None or start <= merged[-1][1]):
                    if merged[-1][1] is not None and (stop is None or stop > merged[-1][1]):
                        merged[-1][1] = stop
                else:
                    merged.append([start, stop])
            for start, stop in merged:
                props = {"valid_from": start} if start > "0001-01-01" else {}
                if stop is not None:
                    props["valid_to"] = previous_day(stop)
                out.append((key, props))
        return out

    def _cadence(self, forum_id: str) -> set[str]:
        return self.cadence_dates(
            forum_id, ("meetings_per_year", "meetings_per_year_max", "meetings_note", "document")
        )

    def represented(self, m: str, meetings: bool = False) -> set[str] | None:
        """`represented` (``meetings=False``: the memberships' standing, the forum's memberships in
        further fora) or a municipality's `meetings` (direct seats in force, the fora's cadence)."""
        dates = self.node_dates(m)
        members = {m}
        for h in self._into(m, "HOLDS_OFFICE_IN"):
            dates |= force_dates(h.props)
            members.add(h.start)
        members.update(r.start for r in self.on_behalf.get(m, ()) if self.stated(r.props))
        for o in members - {m}:
            dates |= self.node_dates(o)
            for h in self._out(o, "HOLDS_OFFICE_IN"):
                dates |= force_dates(h.props) | self.node_dates(h.end)
            dates |= {d for r in self.on_behalf.get(m, ()) if r.start == o for d in force_dates(r.props)}
        seats = [r for x in sorted(members) for r in self._out(x, "MEMBER_OF")]
        if meetings:
            for (_, f, _), props in self._seats(seats):
                dates |= force_dates(props) | self._near(self.node_dates(f) | self._cadence(f), props)
            return self._clip(m, dates)
        for r in seats:
            dates |= standing_dates(r.props) | self._near(self.node_dates(r.end), r.props)
            for r2 in self._out(r.end, "MEMBER_OF"):
                dates |= self._near(standing_dates(r2.props) | self.node_dates(r2.end), r.props)
        return self._clip(m, dates)

    def office_meetings(self, o: str) -> set[str] | None:
        seats = self._out(o, "MEMBER_OF")
        if not seats:
            return None
        dates = self.node_dates(o)
        for (_, f, _), props in self._seats(seats):
            dates |= force_dates(props) | self._near(self.node_dates(f) | self._cadence(f), props)
        return self._clip(o, dates)

    def members(self, f: str) -> set[str] | None:
        cadence = self.cadence_dates(f, ("meetings_per_year", "meetings_per_year_max"))
        seats = self._into(f, "MEMBER_OF")
        dates = self.node_dates(f)
        for r in seats:
            ends = self.node_dates(r.start) | self.node_dates(r.props.get("on_behalf_of"))
            for h in self._out(r.start, "HOLDS_OFFICE_IN"):
                ends |= force_dates(h.props) | self.node_dates(h.end)
            dates |= standing_dates(r.props) | self._near(ends, r.props)
        clipped = self._clip(f, dates) if seats else set()
        # the cadence is read whether the forum is in force or not
        return (clipped or set()) | cadence

    def chain(self, x: str) -> set[str] | None:
        dates: set[str] = set()
        found = False
        for step, ahead in ((self._out, "end"), (self._into, "start")):
            seen, frontier = {x}, [x]
            while frontier:
                nxt = []
                for u in frontier:
                    for r in step(u, CHAIN_LINE):
                        found = True
                        v = getattr(r, ahead)
                        dates |= standing_dates(r.props) | self._near(self.node_dates(v), r.props)
                        if v not in seen:
                            seen.add(v)
                            nxt.append(v)
                frontier = nxt
        for r in [*self.out.get(x, ()), *self.into.get(x, ())]:
            if r.type in self.other_relations and self.stated(r.props):
                found = True
                other = r.end if r.start == x else r.start
                dates |= standing_dates(r.props) | self._near(self.node_dates(other), r.props)
        if not found:
            return None
        return self._clip(x, dates | self.node_dates(x))

    def appointments(self, b: str) -> set[str] | None:
        dates: set[str] = set()
        found = False

        def add(r: Rel, *ends: str, via: Rel | None = None) -> None:
            nonlocal dates
            gate = [r.props] if via is None else [r.props, via.props]
            own = force_dates(r.props) | (force_dates(via.props) if via else set())
            far = self.node_dates(r.props.get("for_forum")).union(*(self.node_dates(e) for e in ends))
            dates |= self._near(own | far, *gate)

        for r in self._out(b, "APPOINTS"):
            found = True
            add(r, r.end)
        for r in self._into(b, "APPOINTS"):
            found = True
            add(r, r.start)
        for mr in self._into(b, "MEMBER_OF"):
            for r in self._into(mr.start, "APPOINTS"):
                found = True
                add(r, r.start, mr.start, via=mr)
        if not found:
            return None
        return self._clip(b, dates | self.node_dates(b))

    def _clip(self, node_id: str, dates: set[str]) -> set[str] | None:
        """Only the dates inside the node's window: a question about a node not in force answers
        nothing, the same before and after it. None: the node never counts."""
        w = self.in_force_window(node_id)
        if w is None:
            return None
        start, stop = w
        return {d for d in dates if (start is None or d >= start) and (stop is None or d <= stop)}


@dataclass(frozen=True)
class Span:
    """The dates ``first`` to ``last`` inclusive (None: unbounded); ``ask`` is the date asked."""

    first: str | None
    last: str | None

    @property
    def ask(self) -> str:
        """The date asked: any date inside gives the same answer."""
        return self.first or self.last or REFERENCE_DATE

    def contains(self, date: str) -> bool:
        return (self.first is None or self.first <= date) and (self.last is None or date <= self.last)


#: the date asked when nothing a question reads has a date (every date gives the same answer)
REFERENCE_DATE = "2000-01-01"


def intervals(dates: Iterable[str] | None) -> list[Span]:
    """The spans between sorted boundary dates: before the first, from each to the day before the
    next, and from the last on."""
    bounds = sorted(set(dates or ()))
    if not bounds:
        return [Span(None, None)]
    spans = [Span(None, previous_day(bounds[0]))]
    spans += [Span(a, previous_day(b)) for a, b in pairwise(bounds)]
    spans.append(Span(bounds[-1], None))
    return spans
