"""The real model: quotes, sources, municipalities, group expansions, gaps, export round-trip."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import networkx as nx
import pytest
import yaml
from conftest import MODEL, PROJECT

FACT_FILES = sorted(p.name for p in (MODEL / "facts").glob("*.yaml"))
SEEDS = PROJECT.parent / "shared" / "seeds"


def _docs() -> dict[str, str]:
    reg = yaml.safe_load((MODEL / "sources.yaml").read_text(encoding="utf-8"))["documents"]
    return {
        str(d["id"]): re.sub(r"\s+", " ", (MODEL / "sources" / d["file"]).read_text(encoding="utf-8"))
        for d in reg
    }


def _walk_sources(obj, doc):
    """Yield (document, quote) for every quote in a raw fact file, independent of the compiler."""
    if isinstance(obj, dict):
        if "quote" in obj and "url" not in obj:
            yield str(obj.get("document", doc)), obj["quote"]
        for v in obj.values():
            yield from _walk_sources(v, doc)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk_sources(v, doc)


def test_source_copies_are_byte_identical():
    reg = yaml.safe_load((MODEL / "sources.yaml").read_text(encoding="utf-8"))["documents"]
    assert len(reg) == 5
    for d in reg:
        copy = (MODEL / "sources" / d["file"]).read_bytes()
        if SEEDS.is_dir():
            assert copy == (SEEDS / d["file"]).read_bytes(), d["file"]
        assert {"id", "title", "date", "region", "file"} <= set(d)


@pytest.mark.parametrize("fact_file", FACT_FILES)
def test_every_quote_is_found_in_its_document(fact_file):
    docs = _docs()
    raw = yaml.safe_load((MODEL / "facts" / fact_file).read_text(encoding="utf-8"))
    doc = None if raw.get("document") is None else str(raw["document"])
    quotes = list(_walk_sources(raw, doc))
    missing = [(d, q) for d, q in quotes if re.sub(r"\s+", " ", q).strip() not in docs.get(d, "")]
    assert not missing, missing[:5]
    if doc is not None:
        assert quotes, f"{fact_file} quotes nothing"


@pytest.mark.parametrize("fact_file", FACT_FILES)
def test_every_entry_of_every_fact_file_has_sources(fact_file):
    raw = yaml.safe_load((MODEL / "facts" / fact_file).read_text(encoding="utf-8"))
    for section in ("nodes", "relationships", "gaps", "rules"):
        for entry in raw.get(section) or []:
            assert entry.get("sources"), (
                fact_file,
                section,
                entry.get("id") or entry.get("extends") or entry,
            )


def test_every_compiled_node_and_relationship_has_a_source(model):
    for item in model.nodes + model.relationships:
        assert item["sources"], item["id"]
        for s in item["sources"]:
            assert ("document" in s and s["quote"]) or s.get("url", "").startswith("http"), (item["id"], s)


def test_everything_has_status_and_valid_dates(model):
    for item in model.nodes + model.relationships:
        p = item["properties"]
        assert p.get("status") in ("planned", "active", "abolished"), item["id"]
        for k in ("valid_from", "valid_to"):
            if k in p:
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", p[k]), (item["id"], k, p[k])


def test_all_30_municipalities_with_official_codes(model):
    ref = PROJECT.parent / "shared" / "reference" / "municipalities.csv"
    expected = {}
    if ref.is_file():
        for r in csv.DictReader(ref.open(encoding="utf-8")):
            expected[r["kommune"]] = (r["kommunekode"], r["region"])
    else:  # the shared folder is not beside the clone: check the codes we know
        expected = {
            "Viborg": ("791", "Region Midtjylland"),
            "Samsø": ("741", "Region Midtjylland"),
            "Aalborg": ("851", "Region Nordjylland"),
            "Læsø": ("825", "Region Nordjylland"),
        }
    munis = {n["properties"]["short_name"]: n for n in model.nodes if n["labels"] == ["Municipality"]}
    assert len(munis) == 30
    assert sum(1 for m in munis.values() if m["properties"]["region"] == "region-midtjylland") == 19
    assert sum(1 for m in munis.values() if m["properties"]["region"] == "region-nordjylland") == 11
    regions = {"Region Midtjylland": "region-midtjylland", "Region Nordjylland": "region-nordjylland"}
    for name, (code, region) in expected.items():
        assert munis[name]["properties"]["code"] == code, name
        assert munis[name]["properties"]["region"] == regions[region], name
        assert any(s.get("url", "").startswith("https://") for s in munis[name]["sources"])
    assert len({m["properties"]["code"] for m in munis.values()}) == 30


def _members(model, forum, *, role=None, office_type=None, at=None):
    nodes = {n["id"]: n for n in model.nodes}
    out = []
    for r in model.relationships:
        p = r["properties"]
        if r["type"] != "MEMBER_OF" or r["end"] != forum:
            continue
        if role and p.get("role") != role:
            continue
        if office_type and nodes[r["start"]]["properties"].get("office_type") != office_type:
            continue
        if at and not (p.get("valid_from", "0000") <= at <= p.get("valid_to", "9999")):
            continue
        out.append(r)
    return out


@pytest.mark.parametrize(
    "forum,office_type,at,count",
    [
        (
            "kosu",
            "sundhedsdirektoer",
            "2026-06-01",
            19,
        ),  # 000: KOSU formand og de 19 kommunale sundhedsdirektører
        ("kosu", "sundhedsdirektoer", "2024-01-01", 19),  # 004: udvides til ... alle 19 midtjyske kommuner
        ("kkr-midtjylland", "borgmester", "2024-01-01", 19),  # 004: De 19 borgmestre
        ("kd-net", "kommunaldirektoer", "2024-01-01", 19),  # 004: De 19 kommunaldirektører
        ("kkr-nordjylland", "borgmester", "2018-01-01", 11),  # 003: alle borgmestrene i regionen
    ],
)
def test_group_statements_expand_to_one_membership_per_municipality(model, forum, office_type, at, count):
    rels = _members(model, forum, office_type=office_type, at=at)
    behalf = {r["properties"].get("on_behalf_of") for r in rels}
    assert len(behalf) == count, (forum, office_type, sorted(behalf))
    # every expanded membership cites the group statement it came from
    assert all(r["sources"] for r in rels)


def test_ssg_municipal_members_in_2024_are_the_five_acute_hospital_directors_and_the_kosu_chair(model):
    rels = _members(model, "sundhedsstyregruppen", office_type="sundhedsdirektoer", at="2024-01-01")
    assert {r["start"] for r in rels} == {
        f"sundhedsdirektoer-{m}" for m in ("herning", "viborg", "randers", "horsens", "aarhus")
    }
    chair = _members(model, "sundhedsstyregruppen", role="medformand", at="2024-01-01")
    assert "kommunaldirektoer-viborg" in {r["start"] for r in chair}


def test_inferred_facts_are_marked_with_a_basis_and_never_quote_as_stated(model):
    inferred = [
        x for x in model.nodes + model.relationships if x["properties"].get("confidence") == "inferred"
    ]
    assert inferred, "the inferred sundhedsråd membership should be in facts/inferred.yaml"
    for x in inferred:
        assert x["properties"].get("basis"), x["id"]
    # which municipalities form a sundhedsråd is only ever inferred
    for r in model.relationships:
        if (
            r["type"] == "MEMBER_OF"
            and r["end"].startswith("sundhedsraad-")
            and r["start"].startswith("kommune-")
        ):
            assert r["properties"].get("confidence") == "inferred", r["id"]


def test_unknowns_are_recorded_as_gaps(model):
    gaps = [n for n in model.nodes if n["labels"] == ["Gap"]]
    assert len(gaps) >= 10
    concerns = {(r["start"], r["end"]) for r in model.relationships if r["type"] == "CONCERNS"}
    concerned = {e for _, e in concerns}
    # who holds the SKF chair; which municipalities form each sundhedsråd
    assert "skf-formand" in concerned
    assert any(c.startswith("sundhedsraad-") for c in concerned)


def test_dassos_contradiction_is_recorded_with_both_quotes(model):
    gaps = [
        n for n in model.nodes if n["labels"] == ["Gap"] and n["properties"]["gap_type"] == "contradiction"
    ]
    dassos = [
        g
        for g in gaps
        if any(
            r["start"] == g["id"] and r["end"] == "dassos"
            for r in model.relationships
            if r["type"] == "CONCERNS"
        )
    ]
    assert dassos, "the DASSOS composition contradiction in 004 must be a gap"
    quotes = " | ".join(s["quote"] for s in dassos[0]["sources"])
    assert "socialdirektørerne fra alle 19" in quotes and "Alle sundhedsdirektører fra de 19" in quotes
    disputed = [r for r in _members(model, "dassos") if r["properties"].get("disputed")]
    types = {model.node(r["start"])["properties"].get("office_type") for r in disputed}
    assert {"socialdirektoer", "sundhedsdirektoer"} <= types


def test_json_export_round_trips(tmp_path, model):
    out = tmp_path / "model.json"
    r = subprocess.run(
        [sys.executable, "-m", "sundhedsgraf", "export", "--format", "json", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
    )
    assert r.returncode == 0, r.stderr
    assert out.stat().st_mode & 0o044, "an exported file is readable like any other file"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(model.to_json(), ensure_ascii=False))
    assert {"id", "title", "file"} <= set(data["documents"][0])
    assert set(data["nodes"][0]) == {"id", "labels", "name", "properties", "sources"}
    assert {"type", "start", "end", "properties", "sources"} <= set(data["relationships"][0])
    ids = {n["id"] for n in data["nodes"]}
    assert all(r["start"] in ids and r["end"] in ids for r in data["relationships"])


def test_graphml_export_round_trips(tmp_path, model):
    out = tmp_path / "model.graphml"
    r = subprocess.run(
        [sys.executable, "-m", "sundhedsgraf", "export", "--format", "graphml", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
    )
    assert r.returncode == 0, r.stderr
    g = nx.read_graphml(out, force_multigraph=True)
    assert set(g.nodes) == {n["id"] for n in model.nodes}
    assert g.number_of_edges() == len(model.relationships)
    assert g.nodes["kommune-samsoe"]["name"] == "Samsø Kommune"
    assert json.loads(g.nodes["kosu"]["sources"])[0]["quote"]


def test_export_to_unwritable_place_fails_cleanly_and_writes_nothing(tmp_path):
    target = tmp_path / "missing-folder" / "x.json"
    r = subprocess.run(
        [sys.executable, "-m", "sundhedsgraf", "export", "-o", str(target)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
    )
    assert r.returncode != 0 and "Traceback" not in r.stderr and "does not exist" in r.stderr
    assert not target.exists()


def test_networkx_graph_matches_the_model(model):
    g = model.to_networkx()
    assert g.number_of_nodes() == len(model.nodes)
    assert g.number_of_edges() == len(model.relationships)
    assert g.nodes["kosu"]["kind"] == "Forum"


def test_cli_validate_passes_on_the_real_model():
    r = subprocess.run(
        [sys.executable, "-m", "sundhedsgraf", "validate"], capture_output=True, text=True, cwd=PROJECT
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("valid:")
