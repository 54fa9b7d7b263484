"""The classification lexicon: weighted cues per category, each with the reason it gives.

A cue is written as a regular expression over lower-cased normalised text, in the subset that
`words.py` compiles into token look-ups: every cue, urgency pattern and hate-strand pattern
is matched in one pass over the report (`LEXICON.match`). The classify stage adds up the
weights of the cues that fire, then applies the precedence rules of the labelling guide (see
`stages/classify.py`). Cues are written for the kind of report, never for one report; the
cues below grew from the dev reports, `cues_general.py` adds general word families.
"""

from __future__ import annotations

from dataclasses import dataclass

from vigil.triage import words
from vigil.triage.cues_general import FALSE_FRIENDS, GENERAL
from vigil.triage.cues_physical import GENERAL_PHYSICAL
from vigil.triage.cues_tiebreak import PATTERNS as TIEBREAK_PATTERNS
from vigil.triage.cues_urgency import PATTERNS
from vigil.triage.lexicon import MATERIAL_PATTERNS, WEAPON_PATTERNS


@dataclass(frozen=True, slots=True)
class Cue:
    name: str
    category: str
    weight: float
    pattern: str
    reason: str


def _c(name: str, category: str, weight: float, pattern: str, reason: str) -> Cue:
    return Cue(name, category, weight, pattern, reason)


HR, WE, SI, EC = "hostile_reconnaissance", "weapons_explosives", "suspicious_item", "extremist_content_online"
RC, TP, HI = "radicalisation_concern", "threat_to_person", "hate_incident"
FT, BO, NR = "suspicious_finance_travel", "suspicious_behaviour_other", "not_relevant"

_FILM = r"(?:film(?:ing|ed|s)?|photograph(?:ing|ed|s)?|taking (?:loads of |a lot of |lots of )?(?:photos|pictures|pics)|took photos|recording|video(?:ing|ed)|counting|pacing|noting|sketching|writing (?:things )?down|notebook|binoculars|long lens|zoom)"
_SECURITY = r"(?:security|cctv|cameras?|barriers?|bollards?|gates?|entrances?|doors?|stewards?|guards?|fence|fencing|checkpoint|perimeter|fences|booths?|armed (?:police|officers)|police patrol|patrols?|turnstiles?|search(?:es)? area|bag search|exits|scanning|gatehouse|security huts?|supports|shift)"

