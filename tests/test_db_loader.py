"""The loader against the real embedded server: idempotency, all-or-nothing, --replace, and ids
and names that try to break out of Cypher."""

from __future__ import annotations

import copy
import itertools
import json

import pytest
from db_fixtures import checksum, run_cli

from sundhedsgraf.errors import LoadError
from sundhedsgraf.loaders.graph import load_graph, node_rows, relationship_rows
from sundhedsgraf.model import Model
from sundhedsgraf.queries import run_query

pytestmark = pytest.mark.db

TRICKY = [
    "quote'single",
    'quote"double',
    "back`tick",
    "brace}{ and ]) more",
    "MATCH (n) DETACH DELETE n",
    "RETURN",
    "$id",
    "' OR 1=1 //",
    "`) DETACH DELETE n //",
    "æøå – “curly” ✓",
]


def counts(graph) -> tuple[dict, dict]:
    labels = {r["label"]: r["nodes"] for r in run_query("counts_by_label", graph=graph)}
    types = {r["type"]: r["relationships"] for r in run_query("counts_by_type", graph=graph)}
    return labels, types


def expected_dump(model) -> dict[str, dict]:
    """What the database must hold for each node id: the loader's rows (computed without it)."""
    return {r["id"]: r["props"] for rows in node_rows(model).values() for r in rows}


def test_load_writes_every_node_relationship_and_property(real_graph, real_model):
    labels, types = counts(real_graph)
    assert sum(labels.values()) == len(real_model.nodes)
    assert sum(types.values()) == len(real_model.relationships)
    db = {r["id"]: r["properties"] for r in run_query("dump_nodes", graph=real_graph)}
    assert db == expected_dump(real_model)
    rels = {r["id"]: r for r in run_query("dump_relationships", graph=real_graph)}
    for rows in relationship_rows(real_model).values():
        for row in rows:
            got = rels[row["id"]]
            assert (got["start"], got["end"], got["properties"]) == (row["start"], row["end"], row["props"])


def test_loading_twice_gives_the_same_graph(real_graph, real_model):
    before = (counts(real_graph), checksum(real_graph))
    seen = []
    report = load_graph(
        real_model, real_graph, batch_size=100, progress=lambda done, total: seen.append((done, total))
    )
    assert (counts(real_graph), checksum(real_graph)) == before
    total = len(real_model.nodes) + len(real_model.relationships)
    assert seen[-1] == (total, total) and len(seen) > total // 100 and seen == sorted(seen)
    assert report.other_nodes == 0 and report.other_relationships == 0
    assert report.database_nodes == before[0][0]
    assert sum(report.nodes.values()) == len(real_model.nodes)
    assert sum(report.relationships.values()) == len(real_model.relationships)


def test_a_removed_property_disappears_on_reload(scratch_graph, model_copy):
    node = next(n for n in model_copy.nodes if n["properties"].get("status"))
    load_graph(model_copy, scratch_graph, replace=True)
    assert "status" in run_query("node", graph=scratch_graph, id=node["id"])[0]["properties"]
    del node["properties"]["status"]
    load_graph(model_copy, scratch_graph)
    assert "status" not in run_query("node", graph=scratch_graph, id=node["id"])[0]["properties"]


def test_replace_empties_the_database_first(scratch_graph, real_model):
    extra = Model(
        schema=real_model.schema,
        documents=[],
        relationships=[],
        nodes=[
            {
                "id": "left-over",
                "labels": ["Forum"],
                "name": "Left over",
                "properties": {"forum_type": "forum"},
                "sources": [],
            }
        ],
    )
    load_graph(real_model, scratch_graph, replace=True)
    load_graph(extra, scratch_graph)  # without --replace: added next to the model
    report = load_graph(real_model, scratch_graph)
    assert report.other_nodes == 1
    report = load_graph(real_model, scratch_graph, replace=True)
    assert report.other_nodes == 0
    assert run_query("node", graph=scratch_graph, id="left-over") == []
    assert sum(report.database_nodes.values()) == len(real_model.nodes)


