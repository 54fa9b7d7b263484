"""Evaluate the triage engine on a labelled JSONL file through the CLI's code path.

    .venv/bin/python bench/triage_eval.py [--input FILE ...] [--reference-dir DIR] [--errors]
        [--summary]

With no `--input`, evaluates the dev set (../shared/data/eval/reports_dev.jsonl) and the
team's own held-out-style sets (tests/triage/data/heldout_own.jsonl and heldout_own_b/c/d.jsonl). `--input` may be given
more than once (`--data` is an old name for it). `--summary` prints one line per file.

Prints per-category precision/recall, the urgency confusion matrix, entity P/R/F1 per type,
force accuracy, protected-person accuracy (role + constituency), hate-strand accuracy and
duplicate pairwise F1.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from vigil.triage.classifier import load_classifier
from vigil.triage.cli import load_context, read_reports, resolve_reference_dir, triage_stream

CATEGORIES = [
    "hostile_reconnaissance",
    "weapons_explosives",
    "suspicious_item",
    "extremist_content_online",
    "radicalisation_concern",
    "threat_to_person",
    "hate_incident",
    "suspicious_finance_travel",
    "suspicious_behaviour_other",
    "not_relevant",
]
URGENCIES = ["immediate", "high", "standard", "low"]
ENTITY_TYPES = ["vehicles", "phones", "postcodes", "urls", "emails", "social_handles", "places"]


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _pairs(groups: dict[str, str | None]) -> set[frozenset[str]]:
    by: dict[str, list[str]] = defaultdict(list)
    for rid, g in groups.items():
        if g:
            by[g].append(rid)
    return {frozenset(p) for members in by.values() for p in combinations(members, 2)}


def _clusters(results: list[dict[str, Any]]) -> dict[str, str | None]:
    parent: dict[str, str] = {r["id"]: r["id"] for r in results}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in results:
        if r["duplicate_of"] in parent:
            parent[find(r["id"])] = find(r["duplicate_of"])
    sizes = Counter(find(x) for x in parent)
    return {x: (find(x) if sizes[find(x)] > 1 else None) for x in parent}


def _pp(value: dict[str, Any] | None) -> tuple[str, str] | None:
    if not value:
        return None
    return (str(value.get("role")), str(value.get("constituency") or "").lower())


def evaluate(
    data: Path, reference_dir: Path | None, show_errors: bool, classifier: str = "rules"
) -> dict[str, float]:
    gold = {json.loads(line)["id"]: json.loads(line)["expected"] for line in data.open(encoding="utf-8")}
    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in data.open(encoding="utf-8")}
    with data.open(encoding="utf-8") as stream:
        reports, _ = read_reports(stream)
    context = load_context(reference_dir)
    context.classifier = load_classifier(classifier)  # as VIGIL_TRIAGE_CLASSIFIER does
    buffer = io.StringIO()
    triage_stream(reports, context, buffer, quiet=True)
    results = [json.loads(line) for line in buffer.getvalue().splitlines()]
    pred = {r["id"]: r for r in results}
    n = len(results)
    summary: dict[str, float] = {"n": float(n)}

    print(f"# Triage evaluation on {data.name} ({n} reports)\n")
    acc = sum(pred[i]["category"] == gold[i]["category"] for i in pred) / n
    print(f"category accuracy: {acc:.3f}\n")
    print("| category | precision | recall | support |\n|---|---|---|---|")
    for c in CATEGORIES:
        tp = sum(pred[i]["category"] == c and gold[i]["category"] == c for i in pred)
        fp = sum(pred[i]["category"] == c and gold[i]["category"] != c for i in pred)
        fn = sum(pred[i]["category"] != c and gold[i]["category"] == c for i in pred)
        p, r, _ = _f1(tp, fp, fn)
        print(f"| {c} | {p:.2f} | {r:.2f} | {tp + fn} |")

    print("\nurgency confusion (rows = expected, columns = predicted)\n")
    print("| expected \\ predicted | " + " | ".join(URGENCIES) + " |\n|---|" + "---|" * len(URGENCIES))
    for u in URGENCIES:
        row = [sum(gold[i]["urgency"] == u and pred[i]["urgency"] == v for i in pred) for v in URGENCIES]
        print(f"| {u} | " + " | ".join(str(x) for x in row) + " |")
    uacc = sum(pred[i]["urgency"] == gold[i]["urgency"] for i in pred) / n
    imm = [i for i in pred if gold[i]["urgency"] == "immediate"]
    imm_recall = sum(pred[i]["urgency"] == "immediate" for i in imm) / max(len(imm), 1)
    print(f"\nurgency accuracy: {uacc:.3f}; recall of immediate: {imm_recall:.3f} ({len(imm)} reports)\n")

    hate = [
        i for i in pred if gold[i]["category"] == "hate_incident" and pred[i]["category"] == "hate_incident"
    ]
    hacc = sum(pred[i]["hate_strand"] == gold[i]["hate_strand"] for i in hate) / max(len(hate), 1)
    print(f"hate strand accuracy (where both say hate_incident): {hacc:.3f} ({len(hate)} reports)\n")

    print("| entity | precision | recall | F1 | gold |\n|---|---|---|---|---|")
    for t in ENTITY_TYPES:
        tp = fp = fn = 0
        for i in pred:
            norm = (
                (lambda s: s.lower())
                if t in {"places", "urls", "emails", "social_handles"}
                else (lambda s: s)
            )
            g = {norm(x) for x in gold[i]["entities"][t]}
            p_ = {norm(x) for x in pred[i]["entities"].get(t, [])}
            tp, fp, fn = tp + len(g & p_), fp + len(p_ - g), fn + len(g - p_)
            if show_errors and t != "places" and g != p_:
                print(f"<!-- {i} {t}: expected {sorted(g)} got {sorted(p_)} -->")
        p, r, f = _f1(tp, fp, fn)
        summary[t] = f
        print(f"| {t} | {p:.3f} | {r:.3f} | {f:.3f} | {tp + fn} |")

    facc = sum(pred[i]["force"] == gold[i]["force"] for i in pred) / n
    ppacc = sum(_pp(pred[i]["protected_person"]) == _pp(gold[i]["protected_person"]) for i in pred) / n
    print(f"\nforce accuracy: {facc:.3f}")
    print(f"protected-person accuracy (role + constituency, null = null): {ppacc:.3f}")

    gp, pp_ = _pairs({i: gold[i]["duplicate_group"] for i in pred}), _pairs(_clusters(results))
    p, r, f = _f1(len(gp & pp_), len(pp_ - gp), len(gp - pp_))
    print(f"duplicate pairs: precision {p:.3f}, recall {r:.3f}, F1 {f:.3f} ({len(gp)} gold pairs)")
    summary["category"], summary["urgency"], summary["immediate_recall"] = acc, uacc, imm_recall
    summary["force"], summary["protected"], summary["duplicate_f1"] = facc, ppacc, f

    if show_errors:
        print("\n## Disagreements\n")
        for i, r_ in pred.items():
            g = gold[i]
            diffs = []
            for key in ("category", "urgency", "hate_strand", "force"):
                if g[key] != r_[key]:
                    diffs.append(f"{key}: {g[key]} -> {r_[key]}")
            if _pp(g["protected_person"]) != _pp(r_["protected_person"]):
                diffs.append(f"pp: {_pp(g['protected_person'])} -> {_pp(r_['protected_person'])}")
            if diffs:
                print(f"- {i}: " + "; ".join(diffs) + f"  | {texts[i][:110]}")
    return summary


def hatecheck(path: Path) -> None:
    """Sanity check: how often HateCheck's hateful vs non-hateful sentences come out as hate or threat."""
    import csv  # noqa: PLC0415

    from vigil.triage import TriageContext, TriageInput, triage  # noqa: PLC0415
    from vigil.triage.serialise import parse_time  # noqa: PLC0415

    when = parse_time("2026-06-01T12:00:00Z")
    flagged: dict[str, list[bool]] = defaultdict(list)
    with path.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            r = triage(TriageInput(text=row["test_case"], submitted_at=when), context=TriageContext())
            flagged[row["label_gold"]].append(r.category.value in {"hate_incident", "threat_to_person"})
    print("\n## HateCheck sanity check (single sentences, no report context)\n")
    print("| gold label | cases | flagged hate_incident or threat_to_person |\n|---|---|---|")
    for label, hits in sorted(flagged.items()):
        print(f"| {label} | {len(hits)} | {sum(hits) / len(hits):.1%} |")


