"""Stage 2, extract: pull POLE objects out of normalised text.

Contract: every function takes normalised text (see `normalise`) and returns a de-duplicated
list in order of first appearance, in the canonical form documented for each type. They never
raise on any input. Places and times are in `places.py` and `times.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers

from vigil.triage import lexicon
from vigil.triage.cues import LEXICON
from vigil.triage.words import Matches, Tokens


def _dedupe(items: Iterable[str], *, key_lower: bool = False) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = item.lower() if key_lower else item
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


# --- vehicles ----------------------------------------------------------------------------

_B = r"(?<![A-Za-z0-9])"
_E = r"(?![A-Za-z0-9])"
# current (2001-): AB12 CDE
_CURRENT = re.compile(_B + r"([A-Za-z]{2}[0-9]{2}) ?([A-Za-z]{3})" + _E)
# prefix (1983-2001): A123 BCD; suffix (1963-1983): ABC 123D
_PREFIX = re.compile(_B + r"([A-Z][0-9]{1,3}) ?([A-Z]{3})" + _E)
_SUFFIX = re.compile(_B + r"([A-Z]{3}) ?([0-9]{1,3}[A-Z])" + _E)
# Northern Ireland: one optional letter, then a two-letter code containing I or Z, 1-4 digits
_NI = re.compile(_B + r"([A-Z]?(?:" + "|".join(lexicon.NI_REG_CODES) + r")) ?([0-9]{1,4})" + _E)
# Northern Ireland, three letters in any NI shape (a code ending in Z or I, or starting with I:
# "NIZ 4483"), upper case, three or four digits; the listed codes above cover the rest
_NI_THREE = re.compile(_B + r"([A-Z](?:[A-Z]Z|I[A-Z]|[A-Z]I)) ?([0-9]{3,4})" + _E)
_NI_NOT = frozenset(
    {"FBI", "CIA", "ISI", "BBI", "GDI", "API", "KPI", "ROI", "MRI", "SKI", "WII", "TKI", "GUI", "CGI", "NZI"}
)


# dateless (cherished) plates, "55 DFR" or "DFR 55": digits and letters alone are too common in
# prose ("10 AM", "ABC 123"), so only upper case, spaced, straight after a plate word
_DATELESS = re.compile(
    r"(?i:\b(?:(?:private|personalised|personalized|cherished|number) )?(?:plates?|reg(?:istration)?(?: (?:number|plate))?)"
    r"(?: (?:is|was|of|reads|reading|number))?[,:]? )"
    r"(?:([0-9]{1,4}) ([A-Z]{1,3})|([A-Z]{1,3}) ([0-9]{1,4}))" + _E
)


def _plausible_current(first: str, last: str) -> bool:
    if not (first + last).isupper() and not (first + last).islower():
        return False  # mixed case is prose ("GL19 something", "MA21 the")
    if last.lower() in lexicon.THREE_LETTER_WORDS:
        return False
    age = int(first[2:])
    return first[0].upper() not in "IQZ" and (1 < age < 100 or age == 0)


# What every match of a pattern contains, looked for first: most reports hold no registration,
# and a plain scan for these is several times cheaper than the patterns' own (their lookbehind
# and alternations are tried at every position). `_CURRENT` has two letters then two digits;
# `_PREFIX`, `_SUFFIX`, `_NI` and `_NI_THREE` an upper-case letter then (after a space or not)
# a digit; `_DATELESS` the word "plate" or "reg" in any case.
_HAS_CURRENT = re.compile(r"[0-9](?<=[A-Za-z][A-Za-z][0-9])[0-9]")  # (from the digit: a faster scan)
_HAS_UPPER_DIGIT = re.compile(r"[A-Z] ?[0-9]")
# ... and three digits: in every `_NI` match kept (shorter ones are dropped) and `_NI_THREE` match
_HAS_UPPER_3_DIGITS = re.compile(r"[0-9](?:(?<=[A-Z][0-9])|(?<=[A-Z] [0-9]))[0-9]{2}")


def vehicles(text: str) -> list[str]:
    """UK registrations in every current and older format, upper case without spaces."""
    found: list[tuple[int, str]] = []
    if _HAS_CURRENT.search(text):
        for m in _CURRENT.finditer(text):
            if _plausible_current(m.group(1), m.group(2)):
                found.append((m.start(), (m.group(1) + m.group(2)).upper()))
    patterns: tuple[re.Pattern[str], ...] = ()
    if _HAS_UPPER_DIGIT.search(text):
        patterns = (
            (_PREFIX, _SUFFIX, _NI, _NI_THREE) if _HAS_UPPER_3_DIGITS.search(text) else (_PREFIX, _SUFFIX)
        )
    for rx in patterns:
        for m in rx.finditer(text):
            reg = m.group(1) + m.group(2)
            if rx is _NI_THREE and m.group(1) in _NI_NOT:
                continue
            if rx is _NI and len(m.group(2)) < 3:
                continue  # "AZ 12" is too likely to be something else
            if rx is _SUFFIX and m.group(1).lower() in lexicon.THREE_LETTER_WORDS:
                continue
            found.append((m.start(), reg))
    lower = text.lower()
    for m in _DATELESS.finditer(text) if "plate" in lower or "reg" in lower else ():
        letters = m.group(2) or m.group(3)
        if letters.lower() in lexicon.THREE_LETTER_WORDS or len(letters) + len(m.group(1) or m.group(4)) < 4:
            continue
        found.append((m.start(1) if m.group(1) else m.start(3), "".join(g for g in m.groups() if g)))
    found.sort()
    return _dedupe(reg for _, reg in found)


# --- phones --------------------------------------------------------------------------------


_MAYBE_PHONE = re.compile(r"\d[\d \-().]{7,}\d")


def phones(text: str) -> list[str]:
    """Telephone numbers in E.164 (UK default region)."""
    out: list[str] = []
    if not _MAYBE_PHONE.search(text):
        return out  # the matcher is slow; most reports have no number in them
    try:
        matcher = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
        for match in matcher:
            number = match.number
            national = str(number.national_number)
            if len(national) < 9 or not phonenumbers.is_possible_number(number):
                continue
            if number.country_code == 44 and len(national) != 10:
                continue
            out.append(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    except Exception:
        return _dedupe(out)
    return _dedupe(out)


# --- postcodes -------------------------------------------------------------------------------

_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{1,2}[0-9][A-Za-z0-9]?) ?([0-9][ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})(?![A-Za-z0-9])"
)


_HAS_LETTER_DIGIT = re.compile(r"[0-9](?<=[A-Za-z][0-9])")  # a letter then a digit: in every outward code


def postcodes(text: str) -> list[str]:
    """Full UK postcodes, upper case with one space (`MK40 1SQ`); outward codes alone are not."""
    out: list[str] = []
    if not _HAS_LETTER_DIGIT.search(text):
        return out
    for m in _POSTCODE.finditer(text):
        outward, inward = m.group(1).upper(), m.group(2).upper()
        area = outward[:2] if outward[1:2].isalpha() else outward[:1]
        if area not in lexicon.POSTCODE_AREAS:
            continue  # not a UK postcode area ("GH8 1XQ")
        out.append(f"{outward} {inward}")
    return _dedupe(out)


# --- urls, emails, handles ---------------------------------------------------------------------

_TLDS = "|".join(lexicon.URL_TLDS)
_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(
    r"(?<![\w@.-])(?:(?:https?://|www\.)[^\s<>\"]+"
    r"|(?:[A-Za-z0-9-]+\.)+(?:" + _TLDS + r")(?:/[^\s<>\"]*)?(?![\w.-]*@))",
    re.IGNORECASE,
)
# in every `_URL` match: a scheme, "www.", or a dot before a domain's next label or its TLD
_HAS_URL = re.compile(r"\.\w|://|www\.", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,38}[A-Za-z0-9_])?)")
_TRAIL = ".,;:!?)]}'\""


def _strip_trailing(s: str) -> str:
    while s and s[-1] in _TRAIL:
        if s[-1] == ")" and s.count("(") >= s.count(")"):
            break
        s = s[:-1]
    return s


def emails(text: str) -> list[str]:
    if "@" not in text:
        return []
    return _dedupe((_strip_trailing(m.group(0)) for m in _EMAIL.finditer(text)), key_lower=True)


def urls(text: str) -> list[str]:
    """URLs as written, minus trailing punctuation; bare domains need a known TLD. Never a
    part of an e-mail address ("ops@quarry-stone.example.com" holds no URL)."""
    out: list[str] = []
    if not _HAS_URL.search(text):
        return out
    mail = [(m.start(), m.end()) for m in _EMAIL.finditer(text)] if "@" in text else []
    for m in _URL.finditer(text):
        if any(s <= m.start() < e for s, e in mail):
            continue
        url = _strip_trailing(m.group(0))
        if "." not in url.split("/")[-1] and "/" not in url and not url.lower().startswith(("http", "www")):
            continue
        if url.lower() in {"e.g", "i.e"}:
            continue
        out.append(url)
    return _dedupe(out, key_lower=True)


def social_handles(text: str) -> list[str]:
    """`@`-prefixed handles (not e-mail addresses), including one inside a URL path, once each."""
    if "@" not in text:
        return []
    found = [(m.start(), "@" + m.group(1)) for m in _HANDLE.finditer(text)]
    for m in re.finditer(r"/@([A-Za-z0-9_.]{1,40}[A-Za-z0-9_])", text):
        found.append((m.start(), "@" + m.group(1)))
    found.sort()
    return _dedupe((h for _, h in found), key_lower=True)


# --- weapons, materials, person descriptions ---------------------------------------------------


def _matches(lower: str, matches: Matches | None) -> Matches:
    return matches if matches is not None else LEXICON.match(Tokens.of(lower))


# (cue name, code) for each weapon and material pattern, in the lexicon's order
_WEAPON_CUES = tuple((f"weapon:{code}", code) for code, _ in lexicon.WEAPON_PATTERNS)
_MATERIAL_CUES = tuple((f"material:{code}", code) for code, _ in lexicon.MATERIAL_PATTERNS)


def weapons(lower: str, matches: Matches | None = None) -> list[str]:
    """Weapon terms (canonical codes from the lexicon) mentioned in lower-cased text.

    `matches` is the document's cue look-up (`stages.doc.matches_for`), if already made."""
    names = _matches(lower, matches).names()
    return _dedupe(code for name, code in _WEAPON_CUES if name in names)


