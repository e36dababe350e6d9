"""The embedded server's child process: ``python -m sundhedsgraf.db.embedded serve --home H
--bolt-port P --http-port Q`` starts the JVM and ArcadeDB with its Bolt plugin, records itself in
``server.json`` when it answers, and runs until it is signalled or nobody holds a lease any more.
The parent starts it (:func:`sundhedsgraf.db.process.spawn`); the passwords are read from the home's
``credentials``, never passed on the command line.

What it sets up beyond ArcadeDB's defaults (docs/reliability.md has the evidence for each):

- the users of ``credentials``, made to match it at every start: the admin (loads) and the reader
  (every query), whose group may read records and nothing else: no record written, no schema
  change, no LOAD CSV (which needs the updateSecurity permission);
- LOAD CSV from files and from URLs switched off for every user;
- the HTTP API closed once the server has started (nothing uses it; ArcadeDB always opens it);
- a watchdog that terminates a reader's query past its time limit (written in a comment at the
  start of the statement by :meth:`sundhedsgraf.db.connection.Graph.run_read`) or whose client
  has gone (its connection half-closed), so that no query keeps a core busy for nobody.

The names the commands use are re-exported here (``from sundhedsgraf.db.embedded import
EmbeddedServer``); they live in :mod:`.server` (the facade), :mod:`.home` (the files),
:mod:`.locks` and :mod:`.process`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import sys
import threading
import time
from pathlib import Path

from .home import (
    CLIENTS_LOCK,
    DATA_DIR,
    DATABASE,
    HOST,
    PERSISTENT_FILE,
    READER_GROUP,
    START_LOCK,
    STATE_FILE,
    USERNAME,
    Credentials,
    ServerState,
    describe_os_error,
    read_state,
    write_state,
)
from .locks import open_lock_file, try_flock
from .process import free_port, log_tail, pid_alive, port_answers, port_free
from .server import EmbeddedServer

__all__ = [
    "DATABASE",
    "HEAP",
    "JVM_ARGS",
    "PERSISTENT_JVM_ARGS",
    "STATE_FILE",
    "EmbeddedServer",
    "ServerState",
    "free_port",
    "log_tail",
    "main",
    "pid_alive",
    "port_answers",
    "port_free",
    "serve",
]

BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
# No Cypher statement reads a file or a URL, whoever runs it (the loader sends rows as parameters).
# System properties, because ArcadeDB reads these per database from the JVM-wide defaults.
NO_FILE_ARGS = [
    "-Darcadedb.opencypher.loadCsv.allowFileUrls=false",
    "-Darcadedb.opencypher.loadCsv.allowRemoteUrls=false",
]
# Start-up time matters more than peak speed for a graph of a few hundred nodes: C1 only, serial GC.
# -Xrs leaves SIGTERM to Python, which stops the server cleanly.
JVM_ARGS = ["-Xrs", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1m", *NO_FILE_ARGS]
# A server kept running by `sundhedsgraf server start` lives long enough for the full JIT (C2) to pay:
# at synth scale 4 it loads and answers about twice as fast (docs/performance.md); its start is the same.
PERSISTENT_JVM_ARGS = ["-Xrs", "-XX:+UseParallelGC", "-Xss1m", *NO_FILE_ARGS]
HEAP = "1g"
WATCH_INTERVAL = 0.5
# A reader's statement starts with this comment (Graph.run_read): its time limit and its client.
READ_TAG = re.compile(
    r"^\s*(?:EXPLAIN\s+|PROFILE\s+)?/\* sundhedsgraf timeout=(\d+(?:\.\d+)?) client=([\w-]+) \*/"
)
UNTAGGED_LIMIT = 600.0  # a reader's statement without the comment (not sent by sundhedsgraf)
GRACE = 1.0  # the client stops its own query at its limit; the watchdog only if the client did not


def fatal_reason(e: BaseException, bolt_port: int, http_port: int) -> str:
    """One line for the parent (it shows the log's ``FATAL:`` line): what failed, and what to do."""
    chain, seen = [], set()
    cur: BaseException | None = e
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        chain.append(str(cur).strip().splitlines()[0] if str(cur).strip() else type(cur).__name__)
        cur = cur.__cause__ or cur.__context__
    text = " | ".join(chain)
    if "Address already in use" in text or "BindException" in text:
        return (
            f"a port is already in use (Bolt {bolt_port}, HTTP {http_port}); another program took it: "
            f"try again, or choose ports with `sundhedsgraf server start --bolt-port/--http-port`."
        )
    if "locked by another process" in text:
        return (
            "the database folder is locked by another process (a second server on the same "
            "SUNDHEDSGRAF_HOME?); stop it with `sundhedsgraf server stop`."
        )
    for cur in (e, e.__cause__, e.__context__):
        if isinstance(cur, OSError) and cur.errno is not None:
            return f"{describe_os_error(cur, Path(cur.filename or '.').parent)}"
    if "No space left on device" in text:
        return "the disk holding SUNDHEDSGRAF_HOME is full; free some space or set SUNDHEDSGRAF_HOME to another disk"
    if "OutOfMemoryError" in text:
        return "the server ran out of memory (raise the heap with ARCADEDB_JVM_ARGS=-Xmx2g)"
    if "JVM" in text or "jvm" in text:
        return f"the Java runtime bundled with arcadedb-embedded failed to start: {chain[0]} (check ARCADEDB_JVM_ARGS)"
    return chain[-1] if len(chain[-1]) > len(chain[0]) // 3 else chain[0]


def serve(home: Path, bolt_port: int, http_port: int) -> int:
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, on_signal)
    os.umask(0o077)  # ArcadeDB's data, config and logs: the owner's alone
    server = EmbeddedServer(home, notify=lambda m: print(m, flush=True))
    try:
        creds = server.users()
        from arcadedb_embedded.jvm import start_jvm

        user_args = os.environ.get("ARCADEDB_JVM_ARGS", "")
        base = PERSISTENT_JVM_ARGS if (home / PERSISTENT_FILE).exists() else JVM_ARGS
        jvm_args = list(base) + ([] if "-Xmx" in user_args else [f"-Xmx{HEAP}"])
        start_jvm(heap_size=None, jvm_args=jvm_args, interrupt=False)
        import arcadedb_embedded

        java = java_server(home / DATA_DIR, creds.root_password, bolt_port, http_port)
    except BaseException as e:
        print(f"FATAL: {fatal_reason(e, bolt_port, http_port)}", flush=True)
        return 1
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):  # again: the JVM's start replaced them
        signal.signal(sig, on_signal)
    try:
        close_http(java)
        java.getDatabase(DATABASE, True, True)  # created if missing, registered with the server
        sync_users(java.getSecurity(), creds)
        version = getattr(arcadedb_embedded, "__version__", "")
        write_state(
            home,
            ServerState(
                pid=os.getpid(),
                bolt_port=bolt_port,
                http_port=http_port,
                database=DATABASE,
                home=str(home),
                started_at=time.time(),
                version=str(version),
                home_id=creds.home_id,
            ),
        )
        print(f"READY bolt://{HOST}:{bolt_port} database={DATABASE}", flush=True)
        dog = Watchdog(java.getRunningQueries(), creds.reader[0], bolt_port)
        watch(home, stop, dog.tick)
    except BaseException as e:
        print(f"FATAL: {fatal_reason(e, bolt_port, http_port)}", flush=True)
        rc = 1
    else:
        rc = 0
    finally:
        with contextlib.suppress(BaseException):
            java.stop()
        with contextlib.suppress(OSError):
            st = read_state(home)
            if st is not None and st.pid == os.getpid():
                (home / STATE_FILE).unlink()
        print("STOPPED", flush=True)
    return rc


