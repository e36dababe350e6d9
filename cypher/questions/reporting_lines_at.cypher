// name: reporting_lines_at
// description: Every reporting line (REPORTS_TO) in force on a date that touches a forum of the region (or any forum). Used by changes.
// params: region (string, optional)
MATCH (a)-[r:REPORTS_TO]->(b)
WHERE @in_force(a) AND @in_force(b) AND @fact(r)
  AND ($region IS NULL OR (a:Forum AND a.region = $region) OR (b:Forum AND b.region = $region))
RETURN DISTINCT a.id AS from_id, a.name AS from, b.id AS to_id, b.name AS to
ORDER BY from_id, to_id
