"""Forgiving names: what a person types, resolved to a node id (no database, no language model).

:class:`NameIndex` turns what a person types ("viborg kommune", "Samso", "RM", "KKR Nordjylland",
"KD-Net") into a node id, or raises a one-line :class:`~sundhedsgraf.errors.ConfigError` that says
what to do::

    index = NameIndex.from_model(load_model())
    index.resolve("Ringkobing Skjern")                 # 'kommune-ringkoebing-skjern'
    index.resolve("Viborgg", kinds="Municipality")      # raises UnknownName:
    # unknown municipality 'Viborgg'; did you mean 'Viborg Kommune' (kommune-viborg)?

It is built once from a model (:meth:`NameIndex.from_model`) or from plain ``(id, name, kind,
aliases)`` rows (``NameIndex(rows)``, e.g. rows read from the database).

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

Errors (all :class:`~sundhedsgraf.errors.ConfigError`, one line, exit code 2)::

    ConfigError
    ├── UnknownName             no node has that name; carries ``suggestions``
    ├── AmbiguousName           several nodes fit equally well; carries ``candidates``
    └── UnrecognisedQuestion    the question is none of the named questions (names.parser)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..errors import ConfigError
from .folding import _ENDINGS, _STOP, _loose_word, _strip_kommune, fold, fold_words, loose

KINDS: tuple[str, ...] = (
    "Municipality",
    "Region",
    "Forum",
    "Office",
    "Organisation",
    "Process",
    "Phase",
    "Milestone",
    "Document",
    "Gap",
)
_KIND_BY_LOWER = {k.lower(): k for k in KINDS} | {"organization": "Organisation", "kommune": "Municipality"}

# match ranks: lower is better
ID, NAME, ABBREVIATION, ALIAS, DERIVED = range(5)

DEFAULT_LIST_HINT = "every node's name and id is in 'sundhedsgraf export --format json'"


class UnknownName(ConfigError):
    """No node has this name. ``suggestions`` holds the close ones (:class:`Entry`), best first."""

    def __init__(self, message: str, text: str = "", suggestions: Sequence[Entry] = ()):
        super().__init__(message)
        self.text = text
        self.suggestions = list(suggestions)


class AmbiguousName(ConfigError):
    """Several nodes fit the name equally well. ``candidates`` holds them (:class:`Entry`)."""

    def __init__(self, message: str, text: str = "", candidates: Sequence[Entry] = ()):
        super().__init__(message)
        self.text = text
        self.candidates = list(candidates)


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
    def coerce(cls, row: Any) -> Entry:
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
            # 3 to 6 fields: the trailing ones may be left out (read with .get below)
            fields = dict(
                zip(("id", "name", "kind", "aliases", "abbreviations", "region"), values, strict=False)
            )
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


def _normalise_kinds(
    kinds: str | Iterable[str] | None, known: Mapping[str, str] | None = None
) -> frozenset[str] | None:
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
            for text, rank in self.keys(e):
                self._add(text, e.id, rank)
            for text in (e.name, *e.aliases, *e.abbreviations):
                words = tuple(_loose_word(w) for w in fold_words(text) if w not in _STOP)
                if words:
                    self._phrases.append((e.id, words))
        self.max_words = max((k.count(" ") + 1 for k in self._normal), default=1)

    # ---- building

    @classmethod
    def from_model(cls, model: Any, **kwargs: Any) -> NameIndex:
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

    def keys(self, e: Entry) -> Iterable[tuple[str, int]]:
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
                for pattern in (
                    "{t} {p}",
                    "{t} i {p}",
                    "{t} in {p}",
                    "{t} of {p}",
                    "{t} for {p}",
                    "{p} {t}",
                    "{p}s {t}",
                ):
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
        return sorted(
            (e for e in self._entries.values() if ks is None or e.kind in ks), key=lambda e: fold(e.name)
        )

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
        return sorted(
            (i for i, r in hits.items() if r == top), key=lambda i: (fold(self._entries[i].name), i)
        )

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
                    if (w.startswith(q) and len(q) >= 3 and w[len(q) :] in _ENDINGS) or (
                        q.startswith(w) and len(w) >= 3 and q[len(w) :] in _ENDINGS
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
        return sorted(
            ((s, i) for i, s in best.items()), key=lambda si: (-si[0], len(self._entries[si[1]].name), si[1])
        )

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
                k
                for k, ids in self._loose.items()
                if ks is None or any(self._entries[i].kind in ks for i in ids)
            ]
        return self._loose_keys_cache[ks]

    # ---- messages

    def _decide(self, text: str, hits: dict[str, int], ks: frozenset[str] | None) -> str:
        best = self._best(hits)
        if len(best) == 1:
            return best[0]
        raise self._ambiguous(text, best, ks)

    def ambiguous(
        self, text: str, ids: Sequence[str], kinds: str | Iterable[str] | None = None
    ) -> AmbiguousName:
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
            text,
            cands,
        )

    def _unknown(self, text: str, ks: frozenset[str] | None) -> UnknownName:
        what = kind_phrase(ks)
        if ks is not None:
            other = self._exact(text, None)
            if other:
                e = self._entries[self._best(other)[0]]
                return UnknownName(
                    f"unknown {what} '{text}': that is the {e.kind.lower()} {e.label()}, not a {what}",
                    text,
                    [e],
                )
        suggestions = self.suggest(text, ks, n=3)
        if suggestions:
            return UnknownName(
                f"unknown {what} '{text}'; did you mean {_or_list([s.label() for s in suggestions])}?",
                text,
                suggestions,
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
