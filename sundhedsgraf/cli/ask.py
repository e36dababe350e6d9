"""`sundhedsgraf ask`: the named questions (and free-text questions in Danish or English)."""

from __future__ import annotations

import csv
import datetime as _dt
import json
import sys

import click

from ..errors import ConfigError

# question -> (positional argument names, the kinds each may name)
ARGS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "represented": (("municipality", ("Municipality",)),),
    "links": (("a", ("Forum", "Office", "Municipality", "Region", "Organisation")),
              ("b", ("Forum", "Office", "Municipality", "Region", "Organisation"))),
    "members": (("forum", ("Forum",)),),
    "chain": (("forum", ("Forum", "Office", "Organisation")),),
    "appointments": (("body", ("Forum", "Organisation", "Office", "Municipality", "Region")),),
    "interlocks": (),
    "matrix": (("region", ("Region",)),),
    "meetings": (("target", ("Municipality", "Office")),),
    "unrepresented": (),
    "changes": (("date_from", ()), ("date_to", ())),
    "timeline": (),
    "rules": (),
    "gaps": (),
}
OPTIONAL_ARGS = {"matrix": {"region": "region-midtjylland"}}


def _date(value: str, what: str) -> str:
    try:
        return _dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        if str(value).isdigit() and len(str(value)) == 4:
            return f"{value}-07-01"
        raise ConfigError(f"{what} '{value}' is not a date; write YYYY-MM-DD (e.g. 2024-06-01) or a year.") from None


NAME_COLUMNS = ("id", "name", "kind", "abbreviation", "aliases", "short_name", "region")


def _name_index(graph, cache_dir=None):
    """The names of the graph (the rows of the `names` query, read as one record) in a NameIndex.
    Building the index folds every name several ways (a second for the ~6,000 names of synth scale
    4), so with ``cache_dir`` it is kept there, pickled under a hash of the rows and of names.py: a
    warm `ask` reads it back in a tenth of that."""
    from ..names import NameIndex
    from ..queries import statement

    # plain text values: the driver's rows as they are (run_query's JSON conversion walks every value)
    packed = graph.run_read(statement("names_packed"))
    raw = sorted(packed[0]["names"] if packed else [], key=lambda r: r[0])  # [id, name, kind, ...] lists
    if not raw:
        raise ConfigError("the database is empty; load the model first: sundhedsgraf load")

    def build():
        rows = [dict(zip(NAME_COLUMNS, r)) for r in raw]
        return NameIndex(rows, list_hint="see `sundhedsgraf query names` for every name")

    if cache_dir is None:
        return build()
    return _cached_index(raw, build, cache_dir)


