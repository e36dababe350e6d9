"""Forgiving names and free-text questions for ``sundhedsgraf ask``.

Two jobs, no database and no language model:

:class:`NameIndex` turns what a person types ("viborg kommune", "Samso", "RM", "KKR Nordjylland",
"KD-Net") into a node id, or raises a one-line :class:`~sundhedsgraf.errors.ConfigError` that says
what to do::

    index = NameIndex.from_model(load_model())
    index.resolve("Ringkobing Skjern")                 # 'kommune-ringkoebing-skjern'
    index.resolve("Viborgg", kinds="Municipality")      # raises UnknownName:
    # unknown municipality 'Viborgg'; did you mean 'Viborg Kommune' (kommune-viborg)?

It is built once from a model (:meth:`NameIndex.from_model`) or from plain ``(id, name, kind,
aliases)`` rows (``NameIndex(rows)``, e.g. rows read from the database).

:func:`parse_question` turns a question in Danish or English into one of the named questions of
``sundhedsgraf ask`` and its arguments::

    parse_question("Hvor er Samsø Kommune repræsenteret i 2024?", index)
    # ('represented', {'municipality': 'kommune-samsoe', 'as_of': '2024-07-01'})

How a name is matched, best first (the first step that finds something decides):

1. exactly: the id as written, or the folded text equals the folded name, abbreviation, alias
   (``short_name`` and a unique multi-word office ``title`` count as aliases) or a derived name
   (the name without "(…)", a one-word "(KKR)", "Midtjylland"/"Region Midt"/"RM" for a region,
   "borgmesteren i Viborg" for the office "Borgmester, Viborg Kommune"). Folding ignores case,
   punctuation, hyphens, a "'s", and a leading or trailing "Kommune"/"Kommunes"/"Kommunen", and
   spells å aa, æ ae, ø oe (so Århus = Aarhus). If nothing folds equal, a looser fold also drops
   spaces and reads aa as a, ae as a and oe as o ("Samso" = "Samsoe" = "Samsø",
   "Ringkobing-Skjern" = "Ringkøbing Skjern", "KDNet" = "KD-Net"). Among exact hits an id beats a
   name, a name beats an abbreviation, an abbreviation beats an alias, an alias beats a derived
   name; hits of equal rank on different nodes are ambiguous.
2. with a region hint: "SKU Nordjylland", "PPU i Region Midt": the name without the hint, kept to
   the nodes of that region.
3. by words: every word typed is a word of the name (or the start or end of a compound word, or the
   word plus a Danish ending: "Sundhedsstyregruppe", "Hjerneskadesamråd voksne"); the name whose
   words are best covered wins if clearly better than the next, otherwise it is ambiguous ("Midt":
   Sundhedsråd Midt, Klynge Midt, Midtklyngen…).
4. otherwise unknown, with up to three suggestions (difflib on the loose fold, and step 3's near
   misses). A typo is never corrected silently.

``kinds`` (a label or labels: "Municipality", "Forum"…) keeps matching to nodes of those labels;
it also settles ambiguities ("Midt" as a region is none of the clusters).

Questions (:func:`parse_question`, :data:`QUESTIONS` lists each question's arguments and an
example in Danish and English): the dates are taken out first; the names are found by scanning the
word n-grams, longest first, against step 1 (plus Danish endings on the last word: "Viborgs",
"KOSU-formanden"), so "Ringkøbing-Skjern Kommune" and "Region Midtjylland" are one name each; the
question kind is recognised by keyword patterns on the words outside those names (in this order:
changes, timeline, rules, gaps, unrepresented, interlocks, matrix, meetings, links, appointments,
chain, members, represented); a region named elsewhere in the question settles an ambiguous name
("hvem sidder i SKU i Nordjylland?"); words left over are resolved with steps 1-4, so a typo gets
"did you mean". A question may also start with the question's name ("members KOSU").

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

Errors (all :class:`~sundhedsgraf.errors.ConfigError`, one line, exit code 2)::

    ConfigError
    ├── UnknownName             no node has that name; carries ``suggestions``
    ├── AmbiguousName           several nodes fit equally well; carries ``candidates``
    └── UnrecognisedQuestion    the question is none of the named questions
"""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping, Sequence

from .errors import ConfigError

__all__ = [
    "KINDS",
    "QUESTIONS",
    "Entry",
    "NameIndex",
    "UnknownName",
    "AmbiguousName",
    "UnrecognisedQuestion",
    "fold",
    "loose",
    "extract_dates",
    "parse_question",
]

KINDS: tuple[str, ...] = (
    "Municipality", "Region", "Forum", "Office", "Organisation",
    "Process", "Phase", "Milestone", "Document", "Gap",
)
_KIND_BY_LOWER = {k.lower(): k for k in KINDS} | {"organization": "Organisation", "kommune": "Municipality"}

# match ranks: lower is better
ID, NAME, ABBREVIATION, ALIAS, DERIVED = range(5)

DEFAULT_LIST_HINT = "every node's name and id is in 'sundhedsgraf export --format json'"


