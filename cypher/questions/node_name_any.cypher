// name: node_name_any
// description: The name and kind of a node of any label, by id (reads every node; the fallback of
//   node_name).
// params: id (string)
MATCH (n {id: $id})
RETURN n.id AS id, n.name AS name, labels(n)[0] AS kind
