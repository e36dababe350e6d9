// name: network_neighbours
// description: One step of the organisational network from a set of nodes on a date, the ids given
//   per kind (so each is found through its label's id index): their neighbours among fora, offices,
//   municipalities, regions and organisations (a municipality's geographic PART_OF its region is not
//   a link). links expands both ends with it. One row per node: its neighbours as [id, name, kind]
//   (one record per node, not per neighbour: the driver's cost is per record).
// params: forums (list, optional), offices (list, optional), municipalities (list, optional),
//   regions (list, optional), organisations (list, optional), as_of (date), source (string, optional),
//   inferred (boolean, optional)
UNWIND coalesce($forums, []) AS i
MATCH (x:Forum {id: i})-[r]-(y)
WHERE (coalesce(x.valid_to, '9999-12-31') >= $as_of AND coalesce(x.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(x.confidence, 'stated') <> 'inferred')) AND (coalesce(r.valid_to, '9999-12-31') >= $as_of AND coalesce(r.valid_from, '0001-01-01') <= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred')) AND x <> y AND (y:Forum OR y:Office OR y:Municipality OR y:Region OR y:Organisation)
  AND NOT (type(r) = 'PART_OF' AND startNode(r):Municipality) AND (coalesce(y.valid_to, '9999-12-31') >= $as_of AND coalesce(y.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(y.confidence, 'stated') <> 'inferred'))
RETURN x.id AS a, collect([y.id, y.name, labels(y)[0]]) AS neighbours
UNION ALL
UNWIND coalesce($offices, []) AS i
MATCH (x:Office {id: i})-[r]-(y)
WHERE (coalesce(x.valid_to, '9999-12-31') >= $as_of AND coalesce(x.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(x.confidence, 'stated') <> 'inferred')) AND (coalesce(r.valid_to, '9999-12-31') >= $as_of AND coalesce(r.valid_from, '0001-01-01') <= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred')) AND x <> y AND (y:Forum OR y:Office OR y:Municipality OR y:Region OR y:Organisation)
  AND NOT (type(r) = 'PART_OF' AND startNode(r):Municipality) AND (coalesce(y.valid_to, '9999-12-31') >= $as_of AND coalesce(y.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(y.confidence, 'stated') <> 'inferred'))
RETURN x.id AS a, collect([y.id, y.name, labels(y)[0]]) AS neighbours
UNION ALL
UNWIND coalesce($municipalities, []) AS i
MATCH (x:Municipality {id: i})-[r]-(y)
WHERE (coalesce(x.valid_to, '9999-12-31') >= $as_of AND coalesce(x.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(x.confidence, 'stated') <> 'inferred')) AND (coalesce(r.valid_to, '9999-12-31') >= $as_of AND coalesce(r.valid_from, '0001-01-01') <= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred')) AND x <> y AND (y:Forum OR y:Office OR y:Municipality OR y:Region OR y:Organisation)
  AND NOT (type(r) = 'PART_OF' AND startNode(r):Municipality) AND (coalesce(y.valid_to, '9999-12-31') >= $as_of AND coalesce(y.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(y.confidence, 'stated') <> 'inferred'))
RETURN x.id AS a, collect([y.id, y.name, labels(y)[0]]) AS neighbours
UNION ALL
UNWIND coalesce($regions, []) AS i
MATCH (x:Region {id: i})-[r]-(y)
WHERE (coalesce(x.valid_to, '9999-12-31') >= $as_of AND coalesce(x.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(x.confidence, 'stated') <> 'inferred')) AND (coalesce(r.valid_to, '9999-12-31') >= $as_of AND coalesce(r.valid_from, '0001-01-01') <= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred')) AND x <> y AND (y:Forum OR y:Office OR y:Municipality OR y:Region OR y:Organisation)
  AND NOT (type(r) = 'PART_OF' AND startNode(r):Municipality) AND (coalesce(y.valid_to, '9999-12-31') >= $as_of AND coalesce(y.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(y.confidence, 'stated') <> 'inferred'))
RETURN x.id AS a, collect([y.id, y.name, labels(y)[0]]) AS neighbours
UNION ALL
UNWIND coalesce($organisations, []) AS i
MATCH (x:Organisation {id: i})-[r]-(y)
WHERE (coalesce(x.valid_to, '9999-12-31') >= $as_of AND coalesce(x.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(x.confidence, 'stated') <> 'inferred')) AND (coalesce(r.valid_to, '9999-12-31') >= $as_of AND coalesce(r.valid_from, '0001-01-01') <= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred')) AND x <> y AND (y:Forum OR y:Office OR y:Municipality OR y:Region OR y:Organisation)
  AND NOT (type(r) = 'PART_OF' AND startNode(r):Municipality) AND (coalesce(y.valid_to, '9999-12-31') >= $as_of AND coalesce(y.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(y.confidence, 'stated') <> 'inferred'))
RETURN x.id AS a, collect([y.id, y.name, labels(y)[0]]) AS neighbours
