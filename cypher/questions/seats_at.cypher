// name: seats_at
// description: Every seat (member, forum, role) in the fora in force on a date, optionally of one region. Used by changes.
// params: region (string, optional), as_of (date), source (string, optional), inferred (boolean, optional)
MATCH (x)-[r:MEMBER_OF]->(f:Forum)
WHERE (coalesce(f.valid_from, '0001-01-01') <= $as_of AND coalesce(f.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(f.confidence, 'stated') <> 'inferred')) AND (coalesce(x.valid_from, '0001-01-01') <= $as_of AND coalesce(x.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(x.confidence, 'stated') <> 'inferred')) AND (coalesce(r.valid_from, '0001-01-01') <= $as_of AND coalesce(r.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred')) AND ($region IS NULL OR f.region = $region)
RETURN DISTINCT x.id AS member_id, x.name AS member, f.id AS forum_id, f.name AS forum, r.role AS role
ORDER BY forum_id, role, member_id
