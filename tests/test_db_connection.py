"""The connection layer against the real embedded server: read-only enforcement, the faults users
meet (unreachable, wrong password, unknown database, bad URI) and JSON conversion of driver types."""

from __future__ import annotations

import contextlib
import json
import selectors
import socket
import threading
import time

import pytest
from db_fixtures import checksum

from sundhedsgraf.db.connection import Graph, cast_literal, to_jsonable
from sundhedsgraf.errors import (
    AuthError,
    ConfigError,
    DatabaseNotFound,
    QueryError,
    ReadOnlyViolation,
    ServiceUnavailable,
)
from sundhedsgraf.settings import Settings

pytestmark = pytest.mark.db
SECRET = "pw-Sekret-9f3a"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------------------------
# read-only


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE (n:Forum {id: 'ro-test'}) RETURN n",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n:Forum) SET n.x = 1",
        "MERGE (n:Forum {id: 'ro-test'})",
        "MATCH (n) WITH n LIMIT 1 CALL { WITH n REMOVE n.name } RETURN 1",
        "CREATE CONSTRAINT ro_test IF NOT EXISTS FOR (n:Forum) REQUIRE n.x IS UNIQUE",
    ],
)
def test_writes_are_refused_before_they_are_sent(real_graph, statement):
    before = checksum(real_graph)
    with pytest.raises(ReadOnlyViolation, match=r"refused: the statement writes.*nothing was changed"):
        real_graph.run_read(cast_literal(statement))
    assert checksum(real_graph) == before


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE (n:Forum {id: 'ro-test'}) RETURN n.id AS id",
        "MATCH (n:Forum) WITH n LIMIT 3 SET n.name = 'overwritten' RETURN count(n) AS c",
        "MATCH (n:Municipality) WITH n LIMIT 2 DETACH DELETE n",
    ],
)
def test_a_write_that_reaches_the_server_is_refused_by_the_server(real_graph, statement):
    """Past the lexical check (called directly here): ArcadeDB executes writes even in a READ
    session, so reads run as a user whose group may only read, and the server refuses; an update
    of an existing record, which ArcadeDB checks at commit, is caught by the summary and the
    transaction that is always rolled back."""
    before = checksum(real_graph)
    with pytest.raises(
        ReadOnlyViolation,
        match=r"refused( by the server: .*not allowed.*rolled back|: the statement reported changes)",
    ):
        real_graph._run_rolled_back(cast_literal(statement))
    assert checksum(real_graph) == before


def test_reads_mentioning_write_words_in_strings_are_fine(real_graph):
    rows = real_graph.run_read(
        cast_literal("RETURN 'CREATE (n) SET n.x = 1' AS s, $p AS p // DELETE"), {"p": "MERGE"}
    )
    assert rows == [{"s": "CREATE (n) SET n.x = 1", "p": "MERGE"}] and rows.keys == ["s", "p"]


def test_a_syntax_error_is_a_query_error(real_graph):
    with pytest.raises(QueryError, match="rejected the statement"):
        real_graph.run_read(cast_literal("MATCH (n RETURN n"))
    assert real_graph.run_read(cast_literal("RETURN 1 AS one")) == [{"one": 1}]  # the connection is reusable


class FlightCounter:
    """A TCP proxy in front of the server that counts the client's flights: a flight is what the
    client sends before the server answers, so a round trip is a flight. It sees the bytes only,
    so it counts what any driver version does, without touching the driver."""

    def __init__(self, port: int):
        self.target = port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.flights = 0
        self._turn = "server"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        sel = selectors.DefaultSelector()
        sel.register(self.listener, selectors.EVENT_READ, None)
        while not self._stop.is_set():
            for key, _ in sel.select(timeout=0.1):
                if key.data is None:
                    client, _ = self.listener.accept()
                    server = socket.create_connection(("127.0.0.1", self.target))
                    sel.register(client, selectors.EVENT_READ, ("client", server))
                    sel.register(server, selectors.EVENT_READ, ("server", client))
                    continue
                side, other = key.data
                data = key.fileobj.recv(65536)
                if not data:
                    sel.unregister(key.fileobj)
                    key.fileobj.close()
                    with contextlib.suppress(OSError):
                        other.shutdown(socket.SHUT_WR)
                    continue
                if side == "client" and self._turn == "server":
                    self.flights += 1
                self._turn = side
                other.sendall(data)

    def count(self, call) -> int:
        """The client's flights while ``call()`` runs."""
        time.sleep(0.05)
        before = self.flights
        call()
        time.sleep(0.05)
        return self.flights - before

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.listener.close()


