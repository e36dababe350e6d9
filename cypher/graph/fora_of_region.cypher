// name: fora_of_region
// description: The fora of a region (given by id or name): those whose region is it and those
//   part of it, with type, level, status and validity; with as_of, only fora valid on that date;
//   inferred fora only with inferred.
// params: region (string), as_of (date, optional)
MATCH (r:Region)
WHERE r.id = $region OR toLower(r.name) = toLower($region)
MATCH (f:Forum)
WHERE f.region = r.id OR EXISTS { (f)-[:PART_OF*1..4]->(r) }
WITH DISTINCT r, f
WHERE @in_force(f)
RETURN f.id AS id,
       f.name AS name,
       f.forum_type AS forum_type,
       f.level AS level,
       f.status AS status,
       f.valid_from AS valid_from,
       f.valid_to AS valid_to,
       r.id AS region
ORDER BY name, id
