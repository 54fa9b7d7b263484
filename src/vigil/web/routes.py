"""Walking the app's routes, for the permission check and the route inventory tests.

FastAPI keeps an included router as one entry holding the original router, so routes are
flattened here with their full paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def iter_routes(routes: Iterable[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for route in routes:
        original = getattr(route, "original_router", None)
        if original is not None:
            context = getattr(route, "include_context", None)
            sub_prefix = prefix + (getattr(context, "prefix", "") or "")
            yield from iter_routes(original.routes, sub_prefix)
        else:
            yield prefix + getattr(route, "path", ""), route
