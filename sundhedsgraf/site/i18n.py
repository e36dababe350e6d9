"""The site's words, Danish first with English beside them.

Every label is written in Danish with its English form in a ``data-en`` attribute (:func:`label`);
the page's language button swaps them (``assets/site.js``) and remembers the choice. Names, roles
and quotes from the documents stay as the documents write them; only the roles the documents use
for seats get an English form.
"""

from __future__ import annotations

from markupsafe import Markup, escape

#: key -> (Danish, English)
LABELS: dict[str, tuple[str, str]] = {
    "site": ("sundhedsgraf", "sundhedsgraf"),
    "tagline": (
        "Hvordan kommuner, regioner og KL organiserer samarbejdet om sundhed — med kilde til hvert faktum",
        "How municipalities, regions and KL organise their cooperation on health — every fact with its source",
    ),
    "skip": ("Gå til indhold", "Skip to content"),
    "home": ("Forside", "Home"),
    "search": ("Søg", "Search"),
    "search_label": (
        "Søg efter kommune, forum, embede eller organisation",
        "Search a municipality, forum, office or organisation",
    ),
    "search_placeholder": ("fx Århus, KOSU, Samsø", "e.g. Århus, KOSU, Samsø"),
    "no_match": ("Intet navn passer", "No name matches"),
    "language": ("English", "Dansk"),
    "language_label": ("Skift sprog til engelsk", "Switch language to Danish"),
    "date": ("Dato", "Date"),
    "date_label": ("Vis oplysningerne, som de står på datoen", "Show the facts as they stand on the date"),
    "today": ("I dag", "Today"),
    "changes_on_page": ("Datoer hvor siden ændrer sig", "Dates on which this page changes"),
    "changes_on_site": ("Datoer hvor oplysningerne ændrer sig", "Dates on which the facts change"),
    "valid": ("Gælder", "Valid"),
    "always": ("alle datoer", "every date"),
    "until": ("til og med", "up to and including"),
    "from": ("fra", "from"),
    "before": ("før", "before"),
    "shown_on": ("Vist for", "Shown for"),
    "nav": ("Hovedmenu", "Main menu"),
    "municipalities": ("Kommuner", "Municipalities"),
    "regions": ("Regioner", "Regions"),
    "region": ("Region", "Region"),
    "timeline": ("Tidslinje", "Timeline"),
    "gaps": ("Huller og modsigelser", "Gaps and contradictions"),
    "sources": ("Kilder", "Sources"),
    "network": ("Netværkskort", "Network map"),
    "network_open": ("Åbn netværkskortet", "Open the network map"),
    "network_focus": ("Netværkskort med fokus på siden", "Network map focused on this page"),
    "diagrams": ("Organisationsdiagrammer", "Organisation charts"),
    "diagram": ("Organisationsdiagram", "Organisation chart"),
    "diagram_soon": (
        "Organisationsdiagrammet kommer snart.",
        "The organisation chart is coming soon.",
    ),
    "questions": ("Spørgsmål", "Questions"),
    "questions_intro": ("Spørgsmål som sitet besvarer:", "Questions this site answers:"),
    "fora": ("Fora", "Fora"),
    "national": ("Nationale og tværregionale organer", "National and cross-regional bodies"),
    "organisations": ("Organisationer", "Organisations"),
    "offices": ("Embeder", "Offices"),
    "represented": ("Hvor kommunen er repræsenteret", "Where the municipality is represented"),
    "represented_none": ("Ingen repræsentation på datoen.", "No representation on the date."),
    "forum": ("Forum", "Forum"),
    "role": ("Rolle", "Role"),
    "via": ("Via", "Via"),
    "how": ("Direkte eller gennem", "Direct or through"),
    "direct": ("direkte", "direct"),
    "through": ("gennem", "through"),
    "path": ("Vej", "Path"),
    "standing": ("Status", "Standing"),
    "disputed": ("omstridt", "disputed"),
    "meetings": ("Møder om året", "Meetings per year"),
    "meetings_none": ("Ingen fora på datoen.", "No fora on the date."),
    "meetings_total": ("Møder i alt om året", "Meetings per year in all"),
    "meetings_unknown": ("fora uden oplyst mødefrekvens", "fora whose cadence is not stated"),
    "meetings_per_year": ("møder/år", "meetings/year"),
    "cadence_source": ("Kilde til mødefrekvens", "Source of the cadence"),
    "seats": ("Pladser", "Seats"),
    "seat": ("Plads", "Seat"),
    "reform": ("Hvad reformen i 2027 ændrer", "What the 2027 reform changes"),
    "reform_intro": (
        "Repræsentationen den {a} sammenlignet med den {b}.",
        "Representation on {a} compared with {b}.",
    ),
    "leaves": ("Forlader", "Leaves"),
    "joins": ("Kommer med i", "Joins"),
    "keeps": ("Beholder", "Keeps"),
    "none": ("Ingen", "None"),
    "members": ("Medlemmer", "Members"),
    "members_none": ("Ingen medlemmer på datoen.", "No members on the date."),
    "member": ("Medlem", "Member"),
    "municipality": ("Kommune", "Municipality"),
    "seat_count": ("Pladser i alt", "Seats in all"),
    "seat_count_open": ("åbent (teksten angiver ikke tallet)", "open (the text gives no number)"),
    "chairs": ("Formandskab", "Chair"),
    "chain": ("Referencer og relationer", "Reporting lines and relations"),
    "reports_to": ("Refererer til", "Reports to"),
    "reported_by": ("Refereres til af", "Reported to by"),
    "other_relations": ("Andre relationer", "Other relations"),
    "chain_none": (
        "Ingen referencer eller relationer på datoen.",
        "No reporting lines or relations on the date.",
    ),
    "appointments": ("Udpegninger", "Appointments"),
    "appoints": ("Udpeger", "Appoints"),
    "appointed_by": ("Udpeges af", "Appointed by"),
    "appointments_none": ("Ingen udpegninger på datoen.", "No appointments on the date."),
    "appointer": ("Udpeger", "Appointer"),
    "appointee": ("Udpeget", "Appointee"),
    "for_forum": ("Til", "For"),
    "history": ("Historik", "History"),
    "in_force": ("I kraft", "In force"),
    "created": ("oprettet", "created"),
    "abolished": ("nedlagt", "abolished"),
    "first_attested": ("første gang nævnt", "first attested"),
    "last_attested": ("senest bekræftet", "last attested"),
    "open_end": ("ingen kilde nævner en slutdato", "no source gives an end"),
    "no_start": ("i kraft før kilderne omtaler det", "in force before the sources speak of it"),
    "status": ("Status", "Status"),
    "cadence_history": ("Mødefrekvens ifølge kilderne", "Cadence according to the sources"),
    "node_sources": ("Kilder til selve enheden", "Sources for the body itself"),
    "gaps_here": ("Huller og modsigelser", "Gaps and contradictions"),
    "gaps_none": ("Kilderne efterlader ingen kendte huller her.", "The sources leave no known gaps here."),
    "unknown": ("Ukendt", "Unknown"),
    "contradiction": ("Modsigelse", "Contradiction"),
    "ambiguity": ("Tvetydighed", "Ambiguity"),
    "concerns": ("Angår", "Concerns"),
    "description": ("Beskrivelse", "Description"),
    "document": ("Dokument", "Document"),
    "documents": ("Dokumenter", "Documents"),
    "doc_date": ("Dato", "Date"),
    "attested": ("Bekræfter fakta fra", "Attests facts from"),
    "coverage": ("Dækning", "Coverage"),
    "coverage_text": (
        "{c} af {n} sætninger citeres af mindst ét faktum",
        "{c} of {n} sentences are cited by at least one fact",
    ),
    "cited": ("citeret passage", "cited passage"),
    "uncited": ("sætning som intet faktum citerer", "sentence no fact cites"),
    "legend": ("Forklaring", "Legend"),
    "full_text": ("Dokumentets tekst", "The document's text"),
    "passages": (
        "Citerede passager og de fakta, der citerer dem",
        "Cited passages and the facts citing them",
    ),
    "cited_by": ("Citeret af", "Cited by"),
    "back_to_text": ("til teksten", "to the text"),
    "quote": ("Citat", "Quote"),
    "title": ("Titel", "Title"),
    "phases": ("Faser", "Phases"),
    "milestone": ("Milepæl", "Milestone"),
    "deadline": ("frist", "deadline"),
    "responsible": ("Ansvarlig", "Responsible"),
    "when": ("Hvornår", "When"),
    "undated": ("Udaterede trin", "Undated steps"),
    "gantt_label": ("Reformens tidsplan som Gantt-diagram", "The reform's schedule as a Gantt chart"),
    "rules": ("Sammensætningsregler", "Composition rules"),
    "page_not_found": ("Siden findes ikke", "Page not found"),
    "kind": ("Type", "Kind"),
    "valid_period": ("Periode", "Period"),
    "open": ("åben", "open"),
    "municipality_of": ("Embede i", "Office in"),
    "diagram_for": ("Organisationsdiagram for {r} pr. {d}", "Organisation chart of {r} on {d}"),
    "print": ("Udskriv", "Print"),
    "map_note": (
        "Kortet viser alle perioder; det åbner i sin egen side.",
        "The map shows every period; it opens on its own page.",
    ),
    "other_pages": ("Se også", "See also"),
    "source_link": ("Kilde", "Source"),
    "reference_source": ("Referencedata", "Reference data"),
}