def java_server(root: Path, root_password: str, bolt_port: int, http_port: int):
    """ArcadeDB's server (Java, through JPype), started: every listener bound to 127.0.0.1, Bolt on
    ``bolt_port``. Built here rather than through the wheel's wrapper, whose Java object (security,
    HTTP, running queries) is not public."""
    import jpype

    settings = jpype.JClass("com.arcadedb.GlobalConfiguration")
    config = jpype.JClass("com.arcadedb.ContextConfiguration")()
    config.setValue("arcadedb.server.rootPath", str(root))
    config.setValue("arcadedb.server.rootPassword", root_password)
    config.setValue("arcadedb.server.mode", "development")
    for setting in settings.values():  # every listener that would bind all interfaces
        key = str(setting.getKey())
        if key == "arcadedb.server.httpIncomingHost" or (
            key.endswith(".host") and str(setting.getDefValue()) in ("0.0.0.0", "::")
        ):
            config.setValue(key, HOST)
    config.setValue("arcadedb.server.httpIncomingPort", http_port)
    config.setValue("arcadedb.server.plugins", BOLT_PLUGIN)
    config.setValue("arcadedb.bolt.port", bolt_port)
    server = jpype.JClass("com.arcadedb.server.ArcadeDBServer")(config)
    try:
        server.start()
    except BaseException:
        # a failed start leaves what it started running (non-daemon threads): stop it, or the
        # process cannot exit
        with contextlib.suppress(Exception):
            server.stop()
        raise
    return server


def close_http(java_server) -> None:
    """Stop the HTTP listener ArcadeDB always starts: sundhedsgraf speaks Bolt only, and an open
    HTTP port is one more door for another local user (five wrong logins there lock a user out)."""
    http = java_server.getHttpServer()
    if http is not None:
        http.stopService()
        print("HTTP API closed (sundhedsgraf uses Bolt only)", flush=True)


def _reader_group() -> str:
    """The reader's group: read records of every type; no database permission (no schema change,
    no security change, hence no LOAD CSV either)."""
    return json.dumps(
        {"resultSetLimit": -1, "readTimeout": -1, "access": [], "types": {"*": {"access": ["readRecord"]}}}
    )


