from __future__ import annotations

from datetime import timedelta

from tests.triage.helpers import SENT, context, run
from vigil.triage.linking import InMemoryLinkIndex, band_keys, content_words, entity_keys, jaccard, minhash
from vigil.triage.schemas import LinkRecord


def test_keys_are_stable_strings_for_sql_storage() -> None:
    keys = entity_keys(vehicles=["MA21XWP"], urls=["https://www.Example.com/a/"], handles=["@Bob"])
    near = [f"vehx:{'MA21XWP'[:i]}?{'MA21XWP'[i + 1 :]}" for i in range(7)] + ["veha:12AMPWX"]
    assert keys == ["veh:MA21XWP", "vehp:MA21XW", *near, "url:example.com/a", "handle:@bob"]
    sig = minhash(content_words("a man filming the barriers at the arena"))
    assert band_keys(sig) == band_keys(minhash(content_words("a man filming the barriers at the arena")))
    assert all(k.startswith("mh1:") for k in band_keys(sig))


def test_minhash_estimates_similarity() -> None:
    a = minhash(content_words("black suitcase left by the ticket barriers at leeds station nobody with it"))
    b = minhash(
        content_words("black suitcase left near the ticket barriers at leeds station, nobody with it")
    )
    c = minhash(content_words("my neighbour's hedge blocks the light to my garden"))
    assert jaccard(a, b) > 0.6 > jaccard(a, c)


def test_index_returns_recent_records_sharing_keys_only() -> None:
    index = InMemoryLinkIndex(table_bits=4)  # tiny table: chains mix keys
    for i in range(20):
        index.add(
            LinkRecord(
                f"r{i}",
                SENT + timedelta(hours=i),
                "suspicious_item",
                None,
                None,
                None,
                None,
                (f"veh:AB{i:02d}CDE", "pc:MK427BD" if i % 2 else "pc:LS14DY"),
                (1,) * 40,
            )
        )
    found = index.candidates(["pc:MK427BD"], since=SENT + timedelta(hours=10))
    assert sorted(c.record.report_id for c in found) == ["r11", "r13", "r15", "r17", "r19"]
    assert all(c.shared_keys == ("pc:MK427BD",) for c in found)
    assert index.memory_bytes() > 0


def test_reports_of_the_same_event_link_as_duplicates_and_others_as_related() -> None:
    ctx = context()
    run(
        "A grey Vauxhall MA21 XWP was parked by the Bedford arena while a man filmed the security gates and "
        "cameras.",
        rid="a",
        ctx=ctx,
    )
    b = run(
        "Steward reports a man filming the search area and gates at the arena in Bedford, left in a grey car "
        "MA21 XWB.",
        rid="b",
        ctx=ctx,
        sent=SENT + timedelta(hours=1),
    )
    assert b.duplicate_of == "a"
    c = run(
        "A van MA21 XWP was left unattended outside a school in Leeds for two hours, nobody with it.",
        rid="c",
        ctx=ctx,
        sent=SENT + timedelta(days=3),
    )
    assert c.duplicate_of is None
    assert [link.report_id for link in c.related][:1] in (["a"], ["b"])
    assert "same vehicle registration" in c.related[0].reasons or "registration differs" in " ".join(
        c.related[0].reasons
    )


def test_a_sites_names_meet_in_one_key() -> None:
    from vigil.triage.linking import site_names  # noqa: PLC0415

    assert "lime street" in site_names("Liverpool Lime Street station")
    assert "lime street" in site_names("Liverpool Lime Street")
    assert site_names("Lime Street") == ["lime street"]
    # a tail every town has is never keyed on its own
    assert "high street" not in site_names("Bedford High Street")


