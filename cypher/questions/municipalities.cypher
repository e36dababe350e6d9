// name: municipalities
// description: The municipalities in force on a date, of one region or all.
// params: region (string, optional)
MATCH (m:Municipality)
WHERE @in_force(m) AND ($region IS NULL OR m.region = $region)
RETURN m.id AS id, m.name AS name, m.short_name AS short_name, m.code AS code, m.region AS region
ORDER BY id
