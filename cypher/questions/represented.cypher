// name: represented
// description: The memberships through which a municipality is represented on a date: the
//   municipality itself, each of its offices, or an office held elsewhere that sits on its behalf
//   (found through the on_behalf_of index; a leading MATCH is the only place ArcadeDB uses a
//   relationship index). One record per branch of the UNION, its `rows` a list with a map per valid
//   MEMBER_OF of a member (the driver's cost is per record: a municipality has 20-30 of them).
//   `ups` lists the valid memberships of that forum in further fora (indirect representation, one
//   level). sundhedsgraf.questions expands the rows into direct and indirect seats with paths and
//   sources.
// params: municipality (string), as_of (date), source (string, optional), inferred (boolean, optional)
MATCH (m:Municipality {id: $municipality})
WHERE (coalesce(m.valid_to, '9999-12-31') >= $as_of AND coalesce(m.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(m.confidence, 'stated') <> 'inferred'))
OPTIONAL MATCH (o:Office)-[h:HOLDS_OFFICE_IN]->(m)
WHERE (coalesce(o.valid_to, '9999-12-31') >= $as_of AND coalesce(o.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(o.confidence, 'stated') <> 'inferred')) AND (coalesce(h.valid_to, '9999-12-31') >= $as_of AND coalesce(h.valid_from, '0001-01-01') <= $as_of AND ($source IS NULL OR $source IN h.source_documents) AND (coalesce($inferred, false) OR coalesce(h.confidence, 'stated') <> 'inferred'))
WITH m, collect(DISTINCT o) AS offices
UNWIND offices + [m] AS member
MATCH (member)-[r:MEMBER_OF]->(f:Forum)
WHERE (coalesce(r.valid_to, '9999-12-31') >= $as_of AND coalesce(r.valid_from, '0001-01-01') <= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred')) AND (coalesce(f.valid_to, '9999-12-31') >= $as_of AND coalesce(f.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(f.confidence, 'stated') <> 'inferred'))
RETURN collect({municipality_id: m.id, municipality: m.name, via_id: member.id, via: member.name,
        via_kind: labels(member)[0], forum_id: f.id, forum: f.name, forum_kind: labels(f)[0], role: r.role,
        confidence: coalesce(r.confidence, 'stated'), disputed: coalesce(r.disputed, false),
        src_docs: r.source_documents, src_quotes: r.source_quotes, src_urls: r.source_urls,
        src_notes: r.source_notes, meetings_per_year: f.meetings_per_year,
        meetings_per_year_max: f.meetings_per_year_max, meetings_note: f.meetings_note,
        ups: [(f)-[r2:MEMBER_OF]->(f2:Forum) WHERE (coalesce(r2.valid_to, '9999-12-31') >= $as_of AND coalesce(r2.valid_from, '0001-01-01') <= $as_of AND ($source IS NULL OR $source IN r2.source_documents) AND (coalesce($inferred, false) OR coalesce(r2.confidence, 'stated') <> 'inferred')) AND (coalesce(f2.valid_to, '9999-12-31') >= $as_of AND coalesce(f2.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(f2.confidence, 'stated') <> 'inferred')) AND f2 <> m AND f2 <> member AND f2 <> f |
        {forum_id: f2.id, forum: f2.name, role: r2.role, confidence: coalesce(r2.confidence, 'stated'),
         disputed: coalesce(r2.disputed, false), src_docs: r2.source_documents, src_quotes: r2.source_quotes,
         src_urls: r2.source_urls, src_notes: r2.source_notes, meetings_per_year: f2.meetings_per_year,
         meetings_per_year_max: f2.meetings_per_year_max, meetings_note: f2.meetings_note}]}) AS rows
UNION ALL
MATCH ()-[rb:MEMBER_OF]->()
WHERE rb.on_behalf_of = $municipality AND (coalesce(rb.valid_to, '9999-12-31') >= $as_of AND coalesce(rb.valid_from, '0001-01-01') <= $as_of AND ($source IS NULL OR $source IN rb.source_documents) AND (coalesce($inferred, false) OR coalesce(rb.confidence, 'stated') <> 'inferred'))
WITH DISTINCT startNode(rb) AS member, endNode(rb) AS bf
WHERE member:Office AND bf:Forum AND (coalesce(member.valid_to, '9999-12-31') >= $as_of AND coalesce(member.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(member.confidence, 'stated') <> 'inferred')) AND (coalesce(bf.valid_to, '9999-12-31') >= $as_of AND coalesce(bf.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(bf.confidence, 'stated') <> 'inferred'))
WITH DISTINCT member
MATCH (m:Municipality {id: $municipality})
WHERE (coalesce(m.valid_to, '9999-12-31') >= $as_of AND coalesce(m.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(m.confidence, 'stated') <> 'inferred')) AND NOT EXISTS { MATCH (member)-[h:HOLDS_OFFICE_IN]->(m) WHERE (coalesce(h.valid_to, '9999-12-31') >= $as_of AND coalesce(h.valid_from, '0001-01-01') <= $as_of AND ($source IS NULL OR $source IN h.source_documents) AND (coalesce($inferred, false) OR coalesce(h.confidence, 'stated') <> 'inferred')) }
MATCH (member)-[r:MEMBER_OF]->(f:Forum)
WHERE (coalesce(r.valid_to, '9999-12-31') >= $as_of AND coalesce(r.valid_from, '0001-01-01') <= $as_of AND ($source IS NULL OR $source IN r.source_documents) AND (coalesce($inferred, false) OR coalesce(r.confidence, 'stated') <> 'inferred')) AND (coalesce(f.valid_to, '9999-12-31') >= $as_of AND coalesce(f.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(f.confidence, 'stated') <> 'inferred'))
RETURN collect({municipality_id: m.id, municipality: m.name, via_id: member.id, via: member.name,
        via_kind: labels(member)[0], forum_id: f.id, forum: f.name, forum_kind: labels(f)[0], role: r.role,
        confidence: coalesce(r.confidence, 'stated'), disputed: coalesce(r.disputed, false),
        src_docs: r.source_documents, src_quotes: r.source_quotes, src_urls: r.source_urls,
        src_notes: r.source_notes, meetings_per_year: f.meetings_per_year,
        meetings_per_year_max: f.meetings_per_year_max, meetings_note: f.meetings_note,
        ups: [(f)-[r2:MEMBER_OF]->(f2:Forum) WHERE (coalesce(r2.valid_to, '9999-12-31') >= $as_of AND coalesce(r2.valid_from, '0001-01-01') <= $as_of AND ($source IS NULL OR $source IN r2.source_documents) AND (coalesce($inferred, false) OR coalesce(r2.confidence, 'stated') <> 'inferred')) AND (coalesce(f2.valid_to, '9999-12-31') >= $as_of AND coalesce(f2.valid_from, '0001-01-01') <= $as_of AND (coalesce($inferred, false) OR coalesce(f2.confidence, 'stated') <> 'inferred')) AND f2 <> m AND f2 <> member AND f2 <> f |
        {forum_id: f2.id, forum: f2.name, role: r2.role, confidence: coalesce(r2.confidence, 'stated'),
         disputed: coalesce(r2.disputed, false), src_docs: r2.source_documents, src_quotes: r2.source_quotes,
         src_urls: r2.source_urls, src_notes: r2.source_notes, meetings_per_year: f2.meetings_per_year,
         meetings_per_year_max: f2.meetings_per_year_max, meetings_note: f2.meetings_note}]}) AS rows
