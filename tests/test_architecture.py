"""The package's structure as docs/architecture.md describes it: no import cycle anywhere (function-level
imports included), the library never imports the CLI, and every module of the package is named in
the architecture's table (and every module the table names exists)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sundhedsgraf"


def _modules(package: Path = PACKAGE) -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package's __init__)."""
    out = {}
    for path in package.rglob("*.py"):
        if "data" in path.relative_to(package).parts:
            continue
        parts = path.relative_to(package.parent).with_suffix("").parts
        is_pkg = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_pkg else parts)] = (path, is_pkg)
    return out


def import_graph(package: Path = PACKAGE) -> nx.DiGraph:
    """An edge A -> B for every import of B written in A, at any depth (a function-level import
    counts as much as one at the top). An import names the most specific module it reaches
    (``from .. import sources`` is an edge to ``sundhedsgraf.sources``); the parent packages that
    Python initialises on the way are not edges, so a package's facade may name its submodules."""
    mods = _modules(package)
    g = nx.DiGraph()
    g.add_nodes_from(mods)
    for name, (path, is_pkg) in mods.items():
        pkg = name if is_pkg else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = pkg.split(".")[: len(pkg.split(".")) - node.level + 1]
                    mod = ".".join(base + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in mods else mod for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            g.add_edges_from((name, t) for t in targets if t in mods and t != name)
    return g


def test_the_package_has_no_import_cycle():
    cycles = list(nx.simple_cycles(import_graph()))
    assert cycles == [], " ; ".join(" -> ".join([*c, c[0]]) for c in cycles[:5])


def test_the_cycle_check_finds_a_cycle_and_a_function_level_one(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from . import b\n")
    (pkg / "b.py").write_text("def f():\n    from .sub import c\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "c.py").write_text("from ..a import x\n")
    cycles = list(nx.simple_cycles(import_graph(pkg)))
    assert [sorted(c) for c in cycles] == [["pkg.a", "pkg.b", "pkg.sub.c"]]


def test_the_library_never_imports_the_cli():
    """Only the CLI itself and ``python -m sundhedsgraf`` (``__main__``) may import the CLI."""
    g = import_graph()
    cli = {m for m in g if m == "sundhedsgraf.cli" or m.startswith("sundhedsgraf.cli.")}
    library = set(g) - cli - {"sundhedsgraf.__main__"}
    assert [(a, b) for a in sorted(library) for b in g.successors(a) if b in cli] == []


def _documented_paths() -> set[str]:
    """Every `path` in the architecture's module table, as paths below sundhedsgraf/."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text.split("## What each package owns", 1)[1].split("\n## ", 1)[0]
    paths = set()
    for row in table.splitlines():
        if row.startswith("| `"):
            first_cell = row.split("|")[1]
            paths.update(re.findall(r"`([^`]+)`", first_cell))
    return paths


def test_every_module_is_in_the_architecture_table_and_every_named_one_exists():
    documented = _documented_paths()
    named = set()
    for entry in documented:
        rel = entry.removeprefix("sundhedsgraf/")
        target = PACKAGE / rel
        assert target.exists(), f"docs/architecture.md names {entry}, which does not exist"
        named.add(rel.rstrip("/"))
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in ("data", "__pycache__") or rel.name == "__main__.py":
            continue
        covered = str(rel) in named or (rel.parts[0] in named and len(rel.parts) > 1)
        if not covered:
            missing.append(str(rel))
    assert missing == [], f"modules docs/architecture.md does not name: {missing}"


@pytest.mark.parametrize("folder", ["templates", "vendor"])
def test_the_package_data_folders_are_documented(folder):
    assert f"{folder}/" in _documented_paths()
