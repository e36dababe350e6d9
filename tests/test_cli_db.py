"""The database commands end to end, as a user runs them: real subprocesses, real server."""

from __future__ import annotations

import csv
import io
import json

import click
import pytest
from db_fixtures import run_cli

from sundhedsgraf.cli import main

DB_COMMANDS = ["load", "query", "cypher", "server", "server start", "server stop", "server status"]


@pytest.mark.parametrize("path", DB_COMMANDS)
def test_every_db_command_has_help_with_an_example(path):
    cmd = main
    for part in path.split():
        cmd = cmd.commands[part]
    ctx = click.Context(cmd, info_name=path)
    text = cmd.get_help(ctx)
    assert cmd.help and "Example:" in text and "sundhedsgraf" in text


@pytest.mark.db
def test_fresh_home_load_then_cypher_with_no_configuration(tmp_path, real_model):
    """Done means: `sundhedsgraf load` then `sundhedsgraf cypher "MATCH (n) RETURN count(n) AS n"
    --json` works with no configuration; and nothing is written outside SUNDHEDSGRAF_HOME."""
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    cwd.mkdir()
    r = run_cli(["load", "--json"], home, cwd)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["total_nodes"] == len(real_model.nodes)
    assert sum(report["database_relationships"].values()) == len(real_model.relationships)
    r = run_cli(["cypher", "MATCH (n) RETURN count(n) AS n", "--json"], home, cwd)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == [{"n": len(real_model.nodes)}]
    assert list(cwd.iterdir()) == []  # no log/ or anything else in the user's folder
    r = run_cli(["server", "status", "--json"], home, cwd)
    assert json.loads(r.stdout)["running"] is False  # each command stopped its server
    assert (home / "credentials").stat().st_mode & 0o777 == 0o600
    assert (home / "log" / "arcadedb.log.0").exists() and (
        home / "databases" / "databases" / "sundhedsgraf"
    ).is_dir()


@pytest.mark.db
def test_load_json_and_table(real_graph, db_home, tmp_path):
    r = run_cli(["load"], db_home, tmp_path)
    assert r.returncode == 0, r.stderr
    assert "MEMBER_OF" in r.stdout and "Forum" in r.stdout and "total" in r.stdout


@pytest.mark.db
def test_an_invalid_model_loads_nothing(real_graph, db_home, tmp_path, make_model):
    from db_fixtures import checksum

    before = checksum(real_graph)
    bad = make_model({"bad.yaml": "document: '002'\nnodes:\n  - id: x\n    label: Nope\n    name: X\n"})
    r = run_cli(["load", "--model", str(bad), "--replace"], db_home, tmp_path)
    assert r.returncode != 0 and "Traceback" not in r.stderr and r.stderr.startswith("error: the model has")
    assert checksum(real_graph) == before


@pytest.mark.db
def test_query_outputs(real_graph, db_home, tmp_path):
    r = run_cli(["query", "neighbours", "--param", "id=kosu", "--json"], db_home, tmp_path)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows and {"type", "direction", "id", "name"} <= set(rows[0])
    r = run_cli(
        ["query", "neighbours", "-p", "id=kosu", "-p", "as_of=2026-01-01", "--csv"], db_home, tmp_path
    )
    table = list(csv.reader(io.StringIO(r.stdout)))
    assert table[0][:3] == ["type", "direction", "id"] and len(table) > 1
    r = run_cli(["query", "counts_by_label"], db_home, tmp_path)
    assert r.returncode == 0 and "Municipality" in r.stdout


@pytest.mark.db
def test_query_list(db_home, tmp_path):
    r = run_cli(["query", "--list", "--json"], db_home, tmp_path)
    items = {q["name"]: q for q in json.loads(r.stdout)}
    assert items["neighbours"]["params"] == [
        {"name": "id", "type": "string", "optional": False},
        {"name": "as_of", "type": "date", "optional": True},
        {"name": "source", "type": "string", "optional": True},
        {"name": "inferred", "type": "boolean", "optional": True},
    ]
    assert "clear_database" not in items  # write statements are not queries
    r = run_cli(["query", "--list"], db_home, tmp_path)
    assert "fora_of_region" in r.stdout


