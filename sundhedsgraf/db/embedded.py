"""The embedded server's child process: ``python -m sundhedsgraf.db.embedded serve --home H
--bolt-port P --http-port Q`` starts the JVM and ArcadeDB with its Bolt plugin, records itself in
``server.json`` when it answers, and runs until it is signalled or nobody holds a lease any more.
The parent starts it (:func:`sundhedsgraf.db.process.spawn`); the password is read from the home's
``credentials``, never passed on the command line.

The names the commands use are re-exported here (``from sundhedsgraf.db.embedded import
EmbeddedServer``); they live in :mod:`.server` (the facade), :mod:`.home` (the files),
:mod:`.locks` and :mod:`.process`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
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
    START_LOCK,
    STATE_FILE,
    ServerState,
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
# Start-up time matters more than peak speed for a graph of a few hundred nodes: C1 only, serial GC.
# -Xrs leaves SIGTERM to Python, which stops the server cleanly.
JVM_ARGS = ["-Xrs", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1m"]
# A server kept running by `sundhedsgraf server start` lives long enough for the full JIT (C2) to pay:
# at synth scale 4 it loads and answers about twice as fast (docs/performance.md); its start is the same.
PERSISTENT_JVM_ARGS = ["-Xrs", "-XX:+UseParallelGC", "-Xss1m"]
HEAP = "1g"
WATCH_INTERVAL = 0.5


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
    if "JVM" in text or "jvm" in text:
        return f"the Java runtime bundled with arcadedb-embedded failed to start: {chain[0]} (check ARCADEDB_JVM_ARGS)"
    return chain[-1] if len(chain[-1]) > len(chain[0]) // 3 else chain[0]


def serve(home: Path, bolt_port: int, http_port: int) -> int:
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, on_signal)
    server = EmbeddedServer(home, notify=lambda m: print(m, flush=True))
    try:
        _, password = server.credentials()
        from arcadedb_embedded.jvm import start_jvm

        user_args = os.environ.get("ARCADEDB_JVM_ARGS", "")
        base = PERSISTENT_JVM_ARGS if (home / PERSISTENT_FILE).exists() else JVM_ARGS
        jvm_args = list(base) + ([] if "-Xmx" in user_args else [f"-Xmx{HEAP}"])
        start_jvm(heap_size=None, jvm_args=jvm_args, interrupt=False)
        import arcadedb_embedded

        srv = arcadedb_embedded.ArcadeDBServer(
            root_path=str(home / DATA_DIR),
            root_password=password,
            config={
                "server_plugins": BOLT_PLUGIN,
                "bolt_port": bolt_port,
                "host": HOST,
                "http_port": http_port,
            },
        )
        srv.start()
    except BaseException as e:
        print(f"FATAL: {fatal_reason(e, bolt_port, http_port)}", flush=True)
        return 1
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):  # again: the JVM's start replaced them
        signal.signal(sig, on_signal)
    try:
        srv.create_database(DATABASE)
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
            ),
        )
        print(f"READY bolt://{HOST}:{bolt_port} database={DATABASE}", flush=True)
        watch(home, stop)
    except BaseException as e:
        print(f"FATAL: {fatal_reason(e, bolt_port, http_port)}", flush=True)
        rc = 1
    else:
        rc = 0
    finally:
        with contextlib.suppress(BaseException):
            srv.stop()
        with contextlib.suppress(OSError):
            st = read_state(home)
            if st is not None and st.pid == os.getpid():
                (home / STATE_FILE).unlink()
        print("STOPPED", flush=True)
    return rc


def watch(home: Path, stop: threading.Event) -> None:
    """Run until signalled, or until no client holds a lease on a non-persistent server (its users
    were killed). Returns with the locks that make the shutdown atomic still held."""
    while not stop.wait(WATCH_INTERVAL):
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
