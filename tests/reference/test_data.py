"""Loading a reference directory: what is read, what is rejected, and how it is reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.factories import reference as fx
from vigil.reference.data import REQUIRED_FILES, ReferenceData, ReferenceDataError, RowError, load_reference


def load(tmp_path: Path, overrides: dict[str, str] | None = None) -> ReferenceData:
    return load_reference(fx.build(tmp_path, overrides))


def test_a_clean_directory_loads_every_file_without_errors(tmp_path: Path) -> None:
    data = load(tmp_path)

    assert data.errors == []
    assert data.directory == tmp_path
    assert set(data.forces) == {"bedfordshire", "thames-valley", "psni", "btp"}
    assert set(data.forces_by_pfa) == {fx.BEDS, fx.TV, fx.NI}  # BTP has no area
    assert data.forces["thames-valley"].ct_region == "CTPSE"
    assert data.ct_regions["CTPE"].name == "CTP Eastern"
    assert set(data.force_polygons) == {"bedfordshire", "thames-valley"}
    assert set(data.constituency_polygons) == {"E14000001", "E14000002"}
    assert [mp.member_id for mp in data.mps] == [101, 102]
    assert len(data.places) == 4
    assert data.areas == {"MK": "thames-valley", "BT": "psni"}
    assert {"little snoring", "a chill"} <= data.place_names


def test_forces_without_a_police_uk_id_get_vigils_slug(tmp_path: Path) -> None:
    psni = load(tmp_path).forces["psni"]

    assert psni.pfa_code == fx.NI
    assert psni.country == "Northern Ireland"
    assert psni.area_name == "Police Service of Northern Ireland"


def test_mps_carry_their_constituencys_force_and_whether_it_straddles_forces(tmp_path: Path) -> None:
    data = load(tmp_path)
    ann, bob = data.mps

    assert (ann.force_slug, ann.ct_region, ann.straddles_forces) == ("bedfordshire", "CTPE", True)
    assert (bob.force_slug, bob.straddles_forces) == ("thames-valley", False)
    assert ann.constituency == "Bedford & Kempston"
    assert data.constituencies["E14000001"].force_share == pytest.approx(0.9)


def test_places_take_the_canonical_constituency_name_and_drop_repeated_alt_names(tmp_path: Path) -> None:
    places = {(p.name, p.population): p for p in load(tmp_path).places}

    assert places["Bangor", 1000].constituency == "Ynys Môn"  # the places file says "Ynys Mon"
    assert places["Newtown", 800].alt_names == ("Y Drenewydd",)
    jersey = places["Saint Helier", 28000]
    assert (jersey.force_slug, jersey.ct_region, jersey.constituency) == (None, None, None)


def test_northern_ireland_outcodes_route_to_psni_without_coordinates(tmp_path: Path) -> None:
    outcodes = load(tmp_path).outcodes

    assert outcodes["BT1"].force_slug == "psni"
    assert outcodes["BT1"].is_ni
    assert (outcodes["BT1"].lat, outcodes["BT1"].lon) == (None, None)
    assert outcodes["MK40"].force_slug == "bedfordshire"
    assert outcodes["MK99"].force_slug is None  # listed by ONSPD only: the area decides
    assert not outcodes["MK40"].is_ni


def test_threat_levels_are_in_date_order(tmp_path: Path) -> None:
    levels = load(tmp_path).threat_levels

    assert [(c.date, c.level) for c in levels] == [
        (dt.date(2021, 11, 15), "SEVERE"),
        (dt.date(2022, 2, 9), "SUBSTANTIAL"),
    ]
    assert levels[0].context == "Liverpool, after Amess"


def test_progress_is_reported_once_per_file(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []

    load_reference(fx.build(tmp_path), progress=lambda stage, done, total: calls.append((stage, done, total)))

    assert [done for _, done, _ in calls] == list(range(1, len(REQUIRED_FILES) + 1))
    assert {total for _, _, total in calls} == {len(REQUIRED_FILES)}
    assert calls[0][0] == "forces"
    assert len({stage for stage, _, _ in calls}) == len(REQUIRED_FILES)


# --- bad rows: skipped, recorded with file and line ----------------------------------------


@pytest.mark.parametrize(
    ("relpath", "bad_line", "message"),
    [
        pytest.param(fx.PLACES, "5,Ampthill,52.0", "row has 3 fields, header has 9", id="missing-columns"),
        pytest.param(
            fx.OUTCODES, f"MK41,MK,north,-0.4,{fx.BEDS},1.0", "lat is not a number", id="lat-not-numeric"
        ),
        pytest.param(
            fx.MPS,
            "E14000003,Luton,103,C,C MP,Labour,51.9,-0.4,E23999999,1.0,1,CTPE",
            "unknown pfa_code 'E23999999'",
            id="unknown-pfa-code",
        ),
        pytest.param(
            fx.OUTCODES, f"MK40,MK,52.1,-0.4,{fx.BEDS},1.0", "duplicate outcode 'MK40'", id="duplicate"
        ),
        pytest.param(fx.PLACES, f"5,Paris,48.85,2.35,100,{fx.BEDS},,,", "outside the UK", id="outside-uk"),
        pytest.param(
            fx.PLACES,
            f"5,Ampthill,52.0,-0.5,many,{fx.BEDS},,,",
            "population is not a number",
            id="population",
        ),
        pytest.param(
            fx.AREAS, "LU,Bedfordshire Constabulary,1,1.0,", "unknown main_force", id="unknown-force-name"
        ),
        pytest.param(
            fx.THREAT_LEVELS, "2024-13-01,national_UK,SEVERE,raised,x,", "is not YYYY-MM-DD", id="bad-date"
        ),
        pytest.param(
            fx.THREAT_LEVELS, "2024-01-01,national_UK,HIGH,raised,x,", "level 'HIGH'", id="bad-level"
        ),
        pytest.param(fx.ALL_OUTCODES, "BT2,1,False,False", "is in the BT area", id="ni-flag-contradicts"),
        pytest.param(
            fx.FORCES,
            ",Ghost Police,bedfordshire,Ghost,England,CTPE,x,,",
            "duplicate force slug",
            id="dup-slug",
        ),
    ],
)
def test_a_bad_row_is_skipped_and_reported_with_file_and_line(
    tmp_path: Path, relpath: str, bad_line: str, message: str
) -> None:
    overrides, line = fx.append_line(relpath, bad_line)

    data = load(tmp_path, overrides)

    assert len(data.errors) == 1, data.errors
    error = data.errors[0]
    assert (error.file, error.line) == (relpath, line)
    assert message in error.message
    assert str(error).startswith(f"{relpath}:{line}: ")


def test_the_good_rows_around_a_bad_row_still_load(tmp_path: Path) -> None:
    text = fx.FILES[fx.OUTCODES].replace("MK40,MK,52.13788", "MK40,MK,fifty-two", 1)

    data = load(tmp_path, {fx.OUTCODES: text})

    assert data.errors == [RowError(fx.OUTCODES, 2, "lat is not a number: 'fifty-two'")]
    assert data.outcodes["MK9"].force_slug == "thames-valley"
    assert data.outcodes["MK40"].lat is None  # the ONSPD list still knows the district


def test_line_numbers_count_physical_lines_past_quoted_newlines(tmp_path: Path) -> None:
    text = (
        fx.FILES[fx.THREAT_LEVELS]
        + '2023-01-01,national_UK,SEVERE,raised,"two\nlines",\n2024-01-01,x,HIGH,raised,,\n'
    )

    data = load(tmp_path, {fx.THREAT_LEVELS: text})

    assert [(e.file, e.line) for e in data.errors] == [(fx.THREAT_LEVELS, 6)]


def test_a_polygon_for_an_unknown_force_is_reported_at_its_line(tmp_path: Path) -> None:
    areas = fx.feature_collection(
        [
            ({"pfa_code": fx.BEDS}, fx.square(-1.0, 52.0)),
            ({"pfa_code": "E23999999"}, fx.square(-2.0, 52.0)),
        ]
    )

    data = load(tmp_path, {fx.FORCE_AREAS: areas})

    assert [(e.file, e.line) for e in data.errors] == [(fx.FORCE_AREAS, 3)]
    assert "feature 2: unknown pfa_code 'E23999999'" in data.errors[0].message
    assert set(data.force_polygons) == {"bedfordshire"}


def test_a_polygon_outside_the_uk_is_rejected(tmp_path: Path) -> None:
    areas = fx.feature_collection([({"pfa_code": fx.BEDS}, fx.square(10.0, 52.0))])

    data = load(tmp_path, {fx.FORCE_AREAS: areas})

    assert "leave the UK" in data.errors[0].message
    assert data.force_polygons == {}


# --- whole-file problems: raised, naming the file ---------------------------------------------


def test_a_missing_required_file_raises_naming_it(tmp_path: Path) -> None:
    fx.build(tmp_path)
    (tmp_path / fx.MPS).unlink()

    with pytest.raises(ReferenceDataError, match=r"mps/uk_mps_2024_with_constituency_centroid_force_ct\.csv"):
        load_reference(tmp_path)


def test_a_missing_directory_raises(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="does not exist"):
        load_reference(tmp_path / "nowhere")


def test_a_file_without_a_required_column_raises_naming_file_and_column(tmp_path: Path) -> None:
    text = fx.FILES[fx.OUTCODES].replace("pfa_code", "force_code", 1)

    with pytest.raises(ReferenceDataError, match=r"gb_postcode_outcodes_codepointopen\.csv.*pfa_code"):
        load(tmp_path, {fx.OUTCODES: text})


def test_a_file_that_is_not_geojson_raises_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match=r"uk_police_force_areas_45_with_ct_region\.geojson"):
        load(tmp_path, {fx.FORCE_AREAS: "not json"})


def test_optional_files_are_not_needed(tmp_path: Path) -> None:
    fx.build(tmp_path)

    assert not (tmp_path / "crime").exists()
    assert load_reference(tmp_path).errors == []
