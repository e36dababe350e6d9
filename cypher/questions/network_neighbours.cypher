// name: network_neighbours
// description: One step of the organisational network from a set of nodes on a date: their neighbours among fora, offices, municipalities, regions and organisations (a municipality's geographic PART_OF its region is not a link). links expands both ends with it.
// params: ids (list), as_of (date), source (string, optional), inferred (boolean, optional)
MATCH (x)-[r]-(y)
WHERE x.id IN $ids AND x <> y AND (coalesce(x.valid_from, '0001-01-01') <= $as_of AND coalesce(x.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(x.confidence, 'stated') <> 'inferred')) AND (coalesce(y.valid_from, '0001-01-01') <= $as_of AND coalesce(y.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(y.confidence, 'stated') <> 'inferred')) AND (coalesce(r.valid_from, '0001-01-01') <= $as_of AND coalesce(r.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred'))
  AND (x:Forum OR x:Office OR x:Municipality OR x:Region OR x:Organisation)
  AND (y:Forum OR y:Office OR y:Municipality OR y:Region OR y:Organisation)
  AND NOT (type(r) = 'PART_OF' AND startNode(r):Municipality)
RETURN DISTINCT x.id AS a, y.id AS b, y.name AS name, labels(y)[0] AS kind
