// name: snapshot_nodes
// description: Every node in force on a date, with all its properties: the database side of the rule checks.
// params: as_of (date), inferred (boolean, optional)
MATCH (n)
WHERE (coalesce(n.valid_from, '0001-01-01') <= $as_of AND coalesce(n.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(n.confidence, 'stated') <> 'inferred')) AND NOT n:Gap
RETURN n.id AS id, labels(n)[0] AS kind, properties(n) AS properties
