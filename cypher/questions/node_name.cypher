// name: node_name
// description: The name and kind of a node, by id.
// params: id (string)
MATCH (n {id: $id})
RETURN n.id AS id, n.name AS name, labels(n)[0] AS kind
