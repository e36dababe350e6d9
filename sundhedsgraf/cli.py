"""The `sundhedsgraf` command line. Every command prints data as JSON with --json; errors are one line."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from . import __version__
from .errors import SundhedsgrafError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def fail_cleanly(fn):
    """Turn SundhedsgrafError (and Ctrl-C) into one line on stderr and a non-zero exit."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except SundhedsgrafError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper


def model_option(fn):
    return click.option(
        "--model",
        "model_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Model folder (default: the project's model/, or $SUNDHEDSGRAF_MODEL).",
    )(fn)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="sundhedsgraf")
def main():
    """sundhedsgraf: Danish health-cooperation fora, offices and municipalities as a graph.

    \b
    Example:
      sundhedsgraf validate
      sundhedsgraf load && sundhedsgraf ask represented Viborg
    """


from . import cli_model  # noqa: E402  (registers validate, export)

cli_model.register(main)

try:  # the database commands (issue 3) live in their own module
    from . import cli_db  # noqa: E402
except ImportError as _e:  # pragma: no cover - only while that module does not exist yet
    if "cli_db" not in str(_e):
        raise
else:
    cli_db.register(main)

from . import cli_ask  # noqa: E402  (the questions, issue 4)

cli_ask.register(main)

from . import cli_demo  # noqa: E402  (the main job: make demo)

cli_demo.register(main)

from . import cli_map  # noqa: E402  (maps, issue 5)

cli_map.register(main)

from . import cli_synth  # noqa: E402  (synthetic models and the benchmark, issue 6)

cli_synth.register(main)
