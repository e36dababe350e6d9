"""Forgiving names and free-text questions (sundhedsgraf.names). No database needed.

Tests run against the real model and against small hand-built indexes, so that the matching rules
are pinned down independently of what the facts happen to contain.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sundhedsgraf.errors import ConfigError
from sundhedsgraf.names import (
    AmbiguousName,
    Entry,
    NameIndex,
    UnknownName,
    UnrecognisedQuestion,
    extract_dates,
    fold,
    loose,
    parse_question,
)
from sundhedsgraf.questions.registry import REGISTRY

TODAY = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def index(model):
    return NameIndex.from_model(model)


@pytest.fixture(scope="module")
def small():
    """A hand-built index: two regions, a few municipalities, fora with shared abbreviations."""
    return NameIndex(
        [
            ("region-midtjylland", "Region Midtjylland", "Region", []),
            ("region-nordjylland", "Region Nordjylland", "Region", []),
            ("kommune-samsoe", "Samsø Kommune", "Municipality", ["Samsø"], (), "region-midtjylland"),
            ("kommune-aarhus", "Aarhus Kommune", "Municipality", ["Aarhus"], (), "region-midtjylland"),
            ("kommune-laesoe", "Læsø Kommune", "Municipality", ["Læsø"], (), "region-nordjylland"),
            (
                "kommune-ringkoebing-skjern",
                "Ringkøbing-Skjern Kommune",
                "Municipality",
                ["Ringkøbing-Skjern"],
            ),
            (
                "kkr-midtjylland",
                "Kommunekontaktrådet (KKR) i Region Midtjylland",
                "Forum",
                ["KKR Midtjylland"],
                ["KKR"],
            ),
            (
                "kkr-nordjylland",
                "Kommunekontaktrådet (KKR) Nordjylland",
                "Forum",
                ["KKR Nordjylland"],
                ["KKR"],
            ),
            (
                "kosu",
                "Den Kommunale Styregruppe på sundhedsområdet",
                "Forum",
                [],
                ["KOSU"],
                "region-midtjylland",
            ),
            ("klynge-rm-midt", "Midtklyngen", "Forum", [], (), "region-midtjylland"),
            ("klynge-rn-midt", "Klynge Midt", "Forum", [], (), "region-nordjylland"),
            ("sundhedsraad-midt", "Sundhedsråd Midt", "Forum", [], (), "region-midtjylland"),
            ("borgmester-samsoe", "Borgmester, Samsø Kommune", "Office", []),
            {
                "id": "kl",
                "name": "KL (Kommunernes Landsforening)",
                "labels": ["Organisation"],
                "aliases": ["Kommunernes Landsforening"],
                "abbreviations": "KL",
            },
        ]
    )


def one_line(e: BaseException) -> str:
    text = str(e)
    assert "\n" not in text and text.strip() == text and text
    return text


# --------------------------------------------------------------------------------------------
# folding


@pytest.mark.parametrize(
    "a, b",
    [
        ("Viborg Kommune", "viborg"),
        ("viborg kommunes", "Viborg"),
        ("Kommune Viborg", "viborg"),
        ("Århus", "AARHUS"),
        ("Ringkøbing-Skjern", "ringkoebing skjern"),
        ("KOSU's", "kosu"),
        ("KD-Net", "kd net"),
        ("Fødeplanudvalget", "foedeplanudvalget"),
    ],
)
def test_fold_equal(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    "variants",
    [
        ("Samsø", "Samsoe", "Samso"),
        ("Læsø", "Laesoe", "Laeso"),
        ("Hjørring", "Hjoerring", "Hjorring"),
        ("Aalborg", "Ålborg", "Alborg"),
        ("KD-Net", "KDNet", "kd net"),
    ],
)
def test_loose_equal(variants):
    assert len({loose(v) for v in variants}) == 1


def test_kommune_alone_is_kept():
    assert fold("Kommune") == "kommune"


# --------------------------------------------------------------------------------------------
# resolve against the real model


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Viborg", "kommune-viborg"),
        ("viborg kommune", "kommune-viborg"),
        ("Viborg Kommune", "kommune-viborg"),
        ("Viborg Kommunes", "kommune-viborg"),
        ("VIBORG", "kommune-viborg"),
        ("kommune-viborg", "kommune-viborg"),
        ("Aarhus", "kommune-aarhus"),
        ("Århus", "kommune-aarhus"),
        ("Århus Kommune", "kommune-aarhus"),
        ("Arhus", "kommune-aarhus"),
        ("Samso", "kommune-samsoe"),
        ("Samsoe", "kommune-samsoe"),
        ("Samsø", "kommune-samsoe"),
        ("samsø kommune", "kommune-samsoe"),
        ("Ringkobing-Skjern", "kommune-ringkoebing-skjern"),
        ("Ringkøbing Skjern", "kommune-ringkoebing-skjern"),
        ("Ringkøbing-Skjern Kommune", "kommune-ringkoebing-skjern"),
        ("ringkobing skjern kommune", "kommune-ringkoebing-skjern"),
        ("Hjorring", "kommune-hjoerring"),
        ("Laeso", "kommune-laesoe"),
        ("Brønderslev", "kommune-broenderslev"),
        ("Bronderslev", "kommune-broenderslev"),
        ("Aalborg", "kommune-aalborg"),
        ("Ålborg", "kommune-aalborg"),
        ("Ikast Brande", "kommune-ikast-brande"),
        ("Region Midtjylland", "region-midtjylland"),
        ("Region Midt", "region-midtjylland"),
        ("Midtjylland", "region-midtjylland"),
        ("RM", "region-midtjylland"),
        ("rm", "region-midtjylland"),
        ("Region Midtjyllands", "region-midtjylland"),
        ("Nordjylland", "region-nordjylland"),
        ("RN", "region-nordjylland"),
        ("Region Nord", "region-nordjylland"),
        ("KOSU", "kosu"),
        ("kosu", "kosu"),
        ("Den Kommunale Styregruppe på sundhedsområdet", "kosu"),
        ("SKF", "skf-midtjylland"),
        ("Sundhedskoordinationsfora", "skf-midtjylland"),
        ("DASSOS", "dassos"),
        ("KD-Net", "kd-net"),
        ("KD-net", "kd-net"),
        ("KDNet", "kd-net"),
        ("kd net", "kd-net"),
        ("SSG", "sundhedsstyregruppen"),
        ("Sundhedsstyregruppen", "sundhedsstyregruppen"),
        ("DAS", "das-nordjylland"),
        ("FU", "fu-sundhedsdirektoerer-nordjylland"),
        ("KL", "kl"),
        ("Kommunernes Landsforening", "kl"),
        ("KKR Nordjylland", "kkr-nordjylland"),
        ("KKR Midtjylland", "kkr-midtjylland"),
        ("SKU Nordjylland", "sku-nordjylland"),
        ("SKU i Region Midtjylland", "sundhedskoordinationsudvalget-rm"),
        ("PPU Nordjylland", "ppu-nordjylland"),
        ("PPU i Region Midt", "praksisplanudvalget-rm"),
        ("Sundhedskoordinationsudvalget Nordjylland", "sku-nordjylland"),
        ("Klynge Midt", "klynge-rn-midt"),
        ("Midtklyngen", "klynge-rm-midt"),
        ("Sundhedsråd Midt", "sundhedsraad-midt"),
        ("Aarhus Sundhedsråd", "sundhedsraad-aarhus"),
        ("KOSU-formand", "kosu-formand"),
        ("KOSU-formanden", "kosu-formand"),
        ("Formand for SKF", "skf-formand"),
        ("Borgmester, Viborg Kommune", "borgmester-viborg"),
        ("borgmesteren i Viborg", "borgmester-viborg"),
        ("Viborgs borgmester", "borgmester-viborg"),
        ("Sundhedsstyregruppe", "sundhedsstyregruppen"),
        ("Hjerneskadesamråd voksne", "hjerneskadesamraad-voksne-rm"),
        ("Fødeplanudvalget", "foedeplanudvalget-rm"),
        ("Foedeplanudvalget", "foedeplanudvalget-rm"),
        ("Fodeplanudvalget", "foedeplanudvalget-rm"),
    ],
)
def test_resolve_real(index, text, expected):
    assert index.resolve(text) == expected


@pytest.mark.parametrize(
    "text, kinds, expected",
    [
        ("Midt", "Region", "region-midtjylland"),
        ("Viborg", "Municipality", "kommune-viborg"),
        ("Viborg", ["Municipality", "Office"], "kommune-viborg"),
        ("Samsø", "municipality", "kommune-samsoe"),
        ("KOSU", ("Forum", "Organisation"), "kosu"),
        ("Nordjylland", "Region", "region-nordjylland"),
    ],
)
def test_kinds_filter_decides(index, text, kinds, expected):
    assert index.resolve(text, kinds=kinds) == expected


def test_every_id_resolves_to_itself(index, model):
    for node in model.nodes:
        assert index.resolve(node["id"]) == node["id"]


def test_every_name_resolves_to_its_node_or_is_reported_ambiguous(index, model):
    for node in model.nodes:
        try:
            assert index.resolve(node["name"], kinds=node["labels"][0]) == node["id"], node["id"]
        except AmbiguousName as e:
            assert node["id"] in [c.id for c in e.candidates]


def test_every_municipality_by_short_name_and_loose_spelling(index, model):
    for node in model.nodes:
        if node["labels"][0] != "Municipality":
            continue
        short = node["properties"]["short_name"]
        for text in (
            short,
            short.lower(),
            short.upper(),
            f"{short} Kommune",
            f"{short} kommunes",
            short.replace("ø", "o").replace("æ", "ae").replace("å", "aa"),
            node["id"],
        ):
            assert index.resolve(text, kinds="Municipality") == node["id"], text


def test_unknown_municipality_message(index):
    with pytest.raises(ConfigError) as info:
        index.resolve("Viborgg", kinds="Municipality")
    assert (
        one_line(info.value)
        == "unknown municipality 'Viborgg'; did you mean 'Viborg Kommune' (kommune-viborg)?"
    )
    assert isinstance(info.value, UnknownName)
    assert [s.id for s in info.value.suggestions] == ["kommune-viborg"]
    assert info.value.exit_code == 2


def test_unknown_without_kinds_says_name(index):
    with pytest.raises(UnknownName, match=r"^unknown name 'Hjoring'; did you mean 'Hjørring Kommune'"):
        index.resolve("Hjoring")


def test_unknown_with_nothing_close_says_how_to_list_names(index):
    with pytest.raises(UnknownName) as info:
        index.resolve("xyzzy", kinds="Municipality")
    msg = one_line(info.value)
    assert msg.startswith("unknown municipality 'xyzzy'")
    assert "sundhedsgraf export" in msg
    assert info.value.suggestions == []


def test_unknown_of_this_kind_names_the_other_kind(index):
    with pytest.raises(UnknownName) as info:
        index.resolve("KOSU", kinds="Municipality")
    assert "that is the forum" in one_line(info.value) and "(kosu)" in str(info.value)


def test_unknown_with_wrong_region_suggests_the_body(index):
    with pytest.raises(UnknownName) as info:
        index.resolve("KOSU Nordjylland")
    assert "kosu" in [s.id for s in info.value.suggestions]


def test_at_most_three_suggestions(index):
    with pytest.raises(UnknownName) as info:
        index.resolve("Sundhedsrådd Vestt Midtt")
    assert len(info.value.suggestions) <= 3


def test_midt_is_ambiguous(index):
    with pytest.raises(AmbiguousName) as info:
        index.resolve("Midt", kinds="Forum")
    ids = {c.id for c in info.value.candidates}
    assert ids == {"klynge-rm-midt", "sundhedsraad-midt", "klynge-rn-midt"}
    msg = one_line(info.value)
    assert msg.startswith("ambiguous forum 'Midt': it could be ")
    assert "'Midtklyngen' (klynge-rm-midt)" in msg and "'Klynge Midt' (klynge-rn-midt)" in msg


def test_midt_without_kinds_also_offers_the_region(index):
    with pytest.raises(AmbiguousName) as info:
        index.resolve("Midt")
    assert {"klynge-rm-midt", "sundhedsraad-midt", "klynge-rn-midt", "region-midtjylland"} <= {
        c.id for c in info.value.candidates
    }


@pytest.mark.parametrize(
    "abbreviation, ids",
    [
        ("SKU", {"sku-nordjylland", "sundhedskoordinationsudvalget-rm"}),
        ("PPU", {"ppu-nordjylland", "praksisplanudvalget-rm"}),
        ("KKR", {"kkr-nordjylland", "kkr-midtjylland"}),
        ("Sundhedskoordinationsudvalget", {"sku-nordjylland", "sundhedskoordinationsudvalget-rm"}),
    ],
)
def test_abbreviation_in_both_regions_is_ambiguous(index, abbreviation, ids):
    with pytest.raises(AmbiguousName) as info:
        index.resolve(abbreviation, kinds="Forum")
    assert {c.id for c in info.value.candidates} == ids
    msg = one_line(info.value)
    for i in ids:
        assert f"({i}" in msg
    assert "add the region" in msg


def test_ambiguity_hint_resolves(index):
    with pytest.raises(AmbiguousName) as info:
        index.resolve("KKR")
    example = str(info.value).split("(e.g. '")[1].split("')")[0]
    assert index.resolve(example) in {"kkr-nordjylland", "kkr-midtjylland"}


def test_name_beats_alias(index):
    # the name of praksisplanudvalget-rm is an alias of ppu-nordjylland: the name decides
    assert index.resolve("Praksisplanudvalget") == "praksisplanudvalget-rm"


def test_empty_name(index):
    with pytest.raises(UnknownName, match="empty"):
        index.resolve("  ")


def test_unknown_kind(index):
    with pytest.raises(ConfigError, match="unknown kind 'Municpality'"):
        index.resolve("Viborg", kinds="Municpality")


def test_suggest(index):
    assert [e.id for e in index.suggest("Viborgg")][:1] == ["kommune-viborg"]
    assert [e.id for e in index.suggest("Samsöe", kinds="Municipality")] == ["kommune-samsoe"]
    assert len(index.suggest("Sundhedsråd", n=3)) == 3
    assert index.suggest("qqqqqq") == []
    assert all(e.kind == "Forum" for e in index.suggest("Midt", kinds="Forum", n=5))


def test_names_and_get(index):
    municipalities = index.names("Municipality")
    assert len(municipalities) == 30
    assert index.get("kosu").name == "Den Kommunale Styregruppe på sundhedsområdet"
    assert "kosu" in index and "nope" not in index
    assert len(index) > 500


def test_regions_are_inferred(index):
    assert index.get("plo-nordjylland").region == "region-nordjylland"
    assert index.get("kkr-midtjylland").region == "region-midtjylland"
    assert index.get("kl").region is None


def test_fast(model):
    t0 = time.perf_counter()
    idx = NameIndex.from_model(model)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(1000):
        idx.resolve("Viborg Kommune")
    exact = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(20):
        with pytest.raises(ConfigError):
            idx.resolve("Viborgg", kinds="Municipality")
    fuzzy = time.perf_counter() - t0
    assert built < 2.0 and exact < 1.0 and fuzzy < 2.0


def test_from_export_shaped_dict(model):
    export = {
        "nodes": [
            {"id": n["id"], "labels": n["labels"], "name": n["name"], "properties": n["properties"]}
            for n in model.nodes
        ]
    }
    idx = NameIndex.from_model(export)
    assert idx.resolve("Samso") == "kommune-samsoe"


# --------------------------------------------------------------------------------------------
# resolve against a hand-built index


def test_entry_coerce_forms():
    assert Entry.coerce(("a", "A", "forum", ["x"])) == Entry("a", "A", "Forum", ("x",))
    assert Entry.coerce(("a", "A", ["Municipality"], "x")).aliases == ("x",)
    assert Entry.coerce({"id": "a", "name": "A", "labels": ["Office"]}).kind == "Office"
    assert Entry.coerce(("a", "A", "Forum", None, "AA", "region-x")).abbreviations == ("AA",)
    row = {
        "id": "k",
        "name": "Læsø Kommune",
        "labels": ["Municipality"],
        "abbreviation": None,
        "short_name": "Læsø",
        "aliases": None,
    }
    assert Entry.coerce(row).aliases == ("Læsø",)
    assert NameIndex([row]).resolve("Laeso") == "k"
    with pytest.raises(ConfigError):
        Entry.coerce(("a",))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Samso", "kommune-samsoe"),
        ("samsø kommune", "kommune-samsoe"),
        ("Laeso", "kommune-laesoe"),
        ("Århus", "kommune-aarhus"),
        ("Ringkobing Skjern", "kommune-ringkoebing-skjern"),
        ("KKR Nordjylland", "kkr-nordjylland"),
        ("KKR i Region Midt", "kkr-midtjylland"),
        ("KKR RN", "kkr-nordjylland"),
        ("Region Nord", "region-nordjylland"),
        ("RM", "region-midtjylland"),
        ("KL", "kl"),
        ("Kommunernes Landsforening", "kl"),
        ("borgmesteren i Samsø", "borgmester-samsoe"),
        ("Samsøs borgmester", "borgmester-samsoe"),
        ("kosu", "kosu"),
    ],
)
def test_resolve_small(small, text, expected):
    assert small.resolve(text) == expected


def test_small_region_inferred_from_name(small):
    assert small.get("kommune-ringkoebing-skjern").region is None  # no region word in id or name
    assert small.get("kkr-nordjylland").region == "region-nordjylland"
    assert small.get("kkr-midtjylland").region == "region-midtjylland"


def test_small_kkr_ambiguous(small):
    with pytest.raises(AmbiguousName) as info:
        small.resolve("KKR")
    assert {c.id for c in info.value.candidates} == {"kkr-midtjylland", "kkr-nordjylland"}


def test_small_midt(small):
    with pytest.raises(AmbiguousName) as info:
        small.resolve("Midt", kinds="Forum")
    assert {c.id for c in info.value.candidates} == {"klynge-rm-midt", "klynge-rn-midt", "sundhedsraad-midt"}
    assert small.resolve("Midt", kinds="Region") == "region-midtjylland"


def test_small_typo(small):
    with pytest.raises(UnknownName) as info:
        small.resolve("Samsöö", kinds="Municipality")
    assert "did you mean 'Samsø Kommune' (kommune-samsoe)?" in str(info.value)


def test_custom_list_hint():
    idx = NameIndex([("a", "Alpha", "Forum", [])], list_hint="run 'sundhedsgraf names'")
    with pytest.raises(UnknownName, match=r"run 'sundhedsgraf names'$"):
        idx.resolve("zzzzzz")


def test_unknown_labels_are_kept():
    idx = NameIndex([("r1", "Some rule", "Rule", [])])
    assert idx.resolve("some rule", kinds="rule") == "r1"


# --------------------------------------------------------------------------------------------
# dates


@pytest.mark.parametrize(
    "text, iso, precision",
    [
        ("i 2024", "2024-07-01", "year"),
        ("in 2015", "2015-07-01", "year"),
        ("pr. 1. januar 2027", "2027-01-01", "day"),
        ("on 2024-05-01", "2024-05-01", "day"),
        ("den 1/3/2026", "2026-03-01", "day"),
        ("1 January 2027", "2027-01-01", "day"),
        ("January 1, 2027", "2027-01-01", "day"),
        ("1. jan. 2027", "2027-01-01", "day"),
        ("i marts 2026", "2026-03-01", "month"),
        ("31.12.2025", "2025-12-31", "day"),
    ],
)
def test_extract_dates(text, iso, precision):
    found, masked = extract_dates(f"hvor er Viborg repræsenteret {text}?")
    assert [(f.iso, f.precision) for f in found] == [(iso, precision)]
    assert len(masked) == len(f"hvor er Viborg repræsenteret {text}?")
    assert not any(ch.isdigit() for ch in masked)


def test_no_year_inside_an_id():
    found, _ = extract_dates("members sundhedsaftalen-rm-2015")
    assert found == []


def test_bad_date():
    with pytest.raises(ConfigError, match="'2026-02-30' is not a date"):
        extract_dates("on 2026-02-30")


# --------------------------------------------------------------------------------------------
# questions: the examples of the brief


@pytest.mark.parametrize(
    "question, expected",
    [
        ("hvor er Viborg repræsenteret?", ("represented", {"municipality": "kommune-viborg"})),
        (
            "Hvor er Samsø Kommune repræsenteret i 2024?",
            ("represented", {"municipality": "kommune-samsoe", "as_of": "2024-07-01"}),
        ),
        ("where is Aarhus represented?", ("represented", {"municipality": "kommune-aarhus"})),
        ("who links Region Midtjylland and KL?", ("links", {"a": "region-midtjylland", "b": "kl"})),
        ("hvem forbinder Region Midtjylland og KL?", ("links", {"a": "region-midtjylland", "b": "kl"})),
        ("hvem sidder i KOSU?", ("members", {"forum": "kosu"})),
        ("who are the members of SKF?", ("members", {"forum": "skf-midtjylland"})),
        ("hvem er medlem af Sundhedsstyregruppen?", ("members", {"forum": "sundhedsstyregruppen"})),
        ("hvem refererer KOSU til?", ("chain", {"forum": "kosu"})),
        ("what does DASSOS report to?", ("chain", {"forum": "dassos"})),
        ("hvem udpeger KOSU-formanden?", ("appointments", {"body": "kosu-formand"})),
        ("who appoints KD-Net?", ("appointments", {"body": "kd-net"})),
        ("which fora share members?", ("interlocks", {})),
        (
            "hvad ændrer sig fra 2015 til 2027?",
            ("changes", {"date_from": "2015-07-01", "date_to": "2027-07-01"}),
        ),
        (
            "what changes between 2015 and 2027?",
            ("changes", {"date_from": "2015-07-01", "date_to": "2027-07-01"}),
        ),
        ("vis tidslinjen", ("timeline", {})),
        ("show the timeline", ("timeline", {})),
        ("hvilke regler er der?", ("rules", {})),
        ("what is unknown?", ("gaps", {})),
        ("hvad er uvist?", ("gaps", {})),
        ("hvor mange møder har Viborg om året?", ("meetings", {"target": "kommune-viborg"})),
        ("which fora have no municipal representation?", ("unrepresented", {})),
        ("matrix for Region Midtjylland", ("matrix", {"region": "region-midtjylland"})),
    ],
)
def test_brief_examples(index, question, expected):
    assert parse_question(question, index, today=TODAY) == expected


# questions: more of our own


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Ringkøbing-Skjern Kommune", ("represented", {"municipality": "kommune-ringkoebing-skjern"})),
        (
            "where is Ringkobing Skjern represented in 2015?",
            ("represented", {"municipality": "kommune-ringkoebing-skjern", "as_of": "2015-07-01"}),
        ),
        ("Hvor er Samso repræsenteret?", ("represented", {"municipality": "kommune-samsoe"})),
        ("hvor sidder Hjorring?", ("represented", {"municipality": "kommune-hjoerring"})),
        ("which fora is Holstebro in?", ("represented", {"municipality": "kommune-holstebro"})),
        (
            "hvor er Samsø ikke repræsenteret i 2024?",
            ("represented", {"municipality": "kommune-samsoe", "as_of": "2024-07-01"}),
        ),
        ("hvor er Viborgs borgmester med?", ("represented", {"municipality": "kommune-viborg"})),
        ("hvem sidder i SKU i Nordjylland?", ("members", {"forum": "sku-nordjylland"})),
        ("hvem sidder i det nordjyske PPU?", ("members", {"forum": "ppu-nordjylland"})),
        (
            "who sits in KKR Nordjylland on 2024-05-01?",
            ("members", {"forum": "kkr-nordjylland", "as_of": "2024-05-01"}),
        ),
        ("hvem sidder i KOSU pr. 1. januar 2027?", ("members", {"forum": "kosu", "as_of": "2027-01-01"})),
        ("hvem sidder i KOSU's forretningsudvalg?", ("members", {"forum": "kosu-forretningsudvalg"})),
        ("hvem sidder i Sundhedsstyregruppe?", ("members", {"forum": "sundhedsstyregruppen"})),
        ("who is represented in KOSU?", ("members", {"forum": "kosu"})),
        ("hvem er formand for SKF?", ("members", {"forum": "skf-midtjylland"})),
        ("members KOSU", ("members", {"forum": "kosu"})),
        ("KOSU", ("members", {"forum": "kosu"})),
        ("links Viborg KOSU", ("links", {"a": "kommune-viborg", "b": "kosu"})),
        (
            "who connects Samsø and KKR Midtjylland in 2026?",
            ("links", {"a": "kommune-samsoe", "b": "kkr-midtjylland", "as_of": "2026-07-01"}),
        ),
        ("who appoints the members of PPU Nordjylland?", ("appointments", {"body": "ppu-nordjylland"})),
        ("hvem udpeger medlemmerne af KOSU?", ("appointments", {"body": "kosu"})),
        ("hvad rapporterer Sundhedsstyregruppen til?", ("chain", {"forum": "sundhedsstyregruppen"})),
        (
            "hvor mange møder har borgmesteren i Viborg om året?",
            ("meetings", {"target": "borgmester-viborg"}),
        ),
        ("how many meetings does Samsø have a year?", ("meetings", {"target": "kommune-samsoe"})),
        ("hvilke kommuner har færrest pladser?", ("unrepresented", {})),
        ("matrix RN", ("matrix", {"region": "region-nordjylland"})),
        ("heat map for Nordjylland", ("matrix", {"region": "region-nordjylland"})),
        ("hvad ændrer sig i 2026?", ("changes", {"date_from": "2025-12-31", "date_to": "2026-12-31"})),
        ("what changes since 2022?", ("changes", {"date_from": "2021-12-31", "date_to": "2025-06-01"})),
        ("hvad ændrer sig frem til 2027?", ("changes", {"date_from": "2025-06-01", "date_to": "2027-12-31"})),
        (
            "what changes between 1 January 2026 and January 1, 2027?",
            ("changes", {"date_from": "2026-01-01", "date_to": "2027-01-01"}),
        ),
        (
            "compare 2022-01-01 with 2026-01-01",
            ("changes", {"date_from": "2022-01-01", "date_to": "2026-01-01"}),
        ),
        ("hvilke faser og milepæle er der?", ("timeline", {})),
        ("what does the mirror principle say?", ("rules", {})),
        ("hvad modsiger dokumenterne hinanden om?", ("gaps", {})),
        ("which fora have common members in 2024?", ("interlocks", {"as_of": "2024-07-01"})),
    ],
)
def test_more_questions(index, question, expected):
    assert parse_question(question, index, today=TODAY) == expected


@pytest.mark.parametrize(
    "question, error, fragment",
    [
        (
            "hvor er Viborgg repræsenteret?",
            UnknownName,
            "unknown municipality 'Viborgg'; did you mean 'Viborg Kommune' (kommune-viborg)?",
        ),
        ("hvem sidder i SKU?", AmbiguousName, "ambiguous forum 'SKU'"),
        ("hvem sidder i KKR?", AmbiguousName, "(kkr-nordjylland)"),
        ("hvem sidder i Midt?", AmbiguousName, "'Klynge Midt' (klynge-rn-midt)"),
        ("who links Viborg and Foo?", UnknownName, "'Foo'"),
        ("what is the weather?", UnrecognisedQuestion, "cannot tell which question"),
        ("", UnrecognisedQuestion, "empty question"),
        ("hvad ændrer sig?", ConfigError, "names no dates"),
        ("hvor er Viborg repræsenteret i 2015 og 2027?", ConfigError, "names 2 dates"),
        ("hvem sidder i KOSU 2026-02-30?", ConfigError, "is not a date"),
        ("matrix", ConfigError, "needs a region"),
        ("hvad mødes SKF?", ConfigError, "needs a municipality or office"),
    ],
)
def test_question_errors(index, question, error, fragment):
    with pytest.raises(error) as info:
        parse_question(question, index, today=TODAY)
    assert isinstance(info.value, ConfigError)
    assert fragment in one_line(info.value)


def test_unrecognised_lists_every_question(index):
    with pytest.raises(UnrecognisedQuestion) as info:
        parse_question("tell me a joke", index)
    msg = one_line(info.value)
    for name in REGISTRY:
        assert name in msg
    assert "e.g. '" in msg


def test_every_question_example_parses_to_its_question(index):
    for name, q in REGISTRY.items():
        for example in q.examples_da + q.examples_en:
            assert parse_question(example, index, today=TODAY)[0] == name, example


def test_question_names_args_are_node_ids_of_the_right_kind(index):
    for q in REGISTRY.values():
        for example in q.examples_da + q.examples_en:
            _, args = parse_question(example, index, today=TODAY)
            for a in q.args:
                if a.type == "node" and a.name in args:
                    assert index.get(args[a.name]).kind in a.kinds, (example, a.name)


# questions against the hand-built index


def test_small_questions(small):
    assert parse_question("hvor er Samso repræsenteret i 2024?", small) == (
        "represented",
        {"municipality": "kommune-samsoe", "as_of": "2024-07-01"},
    )
    assert parse_question("who sits in KKR Nordjylland?", small) == ("members", {"forum": "kkr-nordjylland"})
    assert parse_question("hvem sidder i KKR i Region Midt?", small) == (
        "members",
        {"forum": "kkr-midtjylland"},
    )
    assert parse_question("who links Aarhus and KL?", small) == ("links", {"a": "kommune-aarhus", "b": "kl"})
    assert parse_question("hvor mange møder har borgmesteren i Samsø?", small) == (
        "meetings",
        {"target": "borgmester-samsoe"},
    )
    with pytest.raises(AmbiguousName):
        parse_question("hvem sidder i KKR?", small)


def test_words_inside_a_name_do_not_pick_the_question(index):
    # "forbindelse" would ask for links, but here it is part of the forum's alias
    q = "hvem sidder i styregruppen om opgaveoverdragelse i forbindelse med sundhedsreformen?"
    assert parse_question(q, index) == ("members", {"forum": "forhandlingsgruppe-opgaveoverdragelse-rm"})


@pytest.mark.parametrize(
    "question, expected",
    [
        ("hvem sidder i Praksisplanudvalget i Nordjylland?", ("members", {"forum": "ppu-nordjylland"})),
        ("hvem sidder i Praksisplanudvalget?", ("members", {"forum": "praksisplanudvalget-rm"})),
        (
            "what connects Viborg to the KKR in Midtjylland?",
            ("links", {"a": "kommune-viborg", "b": "kkr-midtjylland"}),
        ),
        ("hvad ligger under Sundhedsstyregruppen?", ("chain", {"forum": "sundhedsstyregruppen"})),
        (
            "Where is Skive represented on 1 March 2026?",
            ("represented", {"municipality": "kommune-skive", "as_of": "2026-03-01"}),
        ),
        ("hvilke fora er Lemvig med i?", ("represented", {"municipality": "kommune-lemvig"})),
        ("who is in the FU?", ("members", {"forum": "fu-sundhedsdirektoerer-nordjylland"})),
        ("how often does Aarhus meet?", ("meetings", {"target": "kommune-aarhus"})),
        ("møder for sundhedsdirektøren i Herning", ("meetings", {"target": "sundhedsdirektoer-herning"})),
        ("hvem forbinder Samsø og Aalborg?", ("links", {"a": "kommune-samsoe", "b": "kommune-aalborg"})),
        ("matrix Midtjylland 2027", ("matrix", {"region": "region-midtjylland", "as_of": "2027-07-01"})),
    ],
)
def test_region_words_and_other_phrasings(index, question, expected):
    assert parse_question(question, index, today=TODAY) == expected


# --------------------------------------------------------------------------------------------
# property: any everyday spelling of a municipality finds it

_SPELLINGS = {
    "ø": ("ø", "oe", "o", "Ø"),
    "æ": ("æ", "ae", "Æ"),
    "å": ("å", "aa", "Å"),
    "-": ("-", " ", " - "),
}


@st.composite
def spelled(draw, model):
    node = draw(st.sampled_from([n for n in model.nodes if n["labels"][0] == "Municipality"]))
    short = node["properties"]["short_name"]
    out = []
    for ch in short:
        low = ch.lower()
        if low in _SPELLINGS:
            out.append(draw(st.sampled_from(_SPELLINGS[low])))
        else:
            out.append(ch.upper() if draw(st.booleans()) else ch.lower())
    suffix = draw(st.sampled_from(["", " Kommune", " kommune", " Kommunes", "s"]))
    return node["id"], "".join(out) + suffix


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_spelling_of_a_municipality(index, model, data):
    node_id, text = data.draw(spelled(model))
    assert index.resolve(text, kinds="Municipality") == node_id, text


def test_rows_shaped_like_the_names_query(model, index):
    """cypher/questions/names.cypher returns id, name, kind, abbreviation, aliases, short_name."""
    rows = [
        {
            "id": n["id"],
            "name": n["name"],
            "kind": n["labels"][0],
            "abbreviation": n["properties"].get("abbreviation"),
            "aliases": n["properties"].get("aliases") or [],
            "short_name": n["properties"].get("short_name"),
        }
        for n in model.nodes
        if n["labels"][0] not in ("Gap", "Rule")
    ]
    from_rows = NameIndex(rows)
    for q in (
        "Hvor er Samsø Kommune repræsenteret i 2024?",
        "hvem udpeger KOSU-formanden?",
        "hvem sidder i SKU i Nordjylland?",
        "who links Region Midtjylland and KL?",
        "matrix RN",
    ):
        assert parse_question(q, from_rows, today=TODAY) == parse_question(q, index, today=TODAY)
    assert from_rows.resolve("Ringkobing Skjern") == "kommune-ringkoebing-skjern"