@pytest.mark.db
@pytest.mark.parametrize(
    "args, message",
    [
        (["query", "neighbours"], "parameter 'id' (string) is missing; give it with --param id=VALUE"),
        (["query", "neighbours", "-p", "id=kosu", "-p", "as_of=soon"], "parameter 'as_of' must be a date"),
        (["query", "neighbours", "-p", "idd=kosu"], "has no parameter 'idd'"),
        (["query", "neighbours", "-p", "id"], "write KEY=VALUE"),
        (["query", "neighbors"], "Did you mean 'neighbours'"),
        (["query", "clear_database"], "write statement"),
        (["cypher", "RETURN $x AS x"], "a parameter of the statement is missing"),
    ],
)
def test_bad_parameters_are_one_clear_line(db_home, tmp_path, args, message):
    r = run_cli(args, db_home, tmp_path)
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


@pytest.mark.db
def test_cypher_refuses_a_write_and_changes_nothing(real_graph, db_home, tmp_path):
    from db_fixtures import checksum

    before = checksum(real_graph)
    r = run_cli(["cypher", "MATCH (n:Forum) DETACH DELETE n"], db_home, tmp_path)
    assert r.returncode == 1 and "refused: the statement writes (DETACH DELETE)" in r.stderr
    assert "nothing was changed" in r.stderr and "Traceback" not in r.stderr
    assert checksum(real_graph) == before


@pytest.mark.db
def test_cypher_params_and_stdin(real_graph, db_home, tmp_path):
    r = run_cli(
        [
            "cypher",
            "MATCH (n {id: $id}) RETURN n.name AS name, $n AS n, $l AS l",
            "-p",
            "id=kosu",
            "-p",
            "n=42",
            "-p",
            'l=["a"]',
            "--json",
        ],
        db_home,
        tmp_path,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == [
        {
            "name": real_graph.run_read("MATCH (n {id: 'kosu'}) RETURN n.name AS name")[0]["name"],
            "n": 42,
            "l": ["a"],
        }
    ]


@pytest.mark.db
def test_cypher_reads_the_statement_from_stdin(real_graph, db_home, tmp_path):
    import subprocess

    from db_fixtures import CLI, clean_env

    r = subprocess.run(
        CLI + ["cypher", "-", "--csv"],
        input="MATCH (n:Region) RETURN n.id AS id ORDER BY id\n",
        cwd=tmp_path,
        env=clean_env(db_home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["id", "region-midtjylland", "region-nordjylland"]


@pytest.mark.db
def test_cypher_json_converts_nodes_and_dates(real_graph, db_home, tmp_path):
    r = run_cli(
        ["cypher", "MATCH (n:Region) RETURN n, date('2026-01-01') AS d ORDER BY n.id LIMIT 1", "--json"],
        db_home,
        tmp_path,
    )
    assert r.returncode == 0, r.stderr
    [row] = json.loads(r.stdout)
    assert row["d"] == "2026-01-01" and row["n"]["labels"] == ["Region"] and row["n"]["properties"]["id"]


@pytest.mark.db
def test_faults_are_one_line_naming_the_uri_never_the_password(bolt_credentials, db_home, tmp_path):
    uri, user, password = bolt_credentials
    secret = "pw-Sekret-9f3a"
    cases = [
        (
            {"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": secret},
            "cannot reach the database at bolt://127.0.0.1:1",
        ),
        (
            {"NEO4J_URI": uri, "NEO4J_USERNAME": user, "NEO4J_PASSWORD": secret},
            f"authentication failed for user '{user}'",
        ),
        (
            {"NEO4J_URI": uri, "NEO4J_USERNAME": user, "NEO4J_PASSWORD": password, "NEO4J_DATABASE": "nope"},
            "database 'nope' does not exist",
        ),
    ]
    for env, message in cases:
        r = run_cli(["cypher", "RETURN 1 AS x"], db_home, tmp_path, timeout=30, **env)
        assert r.returncode == 1 and message in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
        assert secret not in r.stderr + r.stdout and password not in r.stderr + r.stdout


@pytest.mark.db
def test_flags_override_the_environment(bolt_credentials, db_home, tmp_path):
    uri, user, password = bolt_credentials
    r = run_cli(
        ["cypher", "RETURN 1 AS x", "--json", "--uri", uri, "--user", user, "--database", "sundhedsgraf"],
        db_home,
        tmp_path,
        NEO4J_URI="bolt://127.0.0.1:1",
        NEO4J_USERNAME="nobody",
        NEO4J_PASSWORD=password,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == [{"x": 1}]
