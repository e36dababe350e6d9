"""`sundhedsgraf validate` reports each kind of bad input: one line naming file, line and fix."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import tracemalloc
from pathlib import Path

import pytest
from conftest import MODEL

from sundhedsgraf.errors import ModelError, ModelInvalid
from sundhedsgraf.lines import MAX_ALIAS_EXPANSION, LineLoader, Problems, _alias_problem, read_yaml
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


# --------------------------------------------------------------------------------------------
# unique at validate, not only at load


def test_two_municipalities_with_one_code_are_refused_by_validate(make_model):
    root = make_model({"t.yaml": GOOD_NODE})
    ref = root / "facts" / "reference.yaml"
    text = ref.read_text(encoding="utf-8")
    assert 'code: "766"' in text
    ref.write_text(text.replace('code: "766"', 'code: "710"'), encoding="utf-8")
    problems = problems_of(root)
    assert len(problems) == 1, problems
    assert "reference.yaml:" in problems[0]
    assert "node 'kommune-hedensted': code '710' is also the code of 'kommune-favrskov'" in problems[0]
    assert "declares it unique for a Municipality" in problems[0]


def test_ids_are_unique_across_labels(make_model):
    text = GOOD_NODE.replace("id: test-forum", "id: kommune-viborg")
    problems = "\n".join(problems_of(make_model({"t.yaml": text})))
    assert "duplicate id 'kommune-viborg' (first defined at" in problems


def test_a_file_that_says_it_is_empty_is_accepted(make_model):
    empty = '# Nothing of document 004 is modelled here yet: it is being reviewed.\ndocument: "004"\nempty: true\n'
    model = load_model(make_model({"t.yaml": GOOD_NODE, "later.yaml": empty}))
    assert "test-forum" in {n["id"] for n in model.nodes}


def test_the_real_models_aliases_stay_within_the_bound():
    """doc-003 shares quotes and paraphrases through aliases; the bound leaves room for them."""
    for path in sorted((MODEL / "facts").glob("*.yaml")):
        loader = LineLoader(path.read_text(encoding="utf-8"))
        try:
            assert _alias_problem(loader.get_single_node()) is None, path.name
        finally:
            loader.dispose()
    assert MAX_ALIAS_EXPANSION == 10_000


def _alias_bomb(levels: int = 10, width: int = 20) -> str:
    names = "abcdefghijklmnop"
    lines = ["a: &a [" + ", ".join(['"lol"'] * width) + "]"]
    lines += [
        f"{names[i]}: &{names[i]} [" + ", ".join([f"*{names[i - 1]}"] * width) + "]" for i in range(1, levels)
    ]
    lines.append(f"nodes: *{names[levels - 1]}")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_once(make_model):
    """A 1 KB "billion laughs" file (20^10 entries once expanded) is one problem, found in
    milliseconds and a few hundred KB, before anything walks the expansion."""
    root = make_model({"t.yaml": GOOD_NODE, "bomb.yaml": _alias_bomb()})
    bomb = root / "facts" / "bomb.yaml"
    assert 800 <= bomb.stat().st_size <= 1100
    problems = Problems(root)
    tracemalloc.start()
    try:
        started = time.perf_counter()
        data = read_yaml(bomb, problems)
        took = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data is None
    assert took < 0.5, f"{took:.2f} s"
    assert peak < 3_000_000, f"{peak / 1e6:.1f} MB"
    assert (
        len(problems.problems) == 1
        and "bomb.yaml: its aliases (*name) would expand to" in problems.problems[0]
    )
    assert "(at most 10,000)" in problems.problems[0]
    r = run_cli("validate", "--model", str(root))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "bomb.yaml: its aliases" in r.stderr and "invalid: 1 problem" in r.stderr


# --------------------------------------------------------------------------------------------
# files the user may not read: one line naming the file, the graph untouched


def _outcome(root) -> list[str]:
    """load_model's verdict on ``root`` as lines: its problems, 'VALID', 'ERROR: …' or 'CRASH: …'."""
    try:
        load_model(root)
    except ModelInvalid as e:
        return list(e.problems) or ["ModelInvalid without problems"]
    except ModelError as e:
        return [f"ERROR: {e}"]
    except BaseException:
        return ["CRASH: " + traceback.format_exc()]
    return ["VALID"]


def _outcome_as_another_user(root) -> list[str]:
    """The outcome as a user file modes apply to. Root reads every file whatever its mode, so as
    root (CI) a forked child drops to the unprivileged uid 65534 first."""
    if os.geteuid() != 0:
        return _outcome(root)
    import jsonschema  # noqa: F401  (imported here: the child may not reach root's own folders)

    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(r)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            out = _outcome(root)
        except BaseException as e:
            out = [f"CRASH in the child: {e!r}"]
        os.write(w, json.dumps(out).encode())
        os._exit(0)
    os.close(w)
    chunks = []
    while chunk := os.read(r, 1 << 16):
        chunks.append(chunk)
    os.close(r)
    os.waitpid(pid, 0)
    return json.loads(b"".join(chunks))


UNREADABLE = {
    "a fact file": ("facts/doc-002.yaml", 0o000, "doc-002.yaml: cannot read the file (permission denied)"),
    "the facts folder": ("facts", 0o311, "facts: cannot list the facts folder (permission denied)"),
    "a source document": (
        "sources/004_0fc053f625e0d2f3.txt",
        0o000,
        "004_0fc053f625e0d2f3.txt: cannot read document '004' (004_0fc053f625e0d2f3.txt) (permission denied)",
    ),
    "the sources folder": ("sources", 0o000, "sources: cannot list the sources folder (permission denied)"),
    "schema.yaml": ("schema.yaml", 0o000, "schema.yaml: cannot read the file (permission denied)"),
    "sources.yaml": ("sources.yaml", 0o000, "sources.yaml: cannot read the file (permission denied)"),
    "offices.yaml": ("offices.yaml", 0o000, "offices.yaml: cannot read the file (permission denied)"),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_an_unreadable_file_is_one_problem(case):
    name, mode, expected = UNREADABLE[case]
    base = Path(tempfile.mkdtemp(prefix="sundhedsgraf-perm-"))
    try:
        base.chmod(0o755)  # reachable by the unprivileged child
        root = base / "model"
        shutil.copytree(MODEL, root)
        for p in [root, *root.rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)
        (root / name).chmod(mode)
        problems = _outcome_as_another_user(root)
    finally:
        for p in [base, *base.rglob("*")]:
            if not p.is_symlink():
                os.chmod(p, 0o755)
        shutil.rmtree(base)
    assert len(problems) == 1, problems  # no cascade from what the file would have defined
    assert expected in problems[0], problems
    assert "chmod" in problems[0]
