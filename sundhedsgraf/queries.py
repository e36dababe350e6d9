"""The registry of named Cypher statements: every ``*.cypher`` file under ``cypher/`` (subfolders
included), read once at import.

A file starts with a header of ``//`` lines (aiosql style; a value continues on lines indented by
two or more spaces)::

    // name: neighbours
    // description: Nodes directly connected to a node, with the relationship type and direction.
    // params: id (string), as_of (date, optional)

``params`` is ``none`` or a comma-separated list of ``name (type)`` / ``name (type, optional)``;
types are ``string``, ``integer``, ``number``, ``boolean``, ``date`` (ISO text, as dates are stored)
and ``list`` (of strings). A line ``// mode: write`` marks a statement that writes (used by the
loader, never by ``sundhedsgraf query``). Other ``// key: value`` lines are kept in ``meta``.

    from sundhedsgraf.queries import run_query, query_df
    run_query("neighbours", id="kosu")               # a list of dicts (JSON-ready)
    query_df("fora_of_region", region="Region Midtjylland")   # a pandas DataFrame
"""

from __future__ import annotations

import atexit
import datetime as _dt
import difflib
import json
import os
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, LiteralString, cast

from .cypher_text import parameters as used_parameters
from .errors import ConfigError, ParameterError
from .resources import data_dir

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .db.connection import Graph

