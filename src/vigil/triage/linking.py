"""Link keys and the in-memory link index.

A past report is remembered as a `LinkRecord` plus a set of string *keys*; a new report asks
the index for every record that shares one of its *query keys*. Keys are plain strings so the
app can keep them in one indexed table (`report_id, key, submitted_at`) and ask
``SELECT ... WHERE key IN (...) AND submitted_at >= :since``. Three families:

* ``mh1:<band>:<hex>``  MinHash LSH bands over the report's content words (8 bands x 5 rows)
  find near-copies and forwarded texts;
* ``veh:``, ``vehp:`` (registration less its last character, for one-letter-wrong plates),
  ``vehx:``/``veha:`` (one character wrong anywhere, or two swapped: weaker, see the judge),
  ``tel:``, ``pc:``, ``url:``, ``email:``, ``handle:``, ``pp:`` (protected person), ``site:``
  (a named street or landmark), ``pl:`` (a town or district the report names) find reports
  about the same object, person or site;
* ``st:<lat cell>:<lon cell>:<12-hour bucket>`` coarse space-time cells (~5 km); the query
  asks the 3x3 neighbouring cells in the current bucket and those reaching back over the
  window a duplicate may lie in.
"""

from __future__ import annotations

import functools
import hashlib
import math
import operator
import re
import threading
import zlib
from array import array
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np

from vigil.triage.schemas import Candidate, LinkRecord

N_PERM = 40
BANDS, ROWS = 8, 5
_PRIME = 4294967311
_RNG = np.random.default_rng(20260101)
_A = _RNG.integers(1, 2**32 - 1, size=N_PERM, dtype=np.uint64)
_B = _RNG.integers(0, 2**32 - 1, size=N_PERM, dtype=np.uint64)
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]{2,}")
STOPWORDS = frozenset(
    [
        "the",
        "and",
        "was",
        "were",
        "has",
        "have",
        "had",
        "for",
        "not",
        "but",
        "you",
        "are",
        "with",
        "this",
        "that",
        "they",
        "them",
        "their",
        "there",
        "his",
        "her",
        "him",
        "she",
        "from",
        "been",
        "about",
        "into",
        "just",
        "some",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "will",
        "would",
        "could",
        "should",
        "can",
        "did",
        "does",
        "very",
        "out",
        "off",
        "our",
        "your",
        "its",
        "it's",
        "i'm",
        "i've",
        "i'd",
        "he's",
        "she's",
        "they're",
        "don't",
        "didn't",
        "then",
        "than",
        "also",
        "only",
        "like",
        "said",
        "says",
        "one",
        "two",
        "all",
        "any",
        "get",
        "got",
        "because",
        "after",
        "before",
        "over",
        "under",
        "again",
        "more",
        "most",
        "other",
        "such",
        "own",
        "same",
        "too",
        "now",
        "here",
        "caller",
        "reports",
        "report",
        "states",
        "approx",
        "around",
        "think",
        "know",
        "really",
    ]
)
CELL_LAT, CELL_LON, BUCKET_S = 0.05, 0.08, 12 * 3600


def content_words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower())) - STOPWORDS


def minhash(words: set[str]) -> tuple[int, ...]:
    if not words:
        return (0xFFFFFFFF,) * N_PERM
    return tuple((_word_hashes(words).min(axis=0) & np.uint64(0xFFFFFFFF)).tolist())


def _permute(words: Sequence[str]) -> np.ndarray:
    """Each word's 40 permuted hashes, one row a word (before the minimum and the mask)."""
    x = np.fromiter((_crc(w) for w in words), dtype=np.uint64, count=len(words))
    result: np.ndarray = (x[:, None] * _A[None, :] + _B[None, :]) % np.uint64(_PRIME)
    return result


# Each word's permuted hashes, remembered as a row of one table (reports reuse a small
# vocabulary), so a signature is one gather and a column minimum instead of a multiply and a
# modulo over every word. Rows are written before the word is published in `_ROW_OF`, under
# `_ROWS_LOCK`, so a reader that finds a word finds its row.
_ROWS_CAP = 1 << 16
_ROW_OF: dict[str, int] = {}
_ROWS = np.empty((0, N_PERM), dtype=np.uint64)
_ROWS_LOCK = threading.Lock()


