// name: ping
// description: Answers 1 when the database is reachable (used when a connection opens).
// params: none
RETURN 1 AS ok
