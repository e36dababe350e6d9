// name: forum_members_at
// description: For every forum in force on a date (optionally of one region): its member ids and the municipalities it represents directly. Used by interlocks and unrepresented.
// params: region (string, optional), as_of (date), source (string, optional), inferred (boolean, optional)
MATCH (f:Forum)
WHERE (coalesce(f.valid_from, '0001-01-01') <= $as_of AND coalesce(f.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(f.confidence, 'stated') <> 'inferred')) AND ($region IS NULL OR f.region = $region)
OPTIONAL MATCH (x)-[r:MEMBER_OF]->(f)
WHERE (coalesce(x.valid_from, '0001-01-01') <= $as_of AND coalesce(x.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(x.confidence, 'stated') <> 'inferred')) AND (coalesce(r.valid_from, '0001-01-01') <= $as_of AND coalesce(r.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred'))
OPTIONAL MATCH (x)-[h:HOLDS_OFFICE_IN]->(hm:Municipality)
WHERE (coalesce(h.valid_from, '0001-01-01') <= $as_of AND coalesce(h.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN h.source_documents) AND (coalesce($inferred, false) OR coalesce(h.confidence, 'stated') <> 'inferred')) AND (coalesce(hm.valid_from, '0001-01-01') <= $as_of AND coalesce(hm.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(hm.confidence, 'stated') <> 'inferred'))
OPTIONAL MATCH (ob:Municipality {id: r.on_behalf_of})
WHERE (coalesce(ob.valid_from, '0001-01-01') <= $as_of AND coalesce(ob.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(ob.confidence, 'stated') <> 'inferred'))
WITH f, collect(DISTINCT {id: x.id, name: x.name}) AS members,
     collect(DISTINCT CASE WHEN x:Municipality THEN {id: x.id, name: x.name} END)
     + collect(DISTINCT {id: hm.id, name: hm.name}) + collect(DISTINCT {id: ob.id, name: ob.name}) AS munis
RETURN f.id AS forum_id, f.name AS forum, f.forum_type AS forum_type,
       [x IN members WHERE x.id IS NOT NULL] AS members, [x IN munis WHERE x IS NOT NULL AND x.id IS NOT NULL] AS municipalities
ORDER BY forum_id
