"""Attachments: sniff the content, re-encode images without metadata, store safely, sweep orphans.

Contract of :func:`prepare`: given the bytes a reporter sent and the name their device gave,
either raise :class:`AttachmentRejected` with a reason a person can act on, or return a
:class:`PreparedFile` whose original and (for images) derivative are already on disk,
fsynced and atomically renamed into place under random names. The database rows that point
at them are written later, in the report's transaction; a crash in between leaves files no
row points at, which :func:`sweep_orphans` removes after a grace period.

The type comes from the bytes, never the name or the declared Content-Type. Images are
decoded by Pillow and re-encoded, which drops EXIF (GPS included), XMP, comments and any
payload appended to the image; the original's SHA-256 is kept as the evidence hash. Anything
that also looks like markup (an HTML/JPEG polyglot, SVG, a PDF carrying HTML) is refused.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import time
import warnings
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from vigil.intake.enums import AttachmentKind
from vigil.intake.sanitise import clean_filename

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; anything larger is a decompression bomb
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
#: Markup a browser or a PHP interpreter would act on: a tag name and then what may follow a
#: tag name (white space, "/" or ">"), or a declaration. The name alone would not do:
#: compressed image data is close to random, and "<svg" turns up by chance in about one 3 MB
#: photo in 200; with the delimiter, one in some thousands.
_MARKUP = re.compile(rb"<(?:html|script|svg|iframe|body)[\s/>]|<\?php|<!doctype|<\?xml", re.IGNORECASE)
ORPHAN_GRACE_SECONDS = 3600

NOT_A_PHOTO = "the file must be a photo (JPEG, PNG, GIF or WebP) or a PDF"
TOO_LARGE = "the picture is too large (more than 40 megapixels)"
DAMAGED = "the picture could not be read (it may be damaged)"


class AttachmentRejected(ValueError):
    """The file is not one we accept; the message says why, in plain English."""


@dataclass(frozen=True, slots=True)
class PreparedFile:
    kind: str
    media_type: str
    filename: str
    original_path: str
    original_sha256: str
    original_size: int
    derivative_path: str | None
    derivative_sha256: str | None
    width: int | None
    height: int | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PreparedFile:
        fields: dict[str, Any] = {k: data.get(k) for k in cls.__dataclass_fields__}
        return cls(**fields)


def _has_markup(data: bytes) -> bool:
    return _MARKUP.search(data) is not None


def _open(data: bytes) -> Image.Image:
    """Open ``data`` with the decoders for the formats we accept and no others (Pillow would
    otherwise try every format it knows, TIFF, PSD, EPS and the rest, on hostile bytes)."""
    return Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS))


def sniff(data: bytes) -> tuple[AttachmentKind, str]:
    """The kind and media type of ``data`` from its content; raise if not accepted."""
    if not data:
        raise AttachmentRejected("the file is empty")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentRejected(f"the file is larger than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB")
    if _has_markup(data):
        raise AttachmentRejected("the file contains web page or script content, which we cannot accept")
    if data.startswith(b"%PDF-"):
        return AttachmentKind.pdf, "application/pdf"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with _open(data) as img:
                fmt = img.format or ""
                width, height = img.size
    except UnidentifiedImageError as exc:
        raise AttachmentRejected(NOT_A_PHOTO) from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise AttachmentRejected(TOO_LARGE) from exc
    except Exception as exc:  # hostile bytes: any failure to parse is a refusal, never a 500
        # A header Pillow cannot make sense of (truncated, or a metadata chunk that inflates
        # past Pillow's own limit: a zTXt/iCCP "zip bomb") raises ValueError, SyntaxError...
        raise AttachmentRejected(DAMAGED) from exc
    if fmt not in IMAGE_FORMATS:
        raise AttachmentRejected(NOT_A_PHOTO)
    if width * height > MAX_PIXELS:
        raise AttachmentRejected(TOO_LARGE)
    return AttachmentKind.image, IMAGE_FORMATS[fmt]


def reencode_image(data: bytes) -> tuple[bytes, str, int, int]:
    """Decode and re-encode: orientation applied, every metadata block dropped.

    Up to ``MAX_PIXELS`` are decoded (a few hundred KB of PNG can hold 40 megapixels of
    nothing), so no more copies of the pixels are made than needed.
    """
    try:
        with _open(data) as img:
            img.seek(0)
            img.load()
            fmt = img.format
            ImageOps.exif_transpose(img, in_place=True)
            mode = "RGB" if fmt == "JPEG" else ("RGBA" if img.mode in ("RGBA", "LA", "P") else "RGB")
            clean = img if img.mode == mode else img.convert(mode)
            out = io.BytesIO()
            if fmt == "JPEG":
                clean.save(out, format="JPEG", quality=90, optimize=False)
                media = "image/jpeg"
            else:
                clean.save(out, format="PNG")
                media = "image/png"
            width, height = clean.width, clean.height
    except Exception as exc:  # hostile bytes: any failure to decode is a refusal, never a 500
        raise AttachmentRejected(DAMAGED) from exc
    return out.getvalue(), media, width, height


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(root: Path, data: bytes, suffix: str = ".bin") -> str:
    """Write ``data`` under ``root`` with a random name: temp file, fsync, rename, fsync dir.

    Returns the path relative to ``root``. The reporter's file name is never part of it.
    """
    name = secrets.token_hex(16) + suffix
    folder = root / name[:2]
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".tmp-{name}"
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, folder / name)
    _fsync_dir(folder)
    return f"{name[:2]}/{name}"


def prepare(*, root: Path, data: bytes, filename: str | None) -> PreparedFile:
    """Check, re-encode and store one upload (see the module docstring for the contract)."""
    kind, media_type = sniff(data)
    derivative: bytes | None = None
    width = height = None
    if kind is AttachmentKind.image:
        derivative, media_type, width, height = reencode_image(data)
    original_path = write_atomic(root, data)
    derivative_path = write_atomic(root, derivative) if derivative is not None else None
    return PreparedFile(
        kind=kind.value,
        media_type=media_type,
        filename=clean_filename(filename),
        original_path=original_path,
        original_sha256=hashlib.sha256(data).hexdigest(),
        original_size=len(data),
        derivative_path=derivative_path,
        derivative_sha256=hashlib.sha256(derivative).hexdigest() if derivative is not None else None,
        width=width,
        height=height,
    )


def discard(root: Path, prepared: PreparedFile) -> None:
    """Remove a prepared file's bytes (a draft abandoned, a file the reporter removed)."""
    for rel in (prepared.original_path, prepared.derivative_path):
        if rel:
            (root / rel).unlink(missing_ok=True)


def iter_stored(root: Path) -> Iterator[tuple[str, Path]]:
    if not root.is_dir():
        return
    for folder in root.iterdir():
        if folder.is_dir() and len(folder.name) == 2:
            for path in folder.iterdir():
                yield f"{folder.name}/{path.name}", path


def sweep_orphans(root: Path, referenced: set[str], *, grace_seconds: int = ORPHAN_GRACE_SECONDS) -> int:
    """Delete stored files no row references, once older than the grace period.

    The grace period covers a request that has written its files but not yet committed.
    Interrupted temporary files (``.tmp-*``) are removed on the same rule.
    """
    removed = 0
    cutoff = time.time() - grace_seconds
    for rel, path in iter_stored(root):
        name = path.name.removeprefix(".tmp-")
        rel_final = f"{rel.split('/')[0]}/{name}"
        if (path.name.startswith(".tmp-") or rel_final not in referenced) and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def attachment_root(files_dir: Path) -> Path:
    """Where report attachments live: outside the web root, never mounted as static files."""
    return files_dir / "attachments"
