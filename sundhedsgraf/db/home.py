"""What lives in ``$SUNDHEDSGRAF_HOME``, the embedded server's folder, and the state file it keeps.

The home is also the child process's working folder, because ArcadeDB writes its ``log/`` into its
working folder::

    credentials     user and generated root password, mode 0600
    databases/      ArcadeDB's root: the data (databases/sundhedsgraf), its config and event logs
    log/            server.out (the child's console) and ArcadeDB's arcadedb.log.*
    server.json     state of the running server: pid and ports (written when it is ready)
    persistent      present while `sundhedsgraf server start` keeps the server running
    server.lock     flock held while a server is started or stopped
    clients.lock    flock held shared by every process using the server
    load.lock       flock held while a load writes
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

DATABASE = "sundhedsgraf"
USERNAME = "root"
HOST = "127.0.0.1"

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


def write_json_atomically(path: Path, data: dict, mode: int = 0o644) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)
