"""File locks (flock) of the embedded server's home: who may start or stop the server, who is using
it, who is loading. flock locks die with their process, so they cannot go stale. The holder of an
exclusive lock writes who it is into the lock file, so that a command waiting for it can say what
it waits for."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

from ..errors import EmbeddedServerError

LOCK_TIMEOUT = 120.0

_FCNTL: ModuleType | None
try:  # imported now, not when a lock is taken: a Graph left open is closed while the interpreter
    import fcntl  # exits, when imports fail (and the error would blame the platform)
except ImportError:  # pragma: no cover - Windows
    _FCNTL = None
else:
    _FCNTL = fcntl


def fcntl_module() -> ModuleType:
    """The fcntl module, or a clear error where there is none."""
    if _FCNTL is None:  # pragma: no cover - Windows
        raise EmbeddedServerError(
            "the embedded server needs a POSIX system (file locks); on Windows set NEO4J_URI to a Neo4j server."
        )
    return _FCNTL


def open_lock_file(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as e:
        raise EmbeddedServerError(
            f"cannot open {path} ({e.strerror or e}); SUNDHEDSGRAF_HOME must be a folder you can write."
        ) from e


def try_flock(fd: int, exclusive: bool) -> bool:
    """Take the lock if nobody holds it in the way; never wait."""
    fcntl = fcntl_module()
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def unlock(fd: int) -> None:
    fcntl = fcntl_module()
    fcntl.flock(fd, fcntl.LOCK_UN)


NOTIFY_AFTER = 1.0  # seconds of waiting before a command says what it waits for


def holder(path: Path) -> str:
    """Who holds the exclusive lock on ``path``, as it wrote itself into the file ("" if unknown)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()[:200]
    except OSError:
        return ""


def _sign(fd: int, what: str) -> None:
    """Write who holds the lock into the lock file (best effort: the lock is what matters)."""
    text = f"{what or 'a sundhedsgraf command'} by pid {os.getpid()} since {time.strftime('%H:%M:%S')}"
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.pwrite(fd, text.encode("utf-8"), 0)


@contextlib.contextmanager
def flock(
    path: Path,
    exclusive: bool,
    timeout: float | None = LOCK_TIMEOUT,
    what: str = "",
    notify: Callable[[str], None] | None = None,
    others: str = "",
) -> Iterator[int]:
    """Hold a flock on ``path`` (created if missing) for the ``with`` block. After a second of
    waiting, ``notify`` is told what it waits for (the holder of an exclusive lock, as it signed
    the file, else ``others``); after ``timeout`` seconds, an error naming it. ``what`` is what
    this holder does."""
    fd = open_lock_file(path)
    try:
        started = time.monotonic()
        deadline = None if timeout is None else started + timeout
        told = False
        while not try_flock(fd, exclusive):
            now = time.monotonic()
            if notify is not None and not told and now - started > NOTIFY_AFTER:
                told = True
                who = holder(path) or others or "another sundhedsgraf process"
                limit = f" (at most {timeout:.0f} s)" if timeout is not None else ""
                notify(f"waiting for {who} to finish{limit}: {path} is locked.")
            if deadline is not None and now > deadline:
                who = holder(path) or others
                raise EmbeddedServerError(
                    f"{path}: still locked after {timeout:.0f} s by another sundhedsgraf process"
                    f"{' (' + who + ')' if who else ''}; wait for it to finish, or stop it."
                )
            time.sleep(0.05)
        if exclusive:
            _sign(fd, what)
        try:
            yield fd
        finally:
            if exclusive:  # the signature names the holder only while it holds the lock
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
    finally:
        os.close(fd)
