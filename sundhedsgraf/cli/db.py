"""CLI commands that use the graph database: load, query, cypher, and server start|stop|status.

Heavy imports (the neo4j driver, rich, pandas, the model) happen inside the commands, so that
``sundhedsgraf --help`` stays fast and a cold ``sundhedsgraf cypher …`` answers within seconds.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

import click

from ..errors import ConfigError


def output_options(fn):
    fn = click.option("--csv", "fmt", flag_value="csv", help="Print rows as CSV.")(fn)
    fn = click.option("--json", "fmt", flag_value="json", help="Print rows as a JSON list of objects.")(fn)
    return fn


def param_option(fn):
    return click.option(
        "--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable)."
    )(fn)


def split_params(pairs: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--param {pair!r}: write KEY=VALUE, e.g. --param id=kosu.")
        out[key.strip()] = value
    return out


def guess_value(text: str) -> Any:
    """An ad hoc parameter: JSON if it parses (42, 4.5, true, null, ["a"], "quoted"), else text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


TABLE_LIMIT = 1000


def timeout_option(default: float):
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0),
        default=default,
        show_default=True,
        metavar="SECONDS",
        help="Stop the query after this many seconds (0: no limit); Ctrl-C stops it at once.",
    )


def limit_option(fn):
    return click.option(
        "--limit",
        type=click.IntRange(min=1),
        default=TABLE_LIMIT,
        show_default=True,
        help="The table shows at most this many rows (--csv and --json print all, as they arrive).",
    )(fn)


class RowPrinter:
    """Prints rows as they arrive: CSV and JSON stream (nothing is held), the table keeps the first
    ``limit`` rows and counts the rest. Every value is printed as text, never as rich markup."""

    def __init__(self, fmt: str | None, limit: int = TABLE_LIMIT):
        self.fmt = fmt
        self.limit = limit
        self.keys: list[str] | None = None
        self.count = 0
        self.kept: list[list[str]] = []
        self._csv = csv.writer(sys.stdout, lineterminator="\n") if fmt == "csv" else None

    def _start(self, keys: list[str]) -> None:
        self.keys = keys
        if self._csv is not None:
            self._csv.writerow(keys)

    def __call__(self, row: dict) -> None:
        from ..db.connection import to_jsonable

        if self.keys is None:
            self._start(list(row))
        data = to_jsonable(row)
        keys = self.keys or []
        if self.fmt == "json":
            text = json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            sys.stdout.write(("[\n  " if self.count == 0 else ",\n  ") + text)
        elif self._csv is not None:
            self._csv.writerow([_cell(data.get(k)) for k in keys])
        elif len(self.kept) < self.limit:
            self.kept.append([_cell(data.get(k)) for k in keys])
        self.count += 1

    def finish(self, keys: list[str]) -> None:
        if self.keys is None:
            self._start(list(keys))
        if self.fmt == "json":
            sys.stdout.write("\n]\n" if self.count else "[]\n")
            sys.stdout.flush()
            return
        if self.fmt == "csv":
            sys.stdout.flush()
            return
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        shown = len(self.kept)
        caption = f"{self.count} row{'s' if self.count != 1 else ''}"
        table = Table(show_lines=False, caption=Text(caption))
        for k in self.keys or []:
            table.add_column(Text(k))
        for r in self.kept:
            table.add_row(*[Text(c) for c in r])
        Console().print(table)
        if self.count > shown:
            click.echo(
                f"… {self.count - shown} more row{'s' if self.count - shown != 1 else ''} not shown "
                f"(the table shows {shown}: --limit N shows more; --csv or --json prints all)."
            )


def print_rows(rows: list[dict], keys: list[str], fmt: str | None, limit: int = TABLE_LIMIT) -> None:
    printer = RowPrinter(fmt, limit)
    for r in rows:
        printer(r)
    printer.finish(keys)


def _streamed(run, fmt: str | None, limit: int) -> None:
    """Run ``run(on_row)`` printing rows as they arrive; a closed pipe (``| head``) ends quietly."""
    printer = RowPrinter(fmt, limit)
    try:
        rows = run(printer)
        printer.finish(rows.keys)
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        sys.exit(0)


