// name: municipalities
// description: The municipalities in force on a date, of one region or all.
// params: region (string, optional), as_of (date), inferred (boolean, optional)
MATCH (m:Municipality)
WHERE (coalesce(m.valid_from, '0001-01-01') <= $as_of AND coalesce(m.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(m.confidence, 'stated') <> 'inferred')) AND ($region IS NULL OR m.region = $region)
RETURN m.id AS id, m.name AS name, m.short_name AS short_name, m.code AS code, m.region AS region
ORDER BY id