# --------------------------------------------------------------------------------------------
# errors


class UnknownName(ConfigError):
    """No node has this name. ``suggestions`` holds the close ones (:class:`Entry`), best first."""

    def __init__(self, message: str, text: str = "", suggestions: Sequence["Entry"] = ()):
        super().__init__(message)
        self.text = text
        self.suggestions = list(suggestions)


class AmbiguousName(ConfigError):
    """Several nodes fit the name equally well. ``candidates`` holds them (:class:`Entry`)."""

    def __init__(self, message: str, text: str = "", candidates: Sequence["Entry"] = ()):
        super().__init__(message)
        self.text = text
        self.candidates = list(candidates)


class UnrecognisedQuestion(ConfigError):
    """The free-text question matches none of the named questions."""


# --------------------------------------------------------------------------------------------
# folding

_LETTERS = str.maketrans({"å": "aa", "æ": "ae", "ø": "oe", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_KOMMUNE = frozenset({"kommune", "kommunes", "kommunen"})
_POSSESSIVE = re.compile(r"['’`´]s\b")
_WORD = re.compile(r"[a-z0-9]+")


def fold_words(text: str) -> list[str]:
    """Lower-case ASCII words: å→aa, æ→ae, ø→oe, accents dropped, "'s" and punctuation dropped."""
    s = unicodedata.normalize("NFKC", str(text)).casefold()
    s = _POSSESSIVE.sub(" ", s).translate(_LETTERS)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return _WORD.findall(s)


def _strip_kommune(words: list[str]) -> list[str]:
    if len(words) > 1 and words[-1] in _KOMMUNE:
        words = words[:-1]
    if len(words) > 1 and words[0] in _KOMMUNE:
        words = words[1:]
    return words


def fold(text: str) -> str:
    """The exact-match key: folded words joined by one space, without a leading or trailing
    "kommune(s|n)". ``fold("Ringkøbing-Skjern Kommune") == "ringkoebing skjern"``."""
    return " ".join(_strip_kommune(fold_words(text)))


def _loose_word(word: str) -> str:
    return word.replace("oe", "o").replace("ae", "a").replace("aa", "a")


def loose(text: str) -> str:
    """The loose key: :func:`fold` without spaces, aa/ae read as a and oe as o.
    ``loose("Samsø") == loose("Samso") == loose("Samsoe") == "samso"``."""
    return _loose_word(fold(text).replace(" ", ""))


# words that carry no name (for word matching and for finding the name in a question)
_STOP = frozenset(
    """
    a af al alle alt an and any are as at be been blev bliver by both de dem den denne der dereshar
    det dette did do does du efter eller en er et every fat for fra from fundet giv gives give har
    have has havde hele hos hvad hvem hvilke hvilken hvilket hvis hvor hvordan hvornaar how i ikke
    in ind into is it its jeg kan kun list liste man mange me med meget mig mod much naar ned nu
    now of og om on op or os over paa per pr sammen samt se show sig sin sine sit skal som
    tell that the their them there these this those til to ud under us ved vil vis was were what
    when where which who whom whose why will with year years aar aaret aarlig aarligt annually
    yearly today dag idag nuvaerende current currently hvert each hver hvilke hvor the en et
    kommune kommunen kommuner kommunerne kommunes municipality municipalities region regionen
    regions regioner forum fora forummet forums body bodies organ organer
    sidder sidde sad sit sits sitting seated begge both direkte indirekte directly indirectly
    kommunal kommunale municipal ingen no uden without ofte often mon egentlig actually please venligst
    """.split()
)

# Danish endings tried on a name's last word: genitive, definite, plural definite
_ENDINGS = ("erne", "ene", "ens", "ets", "en", "et", "ne", "s", "n")


# --------------------------------------------------------------------------------------------
# entries


@dataclass(frozen=True)
class Entry:
    """One nameable node. ``region`` is a Region node's id (inferred from the id or name if not
    given)."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    region: str | None = None

    @classmethod
    def coerce(cls, row: Any) -> "Entry":
        """An :class:`Entry` from an Entry, a tuple ``(id, name, kind, aliases[, abbreviations[,
        region]])`` or a mapping with those keys (``labels`` for ``kind``, ``abbreviation`` for
        ``abbreviations`` and ``short_name`` as one more alias are read too, as database rows
        have them). ``kind`` may be a label list (the first is taken)."""
        if isinstance(row, Entry):
            return row
        if isinstance(row, Mapping):
            fields = {k: row.get(k) for k in ("id", "name", "kind", "aliases", "abbreviations", "region")}
            if fields["kind"] is None and row.get("labels"):
                fields["kind"] = row["labels"]
            if fields["abbreviations"] is None:
                fields["abbreviations"] = row.get("abbreviation")
            if row.get("short_name"):
                fields["aliases"] = [*_strings(fields["aliases"]), str(row["short_name"])]
        else:
            values = list(row)
            if not 3 <= len(values) <= 6:
                raise ConfigError(f"a name row has {len(values)} fields; give (id, name, kind, aliases)")
            fields = dict(zip(("id", "name", "kind", "aliases", "abbreviations", "region"), values))
        kind = fields["kind"]
        if isinstance(kind, (list, tuple)):
            kind = kind[0] if kind else ""
        kind = _KIND_BY_LOWER.get(str(kind).lower(), str(kind))
        return cls(
            id=str(fields["id"]),
            name=str(fields["name"] if fields["name"] is not None else fields["id"]),
            kind=kind,
            aliases=_strings(fields.get("aliases")),
            abbreviations=_strings(fields.get("abbreviations")),
            region=fields.get("region") or None,
        )

    def label(self) -> str:
        """``'Name' (id)``, as messages show it."""
        return f"'{self.name}' ({self.id})"


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    return tuple(str(v) for v in value if v is not None and str(v).strip())


def _normalise_kinds(kinds: str | Iterable[str] | None, known: Mapping[str, str] | None = None) -> frozenset[str] | None:
    """A frozenset of labels ("municipality" → "Municipality"), or None for any kind. A kind that
    is neither a standard label nor in ``known`` (lower case → label) is an error."""
    if kinds is None:
        return None
    table = {**_KIND_BY_LOWER, **(known or {})}
    items = [kinds] if isinstance(kinds, str) else list(kinds)
    out = set()
    for k in items:
        canonical = table.get(str(k).lower())
        if canonical is None:
            labels = sorted(set(KINDS) | set((known or {}).values()))
            raise ConfigError(f"unknown kind '{k}'; use one of {', '.join(labels)}")
        out.add(canonical)
    return frozenset(out) or None


def kind_phrase(kinds: frozenset[str] | None) -> str:
    """'municipality', 'forum or organisation', 'name' (no kinds)."""
    if not kinds:
        return "name"
    words = [k.lower() for k in KINDS if k in kinds] + sorted(k.lower() for k in kinds if k not in KINDS)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _or_list(items: list[str], more: int = 0) -> str:
    if more:
        return ", ".join(items) + f" and {more} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


# --------------------------------------------------------------------------------------------
# the index


class NameIndex:
    """Every node's names, folded once, for O(1) exact lookups and a small fuzzy search.

    ``NameIndex(entries)`` takes :class:`Entry` objects, mappings or ``(id, name, kind, aliases)``
    tuples; :meth:`from_model` reads a :class:`~sundhedsgraf.model.Model` (or its JSON export).
    ``list_hint`` ends the message for a name with nothing close (how to list the names).
    """

    def __init__(self, entries: Iterable[Any], *, list_hint: str = DEFAULT_LIST_HINT):
        self.list_hint = list_hint
        self._entries: dict[str, Entry] = {}
        for row in entries:
            e = Entry.coerce(row)
            self._entries[e.id] = e
        self._ids = {i.lower(): i for i in self._entries}
        self._known_kinds = {e.kind.lower(): e.kind for e in self._entries.values()}
        self._normal: dict[str, dict[str, int]] = {}
        self._loose: dict[str, dict[str, int]] = {}
        self._phrases: list[tuple[str, tuple[str, ...]]] = []  # (id, loose content words) per name/alias
        self._region_hints: dict[tuple[str, ...], str] = {}  # folded words -> region id
        self._region_short: dict[str, str] = {}  # region id -> "Nordjylland"
        self._region_names: dict[str, list[str]] = {}  # region id -> "Midtjylland", "Region Midt", "RM"
        self._region_tokens: dict[str, str] = {}  # "midtjylland", "rm" -> region id
        self._loose_keys_cache: dict[frozenset[str] | None, list[str]] = {}

        self._learn_regions()
        for e in list(self._entries.values()):
            if e.region is None:
                region = self._infer_region(e)
                if region:
                    self._entries[e.id] = e = replace(e, region=region)
            for text, rank in self._keys(e):
                self._add(text, e.id, rank)
            for text in (e.name, *e.aliases, *e.abbreviations):
                words = tuple(_loose_word(w) for w in fold_words(text) if w not in _STOP)
                if words:
                    self._phrases.append((e.id, words))
        self.max_words = max((k.count(" ") + 1 for k in self._normal), default=1)

    # ---- building

    @classmethod
    def from_model(cls, model: Any, **kwargs: Any) -> "NameIndex":
        """Build from a model's nodes (``model.nodes``, ``model["nodes"]`` or a list of node dicts in
        the export shape). Abbreviation, aliases, ``short_name`` and a unique multi-word office
        ``title`` become names of the node."""
        nodes = getattr(model, "nodes", None)
        if nodes is None:
            nodes = model["nodes"] if isinstance(model, Mapping) else list(model)
        titles: dict[str, int] = {}
        for n in nodes:
            t = (n.get("properties") or {}).get("title")
            if t:
                titles[fold(t)] = titles.get(fold(t), 0) + 1
        entries = []
        for n in nodes:
            p = n.get("properties") or {}
            kind = (n.get("labels") or [""])[0]
            aliases = list(_strings(p.get("aliases"))) + list(_strings(p.get("short_name")))
            title = p.get("title")
            if title and titles.get(fold(title)) == 1 and len(fold_words(title)) >= 2:
                aliases.append(str(title))
            region = p.get("region") or (n["id"] if kind == "Region" else None)
            entries.append(
                Entry(
                    id=n["id"],
                    name=n.get("name") or n["id"],
                    kind=_KIND_BY_LOWER.get(kind.lower(), kind),
                    aliases=tuple(aliases),
                    abbreviations=_strings(p.get("abbreviation")),
                    region=region if isinstance(region, str) else None,
                )
            )
        return cls(entries, **kwargs)

    def _learn_regions(self) -> None:
        """Names and hints of each Region node: "Region Midtjylland" gives the names "Midtjylland",
        "RM" and "Region Midt", and the hints "midtjyske"/"midtjysk" and (inside a longer name only)
        "Midt"."""
        for e in list(self._entries.values()):
            if e.kind != "Region":
                continue
            self._entries[e.id] = replace(e, region=e.id)
            words = fold_words(e.name)
            rest = words[1:] if len(words) > 1 and words[0] == "region" else words
            if not rest:
                continue
            self._region_short[e.id] = re.sub(r"^Region\s+", "", e.name)
            names = [tuple(rest), ("r" + rest[0][0],)]
            hints = [tuple(words)]
            if len(rest) == 1 and rest[0].endswith("jylland") and len(rest[0]) > len("jylland"):
                base = rest[0][: -len("jylland")]  # midt, nord
                names.append(("region", base))
                hints += [(base + "jyske",), (base + "jysk",), ("region", base + "jyske"), (base,)]
            self._region_names[e.id] = [" ".join(n) for n in names]
            for n in names:
                if len(n) == 1:
                    self._region_tokens.setdefault(n[0], e.id)
            for h in hints + names:
                self._region_hints.setdefault(h, e.id)

    def _infer_region(self, e: Entry) -> str | None:
        """The region an id or name names ("ppu-nordjylland", "almen-praksis-rm"), if exactly one."""
        tokens = set(e.id.lower().split("-")) | set(fold_words(e.name))
        found = {rid for token, rid in self._region_tokens.items() if token in tokens}
        return found.pop() if len(found) == 1 else None

    def _keys(self, e: Entry) -> Iterable[tuple[str, int]]:
        yield e.name, NAME
        for a in e.abbreviations:
            yield a, ABBREVIATION
        for a in e.aliases:
            yield a, ALIAS
        yield e.id, DERIVED
        bare = re.sub(r"\s*\([^)]*\)", "", e.name).strip(" ,")
        if bare and bare != e.name:
            yield bare, DERIVED
        for inner in re.findall(r"\(([^()\s]+)\)", e.name):
            if len(re.findall(r"[A-ZÆØÅ]", inner)) >= 2:  # an abbreviation: (KKR), (SKF), not (Nordjylland)
                yield inner, DERIVED
        for short in self._region_names.get(e.id, ()):
            yield short, ALIAS  # Midtjylland, RM, Region Midt: as good as an alias, but no word match
        if e.kind == "Office" and ", " in e.name:
            title, place = e.name.rsplit(", ", 1)
            title, place = _bare_title(title), re.sub(r"\s+[Kk]ommunes?$", "", place)
            for t in {title, _definite(title)}:
                for pattern in ("{t} {p}", "{t} i {p}", "{t} in {p}", "{t} of {p}", "{t} for {p}",
                                "{p} {t}", "{p}s {t}"):
                    yield pattern.format(t=t, p=place), DERIVED

    def _add(self, text: str, eid: str, rank: int) -> None:
        key = fold(text)
        if not key:
            return
        for table, k in ((self._normal, key), (self._loose, loose(text))):
            slot = table.setdefault(k, {})
            if rank < slot.get(eid, 99):
                slot[eid] = rank

    # ---- reading

    def _kinds(self, kinds: str | Iterable[str] | None) -> frozenset[str] | None:
        return _normalise_kinds(kinds, self._known_kinds)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._entries

    def get(self, node_id: str) -> Entry:
        """The entry of a node id (KeyError if absent)."""
        return self._entries[node_id]

    def names(self, kinds: str | Iterable[str] | None = None) -> list[Entry]:
        """Every entry (of these kinds), sorted by name."""
        ks = self._kinds(kinds)
        return sorted((e for e in self._entries.values() if ks is None or e.kind in ks), key=lambda e: fold(e.name))

    def region_label(self, region_id: str | None) -> str:
        return self._region_short.get(region_id or "", region_id or "")

    # ---- exact lookups

    def exact(self, text: str, kinds: str | Iterable[str] | None = None) -> dict[str, int]:
        """Step 1: ``{node id: rank}`` of the nodes whose id, name, abbreviation, alias or derived name
        equals ``text`` (folded; loosely folded if nothing folds equal)."""
        return self._exact(str(text), self._kinds(kinds))

    def _exact(self, text: str, kinds: frozenset[str] | None) -> dict[str, int]:
        hits: dict[str, int] = {}
        raw = self._ids.get(text.strip().lower())
        if raw:
            hits[raw] = ID
        table_hits = self._normal.get(fold(text)) or self._loose.get(loose(text)) or {}
        for eid, rank in table_hits.items():
            hits[eid] = min(rank, hits.get(eid, 99))
        if kinds is not None:
            hits = {i: r for i, r in hits.items() if self._entries[i].kind in kinds}
        return hits

    def _best(self, hits: dict[str, int]) -> list[str]:
        top = min(hits.values())
        return sorted((i for i, r in hits.items() if r == top), key=lambda i: (fold(self._entries[i].name), i))

    # ---- region hints

    def split_region_hint(self, text: str) -> tuple[str | None, str]:
        """``("region-nordjylland", "SKU")`` for "SKU Nordjylland" / "SKU i Region Nordjylland";
        ``(None, text)`` without a region hint at the start or end."""
        words = fold_words(text)
        for n in (2, 1):
            if len(words) > n:
                tail, head = tuple(words[-n:]), tuple(words[:n])
                for part, rest in ((tail, words[:-n]), (head, words[n:])):
                    rid = self._region_hints.get(part)
                    if rid:
                        rest = list(rest)
                        while rest and rest[-1] in ("i", "in", "for", "region"):
                            rest.pop()
                        while rest and rest[0] in ("i", "in", "for"):
                            rest.pop(0)
                        if rest:
                            return rid, " ".join(rest)
        return None, text

    def text_region_hints(self, text: str) -> set[str]:
        """Region ids a question's words point at ("nordjyske", "Region Midt", "RN"), bare
        "midt"/"nord" excepted (they name clusters too)."""
        words = fold_words(text)
        found = set()
        for n in (2, 1):
            for i in range(len(words) - n + 1):
                part = tuple(words[i : i + n])
                rid = self._region_hints.get(part)
                if rid and not (n == 1 and part[0] in ("midt", "nord", "syd", "vest")):
                    found.add(rid)
        return found

    # ---- word matching

    def word_matches(self, text: str, kinds: str | Iterable[str] | None = None) -> list[tuple[float, str]]:
        """Step 3: ``[(score, node id)]`` best first; the score is the share of the name's words
        that the typed words cover (0.9 for a compound part or an inflected form)."""
        return self._word_matches(str(text), self._kinds(kinds))

    def _word_matches(self, text: str, kinds: frozenset[str] | None) -> list[tuple[float, str]]:
        query = [_loose_word(w) for w in _strip_kommune(fold_words(text)) if w not in _STOP]
        if not query:
            return []
        best: dict[str, float] = {}
        for eid, words in self._phrases:
            if kinds is not None and self._entries[eid].kind not in kinds:
                continue
            total, parts = 0.0, len(words)
            for q in query:
                got, split = 0.0, 0
                for w in words:
                    if w == q:
                        got, split = 1.0, 0
                        break
                    if (w.startswith(q) and len(q) >= 3 and w[len(q):] in _ENDINGS) or (
                        q.startswith(w) and len(w) >= 3 and q[len(w):] in _ENDINGS
                    ):
                        got, split = 0.9, 0  # an inflected form: Sundhedsstyregruppe(n)
                    elif not got and len(q) >= 4 and (w.startswith(q) or w.endswith(q)):
                        got, split = 1.0, 1  # a part of a compound: Midt(klyngen) counts as one of two words
                if not got:
                    break
                total += got
                parts += split
            else:
                score = total / max(parts, len(query))
                if score > best.get(eid, 0.0):
                    best[eid] = score
        return sorted(((s, i) for i, s in best.items()), key=lambda si: (-si[0], len(self._entries[si[1]].name), si[1]))

    # ---- the public API

    def resolve(self, text: str, kinds: str | Iterable[str] | None = None) -> str:
        """The id of the node ``text`` names, or :class:`UnknownName` / :class:`AmbiguousName`
        (both :class:`~sundhedsgraf.errors.ConfigError`, one line)."""
        ks = self._kinds(kinds)
        text = str(text).strip()
        if not fold(text) and text.lower() not in self._ids:
            raise UnknownName(f"an empty {kind_phrase(ks)}; give a name or an id ({self.list_hint})", text)
        hits = self._exact(text, ks)
        if hits:
            return self._decide(text, hits, ks)
        region, rest = self.split_region_hint(text)
        if region:
            hits = {i: r for i, r in self._exact(rest, ks).items() if self._entries[i].region == region}
            if hits:
                return self._decide(text, hits, ks)
        scored = self._word_matches(text, ks)
        if region and not scored:
            scored = [(s, i) for s, i in self._word_matches(rest, ks) if self._entries[i].region == region]
        if scored and scored[0][0] >= 0.34:
            top = scored[0][0]
            tied = [i for s, i in scored if s >= top - 0.1 + 1e-9]
            if len(tied) == 1:
                return tied[0]
            raise self._ambiguous(text, tied, ks)
        raise self._unknown(text, ks)

    def suggest(self, text: str, kinds: str | Iterable[str] | None = None, n: int = 3) -> list[Entry]:
        """Up to ``n`` entries whose names are close to ``text`` (difflib on the loose fold, and
        word matches), best first."""
        ks = self._kinds(kinds)
        scores: dict[str, float] = {}
        for eid in self._exact(text, ks):
            scores[eid] = 1.0
        region, rest = self.split_region_hint(text)
        if region:  # "KOSU Nordjylland": KOSU, though of another region
            for eid in self._exact(rest, ks):
                scores.setdefault(eid, 0.95)
        q = loose(text)
        if q:
            keys = self._loose_keys(ks)
            for key in difflib.get_close_matches(q, keys, n=max(n * 4, 10), cutoff=0.6):
                ratio = difflib.SequenceMatcher(None, q, key).ratio()
                for eid in self._loose[key]:
                    if ks is None or self._entries[eid].kind in ks:
                        scores[eid] = max(scores.get(eid, 0.0), ratio)
        for s, eid in self._word_matches(text, ks)[: n * 4]:
            scores[eid] = max(scores.get(eid, 0.0), 0.55 + s * 0.4)
        ranked = sorted(scores, key=lambda i: (-scores[i], len(self._entries[i].name), i))
        if ranked:  # only the near-best: 'Viborgg' suggests Viborg, not Silkeborg and Aalborg too
            floor = scores[ranked[0]] - 0.15
            ranked = [i for i in ranked if scores[i] >= floor]
        return [self._entries[i] for i in ranked[:n]]

    def _loose_keys(self, ks: frozenset[str] | None) -> list[str]:
        if ks not in self._loose_keys_cache:
            self._loose_keys_cache[ks] = [
                k for k, ids in self._loose.items() if ks is None or any(self._entries[i].kind in ks for i in ids)
            ]
        return self._loose_keys_cache[ks]

    # ---- messages

    def _decide(self, text: str, hits: dict[str, int], ks: frozenset[str] | None) -> str:
        best = self._best(hits)
        if len(best) == 1:
            return best[0]
        raise self._ambiguous(text, best, ks)

    def ambiguous(self, text: str, ids: Sequence[str], kinds: str | Iterable[str] | None = None) -> AmbiguousName:
        """The error for ``text`` fitting the nodes ``ids`` equally well."""
        return self._ambiguous(text, list(ids), self._kinds(kinds))

    def _ambiguous(self, text: str, ids: list[str], ks: frozenset[str] | None) -> AmbiguousName:
        cands = [self._entries[i] for i in ids]
        kinds = ks or frozenset(c.kind for c in cands)
        shown = cands[:5]
        names = [c.name for c in shown]
        labels = []
        for c in shown:
            extra = f", {self.region_label(c.region)}" if names.count(c.name) > 1 and c.region else ""
            labels.append(f"'{c.name}' ({c.id}{extra})")
        regions = {c.region for c in cands}
        if len(regions) == len(cands) and None not in regions:
            example = f"{text} {self.region_label(cands[-1].region)}"
            how = f"add the region (e.g. '{example}') or give the id"
        else:
            how = "use a fuller name or give the id"
        return AmbiguousName(
            f"ambiguous {kind_phrase(kinds)} '{text}': it could be {_or_list(labels, len(cands) - len(shown))}; {how}",
            text, cands,
        )

    def _unknown(self, text: str, ks: frozenset[str] | None) -> UnknownName:
        what = kind_phrase(ks)
        if ks is not None:
            other = self._exact(text, None)
            if other:
                e = self._entries[self._best(other)[0]]
                return UnknownName(
                    f"unknown {what} '{text}': that is the {e.kind.lower()} {e.label()}, not a {what}", text, [e]
                )
        suggestions = self.suggest(text, ks, n=3)
        if suggestions:
            return UnknownName(
                f"unknown {what} '{text}'; did you mean {_or_list([s.label() for s in suggestions])}?",
                text, suggestions,
            )
        return UnknownName(f"unknown {what} '{text}' and no name like it; {self.list_hint}", text)


def _bare_title(title: str) -> str:
    """An office title without a trailing "(…)"."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", title).strip()


