// name: appointments
// description: Whom a body appoints (direction 'appoints'), and who appoints the body itself or its members for it (direction 'appointed_by'), on a date.
// params: body (string)
MATCH (b {id: $body})-[r:APPOINTS]->(x)
WHERE @in_force(b) AND @fact(r) AND @in_force(x)
OPTIONAL MATCH (ff:Forum {id: r.for_forum})
WHERE @in_force(ff)
RETURN 'appoints' AS direction, b.id AS appointer_id, b.name AS appointer, x.id AS appointee_id, x.name AS appointee,
       ff.id AS for_forum_id, ff.name AS for_forum, r.role AS role,
       r.source_documents AS src_docs, r.source_quotes AS src_quotes, r.source_urls AS src_urls, r.source_notes AS src_notes
UNION ALL
MATCH (b {id: $body})
WHERE @in_force(b)
MATCH (a)-[r:APPOINTS]->(x)
WHERE @in_force(a) AND @fact(r) AND @in_force(x)
  AND (x = b OR (EXISTS { MATCH (x)-[mr:MEMBER_OF]->(b) WHERE @fact(mr) } AND (r.for_forum IS NULL OR r.for_forum = b.id)))
OPTIONAL MATCH (ff:Forum {id: r.for_forum})
WHERE @in_force(ff)
RETURN 'appointed_by' AS direction, a.id AS appointer_id, a.name AS appointer, x.id AS appointee_id, x.name AS appointee,
       ff.id AS for_forum_id, ff.name AS for_forum, r.role AS role,
       r.source_documents AS src_docs, r.source_quotes AS src_quotes, r.source_urls AS src_urls, r.source_notes AS src_notes
