"""Every .cypher file, and every statement the loader generates from schema.yaml, is valid Neo4j
Cypher according to Neo4j's own linter (@neo4j-cypher/language-support, pinned in package.json
and package-lock.json; installed by `make lint-deps`, i.e. `npm ci`)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from sundhedsgraf import queries
from sundhedsgraf.loaders.graph import generated_statements, schema_labels, schema_property_keys, schema_types

PROJECT = Path(__file__).resolve().parent.parent
LINTER = PROJECT / "node_modules" / "@neo4j-cypher" / "language-support"
SAMPLE = {"string": "x", "integer": 1, "number": 1.5, "boolean": True, "date": "2026-01-01", "list": ["x"]}
# Warnings that name something the schema does not have are typos: they fail like errors.
UNKNOWN_NAME = "is not present in the database"


@pytest.fixture(scope="module")
def lint():
    if shutil.which("node") is None:
        pytest.fail("Node.js is needed for the Cypher linter (apt-get install nodejs)")
    if not LINTER.is_dir():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to install the Cypher linter: run `make lint-deps`")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=PROJECT, check=True)
    schema = yaml.safe_load((PROJECT / "model" / "schema.yaml").read_text(encoding="utf-8"))

    def run(statements: list[dict]) -> dict[str, list[dict]]:
        """Lint in one node process per core (the linter takes up to seconds per statement)."""
        db_schema = {
            "labels": schema_labels(schema),
            "relationshipTypes": schema_types(schema),
            "propertyKeys": schema_property_keys(schema),
        }
        n = max(1, min(os.cpu_count() or 1, 4, len(statements) // 10))
        procs = [
            subprocess.Popen(
                ["node", str(PROJECT / "tests" / "lint_cypher.mjs")],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=PROJECT,
                env={**os.environ, "NODE_NO_WARNINGS": "1"},
            )
            for _ in range(n)
        ]
        for i, p in enumerate(procs):
            p.stdin.write(json.dumps({"schema": db_schema, "statements": statements[i::n]}))
            p.stdin.close()
        out = {}
        for p in procs:
            stdout = p.stdout.read()
            assert p.wait(timeout=300) == 0, p.stderr.read()
            out.update({item["name"]: item["diagnostics"] for item in json.loads(stdout)})
        return out

    run.schema = schema
    return run


def problems(diagnostics: list[dict]) -> list[str]:
    return [
        f"{d['line']}:{d['column']} {d['severity']}: {d['message']}"
        for d in diagnostics
        if d["severity"] == "error" or UNKNOWN_NAME in d["message"]
    ]


CANARIES = [
    {"name": "canary:syntax", "text": "MATCH (n:Forum RETURN n", "parameters": {}},
    {"name": "canary:typo", "text": "MATCH (n:Forrum)-[:MEMBER_OFF]->(m) RETURN n.nmae", "parameters": {}},
    {"name": "canary:param", "text": "RETURN $missing", "parameters": {}},
    {"name": "canary:ok", "text": "MATCH (n:Forum {id: $id}) RETURN n.name", "parameters": {"id": "x"}},
]


@pytest.fixture(scope="module")
def results(lint):
    """Everything linted in one batch (node start-up and the linter's warm-up are paid once)."""
    files = sorted(queries.cypher_dir().rglob("*.cypher"))
    assert files
    statements = []
    for path in files:
        q = queries.parse_file(path, queries.cypher_dir())
        statements.append(
            {
                "name": str(path.relative_to(PROJECT)),
                "text": q.text,
                "parameters": {p.name: SAMPLE[p.type] for p in q.params},
            }
        )
    row = {"id": "x", "start": "a", "end": "b", "props": {"id": "x"}}
    shapes: dict[str, tuple[str, str]] = {}  # statements that differ only in a quoted name lint alike
    for name, text in generated_statements(lint.schema).items():
        shapes.setdefault(re.sub(r"`(?:[^`]|``)*`", "`X`", text), (name, text))
    assert len(shapes) >= 6
    statements += [
        {"name": f"generated:{name}", "text": text, "parameters": {"rows": [row]}}
        for name, text in shapes.values()
    ]
    return lint(statements + CANARIES)


def test_every_cypher_file_passes_neo4j_linter(results):
    files = {k: v for k, v in results.items() if k.startswith("cypher/")}
    assert len(files) == len(list(queries.cypher_dir().rglob("*.cypher")))
    bad = {name: problems(d) for name, d in files.items() if problems(d)}
    assert not bad, json.dumps(bad, indent=2, ensure_ascii=False)


def test_generated_loader_statements_pass_neo4j_linter(results):
    generated = {k: v for k, v in results.items() if k.startswith("generated:")}
    assert generated
    # row.start / row.end / row.props are map keys of the parameter, not graph properties
    bad = {
        name: [
            p for p in problems(d) if not any(f"{k} {UNKNOWN_NAME}" in p for k in ("start", "end", "props"))
        ]
        for name, d in generated.items()
    }
    assert not any(bad.values()), json.dumps(bad, indent=2)


def test_the_linter_catches_errors_and_unknown_names(results):
    assert problems(results["canary:syntax"]) and problems(results["canary:param"])
    assert len(problems(results["canary:typo"])) == 3
    assert problems(results["canary:ok"]) == []
