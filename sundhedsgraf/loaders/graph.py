"""Facts in, graph out: the validated model as rows, then one ``UNWIND $rows AS row MERGE …``
statement per label and per relationship type, in batches, in ONE transaction.

The functions that turn the model into rows and statements are pure (no database), so they are
tested on their own; :func:`load_graph` runs them against a :class:`~sundhedsgraf.db.connection.Graph`.

* **Rows.** A node row is ``{"id", "props"}``, a relationship row ``{"id", "start", "end",
  "props"}``. ``props`` holds every property, ``id`` and ``name``, and the sources as
  :func:`sundhedsgraf.sources.encode` stores them (parallel lists: Neo4j has no map properties).
* **Identifiers.** Labels and relationship types come only from ``schema.yaml`` and pass
  :func:`quote_identifier`. Values only ever travel as parameters.
* **Idempotent.** ``MERGE`` on ``id`` then ``SET n = row.props`` (not ``+=``): a second load of the
  same model gives the same graph, and a property removed from the facts disappears.
* **Fast on --replace.** The database is emptied in the load's own transaction, so nothing can match:
  ``CREATE`` instead of ``MERGE`` (no lookup of an existing node or edge), batches of
  :data:`REPLACE_BATCH_SIZE`, and no count of what is not in the model (nothing is). A relationship
  whose endpoint is missing shows as a batch that wrote fewer rows than it was given. Each batch is
  one ``tx.run`` (the driver's public API); a thread makes the next batches' rows meanwhile.
* **Unique ids.** Node ids (and every ``unique: true`` property) are database constraints from the
  schema. Relationship ids are unique in the validated model; a merging load also counts the ids the
  database holds before it commits and refuses one held twice (a relationship whose type or endpoint
  changed: the merge could not match the old one). They are no database constraint (see
  :func:`constraint_statements`); such constraints found in a database are dropped after a load.
* **All or nothing.** Nodes and relationships are written in one explicit transaction; any failure
  (a constraint, an endpoint that is not there, an id held twice, a lost connection) rolls it back.
  Constraints are schema statements and run before it, each on its own; those this load created are
  dropped again if the load fails, so the database is as it was before.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import LoadError, SundhedsgrafError
from ..sources import STORED as SOURCE_KEYS
from ..sources import encode as encode_sources
from ..speed import gc_paused

BATCH_SIZE = 500
# On --replace (CREATE): bigger batches mean fewer round trips; beyond ~2,000 rows a batch gains
# nothing on the embedded server (measured by `sundhedsgraf bench`, docs/performance.md).
REPLACE_BATCH_SIZE = 2000
# How long to retry dropping a retired constraint whose index the server is still settling (ArcadeDB,
# after a large write)
DROP_RETRY_S = 10.0


def quote_identifier(name: str) -> str:
    """A label, relationship type, property key or constraint name as a Cypher identifier:
    in backticks, with backticks doubled (as sqlite-utils quotes SQL identifiers)."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"not an identifier: {name!r}")
    return "`" + name.replace("`", "``") + "`"


# --------------------------------------------------------------------------------------------
# the schema


def schema_labels(schema: dict) -> list[str]:
    return list((schema.get("labels") or {}).keys())


def schema_types(schema: dict) -> list[str]:
    return list((schema.get("relationship_types") or {}).keys())


def schema_property_keys(schema: dict) -> list[str]:
    """Every property key the graph can hold (for the Cypher linter)."""
    keys = {"id", "name", *SOURCE_KEYS}
    keys.update((schema.get("common_properties") or {}).keys())
    keys.update((schema.get("sources") or {}).get("storage") or [])
    for group in ("labels", "relationship_types"):
        for spec in (schema.get(group) or {}).values():
            keys.update((spec or {}).get("properties") or {})
    return sorted(keys)


@dataclass(frozen=True)
class Constraint:
    name: str
    statement: str


def constraint_statements(schema: dict) -> list[Constraint]:
    """One uniqueness constraint per ``unique: true`` property of a label, named
    ``<Label>_<property>_unique``. Relationship ids get none (see :func:`retired_constraint_names`): they
    are unique in the model (the validator refuses a repeated id), an emptied database (--replace)
    holds only the model's, and a merging load checks the ids the database holds before it commits.
    No question looks a relationship up by its id, and a merge finds the relationship from its two
    endpoints, so the index under such a constraint only cost time: building it after a national-scale
    load took a quarter of the load (docs/performance.md)."""
    out = []
    for label, spec in (schema.get("labels") or {}).items():
        for prop, pspec in ((spec or {}).get("properties") or {}).items():
            if (pspec or {}).get("unique"):
                name = f"{label}_{prop}_unique"
                out.append(
                    Constraint(
                        name,
                        (
                            f"CREATE CONSTRAINT {quote_identifier(name)} IF NOT EXISTS "
                            f"FOR (n:{quote_identifier(label)}) REQUIRE n.{quote_identifier(prop)} IS UNIQUE"
                        ),
                    )
                )
    return out