def _definite(word: str) -> str:
    """Danish definite form of a title's last word: borgmester → borgmesteren."""
    if not word:
        return word
    return word + ("n" if word[-1] in "eE" else "en")


# --------------------------------------------------------------------------------------------
# dates

_MONTHS = {
    "januar": 1, "january": 1, "jan": 1, "februar": 2, "february": 2, "feb": 2, "marts": 3, "march": 3,
    "mar": 3, "april": 4, "apr": 4, "maj": 5, "may": 5, "juni": 6, "june": 6, "jun": 6, "juli": 7,
    "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10,
    "october": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
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
        raise ConfigError(f"'{text.strip()}' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-01") from None


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
            found.append(FoundDate(d, precision, m.start(), m.end(), before[-1].lower().rstrip(".") if before else ""))
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


# --------------------------------------------------------------------------------------------
# questions

_BODY = frozenset({"Forum", "Organisation"})
_LINKABLE = frozenset({"Forum", "Office", "Municipality", "Region", "Organisation"})

#: question name -> (its name arguments as (arg, kinds), an example in Danish, one in English)
QUESTIONS: dict[str, tuple[tuple[tuple[str, frozenset[str]], ...], str, str]] = {
    "represented": ((("municipality", frozenset({"Municipality"})),), "hvor er Viborg repræsenteret?", "where is Aarhus represented?"),
    "links": ((("a", _LINKABLE), ("b", _LINKABLE)), "hvem forbinder Region Midtjylland og KL?", "who links Region Midtjylland and KL?"),
    "members": ((("forum", _BODY),), "hvem sidder i KOSU?", "who are the members of SKF?"),
    "chain": ((("forum", _BODY),), "hvem refererer KOSU til?", "what does DASSOS report to?"),
    "appointments": ((("body", _LINKABLE),), "hvem udpeger KOSU-formanden?", "who appoints KD-Net?"),
    "interlocks": ((), "hvilke fora deler medlemmer?", "which fora share members?"),
    "matrix": ((("region", frozenset({"Region"})),), "matrix for Region Midtjylland", "matrix for Region Nordjylland"),
    "meetings": ((("target", frozenset({"Municipality", "Office"})),), "hvor mange møder har Viborg om året?", "how many meetings does Samsø have a year?"),
    "unrepresented": ((), "hvilke fora har ingen kommunal repræsentation?", "which fora have no municipal representation?"),
    "changes": ((), "hvad ændrer sig fra 2015 til 2027?", "what changes between 2015 and 2027?"),
    "timeline": ((), "vis tidslinjen", "show the timeline"),
    "rules": ((), "hvilke regler er der?", "which rules are there?"),
    "gaps": ((), "hvad er uvist?", "what is unknown?"),
}

# tried in this order on the folded question (å→aa, æ→ae, ø→oe, lower case, one space between words)
_CLASSIFY_WORDS: list[tuple[str, str]] = [
    ("changes", r"aendr\w*|forandr\w*|changes?|changed|changing|forskel\w*|differen\w*|sammenlign\w*|compar\w*"),
    ("timeline", r"tidslinje\w*|timelines?|tidsplan\w*|faser|faserne|fase|phases?|milepael\w*|milestones?"
                 r"|deadlines?|frist|frister|fristerne|schedule"),
    ("rules", r"regl\w*|regel|reglen|rules?|spejlingsprincip\w*|mirror principle"),
    ("gaps", r"uvis\w*|ukendt\w*|unknowns?|gaps?|huller|hullerne|uklar\w*|unclear|modsig\w*|contradict\w*"
             r"|mangler vi|ved vi ikke|not known|don t know|do not know|usikker\w*|uncertain\w*"),
    ("unrepresented", r"ikke (?:er )?repraesent\w*|not represented|unrepresented|underrepresented"
                      r"|no (?:municipal |kommunal\w* )?represent\w*|ingen (?:kommunal\w* )?repraesent\w*"
                      r"|uden (?:kommunal\w* )?repraesent\w*|without (?:any )?(?:municipal )?represent\w*"
                      r"|faerrest\w*|fewest|least represented|mindst repraesent\w*"),
    ("interlocks", r"deler|deles|share|shares|shared|sharing|faelles medlem\w*|common (?:members?|people)"
                   r"|interlock\w*|overlap\w*|samme medlem\w*|same (?:members?|people)"),
    ("matrix", r"matri[xc]\w*|heat ?maps?|varmekort\w*|krydstabel\w*|cross ?tab\w*"),
    ("meetings", r"moede|moeder|moederne|moedes|moedet|meetings?|meet|meets|hvor ofte|how often|moedefrekvens\w*"),
    ("links", r"forbind\w*|links?|linked|linking|connect\w*|bridges?|brokers?|bindeled\w*|mellemled\w*"),
    ("appointments", r"udpeg\w*|appoint\w*|udnaevn\w*|nominer\w*|nominat\w*|indstill\w*"),
    ("chain", r"refere\w*|reports?|reporting|rapporter\w*|hierarki\w*|hierarch\w*|chain|kaede\w*"
              r"|answers? to|accountable|over sig|under sig|ligger (?:over|under)|above|below|beneath"),
    ("members", r"medlem\w*|members?|membership|formand|formanden|formaend\w*|naestformand\w*|chairs?"
                r"|chaired|chairman|chairperson|sidder i|sidder med i|sits? (?:in|on)|seats? (?:in|on)"
                r"|hvem er i|who is in|who s in|deltag\w*|participants?|sammensat|sammensaetning\w*"
                r"|composition|composed|bestaar|consists?|consisting"),
    ("represented", r"repraesent\w*|represent\w*|hvor sidder|where does \w+(?: \w+)? sit|hvilke fora"
                    r"|which fora|which forums|hvor er \w+(?: \w+)? med"),
]


@functools.cache
def _classifiers() -> list[tuple[str, re.Pattern[str]]]:
    """The patterns of _CLASSIFY_WORDS, compiled on first use (20 ms that `ask NAME` never needs)."""
    return [(name, re.compile(r"(?<!\S)(?:" + rx + r")(?!\S)")) for name, rx in _CLASSIFY_WORDS]


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
            if length == 1 and (_is_vocabulary(phrase) and not index._exact(phrase, kinds) or len(fold(phrase)) < 2):
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
        f"{', '.join(list(QUESTIONS)[:-1])} and {list(QUESTIONS)[-1]} "
        f"(e.g. '{QUESTIONS['represented'][1]}' or '{QUESTIONS['members'][2]}')"
    )


