"""Which sentences of each source document no fact cites.

:func:`coverage` splits every document into sentences and marks a sentence cited when a quote of a
node, relationship, gap or rule overlaps it. Quotes are compared as the model checks them, with
whitespace folded (:func:`sundhedsgraf.model.fold_ws`): each sentence has a span in the folded text of
its document, every occurrence of every quote of that document is a span there too, and a sentence is
cited when the two overlap (a quote may be part of one sentence or run over several).

:func:`sentences` suits the seed documents, plain text extracted from PDFs and web pages: sentences
run over hard line breaks, a blank line or a bullet ends one, headings and list items have no full
stop, and Danish abbreviations and dates (bl.a., f.eks., s. 89, 1. jan. 2027, 26.1.2015) have dots
that end nothing. Some PDFs come out double-spaced (a blank line after every line); there it takes
two blank lines to end a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from .errors import ModelError
from .model import Model, fold_ws

__all__ = ["Sentence", "coverage", "sentences"]


class Sentence(NamedTuple):
    """A sentence: its text (whitespace folded) and its span [start, end) in the folded document."""

    text: str
    start: int
    end: int


#: words ending in a dot that do not end a sentence (compared in lower case)
ABBREVIATIONS = frozenset(
    {
        "bl.a.",
        "f.eks.",
        "fx.",
        "fh.",
        "evt.",
        "jf.",
        "jfr.",
        "ca.",
        "cirka.",
        "dvs.",
        "mht.",
        "iht.",
        "ift.",
        "pga.",
        "vedr.",
        "inkl.",
        "ekskl.",
        "hhv.",
        "o.l.",
        "el.",
        "s.",
        "nr.",
        "stk.",
        "kap.",
        "pkt.",
        "tlf.",
        "kl.",
        "mio.",
        "mia.",
        "kr.",
        "ang.",
        "bla.",
        "div.",
        "ol.",
        "gl.",
        "adm.",
        "afd.",
        "jan.",
        "feb.",
        "febr.",
        "mar.",
        "apr.",
        "jun.",
        "jul.",
        "aug.",
        "sep.",
        "sept.",
        "okt.",
        "nov.",
        "dec.",
    }
)
#: abbreviations that close enumerations, and so often a sentence: they end one before a capital
#: ("... bestyrelsen for trafikselskab mv. KD-Net mødes ...") and nothing before lower case
#: ("initiativer mv. i regi af sundhedsaftalen")
FINAL_ABBREVIATIONS = frozenset({"mv.", "m.m.", "m.fl.", "osv.", "etc."})

_UPPER = "A-ZÆØÅÄÖÜÉ"
_QUOTES = "\"'“”„‘’«»"
#: a dot, question or exclamation mark (and closing quotes or brackets) before a space and a capital,
#: a digit or an opening quote
_END = re.compile(rf"[.?!][)\]{_QUOTES}]*(?=\s+[{_UPPER}0-9{_QUOTES}])")
#: a bullet at the start of a line: a glyph, or a dash before a space
_BULLET = re.compile(r"[ \t\xa0]*(?:[•●▪◦·\uf0b7\uf0a7]|[-–](?=\s))[ \t\xa0]*")
#: a bullet inside a line
_INNER_BULLET = re.compile(r"(?<=\s)[•●▪◦\uf0b7\uf0a7](?=\s)")
#: a numbered item at the start of a line ("2. Centrale niveau"); "1. april" starts in lower case
_NUMBERED = re.compile(rf"\s*\d{{1,2}}[.)]\s+(?=[{_UPPER}])")
#: a line that starts indented with a capital: a list item whose bullet glyph the extraction lost
_INDENTED = re.compile(rf"[ \t]+(?=[{_UPPER}])")
_STARTS_NEW = re.compile(rf"[{_UPPER}0-9{_QUOTES}]")
#: line ends that say the sentence goes on
_GOES_ON = (",", ";", "-", "–", "/", "(", "&", "+")
#: a line shorter than this share of the document's usual width ends before a capital: a heading or
#: an item of a list whose bullets were lost ("Medlemmer:", "Formand for PLO")
_SHORT = 0.7


class _Line(NamedTuple):
    start: int  # offset of the line's first character in the raw text
    text: str  # without the line break


def _lines(text: str) -> list[_Line]:
    out, at = [], 0
    for raw in text.splitlines(keepends=True):
        out.append(_Line(at, raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")))
        at += len(raw)
    return out


def _width(lines: list[_Line]) -> int:
    """The usual length of a full line: the 90th percentile of the non-blank lines' lengths."""
    lengths = sorted(len(ln.text.strip()) for ln in lines if ln.text.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def _double_spaced(lines: list[_Line]) -> bool:
    """Whether (almost) every line is followed by a blank one, as some PDF extractions write."""
    filled = [i for i, ln in enumerate(lines) if ln.text.strip()]
    if len(filled) < 5:
        return False
    adjacent = sum(1 for i in filled if i + 1 < len(lines) and lines[i + 1].text.strip())
    return adjacent < 0.1 * len(filled)


def _segments(text: str) -> list[tuple[int, int]]:
    """Raw spans between line-level boundaries: paragraph breaks, bullets, list items, headings."""
    lines = _lines(text)
    width = _width(lines)
    gap_ends = 2 if _double_spaced(lines) else 1
    segments: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    prev = ""  # the previous non-blank line, stripped
    blanks = 0
    for line in lines:
        body = line.text
        if not body.strip():
            blanks += 1
            continue
        body_start = line.start
        bullet = _BULLET.match(body)
        item = bullet or _NUMBERED.match(body) or _INDENTED.match(body)
        open_parens = start is not None and text.count("(", start, end) > text.count(")", start, end)
        goes_on = prev.endswith(_GOES_ON) or open_parens
        starts_new = _STARTS_NEW.match(body.lstrip()) is not None
        new = (
            start is None
            or item is not None
            # a blank line ends a paragraph, unless the sentence plainly goes on after it
            or (blanks >= gap_ends and not (goes_on and body.lstrip()[:1].islower()))
            or (len(prev) < _SHORT * width and not goes_on and starts_new)
        )
        if bullet:  # the glyph is no part of the sentence
            body_start += bullet.end()
        if new:
            if start is not None:
                segments.append((start, end))
            start = body_start
        end = line.start + len(body)
        prev = body.strip()
        blanks = 0
    if start is not None:
        segments.append((start, end))
    out = []
    for s, e in segments:  # a bullet inside a line starts an item too
        cuts = [m.start() for m in _INNER_BULLET.finditer(text, s, e)]
        for a, b in zip([s, *(c + 1 for c in cuts)], [*cuts, e], strict=True):
            out.append((a, b))
    return out


def _ends_sentence(text: str, dot: int, start: int) -> bool:
    """Whether the mark at ``dot`` ends the sentence that starts at ``start`` (not an abbreviation's
    dot, nor a list number's)."""
    if text[dot] != ".":
        return True
    word_start = dot
    while word_start > start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start : dot + 1].lstrip("([" + _QUOTES).lower()
    if word in FINAL_ABBREVIATIONS:
        return text[dot + 1 : dot + 20].lstrip()[:1].isupper()
    if word in ABBREVIATIONS:
        return False
    # a list number ("3. Sundhedspolitisk Dialogforum"; "1. april" goes on in lower case anyway)
    return not (word_start == start and re.fullmatch(r"\d{1,2}\.", word))


