"""`sundhedsgraf site`: the static explorer site, built from the database (or previewed)."""

from __future__ import annotations

import json
from pathlib import Path

import click


def register(main: click.Group) -> None:
    from .common import connection_options, fail_cleanly, model_option

    @main.command()
    @click.option(
        "--out",
        "out",
        type=click.Path(path_type=Path),
        default=Path("site"),
        show_default=True,
        metavar="DIR",
        help="The folder to write (built beside it, then renamed into place), or to preview with --serve.",
    )
    @click.option(
        "--as-of",
        "as_of",
        metavar="YYYY-MM-DD",
        help="The date the pages open on when the reader has chosen none (default: the reader's today).",
    )
    @click.option("--serve", is_flag=True, help="Preview the built folder on 127.0.0.1 (Ctrl-C stops it).")
    @click.option(
        "--port",
        default=8000,
        show_default=True,
        metavar="N",
        type=int,
        help="With --serve: the port (0: any free one).",
    )
    @click.option(
        "--jobs",
        default=3,
        show_default=True,
        metavar="N",
        type=int,
        help="How many questions are asked at once.",
    )
    @click.option("--json", "as_json", is_flag=True, help="Print what was built as JSON.")
    @model_option
    @connection_options
    @fail_cleanly
    def site(out, as_of, serve, port, jobs, as_json, model_dir, settings):
        """Build the static explorer site: a folder of pages that works offline, from disk or any server.

        A page per municipality (where it is represented, meetings, what the 2027 reform changes),
        per forum, office and organisation (members, reporting lines, appointments, history, gaps),
        per source document (cited passages marked), the reform's timeline, the gaps, the sources and
        the network maps, in Danish with an English switch. Every answer is asked from the database
        for every span of dates it can change in, so the date chooser on each page is exact. Starts
        the embedded database and loads the model first when it is empty.

        \b
        Example:
          sundhedsgraf site --out site
          sundhedsgraf site --serve --out site --port 8000
        """
        if serve:
            from ..site.serve import serve as run

            def ready(url: str) -> None:
                click.echo(f"serving {out} at {url} (Ctrl-C stops it)")

            try:
                run(out, port, ready)
            except KeyboardInterrupt:
                click.echo("stopped")
            return

        from ..db.connection import Graph
        from ..errors import ConfigError
        from ..loaders.graph import load_graph
        from ..model import load_model
        from ..names import parse_date
        from ..queries import run_query
        from ..site.build import build_site, check_out

        default_date = parse_date(as_of, "--as-of") if as_of else None
        if not 1 <= jobs <= 16:
            raise ConfigError(f"--jobs {jobs}: choose 1 to 16.")
        check_out(out)
        model = load_model(model_dir)
        with Graph(settings) as graph:
            if not sum(r["nodes"] for r in run_query("counts_by_label", graph=graph)):
                # an empty database: load the model first (as `sundhedsgraf demo` does)
                load_graph(model, graph, replace=graph.server is not None)
            report = build_site(
                graph,
                model,
                out,
                default_date=default_date,
                progress=None if as_json else _progress,
                jobs=jobs,
            )
        if as_json:
            click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
            return
        click.echo(
            f"wrote {out}/: {report.pages} pages, {report.bytes / 1e6:.1f} MB, {report.questions} questions "
            f"asked in {report.question_seconds:.1f} s; built in {report.seconds:.1f} s."
        )
        click.echo(f"open {(Path(out) / 'index.html').resolve()}")


def _progress(message: str) -> None:
    click.echo(message, err=True)
