"""The embedded default, seen from the commands that use it: :class:`EmbeddedServer`, an ArcadeDB
server (``arcadedb-embedded`` wheel, bundled JRE, Bolt plugin) in a child process, bound to
127.0.0.1, that the official neo4j driver talks to like any Neo4j. Its files are described in
:mod:`.home`, its locks in :mod:`.locks`, the child process in :mod:`.process` (parent side) and
:mod:`.embedded` (the child itself).

Life cycle. A command that needs the database takes a *lease* (:meth:`EmbeddedServer.lease`): a
shared lock on ``clients.lock``, then the running server, or a new one. When it is done it releases
the lease, and the last process out stops a server that ``server start`` did not start
("last one out turns off the light"). The server checks the same lock every half second, so it also
stops when its users were killed. All starting and stopping happens under ``server.lock``, so two
commands never start two servers. A ``server.json`` whose process is gone, or whose process no
longer answers, is detected, reported and cleaned up.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import EmbeddedServerError
from .home import (
    CLIENTS_LOCK,
    CREDENTIALS_FILE,
    DATA_DIR,
    DATABASE,
    HOST,
    LOAD_LOCK,
    LOG_DIR,
    PERSISTENT_FILE,
    SERVER_LOG,
    START_LOCK,
    STATE_FILE,
    USERNAME,
    ServerState,
    read_state,
)
from .locks import LOCK_TIMEOUT, flock, open_lock_file, try_flock, unlock
from .process import (
    free_port,
    is_server_process,
    log_tail,
    pid_alive,
    port_answers,
    port_free,
    spawn,
    terminate,
)

START_TIMEOUT = 90.0
LOAD_LOCK_TIMEOUT = 600.0


def notify_stderr(message: str) -> None:
    print(f"sundhedsgraf: {message}", file=sys.stderr, flush=True)


class EmbeddedServer:
    """The embedded ArcadeDB server of one ``SUNDHEDSGRAF_HOME``."""

    def __init__(self, home: str | os.PathLike, notify: Callable[[str], None] | None = None):
        self.home = Path(home).expanduser().absolute()
        self.notify = notify or notify_stderr
        self._proc: subprocess.Popen | None = None  # the child this object started, to reap it

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
        return read_state(self.home)

    def _remove_state(self, pid: int | None = None) -> None:
        st = self.state()
        if st is not None and (pid is None or st.pid == pid):
            self.path(STATE_FILE).unlink(missing_ok=True)

    def _start_lock(self):
        return flock(self.path(START_LOCK), exclusive=True, what="a server start or stop")

    def _running_locked(self) -> ServerState | None:
        """The running server, with the start lock held; a stale state is reported and removed."""
        st = self.state()
        if st is None:
            return None
        alive = pid_alive(st.pid) and is_server_process(st.pid)
        if alive:
            for _ in range(20):  # 2 s: a busy JVM may be slow to accept
                if port_answers(st.bolt_port):
                    return st
                time.sleep(0.1)
                if not pid_alive(st.pid):
                    break
        if pid_alive(st.pid) and is_server_process(st.pid):
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
        with self._start_lock():
            return self._running_locked()

    def status(self) -> dict:
        st = self.running()
        out = {
            "running": st is not None,
            "home": str(self.home),
            "database": DATABASE,
            "log": str(self.log_path),
        }
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

    def start(
        self, persistent: bool = False, bolt_port: int | None = None, http_port: int | None = None
    ) -> ServerState:
        """Start the server (or return the running one). ``persistent``: keep it running after this
        process ends, until :meth:`stop`."""
        self.prepare_home()
        with self._start_lock():
            st = self._running_locked()
            if st is not None:
                if persistent:
                    self.path(PERSISTENT_FILE).touch()
                for want, have, name in (
                    (bolt_port, st.bolt_port, "Bolt"),
                    (http_port, st.http_port, "HTTP"),
                ):
                    if want and want != have:
                        self.notify(
                            f"the embedded server is already running with {name} port {have} (not {want})."
                        )
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
        proc = spawn(self.home, bolt, http, log, self.home / LOG_DIR / "hs_err_pid%p.log")
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

    def _terminate(self, pid: int) -> None:
        terminate(pid, self.notify, self._proc)
        self._remove_state(pid)

    def stop(self) -> bool:
        """Stop the server (whoever started it). True if one was running."""
        if not self.home.is_dir():
            return False
        with self._start_lock():
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
        fd = open_lock_file(self.path(CLIENTS_LOCK))
        try:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while not try_flock(fd, exclusive=False):  # a server that is stopping holds it exclusively
                if time.monotonic() > deadline:
                    raise EmbeddedServerError(
                        f"{self.path(CLIENTS_LOCK)}: the embedded server did not finish stopping."
                    )
                time.sleep(0.05)
            st = self.start()
            try:
                yield st
            finally:
                with self._start_lock():
                    unlock(fd)
                    if try_flock(fd, exclusive=True) and not self.path(PERSISTENT_FILE).exists():
                        cur = self.state()
                        if cur is not None and pid_alive(cur.pid):
                            self._terminate(cur.pid)
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def load_lock(self) -> Iterator[None]:
        """Serialise loads into this home's server (ArcadeDB's optimistic transactions would make
        the second of two concurrent loads fail)."""
        with flock(self.path(LOAD_LOCK), exclusive=True, timeout=LOAD_LOCK_TIMEOUT, what="a load"):
            yield
