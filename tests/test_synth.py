"""The synthetic model generator: it validates, is deterministic for a seed, grows
linearly, writes atomically, and the database's answers on it equal the networkx oracle's."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from sundhedsgraf import analysis as A
from sundhedsgraf import synth
from sundhedsgraf.errors import ConfigError
from sundhedsgraf.model import load_model

SMALL = 0.1  # ten municipalities of Region Midtjylland, ten years


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "model"
    report = synth.write_model(out, scale=SMALL, seed=3)
    return out, report, load_model(out)


def test_the_synthetic_model_validates_and_counts_are_what_the_generator_says(small):
    out, report, model = small
    assert (out / "schema.yaml").read_bytes() == (synth.data_dir("model") / "schema.yaml").read_bytes()
    assert (out / "offices.yaml").read_bytes() == (synth.data_dir("model") / "offices.yaml").read_bytes()
    assert report.municipalities == 10 and report.regions == 1
    assert (len(model.nodes), len(model.relationships)) == (report.nodes, report.relationships)
    kinds = {n["labels"][0] for n in model.nodes}
    assert {
        "Region",
        "Municipality",
        "Office",
        "Forum",
        "Organisation",
        "Process",
        "Phase",
        "Milestone",
        "Gap",
    } <= kinds
    types = {r["type"] for r in model.relationships}
    assert {
        "MEMBER_OF",
        "HOLDS_OFFICE_IN",
        "PART_OF",
        "REPORTS_TO",
        "PREPARES_CASES_FOR",
        "SETS_UP",
        "ADVISES",
        "APPOINTS",
        "SECRETARIAT_FOR",
        "REPLACES",
        "RESPONSIBLE_FOR",
        "CONCERNS",
    } <= types


def test_it_is_structurally_realistic(small):
    _, _, model = small
    rels = model.relationships
    roles = {r["properties"].get("role") for r in rels if r["type"] == "MEMBER_OF"}
    assert {"formand", "næstformand", "medformand", "medlem"} <= roles
    years = {r["properties"]["valid_from"][:4] for r in rels if r["properties"].get("valid_from")}
    assert {str(y) for y in synth.YEARS} <= years  # yearly changes over ten years
    ids = {n["id"] for n in model.nodes}
    assert {"kl", "kl-repraesentantskab", "sku-midtjylland", "kosu-midtjylland", "kkr-midtjylland"} <= ids
    assert any(i.startswith("sundhedsraad-") for i in ids) and any(i.startswith("klynge-") for i in ids)
    assert all(f"{key}-viborg" in ids for key in synth.OFFICE_KEYS)  # offices per municipality
    assert any(r["properties"].get("confidence") == "inferred" for r in rels)
    assert any(n["properties"].get("disputed") for n in model.nodes)
    # an office sitting on behalf of a municipality it is not held in (represented's rarest path)
    held = {(r["start"], r["end"]) for r in rels if r["type"] == "HOLDS_OFFICE_IN"}
    assert any(
        r["type"] == "MEMBER_OF"
        and r["properties"].get("on_behalf_of")
        and (r["start"], r["properties"]["on_behalf_of"]) not in held
        and r["start"].startswith("kkr-formand")
        for r in rels
    )


def test_every_quote_is_in_its_synthetic_document(small):
    out, _, model = small
    texts = {
        d["id"]: " ".join((out / "sources" / d["file"]).read_text(encoding="utf-8").split())
        for d in model.documents
    }
    for item in model.relationships[::50] + model.nodes[::10]:
        for s in item["sources"]:
            if "document" in s:
                assert s["quote"] in texts[s["document"]]


def test_deterministic_for_a_seed(tmp_path, small):
    out, _, _ = small
    again = tmp_path / "again"
    synth.write_model(again, scale=SMALL, seed=3)
    assert files(again) == files(out)
    other = tmp_path / "other"
    synth.write_model(other, scale=SMALL, seed=4)
    assert files(other) != files(out)


def test_counts_grow_linearly_with_the_scale():
    counts = {s: synth.generate(s, seed=1) for s in (1, 2, 4)}
    rels = {s: g.n_rels for s, g in counts.items()}
    nodes = {s: g.n_nodes for s, g in counts.items()}
    munis = {s: sum(len(r.munis) for r in g.regions) for s, g in counts.items()}
    assert munis == {1: 98, 2: 196, 4: 392} and len(counts[1].regions) == 5
    for s in (2, 4):
        assert rels[s] / rels[1] == pytest.approx(s, rel=0.01)
        assert nodes[s] / nodes[1] == pytest.approx(s, rel=0.01)
    assert rels[4] >= 100_000  # the benchmark's default scale


def test_refuses_a_non_empty_folder_without_force_and_writes_atomically(tmp_path):
    out = tmp_path / "m"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(ConfigError, match=r"not empty.*--force"):
        synth.write_model(out, scale=0.02, seed=1)
    assert (out / "keep.txt").read_text() == "mine"
    synth.write_model(out, scale=0.02, seed=1, force=True)
    assert not (out / "keep.txt").exists() and (out / "schema.yaml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]  # no temporary folders left beside it
    with pytest.raises(ConfigError, match="positive"):
        synth.write_model(tmp_path / "n", scale=0)


def test_the_cli_writes_a_model(tmp_path):
    from sundhedsgraf.cli import main
    from sundhedsgraf.cli import synth as cli_synth

    if "synth" not in main.commands:
        cli_synth.register(main)
    r = CliRunner().invoke(main, ["synth", "--scale", "0.03", "--out", str(tmp_path / "x"), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["municipalities"] == 3 and data["relationships"] > 0
    r = CliRunner().invoke(main, ["synth", "--scale", "0.03", "--out", str(tmp_path / "x")])
    assert r.exit_code != 0 and "--force" in r.output


@pytest.mark.db
def test_database_answers_on_the_synthetic_model_equal_the_oracle(small, scratch_graph):
    """represented and links, every municipality and random pairs: the optimised queries against
    networkx on a model with the structures the real one lacks (history, rotating chairs, hubs)."""
    from sundhedsgraf.loaders.graph import load_graph
    from sundhedsgraf.questions import Asker

    _, _, model = small
    load_graph(model, scratch_graph, replace=True)
    munis = sorted(n["id"] for n in model.nodes if n["labels"][0] == "Municipality")
    canon = lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False)  # noqa: E731
    for as_of in (synth.AS_OF, "2019-03-01", "2027-06-01"):
        s = A.snapshot(model, as_of)
        q = Asker(scratch_graph, as_of)
        for m in munis:
            assert canon(q.represented(m)) == canon(A.represented(s, m)), (as_of, m)
        rng = random.Random(as_of)
        for a, b in [rng.sample(munis, 2) for _ in range(3)] + [("region-midtjylland", "kl")]:
            assert canon(q.links(a, b)) == canon(A.links(s, a, b)), (as_of, a, b)
    s = A.snapshot(model, synth.AS_OF, include_inferred=True)
    q = Asker(scratch_graph, synth.AS_OF, inferred=True)
    for m in munis[:3]:
        assert canon(q.represented(m)) == canon(A.represented(s, m))