_SPECIFIC: tuple[Cue, ...] = (
    # hostile reconnaissance
    _c(
        "recon_filming",
        HR,
        2.5,
        rf"{_FILM}\b[^.]{{0,80}}\b{_SECURITY}\b",
        "describes filming or noting security measures",
    ),
    _c(
        "recon_security_first",
        HR,
        1.5,
        rf"\b{_SECURITY}\b[^.]{{0,60}}\b{_FILM}",
        "describes filming or noting security measures",
    ),
    _c(
        "recon_questions",
        HR,
        2.5,
        r"(?:asked|asking|wanted to know)[^.]{0,80}(?:what time|how many|whether|where|which (?:door|room|gate))[^.]{0,60}(?:police|security|cameras?|cctv|patrol|shifts?|change ?over|barriers?|bag search|checks?|scan|guards?|staff on|control room)",
        "asked about security arrangements",
    ),
    _c(
        "recon_site",
        HR,
        1.0,
        r"\b(?:airport|power station|dockyard|port|stadium|arena|parliament|barracks|garrison|army base|military base|naval base|raf base|raf|airbase|air base|airfield|runway|substation|sellafield|fuel (?:farm|depot)|terminal|concourse|checkpoint|border force|crowd)\b",
        "concerns a crowded place or sensitive site",
    ),
    _c(
        "recon_drone",
        HR,
        1.5,
        r"\bdrone\b[^.]{0,80}\b(?:crowd|exits|stadium|ground|match|gallowgate|event)",
        "a drone filming a crowd",
    ),
    _c(
        "recon_watching_gate",
        HR,
        1.5,
        r"(?:sat|parked|waiting|watching)[^.]{0,60}(?:opposite|across from|facing)[^.]{0,30}(?:gate|entrance|depot|base)",
        "watched a site entrance",
    ),
    # weapons and explosives
    _c(
        "weapon_seen",
        WE,
        2.0,
        r"\b(?:gun|handgun|pistol|rifle|shotgun|sawn-off|machete|firearm|crossbow|grenade|pipe bomb|explosives?|ammunition|bullets)\b",
        "mentions a weapon",
    ),
    _c(
        "weapon_brandish",
        WE,
        2.5,
        r"\b(?:waving|brandishing|holding|showed|pointing|tucked|carrying|loading|unloading)\b[^.]{0,60}\b(?:gun|handgun|pistol|rifle|shotgun|sawn-off|machete|knife|firearm|weapon|crossbow)|"
        r"\b(?:gun|handgun|pistol|rifle|shotgun|sawn-off|machete|knife|firearm)\b[^.]{0,60}\b(?:tucked|waistband|trousers|pointed|waved|brandished|walked (?:into|towards))",
        "a weapon held or shown",
    ),
    _c(
        "weapon_stock",
        WE,
        2.0,
        r"\b(?:stockpil\w*|stacked|sacks? of|bags of|(?:plastic|metal|chemical|blue|oil) drums?|drums of|containers? of|cylinders|gas bottles|bottles of chemicals|chemical smell|gas mask|loud bangs|burnt patches|wires? coming out|batteries, wires|wires and|not on any licence|sold at least one gun|get anything|stab vest|hunting knives)\b",
        "stockpiled materials or weapons",
    ),
    _c(
        "weapon_precursor",
        WE,
        1.5,
        r"\bfertili[sz]er\b|\bgas (?:bottles|cylinders)\b|\bhazard stickers\b|\blabels torn off\b",
        "explosive precursors",
    ),
    _c(
        "weapon_found",
        WE,
        1.5,
        r"\bfound\b[^.]{0,40}\b(?:grenade|gun|rifle|shell|mortar|explosive)|"
        r"\b(?:containing|contained|inside (?:it )?(?:was|were|is|are))\b[^.]{0,30}\b(?:handguns?|guns?|pistols?|revolvers?|rifles?|shotguns?|grenades?|ammunition|bullets)\b",
        "a weapon found",
    ),
    # suspicious items
    _c(
        "item_unattended",
        SI,
        3.0,
        r"\b(?:unattended|nobody (?:with it|has claimed|came back for|claims)|no one with it|no owner|owner not seen|"
        r"no driver|nobody with it|nobody claims|nobody has (?:come|moved|so much as))\b|"
        r"\b(?:bag|rucksack|suitcase|holdall|package|parcel|box|shoebox|shoe box|cardboard box|case|backpack|envelope)\b[^.]{0,50}"
        r"\b(?:left (?:on|under|by|at|against|near|in|there)|abandoned|on its own|on the (?:steps|floor|pavement|seat|bench)|"
        r"under (?:a|the) (?:bench|seat|seats)|taped to)\b",
        "describes an unattended item",
    ),
    _c(
        "item_object",
        SI,
        1.0,
        r"\b(?:bag|rucksack|suitcase|holdall|package|parcel|box|shoebox|case|backpack|sports bag|envelope|van|vehicle|object)\b",
        "names a physical object",
    ),
    _c(
        "item_suspicious",
        SI,
        2.5,
        r"\b(?:white powder|(?:grey|gray|brown|yellow|fine|unknown|strange|odd) (?:powder|substance|crystals)|"
        r"(?:envelope|parcel|package|letter)[^.]{0,20}(?:with|containing|contained|full of)[^.]{0,20}(?:powder|substance)|powder spilled|suspicious (?:object|package|item|device)|pipe wrapped|wires coming out|taped to|tape wrapped|hazard lights|"
        r"taped shut|sealed with (?:parcel |brown |gaffer |duct )?tape|wrapped in (?:parcel |brown |gaffer |duct |packing )?tape)\b",
        "a suspicious package or substance",
    ),
    # extremist content online
    _c(
        "online_material",
        EC,
        2.0,
        r"\b(?:channel|video|videos|account|server|discord|page|post(?:s|ed|ing)?|forum|thread|website|site|link|livestream|stream|uploads?|subscribers|followers|memes?|pdf|manifesto|propaganda|qr code|group chat|telegram|tiktok|stories)\b",
        "about material online",
    ),
    _c(
        "online_extremist",
        EC,
        2.0,
        r"\b(?:nasheeds?|is propaganda|jihad\w*|neo-?nazi|nazi|martyr|mass shooters?|mass shootings?|filmed by the (?:gunman|attacker|shooter|killer)|beheaded|beheadings|execution videos?|school shooters?|terrorist attacks?|real attacks|attacks? footage|race war|white revolution|accelerationis\w*|go operational|direct action|cleansing|legitimate targets|manifestos?|recruitment|propaganda|the war is not over|saints|beheading|hate preachers?|killing (?:non-believers|unbelievers|disbelievers|infidels|kuffar))\b",
        "extremist material or language",
    ),
    _c("online_url", EC, 1.0, r"https?://|www\.|\.example\.|example\.(?:com|org|net)", "gives a link"),
    # radicalisation concern
    _c(
        "rad_person",
        RC,
        2.0,
        r"\bmy (?:son|daughter|nephew|niece|grandson|brother|sister|husband|boyfriend|partner|friend|flatmate|cousin)\b|"
        r"\b(?:her|his|their) (?:son|daughter|nephew|niece|grandson|granddaughter|brother|sister|husband|wife)\b|\b(?:a|one of our|our) (?:pupil|student|young person)\b|\bmates younger brother\b|\bold friend\b|\ba lad i\b|\byear \d+ pupil\b",
        "concerns a person close to the reporter",
    ),
    _c(
        "rad_change",
        RC,
        2.0,
        r"\b(?:has changed|changed a lot|become|(?:has |have |had |recently |only )?started (?:saying|calling|agreeing|hanging|wearing|flying|running about|running around|reading|mixing|dressing|carrying|going on about|talking about)|obsessed|drawn in|pulled in|groomed|stopped (?:seeing|working|attending)|withdrawn|dropped his old friends|study circle|going really strange|gone really strange|buzzing|getting worse|before it goes further|before he does something|down (?:a|the) (?:rabbit )?hole|(?:gave|giving|given|give) away (?:all )?(?:his|her|their) \w+|deleted (?:all )?(?:his|her|their) (?:social media|accounts?|profiles?))\b",
        "describes a change in someone's views or behaviour",
    ),
    _c(
        "rad_ideology",
        RC,
        2.0,
        r"\b(?:remigration|replaced|replacing us|great replacement|islamist|jihadists?|white supremac\w*|race war|far-right|far right|kuffar|apostates?|haram|accelerationist|incel|went er|traitors?|illegitimate|nazi salutes?|swastikas?|hitler|dissident|celtic cross|black sun|white people|supporting is|streamer|influencers|extremist views|sovereign|hijrah|land of sin|khilafah|caliphate|paramilitar\w*|(?:migrants|immigrants|muslims|foreigners|jews|they) (?:are )?taking over|(?:jews|globalists|they) control everything|hitler was right)\b",
        "extremist ideas",
    ),
    _c(
        "rad_referral",
        RC,
        2.5,
        r"\b(?:prevent referral|safeguarding|referral|self-refer|need to talk to someone|someone (?:to )?help (?:him|her|me)|want (?:someone|him) to (?:get )?help|advice and support|not for him to be arrested|not arrest me|don't want him (?:to be )?in trouble|(?:do not|dont) want (?:him|her|them) (?:to be )?arrested|(?:help|do|please) not arrest|(?:afraid|scared|frightened|worried sick) for (?:him|her)|check on (?:him|her))\b",
        "asks for help or a referral",
    ),
    # threats to a person
    _c(
        "threat_words",
        TP,
        3.0,
        r"(?:\b(?:kill|stab|shoot|strangle|hang|slit|cut (?:her|him|you|them) up|put a bullet|bullet in|burn (?:your|the|their) (?:house|home|place)|blow (?:you|them) up)\b|you(?:'ll| will) (?:get what's coming|be sorry|pay)|will pay|won't be walking out|we know where you (?:live|sleep)|your days are numbered|days are numbered|(?:your|his|her|their) (?:day|time|turn) (?:is|will be) coming|(?:day|time) is coming for (?:you|him|her|them)|next one won't|you know what to do|sort(?:ing)? (?:you|me|them|him|her) out|needs sorting out|be dealt with|be waiting (?:for|outside)|will be sorry|come and collect|running out of patience|i'll find out|day of reckoning|'a wee word'|have a word with them|hang for treason|owes him|crosshair|(?:bullet|bullets|cartridge|cartridges|live round|shell) (?:was |were |had been |has been |have been )?(?:left|posted|put|placed|sent|delivered|pushed|taped) (?:on|through|in|under|to|at)|dead bird|(?:going to|gonna|will go to)\b[^.]{0,60}\bwith (?:my|his|a|her)\b[^.]{0,15}\b(?:gun|shotgun|knife|machete|rifle|crossbow))",
        "contains a threat",
    ),
    _c(
        "threat_fixation",
        TP,
        2.0,
        r"\b(?:followed (?:one of|her|him|the)|waits outside|sitting on the wall outside|outside the mp's home|photographs the house|followed the mp|obsessed with the mp|fixated|keeps coming to|come to the office|letters?\b[^.]{0,40}\b(?:a day|every day|several)|posted my home address|photo of my front door|home address|belongs? to me or|(?:make|made|making) (?:her|him) (?:his|hers|mine) forever|sending (?:him|her|me) (?:secret )?signals)\b",
        "describes fixation on or targeting of a person",
    ),
    _c(
        "threat_office",
        TP,
        1.5,
        r"\b(?:mp|msp|mla|councillor|mayor)(?:'s)? (?:surgery|office|home|house|car)|\bconstituency office\b|\bsurgery\b|\bhustings\b|"
        # where an office holder meets the public: a drop-in, a public meeting, a walkabout
        r"(?:mp|msp|mla|ms|councillor|mayor)(?:'s)? (?:public |open |community )?(?:meeting|drop-in|drop in|walkabout|q and a|visit)|"
        r"(?:mp|msp|mla|ms|councillor|mayor) (?:for [^.]{0,30})?(?:is )?(?:doing|holding|hosting|running) (?:a|an|his|her|their) "
        r"(?:\w+ )?(?:drop-in|drop in|public meeting|surgery|walkabout|q and a|advice session)",
        "concerns an office holder's office, surgery or home",
    ),
    _c(
        "threat_domestic",
        TP,
        2.0,
        r"\b(?:ex-partner|ex partner|non-molestation|neighbour dispute|shouted over the fence|banging on the door)\b",
        "a threat to a private individual",
    ),
    _c(
        "threat_hoax",
        TP,
        2.0,
        r"\b(?:bomb (?:warning|threat)|there is a bomb|claimed (?:a|there was a) (?:bomb|device)|phoned (?:in )?a warning)\b",
        "a claimed device",
    ),
    # hate incidents
    _c(
        "hate_abuse",
        HI,
        3.0,
        r"\b(?:racist|racial|racially|homophobic|transphobic|disablist|ableist|anti-muslim|anti-jewish|antisemitic|anti-semitic|islamophobic|sectarian|religious (?:abuse|hatred|insults?|slurs?|hate)|religiously aggravated|hate crime|hate incident|bigot\w*)\b",
        "hostility to a protected characteristic",
    ),
    _c(
        "hate_target",
        HI,
        2.0,
        r"\b(?:go back (?:to|where) (?:your|romania|poland|africa|pakistan|your own|you came from|we came from|they came from)\w*|because of (?:our|his|her|their|my) (?:skin|religion|race|colour|disability|sexuality)|people like you|your kind|a bloke in a dress|infestation|(?:called|calling|shouted|shouting|screamed|screaming|yelled|yelling)(?: us| them| me| him| her| my \w+| our \w+)? terrorists|(?:you|they) (?:are |were )?(?:all )?(?:bloody )?terrorists|terrorists? out|go back to your mosque|(?:go|get|send them|sent) (?:home|back) or (?:burn|die|be burned|be burnt)|go back to (?:china|india|pakistan|africa|poland|romania|bangladesh|nigeria|jamaica|somalia|syria|iraq|afghanistan|your country|your own country|where you belong)|(?:her|his|their) old name|english out|saeson|white lives matter|ok to be white|swastikas?|pig's head|bacon|star of david|nazi symbols|rainbow flag|rainbow|we are (?:gay|trans|muslim|jewish)|holding hands|headscarf|hijab|turban|calling us names|called (?:him|her|me|us) names|names about (?:being|his|her)|mocked|copy the way he walks|freak|'a freak'|(?:jokes|names|comments) about (?:trans|gay|disabled|muslim|jewish|black|asian) people|my old name|deadnam\w*|call me by)",
        "targets someone for who they are",
    ),
    _c(
        "hate_strand_word",
        HI,
        1.0,
        r"\b(?:trans woman|trans man|transgender|gay|lesbian|girlfriend and i|me and my girlfriend|my boyfriend and i|me and my boyfriend|disabled|disabilit\w+|learning disabilit\w+|autistic|cerebral palsy|deaf|wheelchair|muslim women|jewish|sikh|catholic|protestant|romanian|polish|nigerian|english)\b",
        "a protected characteristic",
    ),
    # finance and travel
    _c(
        "ft_money",
        FT,
        2.0,
        r"\b(?:send (?:money|it on)|money transfers?|transfers? (?:to|from)|sends money abroad|withdrew|savings|cash (?:in )?buckets|collecting cash|donations|not a registered charity|bank details|personal account|use my bank account|payday loans|sold his car|raised (?:about )?\d+|fundraising|raising money|raise money|crowd ?fund\w*|crowdfund\w*|donors|(?:crypto|bitcoin) (?:address|wallet)|just under \d+|keep \d+|without it being traced|limit before|raises money|raised money|collecting for|(?:with a|rattling a|cash) buckets?|not (?:from )?(?:any|a) registered (?:group|charity|organisation)|(?:send|sending|sent|pay|paying) (?:it |money |them )?(?:in)?to (?:a|his|her|their) wallet|wallet address|large withdrawals?)\b",
        "money moving in an unusual way",
    ),
    _c(
        "ft_travel",
        FT,
        2.0,
        r"\b(?:one[- ]way|flights? to|flight is|going to (?:syria|turkey|iraq|fight)|go (?:and|to) fight|fight in|to help the brothers|the brothers|cross to the other side|syrian border|conflict zone|passport was only issued|going travelling|going home to|ferry (?:to|from|port|terminal|crossing|booked|tickets?)|where he's needed|go to sham|wishes he could go)\b",
        "travel to a conflict zone or unusual travel",
    ),
    _c(
        "ft_conflict",
        FT,
        2.0,
        r"\b(?:syria|syrian|gaziantep|kilis|iraq|raqqa|idlib|sham|ukraine|gaza|turkey|somalia|mogadishu|yemen|"
        r"afghanistan|libya|mali|lebanon|beirut|al-hol|kurdish forces|ypg|peshmerga)\b",
        "names a conflict zone or transit country",
    ),
    _c(
        "ft_ids",
        FT,
        1.5,
        r"\b(?:passports?|driving licences?|id documents?|different names|different surnames|bank cards)\b[^.]{0,60}\b(?:different|names|in several)\b|\bthree passports\b|\bmultiple ids?\b",
        "multiple identities",
    ),
    # other suspicious behaviour
    _c(
        "bo_phones",
        BO,
        2.0,
        r"\b(?:pay as you go phones|sim cards?|sims\b|burner|cheap phones|new mobile phones|swapping sim|different phones|gps trackers?|tracker tags)\b",
        "bulk phones, SIMs or trackers",
    ),
    _c(
        "bo_hire",
        BO,
        2.0,
        r"\b(?:hired|hire|hiring|rented|rents|lock-?up|self storage|storage unit|garages?|deliveries|parcels)\b",
        "hire, storage or deliveries",
    ),
    _c(
        "bo_odd",
        BO,
        1.5,
        r"\b(?:paid cash|in cash|cash up front|paid (?:a year )?up front|blackout|covered (?:with|from the inside)|blankets over|at night|only (?:ever )?comes between|only goes out after dark|different car each time|tracker|avoid cameras|height restrictions|how fast|fully loaded|lanyards|id cards|steward's pass|tabards|hi-vis|wiped remotely|didn't seem to know)\b",
        "unusual behaviour",
    ),
    # not relevant
    _c(
        "nr_nuisance",
        NR,
        2.5,
        r"\b(?:parked (?:his|her|their)[^.]{0,30}across my drive|dropped kerb|music (?:at full volume|loud every)|playing music|noise|leylandii|hedges?|pothole|fly-?tipp\w*|dumping (?:mattresses|rubbish|rubble|waste)|builders rubble|who do i report this to|bins|recycling|street light|e-scooter|fire pit|garden rubbish|smoke comes|lost (?:my|a) (?:brown |black )?(?:leather )?wallet|handed it in|shed was broken into|crime number|netflix|spotify|password|invasion of privacy|is this a crime|is this illegal|is this something you can deal with)\b",
        "a nuisance or ordinary complaint",
    ),
    _c(
        "nr_scam",
        NR,
        3.0,
        r"\b(?:scam|hmrc|gift cards|action fraud|congratulations|claim now|voucher|opt out|unpaid speeding fine|click a link|romance|sent (?:him|her) money|dating (?:site|app)|"
        r"(?:unpaid )?(?:customs|redelivery|re-delivery|delivery|postage|shipping|handling) (?:fee|charge)|could not be delivered|"
        r"(?:confirm|verify|update) your (?:address|details|payment|bank details|account|identity)|dear customer)\b",
        "a scam",
    ),
    _c(
        "nr_innocent",
        NR,
        3.0,
        r"\b(?:(?:he|she|they)(?:'s| is| are) a farmer|acres|they spread|grassland|burger van|re-?enact\w*|medieval|charity (?:bags|donation)|registered charity bags|it's a hobby|film crew|fancy dress|airsoft|paintball|cannabis farm|probably a cannabis|skunk|smell of cannabis|cannabis grow|it is a grow|is a grow|fireworks going (?:up|off)|it was fireworks|just fireworks|only fireworks)\b",
        "an innocent explanation is given",
    ),
    _c(
        "nr_test",
        NR,
        3.0,
        r"\b(?:just a test|this is a test|test to see if this form|putting chemicals in the water|(?:planes|jets|aircraft)[^.]{0,30}spraying (?:chemicals|poison|us|people)|written to the queen|keep us docile|chemtrails|lizard|my thoughts|tin ?foil|with foil|mind control|mind reading)\b",
        "a test message or implausible claim",
    ),
    _c(
        "nr_news",
        NR,
        2.5,
        r"\b(?:have you seen this|this|a|an|the) (?:news |newspaper |online )?(?:article|news story|news report|headline)\b|"
        r"\b(?:why is nobody talking about|is this (?:true|real|fake)|fake news)\b",
        "a news story",
    ),
    _c(
        "nr_complaint",
        NR,
        1.5,
        r"\b(?:what is the point|whats the point|what's the point|very disappointed|council do nothing|nobody has come out|can you tell (?:his|her) parents|ignore their constituents|not had a single reply|bus route cuts|peaceful protest|no amplification|we've told the office)\b",
        "a complaint about a service",
    ),
)

