"""The search box's data: every page's names, folded at build time as `ask` folds them.

The keys are those :class:`~sundhedsgraf.names.NameIndex` matches exactly (name, abbreviation,
aliases and the names it derives: "Midtjylland" for Region Midtjylland, "borgmester i Viborg"…),
each folded (:func:`~sundhedsgraf.names.fold`: case, punctuation, "Kommune", å→aa, æ→ae, ø→oe) and
loosely folded (:func:`~sundhedsgraf.names.loose`: no spaces, aa/ae→a, oe→o). The page folds what
the reader types with the same rules, shipped in the same file (``assets/names.js``), so the script
only compares prepared strings: "Århus", "aarhus" and "Arhus" all find Aarhus Kommune.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from ..names import NameIndex, fold, loose
from ..names.folding import _KOMMUNE, _LETTERS

#: the order suggestions of equal quality come in
KIND_ORDER = ("Municipality", "Region", "Forum", "Organisation", "Office", "Document")


def entries(index: NameIndex, urls: Mapping[str, str]) -> list[dict]:
    """One entry per node that has a page (``urls``: node id -> page path from the site's root)."""
    out = []
    for e in index.names():
        url = urls.get(e.id)
        if url is None:
            continue
        # the exact-match keys of the index (its own derivation, so the site matches as `ask` does)
        texts = [t for t, _ in index.keys(e)]
        folded = sorted({k for k in map(fold, texts) if k})
        loosed = sorted({k for k in map(loose, texts) if k} - set(folded))
        out.append(
            {
                "n": e.name,
                "k": e.kind,
                "o": KIND_ORDER.index(e.kind) if e.kind in KIND_ORDER else len(KIND_ORDER),
                "u": url,
                "f": folded,
                "l": loosed,
            }
        )
    return sorted(out, key=lambda x: (x["o"], x["n"], x["u"]))


def script(index: NameIndex, urls: Mapping[str, str]) -> str:
    """``assets/names.js``: the entries and the folding rules, as one assignment."""
    data = {
        "letters": {chr(k): v for k, v in sorted(_LETTERS.items())},
        "kommune": sorted(_KOMMUNE),
        "entries": entries(index, urls),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return "window.SG_NAMES = " + text.replace("</", "<\\/") + ";\n"