def test_one_named_site_links_reports_whose_forces_disagree() -> None:
    """A stray place name (the reporter's train home) can give one report another force; the
    same named site still puts both in one place."""
    from vigil.triage.pipeline import run_document  # noqa: PLC0415
    from vigil.triage.schemas import Candidate, TriageInput  # noqa: PLC0415
    from vigil.triage.stages.link import _judge, keys_for  # noqa: PLC0415

    ctx = context()
    text = (
        "There was a black holdall left by the barriers at Bedford Midland station with nobody "
        "near it. I had to catch my train so I do not know if anyone came for it."
    )
    doc = run_document(TriageInput(text=text, submitted_at=SENT + timedelta(hours=1)), ctx)
    store, _, signature = keys_for(doc)
    site_keys = tuple(k for k in store if k.startswith("site:"))
    assert site_keys

    def judged(force: str, keys: tuple[str, ...]) -> bool:
        rec = LinkRecord("a", SENT, doc.category.value, force, None, None, None, keys, signature)
        return _judge(doc, Candidate(rec, keys), signature)[0]

    assert judged("cambridgeshire", site_keys)  # same site: the force disagreement is a stray
    assert not judged("cambridgeshire", tuple(k for k in store if k.startswith("mh")))


def test_shortened_street_types_and_saints_key_like_the_full_names() -> None:
    from vigil.triage.linking import site_names  # noqa: PLC0415

    assert site_names("Castle St") == site_names("Castle Street") == ["castle street"]
    assert site_names("Mill Rd.") == ["mill road"]
    assert "queen street" in site_names("Queen St station")
    # "St" before a name is a saint, after one a street
    assert site_names("St Albans Abbey")[0] == "saint albans abbey"
    assert site_names("St. Albans Abbey") == site_names("Saint Albans Abbey")


def test_a_street_named_with_its_type_shortened_is_a_site_key() -> None:
    from vigil.triage.pipeline import run_document  # noqa: PLC0415
    from vigil.triage.schemas import TriageInput  # noqa: PLC0415
    from vigil.triage.stages.link import keys_for  # noqa: PLC0415

    ctx = context()
    text = "Passed a holdall dumped by the cash machine on Castle St an hour ago, St Mary's bell was ringing."
    doc = run_document(TriageInput(text=text, submitted_at=SENT), ctx)
    store = keys_for(doc)[0]
    assert "site:castle street" in store
    assert not any("mary" in k for k in store if k.startswith("site:"))  # a saint, not a street


def test_near_plate_keys_meet_one_misread_or_two_swapped_characters() -> None:
    from vigil.triage.linking import near_plate_keys  # noqa: PLC0415

    def meet(a: str, b: str) -> bool:
        return bool(set(near_plate_keys(a)) & set(near_plate_keys(b)))

    assert meet("LB19KTR", "LB18KTR")  # a digit misread in the middle
    assert meet("LB19KTR", "LB19TKR")  # two letters swapped
    assert meet("LB19KTR", "LB19KTR")
    assert not meet("LB19KTR", "LB20KXR")  # two characters different
    keys = entity_keys(vehicles=["LB19KTR"])
    assert "vehx:LB1?KTR" in keys and "veha:19BKLRT" in keys


def _judge_pair(
    doc_category: str,
    past_category: str,
    shared: tuple[str, ...],
    *,
    same_words: bool,
    hours: float = 3.0,
) -> bool:
    """Judge a made-up past record against a real triaged report (the text is about a car
    watched outside a depot); `same_words` gives the past record the same signature."""
    from vigil.triage.enums import Category  # noqa: PLC0415
    from vigil.triage.pipeline import run_document  # noqa: PLC0415
    from vigil.triage.schemas import Candidate, TriageInput  # noqa: PLC0415
    from vigil.triage.stages.link import _judge, keys_for  # noqa: PLC0415

    text = "Two men in a parked hatchback filmed the gates and the guard hut at the bus depot for an hour."
    doc = run_document(TriageInput(text=text, submitted_at=SENT + timedelta(hours=hours)), context())
    doc.category, doc.force = Category(doc_category), "bedfordshire"
    _, _, signature = keys_for(doc)
    other = signature if same_words else minhash(content_words("my neighbour's dog barks at night"))
    rec = LinkRecord("a", SENT, past_category, "bedfordshire", None, None, None, shared, other)
    return _judge(doc, Candidate(rec, shared), signature)[0]


