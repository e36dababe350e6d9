"""CLI commands on the knowledge model itself: validate and export (no database needed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import ModelInvalid
from ..files import write_atomically


def register(main: click.Group) -> None:
    from .common import fail_cleanly, model_option

    @main.command()
    @model_option
    @click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
    @fail_cleanly
    def validate(model_dir, as_json):
        """Check the facts against the schema and every quote against its document.

        Reports every problem, one line each (file:line: what and the fix), and exits 1 if any.

        \b
        Example:
          sundhedsgraf validate
          sundhedsgraf validate --model tests/data/models/broken --json
        """
        from ..model import load_model

        try:
            model = load_model(model_dir)
        except ModelInvalid as e:
            if as_json:
                click.echo(json.dumps({"valid": False, "problems": e.problems}, ensure_ascii=False, indent=2))
            else:
                for p in e.problems:
                    click.echo(p, err=True)
                click.echo(
                    f"invalid: {len(e.problems)} problem{'s' if len(e.problems) != 1 else ''}", err=True
                )
            sys.exit(1)
        quotes = sum(
            1
            for item in model.nodes + model.relationships
            for s in item["sources"]
            if "quote" in s and "document" in s
        )
        summary = {
            "valid": True,
            "documents": len(model.documents),
            "nodes": len(model.nodes),
            "relationships": len(model.relationships),
            "rules": len(model.rules),
            "quotes_verified": quotes,
        }
        if as_json:
            click.echo(json.dumps(summary, indent=2))
        else:
            click.echo(
                f"valid: {summary['nodes']} nodes, {summary['relationships']} relationships, "
                f"{summary['rules']} rules from {summary['documents']} documents; "
                f"{quotes} quotes verified against their documents"
            )

    @main.command()
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["json", "graphml"]),
        default="json",
        show_default=True,
        help="json: documents, nodes, relationships; graphml: for Gephi or yEd.",
    )
    @click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write to this file (default: standard output).",
    )
    @model_option
    @fail_cleanly
    def export(fmt, output, model_dir):
        """Export the validated model as JSON or GraphML.

        Nothing is written if the model is invalid; a file is written whole or not at all.

        \b
        Example:
          sundhedsgraf export --format json -o sundhedsgraf.json
          sundhedsgraf export --format graphml -o sundhedsgraf.graphml
        """
        from ..export import to_graphml_bytes, to_json_bytes
        from ..model import load_model

        model = load_model(model_dir)
        data = to_json_bytes(model) if fmt == "json" else to_graphml_bytes(model)
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_atomically(output, data)
            click.echo(
                f"wrote {output} ({len(model.nodes)} nodes, {len(model.relationships)} relationships)",
                err=True,
            )
