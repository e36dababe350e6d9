"""The embedded default: an ArcadeDB server (``arcadedb-embedded`` wheel, bundled JRE, Bolt plugin)
in a child process, bound to 127.0.0.1, that the official neo4j driver talks to like any Neo4j.

Everything lives in ``$SUNDHEDSGRAF_HOME`` (the child's working folder, because ArcadeDB writes its
``log/`` into its working folder)::

    credentials     user and generated root password, mode 0600
    databases/      ArcadeDB's root: the data (databases/sundhedsgraf), its config and event logs
    log/            server.out (the child's console) and ArcadeDB's arcadedb.log.*
    server.json     state of the running server: pid and ports (written when it is ready)
    persistent      present while `sundhedsgraf server start` keeps the server running
    server.lock     flock held while a server is started or stopped
    clients.lock    flock held shared by every process using the server
    load.lock       flock held while a load writes

Life cycle. A command that needs the database takes a *lease* (:meth:`EmbeddedServer.lease`): a
shared lock on ``clients.lock``, then the running server, or a new one. When it is done it releases
the lease, and the last process out stops a server that ``server start`` did not start
("last one out turns off the light"). The server checks the same lock every half second, so it also
stops when its users were killed. All starting and stopping happens under ``server.lock``; flock
locks die with their process, so they cannot go stale. A ``server.json`` whose process is gone, or
whose process no longer answers, is detected, reported and cleaned up.

Run as ``python -m sundhedsgraf.db.embedded serve --home H --bolt-port P --http-port Q`` (the
parent does this; the password is read from ``credentials``, never passed on the command line).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import EmbeddedServerError

DATABASE = "sundhedsgraf"
USERNAME = "root"
HOST = "127.0.0.1"
BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
# Start-up time matters more than peak speed for a graph of a few hundred nodes: C1 only, serial GC.
# -Xrs leaves SIGTERM to Python, which stops the server cleanly.
JVM_ARGS = ["-Xrs", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1m"]
# A server kept running by `sundhedsgraf server start` lives long enough for the full JIT (C2) to pay:
# at synth scale 4 it loads and answers about twice as fast (docs/performance.md); its start is the same.
PERSISTENT_JVM_ARGS = ["-Xrs", "-XX:+UseParallelGC", "-Xss1m"]
HEAP = "1g"
START_TIMEOUT = 90.0
STOP_TIMEOUT = 30.0
LOCK_TIMEOUT = 120.0
WATCH_INTERVAL = 0.5

STATE_FILE = "server.json"
CREDENTIALS_FILE = "credentials"
PERSISTENT_FILE = "persistent"
START_LOCK = "server.lock"
CLIENTS_LOCK = "clients.lock"
LOAD_LOCK = "load.lock"
LOG_DIR = "log"
SERVER_LOG = "server.out"
DATA_DIR = "databases"


def _notify_stderr(message: str) -> None:
    print(f"sundhedsgraf: {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class ServerState:
    """What ``server.json`` records about a running server."""

    pid: int
    bolt_port: int
    http_port: int
    database: str
    home: str
    started_at: float
    version: str = ""

    @property
    def bolt_uri(self) -> str:
        return f"bolt://{HOST}:{self.bolt_port}"


# --------------------------------------------------------------------------------------------
# small helpers


try:  # imported now, not when a lock is taken: a Graph left open is closed while the interpreter
    import fcntl as _FCNTL  # exits, when imports fail ("needs a POSIX system" was misleading there)
except ImportError:  # pragma: no cover - Windows
    _FCNTL = None


def _fcntl():
    if _FCNTL is None:  # pragma: no cover - Windows
        raise EmbeddedServerError(
            "the embedded server needs a POSIX system (file locks); on Windows set NEO4J_URI to a Neo4j server."
        )
    return _FCNTL


@contextlib.contextmanager
def _flock(path: Path, exclusive: bool, timeout: float | None = LOCK_TIMEOUT, what: str = "") -> Iterator[int]:
    """Hold a flock on ``path`` (created if missing) for the ``with`` block."""
    fcntl = _fcntl()
    fd = _open_lock_file(path)
    try:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline is not None and time.monotonic() > deadline:
                    raise EmbeddedServerError(
                        f"{path}: still locked after {timeout:.0f} s by another sundhedsgraf process"
                        f"{' (' + what + ')' if what else ''}; wait for it to finish, or stop it."
                    ) from None
                time.sleep(0.05)
        yield fd
    finally:
        os.close(fd)


def _open_lock_file(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as e:
        raise EmbeddedServerError(
            f"cannot open {path} ({e.strerror or e}); SUNDHEDSGRAF_HOME must be a folder you can write."
        ) from e


def _try_flock(fd: int, exclusive: bool) -> bool:
    fcntl = _fcntl()
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def pid_alive(pid: int) -> bool:
    """True if the process exists and is not a zombie."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return True


