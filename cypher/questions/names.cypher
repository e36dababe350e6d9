// name: names
// description: Every named node (fora, offices, municipalities, regions, organisations, processes, documents) with its kind, abbreviation and aliases: what ask matches names against.
// params: none
MATCH (n)
WHERE NOT n:Gap AND NOT n:Rule
RETURN n.id AS id, n.name AS name, labels(n)[0] AS kind, n.abbreviation AS abbreviation,
       coalesce(n.aliases, []) AS aliases, n.short_name AS short_name, n.region AS region
ORDER BY id
