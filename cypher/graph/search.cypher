// name: search
// description: Nodes whose name, id or abbreviation contains a text (case-insensitive),
//   optionally only of one label; with as_of, only nodes in force on that date; inferred nodes only
//   with inferred; at most 100.
// params: text (string), label (string, optional), as_of (date, optional)
MATCH (n)
WHERE ($label IS NULL OR $label IN labels(n)) AND @in_force(n)
  AND (toLower(n.name) CONTAINS toLower($text)
       OR toLower(n.id) CONTAINS toLower($text)
       OR toLower(coalesce(n.abbreviation, '')) CONTAINS toLower($text))
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.status AS status
ORDER BY label, name, id
LIMIT 100
