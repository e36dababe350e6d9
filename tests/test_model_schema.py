"""The Schema object and the facts JSON Schema: committed, named by every facts file, and every
malformed input a one-line validate problem with a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from conftest import MODEL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sundhedsgraf import analysis
from sundhedsgraf.cli import main
from sundhedsgraf.errors import ModelInvalid
from sundhedsgraf.jsoncheck import compile_check
from sundhedsgraf.model import Model, load_model
from sundhedsgraf.schema import (
    FACTS_SCHEMA_FILE,
    SCHEMA_LINE,
    Schema,
    json_schema,
    json_schema_text,
)

GOOD = """
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
QUOTE = '    sources:\n      - quote: "KOSU mødes fire gange om året"\n'


_GAP = (
    """gaps:
  - id: gap-x
    gap_type: unknown
    name: Who?
    description: Nobody knows.
    concerns: [test-forum]
"""
    + QUOTE
)


def _rule(check: str) -> str:
    return (
        GOOD
        + f"""
rules:
  - id: rule-x
    name: A rule
    description: Something.
    applies_to: [test-forum]
    check: {check}
{QUOTE}"""
    )


def validate(root) -> tuple[int, list[str], str]:
    r = CliRunner().invoke(main, ["validate", "--model", str(root)])
    out = r.output + (r.stderr if r.stderr_bytes is not None else "")
    assert not isinstance(r.exception, Exception) or isinstance(r.exception, SystemExit), r.exc_info
    assert "Traceback" not in out
    return r.exit_code, [line for line in r.stderr.splitlines() if not line.startswith("invalid:")], out


# --------------------------------------------------------------------------------------------
# the committed schema and the $schema lines