def _raw_sentences(text: str) -> Iterable[tuple[int, int]]:
    for s, e in _segments(text):
        at = s
        for m in _END.finditer(text, s, e):
            first = at + len(text[at : m.start()]) - len(text[at : m.start()].lstrip())
            if _ends_sentence(text, m.start(), first):
                yield at, m.end()
                at = m.end()
        yield at, e


def _folded_positions(text: str) -> dict[int, int]:
    """For each raw offset that starts or ends a run of non-whitespace, its offset in ``fold_ws(text)``
    (folding keeps the runs and puts one space between them)."""
    pos: dict[int, int] = {}
    at = 0
    for m in re.finditer(r"\S+", text):
        pos[m.start()] = at
        pos[m.end()] = at + (m.end() - m.start())
        at = pos[m.end()] + 1
    return pos


def sentences(text: str) -> list[Sentence]:
    """The sentences of a document, in order, with their spans in ``fold_ws(text)``. Fragments
    without a letter (page numbers, lone bullets) are left out."""
    pos = _folded_positions(text)
    folded = fold_ws(text)
    out = []
    for s, e in _raw_sentences(text):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s == e:
            continue
        # a bullet glued to its item ("•Politisk") puts the start inside a run of non-whitespace
        fs = pos.get(s)
        fe = pos.get(e)
        if fs is None or fe is None:
            fs, fe = _locate(text, s, e, pos)
        sentence = folded[fs:fe]
        if any(c.isalpha() for c in sentence):
            out.append(Sentence(sentence, fs, fe))
    return out


