"""Patterns for the tie-break stage (`stages/tiebreak.py`): the labelling guide's rules for a
report that fits more than one category.

Same pattern subset as the cues (compiled by `words.py` into the one look-up pass). Each
pattern is a general word family (who is targeted, how a warning arrived, whether the reporter
checked an innocent explanation), never a phrase from one report.
"""

from __future__ import annotations

from vigil.triage.cue_words import BODY_OF, HELD_CAPTIVE, WEAPON_NOUN, _v

# A person described by role or relationship ("the doorman", "her ex", "our cashier").
PERSON_NOUN = (
    r"(?:doorm[ae]n|bouncers?|door staff|barman|barmaid|bar staff|landlord|landlady|manager|"
    r"shopkeeper|cashier|shop assistant|owner|driver|bus driver|taxi driver|cabbie|neighbours?|"
    r"ex|ex-partner|ex-boyfriend|ex-girlfriend|ex-husband|ex-wife|partner|boyfriend|girlfriend|"
    r"husband|wife|brother|sister|son|daughter|dad|mum|father|mother|stepdad|stepmum|teacher|"
    r"head teacher|boss|supervisor|colleague|co-worker|security guard|steward|nurse|doctor|"
    r"receptionist|customer|tenant|lodger|flatmate|housemate|postman|courier|cousin|uncle|"
    r"aunt|nephew|niece|friend|mate|referee|coach|vicar|imam|rabbi|priest)"
)
_DET = r"(?:the|his|her|my|our|their|your|that|this)"
_THREAT_VERB = _v(
    "do",
    "did!",
    "done!",
    "get",
    "got!",
    "hurt",
    "sort",
    "batter",
    "kill",
    "stab",
    "smash",
    "cut",
    "deal with",
    "go for",
    "went for!",
    "finish",
    "glass",
    "knock",
    "cripple",
    "maim",
    "break",
    "teach",
)