def materials(lower: str, matches: Matches | None = None) -> list[str]:
    """Explosive precursors and other materials of interest mentioned in lower-cased text."""
    names = _matches(lower, matches).names()
    return _dedupe(code for name, code in _MATERIAL_CUES if name in names)


_PERSON = re.compile(
    r"(?:(?:white|black|asian|mixed race|olive[- ]skinned|south asian|eastern european)[ ,]+)?"
    r"(?:male|female|man|woman|lad|bloke|men|women)\b[ ,]*"
    r"(?:(?:approx |about |aged |in (?:his|her) )?(?:early |mid |late )?\d{1,2}(?:s|-\d{1,2}|'s)?\b)"
    r"[^.;\n]{0,120}",
    re.IGNORECASE,
)
_PERSON_LEAD = re.compile(
    r"(?:^|[.;] )((?:white|black|asian|mixed race|male|female)\b[ ,][^.;\n]{3,140})", re.IGNORECASE
)


# (`\b` before a word written as `(?<!\w)`, after a look at the first letter: the same matches,
# found faster, the scan skipping positions where no word can start)
_PERSON_ANCHOR = re.compile(
    r"(?=[mfwlb])(?<!\w)(?:male|female|man|woman|lad|bloke|men|women)\b", re.IGNORECASE
)


