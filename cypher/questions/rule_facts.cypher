// name: rule_facts
// description: What the rule checks read on a date, in one record: the nodes in force (kind, office type, whether the holder is known, region), the MEMBER_OF relationships between them (role, seats, on behalf of) and the HOLDS_OFFICE_IN pairs.
// params: none
MATCH (n)
WHERE @in_force(n)
WITH collect({id: n.id, kind: labels(n)[0], office_type: n.office_type, holder_known: n.holder_known, region: n.region}) AS nodes
OPTIONAL MATCH (a)-[r:MEMBER_OF]->(b)
WHERE @fact(r) AND @in_force(a) AND @in_force(b)
WITH nodes, collect({start: a.id, end: b.id, role: r.role, seats: r.seats, on_behalf_of: r.on_behalf_of}) AS member_of
OPTIONAL MATCH (o)-[h:HOLDS_OFFICE_IN]->(m)
WHERE @fact(h) AND @in_force(o) AND @in_force(m)
RETURN nodes, [x IN member_of WHERE x.start IS NOT NULL] AS member_of, [x IN collect([o.id, m.id]) WHERE x[0] IS NOT NULL] AS holds
