"""The named questions: one registry (:mod:`.registry`), two independent fetches (the database,
:mod:`.database`; the networkx oracle, :mod:`sundhedsgraf.analysis`), one shaping (:mod:`.shaping`)
and one table per question (:mod:`.render`)::

    from sundhedsgraf.questions import ask
    ask("represented", municipality="kommune-viborg", as_of="2024-06-01")

Only facts valid on ``as_of`` count (default today); ``source`` keeps only facts that cite one
document; inferred facts (``confidence: inferred``) are left out unless ``inferred=True``, and are
then marked as such on every row.
"""

from __future__ import annotations

from typing import Any

from .registry import REGISTRY, Arg, Question, get

__all__ = ["REGISTRY", "Arg", "Asker", "Question", "ask", "get", "oracle_answer"]


def __getattr__(name: str):
    if name == "Asker":  # the database path, on demand (it imports the driver's query layer)
        from .database import Asker

        return Asker
    raise AttributeError(name)


def _check_args(q: Question, args: dict[str, Any]) -> dict[str, Any]:
    from ..errors import ConfigError

    names = {a.name for a in q.args} | set(q.options)
    unknown = sorted(set(args) - names)
    if unknown:
        raise ConfigError(
            f"question '{q.name}' takes {', '.join(sorted(names)) or 'no arguments'}; "
            f"not {', '.join(unknown)}."
        )
    out = {a.name: a.default for a in q.args if a.default is not None}
    out.update({k: v for k, v in args.items() if v is not None})
    missing = [a.name for a in q.args if a.name not in out]
    if missing:
        raise ConfigError(
            f"question '{q.name}' needs {', '.join(missing)}: e.g. ask('{q.name}', "
            + ", ".join(f"{k}={v!r}" for k, v in q.example_args.items())
            + ")."
        )
    return out


def ask(
    name: str,
    graph=None,
    as_of: str | None = None,
    source: str | None = None,
    inferred: bool = False,
    **args: Any,
):
    """Answer a question of the registry from the database: ``ask("represented",
    municipality="kommune-viborg", as_of="2024-01-01")``. ``graph`` is an open
    :class:`~sundhedsgraf.db.connection.Graph` (default: the process's shared connection)."""
    from .database import Asker

    q = get(name)
    return q.database(Asker(graph, as_of, source, inferred), **_check_args(q, args))


def oracle_answer(
    name: str, model, as_of: str | None = None, source: str | None = None, inferred: bool = False, **args: Any
):
    """The same answer computed from the YAML model with networkx alone (the independent oracle)."""
    from .. import analysis

    q = get(name)
    args = _check_args(q, args)
    fn = q.oracle()
    if q.time == "none":
        return fn(model)
    if q.time == "dates":
        return fn(model, source=source, include_inferred=inferred, **args)
    if q.time == "all":
        return fn(analysis.snapshot(model, "*", source, inferred), **args)
    if q.time == "checks":
        return fn(model, as_of, source, inferred)
    return fn(analysis.snapshot(model, as_of, source, inferred), **args)
