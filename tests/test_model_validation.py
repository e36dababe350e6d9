"""`sundhedsgraf validate` reports each kind of bad input: one line naming file, line and fix."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sundhedsgraf.errors import ModelInvalid
from sundhedsgraf.model import load_model

GOOD_NODE = """
document: "004"
nodes:
  - id: test-forum
    label: Forum
    name: Testforum
    forum_type: committee
    status: active
    sources:
      - quote: "KOSU mødes fire gange om året"
"""


def problems_of(root) -> list[str]:
    with pytest.raises(ModelInvalid) as e:
        load_model(root)
    return e.value.problems


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "sundhedsgraf", *args], capture_output=True, text=True)


def test_small_valid_model_passes(make_model):
    model = load_model(make_model({"t.yaml": GOOD_NODE}))
    assert "test-forum" in {n["id"] for n in model.nodes}


BROKEN = {
    "unknown label": (
        GOOD_NODE.replace("label: Forum", "label: Forumm"),
        ["t.yaml:4:", "unknown label 'Forumm'", "Did you mean 'Forum'"],
    ),
    "unknown relationship type": (
        GOOD_NODE
        + """
relationships:
  - type: MEMBER_OFF
    start: kosu
    end: test-forum
    role: medlem
    status: active
    sources:
      - quote: "KOSU mødes fire gange om året"
""",
        ["unknown relationship type 'MEMBER_OFF'", "Did you mean 'MEMBER_OF'"],
    ),
    "missing required property": (
        GOOD_NODE.replace("    forum_type: committee\n", ""),
        ["t.yaml:4:", "missing required property 'forum_type'"],
    ),
    "missing status": (
        GOOD_NODE.replace("    status: active\n", ""),
        ["missing required property 'status'"],
    ),
    "dangling reference": (
        GOOD_NODE
        + """
relationships:
  - type: REPORTS_TO
    start: test-forum
    end: sundhedsstyregrupen
    status: active
    sources:
      - quote: "KOSU mødes fire gange om året"
""",
        ["points to unknown node 'sundhedsstyregrupen'", "Did you mean 'sundhedsstyregruppen'"],
    ),
    "duplicate id": (
        GOOD_NODE
        + """
  - id: test-forum
    label: Forum
    name: Another
    forum_type: committee
    status: active
    sources:
      - quote: "KOSU mødes fire gange om året"
""",
        ["duplicate id 'test-forum'", "first defined at", "extends: test-forum"],
    ),
    "bad date": (
        GOOD_NODE.replace("status: active", "status: active\n    valid_from: 2026-13-45"),
        ["bad date '2026-13-45'", "YYYY-MM-DD"],
    ),
    "quote not found": (
        GOOD_NODE.replace("KOSU mødes fire gange om året", "KOSU mødes fem gange om året"),
        ["quote not found in document 004", "the first 12 characters match"],
    ),
    "missing sources": (
        GOOD_NODE.split("    sources:")[0],
        ["node 'test-forum' has no sources"],
    ),
    "bad enum value": (
        GOOD_NODE.replace("forum_type: committee", "forum_type: comittee"),
        ["'comittee', not one of", "Did you mean 'committee'"],
    ),
    "unknown property": (
        GOOD_NODE.replace("forum_type: committee", "forum_type: committee\n    meetings_per_yer: 4"),
        ["unknown property 'meetings_per_yer'", "Did you mean 'meetings_per_year'"],
    ),
    "yaml syntax error": (
        GOOD_NODE.replace("name: Testforum", "name: [Testforum"),
        ["t.yaml:", "YAML syntax error"],
    ),
    "unknown document": (
        GOOD_NODE.replace('document: "004"', 'document: "009"'),
        ["document '009' is not in sources.yaml"],
    ),
    "wrong endpoint label": (
        GOOD_NODE
        + """
relationships:
  - type: HOLDS_OFFICE_IN
    start: test-forum
    end: kosu
    status: active
    sources:
      - quote: "KOSU mødes fire gange om året"
""",
        ["a Forum cannot be the start of HOLDS_OFFICE_IN", "allowed: ['Office']"],
    ),
    "unknown office type": (
        GOOD_NODE
        + """
relationships:
  - type: MEMBER_OF
    start: {office: sundhedsdirektor, municipality: kommune-viborg}
    end: test-forum
    role: medlem
    status: active
    sources:
      - quote: "KOSU mødes fire gange om året"
""",
        ["unknown office type 'sundhedsdirektor'", "Did you mean 'sundhedsdirektoer'"],
    ),
    "not a municipality": (
        GOOD_NODE
        + """
relationships:
  - type: MEMBER_OF
    start: {office: sundhedsdirektoer, municipalities: [kommune-viborg, kommune-arhus]}
    end: test-forum
    role: medlem
    status: active
    sources:
      - quote: "KOSU mødes fire gange om året"
""",
        ["'kommune-arhus' is not a municipality id", "Did you mean 'kommune-aarhus'"],
    ),
    "inferred without basis": (
        GOOD_NODE.replace("status: active", "status: active\n    confidence: inferred"),
        ["an inferred fact needs a 'basis'"],
    ),
    "dates reversed": (
        GOOD_NODE.replace(
            "status: active", "status: active\n    valid_from: 2027-01-01\n    valid_to: 2026-01-01"
        ),
        ["valid_from 2027-01-01 is after valid_to 2026-01-01"],
    ),
    "extends unknown node": (
        GOOD_NODE
        + """
  - extends: kosuu
    sources:
      - quote: "KOSU mødes fire gange om året"
""",
        ["'extends: kosuu' points to unknown node", "Did you mean 'kosu'"],
    ),
    "extends changes a value": (
        GOOD_NODE
        + """
  - extends: kosu
    forum_type: council
    sources:
      - quote: "KOSU mødes fire gange om året"
