// name: represented_in_region
// description: The represented rows of every municipality of a region (or of all regions when region is null), in the packed shape of `represented` (one map per valid membership of a member, the forum's own memberships in `ups`): what matrix, meetings and unrepresented count.
// params: region (string, optional)
// The offices sitting on some municipality's behalf are found by one pass over MEMBER_OF before
// the municipalities (a pass per municipality cost half the query); one record for the driver.
CALL {
  MATCH (b:Office)-[rb:MEMBER_OF]->(:Forum)
  WHERE rb.on_behalf_of IS NOT NULL AND @fact(rb) AND @in_force(b)
  RETURN collect(DISTINCT [rb.on_behalf_of, b]) AS on_behalf
}
MATCH (m:Municipality)
WHERE ($region IS NULL OR m.region = $region) AND @in_force(m)
OPTIONAL MATCH (o:Office)-[h:HOLDS_OFFICE_IN]->(m)
WHERE @in_force(o) AND @fact(h)
WITH m, on_behalf, collect(DISTINCT o) AS offices
UNWIND offices + [x IN on_behalf WHERE x[0] = m.id AND NOT x[1] IN offices | x[1]] + [m] AS member
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
