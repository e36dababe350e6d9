// name: represented
// description: represented (cypher/questions/represented.cypher) in the shape ArcadeDB's planner
//   needs. ArcadeDB uses a relationship index only in a query's leading MATCH (not in OPTIONAL
//   MATCH, CALL {}, COUNT {} or after WITH), so the offices sitting on the municipality's behalf
//   are a second UNION branch that starts with the on_behalf_of index instead of a scan of every
//   MEMBER_OF. The same rows as the Neo4j form, in two records (one per branch) instead of one.
// params: municipality (string)
MATCH (m:Municipality {id: $municipality})
WHERE @in_force(m)
OPTIONAL MATCH (o:Office)-[h:HOLDS_OFFICE_IN]->(m)
WHERE @in_force(o) AND @fact(h)
WITH m, collect(DISTINCT o) AS offices
UNWIND offices + [m] AS member
MATCH (member)-[r:MEMBER_OF]->(f:Forum)
WHERE @fact(r) AND @in_force(f)
RETURN collect({municipality_id: m.id, municipality: m.name, via_id: member.id, via: member.name,
        via_kind: labels(member)[0], forum_id: f.id, forum: f.name, forum_kind: labels(f)[0], role: r.role,
        confidence: coalesce(r.confidence, 'stated'), valid_from: r.valid_from, valid_to: r.valid_to, attested_from: r.attested_from, last_attested: r.last_attested, period_confidence: r.period_confidence, disputed: coalesce(r.disputed, false),
        src_docs: r.source_documents, src_quotes: r.source_quotes, src_urls: r.source_urls,
        src_notes: r.source_notes, meetings_per_year: f.meetings_per_year,
        meetings_per_year_max: f.meetings_per_year_max, meetings_note: f.meetings_note, meetings_history: f.meetings_history,
        ups: [(f)-[r2:MEMBER_OF]->(f2:Forum) WHERE @fact(r2) AND @in_force(f2) AND f2 <> m AND f2 <> member AND f2 <> f |
        {forum_id: f2.id, forum: f2.name, role: r2.role, confidence: coalesce(r2.confidence, 'stated'), valid_from: r2.valid_from, valid_to: r2.valid_to, attested_from: r2.attested_from, last_attested: r2.last_attested, period_confidence: r2.period_confidence,
         disputed: coalesce(r2.disputed, false), src_docs: r2.source_documents, src_quotes: r2.source_quotes,
         src_urls: r2.source_urls, src_notes: r2.source_notes, meetings_per_year: f2.meetings_per_year,
         meetings_per_year_max: f2.meetings_per_year_max, meetings_note: f2.meetings_note, meetings_history: f2.meetings_history}]}) AS rows
UNION ALL
MATCH ()-[rb:MEMBER_OF]->()
WHERE rb.on_behalf_of = $municipality AND @fact(rb)
WITH DISTINCT startNode(rb) AS member, endNode(rb) AS bf
WHERE member:Office AND bf:Forum AND @in_force(member) AND @in_force(bf)
WITH DISTINCT member
MATCH (m:Municipality {id: $municipality})
WHERE @in_force(m) AND NOT EXISTS { MATCH (member)-[h:HOLDS_OFFICE_IN]->(m) WHERE @fact(h) }
MATCH (member)-[r:MEMBER_OF]->(f:Forum)
WHERE @fact(r) AND @in_force(f)
RETURN collect({municipality_id: m.id, municipality: m.name, via_id: member.id, via: member.name,
        via_kind: labels(member)[0], forum_id: f.id, forum: f.name, forum_kind: labels(f)[0], role: r.role,
        confidence: coalesce(r.confidence, 'stated'), valid_from: r.valid_from, valid_to: r.valid_to, attested_from: r.attested_from, last_attested: r.last_attested, period_confidence: r.period_confidence, disputed: coalesce(r.disputed, false),
        src_docs: r.source_documents, src_quotes: r.source_quotes, src_urls: r.source_urls,
        src_notes: r.source_notes, meetings_per_year: f.meetings_per_year,
        meetings_per_year_max: f.meetings_per_year_max, meetings_note: f.meetings_note, meetings_history: f.meetings_history,
        ups: [(f)-[r2:MEMBER_OF]->(f2:Forum) WHERE @fact(r2) AND @in_force(f2) AND f2 <> m AND f2 <> member AND f2 <> f |
        {forum_id: f2.id, forum: f2.name, role: r2.role, confidence: coalesce(r2.confidence, 'stated'), valid_from: r2.valid_from, valid_to: r2.valid_to, attested_from: r2.attested_from, last_attested: r2.last_attested, period_confidence: r2.period_confidence,
         disputed: coalesce(r2.disputed, false), src_docs: r2.source_documents, src_quotes: r2.source_quotes,
         src_urls: r2.source_urls, src_notes: r2.source_notes, meetings_per_year: f2.meetings_per_year,
         meetings_per_year_max: f2.meetings_per_year_max, meetings_note: f2.meetings_note, meetings_history: f2.meetings_history}]}) AS rows
