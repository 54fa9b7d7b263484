"""Patterns for urgency (score stage) and for the classify stage's precedence rules.

Same pattern subset as the cues (compiled by `words.py` into the one look-up pass).
"""

from __future__ import annotations

from vigil.triage.cue_words import HELD_CAPTIVE, JOKE_GENERAL, WEAPON_NOUN, _v

_ATTACK_ING = (
    r"(?:swinging|waving|smashing|attacking|throwing|kicking|banging|hitting|punching|chasing|"
    r"stabbing|shooting|firing|reloading|pointing|brandishing|screaming|fighting|hiding|whispering|"
    r"stamping|stomping|beating|battering|headbutting|glassing|booting|"
    r"(?:running|walking|pacing|staggering) (?:up and down|around|about|at)|trapped|aiming)"
)

_DANGER_TARGET = (
    r"(?:people|ppl|pedestrians|crowds?|shoppers|families|passers|customers|students|pupils|kids|children|child|"
    r"kid|anyone|anybody|everyone|everybody|folk|woman|man|lad|girl|boy|person|her|him|them|us|me)"
)

PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "now",
        r"\b(?:right now|just now|is still there|still there|it's still there|its still there|still here|still in the|"
        r"is there now|are there now|still (?:outside|inside|in (?:her|his|the) car|watching)|on the line|"
        r"is outside|are outside|outside (?:right )?now|currently|at the moment|as we speak|happening now|"
        r"is now standing|has moved everyone|locked (?:inside|the doors|in)|"
        r"(?:has|have|we've|i've|we have|i have) locked the (?:front |back |main |side )?doors?|caller is (?:inside|watching|in|at|"
        r"standing|driving)|caller has pulled in|can still see|can see him|still in the area|is busy with|"
        r"now \d+(?:\.\d+)?|it's now|its now|tingling|livestream\w*)\b|"
        r"still going on|still happening|as i type|please (?:come|hurry|help|send)|come now|come quick|"
        r"send (?:someone|help|police)|is happening|can see (?:it|them|her) now|i'm watching|"
        r"i am watching|still on the (?:bus|train|line|phone)|still sat|still stood|been here|"
        r"are waiting in|is waiting|keeping (?:people|everyone|the public|them|customers|passengers|the kids|parents) "
        r"(?:back|away|out)|moving (?:people|everyone)|"
        r"is standing|is clearing|doors locked|with the doors locked|has just|have just|"
        r"for the (?:past|last) (?:\w+ )?(?:minutes?|mins?|hour)|"
        # the attacker still moving about, or a fire burning now
        r"still (?:circling|driving (?:round|around|about)|going round|shooting|firing)|"
        r"(?:going|driving|circling) (?:round and round|around and around)|(?:reversing|reversed) and going|"
        r"going again|flames (?:now )?(?:visible|coming|spreading)|fire (?:is )?spreading|"
        r"(?:is|are|it is|now) (?:on fire|alight)|still burning|smoke (?:is )?(?:pouring|coming)|"
        r"just (?:threw|thrown|set fire|set light|smashed|attacked|stabbed|shot|drove|driven|rammed)|"
        # people being moved out now
        r"(?:starting|started|beginning|begun|begin) (?:the|an|to) evacuat\w*|(?:is|are|am|being) evacuat\w*|"
        r"evacuating (?:the|everyone|people|now|staff|the building)|"
        # the reporter asking for someone to come: about now
        r"(?:somebody|someone|police|you) (?:needs?|have|has) to (?:come|get (?:here|down here))|"
        r"(?:need|needs) (?:the )?police (?:here|now)|no police (?:here|yet)|"
        # the attacker still with the victim, or the attack still going on
        r"still on board|still ongoing|(?:standing|stood) over (?:her|him|them|the \w+)",
    ),
    # a claimed device due to go off: an attack seemingly imminent whoever said it
    (
        "device_imminent",
        r"(?:will|is going to|going to|gonna|set to|due to) (?:go off|explode|detonate|blow up|blow) "
        r"(?:in (?:\d+|one|two|three|five|ten|fifteen|twenty|thirty|forty|half|an hour|a few|a couple|"
        r"a minute|a moment|a second|the next)|within|any minute|any second|any moment)",
    ),
    # the person threatening is at the door or trying to get in: in person, whatever they sent before
    (
        "in_person",
        r"(?:at|outside|banging on|hammering on|kicking|forcing|smashing|trying to (?:force|open|kick|break|get through)) "
        r"(?:the|her|my|our|his|their) (?:back |front |side |bedroom |bathroom |kitchen )?(?:door|doors|window|windows)|"
        r"trying to (?:get|break|force (?:his|her|their) way) in|trying to force (?:it|the door|the lock)|"
        r"forcing (?:it|the door|the lock)|kicking (?:the|her|my) door (?:in|down)",
    ),
    (
        "item_now",
        r"packed platform|nobody has (?:come|so much as)|been there (?:at least|for|since)|"
        r"for approx \d+ mins|for \d+ mins|people queuing|been here|"
        r"(?:a few|\d+|a couple of|couple of) (?:mins?|minutes) ago|just (?:opened|found|arrived|spotted)",
    ),
    ("attack_ing", r"(?:is|are|am|he|she|they|hes|shes|theyre|who|someone|still) " + _ATTACK_ING),
    ("attack_ing_past", r"(?:was|were|been|started|kept|keeps) " + _ATTACK_ING),
    (
        "alarm_words",
        r"kids everywhere|(?:everyone|everybody|people|shoppers|customers) (?:is |are )?(?:ducking|diving (?:for cover|behind|"
        r"under)|crouching behind|scattering|fleeing|screaming|"
        r"running (?:away|off|for cover|out|from|everywhere)|going (?:indoors|inside)|taking cover|getting (?:indoors|inside))|"
        r"(?:is|am|are|caller|i'm|we're) (?:sheltering|hiding|taking shelter|taking cover)|lying on the ground|"
        r"(?:kids|children|people|everyone|babies|families) (?:are )?(?:crying|screaming|panicking)",
    ),
    # a weapon being swung or waved about now, with no subject named ("shirt off swinging it about")
    (
        "weapon_in_use",
        r"(?:swinging|waving|brandishing|jabbing|slashing|lunging|pointing) (?:it|them|a \w+|the \w+|his \w+|her \w+) "
        r"(?:about|around|at (?:people|everyone|folk|cars|passers|shoppers))|"
        r"(?:going|goes) (?:mad|mental|crazy|berserk|nuts) with (?:a|an|the|his|her) \w+",
    ),
    # the people at risk hiding, whispering, shut in or kept in by someone: danger to them now,
    # whatever the danger is called
    (
        "victim_sheltering",
        r"whisper\w*|(?:is|are|am|was|were|been|caller|i'm|we're|she's|he's|they're|and|now) (?:hiding|hidden|hid|"
        r"cowering|barricaded|sheltering)|(?:hiding|hid|cowering|barricaded|shut|locked|trapped|stuck) "
        r"(?:themselves |herself |himself |ourselves )?(?:in|inside)[^.]{0,20}(?:bathroom|toilets?|loo|cellar|basement|"
        r"bedroom|cupboard|wardrobe|room|office|kitchen|attic|loft|car|van|cab|shed|stockroom|storeroom)|(?:locked|trapped|stuck|shut) (?:inside|in there)|"
        r"(?:standing|stood|stands|is) (?:in front of|against|across|blocking) (?:the|his|her|their) "
        r"(?:only )?(?:door|doors|doorway|exit|way out)|blocking (?:the|their|her|his) (?:door|doorway|exit|way out)|"
        + HELD_CAPTIVE,
    ),
    # a fire burning now: risk to life whether or not whoever set it has gone
    (
        "fire_now",
        r"(?:is|are|it is|now|it's|its|all) (?:on fire|alight|in flames)|still burning|flames (?:are |now )?"
        r"(?:visible|coming|spreading|everywhere)|(?:thick |black |thick black )smoke|smoke (?:is )?(?:pouring|coming|everywhere)|"
        r"fire (?:is )?spreading",
    ),
    # people hurt and lying there now: risk to life whether or not the attacker has gone
    (
        "casualties_now",
        r"(?:people|lads|men|women|kids|children|someone|somebody|a man|a woman|a lad|a girl|a boy|\d+ (?:people|lads|men|"
        r"women|kids)|two (?:people|lads|men|women)|bodies|victims?) (?:are |is |still )?(?:lying |down )?(?:on the floor|"
        r"on the ground|bleeding|covered in blood|not moving|unconscious)|blood everywhere|"
        r"(?:woman|man|lad|girl|boy|victim|she|he|she's|he's) (?:is )?(?:bleeding|covered in blood|not moving)",
    ),
    # a vehicle left where a crowd gathers (an entrance, a queue, turnstiles): with its driver
    # gone, an unattended item (classify)
    (
        "vehicle_at_crowd",
        r"(?:van|car|vehicle|lorry|truck|transit|4x4|pick-?up|suv|minibus|people carrier)[^.]{0,60}(?:left|parked|"
        r"abandoned|dumped|stopped)[^.]{0,60}(?:turnstiles?|entrances?|gates|main gate|doors|queues?|crowds?|barriers?|"
        r"market|concourse|stadium|arena|station|festival|fan zone|precinct|shopping centre|venue|school gates?)",
    ),
    (
        "driver_gone",
        r"(?:driver|he|she|they|man|woman|someone|somebody|bloke|guy|lad)[^.]{0,30}(?:walk\w* off|walk\w* away|ran off|"
        r"run off|running off|legged it|jumped out|got out|left it|abandoned it|disappeared|vanished|nowhere to be seen|"
        r"(?:has|have|had|did) not (?:come|came) back|never (?:came|come) back|not returned|never returned)|"
        r"no driver|nobody in it|no one in it|driver (?:is |has )?gone|driverless",
    ),
    # everyone already out of a threatened place (not "starting the evacuation")
    (
        "site_cleared",
        r"(?:have|has) all (?:left|gone|got out|been evacuated)|(?:everyone|everybody|all of us|staff|we|they) "
        r"(?:have|has|had) (?:all )?(?:got out|left the building|been evacuated|been moved out)|"
        r"(?:building|site|office|premises|place) (?:is |was |has been |had been )?(?:now )?(?:cleared|evacuated|empty)|"
        r"evacuation (?:is |was |has been )?(?:complete|completed|done|finished)",
    ),
    # something that has sat there for days: background, not an emergency
    (
        "there_for_days",
        r"for (?:\d+|two|three|four|five|several|a few|a couple of|couple of) (?:days|weeks)|"
        r"since (?:at least |about |around |roughly )?(?:yesterday|last (?:week|night|weekend)|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    ),
    (
        "left_scene",
        r"\b(?:gone home|went home|i'm home|im home|i am home|had to (?:get|catch|leave)|don't know (?:what happened|if it's still)|"
        r"do not know if|didn't see what happened|left the scene|caller has now left|since left|walked off|we've gone|"
        r"no longer there|don't know whether)\b|"
        r"carried on|no idea what happened|(?:is|am) now home|home safe|finished (?:her|his|my) shift|"
        r"(?:don't|do not) know if (?:it|anyone|they|he)|didn't stop|had to get my|no idea if|"
        r"(?:i|we) got off (?:at|the)|(?:my|the) (?:bus|train) came|got on (?:the|my) (?:bus|train)|so i got on|"
        r"(?:my|the) (?:bus|train|coach|flight) left|(?:i'm|i am|is|am) now (?:on|at|back)|now back at|"
        r"(?:does not|doesn't|did not|didn't) know (?:if|whether)|dunno (?:if|whether)|no idea (?:if|whether)|"
        r"(?:i'm|im|i am|we're|we are) (?:now )?(?:back )?(?:in|at) \w+ now|"
        r"(?:not sure|no idea|don't know|do not know) (?:if|whether) (?:it|they|anyone) (?:got|has been|have been|was|were) "
        r"(?:moved|removed|cleared|dealt with|checked|taken away)|(?:can't|cannot|couldn't) see what happened|"
        r"finished (?:her|his|my|the) (?:round|rounds|walk|run|deliveries|patrol)|"
        r"no idea (?:what has|whats) happened since|(?:can't|cannot|can not|couldn't|could not) see (?:it|them|him|the \w+) "
        r"(?:from here|now|any more|anymore|from where)|(?:can't|cannot|couldn't|could not) say (?:whether|if) "
        r"(?:it|its|anyone|they|someone)",
    ),
    (
        "resolved",
        r"\b(?:all fine|belonged to someone|took it away|was claimed|turned out to be|false alarm|been dealt with|"
        r"already (?:reported|dealt)|just for your records|for the record)\b|"
        r"(?:the )?owner (?:turned up|came back|returned|was found)|all sorted|(?:it was|was) sorted|"
        r"no (?:further )?concerns? remain\w*|turned out (?:a|the|that|it|he|she|they)|(?:it|bag|box) (?:had|has) gone|it's gone|"
        r"it was gone",
    ),
    # "I don't know if it was sorted": the reporter left not knowing, which is not resolved
    (
        "resolved_unknown",
        r"(?:don't|do not|didn't|did not|not sure) know (?:if|whether) (?:it|they|he|she|anyone) "
        r"(?:was|were|got|had been|has been) (?:sorted|claimed|dealt with|moved)|"
        r"not sure (?:if|whether) (?:it|they) (?:was|were|got) (?:sorted|claimed|dealt with)",
    ),
    (
        "old",
        r"\b(?:back in (?:the )?(?:\w+ )?(?:20\d\d|january|february|march|april|may|june|july|august|september|october|"
        r"november|december|autumn|spring|summer|winter)|last (?:summer|autumn|winter|spring|year)|years? ago|months ago|"
        r"a long time ago|long time ago|old news|(?:probably|likely|maybe) (?:of )?no use (?:now|any more|anymore)|around 20\d\d|in 20[01]\d|been there months|for months|some have been there weeks|"
        r"only just found|has been there for (?:months|weeks)|never reported it)\b|"
        r"few years ago|a few months back|months back|\d+ years ago|years back|"
        r"for (?:what must be |about |over |nearly |almost |at least )?(?:a|one|two|three|\d+) years?|a year now|"
        r"ages ago|summers? (?:back|ago)|winters? (?:back|ago)|"
        r"nothing (?:has|have) happened (?:for|since)|(?:has|have) not happened (?:for|since)",
    ),
    (
        "vague",
        r"\b(?:nothing specific|general feeling|no one's said anything violent|not sure if this is anything|"
        r"probably (?:nothing|someone|a|an|just)|could be a hobby|just letting you know|is this legal|"
        r"seems well-meaning|well-meaning|harmless|in case)|just thought i(?:'d| would) (?:say|mention)|"
        r"just wanted to mention|just wanted to let|vague one|"
        r"not sure (?:if|whether) (?:this|it) is (?:worth|anything)|nothing else to report|"
        r"not sure (?:this|it) is (?:anything|worth)|thought i(?:'d| would) mention|(?:said|says) i should mention|"
        r"probably (?:waiting|nothing|harmless)|"
        r"(?:do not|don't|not sure if|no idea if) (?:know )?(?:if )?(?:it|this|that) counts|on your radar|"
        r"(?:has not|hasn't|have not|haven't) (?:actually )?done anything (?:to anyone|wrong)|just (?:putting|flagging|logging) (?:it|this)",
    ),
    (
        "specific_threat",
        r"\b(?:not joking|dead serious|bullet|shotgun|knife|gun|petrol|crosshair|i know where|waiting outside|"
        r"see you at|surgery|hustings|meeting|tomorrow|tonight|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
        r"this (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|is the day|follow(?:ed)?|home address|"
        r"photo of my (?:front door|street)|children's school|we know where|where you sleep|days are numbered|"
        r"will come and collect|which window|burn|livestream)\b|" + WEAPON_NOUN + r"|torch|your car|"
        r"route home|drive home|finishes|after the next|will be your last|every morning|conviction|"
        r"nothing (?:left )?to lose",
    ),
    (
        "violence",
        r"threw|throwing|thrown|punch\w*|kick\w*|hit|hitting|chas\w*|attack\w*|following us|followed|"
        # a beating: stamped on, knocked to the ground, glassed, set upon
        r"stamp\w*|stomp\w*|beating|beaten|batter\w*|headbutt\w*|glassed|glassing|laying into|laid into|set upon|"
        r"(?:knock\w*|push\w*|shov\w*|threw|thrown|dragg\w*) (?:\w+ ){0,4}(?:to the (?:ground|floor)|unconscious)|"
        r"being followed|waiting outside|spat|spitting|"
        # a building with people in it attacked: windows smashed, a fire set, people climbing in
        r"smash\w* (?:\w+ ){0,2}(?:windows?|doors?|glass)|set (?:\w+ ){0,4}(?:on fire|alight|ablaze)|set fire to|"
        r"trying to (?:climb|get|break|force (?:their|his|her) way) in(?:to)?|climb\w* in(?:to)? (?:the|a|through)",
    ),
    (
        "subject_gone",
        r"drove off|driving off|ran off|made off|sped off|got away|"
        # nobody left at the scene by the time the reporter saw it
        r"(?:nobody|no one|noone|no-one) (?:is |was )?(?:around|about|there|in sight) (?:now|any more|anymore|by then)|"
        r"(?:they|he|she|whoever did it) (?:had|have|has) (?:long )?gone (?:by the time|before|when)|(?:gone|went) back (?:inside|in|indoors|home|into)|"
        r"will be back (?:about|at|around|by|later|tonight|after)",
    ),
    (
        "home_targeted",
        r"(?:my|her|his|their|our) (?:home|house|front door|address)|where (?:i|she|he|we) lives?",
    ),
    (
        "call_to_action",
        r"home address|pay (?:him|her|them) a visit|go round|visit (?:him|her|them)|find (?:him|her|them)|"
        r"be there|what you've got|bring (?:your|what)",
    ),
    ("soon_words", r"tomorrow|tonight|today|this (?:morning|afternoon|evening)"),
    (
        "earlier",
        r"yesterday|last (?:week|night)|earlier|on (?:monday|tuesday|wednesday|thursday|"
        r"friday|saturday|sunday)|(?:an|\d+|few|couple of) (?:hours?|mins?|minutes) ago|this morning",
    ),
    ("yesterday", r"yesterday"),
    # seen some time before the report, not today
    (
        "earlier_past",
        r"yesterday|last (?:week|weekend|month|night)|the other (?:day|night|week)|(?:a|two|three|few|couple of) "
        r"(?:days|weeks|months) ago|for the (?:last|past) (?:few |couple of )?(?:days|weeks|months)|"
        r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    ),
    # an event on the day that draws a crowd (a time today alone is not an event)
    (
        "event_today",
        r"concert|match|kick off|kicks off|kick-off|kickoff|doors open|gig|fixture|full house|sold out|"
        r"capacity crowd|crowd of|parade|festival|carnival|marathon|rally|fireworks|the game|game (?:today|tonight|this)",
    ),
    (
        "dated_plan",
        r"will|is the day|flight|flights?|departs|do something|going to|wants?|for next|heaviest|"
        + _v("fly", "travel", "book", "leave", "start")
        + r"|attack|cleansing|be there|what you've got|bring your kids|columbine|kill|last day|plane|petrol|visit|"
        r"burn|bring",
    ),
    ("future_today", r"tonight|later today|this (?:afternoon|evening)|departing|departs|kicks off|kick off"),
    # a threat that arrived by message or post, not one being carried out in front of someone
    (
        "remote_threat",
        r"(?:posted|posting|posts|tweeted|commented|captioned|caption|messaged|texted|emailed|"
        r"voicemail|letter|screenshots?|online|group chat)",
    ),
    # classify precedence helpers
    (
        "person_target",
        r"\b(?:at (?:her|him|me|us|them)|(?:her|his|my|our|their) (?:door|flat|house|home|car|family|block|head|"
        r"face|life|kids|children|work|gym)|(?:mr|mrs|miss|ms|dr|sir) \w+|ex-partner|ex-(?:boyfriend|girlfriend|husband|wife)|neighbour|"
        r"towards (?:her|him|me)|threaten\w*|said (?:he|she)(?:'d| would)|to (?:her|him|me|us)\b|"
        r"in (?:the|your|my|his|her) face|(?:for|at) (?:my|his|her|our|their) (?:brother|sister|son|daughter|dad|mum|"
        r"husband|wife|partner|boyfriend|girlfriend|friend|neighbour|boss|manager))",
    ),
    (
        "office_person_recon",
        r"\b(?:the (?:mp|msp|mla|councillor)(?:'s)? (?:car|home|house|movements|arrives)|where the (?:mp|msp|mla) lives|"
        r"what time the (?:mp|msp|mla)|which door they use|which room)\b",
    ),
    (
        "site_recon",
        r"\b(?:cameras?|cctv|guards?|shift|barriers?|security|locks?|alarms?|staff door|panic alarm)\b",
    ),
    ("online_noun", r"\b(?:channel|server|account|page|video|post(?:ed|s)?|website|forum|link|stream)\b"),
    (
        "joke",
        r"(?:lol\b|lmao|\bjoke\b|\bjoking\b|\bbanter\b|\bhyperbole\b|\bmoaning about\b|\bsatire\b|\bsatirical\b|"
        r"\bwith my bare hands\b|\bnerf\b|mock election)|" + JOKE_GENERAL,
    ),
    ("not_joking", r"not joking|dead serious|i'm serious|deadly serious"),
    # False friends: a cue word used in another sense cancels the cue at that place (classify)
    (
        "ff:shoot",  # "shoot" as a noun or a sport, not a threat
        r"(?:film|filming|photo|photography|fashion|video|music video|tv|grouse|pheasant|partridge|game|"
        r"clay|clay pigeon|driven|rough|annual|estate's|estate|day's|syndicate|the|a|last|first|next|weekly) shoots?|"
        r"shoot (?:day|days|season|dates?|captain|lunch)|"
        # protective kit named after what it protects against ("stab vests" in an order, not a threat to stab)
        r"stab (?:vests?|proof|resistant|jackets?)|stab-proof|stabproof|shooting (?:season|party|parties|club|range|"
        r"ground|estate|day|lodge|syndicate|school|instructor)",
    ),
    (
        "ff:weapon",  # a weapon word describing something else ("an ammunition-style box")
        r"(?:ammunition|ammo|gun|rifle|bullet|weapons?|grenade|bomb|military|army) (?:style|shaped|look|"
        r"looking|box|boxes|tin|tins|crate|crates|case|cases)|glue guns?|nail guns?|staple guns?|"
        r"bullet points?|bath bombs?|gun metal|gunmetal|water pistols?|nerf guns?|"
        # a past conviction for weapons, or the reporter saying none were mentioned
        r"(?:prison|jail|jailed|convicted|sentenced|inside|time|charged|arrested) (?:for|of) (?:\w+ )?"
        r"(?:explosives?|firearms?|guns?|weapons?|bombs?|knives|knife)|"
        r"no (?:mention|sign|signs|evidence|talk) of (?:\w+ ){0,3}(?:weapons?|guns?|knives|knife|bombs?|explosives?)",
    ),
    (
        "ff:threat",  # a noose or crosshairs in a meme or picture: depicted material, not a threat made
        r"(?:memes?|pictures?|images?|photos?|photoshopped|cartoons?|graphics?|edits?|edited|showing|"
        r"shows|posters?)[^.]{0,40}(?:noose|nooses|crosshairs?|gallows)|(?:noose|nooses|crosshairs?)[^.]{0,30}"
        r"(?:drawn|photoshopped|edited) (?:on|onto|over)|"
        # "hang round the shop": loitering, not hanging someone
        r"(?:hang|hangs|hanging|hung) (?:round|around|about|out)",
    ),
    (
        "ff:test",  # windows foiled over: hidden activity, not a tinfoil-hat belief
        r"windows?[^.]{0,20}(?:tin ?foil|with foil|in foil)|(?:tin ?foil|foil) (?:on|over|across) (?:the |all the |every |his |"
        r"her |their )?(?:\w+ )?windows?",
    ),
    (
        "ff:innocent",  # the reporter's own work ("I run a fancy dress shop"), or a claim doubted
        r"(?:i|we|caller|the caller|reporter) (?:run|runs|manage|manages|own|owns|work (?:at|in|for)|works (?:at|in|for)|"
        r"am the manager (?:of|at)|is the manager (?:of|at)|'m the manager (?:of|at)) (?:a|an|the|our|my|her|his) "
        r"(?:\w+ ){0,6}(?:shop|store|business|firm|company|stall|yard|centre|branch|van|farm|club|warehouse)|"
        r"(?:he|she|they) (?:says?|said|claims?|claimed|told (?:me|us|her|him))[^.]{0,60} but\b|"
        r"(?:obviously|clearly|definitely|plainly|certainly) not (?:\w+ )?\w+",
    ),
    (
        "ff:online",  # "post", "site", "account" in their everyday senses
        r"(?:fence|lamp|goal|gate|sign|bed|door|trading|sorting|police|finishing|guard|marker) posts?|"
        r"post office|post box|postbox|by post|in the post|post van|"
        r"posted (?:through|under|into|in) (?:the|my|our|his|her|their) (?:door|letterbox|letter box|front door)|"
        r"(?:building|construction|work|works|caravan|camping|car boot|burial|heritage|industrial|"
        r"development|demolition|landfill) sites?|on site|"
        r"(?:bank|savings|business|company|joint|current) accounts?|account (?:number|details)|accounts? (?:manager|department)|"
        r"english channel|channel (?:crossing|tunnel)",
    ),
    # a question about travel checks (airline, passport, border), not a site's security
    (
        "travel_checks",
        r"(?:airline|airlines|airport staff|passports?|border|boarding|check in|checkin|visa|immigration)[^.]{0,30}"
        r"(?:check\w*|look at|ask\w*|stop\w*)|check\w*[^.]{0,30}(?:passports?|tickets|boarding|who is with|"
        r"who (?:is )?travel\w*|ids?)",
    ),
    # something said to be going on now or next, which makes an old detail background
    (
        "current",
        r"now (?:he|she|they|it|says|say|has|have|is|are|wants)|(?:keeps|keep) (?:posting|sending|uploading|"
        r"messaging|coming|asking|saying|calling|ringing|turning up|following|sharing)|(?:is|are) still|tonight|this (?:evening|morning|afternoon|week)|"
        r"in the morning|tomorrow|(?:has|have) (?:just|started)|just (?:seen|found|posted|received)",
    ),
    ("negation", r"no|not|never|without|nobody|none"),
    # the report names the thing a scam (a threat in a scammer's story is part of the scam)
    (
        "scam_named",
        r"(?:it's|it is|its|that's|that is|this is|is this|is a|probably a|sounds like a|must be a|definitely a|"
        r"obviously a|classic|romance|dating) (?:a )?scam",
    ),
    # a wish to go and fight, said by someone being drawn in, not a journey under way
    (
        "travel_wish",
        r"(?:wants?|wanted|wanting|wishes|wished|keeps saying|kept saying|talks about|talking about|dreams? (?:of|about)|"
        r"would like|would love|says he will|says she will) (?:to )?(?:go (?:and|to) fight|going to fight|fight (?:for|in|with|alongside)|"
        r"join (?:the|them|his|her))",
    ),
    # the reporter's own protected characteristic, and hostility aimed at the reporter: a hate
    # incident even when the two are told in different sentences
    (
        "self_characteristic",
        r"(?:i am|im|we are|as a|as an|being a|being) (?:a |an )?(?:\w+ )?(?:trans|transgender|non-binary|gay|lesbian|"
        r"bisexual|muslim|muslims|jewish|jew|sikh|hindu|catholic|protestant|disabled|deaf|blind|autistic|"
        r"black|asian|chinese|indian|pakistani|bangladeshi|polish|romanian|nigerian|somali|immigrant|refugee|"
        r"traveller|gypsy|wheelchair user)\b|"
        # the reporter's origin or relationship told in other words
        r"(?:i am|im|we are)[^.]{0,30}from (?:china|hong kong|taiwan|korea|japan|vietnam|india|pakistan|bangladesh|"
        r"nigeria|ghana|somalia|poland|romania|syria|iraq|afghanistan|iran|jamaica)|"
        r"(?:we are|we're) (?:two (?:men|women|blokes|lads|girls) who (?:live|are) together|a (?:gay|lesbian|same-?sex) couple)",
    ),
    # "nothing about my race", "not because I'm gay": the reporter rules a hate motive out
    (
        "no_hate_motive",
        r"(?:nothing|not) (?:about|to do with|because of) (?:my|his|her|their|our) (?:race|religion|colour|skin|"
        r"sexuality|disability|faith|nationality)|not because (?:i am|we are|he is|she is|they are)",
    ),
    # gas cylinders or bottles: the only thing behind some weapon cues
    ("gas_words", r"gas (?:bottles|cylinders|canisters)|cylinders|gas bottles"),
    # a place of worship: an attack on one is aimed at the people who worship there
    (
        "worship_place",
        r"mosques?|synagogues?|gurdwaras?|mandir|(?:hindu |sikh |buddhist )?temples?|churches|church|chapel|"
        r"madrassa|madrasah|islamic (?:centre|center)|prayer (?:hall|room)|kingdom hall",
    ),
    # rules-1.7.1, the safety net for present danger (classify's `present_danger`, score's
    # danger now): people attacked, chased or driven at; fuel spread where people are; a
    # leaking or dripping container, a drone carrying one, something washed up that people are
    # handling. These say danger to people whatever the category cues say.
    (
        "danger_attack",
        rf"(?:chasing|chased|chases|running after|ran after|going after|went after|goes for|went for|going for|"
        rf"lunged at|lunging at|lunges at|slashing at|swinging at|swung at|swinging it at|coming at|came at|"
        rf"go at|going at|went at|goes at|come at)[^.]{{0,15}}{_DANGER_TARGET}|"
        rf"(?:driving|driven|drove|drives|accelerating|accelerated|swerving|swerved|speeding|revving|aiming|aimed|"
        rf"reversing|reversed|ploughing|ploughed|careering|careered)[^.]{{0,25}}(?:at|into|towards|through)[^.]{{0,15}}"
        rf"{_DANGER_TARGET}|"
        r"(?:hitting|knocking|mowing|running) (?:down |over )?(?:anyone|anybody|people|pedestrians|everyone|folk)|"
        r"mount\w* the (?:pavement|kerb|curb|footpath)[^.]{0,60}(?:people|pedestrians|crowd|families|shoppers|kids|children)|"
        r"(?:holding|pinning) down[^.]{0,20}(?:man|woman|lad|girl|boy|kid|child|person|"
        r"bloke|guy|pensioner|student|pupil)|(?:holding|pinning|pinned|held) (?:him|her|them|someone|somebody) down|"
        r"(?:throwing|lobbing|hurling|chucking|dropping)[^.]{0,25}(?:at|onto|on to|down at|down on|into) "
        r"(?:the |passing )?(?:traffic|cars|people|crowd|passers|pedestrians|windows|houses)",
    ),
    (
        "danger_fire",
        r"(?:pour\w*|splash\w*|spread\w*|spray\w*|soak\w*|dous\w*|squirt\w*) (?:\w+ ){0,2}(?:petrol|fuel|lighter fluid|"
        r"paraffin|accelerant|white spirit)[^.]{0,25}(?:sofa|settee|floor|carpet|bed|stairs|hall|hallway|room|furniture|curtains|walls?|house|flat|"
        r"doorway|landing)|(?:will|theyll|youll|we|they|you) (?:all|both) (?:burn|die)",
    ),
    (
        "danger_item",
        r"(?:canister|cylinder|drum|device|package|parcel)[^.]{0,60}(?:dripping|leaking|oozing|hissing|fizzing|"
        r"smoking|seeping)|(?:liquid|something|stuff) (?:is )?(?:dripping|leaking|oozing|seeping) (?:from|out of) "
        r"(?:it|the \w+)|drones?[^.]{0,80}(?:canister|container|cylinder|package|parcel|bottle|device)|"
        r"(?:canister|cylinder|shell|munitions?|mine|device|drum|ordnance)[^.]{0,60}washed (?:up|ashore)|"
        r"washed (?:up|ashore)[^.]{0,40}(?:canister|cylinder|shell|munitions?|mine|device|drum|ordnance)",
    ),
    # someone the victim knows: a threat to a known person, not an attack on the public
    (
        "victim_known",
        r"(?:her|his|my|our|their) (?:ex|ex-partner|ex-boyfriend|ex-girlfriend|ex-husband|ex-wife|partner|"
        r"boyfriend|girlfriend|husband|wife|daughter|son|mum|dad|sister|brother|neighbour|flatmate|landlord|"
        r"stepdad|father|mother|cousin)|(?:shouted|screamed|called out) (?:his|her) name",
    ),
    # not real: a film, a game, a drill, a show, a news story about somewhere else
    (
        "danger_not_real",
        r"(?:film|filming|tv|movie|drama|music video) (?:shoot|crew|set|scene|stunt)|being filmed for|stunt\w*|"
        r"rehears\w*|re-?enact\w*|(?:computer|video|online) game|in the game|playing (?:a game|fortnite|gta|call of duty)|"
        r"on the (?:news|telly|tv)|news (?:report|story|footage|clip)|documentary|training exercise|(?:fire|evacuation) drill|"
        r"paintball|airsoft|laser tag|play ?fight\w*|pretend\w*|(?:in|from) a (?:film|movie|show|series)",
    ),
    # second-hand: heard from someone who heard it (a friend of a friend, a group chat); the
    # reporter knows of no danger now
    (
        "hearsay",
        r"friend of a friend|(?:heard|hearing) (?:it )?(?:from|through|via) (?:a|someone|somebody|people|other|another)|"
        r"second-?hand|third-?hand|rumou?rs? (?:going round|that|is)|gossip|"
        r"(?:someone|somebody|people|a parent|parents|a mum|a dad|one of the \w+) (?:in|on) (?:the|a|our) (?:\w+ )?"
        r"(?:whatsapp|facebook|group chat|chat|group)[^.]{0,40}(?:said|saying|says|posted)",
    ),
    # someone armed going into a place where people are (a pub, a school, a shop)
    (
        "armed_entering",
        r"(?:walk\w*|went|gone|going|heading|headed|go|goes|got|getting) (?:into|in to|inside|in) (?:the|a) "
        r"(?:pub|bar|club|nightclub|shop|school|college|station|church|mosque|synagogue|temple|gurdwara|cinema|"
        r"stadium|arena|hospital|library|supermarket|shopping centre|restaurant|cafe|bank|bookies|gym|leisure centre)",
    ),
)
