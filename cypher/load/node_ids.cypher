// name: node_ids
// description: The id of every node in the database (null for a node without one). The loader
//   compares them with the model's ids to count the nodes left from an earlier version of the model
//   (load --replace removes them); a `NOT n.id IN $ids` filter would cost ids x nodes on ArcadeDB.
// params: none
MATCH (n)
RETURN n.id AS id
