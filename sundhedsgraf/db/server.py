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
longer answers, is detected, reported and cleaned up. A ``server.json`` is trusted only if its
process runs in this home (or, where that cannot be read, carries this home's secret id from
``credentials``): one copied from another home names that home's server, which is then neither
used nor stopped from here.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
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
    Credentials,
    ServerState,
    describe_os_error,
    make_private,
    read_state,
    write_bytes_atomically,
    write_json_atomically,
)
from .locks import LOCK_TIMEOUT, NOTIFY_AFTER, flock, open_lock_file, try_flock, unlock
from .process import (
    free_port,
    is_server_process,
    log_tail,
    pid_alive,
    port_answers,
    port_free,
    process_home,
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
        """Create the home (0700), make it and everything in it private whatever it was before,
        and prove it is writable, or say what to do."""
        try:
            self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
            (self.home / LOG_DIR).mkdir(mode=0o700, exist_ok=True)
            make_private(self.home)
            probe = self.home / f".write-test-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as e:
            reason = e.strerror or str(e)
            raise EmbeddedServerError(
                f"SUNDHEDSGRAF_HOME {self.home} is not writable ({reason}); set SUNDHEDSGRAF_HOME to a "
                f"folder you can write, or NEO4J_URI to use your own Neo4j."
            ) from e

    def users(self) -> Credentials:
        """The server's users and passwords, generated (0600, written atomically) on first use. An
        empty file (left by an older version on a full disk) counts as missing."""
        path = self.path(CREDENTIALS_FILE)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        except OSError as e:
            raise EmbeddedServerError(
                f"{path} is unreadable ({describe_os_error(e, self.home)}); fix its permissions (0600, "
                f"yours) or delete it to generate new passwords."
            ) from e
        if text.strip():
            try:
                data = json.loads(text)
                creds = Credentials.from_json(data)
            except (ValueError, TypeError) as e:
                raise EmbeddedServerError(
                    f"{path} is unreadable ({e}); delete it: new passwords are generated and set on the "
                    f"server at its next start (`sundhedsgraf server stop` first if it runs)."
                ) from e
            if creds.to_json() != data:  # written by an earlier version: add the users it lacks
                write_json_atomically(path, creds.to_json())
            return creds
        empty = path.exists()
        creds = Credentials.generate()
        write_json_atomically(path, creds.to_json())
        if (self.path(DATA_DIR) / "config").exists():
            self.notify(
                f"{path} was {'empty' if empty else 'missing'}: generated new passwords for the embedded "
                f"server; they are set on the server when it starts."
            )
        return creds

    def credentials(self) -> tuple[str, str]:
        """The admin user and password (loads; ``bolt_credentials`` in the tests)."""
        return self.users().admin

    def reader_credentials(self) -> tuple[str, str]:
        """The reader user and password: every query runs as this user, which may only read."""
        return self.users().reader

    # ---- state

    def state(self) -> ServerState | None:
        """What server.json says (no liveness check)."""
        return read_state(self.home)

    def _file_home_id(self) -> str | None:
        """The home's secret id as its credentials file says (read, never generated here)."""
        try:
            value = json.loads(self.path(CREDENTIALS_FILE).read_text(encoding="utf-8")).get("home_id")
        except (OSError, ValueError, AttributeError):
            return None
        return value if isinstance(value, str) else None

    def owns(self, st: ServerState) -> bool:
        """Whether ``st`` names this home's server: a live server process whose working folder is
        this home (the parent starts it there); where that cannot be read, one recorded with this
        home's secret id."""
        if not (pid_alive(st.pid) and is_server_process(st.pid)):
            return False
        where = process_home(st.pid)
        if where is not None:
            return os.path.realpath(where) == os.path.realpath(self.home)
        return bool(st.home_id) and st.home_id == self._file_home_id()

    def _remove_state(self, pid: int | None = None) -> None:
        st = self.state()
        if st is not None and (pid is None or st.pid == pid):
            self.path(STATE_FILE).unlink(missing_ok=True)

    def _start_lock(self):
        return flock(self.path(START_LOCK), exclusive=True, what="a server start or stop", notify=self.notify)

    def _running_locked(self) -> ServerState | None:
        """The running server, with the start lock held; a stale state is reported and removed."""
        st = self.state()
        if st is None:
            return None
        if pid_alive(st.pid) and is_server_process(st.pid) and not self.owns(st):
            where = process_home(st.pid)
            self.notify(
                f"{self.path(STATE_FILE)} names pid {st.pid}, the server of "
                f"{where if where is not None else 'another home or user'}, not of this home (copied?); "
                f"ignored it and left that server alone."
            )
            self.path(STATE_FILE).unlink(missing_ok=True)
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
                http_api="closed after start-up (Bolt only)",
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
            if st is not None and (
                not self.path(CREDENTIALS_FILE).exists()
                or (st.home_id and st.home_id != self._file_home_id())
            ):
                # the users are set on the server when it starts: other credentials need a new start
                self.notify(
                    f"{self.path(CREDENTIALS_FILE)} is missing or was replaced since the embedded server "
                    f"started: restarting it."
                )
                self._terminate(st.pid)
                st = None
            if st is not None:
                if persistent:
                    self._mark_persistent()
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
        self.users()
        bolt = bolt_port or free_port()
        http = http_port or free_port(exclude=(bolt,))
        marker = self.path(PERSISTENT_FILE)
        if persistent:
            self._mark_persistent()
        else:
            marker.unlink(missing_ok=True)
        log = self.log_path
        if log.exists():
            os.replace(log, log.with_name(SERVER_LOG + ".1"))
        self._check_space()
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

    def _mark_persistent(self) -> None:
        write_bytes_atomically(self.path(PERSISTENT_FILE), b"kept running by `sundhedsgraf server start`\n")

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
            started = time.monotonic()
            deadline = started + LOCK_TIMEOUT
            told = False
            while not try_flock(fd, exclusive=False):  # a server that is stopping holds it exclusively
                if not told and time.monotonic() - started > NOTIFY_AFTER:
                    told = True
                    self.notify(f"waiting for the embedded server in {self.home} to finish stopping.")
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
        with flock(
            self.path(LOAD_LOCK),
            exclusive=True,
            timeout=LOAD_LOCK_TIMEOUT,
            what="a load into this home's database",
            notify=self.notify,
            others="`sundhedsgraf cypher` statements reading this home's database",
        ):
            yield

    @contextlib.contextmanager
    def read_lock(self) -> Iterator[None]:
        """Keep loads out while an ad hoc statement runs (shared: reads run side by side), so that
        comparing the graph before and after it sees only what the statement did."""
        with flock(
            self.path(LOAD_LOCK),
            exclusive=False,
            timeout=LOAD_LOCK_TIMEOUT,
            what="a `sundhedsgraf cypher` statement",
            notify=self.notify,
            others="a load into this home's database",
        ):
            yield

    # ---- faults

    MIN_FREE_BYTES = 64 * 1024 * 1024

    def _check_space(self) -> None:
        """Refuse to start a server on a full disk: one line naming the cause and the home."""
        with contextlib.suppress(OSError):
            free = shutil.disk_usage(self.home).free
            if free < self.MIN_FREE_BYTES:
                raise EmbeddedServerError(
                    f"the disk holding SUNDHEDSGRAF_HOME {self.home} is full ({free // 2**20} MB free); "
                    f"free some space or set SUNDHEDSGRAF_HOME to a folder on another disk."
                )

    def _logs(self) -> list[Path]:
        return [self.log_path, *sorted((self.home / LOG_DIR).glob("arcadedb.log.*[0-9]"))]

    def log_marks(self) -> dict[Path, int]:
        """The size of each server log now: :meth:`diagnose` reads only what is written after."""
        marks = {}
        for log in self._logs():
            with contextlib.suppress(OSError):
                marks[log] = log.stat().st_size
        return marks

    def diagnose(self, since: dict[Path, int] | None = None) -> str | None:
        """What went wrong on the server's side, when it says so: a full disk, missing permission or
        memory, from the free space of the home's disk and what the server logged ``since`` the
        marks (:meth:`log_marks`); None if nothing shows."""
        try:
            free = shutil.disk_usage(self.home).free
        except OSError:
            free = None
        tail = ""
        for log in self._logs():
            with contextlib.suppress(OSError), open(log, "rb") as f:
                f.seek(0, os.SEEK_END)
                size = f.tell()
                start = (since or {}).get(log, 0)
                if start > size:  # rotated since
                    start = 0
                f.seek(max(start, size - 262144))
                tail += f.read().decode("utf-8", "replace")
        if (
            "No space left on device" in tail
            or "Disk quota exceeded" in tail
            or (free is not None and free < self.MIN_FREE_BYTES)
        ):
            shown = f" ({free // 2**20} MB free)" if free is not None else ""
            return (
                f"the disk holding SUNDHEDSGRAF_HOME {self.home} is full{shown}; free some space or set "
                f"SUNDHEDSGRAF_HOME to a folder on another disk"
            )
        if "OutOfMemoryError" in tail:
            return (
                "the embedded server ran out of memory; give it more with ARCADEDB_JVM_ARGS=-Xmx2g "
                "(then `sundhedsgraf server stop`)"
            )
        if "AccessDeniedException" in tail or "Permission denied" in tail:
            return (
                f"the embedded server may not write in SUNDHEDSGRAF_HOME {self.home} (permission denied); "
                f"make the folder yours and writable"
            )
        return None
