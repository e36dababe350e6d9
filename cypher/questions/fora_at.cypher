// name: fora_at
// description: The fora in force on a date, optionally of one region, with their status and meeting cadence.
// params: region (string, optional)
MATCH (f:Forum)
WHERE @in_force(f) AND ($region IS NULL OR f.region = $region)
RETURN f.id AS forum_id, f.name AS forum, f.status AS status, f.forum_type AS forum_type,
       f.meetings_per_year AS meetings_per_year, f.meetings_per_year_max AS meetings_per_year_max
ORDER BY forum_id