def retired_constraint_names(schema: dict) -> list[str]:
    """Relationship-id constraints (``<TYPE>_id_unique``) a database may hold; a load that succeeds
    drops those it finds: the loader checks relationship ids itself, and their index costs a
    quarter of a large load."""
    return [f"{rtype}_id_unique" for rtype in schema_types(schema)]


def drop_constraint_statement(name: str) -> str:
    return f"DROP CONSTRAINT {quote_identifier(name)} IF EXISTS"


def index_statements(schema: dict) -> list[Constraint]:
    """An index on every ``type: ref`` property of a label or relationship type, named
    ``<Label|TYPE>_<property>_index``: refs hold the id of another node and questions look facts up
    by them (``represented`` finds the offices sitting on a municipality's behalf through
    ``MEMBER_OF.on_behalf_of``: 35x faster at synth scale 4, docs/performance.md). Unique
    properties have their index from their constraint already."""
    out = []
    for label, spec in (schema.get("labels") or {}).items():
        for prop, pspec in ((spec or {}).get("properties") or {}).items():
            if (pspec or {}).get("type") == "ref" and not (pspec or {}).get("unique"):
                name = f"{label}_{prop}_index"
                out.append(
                    Constraint(
                        name,
                        (
                            f"CREATE INDEX {quote_identifier(name)} IF NOT EXISTS "
                            f"FOR (n:{quote_identifier(label)}) ON (n.{quote_identifier(prop)})"
                        ),
                    )
                )
    for rtype, spec in (schema.get("relationship_types") or {}).items():
        for prop, pspec in ((spec or {}).get("properties") or {}).items():
            if (pspec or {}).get("type") == "ref":
                name = f"{rtype}_{prop}_index"
                out.append(
                    Constraint(
                        name,
                        (
                            f"CREATE INDEX {quote_identifier(name)} IF NOT EXISTS "
                            f"FOR ()-[r:{quote_identifier(rtype)}]-() ON (r.{quote_identifier(prop)})"
                        ),
                    )
                )
    return out


# --------------------------------------------------------------------------------------------
# rows


def _value(key: str, owner: str, v: Any) -> Any:
    if isinstance(v, (str, bool, int, float)):
        return v
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [_value(key, owner, x) for x in v]
    raise LoadError(
        f"{owner}: property {key!r} is a {type(v).__name__}; Neo4j properties are text, "
        f"numbers, booleans or lists of them."
    )


_PLAIN = frozenset({str, bool, int, float})


#: what the database does not store on relationships: the quotes that give a relationship's period
#: are checked by the validator and kept in the model (export, map, oracle), but no question reads
#: them from the database, and two long lists on every dated relationship cost a third of a large
#: load's server time (docs/performance.md); a node keeps them (``changes`` cites them)
NOT_ON_RELATIONSHIPS = frozenset({"period_documents", "period_quotes"})


def _props(item: dict, owner: str, extra: dict) -> dict[str, Any]:
    props: dict[str, Any] = {}
    skip = NOT_ON_RELATIONSHIPS if "type" in item else frozenset()
    for key, v in (item.get("properties") or {}).items():
        if v is None or (isinstance(v, (list, tuple)) and not v) or key in skip:
            continue  # Neo4j stores no nulls; an empty list has no element type
        props[key] = v if type(v) in _PLAIN else _value(key, owner, v)  # most values are text: no checks
    props.update(extra)
    sources = item.get("sources")
    if sources:
        props.update(encode_sources(sources))
    return props


def node_rows(model) -> dict[tuple[str, ...], list[dict]]:
    """Node rows grouped by label tuple (schema order), each group sorted by id."""
    known = schema_labels(model.schema)
    groups: dict[tuple[str, ...], list[dict]] = {}
    for node in model.nodes:
        labels = tuple(node.get("labels") or ())
        bad = [lab for lab in labels if lab not in known]
        if not labels or bad:
            raise LoadError(
                f"node {node.get('id')!r}: label {bad[0] if bad else None!r} is not in schema.yaml; "
                f"only the schema's labels are loaded."
            )
        extra = {"id": node["id"]}
        if node.get("name") is not None:
            extra["name"] = node["name"]
        groups.setdefault(labels, []).append(
            {"id": node["id"], "props": _props(node, f"node {node['id']!r}", extra)}
        )
    check_unique(model.schema, groups)
    order = {lab: i for i, lab in enumerate(known)}
    return {
        k: sorted(groups[k], key=lambda r: r["id"])
        for k in sorted(groups, key=lambda t: [order[lab] for lab in t])
    }


