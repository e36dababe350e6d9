"""CLI commands for scale: `synth` writes a synthetic national model, `bench` measures how cost grows.

Heavy imports happen inside the commands, so that ``sundhedsgraf --help`` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import click


def _positive(ctx, param, value):
    if value is not None and not value > 0:
        raise click.BadParameter("give a positive number, e.g. 1 (Denmark) or 0.1 (ten municipalities).")
    return value


def register(main: click.Group) -> None:
    from .common import fail_cleanly

    @main.command()
    @click.option(
        "--scale",
        type=float,
        default=1.0,
        show_default=True,
        callback=_positive,
        help="Size: 1 = Denmark (5 regions, 98 municipalities, ten years); N = N times as many "
        "municipalities, so every count grows linearly; 0.1 = ten municipalities.",
    )
    @click.option(
        "--out",
        "out",
        type=click.Path(file_okay=False, path_type=Path),
        required=True,
        metavar="DIR",
        help="Folder to write the model to (created; must be empty unless --force).",
    )
    @click.option(
        "--seed",
        type=int,
        default=1,
        show_default=True,
        help="Random seed: the same seed gives the same files.",
    )
    @click.option("--force", is_flag=True, help="Replace a non-empty --out folder.")
    @click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON.")
    @fail_cleanly
    def synth(scale, out, seed, force, as_json):
        """Write a synthetic model folder (same format as model/) for scale tests.

        Regions, municipalities with their offices, sundhedsråd, clusters, national and regional
        fora, memberships with roles and yearly changes over ten years, every fact quoting a
        synthetic source document; validate, load, ask and map work on it. Deterministic for a
        seed. The folder is written beside --out first and then renamed into place.

        \b
        Example:
          sundhedsgraf synth --scale 1 --out /tmp/dk
          sundhedsgraf validate --model /tmp/dk && sundhedsgraf load --replace --model /tmp/dk
          sundhedsgraf synth --scale 0.1 --out /tmp/small --seed 7 --force --json
        """
        from ..synth import write_model

        report = write_model(out, scale=scale, seed=seed, force=force)
        if as_json:
            click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        else:
            click.echo(
                f"wrote {report.out}: {report.municipalities} municipalities in {report.regions} regions, "
                f"{report.documents} source documents, {report.nodes:,} nodes and {report.relationships:,} "
                f"relationships, in {report.seconds:.1f} s"
            )

    @main.command()
    @click.option(
        "--scale",
        type=float,
        default=None,
        callback=_positive,
        help="Largest scale measured (default 4: ~100,000 relationships); growth is measured at "
        "scale/4, scale/2 and scale.",
    )
    @click.option(
        "--seed", type=int, default=1, show_default=True, help="Seed of the synthetic models and samples."
    )
    @click.option(
        "--json", "as_json", is_flag=True, help="Print the results as JSON (progress goes to stderr)."
    )
    @click.option(
        "--output",
        "output",
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="FILE.json",
        help="Also write the JSON results to this file.",
    )
    @click.option(
        "--plot",
        "plot_to",
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="FILE.png",
        help="Also draw time against scale into this PNG (needs matplotlib).",
    )
    @click.option("--no-cli", "no_cli", is_flag=True, help="Skip the CLI timings (cold and warm `ask`).")
    @click.option("--no-real-model", "no_real", is_flag=True, help="Skip the run on the real model/.")
    @click.option("--quiet", "-q", is_flag=True, help="No progress lines on stderr.")
    @fail_cleanly
    def bench(scale, seed, as_json, output, plot_to, no_cli, no_real, quiet):
        """Measure load throughput, question latency, CLI time and memory as the graph grows.

        Runs on an embedded server of its own in a temporary folder (your database is not touched):
        synthetic models at scale/4, scale/2 and scale are written, validated, loaded with the real
        loader and asked `represented` and `links` many times; a sample is also loaded one statement
        per relationship; then `sundhedsgraf ask` is timed cold and warm, and the real model is
        validated, loaded, asked every question and mapped. The performance targets (bench.TARGETS)
        are reported, not asserted: the figures depend on the machine. The default run takes one to
        two minutes on 2 cores.

        \b
        Example:
          sundhedsgraf bench
          sundhedsgraf bench --scale 0.2 --json
          sundhedsgraf bench --json --output docs/bench.json --plot docs/performance.png
        """
        from ..bench import DEFAULT_SCALE, plot, render, run, write_json

        log = (lambda m: None) if quiet else (lambda m: click.echo(m, err=True))
        result = run(scale=scale or DEFAULT_SCALE, seed=seed, cli=not no_cli, real_model=not no_real, log=log)
        if output is not None:
            write_json(result, output)
        if plot_to is not None:
            plot(result, plot_to)
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            render(result)
