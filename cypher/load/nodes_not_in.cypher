// name: nodes_not_in
// description: How many nodes the database holds whose id is not among the given ids (left over
//   from an earlier version of the model; load --replace removes them).
// params: ids (list)
MATCH (n)
WHERE n.id IS NULL OR NOT n.id IN $ids
RETURN count(n) AS nodes
