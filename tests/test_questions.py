"""The questions of the registry: the database's answer equals the networkx oracle's for every
question, on the real model and on random models; golden answers checked by hand; the `ask` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from db_fixtures import mark_changed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sundhedsgraf.cli import main
from sundhedsgraf.questions import REGISTRY, ask, oracle_answer

pytestmark = pytest.mark.db
PROJECT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "data" / "golden"
DATES = ["2015-06-01", "2018-01-01", "2024-06-01", "2026-06-01", "2027-06-01"]


def canon(x):
    return json.loads(json.dumps(x, sort_keys=True, ensure_ascii=False))


def ids(model, *kinds):
    return sorted(n["id"] for n in model.nodes if n["labels"][0] in kinds)


def argument_sets(name: str, model, as_of: str) -> list[dict]:
    """Arguments for a question on a model: every node of the kinds a node argument accepts (pairs
    of a few for two-node questions), date pairs, search words; plus the registry's example."""
    from sundhedsgraf import analysis

    q = REGISTRY[name]
    s = analysis.snapshot(model, as_of)
    nodes = [a for a in q.args if a.type == "node"]
    if any(a.type == "date" for a in q.args):
        sets = [
            {"date_from": a, "date_to": b}
            for a, b in [
                ("2015-06-01", "2027-06-01"),
                ("2024-06-01", "2027-06-01"),
                ("2015-06-01", "2018-01-01"),
                ("2021-06-01", "2022-06-01"),
            ]
        ]
    elif any(a.type == "text" for a in q.args):
        sets = [
            {"text": w} for w in ("delingsaftaler", "KOSU", "sundhedsråd", "Århus", "akutfunktion", "zzz")
        ]
    elif len(nodes) == 2:
        ends = ["region-midtjylland", "kl", "kommune-samsoe", "kommune-viborg", "kosu"]
        sets = [{"a": a, "b": b} for a in ends for b in ends if a < b and a in s.g and b in s.g]
    elif nodes:
        every = [n for n in ids(model, *sorted(nodes[0].kinds)) if n in s.g]
        step = max(
            1, len(every) // 30
        )  # every node would triple the suite's time; a spread of 30 finds the same bugs
        sets = [{nodes[0].name: n} for n in every[::step]]
    else:
        sets = [{}]
    if "region" in q.options:
        sets += [{**sets[0], "region": r} for r in ("region-midtjylland", "region-nordjylland")]
    return sets + ([q.example_args] if q.example_args and q.example_args not in sets else [])


@pytest.mark.parametrize("name", list(REGISTRY))
@pytest.mark.parametrize("as_of", ["2015-06-01", "2024-06-01", "2026-06-01"])
def test_every_question_equals_the_oracle_on_the_real_model(real_graph, real_model, name, as_of):
    for args in argument_sets(name, real_model, as_of):
        got = ask(name, real_graph, as_of, **args)
        assert canon(got) == canon(oracle_answer(name, real_model, as_of, **args)), (name, args)


@pytest.mark.parametrize("source", ["000", "002", "004"])
@pytest.mark.parametrize("name", ["represented", "members", "chain", "rules", "search", "changes"])
def test_the_source_filter_equals_the_oracle(real_graph, real_model, name, source):
    for as_of in ("2015-06-01", "2026-06-01"):
        for args in argument_sets(name, real_model, as_of)[:12]:
            got = ask(name, real_graph, as_of, source, **args)
            assert canon(got) == canon(oracle_answer(name, real_model, as_of, source, **args)), (name, args)


@pytest.mark.parametrize("name", list(REGISTRY))
def test_inferred_facts_equal_the_oracle_and_are_marked(real_graph, real_model, name):
    for args in argument_sets(name, real_model, "2026-06-01")[:8]:
        got = ask(name, real_graph, "2026-06-01", inferred=True, **args)
        assert canon(got) == canon(oracle_answer(name, real_model, "2026-06-01", inferred=True, **args)), (
            name,
            args,
        )


def test_inferred_only_when_asked_and_then_marked(real_graph):
    stated = ask("represented", real_graph, "2026-06-01", municipality="kommune-viborg")
    assert all(r["confidence"] == "stated" for r in stated)
    assert "skf-midtjylland" not in {r["forum_id"] for r in stated}
    inferred = ask("represented", real_graph, "2026-06-01", inferred=True, municipality="kommune-viborg")
    skf = [r for r in inferred if r["forum_id"] == "skf-midtjylland"]
    assert skf and all(r["confidence"] == "inferred" and not r["direct"] for r in skf)
    assert skf[0]["via_id"] == "sundhedsraad-midt"


