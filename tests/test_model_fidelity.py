"""The model says what its sources say, in time and in numbers: seats as the documents count them,
periods only where a source gives them (the rest attested and open, with how each row stands on a
date), relation types that mean what the Danish says, inferences marked, cadences per document.
Golden answers on the real model, and the validator's refusals on small broken copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sundhedsgraf.errors import ModelInvalid
from sundhedsgraf.model import load_model
from sundhedsgraf.questions import ask

pytestmark = pytest.mark.db
PROJECT = Path(__file__).resolve().parent.parent


# ---- seats as the documents count them (a chair is a role on a seat)


@pytest.mark.parametrize(
    ("forum", "as_of", "seats"),
    [
        ("skf-midtjylland", "2027-06-01", 10),  # "2 kommunale politikere fra hvert sundhedsråd"
        ("sundhedskoordinationsudvalget-rm", "2024-06-01", 10),  # formand, 5 mayors (Viborg næstformand), 4
        ("kosu", "2024-06-01", 20),  # 19 sundhedsdirektører and the chair
        ("sku-nordjylland", "2017-06-27", 9),  # "5 kommunale politiske medlemmer samt de fire"
    ],
)
def test_seat_counts_equal_the_documents_numbers(real_graph, forum, as_of, seats):
    answer = ask("members", real_graph, as_of, forum=forum)
    assert answer["seat_count"] == seats, [(m["member_id"], m["role"], m["seats"]) for m in answer["members"]]
    chairs = [m for m in answer["members"] if m["role"] in ("formand", "næstformand", "medformand")]
    assert chairs, "the chair(s) are still shown, as roles"


def test_a_chair_holding_a_counted_seat_adds_no_seat(real_graph):
    sku = ask("members", real_graph, "2024-06-01", forum="sundhedskoordinationsudvalget-rm")
    viborg = {m["role"]: m["seats"] for m in sku["members"] if m["member_id"] == "borgmester-viborg"}
    assert viborg == {"medlem": 1, "næstformand": 0}


# ---- time: created and abolished only where a source says so


def test_changes_2021_2022_abolishes_the_three_bodies_and_creates_psykiatriforum(real_graph):
    answer = ask("changes", real_graph, "2022-06-01", date_from="2021-06-01", date_to="2022-06-01")
    fora = answer["fora"]
    abolished = {f["forum_id"] for f in fora["abolished"]}
    assert abolished == {
        "dks-rm",
        "styregruppen-alliancen-naere-psykiatri-rm",
        "chefforum-sundheds-og-aeldrechefer-rm",
    }
    assert {f["forum_id"] for f in fora["disappeared"]} == abolished, "no 2015 body disappears"
    assert "psykiatriforum-rm" in {f["forum_id"] for f in fora["created"]}
    appeared = {f["forum_id"] for f in fora["appeared"]}
    assert not appeared & {"dassos", "sundhedsaftalesekretariatet-rm", "kkr-nordjylland"}
    assert "dassos" in {f["forum_id"] for f in fora["newly_attested"]}  # "bevares i sin nuværende form"
    for part in ("created", "abolished", "replaced", "newly_attested", "no_longer_attested"):
        for item in fora[part]:
            assert {"forum_id", "forum", "sources"} <= set(item) and item["sources"], (part, item)


def test_2015_bodies_stay_in_force_as_last_attested(real_graph):
    ssg = ask("members", real_graph, "2024-06-01", forum="sundhedsstyregruppen")
    region = [m for m in ssg["members"] if m["member_id"] == "koncerndirektoer-rm"]
    assert region, "the region's co-chair of 2015 is not ended by any source"
    assert region[0]["standing"] == "last_attested" and region[0]["last_attested"] == "2015-01-26"
    stated = [m for m in ssg["members"] if m["member_id"] == "sundhedsdirektoer-viborg"]
    assert stated and stated[0]["standing"] == "stated"


def test_represented_rows_say_how_they_stand(real_graph):
    rows = ask("represented", real_graph, "2024-06-01", municipality="kommune-viborg")
    assert rows and all(r["standing"] in ("stated", "inferred", "last_attested") for r in rows)
    assert all((r["last_attested"] is not None) == (r["standing"] == "last_attested") for r in rows)
    inferred = ask("represented", real_graph, "2026-06-01", inferred=True, municipality="kommune-viborg")
    assert any(r["standing"] == "inferred" and r["confidence"] == "inferred" for r in inferred)


def test_ssg_cadence_is_per_document(real_graph):
    in_2015 = ask("members", real_graph, "2015-06-01", forum="sundhedsstyregruppen")
    assert (in_2015["meetings_per_year"], in_2015["meetings_per_year_max"]) == (4, 5)
    in_2024 = ask("members", real_graph, "2024-06-01", forum="sundhedsstyregruppen")
    assert (in_2024["meetings_per_year"], in_2024["meetings_per_year_max"]) == (4, None)


# ---- relation meanings


def test_no_cluster_reports_to_sundhedsstyregruppen(real_model, real_graph):
    clusters = {n["id"] for n in real_model.nodes if n["properties"].get("forum_type") == "cluster"}
    assert not [
        r["id"]
        for r in real_model.relationships
        if r["type"] == "REPORTS_TO" and r["start"] in clusters and r["end"] == "sundhedsstyregruppen"
    ]
    chain = ask("chain", real_graph, "2024-06-01", forum="klyngerne-rm")
    assert "sundhedsstyregruppen" not in {r["id"] for r in chain["reports_to"]}
    other = {(r["type"], r["direction"], r["id"]) for r in chain["other_relations"]}
    assert ("COMMISSIONS", "in", "sundhedsstyregruppen") in other


def test_chain_keeps_reporting_lines_apart_from_other_relations(real_graph):
    chain = ask("chain", real_graph, "2024-06-01", forum="kosu")
    assert all(set(r["relations"]) <= {"REPORTS_TO"} for r in chain["reports_to"] + chain["reported_by"])
    assert any(r["type"] == "PREPARES_CASES_FOR" for r in chain["other_relations"])


# ---- rules: every stated number checked, none violated


def test_at_least_40_numbers_are_machine_checked_and_none_is_violated(real_graph):
    rules = ask("rules", real_graph, "2024-06-01")
    checked = [r for r in rules if r["status"] != "not_checkable"]
    assert len(checked) >= 40, len(checked)
    assert [(r["id"], r["detail"]) for r in rules if r["status"] == "violated"] == []
    assert all(r["checked_on"] for r in checked)
    assert all(c["date"] for r in checked for c in r["checked_on"])


# ---- the validator's refusals


def _copy_model(tmp_path: Path) -> Path:
    root = tmp_path / "model"
    shutil.copytree(PROJECT / "model", root)
    return root


def _problems(root: Path) -> list[str]:
    with pytest.raises(ModelInvalid) as e:
        load_model(root)
    return e.value.problems


def test_a_period_without_a_source_is_refused(tmp_path):
    root = _copy_model(tmp_path)
    facts = root / "facts" / "common.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(
        text.replace("  - id: kl\n", "  - id: kl\n    valid_to: 2030-12-31\n", 1), encoding="utf-8"
    )
    assert any("need period_sources" in p and "common.yaml" in p for p in _problems(root))


def test_a_default_period_is_refused(tmp_path):
    root = _copy_model(tmp_path)
    facts = root / "facts" / "doc-002.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("defaults:\n", "defaults:\n  valid_to: 2021-12-31\n", 1), encoding="utf-8")
    assert any("doc-002.yaml" in p and "valid_to" in p for p in _problems(root))


def test_a_stated_fact_resting_on_reference_data_is_refused(tmp_path):
    root = _copy_model(tmp_path)
    extra = root / "facts" / "zz-probe.yaml"
    extra.write_text(
        'document: "004"\nrelationships:\n'
        "  - type: PART_OF\n    start: kommune-skive\n    end: klynge-rm-midt\n    status: active\n"
        '    sources:\n      - quote: "Klyngerne varetager det lokale samarbejde om sundhedsaftalerne"\n',
        encoding="utf-8",
    )
    assert any("known only from reference data" in p for p in _problems(root))


def test_seats_zero_needs_a_chair_role(tmp_path):
    root = _copy_model(tmp_path)
    extra = root / "facts" / "zz-probe.yaml"
    extra.write_text(
        'document: "004"\nrelationships:\n'
        "  - type: MEMBER_OF\n    start: kosu-formand\n    end: kd-net\n    role: medlem\n    seats: 0\n"
        "    status: active\n"
        '    sources:\n      - quote: "KOSU-formand (kommunaldirektør udpeget af KD-net)"\n',
        encoding="utf-8",
    )
    assert any("seats: 0" in p for p in _problems(root))


def test_every_document_has_an_attestation_date(real_model):
    assert all(d.get("attested") for d in real_model.documents)
    dated = [
        n for n in real_model.nodes if n["labels"] != ["Rule"] and any("document" in s for s in n["sources"])
    ]
    assert all(n["properties"].get("last_attested") for n in dated)
    open_start = [
        n["id"]
        for n in dated
        if not n["properties"].get("attested_from")
        and not n["properties"].get("valid_from")
        and not n["properties"].get("valid_to")
        and not any("url" in s for s in n["sources"])
    ]
    assert open_start == [], "only a stated start, reference data or an end reported afterwards replaces it"


def test_changes_merges_the_sources_of_one_replacement_stated_twice():
    from sundhedsgraf.questions import shaping

    def forum(fid, **props):
        return shaping.forum_at_row(fid.upper(), fid, "active", props, [{"document": "004", "quote": fid}])

    replaces = [
        ("new", "old", [{"document": "004", "quote": "a"}]),
        ("new", "old", [{"document": "002", "quote": "b"}]),
    ]
    a = shaping.Moment(fora={"old": forum("old", valid_to="2021-12-31")}, replaces=replaces)
    b = shaping.Moment(fora={"new": forum("new", valid_from="2022-01-01")}, replaces=replaces)
    fora = shaping.changes("2021-06-01", "2022-06-01", None, a, b)["fora"]
    assert [f["forum_id"] for f in fora["abolished"]] == ["old"]
    assert [f["forum_id"] for f in fora["created"]] == ["new"]
    assert len(fora["replaced"]) == 1 and len(fora["replaced"][0]["sources"]) == 2
