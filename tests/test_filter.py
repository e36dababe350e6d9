"""The validity / source / confidence filter is defined once (sundhedsgraf.queries.FILTERS) and every
named query uses it: the macros expand to the same text everywhere, no file writes its own copy, and
no query returns an inferred fact unless asked to (checked on the real model, which has them)."""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from collections import Counter

import pytest
from click.testing import CliRunner
from db_fixtures import mark_changed
from test_db_queries import EXAMPLES

from sundhedsgraf import queries
from sundhedsgraf.cypher_text import blank_literals
from sundhedsgraf.errors import ConfigError

# The contract the queries are written against, spelled out: changing the filter is a change here too.
EXPANSIONS = {
    "in_force": "(coalesce(x.valid_to, '9999-12-31') >= coalesce($as_of, '0001-01-01')"
    " AND coalesce(x.valid_from, x.attested_from, '0001-01-01') <= coalesce($as_of, '9999-12-31')"
    " AND (coalesce($inferred, false) OR coalesce(x.confidence, 'stated') <> 'inferred'))",
    "cites": "($source IS NULL OR $source IN x.source_documents)",
    "stated": "(coalesce($inferred, false) OR coalesce(x.confidence, 'stated') <> 'inferred')",
    "fact": "(coalesce(x.valid_to, '9999-12-31') >= coalesce($as_of, '0001-01-01')"
    " AND coalesce(x.valid_from, x.attested_from, '0001-01-01') <= coalesce($as_of, '9999-12-31')"
    " AND ($source IS NULL OR $source IN x.source_documents)"
    " AND (coalesce($inferred, false) OR coalesce(x.confidence, 'stated') <> 'inferred'))",
}

# Read queries that do not carry the filter, and why. Every other read query uses a macro.
WHOLE_DATABASE = {
    "counts_by_label": "the loader compares the database's counts with the model's: all of it",
    "counts_by_type": "the loader compares the database's counts with the model's: all of it",
    "dump_nodes": "an export and the checksum of a load: every node",
    "dump_relationships": "an export and the checksum of a load: every relationship",
    "node_element_ids": "the loader's bookkeeping of what the database holds",
    "node_ids": "the loader's bookkeeping of what the database holds",
    "relationship_ids": "the loader's bookkeeping of what the database holds",
    "ping": "returns 1",
}
UNFILTERED = {
    **WHOLE_DATABASE,
    "names": "the names a question's words resolve against, for any date (the facts asked for then are filtered)",
    "names_packed": "the names a question's words resolve against, for any date (the facts asked for then are filtered)",
    "node_name": "the name of a node the caller already holds the id of",
    "node_name_any": "the name of a node the caller already holds the id of",
    "timeline": "the processes' own steps and dates, as the documents give them for any date (so does the oracle)",
    "gaps": "what the documents leave open, for any date (so does the oracle)",
    "rules": "the rules' definitions, not facts; their checks read rule_facts, which is filtered",
    "source_documents": "the documents cited anywhere in the database",
    "forum_cadence": "a forum's cadence per document (every period: the answer picks the one in force on its date)",
}

_CALL = re.compile(r"@(\w+)\(\s*(\w+)\s*\)")


def variants():
    for q in queries.REGISTRY.values():
        yield q
        if q.arcadedb is not None:
            yield q.arcadedb


# ---- the macros, without a database


def test_the_macros_expand_to_the_contract():
    for macro, text in EXPANSIONS.items():
        assert queries.expand_filter(macro, "x") == text
        assert queries.expand_filter(macro, "rb") == text.replace("x.", "rb.")
        assert text.startswith("(") and text.endswith(")")
    assert set(queries.FILTERS) == set(EXPANSIONS)


@pytest.mark.parametrize("q", list(variants()), ids=lambda q: str(q.path.relative_to(queries.cypher_dir())))
def test_every_macro_expands_identically(q):
    """Putting each expansion in the statement back as its macro gives the file as written: every
    filter in the text sent is exactly the one definition, and nothing else was changed."""
    calls = _CALL.findall(blank_literals(q.source))
    assert "@" not in blank_literals(q.text)
    back = q.text
    for macro, variable in sorted(set(calls), key=lambda c: -len(EXPANSIONS[c[0]])):  # longest first
        back = back.replace(EXPANSIONS[macro].replace("x.", f"{variable}."), f"@{macro}({variable})")
    assert back == _CALL.sub(r"@\1(\2)", q.source)


