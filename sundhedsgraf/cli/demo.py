"""`sundhedsgraf demo`: the project's main job in one command (what `make demo` runs)."""

from __future__ import annotations

import time
from pathlib import Path

import click


def register(main: click.Group) -> None:
    from .common import connection_options, fail_cleanly, model_option

    @main.command()
    @click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("out"),
        show_default=True,
        help="Folder for the map.",
    )
    @click.option(
        "--as-of",
        "as_of",
        metavar="YYYY-MM-DD",
        help="The date the questions are asked for (default: today).",
    )
    @model_option
    @connection_options
    @fail_cleanly
    def demo(out_dir, as_of, model_dir, settings):
        """Validate and load the model, answer the two main questions, write the whole map.

        Starts the embedded database when NEO4J_URI is unset (no configuration needed).

        \b
        Example:
          sundhedsgraf demo
          sundhedsgraf demo --as-of 2024-06-01 --out /tmp/sundhedsgraf
        """
        import datetime as _dt

        from ..db.connection import Graph
        from ..loaders.graph import load_graph
        from ..model import load_model
        from ..names import parse_date
        from ..questions import REGISTRY, ask

        t0 = time.perf_counter()
        as_of = parse_date(as_of, "--as-of") if as_of else _dt.date.today().isoformat()
        model = load_model(model_dir)
        click.echo(
            f"1. The model is valid: {len(model.nodes)} nodes and {len(model.relationships)} relationships "
            f"from {len(model.documents)} documents, every quote verified."
        )
        with Graph(settings) as graph:
            # --replace only on the embedded default: never empty a database the user pointed us at
            report = load_graph(model, graph, replace=graph.server is not None).to_json()
            click.echo(
                f"2. Loaded into {graph.where}: {report['total_nodes']} nodes, "
                f"{report['total_relationships']} relationships in {report['seconds']:.1f} s."
            )
            click.echo(f"3. Where is Viborg Kommune represented on {as_of}?")
            REGISTRY["represented"].render(
                ask("represented", graph, as_of, municipality="kommune-viborg"),
                {"municipality": "Viborg Kommune"},
            )
            click.echo(f"4. Who links Region Midtjylland and KL on {as_of}?")
            REGISTRY["links"].render(
                ask("links", graph, as_of, a="region-midtjylland", b="kl"),
                {"a": "Region Midtjylland", "b": "KL"},
            )
        from ..maps import build_map, write_map

        out_dir.mkdir(parents=True, exist_ok=True)
        path = write_map(build_map(model, title="sundhedsgraf"), out_dir / "sundhedsgraf-map.html")
        click.echo(f"5. The whole map: {Path(path).resolve()} (open it in a browser; it works offline).")
        click.echo(f"Done in {time.perf_counter() - t0:.1f} s.")