def sync_users(security, creds: Credentials) -> None:
    """Make ArcadeDB's users what ``credentials`` says: root's password, the admin (every
    permission, like root) and the reader (group :data:`READER_GROUP` on this database only). Run at every start,
    so that a credentials file regenerated while the server was stopped takes effect."""
    import jpype

    JSONObject = jpype.JClass("com.arcadedb.serializer.json.JSONObject")
    security.saveGroup(DATABASE, READER_GROUP, JSONObject(_reader_group()))
    wanted = [
        (USERNAME, creds.root_password, None),
        (creds.admin[0], creds.admin[1], {"*": ["admin"]}),
        (creds.reader[0], creds.reader[1], {DATABASE: [READER_GROUP]}),
    ]
    for name, password, databases in wanted:
        user = security.getUser(name)
        if user is None:
            security.createUser(
                JSONObject(
                    json.dumps(
                        {
                            "name": name,
                            "password": str(security.encodePassword(password)),
                            "databases": databases or {"*": ["admin"]},
                        }
                    )
                )
            )
            continue
        current = json.loads(str(user.toJSON()))
        same_password = bool(security.passwordMatch(password, user.getPassword()))
        if same_password and (databases is None or current.get("databases") == databases):
            continue
        current["password"] = (
            str(user.getPassword()) if same_password else str(security.encodePassword(password))
        )
        if databases is not None:
            current["databases"] = databases
        security.updateUser(JSONObject(json.dumps(current)))


class Watchdog:
    """Terminates the reader's queries that outlived their time limit, or whose client has gone:
    a killed client, or one whose own cancel did not arrive, does not leave a core busy."""

    def __init__(self, registry, reader: str, bolt_port: int):
        self.registry = registry
        self.reader = reader
        self.bolt_port = bolt_port

    def tick(self) -> None:
        running = [q for q in self.registry.getRunning() if str(q.getUser()) == self.reader]
        if not running:
            return
        gone = None
        for q in running:
            m = READ_TAG.match(str(q.getText() or ""))
            limit = float(m.group(1)) if m else UNTAGGED_LIMIT  # 0: the caller asked for none
            seconds = int(q.getElapsedMillis()) / 1000
            reason = None
            if limit and seconds > limit + GRACE:
                reason = f"sundhedsgraf: past its time limit of {limit:g} s"
            else:
                if gone is None:
                    gone = _half_closed_ports(self.bolt_port)
                port = _port_of(str(q.getClientAddress() or ""))
                if port is not None and port in gone:
                    reason = "sundhedsgraf: its client has gone"
            if reason is not None:
                with contextlib.suppress(Exception):
                    q.terminate(reason)
                    print(f"terminated query {q.getId()} ({reason}) after {seconds:.1f} s", flush=True)


def _port_of(address: str) -> int | None:
    m = re.search(r":(\d+)$", address)
    return int(m.group(1)) if m else None


def _half_closed_ports(bolt_port: int) -> set[int]:
    """The client ports of Bolt connections the client has closed (CLOSE_WAIT on the server side),
    from /proc/net/tcp{,6}; empty where there is no /proc."""
    out: set[int] = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            if len(f) > 3 and f[3] == "08" and int(f[1].rsplit(":", 1)[1], 16) == bolt_port:
                out.add(int(f[2].rsplit(":", 1)[1], 16))
    return out


def watch(home: Path, stop: threading.Event, tick=None) -> None:
    """Run until signalled, or until no client holds a lease on a non-persistent server (its users
    were killed). Returns with the locks that make the shutdown atomic still held."""
    while not stop.wait(WATCH_INTERVAL):
        if tick is not None:
            try:
                tick()
            except Exception as e:  # the watchdog must not stop the server
                print(f"watchdog: {type(e).__name__}: {e}", flush=True)
        if (home / PERSISTENT_FILE).exists():
            continue
        cfd = open_lock_file(home / CLIENTS_LOCK)
        if not try_flock(cfd, exclusive=True):
            os.close(cfd)
            continue
        sfd = open_lock_file(home / START_LOCK)
        if not try_flock(sfd, exclusive=True) or (home / PERSISTENT_FILE).exists():
            os.close(sfd)
            os.close(cfd)
            continue
        print("no client holds a lease: stopping", flush=True)
        return  # cfd and sfd stay open (locked) until the process exits, after srv.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sundhedsgraf.db.embedded")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("serve", help="run the server in the foreground (the parent starts this)")
    p.add_argument("--home", required=True, type=Path)
    p.add_argument("--bolt-port", required=True, type=int)
    p.add_argument("--http-port", required=True, type=int)
    args = parser.parse_args(argv)
    return serve(args.home.absolute(), args.bolt_port, args.http_port)


if __name__ == "__main__":
    sys.exit(main())
