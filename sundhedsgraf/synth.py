"""A synthetic knowledge model at national scale, for measuring how cost grows with the graph's size.

``write_model(out, scale=1.0, seed=1)`` writes a model folder in the same format as ``model/``
(``schema.yaml`` and ``offices.yaml`` copied from the project, generated ``sources.yaml``,
``sources/*.txt`` and ``facts/*.yaml``), so that ``validate``, ``load``, ``ask`` and ``map`` work on
it. Every fact quotes a sentence that really is in its synthetic source document.

What scale 1 holds ("Denmark today, with ten years of history")
------------------------------------------------------------------
* 5 regions and the 98 municipalities (real names and kommunekoder), each municipality with the nine
  offices of ``offices.yaml`` (borgmester, kommunaldirektør, sundhedsdirektør …), a sundhedsudvalg
  and a direktion;
* per region: the regional council and its offices, SKU, Sundhedsstyregruppen, KKR, KOSU, DASSOS,
  a sundhedschef network, a joint secretariat, a praksisplanudvalg, 14 theme groups, and one hospital
  cluster per ~5.5 municipalities (the cluster, its steering group, four cross-sector fora and its
  hospital); from 2026 one sundhedsråd per cluster and, from 2027, a sundhedssamarbejdsforum;
* national: KL and its fora (repræsentantskab, sundhedsudvalg, sundhedschefforum), Danske Regioner,
  PLO, the ministry, a national cross-sector forum, and the 2027 reform as a process with phases
  and milestones;
* memberships with roles (formand, næstformand, medformand, medlem, sekretær…), stated yearly for
  2017-2026 (chairs and theme-group members rotate every year) or per municipal election period
  (2014-17, 2018-21, 2022-25, 2026-29), appointments, reporting lines, secretariats, meetings;
* a few facts of every special kind the questions know: offices sitting on behalf of a municipality
  they are not held in, forum-in-forum memberships (indirect representation), inferred facts with
  their basis, a contradiction per region (disputed facts and a Gap), an open question per region.

Scale N is N such countries side by side under one national level: ``round(98 * N)`` municipalities
(copies after the first carry a number: "Viborg 2 Kommune" in "Region Midtjylland 2"), so every count
grows linearly with N; scale 1 gives ~26,000 relationships and scale 4 ~105,000. Fractional scales
give a part of the country (0.05: five municipalities of Region Midtjylland).

The output is deterministic for a (scale, seed). Memberships of a group ("sundhedscheferne fra A, B
og C") are written as one group statement (``{office: KEY, municipalities: [...]}``), as a modeller
would, which keeps the YAML small; the offices themselves are declared once per municipality, so the
compiler does not have to merge hundreds of citations into each office.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .resources import data_dir

YEARS = tuple(range(2017, 2027))  # ten years of yearly compositions
PERIODS = ((2014, 2017), (2018, 2021), (2022, 2025), (2026, 2029))  # municipal election periods
REFORM_YEAR = 2027
AS_OF = "2026-06-01"  # a date inside the last year of history (what the benchmark asks about)

# (key, name, ISO 3166-2, municipalities (short name, kommunekode)); hospital towns first.
REGIONS: tuple[tuple[str, str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "midtjylland",
        "Region Midtjylland",
        "DK-82",
        (
            ("Aarhus", "751"),
            ("Randers", "730"),
            ("Viborg", "791"),
            ("Herning", "657"),
            ("Horsens", "615"),
            ("Holstebro", "661"),
            ("Silkeborg", "740"),
            ("Skive", "779"),
            ("Favrskov", "710"),
            ("Hedensted", "766"),
            ("Ikast-Brande", "756"),
            ("Lemvig", "665"),
            ("Norddjurs", "707"),
            ("Odder", "727"),
            ("Ringkøbing-Skjern", "760"),
            ("Samsø", "741"),
            ("Skanderborg", "746"),
            ("Struer", "671"),
            ("Syddjurs", "706"),
        ),
    ),
    (
        "nordjylland",
        "Region Nordjylland",
        "DK-81",
        (
            ("Aalborg", "851"),
            ("Hjørring", "860"),
            ("Thisted", "787"),
            ("Frederikshavn", "813"),
            ("Brønderslev", "810"),
            ("Jammerbugt", "849"),
            ("Læsø", "825"),
            ("Mariagerfjord", "846"),
            ("Morsø", "773"),
            ("Rebild", "840"),
            ("Vesthimmerland", "820"),
        ),
    ),
    (
        "syddanmark",
        "Region Syddanmark",
        "DK-83",
        (
            ("Odense", "461"),
            ("Esbjerg", "561"),
            ("Kolding", "621"),
            ("Vejle", "630"),
            ("Sønderborg", "540"),
            ("Aabenraa", "580"),
            ("Svendborg", "479"),
            ("Assens", "420"),
            ("Billund", "530"),
            ("Fanø", "563"),
            ("Faaborg-Midtfyn", "430"),
            ("Fredericia", "607"),
            ("Haderslev", "510"),
            ("Kerteminde", "440"),
            ("Langeland", "482"),
            ("Middelfart", "410"),
            ("Nordfyn", "480"),
            ("Nyborg", "450"),
            ("Tønder", "550"),
            ("Varde", "573"),
            ("Vejen", "575"),
            ("Ærø", "492"),
        ),
    ),
    (
        "sjaelland",
        "Region Sjælland",
        "DK-85",
        (
            ("Roskilde", "265"),
            ("Køge", "259"),
            ("Slagelse", "330"),
            ("Holbæk", "316"),
            ("Næstved", "370"),
            ("Guldborgsund", "376"),
            ("Faxe", "320"),
            ("Greve", "253"),
            ("Kalundborg", "326"),
            ("Lejre", "350"),
            ("Lolland", "360"),
            ("Odsherred", "306"),
            ("Ringsted", "329"),
            ("Solrød", "269"),
            ("Sorø", "340"),
            ("Stevns", "336"),
            ("Vordingborg", "390"),
        ),
    ),
    (
        "hovedstaden",
        "Region Hovedstaden",
        "DK-84",
        (
            ("København", "101"),
            ("Hillerød", "219"),
            ("Gentofte", "157"),
            ("Glostrup", "161"),
            ("Hvidovre", "167"),
            ("Bornholm", "400"),
            ("Frederiksberg", "147"),
            ("Albertslund", "165"),
            ("Allerød", "201"),
            ("Ballerup", "151"),
            ("Brøndby", "153"),
            ("Dragør", "155"),
            ("Egedal", "240"),
            ("Fredensborg", "210"),
            ("Frederikssund", "250"),
            ("Furesø", "190"),
            ("Gladsaxe", "159"),
            ("Gribskov", "270"),
            ("Halsnæs", "260"),
            ("Helsingør", "217"),
            ("Herlev", "163"),
            ("Høje-Taastrup", "169"),
            ("Hørsholm", "223"),
            ("Ishøj", "183"),
            ("Lyngby-Taarbæk", "173"),
            ("Rudersdal", "230"),
            ("Rødovre", "175"),
            ("Tårnby", "185"),
            ("Vallensbæk", "187"),
        ),
    ),
)
MUNICIPALITY_NAMES = {
    "København": "Københavns Kommune",
    "Bornholm": "Bornholms Regionskommune",
    "Nordfyn": "Nordfyns Kommune",
    "Vesthimmerland": "Vesthimmerlands Kommune",
}
OFFICE_KEYS = (
    "borgmester",
    "kommunaldirektoer",
    "sundhedsdirektoer",
    "socialdirektoer",
    "sundhedschef",
    "sundhedsudvalgsformand",
    "sundhedsudvalgsnaestformand",
    "kommunalpolitiker",
    "sekretariatsmedarbejder",
)
THEMES = (
    ("psykiatri", "psykiatri"),
    ("aeldre", "ældreområdet"),
    ("boern-unge", "børn og unge"),
    ("forebyggelse", "forebyggelse"),
    ("rehabilitering", "genoptræning og rehabilitering"),
    ("data", "data og digitalisering"),
    ("medicin", "medicinhåndtering"),
    ("akut", "akutområdet"),
    ("kronikere", "kronisk sygdom"),
    ("sundhedsfremme", "sundhedsfremme"),
    ("praksis", "almen praksis"),
    ("uddannelse", "uddannelse og kompetencer"),
    ("hjaelpemidler", "hjælpemidler"),
    ("social-ulighed", "social ulighed i sundhed"),
    ("patientsikkerhed", "patientsikkerhed"),
)
CLUSTER_FORA = (
    ("somatik", "Somatisk samarbejdsforum", "sundhedschef"),
    ("psykiatri", "Psykiatrisk samarbejdsforum", "socialdirektoer"),
    ("boern-unge", "Samarbejdsforum for børn og unge", "socialdirektoer"),
    ("aeldre", "Samarbejdsforum for ældre", "sundhedschef"),
)
OFFICE_TITLES = {  # singular, plural, as the synthetic documents write them
    "borgmester": ("borgmesteren", "borgmestrene"),
    "kommunaldirektoer": ("kommunaldirektøren", "kommunaldirektørerne"),
    "sundhedsdirektoer": ("sundhedsdirektøren", "sundhedsdirektørerne"),
    "socialdirektoer": ("socialdirektøren", "socialdirektørerne"),
    "sundhedschef": ("sundhedschefen", "sundhedscheferne"),
    "sundhedsudvalgsformand": ("formanden for sundhedsudvalget", "formændene for sundhedsudvalgene"),
    "sundhedsudvalgsnaestformand": (
        "næstformanden for sundhedsudvalget",
        "næstformændene for sundhedsudvalgene",
    ),
    "kommunalpolitiker": ("kommunalbestyrelsesmedlemmerne", "kommunalbestyrelsesmedlemmerne"),
    "sekretariatsmedarbejder": ("sekretariatsmedarbejderen", "sekretariatsmedarbejderne"),
}
ROLE_WORDS = {
    "formand": "formand",
    "næstformand": "næstformand",
    "medformand": "medformand",
    "medlem": "medlem",
    "sekretær": "sekretær",
    "observatør": "observatør",
}
TYPE_WORDS = {
    "committee": "udvalg",
    "steering_group": "styregruppe",
    "council": "råd",
    "executive_committee": "direktørforum",
    "network": "netværk",
    "secretariat": "sekretariat",
}
SYNTH_URL = "https://example.org/sundhedsgraf/synth"  # reference data of a synthetic country


def slugify(text: str) -> str:
    from .model import slugify as _slugify

    return _slugify(text)


def _of(role: str) -> str:
    """Danish: formand *for* udvalget, medlem *af* udvalget."""
    return "for" if role in ("formand", "næstformand", "medformand", "sekretær") else "af"


def and_list(items: list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


# --------------------------------------------------------------------------------------------
# the country


@dataclass
class Municipality:
    id: str
    name: str
    short: str
    slug: str  # the part after "kommune-" (office ids are KEY-<slug>)
    code: str
    region: Region

    def office(self, key: str) -> str:
        return f"{key}-{self.slug}"


@dataclass
class Cluster:
    slug: str
    name: str  # "Viborgklyngen"
    town: str
    munis: list[Municipality]


@dataclass
class Region:
    key: str
    id: str
    name: str
    iso: str | None
    munis: list[Municipality] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)


def country(scale: float) -> list[Region]:
    """The regions and municipalities of a country of ``round(98 * scale)`` municipalities."""
    if not (isinstance(scale, (int, float)) and math.isfinite(scale) and scale > 0):
        raise ConfigError(
            f"--scale {scale!r}: give a positive number (1 = Denmark, 0.05 = five municipalities)."
        )
    total = max(1, round(98 * scale))
    regions: list[Region] = []
    n = 0
    copy = 0
    while n < total:
        suffix = "" if copy == 0 else f" {copy + 1}"
        id_suffix = "" if copy == 0 else f"-{copy + 1}"
        for key, name, iso, munis in REGIONS:
            if n >= total:
                break
            reg = Region(
                key=key + id_suffix,
                id=f"region-{key}{id_suffix}",
                name=name + suffix,
                iso=iso if copy == 0 else None,
            )
            for short, code in munis:
                if n >= total:
                    break
                s = short + suffix
                slug = slugify(short) + id_suffix
                full = MUNICIPALITY_NAMES.get(short, f"{short} Kommune")
                if suffix:
                    full = full.replace(short, s, 1) if short in full else f"{s} Kommune"
                reg.munis.append(
                    Municipality(
                        id=f"kommune-{slug}",
                        name=full,
                        short=s,
                        slug=slug,
                        code=code if copy == 0 else str(copy * 1000 + int(code)),
                        region=reg,
                    )
                )
                n += 1
            k = max(1, round(len(reg.munis) / 5.5))
            size = math.ceil(len(reg.munis) / k)
            for i in range(k):
                part = reg.munis[i * size : (i + 1) * size]
                if part:
                    town = part[0].short
                    reg.clusters.append(
                        Cluster(slug=part[0].slug, name=f"{town}klyngen", town=town, munis=part)
                    )
            regions.append(reg)
        copy += 1
    return regions


# --------------------------------------------------------------------------------------------
# documents and fact files


@dataclass
class Document:
    id: str
    title: str
    date: str | None
    region: str | None
    date_note: str = ""
    defaults: dict = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    nodes: list[dict] = field(default_factory=list)
    relationships: list[dict] = field(default_factory=list)
    gaps: list[dict] = field(default_factory=list)

    def say(self, sentence: str) -> str:
        """Add a sentence to the document's text; the quote that cites it."""
        self.lines.append(sentence)
        return sentence

    def heading(self, text: str) -> None:
        self.lines.append("")
        self.lines.append(text)
        self.lines.append("")

    @property
    def file(self) -> str:
        return f"{self.id}.txt"


