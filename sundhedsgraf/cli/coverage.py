"""`sundhedsgraf coverage`: which sentences of each source document no fact cites."""

from __future__ import annotations

import json

import click


def register(main: click.Group) -> None:
    from .common import fail_cleanly, model_option

    @main.command()
    @model_option
    @click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
    @fail_cleanly
    def coverage(model_dir, as_json):
        """Show how much of each source document the facts cite, and the sentences none cites.

        A sentence counts as cited when the quote of a node, relationship, gap or rule overlaps it
        (whitespace folded, as validate compares quotes). A table per document, then the uncited
        sentences of each; --json gives {"documents": [{id, title, sentences, cited, share,
        uncited}]}.

        \b
        Example:
          sundhedsgraf coverage
          sundhedsgraf coverage --json
        """
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        from ..coverage import coverage as document_coverage
        from ..model import load_model

        result = document_coverage(load_model(model_dir))
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False, indent=2))
            return
        console = Console()
        table = Table("id", "title", "sentences", "cited", "share", title="Sentences cited by a fact")
        for doc in result["documents"]:
            table.add_row(
                escape(doc["id"]),
                escape(str(doc["title"] or "")),
                str(doc["sentences"]),
                str(doc["cited"]),
                f"{doc['share']:.1%}",
            )
        console.print(table)
        for doc in result["documents"]:
            if not doc["uncited"]:
                continue
            console.print(f"\n[bold]{escape(doc['id'])} {escape(str(doc['title'] or ''))}[/bold]: uncited")
            for sentence in doc["uncited"]:
                console.print(f"  - {escape(sentence)}", soft_wrap=True)