DEFAULT_INPUTS = [
    Path("../shared/data/eval/reports_dev.jsonl"),
    Path("tests/triage/data/heldout_own.jsonl"),
    Path("tests/triage/data/heldout_own_b.jsonl"),
    Path("tests/triage/data/heldout_own_c.jsonl"),
    Path("tests/triage/data/heldout_own_d.jsonl"),
]
HEADLINE = [
    ("category", "category"),
    ("urgency", "urgency"),
    ("immediate_recall", "imm. recall"),
    ("vehicles", "veh F1"),
    ("phones", "tel F1"),
    ("postcodes", "pc F1"),
    ("urls", "url F1"),
    ("emails", "email F1"),
    ("social_handles", "handle F1"),
    ("force", "force"),
    ("protected", "protected"),
    ("duplicate_f1", "dup F1"),
]


def _print_summary(summaries: list[tuple[str, dict[str, float]]]) -> None:
    print("## Summary\n")
    print("| set | n | " + " | ".join(label for _, label in HEADLINE) + " |")
    print("|---|---|" + "---|" * len(HEADLINE))
    for name, s in summaries:
        print(f"| {name} | {s['n']:.0f} | " + " | ".join(f"{s[k]:.3f}" for k, _ in HEADLINE) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", "--data", type=Path, action="append", dest="inputs", default=None)
    parser.add_argument("--reference-dir", type=Path, default=None)
    parser.add_argument("--errors", action="store_true", help="list the disagreements")
    parser.add_argument("--summary", action="store_true", help="one line of headline figures per file")
    parser.add_argument("--hatecheck", type=Path, default=None, help="HateCheck test_suite_cases.csv")
    parser.add_argument(
        "--classifier",
        choices=["rules", "embedding"],
        default="rules",
        help="embedding: the ml extra's EmbeddingClassifier (needs HF_HUB_OFFLINE=1 and the extra)",
    )
    args = parser.parse_args()
    inputs = args.inputs or [p for p in DEFAULT_INPUTS if p.exists()]
    reference_dir = resolve_reference_dir(args.reference_dir)
    summaries: list[tuple[str, dict[str, float]]] = []
    for path in inputs:
        out = io.StringIO()
        with contextlib.redirect_stdout(out if args.summary else sys.stdout):
            summaries.append((path.name, evaluate(path, reference_dir, args.errors, args.classifier)))
        if not args.summary:
            print()
    _print_summary(summaries)
    if args.hatecheck:
        hatecheck(args.hatecheck)
    return 0


if __name__ == "__main__":
    sys.exit(main())
