// name: reporting_lines_at
// description: Every reporting line (REPORTS_TO) in force on a date that touches a forum of the region (or any forum). Used by changes.
// params: region (string, optional), as_of (date), source (string, optional), inferred (boolean, optional)
MATCH (a)-[r:REPORTS_TO]->(b)
WHERE (coalesce(a.valid_from, '0001-01-01') <= $as_of AND coalesce(a.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(a.confidence, 'stated') <> 'inferred')) AND (coalesce(b.valid_from, '0001-01-01') <= $as_of AND coalesce(b.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(b.confidence, 'stated') <> 'inferred')) AND (coalesce(r.valid_from, '0001-01-01') <= $as_of AND coalesce(r.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred'))
  AND ($region IS NULL OR (a:Forum AND a.region = $region) OR (b:Forum AND b.region = $region))
RETURN DISTINCT a.id AS from_id, a.name AS from, b.id AS to_id, b.name AS to
ORDER BY from_id, to_id
