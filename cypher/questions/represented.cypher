// name: represented
// description: The memberships through which a municipality is represented on a date: the
//   municipality itself, each of its offices, or an office held elsewhere that sits on its behalf
//   (on_behalf_of, an indexed property). One record, its `rows` a list with a map per valid
//   MEMBER_OF of a member (the driver's cost is per record: a municipality has 20-30 of them).
//   `ups` lists the valid memberships of that forum in further fora (indirect representation, one
//   level). sundhedsgraf.questions expands the rows into direct and indirect seats with paths and
//   sources. ArcadeDB runs cypher/arcadedb/questions/represented.cypher instead (the same rows).
// params: municipality (string)
MATCH (m:Municipality {id: $municipality})
WHERE @in_force(m)
OPTIONAL MATCH (o:Office)-[h:HOLDS_OFFICE_IN]->(m)
WHERE @in_force(o) AND @fact(h)
WITH m, collect(DISTINCT o) AS offices
OPTIONAL MATCH (b:Office)-[rb:MEMBER_OF]->(bf:Forum)
WHERE rb.on_behalf_of = m.id AND NOT b IN offices AND @fact(rb) AND @in_force(b) AND @in_force(bf)
WITH m, offices, collect(DISTINCT b) AS behalf
UNWIND offices + behalf + [m] AS member
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
