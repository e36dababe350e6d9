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

The validity / source / confidence filter is written once, here (:data:`FILTERS`): a statement says
``@in_force(x)``, ``@cites(x)``, ``@stated(x)`` or ``@fact(x)`` and the registry expands it when it reads the file,
declaring the parameters it needs (``as_of``, ``source``, ``inferred``) unless the header declares
them itself (the graph/ queries declare ``as_of (date, optional)``: without it, any date).

A shape that only ArcadeDB's planner needs lives in ``cypher/arcadedb/<same path>``, beside the
Neo4j-idiomatic file it overrides on an ArcadeDB server (same name, same parameters, same columns;
:func:`form` picks one per connection).

    from sundhedsgraf.queries import run_query, query_df
    run_query("neighbours", id="kosu")               # a list of dicts (JSON-ready)
    query_df("fora_of_region", region="Region Midtjylland")   # a pandas DataFrame
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as _dt
import difflib
import json
import os
import re
import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, LiteralString, cast

from .cypher_text import blank_literals
from .cypher_text import parameters as used_parameters
from .errors import ConfigError, ParameterError
from .resources import data_dir

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .db.connection import Graph
    from .settings import Settings

TYPES = ("string", "integer", "number", "boolean", "date", "list")
_HEADER = re.compile(r"^// ?([a-z_]+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*([a-z]+)\s*(?:,\s*(optional)\s*)?\)\s*(?:,|$)")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


# The folder of cypher/ whose files override, on ArcadeDB, the file at the same relative path.
ARCADEDB_DIR = "arcadedb"


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
    source: str = ""  # the file as written (macros not expanded)
    arcadedb: NamedQuery | None = None  # the shape ArcadeDB's planner needs, if it needs its own

    @property
    def statement(self) -> LiteralString:
        """The Neo4j-idiomatic statement, macros expanded. Files in cypher/ are the project's
        constants, hence LiteralString. :meth:`statement_for` gives the form a server runs."""
        return cast(LiteralString, self.text)

    def statement_for(self, dialect: str) -> LiteralString:
        """The text to send to a server of ``dialect`` ("arcadedb" or "neo4j", see :func:`form`)."""
        return self.variant(dialect).statement

    def variant(self, dialect: str) -> NamedQuery:
        return self.arcadedb if dialect == "arcadedb" and self.arcadedb is not None else self

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
# the one filter
#
# A fact is in force on $as_of when its start <= $as_of <= valid_to (inclusive; no valid_to is open;
# its start is valid_from where a source gives one, else attested_from, the first date a source
# attests it; $as_of null, where a query declares it optional, means any date), and it counts
# only if it is not confidence: 'inferred' unless $inferred is true. It cites $source when $source
# is null or in its source_documents. valid_to is tested first: most facts a date rejects are
# history, and ArcadeDB evaluates AND from the left. Open dates stay absent in the database (no
# sentinels stored): ArcadeDB uses no index on a property compared after a query's first MATCH (where
# every filtered fact is: the first MATCH finds a node by id), so a sentinel would save only the
# coalesce calls. The coalesce of $as_of (null where a query declares it optional) measured within
# the noise on represented and network_neighbours at national scale.

_DATES = (
    "coalesce({x}.valid_to, '9999-12-31') >= coalesce($as_of, '0001-01-01')"
    " AND coalesce({x}.valid_from, {x}.attested_from, '0001-01-01') <= coalesce($as_of, '9999-12-31')"
)
_CITES = "($source IS NULL OR $source IN {x}.source_documents)"
_STATED = "(coalesce($inferred, false) OR coalesce({x}.confidence, 'stated') <> 'inferred')"

