"""Folding: the keys names are compared by (case, punctuation, "Kommune", å/æ/ø, aa/ae/oe)."""

from __future__ import annotations

import re
import unicodedata

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
    [
        "a",
        "af",
        "al",
        "alle",
        "alt",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "blev",
        "bliver",
        "by",
        "both",
        "de",
        "dem",
        "den",
        "denne",
        "der",
        "dereshar",
        "det",
        "dette",
        "did",
        "do",
        "does",
        "du",
        "efter",
        "eller",
        "en",
        "er",
        "et",
        "every",
        "fat",
        "for",
        "fra",
        "from",
        "fundet",
        "giv",
        "gives",
        "give",
        "har",
        "have",
        "has",
        "havde",
        "hele",
        "hos",
        "hvad",
        "hvem",
        "hvilke",
        "hvilken",
        "hvilket",
        "hvis",
        "hvor",
        "hvordan",
        "hvornaar",
        "how",
        "i",
        "ikke",
        "in",
        "ind",
        "into",
        "is",
        "it",
        "its",
        "jeg",
        "kan",
        "kun",
        "list",
        "liste",
        "man",
        "mange",
        "me",
        "med",
        "meget",
        "mig",
        "mod",
        "much",
        "naar",
        "ned",
        "nu",
        "now",
        "of",
        "og",
        "om",
        "on",
        "op",
        "or",
        "os",
        "over",
        "paa",
        "per",
        "pr",
        "sammen",
        "samt",
        "se",
        "show",
        "sig",
        "sin",
        "sine",
        "sit",
        "skal",
        "som",
        "tell",
        "that",
        "the",
        "their",
        "them",
        "there",
        "these",
        "this",
        "those",
        "til",
        "to",
        "ud",
        "under",
        "us",
        "ved",
        "vil",
        "vis",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "year",
        "years",
        "aar",
        "aaret",
        "aarlig",
        "aarligt",
        "annually",
        "yearly",
        "today",
        "dag",
        "idag",
        "nuvaerende",
        "current",
        "currently",
        "hvert",
        "each",
        "hver",
        "hvilke",
        "hvor",
        "the",
        "en",
        "et",
        "kommune",
        "kommunen",
        "kommuner",
        "kommunerne",
        "kommunes",
        "municipality",
        "municipalities",
        "region",
        "regionen",
        "regions",
        "regioner",
        "forum",
        "fora",
        "forummet",
        "forums",
        "body",
        "bodies",
        "organ",
        "organer",
        "sidder",
        "sidde",
        "sad",
        "sit",
        "sits",
        "sitting",
        "seated",
        "begge",
        "both",
        "direkte",
        "indirekte",
        "directly",
        "indirectly",
        "kommunal",
        "kommunale",
        "municipal",
        "ingen",
        "no",
        "uden",
        "without",
        "ofte",
        "often",
        "mon",
        "egentlig",
        "actually",
        "please",
        "venligst",
    ]
)

# Danish endings tried on a name's last word: genitive, definite, plural definite
_ENDINGS = ("erne", "ene", "ens", "ets", "en", "et", "ne", "s", "n")
