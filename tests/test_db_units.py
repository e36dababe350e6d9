"""Unit tests of the database layer that need no database: settings, the Cypher lexer, the query
registry and the loader's pure functions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sundhedsgraf import queries
from sundhedsgraf.cypher_text import blank_literals, parameters, write_clauses
from sundhedsgraf.errors import ConfigError, LoadError, ParameterError
from sundhedsgraf.loaders.graph import (
    constraint_statements,
    item_keys,
    node_rows,
    node_statement,
    positional_relationship_rows,
    quote_identifier,
    relationship_groups,
    relationship_row,
    relationship_rows,
    relationship_statement,
    retired_constraint_names,
    schema_property_keys,
)
from sundhedsgraf.model import Model
from sundhedsgraf.settings import Settings, display_uri, read_dotenv

# --------------------------------------------------------------------------------------------
# settings


def test_settings_read_neo4j_variables():
    s = Settings.from_env(
        {
            "NEO4J_URI": "neo4j+s://abc.databases.neo4j.io",
            "NEO4J_USERNAME": "u",
            "NEO4J_PASSWORD": "pw-secret",
            "NEO4J_DATABASE": "db",
            "SUNDHEDSGRAF_HOME": "/tmp/h",
        },
        dotenv=Path("/nonexistent"),
    )
    assert (s.uri, s.username, s.password, s.database, s.home) == (
        "neo4j+s://abc.databases.neo4j.io",
        "u",
        "pw-secret",
        "db",
        Path("/tmp/h"),
    )
    assert not s.embedded and s.database_name == "db"


def test_settings_default_is_embedded():
    s = Settings.from_env({}, dotenv=Path("/nonexistent"))
    assert s.embedded and s.uri is None and s.database_name == "sundhedsgraf"
    assert s.home.name == "sundhedsgraf"


def test_password_never_in_repr_or_describe():
    s = Settings.from_env({"NEO4J_URI": "bolt://h:7687", "NEO4J_PASSWORD": "pw-secret"}, dotenv=Path("/x"))
    assert "pw-secret" not in repr(s) and "pw-secret" not in str(s.describe())
    assert "***" in repr(s) and s.describe()["password_set"] is True


def test_display_uri_drops_credentials():
    assert display_uri("bolt://neo4j:pw-secret@host:7687/x") == "bolt://host:7687/x"
    assert display_uri("neo4j://host:7687") == "neo4j://host:7687"


def test_flags_override_env_and_none_is_ignored():
    s = Settings.from_env({"NEO4J_URI": "bolt://a:1", "NEO4J_DATABASE": "x"}, dotenv=Path("/x"))
    t = s.override(uri="bolt://b:2", database=None, home="~/h")
    assert t.uri == "bolt://b:2" and t.database == "x" and t.home == Path("~/h").expanduser()


def test_dotenv_is_read_but_never_overrides(tmp_path):
    env = tmp_path / ".env"
    env.write_text(
        "# comment\nexport NEO4J_URI='bolt://from-file:7687'\nNEO4J_DATABASE=filedb # note\n"
        'OTHER=ignored\nNEO4J_PASSWORD="p w"\n'
    )
    assert read_dotenv(env) == {
        "NEO4J_URI": "bolt://from-file:7687",
        "NEO4J_DATABASE": "filedb",
        "NEO4J_PASSWORD": "p w",
    }
    s = Settings.from_env({"NEO4J_DATABASE": "realenv"}, dotenv=env)
    assert s.uri == "bolt://from-file:7687" and s.database == "realenv" and s.password == "p w"


def test_env_example_documents_every_variable():
    text = (Path(__file__).resolve().parent.parent / ".env.example").read_text()
    for key in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "SUNDHEDSGRAF_HOME"):
        assert key in text


# --------------------------------------------------------------------------------------------
# the lexer


@pytest.mark.parametrize(
    "text, writes",
    [
        ("MATCH (n) RETURN n", []),
        ("MATCH (n) RETURN 'CREATE (x)' AS s, \"SET\" AS t", []),
        ("MATCH (n) // DELETE n\nRETURN n /* MERGE */", []),
        ("MATCH (n:`CREATE`) RETURN n.set AS x, {merge: 1} AS m, $delete AS d", []),
        ("CREATE (n)", ["CREATE"]),
        ("match (n) detach  delete n", ["DETACH DELETE"]),
        ("MATCH (n) WITH n CALL { WITH n SET n.x = 1 } RETURN 1", ["SET"]),
        ("MERGE (a)-[:R]->(b) ON CREATE SET a.x = 1", ["MERGE", "CREATE", "SET"]),
        ("LOAD CSV FROM 'x' AS row RETURN row", ["LOAD CSV"]),
        ("DROP CONSTRAINT x", ["DROP"]),
        ("MATCH (n) FOREACH (x IN [1] | REMOVE n.a)", ["FOREACH", "REMOVE"]),
    ],
)
def test_write_clauses(text, writes):
    assert write_clauses(text) == writes


def test_parameters_ignore_strings_and_comments():
    text = "MATCH (n {id: $id}) // $not_this\nWHERE n.x = '$nor_this' AND n.y = $`odd name` RETURN $as_of"
    assert parameters(text) == {"id", "odd name", "as_of"}
    assert len(blank_literals(text)) == len(text)


# --------------------------------------------------------------------------------------------
# the registry


def write_query(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_every_named_query_has_name_description_and_params():
    assert queries.REGISTRY, "no named queries found in cypher/"
    for q in queries.REGISTRY.values():
        assert q.name and q.description and q.path.suffix == ".cypher"
        assert {p.name for p in q.params} == parameters(q.text)


def test_registry_reads_subfolders(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    write_query(
        tmp_path / "a" / "b", "deep.cypher", "// name: deep\n// description: d\n// params: none\nRETURN 1"
    )
    assert list(queries.load_registry(tmp_path)) == ["deep"]


def test_header_parsing(tmp_path):
    p = write_query(
        tmp_path,
        "x.cypher",
        (
            "// name: x\n// description: first line\n//   continues here\n"
            "// params: id (string), as_of (date, optional), n (integer)\n// mode: read\n// extra: kept\n"
            "MATCH (n {id: $id}) WHERE $as_of IS NULL OR n.x = $n RETURN n"
        ),
    )
    q = queries.parse_file(p)
    assert q.description == "first line continues here"
    assert q.signature() == "id (string), as_of (date, optional), n (integer)"
    assert q.meta == {"extra": "kept"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("// description: d\n// params: none\nRETURN 1", "no '// name:'"),
        ("// name: x\n// params: none\nRETURN 1", "no '// description:'"),
        ("// name: x\n// description: d\nRETURN 1", "no '// params:'"),
        ("// name: x\n// description: d\n// params: none\nRETURN $id", r"uses \$id"),
        ("// name: x\n// description: d\n// params: id (string)\nRETURN 1", "never uses it"),
        ("// name: x\n// description: d\n// params: id (uuid)\nRETURN $id", "unknown type 'uuid'"),
        ("// name: x\n// description: d\n// params: id string\nRETURN $id", "cannot read"),
        ("// name: Bad-Name\n// description: d\n// params: none\nRETURN 1", "lower_snake_case"),
    ],
)
def test_bad_headers_are_clear_errors(tmp_path, text, message):
    p = write_query(tmp_path, "x.cypher", text)
    with pytest.raises(ConfigError, match=message):
        queries.parse_file(p)


def test_duplicate_names_are_refused(tmp_path):
    for f in ("a.cypher", "b.cypher"):
        write_query(tmp_path, f, "// name: same\n// description: d\n// params: none\nRETURN 1")
    with pytest.raises(ConfigError, match="already used"):
        queries.load_registry(tmp_path)


def test_bind_converts_and_names_bad_params():
    q = queries.NamedQuery(
        "q",
        "d",
        (
            queries.Param("id", "string"),
            queries.Param("n", "integer", True),
            queries.Param("x", "number", True),
            queries.Param("b", "boolean", True),
            queries.Param("d", "date", True),
            queries.Param("l", "list", True),
        ),
        "",
        Path("q.cypher"),
    )
    assert q.bind(
        {"id": "a", "n": "3", "x": "4.5", "b": "yes", "d": "2026-01-01", "l": "a, b"}, from_text=True
    ) == {"id": "a", "n": 3, "x": 4.5, "b": True, "d": "2026-01-01", "l": ["a", "b"]}
    assert q.bind({"id": "a", "d": dt.date(2026, 1, 2), "l": ["x"]}) == {
        "id": "a",
        "n": None,
        "x": None,
        "b": None,
        "d": "2026-01-02",
        "l": ["x"],
    }
    assert q.bind({"id": "a", "l": '["p", "q"]'}, from_text=True)["l"] == ["p", "q"]
    with pytest.raises(ParameterError, match=r"'id'.*missing"):
        q.bind({})
    with pytest.raises(ParameterError, match="'n' must be a whole number"):
        q.bind({"id": "a", "n": "three"}, from_text=True)
    with pytest.raises(ParameterError, match="'n' must be a whole number"):
        q.bind({"id": "a", "n": True})
    with pytest.raises(ParameterError, match="'d' must be a date"):
        q.bind({"id": "a", "d": "1/2/2026"}, from_text=True)
    with pytest.raises(ParameterError, match="'id' must be text"):
        q.bind({"id": 5})
    with pytest.raises(ParameterError, match="no parameter 'zzz'"):
        q.bind({"id": "a", "zzz": 1})
    with pytest.raises(ParameterError, match="'b' must be true or false"):
        q.bind({"id": "a", "b": "maybe"}, from_text=True)


def test_unknown_query_suggests_close_names():
    with pytest.raises(ConfigError, match="Did you mean 'neighbours'"):
        queries.get("neighbors")


# --------------------------------------------------------------------------------------------
# the loader's pure functions

SCHEMA = {
    "labels": {
        "Forum": {"properties": {"id": {"unique": True}, "name": {}}},
        "Weird`Label": {"properties": {"id": {"unique": True}, "code": {"unique": True}}},
    },
    "relationship_types": {"MEMBER_OF": {"properties": {"role": {}}}},
    "common_properties": {"status": {}},
}


def tiny_model(**changes) -> Model:
    nodes = [
        {
            "id": "b",
            "labels": ["Forum"],
            "name": "B",
            "properties": {"status": "active", "aliases": [], "valid_from": dt.date(2020, 1, 1)},
            "sources": [{"document": "002", "quote": "q"}, {"url": "https://x", "note": "n"}],
        },
        {
            "id": "a",
            "labels": ["Weird`Label"],
            "name": "A",
            "properties": {"code": "7", "gone": None},
            "sources": [],
        },
    ]
    rels = [
        {
            "id": "MEMBER_OF:a->b",
            "type": "MEMBER_OF",
            "start": "a",
            "end": "b",
            "properties": {"role": "medlem"},
            "sources": [{"document": "002", "quote": "q"}],
        }
    ]
    data = {"schema": SCHEMA, "documents": [], "nodes": nodes, "relationships": rels}
    data.update(changes)
    return Model(**data)


def test_quote_identifier_escapes_backticks():
    assert quote_identifier("Forum") == "`Forum`"
    assert quote_identifier("a`b") == "`a``b`"
    assert quote_identifier("x` RETURN 1 //") == "`x`` RETURN 1 //`"
    with pytest.raises(ValueError):
        quote_identifier("")


def test_node_rows_hold_every_property_and_flat_sources():
    rows = node_rows(tiny_model())
    assert list(rows) == [("Forum",), ("Weird`Label",)]
    forum = rows[("Forum",)][0]
    assert forum == {
        "id": "b",
        "props": {
            "status": "active",
            "valid_from": "2020-01-01",
            "id": "b",
            "name": "B",
            "source_documents": ["002", ""],
            "source_quotes": ["q", ""],
            "source_urls": ["", "https://x"],
            "source_notes": ["", "n"],
        },
    }
    assert rows[("Weird`Label",)][0]["props"] == {"code": "7", "id": "a", "name": "A"}


def test_rows_store_sources_as_the_source_codec_encodes_them(model):
    """The loader writes what sundhedsgraf.sources.encode makes, for every fact of the real model
    (node rows, relationship rows and the positional --replace rows alike), and nothing else under
    the stored names."""
    from sundhedsgraf import sources

    by_id = {item["id"]: item for item in (*model.nodes, *model.relationships)}
    rows = [r for group in node_rows(model).values() for r in group]
    rows += [r for group in relationship_rows(model).values() for r in group]
    with_sources = 0
    for row in rows:
        want = sources.encode(by_id[row["id"]].get("sources"))
        assert {k: v for k, v in row["props"].items() if k in sources.STORED} == want, row["id"]
        with_sources += bool(want)
    assert with_sources > len(rows) / 2
    for rels in relationship_groups(model).values():
        keys = item_keys(rels)
        ends = {r[e]: r[e] for r in rels for e in ("start", "end")}
        for rel, packed in zip(rels, positional_relationship_rows(rels, keys, ends), strict=True):
            values = dict(zip(keys, packed[2:], strict=True))
            encoded = sources.encode(rel.get("sources"))
            assert {k: values[k] for k in sources.STORED if k in keys and values[k] is not None} == encoded


def test_relationship_rows_group_by_endpoint_labels():
    rows = relationship_rows(tiny_model())
    assert list(rows) == [("MEMBER_OF", "Weird`Label", "Forum")]
    assert rows[("MEMBER_OF", "Weird`Label", "Forum")][0]["props"]["role"] == "medlem"


def _positional_the_old_way(rels, keys, endpoints):
    """The rows as the loader made them before: a relationship_row dict each, then its values."""
    rows = [relationship_row(r) for r in rels]
    return [[endpoints[r["start"]], endpoints[r["end"]], *map(r["props"].get, keys)] for r in rows]


def test_positional_relationship_rows_equal_rows_made_through_row_dicts(real_model):
    """The --replace loader's rows straight from the model equal the rows made through
    relationship_row (the MERGE path's rows), on every relationship of the
    real model and on the awkward values: dates, tuples, empty lists, None, an `id` property and a
    property named like a source list (sources win, then the relationship's id, as in _props)."""
    endpoints = {n["id"]: f"#1:{i}" for i, n in enumerate(real_model.nodes)}
    for rels in relationship_groups(real_model).values():
        keys = item_keys(rels)
        assert list(positional_relationship_rows(rels, keys, endpoints)) == _positional_the_old_way(
            rels, keys, endpoints
        )
    odd = [
        {
            "id": "R:1",
            "type": "PART_OF",
            "start": "a",
            "end": "b",
            "sources": [{"document": "002", "quote": "q"}],
            "properties": {
                "valid_from": dt.date(2020, 1, 2),
                "tags": ("x", "y"),
                "empty": [],
                "none": None,
                "id": "not-the-id",
                "source_quotes": ["overridden"],
                "n": 3,
                "f": 1.5,
                "ok": True,
            },
        },
        {"id": "R:2", "type": "PART_OF", "start": "b", "end": "a", "properties": {"empty": ["z"]}},
    ]
    keys = item_keys(odd)
    got = positional_relationship_rows(odd, keys, {"a": "#1:0", "b": "#1:1"})
    assert list(got) == _positional_the_old_way(odd, keys, {"a": "#1:0", "b": "#1:1"})
    first = dict(zip(keys, got[0][2:], strict=True))
    assert first["valid_from"] == "2020-01-02" and first["tags"] == ["x", "y"] and first["empty"] is None
    assert first["id"] == "R:1" and first["source_quotes"] == ["q"]
    assert repr(got) == "<2 rows>"  # never the rows' text in the driver's debug formatting


def test_labels_and_types_only_from_the_schema():
    m = tiny_model()
    m.nodes[0]["labels"] = ["Forum`) DETACH DELETE (x"]
    with pytest.raises(LoadError, match=r"not in schema.yaml"):
        node_rows(m)
    m = tiny_model()
    m.relationships[0]["type"] = "EVIL"
    with pytest.raises(LoadError, match=r"not in schema.yaml"):
        relationship_rows(m)


def test_statements_quote_identifiers_and_pass_values_as_parameters():
    assert node_statement(("Weird`Label",)) == (
        "UNWIND $rows AS row MERGE (n:`Weird``Label` {id: row.id}) SET n = row.props RETURN count(n) AS written"
    )
    assert ":`Forum`:`Weird``Label`" not in node_statement(("Forum", "Weird`Label"))
    assert "SET n:`Weird``Label`" in node_statement(("Forum", "Weird`Label"))
    stmt = relationship_statement("MEMBER_OF", "Weird`Label", None)
    assert "(a:`Weird``Label` {id: row.start})" in stmt and "(b {id: row.end})" in stmt
    assert parameters(stmt) == {"rows"}


def test_constraints_have_predictable_names():
    names = [c.name for c in constraint_statements(SCHEMA)]
    assert names == ["Forum_id_unique", "Weird`Label_id_unique", "Weird`Label_code_unique"]
    assert retired_constraint_names(SCHEMA) == ["MEMBER_OF_id_unique"]  # dropped by a load, never made
    c = constraint_statements(SCHEMA)[2]
    assert c.statement == (
        "CREATE CONSTRAINT `Weird``Label_code_unique` IF NOT EXISTS "
        "FOR (n:`Weird``Label`) REQUIRE n.`code` IS UNIQUE"
    )


def test_property_keys_cover_the_schema_and_sources():
    keys = schema_property_keys(SCHEMA)
    assert {"id", "name", "code", "role", "status", "source_quotes", "source_notes"} <= set(keys)


def test_the_codec_stores_no_part_that_no_source_has_and_reads_it_back():
    from sundhedsgraf import sources

    quoted = [{"document": "002", "quote": "a"}, {"document": "004", "quote": "b"}]
    assert sources.encode(quoted) == {"source_documents": ["002", "004"], "source_quotes": ["a", "b"]}
    assert sources.decode(*(sources.encode(quoted).get(k) for k in sources.STORED)) == quoted
    mixed = [{"document": "002", "quote": "a"}, {"url": "https://x.dk", "note": "n"}]
    stored = sources.encode(mixed)
    assert stored["source_urls"] == ["", "https://x.dk"] and stored["source_notes"] == ["", "n"]
    assert sources.decode(*(stored.get(k) for k in sources.STORED)) == sources.dedupe(mixed)
    assert sources.encode([]) == {}
    urls_only = [{"url": "https://x.dk", "note": "n"}]
    assert sources.encode(urls_only) == {"source_urls": ["https://x.dk"], "source_notes": ["n"]}
    assert sources.decode(*(sources.encode(urls_only).get(k) for k in sources.STORED)) == urls_only
