"""Types shared by the request bodies of every module."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, GetCoreSchemaHandler
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

#: What ``str_strip_whitespace`` strips (Unicode White_Space; Python's ``str.strip()`` would
#: also take the ASCII separators U+001C-U+001F, which the models never stripped).
WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)


@dataclass(frozen=True)
class StrippedText:
    """A string whose length bounds are checked on the value as sent, then stripped:
    ``name: Annotated[str, StrippedText(max_length=200, min_length=1)]``.

    The OpenAPI document states ``maxLength`` (and ``minLength``) as usual. Stripping first
    (the model-wide ``str_strip_whitespace``) let a value padded with whitespace (non-breaking
    spaces) far past the stated length through. Here the bounds are on what was sent, whatever
    the model's config; then the value is stripped as ``str_strip_whitespace`` strips, and one
    that strips to less than ``min_length`` (whitespace only) is still refused: ``empty`` says
    why, or it is pydantic's own ``string_too_short``.
    """

    max_length: int
    min_length: int = 0
    empty: str | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        as_sent = core_schema.str_schema(
            min_length=self.min_length or None, max_length=self.max_length, strip_whitespace=False
        )
        return core_schema.no_info_after_validator_function(self._stripped, as_sent)

    def _stripped(self, value: str) -> str:
        cleaned = value.strip(WHITESPACE)
        if len(cleaned) < self.min_length:
            if self.empty is not None:
                raise ValueError(self.empty)
            raise PydanticCustomError(
                "string_too_short",
                "String should have at least {min_length} character{expected_plural}",
                {"min_length": self.min_length, "expected_plural": "" if self.min_length == 1 else "s"},
            )
        return cleaned


def _stripped(value: str) -> str:
    return value.strip(WHITESPACE)


#: A string with no length bound of its own (an item of a bounded list), stripped as the
#: models' ``str_strip_whitespace`` did.
Stripped = Annotated[str, AfterValidator(_stripped)]
