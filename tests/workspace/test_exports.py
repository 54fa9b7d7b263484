"""Exports open safely, carry only what the user may see, redact for the recipient, and are audited."""

from __future__ import annotations

import csv
import io
import json

from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import intake as reports
from tests.factories.auth import login
from tests.workspace.conftest import World
from vigil.audit.models import AuditEvent
from vigil.auth.enums import Classification
from vigil.web.csv_safe import DANGEROUS, neutralise, to_csv

NASTY = ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", 'plain, "quoted"\nline']


def test_csv_export_neutralises_formula_cells_and_round_trips(
    client: TestClient, db: Session, world: World
) -> None:
    for text in NASTY:
        reports.report(db, description=text)
    login(client, "asha")
    response = client.get("/workspace/exports/reports.csv", params={"state": "all"})
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["x-protective-marking"] == "OFFICIAL-SENSITIVE"
    assert "\r\n" in response.text
    rows = list(csv.DictReader(io.StringIO(response.text, newline="")))
    descriptions = {r["description"] for r in rows}
    for text in NASTY:
        expected = "'" + text if text.startswith(DANGEROUS) else text
        assert expected in descriptions
    for row in rows:
        for value in row.values():
            assert not value.startswith(DANGEROUS)
    assert not any("CANARY-TVP" in d or "CANARY-SECRET" in d for d in descriptions)
    db.expire_all()
    event = db.scalar(select(AuditEvent).where(AuditEvent.tag == "report:export"))
    assert event is not None and event.dpa_operation == "disclosure" and event.details["count"] == len(rows)
    db.rollback()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",))), min_size=1, max_size=4),
        min_size=1,
        max_size=5,
    )
)
def test_every_dangerous_cell_is_quoted_and_the_csv_round_trips(table: list[list[str]]) -> None:
    width = max(len(r) for r in table)
    table = [r + [""] * (width - len(r)) for r in table]
    out = to_csv([f"c{i}" for i in range(width)], table)
    parsed = list(csv.reader(io.StringIO(out, newline="")))[1:]
    assert parsed == [[neutralise(v) for v in row] for row in table]
    for row in parsed:
        for cell in row:
            assert not cell.startswith(DANGEROUS)


def test_json_export_redacts_for_a_recipient_below_the_marking(client: TestClient, world: World) -> None:
    login(client, "asha")
    response = client.get(
        "/workspace/exports/reports.json",
        params={"state": "all", "recipient": "OFFICIAL", "recipient_name": "Parliament security"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    by_ref = {r["reference"]: r for r in body["reports"]}
    assert by_ref[world.beds]["description"].startswith("[REDACTED")
    assert by_ref[world.beds]["category"] == "hostile_reconnaissance"
    assert body["recipient_clearance"] == "OFFICIAL"
    # A recipient cannot be cleared above the exporter.
    assert (
        client.get("/workspace/exports/reports.json", params={"recipient": "SECRET"}).json()[
            "recipient_clearance"
        ]
        == Classification.official_sensitive.value
    )


def test_stix_bundle_and_pdf_briefings(client: TestClient, world: World) -> None:
    login(client, "asha")
    stix = client.get(f"/workspace/exports/operations/{world.operation_id}/stix.json")
    assert stix.status_code == 200
    bundle = json.loads(stix.text)
    assert bundle["type"] == "bundle"
    patterns = [o["pattern"] for o in bundle["objects"] if o["type"] == "indicator"]
    assert patterns == ["[x-vigil-vehicle:registration = 'AB12CDE']"]
    # Nothing for a recipient below the operation's reports.
    low = json.loads(
        client.get(
            f"/workspace/exports/operations/{world.operation_id}/stix.json", params={"recipient": "OFFICIAL"}
        ).text
    )
    assert not [o for o in low["objects"] if o["type"] == "indicator"]
    for path in (
        f"/workspace/exports/reports/{world.beds}/briefing.pdf",
        f"/workspace/exports/operations/{world.operation_id}/briefing.pdf",
    ):
        pdf = client.get(path)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        assert pdf.headers["content-disposition"].startswith("attachment")
