"""Each body the documents name is in the model (list written by hand from the five documents)."""

from __future__ import annotations

import pytest

# (document, how the document names the body): matched case-insensitively against node names,
# abbreviations and aliases of fora, organisations, offices, documents and process steps.
BODIES = [
    # 000: Region Midtjylland from 2026
    ("000", "Sundhedsråd Aarhus"),
    ("000", "Sundhedsråd Kronjylland"),
    ("000", "Sundhedsråd Midt"),
    ("000", "Sundhedsråd Vest"),
    ("000", "Sundhedsråd Horsens"),
    ("000", "regionsrådet"),
    ("000", "SKF"),
    ("000", "KL"),
    ("000", "KOSU"),
    ("000", "Forretningsudvalg for KOSU"),
    ("000", "strategisk direktørforum"),
    ("000", "Sekretariatet om Sundhedsråd"),
    ("000", "Forhandlingsgruppen"),
    ("000", "KD-net"),
    ("000", "KL s sundhedsstrategiske styregruppe"),
    ("000", "Kommissorium for Sundhedskoordinationsfora"),
    ("000", "Regionens notat om strategisk direktørforum"),
    ("000", "Oversigt over tværsektorielle og tværkommunale fora"),
    ("000", "Aftale om sundhedsreform 2024"),
    ("000", "HR og Kommunikation"),
    # 001: the transfer process
    ("001", "Afdækning"),
    ("001", "Forhandling"),
    ("001", "Myndighedsoverdragelse"),
    ("001", "Proces for ny politisk organisering"),
    ("001", "fremadrettet tværsektoriel organisering"),
    ("001", "Sundhedsstyrelsen"),
    ("001", "Danske Regioner"),
    ("001", "Politisk styregruppe for sundhedsreform"),
    ("001", "Administrativ styregruppe for sundhedsreform"),
    ("001", "delingsråd"),
    ("001", "RM-direktion"),
    ("001", "KKR"),
    # 002: Region Midtjylland 2015
    ("002", "Sundhedskoordinationsudvalget"),
    ("002", "Sundhedsstyregruppen"),
    ("002", "Formandskab for sundhedssamarbejdet"),
    ("002", "Fælles sekretariat"),
    ("002", "Forebyggelse"),
    ("002", "Behandling, pleje, rehabilitering og genoptræning"),
    ("002", "Børn- og unge somatik"),
    ("002", "Psykiatri-voksen"),
    ("002", "Psykiatri-børn"),
    ("002", "Fødeplanudvalget"),
    ("002", "IT- og digitale arbejdsgange"),
    ("002", "Økonomi- og opfølgningsgruppe"),
    ("002", "Kvalitetsgruppe"),
    ("002", "tandområdet"),
    ("002", "hjerneskadesamråd for voksne"),
    ("002", "hjerneskadesamråd for børn"),
    ("002", "KOL"),
    ("002", "diabetes"),
    ("002", "hjertekar"),
    ("002", "depression"),
    ("002", "lænde-ryg"),
    ("002", "Folkesundhed i Midten"),
    ("002", "KOSU-sekretariatet"),
    ("002", "Nære Sundhedstilbud"),
    ("002", "PLO"),
    # 003: Region Nordjylland 2017
    ("003", "KKR Nordjylland"),
    ("003", "Sundhedspolitisk Dialogforum"),
    ("003", "Sundhedsdirektørernes Forretningsudvalg"),
    ("003", "Kommunaldirektørkredsen"),
    ("003", "Sundhedskoordinationsudvalget"),
    ("003", "forankringsgruppe"),
    ("003", "Den Administrative Styregruppe"),
    ("003", "DAS"),
    ("003", "Samarbejdsfora"),
    ("003", "Porteføljestyregruppen"),
    ("003", "Projektgrupper"),
    ("003", "styregruppe for sundheds-IT"),
    ("003", "ledelsesinformation"),
    ("003", "Praksisplanudvalg"),
    ("003", "Forhandlingsgruppe"),
    ("003", "Samarbejdsudvalg for almen læger"),
    ("003", "Samarbejdsudvalget for fysioterapi"),
    ("003", "kiropraktik"),
    ("003", "psykologer"),
    ("003", "speciallæger"),
    ("003", "tandlæger"),
    ("003", "apotekere"),
    ("003", "fodterapeuter"),
    ("003", "Sundhedssekretariat"),
    ("003", "PLO Nordjylland"),
    ("003", "bilag 7"),
    # 004: Region Midtjylland, election period 2022-2025
    ("004", "Psykiatriforum"),
    ("004", "DKS"),
    ("004", "Alliancen om den nære psykiatri"),
    ("004", "Chefforum for Sundheds- og Ældrechefer"),
    ("004", "DASSOS"),
    ("004", "Praksisplanudvalget"),
    ("004", "Kommunekontaktrådet"),
    ("004", "KD-Net"),
    ("004", "Sundhedsaftalesekretariatet"),
    ("004", "Fælleskommunalt Social- og Sundhedssekretariat"),
    ("004", "Sundhedsplanlægning"),
    ("004", "Koncern Kvalitet"),
    ("004", "PLO-Midtjylland"),
    ("004", "Klyngerne"),  # collectively: 004 names no cluster
]


def _names(node) -> list[str]:
    p = node["properties"]
    return [node["name"], p.get("abbreviation") or "", *(p.get("aliases") or [])]


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())


@pytest.mark.parametrize("document,name", BODIES, ids=[f"{d}:{n}" for d, n in BODIES])
def test_each_named_body_is_in_the_model(model, document, name):
    kinds = {"Forum", "Organisation", "Office", "Document", "Process", "Phase", "Milestone"}
    want = _norm(name)
    hits = [
        n
        for n in model.nodes
        if n["labels"][0] in kinds and any(want == _norm(x) or want in _norm(x) for x in _names(n) if x)
    ]
    assert hits, f"no node for {name!r} (document {document})"
    assert any(any(s.get("document") == document for s in n["sources"]) for n in hits), (
        f"{name!r} is in the model but none of its nodes quotes document {document}"
    )


def test_the_four_nordjylland_clusters_and_five_midtjylland_clusters(model):
    clusters = [
        n
        for n in model.nodes
        if n["labels"] == ["Forum"]
        and n["properties"].get("forum_type") == "cluster"
        and n["id"].startswith("klynge-")
    ]
    assert len([c for c in clusters if c["properties"]["region"] == "region-nordjylland"]) == 4
    assert len([c for c in clusters if c["properties"]["region"] == "region-midtjylland"]) == 5
