"""The one place that opens the official neo4j driver, for the embedded server or ``NEO4J_URI``.

    with connect() as graph:                         # Settings.from_env()
        rows = graph.run_read(QUERY, {"id": "kosu"})  # a list of dicts, truly read-only

Driver errors become :mod:`sundhedsgraf.errors` classes by exception class and Neo4j status code,
never by message text, and each message names the server (never the password) and what to check.

Read-only means three checks, because ArcadeDB does not refuse a write in a READ session:

1. a lexical check for write clauses outside strings and comments (refused before sending);
2. a READ-mode transaction that is always rolled back (Neo4j refuses writes itself, with
   ``Neo.ClientError.Statement.AccessMode``);
3. the result summary's ``counters.contains_updates``: anything written is rolled back and refused.

Only the driver's public API is used (tests/test_driver_api.py checks): a read is
``driver.execute_query``, which sends BEGIN with the first RUN (one round trip less than
``begin_transaction`` + ``run``), with a result transformer that reads the rows, checks the
counters and then raises, so that the driver rolls the transaction back.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as _dt
import importlib
import logging
import math
import threading
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, LiteralString, TypedDict, cast

from ..cypher_text import write_clauses
from ..errors import (
    AuthError,
    ConfigError,
    DatabaseError,
    DatabaseNotFound,
    ParameterError,
    QueryError,
    ReadOnlyViolation,
    ServiceUnavailable,
    SundhedsgrafError,
)
from ..settings import Settings, display_uri
from ..version import __version__
from .server import EmbeddedServer

if TYPE_CHECKING:  # annotations only: the driver is imported when a connection opens (~0.5 s)
    import neo4j

# The driver logs connection failures at WARNING; without a handler Python would print them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


class _DriverConfig(TypedDict):
    connection_timeout: float
    connection_acquisition_timeout: float
    max_transaction_retry_time: float
    user_agent: str


DRIVER_CONFIG: _DriverConfig = {
    "connection_timeout": 5.0,  # an unreachable server is reported within seconds
    "connection_acquisition_timeout": 15.0,
    "max_transaction_retry_time": 0.0,  # managed transactions: no silent retries for half a minute
    "user_agent": f"sundhedsgraf/{__version__}",
}

URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

# Run when a connection opens: proves the server answers, the password works and the database
# exists. Here, not in cypher/: the connection is the layer the named queries are run through.
PING: LiteralString = "RETURN 1 AS ok"

_COUNTERS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "labels_added",
    "labels_removed",
    "indexes_added",
    "indexes_removed",
    "constraints_added",
    "constraints_removed",
    "system_updates",
)


class Rows(list):
    """A list of row dicts (values as the driver returns them) that also knows its column names."""

    keys: list[str]

    def __init__(self, rows=(), keys=()):
        super().__init__(rows)
        self.keys = list(keys)


def describe_counters(counters) -> str:
    parts = [f"{getattr(counters, k)} {k.replace('_', ' ')}" for k in _COUNTERS if getattr(counters, k, 0)]
    return ", ".join(parts) or "it changed the database"


class Graph:
    """An open connection: the driver, the database name and, for the embedded default, the lease
    that keeps the server running. Use as a context manager (or call :meth:`close`)."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        self.database: str | None = self.settings.database_name
        self.server: EmbeddedServer | None = None
        self.driver: neo4j.Driver | None = None
        self.uri: str = ""
        self.username: str = ""
        self._stack = contextlib.ExitStack()

    # ---- opening and closing

    @property
    def where(self) -> str:
        """The server as a message names it (never the password)."""
        if self.server is not None:
            return f"the embedded server ({self.uri}, SUNDHEDSGRAF_HOME={self.server.home})"
        return display_uri(self.uri)

    def open(self) -> Graph:
        auth: tuple[str, str] | None
        try:
            if self.settings.embedded:
                # import the driver (~0.5 s) while the server process starts
                importer = threading.Thread(target=importlib.import_module, args=("neo4j",), daemon=True)
                importer.start()
                self.server = EmbeddedServer(self.settings.home)
                state = self._stack.enter_context(self.server.lease())
                importer.join()
                self.uri = state.bolt_uri
                self.username, password = self.server.credentials()
                auth = (self.username, password)
            else:
                self.uri = self.settings.uri or ""
                self.username = self.settings.username
                auth = (self.username, self.settings.password) if self.settings.password is not None else None
            import neo4j

            scheme = self.uri.partition("://")[0].lower() if "://" in self.uri else ""
            try:
                if scheme not in URI_SCHEMES:
                    raise ValueError(f"scheme {scheme + '://' if scheme else '(none)'} is not a Bolt scheme")
                driver = neo4j.GraphDatabase.driver(self.uri, auth=auth, **DRIVER_CONFIG)
            except (ValueError, neo4j.exceptions.ConfigurationError, ImportError) as e:
                raise ConfigError(
                    f"NEO4J_URI {display_uri(self.uri)!r} is not usable ({e}); use bolt://, bolt+s://, "
                    f"neo4j:// or neo4j+s:// with a host and port, e.g. neo4j://localhost:7687."
                ) from None
            self.driver = driver
            self._stack.callback(driver.close)
            self.ping()
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        self._stack.close()
        self.driver = None

    def __enter__(self) -> Graph:
        return self if self.driver is not None else self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Graph({self.where}, database={self.database!r})"

    # ---- errors

    def translate(self, e: BaseException) -> SundhedsgrafError:
        """The sundhedsgraf error for a driver error: by class and status code, not message text."""
        from neo4j import exceptions as ne

        if isinstance(e, SundhedsgrafError):
            return e
        code = getattr(e, "code", None) or ""
        server_msg = (getattr(e, "message", None) or str(e) or type(e).__name__).strip().splitlines()
        detail = server_msg[-1] if server_msg else type(e).__name__
        db = self.database or "(default)"
        if (
            isinstance(e, ne.AuthError)
            or code.startswith("Neo.ClientError.Security.Unauthorized")
            or code == "Neo.ClientError.Security.AuthenticationRateLimit"
        ):
            if self.server is not None:
                return AuthError(
                    f"{self.where} refused its own password; delete {self.server.home}/credentials and "
                    f"{self.server.home}/databases/config/server-users.jsonl to generate a new one."
                )
            return AuthError(
                f"{self.where}: authentication failed for user {self.username!r}; check NEO4J_USERNAME "
                f"and NEO4J_PASSWORD."
            )
        if code == "Neo.ClientError.Security.Forbidden":
            return AuthError(
                f"{self.where}: user {self.username!r} may not do this on database {db!r} ({detail})."
            )
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return DatabaseNotFound(
                f"{self.where}: database {db!r} does not exist; check NEO4J_DATABASE (SHOW DATABASES "
                f"lists them) or create it."
            )
        if code in ("Neo.ClientError.Statement.AccessMode", "Neo.ClientError.Cluster.NotALeader"):
            return ReadOnlyViolation(
                f"refused: the statement writes, and this is a read-only command ({detail}); nothing was changed."
            )
        if code == "Neo.ClientError.Statement.ParameterMissing":
            return ParameterError(
                f"a parameter of the statement is missing ({detail}); pass it (on the command "
                f"line: --param NAME=VALUE)."
            )
        if isinstance(e, (ne.ServiceUnavailable, ne.SessionExpired, OSError)):
            return ServiceUnavailable(
                f"cannot reach the database at {self.where} ({detail}); check NEO4J_URI, that the server "
                f"is running and that its Bolt port is open to you."
            )
        if isinstance(e, ne.Neo4jError):
            hint = " (a temporary failure: try again)" if isinstance(e, ne.TransientError) else ""
            return QueryError(f"{self.where} rejected the statement: {detail} [{code}]{hint}")
        if isinstance(e, ne.DriverError):
            return DatabaseError(f"{self.where}: {type(e).__name__}: {detail}")
        return DatabaseError(f"{self.where}: {type(e).__name__}: {detail}")

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        from neo4j import exceptions as ne

        try:
            yield
        except SundhedsgrafError:
            raise
        except (ne.Neo4jError, ne.DriverError, OSError) as e:
            raise self.translate(e) from e

    # ---- running statements

    def _session(self, read: bool):
        import neo4j

        if self.driver is None:
            raise DatabaseError("the connection is closed; use `with connect() as graph:`.")
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self.driver.session(database=self.database, default_access_mode=mode)

    def ping(self) -> None:
        """Run a trivial statement on the database: fails fast and clearly."""
        self.run_read(PING)

    def run_read(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> Rows:
        """Run one statement read-only and return its rows; a write is refused and changes nothing."""
        writes = write_clauses(query)
        if writes:
            raise ReadOnlyViolation(
                f"refused: the statement writes ({', '.join(dict.fromkeys(writes))}), and this is a "
                f"read-only command; nothing was sent to the database, nothing was changed."
            )
        return self._run_rolled_back(query, params)

    def _run_rolled_back(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> Rows:
        """Checks 2 and 3 of run_read (the server-side ones), in a transaction always rolled back."""
        import neo4j

        if self.driver is None:
            raise DatabaseError("the connection is closed; use `with connect() as graph:`.")
        try:
            with self._translated():
                self.driver.execute_query(
                    query,
                    dict(params or {}),
                    routing_=neo4j.RoutingControl.READ,
                    database_=self.database,
                    bookmark_manager_=None,
                    result_transformer_=_rows_then_roll_back,
                )
        except _Answer as answer:
            return answer.rows
        raise DatabaseError(f"{self.where}: the read ended without an answer.")  # pragma: no cover

    def run_write(self, query: LiteralString, params: Mapping[str, Any] | None = None):
        """Run one statement in its own (auto-commit) transaction; returns the summary counters.
        For schema statements (constraints), which do not belong in a data transaction."""
        with self._translated(), self._session(read=False) as session:
            return session.run(query, dict(params or {})).consume().counters

    @contextlib.contextmanager
    def write_transaction(self):
        """An explicit write transaction: committed if the block ends normally, rolled back if it
        raises (driver errors are translated)."""
        with self._translated(), self._session(read=False) as session:
            tx = session.begin_transaction()
            try:
                yield tx
            except BaseException:
                with contextlib.suppress(Exception):
                    tx.rollback()
                raise
            else:
                tx.commit()


class _Answer(Exception):  # not an error: how the rows leave a transaction that is rolled back
    """Raised by :func:`_rows_then_roll_back` with the rows: the driver rolls back a transaction
    whose function raises, and passes the exception on."""

    def __init__(self, rows: Rows):
        super().__init__("rows of a read")
        self.rows = rows


def _rows_then_roll_back(result) -> Rows:
    """The result transformer of a read: every row, then the summary's counters (check 3), then
    :class:`_Answer`, so that the transaction is rolled back whatever the statement did."""
    keys = list(result.keys())
    rows = [dict(zip(keys, record.values(), strict=True)) for record in result]
    counters = result.consume().counters
    if counters.contains_updates or counters.contains_system_updates:
        raise ReadOnlyViolation(
            f"refused: the statement writes ({describe_counters(counters)}), and this is a "
            f"read-only command; it was rolled back, nothing was changed."
        )
    raise _Answer(Rows(rows, keys))


def connect(settings: Settings | None = None, **overrides) -> Graph:
    """An open :class:`Graph` (``Settings.from_env()`` with ``overrides``, e.g. ``uri=``)."""
    settings = (settings or Settings.from_env()).override(**overrides)
    return Graph(settings).open()


# --------------------------------------------------------------------------------------------
# JSON


_PLAIN = (str, int, bool, type(None))  # exact types that are JSON as they are (most values)
_DRIVER_TYPES: tuple | None = None


def _driver_types():
    """neo4j.graph, neo4j.spatial and neo4j.time, imported once (not per value: `represented` converts
    thousands of values, and an import statement in the loop cost it a third of its time)."""
    global _DRIVER_TYPES
    if _DRIVER_TYPES is None:
        from neo4j import graph as ng
        from neo4j import spatial
        from neo4j import time as nt

        _DRIVER_TYPES = (ng, spatial, nt)
    return _DRIVER_TYPES


def to_jsonable(value: Any) -> Any:
    """Driver values as plain JSON: temporal types as ISO text, nodes, relationships and paths as
    objects, points as coordinates, bytes as base64."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list:
        return [v if type(v) in _PLAIN else to_jsonable(v) for v in value]
    if kind is dict:
        return {
            k if type(k) is str else str(k): v if type(v) in _PLAIN else to_jsonable(v)
            for k, v in value.items()
        }
    ng, spatial, nt = _driver_types()
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (nt.Date, nt.DateTime, nt.Time, nt.Duration)):  # before tuple: Duration is one
        return value.iso_format()
    if isinstance(value, spatial.Point):  # a tuple too
        out = {"srid": value.srid}
        out.update(zip(("x", "y", "z"), (float(c) for c in value), strict=False))  # 2 or 3 coordinates
        return out
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Mapping) and not isinstance(value, (ng.Node, ng.Relationship)):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, ng.Node):
        return {
            "element_id": value.element_id,
            "labels": sorted(value.labels),
            "properties": to_jsonable(dict(value.items())),
        }
    if isinstance(value, ng.Relationship):

        def end(node):
            if node is None:
                return None
            return node.get("id", node.element_id)

        return {
            "element_id": value.element_id,
            "type": value.type,
            "start": end(value.start_node),
            "end": end(value.end_node),
            "properties": to_jsonable(dict(value.items())),
        }
    if isinstance(value, ng.Path):
        return {
            "nodes": [to_jsonable(n) for n in value.nodes],
            "relationships": [to_jsonable(r) for r in value.relationships],
        }
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return value.total_seconds()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)


def cast_literal(text: str) -> LiteralString:
    """Mark text as a statement on purpose: a named query from cypher/, a statement generated from
    schema.yaml, or ad hoc text that only ever runs read-only (``sundhedsgraf cypher``)."""
    return cast(LiteralString, text)
