"""Random damage to the real model never crashes the validator.

Each example takes a copy of the real model/, damages one to three of its files the way a careless
edit, a wrong editor setting or a broken disk would (a value of another type, a key removed or added,
a value nested in a list or a mapping, keys that are not text, numbers beyond what the database
stores, Latin-1 or UTF-16 bytes, a byte-order mark, invalid UTF-8, a truncated or emptied file, a
symbolic link that loops, a folder where a file was; a source document's bytes as well) and requires ``load_model`` to either return a
Model or raise ModelInvalid / ModelError with one line per problem: never any other exception.

Deterministic (``derandomize``, no example database) and bounded: 60 examples on the whole model,
about half a second each.
"""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MODEL
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sundhedsgraf.errors import ModelError, ModelInvalid
from sundhedsgraf.model import Model, load_model
from sundhedsgraf.schema import INT64_MAX, INT64_MIN

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

FILES = sorted(
    [f"facts/{p.name}" for p in (MODEL / "facts").glob("*.yaml")]
    + ["schema.yaml", "sources.yaml", "offices.yaml"]
    + [f"sources/{p.name}" for p in (MODEL / "sources").glob("*.txt")]  # bytes only: no YAML in them
)

_KEYS = [
    "id",
    "label",
    "name",
    "type",
    "start",
    "end",
    "sources",
    "quote",
    "document",
    "url",
    "extends",
    "kind",
    "forum",
    "bodies",
    "check",
    "seats",
    "status",
    "office",
    "municipality",
    "municipalities",
    "meetings_per_year",
    "meetings_per_year_max",
    "code",
    "valid_from",
    "attested",
    "file",
    "documents",
    "labels",
    "properties",
    "relationship_types",
    "office_types",
    "title",
    "values",
    "required",
    "unique",
    "minimum",
    "maximum",
    "empty",
    "nodes",
    "rules",
    "gaps",
    "x",
]
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 400),
    st.sampled_from([INT64_MAX, INT64_MAX + 1, INT64_MIN - 1, 10**20, -(10**30)]),
    st.sampled_from([4.5, -0.0, float("nan"), float("inf"), float("-inf"), 1e300]),
    st.sampled_from(
        [
            "",
            " ",
            "x",
            "kosu",
            "kommune-viborg",
            "region-midtjylland",
            "Forum",
            "Office",
            "MEMBER_OF",
            "PART_OF",
            "active",
            "integer",
            "enum",
            "2026-02-30",
            "2026-01-01",
            "004",
            "https://x.dk",
            "medlem",
            "seat_count",
            "sundhedsdirektoer",
            "[/x]",
            "æøå",
        ]
    ),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(_KEYS), inner, max_size=3),
    ),
    max_leaves=6,
)
_odd_keys = st.one_of(st.sampled_from(_KEYS), st.integers(-2, 2), st.none(), st.booleans(), st.just(1.5))

STRUCTURAL = ("replace", "delete", "add", "wrap_list", "wrap_map")
BYTES = ("latin1", "bom", "invalid_utf8", "truncate", "utf16", "emptied", "symlink_loop", "folder")


@pytest.fixture(scope="module")
def model_copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "model"
    shutil.copytree(MODEL, root)
    return root


_parsed: dict[str, Any] = {}


def _original(name: str) -> Any:
    if name not in _parsed:
        _parsed[name] = yaml.load((MODEL / name).read_text(encoding="utf-8"), Loader=_Loader)
    return copy.deepcopy(_parsed[name])


def _containers(data: Any) -> list[Any]:
    """Every list and mapping in ``data``, outermost first."""
    out, stack = [], [data]
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)):
            out.append(node)
            stack.extend(reversed(list(node.values() if isinstance(node, dict) else node)))
    return out


def _damage_structure(name: str, op: str, draw) -> bytes:
    data = _original(name)
    places = _containers(data)
    if not places:
        return b"- not a mapping\n"
    place = places[draw(st.integers(0, len(places) - 1))]
    keys: list[Any] = list(place) if isinstance(place, dict) else list(range(len(place)))
    if op == "add" or not keys:
        if isinstance(place, dict):
            place[draw(_odd_keys)] = draw(_values)
        else:
            place.insert(draw(st.integers(0, len(place))), draw(_values))
    else:
        key = keys[draw(st.integers(0, len(keys) - 1))]
        if op == "delete":
            del place[key]
        elif op == "replace":
            place[key] = draw(_values)
        elif op == "wrap_list":
            place[key] = [place[key]]
        else:
            place[key] = {draw(st.sampled_from(_KEYS)): place[key]}
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    return text.encode("utf-8")


def _damage_bytes(root: Path, name: str, op: str, draw) -> bytes | None:
    """The damaged bytes of ``name``, or None when the damage is to the file system itself."""
    path = root / name
    raw = (MODEL / name).read_bytes()
    text = raw.decode("utf-8")
    at = draw(st.integers(0, max(len(raw) - 1, 0)))
    if op == "latin1":
        return text.encode("latin-1", errors="replace")
    if op == "bom":
        return b"\xef\xbb\xbf" + raw
    if op == "invalid_utf8":
        return (
            raw[:at] + draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80"])) + raw[at:]
        )
    if op == "truncate":
        return raw[:at]
    if op == "utf16":
        return text.encode("utf-16")
    if op == "emptied":
        return draw(st.sampled_from([b"", b"# nothing left\n", b"\n\n"]))
    path.unlink()
    if op == "symlink_loop":
        os.symlink(path.name, path)
    else:
        path.mkdir()
    return None


def _restore(root: Path, names: set[str]) -> None:
    for name in names:
        path = root / name
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)
        shutil.copy(MODEL / name, path)


@settings(
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_damaged_model_never_crashes_the_validator(model_copy, data):
    damaged: set[str] = set()
    try:
        for _ in range(data.draw(st.integers(1, 3), label="how many files")):
            name = data.draw(st.sampled_from(FILES), label="file")
            op = data.draw(st.sampled_from(STRUCTURAL + BYTES), label="damage")
            if name in damaged:  # damage on damage: start from the real file each time
                _restore(model_copy, {name})
            damaged.add(name)
            event(op)
            if op in STRUCTURAL and name.endswith(".txt"):
                op = "invalid_utf8"
            if op in STRUCTURAL:
                new = _damage_structure(name, op, data.draw)
            else:
                new = _damage_bytes(model_copy, name, op, data.draw)
            if new is not None:
                (model_copy / name).write_bytes(new)
        try:
            model = load_model(model_copy)
        except ModelInvalid as e:
            event("invalid")
            assert e.problems and all(p.strip() and "\n" not in p for p in e.problems), e.problems
        except ModelError as e:
            event("model error")
            assert str(e).strip() and "\n" not in str(e), str(e)
        else:
            event("valid")
            assert isinstance(model, Model)
    finally:
        _restore(model_copy, damaged)


def test_the_copy_is_restored_between_examples(model_copy):
    """The fixture's model is whole again after the damage above (or before it runs)."""
    assert isinstance(load_model(model_copy), Model)
