"""The knowledge model: read model/ (schema, sources, offices, facts), validate it, compile it.

``load_model()`` returns a :class:`Model` whose ``nodes`` and ``relationships`` have the shape of the
JSON export::

    {"id", "labels": [LABEL], "name", "properties": {...}, "sources": [{document, quote} | {url, note}]}
    {"id", "type", "start", "end", "properties": {...}, "sources": [...]}

Compiling expands office references and group statements ("the 19 health directors") into one
node and one relationship per municipality, each citing the statement; turns ``gaps:`` into Gap
nodes with CONCERNS relationships; and applies each file's ``defaults``. Validation collects every
problem (one line each, naming file, line and fix) and raises :class:`~sundhedsgraf.errors.ModelInvalid`.

Each file is first checked against a JSON Schema (schema.yaml, sources.yaml, offices.yaml against
theirs in :mod:`sundhedsgraf.schema`; each facts file against the one generated from schema.yaml),
so the compiler only ever sees well-shaped data: a malformed entry is one problem line and is left
out, never a traceback. The records are typed in :mod:`sundhedsgraf.records`.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from . import schema as _schema
from .errors import ModelError, ModelInvalid
from .lines import LineDict as _LineDict
from .lines import LineDictOf as _LineDictOf
from .lines import Problems, list_folder, read_text, read_yaml
from .lines import line_of as _line
from .records import (
    DocumentRecord,
    GapRecord,
    NodeRecord,
    RelationshipRecord,
    RuleCheck,
    RuleRecord,
    RuleResultRecord,
)
from .resources import data_dir
from .schema import GAP_KEYS as _GAP_KEYS
from .schema import NODE_KEYS as _NODE_KEYS
from .schema import REL_KEYS as _REL_KEYS
from .schema import RULE_KEYS as _RULE_KEYS
from .schema import Schema, _close, explain, iter_errors, pop_non_text_keys
from .sources import Source

__all__ = [
    "DocumentRecord",
    "GapRecord",
    "Model",
    "NodeRecord",
    "Problems",
    "RelationshipRecord",
    "RuleCheck",
    "RuleRecord",
    "RuleResultRecord",
    "Schema",
    "Source",
    "default_model_dir",
    "fold_ws",
    "load_model",
    "slugify",
]

NODE_KEYS = set(_NODE_KEYS)
REL_KEYS = set(_REL_KEYS)
GAP_KEYS = set(_GAP_KEYS)
RULE_KEYS = set(_RULE_KEYS)

#: the keys of an entry that are not its properties: an error there leaves nothing to compile
_STRUCTURAL = {
    "nodes": NODE_KEYS,
    "relationships": REL_KEYS,
    "gaps": {"id", "name", "concerns", "sources"},
    "rules": RULE_KEYS,
}


def default_model_dir() -> Path:
    env = os.environ.get("SUNDHEDSGRAF_MODEL")
    return Path(env) if env else data_dir("model")


def fold_ws(text: str) -> str:
    """Fold every run of whitespace to one space: the only difference quotes may have."""
    return re.sub(r"\s+", " ", text).strip()


def slugify(text: str) -> str:
    s = text.lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e")):
        s = s.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


_Ctx = Problems  # the compiler's name for it

_EMPTY_FACTS = (
    "the file states no facts; add nodes, relationships, gaps or rules, or write 'empty: true' on a "
    "line of its own (with a comment saying why) if it is meant to be empty."
)


class _Reported(set):
    """Ids already reported broken, so that references to them are not reported again.
    ``everything``: a whole file could not be read, so any unknown id may be one of its own."""

    everything = False

    def __contains__(self, item: object) -> bool:
        return self.everything or super().__contains__(item)


def _fact_count(data: Any) -> int:
    if not isinstance(data, dict):
        return 0
    sections = [data.get(s) for s in ("nodes", "relationships", "gaps", "rules")]
    return sum(len(v) if isinstance(v, list) else 1 for v in sections if v)


def _real_date(value: object) -> bool:
    try:
        _dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _read_yaml(path: Path, ctx: Problems, empty: str | None = None) -> Any:
    return read_yaml(path, ctx, empty)


# --------------------------------------------------------------------------------------------


@dataclass
class Model:
    """A validated, compiled knowledge model.

    ``schema`` is the :class:`~sundhedsgraf.schema.Schema` it was compiled with (any mapping of the
    schema.yaml shape will do for code that builds a Model by hand)."""

    schema: Mapping[str, Any]
    documents: list[DocumentRecord]
    nodes: list[NodeRecord]
    relationships: list[RelationshipRecord]
    rules: list[RuleRecord] = field(default_factory=list)
    directory: Path | None = None

    def node(self, node_id: str) -> NodeRecord:
        return self._index()[node_id]

    def _index(self) -> dict[str, NodeRecord]:
        if not hasattr(self, "_by_id"):
            self._by_id = {n["id"]: n for n in self.nodes}
        return self._by_id

    def to_json(self) -> dict:
        return {
            "documents": self.documents,
            "nodes": self.nodes,
            "relationships": self.relationships,
            "rules": self.rules,
        }

    def to_networkx(self):
        """A networkx MultiDiGraph of the model: node and edge attributes are the properties plus
        ``labels``/``kind``, ``name``, ``type`` and ``sources``; edge keys are relationship ids."""
        import networkx as nx

        g = nx.MultiDiGraph()
        for n in self.nodes:
            g.add_node(
                n["id"],
                **n["properties"],
                name=n["name"],
                labels=list(n["labels"]),
                kind=n["labels"][0],
                sources=n["sources"],
            )
        for r in self.relationships:
            g.add_edge(
                r["start"],
                r["end"],
                key=r["id"],
                id=r["id"],
                type=r["type"],
                **r["properties"],
                sources=r["sources"],
            )
        return g


# --------------------------------------------------------------------------------------------


class _Compiler:
    def __init__(self, root: Path):
        self.root = root
        self.ctx = Problems(root)
        self.schema: Schema
        self.documents: list[DocumentRecord] = []
        self.doc_text: dict[str, str] = {}
        self.broken_docs = _Reported()  # listed in sources.yaml, but the text cannot be read
        self.office_types: dict = {}
        self.offices_broken = False
        # node id -> {"label", "name", "properties", "sources", "_where": (path, line)}
        self.nodes: dict[str, dict] = {}
        # ids of entries left out because they are malformed (already reported): references to them
        # are not reported again
        self.malformed = _Reported()
        # ids an office reference would make, taken by a node of another label (reported once)
        self.office_clashes: set[str] = set()
        # (label | relationship type, name) the compiler makes but schema.yaml lacks (reported once)
        self.lacking: set[tuple[str, str]] = set()
        self.extends: list[tuple[Path, dict]] = []
        self.rel_entries: list[tuple[Path, dict, dict]] = []  # (path, entry, defaults)
        self.gap_entries: list[tuple[Path, dict, str | None]] = []
        self.rule_entries: list[tuple[Path, dict, str | None]] = []
        self.rels: dict[str, dict] = {}
        self.rules: list[RuleRecord] = []
        self.doc_attested: dict[str, str] = {}  # document id -> the date its facts are attested on
        self.doc_until: dict[str, str] = {}  # document id -> the last day of the period it describes
        self.quote_dates: dict[tuple[str, str], str] = {}  # (document, quote) -> the date the quote gives
        # node id -> [(date, document, {meetings key: value})]: each document's cadence of a forum
        self.cadence: dict[str, list[tuple[str, str | None, dict]]] = {}

    def shape(self, path: Path, data: Any, json_schema: Mapping, what: str) -> bool:
        """Report every problem of ``data`` against a JSON Schema; True when there is none."""
        found = _schema.check_shape(data, json_schema, what)
        for line, msg in found:
            self.ctx.add(path, line, msg)
        return not found

    # ---- input files
    def read_schema(self) -> None:
        path = self.root / "schema.yaml"
        schema = Schema.read(path, self.ctx)
        if schema is None:  # the facts cannot be judged against a broken schema
            raise ModelInvalid(self.ctx.problems)
        self.schema = schema
        self.schema_path = path

    def read_documents(self) -> None:
        path = self.root / "sources.yaml"
        data = _read_yaml(
            path,
            self.ctx,
            empty="sources.yaml holds nothing; list the source documents under 'documents:'.",
        )
        if data is None or not self.shape(path, data, _schema.SOURCES_FILE_SCHEMA, "sources.yaml"):
            if isinstance(data, dict) and isinstance(data.get("documents"), list):
                # the ids, to spare cascades
                self.broken_docs.update(str(d.get("id")) for d in data["documents"] if isinstance(d, dict))
            else:  # no document is known: a quote citing any of them is not reported again
                self.broken_docs.everything = True
            return
        if list_folder(self.root / "sources", self.ctx, "the sources folder") is None:
            self.broken_docs.everything = True
            return
        seen: dict[str, int] = {}
        for d in data.get("documents") or []:
            doc_id = str(d.get("id"))
            if doc_id in seen:
                self.ctx.add(
                    path,
                    _line(d),
                    f"document id '{doc_id}' is listed twice (first on line {seen[doc_id]}); give each "
                    "document its own id.",
                )
                self.broken_docs.add(doc_id)
                continue
            seen[doc_id] = _line(d)
            name = str(d.get("file"))
            if Path(name).name != name or name in (".", ".."):
                self.ctx.add(
                    path,
                    _line(d),
                    f"document '{doc_id}': file '{name}' must be a file name in model/sources/, not a path.",
                )
                self.broken_docs.add(doc_id)
                continue
            file = self.root / "sources" / name
            if not os.path.lexists(file):
                self.ctx.add(
                    path,
                    _line(d),
                    f"document '{doc_id}': file '{file.name}' not found in model/sources/; copy it there byte-identical.",
                )
                self.broken_docs.add(doc_id)
                continue
            text = read_text(file, self.ctx, f"document '{doc_id}' ({file.name})")
            if text is None:
                self.broken_docs.add(doc_id)
                continue
            entry = {k: (v.isoformat() if isinstance(v, _dt.date) else v) for k, v in d.items()}
            entry["id"] = doc_id
            bad_dates = [
                k for k in ("date", "attested", "attested_until") if entry.get(k) and not _real_date(entry[k])
            ]
            for k in bad_dates:
                self.ctx.add(
                    path,
                    _line(d),
                    f"document '{doc_id}': '{k}' {entry[k]} is not a date of the calendar; write a real "
                    "YYYY-MM-DD.",
                )
            if bad_dates:
                self.broken_docs.add(doc_id)
                continue
            attested = entry.get("attested") or entry.get("date")
            if not attested:
                self.ctx.add(
                    path,
                    _line(d),
                    f"document '{doc_id}' has no date: give attested: YYYY-MM-DD (the date its facts are "
                    "attested on) and attested_basis (how that date follows from the text).",
                )
                self.broken_docs.add(doc_id)
                continue
            if entry.get("attested") and not entry.get("date") and not entry.get("attested_basis"):
                self.ctx.add(
                    path,
                    _line(d),
                    f"document '{doc_id}': an undated document's attested date is reasoned; say how in attested_basis.",
                )
            entry["attested"] = str(attested)
            self.doc_attested[doc_id] = str(attested)
            until = entry.get("attested_until")
            if until and not entry.get("attested_until_basis"):
                self.ctx.add(
                    path,
                    _line(d),
                    f"document '{doc_id}': attested_until needs attested_until_basis (where the text says which period it describes).",
                )
            if until and str(until) < str(attested):
                self.ctx.add(
                    path,
                    _line(d),
                    f"document '{doc_id}': attested_until {until} is before the date it is attested on "
                    f"({attested}); fix one of them.",
                )
            self.doc_until[doc_id] = str(until) if until and str(until) >= str(attested) else str(attested)
            self.documents.append(entry)  # type: ignore[arg-type]
            self.doc_text[doc_id] = fold_ws(text)

    def read_offices(self) -> None:
        path = self.root / "offices.yaml"
        if not os.path.lexists(path):  # optional; a link that cannot be followed is reported when read
            return
        data = _read_yaml(
            path,
            self.ctx,
            empty="offices.yaml holds nothing; list the office types under 'office_types:', or remove "
            "the file if the model names no office by municipality.",
        )
        if data is None or not self.shape(path, data, _schema.OFFICES_FILE_SCHEMA, "offices.yaml"):
            self.offices_broken = True
            return
        self.office_types = dict(data.get("office_types") or {})

    def read_facts(self) -> None:
        folder = self.root / "facts"
        entries = list_folder(folder, self.ctx, "the facts folder")
        if entries is None:
            self.malformed.everything = True  # its ids are unknown: references to them are not reported
            return
        files = [p for p in entries if p.name.endswith(".yaml")]
        for p in entries:
            if p.name.endswith(".yml"):
                self.ctx.add(
                    p,
                    0,
                    "this file is not read: fact files end in .yaml; rename it (or move it out of facts/).",
                )
        if not files:
            self.ctx.add(folder, 0, "no fact files (*.yaml) found; the model is empty.")
        for path in files:
            before = len(self.ctx.problems)
            data = _read_yaml(path, self.ctx, empty=_EMPTY_FACTS)
            if data is None:
                if len(self.ctx.problems) > before and not self.ctx.problems[-1].endswith(_EMPTY_FACTS):
                    # unreadable: its ids are unknown, so a reference to one is not reported
                    self.malformed.everything = True
                continue
            count = _fact_count(data)  # before cleaning leaves out what is malformed
            if not self.clean_facts(path, data):
                self._note_malformed(data)
                continue
            if not self.has_facts(path, data, count):
                continue
            doc = data.get("document")
            if doc is not None and doc not in self.doc_text:
                if doc not in self.broken_docs:
                    self.ctx.add(
                        path,
                        _line(data),
                        f"document '{doc}' is not in sources.yaml.{_close(doc, self.doc_text)}",
                    )
                self._note_malformed(data)
                continue
            defaults = data.get("defaults") or {}
            for entry in data.get("nodes") or []:
                self._add_node_entry(path, entry, doc, defaults)
            for entry in data.get("relationships") or []:
                entry.setdefault("_doc", doc)
                self.rel_entries.append((path, entry, defaults))
            for entry in data.get("gaps") or []:
                self.gap_entries.append((path, entry, doc))
            for entry in data.get("rules") or []:
                self.rule_entries.append((path, entry, doc))

    def has_facts(self, path: Path, data: dict, count: int) -> bool:
        """Whether a facts file states anything (``count`` entries); a file without facts is a
        problem unless it says ``empty: true`` (an emptied file would otherwise drop its facts from
        the graph unnoticed)."""
        if data.get("empty") is True:
            if count:
                self.ctx.add(
                    path,
                    _line(data),
                    f"the file says empty: true but states {count} fact(s); remove 'empty: true'.",
                )
            return False
        if not count:
            self.ctx.add(path, _line(data), _EMPTY_FACTS)
            return False
        return True

    def clean_facts(self, path: Path, data: Any) -> bool:
        """Check a facts file against the JSON Schema of model/schema.yaml, one line per problem, and
        leave out what is malformed: a property with a wrong value or an unknown key is removed (and
        named in the entry's ``_removed``, so it is not reported missing as well), an entry whose id,
        label, type, endpoints, sources or check is malformed is removed whole. False when the file
        itself is malformed (not a mapping, or its document or a section of the wrong type)."""
        for line, msg in pop_non_text_keys(data, ""):
            self.ctx.add(path, line, msg)
        file_ok = True
        drop: set[tuple[str, int]] = set()
        remove: list[tuple[dict, Any]] = []
        valid = self.schema.facts_check(data)  # the fast yes; jsonschema explains a no
        for line, epath, error in () if valid else iter_errors(self.schema.facts_validator, data):
            section = epath[0] if epath else None
            if section in _STRUCTURAL and len(epath) >= 2:
                entry = data[section][epath[1]]
                what, rel = _entry_what(section, epath[1], entry), epath[2:]
                for msg in explain(error, what, rel):
                    self.ctx.add(path, line, msg)
                if not rel and error.validator == "additionalProperties" and isinstance(entry, dict):
                    remove += [(entry, k) for k in entry if k not in (error.schema.get("properties") or {})]
                elif (
                    rel
                    and section in ("nodes", "relationships", "gaps")
                    and rel[0] not in _STRUCTURAL[section]
                ):
                    remove.append((entry, rel[0]))
                else:
                    drop.add((section, epath[1]))
            elif section == "defaults" and len(epath) >= 2:
                for msg in explain(error, "defaults", epath[1:]):
                    self.ctx.add(path, line, msg)
                remove.append((data["defaults"], epath[1]))
            elif section == "defaults" and error.validator == "additionalProperties":
                for msg in explain(error, "defaults", []):
                    self.ctx.add(path, line, msg)
                remove += [
                    (data["defaults"], k)
                    for k in data["defaults"]
                    if k not in (error.schema.get("properties") or {})
                ]
            elif not epath and error.validator == "additionalProperties" and isinstance(data, dict):
                extra = [k for k in data if k not in _schema.TOP_KEYS]
                for k in extra:
                    self.ctx.add(path, line, f"unknown top-level key '{k}'.{_close(k, _schema.TOP_KEYS)}")
                remove += [(data, k) for k in extra]
            else:
                if not epath and error.validator == "type":
                    self.ctx.add(
                        path,
                        line,
                        "a fact file must be a mapping with 'nodes', 'relationships', 'gaps' or 'rules'.",
                    )
                else:
                    for msg in explain(
                        error, f"'{section}'" if section else "the file", epath[1:], entry=False
                    ):
                        self.ctx.add(path, line, msg)
                file_ok = False
        if not file_ok:
            return False
        for mapping, key in remove:
            if key in mapping:
                del mapping[key]
                if isinstance(mapping, _LineDict) and mapping is not data:
                    mapping.setdefault("_removed", set()).add(key)
        for section, i in sorted(drop, reverse=True):
            self._note_malformed({section: [data[section][i]]})
            del data[section][i]
        return True

    def _note_malformed(self, data: Any) -> None:
        if not isinstance(data, dict):
            return
        for section in ("nodes", "gaps", "rules"):
            for entry in data.get(section) or [] if isinstance(data.get(section), list) else []:
                if isinstance(entry, dict):
                    for k in ("id", "extends"):
                        if isinstance(entry.get(k), str):
                            self.malformed.add(entry[k])

    # ---- sources
    def sources(self, path: Path, entry: dict, doc: str | None, what: str) -> list[Source]:
        raw = entry.get("sources")
        if not raw:
            self.ctx.add(
                path,
                _line(entry),
                f'{what} has no sources; add sources: [{{quote: "…"}}] with a passage from its document.',
            )
            return []
        if not isinstance(raw, list):
            raw = [raw]
        out: list[Source] = []
        for s in raw:
            if not isinstance(s, dict):
                self.ctx.add(
                    path,
                    _line(entry),
                    f"{what}: a source must be {{document, quote}} or {{url, note}}, not {s!r}.",
                )
                continue
            if "url" in s:
                url = str(s["url"])
                if not re.match(r"^https?://", url):
                    self.ctx.add(
                        path, _line(s), f"{what}: source url '{url}' must start with http:// or https://."
                    )
                src: Source = {"url": url}
                if s.get("note"):
                    src["note"] = str(s["note"])
                if s.get("quote"):
                    src["quote"] = str(s["quote"])
                out.append(src)
                continue
            quote = s.get("quote")
            d = str(s.get("document")) if s.get("document") is not None else doc
            if not quote:
                self.ctx.add(
                    path,
                    _line(s),
                    f"{what}: source has no 'quote' (or 'url'); copy the passage that states the fact.",
                )
                continue
            if d is None:
                self.ctx.add(
                    path,
                    _line(s),
                    f"{what}: source quote has no 'document' and the file sets none; add document: \"00X\".",
                )
                continue
            if d not in self.doc_text:
                if d in self.broken_docs:  # reported where the document is listed
                    continue
                self.ctx.add(path, _line(s), f"{what}: unknown document '{d}'.{_close(d, self.doc_text)}")
                continue
            quote = str(quote)
            if fold_ws(quote) not in self.doc_text[d]:
                self.ctx.add(
                    path, _line(s), f"{what}: quote not found in document {d}: {self._quote_hint(d, quote)}"
                )
                continue
            out.append({"document": d, "quote": fold_ws(quote)})
            if s.get("attested") is not None:
                day = self.check_value(
                    path, _line(s), f"{what}: source 'attested'", s["attested"], {"type": "date"}
                )
                if day:
                    self.quote_dates[(d, fold_ws(quote))] = day
        return out

    def _quote_hint(self, doc: str, quote: str) -> str:
        text, q = self.doc_text[doc], fold_ws(quote)
        lo, hi = 0, len(q)
        while lo < hi:  # longest prefix of the quote that occurs in the document
            mid = (lo + hi + 1) // 2
            if q[:mid] in text:
                lo = mid
            else:
                hi = mid - 1
        if lo < 8:
            return f"'{q[:60]}' does not occur; copy the passage verbatim from the document."
        at = text.find(q[:lo])
        has = text[at + lo : at + lo + 25]
        return (
            f"the first {lo} characters match, then the quote has '{q[lo : lo + 25]}' where the "
            f"document has '{has}'; copy it verbatim (only whitespace may differ)."
        )

    # ---- values
    def check_props(
        self, path: Path, line: int, what: str, props: dict, spec: Mapping, removed: Iterable[str] = ()
    ) -> dict:
        """The checked properties; ``removed`` names those already reported malformed (not missing)."""
        removed = set(removed)
        out = {}
        for key, value in props.items():
            if key.startswith("_"):
                continue
            pspec = spec.get(key)
            if pspec is None:
                self.ctx.add(
                    path,
                    line,
                    f"{what}: unknown property '{key}'.{_close(key, spec)} (properties are defined in model/schema.yaml)",
                )
                continue
            v = self.check_value(path, line, f"{what}: property '{key}'", value, pspec)
            if v is not None:
                out[key] = v
        for key, pspec in spec.items():
            if (
                pspec.get("required")
                and key not in ("id", "name")
                and out.get(key) is None
                and key not in removed
            ):
                self.ctx.add(
                    path,
                    line,
                    f"{what}: missing required property '{key}' ({pspec.get('description', pspec.get('type'))}).",
                )
        for key, pspec in spec.items():
            if key not in out and "default" in pspec:
                out[key] = pspec["default"]
        return out

    def check_value(self, path: Path, line: int, what: str, value, pspec: dict):
        t = pspec.get("type", "string")
        if value is None:
            return None
        if t == "date":
            if isinstance(value, _dt.datetime):
                value = value.date()
            if isinstance(value, _dt.date):
                return value.isoformat()
            try:
                return _dt.date.fromisoformat(str(value)).isoformat()
            except ValueError:
                self.ctx.add(
                    path, line, f"{what} has a bad date '{value}'; write YYYY-MM-DD (e.g. 2026-01-01)."
                )
                return None
        if t == "enum":
            if value not in pspec.get("values", []):
                self.ctx.add(
                    path,
                    line,
                    f"{what} is '{value}', not one of {pspec.get('values')}.{_close(str(value), [str(v) for v in pspec.get('values', [])])}",
                )
                return None
            return value
        if t == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                self.ctx.add(path, line, f"{what} must be a whole number, not '{value}'.")
                return None
            return self.in_range(path, line, what, value, pspec)
        if t == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.ctx.add(path, line, f"{what} must be a number, not '{value}'.")
                return None
            if isinstance(value, float) and not math.isfinite(value):
                self.ctx.add(path, line, f"{what} is {value}; write a finite number.")
                return None
            return self.in_range(path, line, what, value, pspec)
        if t == "boolean":
            if not isinstance(value, bool):
                self.ctx.add(path, line, f"{what} must be true or false, not '{value}'.")
                return None
            return value
        if t == "list":
            if not isinstance(value, list) or not all(isinstance(x, (str, int, float)) for x in value):
                self.ctx.add(path, line, f"{what} must be a list of strings.")
                return None
            return [str(x) for x in value]
        if t == "ref":
            if not isinstance(value, str):
                self.ctx.add(path, line, f"{what} must be a node id.")
                return None
            self.pending_refs.append((path, line, what, value, pspec.get("to") or []))
            return value
        if isinstance(value, (dict, list)):
            self.ctx.add(path, line, f"{what} must be text, not a {type(value).__name__}.")
            return None
        if isinstance(value, _dt.date):
            return value.isoformat()
        return str(value)

    def in_range(self, path: Path, line: int, what: str, value: float, pspec: Mapping) -> float | None:
        """``value`` within the property's bounds (schema.yaml's minimum / maximum, and for a whole
        number what the database stores), or None after reporting it."""
        low, high = _schema.value_range(pspec)
        if isinstance(value, int):  # a number property may hold a whole number too: the same limit
            low = _schema.INT64_MIN if low is None else max(low, _schema.INT64_MIN)
            high = _schema.INT64_MAX if high is None else min(high, _schema.INT64_MAX)
        for bound, outside, word in (
            (low, low is not None and value < low, "least"),
            (high, high is not None and value > high, "most"),
        ):
            if outside:
                stored = (
                    f" (the {'smallest' if word == 'least' else 'largest'} whole number the database stores)"
                    if bound in (_schema.INT64_MIN, _schema.INT64_MAX)
                    else " (model/schema.yaml)"
                )
                self.ctx.add(path, line, f"{what} is {value}; it must be at {word} {bound}{stored}.")
                return None
        return value

    def node_spec(self, label: str) -> Mapping:
        return self.schema.node_properties(label)

    def rel_spec(self, rtype: str) -> Mapping:
        return self.schema.relationship_properties(rtype)

    # ---- nodes
    def _add_node_entry(self, path: Path, entry, doc, defaults) -> None:
        if not isinstance(entry, dict):
            self.ctx.add(path, 0, f"a node must be a mapping with id, label, name, sources; got {entry!r}.")
            return
        line = _line(entry)
        if "extends" in entry:
            entry["_doc"] = doc
            self.extends.append((path, entry))
            return
        node_id = entry.get("id")
        if not isinstance(node_id, str) or not node_id.strip() or node_id != node_id.strip():
            self.ctx.add(
                path, line, f"node without a valid 'id' (got {node_id!r}); give it a unique kebab-case id."
            )
            return
        what = f"node '{node_id}'"
        if node_id in self.nodes:
            p, ln = self.nodes[node_id]["_where"]
            self.ctx.add(
                path,
                line,
                f"duplicate id '{node_id}' (first defined at {self.ctx.rel(p)}:{ln}); rename one, or use 'extends: {node_id}' to add sources to the first.",
            )
            return
        label = entry.get("label")
        if label not in self.schema.labels:
            self.ctx.add(
                path, line, f"{what}: unknown label '{label}'.{_close(str(label), self.schema.labels)}"
            )
            return
        if not entry.get("name"):
            self.ctx.add(path, line, f"{what}: missing required property 'name'.")
        merged = {**defaults, **entry}
        props = {k: v for k, v in merged.items() if k not in NODE_KEYS}
        props = self.check_props(path, line, what, props, self.node_spec(label), _removed(defaults, entry))
        sources = self.sources(path, entry, doc, what)
        props.update(self.period(path, entry, doc, what))
        self.record_cadence(node_id, entry, sources, (path, line, what))
        self.nodes[node_id] = {
            "id": node_id,
            "label": label,
            "name": str(entry.get("name", "")),
            "properties": props,
            "sources": sources,
            "_where": (path, line),
        }
        for target in _as_list(entry.get("part_of")):
            self.rel_entries.append(
                (
                    path,
                    _LineDictOf(
                        line,
                        {
                            "type": "PART_OF",
                            "start": node_id,
                            "end": target,
                            "_sources": sources,
                            "_inherit": props,
                        },
                    ),
                    {},
                )
            )
        if entry.get("in") is not None:
            self.rel_entries.append(
                (
                    path,
                    _LineDictOf(
                        line,
                        {
                            "type": "HOLDS_OFFICE_IN",
                            "start": node_id,
                            "end": entry["in"],
                            "_sources": sources,
                            "_inherit": props,
                        },
                    ),
                    {},
                )
            )

    def apply_extends(self) -> None:
        for path, entry in self.extends:
            line, target = _line(entry), entry.get("extends")
            if target not in self.nodes:
                if target not in self.malformed:
                    self.ctx.add(
                        path,
                        line,
                        f"'extends: {target}' points to unknown node.{_close(str(target), self.nodes)}",
                    )
                continue
            node = self.nodes[target]
            what = f"extends '{target}'"
            extra = {k: v for k, v in entry.items() if k not in NODE_KEYS and not k.startswith("_")}
            if entry.get("name") and entry["name"] != node["name"]:
                self.ctx.add(
                    path,
                    line,
                    f"{what}: name '{entry['name']}' differs from '{node['name']}'; put another name in 'aliases'.",
                )
            spec = self.node_spec(node["label"])
            added = self.sources(path, entry, entry.get("_doc"), what)
            self.record_cadence(target, entry, added, (path, line, what))
            for key, value in extra.items():
                if key in MEETING_KEYS and key in spec:  # each document's cadence holds from its date
                    self.check_value(path, line, f"{what}: property '{key}'", value, spec[key])
                    continue
                if key not in spec:
                    self.ctx.add(path, line, f"{what}: unknown property '{key}'.{_close(key, spec)}")
                    continue
                v = self.check_value(path, line, f"{what}: property '{key}'", value, spec[key])
                old = node["properties"].get(key)
                if key == "aliases" and isinstance(v, list):
                    node["properties"]["aliases"] = list(dict.fromkeys((old or []) + v))
                elif old is None or (key in ("confidence",) and old == spec[key].get("default")):
                    if v is not None:
                        node["properties"][key] = v
                elif v is not None and old != v:
                    self.ctx.add(
                        path,
                        line,
                        f"{what}: property '{key}' is '{v}' here but '{old}' where the node is defined; a node has one value per property (record a contradiction as a gap).",
                    )
            node["sources"] = _merge_sources(node["sources"], added)
            for t in _as_list(entry.get("part_of")):
                self.rel_entries.append(
                    (
                        path,
                        _LineDictOf(
                            line,
                            {
                                "type": "PART_OF",
                                "start": target,
                                "end": t,
                                "_sources": added,
                                "_inherit": node["properties"],
                            },
                        ),
                        {},
                    )
                )

    # ---- endpoints and relationships
    def municipalities_of(self, path, line, what, spec) -> list[str]:
        if isinstance(spec, str):
            if spec in self.nodes and self.nodes[spec]["label"] == "Region":
                found = sorted(
                    n
                    for n, d in self.nodes.items()
                    if d["label"] == "Municipality" and d["properties"].get("region") == spec
                )
                return found
            spec = [spec]
        if not isinstance(spec, list) or not spec:
            self.ctx.add(
                path, line, f"{what}: 'municipalities' must be a region id or a list of municipality ids."
            )
            return []
        out = []
        for m in spec:
            if m in self.nodes and self.nodes[m]["label"] == "Municipality":
                out.append(m)
            elif m in self.malformed:
                continue
            else:  # the known ids only for the hint (listing them per statement is quadratic at scale)
                munis = [n for n, d in self.nodes.items() if d["label"] == "Municipality"]
                self.ctx.add(path, line, f"{what}: '{m}' is not a municipality id.{_close(str(m), munis)}")
        return out

    def office_node(self, path, line, what, key, muni, sources) -> str | None:
        spec = self.office_types.get(key)
        if spec is None:
            if self.offices_broken:  # offices.yaml is reported; its office types are unknown
                return None
            self.ctx.add(
                path,
                line,
                f"{what}: unknown office type '{key}'.{_close(str(key), self.office_types)} (office types are in model/offices.yaml)",
            )
            return None
        if self.schema_lacks(path, line, "label", "Office", "office references ({office: KEY, …})"):
            return None
        if self.schema_lacks(
            path, line, "relationship type", "HOLDS_OFFICE_IN", "office references ({office: KEY, …})"
        ):
            return None
        muni_node = self.nodes[muni]
        node_id = f"{key}-{muni.removeprefix('kommune-')}"
        if node_id not in self.nodes:
            self.nodes[node_id] = {
                "id": node_id,
                "label": "Office",
                "name": f"{spec['title']}, {muni_node['name']}",
                "properties": {
                    "title": spec["title"],
                    "office_type": key,
                    "office_level": spec.get("office_level", "administrative"),
                    "holder_known": True,
                    "status": "active",
                    "confidence": "stated",
                },
                "sources": [],
                "_where": (path, line),
                "_generated": True,
            }
        node = self.nodes[node_id]
        if node["label"] != "Office":
            if node_id in self.office_clashes:  # reported once, at the first statement naming it
                return None
            self.office_clashes.add(node_id)
            p, ln = node["_where"]
            self.ctx.add(
                path,
                line,
                f"{what}: the office '{key}' in '{muni}' would be node '{node_id}', but that id is a "
                f"{node['label']} defined at {self.ctx.rel(p)}:{ln}; rename that node.",
            )
            return None
        if node.get("_generated"):
            node["sources"] = _merge_sources(node["sources"], sources)
            self.add_rel(
                path,
                line,
                "HOLDS_OFFICE_IN",
                node_id,
                muni,
                {"status": "active", "confidence": "stated"},
                sources,
            )
        return node_id

    def endpoint(self, path, line, what, ep, sources) -> list[tuple[str, str | None]]:
        """Resolve an endpoint to [(node id, on_behalf_of municipality or None)]; [] on error."""
        if isinstance(ep, str):
            if ep not in self.nodes:
                if ep not in self.malformed:
                    self.ctx.add(path, line, f"{what} points to unknown node '{ep}'.{_close(ep, self.nodes)}")
                return []
            return [(ep, None)]
        if not isinstance(ep, dict):
            self.ctx.add(
                path,
                line,
                f"{what}: an endpoint is a node id or {{office: KEY, municipality: ID}}; got {ep!r}.",
            )
            return []
        unknown = set(ep) - {"office", "municipality", "municipalities"}
        if unknown or ("municipality" in ep) == ("municipalities" in ep):
            self.ctx.add(
                path,
                line,
                f"{what}: an office reference is {{office: KEY, municipality: ID}} or {{office: KEY, municipalities: [IDS] | REGION}}; got {dict(ep)}.",
            )
            return []
        munis = self.municipalities_of(path, line, what, ep.get("municipality") or ep.get("municipalities"))
        if "office" not in ep:
            return [(m, None) for m in munis]
        out: list[tuple[str, str | None]] = []
        for m in munis:
            node_id = self.office_node(path, line, what, ep["office"], m, sources)
            if node_id:
                out.append((node_id, m))
        return out

    def add_rel(self, path, line, rtype, start, end, props, sources, rel_id=None) -> None:
        canon = json.dumps(dict(props), sort_keys=True, ensure_ascii=False)
        key = (rtype, start, end, canon)
        if key in self._rel_keys:  # the same fact stated again: one relationship, all its sources
            existing = self.rels[self._rel_keys[key]]
            existing["sources"] = _merge_sources(existing["sources"], sources)
            return
        base = rel_id or f"{rtype}:{start}->{end}"
        if base in self.rels:
            if rel_id:
                p, ln = self.rels[base]["_where"]
                self.ctx.add(
                    path,
                    line,
                    f"duplicate relationship id '{rel_id}' (first at {self.ctx.rel(p)}:{ln}); give it another id.",
                )
                return
            base = f"{base}#{hashlib.sha1(canon.encode()).hexdigest()[:8]}"
        self._rel_keys[key] = base
        self.rels[base] = {
            "id": base,
            "type": rtype,
            "start": start,
            "end": end,
            "properties": props,
            "sources": list(sources),
            "_where": (path, line),
        }

    def compile_relationships(self) -> None:
        self._rel_keys: dict = {}
        for path, entry, defaults in self.rel_entries:
            line = _line(entry)
            rtype = entry.get("type")
            what = f"relationship '{rtype}' from {_show(entry.get('start'))} to {_show(entry.get('end'))}"
            if rtype not in self.schema.relationship_types:
                self.ctx.add(
                    path,
                    line,
                    f"{what}: unknown relationship type '{rtype}'.{_close(str(rtype), self.schema.relationship_types)}",
                )
                continue
            if "start" not in entry or "end" not in entry:
                self.ctx.add(path, line, f"{what}: needs both 'start' and 'end'.")
                continue
            if "_sources" in entry:  # generated from a node shorthand: inherits the node's validity
                sources = entry["_sources"]
                inherit = entry.get("_inherit") or {}
                props = {k: inherit[k] for k in _INHERITED if k in inherit}
                props.setdefault("status", "active")
                props.setdefault("confidence", "stated")
            else:
                sources = self.sources(path, entry, entry.get("_doc"), what)
                merged = {**defaults, **entry}
                raw = {k: v for k, v in merged.items() if k not in REL_KEYS and not k.startswith("_")}
                props = self.check_props(
                    path, line, what, raw, self.rel_spec(rtype), _removed(defaults, entry)
                )
                props.update(self.period(path, entry, entry.get("_doc"), what))
            starts = self.endpoint(path, line, f"{what}: start", entry["start"], sources)
            ends = self.endpoint(path, line, f"{what}: end", entry["end"], sources)
            if not starts or not ends:
                continue
            if len(starts) > 1 and len(ends) > 1:
                self.ctx.add(path, line, f"{what}: only one side may be a group of municipalities.")
                continue
            for s, s_muni in starts:
                for e, _ in ends:
                    p = dict(props)
                    if rtype == "MEMBER_OF" and s_muni and "on_behalf_of" not in p:
                        p["on_behalf_of"] = s_muni
                    self.check_labels(path, line, what, rtype, s, e)
                    self.add_rel(
                        path,
                        line,
                        rtype,
                        s,
                        e,
                        p,
                        sources,
                        entry.get("id") if len(starts) * len(ends) == 1 else None,
                    )

    def check_labels(self, path, line, what, rtype, s, e) -> None:
        sl, el = self.nodes[s]["label"], self.nodes[e]["label"]
        starts, ends = self.schema.endpoints(rtype)
        if starts and sl not in starts:
            self.ctx.add(
                path,
                line,
                f"{what}: a {sl} cannot be the start of {rtype}; allowed: {list(starts)} (model/schema.yaml).",
            )
        if ends and el not in ends:
            self.ctx.add(
                path,
                line,
                f"{what}: a {el} cannot be the end of {rtype}; allowed: {list(ends)} (model/schema.yaml).",
            )

    # ---- time: periods, attestation, cadence
    def period(self, path: Path, entry: dict, doc: str | None, what: str) -> dict:
        """``period_documents`` / ``period_quotes`` from the entry's ``period_sources`` (each quote
        verified like a source), or nothing."""
        if not entry.get("period_sources"):
            return {}
        found = self.sources(path, {"sources": entry["period_sources"]}, doc, f"{what}: period_sources")
        return {
            "period_documents": [s.get("document") or s.get("url", "") for s in found],
            "period_quotes": [s.get("quote") or s.get("note", "") for s in found],
        }

    def attested(self, source: Source) -> str | None:
        """The date a source attests its fact on: the date its quote gives, else its document's."""
        return self._attestation(source, self.doc_attested)

    def attested_until(self, source: Source) -> str | None:
        """The last day a source attests its fact: the date its quote gives, else the end of the
        period its document describes (its date when it says none)."""
        return self._attestation(source, self.doc_until)

    def _attestation(self, source: Source, by_document: dict[str, str]) -> str | None:
        doc = source.get("document")
        if doc is None:
            return None
        return self.quote_dates.get((doc, source.get("quote", ""))) or by_document.get(doc)

    def record_cadence(
        self, node_id: str, entry: dict, sources: list[Source], where: tuple[Path, int, str]
    ) -> None:
        """A document's statement of a forum's meetings per year, dated by the entry's own sources."""
        values = {k: entry[k] for k in MEETING_KEYS if entry.get(k) is not None}
        if not values:
            return
        self.check_meeting_range(*where, values)
        dated = sorted((d, s["document"]) for s in sources if (d := self.attested(s)))
        day, doc = dated[0] if dated else (None, None)
        self.cadence.setdefault(node_id, []).append((day or "", doc, values))

    def check_meeting_range(self, path: Path, line: int, what: str, values: Mapping) -> None:
        """A range of meetings per year runs upwards: ``meetings_per_year_max`` is at least the value."""
        low, high = values.get("meetings_per_year"), values.get("meetings_per_year_max")
        if _is_number(low) and _is_number(high) and high < low:
            self.ctx.add(
                path,
                line,
                f"{what}: meetings_per_year_max {high} is below meetings_per_year {low}; the maximum is "
                "the upper bound of the range (swap them).",
            )

    def finish_facts(self) -> None:
        """Attestation dates on every fact; the period rule; each forum's cadence over time."""
        items = [(n, f"node '{n['id']}'") for n in self.nodes.values()]
        items += [(r, f"relationship '{r['id']}'") for r in self.rels.values()]
        for item, what in items:
            props = item["properties"]
            starts = [d for s in item["sources"] if (d := self.attested(s))]
            ends = [d for s in item["sources"] if (d := self.attested_until(s))]
            if starts:
                props["last_attested"] = max(ends)
                ended_before = (
                    props.get("valid_to") and not props.get("valid_from") and props["valid_to"] < min(starts)
                )
                # reference data attests a fact undated; an end reported afterwards (004: DKS
                # "nedlægges") says it held until then: either way its start is before the sources.
                # A stated valid_from starts the fact itself: its first attestation is then not
                # stored (it would change no answer, and it is one property less on every dated fact)
                stated_start = props.get("valid_from") and props.get("period_confidence") != "inferred"
                if not ended_before and not stated_start and not any("url" in s for s in item["sources"]):
                    props["attested_from"] = min(starts)
            if props.get("valid_from") is None and props.get("valid_to") is None:
                continue
            path, line = item["_where"]
            reasoned = "inferred" in (props.get("period_confidence"), props.get("confidence"))
            if reasoned and not (props.get("validity_basis") or props.get("basis")):
                self.ctx.add(
                    path,
                    line,
                    f"{what}: a reasoned period needs validity_basis saying how valid_from / valid_to were reasoned.",
                )
            elif not reasoned and not props.get("period_quotes"):
                self.ctx.add(
                    path,
                    line,
                    f"{what}: valid_from / valid_to need period_sources quoting the passage that gives the date; "
                    "a date no source gives is left out (the fact is attested on its document's date), or "
                    "marked period_confidence: inferred with validity_basis.",
                )
        self.check_reference_discipline()
        for r in self.rels.values():
            props = r["properties"]
            if r["type"] == "MEMBER_OF" and props.get("seats") == 0 and props.get("role") not in ROLE_ONLY:
                path, line = r["_where"]
                self.ctx.add(
                    path,
                    line,
                    f"relationship '{r['id']}': seats: 0 marks a role held on a seat counted elsewhere, so its "
                    f"role must be one of {list(ROLE_ONLY)}, not '{props.get('role')}'.",
                )
        for node_id, entries in self.cadence.items():
            props = self.nodes[node_id]["properties"]
            merged: dict[tuple[str, str | None], dict] = {}  # one statement per document and date
            for day, doc, values in entries:
                merged.setdefault((day, doc), {}).update(values)
            history = [
                {"from": day or None, "document": doc, **values}
                for (day, doc), values in sorted(merged.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
            ]
            for k in MEETING_KEYS:
                props.pop(k, None)
            props.update({k: v for k, v in history[-1].items() if k in MEETING_KEYS})
            props["meetings_history"] = json.dumps(history, ensure_ascii=False, sort_keys=True)

    def check_reference_discipline(self) -> None:
        """A stated relationship to a body known only from reference data (every source of it a
        url: a named cluster) must quote that body's name; otherwise it rests on the reference, so it
        cites it and is inferred."""

        def names_of(node: dict) -> list[str]:
            p = node["properties"]
            return [n.lower() for n in (node["name"], p.get("abbreviation"), *(p.get("aliases") or [])) if n]

        def named(node: dict, quotes: list[str]) -> bool:
            return any(n in q for n in names_of(node) for q in quotes)

        known_only_by_reference = {}
        for n in self.nodes.values():
            if n["label"] != "Forum" or not any("url" in s for s in n["sources"]):
                continue
            quotes = [s["quote"].lower() for s in n["sources"] if "document" in s]
            if named(n, quotes):
                continue
            known_only_by_reference[n["id"]] = n
            if quotes and n["properties"].get("confidence") != "inferred":
                path, line = n["_where"]
                self.ctx.add(
                    path,
                    line,
                    f"node '{n['id']}' is known only from reference data, yet quotes that do not name it "
                    "describe it; give those quotes to the collective the text names (e.g. 'klyngerne').",
                )
        for r in self.rels.values():
            props = r["properties"]
            if props.get("confidence") == "inferred":
                continue
            quotes = [s["quote"].lower() for s in r["sources"] if "document" in s]
            if not quotes:
                continue
            for end in (r["start"], r["end"]):
                node = known_only_by_reference.get(end)
                if node is not None and not named(node, quotes):
                    path, line = r["_where"]
                    self.ctx.add(
                        path,
                        line,
                        f"relationship '{r['id']}': '{end}' is known only from reference data and no quote "
                        f"of this fact names it; state it of the collective the text names (e.g. "
                        f"'klyngerne'), or cite the reference (url) and mark it confidence: inferred with a basis.",
                    )

    # ---- gaps and rules
    def schema_lacks(self, path: Path, line: int, kind: str, name: str, made_from: str) -> bool:
        """Whether schema.yaml lacks a label or type the compiler makes nodes or relationships of
        (reported once: a model whose schema dropped it cannot hold what ``made_from`` states)."""
        known = self.schema.labels if kind == "label" else self.schema.relationship_types
        if name in known:
            return False
        if (kind, name) not in self.lacking:
            self.lacking.add((kind, name))
            self.ctx.add(
                path,
                line,
                f"{made_from} become {name} {'nodes' if kind == 'label' else 'relationships'}, but "
                f"model/schema.yaml defines no {kind} '{name}'; add it there (see the project's schema.yaml).",
            )
        return True

    def compile_gaps(self) -> None:
        for path, entry, doc in self.gap_entries:
            line = _line(entry)
            if self.schema_lacks(path, line, "label", "Gap", "entries of 'gaps:'"):
                continue
            if not isinstance(entry, dict) or not entry.get("id"):
                self.ctx.add(
                    path,
                    line,
                    "a gap needs an 'id', 'gap_type', 'name', 'description', 'concerns' and 'sources'.",
                )
                continue
            gid = str(entry["id"])
            what = f"gap '{gid}'"
            for k in sorted(set(entry) - GAP_KEYS):
                self.ctx.add(path, line, f"{what}: unknown key '{k}'.{_close(k, GAP_KEYS)}")
            if gid in self.nodes:
                p, ln = self.nodes[gid]["_where"]
                self.ctx.add(
                    path,
                    line,
                    f"duplicate id '{gid}' (first defined at {self.ctx.rel(p)}:{ln}); rename the gap.",
                )
                continue
            props = {
                k: entry[k]
                for k in ("gap_type", "description", "status", "valid_from", "valid_to", "note")
                if k in entry
            }
            props.setdefault("status", "active")
            props = self.check_props(path, line, what, props, self.node_spec("Gap"), _removed(entry))
            sources = self.sources(path, entry, doc, what)
            self.nodes[gid] = {
                "id": gid,
                "label": "Gap",
                "name": str(entry.get("name") or ""),
                "properties": props,
                "sources": sources,
                "_where": (path, line),
            }
            if not entry.get("name"):
                self.ctx.add(path, line, f"{what}: missing 'name' (one line stating the question).")
            concerns = _as_list(entry.get("concerns"))
            if not concerns:
                self.ctx.add(path, line, f"{what}: 'concerns' must list the ids of the nodes it is about.")
            for c in concerns:
                self.rel_entries.append(
                    (
                        path,
                        _LineDictOf(
                            line,
                            {
                                "type": "CONCERNS",
                                "start": gid,
                                "end": c,
                                "_sources": sources,
                                "_inherit": props,
                            },
                        ),
                        {},
                    )
                )

    def compile_rules(self) -> None:
        seen: dict[str, str] = {}
        for path, entry, doc in self.rule_entries:
            line = _line(entry)
            if self.schema_lacks(path, line, "label", "Rule", "entries of 'rules:'"):
                continue
            if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
                self.ctx.add(
                    path, line, "a rule needs an 'id', a 'name', a 'description', 'applies_to' and 'sources'."
                )
                continue
            rid = str(entry["id"])
            what = f"rule '{rid}'"
            if rid in seen:
                self.ctx.add(path, line, f"duplicate rule id '{rid}' (first at {seen[rid]}); rename one.")
                continue
            if rid in self.nodes:  # a rule is a node in the graph: ids are unique across both
                p, ln = self.nodes[rid]["_where"]
                self.ctx.add(
                    path,
                    line,
                    f"duplicate id '{rid}' (first defined at {self.ctx.rel(p)}:{ln}); rename the rule.",
                )
                continue
            seen[rid] = f"{self.ctx.rel(path)}:{line}"
            for k in sorted(set(entry) - RULE_KEYS):
                self.ctx.add(path, line, f"{what}: unknown key '{k}'.{_close(k, RULE_KEYS)}")
            applies = [str(a) for a in _as_list(entry.get("applies_to"))]
            for a in applies:
                if a not in self.nodes and a not in self.malformed:
                    self.ctx.add(
                        path, line, f"{what}: applies_to '{a}' is not a node id.{_close(a, self.nodes)}"
                    )
            self._check_rule_spec(path, line, what, entry.get("check"))
            sources = self.sources(path, entry, doc, what)
            self.rules.append(
                {
                    "id": rid,
                    "name": str(entry["name"]),
                    "description": str(entry.get("description") or ""),
                    "applies_to": applies,
                    "check": _plain(entry.get("check")),
                    "sources": sources,
                    "attested_dates": sorted({d for s in sources if (d := self.attested(s))}),
                }
            )

    RULE_KINDS = tuple(_schema.CHECK_KINDS)

    def _check_rule_spec(self, path, line, what, chk) -> None:
        if chk is None:
            return
        if not isinstance(chk, dict) or chk.get("kind") not in self.RULE_KINDS:
            kind = chk.get("kind") if isinstance(chk, dict) else chk
            self.ctx.add(
                path,
                line,
                f"{what}: check kind '{kind}' is not one of {list(self.RULE_KINDS)}.{_close(str(kind), self.RULE_KINDS)}",
            )
            return
        if chk.get("at") is not None:
            self.check_value(path, line, f"{what}: check 'at'", chk["at"], {"type": "date"})
        if chk.get("kind") == "meetings":
            self.check_meeting_range(path, line, f"{what}: check", chk)
        low, high = chk.get("min"), chk.get("max")
        if _is_number(low) and _is_number(high) and high < low:
            self.ctx.add(path, line, f"{what}: check 'max' {high} is below 'min' {low}; swap them.")
        ids = [chk.get("forum"), *(chk.get("bodies") or [])]
        for side in (chk.get("a"), chk.get("b")):
            ids += (
                [side]
                if isinstance(side, str)
                else [side.get("forum"), side.get("member")]
                if isinstance(side, dict)
                else []
            )
        for exp in chk.get("expect") or []:
            ids.append(exp.get("member"))
            m = exp.get("municipalities")
            ids += [m] if isinstance(m, str) else list(m or [])
        for i in ids:
            if i is not None and i not in self.nodes and i not in self.malformed:
                self.ctx.add(
                    path, line, f"{what}: check refers to unknown node '{i}'.{_close(str(i), self.nodes)}"
                )

    def check_refs_and_gaps(self) -> None:
        for path, line, what, value, to in self.pending_refs:
            if value in self.malformed and value not in self.nodes:
                continue
            if value not in self.nodes:
                self.ctx.add(
                    path, line, f"{what} points to unknown node '{value}'.{_close(value, self.nodes)}"
                )
            elif to and self.nodes[value]["label"] not in to:
                self.ctx.add(
                    path,
                    line,
                    f"{what} must point to a {' or '.join(to)}, but '{value}' is a {self.nodes[value]['label']}.",
                )
        items = [(n["_where"], n["properties"], f"node '{n['id']}'") for n in self.nodes.values()]
        items += [(r["_where"], r["properties"], f"relationship '{r['id']}'") for r in self.rels.values()]
        for (path, line), props, what in items:
            gid = props.get("gap")
            if (
                gid is not None
                and gid not in self.malformed
                and (gid not in self.nodes or self.nodes[gid]["label"] != "Gap")
            ):
                gaps = [n for n, d in self.nodes.items() if d["label"] == "Gap"]
                self.ctx.add(path, line, f"{what}: gap '{gid}' is not a gap id.{_close(gid, gaps)}")
            vf, vt = props.get("valid_from"), props.get("valid_to")
            if vf and vt and vf > vt:
                self.ctx.add(
                    path, line, f"{what}: valid_from {vf} is after valid_to {vt}; swap them or fix the dates."
                )
            if props.get("confidence") == "inferred" and not props.get("basis"):
                self.ctx.add(
                    path, line, f"{what}: an inferred fact needs a 'basis' saying how it was derived."
                )

    def check_unique(self) -> None:
        """Two nodes of a label never share a property schema.yaml declares ``unique`` (the
        database's constraint would refuse the load; here it is one line at validate)."""
        by_label: dict[str, list[dict]] = {}
        for n in self.nodes.values():
            by_label.setdefault(n["label"], []).append(n)
        for label, nodes in by_label.items():
            spec = self.node_spec(label) if label in self.schema.labels else {}
            for key in [k for k, s in spec.items() if s.get("unique") and k != "id"]:
                first: dict[str, dict] = {}
                for n in nodes:
                    value = n["properties"].get(key)
                    if value is None:
                        continue
                    seen = first.setdefault(json.dumps(value, sort_keys=True, default=str), n)
                    if seen is not n:
                        path, line = n["_where"]
                        p, ln = seen["_where"]
                        self.ctx.add(
                            path,
                            line,
                            f"node '{n['id']}': {key} {value!r} is also the {key} of '{seen['id']}' "
                            f"({self.ctx.rel(p)}:{ln}); schema.yaml declares it unique for a {label}, so "
                            "correct one of them.",
                        )

    # ---- everything
    def compile(self) -> Model:
        self.pending_refs: list = []
        self.read_schema()
        self.read_documents()
        self.read_offices()
        self.read_facts()
        self.apply_extends()
        self.compile_gaps()
        self.compile_relationships()
        self.compile_rules()
        self.finish_facts()
        self.check_refs_and_gaps()
        self.check_unique()
        if self.ctx.problems:
            raise ModelInvalid(self.ctx.problems)
        nodes: list[NodeRecord] = [
            {
                "id": n["id"],
                "labels": [n["label"]],
                "name": n["name"],
                "properties": {k: v for k, v in n["properties"].items() if v is not None},
                "sources": n["sources"],
            }
            for n in sorted(self.nodes.values(), key=lambda n: n["id"])
        ]
        for r in self.rules:  # rules travel to the database as Rule nodes
            props = {
                "description": r["description"],
                "applies_to": r["applies_to"],
                "attested_dates": r["attested_dates"],
                "status": "active",
                "confidence": "stated",
            }
            if r["check"]:
                props["check"] = json.dumps(r["check"], ensure_ascii=False, sort_keys=True)
            nodes.append(
                {
                    "id": r["id"],
                    "labels": ["Rule"],
                    "name": r["name"],
                    "properties": props,
                    "sources": r["sources"],
                }
            )
        nodes.sort(key=lambda n: n["id"])
        rels: list[RelationshipRecord] = [
            {
                "id": r["id"],
                "type": r["type"],
                "start": r["start"],
                "end": r["end"],
                "properties": {k: v for k, v in r["properties"].items() if v is not None},
                "sources": r["sources"],
            }
            for r in sorted(self.rels.values(), key=lambda r: r["id"])
        ]
        return Model(
            schema=self.schema,
            documents=self.documents,
            nodes=nodes,
            relationships=rels,
            rules=self.rules,
            directory=self.root,
        )


#: the roles a membership may hold on a seat another membership counts (``seats: 0``)
ROLE_ONLY = ("formand", "næstformand", "medformand", "mødeleder", "leder")
#: a forum's cadence: stated per document, each holding from that document's date
MEETING_KEYS = ("meetings_per_year", "meetings_per_year_max", "meetings_note")
#: what a PART_OF / HOLDS_OFFICE_IN made from a node's shorthand takes from the node
_INHERITED = (
    "status",
    "valid_from",
    "valid_to",
    "validity_basis",
    "period_confidence",
    "period_documents",
    "period_quotes",
    "confidence",
    "basis",
)


def _removed(*entries: Mapping) -> set[str]:
    """The keys of these entries already reported malformed and removed by the JSON Schema check."""
    return {k for e in entries for k in (e.get("_removed") or ())}


def _entry_what(section: str, index: int, entry: Any) -> str:
    """How problems name an entry of a facts file: node 'x', relationship 'T' from a to b, …"""
    if not isinstance(entry, dict):
        return f"{section[:-1]} {index + 1} of '{section}'"
    if section == "nodes":
        if isinstance(entry.get("extends"), str):
            return f"extends '{entry['extends']}'"
        return f"node '{entry['id']}'" if isinstance(entry.get("id"), str) else f"node {index + 1} of 'nodes'"
    if section == "relationships":
        if isinstance(entry.get("type"), str):
            return f"relationship '{entry['type']}' from {_show(entry.get('start'))} to {_show(entry.get('end'))}"
        return f"relationship {index + 1} of 'relationships'"
    return (
        f"{section[:-1]} '{entry['id']}'"
        if isinstance(entry.get("id"), str)
        else f"{section[:-1]} {index + 1} of '{section}'"
    )


def _is_number(v: object) -> TypeGuard[float]:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _as_list(v) -> list:
    if v is None:
        return []
    return list(v) if isinstance(v, (list, tuple)) else [v]


def _show(ep) -> str:
    if isinstance(ep, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in ep.items()) + "}"
    return f"'{ep}'"


def _plain(v):
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, _dt.date):
        return v.isoformat()
    return v


