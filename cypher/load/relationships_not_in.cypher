// name: relationships_not_in
// description: How many relationships the database holds whose id is not among the given ids
//   (left over from an earlier version of the model; load --replace removes them).
// params: ids (list)
MATCH ()-[r]->()
WHERE r.id IS NULL OR NOT r.id IN $ids
RETURN count(r) AS relationships
