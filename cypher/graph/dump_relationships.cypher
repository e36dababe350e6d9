// name: dump_relationships
// description: Every relationship with its type, the ids of its endpoints and all its
//   properties, ordered by id (for exports and for comparing two loads).
// params: none
MATCH (a)-[r]->(b)
RETURN r.id AS id, type(r) AS type, a.id AS start, b.id AS end, properties(r) AS properties
ORDER BY id, type, start, end
