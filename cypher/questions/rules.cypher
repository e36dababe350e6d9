// name: rules
// description: The composition rules the documents state, with their machine checks (JSON) and quotes.
// params: none
MATCH (r:Rule)
RETURN r.id AS id, r.name AS name, coalesce(r.description, '') AS description, coalesce(r.applies_to, []) AS applies_to,
       r.check AS check, coalesce(r.attested_dates, []) AS attested_dates, r.source_documents AS src_docs, r.source_quotes AS src_quotes,
       r.source_urls AS src_urls, r.source_notes AS src_notes
ORDER BY id