def _renamed_id(model) -> Model:
    """A municipality whose id changed but whose unique code did not: the node left from the last
    load still holds the code, so the database refuses the new node in the middle of the load
    (after other labels were written in the same transaction)."""
    m = copy.deepcopy(model)
    muni = next(n for n in m.nodes if n["labels"] == ["Municipality"])
    old = muni["id"]
    muni["id"] = old + "-renamed"
    for r in m.relationships:
        r["start"] = muni["id"] if r["start"] == old else r["start"]
        r["end"] = muni["id"] if r["end"] == old else r["end"]
    forum = next(n for n in m.nodes if n["labels"] == ["Forum"])
    forum["properties"]["note"] = "changed by the failing load"  # must not survive the rollback
    return m


def _missing_endpoint(model) -> Model:
    """A relationship to a node that is neither in the model nor in the database: found when its
    batch matches no endpoint, after every node was written."""
    m = copy.deepcopy(model)
    r = copy.deepcopy(m.relationships[-1])
    r["id"] = "PART_OF:ghost"
    r["type"] = "PART_OF"
    r["end"] = "ghost-node-not-anywhere"
    m.relationships.append(r)
    m.nodes[0]["name"] = "changed by the failing load"
    return m


def _unknown_type(model) -> Model:
    """The last relationship of a type the schema does not have (the validator refuses it; a model
    built in Python can still hold one): refused before anything is written."""
    m = copy.deepcopy(model)
    m.relationships[-1]["type"] = "NOT_IN_THE_SCHEMA"
    return m


@pytest.mark.parametrize(
    "breaker, replace, message",
    [
        (_renamed_id, False, "rolled back.*--replace"),
        (_missing_endpoint, False, "ghost-node-not-anywhere"),
        (_missing_endpoint, True, "ghost-node-not-anywhere"),
        (_unknown_type, True, "type 'NOT_IN_THE_SCHEMA' is not in schema.yaml"),
        (_unknown_type, False, "type 'NOT_IN_THE_SCHEMA' is not in schema.yaml"),
    ],
)
def test_a_load_failing_part_way_leaves_the_database_as_it_was(
    real_graph, real_model, breaker, replace, message
):
    before = (counts(real_graph), checksum(real_graph))
    with pytest.raises(LoadError, match=message):
        load_graph(breaker(real_model), real_graph, replace=replace)
    assert (counts(real_graph), checksum(real_graph)) == before


def test_the_renamed_id_loads_with_replace(scratch_graph, real_model):
    load_graph(real_model, scratch_graph, replace=True)
    report = load_graph(_renamed_id(real_model), scratch_graph, replace=True)
    assert sum(report.database_nodes.values()) == len(real_model.nodes)


@pytest.mark.parametrize("replace", [False, True])
def test_duplicate_unique_values_are_refused_before_writing(real_graph, model_copy, replace):
    before = checksum(real_graph)
    munis = [n for n in model_copy.nodes if n["labels"] == ["Municipality"]]
    munis[1]["properties"]["code"] = munis[0]["properties"]["code"]
    with pytest.raises(LoadError, match="share code"):
        load_graph(model_copy, real_graph, replace=replace)
    assert checksum(real_graph) == before


def test_constraints_created_by_a_failing_load_are_dropped(scratch_graph, real_model):
    schema = copy.deepcopy(real_model.schema)
    schema["labels"]["Tmp"] = {"properties": {"id": {"unique": True}}}
    model = Model(
        schema=schema,
        documents=[],
        nodes=[{"id": "t1", "labels": ["Tmp"], "name": "T", "properties": {}, "sources": []}],
        relationships=[
            {"id": "r1", "type": "PART_OF", "start": "t1", "end": "nowhere", "properties": {}, "sources": []}
        ],
    )

    def constraint_names():
        from sundhedsgraf.db.connection import cast_literal

        return {
            r["name"] for r in scratch_graph.run_read(cast_literal("SHOW CONSTRAINTS YIELD name RETURN name"))
        }

    assert "Tmp_id_unique" not in constraint_names()
    with pytest.raises(LoadError):
        load_graph(model, scratch_graph)
    assert "Tmp_id_unique" not in constraint_names()
    assert "Forum_id_unique" in constraint_names()  # existing ones stay