# A comparison of a validity or confidence property, or $inferred, anywhere outside the macros.
_HAND_WRITTEN = [
    re.compile(
        r"\.(valid_from|valid_to|confidence)\b\s*(?:,\s*\))?\s*(?:[<>=]|\bIS\b|\bIN\b|\bSTARTS\b|\bENDS\b|\bCONTAINS\b)",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:[<>=]|\bIN\b)\s*(?:coalesce\s*\(\s*)?\w+\.(valid_from|valid_to|confidence)\b", re.IGNORECASE
    ),
    # in a pattern's property map, with a literal (blanked: spaces) or a parameter
    re.compile(r"\b(valid_from|valid_to|confidence)\s*:\s*(?:[,}]|\$)", re.IGNORECASE),
    re.compile(r"\$inferred\b"),
]


def test_no_file_writes_its_own_filter():
    bad = {}
    for path in sorted(queries.cypher_dir().rglob("*.cypher")):
        text = blank_literals(path.read_text(encoding="utf-8"))
        hits = [m.group(0) for rx in _HAND_WRITTEN for m in rx.finditer(text)]
        if hits:
            bad[str(path.relative_to(queries.cypher_dir()))] = hits
    assert not bad, f"write @in_force(x), @cites(x), @stated(x) or @fact(x) instead: {bad}"


def test_the_hand_written_check_catches_each_style():
    for text in [
        "WHERE r.valid_from IS NULL OR r.valid_from <= $as_of",
        "WHERE coalesce(f.valid_to, '9999-12-31') >= $as_of",
        "WHERE coalesce(r.confidence, 'stated') <> 'inferred'",
        "MATCH (a)-[r:MEMBER_OF {confidence: 'inferred'}]->(b)",
        "WHERE $as_of >= r.valid_from",
    ]:
        assert any(rx.search(blank_literals(text)) for rx in _HAND_WRITTEN), text
    for text in [
        "RETURN r.valid_from AS valid_from, coalesce(r.confidence, 'stated') AS confidence",
        "RETURN {confidence: coalesce(r.confidence, 'stated')} AS x",
    ]:
        assert not any(rx.search(blank_literals(text)) for rx in _HAND_WRITTEN), text


def test_every_read_query_uses_the_filter_or_says_why():
    reads = {q.name: q for q in queries.REGISTRY.values() if q.mode == "read"}
    assert set(UNFILTERED) <= set(reads), f"no such query: {set(UNFILTERED) - set(reads)}"
    missing = [
        n for n, q in reads.items() if n not in UNFILTERED and not _CALL.search(blank_literals(q.source))
    ]
    assert not missing, f"these queries do not use @in_force/@cites/@stated/@fact: {missing}"
    stale = [n for n in UNFILTERED if _CALL.search(blank_literals(reads[n].source))]
    assert not stale, f"these use the filter now; take them out of UNFILTERED: {stale}"


def test_the_macros_declare_their_parameters():
    fora = queries.get("fora_at")  # @in_force only
    assert {p.name: p.optional for p in fora.params} == {"region": True, "as_of": False, "inferred": True}
    members = queries.get("members")  # @fact
    assert [(p.name, p.type, p.optional) for p in members.params] == [
        ("forum", "string", False),
        ("as_of", "date", False),
        ("source", "string", True),
        ("inferred", "boolean", True),
    ]
    # the header's own declaration wins: without as_of, any date
    assert next(p for p in queries.get("members_of_forum").params if p.name == "as_of").optional


def test_macro_errors_and_literals(tmp_path):
    text, params = queries.expand("MATCH (n) WHERE @in_force(n) // @fact(n)\nRETURN '@cites(n)' AS s", "t")
    assert text.endswith("// @fact(n)\nRETURN '@cites(n)' AS s") and {p.name for p in params} == {
        "as_of",
        "inferred",
    }
    for bad in ["MATCH (n) WHERE @valid(n) RETURN n", "MATCH (n) WHERE @fact RETURN n"]:
        with pytest.raises(ConfigError, match="not a filter macro"):
            queries.expand(bad, "t")


def _tree(tmp_path, files: dict[str, str]):
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


BASE = "// name: q\n// description: d\n// params: id (string)\nMATCH (n {id: $id}) WHERE @in_force(n) RETURN n.id AS id\n"


def test_an_arcadedb_form_overrides_its_file(tmp_path):
    alt = BASE.replace("MATCH (n {id: $id})", "MATCH (n:Forum {id: $id})")
    reg = queries.load_registry(_tree(tmp_path, {"graph/q.cypher": BASE, "arcadedb/graph/q.cypher": alt}))
    assert list(reg) == ["q"]
    q = reg["q"]
    assert q.statement_for("neo4j") == q.text and "(n {id: $id})" in q.text
    assert q.statement_for("arcadedb") == q.arcadedb.text and "(n:Forum {id: $id})" in q.arcadedb.text


