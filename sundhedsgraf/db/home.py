"""What lives in ``$SUNDHEDSGRAF_HOME``, the embedded server's folder, and the files it keeps.

The home is also the child process's working folder, because ArcadeDB writes its ``log/`` into its
working folder. The home is 0700 and everything in it 0600/0700, whatever existed before::

    credentials     the generated users and passwords (0600): ArcadeDB's root, the admin user that
                    loads, the reader user that every query runs as, and this home's secret id
    databases/      ArcadeDB's root: the data (databases/sundhedsgraf), its config and event logs
    log/            server.out (the child's console) and ArcadeDB's arcadedb.log.*
    server.json     state of the running server: pid, port and the home's id (written when ready)
    persistent      present while `sundhedsgraf server start` keeps the server running
    server.lock     flock held while a server is started or stopped
    clients.lock    flock held shared by every process using the server
    load.lock       flock held while a load writes (it names the loading process)

Every file sundhedsgraf writes here is written whole or not at all (a temporary file, fsync, then a
rename), so a full disk or a killed process never leaves a half-written or empty file behind.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import stat
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import EmbeddedServerError

DATABASE = "sundhedsgraf"
USERNAME = "root"
HOST = "127.0.0.1"
READER_GROUP = "sundhedsgraf_reader"

STATE_FILE = "server.json"
CREDENTIALS_FILE = "credentials"
PERSISTENT_FILE = "persistent"
START_LOCK = "server.lock"
CLIENTS_LOCK = "clients.lock"
LOAD_LOCK = "load.lock"
LOG_DIR = "log"
SERVER_LOG = "server.out"
DATA_DIR = "databases"


@dataclass(frozen=True)
class ServerState:
    """What ``server.json`` records about a running server. ``home_id`` is the secret id of the
    home that started it (from its credentials): a state file copied into another home does not
    match that home's id, so it is not trusted there."""

    pid: int
    bolt_port: int
    http_port: int
    database: str
    home: str
    started_at: float
    version: str = ""
    home_id: str = ""

    @property
    def bolt_uri(self) -> str:
        return f"bolt://{HOST}:{self.bolt_port}"


@dataclass(frozen=True)
class Credentials:
    """The users of the embedded server. Names are random, so nobody without this file can even
    name a user to try passwords on (ArcadeDB locks a user out for 30 s after five failed logins:
    with a well-known name, any local process could lock the owner out)."""

    root_password: str  # ArcadeDB's own root, needed to create its user file; never used to log in
    admin: tuple[str, str]  # loads and schema: the only user that may write
    reader: tuple[str, str]  # every query: may read records, nothing else (docs/reliability.md)
    home_id: str  # this home's secret id, recorded in server.json

    @classmethod
    def generate(cls) -> Credentials:
        tag = secrets.token_hex(6)
        return cls(
            root_password=secrets.token_urlsafe(24),
            admin=(f"sg_admin_{tag}", secrets.token_urlsafe(24)),
            reader=(f"sg_reader_{tag}", secrets.token_urlsafe(24)),
            home_id=secrets.token_hex(16),
        )

    def to_json(self) -> dict:
        return {
            "username": USERNAME,
            "password": self.root_password,
            "admin": {"username": self.admin[0], "password": self.admin[1]},
            "reader": {"username": self.reader[0], "password": self.reader[1]},
            "home_id": self.home_id,
        }

    @classmethod
    def from_json(cls, data: dict) -> Credentials:
        """Read the file; one written by an earlier version (root only) gets the users it lacks."""
        if not isinstance(data, dict) or not isinstance(data.get("password"), str):
            raise ValueError("no root password")
        new = cls.generate()

        def pair(key: str, default: tuple[str, str]) -> tuple[str, str]:
            v = data.get(key)
            if (
                isinstance(v, dict)
                and isinstance(v.get("username"), str)
                and isinstance(v.get("password"), str)
            ):
                return v["username"], v["password"]
            return default

        home_id = data.get("home_id")
        return cls(
            root_password=data["password"],
            admin=pair("admin", new.admin),
            reader=pair("reader", new.reader),
            home_id=home_id if isinstance(home_id, str) and home_id else new.home_id,
        )


def read_state(home: Path) -> ServerState | None:
    """What server.json says (no liveness check): None without one; an unreadable one is a state
    with pid -1, so that it is reported and cleaned up like a dead server's."""
    try:
        data = json.loads((home / STATE_FILE).read_text(encoding="utf-8"))
        return ServerState(**data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError):
        return ServerState(pid=-1, bolt_port=0, http_port=0, database=DATABASE, home=str(home), started_at=0)


def write_state(home: Path, state: ServerState) -> None:
    """Write server.json atomically: a reader sees no file or a whole one, never half of it."""
    write_json_atomically(home / STATE_FILE, asdict(state))


def write_json_atomically(path: Path, data: dict, mode: int = 0o600) -> None:
    write_bytes_atomically(path, (json.dumps(data, indent=2) + "\n").encode("utf-8"), mode)


def write_bytes_atomically(path: Path, data: bytes, mode: int = 0o600) -> None:
    """The whole file or none: a temporary file beside it, fsync, then a rename. A failure (a full
    disk, no permission) removes the temporary file and raises :class:`EmbeddedServerError` naming
    the cause and the home."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise EmbeddedServerError(f"cannot write {path}: {describe_os_error(e, path.parent)}") from e


def describe_os_error(e: OSError, home: Path) -> str:
    """One phrase for a file-system failure: the cause in words, and what to do about it."""
    if e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return (
            f"the disk holding {home} is full ({os.strerror(e.errno)}); free some space or set "
            f"SUNDHEDSGRAF_HOME to a folder on another disk"
        )
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"permission denied ({os.strerror(e.errno)}); SUNDHEDSGRAF_HOME ({home}) must be a folder you "
            f"can write"
        )
    return f"{e.strerror or e} (errno {e.errno})"


def make_private(home: Path) -> None:
    """The home 0700, every folder in it 0700 and every file 0600, whatever they were before (a
    home made beforehand with mode 0755 kept it, and with it data and logs readable by others).
    Symbolic links are left alone and not followed."""
    for path, mode in [(home, 0o700)]:
        st = os.lstat(path)
        if stat.S_IMODE(st.st_mode) != mode:
            os.chmod(path, mode)
    for root, dirs, files in os.walk(home):
        for name, want in [(d, 0o700) for d in dirs] + [(f, 0o600) for f in files]:
            p = os.path.join(root, name)
            with contextlib.suppress(FileNotFoundError):
                st = os.lstat(p)
                if stat.S_ISLNK(st.st_mode) or stat.S_IMODE(st.st_mode) & 0o077 == 0:
                    continue
                os.chmod(p, stat.S_IMODE(st.st_mode) & ~0o077 | (want & 0o700))
