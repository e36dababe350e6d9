"""Export the compiled model: JSON (the documented shape) and GraphML (built with networkx)."""

from __future__ import annotations

import io
import json

from .model import Model


def to_json_bytes(model: Model) -> bytes:
    return (json.dumps(model.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _scalar(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_graphml_bytes(model: Model) -> bytes:
    """GraphML for Gephi/yEd. Lists (labels, aliases, sources) are stored as JSON text; every node
    has label, kind and name; every edge has id, type and sources."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for n in model.nodes:
        attrs = {k: _scalar(v) for k, v in n["properties"].items()}
        g.add_node(
            n["id"],
            **attrs,
            label=n["name"],
            name=n["name"],
            kind=n["labels"][0],
            labels=json.dumps(n["labels"]),
            sources=_scalar(n["sources"]),
        )
    for r in model.relationships:
        attrs = {k: _scalar(v) for k, v in r["properties"].items()}
        g.add_edge(
            r["start"],
            r["end"],
            key=r["id"],
            **attrs,
            id=r["id"],
            type=r["type"],
            sources=_scalar(r["sources"]),
        )
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buf.getvalue()
