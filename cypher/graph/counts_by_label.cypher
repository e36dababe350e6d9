// name: counts_by_label
// description: How many nodes the graph holds per label.
// params: none
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS nodes
ORDER BY label
