"""The link stage's remembered work gives what computing afresh gives: a candidate's record,
a signature from remembered word hashes, the space-time query keys, a key's family."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from vigil.triage import linking
from vigil.triage.linking import InMemoryLinkIndex
from vigil.triage.schemas import LinkRecord
from vigil.triage.stages import link

T0 = datetime(2026, 3, 1, 12, tzinfo=UTC)


def _signature_afresh(words: set[str]) -> tuple[int, ...]:
    """The MinHash as computed before word hashes were remembered."""
    if not words:
        return (0xFFFFFFFF,) * linking.N_PERM
    x = np.fromiter((linking._crc(w) for w in words), dtype=np.uint64, count=len(words))
    h = (x[:, None] * linking._A[None, :] + linking._B[None, :]) % np.uint64(linking._PRIME)
    return tuple((h.min(axis=0) & np.uint64(0xFFFFFFFF)).tolist())


def test_signature_from_remembered_word_hashes_is_the_signature_afresh() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}x" for i in range(300)]
    for _ in range(200):
        words = set(rng.sample(vocabulary, rng.randint(0, 40)))
        assert linking.minhash(words) == _signature_afresh(words)
        assert linking.minhash(words) == _signature_afresh(words)  # now every word remembered


def test_signature_past_the_remembered_words_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linking, "_ROW_OF", {})
    monkeypatch.setattr(linking, "_ROWS", np.empty((0, linking.N_PERM), dtype=np.uint64))
    monkeypatch.setattr(linking, "_ROWS_CAP", 10)
    first = {f"a{i}" for i in range(8)}
    assert linking.minhash(first) == _signature_afresh(first)
    more = first | {f"b{i}" for i in range(8)}  # over the cap: the new words are not remembered
    assert linking.minhash(more) == _signature_afresh(more)
    assert len(linking._ROW_OF) == 8
    assert linking.minhash({"b1", "zz"}) == _signature_afresh({"b1", "zz"})


def test_space_time_query_keys_are_the_same_when_remembered() -> None:
    a = linking.space_time_query_keys(52.13, -0.46, T0, 36.0)
    b = linking.space_time_query_keys(52.131, -0.461, T0 + timedelta(minutes=5), 36.0)
    assert a == b and len(a) == 36 and isinstance(a, list)
    a.append("st:x")  # a caller's list is its own
    assert "st:x" not in linking.space_time_query_keys(52.13, -0.46, T0, 36.0)
    assert len(linking.space_time_query_keys(52.13, -0.46, T0)) == 18


def _record(i: int, keys: tuple[str, ...]) -> LinkRecord:
    return LinkRecord(
        f"r{i}",
        T0 + timedelta(minutes=i),
        "suspicious_item",
        "bedfordshire" if i % 2 else None,
        52.1 + i / 1000 if i % 3 else None,
        -0.4 if i % 3 else None,
        "mp:1" if i % 5 == 0 else None,
        keys,
        tuple(range(i, i + linking.N_PERM)),
    )


def test_index_records_are_remembered_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linking, "RECORD_CACHE", 5)
    index = InMemoryLinkIndex(table_bits=4)
    for i in range(12):
        index.add(_record(i, ("pc:MK401SQ", f"veh:AB{i:02d}CDE")))
    found = index.candidates(["pc:MK401SQ"], since=T0)
    assert [c.record.report_id for c in found] == [f"r{i}" for i in range(11, -1, -1)]
    for c, i in zip(found, range(11, -1, -1), strict=True):
        assert c.record == index._build(i)
        assert c.record.keys == () and c.shared_keys == ("pc:MK401SQ",)
    assert len(index._built) == 5
    recent = index.candidates(["pc:MK401SQ"], since=T0 + timedelta(minutes=9))
    again = index.candidates(["pc:MK401SQ", "veh:AB11CDE"], since=T0 + timedelta(minutes=9))
    assert [c.record.report_id for c in again] == ["r11", "r10", "r9"]
    assert all(a.record is r.record for a, r in zip(again, recent, strict=True))  # built once
    assert again[0].shared_keys == ("pc:MK401SQ", "veh:AB11CDE")
    assert [c.record for c in index.candidates(["pc:MK401SQ"], since=T0)] == [
        index._build(i) for i in range(11, -1, -1)
    ]


def test_index_limit_per_key_and_in_all() -> None:
    index = InMemoryLinkIndex(table_bits=3)
    for i in range(30):
        index.add(_record(i, ("pl:bedford", f"tel:+4477009{i:05d}")))
    assert len(index.candidates(["pl:bedford"], since=T0, limit=7)) == 7
    assert [c.record.report_id for c in index.candidates(["pl:bedford"], since=T0, limit=2)] == ["r29", "r28"]
    assert index.candidates(["pl:bedford"], since=T0, limit=0) == []
    assert index.candidates(["pl:bedford"], since=T0 + timedelta(minutes=28)) != []
    assert [
        c.record.report_id for c in index.candidates(["pl:bedford"], since=T0 + timedelta(minutes=28))
    ] == [
        "r29",
        "r28",
    ]


def test_key_families_are_the_prefixes() -> None:
    keys = ("veh:AB12CDE", "st:1:2:3", "mh1:0:ab", "pl:bedford", "weird", "site:lime street")
    assert link._families(keys) == frozenset({"veh", "st", "mh1", "pl", "weird", "site"})
    assert link._families(keys) == frozenset({"veh", "st", "mh1", "pl", "weird", "site"})  # remembered
    assert link._families(()) == frozenset()
    assert link._families(("pl:a", "pl:b")) <= link._TOWN_ONLY
