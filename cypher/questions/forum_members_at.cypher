// name: forum_members_at
// description: For every forum in force on a date (optionally of one region): its member ids and the municipalities it represents directly. Used by interlocks and unrepresented.
// params: region (string, optional)
MATCH (f:Forum)
WHERE @in_force(f) AND ($region IS NULL OR f.region = $region)
OPTIONAL MATCH (x)-[r:MEMBER_OF]->(f)
WHERE @in_force(x) AND @fact(r)
OPTIONAL MATCH (x)-[h:HOLDS_OFFICE_IN]->(hm:Municipality)
WHERE @fact(h) AND @in_force(hm)
OPTIONAL MATCH (ob:Municipality {id: r.on_behalf_of})
WHERE @in_force(ob)
WITH f, collect(DISTINCT {id: x.id, name: x.name}) AS members,
     collect(DISTINCT CASE WHEN x:Municipality THEN {id: x.id, name: x.name} END)
     + collect(DISTINCT {id: hm.id, name: hm.name}) + collect(DISTINCT {id: ob.id, name: ob.name}) AS munis
RETURN f.id AS forum_id, f.name AS forum, f.forum_type AS forum_type,
       [x IN members WHERE x.id IS NOT NULL] AS members, [x IN munis WHERE x IS NOT NULL AND x.id IS NOT NULL] AS municipalities
ORDER BY forum_id
