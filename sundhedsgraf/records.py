"""The typed records of the compiled model and of the answers.

They are TypedDicts, not classes, because the records are the JSON export's shape and every consumer
(loader, questions, maps, export) indexes them as plain dicts: ``node["properties"]``, ``rel["start"]``.
A source is :class:`sundhedsgraf.sources.Source`, the one source codec's record.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from .sources import Source

Properties = dict[str, Any]


class NodeRecord(TypedDict):
    """A node: ``labels`` holds one label of model/schema.yaml; ``properties`` has no None values."""

    id: str
    labels: list[str]
    name: str
    properties: Properties
    sources: list[Source]


class RelationshipRecord(TypedDict):
    """A relationship between two node ids, of a type of model/schema.yaml."""

    id: str
    type: str
    start: str
    end: str
    properties: Properties
    sources: list[Source]


class DocumentRecord(TypedDict, total=False):
    """A source document of model/sources.yaml (``date`` as YYYY-MM-DD text or None)."""

    id: str
    title: str
    file: str
    date: str | None
    date_note: str | None
    region: str | None
    author: str | None


class ExpectedMember(TypedDict, total=False):
    """One line of a ``composition`` check: who sits in the forum, in which role, how many seats."""

    member: str
    role: str
    office_type: str
    seats: int
    municipalities: str | list[str]
    exact: bool


class CheckSide(TypedDict, total=False):
    """One side of a ``same_municipality`` check: a member, or the holder of a role in a forum."""

    member: str
    forum: str
    role: str


RuleKind = Literal[
    "composition", "seats_per_body", "one_per_body", "same_municipality", "same_members", "group_sizes"
]


class RuleCheck(TypedDict, total=False):
    """A rule's machine check. Which keys a kind needs is in :data:`sundhedsgraf.schema.CHECK_KINDS`."""

    kind: RuleKind
    at: str
    forum: str
    bodies: list[str]
    seats: int
    expect: list[ExpectedMember]
    a: CheckSide | str
    b: CheckSide | str
    min: int
    max: int
    total: int


class RuleRecord(TypedDict):
    """A composition rule a document states; ``check`` is None for a rule stated in text only."""

    id: str
    name: str
    description: str
    applies_to: list[str]
    check: RuleCheck | None
    sources: list[Source]
    attested_dates: list[str]  # the dates its sources attest it: the rule is checked on each


class NodeRef(TypedDict):
    id: str
    name: str


class GapRecord(TypedDict):
    """A row of the gaps answer: what the documents leave open or contradict, and what it concerns."""

    id: str
    name: str
    gap_type: str
    description: str | None
    concerns: list[NodeRef]
    sources: list[Source]


RuleStatus = Literal["violated", "unknowable", "satisfied", "not_in_force", "not_checkable"]


class RuleResultRecord(TypedDict):
    """A row of the rules answer: a rule, and whether the facts on ``at`` satisfy its check."""

    id: str
    name: str
    description: str
    status: RuleStatus
    at: str | None
    detail: str
    applies_to: list[str]
    sources: list[Source]