def _progress_bar():
    """A rich progress bar on stderr when it is a terminal, else a no-op; yields a callback."""
    import contextlib

    @contextlib.contextmanager
    def bar():
        if not sys.stderr.isatty():
            yield None
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn("loading"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as progress:
            task = progress.add_task("load", total=None)

            def update(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            yield update

    return bar()


def register(main: click.Group) -> None:
    from .common import connection_options, fail_cleanly, model_option

    @main.command()
    @model_option
    @connection_options
    @click.option("--replace", is_flag=True, help="Empty the database first (in the same transaction).")
    @click.option(
        "--yes",
        is_flag=True,
        help="With --replace: replace even when it removes more nodes and relationships than it adds.",
    )
    @click.option("--json", "as_json", is_flag=True, help="Print the counts as a JSON object.")
    @fail_cleanly
    def load(model_dir, settings, replace, yes, as_json):
        """Validate the model, then load it into the graph database.

        Creates the uniqueness constraints from model/schema.yaml, then writes every node and
        relationship (all properties, sources as source_* lists) in one transaction: a load that
        fails leaves the database as it was. Loading twice gives the same graph. Without
        NEO4J_URI it uses the embedded server. --replace says what disappears compared with the
        graph it replaces, and refuses (nothing written) when that is more than it adds, unless
        --yes.

        \b
        Example:
          sundhedsgraf load
          sundhedsgraf load --replace --json
          sundhedsgraf load --replace --yes
          NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=… sundhedsgraf load
        """
        from ..db.connection import Graph
        from ..loaders.graph import load_graph
        from ..model import load_model

        model = load_model(model_dir)  # invalid: ModelInvalid, nothing is written
        with Graph(settings) as graph, _progress_bar() as progress:
            report = load_graph(
                model,
                graph,
                replace=replace,
                progress=progress,
                notify=lambda m: click.echo(f"note: {m}", err=True),
                allow_loss=yes,
            )
        if as_json:
            click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
            return
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        console = Console()
        for title, written, held in (
            ("label", report.nodes, report.database_nodes),
            ("relationship type", report.relationships, report.database_relationships),
        ):
            table = Table(title, "loaded", "in database")
            for key in sorted(set(written) | set(held)):
                table.add_row(Text(key), str(written.get(key, 0)), str(held.get(key, 0)))
            table.add_row("[b]total[/b]", f"[b]{sum(written.values())}[/b]", f"[b]{sum(held.values())}[/b]")
            console.print(table)
        click.echo(
            f"Loaded into {report.target} in {report.seconds:.1f} s"
            f"{' (replaced its contents)' if report.replaced else ''}."
        )
        if report.replaced and (report.removed_nodes or report.removed_relationships):
            from ..loaders.graph import describe_loss

            click.echo(f"Removed what the model does not have: {describe_loss(report)}.")
        if report.other_nodes or report.other_relationships:
            click.echo(
                f"The database also holds {report.other_nodes} nodes and {report.other_relationships} "
                f"relationships that are not in the model; `sundhedsgraf load --replace` removes them."
            )

    @main.command()
    @click.argument("name", required=False)
    @param_option
    @click.option(
        "--list", "list_", is_flag=True, help="List the named queries with descriptions and params."
    )
    @click.option(
        "--show",
        is_flag=True,
        help="Print the query's Cypher as it would run (filters expanded; "
        "the ArcadeDB form for the embedded server) and exit, without a database.",
    )
    @output_options
    @timeout_option(60.0)
    @limit_option
    @connection_options
    @fail_cleanly
    def query(name, params, list_, show, fmt, timeout, limit, settings):
        """Run a named query from cypher/ (read-only).

        Parameters are converted to the types the query's header declares; a missing or
        wrong one is an error naming it. The filters @in_force, @cites, @stated and @fact in a file
        add the parameters as_of, source and inferred (inferred facts only with inferred=true).

        \b
        Example:
          sundhedsgraf query --list
          sundhedsgraf query neighbours --param id=kosu --param as_of=2026-01-01
          sundhedsgraf query fora_of_region -p region="Region Midtjylland" --csv
          sundhedsgraf query members_of_forum --show
        """
        from .. import queries

        if list_:
            items = [q for q in queries.REGISTRY.values() if q.mode == "read"]
            if fmt == "json":
                click.echo(
                    json.dumps(
                        [
                            {
                                "name": q.name,
                                "description": q.description,
                                "params": [
                                    {"name": p.name, "type": p.type, "optional": p.optional} for p in q.params
                                ],
                                "file": str(q.path.relative_to(queries.cypher_dir())),
                            }
                            for q in items
                        ],
                        ensure_ascii=False,
                        indent=2,
                    )
                )
                return
            from rich.console import Console
            from rich.table import Table

            table = Table("name", "params", "description")
            for q in items:
                table.add_row(q.name, q.signature(), q.description)
            Console().print(table)
            return
        if not name:
            raise ConfigError("give a query name (sundhedsgraf query NAME), or --list to see them.")
        q = queries.get(name)
        if show:
            # the embedded server is ArcadeDB; a NEO4J_URI server's kind is known only once connected
            form = queries.variant_for_settings(q, settings)
            where = str(form.path.relative_to(queries.cypher_dir()))
            if fmt == "json":
                click.echo(
                    json.dumps(
                        {
                            "name": q.name,
                            "file": where,
                            "form": "arcadedb" if form is not q else "neo4j",
                            "params": [
                                {"name": p.name, "type": p.type, "optional": p.optional} for p in q.params
                            ],
                            "text": form.text,
                        },
                        ensure_ascii=False,
                        indent=2,
                    )
                )
            else:
                click.echo(form.text.rstrip("\n"))
            return
        if q.mode != "read":
            raise ConfigError(f"{name!r} is a write statement used by `sundhedsgraf load`, not a query.")
        bound = q.bind(split_params(params), from_text=True)  # before connecting: fail fast
        from ..db.connection import Graph

        with Graph(settings) as graph:  # rows are printed before the embedded server (if ours) stops
            statement_text = q.statement_for(queries.form(graph))
            _streamed(
                lambda on_row: graph.run_read(statement_text, bound, timeout=timeout, on_row=on_row),
                fmt,
                limit,
            )

    @main.command()
    @click.argument("statement")
    @param_option
    @output_options
    @timeout_option(60.0)
    @limit_option
    @connection_options
    @fail_cleanly
    def cypher(statement, params, fmt, timeout, limit, settings):
        """Run an ad hoc Cypher statement read-only ('-' reads it from stdin).

        A statement that writes, changes the schema, reads files (LOAD CSV), commits on its own
        (IN TRANSACTIONS) or calls a procedure other than db.labels, db.relationshipTypes,
        db.propertyKeys, db.schema.* and dbms.components is refused; on the embedded server it
        runs as a user that may only read. The counts and the schema are compared before and
        after. It stops after --timeout seconds, or at once on Ctrl-C. Parameter values are read
        as JSON when they parse (42, true, ["a","b"], "007") and as text otherwise.

        \b
        Example:
          sundhedsgraf cypher "MATCH (n) RETURN count(n) AS n" --json
          sundhedsgraf cypher 'MATCH (f:Forum {id: $id})<-[:MEMBER_OF]-(m) RETURN m.name' -p id=kosu
          sundhedsgraf cypher "MATCH (n) RETURN n.id AS id" --csv --timeout 300 > ids.csv
        """
        from ..db.connection import Graph, cast_literal

        text = sys.stdin.read() if statement == "-" else statement
        if not text.strip():
            raise ConfigError("the statement is empty.")
        values = {k: guess_value(v) for k, v in split_params(params).items()}
        with Graph(settings) as graph:
            # user text, deliberately: it only ever runs through the read-only path
            _streamed(
                lambda on_row: graph.run_checked(cast_literal(text), values, timeout=timeout, on_row=on_row),
                fmt,
                limit,
            )

    @main.group()
    def server():
        """Start, stop or inspect the embedded ArcadeDB server.

        Without `server start`, each command starts the server for its own run and stops it at
        the end; `server start` keeps it running so that a series of commands or a notebook pays
        the Java start-up once. Data, password (0600), state and logs live in SUNDHEDSGRAF_HOME.

        \b
        Example:
          sundhedsgraf server start
          sundhedsgraf server status --json
          sundhedsgraf server stop
        """

    def _embedded(settings):
        from ..db.embedded import EmbeddedServer

        if not settings.embedded:
            click.echo(
                f"note: NEO4J_URI is set ({settings.safe_uri}); other commands use that server, "
                f"not this embedded one.",
                err=True,
            )
        return EmbeddedServer(settings.home)

    def _print_status(status: dict, as_json: bool, verb: str = "") -> None:
        if as_json:
            click.echo(json.dumps(status, indent=2))
        elif status.get("running"):
            mode = (
                "kept running by `server start`"
                if status.get("persistent")
                else "stops when its commands end"
            )
            click.echo(
                f"{verb or 'running'}: {status['bolt_uri']} (database {status['database']}, pid {status['pid']}, "
                f"{mode}); home {status['home']}"
            )
        else:
            click.echo(f"{verb or 'not running'}; home {status['home']}")

    @server.command("start")
    @click.option("--bolt-port", type=click.IntRange(1, 65535), help="Bolt port (default: a free one).")
    @click.option("--http-port", type=click.IntRange(1, 65535), help="HTTP port (default: a free one).")
    @click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
    @connection_options
    @fail_cleanly
    def server_start(bolt_port, http_port, as_json, settings):
        """Start the embedded server and keep it running (until `server stop`).

        \b
        Example:
          sundhedsgraf server start
          sundhedsgraf server start --bolt-port 7687 --json
        """
        srv = _embedded(settings)
        srv.start(persistent=True, bolt_port=bolt_port, http_port=http_port)
        _print_status(srv.status(), as_json, "started")

    @server.command("stop")
    @click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
    @connection_options
    @fail_cleanly
    def server_stop(as_json, settings):
        """Stop the embedded server (data stays in SUNDHEDSGRAF_HOME).

        \b
        Example:
          sundhedsgraf server stop
        """
        srv = _embedded(settings)
        was = srv.stop()
        if as_json:
            click.echo(json.dumps({"stopped": was, "home": str(srv.home)}))
        else:
            click.echo(f"{'stopped' if was else 'was not running'}; home {srv.home}")

    @server.command("status")
    @click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
    @connection_options
    @fail_cleanly
    def server_status(as_json, settings):
        """Show whether the embedded server runs, where, and on which port.

        \b
        Example:
          sundhedsgraf server status --json
        """
        _print_status(_embedded(settings).status(), as_json)