def test_every_question_is_defined_once_and_completely():
    from sundhedsgraf import analysis
    from sundhedsgraf.questions import render, shaping
    from sundhedsgraf.questions.database import Asker

    for name, q in REGISTRY.items():
        assert callable(getattr(Asker, name)) and callable(getattr(analysis, name)), name
        assert callable(getattr(shaping, name)) and callable(getattr(render, name)), name
        assert q.examples_da and q.examples_en and q.keywords and q.summary and q.summary_da, name


# ------------------------------------------------------------------------------------------
# golden answers, checked by hand


def test_golden_where_samsoe_is_and_is_not_represented_in_2024(real_graph):
    golden = json.loads((GOLDEN / "represented-samsoe-2024.json").read_text(encoding="utf-8"))
    rows = ask("represented", real_graph, "2024-06-01", municipality="kommune-samsoe")
    got = sorted([r["forum_id"], r["role"], r["via_id"], r["direct"]] for r in rows)
    assert got == sorted(golden["represented"])
    assert not set(golden["not_represented"]) & {r["forum_id"] for r in rows}
    assert all(r["sources"] for r in rows)
    assert {r["forum_id"]: r["last_attested"] for r in rows if r["standing"] == "last_attested"} == golden[
        "last_attested"
    ]
    dassos = [r for r in rows if r["forum_id"] == "dassos"]
    assert all(r["disputed"] for r in dassos)


def test_golden_chairs_show_as_chairs(real_graph):
    kosu = ask("members", real_graph, "2024-06-01", forum="kosu")
    assert [(c["member_id"], c["role"]) for c in kosu["chairs"]] == [("kommunaldirektoer-viborg", "formand")]
    deputies = {m["member_id"] for m in kosu["members"] if m["role"] == "næstformand"}
    assert deputies == {"sundhedsdirektoer-herning", "sundhedsdirektoer-viborg"}
    ssg = ask("members", real_graph, "2024-06-01", forum="sundhedsstyregruppen")
    assert ("kommunaldirektoer-viborg", "medformand") in {(c["member_id"], c["role"]) for c in ssg["chairs"]}
    viborg = ask("represented", real_graph, "2024-06-01", municipality="kommune-viborg")
    assert ("kosu", "formand", "kommunaldirektoer-viborg") in {
        (r["forum_id"], r["role"], r["via_id"]) for r in viborg
    }
    assert ("sundhedskoordinationsudvalget-rm", "næstformand", "borgmester-viborg") in {
        (r["forum_id"], r["role"], r["via_id"]) for r in viborg
    }


def test_golden_viborg_chair_ends_with_the_election_period(real_graph):
    kosu_2026 = ask("members", real_graph, "2026-06-01", forum="kosu")
    chairs = [(c["member_id"], c["holder_known"]) for c in kosu_2026["chairs"]]
    assert chairs == [("kosu-formand", False)]  # from 2026 the documents leave the holder open


def test_golden_rules_mirror_principle_is_unknowable_and_skf_seats_satisfied(real_graph):
    rules = {r["id"]: r for r in ask("rules", real_graph, "2026-06-01")}
    assert rules["rule-spejlingsprincippet-kosu-formand"]["status"] == "unknowable"
    assert rules["rule-skf-two-politicians-per-sundhedsraad"]["status"] == "satisfied"
    assert rules["rule-rm-2022-ssg-municipal-members"]["status"] == "satisfied"
    assert all(r["sources"] for r in rules.values())


def test_golden_search_finds_the_sharing_agreement_deadline(real_graph):
    found = ask("search", real_graph, "2026-06-01", text="delingsaftaler")
    deadline = [n for n in found["nodes"] if n["id"] == "ms-rm-2026-frist-drifts-og-delingsaftaler"]
    assert deadline and deadline[0]["valid_from"] == "2026-04-01" and deadline[0]["label"] == "Milestone"
    assert any("1. april 2026" in s["quote"] for s in deadline[0]["sources"])
    assert ask("search", real_graph, "2026-06-01", text="zzzz-nothing") == {
        "text": "zzzz-nothing",
        "count": 0,
        "nodes": [],
        "relationships": [],
    }