TYPES = ("string", "integer", "number", "boolean", "date", "list")
_HEADER = re.compile(r"^// ?([a-z_]+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*([a-z]+)\s*(?:,\s*(optional)\s*)?\)\s*(?:,|$)")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def cypher_dir() -> Path:
    env = os.environ.get("SUNDHEDSGRAF_CYPHER")
    return Path(env) if env else data_dir("cypher")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    optional: bool = False

    def __str__(self) -> str:
        return f"{self.name} ({self.type}{', optional' if self.optional else ''})"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path
    mode: str = "read"
    meta: Mapping[str, str] = field(default_factory=dict)

    @property
    def statement(self) -> LiteralString:
        """The statement text. Files in cypher/ are the project's constants, hence LiteralString."""
        return cast(LiteralString, self.text)

    def signature(self) -> str:
        return ", ".join(str(p) for p in self.params) or "none"

    def bind(self, values: Mapping[str, Any], *, from_text: bool = False) -> dict[str, Any]:
        """The parameters to send: every declared one (optional ones default to null), converted to
        its declared type. ``from_text``: values are command-line strings."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ParameterError(
                f"query {self.name!r} has no parameter {unknown[0]!r}; its parameters: {self.signature()}."
            )
        out: dict[str, Any] = {}
        for p in self.params:
            v = values.get(p.name)
            if v is None:
                if not p.optional:
                    how = f"--param {p.name}=VALUE" if from_text else f"{p.name}=..."
                    raise ParameterError(
                        f"query {self.name!r}: parameter {p.name!r} ({p.type}) is missing; give it with {how}."
                    )
                out[p.name] = None
                continue
            out[p.name] = convert(self.name, p, v, from_text)
        return out


# numeric parameter types: how command-line text is parsed, which Python values pass, what to write
_NUMERIC: dict[str, tuple[Any, tuple[type, ...], str]] = {
    "integer": (int, (int,), "a whole number (e.g. 3)"),
    "number": (float, (int, float), "a number (e.g. 4.5)"),
}


def convert(query: str, p: Param, v: Any, from_text: bool) -> Any:
    """``v`` as parameter ``p`` declares it, or a ParameterError naming it."""

    def bad(expected: str) -> ParameterError:
        return ParameterError(f"query {query!r}: parameter {p.name!r} must be {expected}, not {v!r}.")

    t = p.type
    if t == "string":
        if isinstance(v, str):
            return v
        raise bad("text")
    if t in _NUMERIC:
        parse, accepted, expected = _NUMERIC[t]
        if from_text and isinstance(v, str):
            try:
                return parse(v.strip())
            except ValueError:
                raise bad(expected) from None
        if isinstance(v, accepted) and not isinstance(v, bool):
            return v
        raise bad(expected)
    if t == "boolean":
        if from_text and isinstance(v, str):
            s = v.strip().lower()
            if s in ("true", "yes", "1"):
                return True
            if s in ("false", "no", "0"):
                return False
            raise bad("true or false")
        if isinstance(v, bool):
            return v
        raise bad("true or false")
    if t == "date":
        if isinstance(v, _dt.datetime):
            return v.date().isoformat()
        if isinstance(v, _dt.date):
            return v.isoformat()
        if isinstance(v, str):
            try:
                return _dt.date.fromisoformat(v.strip()).isoformat()
            except ValueError:
                raise bad("a date written YYYY-MM-DD (e.g. 2026-01-01)") from None
        raise bad("a date written YYYY-MM-DD (e.g. 2026-01-01)")
    if t == "list":
        if from_text and isinstance(v, str):
            s = v.strip()
            if s.startswith("["):
                try:
                    v = json.loads(s)
                except ValueError:
                    raise bad('a JSON list (["a", "b"]) or comma-separated text') from None
            else:
                return [x.strip() for x in s.split(",") if x.strip()]
        if isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
            return list(v)
        raise bad("a list of strings")
    raise bad(t)  # pragma: no cover - types are checked when the file is read


# --------------------------------------------------------------------------------------------
# reading the files


def parse_file(path: Path, root: Path | None = None) -> NamedQuery:
    """A NamedQuery from one .cypher file, or a ConfigError naming the file and the fix."""
    where = f"cypher/{path.relative_to(root)}" if root and path.is_relative_to(root) else str(path)
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        if not s.startswith("//"):
            break
        m = _HEADER.match(s)
        if last and re.match(r"^//\s{2,}\S", s):  # an indented continuation line
            header[last] += " " + s[2:].strip()
        elif m:
            last = m.group(1)
            header[last] = m.group(2)
    for key in ("name", "description", "params"):
        if not header.get(key):
            raise ConfigError(f"{where}: the header has no '// {key}:' line; every statement file starts "
                              f"with // name:, // description: and // params: (params: none if it has none).")
    name = header["name"]
    if not _NAME.match(name):
        raise ConfigError(f"{where}: name {name!r} must be lower_snake_case.")
    params: list[Param] = []
    spec = header["params"]
    if spec.lower() != "none":
        pos = 0
        while pos < len(spec):
            m = _PARAM.match(spec, pos)
            if not m or m.end() == pos:
                raise ConfigError(f"{where}: cannot read '// params: {spec}' at {spec[pos:]!r}; write "
                                  f"'name (type)' or 'name (type, optional)', comma-separated; types: {', '.join(TYPES)}.")
            pname, ptype, opt = m.groups()
            if ptype not in TYPES:
                raise ConfigError(f"{where}: parameter {pname!r} has unknown type {ptype!r}; use one of {', '.join(TYPES)}.")
            params.append(Param(pname, ptype, bool(opt)))
            pos = m.end()
    declared = {p.name for p in params}
    used = used_parameters(text)
    if used - declared:
        raise ConfigError(f"{where}: uses ${sorted(used - declared)[0]} but '// params:' does not declare it.")
    if declared - used:
        raise ConfigError(f"{where}: declares parameter {sorted(declared - used)[0]!r} but never uses it.")
    mode = header.get("mode", "read")
    if mode not in ("read", "write"):
        raise ConfigError(f"{where}: mode must be read or write, not {mode!r}.")
    meta = {k: v for k, v in header.items() if k not in ("name", "description", "params", "mode")}
    return NamedQuery(name=name, description=header["description"], params=tuple(params), text=text,
                      path=path, mode=mode, meta=meta)


def load_registry(root: Path | None = None) -> dict[str, NamedQuery]:
    root = root or cypher_dir()
    out: dict[str, NamedQuery] = {}
    for path in sorted(root.rglob("*.cypher")):
        q = parse_file(path, root)
        if q.name in out:
            raise ConfigError(f"cypher/{path.relative_to(root)}: name {q.name!r} is already used by "
                              f"cypher/{out[q.name].path.relative_to(root)}; names must be unique.")
        if q.name in ("graph",) or any(p.name == "graph" for p in q.params):
            raise ConfigError(f"cypher/{path.relative_to(root)}: 'graph' is reserved (run_query's connection argument).")
        out[q.name] = q
    return out


REGISTRY: dict[str, NamedQuery] = load_registry()


def get(name: str) -> NamedQuery:
    try:
        return REGISTRY[name]
    except KeyError:
        close = difflib.get_close_matches(name, REGISTRY, n=3)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ConfigError(f"no named query {name!r}.{hint} `sundhedsgraf query --list` lists them.") from None


def statement(name: str) -> LiteralString:
    """The text of a named statement (for the package's own use, e.g. the loader)."""
    return get(name).statement


# --------------------------------------------------------------------------------------------
# running


_default: Graph | None = None
_default_lock = threading.Lock()


def default_graph() -> Graph:
    """One connection for the whole process (a notebook pays the embedded server's start once),
    closed at exit."""
    global _default
    with _default_lock:
        if _default is None or _default.driver is None:
            from .db.connection import connect

            _default = connect()
            atexit.register(close_default_graph)
        return _default


def close_default_graph() -> None:
    global _default
    with _default_lock:
        if _default is not None:
            _default.close()
            _default = None


def run_query(name: str, /, graph: Graph | None = None, **params: Any) -> list[dict]:
    """Run a named read query; rows as JSON-ready dicts. Parameters are checked and converted to
    their declared types first (ParameterError names a missing or wrong one)."""
    from .db.connection import to_jsonable

    q = get(name)
    if q.mode != "read":
        raise ConfigError(f"{name!r} is a write statement ({q.path.name}), used by `sundhedsgraf load`; it cannot be run as a query.")
    bound = q.bind(params)
    rows = (graph or default_graph()).run_read(q.statement, bound)
    return [to_jsonable(r) for r in rows]


def query_df(name: str, /, graph: Graph | None = None, **params: Any) -> pandas.DataFrame:
    """:func:`run_query` as a pandas DataFrame (columns in the query's RETURN order)."""
    import pandas as pd

    from .db.connection import to_jsonable

    q = get(name)
    if q.mode != "read":
        raise ConfigError(f"{name!r} is a write statement; it cannot be run as a query.")
    rows = (graph or default_graph()).run_read(q.statement, q.bind(params))
    return pd.DataFrame([to_jsonable(r) for r in rows], columns=rows.keys)
