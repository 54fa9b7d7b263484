"""The triage pipeline: an ordered list of stages over one working document.

    normalise -> extract -> geolocate -> protect -> classify -> tiebreak -> score -> link

(with a model classifier that reviews urgency, its review runs straight after score).

Each stage reads and writes named fields of `Doc` (see docs/triage.md for the contracts) and
can be run and tested alone. `protect` sits before `classify` because the labelling rules
depend on whether the target is an office holder; `tiebreak` applies the labelling guide's
tie-break rules to whatever category the classifier (rules or a model) chose.
"""

from __future__ import annotations

from dataclasses import dataclass

from vigil.triage.classifier import UrgencyReviewer
from vigil.triage.schemas import LinkRecord, TriageContext, TriageInput, TriageResult
from vigil.triage.stages import extract as ex
from vigil.triage.stages.classify import classify
from vigil.triage.stages.doc import Doc, matches_for
from vigil.triage.stages.geolocate import geolocate
from vigil.triage.stages.link import link, link_record
from vigil.triage.stages.normalise import normalise
from vigil.triage.stages.protect import protect
from vigil.triage.stages.score import score
from vigil.triage.stages.tiebreak import tiebreak
from vigil.triage.stages.times import times

ENGINE_VERSION = "rules-1.7.1"


def run_normalise(doc: Doc) -> None:
    doc.body = normalise(doc.report.text)
    doc.location_text = normalise(doc.report.location_text)
    doc.text = f"{doc.body} {doc.location_text}".strip()
    doc.lower = doc.text.lower()


def run_extract(doc: Doc) -> None:
    text, lower, e = doc.text, doc.lower, doc.entities
    e.vehicles = ex.vehicles(text)
    e.phones = ex.phones(text)
    e.postcodes = ex.postcodes(text)
    e.emails = ex.emails(text)
    e.urls = ex.urls(text)
    e.social_handles = ex.social_handles(text)
    matches = matches_for(doc)  # one look-up pass for every word cue, reused by classify/score
    e.weapons = ex.weapons(lower, matches)
    e.materials = ex.materials(lower, matches)
    e.person_descriptions = ex.person_descriptions(doc.body)
    e.times = times(doc.body, doc.report.submitted_at)


def run_document(report_in: TriageInput, context: TriageContext) -> Doc:
    """Run every stage and return the working document (for tests and explanations)."""
    doc = Doc(report=report_in)
    run_normalise(doc)
    run_extract(doc)
    geolocate(doc, context.geo, context.protected_persons)
    protect(doc, context.protected_persons, context.geo)
    if context.classifier is None:
        classify(doc)
    else:
        context.classifier.classify(doc)
    tiebreak(doc)
    score(doc)
    # (None first: a runtime protocol check costs more than the rest of this function)
    if context.classifier is not None and isinstance(context.classifier, UrgencyReviewer):
        context.classifier.review_urgency(doc)
    link(doc, context.link_index)
    return doc


def engine_version(context: TriageContext) -> str:
    """The version a result is recorded under: the rules' version, plus the classifier's
    (``rules-1.5.0+minilm-stacked-v2``) when a model chose the category, so re-triage with
    another classifier adds a result beside the old one rather than being skipped."""
    classifier = context.classifier
    if classifier is None or classifier.name == "rules":
        return ENGINE_VERSION
    return f"{ENGINE_VERSION}+{getattr(classifier, 'version', classifier.name)}"


def to_result(doc: Doc, version: str = ENGINE_VERSION) -> TriageResult:
    return TriageResult(
        report_id=doc.report.report_id,
        category=doc.category,
        urgency=doc.urgency,
        hate_strand=doc.hate_strand,
        score=doc.score,
        reasons=list(doc.reasons),
        entities=doc.entities,
        location=doc.location,
        force=doc.force,
        ct_region=doc.ct_region,
        protected_person=doc.protected,
        duplicate_of=doc.duplicate_of,
        related=list(doc.related),
        engine_version=version,
    )


def triage(report_in: TriageInput, *, context: TriageContext) -> TriageResult:
    """Triage one report. Reads the link index in `context` but does not add to it."""
    return to_result(run_document(report_in, context), engine_version(context))


@dataclass(frozen=True, slots=True)
class Triaged:
    result: TriageResult
    link_record: LinkRecord


def triage_for_index(report_in: TriageInput, *, context: TriageContext) -> Triaged:
    """Triage one report and return, with the result, the record to remember it by."""
    doc = run_document(report_in, context)
    result = to_result(doc, engine_version(context))
    return Triaged(result=result, link_record=link_record(result, doc))