@pytest.mark.parametrize(
    "files, message",
    [
        ({"graph/q.cypher": BASE, "arcadedb/graph/other.cypher": BASE}, "does not exist"),
        (
            {
                "graph/q.cypher": BASE,
                "arcadedb/graph/q.cypher": BASE.replace(
                    "params: id (string)", "params: id (string), x (string)"
                ).replace("RETURN n.id", "RETURN $x, n.id"),
            },
            "must have the name, parameters",
        ),
        (
            {"graph/q.cypher": BASE, "arcadedb/graph/q.cypher": BASE.replace("name: q", "name: q2")},
            "must have the name",
        ),
    ],
)
def test_an_arcadedb_form_must_match_its_file(tmp_path, files, message):
    with pytest.raises(ConfigError, match=message):
        queries.load_registry(_tree(tmp_path, files))


def test_show_prints_the_expanded_cypher_without_a_database(tmp_path, monkeypatch):
    from sundhedsgraf.cli import main

    home = tmp_path / "home"
    monkeypatch.setenv("SUNDHEDSGRAF_HOME", str(home))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    runner = CliRunner()
    for name in ("members_of_forum", "represented"):
        q = queries.get(name)
        result = runner.invoke(main, ["query", name, "--show"])
        assert result.exit_code == 0, result.output
        assert result.output == (q.arcadedb or q).text.rstrip("\n") + "\n"  # the embedded server is ArcadeDB
        assert "@" not in blank_literals(result.output)
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")  # nothing listens there
    result = runner.invoke(main, ["query", "represented", "--show", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["form"] == "neo4j" and shown["text"] == queries.get("represented").text
    assert shown["file"] == "questions/represented.cypher"
    assert not home.exists()  # no server was started


# ---- on the database: no inferred fact comes back


@pytest.fixture(scope="module")
def inferred(real_model):
    nodes = {n["id"] for n in real_model.nodes if (n.get("properties") or {}).get("confidence") == "inferred"}
    rels = [
        r for r in real_model.relationships if (r.get("properties") or {}).get("confidence") == "inferred"
    ]
    assert rels, "the real model has no inferred facts any more: this test needs a model that has them"
    return nodes, rels


def _values(inferred_facts) -> dict[str, list]:
    """Parameter values that reach the inferred facts: their endpoints, on dates they are valid."""
    nodes, rels = inferred_facts
    ends = sorted({r["start"] for r in rels} | {r["end"] for r in rels} | nodes)
    fora = sorted({r["end"] for r in rels})
    munis = sorted(e for e in ends if e.startswith("kommune-"))
    docs = sorted({s["document"] for r in rels for s in r.get("sources", []) if s.get("document")})
    return {
        "id": ends,
        "forum": fora + ["kosu"],
        "body": fora + ["kosu"],
        "municipality": munis + ["kommune-viborg"],
        "a": munis,
        "b": fora,
        "ids": [ends],
        "forums": [fora],
        "municipalities": [munis],
        "region": [None, "region-midtjylland"],
        "as_of": ["2026-06-01", "2027-03-01", None],
        "source": [None] + docs[:1],
        "text": ["Sundhedsråd", "kommune"],
        "words": [["sundhedsraad"], ["kommune"]],
    }


def _param_sets(q, values) -> list[dict]:
    """Enough calls that every listed value of every parameter is used at least once."""
    lists = {}
    for p in q.params:
        if p.name == "inferred":
            continue
        vs = values.get(p.name, [EXAMPLES.get(p.name)])
        vs = [v for v in vs if v is not None or p.optional]
        assert vs, f"add a value for parameter {p.name!r} of {q.name} (in EXAMPLES or _values)"
        lists[p.name] = vs
    n = max((len(v) for v in lists.values()), default=1)
    return [{k: v[i % len(v)] for k, v in lists.items() if v[i % len(v)] is not None} for i in range(n)]


def _canonical(value):
    """JSON-comparable, with every list sorted (collect() gives no order)."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted(
            (_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, default=str)
        )
    return value


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


TESTED = sorted(
    q.name for q in queries.REGISTRY.values() if q.mode == "read" and q.name not in WHOLE_DATABASE
)


def _answers(graph, values, inferred_flag) -> dict[str, list[tuple[dict, Counter]]]:
    out = {}
    for name in TESTED:
        q = queries.get(name)
        runs = []
        for params in _param_sets(q, values):
            if "inferred" in {p.name for p in q.params}:
                params = {**params, "inferred": inferred_flag}
            rows = queries.run_query(name, graph=graph, **params)
            runs.append(
                (params, Counter(json.dumps(_canonical(r), sort_keys=True, default=str) for r in rows))
            )
        out[name] = runs
    return out


@pytest.fixture(scope="module")
def without_inferred(graph, real_model, inferred):
    """Every tested query's answers on the real model with its inferred facts taken out."""
    from sundhedsgraf.loaders.graph import load_graph

    nodes, rels = inferred
    drop = {r["id"] for r in rels}
    clean = dataclasses.replace(
        real_model,
        nodes=[n for n in real_model.nodes if n["id"] not in nodes],
        relationships=[
            r
            for r in real_model.relationships
            if r["id"] not in drop and r["start"] not in nodes and r["end"] not in nodes
        ],
    )
    mark_changed()
    try:
        load_graph(clean, graph, replace=True)
        return _answers(graph, _values(inferred), False)
    finally:
        mark_changed()  # real_graph loads the real model again


@pytest.fixture(scope="module")
def with_inferred_facts(without_inferred, real_graph_module, inferred):
    return {flag: _answers(real_graph_module, _values(inferred), flag) for flag in (False, True)}


@pytest.fixture(scope="module")
def real_graph_module(graph, real_model, without_inferred):
    """real_graph for this module's fixtures (after the clean model's answers are in)."""
    from sundhedsgraf.loaders.graph import load_graph

    load_graph(real_model, graph, replace=True)
    mark_changed()  # the next real_graph reloads: cheaper than knowing db_fixtures' bookkeeping
    return graph


@pytest.mark.db
@pytest.mark.parametrize("name", TESTED)
def test_no_inferred_fact_comes_back(name, with_inferred_facts, without_inferred, inferred):
    """With inferred=False (the default) a query answers on the real model exactly as on the model
    without its inferred facts, and no value it returns is the id of an inferred node or
    relationship."""
    nodes, rels = inferred
    inferred_ids = nodes | {r["id"] for r in rels}
    problems = []
    for (params, got), (_, expected) in zip(
        with_inferred_facts[False][name], without_inferred[name], strict=True
    ):
        leaked = sorted((got - expected).elements())
        missing = sorted((expected - got).elements())
        ids = sorted({s for row in got for s in _strings(json.loads(row)) if s in inferred_ids})
        if leaked or missing or ids:
            problems.append(
                {
                    "params": params,
                    "inferred ids": ids,
                    "rows only with the inferred facts": leaked[:5],
                    "rows lost": missing[:5],
                }
            )
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)


@pytest.mark.db
def test_the_inferred_facts_are_reached(with_inferred_facts, without_inferred):
    """Not vacuous: with inferred=True the queries that show memberships do return the inferred ones."""
    differs = {
        name
        for name in TESTED
        if any(
            a != b
            for (_, a), (_, b) in zip(with_inferred_facts[True][name], without_inferred[name], strict=True)
        )
    }
    assert {
        "members",
        "members_of_forum",
        "represented",
        "represented_in_region",
        "neighbours",
        "seats_at",
        "forum_members_at",
        "network_neighbours",
        "snapshot_relationships",
    } <= differs, differs


@pytest.mark.db
def test_both_forms_of_represented_give_the_same_rows(real_graph, real_model):
    """The ArcadeDB form and the Neo4j-idiomatic form (run here on ArcadeDB too) give the same rows."""
    q = queries.get("represented")
    assert q.arcadedb is not None and q.arcadedb.text != q.text
    munis = sorted(n["id"] for n in real_model.nodes if "Municipality" in n["labels"])
    offices_elsewhere = sorted(
        {
            r["properties"]["on_behalf_of"]
            for r in real_model.relationships
            if r["type"] == "MEMBER_OF" and (r.get("properties") or {}).get("on_behalf_of")
        }
    )
    for municipality, as_of, flag in itertools.product(
        sorted(set(munis[:12] + offices_elsewhere)), ("2025-06-01", "2026-06-01"), (False, True)
    ):
        params = q.bind({"municipality": municipality, "as_of": as_of, "inferred": flag})
        forms = [
            real_graph.run_read(text, params)
            for text in (q.statement_for("neo4j"), q.statement_for("arcadedb"))
        ]
        rows = [
            sorted(json.dumps(_canonical(r), sort_keys=True) for rec in f for r in rec["rows"]) for f in forms
        ]
        assert rows[0] == rows[1], (municipality, as_of, flag)
