// name: members
// description: The members of a forum on a date, with role, office, municipality, seats and sources.
// params: forum (string)
MATCH (x)-[r:MEMBER_OF]->(f:Forum {id: $forum})
WHERE @in_force(f) AND @in_force(x) AND @fact(r)
OPTIONAL MATCH (x)-[h:HOLDS_OFFICE_IN]->(hm:Municipality)
WHERE @fact(h) AND @in_force(hm)
OPTIONAL MATCH (ob:Municipality {id: r.on_behalf_of})
WHERE @in_force(ob)
WITH f, x, r, collect(hm)[0] AS hm, ob
WITH f, x, r, CASE WHEN x:Municipality THEN x ELSE coalesce(hm, ob) END AS muni
RETURN f.id AS forum_id, f.name AS forum, x.id AS member_id, x.name AS member, labels(x)[0] AS kind,
       r.role AS role, CASE WHEN x:Office THEN x.title ELSE null END AS office,
       muni.id AS municipality_id, muni.name AS municipality, r.on_behalf_of AS on_behalf_of,
       coalesce(r.seats, 1) AS seats, coalesce(r.seats_open, false) AS seats_open,
       coalesce(x.holder_known, true) AS holder_known, r.valid_from AS valid_from, r.valid_to AS valid_to,
       r.attested_from AS attested_from, r.last_attested AS last_attested,
       r.period_confidence AS period_confidence,
       coalesce(r.confidence, 'stated') AS confidence, coalesce(r.disputed, false) AS disputed,
       r.source_documents AS src_docs, r.source_quotes AS src_quotes, r.source_urls AS src_urls, r.source_notes AS src_notes
ORDER BY member_id, role
