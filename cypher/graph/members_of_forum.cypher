// name: members_of_forum
// description: The members of a forum (offices, municipalities, organisations, fora) with role,
//   on whose behalf and seats; with as_of, only memberships valid on that date; with source, only
//   those citing it; inferred memberships only with inferred.
// params: forum (string), as_of (date, optional)
MATCH (m)-[r:MEMBER_OF]->(f:Forum {id: $forum})
WHERE @fact(r)
OPTIONAL MATCH (b {id: r.on_behalf_of})
RETURN m.id AS id,
       labels(m)[0] AS label,
       m.name AS name,
       r.role AS role,
       r.on_behalf_of AS on_behalf_of,
       b.name AS on_behalf_of_name,
       coalesce(r.seats, 1) AS seats,
       r.status AS status
ORDER BY role, name, id