def _merge_sources(a: list[Source], b: list[Source]) -> list[Source]:
    """Sources of both lists without repeats, in the order the facts give them.

    Not :func:`sundhedsgraf.sources.dedupe`: that one sorts (so both question paths agree) and
    treats two notes on one url as one source; the model keeps the files' order and every note,
    and the answers dedupe when they are read."""
    out, seen = [], set()
    for s in list(a) + list(b):
        key = json.dumps(s, sort_keys=True, ensure_ascii=False)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def load_model(model_dir: str | Path | None = None) -> Model:
    """Read, validate and compile the model in ``model_dir`` (default: the project's model/).

    Raises ModelInvalid with every problem found, or ModelError if the folder is missing."""
    root = Path(model_dir) if model_dir is not None else default_model_dir()
    try:
        os.lstat(root / "schema.yaml")  # a link that cannot be followed is reported when it is read
    except (FileNotFoundError, NotADirectoryError):
        raise ModelError(
            f"{root}: no schema.yaml here; point --model (or SUNDHEDSGRAF_MODEL) at a model folder such as the project's model/."
        ) from None
    except OSError as e:
        raise ModelError(
            f"{root}: cannot open the model folder ({e.strerror}); make it readable by you (chmod u+rx)."
        ) from None
    from .speed import gc_paused

    with gc_paused():  # a third faster on large models (see speed.gc_paused)
        return _Compiler(root).compile()