PATTERNS: tuple[tuple[str, str], ...] = (
    # rule 3: a weapon aimed at, or an attack promised to, one identifiable person
    (
        "weapon_at_person",
        rf"{WEAPON_NOUN}[^.]{{0,60}}(?:at|towards|against|in (?:the )?face of) {_DET} {PERSON_NOUN}|"
        rf"(?:point\w*|aim\w*|wav\w*|brandish\w*|swung|swing\w*|pull\w*|held|hold\w*|came|went|ran|run\w*)"
        rf"[^.]{{0,40}}(?:at|towards|for) {_DET} {PERSON_NOUN}|"
        rf"threaten\w* {_DET} {PERSON_NOUN}[^.]{{0,40}}with|"
        r"(?:point\w*|aim\w*|levell?\w*) (?:it|them|the \w+|a \w+|his \w+|her \w+)(?: \w+)? (?:at|towards) (?:me|him|her|us|them)\b|"
        rf"(?:going to|gonna|will|would|wants to|threaten\w* to|coming back to|come back to)[^.]{{0,20}}"
        rf"{_THREAT_VERB}[^.]{{0,3}}(?:{_DET} {PERSON_NOUN}|him|her|them|me|us|you)\b|"
        # "he would put both barrels into her": a shot promised at someone
        r"put (?:both barrels|a bullet|one|a round|a cartridge|a bolt|\w+ rounds) (?:in|into|through) "
        r"(?:him|her|them|me|us|you)\b|"
        # "with his gun to do the shift manager": a weapon brought to attack someone
        rf"{WEAPON_NOUN}[^.]{{0,30}}to {_THREAT_VERB}[^.]{{0,12}}(?:{PERSON_NOUN}|him|her|them|me|us)\b|"
        # aimed at someone's window or door: at the people inside
        r"(?:point\w*|aim\w*|levell?\w*)[^.]{0,40}(?:at|towards|through) (?:the|his|her|my|our|their|your) "
        r"(?:\w+ )?(?:window|windows|front door|door|house|home|flat)|"
        # anything held to a part of someone's body: the weapon is at that person
        rf"(?:held|hold\w*|press\w*|put|puts|putting|got|has|had)[^.]{{0,30}}(?:to|against|at|on|into) {BODY_OF}|"
        rf"{WEAPON_NOUN}[^.]{{0,6}}(?:at|to|against) {BODY_OF}|"
        # people kept where they are by someone: captives are identifiable people
        rf"{HELD_CAPTIVE}|"
        # a weapon pulled on someone, or someone chased with it: that person is its target (a
        # weapon shown to someone is often showing off, so that alone is not)
        rf"(?:pull\w*|drew|draws|drawn|produc\w*) (?:a|an|the|his|her)[^.]{{0,12}}{WEAPON_NOUN} on (?:her|him|me|us|them)\b|"
        rf"{WEAPON_NOUN}[^.]{{0,40}}(?:chasing|chased|going after|running after|ran after|went after) "
        r"(?:her|him|me|us|them)\b",
    ),
    # a person named by role or relationship ("the supervisor", "her ex"): a threat's target
    ("person_role", rf"{_DET} (?:\w+ )?{PERSON_NOUN}"),
    # rule 5: a device claimed by phone, letter or message, not seen
    (
        "warning_call",
        r"(?:took a call|a call from|phone call|calls?|called|rang|phoned|caller said|voice|message|"
        r"letter|note|email|text|saying|said|says|warned|warning|claimed|claiming)[^.]{0,40}"
        r"(?:a bomb|bombs? in|bombs? at|bomb under|device in|device at|explosives? in|"
        r"going to go off|goes off|will go off|blow (?:the|this|your|it) (?:\w+ )?up)",
    ),
    (
        "no_device",
        r"no (?:device|bomb|package|parcel|bag|item|object|suspicious (?:item|package|object|device))s? "
        r"(?:has |have |had |was |were )?(?:been )?(?:seen|found|located|spotted)|"
        r"nothing (?:suspicious )?(?:has been |was |had been )?(?:seen|found|located)|"
        r"(?:has not|have not|had not|did not|has nobody|nobody has|no one has) "
        r"(?:seen|found|spotted) (?:a|any|anything)",
    ),
    # rule 4: watching one person's home, car or movements (fixation), not a site's security
    (
        "person_watch",
        r"(?:photos?|photograph\w*|pictures?|film\w*|video\w*|watch\w*|notes?|noting|follow\w*|"
        r"parked outside|sits outside|sat outside|waits outside|waited outside)[^.]{0,40}"
        r"(?:her|his|their|my|our|the mp|the msp|the mla|the councillor|the mayor) "
        r"(?:front door|back door|house|home|flat|car|cars|movements|school run|children|kids|"
        r"daily routine|routine|drive|driveway|windows?|garden|comings and goings)|"
        r"(?:pulls?|pulled) out and follows?|follows (?:her|him|them) (?:to|home|when|around|everywhere)|"
        r"when (?:she|he|the mp|the msp|the mla|the councillor) (?:leaves|goes out|gets home)|"
        # "watching the home of our MP", "the family coming and going"
        r"(?:watch\w*|photograph\w*|film\w*|follow\w*|pictures of|photos of) the (?:home|house|family|car|children|kids|"
        r"movements|wife|husband) of|(?:family|kids|children|wife|husband) coming and going",
    ),
    # rule 6: a person engaging with extremist material (about the person, not the material)
    (
        "person_engages",
        r"(?:he|she|they|him|her)\b[^.]{0,20}(?:liking|likes|liked|sharing|shares|shared|following|"
        r"follows|followed|reposting|reposts|reposted|commenting on|joined)[^.]{0,20}"
        r"(?:posts?|pages?|videos?|accounts?|groups?|channels?|content|stuff|memes?)",
    ),
    # rule 6: online material that is an advert for something physical (weapons sold from a
    # car, cash handed over in person), not extremist material itself
    (
        "physical_sale",
        rf"(?:selling|sells|sold|flogging|dealing)[^.]{{0,40}}{WEAPON_NOUN}[^.]{{0,40}}"
        r"(?:out of|from) (?:his|her|their|a|the) (?:car|boot|car boot|van|house|flat|garage|shed|lock-?up)|"
        rf"{WEAPON_NOUN}[^.]{{0,30}}for sale|"
        rf"(?:seller|selling|offering|listed|listing|listings)[^.]{{0,60}}{WEAPON_NOUN}|"
        r"collection only|cash on collection",
    ),
    (
        "cash_in_person",
        r"(?:hand|hands|handing|bring|give|drop|pay)[^.]{0,20}cash[^.]{0,20}in person|"
        r"cash (?:only|in hand)|(?:cannot|can not|can't) be traced|untraceable|"
        r"crowd ?fund\w*|crowdfund\w*|(?:crypto|bitcoin|wallet) address|donors|raising money for",
    ),
    # rule 6: where money raised online is going (an account, a person): about the money
    (
        "money_destination",
        r"(?:money|funds|cash|donations|proceeds)[^.]{0,20}(?:going|goes|went|sent|paid|transferred|forwarded) "
        r"(?:in)?to (?:a|an|his|her|their|the) (?:\w+ )?(?:account|wallet|man|person|group|prisoners?)|"
        r"(?:paid|paying|sent|sending) (?:in)?to (?:a|his|her|their|the) (?:personal |private )?(?:bank )?account",
    ),
    # rule 8: the report's own innocent explanation, checked by the reporter
    (
        "benign_purpose",
        r"starting (?:pistol|gun)|blanks|athletics|sports day|race day|fun run|marathon|"
        r"balloons?|fiesta|carnival float|film (?:crew|shoot|set)|filming for|tv (?:crew|drama)|"
        r"rehearsal|dress rehearsal|props?|replicas?|toy|toys|theatre|stage show|panto\w*|"
        r"barbecue|bbq|hog roast|catering|food (?:van|truck|stall)|market stall|street food|"
        r"camping|campsite|patio heater|allotment|farmer|farm|livestock|builders?|scaffold\w*|"
        r"weld\w*|plumb\w*|roofers?|decorators?|fireworks display|bonfire night|re-?enact\w*|"
        r"cosplay|comic con|convention|paintball|airsoft|clay pigeon|shooting club|gun club|"
        r"metal detect\w*|detectorists?|detecting (?:club|society|group|rally)|"
        r"rifle club|registered (?:firearms )?dealer|museum|exhibition|pest control|gamekeeper|"
        r"vets?|welding|hot air|burners?|brewing|brewery|distillery|pyrotechnic\w*|"
        r"training exercise|drill|fire drill|open day|wedding|festival|"
        r"(?:film|photo|fashion|video) shoot|clay (?:pigeon )?shoots?|licensed (?:shoot|ground|range)|grouse|pheasants?|shooting season|beaters|gun dogs|"
        r"(?:swimming )?pool (?:chemicals|maintenance|cleaning|supplies)|"
        r"swimming pools?|hot tubs?|(?:his|her|their) (?:own )?(?:business|company|firm)|company (?:name|van|logo)|"
        r"div(?:e|ing) (?:school|centre|center|club|shop|boat)|divers|scuba|water (?:pistols?|guns?|fight)|nerf|"
        r"super ?soakers?|"
        # games played on a screen, rehearsals and plays, lawful shooting, festival crackers, a
        # planned exercise: the innocent sources of gunfire, bombs and bodies in a report
        r"(?:video|computer|console|online|mobile|phone) games?|xbox|playstation|ps[45]|nintendo|gaming|"
        r"counter-?strike|call of duty|fortnite|gta|grand theft auto|battlefield|"
        r"rehears\w*|(?:school|university|college|student|amateur|drama) (?:play|production|show|society|group|club)|"
        r"drama (?:students?|group|society|class|school)|fake (?:guns?|pistols?|rifles?|knives|swords|weapons?|blood|bombs?)|"
        r"(?:plastic|cardboard|wooden|foam|rubber) (?:guns?|pistols?|rifles?|knives|swords|weapons?)|"
        r"deer (?:stalk\w*|management|cull\w*)|"
        r"firecrackers?|(?:chinese|lunar) new year|lion danc\w*|dragon danc\w*|diwali|bonfire|"
        r"(?:counter-?terrorism|counter terror|emergency|major incident|multi-agency|police|planned|live|mock|training) exercise|"
        r"casualty actors?|role ?play\w*|actors?",
    ),
    (
        "explained",
        r"showed me|showing me|explained|(?:it|they|this|that) (?:was|were|is|are) (?:just|only)|"
        r"turned out|turns out|(?:feel|felt|feeling) (?:a bit |really |very )?(?:silly|daft|stupid|"
        r"an idiot|foolish)|fires blanks|fire blanks|"
        r"reporting (?:only|just) in case|no (?:further )?concerns? remain\w*|"
        r"told (?:me|us) (?:they|it|these|those) (?:are|is|were|was)|anything sinister|"
        r"(?:i|we) (?:have |had )?(?:just |then )?(?:checked|asked)[^.]{0,40}(?:and )?(?:it is|it was|they are|they were) (?:a|an|the|for|just|only)|(?:only|just) in case (?:other|anyone|someone|people)|"
        r"in case (?:other people|anyone else|someone else)|nothing sinister|all above board|"
        r"perfectly (?:innocent|legal|normal|legitimate)|(?:i|we) (?:checked|asked)[^.]{0,30}"
        r"(?:and|it|they)[^.]{0,10}(?:was|were|is|are) (?:for|a|the|just|only)|"
        # the reporter corrected by a second look or by someone who knew
        r"(?:looked|look|looking) again|(?:on )?(?:a )?(?:second|closer) look|oh wait|"
        r"(?:did not|didnt) know (?:till|until)|(?:till|until) (?:my|a|the) \w+ told me|"
        # the reporter remembered, or was told, that it is lawful, and withdraws the concern
        r"(?:then |now |suddenly )?(?:remembered|realised|realized|recalled) (?:that )?(?:it is|it was|it's|its|there is|"
        r"there was|they are|they were|they have|it)|(?:it is|it's|its|this is|is|was|it was) (?:a |an |all |entirely |perfectly )?"
        r"(?:lawful|legal|licensed|permitted|allowed|authorised) (?:activity|event|shoot|business)|"
        r"no (?:concern|concerns|worries) now|(?:apologises|apologised|apologized|apologizes|apologising) for|"
        # a closer look, or someone who knows, settled it and the reporter is satisfied
        r"(?:on|after|when|then) (?:going|getting|walking|looking|went|got|walked) (?:closer|nearer|over)|"
        r"(?:caller|reporter|i am|i'm|we are|we're|i was|we were) (?:now |quite |completely )?(?:satisfied|reassured)|"
        r"told (?:me|us|her|him|caller) (?:that )?(?:it is|it was|they are|they were|this is|it's (?:the|a|an|just|only))|"
        r"with (?:the |his |her |their )?(?:\w+ )?permission|"
        # the reporter knows the source, was told by someone close to it, or read a notice saying so
        r"(?:i|we|caller|she|he) (?:know|knows|knew) (?:because|as|since)|(?:on )?(?:speaking|talking|spoke) to (?:the|his|her|their) "
        r"(?:\w+ )?(?:mother|mum|father|dad|parents?|owner|organisers?|manager|staff|teacher)|"
        r"(?:signs?|notices?|posters?|banners?) (?:up |were up |are up |on the \w+ )?(?:saying|said|says|explaining|warning)|"
        # signs or posters for the club or event, or the person asked and naming what they are part of
        r"(?:signs?|notices?|posters?|banners?) (?:up|everywhere|all over)[^.]{0,12}(?:for|advertising)|"
        r"(?:big|large|huge) (?:signs?|banners?) (?:for|advertising)|"
        r"asked (?:him|her|them)[^.]{0,10}(?:he|she|they) (?:is |are )?(?:in|from|with|part of|a member of|members of) "
        r"(?:a|an|the|his|her|their)|"
        r"(?:it|this|that) (?:is|was) (?:his|her|their|a|an|the|just|only) (?:\w+ )?(?:game|play|drill|exercise|rehearsal)|"
        r"(?:one|they|someone|a student|the teacher) told (?:me|us|her|him) (?:they|it) (?:are|were|was|is)|"
        r"permissions? (?:obtained|granted|given|agreed|in place|sorted|approved)|(?:permit|licence) (?:obtained|granted|in place)|"
        r"(?:wanted|want|wants|just) to (?:log|flag|register) (?:it|this)|heads[- ]up|"
        r"(?:caller|reporter|i|we) (?:apologised|apologized|apologises|apologizes)\b|"
        r"but (?:then )?[^.]{0,60}(?:it|they) (?:was|were) (?:the|just|only|some|a) ",
    ),
    (
        "doubt",
        r"(?:do not|did not|don't|didn't) (?:believe|buy) (?:it|that|him|her|them)|"
        r"(?:does not|doesn't|did not|didn't) add up|not convinced|no smell of|supposedly|"
        r"so[- ]called|(?:did not|didn't) (?:look|seem|sound) like|not sure (?:i|we) believe|"
        r"(?:a|the) cover story|claim(?:s|ed)? (?:to be|they are|they were|it is|it was)",
    ),
)
