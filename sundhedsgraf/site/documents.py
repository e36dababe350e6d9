"""A source document as a page: its text with every cited passage marked and every uncited
sentence marked too.

A passage is a quote as the facts cite it; its anchor (:func:`passage_id`) is the same on the
document page and in every source link, so ``dokument/004.html#p-…`` opens the page at the passage
(its first occurrence) and CSS ``:target`` highlights it. Quotes are found as the model checks them,
with whitespace folded (:func:`sundhedsgraf.model.fold_ws`); the text keeps its line breaks.
Passages may nest or cross: a crossing one is split, and every piece carries ``data-p`` so the
page's script can highlight all of them. Which sentences no fact cites comes from
:func:`sundhedsgraf.coverage.coverage`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from ..coverage import sentences
from ..model import fold_ws


def passage_id(quote: str) -> str:
    """The anchor of a quote on its document's page."""
    return "p-" + hashlib.sha1(fold_ws(quote).encode("utf-8")).hexdigest()[:10]


def _folded_to_raw(text: str) -> list[int]:
    """For each offset of ``fold_ws(text)`` (and its end), the offset in ``text``: characters of a run
    of non-whitespace map to themselves, the one space between two runs to the first whitespace."""
    out: list[int] = []
    runs = list(re.finditer(r"\S+", text))
    for i, m in enumerate(runs):
        out.extend(range(m.start(), m.end()))
        if i + 1 < len(runs):
            out.append(m.end())
    out.append(runs[-1].end() if runs else 0)
    return out


@dataclass(frozen=True)
class Passage:
    id: str
    quote: str  # whitespace folded
    start: int  # raw offsets of its first occurrence
    end: int


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    key: str  # passage id, or "" for an uncited sentence
    first: bool  # the occurrence that carries the anchor


def locate(text: str, quotes: Iterable[str]) -> tuple[list[Passage], list[_Span]]:
    """The passages found in ``text`` (in text order) and every occurrence of each, as raw spans."""
    folded = fold_ws(text)
    to_raw = _folded_to_raw(text)
    passages: dict[str, Passage] = {}
    spans: list[_Span] = []
    for q in sorted({fold_ws(quote) for quote in quotes} - {""}):
        pid = passage_id(q)
        at, first = folded.find(q), True
        while at >= 0:
            raw = _Span(to_raw[at], to_raw[at + len(q) - 1] + 1, pid, first)
            spans.append(raw)
            if first:
                passages.setdefault(pid, Passage(pid, q, raw.start, raw.end))
            first = False
            at = folded.find(q, at + 1)
    return sorted(passages.values(), key=lambda p: (p.start, -p.end, p.id)), spans


def uncited_spans(text: str, uncited: Sequence[str]) -> list[_Span]:
    """The raw spans of the sentences :func:`~sundhedsgraf.coverage.coverage` found uncited (its
    ``uncited`` texts, matched to :func:`~sundhedsgraf.coverage.sentences` in order)."""
    left: dict[str, int] = {}
    for u in uncited:
        left[u] = left.get(u, 0) + 1
    to_raw = _folded_to_raw(text)
    out = []
    for s in sentences(text):
        if left.get(s.text):
            left[s.text] -= 1
            out.append(_Span(to_raw[s.start], to_raw[s.end - 1] + 1, "", False))
    return out


def render_text(
    text: str, spans: Sequence[_Span], cite_counts: Mapping[str, int], uncited: Sequence[_Span]
) -> Markup:
    """The document's text as HTML (to sit in an element with ``white-space: pre-wrap``): each
    passage a ``<mark>`` (split where passages cross), followed by a link to the facts citing it;
    each uncited sentence a ``<span class="uncited">``."""
    items = list(spans) + list(uncited)
    cuts = sorted({0, len(text)} | {s.start for s in items} | {s.end for s in items})
    order = {s: (s.start, -s.end, s.key, not s.first) for s in items}
    out: list[str] = []
    open_: list[_Span] = []
    opened: set[_Span] = set()

    def close_to(n: int) -> None:
        while len(open_) > n:
            s = open_.pop()
            out.append("</mark>" if s.key else "</span>")
            if s.key and s.first and s.end <= pos:  # the passage's last piece: link to who cites it
                n = cite_counts.get(s.key, 0)
                out.append(
                    f'<a class="cite" href="#c-{s.key}" aria-label="Citeret af {n}"'
                    f' data-en-aria-label="Cited by {n}">[{n}]</a>'
                )

    for pos, nxt in pairwise(cuts):
        want = sorted((s for s in items if s.start <= pos < s.end), key=order.__getitem__)
        same = 0
        while same < min(len(open_), len(want)) and open_[same] == want[same]:
            same += 1
        close_to(same)
        for s in want[same:]:
            if not s.key:
                out.append('<span class="uncited">')
            else:
                attrs = f'class="q" data-p="{s.key}"'
                if s.first and s not in opened:
                    attrs = f'id="{s.key}" ' + attrs
                out.append(f"<mark {attrs}>")
            opened.add(s)
            open_.append(s)
        out.append(str(escape(text[pos:nxt])))
    pos = len(text)
    close_to(0)
    return Markup("".join(out))
