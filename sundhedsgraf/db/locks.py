"""File locks (flock) of the embedded server's home: who may start or stop the server, who is using
it, who is loading. flock locks die with their process, so they cannot go stale."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
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


@contextlib.contextmanager
def flock(path: Path, exclusive: bool, timeout: float | None = LOCK_TIMEOUT, what: str = "") -> Iterator[int]:
    """Hold a flock on ``path`` (created if missing) for the ``with`` block; after ``timeout``
    seconds of waiting, an error naming ``what`` holds it."""
    fd = open_lock_file(path)
    try:
        deadline = None if timeout is None else time.monotonic() + timeout
        while not try_flock(fd, exclusive):
            if deadline is not None and time.monotonic() > deadline:
                raise EmbeddedServerError(
                    f"{path}: still locked after {timeout:.0f} s by another sundhedsgraf process"
                    f"{' (' + what + ')' if what else ''}; wait for it to finish, or stop it."
                )
            time.sleep(0.05)
        yield fd
    finally:
        os.close(fd)
