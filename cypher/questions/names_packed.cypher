// name: names_packed
// description: The rows of `names` (every named node with its kind, abbreviation, aliases, short name
//   and region) as one record holding a list of [id, name, kind, abbreviation, aliases, short_name,
//   region]: `sundhedsgraf ask` reads thousands of names, and the driver's cost is per record.
// params: none
MATCH (n)
WHERE NOT n:Gap AND NOT n:Rule
RETURN collect([n.id, n.name, labels(n)[0], n.abbreviation, coalesce(n.aliases, []), n.short_name, n.region]) AS names
