// Lint Cypher statements with Neo4j's own linter (@neo4j-cypher/language-support).
//
// stdin:  {"schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...]},
//          "statements": [{"name": "...", "text": "...", "parameters": {"key": sample value}}]}
// stdout: [{"name": "...", "diagnostics": [{"severity": "error"|"warning", "line", "column", "message"}]}]
//
// Run by tests/test_lint.py; needs `npm ci` (make lint-deps) and downloads nothing itself.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

const out = input.statements.map(({ name, text, parameters }) => {
  const result = lintCypherQuery(text, {
    parameters: parameters ?? {},
    labels: input.schema.labels,
    relationshipTypes: input.schema.relationshipTypes,
    propertyKeys: input.schema.propertyKeys,
  });
  return {
    name,
    diagnostics: (result.diagnostics ?? []).map((d) => ({
      severity: SEVERITY[d.severity] ?? String(d.severity),
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      message: d.message,
    })),
  };
});
process.stdout.write(JSON.stringify(out));