def test_committed_json_schema_is_the_generated_one():
    committed = (MODEL / FACTS_SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == json_schema_text(), (
        "model/facts.schema.json is stale: regenerate it with "
        'python -c "from sundhedsgraf.schema import json_schema_text; '
        "open('model/facts.schema.json','w').write(json_schema_text())\""
    )


def test_generated_schema_is_a_valid_draft7_schema():
    jsonschema.Draft7Validator.check_schema(json_schema())


@pytest.mark.parametrize("fact_file", sorted(p.name for p in (MODEL / "facts").glob("*.yaml")))
def test_each_facts_file_names_the_schema(fact_file):
    first = (MODEL / "facts" / fact_file).read_text(encoding="utf-8").splitlines()[0]
    assert first == SCHEMA_LINE


@pytest.mark.parametrize("fact_file", sorted(p.name for p in (MODEL / "facts").glob("*.yaml")))
def test_each_real_facts_file_is_valid_against_the_json_schema(fact_file):
    data = yaml.safe_load((MODEL / "facts" / fact_file).read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as text, as the editor sees them
    errors = list(jsonschema.Draft7Validator(json_schema()).iter_errors(data))
    assert not errors, [e.message for e in errors[:5]]


def test_schema_answers():
    schema = Schema.read(MODEL / "schema.yaml", _Sink())
    assert "Forum" in schema.labels and "MEMBER_OF" in schema.relationship_types
    assert schema["labels"] is schema["labels"] and "labels" in schema  # the mapping of the YAML
    assert "status" in schema.node_properties("Forum") and "forum_type" in schema.node_properties("Forum")
    assert "role" in schema.relationship_properties("MEMBER_OF")
    starts, ends = schema.endpoints("HOLDS_OFFICE_IN")
    assert starts == ("Office",) and "Municipality" in ends
    assert schema.allows("HOLDS_OFFICE_IN", "Office", "Municipality")
    assert not schema.allows("HOLDS_OFFICE_IN", "Forum", "Municipality")
    assert schema.meta_labels == {"Gap", "Rule"}


class _Sink:
    def add(self, path, line, msg):
        raise AssertionError(f"{path}:{line}: {msg}")


def test_the_loaded_model_carries_the_schema_object(model):
    assert isinstance(model.schema, Schema)


# --------------------------------------------------------------------------------------------
# malformed facts: one line each, exit 1, no traceback

BROKEN_FACTS = {
    "label given as a list": (
        GOOD.replace("label: Forum", "label: [Forum, Office]"),
        ["t.yaml:4:", "node 'test-forum': 'label' must be text, not a list"],
    ),
    "relationship type given as a list": (
        GOOD
        + f"""
relationships:
  - type: [REPORTS_TO]
    start: test-forum
    end: kosu
    status: active
{QUOTE}""",
        ["t.yaml:13:", "'type' must be text, not a list"],
    ),
    "integer key in a node": (
        GOOD.replace("    status: active\n", "    status: active\n    1: x\n"),
        ["t.yaml:4:", "key 1 (a number) is not text"],
    ),
    "null key in a node": (
        GOOD.replace("    status: active\n", "    status: active\n    null: x\n"),
        ["t.yaml:4:", "key empty (null) is not text"],
    ),
    "yes key in a node": (
        GOOD.replace("    status: active\n", "    status: active\n    yes: x\n"),
        ["t.yaml:4:", "key true (a boolean) is not text", "yes/no/on/off"],
    ),
    "rule bodies a number": (
        _rule("{kind: seats_per_body, forum: test-forum, bodies: 3, seats: 2}"),
        ["t.yaml:17:", "rule 'rule-x': check 'bodies' must be a list, not 3"],
    ),
    "rule check a string": (
        _rule("seats_per_body"),
        ["t.yaml:13:", "rule 'rule-x': check must be a mapping (key: value), not 'seats_per_body'"],
    ),
    "rule check missing bodies": (
        _rule("{kind: seats_per_body, forum: test-forum, seats: 2}"),
        ["t.yaml:17:", "check of kind 'seats_per_body' needs 'bodies'"],
    ),
    "one_per_body missing forum": (
        _rule("{kind: one_per_body, bodies: [kosu]}"),
        ["check of kind 'one_per_body' needs 'forum'"],
    ),
    "same_municipality side without role": (
        _rule("{kind: same_municipality, a: {forum: kosu}, b: {member: kosu-formand}}"),
        ["rule 'rule-x': check 'a'", "{member: ID} or {forum: ID, role: ROLE}"],
    ),
    "composition expect not a list": (
        _rule("{kind: composition, forum: kosu, expect: {member: kosu-formand}}"),
        ["check 'expect' must be a list"],
    ),
    "group_sizes min as text": (
        _rule("{kind: group_sizes, bodies: [kosu], min: two}"),
        ["check 'min' must be a whole number, not 'two'"],
    ),
    "check with an unknown key": (
        _rule("{kind: one_per_body, forum: kosu, bodies: [kosu], seat: 1}"),
        ["unknown key 'seat'"],
    ),
    "node entry a string": (GOOD + "  - just-a-name\n", ["node 2 of 'nodes' must be a mapping"]),
    "nodes a mapping": ('document: "004"\nnodes:\n  id: x\n', ["'nodes' must be a list"]),
    "source a string": (
        GOOD.replace(
            '      - quote: "KOSU mødes fire gange om året"', '      - "KOSU mødes fire gange om året"'
        ),
        ["node 'test-forum': source item 1 must be a mapping"],
    ),
    "endpoint a number": (
        GOOD
        + f"""
relationships:
  - type: REPORTS_TO
    start: test-forum
    end: 42
    status: active
{QUOTE}""",
        ["'end' is 42 (a number); write a node id"],
    ),
    "count as text": (
        GOOD.replace("status: active", "status: active\n    count: many"),
        ["node 'test-forum': property 'count' must be a whole number, not 'many'"],
    ),
    "unknown top-level key": (
        GOOD + "nodse: []\n",
        ["unknown top-level key 'nodse'", "Did you mean 'nodes'"],
    ),
    "document unquoted number": (
        GOOD.replace('document: "004"', "document: 4"),
        ["'document' must be text, not 4 (a number); quote it"],
    ),
    "defaults a list": (
        GOOD.replace('document: "004"', 'document: "004"\ndefaults: [status]'),
        ["'defaults' must be a mapping"],
    ),
    "extends given as a list": (
        GOOD + "  - extends: [kosu]\n" + QUOTE,
        ["t.yaml:11:", "'extends' must be text, not a list; give one value, not a list"],
    ),
    "meetings per year below zero": (
        GOOD.replace("    status: active\n", "    status: active\n    meetings_per_year: -3\n"),
        ["t.yaml:4:", "property 'meetings_per_year' is -3; it must be at least 0"],
    ),
    "meetings per year beyond a year's days": (
        GOOD.replace(
            "    status: active\n", "    status: active\n    meetings_per_year: 100000000000000000000\n"
        ),
        ["t.yaml:4:", "property 'meetings_per_year' is 100000000000000000000; it must be at most 365"],
    ),
    "meetings per year a fraction": (
        GOOD.replace("    status: active\n", "    status: active\n    meetings_per_year: 4.5\n"),
        ["property 'meetings_per_year' must be a whole number, not 4.5"],
    ),
    "meetings per year not a number": (
        GOOD.replace("    status: active\n", "    status: active\n    meetings_per_year: .nan\n"),
        ["property 'meetings_per_year' must be a whole number, not nan"],
    ),
    "meetings range upside down": (
        GOOD.replace(
            "    status: active\n",
            "    status: active\n    meetings_per_year: 5\n    meetings_per_year_max: 4\n",
        ),
        ["t.yaml:4:", "meetings_per_year_max 4 is below meetings_per_year 5"],
    ),
    "meetings range upside down on extends": (
        GOOD + "  - extends: kosu\n    meetings_per_year: 5\n    meetings_per_year_max: 4\n" + QUOTE,
        ["t.yaml:11:", "extends 'kosu': meetings_per_year_max 4 is below meetings_per_year 5"],
    ),
    "a whole number beyond 64 bits": (
        GOOD.replace("    status: active\n", "    status: active\n    count: 9223372036854775808\n"),
        [
            "t.yaml:4:",
            "is 9223372036854775808; it must be at most 9223372036854775807 (the largest whole number",
        ],
    ),
    "a key given twice": (
        GOOD.replace("    status: active\n", "    status: active\n    name: Another\n"),
        ["t.yaml:9:", "key 'name' is given twice in one entry (first on line 6)"],
    ),
    "meetings check range upside down": (
        _rule("{kind: meetings, forum: test-forum, meetings_per_year: 6, meetings_per_year_max: 4}"),
        ["t.yaml:13:", "rule 'rule-x': check: meetings_per_year_max 4 is below meetings_per_year 6"],
    ),
    "meetings check beyond a year": (
        _rule("{kind: meetings, forum: test-forum, meetings_per_year: 400}"),
        ["check 'meetings_per_year' is 400; it must be at most 365"],
    ),
    "group sizes upside down": (
        _rule("{kind: group_sizes, bodies: [kosu], min: 4, max: 2}"),
        ["rule 'rule-x': check 'max' 2 is below 'min' 4"],
    ),
    "a rule with a node's id": (
        _rule("{kind: one_per_body, forum: kosu, bodies: [kosu]}").replace("id: rule-x", "id: test-forum"),
        ["t.yaml:13:", "duplicate id 'test-forum' (first defined at", "rename the rule"],
    ),
    "a rule with a gap's id": (
        GOOD
        + _GAP
        + _rule("{kind: one_per_body, forum: kosu, bodies: [kosu]}").replace("id: rule-x", "id: gap-x")[
            len(GOOD) :
        ],
        ["duplicate id 'gap-x'", "rename the rule"],
    ),
    "an office id taken by a forum": (
        GOOD.replace("id: test-forum", "id: sundhedsdirektoer-viborg")
        + f"""
relationships:
  - type: MEMBER_OF
    start: {{office: sundhedsdirektoer, municipality: kommune-viborg}}
    end: kosu
    role: medlem
    status: active
{QUOTE}""",
        ["would be node 'sundhedsdirektoer-viborg', but that id is a Forum defined at", "rename that node"],
    ),
    "an alias that contains itself": (
        'document: "004"\nnodes: &all\n  - *all\n',
        ["t.yaml:2:", "an alias (*name) refers to the entry that contains it"],
    ),
    "empty: true with facts": (
        GOOD + "empty: true\n",
        ["the file says empty: true but states 1 fact(s); remove 'empty: true'"],
    ),
    "no facts but empty lists": (
        'document: "004"\nnodes: []\nrelationships: []\n',
        ["t.yaml:1:", "the file states no facts", "'empty: true'"],
    ),
    "empty not a boolean": (
        'document: "004"\nempty: "yes"\n',
        ["'empty' must be true or false, not 'yes'"],
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN_FACTS))
def test_malformed_facts_are_one_line_problems(make_model, case):
    text, expected = BROKEN_FACTS[case]
    code, problems, out = validate(make_model({"t.yaml": text}))
    assert code == 1, out
    joined = "\n".join(problems)
    for fragment in expected:
        assert fragment in joined, f"{case}: expected {fragment!r} in:\n{joined}"
    assert problems and all(p.count("\n") == 0 and ("t.yaml" in p) for p in problems), problems


def test_a_malformed_node_does_not_cascade(make_model):
    text = (
        GOOD.replace("label: Forum", "label: [Forum]")
        + f"""
relationships:
  - type: REPORTS_TO
    start: test-forum
    end: kosu
    status: active
{QUOTE}"""
    )
    code, problems, _ = validate(make_model({"t.yaml": text}))
    assert code == 1 and len(problems) == 1, problems


def _break_file(root, name, text=None, data=None):
    (root / name).write_bytes(data if data is not None else text.encode("utf-8"))
    return root


BROKEN_FILES = {
    "offices.yaml as a list": (
        lambda r: _break_file(r, "offices.yaml", "- borgmester\n- sundhedsdirektoer\n"),
        ["offices.yaml", "must be a mapping"],
    ),
    "office type without title": (
        lambda r: _break_file(r, "offices.yaml", "office_types:\n  x: {office_level: political}\n"),
        ["offices.yaml:2:", "needs 'title'"],
    ),
    "sources.yaml entry a string": (
        lambda r: _break_file(
            r, "sources.yaml", (MODEL / "sources.yaml").read_text(encoding="utf-8") + '  - "005"\n'
        ),
        ["sources.yaml", "must be a mapping"],
    ),
    "sources.yaml id unquoted": (
        lambda r: _break_file(
            r,
            "sources.yaml",
            (MODEL / "sources.yaml").read_text(encoding="utf-8").replace('id: "004"', "id: 4"),
        ),
        ["'id' must be text, not 4"],
    ),
    "source document not UTF-8": (
        lambda r: _break_file(r, "sources/004_0fc053f625e0d2f3.txt", data=b"KOSU m\xf8des\n"),
        ["document '004'", "not UTF-8 text", "save it as UTF-8"],
    ),
    "schema property spec a string": (
        lambda r: _break_file(
            r,
            "schema.yaml",
            (MODEL / "schema.yaml")
            .read_text(encoding="utf-8")
            .replace(
                "      level:\n        type: enum\n", "      level: enum\n      x:\n        type: enum\n", 1
            ),
        ),
        ["schema.yaml", "'level' must be a mapping (key: value), not 'enum'"],
    ),
    "schema types a list": (
        lambda r: _break_file(
            r,
            "schema.yaml",
            (MODEL / "schema.yaml")
            .read_text(encoding="utf-8")
            .replace("relationship_types:\n", "relationship_types: [MEMBER_OF]\nold_types:\n", 1),
        ),
        ["schema.yaml", "'relationship_types' must be a mapping"],
    ),
    "schema enum without values": (
        lambda r: _break_file(
            r,
            "schema.yaml",
            (MODEL / "schema.yaml")
            .read_text(encoding="utf-8")
            .replace("    values: [planned, active, abolished]\n", "", 1),
        ),
        ["schema.yaml", "property 'status' is an enum without 'values'"],
    ),
    "schema unknown property type": (
        lambda r: _break_file(
            r,
            "schema.yaml",
            (MODEL / "schema.yaml").read_text(encoding="utf-8").replace("type: boolean", "type: bool", 1),
        ),
        ["schema.yaml", "'bool', not one of"],
    ),
    "facts file not UTF-8": (
        lambda r: _break_file(r, "facts/t.yaml", data=b'document: "004"\nnodes: [\xff]\n'),
        ["t.yaml", "not UTF-8 text"],
    ),
    "facts file in Latin-1": (
        lambda r: _break_file(r, "facts/t.yaml", data=GOOD.encode("latin-1")),
        ["t.yaml: the file is not UTF-8 text", "save it as UTF-8"],
    ),
    "facts file emptied": (
        lambda r: _break_file(r, "facts/t.yaml", ""),
        ["t.yaml: the file states no facts", "'empty: true'"],
    ),
    "facts file with only comments": (
        lambda r: _break_file(r, "facts/t.yaml", "# everything was here\n\n"),
        ["t.yaml: the file states no facts"],
    ),
    "a .yml file among the facts": (
        lambda r: _break_file(r, "facts/more.yml", GOOD),
        ["more.yml: this file is not read: fact files end in .yaml"],
    ),
    "fact files that link to each other": (
        lambda r: _link(r, {"facts/a.yaml": "b.yaml", "facts/b.yaml": "a.yaml"}),
        ["a.yaml: the file is a symbolic link that loops back on itself", "b.yaml: the file is a symbolic"],
    ),
    "facts folder a link to itself": (
        lambda r: _link(r, {"facts": "facts"}),
        ["facts: the facts folder is a symbolic link that loops back on itself"],
    ),
    "a folder among the fact files": (
        lambda r: (r / "facts" / "sub.yaml").mkdir() or r,
        ["sub.yaml: the file is a folder, not a file"],
    ),
    "a folder loop below facts": (  # facts/ is not read recursively: no problem of its own
        lambda r: _link(r, {"facts/up": ".."}) and _break_file(r, "facts/t.yaml", ""),
        ["t.yaml: the file states no facts"],
    ),
    "sources folder a link to itself": (
        lambda r: _link(r, {"sources": "sources"}),
        ["sources: the sources folder is a symbolic link that loops back on itself"],
    ),
    "source document a link to itself": (
        lambda r: _link(r, {"sources/004_0fc053f625e0d2f3.txt": "004_0fc053f625e0d2f3.txt"}),
        ["document '004' (004_0fc053f625e0d2f3.txt) is a symbolic link that loops back on itself"],
    ),
    "schema.yaml a link to itself": (
        lambda r: _link(r, {"schema.yaml": "schema.yaml"}),
        ["schema.yaml: the file is a symbolic link that loops back on itself"],
    ),
    "schema.yaml emptied": (
        lambda r: _break_file(r, "schema.yaml", "# nothing\n"),
        ["schema.yaml: schema.yaml holds nothing"],
    ),
    "sources.yaml emptied": (
        lambda r: _break_file(r, "sources.yaml", ""),
        ["sources.yaml: sources.yaml holds nothing"],
    ),
    "offices.yaml emptied": (
        lambda r: _break_file(r, "offices.yaml", ""),
        ["offices.yaml: offices.yaml holds nothing"],
    ),
    "sources.yaml date not in the calendar": (
        lambda r: _break_file(
            r,
            "sources.yaml",
            (MODEL / "sources.yaml")
            .read_text(encoding="utf-8")
            .replace("date: 2015-01-26", "date: 2015-02-30"),
        ),
        ["sources.yaml:", "document '002': 'date' 2015-02-30 is not a date of the calendar"],
    ),
    "sources.yaml attested_until before attested": (
        lambda r: _break_file(
            r,
            "sources.yaml",
            (MODEL / "sources.yaml")
            .read_text(encoding="utf-8")
            .replace("attested_until: 2029-12-31", "attested_until: 2020-12-31"),
        ),
        ["document '000': attested_until 2020-12-31 is before the date it is attested on (2026-01-01)"],
    ),
    "sources.yaml id twice": (
        lambda r: _break_file(
            r,
            "sources.yaml",
            (MODEL / "sources.yaml").read_text(encoding="utf-8").replace('id: "003"', 'id: "002"'),
        ),
        ["document id '002' is listed twice (first on line"],
    ),
    "sources.yaml file a path": (
        lambda r: _break_file(
            r,
            "sources.yaml",
            (MODEL / "sources.yaml")
            .read_text(encoding="utf-8")
            .replace("file: 004_0fc053f625e0d2f3.txt", "file: ../schema.yaml"),
        ),
        ["document '004': file '../schema.yaml' must be a file name in model/sources/, not a path"],
    ),
    "schema bound on a text property": (
        lambda r: _break_file(
            r,
            "schema.yaml",
            (MODEL / "schema.yaml")
            .read_text(encoding="utf-8")
            .replace(
                "code: {type: string, required: true,", "code: {type: string, minimum: 3, required: true,"
            ),
        ),
        ["property 'code' is of type string, which has no minimum"],
    ),
    "schema default of the wrong type": (
        lambda r: _break_file(
            r,
            "schema.yaml",
            (MODEL / "schema.yaml")
            .read_text(encoding="utf-8")
            .replace(
                "meetings_per_year: {type: integer,", "meetings_per_year: {type: integer, default: many,"
            ),
        ),
        ["property 'meetings_per_year' defaults to 'many', which is not a valid integer"],
    ),
    "schema without the Rule label": (
        lambda r: (
            _break_file(
                r,
                "schema.yaml",
                (MODEL / "schema.yaml")
                .read_text(encoding="utf-8")
                .replace("\n  Rule:\n", "\n  Ruling:\n", 1),
            )
            and _break_file(r, "facts/t.yaml", _rule("{kind: one_per_body, forum: kosu, bodies: [kosu]}"))
        ),
        ["entries of 'rules:' become Rule nodes, but model/schema.yaml defines no label 'Rule'"],
    ),
    "schema without the Gap label": (
        lambda r: (
            _break_file(
                r,
                "schema.yaml",
                _drop_label((MODEL / "schema.yaml").read_text(encoding="utf-8"), "Gap", "CONCERNS"),
            )
            and _break_file(r, "facts/t.yaml", GOOD + _GAP)
        ),
        ["entries of 'gaps:' become Gap nodes, but model/schema.yaml defines no label 'Gap'"],
    ),
}


def _link(root, links: dict[str, str]):
    """Replace each path with a symbolic link to the given target."""
    for name, target in links.items():
        path = root / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target)
    return root


def _drop_label(text: str, *names: str) -> str:
    """schema.yaml without the given labels / relationship types (and without mention of them)."""
    data = yaml.safe_load(text)
    for name in names:
        data["labels"].pop(name, None)
        data["relationship_types"].pop(name, None)
        for group in ("labels", "relationship_types"):
            for spec in data[group].values():
                for side in ("from", "to"):
                    if name in (spec.get(side) or []):
                        spec[side].remove(name)
                for prop in (spec.get("properties") or {}).values():
                    if name in (prop.get("to") or []):
                        prop["to"].remove(name)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("case", sorted(BROKEN_FILES))
def test_malformed_model_files_are_one_line_problems(make_model, case):
    breaker, expected = BROKEN_FILES[case]
    root = breaker(make_model({"t.yaml": GOOD}))
    code, problems, out = validate(root)
    assert code == 1, out
    joined = "\n".join(problems)
    for fragment in expected:
        assert fragment in joined, f"{case}: expected {fragment!r} in:\n{joined}"
    assert all("\n" not in p for p in problems)


# --------------------------------------------------------------------------------------------
# random input: the fast check agrees with jsonschema; nothing malformed crashes validate or rules

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 30),
    st.sampled_from([365, 366, 2**63 - 1, 2**63, 4.5, float("nan"), float("inf")]),
    st.sampled_from(
        [
            "",
            "x",
            "kosu",
            "test-forum",
            "Forum",
            "MEMBER_OF",
            "active",
            "2026-01-01",
            "2026-02-30",
            "https://x.dk",
            "seats_per_body",
            "composition",
            "same_municipality",
            "medlem",
            "formand",
            "kommune-viborg",
            "region-midtjylland",
        ]
    ),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "label",
                    "name",
                    "type",
                    "start",
                    "end",
                    "kind",
                    "forum",
                    "bodies",
                    "seats",
                    "a",
                    "b",
                    "member",
                    "role",
                    "expect",
                    "sources",
                    "quote",
                    "url",
                    "status",
                    "office",
                    "municipality",
                    "municipalities",
                    "count",
                    "x",
                ]
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(section=st.sampled_from(["nodes", "relationships", "gaps", "rules"]), entry=_values)
def test_fast_check_agrees_with_jsonschema(section, entry):
    schema = json_schema()
    data = {"document": "004", section: [entry]}
    assert compile_check(schema)(data) == jsonschema.Draft7Validator(schema).is_valid(data)


