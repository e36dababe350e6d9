"""The graph database: one place that opens the official neo4j driver (:mod:`.connection`) for
either the embedded ArcadeDB server (:mod:`.embedded`) or the Neo4j given by ``NEO4J_URI``.

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
        from .embedded import EmbeddedServer

        return EmbeddedServer
    raise AttributeError(name)
