// name: counts_by_type
// description: How many relationships the graph holds per relationship type.
// params: none
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS relationships
ORDER BY type