def check_unique(schema: dict, groups: dict[tuple[str, ...], list[dict]]) -> None:
    """Refuse, before writing anything, two nodes of a label that share a unique property. The
    database's constraints check this too, but not every engine reliably within one transaction
    (ArcadeDB 26.10 misses a duplicate inserted after the key was deleted in the same transaction,
    which is what load --replace does)."""
    for label, spec in (schema.get("labels") or {}).items():
        unique = [p for p, ps in ((spec or {}).get("properties") or {}).items() if (ps or {}).get("unique")]
        for prop in unique:
            seen: dict[Any, str] = {}
            for labels, rows in groups.items():
                if label not in labels:
                    continue
                for row in rows:
                    v = row["props"].get(prop)
                    if v is None:
                        continue
                    key = json.dumps(v, sort_keys=True)
                    if key in seen and seen[key] != row["id"]:
                        raise LoadError(
                            f"nodes {seen[key]!r} and {row['id']!r} ({label}) share {prop} {v!r}, which "
                            f"schema.yaml declares unique; nothing was loaded."
                        )
                    seen[key] = row["id"]


def relationship_rows(model) -> dict[tuple[str, str | None, str | None], list[dict]]:
    """Relationship rows grouped by (type, start label, end label), so that each statement matches
    its endpoints through the label's id index. An endpoint that is not a node of the model gets
    label None (matched by id alone, and reported if it is not in the database either)."""
    return {k: [relationship_row(r) for r in rels] for k, rels in relationship_groups(model).items()}


def relationship_groups(model) -> dict[tuple[str, str | None, str | None], list[dict]]:
    """The model's relationships grouped as :func:`relationship_rows` groups their rows, in the same
    order, not yet turned into rows (a --replace load turns them into rows batch by batch)."""
    known = schema_types(model.schema)
    first_label = {n["id"]: (n.get("labels") or [None])[0] for n in model.nodes}
    groups: dict[tuple[str, str | None, str | None], list[dict]] = {}
    for rel in model.relationships:
        rtype = rel.get("type")
        if rtype not in known:
            raise LoadError(
                f"relationship {rel.get('id')!r}: type {rtype!r} is not in schema.yaml; "
                f"only the schema's relationship types are loaded."
            )
        groups.setdefault((rtype, first_label.get(rel["start"]), first_label.get(rel["end"])), []).append(rel)
    order = {t: i for i, t in enumerate(known)}
    return {
        k: sorted(groups[k], key=lambda r: r["id"])
        for k in sorted(groups, key=lambda k: (order[k[0]], k[1] or "", k[2] or ""))
    }


def relationship_row(rel: dict) -> dict:
    return {
        "id": rel["id"],
        "start": rel["start"],
        "end": rel["end"],
        "props": _props(rel, f"relationship {rel['id']!r}", {"id": rel["id"]}),
    }


def item_keys(items: list[dict]) -> list[str]:
    """The property keys the rows of these model items will have (``row_keys`` of their rows),
    known before the rows are made: id, each property that is not null or an empty list, and the
    source lists when an item has sources."""
    keys = {"id"}
    sources = False
    for item in items:
        skip = NOT_ON_RELATIONSHIPS if "type" in item else frozenset()
        for k, v in (item.get("properties") or {}).items():
            if v is not None and not (isinstance(v, (list, tuple)) and not v) and k not in skip:
                keys.add(k)
        sources = sources or bool(item.get("sources"))
    if sources:
        keys.update(SOURCE_KEYS)
    return sorted(keys)


# --------------------------------------------------------------------------------------------
# statements (generated from schema labels and types only; everything else is a parameter)


def node_statement(labels: tuple[str, ...]) -> str:
    primary = quote_identifier(labels[0])
    extra = "".join(":" + quote_identifier(lab) for lab in labels[1:])
    set_extra = f" SET n{extra}" if extra else ""
    return (
        f"UNWIND $rows AS row MERGE (n:{primary} {{id: row.id}}) SET n = row.props{set_extra} "
        f"RETURN count(n) AS written"
    )


def relationship_statement(rtype: str, start_label: str | None, end_label: str | None) -> str:
    def endpoint(var: str, label: str | None, key: str) -> str:
        lab = f":{quote_identifier(label)}" if label else ""
        return f"({var}{lab} {{id: row.{key}}})"

    return (
        f"UNWIND $rows AS row MATCH {endpoint('a', start_label, 'start')} "
        f"MATCH {endpoint('b', end_label, 'end')} "
        f"MERGE (a)-[r:{quote_identifier(rtype)} {{id: row.id}}]->(b) SET r = row.props "
        f"RETURN row.id AS id"
    )


