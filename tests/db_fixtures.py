"""Fixtures for the database tests (imported by conftest.py).

One embedded ArcadeDB server per test session, in a temporary SUNDHEDSGRAF_HOME, reached through
the official neo4j driver exactly as users reach it: no mocks of the database path. Tests that
need the real model loaded use ``real_graph``, which reloads it only when another test loaded
something else in between.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

__all__ = [
    "bolt_credentials",
    "db_home",
    "db_server",
    "db_settings",
    "graph",
    "model_copy",
    "real_graph",
    "real_model",
    "scratch_graph",
]

PROJECT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "import sys; from sundhedsgraf.cli import main; sys.exit(main())"]
_content = {"loaded": None}  # what the session database holds: "real" or None (unknown)


def clean_env(home: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a CLI subprocess: no NEO4J_* from the developer's shell."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_") and k != "SUNDHEDSGRAF_HOME"}
    env.pop("ARCADEDB_JVM_ARGS", None)
    if home is not None:
        env["SUNDHEDSGRAF_HOME"] = str(home)
    env.update(extra)
    return env


def run_cli(
    args: list[str], home: Path | None, cwd: Path, timeout: float = 180, **env
) -> subprocess.CompletedProcess:
    return subprocess.run(
        CLI + args, cwd=cwd, env=clean_env(home, **env), capture_output=True, text=True, timeout=timeout
    )


def checksum(graph) -> str:
    """A digest of every node and relationship with all properties (element ids left out)."""
    from sundhedsgraf.queries import run_query

    data = {
        "nodes": run_query("dump_nodes", graph=graph),
        "relationships": run_query("dump_relationships", graph=graph),
    }
    for item in data["nodes"]:
        item["labels"] = sorted(item["labels"])
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def mark_changed() -> None:
    """Call after loading anything but the real model into the session database."""
    _content["loaded"] = None


@pytest.fixture(scope="session")
def db_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("sundhedsgraf-home")


@pytest.fixture(scope="session")
def db_server(db_home):
    """The session's embedded server, kept running (like `sundhedsgraf server start`)."""
    from sundhedsgraf.db.embedded import EmbeddedServer

    server = EmbeddedServer(db_home)
    server.start(persistent=True)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def db_settings(db_server):
    from sundhedsgraf.settings import Settings

    return Settings(uri=None, home=db_server.home)


@pytest.fixture(scope="session")
def graph(db_settings):
    """An open Graph on the session server (through a lease, as every command does)."""
    from sundhedsgraf.db.connection import Graph

    with Graph(db_settings) as g:
        yield g


@pytest.fixture(scope="session")
def real_model():
    from sundhedsgraf.model import load_model

    return load_model(PROJECT / "model")


@pytest.fixture
def real_graph(graph, real_model):
    """The session graph holding exactly the real model."""
    from sundhedsgraf.loaders.graph import load_graph

    if _content["loaded"] != "real":
        load_graph(real_model, graph, replace=True)
        _content["loaded"] = "real"
    return graph


@pytest.fixture
def scratch_graph(graph):
    """The session graph for a test that loads something else (the real model is reloaded later)."""
    mark_changed()
    return graph


@pytest.fixture
def model_copy(real_model):
    """A deep copy of the real model to alter."""
    return copy.deepcopy(real_model)


@pytest.fixture
def bolt_credentials(db_server):
    """(bolt URI, user, password) of the session server, to reach it as 'your own Neo4j'."""
    state = db_server.state()
    user, password = db_server.credentials()
    return state.bolt_uri, user, password
