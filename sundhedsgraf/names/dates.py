"""Dates in free text.

Dates in questions (:func:`extract_dates`): a full date is taken as given ("on 2024-05-01",
"pr. 1. januar 2027", "1/1/2027" day first); a month and year means the first of the month
("januar 2027" → 2027-01-01); **a year alone means 1 July of that year** ("i 2024" → 2024-07-01):
the middle of the year, so that the state "in 2015" includes structures that began during January
(the 2015 health agreement's from 26 January) and the state "in 2026" is not the state of a 1
January changeover day. A question names at most one date, except ``changes``: two dates are its
``date_from`` and ``date_to`` in the order written ("fra 2015 til 2027" → 2015-07-01 … 2027-07-01);
one year alone compares the last day of the year before with the last day of that year ("hvad
ændrer sig i 2026?" → 2025-12-31 … 2026-12-31); "siden/since/fra 2022" runs from 2021-12-31 to
today and "frem til/until 2027" from today to 2027-12-31 (a full date is taken as given).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ..errors import ConfigError
from .folding import fold

_MONTHS = {
    "januar": 1,
    "january": 1,
    "jan": 1,
    "februar": 2,
    "february": 2,
    "feb": 2,
    "marts": 3,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "jun": 6,
    "juli": 7,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "october": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_M = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")),
    ("dmy", re.compile(r"(?<![\d./-])(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?![\d./-])")),
    ("d month y", re.compile(rf"(?<!\d)(\d{{1,2}})\.?\s*(?:of\s+)?({_M})\.?,?\s+(\d{{4}})(?!\d)", re.I)),
    ("month d y", re.compile(rf"\b({_M})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.I)),
    ("month y", re.compile(rf"\b({_M})\.?\s+(\d{{4}})(?!\d)", re.I)),
    ("year", re.compile(r"(?<![\d-])((?:19|20)\d\d)(?![\d-])")),
]
YEAR_MONTH, YEAR_DAY = 7, 1  # a year alone means 1 July (see the module docstring)


@dataclass(frozen=True)
class FoundDate:
    """A date found in a question: ``date``, its ``precision`` ("day", "month", "year"), where it
    is (``start``, ``end``) and the word before it (lower case, "" at the start)."""

    date: _dt.date
    precision: str
    start: int
    end: int
    before: str

    @property
    def iso(self) -> str:
        return self.date.isoformat()


def _make_date(y: int, m: int, d: int, text: str) -> _dt.date:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        raise ConfigError(
            f"'{text.strip()}' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-01"
        ) from None


def extract_dates(text: str) -> tuple[list[FoundDate], str]:
    """The dates in ``text`` in order, and the text with them blanked out (same length)."""
    masked = str(text)
    found: list[FoundDate] = []
    for kind, rx in _DATE_PATTERNS:
        for m in rx.finditer(masked):
            g = m.groups()
            if kind == "ymd":
                d, precision = _make_date(int(g[0]), int(g[1]), int(g[2]), m.group()), "day"
            elif kind == "dmy":
                d, precision = _make_date(int(g[2]), int(g[1]), int(g[0]), m.group()), "day"
            elif kind == "d month y":
                d, precision = _make_date(int(g[2]), _MONTHS[g[1].lower()], int(g[0]), m.group()), "day"
            elif kind == "month d y":
                d, precision = _make_date(int(g[2]), _MONTHS[g[0].lower()], int(g[1]), m.group()), "day"
            elif kind == "month y":
                d, precision = _make_date(int(g[1]), _MONTHS[g[0].lower()], 1, m.group()), "month"
            else:
                d, precision = _dt.date(int(g[0]), YEAR_MONTH, YEAR_DAY), "year"
            before = re.findall(r"[^\W\d_]+\.?", masked[: m.start()])
            found.append(
                FoundDate(d, precision, m.start(), m.end(), before[-1].lower().rstrip(".") if before else "")
            )
        for f in found:
            masked = masked[: f.start] + " " * (f.end - f.start) + masked[f.end :]
    found.sort(key=lambda f: f.start)
    return found, masked


def _last_day(year: int, month: int) -> _dt.date:
    nxt = _dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


_SINCE = {"siden", "since", "fra", "from", "efter", "after"}
_UNTIL = {"til", "to", "until", "till", "indtil", "inden", "by", "before", "foer"}


def _change_window(found: list[FoundDate], today: _dt.date) -> tuple[str, str]:
    if len(found) >= 2:
        return found[0].iso, found[1].iso
    f = found[0]
    start_of_year = _dt.date(f.date.year - 1, 12, 31) if f.precision == "year" else f.date
    end_of_year = _dt.date(f.date.year, 12, 31) if f.precision == "year" else f.date
    if fold(f.before) in _SINCE:
        return start_of_year.isoformat(), today.isoformat()
    if fold(f.before) in _UNTIL:
        return today.isoformat(), end_of_year.isoformat()
    if f.precision == "year":
        return _dt.date(f.date.year - 1, 12, 31).isoformat(), _dt.date(f.date.year, 12, 31).isoformat()
    if f.precision == "month":
        return (f.date - _dt.timedelta(days=1)).isoformat(), _last_day(f.date.year, f.date.month).isoformat()
    return (f.date - _dt.timedelta(days=1)).isoformat(), f.iso


def parse_date(value: object, what: str) -> str:
    """An ISO date from what a user gave for ``what`` (an option or argument): YYYY-MM-DD, or a
    year alone, which means 1 July of that year (as in free text)."""
    text = str(value)
    try:
        return _dt.date.fromisoformat(text).isoformat()
    except ValueError:
        if text.isdigit() and len(text) == 4:
            return _dt.date(int(text), YEAR_MONTH, YEAR_DAY).isoformat()
        raise ConfigError(
            f"{what} '{value}' is not a date; write YYYY-MM-DD (e.g. 2024-06-01) or a year."
        ) from None