def test_a_read_is_two_round_trips(bolt_credentials, db_home):
    """``run_read`` sends BEGIN with its RUN and PULL (one flight), then ROLLBACK (the second):
    one round trip less than ``begin_transaction`` + ``run``, which waits for BEGIN's answer (the
    proxy tells the two apart: three flights). If a driver stops sending BEGIN with the first RUN,
    every read costs a round trip more, and this test says so."""
    uri, user, password = bolt_credentials
    proxy = FlightCounter(int(uri.rsplit(":", 1)[1]))
    one = cast_literal("RETURN 1 AS one")
    try:
        settings = Settings(
            uri=f"bolt://127.0.0.1:{proxy.port}",
            username=user,
            password=password,
            database="sundhedsgraf",
            home=db_home,
        )
        with Graph(settings) as g:
            assert g.run_read(one) == [{"one": 1}]  # the pooled connection is open and greeted

            def explicit():
                with g.driver.session(database=g.database) as session:
                    tx = session.begin_transaction()
                    assert [r["one"] for r in tx.run(one)] == [1]
                    tx.rollback()

            assert (proxy.count(lambda: g.run_read(one)), proxy.count(explicit)) == (2, 3)
            with pytest.raises(ReadOnlyViolation):  # the write is caught in the same two flights
                proxy.count(lambda: g._run_rolled_back(cast_literal("CREATE (n:RoundTrip) RETURN n")))
            assert g.run_read(cast_literal("MATCH (n:RoundTrip) RETURN count(n) AS n")) == [{"n": 0}]
    finally:
        proxy.close()


# --------------------------------------------------------------------------------------------
# faults: each one line naming the server (never the password), within seconds


def test_unreachable_server(db_home):
    port = closed_port()
    uri = f"bolt://127.0.0.1:{port}"
    t0 = time.monotonic()
    with pytest.raises(ServiceUnavailable) as e:
        Graph(Settings(uri=uri, username="neo4j", password=SECRET, home=db_home)).open()
    assert time.monotonic() - t0 < 10
    msg = str(e.value)
    assert uri in msg and "NEO4J_URI" in msg and SECRET not in msg and "\n" not in msg


def test_unreachable_routing_uri(db_home):
    uri = f"neo4j://127.0.0.1:{closed_port()}"
    with pytest.raises(ServiceUnavailable, match=r"cannot reach the database at neo4j://127.0.0.1"):
        Graph(Settings(uri=uri, password=SECRET, home=db_home)).open()


def test_wrong_password(bolt_credentials, db_home):
    uri, user, _ = bolt_credentials
    with pytest.raises(AuthError) as e:
        Graph(Settings(uri=uri, username=user, password=SECRET, home=db_home)).open()
    assert "NEO4J_PASSWORD" in str(e.value) and SECRET not in str(e.value) and uri in str(e.value)


def test_unknown_database(bolt_credentials, db_home):
    uri, user, password = bolt_credentials
    with pytest.raises(DatabaseNotFound, match=r"database 'no_such_db' does not exist.*NEO4J_DATABASE") as e:
        Graph(Settings(uri=uri, username=user, password=password, database="no_such_db", home=db_home)).open()
    assert password not in str(e.value)


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "bolt:/x"])
def test_a_uri_that_is_not_bolt_is_a_config_error(uri, db_home):
    with pytest.raises(ConfigError, match=r"not usable.*bolt://"):
        Graph(Settings(uri=uri, home=db_home)).open()


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_own_neo4j_by_uri_works_unchanged(bolt_credentials, db_home, real_graph, scheme):
    """The session server reached as 'your own Neo4j' through NEO4J_URI (bolt:// and routing neo4j://)."""
    uri, user, password = bolt_credentials
    uri = uri.replace("bolt://", f"{scheme}://")
    with Graph(
        Settings(uri=uri, username=user, password=password, database="sundhedsgraf", home=db_home)
    ) as g:
        assert g.server is None
        assert g.run_read(cast_literal("MATCH (n) RETURN count(n) AS n")) == real_graph.run_read(
            cast_literal("MATCH (n) RETURN count(n) AS n")
        )


# --------------------------------------------------------------------------------------------
# JSON


def test_driver_types_convert_to_json(real_graph):
    [row] = real_graph.run_read(
        cast_literal(
            "RETURN date('2026-01-02') AS d, datetime('2026-01-02T03:04:05Z') AS dt, localdatetime('2026-01-02T03:04:05') AS ldt, "
            "duration('P1DT2H') AS du, localtime('12:30:00') AS t, point({x: 1, y: 2}) AS pt, [1, 2.5, 'x', true, null] AS l, {a: {b: [1]}} AS m"
        )
    )
    out = to_jsonable(row)
    assert out["d"] == "2026-01-02" and out["dt"].startswith("2026-01-02T03:04:05")
    assert out["ldt"].startswith("2026-01-02T03:04:05") and out["du"].startswith("P")
    assert out["pt"]["x"] == 1.0 and out["pt"]["y"] == 2.0
    assert (
        out["t"].startswith("12:30:00")
        and out["l"] == [1, 2.5, "x", True, None]
        and out["m"] == {"a": {"b": [1]}}
    )
    json.dumps(out)


def test_nodes_relationships_and_paths_convert_to_json(real_graph):
    rows = real_graph.run_read(
        cast_literal("MATCH p = (a:Office)-[r:MEMBER_OF]->(f:Forum) RETURN a, r, p ORDER BY r.id LIMIT 1")
    )
    out = to_jsonable(rows[0])
    json.dumps(out, ensure_ascii=False)
    assert out["a"]["labels"] == ["Office"] and out["a"]["properties"]["id"]
    assert out["r"]["type"] == "MEMBER_OF" and out["r"]["start"] == out["a"]["properties"]["id"]
    assert out["r"]["properties"]["id"].startswith("MEMBER_OF")
    assert [n["properties"]["id"] for n in out["p"]["nodes"]] == [out["r"]["start"], out["r"]["end"]]
    assert out["p"]["relationships"][0]["type"] == "MEMBER_OF"
