"""General cue families for physical danger: weapons (any weapon noun with any verb, a vehicle
driven into people, shots fired, making weapons, device parts) and suspicious items (left,
devices, under or in vehicles, gas cylinders wired together).

The same kind of entries as `cues_general.py` (people and conduct: threats, hate,
reconnaissance, radicalisation, finance and travel, other behaviour, innocent explanations);
`cues.py` puts these first, in this order, then those.
"""

from __future__ import annotations

from vigil.triage.cue_words import WEAPON_NOUN, WEAPON_VERB

_GAS_LOAD = (
    r"(?:gas (?:canisters?|cylinders?|bottles?)|canisters?|cylinders?|propane|butane|jerry ?cans?|"
    r"fuel cans?|petrol cans?)"
)
_VEHICLE_LOAD = (
    r"(?:gas (?:canisters?|cylinders?|bottles?)|canisters?|cylinders?|propane|butane|jerry ?cans?|"
    r"fuel cans?|petrol cans?|wires|wiring|cables)"
)

# (name, category, weight, pattern, reason)
GENERAL_PHYSICAL: tuple[tuple[str, str, float, str, str], ...] = (
    (
        "weapon_any",
        "weapons_explosives",
        2.0,
        rf"\b{WEAPON_NOUN}\b",
        "mentions a weapon",
    ),
    (
        "weapon_held",
        "weapons_explosives",
        1.5,
        rf"{WEAPON_VERB}[^.]{{0,50}}{WEAPON_NOUN}|{WEAPON_NOUN}[^.]{{0,40}}{WEAPON_VERB}",
        "a weapon held, used, sold or shown",
    ),
    (
        # a vehicle driven into people: a vehicle used as a weapon
        "vehicle_ramming",
        "weapons_explosives",
        3.5,
        r"(?:car|van|lorry|truck|vehicle|4x4|jeep|pick-?up|suv|bmw|audi|merc\w*|transit|driver|hatchback|saloon|"
        r"estate car|people carrier|minibus|coach|motorbike|moped)[^.]{0,80}"
        r"(?:driven|drove|drives|drive|driving|ploughed|ploughing|ploughs|plough|mounted|mounting|mounts|mount|ramm\w*|swerv\w*|"
        r"accelerat\w*|aimed|aiming|sped|speeding|crashed|smashed|went|gone|going|reversing|reversed)[^.]{0,80}"
        r"(?:into|through|at|towards|over) (?:the |a |all the |loads of |some )?(?:\w+ )?(?:people|crowd|crowds|"
        r"pedestrians|shoppers|fans|worshippers|queue|children|kids|marchers|protesters|them|us)|"
        r"(?:ran|running|run|knocking|knocked|mowing|mowed|mown) (?:people|them|us|pedestrians|shoppers) "
        r"(?:over|down)|(?:deliberately|on purpose) (?:drove|driven|driving|ran|hit|aimed)",
        "a vehicle driven into people",
    ),
    (
        # shots being fired, with or without a gun named
        "shots_fired",
        "weapons_explosives",
        3.0,
        r"shots? (?:being |been |were |was |are |is )?(?:fired|firing|going off)|firing (?:shots|at)|"
        r"(?:opened|opening|open) fire|gunshots?|gunfire|shooting at (?:people|us|cars|the|them|everyone)|"
        r"(?:firing|shooting) (?:a |the |his |her )?(?:gun|handgun|pistol|rifle|shotgun)|"
        # someone fired out of a car or at people: a gun in use, whatever it is called
        r"(?:someone|somebody|he|they|a man|a lad|a guy|gunman|the driver|the passenger) (?:has |have |had )?(?:just )?"
        r"(?:fired|shot) (?:out of|from|at|into|towards) (?:a|an|the|his|their|people|us|them|everyone)",
        "shots fired",
    ),
    (
        "weapon_making",
        "weapons_explosives",
        2.5,
        r"(?:drawings?|diagrams?|instructions|notebook|manuals?|plans)[^.]{0,60}(?:pipes?|switches|detonators?|"
        r"circuits?|timers?|bombs?|devices?|explosives?)|(?:ordered|bought|buying|buys|orders|stockpil\w*)"
        r"[^.]{0,60}(?:chemicals|peroxide|acetone|fertili[sz]er|ball bearings|nails|fireworks|powder|weedkiller)|"
        # taking the powder out of fireworks or cutting pipe into lengths: a device being made
        r"(?:empty\w*|emptied|cutting open|cut open|taking apart|took apart|breaking open|broke open|split\w*)"
        r"[^.]{0,20}(?:fireworks|rockets|cartridges|shotgun shells)|(?:powder|gunpowder) (?:out of|from) (?:the )?"
        r"(?:fireworks|rockets|cartridges)|(?:cutting|cut|sawing|sawed|sawn) (?:\w+ ){0,3}(?:lengths of|lengths|pieces of) "
        r"(?:\w+ )?(?:metal |steel |copper |iron )?(?:pipe|pipes|tube|tubes|tubing)",
        "materials or plans for making a weapon",
    ),
    (
        "weapon_ied_parts",
        "weapons_explosives",
        3.0,
        r"pressure cookers?[^.]{0,80}(?:nails|ball bearings|screws|wires?|soldering|batter\w*|timers?|powder)|"
        r"(?:nails|ball bearings)[^.]{0,80}pressure cookers?|"
        r"(?:pouring|emptying|tipping|collecting|scraping)[^.]{0,40}(?:powder|gunpowder)[^.]{0,30}"
        r"(?:jars?|pipes?|tubes?|containers?|bottles?|tubs?|tins?)|"
        r"cutting (?:them|the fireworks|fireworks|rockets|cakes) open|(?:same as|like) gunpowder|"
        r"how much (?:powder|gunpowder) (?:comes out|is in|there is)|"
        # tubes or pipes with fuses: a home-made device
        r"(?:tubes?|pipes?|bottles?|cans?|canisters?)[^.]{0,30}(?:fuses?|wicks?)|taped (?:tubes|pipes)|"
        r"fuses? (?:sticking|coming|poking|hanging) out",
        "parts or powder for making a device",
    ),
    (
        # something strapped or taped round a person's body, or wires showing under their clothes:
        # a suspected device worn by someone, whatever it is called
        "device_worn",
        "weapons_explosives",
        3.5,
        r"(?:something|things?|packages?|parcels?|boxes|a box|a belt|belts?|a vest|vests?|wires?|cables?|tubes?|pipes?|"
        r"canisters?|cylinders?|blocks?|bottles?|devices?|objects?|stuff)[^.]{0,30}(?:strapped|taped|tied|wrapped|wired|"
        r"fixed|attached|bound|belted|stuck) (?:round|around|to|on|across|all over) (?:his|her|their|the man's|the woman's|"
        r"the lad's|the guy's) (?:\w+ )?(?:body|chest|waist|middle|stomach|belly|torso|legs?)|"
        r"(?:wires?|cables?|leads?) (?:showing|visible|sticking out|poking out|hanging out|coming out|hanging down)"
        r"[^.]{0,30}(?:coat|jacket|hoodie|clothes|clothing|top|shirt|jumper|fleece)|"
        r"(?:under|beneath|underneath) (?:his|her|their|an?|the) (?:\w+ )?(?:coat|jacket|hoodie|clothes|clothing|top|shirt|"
        r"jumper|fleece)[^.]{0,20}(?:wires?|cables?) (?:showing|visible|sticking|poking|hanging|coming)|"
        r"(?:suicide|explosive|bomb) (?:vest|belt|jacket)s?",
        "something like a device worn on someone's body",
    ),
    (
        "item_left",
        "suspicious_item",
        3.0,
        r"(?:bag|holdall|rucksack|suitcase|case|box|package|parcel|envelope|tin|container|canister|keg|"
        r"backpack|carrier bag|sports bag|shopping bag|van|lorry)[^.]{0,60}(?:left (?:on|under|by|at|"
        r"against|near|in|there|next|outside|beside|behind)|been left|sat (?:by|on|there|under|against)|"
        r"sitting (?:by|on|there|under|against)|placed|dumped|tied to|abandoned|lying|by itself|"
        r"on its own|nobody|no one|none of them|not claimed|unclaimed|no driver)|"
        r"(?:nobody|no one|none of them)[^.]{0,40}(?:claim\w*|owns?|near it|come for it|"
        r"gone near|touched it|with it|comes? (?:to|for|back for|back to) it|goes near it|been back to it)|"
        # someone else left it and has not come back for it
        r"(?:left|dumped|abandoned|stashed) (?:a|an|his|her|their) (?:\w+ ){0,2}(?:bag|holdall|rucksack|suitcase|"
        r"case|box|package|parcel|backpack|carrier bag|sports bag|shopping bag)[^.]{0,60}"
        r"(?:(?:has|have|had|did) not|(?:has|have|had|did)n't|never) (?:come|came|been) back|"
        # pushed out of sight under or behind something, or disowned by whoever is nearest
        r"(?:bag|holdall|rucksack|suitcase|case|box|package|parcel|backpack|carrier bag|sports bag|shopping bag)"
        r"[^.]{0,30}(?:pushed|shoved|stuffed|tucked|wedged|hidden|jammed|slid) (?:right )?(?:under|underneath|behind|"
        r"beneath|between|in behind|into the back of)|(?:it's|its|it is|it was|it isn't|isn't|is not|was not|wasn't)"
        r"(?: not)? (?:theirs|ours|mine|anyone's|anybody's)|(?:nobody|no one|no-one) (?:knows|knew) whose",
        "describes an unattended item",
    ),
    (
        "item_device",
        "suspicious_item",
        2.5,
        r"(?:wires?|cables?)[^.]{0,20}(?:poking|sticking|hanging|coming) out|taped to|"
        r"(?:wires?|cables?|leads?|aerials?) (?:hanging|dangling|trailing|poking|sticking) (?:from|out of|off|down)|"
        r"(?:wires?|cables?) (?:running|leading|going) (?:from|out of|into|under)|chained to|"
        r"attached (?:with tape|with magnets?|under|underneath|to the underside)|"
        r"(?:tape|taped) (?:round|around|all round)|clock sticking|"
        r"powder (?:is |was )?(?:leaking|spilling|coming)|(?:leaking|spilling) (?:a )?(?:\w+ ){0,2}powder|"
        r"phone taped|(?:mobile phone|mobile|phone|clock|timer|batter(?:y|ies)|circuit board) (?:strapped|taped|tied|"
        r"stuck|fixed|wired|gaffer taped|cable tied) (?:to|on|onto|round|around)|ticking|chemical smell|strong smell|smell of chemicals|stain spreading|"
        r"(?:liquid|oil) leaking|(?:poking|sticking) through|greasy (?:patch|stain)|oily (?:patch|stain)",
        "an object that looks like a device or substance",
    ),
    (
        # the classic under-vehicle device: a box, device or wires under or stuck to a car or van
        "item_under_vehicle",
        "suspicious_item",
        3.5,
        r"(?:box|device|package|parcel|object|tin|container|tub|tupperware|wires?|cables?|magnets?|"
        r"something|cylinders?|canisters?|pipes?|tubes?|thing|toolbox|tool box|lunchbox|lunch box|cash box|flask)[^.]{0,60}"
        r"(?:under|underneath|beneath|attached to|stuck to|taped to|fixed to|"
        r"clamped to|on the underside of|in the wheel arch of|inside the wheel arch of)(?: the| her| his| their| my| our| a| an)?"
        r"[^.]{0,25}(?:car|cars|van|vehicle|lorry|truck|4x4|jeep|pick-?up|wheel arch|wheel arches|chassis|"
        r"driver's side|passenger side|bumper|exhaust)|"
        r"(?:under|underneath|beneath|stuck to|attached to|taped to)(?: the| her| his| their| my| our| a| an)? "
        r"(?:\w+ ){0,2}(?:car|van|vehicle|wheel arch|driver's side|passenger side|bumper|chassis)[^.]{0,60}"
        r"(?:box|device|package|object|wires?|cables?|magnets?|magnetic|taped|tape)|"
        r"magnetic (?:box|device|object|tin|container)|"
        r"(?:wheel arch|underside|chassis)[^.]{0,40}(?:box|device|wires?|cables?|taped|magnets?|magnetic)|"
        # "his car ... a box with wires stuck to the underside near the driver's door"
        r"(?:box|device|package|object|tin|container|wires?|cables?|magnets?|something)[^.]{0,60}"
        r"(?:stuck|attached|taped|fixed|clamped|strapped) to the (?:underside|bottom)|"
        r"(?:box|device|package|object|tin|container|wires?|magnets?)[^.]{0,60}(?:under|underneath|beneath|"
        r"stuck to|attached to|taped to|near) (?:the |her |his |my )?(?:driver|passenger)(?:'s)? (?:door|side|seat)",
        "an object or device under or attached to a vehicle",
    ),
    (
        # a container fixed or hidden out of sight under or behind a seat, bench or counter in a
        # public place (a box taped under a seat, a tin wedged behind a radiator): a placed item
        "item_hidden_fixed",
        "suspicious_item",
        3.5,
        r"(?:box|toolbox|tool box|lunchbox|lunch box|cash box|shoebox|tin|container|package|parcel|bag|holdall|"
        r"rucksack|backpack|case|canister|cylinder|pipe|tube|flask|device|object|something)[^.]{0,30}"
        r"(?:taped|strapped|stuck|fixed|attached|wedged|tied|cable tied|zip tied|gaffer taped|bolted|clamped|"
        r"hidden|stashed|tucked) (?:up )?(?:under|underneath|beneath|behind|to the underside of|to the bottom of|"
        r"inside) (?:a|the|one of the|an)[^.]{0,15}\b(?:seat|seats|bench|benches|table|tables|counter|"
        r"desk|shelf|shelves|stairs|staircase|stage|radiator|bin|toilet|cistern|sink|pew|pews|stand|stall|"
        r"platform|bridge|pillar|kiosk|vending machine|cash machine|bus shelter)",
        "an object fixed or hidden under a seat, bench or counter",
    ),
    (
        # gas cylinders or cans with wires taped or run between them: the shape of a device,
        # in a vehicle or anywhere
        "item_rigged_cylinders",
        "suspicious_item",
        4.0,
        _GAS_LOAD
        + r"[^.]{0,80}(?:wires?|cables?|wiring|leads?)[^.]{0,20}(?:taped|connect\w*|join\w*|link\w*|between|"
        r"attached|running|wrapped)|(?:wires?|cables?|wiring|leads?)[^.]{0,30}(?:taped|connect\w*|join\w*|"
        r"link\w*|between|attached|running|wrapped)[^.]{0,40}"
        + _GAS_LOAD
        + r"|"
        + _GAS_LOAD
        + r"[^.]{0,40}wired (?:together|up)",
        "gas cylinders wired or taped together",
    ),
    (
        # a vehicle named first, then something unexplained stuck or hidden under it
        "item_under_vehicle_after",
        "suspicious_item",
        3.5,
        r"(?:car|cars|van|vehicle|lorry|truck|4x4|jeep|motorbike|taxi)[^.]{0,60}(?:something|an object|a thing|"
        r"objects?|an item|a package|a parcel|a bag|stuff) (?:stuck|attached|taped|hidden|fixed|clamped|"
        r"strapped|wedged|tied|hanging) (?:under|underneath|beneath|to the (?:bottom|underside|back)|behind)",
        "an object or device under or attached to a vehicle",
    ),
    (
        # a vehicle left where people are, its driver gone, with gas cylinders or wires inside
        "item_vehicle_abandoned",
        "suspicious_item",
        3.5,
        r"(?:van|car|vehicle|lorry|truck|4x4|pick-?up)[^.]{0,120}(?:driver|he|she|they|man|woman|someone|bloke|guy)"
        r"[^.]{0,20}(?:jumped out|got out|ran off|ran away|ran towards|ran from|ran into|legged it|fled|"
        r"abandoned it|left it|walked off|walked away)[^.]{0,120}"
        + _VEHICLE_LOAD
        + "|"
        + _VEHICLE_LOAD
        + r"[^.]{0,120}(?:driver|he|she|they|man|woman|someone|bloke|guy)[^.]{0,20}"
        r"(?:jumped out|got out|ran off|ran away|ran towards|legged it|fled|abandoned it|left it|walked off)",
        "a vehicle abandoned with gas cylinders or wires inside",
    ),
    (
        # a sealed envelope or package addressed to someone, that the reporter has not opened
        "item_unopened",
        "suspicious_item",
        2.5,
        r"(?:envelope|package|parcel|padded bag|jiffy bag)[^.]{0,40}addressed to|"
        r"(?:have|has|did|do) not (?:yet )?(?:opened|open|touched|touch|plugged|plug) (?:it|them|the (?:envelope|package|parcel|box|bag|stick))",
        "an unopened package or envelope",
    ),
    (
        "item_vehicle_load",
        "suspicious_item",
        2.0,
        _VEHICLE_LOAD
        + r"[^.]{0,40}(?:on|in|across) (?:the|its) (?:passenger seat|back seat|front seat|seats?|"
        r"dashboard|footwell|back|boot|cab)",
        "gas cylinders or wires inside a vehicle",
    ),
)
