// name: node_name
// description: The name and kind of a node, by id, through the id index of each label of the schema
//   (an unlabelled MATCH reads every node). node_name_any finds a node of any other label.
// params: id (string)
MATCH (n:Forum {id: $id})
RETURN n.id AS id, n.name AS name, labels(n)[0] AS kind
UNION ALL
MATCH (n:Office {id: $id})
RETURN n.id AS id, n.name AS name, labels(n)[0] AS kind
UNION ALL
MATCH (n:Municipality {id: $id})
RETURN n.id AS id, n.name AS name, labels(n)[0] AS kind
UNION ALL
MATCH (n:Region {id: $id})
RETURN n.id AS id, n.name AS name, labels(n)[0] AS kind
UNION ALL
MATCH (n:Organisation {id: $id})
RETURN n.id AS id, n.name AS name, labels(n)[0] AS kind
UNION ALL
MATCH (n:Process {id: $id})
RETURN n.id AS id, n.name AS name, labels(n)[0] AS kind
UNION ALL
MATCH (n:Phase {id: $id})
RETURN n.id AS id, n.name AS name, labels(n)[0] AS kind
UNION ALL
MATCH (n:Milestone {id: $id})
RETURN n.id AS id, n.name AS name, labels(n)[0] AS kind
UNION ALL
MATCH (n:Document {id: $id})
RETURN n.id AS id, n.name AS name, labels(n)[0] AS kind
UNION ALL
MATCH (n:Gap {id: $id})
RETURN n.id AS id, n.name AS name, labels(n)[0] AS kind
UNION ALL
MATCH (n:Rule {id: $id})
RETURN n.id AS id, n.name AS name, labels(n)[0] AS kind
