"""Geography word lists: countries, counties (with their force), informal town names, the
"MP for X" pattern, and towns that are also everyday words."""

from __future__ import annotations

import re

COUNTRIES = frozenset(
    [
        "Syria",
        "Turkey",
        "Iraq",
        "Iran",
        "Afghanistan",
        "Pakistan",
        "Somalia",
        "Yemen",
        "Libya",
        "Ukraine",
        "Russia",
        "Romania",
        "Bulgaria",
        "Lithuania",
        "Poland",
        "Nigeria",
        "Israel",
        "Palestine",
        "Gaza",
        "Lebanon",
        "Egypt",
        "France",
        "Germany",
        "Belgium",
        "Netherlands",
        "Spain",
        "Ireland",
        "Dublin",
        "Istanbul",
        "Gaziantep",
        "Kilis",
        "Sham",
        "Kabul",
        "Mosul",
        "Raqqa",
        "Idlib",
        "Kurdistan",
    ]
) | {"New Zealand", "Northern Ireland", "Republic of Ireland", "Saudi Arabia", "West Bank"}

# Counties and other areas people name, mapped to the force that polices them.
COUNTIES: dict[str, str] = {
    "Bedfordshire": "bedfordshire",
    "Berkshire": "thames-valley",
    "Buckinghamshire": "thames-valley",
    "Oxfordshire": "thames-valley",
    "Cambridgeshire": "cambridgeshire",
    "Cheshire": "cheshire",
    "Cornwall": "devon-and-cornwall",
    "Devon": "devon-and-cornwall",
    "Cumbria": "cumbria",
    "Derbyshire": "derbyshire",
    "Dorset": "dorset",
    "Durham": "durham",
    "County Durham": "durham",
    "Essex": "essex",
    "Gloucestershire": "gloucestershire",
    "Hampshire": "hampshire",
    "Isle of Wight": "hampshire",
    "Hertfordshire": "hertfordshire",
    "Kent": "kent",
    "Lancashire": "lancashire",
    "Leicestershire": "leicestershire",
    "Rutland": "leicestershire",
    "Lincolnshire": "lincolnshire",
    "Merseyside": "merseyside",
    "Norfolk": "norfolk",
    "Northamptonshire": "northamptonshire",
    "Northumberland": "northumbria",
    "Tyneside": "northumbria",
    "Nottinghamshire": "nottinghamshire",
    "Shropshire": "west-mercia",
    "Herefordshire": "west-mercia",
    "Worcestershire": "west-mercia",
    "Somerset": "avon-and-somerset",
    "Staffordshire": "staffordshire",
    "Suffolk": "suffolk",
    "Surrey": "surrey",
    "Sussex": "sussex",
    "East Sussex": "sussex",
    "West Sussex": "sussex",
    "Warwickshire": "warwickshire",
    "Wiltshire": "wiltshire",
    "Teesside": "cleveland",
    "North Yorkshire": "north-yorkshire",
    "South Yorkshire": "south-yorkshire",
    "West Yorkshire": "west-yorkshire",
    "East Yorkshire": "humberside",
    "Greater Manchester": "greater-manchester",
    "West Midlands": "west-midlands",
    "Anglesey": "north-wales",
    "Gwynedd": "north-wales",
    "Conwy": "north-wales",
    "Denbighshire": "north-wales",
    "Flintshire": "north-wales",
    "Powys": "dyfed-powys",
    "Ceredigion": "dyfed-powys",
    "Pembrokeshire": "dyfed-powys",
    "Carmarthenshire": "dyfed-powys",
    "Gwent": "gwent",
    "Monmouthshire": "gwent",
    "Co Down": "psni",
    "County Down": "psni",
    "Co Antrim": "psni",
    "County Antrim": "psni",
    "Co Armagh": "psni",
    "County Armagh": "psni",
    "Co Tyrone": "psni",
    "County Tyrone": "psni",
    "Co Fermanagh": "psni",
    "County Fermanagh": "psni",
    "Co Londonderry": "psni",
    "County Londonderry": "psni",
    "East Renfrewshire": "police-scotland",
    "Renfrewshire": "police-scotland",
    "Lanarkshire": "police-scotland",
    "Fife": "police-scotland",
    "Highlands": "police-scotland",
    "Ayrshire": "police-scotland",
    "Lothian": "police-scotland",
    "Aberdeenshire": "police-scotland",
    "Argyll": "police-scotland",
}

# Informal names for towns ("Brum | Ummah first").
PLACE_ALIASES: dict[str, str] = {
    "brum": "Birmingham",
    "manc": "Manchester",
    "manny": "Manchester",
    "the smoke": "London",
    "scouse": "Liverpool",
    "derry": "Derry",
    "londonderry": "Derry",
    "hull": "Hull",
    "kingston upon hull": "Hull",
    "newcastle upon tyne": "Newcastle",
    "stoke": "Stoke-on-Trent",
}

# "the MP for X", "councillor for X ward", "the Member of the Senedd for X": names that identify an office holder, not a place.
ROLE_FOR = re.compile(
    r"\b(MP|MSP|MLA|MS|[Cc]ouncillors?|[Mm]ayor|"
    r"[Mm]ember of (?:the )?(?:Senedd|Welsh Parliament|Scottish Parliament|Legislative Assembly|Parliament))"
    r"s? (?:for|of) (?:the )?"
    r"([A-Z][\w'’-]*(?:,? (?:and |upon |of |the |-)?[A-Z][\w'’-]*){0,6})(?: ward)?"
)

# Towns whose names are also everyday words: never matched when typed in lower case.
COMMON_WORD_TOWNS = frozenset(
    "reading bath street wells deal march rugby sale poole bury ware hove barking eye send cheddar ash stone mold goring".split()  # noqa: SIM905
)
