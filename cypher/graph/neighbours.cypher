// name: neighbours
// description: The nodes directly connected to a node: relationship type, direction, role and
//   validity; with as_of, only relationships valid on that date; with source, only those citing it;
//   inferred relationships only with inferred.
// params: id (string), as_of (date, optional)
MATCH (n {id: $id})-[r]-(m)
WHERE @fact(r)
RETURN type(r) AS type,
       CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       m.id AS id,
       labels(m)[0] AS label,
       m.name AS name,
       r.role AS role,
       r.status AS status,
       r.valid_from AS valid_from,
       r.valid_to AS valid_to
ORDER BY type, direction, id
