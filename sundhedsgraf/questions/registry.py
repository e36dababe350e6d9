"""The question registry: every question defined once.

A :class:`Question` declares its name, its arguments (with the node kinds each accepts), the
options that apply, example phrasings in Danish and English and the keywords that recognise it in
free text, its database fetch (a method of :class:`~sundhedsgraf.questions.database.Asker`), its
networkx fetch (a function of :mod:`sundhedsgraf.analysis`), the shaping both hand their facts to
(:mod:`sundhedsgraf.questions.shaping`) and its table (:mod:`sundhedsgraf.questions.render`).
The CLI (`ask`), the free-text parser, the Python API (:func:`sundhedsgraf.ask`), the benchmark,
the oracle tests and the README's question table all read :data:`REGISTRY`; nothing else lists
questions. ``docs/architecture.md`` says how to add one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BODY = frozenset({"Forum", "Organisation"})
LINKABLE = frozenset({"Forum", "Office", "Municipality", "Region", "Organisation"})
#: the options `ask` offers; a question lists those that apply to it
OPTIONS = ("region", "max_hops", "limit")


@dataclass(frozen=True)
class Arg:
    """A positional argument: a node (``kinds`` it may name), a date or free text."""

    name: str
    kinds: frozenset[str] = frozenset()
    type: str = "node"  # node | date | text
    default: str | None = None  # an argument with a default may be left out

    @property
    def metavar(self) -> str:
        return self.name.upper()


@dataclass(frozen=True)
class Question:
    name: str
    summary: str  # English, one line (CLI help)
    summary_da: str  # Danish, one line (README, website)
    args: tuple[Arg, ...] = ()
    options: tuple[str, ...] = ()
    examples_da: tuple[str, ...] = ()
    examples_en: tuple[str, ...] = ()
    #: folded-text regular expression (å→aa, æ→ae, ø→oe, lower case) that recognises it in free text
    keywords: str = ""
    #: the facts it needs: "date" (those of one date; the default), "dates" (of the dates it is
    #: given), "checks" (of each rule check's date), "all" (of every period, with the source and
    #: confidence filters), "none" (every fact)
    time: str = "date"
    #: arguments on the real model, for the README, the benchmark and the tests
    example_args: dict[str, Any] = field(default_factory=dict)

    @property
    def usage(self) -> str:
        return " ".join(f"[{a.metavar}]" if a.default else a.metavar for a in self.args)

    def database(self, asker, **args):
        """The database fetch and shaping: ``Asker.<name>``."""
        return getattr(asker, self.name)(**args)

    def oracle(self):
        """The networkx fetch and shaping: ``analysis.<name>``."""
        from .. import analysis

        return getattr(analysis, self.name)

    def shaping(self):
        from . import shaping

        return getattr(shaping, self.name)

    def render(self, answer, shown: dict) -> None:
        from . import render

        getattr(render, self.name)(answer, shown)


_DATE = "date"

QUESTIONS: tuple[Question, ...] = (
    # free text tries them in this order: the more specific words first
    Question(
        "search",
        "Full-text search over names, aliases and source quotes.",
        "Søg i navne, forkortelser og kildecitater.",
        (Arg("text", type="text"),),
        ("limit",),
        ("hvornår er fristen for delingsaftaler?", "søg efter akutfunktion"),
        ("search for sharing agreements", "find delingsaftaler"),
        r"soeg\w*|search\w*|find|finde|fremsoeg\w*",
        time="all",
        example_args={"text": "delingsaftaler"},
    ),
    Question(
        "changes",
        "What changed between two dates: fora, seats and reporting lines.",
        "Hvad ændrer sig mellem to datoer: fora, pladser og referencer.",
        (Arg("date_from", type=_DATE), Arg("date_to", type=_DATE)),
        ("region",),
        ("hvad ændrer sig fra 2015 til 2027?",),
        ("what changes between 2015 and 2027?",),
        r"aendr\w*|forandr\w*|changes?|changed|changing|forskel\w*|differen\w*|sammenlign\w*|compar\w*",
        time="dates",
        example_args={"date_from": "2024-06-01", "date_to": "2027-06-01"},
    ),
    Question(
        "timeline",
        "The reform's processes, phases, milestones and deadlines.",
        "Reformens processer, faser, milepæle og frister.",
        examples_da=("vis tidslinjen",),
        examples_en=("show the timeline",),
        keywords=r"tidslinje\w*|timelines?|tidsplan\w*|faser|faserne|fase|phases?|milepael\w*|milestones?"
        r"|deadlines?|frist|frister|fristerne|fristen|schedule",
        time="none",
    ),
    Question(
        "rules",
        "The composition rules the documents state, checked against the facts.",
        "Sammensætningsregler fra dokumenterne, tjekket mod fakta.",
        examples_da=("hvilke regler er der?",),
        examples_en=("which rules are there?",),
        keywords=r"regl\w*|regel|reglen|rules?|spejlingsprincip\w*|mirror principle",
        time="checks",
    ),
    Question(
        "gaps",
        "What the documents leave unknown or contradict.",
        "Hvad dokumenterne lader uvist eller modsiger.",
        examples_da=("hvad er uvist?",),
        examples_en=("what is unknown?",),
        keywords=r"uvis\w*|ukendt\w*|unknowns?|gaps?|huller|hullerne|uklar\w*|unclear|modsig\w*|contradict\w*"
        r"|mangler vi|ved vi ikke|not known|don t know|do not know|usikker\w*|uncertain\w*",
        time="none",
    ),
    Question(
        "unrepresented",
        "Fora with no municipal representation; municipalities with the fewest seats.",
        "Fora uden kommunal repræsentation; kommuner med færrest pladser.",
        options=("region",),
        examples_da=("hvilke fora har ingen kommunal repræsentation?",),
        examples_en=("which fora have no municipal representation?",),
        keywords=r"ikke (?:er )?repraesent\w*|not represented|unrepresented|underrepresented"
        r"|no (?:municipal |kommunal\w* )?represent\w*|ingen (?:kommunal\w* )?repraesent\w*"
        r"|uden (?:kommunal\w* )?repraesent\w*|without (?:any )?(?:municipal )?represent\w*"
        r"|faerrest\w*|fewest|least represented|mindst repraesent\w*",
    ),
    Question(
        "interlocks",
        "Fora that share members or municipalities.",
        "Fora der deler medlemmer eller kommuner.",
        options=("region",),
        examples_da=("hvilke fora deler medlemmer?",),
        examples_en=("which fora share members?",),
        keywords=r"deler|deles|share|shares|shared|sharing|faelles medlem\w*|common (?:members?|people)"
        r"|interlock\w*|overlap\w*|samme medlem\w*|same (?:members?|people)",
    ),
    Question(
        "matrix",
        "Seats per municipality and forum in a region.",
        "Pladser pr. kommune og forum i en region.",
        (Arg("region", frozenset({"Region"}), default="region-midtjylland"),),
        examples_da=("matrix for Region Midtjylland",),
        examples_en=("matrix for Region Nordjylland",),
        keywords=r"matri[xc]\w*|heat ?maps?|varmekort\w*|krydstabel\w*|cross ?tab\w*",
        example_args={"region": "region-midtjylland"},
    ),
    Question(
        "meetings",
        "Meetings per year of the fora a municipality's offices (or one office) sit in.",
        "Møder om året i de fora, en kommunes embeder (eller ét embede) sidder i.",
        (Arg("target", frozenset({"Municipality", "Office"})),),
        examples_da=("hvor mange møder har Viborg om året?",),
        examples_en=("how many meetings does Samsø have a year?",),
        keywords=r"moede|moeder|moederne|moedes|moedet|meetings?|meet|meets|hvor ofte|how often|moedefrekvens\w*",
        example_args={"target": "kommune-viborg"},
    ),
    Question(
        "links",
        "Who links A and B: the brokers on the paths between them.",
        "Hvem forbinder A og B: mellemleddene på vejene imellem dem.",
        (Arg("a", LINKABLE), Arg("b", LINKABLE)),
        ("max_hops",),
        ("hvem forbinder Region Midtjylland og KL?",),
        ("who links Region Midtjylland and KL?",),
        r"forbind\w*|links?|linked|linking|connect\w*|bridges?|brokers?|bindeled\w*|mellemled\w*",
        example_args={"a": "region-midtjylland", "b": "kl"},
    ),
    Question(
        "appointments",
        "Whom a body appoints, and who appoints it or its members.",
        "Hvem et organ udpeger, og hvem der udpeger det eller dets medlemmer.",
        (Arg("body", LINKABLE),),
        examples_da=("hvem udpeger KOSU-formanden?",),
        examples_en=("who appoints KD-Net?",),
        keywords=r"udpeg\w*|appoint\w*|udnaevn\w*|nominer\w*|nominat\w*|indstill\w*",
        example_args={"body": "kd-net"},
    ),
    Question(
        "chain",
        "What a forum reports to (or prepares cases for), and what reports to it.",
        "Hvad et forum refererer til (eller forbereder sager for), og hvad der refererer til det.",
        (Arg("forum", frozenset({"Forum", "Office", "Organisation"})),),
        examples_da=("hvem refererer KOSU til?",),
        examples_en=("what does DASSOS report to?",),
        keywords=r"refere\w*|reports?|reporting|rapporter\w*|hierarki\w*|hierarch\w*|chain|kaede\w*"
        r"|answers? to|accountable|over sig|under sig|ligger (?:over|under)|above|below|beneath",
        example_args={"forum": "kosu"},
    ),
    Question(
        "members",
        "The members of a forum, with roles, seats and chairs.",
        "Et forums medlemmer med roller, pladser og formandskab.",
        (Arg("forum", BODY),),
        examples_da=("hvem sidder i KOSU?",),
        examples_en=("who are the members of SKF?",),
        keywords=r"medlem\w*|members?|membership|formand|formanden|formaend\w*|naestformand\w*|chairs?"
        r"|chaired|chairman|chairperson|sidder i|sidder med i|sits? (?:in|on)|seats? (?:in|on)"
        r"|hvem er i|who is in|who s in|deltag\w*|participants?|sammensat|sammensaetning\w*"
        r"|composition|composed|bestaar|consists?|consisting",
        example_args={"forum": "kosu"},
    ),
    Question(
        "represented",
        "Where a municipality is represented: forum, role, via whom, direct or not.",
        "Hvor en kommune er repræsenteret: forum, rolle, via hvem, direkte eller ej.",
        (Arg("municipality", frozenset({"Municipality"})),),
        examples_da=("hvor er Viborg repræsenteret?", "hvor er Samsø repræsenteret i 2024?"),
        examples_en=("where is Aarhus represented?",),
        keywords=r"repraesent\w*|represent\w*|hvor sidder|where does \w+(?: \w+)? sit|hvilke fora"
        r"|which fora|which forums|hvor er \w+(?: \w+)? med",
        example_args={"municipality": "kommune-viborg"},
    ),
)

#: the questions by name, in README order (the two main ones first)
REGISTRY: dict[str, Question] = {
    q.name: q
    for q in sorted(
        QUESTIONS,
        key=lambda q: [
            "represented",
            "links",
            "members",
            "chain",
            "appointments",
            "interlocks",
            "matrix",
            "meetings",
            "unrepresented",
            "changes",
            "timeline",
            "rules",
            "gaps",
            "search",
        ].index(q.name),
    )
}
#: the order free text tries them in
CLASSIFY_ORDER: tuple[str, ...] = tuple(q.name for q in QUESTIONS)


def get(name: str) -> Question:
    from ..errors import ConfigError

    if name not in REGISTRY:
        raise ConfigError(f"unknown question '{name}'; choose one of {', '.join(REGISTRY)}.")
    return REGISTRY[name]


README_START = "<!-- questions: generated from sundhedsgraf/questions/registry.py -->"
README_END = "<!-- /questions -->"


def readme_table() -> str:
    """The README's question table, from the registry (between :data:`README_START` and
    :data:`README_END`; ``python scripts/update_readme.py`` rewrites it)."""
    rows = ["| question | answers | på dansk |", "| --- | --- | --- |"]
    for q in REGISTRY.values():
        usage = f"{q.name} {q.usage}".strip().replace("|", "\\|")
        rows.append(f"| `{usage}` | {q.summary} | {q.summary_da} |")
    return "\n".join([README_START, *rows, README_END])


def rewrite_readme(text: str) -> str:
    """``text`` (the README) with its question table replaced by :func:`readme_table`."""
    head, sep, rest = text.partition(README_START)
    _, sep2, tail = rest.partition(README_END)
    if not sep or not sep2:
        raise ValueError(f"the README has no '{README_START}' … '{README_END}' block")
    return head + readme_table() + tail
