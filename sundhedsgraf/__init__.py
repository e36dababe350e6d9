"""sundhedsgraf: a graph knowledge model of Danish municipal, regional and KL health cooperation.

The public facade, for notebooks and scripts::

    import sundhedsgraf as sg
    model = sg.load_model()                      # the YAML model, validated
    with sg.connect() as graph:                  # NEO4J_URI, or the embedded server
        sg.load(model, graph)                    # all or nothing
        sg.ask("represented", graph, "2024-06-01", municipality="kommune-viborg")
    html = sg.build_map(model)

Each name is imported on first use, so ``import sundhedsgraf`` stays cheap.
"""

from __future__ import annotations

from .version import __version__

__all__ = ["__version__", "ask", "build_map", "connect", "load", "load_model"]


def connect(settings=None):
    """An open connection (a context manager): ``settings`` default to the environment (NEO4J_*)."""
    from .db.connection import Graph
    from .settings import Settings

    return Graph(settings or Settings.from_env())


def load_model(model_dir=None):
    """The validated model (default: the packaged model, or $SUNDHEDSGRAF_MODEL)."""
    from .model import load_model as _load_model

    return _load_model(model_dir)


def load(model, graph, replace: bool | None = None):
    """Load ``model`` into ``graph`` all or nothing; ``replace`` defaults to True on the embedded
    server only (a database you point at is never emptied unasked). Returns the load report."""
    from .loaders.graph import load_graph

    return load_graph(model, graph, replace=graph.server is not None if replace is None else replace)


def ask(
    name: str, graph=None, as_of: str | None = None, source: str | None = None, inferred: bool = False, **args
):
    """Answer a question of the registry (:data:`sundhedsgraf.questions.REGISTRY`) from the database."""
    from .questions import ask as _ask

    return _ask(name, graph, as_of, source, inferred, **args)


def build_map(data, **options) -> str:
    """The offline HTML network map of a model or a snapshot (see :func:`sundhedsgraf.maps.build_map`)."""
    from .maps import build_map as _build_map

    return _build_map(data, **options)
