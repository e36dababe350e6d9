// name: network_neighbours
// description: One step of the organisational network from a set of nodes on a date, the ids given
//   per kind (so each is found through its label's id index): their neighbours among fora, offices,
//   municipalities, regions and organisations (a municipality's geographic PART_OF its region is not
//   a link). links expands both ends with it. One row per node: its neighbours as [id, name, kind]
//   (one record per node, not per neighbour: the driver's cost is per record).
// params: forums (list, optional), offices (list, optional), municipalities (list, optional),
//   regions (list, optional), organisations (list, optional)
UNWIND coalesce($forums, []) AS i
MATCH (x:Forum {id: i})-[r]-(y)
WHERE @in_force(x) AND @fact(r) AND x <> y AND (y:Forum OR y:Office OR y:Municipality OR y:Region OR y:Organisation)
  AND NOT (type(r) = 'PART_OF' AND startNode(r):Municipality) AND @in_force(y)
RETURN x.id AS a, collect([y.id, y.name, labels(y)[0]]) AS neighbours
UNION ALL
UNWIND coalesce($offices, []) AS i
MATCH (x:Office {id: i})-[r]-(y)
WHERE @in_force(x) AND @fact(r) AND x <> y AND (y:Forum OR y:Office OR y:Municipality OR y:Region OR y:Organisation)
  AND NOT (type(r) = 'PART_OF' AND startNode(r):Municipality) AND @in_force(y)
RETURN x.id AS a, collect([y.id, y.name, labels(y)[0]]) AS neighbours
UNION ALL
UNWIND coalesce($municipalities, []) AS i
MATCH (x:Municipality {id: i})-[r]-(y)
WHERE @in_force(x) AND @fact(r) AND x <> y AND (y:Forum OR y:Office OR y:Municipality OR y:Region OR y:Organisation)
  AND NOT (type(r) = 'PART_OF' AND startNode(r):Municipality) AND @in_force(y)
RETURN x.id AS a, collect([y.id, y.name, labels(y)[0]]) AS neighbours
UNION ALL
UNWIND coalesce($regions, []) AS i
MATCH (x:Region {id: i})-[r]-(y)
WHERE @in_force(x) AND @fact(r) AND x <> y AND (y:Forum OR y:Office OR y:Municipality OR y:Region OR y:Organisation)
  AND NOT (type(r) = 'PART_OF' AND startNode(r):Municipality) AND @in_force(y)
RETURN x.id AS a, collect([y.id, y.name, labels(y)[0]]) AS neighbours
UNION ALL
UNWIND coalesce($organisations, []) AS i
MATCH (x:Organisation {id: i})-[r]-(y)
WHERE @in_force(x) AND @fact(r) AND x <> y AND (y:Forum OR y:Office OR y:Municipality OR y:Region OR y:Organisation)
  AND NOT (type(r) = 'PART_OF' AND startNode(r):Municipality) AND @in_force(y)
RETURN x.id AS a, collect([y.id, y.name, labels(y)[0]]) AS neighbours
