from __future__ import annotations

from datetime import timedelta

from tests.triage.helpers import SENT, context, run
from vigil.triage.linking import InMemoryLinkIndex, band_keys, content_words, entity_keys, jaccard, minhash
from vigil.triage.schemas import LinkRecord


def test_keys_are_stable_strings_for_sql_storage() -> None:
    keys = entity_keys(vehicles=["MA21XWP"], urls=["https://www.Example.com/a/"], handles=["@Bob"])
    assert keys == ["veh:MA21XWP", "vehp:MA21XW", "url:example.com/a", "handle:@bob"]
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
