// name: timeline
// description: The processes, their phases and milestones (dates, deadlines, deliverables) with the bodies responsible for each step.
// params: none
MATCH (p:Process)
OPTIONAL MATCH (step)-[:PART_OF]->(p)
WHERE step:Phase OR step:Milestone
OPTIONAL MATCH (ms:Milestone)-[:PART_OF]->(step)
WITH p, collect(DISTINCT step) + collect(DISTINCT ms) + [p] AS steps
UNWIND steps AS s
OPTIONAL MATCH (s)-[:PART_OF]->(parent)
WHERE parent:Process OR parent:Phase
OPTIONAL MATCH (who)-[r:RESPONSIBLE_FOR]->(s)
WITH p, s, parent, collect(CASE WHEN who IS NULL THEN null ELSE {id: who.id, name: who.name, kind: labels(who)[0], task: r.task, src_docs: r.source_documents, src_quotes: r.source_quotes, src_urls: r.source_urls, src_notes: r.source_notes} END) AS responsible
RETURN p.id AS process_id, s.id AS id, s.name AS name, labels(s)[0] AS kind, parent.id AS parent_id,
       s.order AS order, s.when_text AS when_text, s.starts AS starts, s.ends AS ends, s.precision AS precision,
       coalesce(s.deadline, false) AS deadline, s.deliverable AS deliverable, s.status AS status,
       [x IN responsible WHERE x IS NOT NULL] AS responsible,
       s.source_documents AS src_docs, s.source_quotes AS src_quotes, s.source_urls AS src_urls, s.source_notes AS src_notes
ORDER BY process_id, id
