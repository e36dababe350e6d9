// name: seats_at
// description: Every seat (member, forum, role) in the fora in force on a date, optionally of one region. Used by changes. One record, its `seats` a list (the driver's cost is per record).
// params: region (string, optional)
MATCH (x)-[r:MEMBER_OF]->(f:Forum)
WHERE @fact(r) AND @in_force(f) AND @in_force(x) AND ($region IS NULL OR f.region = $region)
WITH DISTINCT x.id AS member_id, x.name AS member, f.id AS forum_id, f.name AS forum, r.role AS role
ORDER BY forum_id, role, member_id
RETURN collect({member_id: member_id, member: member, forum_id: forum_id, forum: forum, role: role}) AS seats
