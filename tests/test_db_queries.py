"""Every named query in cypher/ runs against the embedded server with real parameters, and the
Python API (run_query, query_df) checks and converts parameters."""

from __future__ import annotations

import datetime as dt

import pytest

from sundhedsgraf import queries
from sundhedsgraf.errors import ConfigError, ParameterError
from sundhedsgraf.queries import query_df, run_query

pytestmark = pytest.mark.db

# Real values by parameter name (ids from model/facts). A new query with a parameter name not
# listed here makes test_every_named_query_runs fail until an example is added.
EXAMPLES = {
    "id": "kosu",
    "ids": ["kosu", "kommune-viborg"],
    "forum": "kosu",
    "body": "kosu",
    "municipality": "kommune-viborg",
    "region": "region-midtjylland",
    "office": "borgmester-aarhus",
    "a": "kommune-viborg",
    "b": "kosu",
    "text": "KOSU",
    "words": ["kosu"],
    "types": ["PREPARES_CASES_FOR", "APPOINTS"],
    "label": "Forum",
    "as_of": "2026-01-01",
    "max_hops": 3,
    "source": None,
    "inferred": False,
}

READ_QUERIES = sorted(q.name for q in queries.REGISTRY.values() if q.mode == "read")


def example_params(q) -> dict:
    out = {}
    for p in q.params:
        assert p.name in EXAMPLES or p.optional, (
            f"add a real example value for parameter {p.name!r} of {q.name}"
        )
        if p.name in EXAMPLES and EXAMPLES[p.name] is not None:
            out[p.name] = EXAMPLES[p.name]
    return out


@pytest.mark.parametrize("name", READ_QUERIES)
def test_every_named_query_runs(real_graph, name):
    q = queries.get(name)
    rows = run_query(name, graph=real_graph, **example_params(q))
    assert isinstance(rows, list)


# What this layer's own queries must answer on the real model.
def test_counts_match_the_model(real_graph, real_model):
    assert sum(r["nodes"] for r in run_query("counts_by_label", graph=real_graph)) == len(real_model.nodes)
    assert sum(r["relationships"] for r in run_query("counts_by_type", graph=real_graph)) == len(
        real_model.relationships
    )


def test_node_returns_properties_and_sources(real_graph, real_model):
    node = real_model.node("kosu")
    [row] = run_query("node", graph=real_graph, id="kosu")
    assert row["name"] == node["name"] and row["labels"] == node["labels"]
    assert [{k: v for k, v in s.items() if v} for s in row["sources"]] == node["sources"]


def test_neighbours_match_the_model(real_graph, real_model):
    rows = run_query("neighbours", graph=real_graph, id="kosu")
    stated = [r for r in real_model.relationships if r["properties"].get("confidence") != "inferred"]
    expected = {(r["type"], "out", r["end"]) for r in stated if r["start"] == "kosu"}
    expected |= {(r["type"], "in", r["start"]) for r in stated if r["end"] == "kosu"}
    assert {(r["type"], r["direction"], r["id"]) for r in rows} == expected


def test_neighbours_as_of_keeps_only_valid_relationships(real_graph):
    day = "2026-01-01"
    for r in run_query("neighbours", graph=real_graph, id="kosu", as_of=dt.date(2026, 1, 1)):
        assert (r["valid_from"] or r.get("attested_from") or "0000") <= day <= (r["valid_to"] or "9999")


def test_fora_of_region_by_id_or_name(real_graph, real_model):
    by_id = run_query("fora_of_region", graph=real_graph, region="region-midtjylland")
    by_name = run_query(
        "fora_of_region", graph=real_graph, region=real_model.node("region-midtjylland")["name"].upper()
    )
    assert by_id and by_id == by_name
    direct = {
        n["id"]
        for n in real_model.nodes
        if n["labels"] == ["Forum"] and n["properties"].get("region") == "region-midtjylland"
    }
    assert direct <= {r["id"] for r in by_id}


def test_members_of_forum_match_the_model(real_graph, real_model):
    rows = run_query("members_of_forum", graph=real_graph, forum="kosu")
    expected = {
        r["start"] for r in real_model.relationships if r["type"] == "MEMBER_OF" and r["end"] == "kosu"
    }
    assert expected and {r["id"] for r in rows} == expected


def test_search_filters_by_label(real_graph):
    rows = run_query("search", graph=real_graph, text="viborg", label="Municipality")
    assert rows and {r["label"] for r in rows} == {"Municipality"}


def test_query_df_returns_a_dataframe_with_the_return_columns(real_graph):
    df = query_df("counts_by_label", graph=real_graph)
    assert list(df.columns) == ["label", "nodes"] and len(df) > 0
    empty = query_df("search", graph=real_graph, text="no-such-thing-anywhere")
    assert len(empty) == 0  # (ArcadeDB sends no column names for an empty result; Neo4j does)


def test_api_parameter_errors_name_the_parameter(real_graph):
    with pytest.raises(ParameterError, match=r"'id'.*missing"):
        run_query("node", graph=real_graph)
    with pytest.raises(ParameterError, match="'as_of' must be a date"):
        run_query("neighbours", graph=real_graph, id="kosu", as_of="next week")
    with pytest.raises(ParameterError, match="no parameter 'nid'"):
        run_query("node", graph=real_graph, nid="kosu")
    with pytest.raises(ConfigError, match="write statement"):
        run_query("clear_database", graph=real_graph)
