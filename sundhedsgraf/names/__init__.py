"""Names: folding (:mod:`.folding`), the forgiving name index (:mod:`.index`), dates in free text
(:mod:`.dates`) and the free-text question parser (:mod:`.parser`)."""

from __future__ import annotations

from .dates import FoundDate, extract_dates, parse_date
from .folding import fold, fold_words, loose
from .index import KINDS, AmbiguousName, Entry, NameIndex, UnknownName, kind_phrase
from .parser import UnrecognisedQuestion, parse_question

__all__ = [
    "KINDS",
    "AmbiguousName",
    "Entry",
    "FoundDate",
    "NameIndex",
    "UnknownName",
    "UnrecognisedQuestion",
    "extract_dates",
    "fold",
    "fold_words",
    "kind_phrase",
    "loose",
    "parse_date",
    "parse_question",
]