def yaml_value(v: Any) -> str:
    """One YAML flow value (JSON-style strings, which YAML reads as written)."""
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(yaml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(f"cannot write {type(v).__name__} as YAML")


_PERIOD = ("valid_from", "valid_to", "validity_basis")


def _with_period(item: dict, period: dict, title: str) -> dict:
    """A fact with its period: the document's (its title dates it: "… i valgperioden 2022-2025",
    "… medlemmer 2023"), unless the fact gives its own; a dated stated fact quotes the title as the
    passage that gives its period (a file's defaults never carry a period)."""
    if "extends" in item:
        return item
    out = {**period, **item}
    if (out.get("valid_from") or out.get("valid_to")) and out.get("confidence") != "inferred":
        out.setdefault("period_sources", [{"quote": title}])
        out.setdefault("validity_basis", "The period the document's title gives.")
    return out


def fact_file_text(doc: Document, header: str) -> str:
    out = [header, f"document: {yaml_value(doc.id) if doc.id else 'null'}"]
    period = {k: v for k, v in doc.defaults.items() if k in _PERIOD}
    defaults = {k: v for k, v in doc.defaults.items() if k not in _PERIOD}
    if defaults:
        out.append(f"defaults: {yaml_value(defaults)}")
    for section in ("nodes", "relationships", "gaps"):
        items = getattr(doc, section)
        if items:
            out.append(f"{section}:")
            out.extend(
                f"- {yaml_value(_with_period(item, period, doc.title) if section != 'gaps' else item)}"
                for item in items
            )
    return "\n".join(out) + "\n"


class Generator:
    """Builds the documents of a synthetic country; :meth:`documents` returns them."""

    def __init__(self, scale: float, seed: int):
        self.scale = scale
        self.seed = seed
        self.rng = random.Random(f"sundhedsgraf-synth:{seed}")
        self.regions = country(scale)
        self.docs: dict[str, Document] = {}
        self.inferred = Document(id="", title="", date=None, region=None)
        self.n_nodes = 0
        self.n_rels = 0

    # ---- helpers
    def doc(
        self,
        doc_id: str,
        title: str,
        date: str | None,
        region: str | None,
        note: str = "",
        defaults: dict | None = None,
    ) -> Document:
        if doc_id not in self.docs:
            d = Document(
                id=doc_id,
                title=title,
                date=date,
                region=region,
                date_note=note,
                defaults=dict(defaults or {}),
            )
            d.lines.append(title)
            d.lines.append("")
            self.docs[doc_id] = d
        return self.docs[doc_id]

    def node(self, doc: Document, quote: str, **props) -> dict:
        n = {k: v for k, v in props.items() if v is not None}
        n["sources"] = [{"quote": quote}]
        doc.nodes.append(n)
        self.n_nodes += 1
        self.n_rels += len(n["part_of"]) if isinstance(n.get("part_of"), list) else int("part_of" in n)
        self.n_rels += int("in" in n)
        return n

    def rel(self, doc: Document, rtype: str, start, end, quote: str, **props) -> None:
        r = {"type": rtype, "start": start, "end": end}
        r.update({k: v for k, v in props.items() if v is not None})
        r["sources"] = [{"quote": quote}]
        doc.relationships.append(r)
        ns = len(start["municipalities"]) if isinstance(start, dict) and "municipalities" in start else 1
        ne = len(end["municipalities"]) if isinstance(end, dict) and "municipalities" in end else 1
        self.n_rels += ns * ne

    def seats(
        self,
        doc: Document,
        forum: str,
        forum_name: str,
        key: str,
        munis: list[Municipality],
        role: str,
        when: str,
        **props,
    ) -> None:
        """One group statement: the KEY offices of ``munis`` are ROLE of FORUM."""
        if not munis:
            return
        sing, plur = OFFICE_TITLES[key]
        who = sing if len(munis) == 1 else plur
        word = ROLE_WORDS[role] if len(munis) == 1 else ("medlemmer" if role == "medlem" else role)
        quote = doc.say(
            f"{when} er {who} fra {and_list([m.name for m in munis])} {word} {_of(role)} {forum_name}."
        )
        start = (
            {"office": key, "municipality": munis[0].id}
            if len(munis) == 1
            else {"office": key, "municipalities": [m.id for m in munis]}
        )
        self.rel(doc, "MEMBER_OF", start, forum, quote, role=role, **props)

    def member(
        self,
        doc: Document,
        who_id: str,
        who_name: str,
        forum: str,
        forum_name: str,
        role: str,
        when: str,
        **props,
    ) -> None:
        quote = doc.say(f"{when} er {who_name} {ROLE_WORDS[role]} {_of(role)} {forum_name}.")
        self.rel(doc, "MEMBER_OF", who_id, forum, quote, role=role, **props)

    # ---- the whole country
    def build(self) -> Generator:
        self.national()
        for reg in self.regions:
            self.region_organisation(reg)
        for reg in self.regions:
            for y in YEARS:
                self.region_year(reg, y)
            for period in PERIODS:
                self.region_period(reg, period)
            self.region_reform(reg)
        for y in YEARS:
            self.national_year(y)
        for period in PERIODS:
            self.national_period(period)
        return self

    # ---- national level
    def national(self) -> None:
        d = self.doc(
            "national",
            "Den nationale organisering af sundhedssamarbejdet (syntetisk)",
            "2017-01-01",
            None,
            defaults={"status": "active"},
        )
        d.heading("Organisationer")
        self.node(
            d,
            d.say("KL er kommunernes forening og interesseorganisation."),
            id="kl",
            label="Organisation",
            name="KL",
            abbreviation="KL",
            aliases=["Kommunernes Landsforening"],
            org_type="association",
        )
        self.node(
            d,
            d.say("Danske Regioner er regionernes interesseorganisation."),
            id="danske-regioner",
            label="Organisation",
            name="Danske Regioner",
            org_type="association",
        )
        self.node(
            d,
            d.say("PLO organiserer de praktiserende læger."),
            id="plo",
            label="Organisation",
            name="Praktiserende Lægers Organisation",
            abbreviation="PLO",
            org_type="union",
        )
        self.node(
            d,
            d.say("Indenrigs- og Sundhedsministeriet har ansvaret for sundhedsreformen."),
            id="sundhedsministeriet",
            label="Organisation",
            name="Indenrigs- og Sundhedsministeriet",
            org_type="government",
        )
        d.heading("Nationale fora")
        self.node(
            d,
            d.say("KL's repræsentantskab består af borgmestrene og mødes to gange om året."),
            id="kl-repraesentantskab",
            label="Forum",
            name="KL's repræsentantskab",
            forum_type="council",
            level="political",
            sector="municipal",
            meetings_per_year=2,
            part_of="kl",
        )
        self.node(
            d,
            d.say("KL's Sundheds- og Ældreudvalg mødes hver måned."),
            id="kl-sundhedsudvalg",
            label="Forum",
            name="KL's Sundheds- og Ældreudvalg",
            forum_type="committee",
            level="political",
            sector="municipal",
            meetings_per_year=11,
            part_of="kl",
        )
        self.node(
            d,
            d.say("KL's Sundhedschefforum samler en sundhedschef fra hver region fire gange om året."),
            id="kl-sundhedschefforum",
            label="Forum",
            name="KL's Sundhedschefforum",
            forum_type="network",
            level="administrative",
            sector="municipal",
            meetings_per_year=4,
            part_of="kl",
        )
        self.node(
            d,
            d.say("Det Nationale Sundhedssamarbejdsforum samler regionerne, KL og Danske Regioner."),
            id="nationalt-sundhedssamarbejdsforum",
            label="Forum",
            name="Det Nationale Sundhedssamarbejdsforum",
            forum_type="collaboration_forum",
            level="mixed",
            sector="national",
            meetings_per_year=2,
        )
        q = d.say(
            "KL's Sundheds- og Ældreudvalg forbereder sager til KL's bestyrelse via repræsentantskabet."
        )
        self.rel(
            d,
            "PREPARES_CASES_FOR",
            "kl-sundhedsudvalg",
            "kl-repraesentantskab",
            q,
            wording="forbereder sager til",
        )
        q = d.say("KL's Sundhedschefforum rådgiver KL's Sundheds- og Ældreudvalg.")
        self.rel(d, "ADVISES", "kl-sundhedschefforum", "kl-sundhedsudvalg", q, wording="rådgiver")
        q = d.say("KL og Danske Regioner er medlemmer af Det Nationale Sundhedssamarbejdsforum.")
        self.rel(d, "MEMBER_OF", "kl", "nationalt-sundhedssamarbejdsforum", q, role="medlem")
        self.rel(d, "MEMBER_OF", "danske-regioner", "nationalt-sundhedssamarbejdsforum", q, role="medlem")
        q = d.say("KL varetager sekretariatsbetjeningen af KL's Sundhedschefforum.")
        self.rel(d, "SECRETARIAT_FOR", "kl", "kl-sundhedschefforum", q)

        r = self.doc(
            "reform",
            "Sundhedsreformen 2027: proces og milepæle (syntetisk)",
            "2024-12-01",
            None,
            defaults={"status": "active"},
        )
        self.node(
            r,
            r.say("Sundhedsreformen træder i kraft den 1. januar 2027."),
            id="sundhedsreform-2027",
            label="Process",
            name="Sundhedsreformen 2027",
            goal_date="2027-01-01",
            starts="2025-01-01",
            ends="2027-12-31",
        )
        phases = (
            ("fase-forberedelse", "Forberedelse", "2025", "2025-01-01", "2025-12-31", "year"),
            ("fase-etablering", "Etablering af sundhedsrådene", "2026", "2026-01-01", "2026-12-31", "year"),
            ("fase-drift", "Første driftsår", "2027", "2027-01-01", "2027-12-31", "year"),
        )
        for i, (pid, pname, when, starts, ends, prec) in enumerate(phases, 1):
            q = r.say(f"Fase {i}, {pname.lower()}, ligger i {when}.")
            self.node(
                r,
                q,
                id=pid,
                label="Phase",
                name=pname,
                order=i,
                when_text=when,
                starts=starts,
                ends=ends,
                precision=prec,
                part_of="sundhedsreform-2027",
            )
        for a, b in pairwise(phases):
            q = r.say(f"Fasen {a[1].lower()} går forud for fasen {b[1].lower()}.")
            self.rel(r, "PRECEDES", a[0], b[0], q)
        milestones = (
            (
                "milepael-lov",
                "Lov om sundhedsreformen vedtaget",
                "Senest juni 2025",
                "2025-06-01",
                "2025-06-30",
                "month",
                True,
                "fase-forberedelse",
            ),
            (
                "milepael-sundhedsraad-nedsat",
                "Sundhedsrådene nedsat",
                "1. januar 2026",
                "2026-01-01",
                "2026-01-01",
                "day",
                False,
                "fase-etablering",
            ),
            (
                "milepael-sundhedsplaner",
                "Sundhedsplaner vedtaget",
                "Frist oktober 2026",
                "2026-10-01",
                "2026-10-31",
                "month",
                True,
                "fase-etablering",
            ),
            (
                "milepael-ikrafttraeden",
                "Reformen træder i kraft",
                "1. januar 2027",
                "2027-01-01",
                "2027-01-01",
                "day",
                False,
                "fase-drift",
            ),
        )
        for mid, mname, when, starts, ends, prec, deadline, phase in milestones:
            q = r.say(f"Milepæl: {mname} ({when}).")
            self.node(
                r,
                q,
                id=mid,
                label="Milestone",
                name=mname,
                when_text=when,
                starts=starts,
                ends=ends,
                precision=prec,
                deadline=deadline,
                part_of=phase,
            )
        q = r.say("Ministeriet har ansvaret for at lovgivningen er på plads.")
        self.rel(r, "RESPONSIBLE_FOR", "sundhedsministeriet", "milepael-lov", q, task="lovgivning")
        q = r.say("KL koordinerer kommunernes forberedelse af reformen.")
        self.rel(r, "RESPONSIBLE_FOR", "kl", "fase-forberedelse", q, task="koordinering")

    def national_year(self, y: int) -> None:
        d = self.doc(
            f"national-{y}",
            f"Nationale fora: medlemmer {y} (syntetisk)",
            f"{y}-01-15",
            None,
            defaults={"status": "active", "valid_from": f"{y}-01-01", "valid_to": f"{y}-12-31"},
        )
        reps = [reg.munis[(y + i) % len(reg.munis)] for i, reg in enumerate(self.regions)]
        self.seats(
            d, "kl-sundhedschefforum", "KL's Sundhedschefforum", "sundhedschef", reps[1:], "medlem", f"I {y}"
        )
        self.seats(
            d, "kl-sundhedschefforum", "KL's Sundhedschefforum", "sundhedschef", reps[:1], "formand", f"I {y}"
        )
        for reg in self.regions:
            self.member(
                d,
                reg.id,
                reg.name,
                "nationalt-sundhedssamarbejdsforum",
                "Det Nationale Sundhedssamarbejdsforum",
                "medlem",
                f"I {y}",
            )

    def national_period(self, period: tuple[int, int]) -> None:
        a, b = period
        d = self.doc(
            f"national-valgperiode-{a}-{b}",
            f"KL's politiske fora i valgperioden {a}-{b} (syntetisk)",
            f"{a}-01-01",
            None,
            defaults={
                "status": "active" if a < REFORM_YEAR else "planned",
                "valid_from": f"{a}-01-01",
                "valid_to": f"{b}-12-31",
                "validity_basis": f"The municipal election period {a}-{b}.",
            },
        )
        when = f"I valgperioden {a}-{b}"
        for reg in self.regions:
            self.seats(
                d, "kl-repraesentantskab", "KL's repræsentantskab", "borgmester", reg.munis, "medlem", when
            )
        chosen = [reg.munis[(a + i) % len(reg.munis)] for i, reg in enumerate(self.regions)]
        self.seats(
            d,
            "kl-sundhedsudvalg",
            "KL's Sundheds- og Ældreudvalg",
            "sundhedsudvalgsformand",
            chosen[1:],
            "medlem",
            when,
        )
        self.seats(
            d, "kl-sundhedsudvalg", "KL's Sundheds- og Ældreudvalg", "borgmester", chosen[:1], "formand", when
        )

    # ---- a region's organisation (static)
    def region_organisation(self, reg: Region) -> None:
        rk, rn = reg.key, reg.name
        d = self.doc(
            f"{rk}-organisation",
            f"Sundhedssamarbejdets organisering i {rn} (syntetisk)",
            "2017-01-01",
            reg.id,
            defaults={"status": "active"},
        )
        d.heading("Regionen og kommunerne")
        self.node(
            d,
            d.say(f"{rn} består af {len(reg.munis)} kommuner."),
            id=reg.id,
            label="Region",
            name=rn,
            iso_3166_2=reg.iso,
        )
        self.node(
            d,
            d.say(f"Regionsrådet i {rn} er regionens øverste politiske myndighed."),
            id=f"regionsraadet-{rk}",
            label="Organisation",
            name=f"Regionsrådet, {rn}",
            org_type="council",
            part_of=reg.id,
        )
        self.node(
            d,
            d.say(f"KKR-sekretariatet i {rn} betjener de kommunale fora."),
            id=f"kkr-sekretariatet-{rk}",
            label="Organisation",
            name=f"KKR-sekretariatet, {rn}",
            org_type="secretariat",
            part_of="kl",
        )
        self.node(
            d,
            d.say(f"PLO-{reg.name.removeprefix('Region ')} repræsenterer de praktiserende læger i regionen."),
            id=f"plo-{rk}",
            label="Organisation",
            name=f"PLO-{reg.name.removeprefix('Region ')}",
            org_type="union",
            part_of="plo",
        )
        for title, oid, level, count in (
            ("Regionsrådsformand", f"regionsraadsformand-{rk}", "political", None),
            ("Koncerndirektør", f"koncerndirektoer-{rk}", "administrative", None),
            (
                "Kontorchef for sundhedsplanlægning",
                f"kontorchef-sundhedsplanlaegning-{rk}",
                "administrative",
                None,
            ),
            ("Regionsrådsmedlemmer", f"regionsraadsmedlemmer-{rk}", "political", 4),
        ):
            q = d.say(f"{title}, {rn}, deltager i sundhedssamarbejdet.")
            self.node(
                d,
                q,
                id=oid,
                label="Office",
                name=f"{title}, {rn}",
                title=title,
                office_level=level,
                holder_known=True,
                count=count,
                **{"in": reg.id},
            )
        for m in reg.munis:
            q = d.say(f"{m.name} (kommunekode {m.code}) ligger i {rn}.")
            self.node(
                d,
                q,
                id=m.id,
                label="Municipality",
                name=m.name,
                short_name=m.short,
                code=m.code,
                region=reg.id,
                part_of=reg.id,
            )
            q = d.say(
                f"{m.name} er repræsenteret ved borgmester, kommunaldirektør, sundhedsdirektør, socialdirektør, "
                f"sundhedschef, formand og næstformand for sundhedsudvalget, kommunalbestyrelsesmedlemmer og "
                f"sekretariatsmedarbejdere."
            )
            for key in OFFICE_KEYS:
                title = self.office_types[key]["title"]
                self.node(
                    d,
                    q,
                    id=m.office(key),
                    label="Office",
                    name=f"{title}, {m.name}",
                    title=title,
                    office_type=key,
                    office_level=self.office_types[key].get("office_level", "administrative"),
                    holder_known=True,
                    count=5 if key == "kommunalpolitiker" else None,
                    **{"in": m.id},
                )
            q = d.say(f"Sundheds- og Ældreudvalget i {m.name} mødes elleve gange om året.")
            self.node(
                d,
                q,
                id=f"sundhedsudvalg-{m.slug}",
                label="Forum",
                name=f"Sundheds- og Ældreudvalget, {m.name}",
                forum_type="committee",
                level="political",
                sector="municipal",
                meetings_per_year=11,
            )
            q = d.say(f"Direktionen i {m.name} mødes hver uge.")
            self.node(
                d,
                q,
                id=f"direktion-{m.slug}",
                label="Forum",
                name=f"Direktionen, {m.name}",
                forum_type="executive_committee",
                level="administrative",
                sector="municipal",
                meetings_per_year=45,
            )

        q = d.say(f"KKR-formanden i {rn} vælges af KKR blandt borgmestrene.")
        self.node(
            d,
            q,
            id=f"kkr-formand-{rk}",
            label="Office",
            name=f"KKR-formand, {rn}",
            title="KKR-formand",
            office_level="political",
            holder_known=True,
            **{"in": f"kkr-{rk}"},
        )

        d.heading("Regionale fora")
        fora = (
            (
                f"sku-{rk}",
                f"Sundhedskoordinationsudvalget, {rn}",
                "SKU",
                "committee",
                "political",
                "cross_sector",
                4,
                None,
                "2026-12-31",
            ),
            (
                f"sundhedsstyregruppen-{rk}",
                f"Sundhedsstyregruppen, {rn}",
                None,
                "steering_group",
                "administrative",
                "cross_sector",
                4,
                5,
                None,
            ),
            (
                f"kkr-{rk}",
                f"KKR {rn.removeprefix('Region ')}",
                "KKR",
                "council",
                "political",
                "municipal",
                6,
                None,
                None,
            ),
            (
                f"kosu-{rk}",
                f"Kommunaldirektørkredsen, {rn}",
                "KOSU",
                "executive_committee",
                "administrative",
                "municipal",
                10,
                None,
                None,
            ),
            (
                f"dassos-{rk}",
                f"Den Administrative Styregruppe for Socialområdet, {rn}",
                "DASSOS",
                "steering_group",
                "administrative",
                "municipal",
                6,
                None,
                None,
            ),
            (
                f"sundhedschefnetvaerk-{rk}",
                f"Sundhedschefnetværket, {rn}",
                None,
                "network",
                "administrative",
                "municipal",
                4,
                None,
                None,
            ),
            (
                f"faellessekretariat-{rk}",
                f"Fællessekretariatet for sundhedsaftalen, {rn}",
                None,
                "secretariat",
                "secretariat",
                "cross_sector",
                None,
                None,
                None,
            ),
            (
                f"praksisplanudvalg-{rk}",
                f"Praksisplanudvalget, {rn}",
                "PPU",
                "committee",
                "mixed",
                "cross_sector",
                4,
                None,
                None,
            ),
        )
        for fid, name, abbr, ftype, level, sector, mpy, mpy_max, valid_to in fora:
            q = d.say(
                f"{name} er et {TYPE_WORDS[ftype]} i {rn}"
                + (f" og mødes {mpy} gange om året." if mpy else ".")
            )
            props = {}
            if fid == f"sundhedschefnetvaerk-{rk}":  # the contradiction of this region
                props = {"disputed": True, "gap": f"gap-netvaerk-moeder-{rk}"}
            self.node(
                d,
                q,
                id=fid,
                label="Forum",
                name=name,
                abbreviation=abbr,
                forum_type=ftype,
                level=level,
                sector=sector,
                region=reg.id,
                meetings_per_year=mpy,
                meetings_per_year_max=mpy_max,
                valid_to=valid_to,
                part_of=reg.id,
                **props,
            )
        q1 = d.say(f"Sundhedschefnetværket i {rn} mødes fire gange årligt.")
        q2 = d.say(f"Sundhedschefnetværket i {rn} holder seks møder om året.")
        d.gaps.append(
            {
                "id": f"gap-netvaerk-moeder-{rk}",
                "gap_type": "contradiction",
                "name": f"Does the sundhedschef network of {rn} meet four or six times a year?",
                "description": "The document gives both numbers.",
                "concerns": [f"sundhedschefnetvaerk-{rk}"],
                "sources": [{"quote": q1}, {"quote": q2}],
            }
        )
        self.n_nodes += 1
        self.n_rels += 1
        sg, sku, kkr, kosu = f"sundhedsstyregruppen-{rk}", f"sku-{rk}", f"kkr-{rk}", f"kosu-{rk}"
        links: tuple[tuple[str, str, str, str, dict[str, str]], ...] = (
            (
                "REPORTS_TO",
                sg,
                sku,
                "Sundhedsstyregruppen refererer til Sundhedskoordinationsudvalget",
                {"wording": "refererer til"},
            ),
            (
                "REPORTS_TO",
                sku,
                f"regionsraadet-{rk}",
                "Sundhedskoordinationsudvalget rapporterer til regionsrådet",
                {"wording": "rapporterer til"},
            ),
            (
                "REPORTS_TO",
                sku,
                kkr,
                "Sundhedskoordinationsudvalget rapporterer til KKR",
                {"wording": "rapporterer til"},
            ),
            ("PREPARES_CASES_FOR", kosu, kkr, "KOSU forbereder sager til KKR", {}),
            ("PREPARES_CASES_FOR", f"dassos-{rk}", kosu, "DASSOS forbereder sager til KOSU", {}),
            (
                "REPORTS_TO",
                f"sundhedschefnetvaerk-{rk}",
                kosu,
                "Sundhedschefnetværket refererer til KOSU",
                {"wording": "refererer til"},
            ),
            (
                "REPORTS_TO",
                f"praksisplanudvalg-{rk}",
                sku,
                "Praksisplanudvalget refererer til Sundhedskoordinationsudvalget",
                {"wording": "refererer til"},
            ),
            (
                "SECRETARIAT_FOR",
                f"faellessekretariat-{rk}",
                sku,
                "Fællessekretariatet betjener Sundhedskoordinationsudvalget",
                {},
            ),
            (
                "SECRETARIAT_FOR",
                f"faellessekretariat-{rk}",
                sg,
                "Fællessekretariatet betjener Sundhedsstyregruppen",
                {},
            ),
            ("SECRETARIAT_FOR", f"kkr-sekretariatet-{rk}", kkr, "KKR-sekretariatet betjener KKR", {}),
            ("PART_OF", kkr, "kl", "KKR er en del af KL", {}),
            (
                "MEMBER_OF",
                f"plo-{rk}",
                f"praksisplanudvalg-{rk}",
                f"PLO-{rn.removeprefix('Region ')} er medlem af Praksisplanudvalget",
                {"role": "medlem"},
            ),
        )
        for rtype, a, b, text, link_props in links:
            self.rel(d, rtype, a, b, d.say(f"{text} i {rn}."), **link_props)

        d.heading("Temagrupper")
        for tkey, tname in THEMES:
            fid = f"temagruppe-{tkey}-{rk}"
            q = d.say(
                f"Temagruppen for {tname} i {rn} er nedsat af Sundhedsstyregruppen og mødes fire gange om året."
            )
            self.node(
                d,
                q,
                id=fid,
                label="Forum",
                name=f"Temagruppen for {tname}, {rn}",
                forum_type="theme_group",
                level="administrative",
                sector="cross_sector",
                region=reg.id,
                meetings_per_year=4,
                part_of=sg,
            )
            self.rel(d, "SETS_UP", sg, fid, q, wording="nedsat af")

        d.heading("Klynger")
        for c in reg.clusters:
            q = d.say(
                f"{c.name} omfatter {and_list([m.name for m in c.munis])} og Hospitalsenheden {c.town}."
            )
            self.node(
                d,
                q,
                id=f"hospital-{c.slug}",
                label="Organisation",
                name=f"Hospitalsenheden {c.town}",
                org_type="hospital",
                part_of=reg.id,
            )
            self.node(
                d,
                q,
                id=f"klynge-{c.slug}",
                label="Forum",
                name=c.name,
                forum_type="cluster",
                level="mixed",
                sector="cross_sector",
                region=reg.id,
                valid_to="2026-12-31",
            )
            for m in c.munis:
                self.rel(d, "MEMBER_OF", m.id, f"klynge-{c.slug}", q, role="medlem", valid_to="2026-12-31")
            q = d.say(
                f"Klyngestyregruppen for {c.name} leder klyngens arbejde og refererer til Sundhedsstyregruppen."
            )
            self.node(
                d,
                q,
                id=f"klyngestyregruppe-{c.slug}",
                label="Forum",
                name=f"Klyngestyregruppen, {c.name}",
                forum_type="steering_group",
                level="administrative",
                sector="cross_sector",
                region=reg.id,
                meetings_per_year=6,
                valid_to="2026-12-31",
                part_of=f"klynge-{c.slug}",
            )
            self.rel(
                d,
                "REPORTS_TO",
                f"klyngestyregruppe-{c.slug}",
                sg,
                q,
                wording="refererer til",
                valid_to="2026-12-31",
            )
            for akey, aname, _ in CLUSTER_FORA:
                q = d.say(f"{aname} i {c.name} mødes fire gange om året og refererer til klyngestyregruppen.")
                fid = f"samarbejdsforum-{akey}-{c.slug}"
                self.node(
                    d,
                    q,
                    id=fid,
                    label="Forum",
                    name=f"{aname}, {c.name}",
                    forum_type="collaboration_forum",
                    level="administrative",
                    sector="cross_sector",
                    region=reg.id,
                    meetings_per_year=4,
                    part_of=f"klynge-{c.slug}",
                )
                self.rel(
                    d,
                    "REPORTS_TO",
                    fid,
                    f"klyngestyregruppe-{c.slug}",
                    q,
                    wording="refererer til",
                    valid_to="2026-12-31",
                )

    # ---- a region's year
    def region_year(self, reg: Region, y: int) -> None:
        rk, rn, ms, rng = reg.key, reg.name, reg.munis, self.rng
        d = self.doc(
            f"{rk}-{y}",
            f"Sundhedssamarbejdet i {rn}: medlemmer og formandskaber {y} (syntetisk)",
            f"{y}-01-15",
            reg.id,
            defaults={
                "status": "active",
                "valid_from": f"{y}-01-01",
                "valid_to": f"{y}-12-31",
                "validity_basis": f"The membership list for {y}.",
            },
        )
        when = f"I {y}"
        n = len(ms)
        chair, vice = ms[y % n], ms[(y + 1) % n]
        rest = [m for m in ms if m is not chair and m is not vice]
        d.heading("Kommunale fora")
        kosu = f"Kommunaldirektørkredsen, {rn}"
        self.seats(d, f"kosu-{rk}", kosu, "kommunaldirektoer", [chair], "formand", when)
        if vice is not chair:
            self.seats(d, f"kosu-{rk}", kosu, "kommunaldirektoer", [vice], "næstformand", when)
        self.seats(d, f"kosu-{rk}", kosu, "kommunaldirektoer", rest, "medlem", when)
        net = f"Sundhedschefnetværket, {rn}"
        self.seats(d, f"sundhedschefnetvaerk-{rk}", net, "sundhedschef", [vice], "formand", when)
        self.seats(
            d,
            f"sundhedschefnetvaerk-{rk}",
            net,
            "sundhedschef",
            [m for m in ms if m is not vice],
            "medlem",
            when,
        )
        host = ms[0]
        q = d.say(f"{when} varetager {host.name} sekretariatet for KOSU og sundhedschefnetværket i {rn}.")
        self.rel(d, "SECRETARIAT_FOR", host.office("sekretariatsmedarbejder"), f"kosu-{rk}", q)
        self.rel(
            d, "SECRETARIAT_FOR", host.office("sekretariatsmedarbejder"), f"sundhedschefnetvaerk-{rk}", q
        )
        dassos = rng.sample(ms, min(7, n))
        dn = f"Den Administrative Styregruppe for Socialområdet, {rn}"
        self.seats(d, f"dassos-{rk}", dn, "socialdirektoer", dassos[:1], "formand", when)
        self.seats(
            d, f"dassos-{rk}", dn, "socialdirektoer", sorted(dassos[1:], key=lambda m: m.id), "medlem", when
        )

        d.heading("Tværsektorielle fora")
        sg, sgn = f"sundhedsstyregruppen-{rk}", f"Sundhedsstyregruppen, {rn}"
        fixed = ms[: min(5, n)]
        rotating = rng.sample(ms[5:], min(2, max(0, n - 5)))
        self.seats(d, sg, sgn, "sundhedsdirektoer", fixed + rotating, "medlem", when)
        self.seats(d, sg, sgn, "kommunaldirektoer", [chair], "medformand", when)
        self.member(d, f"koncerndirektoer-{rk}", f"Koncerndirektør, {rn}", sg, sgn, "medformand", when)
        self.member(d, f"plo-{rk}", f"PLO-{rn.removeprefix('Region ')}", sg, sgn, "observatør", when)
        for c in reg.clusters:
            self.member(d, f"hospital-{c.slug}", f"Hospitalsenheden {c.town}", sg, sgn, "medlem", when)
        q = d.say(f"{when} mødes KOSU med koncerndirektøren i {rn} to gange.")
        self.rel(d, "MEETS_WITH", f"kosu-{rk}", f"koncerndirektoer-{rk}", q, purpose="dialogmøde")
        q = d.say(f"{when} holder KKR et dialogmøde med regionsrådsformanden i {rn}.")
        self.rel(d, "MEETS_WITH", f"kkr-{rk}", f"regionsraadsformand-{rk}", q, purpose="årligt dialogmøde")

        ppu, ppun = f"praksisplanudvalg-{rk}", f"Praksisplanudvalget, {rn}"
        self.seats(
            d,
            ppu,
            ppun,
            "sundhedsdirektoer",
            sorted(rng.sample(ms, min(3, n)), key=lambda m: m.id),
            "medlem",
            when,
        )
        self.member(
            d,
            f"kontorchef-sundhedsplanlaegning-{rk}",
            f"Kontorchef for sundhedsplanlægning, {rn}",
            ppu,
            ppun,
            "sekretær",
            when,
        )

        d.heading("Temagrupper")
        for tkey, tname in THEMES:
            fid, fname = f"temagruppe-{tkey}-{rk}", f"Temagruppen for {tname}, {rn}"
            group = rng.sample(ms, min(6, n))
            co, members = group[0], sorted(group[1:], key=lambda m: m.id)
            self.seats(d, fid, fname, "sundhedschef", [co], "medformand", when)
            self.seats(d, fid, fname, "sundhedschef", members, "medlem", when)
            self.member(
                d,
                f"kontorchef-sundhedsplanlaegning-{rk}",
                f"Kontorchef for sundhedsplanlægning, {rn}",
                fid,
                fname,
                "medformand",
                when,
            )
            q = d.say(
                f"{when} udpeger Sundhedsstyregruppen sundhedscheferne fra "
                f"{and_list([m.name for m in group])} til {fname}."
            )
            self.rel(
                d,
                "APPOINTS",
                sg,
                {"office": "sundhedschef", "municipalities": [m.id for m in group]},
                q,
                for_forum=fid,
                role="medlem",
            )
            q = d.say(f"{when} understøtter regionens sundhedsplanlægning {fname}.")
            self.rel(d, "SUPPORTS", f"kontorchef-sundhedsplanlaegning-{rk}", fid, q, how="planlægning")

        d.heading("Klynger")
        for c in reg.clusters:
            ksg, ksgn = f"klyngestyregruppe-{c.slug}", f"Klyngestyregruppen, {c.name}"
            lead = c.munis[y % len(c.munis)]
            self.seats(d, ksg, ksgn, "sundhedsdirektoer", [lead], "formand", when)
            self.seats(d, ksg, ksgn, "sundhedschef", c.munis, "medlem", when)
            self.member(d, f"hospital-{c.slug}", f"Hospitalsenheden {c.town}", ksg, ksgn, "medformand", when)
            self.member(d, ksg, ksgn, sg, sgn, "medlem", when)  # a forum in a forum: indirect representation
            for akey, aname, okey in CLUSTER_FORA:
                fid, fname = f"samarbejdsforum-{akey}-{c.slug}", f"{aname}, {c.name}"
                self.seats(d, fid, fname, okey, c.munis, "medlem", when)
                self.member(
                    d, f"hospital-{c.slug}", f"Hospitalsenheden {c.town}", fid, fname, "medformand", when
                )

    # ---- a region's election period
    def region_period(self, reg: Region, period: tuple[int, int]) -> None:
        rk, rn, ms = reg.key, reg.name, reg.munis
        a, b = period
        d = self.doc(
            f"{rk}-valgperiode-{a}-{b}",
            f"Politiske udpegninger i {rn}, valgperioden {a}-{b} (syntetisk)",
            f"{a}-01-01",
            reg.id,
            defaults={
                "status": "active" if a < REFORM_YEAR else "planned",
                "valid_from": f"{a}-01-01",
                "valid_to": f"{b}-12-31",
                "validity_basis": f"The municipal election period {a}-{b}.",
            },
        )
        when = f"I valgperioden {a}-{b}"
        n = len(ms)
        chair = ms[(a // 4) % n]
        kkr, kkrn = f"kkr-{rk}", f"KKR {rn.removeprefix('Region ')}"
        self.seats(d, kkr, kkrn, "borgmester", [chair], "formand", when)
        self.seats(d, kkr, kkrn, "borgmester", [m for m in ms if m is not chair], "medlem", when)
        if a < REFORM_YEAR - 1:  # SKU ends with 2026
            sku, skun = f"sku-{rk}", f"Sundhedskoordinationsudvalget, {rn}"
            chosen = sorted(
                self.rng.sample([m for m in ms if m is not chair], min(4, n - 1)), key=lambda m: m.id
            )
            self.seats(d, sku, skun, "borgmester", chosen, "medlem", when)
            self.member(
                d, f"regionsraadsformand-{rk}", f"Regionsrådsformand, {rn}", sku, skun, "formand", when
            )
            self.member(
                d,
                f"regionsraadsmedlemmer-{rk}",
                f"Regionsrådsmedlemmer, {rn}",
                sku,
                skun,
                "medlem",
                when,
                seats=4,
            )
            # the KKR chair sits in SKU on behalf of the chair's municipality (an office not held there)
            q = d.say(f"{when} er KKR-formanden medlem af {skun} på vegne af {chair.name}.")
            self.rel(d, "MEMBER_OF", f"kkr-formand-{rk}", sku, q, role="medlem", on_behalf_of=chair.id)
            if chosen:
                q = d.say(
                    f"{when} udpeger KKR borgmestrene fra {and_list([m.name for m in chosen])} til {skun}."
                )
                self.rel(
                    d,
                    "APPOINTS",
                    kkr,
                    {"office": "borgmester", "municipalities": [m.id for m in chosen]},
                    q,
                    for_forum=sku,
                    role="medlem",
                )
        for m in ms:
            u, un = f"sundhedsudvalg-{m.slug}", f"Sundheds- og Ældreudvalget, {m.name}"
            self.seats(d, u, un, "sundhedsudvalgsformand", [m], "formand", when)
            self.seats(d, u, un, "sundhedsudvalgsnaestformand", [m], "næstformand", when)
            self.seats(d, u, un, "kommunalpolitiker", [m], "medlem", when, seats=5)
            q = d.say(f"{when} udpeger kommunalbestyrelsen i {m.name} formanden for sundhedsudvalget.")
            self.rel(d, "APPOINTS", m.id, m.office("sundhedsudvalgsformand"), q, for_forum=u, role="formand")
            di, din = f"direktion-{m.slug}", f"Direktionen, {m.name}"
            self.seats(d, di, din, "kommunaldirektoer", [m], "formand", when)
            self.seats(d, di, din, "sundhedsdirektoer", [m], "medlem", when)
            self.seats(d, di, din, "socialdirektoer", [m], "medlem", when)

    # ---- the 2027 reform in a region
    def region_reform(self, reg: Region) -> None:
        rk, rn = reg.key, reg.name
        d = self.doc(
            f"{rk}-reform",
            f"Sundhedsråd i {rn} fra 2026 (syntetisk)",
            "2025-09-01",
            reg.id,
            defaults={
                "status": "active",
                "valid_from": "2026-01-01",
                "valid_to": "2029-12-31",
                "validity_basis": "The sundhedsråd are set up in 2026 for the election period 2026-2029.",
            },
        )
        skf, skfn = f"sundhedssamarbejdsforum-{rk}", f"Sundhedssamarbejdsforum, {rn}"
        q = d.say(f"Fra 2027 samler {skfn} to politikere fra hvert sundhedsråd.")
        self.node(
            d,
            q,
            id=skf,
            label="Forum",
            name=skfn,
            forum_type="collaboration_forum",
            level="political",
            sector="cross_sector",
            region=reg.id,
            meetings_per_year=4,
            valid_from="2027-01-01",
            status="planned",
            part_of=reg.id,
        )
        q = d.say(f"Sundhedskoordinationsudvalget i {rn} nedlægges, når reformen træder i kraft.")
        self.rel(
            d, "ABOLISHES", "sundhedsreform-2027", f"sku-{rk}", q, valid_from="2027-01-01", status="planned"
        )
        for c in reg.clusters:
            sr, srn = f"sundhedsraad-{c.slug}", f"Sundhedsråd {c.town}"
            q = d.say(f"{srn} dækker {and_list([m.name for m in c.munis])} og nedsættes i 2026.")
            self.node(
                d,
                q,
                id=sr,
                label="Forum",
                name=srn,
                forum_type="council",
                level="political",
                sector="cross_sector",
                region=reg.id,
                meetings_per_year=6,
                part_of=reg.id,
            )
            self.seats(d, sr, srn, "borgmester", c.munis, "medlem", "Fra 2026")
            self.seats(d, sr, srn, "sundhedsudvalgsformand", c.munis, "medlem", "Fra 2026")
            self.member(
                d,
                f"regionsraadsmedlemmer-{rk}",
                f"Regionsrådsmedlemmer, {rn}",
                sr,
                srn,
                "medlem",
                "Fra 2026",
                seats=2,
            )
            q = d.say(f"Fra 2027 har {srn} to pladser i {skfn}.")
            self.rel(
                d, "MEMBER_OF", sr, skf, q, role="medlem", seats=2, valid_from="2027-01-01", status="planned"
            )
            q = d.say(f"{srn} afløser Klyngestyregruppen for {c.name}.")
            self.rel(d, "REPLACES", sr, f"klyngestyregruppe-{c.slug}", q)
            q = d.say(f"{srn} er ansvarlig for første driftsår i sit område.")
            self.rel(d, "RESPONSIBLE_FOR", sr, "fase-drift", q, task="sundhedsplan for området")
            d.gaps.append(
                {
                    "id": f"gap-formand-{c.slug}",
                    "gap_type": "unknown",
                    "name": f"Who chairs {srn}?",
                    "description": "The document does not say who will chair it.",
                    "concerns": [sr],
                    "sources": [{"quote": d.say(f"Formanden for {srn} er endnu ikke valgt.")}],
                }
            )
            self.n_nodes += 1
            self.n_rels += 1
        q = d.say(
            f"KKR {rn.removeprefix('Region ')} og KOSU forbereder etableringen af sundhedsrådene i {rn}."
        )
        self.rel(d, "RESPONSIBLE_FOR", f"kkr-{rk}", "fase-etablering", q, task="politisk forberedelse")
        self.rel(
            d, "RESPONSIBLE_FOR", f"kosu-{rk}", "fase-forberedelse", q, task="administrativ forberedelse"
        )
        # inferred: the first cluster's sundhedsråd is assumed to also seat its municipalities themselves
        c = reg.clusters[0]
        for m in c.munis[:2]:
            self.inferred.relationships.append(
                {
                    "type": "MEMBER_OF",
                    "start": m.id,
                    "end": f"sundhedsraad-{c.slug}",
                    "role": "medlem",
                    "status": "planned",
                    "valid_from": "2026-01-01",
                    "confidence": "inferred",
                    "basis": f"NOT stated: assumed from the cluster {c.name}, to which the municipality belongs.",
                    "sources": [
                        {
                            "url": f"{SYNTH_URL}/{rk}/klynger",
                            "note": f"{c.name} and its municipalities (synthetic).",
                        }
                    ],
                }
            )
            self.n_rels += 1

    # ---- output
    @property
    def office_types(self) -> dict:
        if not hasattr(self, "_office_types"):
            import yaml

            data = yaml.safe_load((data_dir("model") / "offices.yaml").read_text(encoding="utf-8"))
            self._office_types = data["office_types"]
            missing = [k for k in OFFICE_KEYS if k not in self._office_types]
            if missing:
                raise ConfigError(
                    f"model/offices.yaml has no office type {missing[0]!r}, which the generator uses."
                )
        return self._office_types


@dataclass
class SynthReport:
    out: str
    scale: float
    seed: int
    municipalities: int
    regions: int
    documents: int
    fact_files: int
    nodes: int
    relationships: int
    seconds: float

    def to_json(self) -> dict:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def _write_files(gen: Generator, root: Path) -> tuple[int, int]:
    (root / "sources").mkdir(parents=True)
    (root / "facts").mkdir()
    for name in ("schema.yaml", "offices.yaml"):
        shutil.copyfile(data_dir("model") / name, root / name)
    header = f"# Synthetic facts (sundhedsgraf synth --scale {gen.scale:g} --seed {gen.seed}); not real data."
    reg = ["# Synthetic source documents written by `sundhedsgraf synth` (not real documents).", "documents:"]
    for doc in gen.docs.values():
        (root / "sources" / doc.file).write_text("\n".join(doc.lines) + "\n", encoding="utf-8")
        entry = {
            "id": doc.id,
            "title": doc.title,
            "file": doc.file,
            "date": doc.date,
            "date_note": doc.date_note or "Synthetic document.",
            "region": doc.region,
            "author": "sundhedsgraf synth",
        }
        reg.append(f"- {yaml_value(entry)}")
        (root / "facts" / f"{doc.id}.yaml").write_text(fact_file_text(doc, header), encoding="utf-8")
    (root / "sources.yaml").write_text("\n".join(reg) + "\n", encoding="utf-8")
    if gen.inferred.relationships:
        inf = gen.inferred
        text = fact_file_text(
            Document(id="", title="", date=None, region=None, relationships=inf.relationships),
            header
            + "\n# Values NOT stated by the synthetic documents: confidence inferred, with their basis.",
        )
        (root / "facts" / "inferred.yaml").write_text(
            text.replace("document: null", "document: null"), encoding="utf-8"
        )
    (root / "README.md").write_text(
        f"# A synthetic sundhedsgraf model\n\nWritten by `sundhedsgraf synth --scale {gen.scale:g} --seed {gen.seed}`: "
        f"{sum(len(r.munis) for r in gen.regions)} municipalities in {len(gen.regions)} regions, ten years of "
        "yearly compositions. Not real data; the format is that of the project's `model/` (see its README).\n",
        encoding="utf-8",
    )
    return len(gen.docs), len(gen.docs) + int(bool(gen.inferred.relationships))


def generate(scale: float = 1.0, seed: int = 1) -> Generator:
    """The documents and facts of a synthetic country (in memory)."""
    return Generator(scale, seed).build()


def write_model(
    out: str | os.PathLike, scale: float = 1.0, seed: int = 1, force: bool = False
) -> SynthReport:
    """Write a synthetic model folder to ``out``; atomically (a temporary folder beside it, then a rename).
    Refuses a non-empty ``out`` unless ``force``."""
    t0 = time.monotonic()
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out} is a file; give --out a folder (it is created).")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise ConfigError(f"{out} is not empty; choose another --out or add --force to replace it.")
    gen = generate(scale, seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.synth-", dir=out.parent))
    old = None
    try:
        docs, files = _write_files(gen, tmp / "model")
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.rename(out, old / "model")
        os.rename(tmp / "model", out)
    except BaseException:
        if old is not None and not out.exists():
            os.rename(old / "model", out)
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return SynthReport(
        out=str(out),
        scale=scale,
        seed=seed,
        municipalities=sum(len(r.munis) for r in gen.regions),
        regions=len(gen.regions),
        documents=docs,
        fact_files=files,
        nodes=gen.n_nodes,
        relationships=gen.n_rels,
        seconds=time.monotonic() - t0,
    )