# ------------------------------------------------------------------------------------------
# random models (hypothesis): the oracle and the database agree on every question

SCHEMA = None


#: relations of fora beside reporting lines, in the random models
OTHER_TYPES = ("PREPARES_CASES_FOR", "COMMISSIONS", "SETS_UP", "ADVISES", "COOPERATES_WITH", "REPLACES")
#: attestations a random fact may carry: none (reference data), one document, two, a later one
ATTESTATIONS = (
    {},
    {"attested_from": "2015-01-26", "last_attested": "2015-01-26"},
    {"attested_from": "2015-01-26", "last_attested": "2022-01-01"},
    {"attested_from": "2022-01-01", "last_attested": "2022-01-01"},
)


def _attested(i: int) -> dict:
    return dict(ATTESTATIONS[i % len(ATTESTATIONS)])


def _model(draw_data):
    """A small random model in compiled form: attested and stated periods, reasoned starts, seats
    with several roles (a chair's role on a counted seat, open numbers), a cadence stated per
    document, reporting lines beside other relations, and checked rules of every kind."""
    from sundhedsgraf.model import Model
    from sundhedsgraf.schema import default_schema

    global SCHEMA
    if SCHEMA is None:
        SCHEMA = default_schema()
    n_m, n_f, edges, dates = draw_data

    def src(i):
        return [{"document": "004", "quote": f"q{i}"}]

    nodes = [
        {"id": "r", "labels": ["Region"], "name": "R", "properties": {"status": "active"}, "sources": src(0)}
    ]
    rels = []
    for i in range(n_m):
        nodes.append(
            {
                "id": f"m{i}",
                "labels": ["Municipality"],
                "name": f"M{i} Kommune",
                "properties": {
                    "status": "active",
                    "short_name": f"M{i}",
                    "code": str(100 + i),
                    "region": "r",
                },
                "sources": src(i),
            }
        )
        nodes.append(
            {
                "id": f"o{i}",
                "labels": ["Office"],
                "name": f"Direktør, M{i}",
                "properties": {"status": "active", "title": "Direktør", "office_type": "sundhedsdirektoer"},
                "sources": src(i),
            }
        )
        rels.append(
            {
                "id": f"h{i}",
                "type": "HOLDS_OFFICE_IN",
                "start": f"o{i}",
                "end": f"m{i}",
                "properties": {"status": "active"},
                "sources": src(i),
            }
        )
    for j in range(n_f):
        vf, vt = dates[j % len(dates)]
        props = {"status": "active", "forum_type": "committee", "region": "r", "meetings_per_year": j % 5}
        props.update(_attested(j))
        if j % 3 == 1:  # a cadence stated by two documents: 4-5 in 2015, 4 from 2022
            props["meetings_history"] = json.dumps(
                [
                    {
                        "from": "2015-01-26",
                        "document": "002",
                        "meetings_per_year": 4,
                        "meetings_per_year_max": 5,
                    },
                    {"from": "2022-01-01", "document": "004", "meetings_per_year": 4},
                ]
            )
        if vf:
            props["valid_from"] = vf
        if vt:
            props["valid_to"] = vt
        nodes.append(
            {"id": f"f{j}", "labels": ["Forum"], "name": f"Forum {j}", "properties": props, "sources": src(j)}
        )
    kinds = {"MEMBER_OF", "REPORTS_TO", "APPOINTS", *OTHER_TYPES}
    for k, (t, a, b, role, d, inferred) in enumerate(edges):
        vf, vt = dates[d % len(dates)]
        props = {"status": "active", **_attested(a + b)}
        if vf:
            props["valid_from"] = vf
            if (a + d) % 4 == 0:
                props["period_confidence"], props["validity_basis"] = "inferred", "reasoned"
        if vt:
            props["valid_to"] = vt
        if inferred:
            props["confidence"], props["basis"] = "inferred", "random"
        if t == "MEMBER_OF":
            start = [f"o{a % n_m}", f"m{a % n_m}", f"f{a % n_f}"][a % 3]
            end = f"f{b % n_f}"
            props["role"] = role
            if role != "medlem" and b % 3 == 0:
                props["seats"] = 0  # a chair's role on a seat another membership counts
            elif a % 7 == 3:
                props["seats_open"] = True
            elif a % 5 == 2:
                props["seats"] = 2
            if start.startswith("o") and b % 2:
                props["on_behalf_of"] = f"m{a % n_m}"
        elif t in ("REPORTS_TO", *OTHER_TYPES):
            start, end = f"f{a % n_f}", f"f{b % n_f}"
        else:
            start, end = f"f{a % n_f}", f"o{b % n_m}"
            props["for_forum"] = f"f{(a + b) % n_f}"
        if start == end:
            continue
        rels.append(
            {"id": f"x{k}", "type": t, "start": start, "end": end, "properties": props, "sources": src(k)}
        )
    assert kinds
    # a process with phases and milestones, a gap and checked rules, so every question has data
    nodes.append(
        {
            "id": "p",
            "labels": ["Process"],
            "name": "Proces",
            "properties": {"status": "planned"},
            "sources": src(90),
        }
    )
    for i, (vf, _vt) in enumerate(dates):
        ph = {"status": "planned", "order": len(dates) - i, "when_text": f"fase {i}"}
        if vf:
            ph["starts"] = vf
        nodes.append(
            {
                "id": f"ph{i}",
                "labels": ["Phase"],
                "name": f"Fase {i}",
                "properties": ph,
                "sources": src(91 + i),
            }
        )
        rels.append(
            {
                "id": f"po{i}",
                "type": "PART_OF",
                "start": f"ph{i}",
                "end": "p",
                "properties": {"status": "planned"},
                "sources": src(91 + i),
            }
        )
        nodes.append(
            {
                "id": f"ms{i}",
                "labels": ["Milestone"],
                "name": f"Milepæl {i}",
                "properties": {
                    "status": "planned",
                    "deadline": bool(i % 2),
                    "deliverable": "x" if i else None,
                }
                if i
                else {"status": "planned"},
                "sources": src(95 + i),
            }
        )
        rels.append(
            {
                "id": f"mo{i}",
                "type": "PART_OF",
                "start": f"ms{i}",
                "end": f"ph{i}",
                "properties": {"status": "planned"},
                "sources": src(95 + i),
            }
        )
        rels.append(
            {
                "id": f"rf{i}",
                "type": "RESPONSIBLE_FOR",
                "start": f"f{i % n_f}",
                "end": f"ms{i}",
                "properties": {"status": "planned", "task": "gør noget"},
                "sources": src(99 + i),
            }
        )
    nodes[-1]["properties"] = {k: v for k, v in nodes[-1]["properties"].items() if v is not None}
    for n in nodes:
        n["properties"] = {k: v for k, v in n["properties"].items() if v is not None}
    nodes.append(
        {
            "id": "g",
            "labels": ["Gap"],
            "name": "Hvem?",
            "properties": {"status": "active", "gap_type": "unknown", "description": "?"},
            "sources": src(80),
        }
    )
    rels.append(
        {
            "id": "gc",
            "type": "CONCERNS",
            "start": "g",
            "end": "f0",
            "properties": {"status": "active"},
            "sources": src(80),
        }
    )
    rules = [
        {
            "id": "rule-a",
            "name": "Composition",
            "description": "",
            "applies_to": ["f0"],
            "sources": src(70),
            "check": {
                "kind": "composition",
                "forum": "f0",
                "expect": [{"office_type": "sundhedsdirektoer", "municipalities": "r"}],
            },
        },
        {
            "id": "rule-b",
            "name": "Seats",
            "description": "",
            "applies_to": ["f0"],
            "sources": src(71),
            "check": {
                "kind": "seats_per_body",
                "forum": f"f{n_f - 1}",
                "bodies": [f"m{i}" for i in range(n_m)],
                "seats": 1,
            },
        },
        {
            "id": "rule-c",
            "name": "Mirror",
            "description": "",
            "applies_to": ["f0"],
            "sources": src(72),
            "check": {
                "kind": "same_municipality",
                "a": {"forum": "f0", "role": "formand"},
                "b": {"forum": f"f{n_f - 1}", "role": "næstformand"},
            },
        },
        {
            "id": "rule-d",
            "name": "Text only",
            "description": "",
            "applies_to": [],
            "sources": src(73),
            "check": None,
        },
        {
            "id": "rule-e",
            "name": "Seat count",
            "description": "",
            "applies_to": ["f0"],
            "sources": src(74),
            "check": {"kind": "seat_count", "forum": "f0", "seats": 2},
            "attested_dates": ["2015-01-26", "2022-01-01"],
        },
        {
            "id": "rule-f",
            "name": "Political seats",
            "description": "",
            "applies_to": ["f0"],
            "sources": src(75),
            "check": {
                "kind": "seat_count",
                "forum": f"f{n_f - 1}",
                "seats": 1,
                "on_behalf_of_kind": "Municipality",
            },
            "attested_dates": ["2022-01-01"],
        },
        {
            "id": "rule-g",
            "name": "Cadence",
            "description": "",
            "applies_to": ["f1"],
            "sources": src(76),
            "check": {
                "kind": "meetings",
                "forum": f"f{1 % n_f}",
                "meetings_per_year": 4,
                "meetings_per_year_max": 5,
            },
            "attested_dates": ["2015-01-26"],
        },
    ]
    for r in rules:
        r.setdefault("attested_dates", [])
        props = {"status": "active", "description": r["description"], "applies_to": r["applies_to"]}
        if r["attested_dates"]:
            props["attested_dates"] = r["attested_dates"]
        if r["check"]:
            props["check"] = json.dumps(r["check"], sort_keys=True)
        nodes.append(
            {
                "id": r["id"],
                "labels": ["Rule"],
                "name": r["name"],
                "properties": props,
                "sources": r["sources"],
            }
        )
    return Model(schema=SCHEMA, documents=[], nodes=nodes, relationships=rels, rules=rules)


