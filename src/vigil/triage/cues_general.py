"""General cue families: synonyms and inflections, a weapon noun with any verb, threats by
intent, hostility tied to a protected characteristic, innocent explanations.

These complement the cues in `cues.py` (which grew from the dev reports) with word families
that do not depend on any one report's wording. Patterns use the subset of regex syntax that
`words.py` compiles to token look-ups; the shared vocabulary (``_v``, ``WEAPON_NOUN``, ...) is
in `cue_words.py`.
"""

from __future__ import annotations

from vigil.triage.cue_words import BODY_OF, CHARACTERISTIC, HELD_CAPTIVE, HOSTILE_ACT, WEAPON_NOUN, _v

# (name, category, weight, pattern, reason)
GENERAL: tuple[tuple[str, str, float, str, str], ...] = (
    (
        # a hostile crowd at someone's home: a mob outside the house, at the gate or door
        "threat_mob_home",
        "threat_to_person",
        3.5,
        r"(?:crowd|mob|gang|group|load|bunch) of (?:about |around |over |at least )?(?:\d+|\w+)[^.]{0,80}"
        r"(?:outside|at|around|surrounding|in front of|banging on) (?:the |their |her |his |my |our |the \w+'s )?"
        r"(?:\w+ )?(?:home|house|flat|front door|door|gate|drive|windows?)|"
        r"(?:mob|crowd)[^.]{0,40}(?:outside|at|around|surrounding) (?:the |their |her |his |my |our )"
        r"(?:\w+ )?(?:home|house|flat|front door)|"
        # "a crowd outside the MP for Somewhere and Elsewhere's house"
        r"(?:mob|crowd|gang)[^.]{0,20}(?:outside|at|around|surrounding|in front of) (?:the|their|her|his|my|our) "
        r"(?:\w+ ){1,6}(?:home|house|flat|front door)[^.]{0,60}(?:bang\w*|kick\w*|climb\w*|smash\w*|"
        r"throw\w*|threw|shout\w*|chant\w*)",
        "a hostile crowd at someone's home",
    ),
    (
        "threat_intent",
        "threat_to_person",
        3.0,
        r"(?:will|would|going to|gonna|threaten\w* to|said (?:he|she|they)|promised to|"
        r"wants to|coming to)[^.]{0,30}"
        + _v(
            "kill",
            "hurt",
            "stab",
            "slash",
            "cut",
            "torch",
            "burn",
            "shoot",
            "batter",
            "beat",
            "attack",
            "smash",
            "petrol bomb",
            "blow up",
            "put one in",
            "do you in",
            "find",
            "throttle",
            "strangle",
            "choke",
        )
        + r"|end up in (?:hospital|a box)|(?:won't|not) see (?:christmas|the weekend|another)|"
        r"will be your last|watch (?:your|his|her) back|(?:regret|be sorry)|"
        r"(?:get|gets|got|getting) what's coming|(?:get|gets|got|getting) what is coming|"
        r"what(?:'s| is) coming (?:to|for) (?:you|him|her|them|me|us)|"
        r"come for (?:you|her|him)|waiting for (?:you|her|him)|"
        r"(?:won't|will not|wont) be (?:smiling|laughing|so (?:brave|cocky|smug|clever)|around for long)|"
        r"pay the price|(?:no|nothing|nobody|no one|can't|cannot|won't)[^.]{0,15}(?:save|protect) (?:you|him|her|them)|"
        r"see (?:you|him|her) (?:there|soon|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight)|"
        r"rope for|noose|dead (?:man|woman)|you're dead|you are dead|one for you|you are next|"
        r"(?:this|that|it|these) (?:is|are) for you|"
        r"you're next|your turn|learn (?:my|your|his|her|their) lesson|teach (?:you|him|her|them) a lesson|"
        r"ruin (?:my|your|his|her) life|"
        r"(?:shouting|screaming|saying) that (?:she|he|you|they) (?:is |are )?dead|"
        r"(?:last|final) (?:\w+ )?(?:you'll|you will|you'd|you) ever|(?:be|get|gets|getting) (?:shot|stabbed|knifed|petrol bombed)|"
        r"(?:won't|wont|will not) be (?:teaching|alive|walking)|"
        r"(?:i|we) (?:won't|wont|will not) miss|next time (?:i|we) (?:won't|wont|will)|be there with something|bring a mop|"
        r"with you inside|no more hiding|nowhere to hide|(?:can't|cannot|can not) hide|see you after|"
        r"(?:will|gonna|going to) (?:find|get to) (?:you|her|him)|"
        r"(?:will|going to|gonna)[^.]{0,60}with (?:something sharp|a blade|a knife|a machete|a gun|a weapon)|"
        # coming round armed; injuries promised; "finish it"; nobody leaving alive; wishing a death
        r"(?:coming|come|comes|on (?:his|her|their|my) way)(?: round| over| back| in| here)?[^.]{0,40}with (?:a|his|her|my|the|their) "
        r"(?:\w+ )?(?:knife|gun|machete|blade|weapon|crossbow|axe|hammer|bat|shotgun|rifle)|"
        r"(?:break|breaks|breaking|broke|snap) (?:my|your|his|her|their|our) (?:legs?|arms?|neck|jaw|fingers|knees?|bones|nose)|"
        r"put (?:one|a bolt|a bullet|an arrow|a round|both barrels|a cartridge|a shot|\w+ rounds) (?:in|into|through)|"
        # veiled threats: going armed in other words, leaving "not quietly", a knife used on someone
        r"(?:won't|will not|wont|not) (?:be )?(?:leaving|going|leave|go) quietly|"
        r"(?:bring|bringing|brings) (?:more than|something (?:other than|more than|stronger than)) (?:just )?(?:questions|words|a \w+)|"
        r"open (?:him|her|you|them) up|(?:go|get|goes|gets) (?:home|back|out) or (?:burn|die|else|be burned)|"
        r"(?:will|would|going to|gonna|wants to|promised to|said (?:he|she|they)(?: will| would)?) (?:\w+ )?"
        r"(?:deal with|sort out|do over|take care of) (?:you|him|her|them|the \w+)|"
        r"(?:will|going to|gonna) finish (?:you|him|her|them)|finish (?:you|him|her|them|me|us) off|"
        # veiled threats about an appearance: something brought to it, the last one they do, not
        # leaving it unhurt (matched from the body part: "won't leave ... with her face intact" is
        # no negated threat)
        r"(?:bring|bringing|brings) something (?:special )?(?:for|to) (?:the|her|his|their|your) (?:surgery|hustings|"
        r"meeting|signing|event|office|traitor|mp|msp|mla|councillor|rally|talk)|"
        r"(?:bring|bringing|brings) something (?:special )?for (?:him|her|them|you)\b|"
        r"last (?:surgery|event|meeting|signing|talk|rally|one|time) (?:they|she|he|you) (?:ever )?(?:do|does|hold|holds|will do|"
        r"will ever do|will hold)|(?:her|his|their|your) (?:face|legs|kneecaps|teeth) intact|"
        # ... or someone named by title ("going to finish Dr Shah", "gonna finish off Mrs Lee")
        r"(?:will|going to|gonna) finish (?:off )?(?:dr|mr|mrs|ms|miss|doctor|nurse) \w+|"
        r"(?:nobody|no one|none of (?:you|them|us)) (?:will|is going to|is gonna) (?:walk|get|come) out|"
        r"(?:will not|wont) (?:walk|get|come) out alive|(?:be|get|getting) carried out (?:of|in)|leave in a (?:box|body bag)|"
        r"with you (?:in|inside) (?:it|them|there)|burn (?:you|them|us) out|or (?:we|i|they) (?:will )?(?:burn|kill|torch)|"
        r"(?:should|ought to|needs to|deserves? to) be (?:put down|shot|hanged|strung up|killed|executed|taken out)|"
        r"deserves? to die|needs? putting down|"
        r"(?:get|gets|getting|got) (?:a|an|the|some) (?:\w+ ){0,3}(?:in|to|across) (?:the|your|my|his|her) (?:face|head)|"
        # people dragged out, someone made to pay, a head or face caved in, a blade put in someone,
        # a wish to hit someone, waiting for someone somewhere, knowing their road or car
        r"(?:drag|drags|dragged|dragging|pull|pulling|haul|hauling) (?:him|her|them|you|the \w+) (?:out|outside)|"
        r"(?:and|will|i will|we will|gonna|going to|promised to|wants to) make (?:you|him|her|them|me) pay\b|"
        r"(?:cave|caved|caving|kick|kicked|kicking|smash|smashed|smashing|bash|bashed|bashing|knock|knocking|stove|punch|"
        r"punching) (?:your|her|his|their|my|our) (?:\w+ )?(?:head|heads|face|faces|teeth|skull) in|"
        r"(?:put|puts|putting|stick|sticks|sticking|stuck) (?:a|the|his|my|this) (?:blade|knife|screwdriver|hole|bolt|"
        r"shank) (?:in|into|through) (?:you|him|her|them|me|us|your|his|her)\b|"
        r"(?:like|love|want|wants|wanted|wanting|going|itching|dying) to (?:punch|thump|smack|deck|headbutt|glass|batter|"
        r"knock out|lamp|chin|slap) (?:you|him|her|them|me|us|the (?:mp|msp|mla|councillor|mayor|manager|boss|teacher|"
        r"landlord|owner|driver|referee|vicar|imam|rabbi|priest))|"
        r"(?:wait|waiting) for (?:you|her|him|them|me|us)[^.]{0,30}(?:one night|one of these (?:days|nights)|after dark|"
        r"in the dark|when (?:you|she|he|they) least expect)|(?:we|i|they) know (?:your|her|his|their) (?:road|street|address|car|reg|route|kids|children|school)|"
        # told to get protective kit: a veiled threat ("tell her to wear a stab vest")
        r"(?:wear|wearing|get|buy|need|needs|better have) (?:a |an |your |their |his |her )?(?:stab|bullet-?proof|bulletproof|kevlar) "
        r"(?:vest|vests|jacket|jackets)",
        "contains a threat",
    ),
    (
        # anything held to a part of someone's body, people kept in by someone, the way out
        # blocked: a threat to those people, whatever the weapon is called
        "threat_held",
        "threat_to_person",
        3.0,
        rf"(?:held|hold\w*|press\w*|put|puts|putting|got|has|had)[^.]{{0,30}}(?:to|against|at|on|into) {BODY_OF}|"
        rf"{HELD_CAPTIVE}|{WEAPON_NOUN}[^.]{{0,6}}(?:at|to|against) {BODY_OF}|"
        r"(?:standing|stood|stands|is) (?:in front of|against|across|blocking) (?:the|his|her|their) "
        r"(?:only )?(?:door|doors|doorway|exit|way out)|blocking (?:the|their|her|his) (?:door|doorway|exit|way out)",
        "holds someone at risk where they are",
    ),
    (
        # fuel poured or thrown through a letterbox or over a door, car or person: arson at a home
        "threat_arson_home",
        "threat_to_person",
        3.5,
        r"(?:pour\w*|tip\w*|squirt\w*|splash\w*|threw|throw\w*|spray\w*)[^.]{0,40}(?:petrol|fuel|diesel|"
        r"accelerant|lighter fluid|paraffin|liquid)[^.]{0,40}(?:through|into|over|on|onto|under|round) "
        r"(?:the|her|his|my|our|their|a) (?:\w+ )?(?:letterbox|letter box|door|doorstep|doorway|car|house|flat|"
        r"hallway|windows?|porch)|(?:petrol|fuel|accelerant|lighter fluid|paraffin)[^.]{0,30}"
        r"(?:through|into) (?:the|her|his|my|our|their|a) (?:\w+ )?(?:letterbox|letter box|door)|"
        r"(?:stood|standing|stands|waiting|at the \w+ door)[^.]{0,40}with (?:a|his|her) (?:lighter|match|matches|"
        r"lit (?:rag|torch))",
        "fuel poured at someone's home",
    ),
    (
        # fuel, acid or another liquid poured or thrown over a person: an attack on that person,
        # wherever it happens (a car park, a street), whatever the liquid is
        "threat_doused",
        "threat_to_person",
        3.5,
        r"(?:pour\w*|tip|tips|tipped|tipping|splash\w*|threw|throw\w*|spray\w*|squirt\w*|dous\w*|drench\w*|soak\w*|"
        r"chuck\w*|empt\w*)[^.]{0,40}(?:petrol|fuel|diesel|accelerant|lighter fluid|paraffin|acid|bleach|ammonia|"
        r"white spirit|liquid)[^.]{0,30}(?:over|on|onto|at|in|into) (?:a |an |the |his |her |their |this |that |my |our )?"
        r"(?:\w+ )?(?:woman|man|girl|boy|lad|guy|person|people|face|faces|head|wife|husband|partner|girlfriend|boyfriend|"
        r"victim|lady|bloke|kid|child|children|him|her|them|me|us|someone|somebody)|"
        r"(?:dous\w*|drench\w*|soak\w*|cover\w*) (?:her|him|them|me|us|a \w+|the \w+|his \w+|her \w+) "
        r"(?:in|with) (?:petrol|fuel|diesel|accelerant|lighter fluid|paraffin|acid|bleach)",
        "fuel or a liquid poured over a person",
    ),
    (
        "threat_claimed_device",
        "threat_to_person",
        2.0,
        r"(?:said|claimed|rang|phoned|called|warning|told)[^.]{0,40}(?:a bomb|bomb in|device in|"
        r"explosives? in)|there (?:was|is) a bomb|"
        # "there's a present under your car", "we've left you a surprise in the engine": a device
        # claimed in other words, told to the person whose car, house or bag it is
        r"there (?:is |was |will be )?(?:a|an|some)[^.]{0,12}(?:present|surprise|gift|parcel|package|device|bomb)[^.]{0,20}"
        r"(?:under|underneath|beneath|in|inside|attached to|stuck to|on) (?:your|her|his|their) (?:car|van|motor|vehicle|"
        r"engine|house|home|letterbox|bag|office|desk)|"
        r"there (?:is |was )?something (?:under|underneath|beneath|inside|attached to|stuck to) your (?:car|van|motor|"
        r"vehicle|engine|house|home|bag|office|desk)|"
        r"(?:we|i|someone|somebody|they) (?:have |has |had |will )?(?:put|left|planted|placed|fitted|hidden|hid|attached)"
        r"[^.]{0,25}(?:present|surprise|gift|parcel|package|device|bomb|something)[^.]{0,20}(?:under|underneath|beneath|"
        r"inside|in|on) your (?:car|van|motor|vehicle|engine|house|home|letterbox|bag|office|desk)",
        "a claimed device",
    ),
    (
        "threat_stalking",
        "threat_to_person",
        2.0,
        _v("follow", "stalk") + r" (?:her|him|me|us|my|our|the|on|home|around)|"
        r"(?:being|been|was|were|is) (?:followed|stalked|watched)|if i can not have|"
        r"(?:turning|turned|turns) up at|stood (?:behind|outside)|"
        r"\d+ times a day|photo of (?:her|his|my|our) (?:car|house|home|door)|"
        r"(?:know|knows) where (?:she|he|i|we|you) (?:live|lives)|"
        r"(?:keeps|kept) (?:coming|turning up|messaging|ringing|calling|following|texting|sending|leaving)|"
        r"(?:knows|know) (?:which|where|what time)|"
        r"(?:watched|watching|seen|know|knows|learnt|learned|worked out|found out) (?:how|when|what time|which way|the way) "
        r"(?:she|he|they|the \w+) (?:gets|goes|walks|drives|leaves|comes)(?: home)?|"
        r"(?:photos?|pictures?|videos?|footage) of (?:her|him|them|the \w+) (?:leaving|arriving|getting|walking|going|coming)|parked outside (?:it|my|her|his|the house)|"
        r"waiting (?:for me|outside)|(?:car|house|home|door|window|face) circled|"
        r"(?:the )?route (?:i|she|he|they) (?:take|takes|drive|drives|walk|walks)|the car (?:i|she|he) drives?|"
        r"meant to be together|nobody else (?:has|can have|gets|will have) (?:me|her|him)|"
        r"waited (?:at|outside) (?:the|my|her|his) (?:stage door|door|house|home|work|office|school|gym)|"
        r"tried to hand (?:me|her|him)|"
        r"(?:watch\w*|photograph\w*|film\w*|follow\w*) (?:the )?(?:home|house|family|children|kids|movements) of|"
        r"(?:family|kids|children) coming and going|"
        r"(?:watch|watches|watched|watching) (?:her|him|me|them|us) (?:leave|leaving|arrive|arriving|come|coming|go|going|"
        r"get|getting|walk|walking)|"
        r"(?:posted|posting|posts|shared|sharing|published|put up|puts up)[^.]{0,20}(?:her|his|their|my) "
        r"(?:street|street name|address|home address|house|car|reg|number plate|route|workplace|"
        r"school|children|kids)",
        "describes fixation on or targeting of a person",
    ),
    (
        "hate_general",
        "hate_incident",
        2.0,
        rf"{CHARACTERISTIC}[^.]{{0,150}}{HOSTILE_ACT}|{HOSTILE_ACT}[^.]{{0,150}}{CHARACTERISTIC}|"
        r"(?:jews|muslims|poles|romanians|immigrants|foreigners|pakis|blacks|gays) out|"
        # sectarian slurs for Catholics and Protestants (Northern Ireland, Scotland)
        r"(?:taigs?|fenians?|papists?|kafflicks?|huns|prods|orangies|jaffas) (?:out|scum|go home|get out|not welcome)|"
        r"taigs|fenian (?:scum|bastards?|rats?)|kill all (?:taigs|fenians|huns|prods)|"
        r"anti-?muslim|xenophob\w*|disablist|ableist",
        "targets someone for who they are",
    ),
    (
        # hostility aimed at the reporter ("spat at me", "kept calling me it"); counts only with the
        # reporter's own protected characteristic named (`self_characteristic`), see classify
        "hate_self",
        "hate_incident",
        2.5,
        r"(?:spat|spit|spitting|coughed|coughing|shouted|shouting|screamed|screaming|swore|swearing|sneered|jeered|"
        r"laughed|laughing|threw \w+) (?:at|on|in) (?:me|us|my)|(?:called|calling|call|calls) (?:me|us) (?:it|names|a|an|\w+ names)|"
        r"(?:grabbed|grabbing|pulled|pulling|punched|pushed|shoved|kicked|hit|attacked|harassed|followed|"
        r"mocked|mocking|misgendered|misgendering) (?:at )?(?:me|us|my)\b|"
        # threats shouted at the reporter, who named their own characteristic
        r"(?:saying|said|says|shouting|shouted|screaming|yelling|telling me)[^.]{0,25}(?:kill|hurt|batter|beat|"
        r"stab|get|kick|do) (?:me|us)\b|"
        # notes or shouts telling the reporter what they are or that they are not wanted where they live
        r"(?:say|says|said|saying|called|calling) (?:that )?(?:we are|we're|i am|i'm|us|me) (?:\w+ )?(?:perverts?|freaks?|"
        r"abominations?|diseased|vermin|animals|dirty)|(?:we are|we're|i am|i'm) not wanted (?:on|in|round|around|here)|"
        r"not wanted (?:on|in) (?:this|our|the) (?:street|road|area|estate|village|town|close|block)|"
        # virus abuse aimed at East Asian people
        r"kung flu|(?:china|chinese|wuhan) virus|eat (?:your|their) bats",
        "hostility aimed at the reporter for who they are",
    ),
    (
        "recon_general",
        "hostile_reconnaissance",
        2.5,
        r"(?:measur\w*|tape measure|pacing out|"
        + _v(
            "film",
            "video",
            "record",
            "photograph",
            "sketch",
            "map",
            "timed!",
            "timing!",
            "count",
            "note",
            "zoom",
            "watch",
            "write",
            "log",
        )
        + r"|pictures|photos|notebook|pad|camera|drone|tripod|long lens)"
        r"[^.]{0,80}(?:queue|bag checks?|bag checkers?|searches|turnstiles?|stewards?|gates?|"
        r"entrances?|exits?|layout|floor plan|perimeter|fence|gatehouse|booths?|lanes|staff door|"
        r"panic alarm|alarms?|shifts?|police (?:van|car|officers?|horses)|patrols?|guards?|"
        r"security|cameras|cctv|barriers|bollards|checkpoint|vehicle park|concrete blocks|blocks|gaps|"
        r"bearings|pillars|piers|the base of|the bottom of|bolts|rivets|foundations|struts|underside|"
        r"patrols?|police|runways?|tail numbers|flight (?:paths?|times)|aircraft movements)",
        "describes filming or noting security measures",
    ),
    (
        # someone going slowly round houses or cars at night, or sitting in a car by a school for
        # days: odd behaviour with nothing more specific (guide rule 7), usually vague
        "bo_loitering",
        "suspicious_behaviour_other",
        1.5,
        r"(?:looking|peering|staring|peeking) (?:in|into|at) (?:the )?(?:car windows|windows of|houses|cars|parked cars)|"
        r"(?:parked|sat|sitting|waiting|hanging about) (?:\w+ )?(?:near|outside|by|opposite) (?:the |a )?(?:\w+ )?"
        r"(?:primary school|school gates?|school|playground|nursery)|(?:they|he|she) never (?:get|gets|got) out",
        "unusual behaviour",
    ),
    (
        "recon_asked",
        "hostile_reconnaissance",
        2.5,
        r"(?:asked|asking|wanted to know|enquired)[^.]{0,60}(?:how long|how many|how often|how|what time|when|"
        r"whether|which doors?|which entrances?|if)[^.]{0,60}(?:searches|search|searched|bags|checked|dogs|police|security|shift|guards?|"
        r"officer|staff|cleaners|airside|cameras|checks|takes over|alarms?|alarmed|bulletproof|bullet-proof|empty|locked)",
        "asked about security arrangements",
    ),
    (
        "recon_drone_site",
        "hostile_reconnaissance",
        1.5,
        r"drones?[^.]{0,80}(?:garrison|barracks|base|power station|fence|perimeter|gate|"
        r"stadium|crowd|airport|prison|site)",
        "a drone over a sensitive site",
    ),
    (
        "rad_general",
        "radicalisation_concern",
        2.0,
        r"(?:got|getting|gets) (?:into|in with|involved)|fixated on|easily led|exploit\w*|"
        r"groom\w*|(?:hides|hiding) his|repeating it|same phrases|cutting (?:himself|herself) off|"
        r"isolat\w*|holy war|non-believers|unbelievers|disbelievers|fair game|"
        r"(?:prais\w*|glorif\w*|idolis\w*|idoliz\w*|hero[- ]worship\w*|admir\w*) (?:the )?(?:\w+ )?(?:attackers|shooters|"
        r"bombers|killers|terrorists|gunmen|gunman|attacker|shooter|bomber)|"
        r"(?:marry|marrying|married) (?:a|an) (?:\w+ )?(?:man|fighter|brother|stranger) (?:she|he) (?:has )?(?:only )?(?:met|knows) online|"
        r"(?:migrants|immigrants|refugees|asylum seekers|foreigners|muslims|they) should (?:all )?be (?:sent back|deported|"
        r"kicked out|shipped back|thrown out)|(?:a|the) reckoning|feminism|accelerationis\w*|"
        r"conspirac\w*|cabal|cleaning out|new world order|globalists|great reset|"
        r"be ready|warrior|grandson|granddaughter|(?:little|younger|older) (?:sister|brother)|"
        r"(?:year \d+|sixth form\w*) (?:boy|girl|pupil|student)|a (?:boy|girl|lad) in|"
        r"(?:banned|proscribed) (?:group|organisation|organization|preachers?)|"
        r"(?:really|very|deep|heavily|so) into (?:\w+ ){0,2}(?:videos|content|preachers?|sermons|lectures|stuff|groups|forums)|"
        r"stopped going to|refus\w* to go to|study (?:group|circle)|(?:lectures|sermons|talks) by|"
        r"extremist (?:preachers?|videos?|content|material|groups?|forums?|channels?|ideas|stuff)|"
        r"(?:following|watching|listening to) (?:\w+ ){0,3}(?:preachers?|extremists?)|went through a phase|"
        r"into (?:some |the |a lot of |lots of )?(?:extreme|extremist|far[- ]right|radical) (?:stuff|content|views|ideas|groups|material|things)|"
        r"justif\w* (?:attacks|violence|terror\w*|killing|bombings)|(?:pressing|pressuring|pushing|pressure) (?:her|him) to "
        r"(?:marry|travel|move|go|leave)|only one who understands|new (?:older )?friends|older friends|friends older|"
        r"martyrdom|meeting god|meet god|messaging (?:a|an|some) (?:older )?(?:man|men|woman|stranger|guy)|"
        r"(?:deleted|dropped|cut off|unfriended|blocked|stopped seeing) (?:all )?(?:her|his|their) (?:old )?friends|"
        r"clothes (?:he|she|they) (?:says )?(?:he |she |they )?(?:chose|picked|wants?)|"
        r"talking (?:online )?to (?:a|an|some) (?:older )?(?:man|men|woman|women|stranger|guy|bloke)|"
        r"(?:started|been|begun) talking about (?:catholics|protestants|muslims|jews|immigrants|foreigners|"
        r"black people|the brothers)|never (?:did|used to|talked like that) before|"
        r"spending (?:time|all his time|all her time) with (?:men|people|a group|lads|older men)",
        "describes someone being drawn in",
    ),
    (
        # the reporter worried about where a person is heading, or remembering who they used to
        # be: a report about someone being drawn in (guide rule 6), not about what they did
        "rad_trajectory",
        "radicalisation_concern",
        2.5,
        r"(?:where|which way) (?:he|she|they|this) (?:is|are|was|were) (?:heading|headed)|in too deep|"
        r"in over (?:his|her|their) heads?|(?:going|gone|heading|headed) down (?:a|the|that) (?:wrong |dark |bad )?(?:path|road)|"
        r"(?:ending|end|ends) up (?:in (?:a cell|prison|jail|trouble)|dead|hurt|doing something)|"
        r"(?:used to be|was always|was once) (?:the |a |such a |so |really )?(?:\w+ )?(?:gentlest|kindest|quietest|nicest|"
        r"sweetest|softest|happiest|gentle|kind|quiet|soft|sweet|lovely|happy|normal|caring)|"
        r"(?:a |such a )?good (?:kid|lad|boy|girl|worker|person|man) (?:underneath|really|at heart|deep down)|"
        r"not (?:himself|herself|themselves) (?:any ?more|lately|recently)|"
        r"talk (?:some )?sense into|"
        r"(?:are|is|been|were|keep|keeps) working on (?:him|her|them)|"
        r"(?:got|getting|gets|gone|went) (?:deep|deeper|really|heavily|right|properly) into|"
        r"(?:running|hanging|going|knocking) (?:about|around|round|out) with (?:some )?(?:\w+ )?(?:older|men|lads|a crew|a gang)",
        "worried about where someone is heading",
    ),
    (
        "rad_recruiting",
        "radicalisation_concern",
        2.5,
        r"(?:handing|handed|hands|giving) out (?:leaflets|flyers|pamphlets|booklets)|"
        r"approach\w* (?:young|teenage|teenaged|vulnerable) (?:boys|girls|men|women|people|lads)|"
        r"invit\w* (?:young|teenage|the) (?:boys|girls|lads|lasses|kids|pupils)|"
        r"(?:recruiting|recruits|recruited|trying to recruit) (?:young |teenage |local )?"
        r"(?:boys|girls|lads|kids|pupils|students|people)",
        "someone recruiting young people",
    ),
    (
        "self_referral",
        "radicalisation_concern",
        3.0,
        r"(?:i|i have|i am|i've|i'm) (?:find|found|finding|catch|caught|catching) myself (?:agreeing|believing|nodding|sharing|"
        r"thinking like|liking|hating|blaming|resenting|getting angry)|"
        r"(?:someone|somebody|anyone|anybody) (?:i|we) (?:can|could) (?:talk|speak) to|"
        r"(?:who|what) i(?: am|'m)? (?:turning into|becoming)|scared of (?:what|how) i (?:think|feel|believe|am becoming)|"
        r"(?:i|i am|i'm|i think i am|i think i'm|i feel i am|i feel like i am|i have been|i've been) "
        r"(?:being |getting )?(?:drawn|pulled|sucked|dragged|radicali[sz]ed)|"
        r"help me (?:get out|stop|leave|get away|understand what)|"
        r"(?:i do not|i don't) (?:like|want|recognise) (?:who|what) i (?:am|'m|have) becom\w*|"
        r"(?:it|this|that|what i think|my thoughts) (?:scares|frightens|worries) me",
        "the reporter is worried about being drawn in",
    ),
    (
        "ft_general",
        "suspicious_finance_travel",
        2.0,
        r"(?:" + _v("fly", "flew!", "flying!", "travel", "book", "leave", "take") + r")[^.]{0,40}"
        r"(?:syria|iraq|turkey|somalia|mogadishu|yemen|afghanistan|libya|mali|lebanon|beirut|istanbul|the border|"
        r"back home)|(?:went|gone|go|going|travelled|left|headed) (?:out |over |abroad )?to fight|"
        r"fight\w* (?:with|for|alongside) (?:the )?(?:kurd\w*|ypg|peshmerga|is|isis|islamic state|ukrain\w*|"
        r"al-?shabaab|taliban|militias?|rebels?|foreign legion)|foreign fighters?|join (?:the|his|her) (?:\w+ )?(?:fight|fighting|cousins)|"
        r"(?:transferred|sent|moved?|moving) (?:it|money|the money)[^.]{0,30}(?:accounts?|abroad|"
        r"to)|lend (?:him|her|them|me) (?:their|your|his|her) bank cards|use their accounts|emptied (?:his|her) savings|collecting money|"
        r"widows|fighters|several passports|passports in different names",
        "money or travel towards a conflict",
    ),
    (
        # money or goods sent to support fighting: not a scam on the reporter, whatever is bought
        "ft_fight_support",
        "suspicious_finance_travel",
        2.5,
        r"(?:help|helping|support|supporting|fund|funding|for) (?:the|their|our|his|her) (?:fight|"
        r"brothers|mujahideen|mujahidin|fighters|jihad|armed struggle)",
        "money or goods sent to support fighting",
    ),
    (
        "bo_general",
        "suspicious_behaviour_other",
        1.0,
        r"(?:paid|pays|paying) (?:in )?cash|different names|false names|number plates|"
        r"swap\w* (?:the )?plates|pressure cookers|(?:\d+|two|three) lock-up|lock-ups|"
        r"covered the windows|blacked out|gloves and a mask|smell of bleach|boxes from abroad|"
        r"no signage|late at night|odd hours|odd times|strange hours|all hours|sitting in (?:it|the car|a car)|"
        r"sits in (?:it|the car|a car)|parked up|between midnight|pre-?paid (?:phones|sims?|mobiles)|"
        r"different name|\d (?:or \d )?am\b|plastic drums|didn't look like him|"
        r"(?:sitting|sat|sits|waiting) in a parked (?:car|van)|loiter\w*|hanging (?:around|about)|"
        r"drones? (?:over|above|flying over|hovering)|off the books|no paperwork|no questions asked|"
        r"prepaid (?:debit |credit |cash |money )?cards?|pre-paid (?:debit |credit |cash )?cards?|"
        r"without (?:id|identification|any id)|always (?:in )?cash|(?:maximum|most) (?:we|they|you) (?:allow|can)|"
        r"windows? (?:covered |lined )?(?:with|in) (?:tin ?)?foil|foil (?:on|over) (?:the |all the |every )?(?:\w+ )?windows?|"
        r"covered (?:every|all the|each) windows?",
        "unusual purchases, hire or behaviour",
    ),
    (
        # kit to pass as police, paramedics or security: uniforms, livery, blue lights that work
        "bo_impersonation",
        "suspicious_behaviour_other",
        2.0,
        r"(?:police|ambulance|paramedic|fire brigade|fire service|nhs|security|military|army|council)(?:-style| style| type)? "
        r"(?:uniforms?|livery|liveries|tabards?|lanyards?|warrant cards?|id badges?|epaulettes)|"
        r"blue lights? (?:and sirens? )?(?:still |actually )?work\w*|sirens? (?:still |actually )?work\w*|"
        r"ex-(?:police|nhs|ambulance|army|military|mod) (?:car|van|vehicle|ambulance|truck|land rover|motorbike)|"
        r"(?:look|looks|looked|be|as) (?:as )?(?:real|genuine|authentic) as possible",
        "kit to pass as police, paramedics or security",
    ),
    (
        "bo_bulk_buy",
        "suspicious_behaviour_other",
        2.0,
        r"(?:buying|bought|buys|buy|ordering|ordered|orders) (?:loads|lots|a lot|large amounts|large quantities|"
        r"huge amounts|huge quantities|dozens|crates|boxes|trolleys?(?: full)?|trolley loads) of",
        "buying something in bulk",
    ),
    (
        "nr_explained",
        "not_relevant",
        3.0,
        r"hog roast|baker|flour|costume|fancy dress|festival weekend|game bag|shooting in progress|"
        r"pest control|pest controllers?|fireworks for|spoof|parody|microchips|secret agents|"
        r"signals through|police helicopter|air ambulance|helicopters? (?:circling|hovering|overhead)|satire|satirical|"
        r"stole my bike|bike (?:was )?stolen|safety certificates|"
        r"invoices|wasting (?:your |police )?time|is this real|(?:pay|paid|payment|pays) (?:in|with|by) bitcoin|gift cards?|deactivated|"
        r"displays?|props?|museum|for clearing|brambles|gardening|for the garden|(?:his|her|the) allotment|"
        r"streetlights?|street lights?|showed me (?:his|her|the|their) (?:licence|certificates?|paperwork|invoices)|loud (?:music|drum|bass|party|parties)|every night until|"
        r"unpaid council tax|(?:i|we) met (?:him |her |them )?online|(?:might|may|could) (?:not )?be (?:a scam|genuine|real)|"
        r"not genuine|stuck at the border|for a visa|sent (?:him|her) \d+|"
        # fiction, a drill, a bird scarer: what the reporter saw was made up, planned or a tool
        r"(?:video|computer|console|mobile|phone) games? (?:where|in which|about|called|that)|"
        r"(?:from|out of|is|it's|just|only) (?:a |an )?(?:video|computer|console) game|game (?:footage|graphics)|"
        r"recogni[sz]e the graphics|"
        r"trailer (?:for|of) (?:a|an|the) (?:new )?(?:\w+ )?(?:film|game|series|show|movie|drama)|"
        r"(?:was|were|is|are) (?:just |only )?(?:a|an) (?:planned |pre-?planned |police |emergency |multi-agency )"
        r"?(?:training )?(?:exercise|drill)|(?:gas |bird |crow |pigeon )(?:bird )?scarers?|"
        r"(?:is|was|must be|must have been) (?:just |only |probably )?(?:a )?(?:film|filming|movie|tv|television|drama) "
        r"(?:shoot|set|crew|scene|production)|camera crane|(?:guess|suppose|think|realised|realized) (?:it is|it was|they were) "
        r"(?:just |only )?(?:a )?(?:film|movie|filming|tv)",
        "an innocent explanation is given",
    ),
)

