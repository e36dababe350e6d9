// name: replacements
// description: Every REPLACES fact of any period (the replacing forum, the replaced one and the
//   sources), for `changes`, which reports a forum abolished in its window as replaced when one says so.
// params: none
MATCH (n)-[r:REPLACES]->(o)
WHERE @cites(r) AND @stated(r)
RETURN n.id AS new_id, o.id AS old_id,
       r.source_documents AS src_docs, r.source_quotes AS src_quotes, r.source_urls AS src_urls, r.source_notes AS src_notes
ORDER BY new_id, old_id
