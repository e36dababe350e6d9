"""The one place that opens the official neo4j driver, for the embedded server or ``NEO4J_URI``.

    with connect() as graph:                         # Settings.from_env()
        rows = graph.run_read(QUERY, {"id": "kosu"})  # a list of dicts, truly read-only

Driver errors become :mod:`sundhedsgraf.errors` classes by exception class and Neo4j status code,
and each message names the server (never a password or a URI's user part), what it said in full,
and what to check.

Read-only is enforced by the server, with client-side checks in front (docs/reliability.md):

1. a lexical check (:func:`sundhedsgraf.cypher_text.refusal_message`): write clauses, schema and
   administration commands, ``IN TRANSACTIONS``, ``LOAD CSV`` and procedures off a short allow-list
   are refused before sending, whatever comments, line breaks or look-alike characters hide them;
2. the server: on the embedded server every read runs as a user whose group may only read records
   (no write, no schema change, no file); on your Neo4j, a READ transaction (Neo4j refuses writes
   with ``Neo.ClientError.Statement.AccessMode``; give sundhedsgraf a user with the reader role);
3. the transaction is always rolled back, and a summary reporting an update is refused; ad hoc
   statements (:meth:`Graph.run_checked`) are also checked against counts and schema taken before
   and after, so that a message never says "nothing was changed" unless that was checked.

Every read has a time limit (:data:`READ_TIMEOUT`, ``--timeout``): the statement carries it in a
leading comment with this process's id, the driver sends it as the transaction timeout (Neo4j
enforces it), and the client stops the query itself at the limit or on Ctrl-C, with
``TERMINATE TRANSACTIONS``, so that the server stops working on it; the embedded server's watchdog
does the same for a client that died (:mod:`.embedded`).

Only the driver's public API is used (tests/test_driver_api.py checks): a read is
``driver.execute_query``, which sends BEGIN with the first RUN (one round trip less than
``begin_transaction`` + ``run``), with a result transformer that streams the rows, checks the
counters and then raises, so that the driver rolls the transaction back.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as _dt
import importlib
import logging
import math
import os
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, LiteralString, TypedDict, cast

from ..cypher_text import refusal_message
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
from ..settings import EMBEDDED_DATABASE, Settings, display_uri
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

#: the time limit of a read, in seconds, unless the caller gives another (``--timeout``)
READ_TIMEOUT = 60.0
#: how long a stopped query's thread is given to end after TERMINATE
CANCEL_WAIT = 2.0

# Stopping a query: this process's running statements carry its id in their leading comment.
# Standard Cypher administration commands on both Neo4j and ArcadeDB; here for the same reason as PING.
SHOW_TRANSACTIONS: LiteralString = "SHOW TRANSACTIONS"
TERMINATE_TRANSACTIONS: LiteralString = "TERMINATE TRANSACTIONS $ids"

# What an ad hoc statement is checked against, before and after (Graph.fingerprint).
FINGERPRINT: dict[str, LiteralString] = {
    "nodes by label": "MATCH (n) UNWIND labels(n) AS label RETURN label AS k, count(*) AS v",
    "relationships by type": "MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS v",
    "labels": "CALL db.labels() YIELD label RETURN label AS k, 1 AS v",
    "relationship types": "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS k, 1 AS v",
    "property keys": "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey AS k, 1 AS v",
    "indexes": "SHOW INDEXES",
    "constraints": "SHOW CONSTRAINTS",
}

_LEADING_PREFIX = re.compile(r"^\s*(?:(?:EXPLAIN|PROFILE)\b\s*)?", re.IGNORECASE)


def tag_statement(text: str, timeout: float, client: str) -> str:
    """``text`` with the leading comment that names its time limit and its client (after a
    leading EXPLAIN or PROFILE, which must stay first)."""
    m = _LEADING_PREFIX.match(text)
    head = m.group(0) if m else ""
    return f"{head}/* sundhedsgraf timeout={timeout:g} client={client} */ {text[len(head) :]}"


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

    def __init__(self, settings: Settings | None = None, read_timeout: float = READ_TIMEOUT):
        self.settings = settings or Settings.from_env()
        self.database: str | None = self.settings.database_name
        self.server: EmbeddedServer | None = None
        #: the writing identity (loads): the embedded server's admin, or NEO4J_USERNAME
        self.driver: neo4j.Driver | None = None
        #: the reading identity (every read): the embedded server's reader, or the same driver
        self.reader: neo4j.Driver | None = None
        self.uri: str = ""
        self.username: str = ""
        self.read_timeout = read_timeout
        self.client_id = f"{os.getpid()}-{secrets.token_hex(4)}"
        self._log_marks: dict = {}
        self.server_database = EMBEDDED_DATABASE
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
        read_auth: tuple[str, str] | None
        try:
            if self.settings.embedded:
                # import the driver (~0.5 s) while the server process starts
                importer = threading.Thread(target=importlib.import_module, args=("neo4j",), daemon=True)
                importer.start()
                self.server = EmbeddedServer(self.settings.home)
                state = self._stack.enter_context(self.server.lease())
                importer.join()
                self.uri = state.bolt_uri
                users = self.server.users()
                auth = users.admin
                read_auth = users.reader
                self.username = users.reader[0]
                self._log_marks = self.server.log_marks()
            else:
                self.uri = self.settings.uri or ""
                self.username = self.settings.username
                auth = (self.username, self.settings.password) if self.settings.password is not None else None
                read_auth = auth
            import neo4j

            scheme = self.uri.partition("://")[0].lower() if "://" in self.uri else ""
            try:
                if scheme not in URI_SCHEMES:
                    raise ValueError(f"scheme {scheme + '://' if scheme else '(none)'} is not a Bolt scheme")
                if "@" in self.uri.partition("://")[2]:
                    raise ValueError(
                        "it has a user name or password in it; give them as NEO4J_USERNAME and NEO4J_PASSWORD"
                    )
                driver = neo4j.GraphDatabase.driver(self.uri, auth=auth, **DRIVER_CONFIG)
                self._stack.callback(driver.close)
                reader = driver
                if read_auth != auth:
                    reader = neo4j.GraphDatabase.driver(self.uri, auth=read_auth, **DRIVER_CONFIG)
                    self._stack.callback(reader.close)
            except (ValueError, neo4j.exceptions.ConfigurationError, ImportError) as e:
                detail = str(e).replace(self.uri, display_uri(self.uri)) if self.uri else str(e)
                raise ConfigError(
                    f"NEO4J_URI {display_uri(self.uri)!r} is not usable ({detail}); use bolt://, bolt+s://, "
                    f"neo4j:// or neo4j+s:// with a host and port, e.g. neo4j://localhost:7687."
                ) from None
            self.driver = driver
            self.reader = reader
            self.ping()
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        self._stack.close()
        self.driver = None
        self.reader = None

    def __enter__(self) -> Graph:
        return self if self.driver is not None else self.open()

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.close()
            return
        with contextlib.suppress(Exception):  # the error in flight is the one to report
            self.close()

    def __repr__(self) -> str:
        return f"Graph({self.where}, database={self.database!r})"

    # ---- errors

    def translate(self, e: BaseException) -> SundhedsgrafError:
        """The sundhedsgraf error for a driver error: by class and status code, with the server's
        message in full (on one line) and, on the embedded server, a fault it logged (a full disk,
        no memory, no permission)."""
        from neo4j import exceptions as ne

        if isinstance(e, SundhedsgrafError):
            return e
        code = getattr(e, "code", None) or ""
        detail = server_message(e)
        db = self.database or "(default)"
        if (
            isinstance(e, ne.AuthError)
            or code.startswith("Neo.ClientError.Security.Unauthorized")
            or code == "Neo.ClientError.Security.AuthenticationRateLimit"
        ):
            if self.server is not None:
                return AuthError(self._embedded_login_refused(detail))
            rate = (
                " Too many failed logins lock the user out for a while: wait and try again."
                if code == "Neo.ClientError.Security.AuthenticationRateLimit"
                else ""
            )
            return AuthError(
                f"{self.where}: authentication failed for user {self.username!r} ({detail}); check "
                f"NEO4J_USERNAME and NEO4J_PASSWORD.{rate}"
            )
        if code == "Neo.ClientError.Security.Forbidden":
            if self.server is not None and self.database != self.server_database:
                return DatabaseNotFound(
                    f"{self.where}: the embedded server holds only the database {self.server_database!r}, "
                    f"not {db!r} ({detail}); leave NEO4J_DATABASE unset."
                )
            if self.server is not None:
                return ReadOnlyViolation(
                    f"refused by the server: {detail} (sundhedsgraf reads as a user that may only read "
                    f"records: no write, no schema change, no file). The transaction was rolled back."
                )
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
                f"refused by the server: the statement writes, and this is a read-only command ({detail}); "
                f"the server did not run it."
            )
        if code == "Neo.ClientError.Statement.ParameterMissing":
            return ParameterError(
                f"a parameter of the statement is missing ({detail}); pass it (on the command "
                f"line: --param NAME=VALUE)."
            )
        fault = self.server.diagnose(self._log_marks) if self.server is not None else None
        if fault and not code.startswith("Neo.ClientError.Statement"):
            return DatabaseError(f"{self.where}: {fault} (the server said: {detail})")
        if isinstance(e, (ne.ServiceUnavailable, ne.SessionExpired, OSError)):
            return ServiceUnavailable(
                f"cannot reach the database at {self.where} ({detail}); check NEO4J_URI, that the server "
                f"is running and that its Bolt port is open to you."
            )
        if isinstance(e, ne.Neo4jError):
            hint = " (a temporary failure: try again)" if isinstance(e, ne.TransientError) else ""
            return QueryError(f"{self.where} rejected the statement: {detail} [{code}]{hint}")
        return DatabaseError(f"{self.where}: {type(e).__name__}: {detail}")

    def _embedded_login_refused(self, detail: str) -> str:
        """Why the embedded server refused this home's own user: the credentials changed after it
        started (it sets its users from them at start), or the user is locked out. Over Bolt
        ArcadeDB says only "Authentication failed" for both, so the file's time tells them apart."""
        assert self.server is not None
        path = self.server.path("credentials")
        st = self.server.state()
        try:
            changed = st is not None and path.stat().st_mtime > st.started_at + 1
        except OSError:
            changed = True
        if changed:
            return (
                f"{self.where} refused the login of this home's user {self.username!r} ({detail}): {path} "
                f"changed after the server started, and the server sets its users from it when it "
                f"starts. Run `sundhedsgraf server stop` and try again."
            )
        return (
            f"{self.where} refused the login of this home's user {self.username!r} ({detail}): the "
            f"password is the one the server was started with, so the user is locked out: ArcadeDB "
            f"locks a user for 30 s after five failed logins. The user's name is random and only in "
            f"{path} (0600), so a process that read that file has been trying wrong passwords. Wait "
            f"30 s and try again; do not delete the credentials."
        )

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
        """Run a trivial statement on the database: fails fast and clearly. (The writing user of
        the embedded server logs in only when a load writes.)"""
        self.run_read(PING)

    def run_read(
        self,
        query: LiteralString,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        on_row: Callable[[dict], None] | None = None,
    ) -> Rows:
        """Run one statement read-only and return its rows; a write is refused and changes nothing.
        ``timeout``: seconds before it is stopped (default :attr:`read_timeout`; 0: none).
        ``on_row``: called with each row as it arrives instead of collecting them (the returned
        Rows is then empty, with the column names)."""
        refused = refusal_message(query)
        if refused:
            raise ReadOnlyViolation(refused)
        return self._run_rolled_back(query, params, timeout=timeout, on_row=on_row)

    def run_checked(
        self,
        query: LiteralString,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        on_row: Callable[[dict], None] | None = None,
    ) -> Rows:
        """:meth:`run_read` for a statement nobody vetted (``sundhedsgraf cypher``): the counts and
        the schema are compared before and after, so that a change the server let through (or the
        rollback could not undo: schema changes are not transactional on ArcadeDB) is reported, by
        what changed, instead of passing in silence."""
        refused = refusal_message(query)
        if refused:
            raise ReadOnlyViolation(refused)
        # on the embedded server no load runs meanwhile; another client of your Neo4j may write
        lock = self.server.read_lock() if self.server is not None else contextlib.nullcontext()
        others = "" if self.server is not None else " (or another client wrote meanwhile)"
        with lock:
            before = self.fingerprint()
            try:
                rows = self._run_rolled_back(query, params, timeout=timeout, on_row=on_row)
            except ReadOnlyViolation as e:
                changed, unknown = self._changes_since(before)
                if changed is not None:
                    raise ReadOnlyViolation(f"{e} It changed the database{others}: {changed}") from e
                if unknown:
                    raise ReadOnlyViolation(
                        f"{e} The rest of the counts and schema were compared before and after: unchanged; "
                        f"{', '.join(unknown)} could not be read, so to be sure, run `sundhedsgraf load --replace`."
                    ) from e
                raise ReadOnlyViolation(f"{e} {_CHECKED_UNCHANGED}") from e
            changed, _ = self._changes_since(before)
        if changed is not None:
            raise ReadOnlyViolation(
                f"the statement changed the database{others} although this is a read-only command: {changed}"
            )
        return rows

    def fingerprint(self) -> dict[str, dict[str, Any]]:
        """What a read must leave as it was: node counts by label, relationship counts by type,
        labels, types, property keys, indexes and constraints (one entry each; an entry the server
        cannot answer holds the error, so that it is never taken for unchanged)."""
        out: dict[str, dict[str, Any]] = {}
        for what, statement in FINGERPRINT.items():
            try:
                rows = self._run_rolled_back(statement, timeout=self.read_timeout)
            except SundhedsgrafError as e:
                out[what] = {"?": str(e)}
                continue
            if statement.startswith("SHOW"):
                out[what] = {str(r.get("name")): 1 for r in rows}
            else:
                out[what] = {str(r["k"]): r["v"] for r in rows}
        return out

    def _changes_since(self, before: dict[str, dict[str, Any]]) -> tuple[str | None, list[str]]:
        """What changed since ``before`` (one sentence, or None) and what could not be compared
        (a part the server would not answer, e.g. SHOW INDEXES without the privilege)."""
        after = self.fingerprint()
        unknown = [w for w in FINGERPRINT if "?" in before.get(w, {}) or "?" in after.get(w, {})]
        diffs = []
        for what in FINGERPRINT:
            if what in unknown:
                continue
            a, b = before.get(what, {}), after.get(what, {})
            if a == b:
                continue
            if what in ("nodes by label", "relationships by type"):
                parts = [
                    f"{k} {a.get(k, 0)} → {b.get(k, 0)}"
                    for k in sorted(set(a) | set(b))
                    if a.get(k) != b.get(k)
                ]
            else:
                parts = [f"+{k}" for k in sorted(set(b) - set(a))] + [
                    f"-{k}" for k in sorted(set(a) - set(b))
                ]
            diffs.append(f"{what}: {', '.join(parts[:6])}{' …' if len(parts) > 6 else ''}")
        if not diffs:
            return None, unknown
        return f"{'; '.join(diffs)}. Run `sundhedsgraf load --replace` to restore the graph.", unknown

    def _run_rolled_back(
        self,
        query: LiteralString,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        on_row: Callable[[dict], None] | None = None,
    ) -> Rows:
        """Checks 2 and 3 of run_read (the server-side ones), in a transaction always rolled back,
        in a thread: the caller waits until the rows are in, the time limit passes (the query is
        stopped on the server) or Ctrl-C (likewise, then KeyboardInterrupt)."""
        import neo4j

        if self.reader is None:
            raise DatabaseError("the connection is closed; use `with connect() as graph:`.")
        limit = self.read_timeout if timeout is None else timeout
        text = tag_statement(query, limit, self.client_id)
        driver = self.reader
        box: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                with self._translated():
                    driver.execute_query(
                        neo4j.Query(cast(LiteralString, text), timeout=limit or None),
                        dict(params or {}),
                        routing_=neo4j.RoutingControl.READ,
                        database_=self.database,
                        bookmark_manager_=None,
                        result_transformer_=_rolled_back(on_row),
                    )
            except _Answer as answer:
                box["rows"] = answer.rows
            except BaseException as e:
                box["error"] = e
            finally:
                done.set()

        started = time.monotonic()
        thread = threading.Thread(target=work, name="sundhedsgraf-read", daemon=True)
        thread.start()
        try:
            while not done.wait(0.05):
                if limit and time.monotonic() - started > limit:
                    self.cancel()
                    done.wait(CANCEL_WAIT)
                    raise QueryError(
                        f"{self.where}: the query ran longer than its time limit of {limit:g} s and was "
                        f"stopped (the server stopped working on it); give it more time with --timeout "
                        f"SECONDS, or narrow it (a LIMIT, a label, a shorter path)."
                    )
        except KeyboardInterrupt:
            self.cancel()
            done.wait(CANCEL_WAIT)
            raise
        if "error" in box:
            raise box["error"]
        if "rows" not in box:  # pragma: no cover
            raise DatabaseError(f"{self.where}: the read ended without an answer.")
        return box["rows"]

    def cancel(self) -> int:
        """Stop this connection's running statements on the server (TERMINATE TRANSACTIONS on the
        ones whose leading comment names this client); returns how many. Best effort: the server
        may have finished them meanwhile."""
        driver = self.reader
        if driver is None:
            return 0
        mine = f"client={self.client_id} "
        try:
            records, _, _ = driver.execute_query(SHOW_TRANSACTIONS, database_=self.database)
            ids = [r["transactionId"] for r in records if mine in str(r.get("currentQuery") or "")]
            if ids:
                driver.execute_query(TERMINATE_TRANSACTIONS, {"ids": ids}, database_=self.database)
            return len(ids)
        except Exception:
            return 0

    def run_write(self, query: LiteralString, params: Mapping[str, Any] | None = None):
        """Run one statement in its own (auto-commit) transaction; returns the summary counters.
        For schema statements (constraints), which do not belong in a data transaction."""
        with self._translated(), self._session(read=False) as session:
            return session.run(query, dict(params or {})).consume().counters

    @contextlib.contextmanager
    def write_transaction(self):
        """An explicit write transaction: committed if the block ends normally, rolled back if it
        raises (driver errors are translated). After a failure, closing the session may fail too
        (Ctrl-C in the middle of a read leaves the driver's buffer half-filled: BufferError): that
        second error is dropped, so the first one is what the command reports."""
        session = self._session(read=False)
        failed = False
        try:
            with self._translated():
                tx = session.begin_transaction()
                try:
                    yield tx
                except BaseException:
                    failed = True
                    with contextlib.suppress(Exception):
                        tx.rollback()
                    raise
                else:
                    tx.commit()
        except BaseException:
            failed = True
            raise
        finally:
            if failed:
                with contextlib.suppress(Exception):
                    session.close()
            else:
                with self._translated():
                    session.close()


