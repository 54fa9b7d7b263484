"""Security headers, the request body cap and the CSRF cookie, as one pure ASGI middleware.

The body cap is enforced here, before Starlette parses a form or multipart body and before
any dependency (including authentication) runs: a declared ``Content-Length`` over the cap is
refused at once, and a chunked body is counted as it streams and cut off at the cap. A
response sent before the request body was read to its end (a refusal) closes the connection,
so the server does not go on reading what a hostile client keeps sending. A client that goes
away mid-body is not a server error. A NUL in the path or query string is refused (it has no
legitimate use, and PostgreSQL cannot compare text with one).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import ClientDisconnect, Request

log = logging.getLogger(__name__)
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def csrf_cookie_name(secure: bool) -> str:
    return "__Host-vigil_csrf" if secure else "vigil_csrf"


def session_cookie_name(secure: bool) -> str:
    return "__Host-vigil_session" if secure else "vigil_session"


def csrf_token_for(secret: str, cookie_value: str) -> str:
    """The token a form must carry: an HMAC of the browser's CSRF cookie under the app secret."""
    return hmac.new(secret.encode(), b"csrf:" + cookie_value.encode(), hashlib.sha256).hexdigest()


def read_cookies(scope: Scope) -> dict[str, str]:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed Cookie header is treated as no cookies
                return {}
            return {k: m.value for k, m in jar.items()}
    return {}


#: Limits on every posted form, applied where it is first parsed (Starlette caches the parsed
#: form, so a later call with other limits changes nothing; the CSRF check usually parses it
#: first). The most files a form takes is the public report's six photos, plus one so a
#: seventh gets intake's own message rather than the parser's.
MAX_FORM_FIELDS = 200
MAX_FORM_FILES = 7


async def read_form(request: Request) -> FormData:
    """The posted form, parsed once with :data:`MAX_FORM_FIELDS` and :data:`MAX_FORM_FILES`."""
    return await request.form(max_files=MAX_FORM_FILES, max_fields=MAX_FORM_FIELDS)


class SecurityMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        secure: bool,
        secret: str,
        max_json_bytes: int | None = None,
        body_timeout_seconds: float = 30.0,
    ) -> None:
        self.app = app
        self.body_timeout = body_timeout_seconds
        self.max_body = max_body_bytes
        self.max_json = min(max_json_bytes or max_body_bytes, max_body_bytes)
        self.secure = secure
        self.secret = secret
        self.csrf_cookie = csrf_cookie_name(secure)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope.get("path", "") or b"%00" in scope.get("query_string", b""):
            await _plain(send, 400, b"invalid character in the address")
            return
        headers = dict(scope.get("headers", []))
        # JSON is parsed in one go on the event loop (the API routes are async): its own,
        # smaller cap keeps a large body from stalling every other client while it is parsed.
        is_json = headers.get(b"content-type", b"").split(b";")[0].strip().lower().endswith(b"json")
        cap = self.max_json if is_json else self.max_body
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > cap
            except ValueError:
                await _plain(send, 400, b"invalid Content-Length")
                return
            if too_big:
                await _plain(send, 413, b"request body too large")
                return

        cookies = read_cookies(scope)
        csrf_value = cookies.get(self.csrf_cookie)
        new_cookie = csrf_value is None
        if csrf_value is None:
            csrf_value = secrets.token_urlsafe(24)
        scope.setdefault("state", {})
        scope["state"]["csrf_token"] = csrf_token_for(self.secret, csrf_value)
        scope["state"]["csrf_cookie_value"] = csrf_value

        received = 0
        cut_off = False
        # Whether the request body has been read to its end (a request without one has).
        body_done = declared in (None, b"0") and b"transfer-encoding" not in headers

        async def limited_receive() -> Message:
            # Past the cap, answer 413 ourselves and tell the app the client went away: the
            # framework would turn an exception raised here into a generic 400.
            nonlocal received, cut_off, body_done
            if cut_off:
                return {"type": "http.disconnect"}
            if body_done:
                message = await receive()
            else:
                try:  # a client that stops sending the body it declared (a slow drip) is let go
                    message = await asyncio.wait_for(receive(), self.body_timeout)
                except TimeoutError:
                    cut_off = True
                    if not response_started:
                        await _plain(send, 408, b"the request body did not arrive in time")
                    return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                body_done = body_done or not message.get("more_body", False)
                if received > cap:
                    cut_off = True
                    if not response_started:
                        await _plain(send, 413, b"request body too large")
                    return {"type": "http.disconnect"}
            return message

        path: str = scope.get("path", "")
        is_static = path.startswith("/static/")
        response_started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal response_started
            if cut_off:
                return  # the 413 has been sent; whatever the app answers next is dropped
            if message["type"] == "http.response.start":
                response_started = True
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(self)"),
                ]
                existing = {k.lower() for k, _ in message.get("headers", [])}
                if b"content-security-policy" not in existing:
                    extra.append((b"content-security-policy", CSP.encode()))
                if self.secure:
                    extra.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
                if not is_static and b"cache-control" not in existing:
                    extra.append((b"cache-control", b"no-store"))
                if new_cookie and not is_static:
                    attrs = "Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if self.secure else "")
                    extra.append((b"set-cookie", f"{self.csrf_cookie}={csrf_value}; {attrs}".encode()))
                if not body_done and b"connection" not in existing:
                    extra.append((b"connection", b"close"))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except ClientDisconnect:
            # The client went away before its body was read (or was cut off at the cap, and
            # has had its 413): nobody to answer, nothing stored, and not a server error.
            log.info("client disconnected before its request body was read: %s %s", scope["method"], path)


async def _plain(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"x-content-type-options", b"nosniff"),
                (b"cache-control", b"no-store"),
                (b"connection", b"close"),  # sent before the body was read: do not read on
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
