"""`sundhedsgraf map`: an interactive network map as one self-contained HTML file.

It reads the knowledge model (model/), not the database: the map needs every property and every
source quote of every node and relationship, which the validated model holds exactly as the
database does (a load is a faithful copy); reading it needs no Java server, works offline and takes
about two seconds, and the map can never be of a stale or partly loaded database.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import ConfigError

DEPTHS = (1, 6)


def register(main: click.Group) -> None:
    from .common import fail_cleanly, model_option

    @main.command("map")
    @click.option(
        "--out",
        "-o",
        "out",
        type=click.Path(dir_okay=True, path_type=Path),
        metavar="FILE.html",
        help="The HTML file to write (required). Nothing else is written.",
    )
    @click.option(
        "--focus",
        metavar="NAME",
        help="Only this node and its neighbourhood, the node highlighted (e.g. Viborg, KOSU).",
    )
    @click.option(
        "--depth",
        metavar="N",
        default="2",
        show_default=True,
        help=f"With --focus: relationships from the focus ({DEPTHS[0]}-{DEPTHS[1]}).",
    )
    @click.option(
        "--as-of",
        "as_of",
        metavar="YYYY-MM-DD",
        help="Only facts valid on this date (a year alone means 1 July). Default: every period.",
    )
    @click.option("--source", metavar="DOC", help="Only facts that cite this document (000…004).")
    @click.option(
        "--region", metavar="REGION", help="Only nodes of this region (and the national bodies next to them)."
    )
    @click.option(
        "--kinds",
        metavar="K1,K2",
        help="Only these kinds (labels of model/schema.yaml), comma-separated, e.g. Forum,Office,Municipality.",
    )
    @click.option(
        "--size-by",
        "size_by",
        metavar="betweenness|degree",
        default="betweenness",
        show_default=True,
        help="What the node size shows.",
    )
    @click.option("--include-inferred", is_flag=True, help="Also draw inferred facts (dashed).")
    @click.option("--title", metavar="TEXT", help="Heading of the page (default: sundhedsgraf).")
    @click.option(
        "--json",
        "as_json",
        is_flag=True,
        help="Print what was written (file, nodes, relationships, bytes) as JSON.",
    )
    @model_option
    @fail_cleanly
    def map_(
        out, focus, depth, as_of, source, region, kinds, size_by, include_inferred, title, as_json, model_dir
    ):
        """Write an interactive network map: one HTML file that works offline.

        Colour and shape per kind come from model/schema.yaml; node size is betweenness (or degree);
        edges are labelled with the role or relation; tooltips give meetings per year, validity and
        the source quotes. The page has a legend that filters by kind, a search box and
        neighbourhood highlighting. Reads the model (no database needed).

        \b
        Example:
          sundhedsgraf map --out kort.html
          sundhedsgraf map --out viborg.html --focus Viborg --depth 2 --as-of 2024-06-01
          sundhedsgraf map -o midt.html --region Midtjylland --kinds Forum,Organisation,Region --size-by degree
        """
        from ..maps import SIZE_BY, build_map, parse_kinds, write_map
        from ..model import load_model
        from ..names import NameIndex, parse_date

        if out is None:
            raise ConfigError("--out FILE.html is required: where to write the map, e.g. --out kort.html.")
        if out.is_dir():
            raise ConfigError(f"--out {out}: is a folder; give a file name, e.g. --out {out / 'kort.html'}.")
        if not (out.parent if str(out.parent) else Path(".")).is_dir():
            raise ConfigError(
                f"--out {out}: folder '{out.parent}' does not exist; create it or choose another path."
            )
        try:
            depth_n = int(depth)
        except ValueError:
            raise ConfigError(
                f"--depth '{depth}': give a whole number from {DEPTHS[0]} to {DEPTHS[1]}."
            ) from None
        if not DEPTHS[0] <= depth_n <= DEPTHS[1]:
            raise ConfigError(f"--depth {depth_n}: choose {DEPTHS[0]} to {DEPTHS[1]}.")
        if size_by not in SIZE_BY:
            raise ConfigError(f"--size-by '{size_by}': choose {' or '.join(SIZE_BY)}.")
        as_of = parse_date(as_of, "--as-of") if as_of else None

        model = load_model(model_dir)
        kind_list = parse_kinds(kinds, model.schema) if kinds is not None else None
        if source is not None:
            docs = [d["id"] for d in model.documents]
            if source not in docs:
                raise ConfigError(
                    f"--source '{source}' is not a source document; choose one of {', '.join(docs)}."
                )
        index = NameIndex.from_model(model)
        region_id = index.resolve(region, ("Region",)) if region else None
        focus_id = None
        if focus:
            meta = {k for k, v in model.schema["labels"].items() if v.get("meta")}
            focus_id = index.resolve(focus, tuple(k for k in model.schema["labels"] if k not in meta))

        html = build_map(
            model,
            focus=focus_id,
            depth=depth_n,
            as_of=as_of,
            source=source,
            region=region_id,
            kinds=kind_list,
            size_by=size_by,
            include_inferred=include_inferred,
            title=title,
        )
        write_map(html, out)
        stats = dict(html.stats, out=str(out))
        if as_json:
            click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        else:
            click.echo(
                f"wrote {out}: {stats['nodes']} nodes, {stats['edges']} relationships, "
                f"{stats['bytes'] / 1e6:.1f} MB; open it in a browser (it works offline)."
            )
