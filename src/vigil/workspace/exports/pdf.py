"""Printable briefings (fpdf2), marked top and bottom of every page with the high-water mark."""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF

from vigil.intake.models import Report
from vigil.web.templates import london
from vigil.workspace.models import Action, Operation


def _latin1(text: str) -> str:
    """The core PDF fonts are Latin-1: keep what fits, mark what does not."""
    return text.encode("latin-1", "replace").decode("latin-1")


class _Briefing(FPDF):
    def __init__(self, marking: str) -> None:
        super().__init__()
        self.marking = marking
        self.set_auto_page_break(auto=True, margin=20)

    def header(self) -> None:
        self.set_font("Helvetica", "B", 11)
        self.cell(0, 8, self.marking, align="C", new_x="LMARGIN", new_y="NEXT")

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "B", 11)
        self.cell(0, 8, f"{self.marking} - page {self.page_no()}", align="C")


def _para(pdf: FPDF, text: str, size: int = 11, style: str = "") -> None:
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, 6, _latin1(text), new_x="LMARGIN", new_y="NEXT")


def _report_block(pdf: FPDF, r: Report) -> None:
    _para(pdf, f"{r.reference} - {r.classification} - handling {r.handling_code}", 12, "B")
    grade = f"{r.source_grade}{r.intel_grade}{r.handling_code}" if r.intel_grade else "not graded"
    _para(
        pdf,
        f"Received {london(r.submitted_at)} via {r.channel}; state {r.state}; urgency {r.urgency or '-'}; "
        f"category {r.category or '-'}; force {r.force_slug or '-'}; grade {grade}",
    )
    if r.handling_conditions:
        _para(pdf, f"Handling conditions: {r.handling_conditions}")
    if r.location_text:
        _para(pdf, f"Location: {r.location_text}")
    _para(pdf, r.description)
    pdf.ln(3)


def report_briefing(report: Report, actions: Sequence[Action], marking: str) -> bytes:
    pdf = _Briefing(marking)
    pdf.add_page()
    _para(pdf, f"Briefing: report {report.reference}", 16, "B")
    _report_block(pdf, report)
    if actions:
        _para(pdf, "Actions", 13, "B")
        for a in actions:
            _para(pdf, f"- {a.title} ({a.state}, due {london(a.due_at) or '-'})")
    return bytes(pdf.output())


def operation_briefing(
    operation: Operation, reports: Sequence[Report], actions: Sequence[Action], marking: str
) -> bytes:
    pdf = _Briefing(marking)
    pdf.add_page()
    _para(pdf, f"Briefing: operation {operation.name}", 16, "B")
    _para(pdf, f"{operation.classification} - handling {operation.handling_code} - {operation.state}")
    if operation.description:
        _para(pdf, operation.description)
    _para(pdf, f"Reports ({len(reports)})", 13, "B")
    for r in reports:
        _report_block(pdf, r)
    _para(pdf, f"Actions ({len(actions)})", 13, "B")
    for a in actions:
        _para(pdf, f"- {a.title} ({a.state})")
    return bytes(pdf.output())