# False friends for the general families (classify cancels a cue where one overlaps it): a
# victim's side watching their own cameras, hellfire promised to unbelievers, hateful ideas
# repeated (not aimed at anyone), a website that is someone's purpose rather than the material,
# the reporter describing themselves as a pupil.
FALSE_FRIENDS: tuple[tuple[str, str], ...] = (
    (
        "ff:own_cameras",
        r"(?:watch\w*|monitor\w*|check\w*|keeping an eye|seen|see|saw|looking|looked)[^.]{0,10}(?:on|at|via|through) "
        r"(?:the |our |my |his |her |their )?(?:cctv|cameras?|monitors?|screens?|doorbell cam\w*|ring doorbell)",
    ),
    (
        "ff:hellfire",
        r"(?:disbelievers|unbelievers|non-believers|kuffar|infidels|sinners|apostates)[^.]{0,20}(?:will|shall|going to|"
        r"are going to) (?:all )?burn|burn in hell|burn in the fire|hellfire",
    ),
    (
        "ff:hate_ideas",
        r"anti-?(?:muslim|migrant|immigrant|jewish|semitic|refugee|asylum|foreigner|black|trans|gay|lgbt\w*)\w* "
        r"(?:stuff|views|ideas|talk|rhetoric|opinions|talking points|attitudes|beliefs|nonsense|rubbish)",
    ),
    (
        "ff:online_purpose",
        r"for (?:a|his|her|their) (?:\w+ )?(?:spotting |hobby |fan |own )?(?:website|site|blog|forum)",
    ),
    (
        "ff:self_pupil",
        r"(?:i am|i'm|im) (?:a |in )?(?:year \d+|sixth form\w*|secondary school|primary school|gcse|a-level) "
        r"(?:pupil|student|boy|girl)?",
    ),
)