dates_st = st.lists(
    st.tuples(
        st.sampled_from([None, "2015-01-01", "2020-01-01"]),
        st.sampled_from([None, "2019-12-31", "2030-12-31"]),
    ),
    min_size=1,
    max_size=4,
)
edges_st = st.lists(
    st.tuples(
        st.sampled_from(["MEMBER_OF", "MEMBER_OF", "REPORTS_TO", "APPOINTS", *OTHER_TYPES]),
        st.integers(0, 50),
        st.integers(0, 50),
        st.sampled_from(["medlem", "formand", "næstformand"]),
        st.integers(0, 3),
        st.booleans(),
    ),
    min_size=1,
    max_size=40,
)


@settings(
    max_examples=15,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    n_m=st.integers(1, 5),
    n_f=st.integers(1, 6),
    edges=edges_st,
    dates=dates_st,
    as_of=st.sampled_from(["2016-06-01", "2021-06-01", "2024-06-01"]),
    inferred=st.booleans(),
)
def test_random_models_database_equals_oracle(scratch_graph, n_m, n_f, edges, dates, as_of, inferred):
    from sundhedsgraf import analysis
    from sundhedsgraf.loaders.graph import load_graph

    model = _model((n_m, n_f, edges, dates))
    load_graph(model, scratch_graph, replace=True)
    mark_changed()
    s = analysis.snapshot(model, as_of, include_inferred=inferred)
    munis = [f"m{i}" for i in range(n_m)]
    fora = [f"f{j}" for j in range(n_f) if f"f{j}" in s.g]
    per_question = {
        "represented": [{"municipality": m} for m in munis],
        "meetings": [{"target": f"o{i}"} for i in range(n_m) if f"o{i}" in s.g]
        + [{"target": m} for m in munis if m in s.g],
        "members": [{"forum": f} for f in fora],
        "chain": [{"forum": f} for f in fora],
        "appointments": [{"body": f} for f in fora],
        "interlocks": [{}],
        "matrix": [{"region": "r"}],
        "unrepresented": [{}],
        "links": [{"a": "m0", "b": f"f{n_f - 1}", "max_hops": 4}],
        "changes": [
            {"date_from": "2016-06-01", "date_to": "2021-06-01"},
            {"date_from": "2014-06-01", "date_to": "2024-06-01"},
        ],
        "timeline": [{}],
        "gaps": [{}],
        "rules": [{}],
        "search": [{"text": "forum 1"}, {"text": "q3"}, {"text": "direktør"}],
    }
    assert set(per_question) == set(REGISTRY), "a question of the registry is not tested on random models"
    for name, sets in per_question.items():
        for args in sets:
            got = ask(name, scratch_graph, as_of, inferred=inferred, **args)
            assert canon(got) == canon(oracle_answer(name, model, as_of, inferred=inferred, **args)), (
                name,
                args,
            )


