"""The name index of a loaded graph, kept between commands.

Building the index folds every name several ways (a second for the ~6,000 names of synth scale 4),
so with ``cache_dir`` it is kept there, pickled under a hash of the graph's names and of the
names package's code: a warm `ask` reads it back in a tenth of that.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

from ..errors import ConfigError
from .index import NameIndex

NAME_COLUMNS = ("id", "name", "kind", "abbreviation", "aliases", "short_name", "region")


def name_index(graph, cache_dir: Path | None = None) -> NameIndex:
    """The names of the graph (the rows of the `names_packed` query, read as one record)."""
    from ..queries import statement

    # plain text values: the driver's rows as they are (run_query's JSON conversion walks every value)
    packed = graph.run_read(statement("names_packed"))
    raw = sorted(packed[0]["names"] if packed else [], key=lambda r: r[0])  # [id, name, kind, ...] lists
    if not raw:
        raise ConfigError("the database is empty; load the model first: sundhedsgraf load")

    def build() -> NameIndex:
        rows = [dict(zip(NAME_COLUMNS, r, strict=True)) for r in raw]
        return NameIndex(rows, list_hint="see `sundhedsgraf query names` for every name")

    if cache_dir is None:
        return build()
    return _cached(raw, build, Path(cache_dir))


def _code_digest() -> str:
    h = hashlib.sha256()
    for f in sorted(Path(__file__).parent.glob("*.py")):
        h.update(f.read_bytes())
    return h.hexdigest()


def _cached(raw: list[list], build, cache_dir: Path) -> NameIndex:
    from ..speed import gc_paused

    digest = hashlib.sha256(_code_digest().encode())
    digest.update(json.dumps([NAME_COLUMNS, raw], ensure_ascii=False).encode())  # lists: no keys to sort
    path = cache_dir / f"names-{digest.hexdigest()[:32]}.pickle"
    try:
        with open(path, "rb") as f, gc_paused():  # 100,000 small objects and no cycles to find among them
            index = pickle.load(f)
        if isinstance(index, NameIndex):
            return index
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass
    index = build()
    try:  # a cache: any failure to write it only costs the next command the build again
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
            pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in cache_dir.glob("names-*.pickle"):  # only the newest graph's index is kept
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return index