_BASE_RULE = {
    "id": "rule-x",
    "name": "A rule",
    "applies_to": ["test-forum"],
    "check": {"kind": "seats_per_body", "forum": "test-forum", "bodies": ["kosu"], "seats": 2},
    "sources": [{"quote": "KOSU mødes fire gange om året"}],
}
_BASE_REL = {
    "type": "MEMBER_OF",
    "start": "kosu-formand",
    "end": "test-forum",
    "role": "medlem",
    "status": "active",
    "sources": [{"quote": "KOSU mødes fire gange om året"}],
}


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "model"
    root.mkdir()
    for name in ("schema.yaml", "sources.yaml", "offices.yaml"):
        shutil.copy(MODEL / name, root / name)
    shutil.copytree(MODEL / "sources", root / "sources")
    (root / "facts").mkdir()
    for name in ("reference.yaml", "common.yaml"):
        shutil.copy(MODEL / "facts" / name, root / "facts" / name)
    return root


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    where=st.sampled_from(["rule", "check", "rel", "node"]),
    key=st.sampled_from(
        [
            "kind",
            "forum",
            "bodies",
            "seats",
            "a",
            "b",
            "expect",
            "min",
            "at",
            "start",
            "end",
            "type",
            "role",
            "label",
            "id",
            "sources",
            "in",
            "part_of",
            "status",
        ]
    ),
    value=_values,
)
def test_no_malformed_entry_crashes_validate_or_the_rules(fuzz_root, where, key, value):
    rule = json.loads(json.dumps(_BASE_RULE))
    rel = dict(_BASE_REL)
    node = yaml.safe_load(GOOD)["nodes"][0]
    target = {"rule": rule, "check": rule["check"], "rel": rel, "node": node}[where]
    target[key] = value
    facts = {"document": "004", "nodes": [node], "relationships": [rel], "rules": [rule]}
    (fuzz_root / "facts" / "t.yaml").write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
    try:
        model = load_model(fuzz_root)
    except ModelInvalid as e:
        assert e.problems and all("\n" not in p for p in e.problems)
        return
    assert isinstance(model, Model)
    analysis.rules(model, as_of="2026-06-01")  # whatever validate passed, a check can run
