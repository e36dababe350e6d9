"""The one Schema object, and the JSON Schema of a facts file generated from it.

:class:`Schema` reads ``model/schema.yaml`` once and answers what the compiler, the loader and the
maps ask of it: the labels, the relationship types, the property specs of each (common properties
included) and the allowed endpoints. It is a read-only mapping of the YAML as well, so code that
indexes ``schema["labels"]`` keeps working.

:func:`json_schema` describes a facts file (``model/facts/*.yaml``) as a JSON Schema (draft-07, the
dialect editors support best): ``enum`` for labels, relationship types and enum properties, the
description of every property from schema.yaml, and the shape of every rule check kind. The
committed copy ``model/facts.schema.json`` is what a YAML editor reads from each facts file's
``# yaml-language-server: $schema=../facts.schema.json`` line, for completion and errors as one
types; ``load_model`` validates every facts file against the schema generated from the model's
own schema.yaml, and :func:`explain` turns each error into one line naming the fix.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any, TypedDict

#: the committed JSON Schema, in model/, and the line naming it on top of every facts file
FACTS_SCHEMA_FILE = "facts.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema=../{FACTS_SCHEMA_FILE}"

PROPERTY_TYPES = ("string", "integer", "number", "boolean", "date", "enum", "list", "ref")
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
URL_PATTERN = r"^https?://"

#: keys of a facts entry that the compiler reads itself; every other key of a node or relationship
#: is a property of its label or type
NODE_KEYS = ("id", "label", "name", "sources", "period_sources", "part_of", "in", "extends")
REL_KEYS = ("id", "type", "start", "end", "sources", "period_sources")
#: properties the compiler computes (from the sources, the documents' dates and each document's
#: cadence); a facts file never sets them
COMPILED = (
    "attested_from",
    "last_attested",
    "period_documents",
    "period_quotes",
    "meetings_history",
    "attested_dates",
)
#: properties a file's defaults may not set: a period is each fact's own, given by its own quotes
NOT_DEFAULTS = ("valid_from", "valid_to", "period_confidence", "validity_basis", *COMPILED)
GAP_KEYS = (
    "id",
    "gap_type",
    "name",
    "description",
    "concerns",
    "sources",
    "status",
    "valid_from",
    "valid_to",
    "note",
)
RULE_KEYS = ("id", "name", "description", "applies_to", "sources", "check", "status", "note")
TOP_KEYS = ("document", "defaults", "empty", "nodes", "relationships", "gaps", "rules")
#: the whole numbers the databases store (64-bit, as Neo4j and ArcadeDB do): a larger one fails the load
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


class PropertySpec(TypedDict, total=False):
    """A property of model/schema.yaml: its type and, per type, the allowed values or labels."""

    type: str
    values: list
    required: bool
    unique: bool
    default: Any
    description: str
    to: list[str]
    popolo: str
    minimum: float
    maximum: float


def _close(word: object, choices: Iterable[str], n: int = 3) -> str:
    """' Did you mean …?' for the choices nearest to ``word`` ('' when none is near)."""
    choices = [str(c) for c in choices]
    found = difflib.get_close_matches(str(word), choices, n=n, cutoff=0.6)
    if not found:
        low = str(word).lower()
        found = [c for c in choices if low and (low in c.lower() or c.lower() in low)][:n]
    return (" Did you mean " + ", ".join(f"'{f}'" for f in found) + "?") if found else ""


# --------------------------------------------------------------------------------------------
# JSON Schema pieces shared by the facts schema and the schemas of the other model files

_ID = {"type": "string", "minLength": 1}
_IDS = {"type": "array", "items": _ID, "minItems": 1}
_DATE = {"type": "string", "pattern": DATE_PATTERN, "description": "A date, YYYY-MM-DD."}
_TEXT = {"type": "string"}


def _id(description: str) -> dict:
    return {**_ID, "description": description}


def _ids(description: str) -> dict:
    return {**_IDS, "description": description}


def _id_or_ids(description: str) -> dict:
    return {"description": description, "anyOf": [_ID, _IDS]}


_EXPECT = {
    "type": "object",
    "description": "One expected membership: {member | role | office_type, seats, municipalities}.",
    "properties": {
        "member": _id("The member's node id."),
        "role": {**_TEXT, "description": "The role of the membership (formand, medlem…)."},
        "office_type": {
            "type": ["string", "null"],
            "description": "The office type (a key of model/offices.yaml) of the members; null: members without one.",
        },
        "seats": {
            "type": "integer",
            "minimum": 0,
            "description": "How many seats these memberships add up to.",
        },
        "municipalities": _id_or_ids("A region id or the municipality ids the members come from."),
        "exact": {"type": "boolean", "description": "Only these members."},
    },
    "additionalProperties": False,
}
_SIDE = {
    "type": "object",
    "description": "{member: ID} or {forum: ID, role: ROLE}",
    "properties": {
        "member": _id("A member (office) node id."),
        "forum": _id("A forum id; the side is the holder of `role` in it."),
        "role": {**_TEXT, "description": "The role in `forum` (formand, næstformand…)."},
    },
    "additionalProperties": False,
    "anyOf": [{"required": ["member"]}, {"required": ["forum", "role"]}],
}

#: every rule check kind: what it checks, the keys it needs and the shape of each key
CHECK_KINDS: dict[str, dict] = {
    "composition": {
        "description": "The forum's memberships on `at` are the ones `expect` lists.",
        "required": ["forum", "expect"],
        "properties": {
            "forum": _id("The forum whose memberships are checked."),
            "expect": {
                "type": "array",
                "minItems": 1,
                "items": _EXPECT,
                "description": "The expected memberships.",
            },
        },
    },
    "seats_per_body": {
        "description": "Each of `bodies` holds `seats` seats in the forum.",
        "required": ["forum", "bodies", "seats"],
        "properties": {
            "forum": _id("The forum whose seats are counted."),
            "bodies": _ids("The bodies (node ids) that each hold `seats` seats."),
            "seats": {"type": "integer", "minimum": 0, "description": "Seats per body."},
        },
    },
    "one_per_body": {
        "description": "The forum has exactly one member from each of `bodies`.",
        "required": ["forum", "bodies"],
        "properties": {
            "forum": _id("The forum whose members are counted."),
            "bodies": _ids("The bodies (node ids) that each send one member."),
        },
    },
    "same_municipality": {
        "description": "The holders of `a` and `b` come from the same municipality (the mirror principle).",
        "required": ["a", "b"],
        "properties": {"a": _SIDE, "b": _SIDE},
    },
    "same_members": {
        "description": "Fora `a` and `b` have the same members in the same roles.",
        "required": ["a", "b"],
        "properties": {"a": _id("A forum id."), "b": _id("Another forum id.")},
    },
    "seat_count": {
        "description": "The forum has `seats` seats in all (each seat once, whatever roles it carries), "
        "counting only the memberships that match the optional filters.",
        "required": ["forum", "seats"],
        "properties": {
            "forum": _id("The forum whose seats are counted."),
            "seats": {"type": "integer", "minimum": 0, "description": "The number the document states."},
            "office_level": {
                "enum": ["political", "administrative", "secretariat"],
                "description": "Count only members holding offices of this level.",
            },
            "office_type": {
                "type": "string",
                "description": "Count only offices of this type (offices.yaml).",
            },
            "member_kind": {
                "type": "string",
                "description": "Count only members of this label (Office, Forum…).",
            },
            "on_behalf_of_kind": {
                "type": "string",
                "description": "Count only memberships on behalf of a node of this label (Municipality…).",
            },
        },
    },
    "meetings": {
        "description": "The forum meets `meetings_per_year` (to `meetings_per_year_max`) times a year on the date.",
        "required": ["forum", "meetings_per_year"],
        "properties": {
            "forum": _id("The forum whose cadence is checked."),
            "meetings_per_year": {
                "type": "integer",
                "minimum": 0,
                "maximum": 365,
                "description": "As the document states it.",
            },
            "meetings_per_year_max": {
                "type": "integer",
                "minimum": 0,
                "maximum": 365,
                "description": "The upper bound of a range.",
            },
        },
    },
    "group_sizes": {
        "description": "Each of `bodies` has between `min` and `max` member municipalities, `total` in all.",
        "required": ["bodies"],
        "properties": {
            "bodies": _ids("The groups (node ids) whose municipal members are counted."),
            "min": {"type": "integer", "minimum": 0, "description": "Fewest municipalities per group."},
            "max": {"type": "integer", "minimum": 0, "description": "Most municipalities per group."},
            "total": {"type": "integer", "minimum": 0, "description": "Municipalities in all groups."},
        },
    },
}


def _check_schema() -> dict:
    kinds = list(CHECK_KINDS)
    branches = []
    for kind, spec in CHECK_KINDS.items():
        branches.append(
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": {
                    "required": ["kind", *spec["required"]],
                    "properties": {
                        "kind": {"const": kind, "description": spec["description"]},
                        "at": {
                            **_DATE,
                            "description": "The date the rule is checked on (default: the dates its sources attest it).",
                        },
                        **spec["properties"],
                    },
                    "additionalProperties": False,
                },
            }
        )
    return {
        "type": "object",
        "description": "The machine check of the rule: {kind, …}; the keys depend on the kind.",
        "required": ["kind"],
        "properties": {
            "kind": {
                "enum": kinds,
                "description": "; ".join(f"{k}: {v['description']}" for k, v in CHECK_KINDS.items()),
            },
            "at": {
                **_DATE,
                "description": "The date the rule is checked on (default: the dates its sources attest it).",
            },
        },
        "allOf": branches,
    }


# --------------------------------------------------------------------------------------------
# the schemas of schema.yaml, sources.yaml and offices.yaml themselves

_PROPERTY_SPEC = {
    "type": "object",
    "description": "{type, description, required, values (enum), to (ref)}",
    "properties": {
        "type": {"enum": list(PROPERTY_TYPES)},
        "values": {"type": "array", "minItems": 1},
        "required": {"type": "boolean"},
        "unique": {"type": "boolean"},
        "description": {"type": ["string", "null"]},
        "popolo": {"type": ["string", "null"]},
        "to": {"type": "array", "items": _ID},
        "minimum": {"type": "number", "description": "The smallest value allowed (integer and number only)."},
        "maximum": {"type": "number", "description": "The largest value allowed (integer and number only)."},
    },
}
_PROPERTIES = {"type": ["object", "null"], "additionalProperties": _PROPERTY_SPEC}
SCHEMA_FILE_SCHEMA: dict = {
    "type": "object",
    "required": ["labels", "relationship_types"],
    "properties": {
        "version": {"type": "integer"},
        "common_properties": _PROPERTIES,
        "sources": {"type": "object"},
        "labels": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "properties": {
                    "properties": _PROPERTIES,
                    "meta": {"type": "boolean"},
                    "description": {"type": ["string", "null"]},
                },
            },
        },
        "relationship_types": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "properties": {
                    "properties": _PROPERTIES,
                    "meta": {"type": "boolean"},
                    "from": {"type": "array", "items": _ID},
                    "to": {"type": "array", "items": _ID},
                    "description": {"type": ["string", "null"]},
                },
            },
        },
    },
}
SOURCES_FILE_SCHEMA: dict = {
    "type": "object",
    "required": ["documents"],
    "properties": {
        "documents": {
            "type": "array",
            "items": {
                "type": "object",
                "description": '{id: "00X", title, file, date, …}',
                "required": ["id", "file"],
                "properties": {
                    "id": {**_ID, "description": 'The document id, quoted ("004").'},
                    "file": _id("The file name in model/sources/."),
                    "title": {"type": ["string", "null"]},
                    "date": {
                        "anyOf": [_DATE, {"type": "null"}],
                        "description": "A date, YYYY-MM-DD, or null.",
                    },
                    "attested": {
                        **_DATE,
                        "description": "The date the document's facts are attested on when it carries no "
                        "date (reasoned: attested_basis says how).",
                    },
                    "attested_basis": {"type": "string", "description": "How `attested` was reasoned."},
                    "attested_until": {
                        **_DATE,
                        "description": "The last day of the period the document describes, where the text "
                        "says it (an election period, a plan's horizon): its facts are attested through it.",
                    },
                    "attested_until_basis": {"type": "string", "description": "Where the text says so."},
                },
            },
        }
    },
}
OFFICES_FILE_SCHEMA: dict = {
    "type": "object",
    "required": ["office_types"],
    "properties": {
        "office_types": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "description": "{title: TITLE, office_level: political | administrative | secretariat}",
                "required": ["title"],
                "properties": {
                    "title": _id("The office title (Sundhedsdirektør…)."),
                    "office_level": {"enum": ["political", "administrative", "secretariat"]},
                },
            },
        }
    },
}


# --------------------------------------------------------------------------------------------


class Schema(Mapping[str, Any]):
    """model/schema.yaml, read once: labels, relationship types, property specs and endpoints.

    Build it with :meth:`read` (which validates the file) or ``Schema(data)`` from parsed YAML."""

    def __init__(self, data: Mapping[str, Any], path: Path | None = None):
        self._data = data
        self.path = path

    # ---- the mapping of the YAML
    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"Schema({len(self.labels)} labels, {len(self.relationship_types)} relationship types)"

    @classmethod
    def read(cls, path: Path, problems) -> Schema | None:
        """The schema in ``path``, or None after adding one line per problem to ``problems``
        (a :class:`sundhedsgraf.lines.Problems`)."""
        from .lines import read_yaml

        data = read_yaml(
            path,
            problems,
            empty="schema.yaml holds nothing; it must define labels and relationship_types "
            "(restore it from the project's model/).",
        )
        if data is None:
            return None
        found = check_shape(data, SCHEMA_FILE_SCHEMA, "schema.yaml")
        if not found:
            found = cls(data, path).semantic_problems()
        for line, msg in found:
            problems.add(path, line, msg)
        return None if found else cls(data, path)

    # ---- answers
    @cached_property
    def labels(self) -> tuple[str, ...]:
        return tuple(self._data.get("labels") or {})

    @cached_property
    def relationship_types(self) -> tuple[str, ...]:
        return tuple(self._data.get("relationship_types") or {})

    @cached_property
    def meta_labels(self) -> frozenset[str]:
        """Labels outside the organisation network (Gap, Rule): maps and network analysis leave them out."""
        return frozenset(k for k, v in self._data["labels"].items() if (v or {}).get("meta"))

    @property
    def common_properties(self) -> dict[str, PropertySpec]:
        return dict(self._data.get("common_properties") or {})

    def label(self, label: str) -> dict:
        return self._data["labels"][label]

    def relationship_type(self, rtype: str) -> dict:
        return self._data["relationship_types"][rtype]

    def node_properties(self, label: str) -> dict[str, PropertySpec]:
        """The properties a node of ``label`` may carry: the common ones, then the label's own."""
        return self._props("labels", label)

    def relationship_properties(self, rtype: str) -> dict[str, PropertySpec]:
        """The properties a relationship of ``rtype`` may carry: the common ones, then the type's own."""
        return self._props("relationship_types", rtype)

    def _props(self, group: str, name: str) -> dict[str, PropertySpec]:
        cache = self.__dict__.setdefault("_props_cache", {})
        if (group, name) not in cache:
            spec = self.common_properties
            spec.update(self._data[group][name].get("properties") or {})
            cache[(group, name)] = spec
        return cache[(group, name)]

    def endpoints(self, rtype: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The labels allowed at the start and at the end of ``rtype`` (empty: any label)."""
        spec = self.relationship_type(rtype)
        return tuple(spec.get("from") or ()), tuple(spec.get("to") or ())

    def allows(self, rtype: str, start_label: str, end_label: str) -> bool:
        starts, ends = self.endpoints(rtype)
        return (not starts or start_label in starts) and (not ends or end_label in ends)

    def property_keys(self) -> list[str]:
        """Every property name the schema declares, sorted."""
        keys = set(self.common_properties)
        for group in ("labels", "relationship_types"):
            for spec in self._data[group].values():
                keys.update((spec or {}).get("properties") or {})
        return sorted(keys)

    # ---- the schema's own consistency (after its shape passed SCHEMA_FILE_SCHEMA)
    def semantic_problems(self) -> list[tuple[int, str]]:
        from .lines import line_of

        out: list[tuple[int, str]] = []
        labels = set(self.labels)

        def props(owner: str, block) -> None:
            for key, spec in (block or {}).items():
                where = line_of(spec) or line_of(block)
                t = spec.get("type", "string")
                if t == "enum" and not spec.get("values"):
                    out.append(
                        (
                            where,
                            f"{owner}: property '{key}' is an enum without 'values'; list them: values: [a, b].",
                        )
                    )
                out.extend(
                    (
                        where,
                        f"{owner}: property '{key}' refers to unknown label '{lab}'.{_close(lab, labels)}",
                    )
                    for lab in spec.get("to") or []
                    if lab not in labels
                )
                bounds = [b for b in ("minimum", "maximum") if b in spec]
                if bounds and t not in ("integer", "number"):
                    out.append(
                        (
                            where,
                            f"{owner}: property '{key}' is of type {t}, which has no {bounds[0]}; "
                            "bound only integer and number properties.",
                        )
                    )
                elif len(bounds) == 2 and spec["minimum"] > spec["maximum"]:
                    out.append(
                        (
                            where,
                            f"{owner}: property '{key}' has minimum {spec['minimum']} above maximum "
                            f"{spec['maximum']}; swap them.",
                        )
                    )
                if "default" in spec and t != "enum" and not _default_fits(spec):
                    out.append(
                        (
                            where,
                            f"{owner}: property '{key}' defaults to {spec['default']!r}, which is not a "
                            f"valid {t}; give a default of that type or none.",
                        )
                    )
                if t == "enum" and "default" in spec and spec["default"] not in (spec.get("values") or []):
                    out.append(
                        (
                            where,
                            f"{owner}: property '{key}' defaults to '{spec['default']}', not one of {spec.get('values')}.",
                        )
                    )

        props("common_properties", self._data.get("common_properties"))
        for name, spec in self._data["labels"].items():
            props(f"label '{name}'", spec.get("properties"))
        for name, spec in self._data["relationship_types"].items():
            props(f"relationship type '{name}'", spec.get("properties"))
            out.extend(
                (
                    line_of(spec),
                    f"relationship type '{name}': '{side}' names unknown label '{lab}'.{_close(lab, labels)}",
                )
                for side in ("from", "to")
                for lab in spec.get(side) or []
                if lab not in labels
            )
        return out

    # ---- the JSON Schema of a facts file
    @cached_property
    def facts_check(self):
        """Whether a facts file is valid against :func:`json_schema`: a fast yes/no (see jsoncheck)."""
        from .jsoncheck import compile_check

        return compile_check(json_schema(self))

    @cached_property
    def facts_validator(self):
        """A jsonschema validator of facts files for this schema (built once, when a file needs explaining)."""
        import jsonschema

        return jsonschema.Draft7Validator(json_schema(self))


def _property_json(spec: Mapping) -> dict:
    """The JSON Schema of one property value (null means absent, so it is always allowed)."""
    t = spec.get("type", "string")
    desc = str(spec.get("description") or "").strip()
    if spec.get("required"):
        desc = (desc + " Required (here or in the file's defaults).").strip()
    out: dict[str, Any]
    if t == "enum":
        out = {"enum": [*(spec.get("values") or []), None]}
    elif t == "date":
        out = {"type": ["string", "null"], "pattern": DATE_PATTERN}
        desc = (desc + " YYYY-MM-DD.").strip()
    elif t == "list":
        out = {"type": ["array", "null"], "items": {"type": ["string", "number"]}}
    elif t == "ref":
        out = {"type": ["string", "null"], "minLength": 1}
        if spec.get("to"):
            desc = (desc + f" The id of a {' or '.join(spec['to'])} node.").strip()
    else:
        out = {
            "type": [
                {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}.get(
                    t, "string"
                ),
                "null",
            ]
        }
        if t in ("integer", "number"):
            low, high = value_range(spec)
            if low is not None:
                out["minimum"] = low
            if high is not None:
                out["maximum"] = high
    if desc:
        out["description"] = desc
    return out


def _default_fits(spec: Mapping) -> bool:
    """Whether a property's default is a value of its type (and range): the compiler gives it to
    every fact that lacks the property, unchecked."""
    import datetime as _dt

    from .jsoncheck import compile_check

    value = spec["default"]
    if value is None:
        return True
    if spec.get("type") == "date":
        try:
            _dt.date.fromisoformat(str(value))
        except ValueError:
            return False
    if isinstance(value, float) and value != value:  # NaN passes a JSON Schema bound
        return False
    return compile_check(_property_json(spec))(value)


def value_range(spec: Mapping) -> tuple[float | None, float | None]:
    """The bounds of an integer or number property: schema.yaml's minimum / maximum, and for whole
    numbers never beyond what the database stores (a number may be a larger float)."""
    low, high = spec.get("minimum"), spec.get("maximum")
    if spec.get("type") == "integer":
        low = INT64_MIN if low is None else max(low, INT64_MIN)
        high = INT64_MAX if high is None else min(high, INT64_MAX)
    return low, high


def _entry_props(specs: Mapping[str, Mapping], skip: Iterable[str] = ("id", "name")) -> dict:
    return {k: _property_json(v) for k, v in specs.items() if k not in {*skip, *COMPILED}}


def json_schema(schema: Schema | None = None) -> dict:
    """The JSON Schema (draft-07) of a facts file for ``schema`` (default: the project's model/schema.yaml)."""
    if schema is None:
        schema = default_schema()
    labels, rtypes = list(schema.labels), list(schema.relationship_types)
    endpoint_description = (
        "A node id, or an office in a municipality: {office: KEY, municipality: ID} or "
        "{office: KEY, municipalities: [IDS] | REGION} (KEY from model/offices.yaml)."
    )
    endpoint = {"description": endpoint_description, "anyOf": [_ID, {"$ref": "#/definitions/office_ref"}]}
    node_base = {
        "id": _id("Stable, unique node id (kebab-case)."),
        "label": {
            "type": "string",
            "enum": labels,
            "description": "The kind of node (a label of model/schema.yaml).",
        },
        "name": {"type": "string", "minLength": 1, "description": "The name as the source writes it."},
        "sources": {"$ref": "#/definitions/sources"},
        "period_sources": {"$ref": "#/definitions/period_sources"},
        "part_of": _id_or_ids("Ids of the nodes this one is part of (a PART_OF relationship each)."),
        "in": {
            **endpoint,
            "description": "Where an Office is held (a HOLDS_OFFICE_IN relationship): "
            + endpoint_description,
        },
    }
    node_branches = []
    for label in labels:
        spec = schema.label(label)
        node_branches.append(
            {
                "if": {"properties": {"label": {"const": label}}, "required": ["label"]},
                "then": {
                    "properties": {
                        **node_base,
                        "label": {"const": label, "description": str(spec.get("description") or "").strip()},
                        **_entry_props(schema.node_properties(label)),
                    },
                    "additionalProperties": False,
                },
            }
        )
    every_prop: dict[str, dict] = {}
    for specs in (
        [schema.common_properties]
        + [schema.node_properties(lab) for lab in labels]
        + [schema.relationship_properties(t) for t in rtypes]
    ):
        for key, value in _entry_props(specs).items():
            if key in every_prop and every_prop[key] != value:  # different shapes per label: describe only
                every_prop[key] = {
                    "description": every_prop[key].get("description") or value.get("description", "")
                }
            else:
                every_prop.setdefault(key, value)
    extends = {
        "type": "object",
        "description": "Adds sources (and properties it lacks) to a node defined in another file.",
        "required": ["extends", "sources"],
        "properties": {
            "extends": _id("The id of the node this entry adds to."),
            "name": {
                "type": "string",
                "description": "The node's name (must equal it; other names go in aliases).",
            },
            "sources": {"$ref": "#/definitions/sources"},
            "part_of": node_base["part_of"],
            **{k: v for k, v in every_prop.items() if k not in NODE_KEYS},
        },
        "additionalProperties": False,
    }
    new_node = {
        "type": "object",
        "description": "A node: id, label, name, sources and the label's properties.",
        "required": ["id", "label", "name", "sources"],
        "properties": {k: node_base[k] for k in ("id", "label")},  # the rest per label, below
        "allOf": node_branches,
    }
    rel_base = {
        "id": _id("Optional relationship id (default TYPE:start->end)."),
        "type": {
            "type": "string",
            "enum": rtypes,
            "description": "The relationship type (model/schema.yaml).",
        },
        "start": endpoint,
        "end": endpoint,
        "sources": {"$ref": "#/definitions/sources"},
        "period_sources": {"$ref": "#/definitions/period_sources"},
    }
    rel_branches = []
    for rtype in rtypes:
        spec = schema.relationship_type(rtype)
        starts, ends = schema.endpoints(rtype)
        desc = str(spec.get("description") or "").strip()
        desc += f" From {' | '.join(starts) or 'any'} to {' | '.join(ends) or 'any'}."
        rel_branches.append(
            {
                "if": {"properties": {"type": {"const": rtype}}, "required": ["type"]},
                "then": {
                    "properties": {
                        **rel_base,
                        "type": {"const": rtype, "description": desc.strip()},
                        **_entry_props(schema.relationship_properties(rtype), skip=()),
                    },
                    "additionalProperties": False,
                },
            }
        )
    gap_spec = schema.node_properties("Gap") if "Gap" in labels else schema.common_properties
    gap = {
        "type": "object",
        "description": "What the documents leave unknown or contradict: a Gap node with CONCERNS relationships.",
        "required": ["id", "gap_type", "name", "description", "concerns", "sources"],
        "properties": {
            "id": _id("Stable, unique gap id (gap-…)."),
            "name": {
                "type": "string",
                "minLength": 1,
                "description": "One line stating the question or contradiction.",
            },
            "concerns": _id_or_ids("Ids of the nodes the gap is about."),
            "sources": {"$ref": "#/definitions/sources"},
            **{k: v for k, v in _entry_props(gap_spec).items() if k in GAP_KEYS},
        },
        "additionalProperties": False,
    }
    rule = {
        "type": "object",
        "description": "A composition rule a document states, with its machine check when it has one.",
        "required": ["id", "name", "sources"],
        "properties": {
            "id": _id("Stable, unique rule id (rule-…)."),
            "name": {"type": "string", "minLength": 1, "description": "One line stating the rule."},
            "description": {"type": ["string", "null"], "description": "The rule in a few sentences."},
            "applies_to": _id_or_ids("Ids of the nodes the rule is about."),
            "check": _check_schema(),
            "sources": {"$ref": "#/definitions/sources"},
            "status": _property_json(schema.common_properties.get("status") or {}),
            "note": {"type": ["string", "null"], "description": "Free-text remark by the modeller."},
        },
        "additionalProperties": False,
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://sundhedsgraf/model/facts.schema.json",
        "title": "sundhedsgraf facts file",
        "description": "A file of model/facts/: nodes, relationships, gaps and rules, each with the passages "
        "that state it. Generated from model/schema.yaml by sundhedsgraf.schema.json_schema(); do not edit.",
        "type": "object",
        "properties": {
            "document": {
                "type": ["string", "null"],
                "description": 'The id of the document the file\'s quotes come from ("004"), or null.',
            },
            "defaults": {
                "type": ["object", "null"],
                "description": "Properties every node and relationship of the file has unless it says otherwise "
                "(never a period: valid_from and valid_to are each fact's own, given by its own quotes).",
                "properties": {k: v for k, v in every_prop.items() if k not in NOT_DEFAULTS},
                "additionalProperties": False,
            },
            "empty": {
                "type": "boolean",
                "description": "true: the file states no facts on purpose (say why in a comment); a file "
                "without facts is otherwise an error.",
            },
            "nodes": {"type": ["array", "null"], "items": {"$ref": "#/definitions/node"}},
            "relationships": {"type": ["array", "null"], "items": {"$ref": "#/definitions/relationship"}},
            "gaps": {"type": ["array", "null"], "items": {"$ref": "#/definitions/gap"}},
            "rules": {"type": ["array", "null"], "items": {"$ref": "#/definitions/rule"}},
        },
        "additionalProperties": False,
        "definitions": {
            "node": {
                "description": "A node, or {extends: ID, sources} to add to one defined elsewhere.",
                "if": {"type": "object", "required": ["extends"]},
                "then": extends,
                "else": new_node,
            },
            "relationship": {
                "type": "object",
                "description": "A relationship: type, start, end, sources and the type's properties.",
                "required": ["type", "start", "end", "sources"],
                "properties": {"type": rel_base["type"]},  # the rest per type, below
                "allOf": rel_branches,
            },
            "gap": gap,
            "rule": rule,
            "office_ref": {
                "type": "object",
                "description": "{office: KEY, municipality: ID} or {office: KEY, municipalities: [IDS] | REGION}",
                "properties": {
                    "office": _id("An office type: a key of model/offices.yaml."),
                    "municipality": _id("A municipality id."),
                    "municipalities": _id_or_ids("A region id (all its municipalities) or municipality ids."),
                },
                "additionalProperties": False,
                "oneOf": [{"required": ["municipality"]}, {"required": ["municipalities"]}],
            },
            "period_sources": {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/definitions/source"},
                "description": "The passages that give valid_from / valid_to (a date, a year, 'fra og med "
                "2027', 'nedlægges', 'for den kommende valgperiode'…); validity_basis says how.",
            },
            "sources": {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/definitions/source"},
                "description": 'The passages that state the fact: [{quote: "…"}] (verbatim), or [{url, note}] for reference data.',
            },
            "source": {
                "type": "object",
                "description": '{quote: "…"} (with document: "00X" when the file sets none) or {url: https://…, note}',
                "properties": {
                    "document": {
                        "type": "string",
                        "description": 'The document id ("004") when not the file\'s.',
                    },
                    "quote": {
                        "type": "string",
                        "minLength": 1,
                        "description": "The passage, verbatim (only whitespace may differ).",
                    },
                    "url": {
                        "type": "string",
                        "pattern": URL_PATTERN,
                        "description": "A web page (reference data).",
                    },
                    "note": {"type": "string", "description": "What the page says."},
                    "attested": {
                        **_DATE,
                        "description": "The date the quote itself gives for what it says (a meeting's date), "
                        "when that is not the document's date.",
                    },
                },
                "additionalProperties": False,
                "anyOf": [{"required": ["quote"]}, {"required": ["url"]}],
            },
        },
    }


def json_schema_text(schema: Schema | None = None) -> str:
    """The committed form of :func:`json_schema`: indented JSON, UTF-8, a final newline."""
    return json.dumps(json_schema(schema), ensure_ascii=False, indent=2) + "\n"


def default_schema() -> Schema:
    """The packaged (or checkout's) model/schema.yaml, read and checked."""
    from .errors import ModelInvalid
    from .lines import Problems
    from .resources import data_dir

    path = data_dir("model") / "schema.yaml"
    problems = Problems(path.parent)
    schema = Schema.read(path, problems)
    if schema is None:
        raise ModelInvalid(problems.problems)
    return schema


# --------------------------------------------------------------------------------------------
# jsonschema errors as one line each


def _path_word(path: Iterable) -> str:
    return " ".join(f"item {p + 1}" if isinstance(p, int) else f"'{p}'" for p in path)


def _type_words(t) -> str:
    names = {
        "string": "text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "array": "a list",
        "object": "a mapping (key: value)",
        "null": "empty",
    }
    ts = [t] if isinstance(t, str) else [x for x in t if x != "null"]
    return " or ".join(names.get(x, x) for x in ts) or "empty"


def _kind_of(value) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"{value} (a number)"
    if isinstance(value, str):
        return f"'{value[:60]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def explain(error, what: str, rel_path: list, entry: bool = True) -> list[str]:
    """One line per problem a jsonschema error stands for, ``what`` naming the entry (node 'x').

    ``rel_path`` is the error's path inside that entry (``entry`` False: ``what`` is a whole section
    or file, not a list item); the messages say what to write instead."""
    v, inst, schema = error.validator, error.instance, error.schema
    key = rel_path[-1] if rel_path else None
    if not rel_path:
        subject = what
    elif rel_path[0] == "check":
        subject = f"{what}: check" + (f" {_path_word(rel_path[1:])}" if len(rel_path) > 1 else "")
    elif rel_path[0] == "sources":
        subject = f"{what}: source" + (f" {_path_word(rel_path[1:])}" if len(rel_path) > 1 else "s")
    elif rel_path[0] in NODE_KEYS + REL_KEYS + GAP_KEYS + RULE_KEYS + TOP_KEYS:
        subject = f"{what}: '{rel_path[0]}'" + (f" {_path_word(rel_path[1:])}" if len(rel_path) > 1 else "")
    else:
        subject = f"{what}: property '{rel_path[0]}'" + (
            f" {_path_word(rel_path[1:])}" if len(rel_path) > 1 else ""
        )
    if v == "type":
        fix = ""
        wants = (
            [error.validator_value] if isinstance(error.validator_value, str) else list(error.validator_value)
        )
        if "string" in wants and isinstance(inst, bool):
            fix = '; quote it ("yes"): YAML reads yes/no/on/off unquoted as true/false'
        elif "string" in wants and isinstance(inst, (int, float)):
            fix = f'; quote it ("{inst}")'
        elif "string" in wants and isinstance(inst, list) and key in ("label", "type", "id", "extends"):
            fix = "; give one value, not a list"
        elif "object" in wants and not rel_path and entry:
            fix = "; write it as key: value lines under '- '"
        return [f"{subject} must be {_type_words(error.validator_value)}, not {_kind_of(inst)}{fix}."]
    if v in ("enum", "const"):
        choices = error.validator_value if v == "enum" else [error.validator_value]
        shown = [c for c in choices if c is not None]
        if key == "label":
            return [
                f"{what}: unknown label '{inst}'.{_close(inst, shown)} (labels are defined in model/schema.yaml)"
            ]
        if key == "type" and len(rel_path) == 1:
            return [
                f"{what}: unknown relationship type '{inst}'.{_close(inst, shown)} (types are defined in model/schema.yaml)"
            ]
        if key == "kind":
            return [f"{what}: check kind '{inst}' is not one of {shown}.{_close(inst, shown)}"]
        return [f"{subject} is {_kind_of(inst)}, not one of {shown}.{_close(inst, [str(c) for c in shown])}"]
    if v == "required":
        missing = [k for k in error.validator_value if isinstance(inst, dict) and k not in inst]
        out = []
        for k in missing:
            if k == "sources":
                out.append(
                    f'{what} has no sources; add sources: [{{quote: "…"}}] with a passage from its document.'
                )
            elif rel_path and rel_path[0] == "check":
                desc = (schema.get("properties", {}).get(k) or {}).get(
                    "description", "see model/facts.schema.json"
                )
                out.append(f"{subject} of kind '{inst.get('kind')}' needs '{k}' ({desc.rstrip('.')}).")
            else:
                desc = (schema.get("properties", {}).get(k) or {}).get("description")
                out.append(f"{subject} needs '{k}'" + (f" ({desc.rstrip('.')})." if desc else "."))
        return out or [f"{subject}: {error.message}."]
    if v == "additionalProperties":
        allowed = set(schema.get("properties") or {})
        extra = [k for k in inst if k not in allowed] if isinstance(inst, dict) else []
        out = []
        for k in extra:
            if not isinstance(k, str):
                out.append(f"{subject}: key {_kind_of(k)} is not text; quote it or remove it.")
            elif subject == what and ("label" in inst or "type" in inst) and not rel_path:
                out.append(
                    f"{what}: unknown property '{k}'.{_close(k, allowed)} (properties are defined in model/schema.yaml)"
                )
            else:
                out.append(f"{subject}: unknown key '{k}'.{_close(k, allowed)}")
        return out
    if v == "pattern":
        if error.validator_value == DATE_PATTERN:
            return [f"{subject} has a bad date {_kind_of(inst)}; write YYYY-MM-DD (e.g. 2026-01-01)."]
        if error.validator_value == URL_PATTERN:
            return [f"{subject}: url {_kind_of(inst)} must start with http:// or https://."]
    if v in ("minItems", "minLength", "minProperties"):
        return [f"{subject} is empty; give at least one value."]
    if v == "minimum":
        limit = (
            " (the smallest whole number the database stores)" if error.validator_value == INT64_MIN else ""
        )
        return [f"{subject} is {inst}; it must be at least {error.validator_value}{limit}."]
    if v == "maximum":
        limit = (
            " (the largest whole number the database stores)" if error.validator_value == INT64_MAX else ""
        )
        return [f"{subject} is {inst}; it must be at most {error.validator_value}{limit}."]
    if v in ("anyOf", "oneOf"):
        desc = schema.get("description")
        if v == "oneOf" and isinstance(inst, dict) and desc:
            return [f"{subject}: give exactly one of the forms {desc}; got {{{', '.join(map(str, inst))}}}."]
        if desc:
            return [f"{subject} is {_kind_of(inst)}; write {desc[:1].lower()}{desc[1:].rstrip('.')}."]
        if isinstance(inst, dict) and error.context:  # e.g. a source with neither quote nor url
            return [
                f"{subject} needs one of "
                + " or ".join(f"'{c.validator_value[0]}'" for c in error.context if c.validator == "required")
                + "."
            ]
    return [f"{subject}: {error.message}."]


def check_shape(data: Any, json_schema_: Mapping, file_what: str) -> list[tuple[int, str]]:
    """Validate a whole model file against a JSON Schema: (line, message) per problem. Keys that are
    not text are reported and removed first, so what follows only ever sees text keys."""
    from .jsoncheck import compile_check

    out = pop_non_text_keys(data, file_what)
    if compile_check(json_schema_)(data):  # the fast yes (importing jsonschema alone takes ~0.4 s)
        return out
    import jsonschema

    for line, path, error in iter_errors(jsonschema.Draft7Validator(json_schema_), data):
        for msg in explain(
            error,
            f"{file_what} {_path_word(path)}".strip(),
            [],
            entry=bool(path) and isinstance(path[-1], int),
        ):
            out.append((line, msg))
    return out


def iter_errors(validator, data: Any):
    """(line, path, error) for each error, one per place: the first (most basic) error there wins,
    and the errors of an ``if``/``then`` branch are reported at the value that broke them."""
    seen: set[tuple] = set()
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), _rank(e.validator)))
    for error in errors:
        path = list(error.absolute_path)
        key = (tuple(path), error.validator == "additionalProperties")
        if key in seen or any(tuple(path[:i]) in {s[0] for s in seen if not s[1]} for i in range(len(path))):
            continue  # the parent is already broken: one problem, one line
        seen.add(key)
        yield _line_at(data, path), path, error