def test_reports_classified_either_side_of_a_guide_line_link_on_stronger_evidence() -> None:
    cell = ("st:1:1:1",)
    recon, threat, finance = "hostile_reconnaissance", "threat_to_person", "suspicious_finance_travel"
    assert _judge_pair(recon, recon, cell, same_words=True, hours=20)
    # the classifier put one of them on the other side of a line the guide draws
    assert _judge_pair(recon, threat, cell, same_words=True, hours=20)
    assert not _judge_pair(recon, threat, cell, same_words=False, hours=20)  # place alone is not enough
    assert _judge_pair(recon, threat, ("tel:+447700900111",), same_words=True)
    # categories no guide rule sets side by side are never the same event
    assert not _judge_pair(recon, finance, cell, same_words=True, hours=20)


def test_a_shared_protected_person_alone_does_not_join_different_categories() -> None:
    pp = ("pp:mp:1",)
    assert _judge_pair("threat_to_person", "threat_to_person", pp, same_words=False)
    assert not _judge_pair("threat_to_person", "hate_incident", pp, same_words=False)


def test_a_near_plate_needs_other_agreement() -> None:
    near = ("vehx:LB1?KTR",)
    recon = "hostile_reconnaissance"
    assert not _judge_pair(recon, recon, near, same_words=False)
    assert _judge_pair(recon, recon, (*near, "pl:kempston"), same_words=False)  # and the same town
    assert _judge_pair(recon, recon, (*near, "st:1:1:1"), same_words=False)
    assert _judge_pair(recon, recon, near, same_words=True)


def test_the_same_town_named_needs_similar_wording() -> None:
    town = ("pl:kempston",)
    recon = "hostile_reconnaissance"
    assert _judge_pair(recon, recon, town, same_words=True)
    assert not _judge_pair(recon, recon, town, same_words=False)


def test_reports_naming_the_same_town_link_though_located_by_different_clues() -> None:
    ctx = context()
    run(
        "A man with a long lens photographed the loading bay, the CCTV masts and the night guard's hut at "
        "the parcel depot in Kempston this evening, then drove off.",
        rid="a",
        ctx=ctx,
    )
    b = run(
        "Night guard at the Kempston parcel depot: a man was photographing our CCTV masts and loading bay "
        "from the verge, then drove off fast.",
        rid="b",
        ctx=ctx,
        sent=SENT + timedelta(hours=2),
        location_text="Bedford",
    )
    assert b.duplicate_of == "a"


def test_space_time_keys_reach_back_over_the_duplicate_window() -> None:
    from vigil.triage.linking import space_time_key, space_time_query_keys  # noqa: PLC0415

    earlier = space_time_key(52.13, -0.47, SENT)
    assert earlier not in space_time_query_keys(52.13, -0.47, SENT + timedelta(hours=30))  # 12 h default
    assert earlier in space_time_query_keys(52.13, -0.47, SENT + timedelta(hours=30), hours=36)
    assert earlier in space_time_query_keys(52.14, -0.50, SENT + timedelta(hours=35), hours=36)


def test_a_town_key_is_looked_up_over_the_duplicate_window_only() -> None:
    """The index is asked for town keys over 36 hours, not the 30-day related window: a month
    of a city's reports sharing only its name are not even candidates."""
    from vigil.triage.stages.link import _candidates  # noqa: PLC0415

    index = InMemoryLinkIndex()
    for rid, hours in (("old", 48), ("recent", 20)):
        index.add(
            LinkRecord(
                report_id=rid,
                submitted_at=SENT - timedelta(hours=hours),
                category="hate_incident",
                force="bedfordshire",
                lat=None,
                lon=None,
                protected_person_id=None,
                keys=("pl:kempston", "handle:@x") if rid == "old" else ("pl:kempston",),
                signature=(),
            )
        )
    found = {
        c.record.report_id: c.shared_keys for c in _candidates(index, ["pl:kempston", "handle:@x"], SENT)
    }
    assert found == {"recent": ("pl:kempston",), "old": ("handle:@x",)}  # the old one only by its handle
