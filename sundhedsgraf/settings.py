"""Connection settings, read once from the environment (Neo4j's own variable names).

=====================  ===============================================================
``NEO4J_URI``          the server to use (``bolt://``, ``bolt+s://``, ``neo4j://``,
                       ``neo4j+s://``...). Unset: the embedded ArcadeDB server.
``NEO4J_USERNAME``     user name (default ``neo4j``; ignored by the embedded server)
``NEO4J_PASSWORD``     password (ignored by the embedded server, which has its own)
``NEO4J_DATABASE``     database name (default: the server's home database; embedded:
                       ``sundhedsgraf``)
``SUNDHEDSGRAF_HOME``  where the embedded server keeps its data, password, state and
                       logs (default: the user's data directory)
=====================  ===============================================================

A ``.env`` file in the current folder is read too, but never overrides a variable that is already
set. Command-line flags override both (:meth:`Settings.override`). The password is never part of
``repr``, ``describe()`` or any message.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ENV_KEYS = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "SUNDHEDSGRAF_HOME")
EMBEDDED_DATABASE = "sundhedsgraf"
DEFAULT_USERNAME = "neo4j"


def default_home() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("sundhedsgraf"))


def read_dotenv(path: Path) -> dict[str, str]:
    """The NEO4J_* and SUNDHEDSGRAF_HOME entries of a ``.env`` file (KEY=VALUE lines, # comments,
    optional ``export`` and quotes). Other keys are ignored: this is not a general .env loader."""
    out: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return out
    for line in text.splitlines():
        m = re.match(r"\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$", line)
        if not m or m.group(1) not in ENV_KEYS:
            continue
        value = m.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        else:
            value = re.sub(r"\s+#.*$", "", value)
        out[m.group(1)] = value
    return out


def display_uri(uri: str) -> str:
    """The URI without any user name or password in it, safe to print. Everything between the
    scheme and the last ``@`` goes, so that a password holding ``/``, ``?`` or ``#`` (which a URL
    parser reads as the end of the host) is never shown either."""
    scheme, sep, rest = uri.partition("://")
    if not sep:
        scheme, rest = "", uri
    if "@" not in rest:
        return uri
    host = rest[rest.rindex("@") + 1 :]
    return f"{scheme}://{host}" if sep else host


@dataclass(frozen=True)
class Settings:
    """Where the graph lives. ``uri is None`` means the embedded server in ``home``."""

    uri: str | None = None
    username: str = DEFAULT_USERNAME
    password: str | None = field(default=None, repr=False)
    database: str | None = None
    home: Path = field(default_factory=default_home)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, dotenv: Path | None = None) -> Settings:
        """Read the variables once: ``environ`` (default ``os.environ``) wins over ``.env``
        (default ``./.env``)."""
        env = dict(read_dotenv(dotenv if dotenv is not None else Path.cwd() / ".env"))
        env.update({k: v for k, v in (os.environ if environ is None else environ).items() if k in ENV_KEYS})
        home = env.get("SUNDHEDSGRAF_HOME")
        return cls(
            uri=env.get("NEO4J_URI") or None,
            username=env.get("NEO4J_USERNAME") or DEFAULT_USERNAME,
            password=env.get("NEO4J_PASSWORD") or None,
            database=env.get("NEO4J_DATABASE") or None,
            home=Path(home).expanduser() if home else default_home(),
        )

    def override(self, **changes) -> Settings:
        """A copy with the given fields replaced; ``None`` values (flags not given) are ignored."""
        changes = {k: v for k, v in changes.items() if v is not None}
        if "home" in changes:
            changes["home"] = Path(changes["home"]).expanduser()
        return dataclasses.replace(self, **changes)

    @property
    def embedded(self) -> bool:
        return not self.uri

    @property
    def database_name(self) -> str | None:
        """The database sessions use (``None``: the server's default database)."""
        if self.database:
            return self.database
        return EMBEDDED_DATABASE if self.embedded else None

    @property
    def safe_uri(self) -> str:
        return display_uri(self.uri) if self.uri else f"embedded server in {self.home}"

    def describe(self) -> dict:
        """Everything but the password, for --json output and messages."""
        return {
            "uri": display_uri(self.uri) if self.uri else None,
            "embedded": self.embedded,
            "username": None if self.embedded else self.username,
            "password_set": bool(self.password),
            "database": self.database_name,
            "home": str(self.home),
        }

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.describe().items())
        return f"Settings({shown}, password={'***' if self.password else None})"
