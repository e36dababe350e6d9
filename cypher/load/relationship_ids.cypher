// name: relationship_ids
// description: The id of every relationship in the database (null for one without). The loader
//   compares them with the model's ids to count the relationships left from an earlier version of
//   the model (load --replace removes them).
// params: none
MATCH ()-[r]->()
RETURN r.id AS id
