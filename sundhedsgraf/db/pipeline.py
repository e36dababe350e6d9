"""Statements of one explicit transaction sent ahead of their answers (Bolt pipelining).

The driver's ``tx.run`` sends a statement and waits for the server to accept it; ArcadeDB (and
Neo4j for a write) executes it before it answers. So a load of many batches alternates: the client
packs batch *i* (Python, a third of a second per 30,000 relationships) while the server waits, then
the server writes batch *i* while the client waits. Bolt allows a client to send the next RUN and
PULL before the previous answer has arrived; the driver does this itself for BEGIN + RUN, but has
no public call for it. :class:`Pipeline` does it for one transaction:

    with graph.write_transaction() as tx:
        with Pipeline(tx) as pipe:                       # drains (reads every answer) on exit
            for batch in batches:
                pipe.submit(STATEMENT, {"rows": batch}, on_done=check)   # check(records) later
        # every answer read, every check run: commit

* ``depth`` statements at most are in flight (sent, not yet answered); ``submit`` reads answers
  until fewer are, so the client packs the next batch while the server writes the previous one.
* ``on_done(records)`` gets the statement's records as lists of values, in submit order, after the
  server has answered it; whatever it raises is raised by ``submit``/``drain``.
* A statement that fails: the driver resets the connection (the server rolls the transaction
  back) and raises the server's error, which the transaction's block sees as any other error.
* It uses the driver's Bolt connection (``tx._connection``: ``run``, ``pull``, ``send_all``,
  ``fetch_message``, ``responses``, ``new_hydration_scope``): not public API, but the same calls
  ``Result`` makes. Where a driver lacks one of them, ``depth=0`` is used: ``tx.run`` one statement
  at a time, the same answers, only slower. Tests run both ways (tests/test_db_pipeline.py).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

DEPTH = 1  # in flight at most: one is enough to keep both sides busy (measured, docs/performance.md)
_CONNECTION_CALLS = ("run", "pull", "send_all", "fetch_message", "responses", "new_hydration_scope")


def bolt_connection(tx) -> Any | None:
    """The transaction's Bolt connection if it has every call a pipeline needs, else None."""
    conn = getattr(tx, "_connection", None)
    if conn is None or not all(hasattr(conn, name) for name in _CONNECTION_CALLS):
        return None
    return conn


class _Pending:
    __slots__ = ("on_done", "label", "records", "done", "failed")

    def __init__(self, on_done, label):
        self.on_done = on_done
        self.label = label
        self.records: list[list] = []
        self.done = False
        self.failed = False


class Pipeline:
    """Send up to ``depth`` statements of ``tx`` ahead of their answers; see the module docstring."""

    def __init__(self, tx, depth: int = DEPTH):
        self._tx = tx
        self._conn = bolt_connection(tx) if depth > 0 else None
        self.depth = depth if self._conn is not None else 0
        self._pending: deque[_Pending] = deque()
        self._scope = self._conn.new_hydration_scope() if self._conn is not None else None
        self.reading: str | None = None  # the label of the statement whose answer is being read

    @property
    def pipelined(self) -> bool:
        return self.depth > 0

    def submit(self, query: str, params: Mapping[str, Any], on_done: Callable[[list[list]], None] | None = None,
               label: str = "") -> None:
        """Send ``query``; ``on_done(records)`` runs once its answer has been read. While it is read
        (and after, if the server refused it) :attr:`reading` is ``label``."""
        if not self.pipelined:
            self.reading = label
            records = [list(r.values()) for r in self._tx.run(query, dict(params))]
            self.reading = None
            if on_done is not None:
                on_done(records)
            return
        pending = _Pending(on_done, label)
        conn, scope = self._conn, self._scope

        def on_records(records):
            pending.records.extend(records)

        def on_success(metadata):
            if not metadata.get("has_more"):
                pending.done = True

        def on_failure(metadata):
            pending.failed = True

        conn.run(query, parameters=dict(params), dehydration_hooks=scope.dehydration_hooks,
                 hydration_hooks=scope.hydration_hooks, on_failure=on_failure)
        conn.pull(n=-1, dehydration_hooks=scope.dehydration_hooks, hydration_hooks=scope.hydration_hooks,
                  on_records=on_records, on_success=on_success, on_failure=on_failure)
        conn.send_all()
        self._pending.append(pending)
        self._settle(self.depth)

    def _settle(self, in_flight: int) -> None:
        """Read answers until at most ``in_flight`` statements wait for theirs; run their callbacks."""
        while len(self._pending) > in_flight:
            head = self._pending[0]
            self.reading = head.label
            while not (head.done or head.failed):
                if not self._conn.responses:  # nothing more will come (the connection was reset)
                    raise RuntimeError("the server stopped answering a pipelined statement")
                self._conn.fetch_message()  # raises the server's error on FAILURE
            self._pending.popleft()
            self.reading = None
            if head.on_done is not None:
                head.on_done(head.records)

    def drain(self) -> None:
        """Read every outstanding answer (before a commit)."""
        if self.pipelined:
            self._settle(0)

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.drain()
        else:  # the transaction is rolled back: unread answers do not matter
            self._pending.clear()

