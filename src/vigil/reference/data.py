"""Load a directory of UK reference data into immutable records.

The directory mirrors the official open datasets (see ``shared/data/README.md``); an
air-gapped deployment receives it as files, so nothing here touches the network. Usage::

    data = load_reference(Path("/srv/vigil/reference"))
    for error in data.errors:
        print(error)  # "places/...csv:17: lat is not a number: 'x'"
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from vigil.reference import _loaders, _postcodes
from vigil.reference._io import Source
from vigil.reference.records import (
    MP,
    Constituency,
    CTRegion,
    Force,
    Geometry,
    Outcode,
    Place,
    ReferenceData,
    ReferenceDataError,
    RowError,
    ThreatLevelChange,
)

__all__ = [
    "MP",
    "REQUIRED_FILES",
    "CTRegion",
    "Constituency",
    "Force",
    "Geometry",
    "Outcode",
    "Place",
    "ProgressCallback",
    "ReferenceData",
    "ReferenceDataError",
    "RowError",
    "ThreatLevelChange",
    "load_reference",
]

ProgressCallback = Callable[[str, int, int], None]
_Loader = Callable[[ReferenceData, Source], None]

# (stage name, path relative to the directory, loader), in load order: forces come first
# because every other file resolves its pfa codes against them, MPs before places because
# places take the canonical constituency names, Code-Point outcodes before the ONSPD list
# that fills the gaps. Other files in the directory (crime/, hexjson, the derived CT
# region polygons, the local-authority lookup) are not needed by the lookups and ignored.
_STAGES: tuple[tuple[str, str, _Loader], ...] = (
    ("forces", "forces/uk_police_forces_ct_regions.csv", _loaders.load_forces),
    (
        "force_polygons",
        "forces/uk_police_force_areas_45_with_ct_region.geojson",
        _loaders.load_force_polygons,
    ),
    ("mps", "mps/uk_mps_2024_with_constituency_centroid_force_ct.csv", _loaders.load_mps),
    (
        "constituency_polygons",
        "mps/pcon_july2024_uk_buc_openinnovations.geojson",
        _loaders.load_constituency_polygons,
    ),
    ("places", "places/gb_places_geonames_cities500_with_force.csv", _loaders.load_places),
    ("place_names", "places/gb_populated_place_names_os_open_names_briang.csv", _loaders.load_place_names),
    ("outcodes", "postcodes/gb_postcode_outcodes_codepointopen.csv", _postcodes.load_outcodes),
    (
        "all_outcodes",
        "postcodes/uk_outcodes_onspd_feb2025_from_uk-postcodes-parsing.csv",
        _postcodes.load_all_outcodes,
    ),
    ("postcode_areas", "postcodes/gb_postcode_areas_to_force.csv", _postcodes.load_areas),
    ("threat_levels", "threat_levels/uk_terrorism_threat_level_history.csv", _loaders.load_threat_levels),
)

REQUIRED_FILES: tuple[str, ...] = tuple(relpath for _, relpath, _ in _STAGES)


def load_reference(directory: Path, *, progress: ProgressCallback | None = None) -> ReferenceData:
    """Load every required reference file under ``directory``.

    Bad rows are skipped and listed in ``ReferenceData.errors``; a missing or unreadable
    file, or one without a required column, raises :class:`ReferenceDataError` naming it.
    ``progress(stage, done, total)`` is called after each file, ``done`` counting from 1.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise ReferenceDataError(f"reference directory {directory} does not exist")
    # Check every file before reading any, so that an incomplete copy is reported at once
    # and in full rather than one file per attempt.
    missing = [relpath for relpath in REQUIRED_FILES if not (directory / relpath).is_file()]
    if missing:
        raise ReferenceDataError(f"required reference file(s) missing from {directory}: {', '.join(missing)}")

    data = ReferenceData(directory=directory)
    total = len(_STAGES)
    for done, (stage, relpath, loader) in enumerate(_STAGES, start=1):
        loader(data, Source(directory, relpath, data.errors))
        if progress is not None:
            progress(stage, done, total)
    return data
