"""The tables `ask` prints: one function per question of the registry, named after it."""

from __future__ import annotations

import click


def _short_sources(sources: list[dict], width: int = 90) -> str:
    if not sources:
        return ""
    s = sources[0]
    text = f"{s['document']}: “{s['quote']}”" if "document" in s else s.get("url", "")
    if len(text) > width:
        text = text[: width - 1] + "…"
    return text + (f" (+{len(sources) - 1})" if len(sources) > 1 else "")


def _standing(r: dict) -> str:
    """How a row stands on the date, as the table shows it."""
    st = r.get("standing", "stated")
    if st == "last_attested":
        return f"last attested {r.get('last_attested') or '?'}"
    return st


def _table(title: str, columns: list[str], rows: list[list]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    # data is text, never markup: a "[sic]" or "[/x]" in a name is printed as it is
    table = Table(*columns, title=escape(title), show_lines=False, title_justify="left")
    for r in rows:
        table.add_row(*[Text("" if v is None else str(v)) for v in r])
    console = Console()
    if not console.is_terminal:  # piped to a file or a program: wide enough not to wrap mid-name
        console = Console(width=240)
    console.print(table)


def represented(answer, args: dict) -> None:
    _table(
        f"Where is {args['municipality']} represented?",
        ["forum", "role", "via", "direct", "standing", "path", "source"],
        [
            [
                r["forum"],
                r["role"],
                r["via"],
                "direct" if r["direct"] else "indirect",
                _standing(r),
                " → ".join(r["path"]),
                ("[inferred] " if r["confidence"] == "inferred" else "")
                + ("[disputed] " if r["disputed"] else "")
                + _short_sources(r["sources"]),
            ]
            for r in answer
        ],
    )


def links(answer, args: dict) -> None:
    _table(
        f"Who links {args.get('a', answer['a'])} and {args.get('b', answer['b'])}? "
        f"({len(answer['paths'])} paths of ≤ {answer['max_hops']} hops)",
        ["broker", "kind", "paths"],
        [[b["name"], b["kind"], b["paths"]] for b in answer["brokers"]],
    )
    for p in answer["paths"][:10]:
        click.echo("  " + " — ".join(p))
    if len(answer["paths"]) > 10:
        click.echo(f"  … and {len(answer['paths']) - 10} more paths (--json shows all)")


def members(answer, args: dict) -> None:
    _table(
        f"Members of {answer['forum']}",
        ["member", "role", "office", "municipality", "seats", "standing", "source"],
        [
            [
                m["member"] + ("" if m["holder_known"] else " (holder unknown)"),
                m["role"],
                m["office"],
                m["municipality"],
                ("open" if m.get("seats_open") else m["seats"]),
                _standing(m),
                _short_sources(m["sources"]),
            ]
            for m in answer["members"]
        ],
    )
    count = answer.get("seat_count")
    cadence = answer.get("meetings_per_year")
    if cadence is not None and answer.get("meetings_per_year_max") is not None:
        cadence = f"{cadence}-{answer['meetings_per_year_max']}"
    click.echo(
        f"Seats: {'not stated (some numbers are left open)' if count is None else count}"
        + (f"; meetings per year: {cadence}" if cadence is not None else "")
    )
    click.echo(
        "Chair(s): " + (", ".join(f"{c['member']} ({c['role']})" for c in answer["chairs"]) or "none stated")
    )


def chain(answer, args: dict) -> None:
    _table(
        f"{answer['forum']} reports to",
        ["depth", "to", "path"],
        [[r["depth"], r["name"], " → ".join(r["path"])] for r in answer["reports_to"]],
    )
    _table(
        f"Reports to {answer['forum']}",
        ["depth", "from", "path"],
        [[r["depth"], r["name"], " → ".join(reversed(r["path"]))] for r in answer["reported_by"]],
    )
    _table(
        f"Other relations of {answer['forum']} (not reporting lines)",
        ["relation", "with", "standing", "source"],
        [
            [
                r["type"] if r["direction"] == "out" else f"← {r['type']}",
                r["name"],
                _standing(r),
                _short_sources(r["sources"]),
            ]
            for r in answer.get("other_relations", [])
        ],
    )


def appointments(answer, args: dict) -> None:
    cols = ["appointer", "appointee", "for forum", "role", "source"]

    def row(r: dict) -> list:
        return [r["appointer"], r["appointee"], r["for_forum"], r["role"], _short_sources(r["sources"])]

    _table(f"Whom {answer['body']} appoints", cols, [row(r) for r in answer["appoints"]])
    _table(f"Who appoints {answer['body']} or its members", cols, [row(r) for r in answer["appointed_by"]])


def interlocks(answer, args: dict) -> None:
    _table(
        "Fora that share members or municipalities",
        ["forum", "forum", "shared members", "shared municipalities"],
        [[r["forum_a"], r["forum_b"], r["n_members"], r["n_municipalities"]] for r in answer],
    )


def matrix(answer, args: dict) -> None:
    fora = [f["name"] for f in answer["fora"]]
    cells = {(c["municipality_id"], c["forum_id"]): c["seats"] for c in answer["cells"]}
    _table(
        f"Seats per municipality and forum, {answer['region']}",
        ["municipality", *[f[:14] for f in fora]],
        [
            [m["name"], *[cells.get((m["id"], f["id"]), 0) or "" for f in answer["fora"]]]
            for m in answer["municipalities"]
        ],
    )


def meetings(answer, args: dict) -> None:
    _table(
        f"Meetings per year: {answer['name']}",
        ["forum", "per year", "seats"],
        [
            [
                f["forum"],
                f["meetings_per_year"]
                if f["meetings_per_year_max"] is None
                else f"{f['meetings_per_year']}-{f['meetings_per_year_max']}",
                "; ".join(f"{s['via']} ({s['role']})" for s in f["seats"]),
            ]
            for f in answer["fora"]
        ],
    )
    click.echo(
        f"Total: {answer['total_meetings_per_year']} meetings a year"
        + (
            f" (+ {answer['fora_with_unknown_cadence']} fora with no stated cadence)"
            if answer["fora_with_unknown_cadence"]
            else ""
        )
    )


def unrepresented(answer, args: dict) -> None:
    _table(
        "Fora with no municipal representation",
        ["forum", "type"],
        [[f["forum"], f["forum_type"]] for f in answer["fora_without_municipal_representation"]],
    )
    _table(
        "Municipalities with the fewest seats",
        ["municipality", "seats"],
        [[m["municipality"], m["seats"]] for m in answer["municipalities_with_fewest_seats"]],
    )


def changes(answer, args: dict) -> None:
    for what, title in (
        ("created", "created (a source gives the start)"),
        ("abolished", "abolished (a source gives the end)"),
        ("replaced", "replaced"),
        ("newly_attested", "first attested (not said to be new)"),
        ("no_longer_attested", "last attested (later status unknown)"),
    ):
        rows = answer["fora"].get(what, [])
        _table(
            f"fora {title} between {answer['from']} and {answer['to']} ({len(rows)})",
            ["", ""],
            [[r["forum"], r.get("replaced_by") or r["status"]] for r in rows],
        )
    for part in ("seats", "reporting_lines"):
        for what in ("appeared", "disappeared"):
            rows = answer[part][what]
            fmt = {
                "seats": lambda r: [r["forum"], f"{r['member']} ({r['role']})"],
                "reporting_lines": lambda r: [r["from"], r["to"]],
            }[part]
            _table(
                f"{part.replace('_', ' ')} that {what} between {answer['from']} and {answer['to']} ({len(rows)})",
                ["", ""],
                [fmt(r) for r in rows],
            )


def timeline(answer, args: dict) -> None:
    for p in answer:
        _table(
            p["name"],
            ["step", "when", "deadline", "responsible"],
            [
                [
                    ("  " if s["kind"] == "Milestone" else "") + s["name"],
                    s["when_text"] or "?",
                    "yes" if s["deadline"] else "",
                    ", ".join(x["name"] for x in s["responsible"]),
                ]
                for ph in p["phases"]
                for s in [ph, *ph["milestones"]]
            ]
            + [
                [
                    m["name"],
                    m["when_text"] or "?",
                    "yes" if m["deadline"] else "",
                    ", ".join(x["name"] for x in m["responsible"]),
                ]
                for m in p["milestones"]
            ],
        )


def rules(answer, args: dict) -> None:
    _table(
        "Composition rules the documents state",
        ["status", "on", "rule", "detail"],
        [[r["status"], r.get("at") or "", r["name"], r["detail"]] for r in answer],
    )


def gaps(answer, args: dict) -> None:
    _table(
        "What the documents leave unknown or contradict",
        ["type", "gap", "concerns"],
        [[g["gap_type"], g["name"], ", ".join(c["name"] for c in g["concerns"])[:80]] for g in answer],
    )


def search(answer, args: dict) -> None:
    what = {"name": "name", "abbreviation": "abbreviation", "alias": "alias", "quote": "quote"}
    _table(
        f"“{answer['text']}”: {len(answer['nodes'])} nodes, {len(answer['relationships'])} relationships",
        ["found", "kind", "in", "source"],
        [
            [
                r["name"],
                r["label"],
                ", ".join(what.get(m, m) for m in r["matched"]),
                ("[inferred] " if r["confidence"] == "inferred" else "") + _short_sources(r["sources"], 110),
            ]
            for r in answer["nodes"] + answer["relationships"]
        ],
    )