def _word_hashes(words: set[str]) -> np.ndarray:
    global _ROWS  # noqa: PLW0603 - the remembered table grows as words arrive
    row_of = _ROW_OF
    rows = [row_of.get(w, -1) for w in words]
    if -1 not in rows:
        return _ROWS[rows]
    with _ROWS_LOCK:
        missing = [w for w in words if w not in row_of]  # (another thread may have added some)
        fresh = _permute(missing)
        used = len(row_of)
        if used + len(missing) > _ROWS_CAP:
            known = [row_of[w] for w in words if w in row_of]
            return np.concatenate((_ROWS[known], fresh))
        table = _ROWS
        if used + len(missing) > len(table):
            size = min(_ROWS_CAP, max(1024, 2 * (used + len(missing))))
            table = np.empty((size, N_PERM), dtype=np.uint64)
            table[:used] = _ROWS[:used]
        table[used : used + len(missing)] = fresh
        _ROWS = table
        for i, w in enumerate(missing, start=used):
            row_of[w] = i
    return _ROWS[[row_of[w] for w in words]]


_CRC: dict[str, int] = {}


def _crc(word: str) -> int:
    """CRC32 of a word, remembered (reports reuse a small vocabulary)."""
    value = _CRC.get(word)
    if value is None:
        value = zlib.crc32(word.encode())
        if len(_CRC) < 500_000:
            _CRC[word] = value
    return value


def jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    if not a or not b:
        return 0.0
    same: int = sum(map(operator.eq, a, b))  # map stops at the shorter
    return same / min(len(a), len(b))


def band_keys(signature: Sequence[int]) -> list[str]:
    if all(v == 0xFFFFFFFF for v in signature):
        return []
    keys = []
    for band in range(BANDS):
        part = signature[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(repr(tuple(part)).encode(), digest_size=8).hexdigest()
        keys.append(f"mh1:{band}:{digest}")
    return keys


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_LAT), math.floor(lon / CELL_LON)


def _bucket(when: datetime) -> int:
    return int(when.timestamp() // BUCKET_S)


def normalise_url(url: str) -> str:
    u = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip().lower())
    return u.rstrip("/")


# Two-word tails every town has: keyed only in full ("Bedford High Street"), never short.
_GENERIC_SITES = frozenset(
    {
        "high street",
        "main street",
        "station road",
        "church street",
        "church road",
        "market street",
        "market place",
        "market square",
        "town centre",
        "city centre",
        "bus station",
        "high road",
        "park road",
        "london road",
        "retail park",
        "shopping centre",
        "town hall",
        "city hall",
        "police station",
        "train station",
        "railway station",
        "general hospital",
        "royal infirmary",
    }
)
_SITE_SUFFIXES = (" railway station", " train station", " rail station", " station")


# Street-type words reporters shorten ("Queen St", "Bath Rd"): keyed in full.
_STREET_WORDS = {"st": "street", "rd": "road", "ave": "avenue", "ln": "lane", "sq": "square"}


def _unabbreviate(name: str) -> str:
    """ "queen st" -> "queen street", "st davids" -> "saint davids": "st" ending a name (or
    before "station") is a street, "st" before another word is a saint."""
    words = name.split()
    for i, word in enumerate(words):
        if word == "st" and i < len(words) - 1 and words[i + 1] != "station":
            words[i] = "saint"
        elif i > 0 and word in _STREET_WORDS and words[i + 1 :] in ([], ["station"]):
            words[i] = _STREET_WORDS[word]
    return " ".join(words)