def _constraint_names(graph) -> set[str]:
    from sundhedsgraf.db.connection import cast_literal

    return {r["name"] for r in graph.run_read(cast_literal("SHOW CONSTRAINTS YIELD name RETURN name"))}


def _relationship_id_constraint(graph, rtype: str) -> str:
    """Create a relationship-id constraint (``<TYPE>_id_unique``), as a database may hold."""
    from sundhedsgraf.db.connection import cast_literal

    name = f"{rtype}_id_unique"
    graph.run_write(
        cast_literal(
            f"CREATE CONSTRAINT `{name}` IF NOT EXISTS FOR ()-[r:`{rtype}`]-() REQUIRE r.`id` IS UNIQUE"
        )
    )
    assert name in _constraint_names(graph)
    return name


@pytest.mark.parametrize("replace", [True, False])
def test_a_load_drops_relationship_id_constraints(scratch_graph, real_model, replace):
    """Relationship ids are checked by the loader, not by a database constraint (its index costs a
    quarter of a large load): a load that commits drops those it finds, reports them, and keeps
    every constraint of the schema."""
    from sundhedsgraf.loaders.graph import constraint_statements, retired_constraint_names

    load_graph(real_model, scratch_graph, replace=True)
    name = _relationship_id_constraint(scratch_graph, "PART_OF")
    report = load_graph(real_model, scratch_graph, replace=replace)
    assert report.constraints_dropped == [name]
    assert report.to_json()["constraints_dropped"] == [name]
    held = _constraint_names(scratch_graph)
    assert not held & set(retired_constraint_names(real_model.schema))
    assert {c.name for c in constraint_statements(real_model.schema)} <= held
    assert load_graph(real_model, scratch_graph, replace=replace).constraints_dropped == []


def test_a_failing_load_leaves_relationship_id_constraints_alone(real_graph, real_model):
    from sundhedsgraf.db.connection import cast_literal
    from sundhedsgraf.loaders.graph import drop_constraint_statement

    name = _relationship_id_constraint(real_graph, "PART_OF")
    try:
        with pytest.raises(LoadError):
            load_graph(_missing_endpoint(real_model), real_graph, replace=True)
        assert name in _constraint_names(real_graph)
    finally:
        real_graph.run_write(cast_literal(drop_constraint_statement(name)))


def _moved(model, change: str) -> Model:
    """The real model with one relationship's end (or type) changed and its id kept: a merge cannot
    match the stored one, so it writes a second relationship with that id."""
    m = copy.deepcopy(model)
    rel = next(r for r in m.relationships if r["type"] == "MEMBER_OF")
    if change == "end":
        forums = [n["id"] for n in m.nodes if n["labels"] == ["Forum"] and n["id"] != rel["end"]]
        rel["end"] = forums[0]
    else:
        rel["type"] = "SUPPORTS"
    m.nodes[0]["name"] = "changed by the failing load"
    return m


@pytest.mark.parametrize("change", ["end", "type"])
def test_a_merge_load_refuses_a_relationship_id_held_twice(real_graph, real_model, change):
    """What a relationship-id constraint would refuse, the loader refuses itself (and across types,
    which a constraint per type could not): rolled back, the database as it was."""
    moved = _moved(real_model, change)
    rel_id = next(r for r in real_model.relationships if r["type"] == "MEMBER_OF")["id"]
    before = (counts(real_graph), checksum(real_graph))
    with pytest.raises(LoadError, match=f"relationship id '{rel_id}' is held by 2 relationships.*--replace"):
        load_graph(moved, real_graph)
    assert (counts(real_graph), checksum(real_graph)) == before


def test_the_moved_relationship_loads_with_replace(scratch_graph, real_model):
    report = load_graph(_moved(real_model, "end"), scratch_graph, replace=True)
    assert sum(report.database_relationships.values()) == len(real_model.relationships)


def test_constraints_come_from_the_schema(real_graph, real_model):
    from sundhedsgraf.db.connection import cast_literal
    from sundhedsgraf.loaders.graph import constraint_statements

    rows = real_graph.run_read(cast_literal("SHOW CONSTRAINTS YIELD name RETURN name"))
    assert {c.name for c in constraint_statements(real_model.schema)} <= {r["name"] for r in rows}


