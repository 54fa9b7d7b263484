"""Stage 1, normalise: make the text safe and uniform for the later stages.

Contract: takes the raw report text and location text; returns text that is NFKC-normalised,
has common look-alike characters folded to ASCII (curly quotes, dashes, Cyrillic/Greek letters
that mimic Latin ones), no control or zero-width characters, and single spaces between words.
The function is pure and idempotent: ``normalise(normalise(x)) == normalise(x)``.
"""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        # Cyrillic and Greek letters used to dodge keyword filters
        "\u0430": "a",
        "\u0435": "e",
        "\u043e": "o",
        "\u0440": "p",
        "\u0441": "c",
        "\u0445": "x",
        "\u0443": "y",
        "\u0456": "i",
        "\u0410": "A",
        "\u0412": "B",
        "\u0415": "E",
        "\u041a": "K",
        "\u041c": "M",
        "\u041d": "H",
        "\u041e": "O",
        "\u0420": "P",
        "\u0421": "C",
        "\u0422": "T",
        "\u0425": "X",
        "\u03bf": "o",
        "\u039f": "O",
        "\u0391": "A",
        "\u0392": "B",
        "\u0395": "E",
        "\u0397": "H",
        "\u0399": "I",
        "\u039a": "K",
        "\u039c": "M",
        "\u039d": "N",
        "\u03a1": "P",
        "\u03a4": "T",
        "\u03a7": "X",
    }
)

_WS = re.compile(r"\s+")


def _keep(ch: str) -> bool:
    cat = unicodedata.category(ch)
    # Drop control, format (zero-width, bidi) and unassigned/surrogate code points.
    return not (cat in {"Cc", "Cf", "Cs", "Co", "Cn"} and ch not in "\n\t")


class _DropTable(dict[int, int | None]):
    """`str.translate` table that deletes what `_keep` rejects, filled in as characters are seen
    (so each distinct character's Unicode category is looked up once per process)."""

    def __missing__(self, code: int) -> int | None:
        value = code if _keep(chr(code)) else None
        self[code] = value
        return value


_DROP = _DropTable()


def _step(text: str) -> str:
    out = unicodedata.normalize("NFKC", text).translate(_FOLD).translate(_DROP)
    return _WS.sub(" ", out).strip()


_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def normalise(text: str) -> str:
    """Return `text` NFKC-normalised, folded, cleaned and with whitespace collapsed."""
    if text.isascii():
        # Fast path: NFKC is the identity on ASCII and only the backtick folds.
        return _WS.sub(" ", _ASCII_CONTROL.sub("", text).replace("`", "'")).strip()
    out = _step(text)
    # Folding or dropping characters can create new composable sequences; repeat to a fixed
    # point (in practice one more pass) so that the stage is idempotent.
    for _ in range(4):
        again = _step(out)
        if again == out:
            break
        out = again
    return out
