"""The `sundhedsgraf` command line. Every command prints data as JSON with --json; errors are one line."""

from __future__ import annotations

import click

from ..version import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="sundhedsgraf")
def main():
    """sundhedsgraf: Danish health-cooperation fora, offices and municipalities as a graph.

    \b
    Example:
      sundhedsgraf validate
      sundhedsgraf load && sundhedsgraf ask represented Viborg
    """


from . import ask, coverage, db, demo, map, model, site, synth  # noqa: E402  (each module registers its commands)

for _module in (model, coverage, db, ask, demo, map, site, synth):
    _module.register(main)