def _is_server_process(pid: int) -> bool:
    """Best effort: is ``pid`` a sundhedsgraf embedded server (and not a recycled pid)?"""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        return b"sundhedsgraf.db.embedded" in cmdline
    except OSError:
        pass
    try:
        out = subprocess.run(["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, timeout=5)
        return "sundhedsgraf.db.embedded" in out.stdout if out.returncode == 0 else False
    except (OSError, subprocess.SubprocessError):
        return True


def port_answers(port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=timeout):
            return True
    except OSError:
        return False


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((HOST, port))
            return True
        except OSError:
            return False


def free_port(exclude: tuple[int, ...] = ()) -> int:
    for _ in range(20):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind((HOST, 0))
            port = s.getsockname()[1]
        if port not in exclude:
            return port
    raise EmbeddedServerError("could not find a free local port for the embedded server.")  # pragma: no cover


def _write_json_atomically(path: Path, data: dict, mode: int = 0o644) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def log_tail(path: Path, limit: int = 300) -> str:
    """The line of a server log that explains a failure: our own ``FATAL:`` line, else the last
    non-empty line that is not a traceback frame."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - 16384))
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return "(no log)"
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].startswith("FATAL:"):
            reason = lines[i][len("FATAL:"):].strip()
            before = lines[i - 1] if i else ""
            if "Java runtime" in reason and before and not before.startswith(("Traceback", "File ", "WARNING:")):
                reason += f"; the JVM said: {before}"  # e.g. "Unrecognized VM option …"
            return reason[:limit]
    for ln in reversed(lines):
        if not ln.startswith(("File ", "at ", "^", "~", "The above exception", "Traceback")):
            return ln[:limit]
    return "(empty log)"


# --------------------------------------------------------------------------------------------
# the parent side


class EmbeddedServer:
    """The embedded ArcadeDB server of one ``SUNDHEDSGRAF_HOME``."""

    def __init__(self, home: str | os.PathLike, notify: Callable[[str], None] | None = None):
        self.home = Path(home).expanduser().absolute()
        self.notify = notify or _notify_stderr
        self._proc: subprocess.Popen | None = None

    # paths
    def path(self, name: str) -> Path:
        return self.home / name

    @property
    def log_path(self) -> Path:
        return self.home / LOG_DIR / SERVER_LOG

    def __repr__(self) -> str:
        return f"EmbeddedServer(home={str(self.home)!r})"

    # ---- home and credentials

    def prepare_home(self) -> None:
        """Create the home (0700) and prove it is writable, or say what to do."""
        try:
            if not self.home.is_dir():
                self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
            (self.home / LOG_DIR).mkdir(exist_ok=True)
            probe = self.home / f".write-test-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as e:
            reason = e.strerror or str(e)
            raise EmbeddedServerError(
                f"SUNDHEDSGRAF_HOME {self.home} is not writable ({reason}); set SUNDHEDSGRAF_HOME to a "
                f"folder you can write, or NEO4J_URI to use your own Neo4j."
            ) from e

    def credentials(self) -> tuple[str, str]:
        """The root user and password, generated (0600) on first use."""
        path = self.path(CREDENTIALS_FILE)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return data["username"], data["password"]
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise EmbeddedServerError(
                f"{path} is unreadable ({e}); delete it and the folder {self.path(DATA_DIR)}/config to "
                f"generate a new password."
            ) from e
        users = self.path(DATA_DIR) / "config" / "server-users.jsonl"
        if users.exists():
            # ArcadeDB only sets the root password when it creates its user file: without our copy of
            # the password the old file would lock us out, so it goes and the root user is re-created.
            users.unlink()
            self.notify(f"{path} was missing: generated a new password for the embedded server.")
        password = secrets.token_urlsafe(24)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"username": USERNAME, "password": password}, f)
        return USERNAME, password

    # ---- state

    def state(self) -> ServerState | None:
        """What server.json says (no liveness check)."""
        try:
            data = json.loads(self.path(STATE_FILE).read_text(encoding="utf-8"))
            return ServerState(**data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError):
            return ServerState(pid=-1, bolt_port=0, http_port=0, database=DATABASE, home=str(self.home), started_at=0)

    def _remove_state(self, pid: int | None = None) -> None:
        st = self.state()
        if st is not None and (pid is None or st.pid == pid):
            self.path(STATE_FILE).unlink(missing_ok=True)

    def _running_locked(self) -> ServerState | None:
        """The running server, with the start lock held; a stale state is reported and removed."""
        st = self.state()
        if st is None:
            return None
        alive = pid_alive(st.pid) and _is_server_process(st.pid)
        if alive:
            for _ in range(20):  # 2 s: a busy JVM may be slow to accept
                if port_answers(st.bolt_port):
                    return st
                time.sleep(0.1)
                if not pid_alive(st.pid):
                    break
        if pid_alive(st.pid) and _is_server_process(st.pid):
            self.notify(
                f"the embedded server (pid {st.pid}) no longer answers on port {st.bolt_port}; stopping it "
                f"and starting a new one."
            )
            self._terminate(st.pid)
        else:
            what = f"pid {st.pid}" if st.pid > 0 else "unreadable"
            self.notify(
                f"found the state file of an embedded server that is no longer running ({what}, "
                f"killed?); cleaned it up. The data is recovered by ArcadeDB on the next start."
            )
        self.path(STATE_FILE).unlink(missing_ok=True)
        return None

    def running(self) -> ServerState | None:
        """The running server, or None (cleaning up a stale state)."""
        if not self.home.is_dir():
            return None
        with _flock(self.path(START_LOCK), exclusive=True, what="a server start or stop"):
            return self._running_locked()

    def status(self) -> dict:
        st = self.running()
        out = {"running": st is not None, "home": str(self.home), "database": DATABASE, "log": str(self.log_path)}
        if st:
            out.update(
                pid=st.pid,
                bolt_uri=st.bolt_uri,
                http_port=st.http_port,
                persistent=self.path(PERSISTENT_FILE).exists(),
                started_at=time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(st.started_at)),
                uptime_seconds=round(time.time() - st.started_at, 1),
                version=st.version,
            )
        return out

    # ---- start and stop

    def start(self, persistent: bool = False, bolt_port: int | None = None, http_port: int | None = None) -> ServerState:
        """Start the server (or return the running one). ``persistent``: keep it running after this
        process ends, until :meth:`stop`."""
        self.prepare_home()
        with _flock(self.path(START_LOCK), exclusive=True, what="a server start or stop"):
            st = self._running_locked()
            if st is not None:
                if persistent:
                    self.path(PERSISTENT_FILE).touch()
                for want, have, name in ((bolt_port, st.bolt_port, "Bolt"), (http_port, st.http_port, "HTTP")):
                    if want and want != have:
                        self.notify(f"the embedded server is already running with {name} port {have} (not {want}).")
                return st
            return self._spawn(persistent, bolt_port, http_port)

    def _spawn(self, persistent: bool, bolt_port: int | None, http_port: int | None) -> ServerState:
        for port, flag in ((bolt_port, "--bolt-port"), (http_port, "--http-port")):
            if port is not None and not port_free(port):
                raise EmbeddedServerError(
                    f"port {HOST}:{port} is already in use by another program; choose another with "
                    f"{flag} (or leave it out to pick a free one)."
                )
        self.credentials()
        bolt = bolt_port or free_port()
        http = http_port or free_port(exclude=(bolt,))
        marker = self.path(PERSISTENT_FILE)
        if persistent:
            marker.touch()
        else:
            marker.unlink(missing_ok=True)
        log = self.log_path
        if log.exists():
            os.replace(log, log.with_name(SERVER_LOG + ".1"))
        env = dict(os.environ)
        env["ARCADEDB_JVM_ERROR_FILE"] = str(self.home / LOG_DIR / "hs_err_pid%p.log")
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        cmd = [sys.executable, "-m", "sundhedsgraf.db.embedded", "serve", "--home", str(self.home),
               "--bolt-port", str(bolt), "--http-port", str(http)]
        with open(log, "ab") as out:
            try:
                proc = subprocess.Popen(cmd, cwd=self.home, stdin=subprocess.DEVNULL, stdout=out,
                                        stderr=subprocess.STDOUT, start_new_session=True, close_fds=True, env=env)
            except OSError as e:
                raise EmbeddedServerError(f"could not start the embedded server process: {e}") from e
        self._proc = proc
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            rc = proc.poll()
            if rc is not None:
                marker.unlink(missing_ok=True)
                raise EmbeddedServerError(
                    f"the embedded database server stopped during start-up (exit code {rc}): "
                    f"{log_tail(log)} (full log: {log})"
                )
            st = self.state()
            if st is not None and st.pid == proc.pid:
                return st
            if time.monotonic() > deadline:
                self._terminate(proc.pid)
                raise EmbeddedServerError(
                    f"the embedded database server did not become ready within {START_TIMEOUT:.0f} s: "
                    f"{log_tail(log)} (full log: {log})"
                )
            time.sleep(0.03)

    def _wait_gone(self, pid: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.pid == pid:
                try:
                    self._proc.wait(timeout=0.05)
                    return True
                except subprocess.TimeoutExpired:
                    continue
            if not pid_alive(pid):
                return True
            time.sleep(0.05)
        return not pid_alive(pid)

    def _terminate(self, pid: int) -> None:
        """SIGTERM (the server stops cleanly), then SIGKILL if it does not go."""
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        if not self._wait_gone(pid, STOP_TIMEOUT):
            self.notify(f"the embedded server (pid {pid}) did not stop within {STOP_TIMEOUT:.0f} s; killing it.")
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            self._wait_gone(pid, 5)
        self._remove_state(pid)

    def stop(self) -> bool:
        """Stop the server (whoever started it). True if one was running."""
        if not self.home.is_dir():
            return False
        with _flock(self.path(START_LOCK), exclusive=True, what="a server start or stop"):
            self.path(PERSISTENT_FILE).unlink(missing_ok=True)
            st = self._running_locked()
            if st is None:
                return False
            self._terminate(st.pid)
            return True

    # ---- leases

    @contextlib.contextmanager
    def lease(self) -> Iterator[ServerState]:
        """Use the server for the ``with`` block: start it if needed; the last user out stops it
        unless ``server start`` keeps it running."""
        self.prepare_home()
        fcntl = _fcntl()
        fd = _open_lock_file(self.path(CLIENTS_LOCK))
        try:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while not _try_flock(fd, exclusive=False):  # a server that is stopping holds it exclusively
                if time.monotonic() > deadline:
                    raise EmbeddedServerError(f"{self.path(CLIENTS_LOCK)}: the embedded server did not finish stopping.")
                time.sleep(0.05)
            st = self.start()
            try:
                yield st
            finally:
                with _flock(self.path(START_LOCK), exclusive=True, what="a server start or stop"):
                    fcntl.flock(fd, fcntl.LOCK_UN)
                    if _try_flock(fd, exclusive=True) and not self.path(PERSISTENT_FILE).exists():
                        cur = self.state()
                        if cur is not None and pid_alive(cur.pid):
                            self._terminate(cur.pid)
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def load_lock(self) -> Iterator[None]:
        """Serialise loads into this home's server (ArcadeDB's optimistic transactions would make
        the second of two concurrent loads fail)."""
        with _flock(self.path(LOAD_LOCK), exclusive=True, timeout=600, what="a load"):
            yield


# --------------------------------------------------------------------------------------------
# the child side: python -m sundhedsgraf.db.embedded serve ...


def _fatal_reason(e: BaseException, bolt_port: int, http_port: int) -> str:
    chain, seen = [], set()
    cur: BaseException | None = e
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        chain.append(str(cur).strip().splitlines()[0] if str(cur).strip() else type(cur).__name__)
        cur = cur.__cause__ or cur.__context__
    text = " | ".join(chain)
    if "Address already in use" in text or "BindException" in text:
        return (f"a port is already in use (Bolt {bolt_port}, HTTP {http_port}); another program took it: "
                f"try again, or choose ports with `sundhedsgraf server start --bolt-port/--http-port`.")
    if "locked by another process" in text:
        return ("the database folder is locked by another process (a second server on the same "
                "SUNDHEDSGRAF_HOME?); stop it with `sundhedsgraf server stop`.")
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
            config={"server_plugins": BOLT_PLUGIN, "bolt_port": bolt_port, "host": HOST, "http_port": http_port},
        )
        srv.start()
    except BaseException as e:  # noqa: BLE001 - reported as one line for the parent
        print(f"FATAL: {_fatal_reason(e, bolt_port, http_port)}", flush=True)
        return 1
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):  # again: after the JVM is up
        signal.signal(sig, on_signal)
    try:
        srv.create_database(DATABASE)
        version = getattr(arcadedb_embedded, "__version__", "")
        _write_json_atomically(home / STATE_FILE, asdict(ServerState(
            pid=os.getpid(), bolt_port=bolt_port, http_port=http_port, database=DATABASE,
            home=str(home), started_at=time.time(), version=str(version))))
        print(f"READY bolt://{HOST}:{bolt_port} database={DATABASE}", flush=True)
        _watch(home, stop)
    except BaseException as e:  # noqa: BLE001
        print(f"FATAL: {_fatal_reason(e, bolt_port, http_port)}", flush=True)
        rc = 1
    else:
        rc = 0
    finally:
        with contextlib.suppress(BaseException):
            srv.stop()
        with contextlib.suppress(OSError):
            st = json.loads((home / STATE_FILE).read_text())
            if st.get("pid") == os.getpid():
                (home / STATE_FILE).unlink()
        print("STOPPED", flush=True)
    return rc


def _watch(home: Path, stop: threading.Event) -> None:
    """Run until signalled, or until no client holds a lease on a non-persistent server (its users
    were killed). Returns with the locks that make the shutdown atomic still held."""
    while not stop.wait(WATCH_INTERVAL):
        if (home / PERSISTENT_FILE).exists():
            continue
        cfd = os.open(home / CLIENTS_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_flock(cfd, exclusive=True):
            os.close(cfd)
            continue
        sfd = os.open(home / START_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_flock(sfd, exclusive=True) or (home / PERSISTENT_FILE).exists():
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