def site_names(site: str) -> list[str]:
    """The forms a named site is keyed under, so that different reporters' names for one place
    meet: "Liverpool Lime Street station", "Liverpool Lime Street" and "Lime Street" all give
    "lime street" (the station word dropped; a name of three words or more also gives its last
    two words, the reporters' short form)."""
    name = _unabbreviate(" ".join(site.lower().replace(".", " ").split()).removeprefix("the "))
    out = [name]
    for suffix in _SITE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 3 and " " in name[: -len(suffix)].strip():
            name = name[: -len(suffix)]
            out.append(name)
            break
    words = name.split()
    if len(words) >= 3 and " ".join(words[-2:]) not in _GENERIC_SITES:
        out.append(" ".join(words[-2:]))
    return list(dict.fromkeys(out))


def near_plate_keys(plate: str) -> list[str]:
    """Keys that meet a registration read with one character wrong anywhere (``vehx:``, the
    plate with each position in turn a wildcard) or two characters swapped (``veha:``, its
    characters sorted): witnesses misread or transpose a letter, not only the last one."""
    keys = [f"vehx:{plate[:i]}?{plate[i + 1 :]}" for i in range(len(plate))]
    return [*keys, f"veha:{''.join(sorted(plate))}"]


def entity_keys(
    *,
    vehicles: Sequence[str] = (),
    phones: Sequence[str] = (),
    postcodes: Sequence[str] = (),
    urls: Sequence[str] = (),
    emails: Sequence[str] = (),
    handles: Sequence[str] = (),
    sites: Sequence[str] = (),
    places: Sequence[str] = (),
    protected_person: str | None = None,
) -> list[str]:
    keys = [f"veh:{v}" for v in vehicles] + [f"vehp:{v[:-1]}" for v in vehicles if len(v) >= 6]
    keys += [k for v in vehicles if len(v) >= 6 for k in near_plate_keys(v)]
    keys += [f"tel:{p}" for p in phones] + [f"pc:{p.replace(' ', '')}" for p in postcodes]
    keys += [f"url:{normalise_url(u)}" for u in urls] + [f"email:{e.lower()}" for e in emails]
    keys += [f"handle:{h.lower()}" for h in handles] + [f"site:{k}" for s in sites for k in site_names(s)]
    keys += [f"pl:{_unabbreviate(' '.join(p.lower().split()))}" for p in places]
    if protected_person:
        keys.append(f"pp:{protected_person.lower()}")
    return list(dict.fromkeys(keys))


def space_time_key(lat: float, lon: float, when: datetime) -> str:
    y, x = _cell(lat, lon)
    return f"st:{y}:{x}:{_bucket(when)}"


def space_time_query_keys(lat: float, lon: float, when: datetime, hours: float = 12.0) -> list[str]:
    """The 3x3 cells around a point in its time bucket and the buckets reaching back at least
    `hours` before it (the default, one bucket back, finds reports 12-24 hours earlier)."""
    y, x = _cell(lat, lon)
    return list(_space_time_query_keys(y, x, _bucket(when), hours))


@functools.lru_cache(maxsize=4096)
def _space_time_query_keys(y: int, x: int, b: int, hours: float) -> tuple[str, ...]:
    """(remembered: reports from one place within a bucket ask the same cells)"""
    back = range(0, -1 - math.ceil(hours * 3600 / BUCKET_S), -1)
    return tuple(f"st:{y + dy}:{x + dx}:{b + db}" for db in back for dy in (-1, 0, 1) for dx in (-1, 0, 1))


