"""The embedded server's life cycle in fresh homes: start/status/stop, a killed server (stale
state), killed clients, concurrent commands, and the clear errors (port taken, home not
writable, JRE failing)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from db_fixtures import clean_env, run_cli

from sundhedsgraf.db.embedded import STATE_FILE, EmbeddedServer, pid_alive, port_answers
from sundhedsgraf.errors import EmbeddedServerError

pytestmark = pytest.mark.db


def wait_until(predicate, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def status(home, cwd) -> dict:
    r = run_cli(["server", "status", "--json"], home, cwd)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_server_start_status_stop(tmp_path):
    home = tmp_path / "home"
    t0 = time.monotonic()
    r = run_cli(["server", "start", "--json"], home, tmp_path)
    started = time.monotonic() - t0
    assert r.returncode == 0, r.stderr
    st = json.loads(r.stdout)
    assert st["running"] and st["persistent"] and st["bolt_uri"].startswith("bolt://127.0.0.1:")
    assert started < 30  # measured ~2 s; generous for a loaded CI machine
    port = int(st["bolt_uri"].rsplit(":", 1)[1])
    assert port_answers(port)
    with socket.socket() as s:  # bound to loopback only
        addr = [
            a
            for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
            if a[4][0] != "127.0.0.1"
        ]
        if addr:
            s.settimeout(1)
            assert s.connect_ex((addr[0][4][0], port)) != 0
    # commands reuse it and leave it running
    r = run_cli(["cypher", "RETURN 1 AS x", "--json"], home, tmp_path)
    assert r.returncode == 0 and json.loads(r.stdout) == [{"x": 1}], r.stderr
    assert status(home, tmp_path)["pid"] == st["pid"]
    # start again: the same server
    r = run_cli(["server", "start", "--json"], home, tmp_path)
    assert json.loads(r.stdout)["pid"] == st["pid"]
    r = run_cli(["server", "stop"], home, tmp_path)
    assert r.returncode == 0 and "stopped" in r.stdout
    assert wait_until(lambda: not pid_alive(st["pid"]))
    assert not status(home, tmp_path)["running"] and not (home / STATE_FILE).exists()
    r = run_cli(["server", "stop", "--json"], home, tmp_path)
    assert json.loads(r.stdout) == {"stopped": False, "home": str(home)}
    assert list(tmp_path.iterdir()) == [home]


def test_a_killed_server_is_detected_and_recovered(tmp_path, real_model):
    home = tmp_path / "home"
    r = run_cli(["server", "start", "--json"], home, tmp_path)
    pid = json.loads(r.stdout)["pid"]
    assert run_cli(["load"], home, tmp_path).returncode == 0
    os.kill(pid, signal.SIGKILL)
    assert wait_until(lambda: not pid_alive(pid))
    assert (home / STATE_FILE).exists()  # the stale state the killed server left
    r = run_cli(["server", "status", "--json"], home, tmp_path)
    assert json.loads(r.stdout)["running"] is False
    assert "no longer running" in r.stderr and f"pid {pid}" in r.stderr
    assert not (home / STATE_FILE).exists()
    # the next command starts a new server; ArcadeDB recovers the data
    r = run_cli(["cypher", "MATCH (n) RETURN count(n) AS n", "--json"], home, tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == [{"n": len(real_model.nodes)}]
    assert not status(home, tmp_path)["running"]


def test_a_state_file_naming_another_process_is_stale_and_that_process_is_left_alone(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (home / STATE_FILE).write_text(
        json.dumps(
            {
                "pid": os.getpid(),
                "bolt_port": port,
                "http_port": port,
                "database": "sundhedsgraf",
                "home": str(home),
                "started_at": 0,
                "version": "",
            }
        )
    )
    server = EmbeddedServer(home, notify=lambda m: None)
    assert server.running() is None
    assert not (home / STATE_FILE).exists() and pid_alive(os.getpid())


def test_the_last_command_out_stops_the_server_even_when_killed(tmp_path):
    """A client killed with SIGKILL cannot stop the server; the server notices that no client holds
    a lease and stops itself."""
    home = tmp_path / "home"
    code = (
        "import sys, time; from sundhedsgraf.db.embedded import EmbeddedServer\n"
        f"with EmbeddedServer({str(home)!r}).lease() as st:\n"
        "    print(st.pid, flush=True); time.sleep(600)\n"
    )
    client = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=clean_env(home)
    )
    try:
        pid = int(client.stdout.readline())
        assert pid_alive(pid)
    finally:
        client.kill()
        client.wait()
    assert wait_until(lambda: not pid_alive(pid), timeout=30)
    assert not (home / STATE_FILE).exists()


def test_concurrent_commands_share_one_server_and_do_not_corrupt_the_data(tmp_path, real_model):
    home = tmp_path / "home"
    cmds = [
        ["load", "--json"],
        ["load", "--replace", "--json"],
        ["cypher", "MATCH (n) RETURN count(n) AS n", "--json"],
    ]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", "import sys; from sundhedsgraf.cli import main; sys.exit(main())", *c],
            cwd=tmp_path,
            env=clean_env(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for c in cmds
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    for out, _ in outs[:2]:
        assert sum(json.loads(out)["database_nodes"].values()) == len(real_model.nodes)
    r = run_cli(["cypher", "MATCH (n) RETURN count(n) AS n", "--json"], home, tmp_path)
    assert json.loads(r.stdout) == [{"n": len(real_model.nodes)}]
    assert wait_until(lambda: not status(home, tmp_path)["running"])


def test_port_already_taken(tmp_path):
    home = tmp_path / "home"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run_cli(["server", "start", "--bolt-port", str(port)], home, tmp_path)
    assert r.returncode == 1 and f"port 127.0.0.1:{port} is already in use" in r.stderr
    assert "--bolt-port" in r.stderr and "Traceback" not in r.stderr
    with pytest.raises(EmbeddedServerError, match="already in use"), socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        EmbeddedServer(home).start(http_port=s.getsockname()[1])


def test_home_not_writable(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    home = blocker / "home"  # a folder inside a file: cannot exist, even for root
    r = run_cli(["cypher", "RETURN 1"], home, tmp_path)
    assert r.returncode == 1 and "is not writable" in r.stderr and "SUNDHEDSGRAF_HOME" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes everywhere")
def test_home_without_write_permission(tmp_path):
    home = tmp_path / "ro"
    home.mkdir(mode=0o500)
    r = run_cli(["cypher", "RETURN 1"], home, tmp_path)
    assert r.returncode == 1 and "is not writable" in r.stderr


def test_jre_failing_to_start_is_one_line_with_the_log_tail(tmp_path):
    home = tmp_path / "home"
    t0 = time.monotonic()
    r = run_cli(["cypher", "RETURN 1"], home, tmp_path, ARCADEDB_JVM_ARGS="-XX:+NoSuchJvmOption")
    assert time.monotonic() - t0 < 30
    assert r.returncode == 1 and "stopped during start-up" in r.stderr
    assert (
        "Unrecognized VM option 'NoSuchJvmOption'" in r.stderr
        and str(home / "log" / "server.out") in r.stderr
    )
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_a_lost_credentials_file_is_regenerated(tmp_path):
    home = tmp_path / "home"
    server = EmbeddedServer(home, notify=lambda m: None)
    with server.lease():
        pass
    (home / "credentials").unlink()
    notes = []
    server = EmbeddedServer(home, notify=notes.append)
    r = None
    from sundhedsgraf.db.connection import Graph
    from sundhedsgraf.settings import Settings

    server.credentials()
    assert any("new password" in n for n in notes)
    with Graph(Settings(home=home)) as g:
        r = g.run_read("RETURN 1 AS x")
    assert r == [{"x": 1}]
