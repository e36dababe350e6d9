// name: gaps
// description: What the documents leave unknown or contradict: each gap with its type, description, the nodes it concerns and the quotes.
// params: none
MATCH (g:Gap)
OPTIONAL MATCH (g)-[:CONCERNS]->(x)
WITH g, collect({id: x.id, name: x.name}) AS concerns
RETURN g.id AS id, g.name AS name, g.gap_type AS gap_type, g.description AS description,
       [c IN concerns WHERE c.id IS NOT NULL] AS concerns,
       g.source_documents AS src_docs, g.source_quotes AS src_quotes, g.source_urls AS src_urls, g.source_notes AS src_notes
ORDER BY id