# ------------------------------------------------------------------------------------------
# the ask command


@pytest.fixture
def home(db_server, real_graph):
    return db_server.home


class Result:
    def __init__(self, r):
        self.returncode, self.stdout, self.stderr = r.exit_code, r.stdout, r.stderr


def run_cli(args, home, cwd=None):
    """`sundhedsgraf ARGS` in this process (click's CliRunner), against the session server."""
    r = CliRunner().invoke(main, args, env={"SUNDHEDSGRAF_HOME": str(home), "NEO4J_URI": None})
    if r.exception and not isinstance(r.exception, SystemExit):
        raise r.exception
    return Result(r)


def test_ask_represented_json_rows(home):
    r = run_cli(["ask", "represented", "viborg kommune", "--as-of", "2024-06-01", "--json"], home, PROJECT)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows and {"forum", "forum_id", "role", "via", "direct", "path", "sources"} <= set(rows[0])
    assert all(row["sources"] for row in rows)


def test_ask_links_json_shape(home):
    r = run_cli(
        ["ask", "links", "Region Midtjylland", "KL", "--json", "--as-of", "2026-06-01"], home, PROJECT
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) >= {"brokers", "paths"}
    assert data["brokers"] and set(data["brokers"][0]) >= {"id", "name", "kind", "paths"}
    assert all(p[0] == "Region Midtjylland" and p[-1].startswith("KL") for p in data["paths"])
    counts = [b["paths"] for b in data["brokers"]]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize(
    "text,question",
    [
        ("hvor er Samsø repræsenteret i 2024?", "represented"),
        ("who links Region Midtjylland and KL?", "links"),
        ("hvem sidder i KOSU?", "members"),
        ("what changes between 2015 and 2027?", "changes"),
        ("hvornår er fristen for delingsaftaler?", "search"),
        ("søg efter delingsaftaler", "search"),
        ("vis tidslinjen", "timeline"),
    ],
)
def test_ask_free_text_says_which_question_it_ran(home, text, question):
    r = run_cli(["ask", text, "--json"], home, PROJECT)
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith(f"question: {question}")
    json.loads(r.stdout)