# ---- --replace: CREATE into the emptied database
#
# Measured at synth scale 4 on the embedded server (docs/performance.md), each of these is a
# reason the --replace statements differ from the MERGE ones above:
# * CREATE, not MERGE: nothing can match in an emptied database.
# * Properties inline in the CREATE (``{`k`: row[i], …}``) instead of ``SET r = row.props``: ArcadeDB
#   writes the record once instead of creating it empty and rewriting it (half the server's work).
#   A key a row does not have is null there, and CREATE stores no null.
# * Rows are lists of values in the order of ``keys`` (``positional_rows``), not maps: the driver
#   packs and the server parses the values without a key string per property.
# * Endpoints by element id (returned when the nodes are created), ``MATCH (a) WHERE elementId(a) =
#   row[0]``: a direct record lookup instead of a search of the id index.


def positional_properties(keys, offset: int = 0) -> str:
    """``{`k0`: row[offset], `k1`: row[offset + 1], …}`` for the CREATE statements."""
    return "{" + ", ".join(f"{quote_identifier(k)}: row[{i + offset}]" for i, k in enumerate(keys)) + "}"


def row_keys(rows: list[dict]) -> list[str]:
    """Every property key of a group of rows, sorted (the order of :func:`positional_rows`)."""
    return sorted({k for r in rows for k in r["props"]})


def positional_rows(rows: list[dict], keys: list[str]) -> list[list]:
    """Node rows as lists: the value of each key, None where a row has none."""
    return _Batch(list(map(r["props"].get, keys)) for r in rows)


_NONE: dict = {}


def positional_relationship_rows(rels: list[dict], keys: list[str], endpoints: dict[str, str]) -> list[list]:
    """The model's relationships as lists, with ``endpoints`` mapping node id to element id: the
    start's and the end's element id, then the value of each key (None where a relationship has
    none). Made straight from the model, without a :func:`relationship_row` dict each (half the
    client's cost of a --replace load); the values are those of :func:`_props`, with its precedence:
    a source list over ``id`` over a property (tests/test_db_units.py holds the two equal)."""
    out = _Batch()
    for rel in rels:
        props = rel.get("properties") or _NONE
        sources = rel.get("sources")
        src = encode_sources(sources) if sources else _NONE
        row: list[Any] = [endpoints[rel["start"]], endpoints[rel["end"]]]
        for k in keys:
            if k in src:
                v = src[k]
            elif k == "id":
                v = rel["id"]
            else:
                v = props.get(k)
                if v is not None and type(v) not in _PLAIN:
                    v = (
                        None
                        if isinstance(v, (list, tuple)) and not v
                        else _value(k, f"relationship {rel['id']!r}", v)
                    )
            row.append(v)
        out.append(row)
    return out


