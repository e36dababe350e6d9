// name: chain
// description: The reporting chain of a forum on a date: every REPORTS_TO path up from it ("up") and into it ("down"), at most 10 steps, with the relation and the time properties of each step; the question keeps the shortest path to each forum. Its other relations come from chain_relations.
// params: forum (string)
MATCH (f {id: $forum})
WHERE @in_force(f)
MATCH p = (f)-[:REPORTS_TO*1..10]->(t)
WHERE all(x IN nodes(p) WHERE @in_force(x)) AND all(r IN relationships(p) WHERE @fact(r)) AND t <> f
RETURN 'up' AS direction, t.id AS id, t.name AS name, labels(t)[0] AS kind, length(p) AS depth,
       [x IN nodes(p) | x.id] AS path_ids, [x IN nodes(p) | x.name] AS path, [r IN relationships(p) | type(r)] AS types,
       [r IN relationships(p) | {valid_from: r.valid_from, valid_to: r.valid_to, attested_from: r.attested_from,
        last_attested: r.last_attested, period_confidence: r.period_confidence, confidence: r.confidence}] AS times,
       reduce(a = [], r IN relationships(p) | a + r.source_documents) AS src_docs,
       reduce(a = [], r IN relationships(p) | a + r.source_quotes) AS src_quotes,
       reduce(a = [], r IN relationships(p) | a + r.source_urls) AS src_urls,
       reduce(a = [], r IN relationships(p) | a + r.source_notes) AS src_notes
UNION ALL
MATCH (f {id: $forum})
WHERE @in_force(f)
MATCH p = (t)-[:REPORTS_TO*1..10]->(f)
WHERE all(x IN nodes(p) WHERE @in_force(x)) AND all(r IN relationships(p) WHERE @fact(r)) AND t <> f
RETURN 'down' AS direction, t.id AS id, t.name AS name, labels(t)[0] AS kind, length(p) AS depth,
       reverse([x IN nodes(p) | x.id]) AS path_ids, reverse([x IN nodes(p) | x.name]) AS path,
       reverse([r IN relationships(p) | type(r)]) AS types,
       [r IN relationships(p) | {valid_from: r.valid_from, valid_to: r.valid_to, attested_from: r.attested_from,
        last_attested: r.last_attested, period_confidence: r.period_confidence, confidence: r.confidence}] AS times,
       reduce(a = [], r IN relationships(p) | a + r.source_documents) AS src_docs,
       reduce(a = [], r IN relationships(p) | a + r.source_quotes) AS src_quotes,
       reduce(a = [], r IN relationships(p) | a + r.source_urls) AS src_urls,
       reduce(a = [], r IN relationships(p) | a + r.source_notes) AS src_notes
