from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.triage.stages import extract as ex
from vigil.triage.stages.normalise import normalise
from vigil.triage.stages.times import times


def test_normalise_folds_lookalikes_quotes_and_whitespace() -> None:
    assert normalise("  He said \u2018g\u0443n\u2019\u200b  now\n\n") == "He said 'gyn' now"
    assert normalise("\uff2d\uff21\uff12\uff11") == "MA21"  # full-width to ASCII


@given(st.text())
@settings(max_examples=300)
def test_normalise_is_idempotent_on_any_unicode(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(st.text())
@settings(max_examples=200)
def test_extractors_never_crash(text: str) -> None:
    t = normalise(text)
    for fn in (
        ex.vehicles,
        ex.phones,
        ex.postcodes,
        ex.urls,
        ex.emails,
        ex.social_handles,
        ex.person_descriptions,
    ):
        assert isinstance(fn(t), list)
    assert isinstance(ex.weapons(t.lower()), list)
    assert isinstance(times(t, datetime(2026, 3, 1, tzinfo=UTC)), list)


@given(st.from_regex(r"[A-Z]{2}[0-9]{2} ?[A-Z]{3}", fullmatch=True))
def test_current_format_registrations_are_normalised(reg: str) -> None:
    found = ex.vehicles(f"The car was {reg} I think")
    assert all(" " not in v and v.isupper() for v in found)


def test_vehicles_in_every_format_and_not_partials() -> None:
    text = (
        "Focus LB19 KXT, then bf70 nyk, an old T456 HJK, a suffix ABC 123D, NI plates MHZ 4127 and LCZ7731. "
        "Partials: reg started CA67, GL19 something, ending 8812, the A442 road."
    )
    assert ex.vehicles(text) == ["LB19KXT", "BF70NYK", "T456HJK", "ABC123D", "MHZ4127", "LCZ7731"]


def test_phones_become_e164_and_short_numbers_are_ignored() -> None:
    text = "Callback 07700 900218 or office 020 7946 0187, also 0113 496 0528. Ref 1300, 12345678."
    assert ex.phones(text) == ["+447700900218", "+442079460187", "+441134960528"]


def test_postcodes_full_only_upper_with_one_space() -> None:
    assert ex.postcodes("We live in ST4. Address mk42 7bd and HU9 2JR, HP2 something") == [
        "MK42 7BD",
        "HU9 2JR",
    ]


def test_urls_emails_and_handles() -> None:
    text = (
        "Link: https://videos.example.com/@wessex_defence. Also example.org/awake, www.example.net/claim-prize-uk! "
        "Mail justice4bedford@example.com or @bedsbloke_kw and @wessex_defence."
    )
    assert ex.urls(text) == [
        "https://videos.example.com/@wessex_defence",
        "example.org/awake",
        "www.example.net/claim-prize-uk",
    ]
    assert ex.emails(text) == ["justice4bedford@example.com"]
    assert ex.social_handles(text) == ["@wessex_defence", "@bedsbloke_kw"]


def test_an_email_domain_is_not_a_url() -> None:
    text = "Write to yard@north-quarry.example.org or see news.example.com/quarry for more."
    assert ex.urls(text) == ["news.example.com/quarry"]
    assert ex.emails(text) == ["yard@north-quarry.example.org"]


def test_weapons_materials_and_person_descriptions() -> None:
    text = "He had a sawn-off shotgun and 40 bags of fertiliser. White male, 40s, grey tracksuit, red cap."
    assert "shotgun" in ex.weapons(text.lower())
    assert "fertiliser" in ex.materials(text.lower())
    assert ex.person_descriptions(text) == ["White male, 40s, grey tracksuit, red cap"]


def test_times_resolve_relative_to_submission_in_london() -> None:
    sent = datetime(2026, 3, 19, 9, 12, tzinfo=UTC)  # a Thursday
    found = {
        t.text.lower(): t
        for t in times("See you on Saturday at 10am. Flight tomorrow 06:10. Yesterday too.", sent)
    }
    assert found["on saturday"].on == date(2026, 3, 21)
    assert found["tomorrow"].on == date(2026, 3, 20)
    assert found["yesterday"].on == date(2026, 3, 18)
    ten = found["at 10am"]
    assert ten.start == datetime(2026, 3, 21, 10, 0, tzinfo=UTC)  # GMT until 29 March
