"""`vigil triage --input FILE.jsonl --output OUT.jsonl [--reference-dir DIR]`.

Reads one report per line, triages them in `submitted_at` order as if they arrived one by
one (so `duplicate_of` always names an earlier report in the same file) and writes one JSON
result per line, in that order. Bad lines are reported on stderr with their number and
skipped; progress goes to stderr. Exit status: 0 when every line was triaged, 1 when some
lines were skipped, 2 when the input could not be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from vigil.triage.classifier import CLASSIFIERS, ClassifierUnavailable, load_classifier
from vigil.triage.enums import ProtectedRole
from vigil.triage.linking import InMemoryLinkIndex
from vigil.triage.pipeline import engine_version, triage_for_index
from vigil.triage.schemas import GeoLookupLike, ProtectedPerson, TriageContext, TriageInput
from vigil.triage.serialise import BadReport, input_from_dict, result_to_dict


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, type=Path, help="reports, one JSON object per line")
    parser.add_argument("--output", required=True, type=Path, help="where to write one result per line")
    parser.add_argument(
        "--reference-dir",
        type=Path,
        default=None,
        help="reference data directory (default: $VIGIL_REFERENCE_DIR, else ../shared/data/reference)",
    )
    parser.add_argument(
        "--classifier",
        choices=CLASSIFIERS,
        default=None,
        help=(
            "what chooses the category: the rules, the ml extra's embedding model, or auto (the "
            "model when the ml extra is installed, else the rules); default $VIGIL_TRIAGE_CLASSIFIER, "
            "else auto"
        ),
    )
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")


def resolve_reference_dir(given: Path | None) -> Path | None:
    if given is not None:
        return given
    env = os.environ.get("VIGIL_REFERENCE_DIR")
    if env:
        return Path(env)
    default = Path.cwd() / ".." / "shared" / "data" / "reference"
    return default if default.is_dir() else None


def load_context(reference_dir: Path | None) -> TriageContext:
    """A context with the gazetteer and the MPs as protected persons, or none if unavailable."""
    if reference_dir is None:
        _say("triage: no reference data directory; running without geography (no places, force or MPs)")
        return TriageContext(link_index=InMemoryLinkIndex())
    try:
        from vigil.reference.data import load_reference  # noqa: PLC0415 - only the command needs it
        from vigil.reference.lookup import GeoLookup  # noqa: PLC0415

        data = load_reference(reference_dir)
        geo: GeoLookupLike = GeoLookup(data)
    except Exception as exc:
        _say(f"triage: could not load reference data from {reference_dir} ({exc}); running without geography")
        return TriageContext(link_index=InMemoryLinkIndex())
    persons = [
        ProtectedPerson(
            id=f"mp:{mp.member_id}",
            name=mp.name,
            role=ProtectedRole.MP,
            constituency=mp.constituency,
            force=mp.force_slug,
        )
        for mp in data.mps
    ]
    return TriageContext(geo=geo, protected_persons=persons, link_index=InMemoryLinkIndex())


def read_reports(stream: TextIO) -> tuple[list[TriageInput], int]:
    """Parse every line; report bad ones on stderr. Returns (reports, number of bad lines)."""
    reports: list[TriageInput] = []
    bad = 0
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            reports.append(input_from_dict(json.loads(line)))
        except json.JSONDecodeError as exc:
            bad += 1
            _say(f"triage: line {number}: not valid JSON ({exc.msg}); skipped")
        except BadReport as exc:
            bad += 1
            _say(f"triage: line {number}: {exc}; skipped")
    return reports, bad


def triage_stream(reports: Sequence[TriageInput], context: TriageContext, out: TextIO, *, quiet: bool) -> int:
    ordered = sorted(reports, key=lambda r: r.submitted_at)
    index = context.link_index
    started = time.perf_counter()
    for n, report in enumerate(ordered, start=1):
        triaged = triage_for_index(report, context=context)
        if index is not None:
            index.add(triaged.link_record)
        out.write(json.dumps(result_to_dict(triaged.result), ensure_ascii=False) + "\n")
        if not quiet and (n % 1000 == 0 or n == len(ordered)):
            rate = n / max(time.perf_counter() - started, 1e-9)
            _say(f"triage: {n}/{len(ordered)} reports ({rate:,.0f}/s)")
    return len(ordered)


def run(args: argparse.Namespace) -> int:
    try:
        with args.input.open(encoding="utf-8") as stream:
            reports, bad = read_reports(stream)
    except OSError as exc:
        _say(f"triage: cannot read {args.input}: {exc}")
        return 2
    context = load_context(resolve_reference_dir(args.reference_dir))
    chosen = args.classifier or os.environ.get("VIGIL_TRIAGE_CLASSIFIER") or "auto"
    if chosen not in CLASSIFIERS:
        _say(
            f"triage: unknown classifier {chosen!r} in VIGIL_TRIAGE_CLASSIFIER: choose one of {', '.join(CLASSIFIERS)}"
        )
        return 2
    try:
        context.classifier = load_classifier(chosen)
    except ClassifierUnavailable as exc:
        _say(f"triage: {exc}")
        return 2
    if not args.quiet:
        _say(f"triage: engine {engine_version(context)} (classifier {chosen})")
    with args.output.open("w", encoding="utf-8") as out:
        triage_stream(reports, context, out, quiet=args.quiet)
    return 1 if bad else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="vigil triage", description=__doc__.splitlines()[0] if __doc__ else None
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
