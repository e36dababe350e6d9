"""Facts in, graph out: the validated model as rows, then one ``UNWIND $rows AS row MERGE …``
statement per label and per relationship type, in batches, in ONE transaction.

The functions that turn the model into rows and statements are pure (no database), so they are
tested on their own; :func:`load_graph` runs them against a :class:`~sundhedsgraf.db.connection.Graph`.

* **Rows.** A node row is ``{"id", "props"}``, a relationship row ``{"id", "start", "end",
  "props"}``. ``props`` holds every property, ``id`` and ``name``, and the sources flattened to the
  parallel lists ``source_documents``, ``source_quotes``, ``source_urls`` and ``source_notes``
  (Neo4j has no map properties; entry *i* of each list is source *i*, ``""`` where it has none).
* **Identifiers.** Labels and relationship types come only from ``schema.yaml`` and pass
  :func:`quote_identifier`. Values only ever travel as parameters.
* **Idempotent.** ``MERGE`` on ``id`` then ``SET n = row.props`` (not ``+=``): a second load of the
  same model gives the same graph, and a property removed from the facts disappears.
* **All or nothing.** Nodes and relationships are written in one explicit transaction; any failure
  (a constraint, an endpoint that is not there, a lost connection) rolls it back. Constraints are
  schema statements and run before it, each on its own; those this load created are dropped again
  if the load fails, so the database is as it was before.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import LoadError, SundhedsgrafError

SOURCE_KEYS = ("source_documents", "source_quotes", "source_urls", "source_notes")
BATCH_SIZE = 500


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
    kind: str  # "node" or "relationship"


def constraint_statements(schema: dict) -> list[Constraint]:
    """One uniqueness constraint per ``unique: true`` property of a label, named
    ``<Label>_<property>_unique``, plus ``<TYPE>_id_unique`` on every relationship type's ``id``
    (relationship ids are unique in the model; the constraint also gives MERGE its index)."""
    out = []
    for label, spec in (schema.get("labels") or {}).items():
        for prop, pspec in ((spec or {}).get("properties") or {}).items():
            if (pspec or {}).get("unique"):
                name = f"{label}_{prop}_unique"
                out.append(Constraint(name, (
                    f"CREATE CONSTRAINT {quote_identifier(name)} IF NOT EXISTS "
                    f"FOR (n:{quote_identifier(label)}) REQUIRE n.{quote_identifier(prop)} IS UNIQUE"), "node"))
    for rtype in schema_types(schema):
        name = f"{rtype}_id_unique"
        out.append(Constraint(name, (
            f"CREATE CONSTRAINT {quote_identifier(name)} IF NOT EXISTS "
            f"FOR ()-[r:{quote_identifier(rtype)}]-() REQUIRE r.`id` IS UNIQUE"), "relationship"))
    return out


def drop_constraint_statement(name: str) -> str:
    return f"DROP CONSTRAINT {quote_identifier(name)} IF EXISTS"


# --------------------------------------------------------------------------------------------
# rows


def _value(key: str, owner: str, v: Any) -> Any:
    if isinstance(v, (str, bool, int, float)):
        return v
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [_value(key, owner, x) for x in v]
    raise LoadError(f"{owner}: property {key!r} is a {type(v).__name__}; Neo4j properties are text, "
                    f"numbers, booleans or lists of them.")


def flatten_sources(sources: Iterable[dict]) -> dict[str, list[str]]:
    """Sources as parallel lists (Neo4j stores no maps): documents, quotes, urls, notes."""
    cols: dict[str, list[str]] = {k: [] for k in SOURCE_KEYS}
    for s in sources or ():
        cols["source_documents"].append(str(s.get("document") or ""))
        cols["source_quotes"].append(str(s.get("quote") or ""))
        cols["source_urls"].append(str(s.get("url") or ""))
        cols["source_notes"].append(str(s.get("note") or ""))
    return cols if cols["source_documents"] else {}


def _props(item: dict, owner: str, extra: dict) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for key, v in (item.get("properties") or {}).items():
        if v is None or (isinstance(v, (list, tuple)) and not v):
            continue  # Neo4j stores no nulls; an empty list has no element type
        props[key] = _value(key, owner, v)
    props.update(extra)
    props.update(flatten_sources(item.get("sources") or ()))
    return props


def node_rows(model) -> dict[tuple[str, ...], list[dict]]:
    """Node rows grouped by label tuple (schema order), each group sorted by id."""
    known = schema_labels(model.schema)
    groups: dict[tuple[str, ...], list[dict]] = {}
    for node in model.nodes:
        labels = tuple(node.get("labels") or ())
        bad = [lab for lab in labels if lab not in known]
        if not labels or bad:
            raise LoadError(f"node {node.get('id')!r}: label {bad[0] if bad else None!r} is not in schema.yaml; "
                            f"only the schema's labels are loaded.")
        extra = {"id": node["id"]}
        if node.get("name") is not None:
            extra["name"] = node["name"]
        groups.setdefault(labels, []).append({"id": node["id"], "props": _props(node, f"node {node['id']!r}", extra)})
    check_unique(model.schema, groups)
    order = {lab: i for i, lab in enumerate(known)}
    return {k: sorted(groups[k], key=lambda r: r["id"])
            for k in sorted(groups, key=lambda t: [order[lab] for lab in t])}


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
    known = schema_types(model.schema)
    first_label = {n["id"]: (n.get("labels") or [None])[0] for n in model.nodes}
    groups: dict[tuple[str, str | None, str | None], list[dict]] = {}
    for rel in model.relationships:
        rtype = rel.get("type")
        if rtype not in known:
            raise LoadError(f"relationship {rel.get('id')!r}: type {rtype!r} is not in schema.yaml; "
                            f"only the schema's relationship types are loaded.")
        key = (rtype, first_label.get(rel["start"]), first_label.get(rel["end"]))
        groups.setdefault(key, []).append({
            "id": rel["id"], "start": rel["start"], "end": rel["end"],
            "props": _props(rel, f"relationship {rel['id']!r}", {"id": rel["id"]}),
        })
    order = {t: i for i, t in enumerate(known)}
    return {k: sorted(groups[k], key=lambda r: r["id"])
            for k in sorted(groups, key=lambda k: (order[k[0]], k[1] or "", k[2] or ""))}


# --------------------------------------------------------------------------------------------
# statements (generated from schema labels and types only; everything else is a parameter)


def node_statement(labels: tuple[str, ...]) -> str:
    primary = quote_identifier(labels[0])
    extra = "".join(":" + quote_identifier(lab) for lab in labels[1:])
    set_extra = f" SET n{extra}" if extra else ""
    return (f"UNWIND $rows AS row MERGE (n:{primary} {{id: row.id}}) SET n = row.props{set_extra} "
            f"RETURN count(n) AS written")


def relationship_statement(rtype: str, start_label: str | None, end_label: str | None) -> str:
    def endpoint(var: str, label: str | None, key: str) -> str:
        lab = f":{quote_identifier(label)}" if label else ""
        return f"({var}{lab} {{id: row.{key}}})"

    return (f"UNWIND $rows AS row MATCH {endpoint('a', start_label, 'start')} "
            f"MATCH {endpoint('b', end_label, 'end')} "
            f"MERGE (a)-[r:{quote_identifier(rtype)} {{id: row.id}}]->(b) SET r = row.props "
            f"RETURN row.id AS id")


def generated_statements(schema: dict) -> dict[str, str]:
    """Every statement the loader can generate for this schema (for the linter test)."""
    out = {f"constraint {c.name}": c.statement for c in constraint_statements(schema)}
    labels = schema_labels(schema)
    for lab in labels:
        out[f"nodes {lab}"] = node_statement((lab,))
    if len(labels) > 1:
        out["nodes (two labels)"] = node_statement((labels[0], labels[1]))
    for t in schema_types(schema):
        out[f"relationships {t}"] = relationship_statement(t, labels[0], labels[-1])
    if schema_types(schema):
        out["relationships (endpoints without label)"] = relationship_statement(schema_types(schema)[0], None, None)
    return out


def batches(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


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
    replaced: bool = False
    other_nodes: int = 0
    other_relationships: int = 0
    seconds: float = 0.0
    target: str = ""

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
            "seconds": round(self.seconds, 3),
        }


def ensure_constraints(graph, schema: dict, notify: Callable[[str], None] | None = None) -> list[str]:
    """Create the schema's constraints (IF NOT EXISTS); the names of those actually added."""
    from ..db.connection import cast_literal

    created = []
    for c in constraint_statements(schema):
        try:
            counters = graph.run_write(cast_literal(c.statement))
        except SundhedsgrafError as e:
            if c.kind == "relationship":  # Neo4j before 5.7 has no relationship constraints
                if notify:
                    notify(f"constraint {c.name} not created ({e}); relationships are merged without it.")
                continue
            raise LoadError(
                f"could not create constraint {c.name} ({e}); if existing data violates it, load with "
                f"--replace. Nothing was loaded."
            ) from e
        if getattr(counters, "constraints_added", 0):
            created.append(c.name)
    return created


