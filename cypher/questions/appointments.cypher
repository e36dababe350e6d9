// name: appointments
// description: Whom a body appoints (direction 'appoints'), and who appoints the body itself or its members for it (direction 'appointed_by'), on a date.
// params: body (string), as_of (date), source (string, optional), inferred (boolean, optional)
MATCH (b {id: $body})-[r:APPOINTS]->(x)
WHERE (coalesce(b.valid_from, '0001-01-01') <= $as_of AND coalesce(b.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(b.confidence, 'stated') <> 'inferred')) AND (coalesce(r.valid_from, '0001-01-01') <= $as_of AND coalesce(r.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred')) AND (coalesce(x.valid_from, '0001-01-01') <= $as_of AND coalesce(x.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(x.confidence, 'stated') <> 'inferred'))
OPTIONAL MATCH (ff:Forum {id: r.for_forum})
WHERE (coalesce(ff.valid_from, '0001-01-01') <= $as_of AND coalesce(ff.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(ff.confidence, 'stated') <> 'inferred'))
RETURN 'appoints' AS direction, b.id AS appointer_id, b.name AS appointer, x.id AS appointee_id, x.name AS appointee,
       ff.id AS for_forum_id, ff.name AS for_forum, r.role AS role,
       r.source_documents AS src_docs, r.source_quotes AS src_quotes, r.source_urls AS src_urls, r.source_notes AS src_notes
UNION ALL
MATCH (b {id: $body})
WHERE (coalesce(b.valid_from, '0001-01-01') <= $as_of AND coalesce(b.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(b.confidence, 'stated') <> 'inferred'))
MATCH (a)-[r:APPOINTS]->(x)
WHERE (coalesce(a.valid_from, '0001-01-01') <= $as_of AND coalesce(a.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(a.confidence, 'stated') <> 'inferred')) AND (coalesce(r.valid_from, '0001-01-01') <= $as_of AND coalesce(r.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred')) AND (coalesce(x.valid_from, '0001-01-01') <= $as_of AND coalesce(x.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(x.confidence, 'stated') <> 'inferred'))
  AND (x = b OR (EXISTS { MATCH (x)-[mr:MEMBER_OF]->(b) WHERE (coalesce(mr.valid_from, '0001-01-01') <= $as_of AND coalesce(mr.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN mr.source_documents) AND (coalesce($inferred, false) OR coalesce(mr.confidence, 'stated') <> 'inferred')) } AND (r.for_forum IS NULL OR r.for_forum = b.id)))
OPTIONAL MATCH (ff:Forum {id: r.for_forum})
WHERE (coalesce(ff.valid_from, '0001-01-01') <= $as_of AND coalesce(ff.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(ff.confidence, 'stated') <> 'inferred'))
RETURN 'appointed_by' AS direction, a.id AS appointer_id, a.name AS appointer, x.id AS appointee_id, x.name AS appointee,
       ff.id AS for_forum_id, ff.name AS for_forum, r.role AS role,
       r.source_documents AS src_docs, r.source_quotes AS src_quotes, r.source_urls AS src_urls, r.source_notes AS src_notes
