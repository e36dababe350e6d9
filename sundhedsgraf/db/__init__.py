"""The graph database: one place that opens the official neo4j driver (:mod:`.connection`) for
either the embedded ArcadeDB server or the Neo4j given by ``NEO4J_URI``.

The embedded server, one job a module: :mod:`.server` (the :class:`EmbeddedServer` facade:
credentials, state, start, stop, status, leases), :mod:`.home` (the files of its home),
:mod:`.locks` (file locks), :mod:`.process` (the child process and ports, from the parent) and
:mod:`.embedded` (the child process itself).

    from sundhedsgraf.db import connect
    with connect() as graph:
        graph.run_read("MATCH (n) RETURN count(n) AS n")

Names are imported lazily so that ``python -m sundhedsgraf.db.embedded`` (the server process)
does not pay for importing the driver.
"""

from __future__ import annotations

__all__ = ["EmbeddedServer", "Graph", "connect", "to_jsonable"]


def __getattr__(name: str):
    if name in ("Graph", "connect", "to_jsonable"):
        from . import connection

        return getattr(connection, name)
    if name == "EmbeddedServer":
        from .server import EmbeddedServer

        return EmbeddedServer
    raise AttributeError(name)