""",
        ["property 'forum_type' is 'council' here but 'steering_group'"],
    ),
    "a period no source gives": (
        GOOD_NODE.replace("    status: active\n", "    status: active\n    valid_from: 2020-01-01\n", 1),
        ["valid_from / valid_to need period_sources"],
    ),
    "a period in a file's defaults": (
        GOOD_NODE.replace('document: "004"\n', 'document: "004"\ndefaults:\n  valid_to: 2021-12-31\n', 1),
        ["defaults: unknown key 'valid_to'"],
    ),
    "gap refers to unknown node": (
        GOOD_NODE
        + """
gaps:
  - id: gap-x
    gap_type: unknown
    name: Who?
    description: Nobody knows.
    concerns: [test-forumm]
    sources:
      - quote: "KOSU mødes fire gange om året"
""",
        ["unknown node 'test-forumm'", "Did you mean 'test-forum'"],
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_validate_reports_each_kind_of_bad_input(make_model, case):
    text, expected = BROKEN[case]
    problems = problems_of(make_model({"t.yaml": text}))
    joined = "\n".join(problems)
    for fragment in expected:
        assert fragment in joined, f"{case}: expected {fragment!r} in:\n{joined}"
    for p in problems:
        assert ("\n" not in p and p.startswith(("model/", "/", "t.yaml"))) or "t.yaml" in p or "facts" in p


def test_all_problems_reported_in_one_run(make_model):
    text = (
        GOOD_NODE.replace("label: Forum", "label: Forumm")
        + """
  - id: second
    label: Forum
    name: Second
    forum_type: comittee
    status: active
    valid_from: 2020-02-30
    sources:
      - quote: "this is not in the document"
"""
    )
    problems = problems_of(make_model({"t.yaml": text}))
    assert len(problems) >= 4, problems
    kinds = ["unknown label", "not one of", "bad date", "quote not found"]
    for k in kinds:
        assert any(k in p for p in problems), (k, problems)


def test_cli_validate_bad_model_exits_nonzero_without_traceback(make_model):
    root = make_model({"t.yaml": GOOD_NODE.replace("label: Forum", "label: Forumm")})
    r = run_cli("validate", "--model", str(root))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr + r.stdout
    assert "unknown label 'Forumm'" in r.stderr
    assert "invalid: 1 problem" in r.stderr


def test_cli_validate_missing_model_folder(tmp_path):
    r = run_cli("validate", "--model", str(tmp_path / "nowhere"))
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert "no schema.yaml" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_cli_validate_json_lists_problems(make_model):
    import json

    root = make_model({"t.yaml": GOOD_NODE.replace("2015", "x").replace("label: Forum", "label: Forumm")})
    r = run_cli("validate", "--model", str(root), "--json")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["valid"] is False and any("Forumm" in p for p in data["problems"])


def test_group_statement_expands_one_membership_per_municipality(make_model):
    model = load_model(
        make_model(
            {
                "t.yaml": GOOD_NODE
                + """
relationships:
  - type: MEMBER_OF
    start: {office: sundhedsdirektoer, municipalities: region-midtjylland}
    end: test-forum
    role: medlem
    status: active
    sources:
      - quote: "KOSU mødes fire gange om året"
"""
            }
        )
    )
    members = [r for r in model.relationships if r["type"] == "MEMBER_OF" and r["end"] == "test-forum"]
    assert len(members) == 19
    assert {r["properties"]["on_behalf_of"] for r in members} == {
        n["id"]
        for n in model.nodes
        if n["labels"] == ["Municipality"] and n["properties"]["region"] == "region-midtjylland"
    }
    assert all(
        r["sources"] == [{"document": "004", "quote": "KOSU mødes fire gange om året"}] for r in members
    )
    office = model.node("sundhedsdirektoer-samsoe")
    assert office["name"] == "Sundhedsdirektør, Samsø Kommune" and office["sources"]
    held = [
        r
        for r in model.relationships
        if r["type"] == "HOLDS_OFFICE_IN" and r["start"] == "sundhedsdirektoer-samsoe"
    ]
    assert [r["end"] for r in held] == ["kommune-samsoe"]


def test_same_fact_stated_twice_is_one_relationship_with_both_sources(make_model):
    rel = """
  - type: REPORTS_TO
    start: test-forum
    end: kosu
    status: active
    sources:
      - quote: "{q}"
"""
    model = load_model(
        make_model(
            {
                "t.yaml": GOOD_NODE
                + "relationships:"
                + rel.format(q="KOSU mødes fire gange om året")
                + rel.format(q="KOSU-formand (kommunaldirektør udpeget af KD-net).")
            }
        )
    )
    rels = [r for r in model.relationships if r["type"] == "REPORTS_TO" and r["start"] == "test-forum"]
    assert len(rels) == 1 and len(rels[0]["sources"]) == 2


def test_rule_check_specs_are_validated(make_model):
    text = (
        GOOD_NODE
        + """
rules:
  - id: rule-x
    name: A rule
    description: Something.
    applies_to: [test-forum]
    check: {kind: compositon, forum: test-forum}
    sources:
      - quote: "KOSU mødes fire gange om året"
  - id: rule-y
    name: Another
    description: Something.
    applies_to: [test-forum]
    check: {kind: seats_per_body, forum: test-forum, bodies: [kosuu], seats: 2}
    sources:
      - quote: "KOSU mødes fire gange om året"
"""
    )
    problems = "\\n".join(problems_of(make_model({"t.yaml": text})))
    assert "check kind 'compositon'" in problems and "Did you mean 'composition'" in problems
    assert "check refers to unknown node 'kosuu'" in problems
