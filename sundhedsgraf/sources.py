"""The source codec: how a fact's sources are stored in the graph and read back.

A source is ``{"document", "quote"}`` (a passage of a seed document) or ``{"url", "note"?, "quote"?}``
(reference data). Neo4j stores no maps, so a fact's sources are four parallel lists of text,
``source_documents``, ``source_quotes``, ``source_urls`` and ``source_notes`` (an empty string where a
source has no such part); the named queries return them as ``src_docs``, ``src_quotes``, ``src_urls``
and ``src_notes``. This module is the only place that knows the layout: the loader encodes with
:func:`encode`, both question paths decode with :func:`decode` / :func:`from_row` and order with
:func:`dedupe`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypedDict

#: the stored properties, in the order of the parts (document, quote, url, note)
STORED = ("source_documents", "source_quotes", "source_urls", "source_notes")
#: the same lists as the named queries return them
COLUMNS = ("src_docs", "src_quotes", "src_urls", "src_notes")


class Source(TypedDict, total=False):
    document: str
    quote: str
    url: str
    note: str


def encode(sources: Iterable[Source] | None) -> dict[str, list[str]]:
    """The stored lists of ``sources`` ({} when there are none: the properties are then absent). A
    part no source has (a url where every source quotes a document) is not stored: about a sixth of
    what the server writes per relationship on a large load."""
    items = list(sources or ())
    if not items:
        return {}
    out = {}
    for prop, part in zip(STORED, ("document", "quote", "url", "note"), strict=True):
        values = [str(s.get(part) or "") for s in items]
        if any(values):  # a list of empty strings says nothing: left out (decode reads it as empty)
            out[prop] = values
    return out


def decode(
    docs: Sequence[str] | None,
    quotes: Sequence[str] | None = None,
    urls: Sequence[str] | None = None,
    notes: Sequence[str] | None = None,
) -> list[Source]:
    """The sources of four stored lists, without repeats and in a stable order (see :func:`dedupe`)."""
    docs, quotes, urls, notes = docs or [], quotes or [], urls or [], notes or []
    out: list[Source] = []
    for i in range(max(len(docs), len(quotes), len(urls), len(notes))):
        d = docs[i] if i < len(docs) else ""
        q = quotes[i] if i < len(quotes) else ""
        if d:
            out.append({"document": d, "quote": q})
            continue
        src: Source = {"url": urls[i] if i < len(urls) else ""}
        if i < len(notes) and notes[i]:
            src["note"] = notes[i]
        if q:
            src["quote"] = q
        out.append(src)
    return dedupe(out)


def from_row(row: Mapping[str, object]) -> list[Source]:
    """The sources of a query row that carries the :data:`COLUMNS`."""
    return decode(*(row.get(c) for c in COLUMNS))  # type: ignore[arg-type]


def dedupe(sources: Iterable[Source]) -> list[Source]:
    """Sources without repeats, ordered by (document, quote, url): both question paths give the same list."""
    seen: dict[tuple[str, str, str], Source] = {}
    for src in sources:
        key = (src.get("document") or "", src.get("quote") or "", src.get("url") or "")
        seen.setdefault(key, src.copy())
    return [seen[k] for k in sorted(seen)]


def cites(sources: Iterable[Source], document: str | None) -> bool:
    """Whether one of ``sources`` is a passage of ``document`` (always, when no document is asked for)."""
    return document is None or any(s.get("document") == document for s in sources)
