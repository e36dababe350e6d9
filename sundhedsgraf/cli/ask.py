"""`sundhedsgraf ask`: the questions of the registry, by name or in free text (Danish or English)."""

from __future__ import annotations

import csv
import json
import sys

import click

from ..errors import ConfigError
from ..questions.registry import REGISTRY


def _import_driver_in_background():
    """Import the neo4j driver in a thread while the command goes on. The driver imports numpy and
    pandas (0.3 s) only to accept them as query parameters, which `ask` never passes: they are
    hidden from it while it loads (and import normally afterwards)."""
    import threading

    if "neo4j" in sys.modules:
        return None

    def load():
        hidden = [m for m in ("pandas", "numpy", "pyarrow") if m not in sys.modules]
        for m in hidden:
            sys.modules[m] = None  # `import m` raises ImportError, which the driver expects
        try:
            import neo4j  # noqa: F401
        except ImportError:
            pass
        finally:
            for m in hidden:
                if sys.modules.get(m, 0) is None:
                    del sys.modules[m]

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    return thread


def _usage() -> str:
    return " |\n  ".join(" ".join([q.name, q.usage]).strip() for q in REGISTRY.values())


def _resolve_args(name: str, given: list[str], index) -> dict:
    """The registry's positional arguments of ``name`` from what was typed."""
    from ..names import parse_date

    q = REGISTRY[name]
    need = [a for a in q.args if a.default is None]
    if q.args and q.args[-1].type == "text" and len(given) > len(q.args):  # free text may be several words
        given = given[: len(q.args) - 1] + [" ".join(given[len(q.args) - 1 :])]
    if len(given) < len(need) or len(given) > len(q.args):
        example = " ".join(str(v) for v in q.example_args.values()) or q.usage
        raise ConfigError(
            f"ask {name} takes {q.usage or 'no arguments'}; got {len(given)}: "
            f"e.g. `sundhedsgraf ask {name} {example}`."
        )
    out: dict = {a.name: a.default for a in q.args if a.default is not None}
    for arg, value in zip(q.args, given, strict=False):  # arguments left out keep their defaults
        if arg.type == "date":
            out[arg.name] = parse_date(value, arg.name)
        elif arg.type == "text":
            out[arg.name] = value
        else:
            out[arg.name] = index.resolve(value, arg.kinds)
    return out


def _print_csv(answer: dict) -> None:
    w = csv.writer(sys.stdout)
    w.writerow(["municipality", *[f["name"] for f in answer["fora"]]])
    cells = {(c["municipality_id"], c["forum_id"]): c["seats"] for c in answer["cells"]}
    for m in answer["municipalities"]:
        w.writerow([m["name"], *[cells.get((m["id"], f["id"]), 0) for f in answer["fora"]]])


def register(main: click.Group) -> None:
    from .common import connection_options, fail_cleanly

    @main.command(
        help=f"""Ask a question of the registry by name, or in free text in Danish or English.

    \b
    Questions:
      {_usage()}
    Names are matched forgivingly (case, 'Kommune', Århus/Aarhus, aa/å, æ/ae, ø/oe);
    a forum may be named by id, name or abbreviation (KOSU, SKF, SKU, PPU, KKR, DASSOS…).

    \b
    Example:
      sundhedsgraf ask represented Viborg --as-of 2024-06-01
      sundhedsgraf ask links "Region Midtjylland" KL --json
      sundhedsgraf ask search delingsaftaler
      sundhedsgraf ask "hvor er Samsø repræsenteret i 2024?"
    """
    )
    @click.argument("question")
    @click.argument("args", nargs=-1)
    @click.option(
        "--as-of", "as_of", metavar="YYYY-MM-DD", help="Only facts valid on this date count (default: today)."
    )
    @click.option("--source", metavar="DOC", help="Only facts that cite this document (000…004).")
    @click.option(
        "--max-hops", type=int, default=5, show_default=True, help="links: longest path searched (1-8)."
    )
    @click.option(
        "--region", metavar="REGION", help="interlocks, unrepresented, changes: only fora of this region."
    )
    @click.option(
        "--limit",
        type=click.IntRange(min=1),
        default=None,
        help="search: at most this many nodes and relationships (default 50).",
    )
    @click.option(
        "--include-inferred", is_flag=True, help="Also use inferred facts (marked 'inferred' on every row)."
    )
    @click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
    @click.option(
        "--csv", "as_csv", is_flag=True, help="matrix: print the municipality x forum table as CSV."
    )
    @connection_options
    @fail_cleanly
    def ask(
        question, args, as_of, source, max_hops, region, limit, include_inferred, as_json, as_csv, settings
    ):
        from ..db.connection import Graph
        from ..names import parse_date, parse_question
        from ..names.from_graph import name_index
        from ..queries import run_query
        from ..questions import ask as answer_question

        if max_hops is not None and not 1 <= max_hops <= 8:
            raise ConfigError(f"--max-hops {max_hops}: choose 1 to 8.")
        if as_csv and question != "matrix" and question in REGISTRY:
            raise ConfigError("--csv is for `ask matrix`; use --json for the other questions.")
        loading = _import_driver_in_background()
        with Graph(settings) as graph:
            if loading is not None:
                loading.join()
            index = name_index(graph, cache_dir=settings.home / "cache" if settings.embedded else None)
            if question in REGISTRY:
                name, qargs = question, _resolve_args(question, list(args), index)
            else:
                name, qargs = parse_question(" ".join([question, *args]), index)
                click.echo(f"question: {name} " + " ".join(f"{k}={v}" for k, v in qargs.items()), err=True)
            q = REGISTRY[name]
            as_of = parse_date(as_of, "--as-of") if as_of else qargs.get("as_of")
            qargs.pop("as_of", None)
            if (region and "region" in q.options) or (region and name == "matrix"):
                qargs["region"] = index.resolve(region, ("Region",))
            if "max_hops" in q.options:
                qargs["max_hops"] = max_hops
            if limit is not None and "limit" in q.options:
                qargs["limit"] = limit
            if source is not None:
                known = run_query("source_documents", graph=graph)
                docs = sorted({d for r in known for d in r["documents"] if d})
                if source not in docs:
                    raise ConfigError(
                        f"--source '{source}' is not cited by any fact; choose one of {', '.join(docs)}."
                    )
            answer = answer_question(
                name, graph=graph, as_of=as_of, source=source, inferred=include_inferred, **qargs
            )
        if as_csv:
            if name != "matrix":
                raise ConfigError("--csv is for `ask matrix`; use --json for the other questions.")
            _print_csv(answer)
        elif as_json:
            click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        else:
            shown = {
                k: index.get(v).name if isinstance(v, str) and v in index else v for k, v in qargs.items()
            }
            q.render(answer, shown)
