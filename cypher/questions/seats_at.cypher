// name: seats_at
// description: Every seat (member, forum, role) in the fora in force on a date, optionally of one region. Used by changes.
// params: region (string, optional)
MATCH (x)-[r:MEMBER_OF]->(f:Forum)
WHERE @in_force(f) AND @in_force(x) AND @fact(r) AND ($region IS NULL OR f.region = $region)
RETURN DISTINCT x.id AS member_id, x.name AS member, f.id AS forum_id, f.name AS forum, r.role AS role
ORDER BY forum_id, role, member_id