_CHECKED_UNCHANGED = (
    "The counts and the schema (labels, types, property keys, indexes, constraints) were compared "
    "before and after: unchanged."
)


def server_message(e: BaseException) -> str:
    """What the server said, in full, on one line: a syntax error's explanation with its position,
    not only the caret line under the statement."""
    text = (getattr(e, "message", None) or str(e) or type(e).__name__).strip()
    lines = [ln.strip() for ln in text.splitlines()]
    kept = [ln for ln in lines if ln and not re.fullmatch(r"\^+", ln)]
    return " | ".join(kept) or type(e).__name__


class _Answer(Exception):  # not an error: how the rows leave a transaction that is rolled back
    """Raised by :func:`_rows_then_roll_back` with the rows: the driver rolls back a transaction
    whose function raises, and passes the exception on."""

    def __init__(self, rows: Rows):
        super().__init__("rows of a read")
        self.rows = rows


def _rolled_back(on_row: Callable[[dict], None] | None):
    """The result transformer of a read: every row (collected, or handed to ``on_row`` as it
    arrives), then the summary's counters (check 3), then :class:`_Answer`, so that the transaction
    is rolled back whatever the statement did."""

    def transform(result) -> Rows:
        keys = list(result.keys())
        rows: list[dict] = []
        for record in result:
            row = dict(zip(keys, record.values(), strict=True))
            if on_row is None:
                rows.append(row)
            else:
                on_row(row)
        counters = result.consume().counters
        if counters.contains_updates or counters.contains_system_updates:
            raise ReadOnlyViolation(
                f"refused: the statement reported changes ({describe_counters(counters)}), and this is a "
                f"read-only command; its transaction was rolled back."
            )
        raise _Answer(Rows(rows, keys))

    return transform


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
