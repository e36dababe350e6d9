// name: office_meetings
// description: The fora an office sits in on a date, with its role and each forum's meetings per year.
// params: office (string), as_of (date), source (string, optional), inferred (boolean, optional)
MATCH (o {id: $office})-[r:MEMBER_OF]->(f:Forum)
WHERE (coalesce(o.valid_from, '0001-01-01') <= $as_of AND coalesce(o.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(o.confidence, 'stated') <> 'inferred')) AND (coalesce(r.valid_from, '0001-01-01') <= $as_of AND coalesce(r.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred')) AND (coalesce(f.valid_from, '0001-01-01') <= $as_of AND coalesce(f.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(f.confidence, 'stated') <> 'inferred'))
RETURN o.id AS via_id, o.name AS via, f.id AS forum_id, f.name AS forum, r.role AS role,
       f.meetings_per_year AS meetings_per_year, f.meetings_per_year_max AS meetings_per_year_max,
       f.meetings_note AS meetings_note
ORDER BY forum_id, role
