// name: members
// description: The members of a forum on a date, with role, office, municipality, seats and sources.
// params: forum (string), as_of (date), source (string, optional), inferred (boolean, optional)
MATCH (x)-[r:MEMBER_OF]->(f:Forum {id: $forum})
WHERE (coalesce(f.valid_from, '0001-01-01') <= $as_of AND coalesce(f.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(f.confidence, 'stated') <> 'inferred')) AND (coalesce(x.valid_from, '0001-01-01') <= $as_of AND coalesce(x.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(x.confidence, 'stated') <> 'inferred')) AND (coalesce(r.valid_from, '0001-01-01') <= $as_of AND coalesce(r.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred'))
OPTIONAL MATCH (x)-[h:HOLDS_OFFICE_IN]->(hm:Municipality)
WHERE (coalesce(h.valid_from, '0001-01-01') <= $as_of AND coalesce(h.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN h.source_documents) AND (coalesce($inferred, false) OR coalesce(h.confidence, 'stated') <> 'inferred')) AND (coalesce(hm.valid_from, '0001-01-01') <= $as_of AND coalesce(hm.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(hm.confidence, 'stated') <> 'inferred'))
OPTIONAL MATCH (ob:Municipality {id: r.on_behalf_of})
WHERE (coalesce(ob.valid_from, '0001-01-01') <= $as_of AND coalesce(ob.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(ob.confidence, 'stated') <> 'inferred'))
WITH f, x, r, collect(hm)[0] AS hm, ob
WITH f, x, r, CASE WHEN x:Municipality THEN x ELSE coalesce(hm, ob) END AS muni
RETURN f.id AS forum_id, f.name AS forum, x.id AS member_id, x.name AS member, labels(x)[0] AS kind,
       r.role AS role, CASE WHEN x:Office THEN x.title ELSE null END AS office,
       muni.id AS municipality_id, muni.name AS municipality, r.on_behalf_of AS on_behalf_of,
       coalesce(r.seats, 1) AS seats, coalesce(x.holder_known, true) AS holder_known,
       coalesce(r.confidence, 'stated') AS confidence, coalesce(r.disputed, false) AS disputed,
       r.source_documents AS src_docs, r.source_quotes AS src_quotes, r.source_urls AS src_urls, r.source_notes AS src_notes
ORDER BY member_id, role
