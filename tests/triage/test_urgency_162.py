"""rules-1.6.2's safety net for emergencies worded in ways no urgency cue knows: a weapon, a
threat or a hate incident whose report describes someone *doing* something as it is written
("is prowling", "are surrounding") is happening now, unless the report places it in the past
or someone has left. Reports here are written fresh for these tests."""

from __future__ import annotations

import pytest

from tests.triage.helpers import run
from vigil.triage.enums import Category, Urgency


@pytest.mark.parametrize(
    ("text", "category", "verb"),
    [
        (
            "A man with a long blade is prowling round the bus station in Bedford and staring at people.",
            Category.WEAPONS_EXPLOSIVES,
            "is prowling",
        ),
        (
            "A gang with baseball bats are surrounding the synagogue on Kempston Road, Bedford, shouting about Jews.",
            Category.HATE_INCIDENT,
            "are surrounding",
        ),
    ],
)
def test_danger_described_as_going_on_is_immediate_with_the_words_as_the_reason(
    text: str, category: Category, verb: str
) -> None:
    r = run(text)
    assert r.category == category
    assert r.urgency == Urgency.IMMEDIATE
    assert f"describes it as going on ('{verb}')" in r.reasons


@pytest.mark.parametrize(
    "text",
    [
        # the same scene placed in the past
        "Last week a man with a long blade was prowling round the bus station in Bedford.",
        "A man with a long blade is prowling round the bus station in Bedford most nights, he was there on Monday.",
        # a state or a plan, not an action
        "My neighbour in Bedford keeps a machete in his shed and he's thinking of selling it.",
        "There are burning smells from the flat below in Bedford where he has been buying firework powder.",
    ],
)
def test_the_safety_net_needs_an_action_going_on_now(text: str) -> None:
    assert run(text).urgency != Urgency.IMMEDIATE


def test_the_subject_having_left_stops_it() -> None:
    r = run(
        "A man with a long blade is prowling round the bus station in Bedford. He ran off towards the river."
    )
    assert r.urgency != Urgency.IMMEDIATE
