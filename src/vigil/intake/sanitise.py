"""Cleaning text from the public: one function every channel's fields pass through.

Text is normalised to NFC (so the same words typed on different devices compare equal but
are stored as typed, not folded), control characters are removed (tab and newline kept in
long text), bidi overrides are removed (they disguise file names and links), and every field
has a length bound. Invalid text (a lone surrogate, which cannot be encoded) is an error.
"""

from __future__ import annotations

import re
import unicodedata

#: Bidi embedding/override/isolate controls; they reorder what a reader sees.
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t]+")
#: What ``clean_text`` removes in any case (control characters but tab and line breaks, bidi
#: controls, BOM); NUL among them, which PostgreSQL cannot store in text or JSON.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


class InvalidText(ValueError):
    """The text cannot be stored (for example a lone surrogate)."""


def clean_text(value: str, *, max_length: int, multiline: bool = False) -> str:
    """Return ``value`` normalised and stripped of control characters, or raise.

    Raises :class:`InvalidText` when the text is not valid Unicode or is longer than
    ``max_length`` once cleaned (we refuse rather than silently truncate a report).
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidText("contains characters that are not valid text") from exc
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    value = value.translate(_BIDI).replace("\ufeff", "")
    if multiline:
        value = _CONTROL.sub("", value)
        value = "\n".join(_SPACES.sub(" ", line).rstrip() for line in value.split("\n"))
        value = re.sub(r"\n{3,}", "\n\n", value)
    else:
        value = _SPACES.sub(" ", _CONTROL_SINGLE_LINE.sub(" ", value))
    value = value.strip()
    if len(value) > max_length:
        raise InvalidText(f"must be {max_length} characters or fewer")
    return value


def strip_unstorable(value: str) -> str:
    """``value`` without the characters :func:`clean_text` would remove anyway, and valid.

    For raw answers kept before they are validated (a public-form draft): what is kept, and
    shown back on the check-your-answers page, is then what will be stored, and a NUL never
    reaches the database. Nothing else changes (no normalisation, no length bound).
    """
    value = _UNSTORABLE.sub("", value)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def clean_optional(value: str | None, *, max_length: int, multiline: bool = False) -> str | None:
    """``clean_text`` for optional fields: empty after cleaning means not given."""
    if value is None:
        return None
    cleaned = clean_text(value, max_length=max_length, multiline=multiline)
    return cleaned or None


def clean_filename(name: str | None) -> str:
    """A display name for an uploaded file: never used as a path, bounded, no separators."""
    if not name:
        return "file"
    try:
        cleaned = clean_text(name[:2000], max_length=10_000)
    except InvalidText:
        return "file"
    cleaned = re.sub(r"[\\/:*?\"<>|]", "_", cleaned).lstrip(".") or "file"
    if len(cleaned) > 120:
        stem, dot, ext = cleaned.rpartition(".")
        cleaned = (stem[:100] + "…" + dot + ext[:10]) if dot else cleaned[:120]
    return cleaned
