"""Bulk import: JSON Lines and CSV reports, and emails from ``.eml`` files or an mbox.

Each record is validated on its own, through the same :class:`ReportCreate` and
:func:`vigil.intake.service.create` as every other channel. A bad record is reported with its
line (or message number) and the reason and skipped; good ones are kept. Records are
committed in batches, each inside a savepoint, so one bad record never undoes another.
"""

from __future__ import annotations

import csv
import email
import email.policy
import json
import mailbox
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from vigil.audit.service import Actor
from vigil.intake import files, service
from vigil.intake.enums import Channel
from vigil.intake.schemas import ReportCreate

LIST_FIELDS = ("people", "vehicles", "phone_numbers", "urls", "hate_strands")
_URL = re.compile(r"https?://[^\s<>\"']+")
MAX_LINE = 1_000_000


@dataclass
class ImportResult:
    accepted: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (where, reason)
    references: list[str] = field(default_factory=list)


@dataclass
class Record:
    where: str
    data: dict[str, Any] | None
    error: str | None = None
    attachments: list[tuple[bytes, str]] = field(default_factory=list)


def _reason(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        parts.append(f"{loc}: {err['msg'].removeprefix('Value error, ')}")
    return "; ".join(parts)


def read_jsonl(path: Path) -> Iterator[Record]:
    with open(path, encoding="utf-8", errors="strict") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"line {number}"
            if len(line) > MAX_LINE:
                yield Record(where, None, "line is too long")
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Record(where, None, f"not valid JSON ({exc.msg})")
                continue
            if not isinstance(data, dict):
                yield Record(where, None, "each line must be a JSON object")
                continue
            yield Record(where, data)


def read_csv(path: Path) -> Iterator[Record]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            where = f"line {reader.line_num}"
            data: dict[str, Any] = {}
            for key, value in row.items():
                if key is None or value is None or value == "":
                    continue
                if key.startswith("contact_"):
                    data.setdefault("contact", {})[key.removeprefix("contact_")] = value
                elif key in LIST_FIELDS:
                    data[key] = [v.strip() for v in re.split(r"[;\n]", value) if v.strip()]
                else:
                    data[key] = value
            yield Record(where, data)


def _email_record(where: str, msg: EmailMessage, report_type: str) -> Record:
    subject = str(msg.get("subject") or "").strip()
    body_part = msg.get_body(preferencelist=("plain", "html"))
    body = body_part.get_content() if body_part is not None else ""
    if body_part is not None and body_part.get_content_type() == "text/html":
        body = re.sub(r"<[^>]+>", " ", body)
    text = "\n\n".join(p for p in (subject, str(body).strip()) if p)
    name, address = parseaddr(str(msg.get("from") or ""))
    data: dict[str, Any] = {
        "report_type": report_type,
        "description": text,
        "urls": list(dict.fromkeys(_URL.findall(text)))[:20],
    }
    if address:
        data["contact"] = {"name": name or None, "email": address}
    try:
        data["observed_at"] = parsedate_to_datetime(str(msg["date"])).isoformat() if msg["date"] else None
    except (TypeError, ValueError):
        data["observed_at"] = None
    attachments = []
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and payload:
            attachments.append((payload, part.get_filename() or "attachment"))
    return Record(where, data, attachments=attachments)


def read_eml(path: Path, report_type: str) -> Iterator[Record]:
    with open(path, "rb") as fh:
        msg = email.message_from_binary_file(fh, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    yield _email_record(path.name, msg, report_type)


def read_mbox(path: Path, report_type: str) -> Iterator[Record]:
    box = mailbox.mbox(path, create=False)
    try:
        for number, raw in enumerate(box, start=1):
            msg = email.message_from_bytes(raw.as_bytes(), policy=email.policy.default)
            assert isinstance(msg, EmailMessage)
            yield _email_record(f"message {number}", msg, report_type)
    finally:
        box.close()


def records_for(path: Path, report_type: str = "suspicious_activity") -> tuple[Iterator[Record], Channel]:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(path), Channel.bulk
    if suffix == ".csv":
        return read_csv(path), Channel.bulk
    if suffix == ".eml":
        return read_eml(path, report_type), Channel.email
    if suffix in (".mbox", ".mbx") or path.name == "mbox":
        return read_mbox(path, report_type), Channel.email
    raise ValueError(f"{path.name}: expected .jsonl, .csv, .eml or .mbox")


def import_records(
    *,
    db: Session,
    records: Iterator[Record],
    channel: Channel,
    actor: Actor,
    files_root: Path,
    batch: int = 200,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Store each good record (savepoint each, commit per batch); collect the bad ones."""
    result = ImportResult()
    pending = 0
    for record in records:
        if record.data is None:
            result.rejected.append((record.where, record.error or "unreadable"))
            continue
        try:
            report_in = ReportCreate.model_validate(record.data)
        except ValidationError as exc:
            result.rejected.append((record.where, _reason(exc)))
            continue
        prepared = []
        for data, name in record.attachments[: files.MAX_ATTACHMENTS]:
            try:
                prepared.append(files.prepare(root=files_root, data=data, filename=name))
            except files.AttachmentRejected as exc:
                result.rejected.append((record.where, f"attachment {name!r} skipped: {exc}"))
        with db.begin_nested():
            report, _code = service.create(
                db=db, report_in=report_in, channel=channel, actor=actor, attachments=prepared
            )
        result.accepted += 1
        result.references.append(report.reference)
        pending += 1
        if pending >= batch:
            db.commit()
            pending = 0
        if progress is not None:
            progress(result.accepted, len(result.rejected))
    db.commit()
    return result
