// name: reporting_lines_at
// description: Every reporting line (REPORTS_TO) in force on a date that touches a forum of the region (or any forum). Used by changes. One record, its `lines` a list.
// params: region (string, optional)
MATCH (a)-[r:REPORTS_TO]->(b)
WHERE @in_force(a) AND @in_force(b) AND @fact(r)
  AND ($region IS NULL OR (a:Forum AND a.region = $region) OR (b:Forum AND b.region = $region))
WITH DISTINCT a.id AS from_id, a.name AS from, b.id AS to_id, b.name AS to
ORDER BY from_id, to_id
RETURN collect({from_id: from_id, from: from, to_id: to_id, to: to}) AS lines
