// name: source_documents
// description: The source documents the facts in the database cite.
// params: none
MATCH (n)
UNWIND coalesce(n.source_documents, []) AS d
RETURN collect(DISTINCT d) AS documents
