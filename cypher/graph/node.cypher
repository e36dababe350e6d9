// name: node
// description: One node by id: its labels, name, every property, and its sources as a list of
//   {document, quote, url, note} (the parallel source_* lists zipped back together); with as_of,
//   only if it is in force on that date; an inferred node only with inferred.
// params: id (string), as_of (date, optional)
MATCH (n {id: $id})
WHERE @in_force(n)
RETURN n.id AS id,
       labels(n) AS labels,
       n.name AS name,
       properties(n) AS properties,
       [i IN range(0, size(coalesce(n.source_documents, [])) - 1) |
         {document: n.source_documents[i], quote: n.source_quotes[i],
          url: n.source_urls[i], note: n.source_notes[i]}] AS sources