class _Batch(list):
    """A batch of rows as a query parameter. The neo4j driver formats every RUN for its debug log
    whether debug logging is on or not (``" ".join(map(repr, fields))``): a batch's repr is its size,
    not the text of 2,000 rows (half a second of a load at synth scale 4)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def create_node_statement(labels: tuple[str, ...], keys: list[str]) -> str:
    """--replace: create the nodes of one label group (rows from :func:`positional_rows`); returns
    each node's id with its element id, for the relationships' endpoints."""
    names = ":".join(quote_identifier(lab) for lab in labels)
    return (
        f"UNWIND $rows AS row CREATE (n:{names} {positional_properties(keys)}) "
        f"RETURN collect([n.`id`, elementId(n)]) AS created"
    )


def create_relationship_statement(rtype: str, keys: list[str]) -> str:
    """--replace: create relationships of one type between nodes given by element id (rows from
    :func:`positional_relationship_rows`); returns how many it wrote."""
    return (
        f"UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row[0] MATCH (b) WHERE elementId(b) = row[1] "
        f"CREATE (a)-[r:{quote_identifier(rtype)} {positional_properties(keys, 2)}]->(b) "
        f"RETURN count(r) AS written"
    )


def generated_statements(schema: dict) -> dict[str, str]:
    """Every statement the loader can generate for this schema (for the linter test)."""
    out = {f"constraint {c.name}": c.statement for c in constraint_statements(schema)}
    out.update({f"index {c.name}": c.statement for c in index_statements(schema)})
    labels = schema_labels(schema)
    common = list((schema.get("common_properties") or {}).keys()) + list(SOURCE_KEYS)
    for lab in labels:
        keys = sorted({"id", "name", *common, *(((schema["labels"][lab] or {}).get("properties")) or {})})
        out[f"nodes {lab}"] = node_statement((lab,))
        out[f"nodes {lab} (--replace)"] = create_node_statement((lab,), keys)
    if len(labels) > 1:
        out["nodes (two labels)"] = node_statement((labels[0], labels[1]))
        out["nodes (two labels, --replace)"] = create_node_statement((labels[0], labels[1]), ["id", "name"])
    for t in schema_types(schema):
        keys = sorted({"id", *common, *(((schema["relationship_types"][t] or {}).get("properties")) or {})})
        out[f"relationships {t}"] = relationship_statement(t, labels[0], labels[-1])
        out[f"relationships {t} (--replace)"] = create_relationship_statement(t, keys)
    if schema_types(schema):
        out["relationships (endpoints without label)"] = relationship_statement(
            schema_types(schema)[0], None, None
        )
    return out


def batches(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


# --------------------------------------------------------------------------------------------
# loading


@dataclass
class LoadReport:
    """What a load wrote (from the model) and what the database holds afterwards."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    database_nodes: dict[str, int] = field(default_factory=dict)
    database_relationships: dict[str, int] = field(default_factory=dict)
    constraints_created: list[str] = field(default_factory=list)
    constraints_dropped: list[str] = field(default_factory=list)  # retired ones (retire_constraints)
    indexes_created: list[str] = field(default_factory=list)
    replaced: bool = False
    other_nodes: int = 0
    other_relationships: int = 0
    # --replace: what the replaced graph held that the model has not (removed) and the reverse
    removed_nodes: int = 0
    removed_relationships: int = 0
    added_nodes: int = 0
    added_relationships: int = 0
    fewer_by_label: dict[str, int] = field(default_factory=dict)  # label -> held minus loaded, > 0
    fewer_by_type: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    target: str = ""
    phases: dict[str, float] = field(default_factory=dict)  # seconds: constraints, write, commit, ...

    def to_json(self) -> dict:
        return {
            "target": self.target,
            "replaced": self.replaced,
            "nodes": self.nodes,
            "relationships": self.relationships,
            "total_nodes": sum(self.nodes.values()) if self.nodes else 0,
            "total_relationships": sum(self.relationships.values()) if self.relationships else 0,
            "database_nodes": self.database_nodes,
            "database_relationships": self.database_relationships,
            "nodes_not_in_model": self.other_nodes,
            "relationships_not_in_model": self.other_relationships,
            "constraints_created": self.constraints_created,
            "constraints_dropped": self.constraints_dropped,
            "indexes_created": self.indexes_created,
            **(
                {
                    "replace": {
                        "removed_nodes": self.removed_nodes,
                        "removed_relationships": self.removed_relationships,
                        "added_nodes": self.added_nodes,
                        "added_relationships": self.added_relationships,
                        "fewer_by_label": self.fewer_by_label,
                        "fewer_by_type": self.fewer_by_type,
                    }
                }
                if self.replaced
                else {}
            ),
            "seconds": round(self.seconds, 3),
            "phases": {k: round(v, 3) for k, v in self.phases.items()},
        }


def ensure_constraints(graph, schema: dict, notify: Callable[[str], None] | None = None) -> list[str]:
    """Create the schema's constraints (IF NOT EXISTS); the names of those added."""
    from ..db.connection import cast_literal

    created = []
    for c in constraint_statements(schema):
        try:
            counters = graph.run_write(cast_literal(c.statement))
        except SundhedsgrafError as e:
            raise LoadError(
                f"could not create constraint {c.name} ({e}); if existing data violates it, load with "
                f"--replace. Nothing was loaded."
            ) from e
        if getattr(counters, "constraints_added", 0):
            created.append(c.name)
    return created


def ensure_indexes(graph, schema: dict, notify: Callable[[str], None] | None = None) -> list[str]:
    """Create the schema's indexes (IF NOT EXISTS), after the data (one build, not one insert per
    fact); the names of those added. An index is only for speed: one that cannot be made is noted."""
    from ..db.connection import cast_literal

    created = []
    for c in index_statements(schema):
        try:
            counters = graph.run_write(cast_literal(c.statement))
        except SundhedsgrafError as e:
            if notify:
                notify(
                    f"index {c.name} not created ({e}); questions that look facts up by {c.name.rsplit('_', 2)[1]} "
                    f"read more of the graph without it."
                )
            continue
        if getattr(counters, "indexes_added", 0):
            created.append(c.name)
    return created


def _drop_constraints(graph, names: list[str]) -> None:
    """After a failed load: drop the constraints it created."""
    from ..db.connection import cast_literal

    for name in names:
        with contextlib.suppress(Exception):
            graph.run_write(cast_literal(drop_constraint_statement(name)))


