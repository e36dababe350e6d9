// name: node_element_ids
// description: Every node's id with its element id (the benchmark writes relationships one
//   statement each with the loader's --replace statement, whose endpoints are element ids).
// params: none
MATCH (n)
RETURN n.id AS id, elementId(n) AS element_id
