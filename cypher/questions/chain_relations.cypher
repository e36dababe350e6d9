// name: chain_relations
// description: A node's relations on a date that are not reporting lines (preparing cases,
//   commissioning, setting up, advising, implementing, submitting, cooperating, secretariat, support,
//   meetings, appointments, replacing, abolishing, merging): one row per relationship, out of it or
//   into it, with the other end, the relation's time properties and sources.
// params: forum (string), types (list)
MATCH (f {id: $forum})-[r]->(t)
WHERE @in_force(f) AND type(r) IN $types AND @fact(r) AND @in_force(t)
RETURN 'out' AS direction, type(r) AS type, t.id AS id, t.name AS name, labels(t)[0] AS kind,
       r.valid_from AS valid_from, r.valid_to AS valid_to, r.attested_from AS attested_from,
       r.last_attested AS last_attested, r.period_confidence AS period_confidence, r.confidence AS confidence,
       r.source_documents AS src_docs, r.source_quotes AS src_quotes, r.source_urls AS src_urls, r.source_notes AS src_notes
UNION ALL
MATCH (t)-[r]->(f {id: $forum})
WHERE @in_force(f) AND type(r) IN $types AND @fact(r) AND @in_force(t)
RETURN 'in' AS direction, type(r) AS type, t.id AS id, t.name AS name, labels(t)[0] AS kind,
       r.valid_from AS valid_from, r.valid_to AS valid_to, r.attested_from AS attested_from,
       r.last_attested AS last_attested, r.period_confidence AS period_confidence, r.confidence AS confidence,
       r.source_documents AS src_docs, r.source_quotes AS src_quotes, r.source_urls AS src_urls, r.source_notes AS src_notes