KINDS: dict[str, tuple[str, str]] = {
    "Municipality": ("Kommune", "Municipality"),
    "Region": ("Region", "Region"),
    "Forum": ("Forum", "Forum"),
    "Office": ("Embede", "Office"),
    "Organisation": ("Organisation", "Organisation"),
    "Process": ("Proces", "Process"),
    "Phase": ("Fase", "Phase"),
    "Milestone": ("Milepæl", "Milestone"),
    "Document": ("Dokument", "Document"),
    "Gap": ("Hul", "Gap"),
    "Rule": ("Regel", "Rule"),
}

#: relationship type -> (Danish, English), read as "start <relation> end"
RELATIONS: dict[str, tuple[str, str]] = {
    "REPORTS_TO": ("refererer til", "reports to"),
    "PREPARES_CASES_FOR": ("forbereder sager til", "prepares cases for"),
    "COMMISSIONS": ("giver opdrag til", "commissions"),
    "SETS_UP": ("nedsætter", "sets up"),
    "ADVISES": ("kan anbefale", "may advise"),
    "IMPLEMENTS": ("implementerer", "implements"),
    "SUBMITS_TO": ("sender til godkendelse i", "submits for approval to"),
    "COOPERATES_WITH": ("samarbejder med", "cooperates with"),
    "SECRETARIAT_FOR": ("sekretariat for", "is the secretariat of"),
    "SUPPORTS": ("understøtter", "supports"),
    "APPOINTS": ("udpeger", "appoints"),
    "MEETS_WITH": ("mødes med", "meets with"),
    "MEMBER_OF": ("medlem af", "member of"),
    "REPLACES": ("erstatter", "replaces"),
    "ABOLISHES": ("nedlægger", "abolishes"),
    "MERGED_WITH": ("lagt sammen med", "merged with"),
    "PART_OF": ("del af", "part of"),
    "HOLDS_OFFICE_IN": ("embede i", "office in"),
    "RESPONSIBLE_FOR": ("ansvarlig for", "responsible for"),
    "PRECEDES": ("går forud for", "precedes"),
    "DESCRIBES": ("beskriver", "describes"),
    "CONCERNS": ("angår", "concerns"),
}

