// name: snapshot_relationships
// description: Every relationship in force on a date (optionally citing one document) between nodes in force, with all its properties.
// params: none
MATCH (a)-[r]->(b)
WHERE @in_force(a) AND @in_force(b) AND @fact(r) AND NOT a:Gap
RETURN a.id AS start, b.id AS end, type(r) AS type, properties(r) AS properties
