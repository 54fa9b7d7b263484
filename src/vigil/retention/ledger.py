"""The disposal ledger: which reports were disposed of, and when, outside the database.

A restore brings back yesterday's database, and with it the reports disposed of since. The
ledger is how they are disposed of again before anyone can read them (RELIABILITY F12): an
append-only file of JSON lines beside the stored files (``VIGIL_DATA_DIR/retention/``), which
a restore does not replace. It holds identifiers and times only, never content.

An entry is written and synced *before* the disposal commits. If the commit then fails, a
``void`` line cancels it; if the process dies between the two, the entry stands, and a later
restore would dispose of a report a records manager had decided to dispose of, which is the
safe way to be wrong. Re-applying an entry matches the report on id *and* reference (SQLite
may reuse the id of a deleted row; the random reference is never reused).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

LEDGER_DIR = "retention"
LEDGER_FILE = "disposal-ledger.jsonl"


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    report_id: int
    reference: str
    disposed_at: str  # ISO 8601, UTC
    disposed_by_id: int | None


class DisposalLedger:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LEDGER_DIR / LEDGER_FILE

    def _write(self, op: str, entry: LedgerEntry) -> None:
        new = not self.path.exists()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"op": op, **asdict(entry)}, sort_keys=True, separators=(",", ":")) + "\n"
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode())  # one short write with O_APPEND: never interleaved
            os.fsync(fd)
        finally:
            os.close(fd)
        if new:
            dir_fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)

    def append(self, entry: LedgerEntry) -> None:
        self._write("dispose", entry)

    def void(self, entry: LedgerEntry) -> None:
        self._write("void", entry)

    def entries(self) -> list[LedgerEntry]:
        """Disposals in the order made, less voided ones; a torn last line is ignored."""
        if not self.path.is_file():
            return []
        live: dict[tuple[int, str], LedgerEntry] = {}
        for raw in self.path.read_text(encoding="utf-8").splitlines():
            try:
                data = json.loads(raw)
                op = data.pop("op")
                entry = LedgerEntry(
                    report_id=int(data["report_id"]),
                    reference=str(data["reference"]),
                    disposed_at=str(data["disposed_at"]),
                    disposed_by_id=None
                    if data.get("disposed_by_id") is None
                    else int(data["disposed_by_id"]),
                )
            except (ValueError, KeyError, TypeError):
                continue
            key = (entry.report_id, entry.reference)
            if op == "dispose":
                live[key] = entry
            elif op == "void":
                live.pop(key, None)
        return list(live.values())
