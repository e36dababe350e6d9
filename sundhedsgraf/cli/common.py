"""What every command shares: one-line errors, the model and connection options."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from ..errors import SundhedsgrafError


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


def connection_options(fn):
    """--uri/--user/--database/--home, overriding NEO4J_* and SUNDHEDSGRAF_HOME; passes ``settings``.
    The password has no flag on purpose (shell history, ps): it comes from NEO4J_PASSWORD."""

    @click.option(
        "--uri", metavar="URI", help="Neo4j URI (overrides NEO4J_URI; default: the embedded server)."
    )
    @click.option("--user", "username", metavar="NAME", help="User name (overrides NEO4J_USERNAME).")
    @click.option("--database", metavar="NAME", help="Database name (overrides NEO4J_DATABASE).")
    @click.option(
        "--home",
        type=click.Path(file_okay=False, path_type=Path),
        metavar="DIR",
        help="Embedded server's folder (overrides SUNDHEDSGRAF_HOME).",
    )
    @functools.wraps(fn)
    def wrapper(*args, uri, username, database, home, **kwargs):
        from ..settings import Settings

        settings = Settings.from_env().override(uri=uri, username=username, database=database, home=home)
        return fn(*args, settings=settings, **kwargs)

    return wrapper
