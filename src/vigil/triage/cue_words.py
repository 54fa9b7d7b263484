"""The vocabulary the cue families share: verb inflections (``_v("swing", "swung")``), a
weapon noun, a weapon verb, a part of someone's body, people held captive, a protected
characteristic, a hostile act, and words that make a report a joke.

Used by `cues_general.py` (people and conduct), `cues_physical.py` (weapons and items),
`cues_tiebreak.py` and `cues_urgency.py`. Patterns use the subset of regex syntax that
`words.py` compiles to token look-ups.
"""

from __future__ import annotations


def _forms(stem: str) -> list[str]:
    out = [stem, stem + "s", stem + "ed", stem + "ing", stem + "er", stem + "ers"]
    if stem.endswith("e"):
        out += [stem + "d", stem[:-1] + "ing"]
    if stem.endswith(("s", "sh", "ch", "x")):
        out += [stem + "es"]
    if stem.endswith("y") and stem[-2:-1] not in "aeiou":
        out += [stem[:-1] + "ies", stem[:-1] + "ied"]
    if len(stem) >= 3 and stem[-1] in "bdgmnprt" and stem[-2] in "aeiou" and stem[-3] not in "aeiou":
        out += [stem + stem[-1] + "ing", stem + stem[-1] + "ed"]
    return out


def _v(*words: str) -> str:
    """An alternation of every word's inflections; a word ending in '!' is taken as written."""
    forms: list[str] = []
    for w in words:
        forms.extend([w[:-1]] if w.endswith("!") else _forms(w))
    return "(?:" + "|".join(sorted(set(forms), key=len, reverse=True)) + ")"