#: the seat roles the documents use
ROLES: dict[str, str] = {
    "medlem": "member",
    "formand": "chair",
    "næstformand": "vice-chair",
    "medformand": "co-chair",
    "observatør": "observer",
    "sekretær": "secretary",
    "sekretariat": "secretariat",
    "deltager": "participant",
}

STANDING: dict[str, tuple[str, str]] = {
    "stated": ("fastslået i kilde", "stated in a source"),
    "inferred": ("udledt", "inferred"),
    "last_attested": ("senest bekræftet", "last attested"),
}

STATUS: dict[str, tuple[str, str]] = {
    "active": ("aktiv", "active"),
    "planned": ("planlagt", "planned"),
    "abolished": ("nedlagt", "abolished"),
    "replaced": ("erstattet", "replaced"),
    "proposed": ("foreslået", "proposed"),
    "completed": ("gennemført", "completed"),
}


def pair(da: str, en: str | None, tag: str = "span", cls: str | None = None) -> Markup:
    """``<span data-en="en">da</span>`` (no attribute when both are the same)."""
    attrs = f' class="{escape(cls)}"' if cls else ""
    if en is not None and en != da:
        attrs += f' data-en="{escape(en)}"'
    return Markup(f"<{tag}{attrs}>{escape(da)}</{tag}>")


def label(key: str, **values: str) -> Markup:
    """A label of :data:`LABELS` in both languages (``{name}`` fields filled in both)."""
    da, en = LABELS[key]
    return pair(da.format(**values) if values else da, en.format(**values) if values else en)


def text(key: str, lang: str = "da", **values: str) -> str:
    """A label's plain text in one language (for attributes and titles)."""
    value = LABELS[key][0 if lang == "da" else 1]
    return value.format(**values) if values else value


def attr(name: str, key: str, **values: str) -> Markup:
    """An attribute in Danish with its English form beside it: ``name="da" data-en-name="en"``."""
    return Markup(
        f'{name}="{escape(text(key, "da", **values))}" data-en-{name}="{escape(text(key, "en", **values))}"'
    )


def kind(k: str) -> Markup:
    da, en = KINDS.get(k, (k, k))
    return pair(da, en)


def relation(rtype: str) -> Markup:
    da, en = RELATIONS.get(rtype, (rtype.lower().replace("_", " "), rtype.lower().replace("_", " ")))
    return pair(da, en, cls="rel")


def role(r: str | None) -> Markup:
    if not r:
        return Markup("")
    return pair(r, ROLES.get(r.strip().lower()), cls="role")


def status(s: str | None) -> Markup:
    if not s:
        return Markup("")
    da, en = STATUS.get(s, (s, s))
    return pair(da, en)


def standing(value: str | None, last_attested: str | None = None) -> Markup:
    """How a row stands: "fastslået i kilde", "udledt" or "senest bekræftet DATO"."""
    da, en = STANDING.get(value or "stated", (value or "", value or ""))
    if value == "last_attested" and last_attested:
        da, en = f"{da} {last_attested}", f"{en} {last_attested}"
    return pair(da, en, cls=f"standing standing-{value or 'stated'}")
