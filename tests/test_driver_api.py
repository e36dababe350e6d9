"""The package uses the neo4j driver's public API only: no private module of the driver is imported,
and no private attribute (``x._name``) of a driver object is read, set or called, directly or
through ``getattr``/``hasattr``/``setattr``. A private name changes without notice between driver
releases; the loader and the reads must keep working with the next one.

The rule, on every .py file of the package (with ``ast``, no import of the package):

* ``import neo4j._…``, ``from neo4j._… import …``, ``from neo4j import _…`` and the text
  ``"neo4j._…"`` (``importlib.import_module``) fail;
* ``obj._name`` (not a dunder, ``obj`` not ``self`` or ``cls``) fails when ``_name`` is a private
  name of the driver (an attribute, method or class attribute anywhere in the installed ``neo4j``
  package) or is defined nowhere in the package: a name the package defines itself (a function,
  class, module-level name or attribute it assigns on ``self``) is the package's own business.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
from collections.abc import Iterable
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sundhedsgraf"
ATTRIBUTE_CALLS = ("getattr", "hasattr", "setattr", "delattr")


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def defined_names(trees: Iterable[ast.AST]) -> set[str]:
    """Every name the code defines: functions, classes, arguments, assigned names, attributes it
    assigns on ``self``/``cls``, import aliases and ``__slots__`` entries."""
    out: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                out.add(node.name)
            elif isinstance(node, ast.arg):
                out.add(node.arg)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                out.add(node.id)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
            ):
                out.add(node.attr)  # an attribute of its own objects (not one set on someone else's)
            elif isinstance(node, ast.alias):
                out.add(node.asname or node.name.split(".")[0])
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__slots__" for t in node.targets
            ):
                out.update(
                    c.value
                    for c in ast.walk(node.value)
                    if isinstance(c, ast.Constant) and isinstance(c.value, str)
                )
    return out


def _parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@functools.lru_cache(maxsize=1)
def driver_private_names() -> frozenset[str]:
    """The private names the installed driver defines (its own attributes, methods, classes)."""
    spec = importlib.util.find_spec("neo4j")
    assert spec is not None and spec.submodule_search_locations, "the neo4j driver is not installed"
    root = Path(next(iter(spec.submodule_search_locations)))
    trees = [_parse(p) for p in root.rglob("*.py")]
    return frozenset(n for n in defined_names(trees) if _private(n))


def package_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@functools.lru_cache(maxsize=1)
def package_names() -> frozenset[str]:
    return frozenset(defined_names(_parse(p) for p in package_files()))


def violations(
    source: str,
    filename: str = "<snippet>",
    own: Iterable[str] | None = None,
    driver: Iterable[str] | None = None,
) -> list[str]:
    """Every use of the driver's private API in ``source``, as ``file:line: what``."""
    own = package_names() if own is None else set(own)
    driver = driver_private_names() if driver is None else set(driver)
    tree = ast.parse(source, filename=filename)
    found = []

    def bad(node: ast.AST, what: str) -> None:
        found.append(f"{filename}:{getattr(node, 'lineno', '?')}: {what}")

    def private_module(name: str) -> bool:
        parts = name.split(".")
        return parts[0] == "neo4j" and any(_private(p) for p in parts[1:])

    def check_attribute(node: ast.AST, obj: ast.AST, name: str) -> None:
        if not _private(name) or (isinstance(obj, ast.Name) and obj.id in ("self", "cls")):
            return
        if name in driver:
            bad(node, f"{name} is a private name of the neo4j driver")
        elif name not in own:
            bad(node, f"{name} is private and not defined in the package (the driver's?)")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if private_module(a.name):
                    bad(node, f"import {a.name}: a private module of the driver")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if private_module(node.module):
                bad(node, f"from {node.module} import …: a private module of the driver")
            elif node.module.split(".")[0] == "neo4j":
                for a in node.names:
                    if _private(a.name):
                        bad(node, f"from {node.module} import {a.name}: private")
        elif isinstance(node, ast.Attribute):
            check_attribute(node, node.value, node.attr)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ATTRIBUTE_CALLS
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            check_attribute(node, node.args[0], node.args[1].value)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and private_module(node.value)
            and " " not in node.value
        ):
            bad(node, f"{node.value!r}: names a private module of the driver")
    return found


def test_the_package_uses_the_drivers_public_api_only():
    found = [
        v
        for p in package_files()
        for v in violations(p.read_text(encoding="utf-8"), str(p.relative_to(PACKAGE.parent)))
    ]
    assert not found, "private driver API in use:\n" + "\n".join(found)


def test_the_driver_scan_finds_the_names_it_must():
    """The scan of the installed driver sees the private names the package must not touch."""
    names = driver_private_names()
    assert {"_connection", "_pipelined_begin", "_hydration_scope", "_run_transaction"} <= names
    assert "__init__" not in names and "run" not in names


BAD = """
import contextlib
import neo4j._sync.io
from neo4j._sync.io import Bolt
from neo4j import _codec
import importlib

def read(session, tx, result):
    conn = tx._connection
    flag = getattr(session, "_pipelined_begin", None)
    with session._pipelined_begin:
        pass
    scope = conn.new_hydration_scope() if hasattr(tx, "_connection") else None
    result._buffer_all()
    tx._made_up_private_thing = 1
    importlib.import_module("neo4j._async")
"""

GOOD = """
import neo4j
from neo4j import exceptions as ne

class Wrapper:
    def __init__(self, driver):
        self._driver = driver
        self._tx = None

    def rows(self, other: "Wrapper"):
        with self._driver.session() as session:
            return other._tx, session.run("RETURN 1 AS one").data(), getattr(self, "_driver")

def helper(w: Wrapper):
    return w._driver, neo4j.RoutingControl.READ, ne.Neo4jError
"""


@pytest.mark.parametrize(
    "line, what",
    [
        (3, "import neo4j._sync.io"),
        (4, "from neo4j._sync.io import"),
        (5, "from neo4j import _codec"),
        (9, "_connection is a private name of the neo4j driver"),
        (10, "_pipelined_begin is a private name"),
        (11, "_pipelined_begin is a private name"),
        (13, "_connection is a private name"),
        (14, "_buffer_all is a private name"),
        (15, "_made_up_private_thing is private and not defined in the package"),
        (16, "names a private module"),
    ],
)
def test_the_rule_fails_on_private_driver_api(line, what):
    found = violations(BAD, own=defined_names([ast.parse(BAD)]))
    assert any(v.startswith(f"<snippet>:{line}:") and what in v for v in found), found


def test_the_rule_allows_public_api_and_the_packages_own_private_names():
    assert violations(GOOD, own=defined_names([ast.parse(GOOD)])) == []
    # the same code, had the package not defined `_driver` and `_tx` itself, would fail (the
    # getattr on self is the class's own business either way)
    undefined = GOOD.replace("self._driver = driver", "pass").replace("self._tx = None", "pass")
    found = violations(undefined, own=defined_names([ast.parse(undefined)]))
    assert [v.split(": ", 1)[1].split(" ")[0] for v in sorted(found)] == ["_tx", "_driver"]
