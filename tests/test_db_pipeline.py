"""The loader's batches, against the embedded server: every batch is one ``tx.run`` of one explicit
transaction (the driver's public API), its rows made by a thread while the server writes the one
before. Batch boundaries change nothing in the graph; a batch the server refuses, or one that
writes fewer rows than it was given, is named and rolls the whole load back; the row thread stops
when the load fails."""

from __future__ import annotations

import threading
import time

import pytest
from db_fixtures import checksum

from sundhedsgraf.db.connection import cast_literal
from sundhedsgraf.errors import LoadError
from sundhedsgraf.loaders import graph as loader
from sundhedsgraf.loaders.graph import load_graph

pytestmark = pytest.mark.db

NOT_CYPHER = cast_literal("THIS IS NOT CYPHER $rows")


def test_small_batches_give_the_graph_large_ones_give(scratch_graph, real_model):
    """Batches of 7 (hundreds of statements, the row thread's queue full and empty many times)
    load the same graph as the default batches, and progress counts every batch once."""
    load_graph(real_model, scratch_graph, replace=True)
    default = checksum(scratch_graph)
    progress: list[int] = []
    load_graph(
        real_model,
        scratch_graph,
        replace=True,
        batch_size=7,
        progress=lambda done, total: progress.append(done),
    )
    assert checksum(scratch_graph) == default
    total = len(real_model.nodes) + len(real_model.relationships)
    assert progress == sorted(set(progress)) and progress[-1] == total
    groups = list(loader.node_rows(real_model).values()) + list(
        loader.relationship_groups(real_model).values()
    )
    assert len(progress) == sum(-(-len(g) // 7) for g in groups)


def threads_after(base: int) -> int:
    """The number of threads, once no more than ``base`` run or five seconds have passed."""
    deadline = time.monotonic() + 5
    while threading.active_count() > base and time.monotonic() < deadline:
        time.sleep(0.05)
    return threading.active_count()


def test_a_replace_load_whose_batch_the_server_refuses_names_it_and_changes_nothing(
    real_graph, real_model, monkeypatch
):
    """Fault injection: the server refuses the relationship statement of one type. The load names
    that type's batch, rolls back, the database is as it was, the row thread has stopped, and the
    next load works."""
    real = loader.create_relationship_statement
    monkeypatch.setattr(
        loader,
        "create_relationship_statement",
        lambda rtype, keys: NOT_CYPHER if rtype == "PART_OF" else real(rtype, keys),
    )
    before = checksum(real_graph)
    base = threading.active_count()
    with pytest.raises(LoadError, match=r"the load failed at relationships PART_OF \(batch 1\).*rolled back"):
        load_graph(real_model, real_graph, replace=True)
    assert threads_after(base) == base
    assert checksum(real_graph) == before
    monkeypatch.undo()
    again = load_graph(real_model, real_graph, replace=True)
    assert sum(again.database_relationships.values()) == len(real_model.relationships)
    assert checksum(real_graph) == before


def test_a_batch_that_writes_fewer_rows_than_it_has_rolls_the_load_back(real_graph, real_model, monkeypatch):
    """Fault injection: one type's statement answers one relationship fewer than it wrote (as a
    batch whose endpoint is missing would). The check after its ``tx.run`` refuses it, names the
    batch and its first relationship, and nothing of the load stays."""
    real = loader.create_relationship_statement

    def short(rtype, keys):
        text = real(rtype, keys)
        return (
            text.replace("RETURN count(r) AS written", "RETURN count(r) - 1 AS written")
            if rtype == "REPORTS_TO"
            else text
        )

    monkeypatch.setattr(loader, "create_relationship_statement", short)
    before = checksum(real_graph)
    with pytest.raises(
        LoadError,
        match=r"relationships REPORTS_TO \(batch 1\): wrote (\d+) of \d+ relationships "
        r"\(the batch starts with 'REPORTS_TO:.*rolled back",
    ):
        load_graph(real_model, real_graph, replace=True)
    assert checksum(real_graph) == before
