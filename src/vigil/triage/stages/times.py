"""Part of stage 2, extract: time expressions resolved against the submission time.

Contract: `times(text, submitted_at)` returns `TimeMention`s in order of appearance. Relative
expressions ("tomorrow", "last Thursday", "this Saturday", "tonight") are resolved in
Europe/London to a date; a clock time in the same phrase gives a UTC `start`. Never raises.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from vigil.triage.schemas import TimeMention

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")

_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MON = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {m: i + 1 for i, m in enumerate(_MONTHS)}
_DAY_RX = "|".join(_DAYS)
_MONTH_RX = "|".join(_MONTHS) + "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"

_CLOCK = (
    r"(?:at |from |by |around |about |approx\.? )?(?P<h>[0-2]?\d)(?:[.:](?P<m>[0-5]\d))? ?(?P<ap>am|pm)\b"
)
_CLOCK24 = r"(?:at |from |by |around |about |approx\.? )?(?P<h>[01]\d|2[0-3]):(?P<m>[0-5]\d)\b"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "relday",
        re.compile(
            r"\b(?P<w>today|tonight|tomorrow(?: (?:morning|afternoon|evening|night))?|"
            r"yesterday(?: (?:morning|afternoon|evening))?|this (?:morning|afternoon|evening)|"
            r"last night|overnight)\b"
        ),
    ),
    (
        "date",
        re.compile(
            r"\b(?:(?P<wd>"
            + _DAY_RX
            + r") )?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?: of)? (?P<mo>"
            + _MONTH_RX
            + r")\b(?: (?P<y>20\d\d))?"
        ),
    ),
    (
        "date_md",
        re.compile(r"\b(?P<mo>" + _MONTH_RX + r") (?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,? (?P<y>20\d\d))?"),
    ),
    ("weekday_nth", re.compile(r"\b(?P<wd>" + _DAY_RX + r") (?P<d>[0-3]?\d)(?:st|nd|rd|th)\b")),
    ("weekday", re.compile(r"\b(?:(?P<mod>this|next|last|on|coming) )?(?P<wd>" + _DAY_RX + r")\b(?!s)")),
    ("clock", re.compile(r"\b" + _CLOCK)),
    ("clock24", re.compile(r"\b" + _CLOCK24)),
]


def _local_date(submitted_at: datetime) -> date:
    aware = submitted_at if submitted_at.tzinfo else submitted_at.replace(tzinfo=UTC)
    return aware.astimezone(LONDON).date()


def _nearest_year(today: date, month: int, day: int) -> date | None:
    best: date | None = None
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - today).days) < abs((best - today).days):
            best = cand
    return best


def _weekday(today: date, name: str, mod: str | None, future_hint: bool) -> date:
    target = _DAYS.index(name)
    ahead = (target - today.weekday()) % 7
    if mod == "last":
        return today - timedelta(days=(today.weekday() - target) % 7 or 7)
    if mod == "next":
        return today + timedelta(days=ahead or 7)
    if mod in {"this", "coming"} or future_hint:
        return today + timedelta(days=ahead)
    return today - timedelta(days=(today.weekday() - target) % 7)


def _relday(today: date, word: str) -> date:
    if word.startswith("tomorrow"):
        return today + timedelta(days=1)
    if word.startswith("yesterday") or word == "last night":
        return today - timedelta(days=1)
    return today


_FUTURE = re.compile(
    r"\b(?:will|won't|wont|going to|gonna|is due|due to|planned|holds?|is on|are on|next|coming|"
    r"until|before|see you|meeting is|surgery is)\b"
)


def _clock_time(m: re.Match[str]) -> time | None:
    hour = int(m.group("h"))
    minute = int(m.group("m") or 0)
    ap = m.groupdict().get("ap")
    if ap == "pm" and hour < 12:
        hour += 12
    elif ap == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return None
    return time(hour, minute)


_ANY_MONTH = re.compile(r"\b(?:" + _MONTH_RX + r")\b")
_AM_PM = re.compile(r"\d ?[ap]m\b")


def _worth_trying(kind: str, lower: str, months: bool) -> bool:
    """Cheap tests that rule a pattern out before running it (most reports name no date);
    ``months``: whether the text names a month at all (asked once per text)."""
    if kind in {"date", "date_md"}:
        return months
    if kind in {"weekday", "weekday_nth"}:
        return "day" in lower
    if kind == "clock":
        return _AM_PM.search(lower) is not None
    if kind == "clock24":
        return ":" in lower
    return True


def times(text: str, submitted_at: datetime) -> list[TimeMention]:
    lower = text.lower()
    today = _local_date(submitted_at)
    found: list[tuple[int, int, TimeMention]] = []
    taken: list[tuple[int, int]] = []
    day_spans: list[tuple[int, date]] = []
    clocks: list[tuple[int, int, str, time]] = []
    months = _ANY_MONTH.search(lower) is not None
    for kind, rx in _PATTERNS:
        if not _worth_trying(kind, lower, months):
            continue
        for m in rx.finditer(lower):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
                continue
            try:
                on: date | None
                if kind == "relday":
                    on, relative = _relday(today, m.group("w")), True
                elif kind in {"date", "date_md"}:
                    mo = _MON.get(m.group("mo")[:3] if m.group("mo") != "may" else "may")
                    if mo is None:
                        continue
                    if m.group("y"):
                        on = date(int(m.group("y")), mo, int(m.group("d")))
                    else:
                        on = _nearest_year(today, mo, int(m.group("d")))
                    relative = False
                elif kind == "weekday_nth":
                    on, relative = _nth(today, int(m.group("d"))), True
                elif kind == "weekday":
                    sentence = lower[max(0, m.start() - 80) : m.end() + 40]
                    on = _weekday(today, m.group("wd"), m.group("mod"), bool(_FUTURE.search(sentence)))
                    relative = True
                else:
                    clock = _clock_time(m)
                    if clock is not None:
                        clocks.append((m.start(), m.end(), text[m.start() : m.end()], clock))
                        taken.append((m.start(), m.end()))
                    continue
            except ValueError:
                continue
            if on is None:
                continue
            taken.append((m.start(), m.end()))
            day_spans.append((m.start(), on))
            found.append((m.start(), m.end(), TimeMention(text[m.start() : m.end()], None, on, relative)))
    for start, end, raw, clock in clocks:
        near = sorted((abs(pos - start), d) for pos, d in day_spans if abs(pos - start) < 60)
        on = near[0][1] if near else today
        local = datetime.combine(on, clock, tzinfo=LONDON)
        found.append((start, end, TimeMention(raw, local.astimezone(UTC), on, not near)))
    found.sort(key=lambda t: t[0])
    return [t for _, _, t in found]


def _nth(today: date, day: int) -> date | None:
    """'Friday 27th': the date with that day of month nearest to today (this, next or last month)."""
    best: date | None = None
    for delta in (0, 1, -1):
        month = (today.month - 1 + delta) % 12 + 1
        year = today.year + (today.month - 1 + delta) // 12
        try:
            cand = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - today).days) < abs((best - today).days):
            best = cand
    return best
