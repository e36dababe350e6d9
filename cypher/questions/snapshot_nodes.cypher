// name: snapshot_nodes
// description: Every node in force on a date, with all its properties: the database side of the rule checks.
// params: none
MATCH (n)
WHERE @in_force(n) AND NOT n:Gap
RETURN n.id AS id, labels(n)[0] AS kind, properties(n) AS properties