def tricky_model(schema) -> Model:
    nodes, rels = [], []
    for i, text in enumerate(TRICKY):
        nodes.append(
            {
                "id": text,
                "labels": ["Forum"],
                "name": f"{text} (name)",
                "properties": {"forum_type": "forum", "purpose": text, "aliases": [text, "x"]},
                "sources": [
                    {"document": "002", "quote": text},
                    {"url": f"https://e.dk/{i}?q='{text}'", "note": text},
                ],
            }
        )
    for a, b in itertools.pairwise(TRICKY):
        rels.append(
            {
                "id": f"REPORTS_TO:{a}->{b}",
                "type": "REPORTS_TO",
                "start": a,
                "end": b,
                "properties": {"wording": f"{a}`}}{b}"},
                "sources": [{"document": "002", "quote": a}],
            }
        )
    return Model(schema=schema, documents=[], nodes=nodes, relationships=rels)


def test_ids_and_names_with_quotes_backticks_braces_and_keywords_round_trip(
    scratch_graph, real_model, db_home, tmp_path
):
    model = tricky_model(real_model.schema)
    report = load_graph(model, scratch_graph, replace=True)
    assert report.database_nodes == {"Forum": len(TRICKY)}
    assert report.database_relationships == {"REPORTS_TO": len(TRICKY) - 1}
    for i, text in enumerate(TRICKY):
        [row] = run_query("node", graph=scratch_graph, id=text)
        assert (row["id"], row["name"], row["properties"]["purpose"]) == (text, f"{text} (name)", text)
        assert row["properties"]["aliases"] == [text, "x"]
        assert row["sources"] == [
            {"document": "002", "quote": text, "url": "", "note": ""},
            {"document": "", "quote": "", "url": f"https://e.dk/{i}?q='{text}'", "note": text},
        ]
        hits = {r["id"] for r in run_query("search", graph=scratch_graph, text=text)}
        assert text in hits
    out = run_query("neighbours", graph=scratch_graph, id=TRICKY[1])
    assert {(r["direction"], r["id"]) for r in out} == {("in", TRICKY[0]), ("out", TRICKY[2])}
    assert checksum(scratch_graph) == (load_graph(model, scratch_graph), checksum(scratch_graph))[1]
    for text in TRICKY[:5]:  # and through the command line
        r = run_cli(["query", "node", "--param", f"id={text}", "--json"], db_home, tmp_path)
        assert r.returncode == 0, r.stderr
        assert [row["id"] for row in json.loads(r.stdout)] == [text]


def test_a_label_with_a_backtick_in_the_schema_is_quoted(scratch_graph, real_model):
    schema = copy.deepcopy(real_model.schema)
    schema["labels"]["Odd`Label"] = {"properties": {"id": {"unique": True}}}
    model = Model(
        schema=schema,
        documents=[],
        relationships=[],
        nodes=[{"id": "odd", "labels": ["Odd`Label"], "name": "Odd", "properties": {}, "sources": []}],
    )
    report = load_graph(model, scratch_graph, replace=True)
    assert report.database_nodes == {"Odd`Label": 1}
    assert run_query("node", graph=scratch_graph, id="odd")[0]["labels"] == ["Odd`Label"]


def test_a_merge_load_refuses_a_node_id_held_twice(real_graph, real_model):
    """A node whose label changed: the merge finds nodes by label and id, so it makes a second node
    with that id beside the old one; the loader refuses it (ids are unique across labels) and
    rolls back."""
    m = copy.deepcopy(real_model)
    used = {r["start"] for r in m.relationships} | {r["end"] for r in m.relationships}
    node = next(n for n in m.nodes if n["labels"] == ["Rule"] and n["id"] not in used)
    node["labels"] = ["Gap"]
    before = (counts(real_graph), checksum(real_graph))
    with pytest.raises(
        LoadError, match=f"node id '{node['id']}' is held by 2 nodes.*label changed.*--replace"
    ):
        load_graph(m, real_graph)
    assert (counts(real_graph), checksum(real_graph)) == before
