"""About the data: where the reference data come from, with the attribution their licences require."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from vigil.auth.deps import resolve_principal
from vigil.web.deps import DbSession
from vigil.web.templates import render

router = APIRouter()

ATTRIBUTIONS = (
    "Source: Office for National Statistics licensed under the Open Government Licence v3.0. "
    "Contains OS data © Crown copyright and database right 2022-2024.",
    "Contains Royal Mail data © Royal Mail copyright and database right; contains National Statistics "
    "data © Crown copyright.",
    "Contains Parliamentary information licensed under the Open Parliament Licence v3.0.",
    "Place data from GeoNames (geonames.org), CC BY 4.0.",
    "Contains public sector information licensed under the Open Government Licence v3.0 (data.police.uk).",
)


@router.get("/about/data", name="about_data")
def about_data(request: Request, db: DbSession) -> Response:
    resolve_principal(request, db)
    return render(request, "reference/about.html", {"attributions": ATTRIBUTIONS})
