"""The backup directory's ``manifest.json``: what was backed up, with a SHA-256 for every file.

A backup directory holds the database snapshot (``database.sqlite`` or ``database.pgdump``),
the stored files under ``files/`` (laid out as under ``VIGIL_DATA_DIR/files``) and this
manifest, written last: a directory without one is an unfinished backup.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
_CHUNK = 1024 * 1024


class BackupError(RuntimeError):
    """A backup or restore cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str  # relative to the files directory, always with "/"
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class AuditHead:
    seq: int
    hash: str


@dataclass(slots=True)
class Manifest:
    vigil_version: str
    schema_revision: str
    database_kind: str  # "sqlite" or "postgresql"
    created_at: str
    database_file: str
    database_size: int
    database_sha256: str
    database_method: str
    row_counts: dict[str, int]
    audit_head: AuditHead | None
    files: list[FileEntry] = field(default_factory=list)
    format: int = FORMAT

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        head = data.get("audit_head")
        return cls(
            format=int(data["format"]),
            vigil_version=str(data["vigil_version"]),
            schema_revision=str(data["schema_revision"]),
            database_kind=str(data["database_kind"]),
            created_at=str(data["created_at"]),
            database_file=str(data["database_file"]),
            database_size=int(data["database_size"]),
            database_sha256=str(data["database_sha256"]),
            database_method=str(data["database_method"]),
            row_counts={str(k): int(v) for k, v in data["row_counts"].items()},
            audit_head=AuditHead(int(head["seq"]), str(head["hash"])) if head else None,
            files=[FileEntry(str(f["path"]), int(f["size"]), str(f["sha256"])) for f in data["files"]],
        )


def read(directory: Path) -> Manifest:
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupError(f"{directory} is not a finished backup: it has no {MANIFEST}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest.from_dict(data)
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{path} is not a Vigil backup manifest ({exc})") from exc
    if manifest.format != FORMAT:
        raise BackupError(f"{path} is backup format {manifest.format}; this Vigil reads format {FORMAT}")
    for entry in manifest.files:
        if not safe_relative(entry.path):
            raise BackupError(f"{path} names a file outside the backup: {entry.path!r}")
    if not safe_relative(manifest.database_file):
        raise BackupError(f"{path} names a database file outside the backup: {manifest.database_file!r}")
    return manifest


def write(directory: Path, manifest: Manifest) -> None:
    """Write the manifest atomically, after everything it describes is on disk."""
    tmp = directory / f".{MANIFEST}.tmp"
    tmp.write_text(manifest.to_json(), encoding="utf-8")
    os.sync()  # the snapshot and every copied file reach the disk before the manifest names them
    os.replace(tmp, directory / MANIFEST)
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def safe_relative(path: str) -> bool:
    parts = Path(path).parts
    return bool(parts) and not Path(path).is_absolute() and ".." not in parts


def sha256_file(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


class Progress:
    """``label: done/total`` on stderr, rewritten in place, for steps that take a while."""

    def __init__(self, label: str, total: int, *, every: int = 500) -> None:
        self.label, self.total, self.every, self.done = label, total, every, 0

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.done % self.every < n:
            sys.stderr.write(f"\r{self.label}: {self.done}/{self.total}")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.total:
            sys.stderr.write(f"\r{self.label}: {self.done}/{self.total}\n")
            sys.stderr.flush()
