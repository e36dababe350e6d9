// name: represented
// description: Fora where a municipality is represented on a date: the role, through which office, directly (one of its offices or the municipality itself is a member, or an office sits on its behalf) or indirectly (a body it belongs to is itself a member), with the path and the sources. One row per membership; the question groups them.
// params: municipality (string), as_of (date), source (string, optional), inferred (boolean, optional)
MATCH (m:Municipality {id: $municipality})
WHERE (coalesce(m.valid_from, '0001-01-01') <= $as_of AND coalesce(m.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(m.confidence, 'stated') <> 'inferred'))
OPTIONAL MATCH (o:Office)-[h:HOLDS_OFFICE_IN]->(m)
WHERE (coalesce(o.valid_from, '0001-01-01') <= $as_of AND coalesce(o.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(o.confidence, 'stated') <> 'inferred')) AND (coalesce(h.valid_from, '0001-01-01') <= $as_of AND coalesce(h.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN h.source_documents) AND (coalesce($inferred, false) OR coalesce(h.confidence, 'stated') <> 'inferred'))
WITH m, collect(DISTINCT o) AS offices
OPTIONAL MATCH (b:Office)-[rb:MEMBER_OF]->(:Forum)
WHERE rb.on_behalf_of = m.id AND NOT b IN offices AND (coalesce(b.valid_from, '0001-01-01') <= $as_of AND coalesce(b.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(b.confidence, 'stated') <> 'inferred')) AND (coalesce(rb.valid_from, '0001-01-01') <= $as_of AND coalesce(rb.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN rb.source_documents) AND (coalesce($inferred, false) OR coalesce(rb.confidence, 'stated') <> 'inferred'))
WITH m, offices, collect(DISTINCT b) AS behalf
UNWIND offices + behalf + [m] AS member
MATCH (member)-[r:MEMBER_OF]->(f:Forum)
WHERE (coalesce(r.valid_from, '0001-01-01') <= $as_of AND coalesce(r.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred')) AND (coalesce(f.valid_from, '0001-01-01') <= $as_of AND coalesce(f.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(f.confidence, 'stated') <> 'inferred'))
WITH m, member, r, f, CASE WHEN member = m THEN [m] ELSE [m, member] END AS base
RETURN m.id AS municipality_id, f.id AS forum_id, f.name AS forum, r.role AS role,
       member.id AS via_id, member.name AS via, labels(member)[0] AS via_kind, true AS direct,
       [x IN base + [f] | x.id] AS path_ids, [x IN base + [f] | x.name] AS path,
       [coalesce(r.confidence, 'stated')] AS confidences, coalesce(r.disputed, false) AS disputed,
       r.source_documents AS src_docs, r.source_quotes AS src_quotes, r.source_urls AS src_urls, r.source_notes AS src_notes,
       f.meetings_per_year AS meetings_per_year, f.meetings_per_year_max AS meetings_per_year_max,
       f.meetings_note AS meetings_note
UNION ALL
MATCH (m:Municipality {id: $municipality})
WHERE (coalesce(m.valid_from, '0001-01-01') <= $as_of AND coalesce(m.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(m.confidence, 'stated') <> 'inferred'))
OPTIONAL MATCH (o:Office)-[h:HOLDS_OFFICE_IN]->(m)
WHERE (coalesce(o.valid_from, '0001-01-01') <= $as_of AND coalesce(o.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(o.confidence, 'stated') <> 'inferred')) AND (coalesce(h.valid_from, '0001-01-01') <= $as_of AND coalesce(h.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN h.source_documents) AND (coalesce($inferred, false) OR coalesce(h.confidence, 'stated') <> 'inferred'))
WITH m, collect(DISTINCT o) AS offices
OPTIONAL MATCH (b:Office)-[rb:MEMBER_OF]->(:Forum)
WHERE rb.on_behalf_of = m.id AND NOT b IN offices AND (coalesce(b.valid_from, '0001-01-01') <= $as_of AND coalesce(b.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(b.confidence, 'stated') <> 'inferred')) AND (coalesce(rb.valid_from, '0001-01-01') <= $as_of AND coalesce(rb.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN rb.source_documents) AND (coalesce($inferred, false) OR coalesce(rb.confidence, 'stated') <> 'inferred'))
WITH m, offices, collect(DISTINCT b) AS behalf
UNWIND offices + behalf + [m] AS member
MATCH (member)-[r:MEMBER_OF]->(f:Forum)-[r2:MEMBER_OF]->(f2:Forum)
WHERE (coalesce(r.valid_from, '0001-01-01') <= $as_of AND coalesce(r.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred')) AND (coalesce(f.valid_from, '0001-01-01') <= $as_of AND coalesce(f.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(f.confidence, 'stated') <> 'inferred')) AND (coalesce(r2.valid_from, '0001-01-01') <= $as_of AND coalesce(r2.valid_to, '9999-12-31') >= $as_of AND ($source IS NULL OR $source IN r2.source_documents) AND (coalesce($inferred, false) OR coalesce(r2.confidence, 'stated') <> 'inferred')) AND (coalesce(f2.valid_from, '0001-01-01') <= $as_of AND coalesce(f2.valid_to, '9999-12-31') >= $as_of AND (coalesce($inferred, false) OR coalesce(f2.confidence, 'stated') <> 'inferred')) AND f2 <> m AND f2 <> member AND f2 <> f
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
