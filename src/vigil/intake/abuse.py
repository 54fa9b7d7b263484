"""Abuse controls without a CAPTCHA: keyed client identity and per-client token buckets.

Raw IP addresses are never stored: a client is known by an HMAC of its address under the
app secret and the current day, so the key rotates daily and cannot be reversed to an
address without the secret. The buckets live in this process's memory: right for the
embedded single-process deployment; with several web processes each keeps its own buckets
(a client gets at most N times the rate), and a shared store (PostgreSQL or a proxy's limit)
would be the next step. A flood from one client drains only that client's bucket, so honest
reporters elsewhere keep being served. The map is bounded; the least recently seen client
is forgotten first.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from collections import OrderedDict
from datetime import UTC, datetime

from fastapi import Request


def client_key(secret: str, ip: str | None, *, day: str | None = None) -> str:
    """A daily-rotating pseudonym for a client address (never the address itself)."""
    stamp = day or datetime.now(UTC).strftime("%Y-%m-%d")
    message = f"client:{stamp}:{ip or 'unknown'}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:32]


class TokenBucketLimiter:
    """``rate_per_minute`` tokens a minute per key, up to ``burst`` saved up."""

    def __init__(self, *, rate_per_minute: float, burst: float, max_keys: int = 100_000) -> None:
        self.rate = rate_per_minute / 60.0
        self.burst = burst
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str, cost: float = 1.0, now: float | None = None) -> float:
        """Spend ``cost`` tokens; return 0 when allowed, else the seconds until it would be."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= cost:
                self._buckets[key] = (tokens - cost, now)
                wait = 0.0
            else:
                self._buckets[key] = (tokens, now)
                wait = (cost - tokens) / self.rate
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        return wait


class RateLimited(Exception):
    """Too many submissions from one client: 429 with ``Retry-After``."""

    def __init__(self, retry_after: float) -> None:
        super().__init__("too many reports from this connection; wait and try again")
        self.retry_after = max(1, math.ceil(retry_after))


_LIMITERS_LOCK = threading.Lock()


def limiter_for(request: Request, name: str, multiplier: float = 1.0) -> TokenBucketLimiter:
    """The app's limiter called ``name``, built on first use (nothing at import time)."""
    state = request.app.state
    with _LIMITERS_LOCK:
        limiters: dict[str, TokenBucketLimiter] | None = getattr(state, "intake_limiters", None)
        if limiters is None:
            limiters = {}
            state.intake_limiters = limiters
        if name not in limiters:
            rate = request.app.state.settings.public_rate_per_minute * multiplier
            limiters[name] = TokenBucketLimiter(rate_per_minute=rate, burst=max(10.0, rate))
        return limiters[name]


def check_rate(request: Request, *, name: str = "submit", multiplier: float = 1.0) -> str:
    """Take a token for this client or raise :class:`RateLimited`; return the client key."""
    secret = request.app.state.settings.secret_key.get_secret_value()
    key = client_key(secret, request.client.host if request.client else None)
    wait = limiter_for(request, name, multiplier).take(key)
    if wait > 0:
        raise RateLimited(wait)
    return key
