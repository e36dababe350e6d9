// name: fora_at
// description: The fora in force on a date, optionally of one region, with their status, meeting
//   cadence, time properties (what a source started or ended, when they were attested) and sources.
// params: region (string, optional)
MATCH (f:Forum)
WHERE @in_force(f) AND ($region IS NULL OR f.region = $region)
RETURN f.id AS forum_id, f.name AS forum, f.status AS status, f.forum_type AS forum_type,
       f.meetings_per_year AS meetings_per_year, f.meetings_per_year_max AS meetings_per_year_max,
       f.valid_from AS valid_from, f.valid_to AS valid_to, f.attested_from AS attested_from,
       f.last_attested AS last_attested, f.period_confidence AS period_confidence, f.confidence AS confidence,
       f.period_documents AS period_documents, f.period_quotes AS period_quotes,
       f.source_documents AS src_docs, f.source_quotes AS src_quotes, f.source_urls AS src_urls, f.source_notes AS src_notes
ORDER BY forum_id