WEAPON_NOUN = (
    r"(?:knife|knives|kitchen knife|blades?|machetes?|swords?|axes?|hatchets?|cleavers?|"
    r"baseball bats?|hammers?|crowbars?|metal bar|iron bar|guns?|handguns?|pistols?|revolvers?|"
    r"rifles?|shotguns?|sawn-off|firearms?|crossbows?|tasers?|stun guns?|knuckle dusters?|"
    r"bayonets?|grenades?|bombs?|explosives?|ammunition|ammo|\d+ rounds|cartridges?|bullets?|"
    r"acid|petrol bombs?|molotovs?|molotov cocktails?|fire ?bombs?|"
    r"(?:glass )?bottles? (?:with|stuffed with|full of) (?:petrol|rags?|a rag|cloth)|rags? stuffed in|weapons?|zombie knife|air rifles?|gunpowder|black powder|"
    r"firework powder|flash powder|pipe bombs?|weedkiller|homemade (?:bombs?|explosives?|devices?|bangers|grenades|rockets)|"
    r"artillery shells?|mortar (?:rounds?|bombs?|shells?)|unexploded (?:\w+ )?(?:bombs?|shells?|ordnance|devices?)|"
    r"ordnance|munitions?|something sharp|(?:burning|flaming|lit) (?:bottles?|rags?))"
)
# a part of someone's body ("her throat", "the girl's neck": the possessive's 's is dropped)
BODY_OF = (
    r"(?:her|his|my|their|your|the \w+|the \w+ \w+|someone|somebody|a \w+) "
    r"(?:throat|neck|head|face|chest|stomach|belly|ribs|temple|cheek)|"
    # "to the side of the driver's neck", "the back of his head"
    r"(?:side|back) of (?:\w+ |the \w+ |her |his |my )?(?:throat|neck|head|face)"
)
# people kept where they are by someone: nobody may leave, hostages
HELD_CAPTIVE = (
    r"(?:nobody|no one|noone|none of us|nobody else) (?:is |are )?(?:leaves|leaving|can leave|gets out|goes anywhere|"
    r"is going anywhere|moves)|(?:will not|won't|wouldn't|would not|is not|isn't) (?:let|letting) (?:anyone|anybody|"
    r"us|them|her|him|me|people|the staff|the customers) (?:leave|out|go)|"
    r"(?:holding|held|holds|taken|took|keeping|kept) (?:\w+ ){0,3}hostages?|hostages?"
)
WEAPON_VERB = _v(
    "swing",
    "swung!",
    "wave",
    "brandish",
    "smash",
    "point",
    "aim",
    "fire",
    "shoot",
    "shot!",
    "show",
    "shown!",
    "carry",
    "hold",
    "held!",
    "wield",
    "sell",
    "sold!",
    "threaten",
    "chase",
    "run!",
    "running!",
    "buy",
    "bought!",
    "make",
    "made!",
    "build",
    "built!",
    "hide",
    "hid!",
    "keep",
    "kept!",
    "load",
    "pull",
    "pulled!",
    "took out!",
    "taken out!",
    "take out!",
    "stole!",
    "stolen!",
    "missing!",
    "found!",
    "print",
    "post",
    "armed!",
    "with!",
    "man with!",
    "lad with!",
    "men with!",
    "someone with!",
    "guy with!",
    "bloke with!",
)
CHARACTERISTIC = (
    r"(?:hijab|headscarf|turban|kippah|skullcap|niqab|burka|kosher|halal|wheelchair|down syndrome|"
    r"autis\w*|deaf|blind|disab\w*|learning difficult\w*|crutches|gay|lesbian|bisexual|both men|"
    r"both women|same sex|trans|transgender|non-binary|jews|jewish|muslims?|islam\w*|sikhs?|hindus?|"
    r"catholics?|protestants?|synagogue|mosque|gurdwara|temple|asian|polish|poles|romanians?|"
    # "black" alone is mostly a colour (a black tracksuit, black bin liners): count it only of people
    r"black (?:people|person|family|families|community|neighbours?|colleagues?|kids|children|friends?|"
    r"customers?|passengers?|students?|pupils?|lads?|girls?|boys?)|"
    r"nigerians?|pakistan\w*|somali\w*|chinese|indian|immigrants?|migrants?|asylum seekers?|foreigners?|refugees?|"
    r"eastern european|skin|colour|accent|travellers?|gypsy|roma|english|welsh|scottish|irish|"
    r"hearing aids?|stammer|stutter|pride|homophobic|transphobic|racist|racially|"
    r"me and my (?:girlfriend|boyfriend)|(?:her|his|their) old name)"
)
HOSTILE_ACT = (
    r"(?:terrorists?|abuse|abusive|"
    + _v(
        "shout",
        "scream",
        "spit",
        "spat!",
        "mock",
        "copy",
        "taunt",
        "insult",
        "harass",
        "bully",
        "punch",
        "target",
        "jeer",
        "sneer",
        "laugh",
        "misgender",
        "deadname",
    )
    + r"|attacks?|attacked|attacking|calling (?:her|him|me) (?:sir|madam|mate|mister)"
    + r"|(?:push|pushed|pushes|pushing|shove|shoved|shoving) (?:her|him|me|us|them|past|over|into|my|his|our|their)"
    + r"|(?:call|calls|called|calling) (?:me|her|him|them|us) it|(?:cough|coughed|coughing) (?:at|on) (?:me|her|him|us|them)"
    + r"|(?:made|making|makes|passed|passing) (?:\w+ )?(?:comments|remarks|jokes) about"
    + r"|(?:got|get|be|getting) rid of|should be (?:\w+ )?(?:gassed|exterminated|wiped out|put down|sterili[sz]ed)"
    + r"|(?:must|should|have to|has to) (?:be out|get out|leave|go home|go back)|get out (?:by|before)"
    + r"|(?:are|is) not (?:wanted|welcome)|vermin|scum|parasites|cockroaches|subhuman|invaders|filth"
    + r"|called (?:him|her|me|us|them)|names|slurs?|graffiti|swastikas?|painted|sprayed|"
    r"refused to (?:serve|take)|your sort|your kind|your type|mimick\w*|mimic|whatever (?:she|he|they) (?:is|are)|people like (?:you|me|us)|go home|go back|out or|"
    r"for being|because (?:i am|we are|he is|she is|they are|of)|threw|smashed|disgusting|"
    r"going to hell|burn in hell|perverts?|(?:nasty|horrible|vile|cruel) (?:comments|remarks|jokes))"
)


JOKE_GENERAL = (
    r"not serious|not literally|just venting|only joking|obviously joking|"
    r"(?:is not|was not|not) (?:a )?(?:real|serious|genuine) threat|"
    r"having a laugh|kidding|meant it as a joke|as a joke|(?:everyone|everybody|we all|they all) laughed"
)
