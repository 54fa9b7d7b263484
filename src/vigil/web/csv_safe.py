"""CSV that opens safely in a spreadsheet (OWASP CSV injection; ASVS 1.2.10).

A cell that starts with ``= + - @``, a tab, a carriage return or NUL could be read as a
formula; it is prefixed with ``'`` so it is shown as text. Output is RFC 4180: CRLF line ends,
fields quoted when they contain a comma, quote, CR or LF, quotes doubled.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(DANGEROUS) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return buffer.getvalue()
