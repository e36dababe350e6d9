// name: rule_facts
// description: What the rule checks read, for every period in one record: the nodes (kind, office type and level, whether the holder is known, region, cadence), the MEMBER_OF relationships (role, seats, on behalf of) and the HOLDS_OFFICE_IN pairs, each with its validity, stated and citing $source only; the caller picks those in force on each date a check reads.
// params: none
// One fetch for every date the checks read (a check may read several): per-date queries cost a
// full scan each. Three independent subqueries, each collected to one value: one record for the
// driver to carry, and no OPTIONAL MATCH after an aggregation (ArcadeDB evaluated that ~9x slower).
CALL {
  MATCH (n)
  WHERE @stated(n)
  RETURN collect({id: n.id, kind: labels(n)[0], office_type: n.office_type, office_level: n.office_level, holder_known: n.holder_known, region: n.region, meetings_per_year: n.meetings_per_year, meetings_per_year_max: n.meetings_per_year_max, meetings_history: n.meetings_history, valid_from: n.valid_from, valid_to: n.valid_to, attested_from: n.attested_from}) AS nodes
}
CALL {
  MATCH (a)-[r:MEMBER_OF]->(b)
  WHERE @cites(r) AND @stated(r)
  RETURN collect({start: a.id, end: b.id, role: r.role, seats: r.seats, seats_open: r.seats_open, on_behalf_of: r.on_behalf_of, valid_from: r.valid_from, valid_to: r.valid_to, attested_from: r.attested_from}) AS member_of
}
CALL {
  MATCH (o)-[h:HOLDS_OFFICE_IN]->(m)
  WHERE @cites(h) AND @stated(h)
  RETURN collect({start: o.id, end: m.id, valid_from: h.valid_from, valid_to: h.valid_to, attested_from: h.attested_from}) AS holds
}
RETURN nodes, member_of, holds
