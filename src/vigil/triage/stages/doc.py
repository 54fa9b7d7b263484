"""The working document that flows through the stages; each stage fills in its own fields."""

from __future__ import annotations

from dataclasses import dataclass, field

from vigil.triage.cues import LEXICON
from vigil.triage.enums import Category, HateStrand, Urgency
from vigil.triage.schemas import Entities, Link, Location, ProtectedPersonRef, TriageInput
from vigil.triage.words import Matches, Tokens


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason to place the report somewhere (used to vote for a force)."""

    force: str | None
    weight: float
    lat: float | None
    lon: float | None
    label: str
    source: str  # map_pin | postcode | place | protected_person | county


@dataclass(slots=True)
class Doc:
    report: TriageInput
    # normalise
    body: str = ""
    location_text: str = ""
    text: str = ""  # body + location text, as the extractors see it
    lower: str = ""
    matches: Matches | None = None  # every cue pattern, matched once (see cues.LEXICON)
    # extract
    entities: Entities = field(default_factory=Entities)
    # geolocate
    evidence: list[Evidence] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)  # named streets and landmarks (link keys)
    location: Location | None = None
    force: str | None = None
    ct_region: str | None = None
    # protect
    protected: ProtectedPersonRef | None = None
    office_holder_mentioned: bool = False
    #: Set when the report targets a protected person's premises or an upcoming surgery or
    #: event (named, or a map pin close by): the reason, and days until the event if any.
    protected_site: str | None = None
    protected_event_days: int | None = None
    # classify
    category: Category = Category.NOT_RELEVANT
    hate_strand: HateStrand | None = None
    category_scores: dict[str, float] = field(default_factory=dict)
    signals: set[str] = field(default_factory=set)
    #: A model classifier's urgency probabilities (in its own label order), for its urgency
    #: review after the score stage; None with the rules.
    model_urgency: list[float] | None = None
    # tie-break
    tiebreak: str | None = None  # the guide's tie-break rule that changed the category, if any
    # score
    urgency: Urgency = Urgency.LOW
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    # link
    duplicate_of: str | None = None
    related: list[Link] = field(default_factory=list)
    link_keys: tuple[list[str], list[str], tuple[int, ...]] | None = None


def matches_for(doc: Doc) -> Matches:
    """Every cue pattern matched over the document's lower-cased text, once (then cached)."""
    if doc.matches is None:
        doc.matches = LEXICON.match(Tokens.of(doc.lower))
    return doc.matches
