// name: fora_at
// description: The fora in force on a date, optionally of one region, with their status and meeting cadence.
// params: region (string, optional), as_of (date), inferred (boolean, optional)
MATCH (f:Forum)
WHERE (coalesce(f.valid_from, '0001-01-01') <= $as_of AND coalesce(f.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(f.confidence, 'stated') <> 'inferred')) AND ($region IS NULL OR f.region = $region)
RETURN f.id AS forum_id, f.name AS forum, f.status AS status, f.forum_type AS forum_type,
       f.meetings_per_year AS meetings_per_year, f.meetings_per_year_max AS meetings_per_year_max
ORDER BY forum_id
