"""Compiling cue patterns (a subset of regex syntax) into phrase sets for `words.py`.

A pattern is parsed with the standard library's regex parser and expanded into every phrase
it can match; gaps (``[^.]{0,80}``) split it into segments that must follow each other in one
sentence. See `words.py` for what is supported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from re import _constants as sre_c  # type: ignore[attr-defined]
from typing import Any

_CONTRACTION = re.compile(r"\b(?:won't|can't)|(?<=[a-z])(?:n't|'ll|'re|'ve|'m|'d|'s)\b")
_EXPAND = {
    "won't": "will not",
    "can't": "can not",
    "n't": " not",
    "'ll": " will",
    "'re": " are",
    "'ve": " have",
    "'m": " am",
    "'d": " would",
    "'s": "",
}

PREFIX = "\x01"  # a pattern word ending in \w* / \w+
NUMBER = "\x02"  # \d+
GAP_CHARS_PER_TOKEN = 4


def expand_contractions(lower: str) -> str:
    if "'" not in lower:
        return lower
    return _CONTRACTION.sub(lambda m: _EXPAND[m.group(0)], lower)


class PatternError(ValueError):
    pass


def _is_gap(op: Any, av: Any) -> int:
    """Characters a gap may span, or 0 if this item is not a gap."""
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
        _lo, hi, sub = av
        if len(sub) == 1:
            sop, sav = sub[0]
            if sop is sre_c.ANY or sop is sre_c.NOT_LITERAL:
                return 400 if hi == sre_c.MAXREPEAT else int(hi)
            if sop is sre_c.IN and sav and sav[0][0] is sre_c.NEGATE:
                return 400 if hi == sre_c.MAXREPEAT else int(hi)
            if sop is sre_c.IN and sav == [(sre_c.CATEGORY, sre_c.CATEGORY_NOT_WORD)]:
                return 1  # \W+ between words
        if hi != sre_c.MAXREPEAT and hi > 3:
            return int(hi) * 8  # (?:\w+\W+){0,2} style word skips
        if any(_is_gap(o, a) for o, a in sub):
            return 40
    return 0


def _strings(items: Sequence[tuple[Any, Any]]) -> list[str]:
    """Every string a finite, gap-free sequence of regex items can match."""
    out = [""]
    for op, av in items:
        alts = _alternatives(op, av)
        out = [a + b for a in out for b in alts]
        if len(out) > 20000:
            raise PatternError("pattern expands to too many phrases")
    return out


def _alternatives(op: Any, av: Any) -> list[str]:
    if op is sre_c.LITERAL:
        return [chr(av)]
    if op is sre_c.AT:
        return [""]
    if op is sre_c.SUBPATTERN:
        return _strings(av[-1])
    if op is sre_c.BRANCH:
        return [s for alt in av[1] for s in _strings(alt)]
    if op is sre_c.IN:
        if av == [(sre_c.CATEGORY, sre_c.CATEGORY_WORD)]:
            return [PREFIX]
        if av == [(sre_c.CATEGORY, sre_c.CATEGORY_DIGIT)]:
            return [NUMBER]
        chars: list[str] = []
        for iop, iav in av:
            if iop is sre_c.LITERAL:
                chars.append(chr(iav))
            elif iop is sre_c.RANGE:
                chars.extend(chr(c) for c in range(iav[0], iav[1] + 1))
            else:
                raise PatternError(f"unsupported class item {iop}")
        return chars
    if op is sre_c.ANY:
        return [" "]
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
        lo, hi, sub = av
        base = _strings(sub)
        if base in ([PREFIX], [NUMBER]):
            return base if lo >= 1 else ["", *base]
        if hi == sre_c.MAXREPEAT or hi > 3:
            raise PatternError("unbounded repeat outside a gap")
        out: list[str] = []
        for k in range(int(lo), int(hi) + 1):
            reps = [""]
            for _ in range(k):
                reps = [a + b for a in reps for b in base]
            out.extend(reps)
        return out
    raise PatternError(f"unsupported regex construct {op}")


Elem = tuple[str, int]  # (text, 0 exact | 1 prefix | 2 number)
Phrase = tuple[Elem, ...]


def phrase_of(text: str) -> Phrase:
    """A matched string as token elements, normalised like the text is."""
    text = expand_contractions(text.lower())
    out: list[Elem] = []
    for raw in re.findall(r"[a-z0-9\x01\x02]+", text):
        if raw == NUMBER:
            out.append(("", 2))
        elif raw.endswith(PREFIX) or (NUMBER in raw and raw.replace(NUMBER, "").isdigit()):
            # "jihad\w*" and "20\d\d" (a year) both become prefixes of one token
            out.append((raw.replace(PREFIX, "").replace(NUMBER, ""), 1))
        else:
            out.append((raw.replace(PREFIX, "").replace(NUMBER, ""), 0))
    return tuple(e for e in out if e[0] or e[1] != 0)  # a bare \w+ is a one-word wildcard


Seg = tuple[list[tuple[Any, Any]], int]


def _has_gap(op: Any, av: Any) -> bool:
    if _is_gap(op, av):
        return True
    if op is sre_c.SUBPATTERN:
        return any(_has_gap(o, a) for o, a in av[-1])
    if op is sre_c.BRANCH:
        return any(_has_gap(o, a) for alt in av[1] for o, a in alt)
    return False


def _segments(items: Sequence[tuple[Any, Any]]) -> list[list[Seg]]:
    """Alternatives of a pattern, each a list of (gap-free items, gap before) segments."""
    chains: list[list[Seg]] = [[([], 0)]]
    for op, av in items:
        gap = _is_gap(op, av)
        if gap:
            chains = [[*c, ([], gap)] for c in chains]
        elif _has_gap(op, av):
            subs = (
                _segments(av[-1]) if op is sre_c.SUBPATTERN else [c for alt in av[1] for c in _segments(alt)]
            )
            chains = [[*c[:-1], (c[-1][0] + sub[0][0], c[-1][1]), *sub[1:]] for c in chains for sub in subs]
        else:
            chains = [[*c[:-1], ([*c[-1][0], (op, av)], c[-1][1])] for c in chains]
    return chains


@dataclass(frozen=True, slots=True)
class Chain:
    """Phrase sets that must occur in order in one sentence, each within `gaps[i]` tokens."""

    sets: tuple[int, ...]
    gaps: tuple[int, ...]