def retire_constraints(graph, schema: dict, notify: Callable[[str], None] | None = None) -> list[str]:
    """Drop the relationship-id constraints a database holds (:func:`retired_constraint_names`);
    the names of those that existed. Run after a load has committed: a load that fails leaves the
    database, constraints included, as it was."""
    from ..db.connection import cast_literal

    dropped = []
    for name in retired_constraint_names(schema):
        deadline = time.monotonic() + DROP_RETRY_S
        while True:
            try:
                counters = graph.run_write(cast_literal(drop_constraint_statement(name)))
            except SundhedsgrafError as e:
                # ArcadeDB refuses to drop an index that is still settling after a large write or its
                # own build ("underlying files are not available", a transient error) for a second or so
                if _transient(e) and time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                if notify:
                    notify(
                        f"constraint {name} (retired: relationship ids are checked by the loader) not dropped: {e}"
                    )
                counters = None
            break
        if getattr(counters, "constraints_removed", 0):
            dropped.append(name)
            if notify:
                notify(
                    f"dropped constraint {name}: relationship ids are checked by the loader (docs/database.md)"
                )
    return dropped


def _transient(e: BaseException) -> bool:
    from neo4j.exceptions import TransientError

    return isinstance(e.__cause__, TransientError)


def _merge_batches(groups: dict, batch_size: int):
    """(group, None, batch number, rows, None, None) for the MERGE statements, rows made as they go."""
    for key, rels in groups.items():
        for i, chunk in enumerate(batches(rels, batch_size), 1):
            yield key, None, i, [relationship_row(r) for r in chunk], None, None


class _prefetched_batches:
    """The --replace relationship batches, made in a thread while the server writes the previous
    ones: (group, keys, batch number, rows, positional rows, rows whose endpoint is not a node).
    Making rows is the client's biggest cost; the main thread mostly waits for the server meanwhile
    (the wait releases the GIL). Errors in the thread are raised in the reader; ``close()`` stops it."""

    def __init__(self, groups: dict, batch_size: int, element_ids: dict[str, str], ahead: int = 3):
        import queue
        import threading

        self._queue: queue.Queue = queue.Queue(maxsize=ahead)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._produce, args=(groups, batch_size, element_ids), daemon=True
        )
        self._thread.start()

    def _put(self, item) -> bool:
        import queue

        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _produce(self, groups, batch_size, element_ids) -> None:
        try:
            for key, rels in groups.items():
                keys = item_keys(rels)
                for i, chunk in enumerate(batches(rels, batch_size), 1):
                    missing = _missing_endpoints(chunk, element_ids)
                    packed = None if missing else positional_relationship_rows(chunk, keys, element_ids)
                    if not self._put((key, keys, i, chunk, packed, missing)):
                        return
            self._put(None)
        except BaseException as e:
            self._put(e)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._queue.get()
        if item is None:
            raise StopIteration
        if isinstance(item, BaseException):
            raise item
        return item

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


def _counts(rows: list[dict], key: str, value: str) -> dict[str, int]:
    return {r[key]: r[value] for r in rows}


def _unmatched(rows: list[dict], written: int, step: str) -> LoadError:
    """The error for a batch of relationships that wrote fewer rows than it had, for no known reason."""
    first = rows[0]["id"] if rows else None
    return LoadError(
        f"{step}: wrote {written} of {len(rows)} relationships (the batch starts with {first!r}); "
        f"the load was rolled back, the database is as it was before."
    )


def _missing_endpoints(rows: list[dict], known) -> list[dict]:
    return [r for r in rows if r["start"] not in known or r["end"] not in known]


def load_graph(
    model,
    graph,
    *,
    replace: bool = False,
    batch_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    notify: Callable[[str], None] | None = None,
    allow_loss: bool = True,
) -> LoadReport:
    """Write ``model`` into ``graph`` (an open Graph) in one transaction; see the module docstring.
    ``progress(done, total)`` is called after each batch. Raises LoadError (the database unchanged).
    With ``replace``, the report says what the replaced graph held that the model has not; with
    ``allow_loss=False`` a replace that would remove more nodes and relationships than it adds is
    refused before anything is written (``load --replace`` without ``--yes``).
    ``batch_size`` defaults to :data:`BATCH_SIZE` (MERGE) or :data:`REPLACE_BATCH_SIZE` (--replace).
    Python's cyclic garbage collector is paused meanwhile (see :func:`~sundhedsgraf.speed.gc_paused`:
    its full collections walk the whole model and every row again and again)."""
    with gc_paused():
        return _load_graph(
            model,
            graph,
            replace=replace,
            batch_size=batch_size,
            progress=progress,
            notify=notify,
            allow_loss=allow_loss,
        )


# the loader's own reads of the whole graph: no ad hoc query, and a national-scale graph is large
_LOADER_READ_TIMEOUT = 600.0


