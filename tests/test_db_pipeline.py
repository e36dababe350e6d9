"""Statements sent ahead of their answers (sundhedsgraf.db.pipeline), against the embedded server:
the same answers as one statement at a time, in order; a statement the server refuses rolls the
whole transaction back and is named; a driver without the calls it needs falls back to ``tx.run``."""

from __future__ import annotations

import contextlib

import pytest
from db_fixtures import checksum

from sundhedsgraf.db.connection import cast_literal
from sundhedsgraf.db.pipeline import Pipeline, bolt_connection
from sundhedsgraf.errors import LoadError, SundhedsgrafError
from sundhedsgraf.loaders import graph as loader
from sundhedsgraf.loaders.graph import load_graph

pytestmark = pytest.mark.db

SQUARES = cast_literal("UNWIND $xs AS x RETURN x AS x, x * x AS square")
CREATE = cast_literal("UNWIND $ids AS i CREATE (n:PipelineProbe {id: i}) RETURN count(n) AS written")
PROBES = cast_literal("MATCH (n:PipelineProbe) RETURN count(n) AS n")
NOT_CYPHER = cast_literal("THIS IS NOT CYPHER $xs")


class _Undo(Exception):
    pass


@contextlib.contextmanager
def rolled_back(graph):
    """An explicit write transaction that is rolled back at the end of the block."""
    with contextlib.suppress(_Undo), graph.write_transaction() as tx:
        yield tx
        raise _Undo


class _PublicOnly:
    """A transaction with ``run`` and nothing else (a driver without the Bolt calls)."""

    def __init__(self, tx):
        self.run = tx.run


def _batches(n: int, size: int) -> list[list[int]]:
    return [list(range(i, i + size)) for i in range(0, n * size, size)]


@pytest.mark.parametrize("depth", [0, 1, 3])
def test_pipelined_answers_equal_one_at_a_time_in_order(graph, depth):
    batches = _batches(12, 50)
    got: list[list] = []
    with rolled_back(graph) as tx:
        expected = [[list(r.values()) for r in tx.run(SQUARES, xs=b)] for b in batches]
        with Pipeline(tx, depth) as pipe:
            assert pipe.pipelined == (depth > 0)
            for b in batches:
                pipe.submit(SQUARES, {"xs": b}, on_done=got.append, label=f"batch {b[0]}")
    assert got == expected
    assert got[5][7] == [batches[5][7], batches[5][7] ** 2]


def test_at_most_depth_statements_wait_for_their_answer(graph):
    """submit returns with at most ``depth`` answers unread: the callbacks trail by that many."""
    seen: list[int] = []
    with rolled_back(graph) as tx:
        pipe = Pipeline(tx, 2)
        for i, b in enumerate(_batches(6, 10)):
            pipe.submit(SQUARES, {"xs": b}, on_done=lambda recs, i=i: seen.append(i))
            assert seen == list(range(max(0, i - 1)))
        pipe.drain()
        assert seen == list(range(6))


def test_a_driver_without_the_bolt_calls_falls_back_to_run(graph):
    got: list[list] = []
    with rolled_back(graph) as tx:
        public = _PublicOnly(tx)
        assert bolt_connection(public) is None and bolt_connection(tx) is not None
        with Pipeline(public, 3) as pipe:
            assert not pipe.pipelined
            pipe.submit(SQUARES, {"xs": [2, 3]}, on_done=got.append)
    assert got == [[[2, 4], [3, 9]]]


@pytest.mark.parametrize("depth", [0, 1, 3])
def test_a_refused_statement_rolls_everything_back_and_is_named(scratch_graph, depth):
    """Writes sent before and after the refused statement are all gone; the error is the server's,
    ``reading`` names the refused statement, and the connection serves the next transaction."""
    before = checksum(scratch_graph)
    pipe = None
    with pytest.raises(SundhedsgrafError) as err:
        with scratch_graph.write_transaction() as tx:
            pipe = Pipeline(tx, depth)
            with pipe:
                for i, b in enumerate(_batches(5, 20)):
                    pipe.submit(NOT_CYPHER if i == 2 else CREATE, {"ids": b, "xs": b}, label=f"statement {i}")
    assert pipe.reading == "statement 2"
    assert "statement 2" not in str(err.value)  # the server's own message; the caller names the step
    assert scratch_graph.run_read(PROBES) == [{"n": 0}]
    assert checksum(scratch_graph) == before
    with rolled_back(scratch_graph) as tx:  # the session's next transaction works
        with Pipeline(tx) as pipe:
            pipe.submit(CREATE, {"ids": ["after"]})
        assert tx.run(PROBES).single()["n"] == 1


def test_a_callback_that_raises_stops_the_pipeline(graph):
    def refuse(records):
        raise LoadError("refused by the check")

    with pytest.raises(LoadError, match="refused by the check"):
        with graph.write_transaction() as tx, Pipeline(tx) as pipe:
            pipe.submit(CREATE, {"ids": ["a"]}, on_done=refuse)
            pipe.submit(CREATE, {"ids": ["b"]})
    assert graph.run_read(PROBES) == [{"n": 0}]


def test_a_replace_load_whose_batch_the_server_refuses_names_it_and_changes_nothing(real_graph, real_model,
                                                                                    monkeypatch):
    """Fault injection: the server refuses the relationship statement of one type (its batches are
    pipelined, the next one already sent). The load names that type's batch, rolls back, and the
    database is as it was."""
    real = loader.create_relationship_statement
    monkeypatch.setattr(loader, "create_relationship_statement",
                        lambda rtype, keys: NOT_CYPHER if rtype == "PART_OF" else real(rtype, keys))
    before = checksum(real_graph)
    with pytest.raises(LoadError, match=r"the load failed at relationships PART_OF \(batch 1\).*rolled back"):
        load_graph(real_model, real_graph, replace=True)
    assert checksum(real_graph) == before
    monkeypatch.undo()
    again = load_graph(real_model, real_graph, replace=True)
    assert sum(again.database_relationships.values()) == len(real_model.relationships)


def test_a_pipelined_load_equals_one_statement_at_a_time(scratch_graph, real_model):
    load_graph(real_model, scratch_graph, replace=True, pipeline_depth=0)
    one_at_a_time = checksum(scratch_graph)
    progress: list[int] = []
    load_graph(real_model, scratch_graph, replace=True, pipeline_depth=3,
               progress=lambda done, total: progress.append(done))
    assert checksum(scratch_graph) == one_at_a_time
    total = len(real_model.nodes) + len(real_model.relationships)
    assert progress == sorted(progress) and progress[-1] == total
