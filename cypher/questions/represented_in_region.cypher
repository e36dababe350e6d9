// name: represented_in_region
// description: The represented rows for every municipality of a region (or of all regions when region is null): what matrix, meetings and unrepresented count.
// params: region (string, optional)
MATCH (m:Municipality)
WHERE ($region IS NULL OR m.region = $region) AND @in_force(m)
OPTIONAL MATCH (o:Office)-[h:HOLDS_OFFICE_IN]->(m)
WHERE @in_force(o) AND @fact(h)
WITH m, collect(DISTINCT o) AS offices
OPTIONAL MATCH (b:Office)-[rb:MEMBER_OF]->(:Forum)
WHERE rb.on_behalf_of = m.id AND NOT b IN offices AND @in_force(b) AND @fact(rb)
WITH m, offices, collect(DISTINCT b) AS behalf
UNWIND offices + behalf + [m] AS member
MATCH (member)-[r:MEMBER_OF]->(f:Forum)
WHERE @fact(r) AND @in_force(f)
WITH m, member, r, f, CASE WHEN member = m THEN [m] ELSE [m, member] END AS base
RETURN m.id AS municipality_id, f.id AS forum_id, f.name AS forum, r.role AS role,
       member.id AS via_id, member.name AS via, labels(member)[0] AS via_kind, true AS direct,
       [x IN base + [f] | x.id] AS path_ids, [x IN base + [f] | x.name] AS path,
       [coalesce(r.confidence, 'stated')] AS confidences, coalesce(r.disputed, false) AS disputed,
       r.source_documents AS src_docs, r.source_quotes AS src_quotes, r.source_urls AS src_urls, r.source_notes AS src_notes,
       f.meetings_per_year AS meetings_per_year, f.meetings_per_year_max AS meetings_per_year_max,
       f.meetings_note AS meetings_note
UNION ALL
MATCH (m:Municipality)
WHERE ($region IS NULL OR m.region = $region) AND @in_force(m)
OPTIONAL MATCH (o:Office)-[h:HOLDS_OFFICE_IN]->(m)
WHERE @in_force(o) AND @fact(h)
WITH m, collect(DISTINCT o) AS offices
OPTIONAL MATCH (b:Office)-[rb:MEMBER_OF]->(:Forum)
WHERE rb.on_behalf_of = m.id AND NOT b IN offices AND @in_force(b) AND @fact(rb)
WITH m, offices, collect(DISTINCT b) AS behalf
UNWIND offices + behalf + [m] AS member
MATCH (member)-[r:MEMBER_OF]->(f:Forum)-[r2:MEMBER_OF]->(f2:Forum)
WHERE @fact(r) AND @in_force(f) AND @fact(r2) AND @in_force(f2) AND f2 <> m AND f2 <> member AND f2 <> f
WITH m, member, r, f, r2, f2, CASE WHEN member = m THEN [m] ELSE [m, member] END AS base
RETURN m.id AS municipality_id, f2.id AS forum_id, f2.name AS forum, r2.role AS role,
       f.id AS via_id, f.name AS via, labels(f)[0] AS via_kind, false AS direct,
       [x IN base + [f, f2] | x.id] AS path_ids, [x IN base + [f, f2] | x.name] AS path,
       [coalesce(r.confidence, 'stated'), coalesce(r2.confidence, 'stated')] AS confidences,
       coalesce(r.disputed, false) OR coalesce(r2.disputed, false) AS disputed,
       r.source_documents + r2.source_documents AS src_docs, r.source_quotes + r2.source_quotes AS src_quotes,
       r.source_urls + r2.source_urls AS src_urls, r.source_notes + r2.source_notes AS src_notes,
       f2.meetings_per_year AS meetings_per_year, f2.meetings_per_year_max AS meetings_per_year_max,
       f2.meetings_note AS meetings_note