# macro -> (its expansion for variable {x}, the parameters it needs)
FILTERS: dict[str, tuple[str, tuple[Param, ...]]] = {
    "in_force": (f"({_DATES} AND {_STATED})", (Param("as_of", "date"), Param("inferred", "boolean", True))),
    "cites": (_CITES, (Param("source", "string", True),)),
    # every period, stated facts only (unless $inferred): what a search over all time needs
    "stated": (_STATED, (Param("inferred", "boolean", True),)),
    "fact": (
        f"({_DATES} AND {_CITES} AND {_STATED})",
        (Param("as_of", "date"), Param("source", "string", True), Param("inferred", "boolean", True)),
    ),
}
_FILTER_PARAMS = ("as_of", "source", "inferred")  # the order they are declared in
_MACRO = re.compile(r"@([A-Za-z_]\w*)\s*(?:\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\))?")


def expand_filter(macro: str, variable: str) -> str:
    """The Cypher that ``@macro(variable)`` stands for (one parenthesised boolean expression)."""
    return FILTERS[macro][0].format(x=variable)


def expand(text: str, where: str = "statement") -> tuple[str, tuple[Param, ...]]:
    """``text`` with every filter macro expanded (strings and comments left alone), and the
    parameters the macros it uses need, in the order of FILTERS' declarations."""
    blanked = blank_literals(text)
    out: list[str] = []
    pos = 0
    needed: dict[str, Param] = {}
    for m in _MACRO.finditer(blanked):
        macro, variable = m.groups()
        if macro not in FILTERS or variable is None:
            raise ConfigError(
                f"{where}: {m.group(0)!r} is not a filter macro; write "
                f"{', '.join(f'@{k}(x)' for k in FILTERS)} with a variable x."
            )
        out += [text[pos : m.start()], expand_filter(macro, variable)]
        pos = m.end()
        for p in FILTERS[macro][1]:
            needed.setdefault(p.name, p)
    out.append(text[pos:])
    return "".join(out), tuple(needed[n] for n in _FILTER_PARAMS if n in needed)


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
            raise ConfigError(
                f"{where}: the header has no '// {key}:' line; every statement file starts "
                f"with // name:, // description: and // params: (params: none if it has none)."
            )
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
                raise ConfigError(
                    f"{where}: cannot read '// params: {spec}' at {spec[pos:]!r}; write "
                    f"'name (type)' or 'name (type, optional)', comma-separated; types: {', '.join(TYPES)}."
                )
            pname, ptype, opt = m.groups()
            if ptype not in TYPES:
                raise ConfigError(
                    f"{where}: parameter {pname!r} has unknown type {ptype!r}; use one of {', '.join(TYPES)}."
                )
            params.append(Param(pname, ptype, bool(opt)))
            pos = m.end()
    source = text
    text, needed = expand(source, where)
    params += [p for p in needed if p.name not in {q.name for q in params}]  # the header's own win
    declared = {p.name for p in params}
    used = used_parameters(text)
    if used - declared:
        raise ConfigError(
            f"{where}: uses ${sorted(used - declared)[0]} but '// params:' does not declare it."
        )
    if declared - used:
        raise ConfigError(f"{where}: declares parameter {sorted(declared - used)[0]!r} but never uses it.")
    mode = header.get("mode", "read")
    if mode not in ("read", "write"):
        raise ConfigError(f"{where}: mode must be read or write, not {mode!r}.")
    meta = {k: v for k, v in header.items() if k not in ("name", "description", "params", "mode")}
    return NamedQuery(
        name=name,
        description=header["description"],
        params=tuple(params),
        text=text,
        path=path,
        mode=mode,
        meta=meta,
        source=source,
    )


