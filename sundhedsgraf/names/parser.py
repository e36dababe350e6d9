"""Free-text questions in Danish or English, turned into a question of the registry and its arguments.

:func:`parse_question` turns a question in Danish or English into one of the named questions of
``sundhedsgraf ask`` and its arguments::

    parse_question("Hvor er Samsø Kommune repræsenteret i 2024?", index)
    # ('represented', {'municipality': 'kommune-samsoe', 'as_of': '2024-07-01'})

Questions (:func:`parse_question`, the registry :data:`sundhedsgraf.questions.REGISTRY` gives each question's arguments, examples
and keywords): the dates are taken out first; the names are found by scanning the
word n-grams, longest first, against step 1 (plus Danish endings on the last word: "Viborgs",
"KOSU-formanden"), so "Ringkøbing-Skjern Kommune" and "Region Midtjylland" are one name each; the
question kind is recognised by keyword patterns on the words outside those names (in the registry's
:data:`~sundhedsgraf.questions.registry.CLASSIFY_ORDER`); a region named elsewhere in the question settles an ambiguous name
("hvem sidder i SKU i Nordjylland?"); words left over are resolved with steps 1-4, so a typo gets
"did you mean". A question may also start with the question's name ("members KOSU").

"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from .dates import _change_window, extract_dates
from .folding import _ENDINGS, _STOP, fold, fold_words
from .index import AmbiguousName, NameIndex, kind_phrase


class UnrecognisedQuestion(ConfigError):
    """The free-text question matches none of the named questions."""


def _questions():
    """The registry, read on first use (the parser is imported by the registry's readers too)."""
    from ..questions.registry import CLASSIFY_ORDER, REGISTRY

    return REGISTRY, CLASSIFY_ORDER


def _slots(question: str) -> list[tuple[str, frozenset[str]]]:
    """The name arguments of a question: (argument, the kinds it accepts)."""
    return [(a.name, a.kinds) for a in _questions()[0][question].args if a.type == "node"]


def _example(question: str, lang: str = "da") -> str:
    q = _questions()[0][question]
    return (q.examples_da if lang == "da" else q.examples_en)[0]


_BODY = frozenset({"Forum", "Organisation"})


@functools.cache
def _classifiers() -> list[tuple[str, re.Pattern[str]]]:
    """The registry's keyword patterns in its classification order, compiled on first use (20 ms
    that `ask NAME` never needs)."""
    registry, order = _questions()
    return [
        (name, re.compile(r"(?<!\S)(?:" + registry[name].keywords + r")(?!\S)"))
        for name in order
        if registry[name].keywords
    ]


@dataclass
class _Mention:
    start: int  # token indexes
    end: int
    text: str
    hits: dict[str, int]
    id: str | None = None
    used: bool = False


def _tokens(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\W_]+", text)]


@functools.lru_cache(maxsize=4096)
def _is_vocabulary(word: str) -> bool:
    w = fold(word)
    return not w or w in _STOP or w.isdigit() or any(rx.search(f" {w} ") for _, rx in _classifiers())


def _scan(text: str, index: NameIndex, kinds: frozenset[str] | None) -> list[_Mention]:
    """Names in ``text``, longest first, left to right (exact matches and Danish endings only)."""
    toks = _tokens(text)
    out: list[_Mention] = []
    i = 0
    while i < len(toks):
        for length in range(min(index.max_words + 1, len(toks) - i), 0, -1):
            s, e = toks[i][0], toks[i + length - 1][1]
            phrase = text[s:e]
            if length == 1 and (
                (_is_vocabulary(phrase) and not index._exact(phrase, kinds)) or len(fold(phrase)) < 2
            ):
                continue
            if length > 1 and all(_is_vocabulary(text[a:b]) for a, b in toks[i : i + length]):
                continue
            hits = index._exact(phrase, kinds)
            if not hits:
                last = text[toks[i + length - 1][0] : e]
                for ending in _ENDINGS:
                    if len(last) - len(ending) >= 3 and last.lower().endswith(ending):
                        hits = index._exact(phrase[: len(phrase) - len(ending)], kinds)
                        if hits:
                            break
            if hits:
                out.append(_Mention(i, i + length, phrase, hits))
                i += length
                break
        else:
            i += 1
    return out


def _blank(text: str, mentions: list[_Mention]) -> str:
    """``text`` with the found names blanked out."""
    toks = _tokens(text)
    for m in mentions:
        s, e = toks[m.start][0], toks[m.end - 1][1]
        text = text[:s] + " " * (e - s) + text[e:]
    return text


def _residual_runs(text: str, mentions: list[_Mention]) -> list[str]:
    """Runs of words that are neither question words nor found names: names the index missed."""
    toks = _tokens(text)
    covered = {t for m in mentions for t in range(m.start, m.end)}
    runs: list[list[int]] = []
    for t, (s, e) in enumerate(toks):
        if t in covered or _is_vocabulary(text[s:e]):
            continue
        if runs and runs[-1][-1] == t - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return [text[toks[r[0]][0] : toks[r[-1]][1]] for r in runs]


def _classify(folded: str) -> str | None:
    for name, rx in _classifiers():
        if rx.search(folded):
            return name
    return None


def _unrecognised(text: str) -> UnrecognisedQuestion:
    return UnrecognisedQuestion(
        f"cannot tell which question '{text.strip()}' asks; the questions are "
        f"{', '.join(list(_questions()[0])[:-1])} and {list(_questions()[0])[-1]} "
        f"(e.g. '{_example('represented')}' or '{_example('members', 'en')}')"
    )


def parse_question(
    text: str, index: NameIndex, *, today: _dt.date | None = None
) -> tuple[str, dict[str, Any]]:
    """``(question name, args)`` for a free-text question in Danish or English.

    ``args`` holds node ids for the names (see :data:`QUESTIONS`), ``date_from``/``date_to`` for
    ``changes`` and ``as_of`` (ISO date) when the question names one date. A question may also
    start with a question's own name ("members KOSU"). A bare name asks ``represented`` for a
    municipality and ``members`` for a forum. Raises :class:`UnrecognisedQuestion`,
    :class:`UnknownName`, :class:`AmbiguousName` or :class:`~sundhedsgraf.errors.ConfigError`
    (one line each). ``today`` is for "siden 2015" (default: today's date).
    """
    today = today or _dt.date.today()
    original = str(text)
    if not original.strip():
        raise UnrecognisedQuestion(
            f"an empty question; ask e.g. '{_example('represented')}' or '{_example('members', 'en')}'"
        )
    found, masked = extract_dates(original)
    registry, _ = _questions()
    all_kinds = frozenset().union(*(a.kinds for q in registry.values() for a in q.args))
    mentions = _scan(masked, index, all_kinds)

    # classify on the words outside the names found ("… i forbindelse med sundhedsreformen" is a
    # forum's name, not a question about links), then on all words
    words = fold_words(masked)
    question = (
        words[0]
        if words and words[0] in registry
        else (_classify(" ".join(fold_words(_blank(masked, mentions)))) or _classify(" ".join(words)))
    )
    args: dict[str, Any] = {}

    if question == "changes":
        if not found:
            raise ConfigError(
                f"'{original.strip()}' asks what changes but names no dates; "
                f"e.g. '{_example('changes')}' or '{_example('changes', 'en')}'"
            )
        if len(found) > 2:
            raise ConfigError(f"'{original.strip()}' names {len(found)} dates; a change is between two dates")
        args["date_from"], args["date_to"] = _change_window(found, today)
        return question, args

    if len(found) > 1:
        raise ConfigError(
            f"'{original.strip()}' names {len(found)} dates; ask about one date, or compare two with "
            f"'{_example('changes')}'"
        )

    if question == "unrepresented" and any(
        index.get(i).kind == "Municipality" for m in mentions for i in m.hits
    ):
        question = "represented"  # "hvor er Viborg ikke repræsenteret?": the answer shows where it is
    if (
        question == "represented"
        and not any(index.get(i).kind == "Municipality" for m in mentions for i in m.hits)
        and any(index.get(i).kind in _BODY for m in mentions for i in m.hits)
    ):
        question = "members"  # "who is represented in KOSU?"
    if question is None:
        question = _bare_name_question(masked, mentions, index)
        if question is None:
            raise _unrecognised(original)

    if question == "timeline" or question == "search" or (words and words[0] == "search"):
        topic = _search_text(masked, mentions, words)
        if question == "search" or topic:  # "hvornår er fristen for delingsaftaler?": a search
            if not topic:
                raise ConfigError(
                    f"'{original.strip()}' asks to search but names nothing to search for; "
                    f"e.g. '{_example('search')}'"
                )
            return "search", {"text": topic}
    slots = _slots(question)
    if slots:
        kinds = frozenset().union(*(k for _, k in slots))
        _decide_mentions(mentions, index, kinds, masked)
        for arg, slot_kinds in slots:
            m = next(
                (m for m in mentions if m.id and not m.used and index.get(m.id).kind in slot_kinds), None
            )
            if m is not None:
                m.used = True
                args[arg] = m.id
        for arg, slot_kinds in slots:
            if arg not in args:
                args[arg] = _fill_missing(question, arg, slot_kinds, masked, mentions, index, args, original)
    if found:
        args["as_of"] = found[0].iso
    return question, args


def _fill_missing(
    question: str,
    arg: str,
    kinds: frozenset[str],
    text: str,
    mentions: list[_Mention],
    index: NameIndex,
    args: dict[str, Any],
    original: str,
) -> str:
    """A name argument the first scan did not give: a name of these kinds inside another name
    ("Viborgs borgmester" holds Viborg), else the words left over, resolved forgivingly (so a typo
    gets "did you mean")."""
    taken = set(args.values())
    inner = _scan(text, index, kinds)
    for m in inner:
        best = index._best(m.hits)
        if len(best) == 1 and best[0] not in taken:
            return best[0]
    errors: list[ConfigError] = []
    for run in _residual_runs(text, mentions):
        try:
            found = index.resolve(run, kinds)
        except ConfigError as e:
            errors.append(e)
            continue
        if found not in taken:
            return found
    if errors:  # the most helpful: an ambiguity, then a near miss, then any
        errors.sort(key=lambda e: (not isinstance(e, AmbiguousName), not getattr(e, "suggestions", None)))
        raise errors[0]
    da, en = _example(question), _example(question, "en")
    raise ConfigError(
        f"question '{question}' needs a {kind_phrase(kinds)} for '{arg}' and '{original.strip()}' names none; "
        f"e.g. '{da}' or '{en}'"
    )


def _bare_name_question(text: str, mentions: list[_Mention], index: NameIndex) -> str | None:
    if len(mentions) != 1 or _residual_runs(text, mentions):
        return None
    kinds = {index.get(i).kind for i in mentions[0].hits}
    if kinds == {"Municipality"}:
        return "represented"
    if kinds <= _BODY:
        return "members"
    return None


def _decide_mentions(mentions: list[_Mention], index: NameIndex, kinds: frozenset[str], text: str) -> None:
    """Give each mention one node id of these kinds, using regions named elsewhere in the question
    ("SKU … i Nordjylland", "det nordjyske PPU") to settle an ambiguity; a region mention used so is
    marked used (it is no argument)."""
    # keyed by str | None so that a node's region (None for a node of no region) can be looked up as it is
    hint_regions: dict[str | None, _Mention | None] = dict.fromkeys(index.text_region_hints(text))
    for m in mentions:
        regions = [i for i in m.hits if index.get(i).kind == "Region"]
        if len(regions) == 1 and len(m.hits) == 1:
            hint_regions[regions[0]] = m
    for m in mentions:
        hits = {i: r for i, r in m.hits.items() if index.get(i).kind in kinds}
        if not hits:
            continue
        in_hinted = {
            i: r
            for i, r in hits.items()
            if index.get(i).region in hint_regions and hint_regions[index.get(i).region] is not m
        }
        if in_hinted and len(in_hinted) < len(hits):  # "Praksisplanudvalget i Nordjylland"
            hits = in_hinted
            for i in hits:
                hint = hint_regions[index.get(i).region]
                if hint is not None:
                    hint.used = True
        best = index._best(hits)
        if len(best) > 1:
            narrowed = [
                i
                for i in best
                if index.get(i).region in hint_regions and hint_regions[index.get(i).region] is not m
            ]
            if len(narrowed) == 1:
                hint = hint_regions[index.get(narrowed[0]).region]
                if hint is not None:
                    hint.used = True
                best = narrowed
            else:
                raise index.ambiguous(m.text, best, kinds & {index.get(i).kind for i in best})
        m.id = best[0]


_SEARCH_WORDS = frozenset(
    [
        "soeg",
        "soege",
        "soeger",
        "search",
        "searches",
        "find",
        "finde",
        "fremsoeg",
        "efter",
        "for",
        "about",
        "om",
    ]
)


def _search_text(text: str, mentions: list[_Mention], words: list[str]) -> str:
    """What a search or a deadline question is about: the words, as written, that are neither
    question words nor search verbs (a name found counts: "søg KOSU" searches for KOSU)."""
    named = {t for m in mentions for t in range(m.start, m.end)}
    keep = []
    for t, (s, e) in enumerate(_tokens(text)):
        w = fold(text[s:e])
        if not w or w in _SEARCH_WORDS or w in _STOP or w.isdigit():
            continue
        if t not in named and any(rx.search(f" {w} ") for name, rx in _classifiers() if name != "search"):
            continue
        keep.append(text[s:e])
    return " ".join(keep)
