// name: office_meetings
// description: The fora an office sits in on a date, with its role and each forum's meetings per year.
// params: office (string)
MATCH (o {id: $office})-[r:MEMBER_OF]->(f:Forum)
WHERE @in_force(o) AND @fact(r) AND @in_force(f)
RETURN o.id AS via_id, o.name AS via, f.id AS forum_id, f.name AS forum, r.role AS role,
       f.meetings_per_year AS meetings_per_year, f.meetings_per_year_max AS meetings_per_year_max,
       f.meetings_note AS meetings_note, f.meetings_history AS meetings_history
ORDER BY forum_id, role
