"""Does this text read as an emergency happening now? A small, pure, deliberately eager check.

The public form already asks first whether anyone is in danger now; this catches reporters
who answered "no" but then describe something happening now. A false positive costs one
extra "call 999" message on the confirmation page, a false negative may cost a life, so the
rules lean towards yes. Triage (another package) does the real urgency assessment.
"""

from __future__ import annotations

import re

_NOW = r"(?:now|right now|at the moment|currently|as we speak|just now|happening|still there|outside)"
_PATTERNS = [
    # Weapons or explosives with a present-tense cue.
    rf"\b(?:gun|guns|knife|knives|machete|bomb|explosive|explosives|device|rifle|firearm)\b.{{0,60}}\b{_NOW}\b",
    rf"\b{_NOW}\b.{{0,60}}\b(?:gun|knife|machete|bomb|explosive|device|rifle|firearm)\b",
    r"\b(?:has|with|holding|carrying|waving|pointing)\s+(?:a|an)\s+(?:gun|knife|machete|bomb|rifle|firearm)\b",
    r"\b(?:attack|shooting|stabbing|hostage|hostages)\b.{0,40}\b(?:happening|in progress|now|underway)\b",
    r"\b(?:someone|somebody|people|a man|a woman|he|she|they)\s+(?:is|are|has been|have been)\s+"
    r"(?:stabbed|shot|attacked|injured|bleeding|hurt)\b",
    r"\b(?:unattended|abandoned|suspicious)\s+(?:bag|package|parcel|rucksack|backpack|suitcase|item)\b"
    rf".{{0,60}}\b{_NOW}\b",
    r"\b(?:going to|about to|gonna)\s+(?:kill|shoot|stab|bomb|blow up|attack)\b.{0,40}\b(?:today|tonight|now)\b",
    r"\b(?:help me|i am in danger|i'm in danger|we are in danger|call 999|emergency)\b",
]
_RULES = [re.compile(p, re.IGNORECASE | re.DOTALL) for p in _PATTERNS]


def reads_as_emergency(text: str) -> bool:
    """True when ``text`` suggests danger to life or an unattended item right now."""
    sample = " ".join(text.split())[:20_000]
    return any(rule.search(sample) for rule in _RULES)
