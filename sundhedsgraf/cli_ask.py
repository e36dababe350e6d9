"""`sundhedsgraf ask`: the named questions (and free-text questions in Danish or English)."""

from __future__ import annotations

import csv
import datetime as _dt
import json
import sys

import click

from .errors import ConfigError

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


def _name_index(graph):
    from .names import NameIndex
    from .queries import run_query

    rows = run_query("names", graph=graph)
    if not rows:
        raise ConfigError("the database is empty; load the model first: sundhedsgraf load")
    return NameIndex(rows, list_hint="see `sundhedsgraf query names` for every name")


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
    from .cli import fail_cleanly
    from .cli_db import connection_options

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
        from .db.connection import Graph
        from .names import parse_question
        from .questions import Asker
        from .queries import run_query

        if max_hops is not None and not 1 <= max_hops <= 8:
            raise ConfigError(f"--max-hops {max_hops}: choose 1 to 8.")
        with Graph(settings) as graph:
            index = _name_index(graph)
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