def _cached_index(raw: list[list], build, cache_dir):
    import hashlib
    import os
    import pickle
    from pathlib import Path

    from .. import names
    from ..speed import gc_paused

    digest = hashlib.sha256(Path(names.__file__).read_bytes())
    digest.update(json.dumps([NAME_COLUMNS, raw], ensure_ascii=False).encode())  # lists: no keys to sort
    path = Path(cache_dir) / f"names-{digest.hexdigest()[:32]}.pickle"
    try:
        with open(path, "rb") as f, gc_paused():  # 100,000 small objects and no cycles to find among them
            index = pickle.load(f)
        if isinstance(index, names.NameIndex):
            return index
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass
    index = build()
    try:  # a cache: any failure to write it only costs the next command the build again
        Path(cache_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
            pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in Path(cache_dir).glob("names-*.pickle"):  # only the newest graph's index is kept
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return index


def _import_driver_in_background():
    """Import the neo4j driver in a thread while the command goes on. The driver imports numpy and
    pandas (0.3 s) only to accept them as query parameters, which `ask` never passes: they are
    hidden from it while it loads (and import normally afterwards)."""
    import threading

    if "neo4j" in sys.modules:
        return None

    def load():
        hidden = [m for m in ("pandas", "numpy", "pyarrow") if m not in sys.modules]
        for m in hidden:
            sys.modules[m] = None  # `import m` raises ImportError, which the driver expects
        try:
            import neo4j  # noqa: F401
        except ImportError:
            pass
        finally:
            for m in hidden:
                if sys.modules.get(m, 0) is None:
                    del sys.modules[m]

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    return thread


def _short_sources(sources: list[dict], width: int = 90) -> str:
    if not sources:
        return ""
    s = sources[0]
    text = f"{s['document']}: “{s['quote']}”" if "document" in s else s.get("url", "")
    if len(text) > width:
        text = text[: width - 1] + "…"
    return text + (f" (+{len(sources) - 1})" if len(sources) > 1 else "")


def _table(title: str, columns: list[str], rows: list[list]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns, title=title, show_lines=False, title_justify="left")
    for r in rows:
        table.add_row(*["" if v is None else str(v) for v in r])
    console = Console()
    if not console.is_terminal:  # piped to a file or a program: wide enough not to wrap mid-name
        console = Console(width=240)
    console.print(table)


def render(name: str, answer, args: dict) -> None:
    """Human-readable tables (rich)."""
    if name == "represented":
        _table(f"Where is {args['municipality']} represented?", ["forum", "role", "via", "direct", "path", "source"],
               [[r["forum"], r["role"], r["via"], "direct" if r["direct"] else "indirect", " → ".join(r["path"]),
                 ("[inferred] " if r["confidence"] == "inferred" else "") + ("[disputed] " if r["disputed"] else "")
                 + _short_sources(r["sources"])] for r in answer])
    elif name == "links":
        _table(f"Who links {args.get('a', answer['a'])} and {args.get('b', answer['b'])}? "
               f"({len(answer['paths'])} paths of ≤ {answer['max_hops']} hops)",
               ["broker", "kind", "paths"], [[b["name"], b["kind"], b["paths"]] for b in answer["brokers"]])
        for p in answer["paths"][:10]:
            click.echo("  " + " — ".join(p))
        if len(answer["paths"]) > 10:
            click.echo(f"  … and {len(answer['paths']) - 10} more paths (--json shows all)")
    elif name == "members":
        _table(f"Members of {answer['forum']}", ["member", "role", "office", "municipality", "seats", "source"],
               [[m["member"] + ("" if m["holder_known"] else " (holder unknown)"), m["role"], m["office"],
                 m["municipality"], m["seats"], _short_sources(m["sources"])] for m in answer["members"]])
        click.echo("Chair(s): " + (", ".join(f"{c['member']} ({c['role']})" for c in answer["chairs"]) or "none stated"))
    elif name == "chain":
        _table(f"{answer['forum']} reports to", ["depth", "to", "path"],
               [[r["depth"], r["name"], " → ".join(r["path"])] for r in answer["reports_to"]])
        _table(f"Reports to {answer['forum']}", ["depth", "from", "path"],
               [[r["depth"], r["name"], " → ".join(reversed(r["path"]))] for r in answer["reported_by"]])
    elif name == "appointments":
        cols = ["appointer", "appointee", "for forum", "role", "source"]
        row = lambda r: [r["appointer"], r["appointee"], r["for_forum"], r["role"], _short_sources(r["sources"])]
        _table(f"Whom {answer['body']} appoints", cols, [row(r) for r in answer["appoints"]])
        _table(f"Who appoints {answer['body']} or its members", cols, [row(r) for r in answer["appointed_by"]])
    elif name == "interlocks":
        _table("Fora that share members or municipalities", ["forum", "forum", "shared members", "shared municipalities"],
               [[r["forum_a"], r["forum_b"], r["n_members"], r["n_municipalities"]] for r in answer])
    elif name == "matrix":
        fora = [f["name"] for f in answer["fora"]]
        cells = {(c["municipality_id"], c["forum_id"]): c["seats"] for c in answer["cells"]}
        _table(f"Seats per municipality and forum, {answer['region']}", ["municipality", *[f[:14] for f in fora]],
               [[m["name"], *[cells.get((m["id"], f["id"]), 0) or "" for f in answer["fora"]]] for m in answer["municipalities"]])
    elif name == "meetings":
        _table(f"Meetings per year: {answer['name']}", ["forum", "per year", "seats"],
               [[f["forum"], f["meetings_per_year"] if f["meetings_per_year_max"] is None
                 else f"{f['meetings_per_year']}-{f['meetings_per_year_max']}",
                 "; ".join(f"{s['via']} ({s['role']})" for s in f["seats"])] for f in answer["fora"]])
        click.echo(f"Total: {answer['total_meetings_per_year']} meetings a year"
                   + (f" (+ {answer['fora_with_unknown_cadence']} fora with no stated cadence)" if answer["fora_with_unknown_cadence"] else ""))
    elif name == "unrepresented":
        _table("Fora with no municipal representation", ["forum", "type"],
               [[f["forum"], f["forum_type"]] for f in answer["fora_without_municipal_representation"]])
        _table("Municipalities with the fewest seats", ["municipality", "seats"],
               [[m["municipality"], m["seats"]] for m in answer["municipalities_with_fewest_seats"]])
    elif name == "changes":
        for part in ("fora", "seats", "reporting_lines"):
            for what in ("appeared", "disappeared"):
                rows = answer[part][what]
                fmt = {"fora": lambda r: [r["forum"], r["status"]],
                       "seats": lambda r: [r["forum"], f"{r['member']} ({r['role']})"],
                       "reporting_lines": lambda r: [r["from"], r["to"]]}[part]
                _table(f"{part.replace('_', ' ')} that {what} between {answer['from']} and {answer['to']} ({len(rows)})",
                       ["", ""], [fmt(r) for r in rows])
    elif name == "timeline":
        for p in answer:
            _table(p["name"], ["step", "when", "deadline", "responsible"],
                   [[("  " if s["kind"] == "Milestone" else "") + s["name"], s["when_text"] or "?", "yes" if s["deadline"] else "",
                     ", ".join(x["name"] for x in s["responsible"])]
                    for ph in p["phases"] for s in [ph, *ph["milestones"]]] +
                   [[m["name"], m["when_text"] or "?", "yes" if m["deadline"] else "", ", ".join(x["name"] for x in m["responsible"])]
                    for m in p["milestones"]])
    elif name == "rules":
        _table("Composition rules the documents state", ["status", "rule", "detail"],
               [[r["status"], r["name"], r["detail"]] for r in answer])
    elif name == "gaps":
        _table("What the documents leave unknown or contradict", ["type", "gap", "concerns"],
               [[g["gap_type"], g["name"], ", ".join(c["name"] for c in g["concerns"])[:80]] for g in answer])


def register(main: click.Group) -> None:
    from .common import fail_cleanly
    from .common import connection_options

    @main.command()
    @click.argument("question")
    @click.argument("args", nargs=-1)
    @click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Only facts valid on this date count (default: today).")
    @click.option("--source", metavar="DOC", help="Only facts that cite this document (000…004).")
    @click.option("--max-hops", type=int, default=5, show_default=True, help="links: longest path searched (1-8).")
    @click.option("--region", metavar="REGION", help="interlocks, unrepresented, changes: only fora of this region.")
    @click.option("--include-inferred", is_flag=True, help="Also use inferred facts (marked 'inferred' on every row).")
    @click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
    @click.option("--csv", "as_csv", is_flag=True, help="matrix: print the municipality x forum table as CSV.")
    @connection_options
    @fail_cleanly
    def ask(question, args, as_of, source, max_hops, region, include_inferred, as_json, as_csv, settings):
        """Ask a named question, or a free-text one in Danish or English.

        \b
        Questions: represented MUNICIPALITY | links A B | members FORUM | chain FORUM |
          appointments BODY | interlocks | matrix [REGION] | meetings MUNICIPALITY|OFFICE |
          unrepresented | changes FROM TO | timeline | rules | gaps
        Names are matched forgivingly (case, 'Kommune', Århus/Aarhus, aa/å, æ/ae, ø/oe);
        a forum may be named by id, name or abbreviation (KOSU, SKF, SKU, PPU, KKR, DASSOS…).

        \b
        Example:
          sundhedsgraf ask represented Viborg --as-of 2024-06-01
          sundhedsgraf ask links "Region Midtjylland" KL --json
          sundhedsgraf ask "hvor er Samsø repræsenteret i 2024?"
        """
        from ..db.connection import Graph
        from ..names import parse_question
        from ..questions import Asker
        from ..queries import run_query

        if max_hops is not None and not 1 <= max_hops <= 8:
            raise ConfigError(f"--max-hops {max_hops}: choose 1 to 8.")
        loading = _import_driver_in_background()
        with Graph(settings) as graph:
            if loading is not None:
                loading.join()
            index = _name_index(graph, cache_dir=settings.home / "cache" if settings.embedded else None)
            if question in ARGS:
                name = question
                spec = ARGS[name]
                given = list(args)
                defaults = OPTIONAL_ARGS.get(name, {})
                need = [a for a, _ in spec if a not in defaults]
                if len(given) < len(need) or len(given) > len(spec):
                    usage = " ".join(a.upper() for a, _ in spec)
                    raise ConfigError(f"ask {name} takes {usage or 'no arguments'}; got {len(given)}: e.g. `sundhedsgraf ask {name} {usage}`.")
                qargs = dict(defaults)
                for (arg, kinds), value in zip(spec, given):
                    qargs[arg] = _date(value, arg) if not kinds else index.resolve(value, kinds)
            else:
                name, qargs = parse_question(" ".join([question, *args]), index)
                click.echo(f"question: {name} " + " ".join(f"{k}={v}" for k, v in qargs.items()), err=True)
            as_of = _date(as_of, "--as-of") if as_of else qargs.pop("as_of", None)
            qargs.pop("as_of", None)
            if region:
                region_id = index.resolve(region, ("Region",))
                if name in ("interlocks", "unrepresented", "changes"):
                    qargs["region"] = region_id
                elif name == "matrix":
                    qargs["region"] = region_id
            if name == "links":
                qargs["max_hops"] = max_hops
            if source is not None:
                known = run_query("source_documents", graph=graph)
                docs = sorted({d for r in known for d in r["documents"] if d})
                if source not in docs:
                    raise ConfigError(f"--source '{source}' is not cited by any fact; choose one of {', '.join(docs)}.")
            asker = Asker(graph, as_of, source, include_inferred)
            answer = getattr(asker, name)(**qargs)
        if as_csv:
            if name != "matrix":
                raise ConfigError("--csv is for `ask matrix`; use --json for the other questions.")
            w = csv.writer(sys.stdout)
            w.writerow(["municipality", *[f["name"] for f in answer["fora"]]])
            cells = {(c["municipality_id"], c["forum_id"]): c["seats"] for c in answer["cells"]}
            for m in answer["municipalities"]:
                w.writerow([m["name"], *[cells.get((m["id"], f["id"]), 0) for f in answer["fora"]]])
        elif as_json:
            click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        else:
            shown = {k: index.get(v).name if isinstance(v, str) and v in index else v for k, v in qargs.items()}
            render(name, answer, shown)