def test_ask_unknown_name_suggests_and_fails_cleanly(home):
    r = run_cli(["ask", "represented", "Viborgg"], home, PROJECT)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "did you mean" in r.stderr and "Viborg" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args,fragment",
    [
        (["ask", "represented", "Viborg", "--as-of", "2024-13-01"], "not a date"),
        (["ask", "represented", "Viborg", "--source", "009"], "--source '009'"),
        (["ask", "links", "KL", "KOSU", "--max-hops", "12"], "--max-hops 12"),
        (["ask", "members"], "ask members takes FORUM"),
        (["ask", "members", "KOSU", "--csv"], "--csv is for `ask matrix`"),
        (["ask", "what is the weather?"], ""),
    ],
)
def test_ask_bad_input_is_one_clear_line(home, args, fragment):
    r = run_cli(args, home, PROJECT)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr and fragment in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_ask_matrix_csv(home):
    r = run_cli(["ask", "matrix", "Region Midtjylland", "--csv", "--as-of", "2024-06-01"], home, PROJECT)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert lines[0].startswith("municipality,") and len(lines) == 20


def test_ask_every_question_from_the_cli(home):
    for args in (
        ["represented", "Aarhus"],
        ["links", "KOSU", "KL"],
        ["members", "SKF"],
        ["chain", "DASSOS"],
        ["appointments", "KD-Net"],
        ["interlocks"],
        ["matrix"],
        ["meetings", "Viborg"],
        ["unrepresented"],
        ["changes", "2015-06-01", "2027-06-01"],
        ["timeline"],
        ["rules"],
        ["gaps"],
        ["search", "delingsaftaler"],
    ):
        r = run_cli(["ask", *args], home, PROJECT)
        assert r.returncode == 0, (args, r.stderr)
        assert r.stdout.strip(), args


def test_ask_search_finds_the_deadline_from_the_cli_and_from_free_text(home):
    for args in (
        ["search", "delingsaftaler", "--json"],
        ["hvornår er fristen for delingsaftaler?", "--json"],
    ):
        r = run_cli(["ask", *args], home, PROJECT)
        assert r.returncode == 0, r.stderr
        found = json.loads(r.stdout)
        assert "ms-rm-2026-frist-drifts-og-delingsaftaler" in {n["id"] for n in found["nodes"]}


def test_ask_help_lists_every_question_of_the_registry():
    text = CliRunner().invoke(main, ["ask", "--help"]).output
    assert all(name in text for name in REGISTRY)