@functools.lru_cache(maxsize=1 << 16)
def _h(key: str) -> int:
    """A key's 64-bit hash (remembered: space-time and entity keys recur across reports)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


RECORD_CACHE = 4096


def _most_shared_newest(item: tuple[int, list[str]]) -> tuple[int, int]:
    return -len(item[1]), -item[0]


class InMemoryLinkIndex:
    """A `LinkIndex` in compact arrays: a chained hash table of postings, newest first.

    Memory is about 16 bytes per key posting plus ~200 bytes per record (signature and
    columns), so a million reports with ~13 keys each take roughly 0.5 GB. Walking a key's
    chain stops at the first posting older than `since`, so query cost does not grow with
    the size of the index, only with how many recent reports share a key.
    """

    def __init__(self, table_bits: int = 20) -> None:
        self._mask = (1 << table_bits) - 1
        self._head = array("i", [-1]) * (1 << table_bits)
        self._next = array("i")
        self._rec = array("i")
        self._keyhash = array("Q")
        self._ids: list[str] = []
        self._time = array("d")
        self._lat = array("d")
        self._lon = array("d")
        self._cat = array("h")
        self._force = array("h")
        self._pp = array("i")
        self._sig = array("I")
        self._codes: dict[str, int] = {}
        self._names: list[str] = []
        # records built for recent candidates, by position: a report is a candidate of many
        # later ones (its cell, its town, its wording), so each is built once, not per query
        self._built: dict[int, LinkRecord] = {}

    def _code(self, value: str | None) -> int:
        if value is None:
            return -1
        if value not in self._codes:
            self._codes[value] = len(self._names)
            self._names.append(value)
        return self._codes[value]

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, record: LinkRecord) -> None:
        rid = len(self._ids)
        self._ids.append(record.report_id)
        self._time.append(record.submitted_at.timestamp())
        self._lat.append(math.nan if record.lat is None else record.lat)
        self._lon.append(math.nan if record.lon is None else record.lon)
        self._cat.append(self._code(record.category))
        self._force.append(self._code(record.force))
        self._pp.append(self._code(record.protected_person_id))
        sig = list(record.signature[:N_PERM]) + [0xFFFFFFFF] * (N_PERM - len(record.signature))
        self._sig.extend(sig)
        for key in record.keys:
            h = _h(key)
            slot = h & self._mask
            self._next.append(self._head[slot])
            self._rec.append(rid)
            self._keyhash.append(h)
            self._head[slot] = len(self._rec) - 1

    def record(self, rid: int) -> LinkRecord:
        """The record at position `rid` (as added, less its keys; remembered for the last
        `RECORD_CACHE` asked for)."""
        built = self._built.get(rid)
        if built is None:
            built = self._build(rid)
            if len(self._built) >= RECORD_CACHE:
                del self._built[next(iter(self._built))]  # the longest remembered
            self._built[rid] = built
        return built

    def _build(self, rid: int) -> LinkRecord:
        lat, lon = self._lat[rid], self._lon[rid]
        pp = self._pp[rid]
        force = self._force[rid]
        return LinkRecord(
            report_id=self._ids[rid],
            submitted_at=datetime.fromtimestamp(self._time[rid], tz=UTC),
            category=self._names[self._cat[rid]],
            force=None if force < 0 else self._names[force],
            lat=None if math.isnan(lat) else lat,
            lon=None if math.isnan(lon) else lon,
            protected_person_id=None if pp < 0 else self._names[pp],
            keys=(),
            signature=tuple(self._sig[rid * N_PERM : (rid + 1) * N_PERM]),
        )

    def candidates(self, keys: Sequence[str], *, since: datetime, limit: int = 200) -> list[Candidate]:
        if limit <= 0:
            return []
        cutoff = since.timestamp()
        shared: defaultdict[int, list[str]] = defaultdict(list)
        head, after, rec, keyhash, time_ = self._head, self._next, self._rec, self._keyhash, self._time
        mask = self._mask
        for key in dict.fromkeys(keys):
            h = _h(key)
            p = head[h & mask]
            seen_here = 0
            while p != -1:
                rid = rec[p]
                if time_[rid] < cutoff:
                    break  # chains are newest first (reports are added in time order)
                if keyhash[p] == h:
                    shared[rid].append(key)
                    seen_here += 1
                    if seen_here == limit:
                        break
                p = after[p]
        best = sorted(shared.items(), key=_most_shared_newest)[:limit]
        record = self.record
        return [Candidate(record(rid), tuple(ks)) for rid, ks in best]

    def memory_bytes(self) -> int:
        arrays = (
            self._head,
            self._next,
            self._rec,
            self._keyhash,
            self._time,
            self._lat,
            self._lon,
            self._cat,
            self._force,
            self._pp,
            self._sig,
        )
        ids = sum(len(i) + 49 for i in self._ids) + 8 * len(self._ids)
        return sum(a.itemsize * len(a) for a in arrays) + ids