HATE_STRANDS: tuple[tuple[str, str], ...] = (
    (
        "transgender",
        (
            r"\b(?:trans(?:gender)? (?:woman|man|person|people)|transphobic|bloke in a dress|(?:my|her|his|their) old name|deadnam\w*|i'm trans|non-binary)\b|"
            r"(?:is|am|being|because (?:she|he|they)(?: is| are)?) trans\b"
        ),
    ),
    (
        "sexual_orientation",
        (
            r"\b(?:homophobic|gay|lesbian|bisexual|rainbow flag|me and my (?:boyfriend|girlfriend)|my (?:husband|boyfriend) and i|holding hands|same-sex|lgbt\w*)\b"
        ),
    ),
    (
        "disability",
        (
            r"\b(?:disab\w+|cerebral palsy|crutches|wheelchair|autis\w+|deaf\w*|blind|learning difficult\w+|down's syndrome|downs syndrome|hearing aids?|'a freak'|freak)\b"
        ),
    ),
    (
        "religion",
        (
            r"\b(?:anti-muslim|muslims?|islam\w*|mosques?|hijab|headscarf|anti-jewish|jew\w*|antisemit\w*|synagogue|star of david|swastika\w*|sikh|turban|gurdwara|hindus?|temple|catholic|protestant|sectarian|religious\w*|taigs?|fenians?|papists?|kafflicks?|pig's head|bacon|church)\b"
        ),
    ),
    (
        "race",
        (
            r"\b(?:racis\w+|racial\w*|skin|colour|go back to|own country|english out|saeson|romanian?|polish|lithuanian|nigerian|immigrants?|foreigners?|white lives|ok to be white|black|asian|ethnic\w*|nationality)\b"
        ),
    ),
)

CUES: tuple[Cue, ...] = _SPECIFIC + tuple(Cue(*g) for g in (*GENERAL_PHYSICAL, *GENERAL))
CUE_BY_NAME: dict[str, Cue] = {c.name: c for c in CUES}
JOKE_EMOJI = ("\U0001f602", "\U0001f923")
LEXICON = words.build(
    [
        *((c.name, c.pattern) for c in CUES),
        *PATTERNS,
        *FALSE_FRIENDS,
        *TIEBREAK_PATTERNS,
        *((f"strand:{name}", pattern) for name, pattern in HATE_STRANDS),
        *((f"weapon:{code}", pattern) for code, pattern in WEAPON_PATTERNS),
        *((f"material:{code}", pattern) for code, pattern in MATERIAL_PATTERNS),
    ]
)