def _person_matches(text: str) -> list[re.Match[str]]:
    """`_PERSON.finditer`, but started just before each man/woman word (the pattern's only
    required word; what may precede it is under 30 characters) instead of at every position."""
    out: list[re.Match[str]] = []
    done = 0
    for anchor in _PERSON_ANCHOR.finditer(text):
        if anchor.start() < done:
            continue
        # find where a match starts (at most 30 characters before the anchor), then take the
        # whole match from there; both searches are bounded by the anchor, not the text
        found = _PERSON.search(text, max(done, anchor.start() - 30), anchor.end() + 40)
        if found is None or found.start() > anchor.start():
            continue
        m = _PERSON.match(text, found.start())
        if m is not None:
            out.append(m)
            done = m.end()
    return out


def person_descriptions(text: str) -> list[str]:
    """Descriptions of people as given ("White male, about 30-35, grey hoodie, black cap")."""
    lower = text.lower()
    if not any(
        w in lower for w in ("male", "man", "men", "lad", "bloke", "white", "black", "asian", "mixed")
    ):
        return []
    out = [m.group(1).strip() for m in _PERSON_LEAD.finditer(text)]
    out += [m.group(0).strip() for m in _person_matches(text)]
    # keep the longest of overlapping descriptions
    out.sort(key=len, reverse=True)
    kept: list[str] = []
    for d in out:
        if not any(d.lower() in k.lower() for k in kept):
            kept.append(d)
    return kept[:5]