def _drop_constraints(graph, names: list[str]) -> None:
    from ..db.connection import cast_literal

    for name in names:
        with contextlib.suppress(Exception):
            graph.run_write(cast_literal(drop_constraint_statement(name)))


def _counts(rows: list[dict], key: str, value: str) -> dict[str, int]:
    return {r[key]: r[value] for r in rows}


def load_graph(model, graph, *, replace: bool = False, batch_size: int = BATCH_SIZE,
               progress: Callable[[int, int], None] | None = None,
               notify: Callable[[str], None] | None = None) -> LoadReport:
    """Write ``model`` into ``graph`` (an open Graph) in one transaction; see the module docstring.
    ``progress(done, total)`` is called after each batch. Raises LoadError (the database unchanged)."""
    from ..db.connection import cast_literal
    from ..queries import statement

    t0 = time.monotonic()
    node_groups = node_rows(model)
    rel_groups = relationship_rows(model)
    total = sum(map(len, node_groups.values())) + sum(map(len, rel_groups.values()))
    report = LoadReport(replaced=replace, target=graph.where)
    for labels, rows in node_groups.items():
        for lab in labels:
            report.nodes[lab] = report.nodes.get(lab, 0) + len(rows)
    for (rtype, _, _), rows in rel_groups.items():
        report.relationships[rtype] = report.relationships.get(rtype, 0) + len(rows)

    lock = graph.server.load_lock() if graph.server is not None else contextlib.nullcontext()
    with lock:
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
        try:
            with graph.write_transaction() as tx:
                if replace:
                    step = "emptying the database (--replace)"
                    tx.run(statement("clear_database")).consume()
                for labels, rows in node_groups.items():
                    for i, batch in enumerate(batches(rows, batch_size), 1):
                        step = f"nodes {':'.join(labels)} (batch {i})"
                        written = tx.run(cast_literal(node_statement(labels)), rows=batch).single()["written"]
                        if written != len(batch):
                            raise LoadError(f"{step}: wrote {written} of {len(batch)} nodes")
                        done += len(batch)
                        if progress:
                            progress(done, total)
                for (rtype, sl, el), rows in rel_groups.items():
                    for i, batch in enumerate(batches(rows, batch_size), 1):
                        step = f"relationships {rtype} (batch {i})"
                        stmt = cast_literal(relationship_statement(rtype, sl, el))
                        got = {rec["id"] for rec in tx.run(stmt, rows=batch)}
                        missing = [r for r in batch if r["id"] not in got]
                        if missing:
                            r = missing[0]
                            raise LoadError(
                                f"relationship {r['id']!r}: its endpoint {r['start']!r} or {r['end']!r} is not "
                                f"in the database ({len(missing)} relationship(s) of this batch unmatched); "
                                f"the load was rolled back, the database is as it was before."
                            )
                        done += len(batch)
                        if progress:
                            progress(done, total)
                step = "counting"
                node_ids = [r["id"] for rows in node_groups.values() for r in rows]
                rel_ids = [r["id"] for rows in rel_groups.values() for r in rows]
                report.other_nodes = tx.run(statement("nodes_not_in"), ids=node_ids).single()["nodes"]
                report.other_relationships = tx.run(
                    statement("relationships_not_in"), ids=rel_ids).single()["relationships"]
                step = "committing"
        except LoadError:
            _drop_constraints(graph, report.constraints_created)
            raise
        except SundhedsgrafError as e:
            _drop_constraints(graph, report.constraints_created)
            code = getattr(e.__cause__, "code", None) or ""
            hint = (" A node left from an earlier load holds that value (an id renamed?): load with --replace."
                    if code == "Neo.ClientError.Schema.ConstraintValidationFailed" and not replace else "")
            raise LoadError(
                f"the load failed at {step}: {e}. It was rolled back: the database is as it was before.{hint}"
            ) from e
        except BaseException:
            _drop_constraints(graph, report.constraints_created)
            raise
        if deferred:
            report.constraints_created = ensure_constraints(graph, model.schema, notify)
    report.database_nodes = _counts(graph.run_read(statement("counts_by_label")), "label", "nodes")
    report.database_relationships = _counts(graph.run_read(statement("counts_by_type")), "type", "relationships")
    report.seconds = time.monotonic() - t0
    return report
