"""Preview a built site on 127.0.0.1 with Python's own http.server (the site needs no server: this
only spares opening files by hand)."""

from __future__ import annotations

import functools
import http.server
import socket
from collections.abc import Callable
from pathlib import Path

from ..errors import ConfigError

HOST = "127.0.0.1"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # one line per request would bury the URL
        pass


def server(folder: Path, port: int = 8000) -> http.server.ThreadingHTTPServer:
    """A server for ``folder`` on 127.0.0.1:``port`` (0: any free port), not yet serving."""
    folder = Path(folder)
    if not (folder / "index.html").is_file():
        raise ConfigError(
            f"--out {folder}: no site there (no index.html); build it first: sundhedsgraf site --out {folder}"
        )
    if not 0 <= port <= 65535:
        raise ConfigError(f"--port {port}: choose 1 to 65535 (or 0 for any free port).")
    handler = functools.partial(_Quiet, directory=str(folder.resolve()))
    try:
        return http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as e:
        raise ConfigError(
            f"--port {port}: cannot listen on {HOST}:{port} ({e.strerror or e}); choose another port, e.g. --port 0."
        ) from e


def url(httpd: http.server.ThreadingHTTPServer) -> str:
    host, port = httpd.server_address[:2]
    return f"http://{host if isinstance(host, str) else socket.gethostname()}:{port}/"


def serve(folder: Path, port: int = 8000, ready: Callable[[str], None] | None = None) -> None:
    """Serve ``folder`` until interrupted (Ctrl-C); ``ready`` receives the URL once it listens."""
    httpd = server(folder, port)
    with httpd:
        if ready is not None:
            ready(url(httpd))
        httpd.serve_forever()
