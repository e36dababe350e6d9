// name: clear_database
// description: Delete every node and relationship (sundhedsgraf load --replace, inside the load's
//   transaction). Constraints stay.
// params: none
// mode: write
MATCH (n)
DETACH DELETE n
