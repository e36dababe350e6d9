// name: snapshot_relationships
// description: Every relationship in force on a date (optionally citing one document) between nodes in force, with all its properties.
// params: as_of (date), source (string, optional), inferred (boolean, optional)
MATCH (a)-[r]->(b)
WHERE (coalesce(a.valid_from, '0001-01-01') <= $as_of AND coalesce(a.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(a.confidence, 'stated') <> 'inferred')) AND (coalesce(b.valid_from, '0001-01-01') <= $as_of AND coalesce(b.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(b.confidence, 'stated') <> 'inferred')) AND (coalesce(r.valid_from, '0001-01-01') <= $as_of AND coalesce(r.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred')) AND NOT a:Gap
RETURN a.id AS start, b.id AS end, type(r) AS type, properties(r) AS properties