def load_registry(root: Path | None = None) -> dict[str, NamedQuery]:
    root = root or cypher_dir()
    out: dict[str, NamedQuery] = {}
    overrides = root / ARCADEDB_DIR
    for path in sorted(root.rglob("*.cypher")):
        if path.is_relative_to(overrides):
            continue
        q = parse_file(path, root)
        if q.name in out:
            raise ConfigError(
                f"cypher/{path.relative_to(root)}: name {q.name!r} is already used by "
                f"cypher/{out[q.name].path.relative_to(root)}; names must be unique."
            )
        if q.name in ("graph",) or any(p.name == "graph" for p in q.params):
            raise ConfigError(
                f"cypher/{path.relative_to(root)}: 'graph' is reserved (run_query's connection argument)."
            )
        out[q.name] = q
    for path in sorted(overrides.rglob("*.cypher")):
        where = f"cypher/{path.relative_to(root)}"
        base_path = root / path.relative_to(overrides)
        base = next((q for q in out.values() if q.path == base_path), None)
        if base is None:
            raise ConfigError(
                f"{where}: overrides cypher/{base_path.relative_to(root)} on ArcadeDB, which does not "
                f"exist; a file in cypher/{ARCADEDB_DIR}/ has the path of the statement it replaces."
            )
        alt = parse_file(path, root)
        if alt.name != base.name or set(alt.params) != set(base.params) or alt.mode != base.mode:
            raise ConfigError(
                f"{where}: must have the name, parameters and mode of cypher/{base_path.relative_to(root)} "
                f"({base.name}: {base.signature()}), not {alt.name}: {alt.signature()}."
            )
        out[base.name] = dataclasses.replace(base, arcadedb=alt)
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
    """The text of a named statement (for the package's own use, e.g. the loader): the
    Neo4j-idiomatic form (the loader's statements have no other)."""
    return get(name).statement


# --------------------------------------------------------------------------------------------
# which form a server runs

_forms: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # graph -> (driver, dialect)


def form(graph: Graph) -> str:
    """ "arcadedb" for the embedded server or a server whose Bolt agent names ArcadeDB, else
    "neo4j". Asked once per connection (the agent of a NEO4J_URI server costs a round trip)."""
    if getattr(graph, "server", None) is not None:
        return "arcadedb"
    driver = getattr(graph, "driver", None)
    known = _forms.get(graph)
    if known is not None and known[0] is driver:
        return known[1]
    try:
        agent = driver.get_server_info().agent if driver is not None else ""
    except Exception:
        return "neo4j"
    dialect = "arcadedb" if "arcadedb" in (agent or "").lower() else "neo4j"
    _forms[graph] = (driver, dialect)
    return dialect


def variant_for_settings(q: NamedQuery, settings: Settings | None) -> NamedQuery:
    """The form of ``q`` a connection with ``settings`` would run, without connecting: the ArcadeDB
    form for the embedded server; for a NEO4J_URI server the Neo4j form (an ArcadeDB server there
    runs the ArcadeDB form, see :func:`form`)."""
    if settings is None:
        from .settings import Settings

        settings = Settings.from_env()
    return q.variant("arcadedb" if settings.embedded else "neo4j")


def statement_for(name: str, graph: Graph) -> LiteralString:
    """The text of a named statement as ``graph``'s server runs it."""
    return get(name).statement_for(form(graph))


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
        raise ConfigError(
            f"{name!r} is a write statement ({q.path.name}), used by `sundhedsgraf load`; it cannot be run as a query."
        )
    bound = q.bind(params)
    graph = graph or default_graph()
    rows = graph.run_read(q.statement_for(form(graph)), bound)
    return [to_jsonable(r) for r in rows]


def query_df(name: str, /, graph: Graph | None = None, **params: Any) -> pandas.DataFrame:
    """:func:`run_query` as a pandas DataFrame (columns in the query's RETURN order)."""
    import pandas as pd

    from .db.connection import to_jsonable

    q = get(name)
    if q.mode != "read":
        raise ConfigError(f"{name!r} is a write statement; it cannot be run as a query.")
    bound = q.bind(params)
    graph = graph or default_graph()
    rows = graph.run_read(q.statement_for(form(graph)), bound)
    return pd.DataFrame([to_jsonable(r) for r in rows], columns=rows.keys)
