"""A miniature reference directory, built in a test's ``tmp_path``.

Two forces with square areas side by side (Thames Valley west of longitude -1,
Bedfordshire east of it, both between latitudes 52 and 53), PSNI with no polygon, British
Transport Police with no area, two constituencies on the same squares, a few places,
outcodes and threat levels. Tests add bad rows with :func:`append_line` and check that
the errors name the file and the line.
"""

from __future__ import annotations

import json
from pathlib import Path

FORCES = "forces/uk_police_forces_ct_regions.csv"
FORCE_AREAS = "forces/uk_police_force_areas_45_with_ct_region.geojson"
MPS = "mps/uk_mps_2024_with_constituency_centroid_force_ct.csv"
CONSTITUENCY_AREAS = "mps/pcon_july2024_uk_buc_openinnovations.geojson"
PLACES = "places/gb_places_geonames_cities500_with_force.csv"
PLACE_NAMES = "places/gb_populated_place_names_os_open_names_briang.csv"
OUTCODES = "postcodes/gb_postcode_outcodes_codepointopen.csv"
AREAS = "postcodes/gb_postcode_areas_to_force.csv"
ALL_OUTCODES = "postcodes/uk_outcodes_onspd_feb2025_from_uk-postcodes-parsing.csv"
THREAT_LEVELS = "threat_levels/uk_terrorism_threat_level_history.csv"

BEDS = "E23000026"
TV = "E23000029"
NI = "N92000002"


def square(west: float, south: float, size: float = 1.0) -> dict[str, object]:
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def feature_collection(features: list[tuple[dict[str, object], dict[str, object]]]) -> str:
    """One feature per line, as in the real constituency file, so line numbers are testable."""
    lines = [
        json.dumps({"type": "Feature", "properties": props, "geometry": geometry})
        for props, geometry in features
    ]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


FILES: dict[str, str] = {
    FORCES: (
        "pfa_code,pfa_name,policeuk_force_id,force_name,country,ct_region_code,ct_unit,ct_host,ct_source\n"
        f"{BEDS},Bedfordshire,bedfordshire,Bedfordshire Police,England,CTPE,CTP Eastern,Bedfordshire,\n"
        f"{TV},Thames Valley,thames-valley,Thames Valley Police,England,CTPSE,CTP South East,TVP,\n"
        f"{NI},Police Service of Northern Ireland,,Police Service of Northern Ireland,"
        "Northern Ireland,NI,PSNI TIU,PSNI,\n"
        ",British Transport Police (non-territorial),btp,British Transport Police,GB,NATIONAL,BTP,BTP,\n"
    ),
    FORCE_AREAS: feature_collection(
        [
            ({"pfa_code": BEDS, "pfa_name": "Bedfordshire"}, square(-1.0, 52.0)),
            ({"pfa_code": TV, "pfa_name": "Thames Valley"}, square(-2.0, 52.0)),
        ]
    ),
    MPS: (
        "pcon_code,pcon_name,member_id,display_as,full_title,party_text,centroid_lat,centroid_lon,"
        "pfa_code,pfa_area_share,n_forces,ct_region_code\n"
        f"E14000001,Bedford & Kempston,101,Ann Able,Ann Able MP,Labour,52.5,-0.5,{BEDS},0.9,2,CTPE\n"
        f"E14000002,Ynys Môn,102,Bob Baker,Rt Hon Bob Baker MP,Plaid Cymru,52.5,-1.5,{TV},1.0,1,CTPSE\n"
    ),
    CONSTITUENCY_AREAS: feature_collection(
        [
            ({"PCON24CD": "E14000001", "PCON24NM": "Bedford & Kempston"}, square(-1.0, 52.0)),
            ({"PCON24CD": "E14000002", "PCON24NM": "Ynys Môn"}, square(-2.0, 52.0)),
        ]
    ),
    PLACES: (
        "geonameid,name,lat,lon,population,pfa_code,pcon24cd,pcon24nm,alt_names\n"
        f"1,Bangor,52.2,-1.8,1000,{TV},E14000002,Ynys Mon,Bangor-on-Dee\n"
        f"2,Bangor,52.3,-0.3,5000,{BEDS},E14000001,Bedford and Kempston,\n"
        f"3,Newtown,52.4,-0.4,800,{BEDS},,,Y Drenewydd|Newtown\n"
        "4,Saint Helier,49.18804,-2.10491,28000,,,,St. Helier\n"
    ),
    PLACE_NAMES: 'name,type,country\nLittle Snoring,Village,England\n"A\' Chill",Hamlet,Scotland\n',
    OUTCODES: (
        "outcode,area,lat,lon,pfa_code,pfa_share\n"
        f"MK40,MK,52.13788,-0.47677,{BEDS},1.0\n"
        f"MK9,MK,52.04067,-0.75544,{TV},0.97\n"
    ),
    AREAS: (
        "area,main_force,n_postcodes,main_force_share,forces_ge_2pct\n"
        "MK,Thames Valley,9291,0.583,Thames Valley|Bedfordshire\n"
        "BT,Police Service of Northern Ireland,,1.0,Police Service of Northern Ireland\n"
    ),
    ALL_OUTCODES: (
        "outcode,n_postcodes_onspd_feb2025,in_codepoint_table,is_ni\n"
        "MK40,10,True,False\nMK9,10,True,False\nBT1,5,False,True\nMK99,1,False,False\nGY1,3,False,False\n"
    ),
    THREAT_LEVELS: (
        "date,scope,level,change,event_context,source_url\n"
        "2022-02-09,national_UK,SUBSTANTIAL,lowered,JTAC review,https://example.org/a\n"
        '2021-11-15,national_UK,SEVERE,raised,"Liverpool, after Amess",\n'
    ),
}


def build(directory: Path, overrides: dict[str, str] | None = None) -> Path:
    """Write the miniature directory, with whole files replaced by ``overrides``."""
    for relpath, text in {**FILES, **(overrides or {})}.items():
        path = directory / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return directory


def append_line(relpath: str, line: str) -> tuple[dict[str, str], int]:
    """Overrides adding ``line`` to the end of a CSV file, and the line number it gets."""
    text = FILES[relpath] + line + "\n"
    return {relpath: text}, text.count("\n")