def _what_disappears(graph, report: LoadReport, node_groups: dict, rel_groups: dict) -> None:
    """Fill ``report``'s removed/added counts: the replaced graph against the model, by id."""
    from ..queries import statement

    model_nodes = {r["id"] for rows in node_groups.values() for r in rows}
    model_rels = {r["id"] for rows in rel_groups.values() for r in rows}
    held_nodes = Counter(r["id"] for r in graph.run_read(statement("node_ids"), timeout=_LOADER_READ_TIMEOUT))
    held_rels = Counter(
        r["id"] for r in graph.run_read(statement("relationship_ids"), timeout=_LOADER_READ_TIMEOUT)
    )
    report.removed_nodes = sum(n if i not in model_nodes else n - 1 for i, n in held_nodes.items())
    report.removed_relationships = sum(n if i not in model_rels else n - 1 for i, n in held_rels.items())
    report.added_nodes = len(model_nodes - set(held_nodes))
    report.added_relationships = len(model_rels - set(held_rels))
    labels = _counts(graph.run_read(statement("counts_by_label")), "label", "nodes")
    types = _counts(graph.run_read(statement("counts_by_type")), "type", "relationships")
    report.fewer_by_label = {
        k: v - report.nodes.get(k, 0) for k, v in sorted(labels.items()) if v > report.nodes.get(k, 0)
    }
    report.fewer_by_type = {
        k: v - report.relationships.get(k, 0)
        for k, v in sorted(types.items())
        if v > report.relationships.get(k, 0)
    }


def describe_loss(report: LoadReport) -> str:
    """What a replace removes, in words: "87 nodes and 261 relationships (Gap 57, MEMBER_OF 200, …)"."""
    by = {**report.fewer_by_label, **report.fewer_by_type}
    top = sorted(by.items(), key=lambda kv: -kv[1])[:6]
    detail = f" ({', '.join(f'{k} {v}' for k, v in top)}{', …' if len(by) > 6 else ''})" if top else ""
    return f"{report.removed_nodes} nodes and {report.removed_relationships} relationships{detail}"


