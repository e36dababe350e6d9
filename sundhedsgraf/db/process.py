"""The embedded server's child process, seen from the parent: local ports, starting the child,
telling whether a pid is still one of ours, stopping it, and the log line that explains a failure."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import EmbeddedServerError
from .home import HOST

#: the module the child runs (``python -m CHILD_MODULE serve ...``); also how its pid is recognised
CHILD_MODULE = "sundhedsgraf.db.embedded"
STOP_TIMEOUT = 30.0


# ---- processes


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


def is_server_process(pid: int) -> bool:
    """Best effort: is ``pid`` a sundhedsgraf embedded server (and not a recycled pid)?"""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        return CHILD_MODULE.encode() in cmdline
    except OSError:
        pass
    try:
        out = subprocess.run(
            ["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, timeout=5, check=False
        )
        return CHILD_MODULE in out.stdout if out.returncode == 0 else False
    except (OSError, subprocess.SubprocessError):
        return True


def process_home(pid: int) -> Path | None:
    """The home a server process serves: its working folder (the parent starts it in the home), or
    the ``--home`` of its command line where there is no /proc; None if that cannot be read (a
    process of another user)."""
    try:
        return Path(os.readlink(f"/proc/{pid}/cwd"))
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        out = subprocess.run(
            ["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.stdout.split()
    if "--home" in parts and parts.index("--home") + 1 < len(parts):
        return Path(parts[parts.index("--home") + 1])
    return None


def spawn(home: Path, bolt_port: int, http_port: int, log: Path, jvm_error_file: Path) -> subprocess.Popen:
    """Start the child in its own session (a Ctrl-C in the parent's terminal does not reach it),
    its console appended to ``log``. The password stays in the home's credentials file, off the
    command line."""
    env = dict(os.environ)
    env["ARCADEDB_JVM_ERROR_FILE"] = str(jvm_error_file)
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    cmd = [
        sys.executable,
        "-m",
        CHILD_MODULE,
        "serve",
        "--home",
        str(home),
        "--bolt-port",
        str(bolt_port),
        "--http-port",
        str(http_port),
    ]
    with os.fdopen(os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), "ab") as out:
        try:
            return subprocess.Popen(
                cmd,
                cwd=home,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                close_fds=True,
                env=env,
                umask=0o077,
            )
        except OSError as e:
            raise EmbeddedServerError(f"could not start the embedded server process: {e}") from e


def wait_gone(pid: int, timeout: float, proc: subprocess.Popen | None = None) -> bool:
    """Wait until ``pid`` has exited (reaped, when it is our own child ``proc``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.pid == pid:
            try:
                proc.wait(timeout=0.05)
                return True
            except subprocess.TimeoutExpired:
                continue
        if not pid_alive(pid):
            return True
        time.sleep(0.05)
    return not pid_alive(pid)


def terminate(pid: int, notify: Callable[[str], None], proc: subprocess.Popen | None = None) -> None:
    """SIGTERM (the server stops cleanly), then SIGKILL if it does not go."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    if not wait_gone(pid, STOP_TIMEOUT, proc):
        notify(f"the embedded server (pid {pid}) did not stop within {STOP_TIMEOUT:.0f} s; killing it.")
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        wait_gone(pid, 5, proc)


# ---- ports


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


# ---- the log


def log_tail(path: Path, limit: int = 300) -> str:
    """The line of a server log that explains a failure: the child's own ``FATAL:`` line, else the
    last non-empty line that is not a traceback frame."""
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
            reason = lines[i][len("FATAL:") :].strip()
            before = lines[i - 1] if i else ""
            if (
                "Java runtime" in reason
                and before
                and not before.startswith(("Traceback", "File ", "WARNING:"))
            ):
                reason += f"; the JVM said: {before}"  # e.g. "Unrecognized VM option …"
            return reason[:limit]
    for ln in reversed(lines):
        if not ln.startswith(("File ", "at ", "^", "~", "The above exception", "Traceback")):
            return ln[:limit]
    return "(empty log)"
