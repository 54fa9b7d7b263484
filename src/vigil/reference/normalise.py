"""Normalisation of the keys people type: postcodes, place names and constituency names.

Everything here is a pure function of its argument, so the loader and the lookups agree on
keys by construction: the loader stores ``place_key(name)``, the lookup searches with
``place_key(query)``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "area_of",
    "constituency_key",
    "normalise_outcode",
    "normalise_postcode",
    "outcode_of",
    "place_key",
]

# UK postcode shape: outward code = area (1-2 letters) + district (digit + optional digit or
# letter, e.g. "EC1A"); inward code = digit + two letters. Royal Mail's finer letter rules
# are deliberately not enforced: the outcode tables, not the regex, decide what exists.
_OUTCODE = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_FULL_RE = re.compile(rf"({_OUTCODE})([0-9][A-Z]{{2}})")
_OUTCODE_RE = re.compile(_OUTCODE)
_AREA_RE = re.compile(r"[A-Z]{1,2}")

# Apostrophes are deleted rather than turned into spaces so that "Queen's Park" and
# "Queens Park" share a key; every other run of punctuation, symbols or spaces becomes one
# space so that "Stoke-on-Trent" and "Stoke on Trent" do.
_APOSTROPHES_RE = re.compile(r"['’‘`´]")
_NON_WORD_RE = re.compile(r"[\W_]+")
_AMPERSAND_RE = re.compile(r"\s*&\s*")


def normalise_postcode(text: str) -> str | None:
    """Return ``"MK40 1SQ"`` for a full postcode, ``"MK40"`` for an outcode, else None.

    Case and all whitespace are ignored (``"mk401sq"``, ``" MK40  1SQ "``). The result is
    only well formed; whether the postcode exists is for the outcode tables to say.
    """
    compact = "".join(text.split()).upper()
    full = _FULL_RE.fullmatch(compact)
    if full is not None:
        return f"{full.group(1)} {full.group(2)}"
    if _OUTCODE_RE.fullmatch(compact):
        return compact
    return None


def normalise_outcode(text: str) -> str | None:
    """Return the outcode alone when ``text`` is an outcode (not a full postcode), else None."""
    compact = "".join(text.split()).upper()
    return compact if _OUTCODE_RE.fullmatch(compact) else None


def outcode_of(text: str) -> str | None:
    """Return the outcode of a full postcode or an outcode (``"mk40 1sq"`` -> ``"MK40"``)."""
    normalised = normalise_postcode(text)
    return None if normalised is None else normalised.split(" ", 1)[0]


def area_of(outcode: str) -> str:
    """Return the postcode area, the leading letters of an outcode (``"MK40"`` -> ``"MK"``)."""
    match = _AREA_RE.match(outcode.upper())
    return "" if match is None else match.group(0)


def place_key(name: str) -> str:
    """Return the matching key of a place name: NFKC, casefolded, punctuation stripped.

    ``place_key("Stoke-on-Trent") == place_key("STOKE ON TRENT")``. Accents are kept:
    Welsh and Gaelic names differ by them and the data spell them consistently.
    """
    folded = unicodedata.normalize("NFKC", name).casefold()
    folded = _APOSTROPHES_RE.sub("", folded)
    return _NON_WORD_RE.sub(" ", folded).strip()


def constituency_key(name: str) -> str:
    """Return a tolerant key for a constituency name.

    More forgiving than :func:`place_key` because constituency names are typed by people
    who rarely reproduce them exactly: ``&`` matches ``and``, and accents are dropped
    (``"Ynys Mon"`` finds ``"Ynys Môn"``). The 650 names stay distinct under this key.
    """
    text = _AMPERSAND_RE.sub(" and ", unicodedata.normalize("NFKC", name))
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return place_key(bare)
