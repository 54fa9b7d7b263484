"""Part of stage 3, geolocate: spotting place mentions in text (no gazetteer needed).

Contract: `spot(text)` returns `Mention`s: streets and roads ("Lordship Lane", "A442"),
landmarks and sites ("Luton Airport", "leeds train station" -> "Leeds station"), countries,
counties, and candidate settlement names (capitalised runs) that the geolocate stage checks
against the gazetteer. Pure and total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigil.triage.stages.place_words import (
    HEAD_WORDS,
    LANDMARK_HEADS,
    LEAD_WORDS,
    NOT_PLACE_WORDS,
    STREET_HEAD_WORDS,
    STREET_HEADS,
)

__all__ = ["HEAD_WORDS", "NOT_PLACE_WORDS", "Mention", "lower_candidates", "spot"]

_CAP = r"(?:[A-Z][a-z'’]+(?:-[A-Za-z][a-z]+)*|St\.?|[A-Z]{2,}|O'[A-Z][a-z]+)"
_CAPS_RUN = rf"{_CAP}(?: (?:of |the |upon |on |de |le )?{_CAP}){{0,3}}"

_STREET = re.compile(rf"\b((?:The )?{_CAPS_RUN} (?:{STREET_HEADS}))(?: (?:North|South|East|West))?\b")
_THE_STREET = re.compile(r"\bThe (Broadway|Horsefair|Shambles|Strand|Headrow|Mall|Parade|Esplanade)\b")
_ROAD_NUMBER = re.compile(r"\b([AMB][1-9][0-9]{0,3})(?:\([MT]\))?\b(?! ?[A-Z]{2}\b)(?! ?[0-9][A-Z]{2}\b)")
_LANDMARK = re.compile(
    rf"\b((?:the )?{_CAPS_RUN} (?:{LANDMARK_HEADS}|(?i:station|airport|bus station|coach station)))\b"
)
_LOWER_STATION = re.compile(
    r"\b([a-z]+(?: [a-z]+)?) (?:train |railway |bus |coach )?(station|airport|city hall|town hall)\b",
    re.IGNORECASE,
)
_OF_PLACE = re.compile(r"\b((?:Port|Isle|Houses|Vale|Forest) of (?:the )?[A-Z][a-z]+)\b")
_CANDIDATE = re.compile(rf"\b({_CAPS_RUN})\b")
_LOWER_WORD = re.compile(r"\b([a-z][a-z'-]{2,}(?: [a-z]{2,}){0,2})\b")

_TOWN_LANDMARK = re.compile(
    r"(?i:airport|station|town hall|city hall|cathedral|racecourse|harbour|port|pier|hospital|arena|stadium|"
    r"university|college|castle|barracks|docks|crown court|magistrates court)$"
)


# Sites named after the town they are in even when the head word is not a civic one
# ("Newark Showground", "Bedford Library"); other two-word names ("Hyde Park", "Stanley Park")
# are usually named after a person or a district, not the town of that name.
_TOWN_NAMED = re.compile(r"(?i:showground|library|museum|market)$")
# People named as "of" a place ("the Jews of Golders Green", "residents of Tottenham Hale"):
# the place is what follows.
_PEOPLE_OF = re.compile(
    r"^(?:The )?(?:Jews|Jewish|Muslims?|Sikhs?|Hindus?|Christians?|Catholics?|Protestants?|People|Residents|"
    r"Families|Children|Women|Men|Kids|Youth|Streets|Lads|Boys|Girls) of (?:the )?",
)


@dataclass(frozen=True, slots=True)
class Mention:
    name: str  # canonical form where known
    kind: str  # street | landmark | country | county | candidate
    start: int
    town: str | None = None  # leading settlement name of a landmark ("Luton" in "Luton Airport")
    civic: bool = True  # the landmark's head says it is the town's own (an airport, a station)


def _title(words: str) -> str:
    return " ".join(
        w if w.isupper() and len(w) <= 3 else w[:1].upper() + w[1:].lower() for w in words.split()
    )


def _strip_lead(name: str) -> str:
    for lead in ("the ", "The "):
        if name.startswith(lead) and name.split(" ", 1)[1].split(" ", maxsplit=1)[0] not in {
            "Broadway",
            "Oracle",
        }:
            return name[len(lead) :] if len(name.split()) > 2 else name
    return name


_STATION_HEAD = re.compile(r"\b(?:station|airport|city hall|town hall)\b", re.IGNORECASE)


def _lower_stations(text: str) -> list[re.Match[str]]:
    """`_LOWER_STATION` matches, searched only in the few words before each head word (the
    pattern spans at most three words and the head), not from every word of the text."""
    out: list[re.Match[str]] = []
    done = 0
    for head in _STATION_HEAD.finditer(text):
        start = head.start()
        for _ in range(4):
            start = max(0, text.rfind(" ", 0, max(0, start - 1)))
        m = _LOWER_STATION.search(text, max(start, done), head.end())
        if m is not None:
            out.append(m)
            done = m.end()
    return out


def spot(text: str) -> list[Mention]:
    out: list[Mention] = []
    covered: list[tuple[int, int]] = []

    def add(
        name: str, kind: str, start: int, end: int, town: str | None = None, *, civic: bool = True
    ) -> None:
        if any(s <= start < e or s < end <= e for s, e in covered):
            return
        covered.append((start, end))
        out.append(Mention(name, kind, start, town, civic))

    if not text:
        return out
    for m in _OF_PLACE.finditer(text) if " of " in text else ():
        add(m.group(1), "landmark", m.start(1), m.end(1), town=m.group(1).split(" ")[-1])
    for m in _LANDMARK.finditer(text):
        name = _strip_lead(m.group(1))
        while name.split(" ")[0] in LEAD_WORDS and name.count(" ") > 1:
            name = name.split(" ", 1)[1]
        start = m.start(1)
        if " of " in name and (people := _PEOPLE_OF.match(name)) and name.count(" ", people.end()) >= 1:
            start += m.group(1).find(name) + people.end()
            name = name[people.end() :]
        first = name.split(" ")[0]
        streety = bool(STREET_HEAD_WORDS & set(name.split(" ")[1:-1]))
        civic = bool(_TOWN_LANDMARK.search(name))
        # "Cambridge Science Park", "Bedford Central Library": a town, then a name, then a head
        named = not civic and (name.count(" ") >= 2 or bool(_TOWN_NAMED.search(name)))
        town = None if first in NOT_PLACE_WORDS or streety or not (civic or named) else first
        add(name, "landmark", start, m.end(1), town=town, civic=civic)
    lowered = text.lower()
    has_station = any(w in lowered for w in ("station", "airport", " hall"))
    for m in _lower_stations(text) if has_station else ():
        town, head = m.group(1), m.group(2).lower()
        first = town.split()[-1]
        if first.lower() in {
            "the",
            "a",
            "bus",
            "coach",
            "police",
            "fire",
            "petrol",
            "power",
            "train",
            "railway",
            "central",
            "main",
            "this",
            "that",
            "our",
            "at",
            "to",
            "from",
            "near",
            "of",
        }:
            continue
        head_name = {
            "station": "station",
            "airport": "Airport",
            "city hall": "City Hall",
            "town hall": "Town Hall",
        }
        kind_word = head_name[head]
        if head == "station" and re.search(r"\b(bus|coach)\b", m.group(0), re.IGNORECASE):
            kind_word = ("bus" if "bus" in m.group(0).lower() else "coach") + " station"
        name = f"{_title(first)} {kind_word}"
        add(name, "landmark", m.start(), m.end(), town=_title(first))
    for m in _THE_STREET.finditer(text) if "The " in text else ():
        add(m.group(0), "street", m.start(), m.end())
    for m in _STREET.finditer(text):
        name, start = m.group(0), m.start()
        if " of " in name and (people := _PEOPLE_OF.match(name)):
            name, start = name[people.end() :], start + people.end()
            if " " not in name:
                continue
        if name.split(" ")[0] in LEAD_WORDS:
            name = name.split(" ", 1)[1]
            if " " not in name:
                continue
        add(name, "street", start, m.end())
    for m in _ROAD_NUMBER.finditer(text):
        add(m.group(1), "street", m.start(1), m.end(1))
    blanked = list(text)
    for s_, e_ in covered:
        blanked[s_:e_] = " " * (e_ - s_)
    for m in _CANDIDATE.finditer("".join(blanked)):
        words = m.group(1).split(" ")
        # drop leading/trailing stop words ("Caller Leeds" -> "Leeds")
        while words and words[0] in NOT_PLACE_WORDS:
            words = words[1:]
        while words and words[-1] in NOT_PLACE_WORDS:
            words = words[:-1]
        if not words:
            continue
        name = " ".join(words)
        start = m.start(1) + m.group(1).find(name)
        add(name, "candidate", start, start + len(name))
    out.sort(key=lambda mention: mention.start)
    return out


def lower_candidates(text: str) -> list[Mention]:
    """Runs of lower-case words, for reports typed without capitals ("bloke in manc")."""
    return [Mention(m.group(1), "candidate", m.start(1)) for m in _LOWER_WORD.finditer(text)]
