// name: dump_nodes
// description: Every node with its labels and all its properties, ordered by id (for exports
//   and for comparing two loads).
// params: none
MATCH (n)
RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties
ORDER BY id