def parse_question(text: str, index: NameIndex, *, today: _dt.date | None = None) -> tuple[str, dict[str, Any]]:
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
            f"an empty question; ask e.g. '{QUESTIONS['represented'][1]}' or '{QUESTIONS['members'][2]}'"
        )
    found, masked = extract_dates(original)
    all_kinds = frozenset().union(*(k for slots, _, _ in QUESTIONS.values() for _, k in slots))
    mentions = _scan(masked, index, all_kinds)

    # classify on the words outside the names found ("… i forbindelse med sundhedsreformen" is a
    # forum's name, not a question about links), then on all words
    words = fold_words(masked)
    question = words[0] if words and words[0] in QUESTIONS else (
        _classify(" ".join(fold_words(_blank(masked, mentions)))) or _classify(" ".join(words))
    )
    args: dict[str, Any] = {}

    if question == "changes":
        if not found:
            raise ConfigError(
                f"'{original.strip()}' asks what changes but names no dates; "
                f"e.g. '{QUESTIONS['changes'][1]}' or '{QUESTIONS['changes'][2]}'"
            )
        if len(found) > 2:
            raise ConfigError(f"'{original.strip()}' names {len(found)} dates; a change is between two dates")
        args["date_from"], args["date_to"] = _change_window(found, today)
        return question, args

    if len(found) > 1:
        raise ConfigError(
            f"'{original.strip()}' names {len(found)} dates; ask about one date, or compare two with "
            f"'{QUESTIONS['changes'][1]}'"
        )

    if question == "unrepresented" and any(index.get(i).kind == "Municipality" for m in mentions for i in m.hits):
        question = "represented"  # "hvor er Viborg ikke repræsenteret?": the answer shows where it is
    if question == "represented" and not any(
        index.get(i).kind == "Municipality" for m in mentions for i in m.hits
    ) and any(index.get(i).kind in _BODY for m in mentions for i in m.hits):
        question = "members"  # "who is represented in KOSU?"
    if question is None:
        question = _bare_name_question(masked, mentions, index)
        if question is None:
            raise _unrecognised(original)

    slots = QUESTIONS[question][0]
    if slots:
        kinds = frozenset().union(*(k for _, k in slots))
        _decide_mentions(mentions, index, kinds, masked)
        for arg, slot_kinds in slots:
            m = next((m for m in mentions if m.id and not m.used and index.get(m.id).kind in slot_kinds), None)
            if m is not None:
                m.used = True
                args[arg] = m.id
        for arg, slot_kinds in slots:
            if arg not in args:
                args[arg] = _fill_missing(question, arg, slot_kinds, masked, mentions, index, args, original)
    if found:
        args["as_of"] = found[0].iso
    return question, args