def _locate(text: str, s: int, e: int, pos: Mapping[int, int]) -> tuple[int, int]:
    """The folded span of raw [s, e) when it starts or ends inside a run of non-whitespace."""
    run_start = s
    while run_start > 0 and not text[run_start - 1].isspace():
        run_start -= 1
    run_end = e
    while run_end < len(text) and not text[run_end].isspace():
        run_end += 1
    return pos[run_start] + (s - run_start), pos[run_end] - (run_end - e)


def _quotes(model: Model) -> dict[str, set[str]]:
    """Every quote the model cites, folded, per document id (nodes include gaps and rules)."""
    out: dict[str, set[str]] = {}
    items: list[Any] = [*model.nodes, *model.relationships, *model.rules]
    for item in items:
        for src in item.get("sources") or ():
            doc, quote = src.get("document"), src.get("quote")
            if doc is not None and quote:
                out.setdefault(str(doc), set()).add(fold_ws(str(quote)))
    return out


def _cited_mask(folded: str, quotes: Iterable[str]) -> bytearray:
    """One byte per character of ``folded``: 1 where some occurrence of some quote covers it."""
    mask = bytearray(len(folded))
    for q in quotes:
        at = folded.find(q)
        while at >= 0:
            mask[at : at + len(q)] = b"\x01" * len(q)
            at = folded.find(q, at + 1)
    return mask


def _document_text(model: Model, doc: Mapping[str, Any]) -> str:
    if model.directory is None:
        raise ModelError(f"document '{doc.get('id')}': the model has no folder to read it from; pass texts=.")
    path = Path(model.directory) / "sources" / str(doc.get("file"))
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:  # changed since the model was loaded
        raise ModelError(
            f"{path}: cannot read document '{doc.get('id')}' ({e}); run sundhedsgraf validate."
        ) from e


def coverage(model: Model, texts: Mapping[str, str] | None = None) -> dict:
    """Per document, in the model's order: its sentences, how many a quote cites, their share, and
    the text of each sentence no quote cites.

    ``texts`` maps a document id to its text; by default each is read from the model's sources/
    folder (where :func:`sundhedsgraf.model.load_model` read and checked it).

    ``{"documents": [{"id", "title", "sentences", "cited", "share", "uncited": [text, ...]}]}``"""
    quotes = _quotes(model)
    documents = []
    for doc in model.documents:
        doc_id = str(doc.get("id"))
        text = texts[doc_id] if texts is not None else _document_text(model, doc)
        mask = _cited_mask(fold_ws(text), quotes.get(doc_id, ()))
        found = sentences(text)
        uncited = [s.text for s in found if not any(mask[s.start : s.end])]
        total, cited = len(found), len(found) - len(uncited)
        documents.append(
            {
                "id": doc_id,
                "title": doc.get("title"),
                "sentences": total,
                "cited": cited,
                "share": round(cited / total, 3) if total else 0.0,
                "uncited": uncited,
            }
        )
    return {"documents": documents}