def _rank(validator: str) -> int:
    return {"type": 0, "required": 1, "enum": 2, "const": 2}.get(validator, 3)


def _line_at(data: Any, path: list) -> int:
    """The line of the innermost mapping on ``path`` (the lines model files record)."""
    from .lines import line_of

    line, node = line_of(data), data
    for p in path:
        try:
            node = node[p]
        except (KeyError, IndexError, TypeError):
            break
        line = line_of(node) or line
    return line


def pop_non_text_keys(data: Any, what: str) -> list[tuple[int, str]]:
    """Remove the keys YAML read as something other than text (1, null, yes → true), anywhere in
    ``data``: (line, message) for each."""
    from .lines import line_of

    out: list[tuple[int, str]] = []
    stack, seen = [data], set()
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:  # an alias met again
                continue
            seen.add(id(node))
        if isinstance(node, dict):
            for k in [k for k in node if not isinstance(k, str)]:
                hint = " (YAML reads yes/no/on/off unquoted as true/false)" if isinstance(k, bool) else ""
                shown = "null" if k is None else str(k).lower() if isinstance(k, bool) else k
                fix = 'quote it (e.g. "yes")' if isinstance(k, bool) else f'quote it ("{shown}")'
                out.append(
                    (
                        line_of(node),
                        f"{what + ': ' if what else ''}key {_kind_of(k)} is not text{hint}; {fix} or remove it.",
                    )
                )
                del node[k]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return out