def _fill_missing(question: str, arg: str, kinds: frozenset[str], text: str, mentions: list[_Mention],
                  index: NameIndex, args: dict[str, Any], original: str) -> str:
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
    _, da, en = QUESTIONS[question]
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
    hint_regions: dict[str, _Mention | None] = {r: None for r in index.text_region_hints(text)}
    for m in mentions:
        regions = [i for i in m.hits if index.get(i).kind == "Region"]
        if len(regions) == 1 and len(m.hits) == 1:
            hint_regions[regions[0]] = m
    for m in mentions:
        hits = {i: r for i, r in m.hits.items() if index.get(i).kind in kinds}
        if not hits:
            continue
        in_hinted = {i: r for i, r in hits.items() if index.get(i).region in hint_regions
                     and hint_regions[index.get(i).region] is not m}
        if in_hinted and len(in_hinted) < len(hits):  # "Praksisplanudvalget i Nordjylland"
            hits = in_hinted
            for i in hits:
                if hint_regions[index.get(i).region] is not None:
                    hint_regions[index.get(i).region].used = True
        best = index._best(hits)
        if len(best) > 1:
            narrowed = [i for i in best if index.get(i).region in hint_regions and hint_regions[index.get(i).region] is not m]
            if len(narrowed) == 1:
                hint = hint_regions[index.get(narrowed[0]).region]
                if hint is not None:
                    hint.used = True
                best = narrowed
            else:
                raise index.ambiguous(m.text, best, kinds & {index.get(i).kind for i in best})
        m.id = best[0]
