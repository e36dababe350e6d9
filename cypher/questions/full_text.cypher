// name: full_text
// description: Full-text search: the nodes whose name, abbreviation or an alias, and the nodes and relationships one of whose source quotes, hold every given word (folded: lower case, å/æ/ø written aa/ae/oe), with their sources and validity, of every period. What `ask search` fetches.
// params: words (list)
MATCH (n)
WHERE @stated(n)
WITH n,
     [v IN [n.name] WHERE v IS NOT NULL AND all(w IN $words WHERE replace(replace(replace(toLower(v), 'å', 'aa'), 'æ', 'ae'), 'ø', 'oe') CONTAINS w)] AS by_name,
     [v IN [n.abbreviation, n.short_name] WHERE v IS NOT NULL AND all(w IN $words WHERE replace(replace(replace(toLower(v), 'å', 'aa'), 'æ', 'ae'), 'ø', 'oe') CONTAINS w)] AS by_abbreviation,
     [v IN coalesce(n.aliases, []) WHERE all(w IN $words WHERE replace(replace(replace(toLower(v), 'å', 'aa'), 'æ', 'ae'), 'ø', 'oe') CONTAINS w)] AS by_alias,
     [q IN coalesce(n.source_quotes, []) WHERE all(w IN $words WHERE replace(replace(replace(toLower(q), 'å', 'aa'), 'æ', 'ae'), 'ø', 'oe') CONTAINS w)] AS by_quote
WHERE size(by_name) + size(by_abbreviation) + size(by_alias) + size(by_quote) > 0
RETURN 'node' AS kind, n.id AS id, labels(n)[0] AS label, n.name AS name,
       CASE WHEN size(by_name) > 0 THEN ['name'] ELSE [] END
       + CASE WHEN size(by_abbreviation) > 0 THEN ['abbreviation'] ELSE [] END
       + CASE WHEN size(by_alias) > 0 THEN ['alias'] ELSE [] END
       + CASE WHEN size(by_quote) > 0 THEN ['quote'] ELSE [] END AS matched,
       coalesce(n.confidence, 'stated') AS confidence, n.valid_from AS valid_from, n.valid_to AS valid_to,
       n.source_documents AS src_docs, n.source_quotes AS src_quotes, n.source_urls AS src_urls, n.source_notes AS src_notes
UNION ALL
MATCH (a)-[r]->(b)
WHERE @stated(r) AND @cites(r) AND @stated(a) AND @stated(b) AND any(q IN coalesce(r.source_quotes, []) WHERE all(w IN $words WHERE replace(replace(replace(toLower(q), 'å', 'aa'), 'æ', 'ae'), 'ø', 'oe') CONTAINS w))
RETURN 'relationship' AS kind, r.id AS id, type(r) AS label, a.name + ' → ' + b.name AS name, ['quote'] AS matched,
       coalesce(r.confidence, 'stated') AS confidence, r.valid_from AS valid_from, r.valid_to AS valid_to,
       r.source_documents AS src_docs, r.source_quotes AS src_quotes, r.source_urls AS src_urls, r.source_notes AS src_notes
