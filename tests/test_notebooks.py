"""The analysts' notebooks run top to bottom, as on a fresh clone, against the embedded default.

Each notebook starts its own connection exactly as an analyst's kernel does (no NEO4J_URI, so the
embedded ArcadeDB server); to keep the suite fast they share one server, started here in a
temporary SUNDHEDSGRAF_HOME and kept running for the module (as `sundhedsgraf server start` would).
Any error in any cell fails the test. The stored notebooks must carry no outputs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

PROJECT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((PROJECT / "notebooks").glob("*.ipynb"))
EXPECTED = [
    "01_overview.ipynb",
    "02_represented.ipynb",
    "03_links.ipynb",
    "04_timeline.ipynb",
    "05_then_and_now.ipynb",
]
TIMEOUT = 240  # per cell


def test_the_five_notebooks_exist():
    assert [p.name for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs_and_narrated(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code), (
        "clear the outputs before committing"
    )
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")  # an English heading
    headings = [
        line
        for c in nb.cells
        if c.cell_type == "markdown"
        for line in c.source.splitlines()
        if line.startswith("#")
    ]
    assert len(headings) >= 3
    text = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert any(w in text for w in (" og ", " det ", " er ")), "the narration is in Danish"
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert code[-1].source.strip() == "graph.close()"


def test_parameter_cells_are_tagged():
    for name in ("02_represented.ipynb", "03_links.ipynb", "05_then_and_now.ipynb"):
        nb = nbformat.read(PROJECT / "notebooks" / name, as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1 and tagged[0].cell_type == "code", name
    nb = nbformat.read(PROJECT / "notebooks" / "02_represented.ipynb", as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert "kommune =" in params.source and "dato =" in params.source


@pytest.fixture(scope="module")
def embedded_home(tmp_path_factory):
    """One embedded server for the notebooks, in a home of their own, and an environment without
    NEO4J_* so that each kernel uses the embedded default as on a fresh machine."""
    from sundhedsgraf.db.embedded import EmbeddedServer

    home = tmp_path_factory.mktemp("notebooks-home")
    saved = dict(os.environ)
    for k in list(os.environ):
        if k.startswith("NEO4J_") or k in ("SUNDHEDSGRAF_MODEL", "SUNDHEDSGRAF_CYPHER"):
            del os.environ[k]
    os.environ["SUNDHEDSGRAF_HOME"] = str(home)
    server = EmbeddedServer(home)
    server.start(persistent=True)
    try:
        yield home
    finally:
        server.stop()
        os.environ.clear()
        os.environ.update(saved)


def execute(nb, folder: Path):
    client = nbclient.NotebookClient(
        nb,
        timeout=TIMEOUT,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()
    return nb


def errors_in(nb) -> list[str]:
    return [
        f"{o.get('ename')}: {o.get('evalue')}"
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path, embedded_home):
    before = sorted(p.name for p in path.parent.iterdir())
    nb = execute(nbformat.read(path, as_version=4), path.parent)
    assert errors_in(nb) == []
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert outputs, "the notebook printed nothing"
    html = [
        o["data"]["text/html"]
        for o in outputs
        if o.get("output_type") in ("display_data", "execute_result") and "text/html" in o.get("data", {})
    ]
    if path.name != "04_timeline.ipynb":  # every other notebook shows a map, inline
        assert any("<iframe srcdoc=" in h for h in html), "no map was displayed"
    if path.name in ("02_represented.ipynb", "04_timeline.ipynb"):  # the heat map and the Gantt chart
        assert any("image/png" in o.get("data", {}) for o in outputs), "no chart was drawn"
    assert sorted(p.name for p in path.parent.iterdir()) == before  # nothing written next to the notebooks


@pytest.mark.slow
def test_represented_notebook_takes_parameters(embedded_home):
    """A papermill-style run: the parameters are injected after the tagged cell."""
    path = PROJECT / "notebooks" / "02_represented.ipynb"
    nb = nbformat.read(path, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    injected = nbformat.v4.new_code_cell('kommune = "Samso"\ndato = "2026-03-01"')
    injected.metadata["tags"] = ["injected-parameters"]
    nb.cells.insert(at + 1, injected)
    execute(nb, path.parent)
    assert errors_in(nb) == []
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "Samsø Kommune | kommune-samsoe" in text and "pr. 2026-03-01" in text