def _load_graph(model, graph, *, replace, batch_size, progress, notify, allow_loss=True) -> LoadReport:
    from ..db.connection import cast_literal
    from ..queries import statement

    if batch_size is None:
        batch_size = REPLACE_BATCH_SIZE if replace else BATCH_SIZE
    t0 = time.monotonic()
    report = LoadReport(replaced=replace, target=graph.where)

    def phase(name: str) -> None:  # the seconds since the previous phase ended
        report.phases[name] = time.monotonic() - t0 - sum(report.phases.values())

    node_groups = node_rows(model)
    rel_groups = relationship_groups(model)  # rows are made batch by batch (beside the server, on --replace)
    total = sum(map(len, node_groups.values())) + sum(map(len, rel_groups.values()))
    phase("rows")
    for labels, rows in node_groups.items():
        for lab in labels:
            report.nodes[lab] = report.nodes.get(lab, 0) + len(rows)
    for (rtype, _, _), rows in rel_groups.items():
        report.relationships[rtype] = report.relationships.get(rtype, 0) + len(rows)

    lock = graph.server.load_lock() if graph.server is not None else contextlib.nullcontext()
    with lock:
        if replace:
            _what_disappears(graph, report, node_groups, rel_groups)
            removed = report.removed_nodes + report.removed_relationships
            added = report.added_nodes + report.added_relationships
            if removed > added and not allow_loss:
                raise LoadError(
                    f"load --replace would remove {describe_loss(report)} that the model does not have, and "
                    f"add only {added}: nothing was written. Check the model (an emptied fact file?), or "
                    f"run `sundhedsgraf load --replace --yes` to replace anyway."
                )
            if removed and notify:
                notify(f"--replace removes {describe_loss(report)} that the model does not have.")
            phase("compared")
        try:
            report.constraints_created = ensure_constraints(graph, model.schema, notify)
        except LoadError:
            if not replace:
                raise
            report.constraints_created = []  # existing data violates one: created after the replace
            deferred = True
        else:
            deferred = False
        step = "starting the transaction"
        done = 0

        def advance(n: int) -> None:  # n more nodes or relationships written and checked
            nonlocal done
            done += n
            if progress:
                progress(done, total)

        try:
            phase("constraints")
            with graph.write_transaction() as tx:
                if replace:
                    step = "emptying the database (--replace)"
                    tx.run(statement("clear_database")).consume()
                element_ids: dict[str, str] = {}  # --replace: node id -> element id
                for labels, rows in node_groups.items():
                    if replace:
                        keys = row_keys(rows)
                        stmt = cast_literal(create_node_statement(labels, keys))
                    else:
                        stmt = cast_literal(node_statement(labels))
                    for i, batch in enumerate(batches(rows, batch_size), 1):
                        step = f"nodes {':'.join(labels)} (batch {i})"
                        if replace:
                            created = tx.run(stmt, rows=positional_rows(batch, keys)).single()["created"]
                            element_ids.update(created)
                            written = len(created)
                        else:
                            written = tx.run(stmt, rows=_Batch(batch)).single()["written"]
                        if written != len(batch):
                            raise LoadError(f"{step}: wrote {written} of {len(batch)} nodes")
                        advance(len(batch))
                node_ids = {r["id"] for rows in node_groups.values() for r in rows}
                batches_of = (
                    _prefetched_batches(rel_groups, batch_size, element_ids)
                    if replace
                    else _merge_batches(rel_groups, batch_size)
                )
                with contextlib.closing(batches_of) as work:
                    for (rtype, sl, el), keys, i, batch, packed, missing in work:
                        step = f"relationships {rtype} (batch {i})"
                        if (
                            replace
                        ):  # the database holds exactly the model's nodes: a missing endpoint is not one
                            if not missing:
                                stmt = cast_literal(create_relationship_statement(rtype, keys))
                                written = tx.run(stmt, rows=packed).single()["written"]
                                if written != len(batch):
                                    raise _unmatched(batch, written, step)
                                advance(len(batch))
                                continue
                        else:
                            stmt = cast_literal(relationship_statement(rtype, sl, el))
                            got = {rec["id"] for rec in tx.run(stmt, rows=_Batch(batch))}
                            missing = [r for r in batch if r["id"] not in got]
                        if missing:
                            r = missing[0]
                            raise LoadError(
                                f"relationship {r['id']!r}: its endpoint {r['start']!r} or {r['end']!r} is not "
                                f"in the database ({len(missing)} relationship(s) of this batch unmatched); "
                                f"the load was rolled back, the database is as it was before."
                            )
                        advance(len(batch))
                if not replace:  # after --replace the database holds the model and nothing else
                    step = "counting"
                    rel_ids = {r["id"] for rows in rel_groups.values() for r in rows}
                    # every id, compared here: `NOT n.id IN $ids` costs ids x nodes on ArcadeDB
                    held_nodes = Counter(rec["id"] for rec in tx.run(statement("node_ids")))
                    report.other_nodes = sum(n for nid, n in held_nodes.items() if nid not in node_ids)
                    twice = sorted(nid for nid, n in held_nodes.items() if n > 1 and nid in node_ids)
                    if twice:  # a merge finds a node by label and id: a changed label makes a second one
                        raise LoadError(
                            f"node id {twice[0]!r} is held by {held_nodes[twice[0]]} nodes after this load "
                            f"({len(twice)} id(s) so): its label changed since the database was loaded, and "
                            f"the node with the old label is still there. The load was rolled back, the "
                            f"database is as it was before: load with --replace."
                        )
                    held = Counter(rec["id"] for rec in tx.run(statement("relationship_ids")))
                    report.other_relationships = sum(n for rid, n in held.items() if rid not in rel_ids)
                    twice = sorted(rid for rid, n in held.items() if n > 1 and rid in rel_ids)
                    if twice:  # a merge cannot match a relationship whose type or endpoints changed
                        raise LoadError(
                            f"relationship id {twice[0]!r} is held by {held[twice[0]]} relationships after this "
                            f"load ({len(twice)} id(s) so): its type or an endpoint changed since the database "
                            f"was loaded, and the old one is still there. The load was rolled back, the "
                            f"database is as it was before: load with --replace."
                        )
                step = "committing"
                phase("write")
        except LoadError:
            _drop_constraints(graph, report.constraints_created)
            raise
        except SundhedsgrafError as e:
            _drop_constraints(graph, report.constraints_created)
            code = getattr(e.__cause__, "code", None) or ""
            hint = (
                " A node left from another load holds that value (an id renamed?): load with --replace."
                if code == "Neo.ClientError.Schema.ConstraintValidationFailed" and not replace
                else ""
            )
            raise LoadError(
                f"the load failed at {step}: {e}. It was rolled back: the database is as it was before.{hint}"
            ) from e
        except BaseException:
            _drop_constraints(graph, report.constraints_created)
            raise
        phase("commit")
        if deferred:
            report.constraints_created = ensure_constraints(graph, model.schema, notify)
        report.constraints_dropped = retire_constraints(graph, model.schema, notify)
        report.indexes_created = ensure_indexes(graph, model.schema, notify)
        phase("constraints_after")
    report.database_nodes = _counts(graph.run_read(statement("counts_by_label")), "label", "nodes")
    report.database_relationships = _counts(
        graph.run_read(statement("counts_by_type")), "type", "relationships"
    )
    phase("counts")
    report.seconds = time.monotonic() - t0
    return report
