"""Structured logs: one JSON line per event, each carrying the request id.

Only ids, methods, paths, statuses and timings are logged — never bodies, query strings, headers, names,
emails, passwords or tokens (personal data and secrets stay out of logs by construction).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def configure_logging(level: str = "INFO") -> None:
    """Route structlog and the standard library's logging to JSON lines on stderr."""
    logging.basicConfig(format="%(message)s", level=level.upper())
    for noisy in ("uvicorn.access",):
        logging.getLogger(noisy).disabled = True  # we log requests ourselves, without query strings
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(),
        cache_logger_on_first_use=False,
    )


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"strict-transport-security", b"max-age=63072000; includeSubDomains"),
]
API_CSP = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")
APP_CSP = (
    b"content-security-policy",
    b"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    b"script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
)


class RequestContextMiddleware:
    """Pure ASGI middleware: assigns a request id (or accepts a well-formed ``X-Request-ID``), logs one
    line per request, and adds security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.log = structlog.get_logger("koers.request")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        start = time.perf_counter()
        status: dict[str, Any] = {"code": 500}
        path: str = scope.get("path", "")
        if path.startswith("/api/"):
            csp: list[tuple[bytes, bytes]] = [API_CSP]
        elif path in ("/docs", "/redoc", "/docs/oauth2-redirect"):
            csp = []  # the interactive docs load their scripts from a CDN
        else:
            csp = [APP_CSP]

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for key, value in [*SECURITY_HEADERS, *csp]:
                    if key not in names:
                        headers.append((key, value))
                headers.append((b"x-request-id", request_id.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            self.log.info(
                "request",
                method=scope.get("method"),
                path=path,
                status=status["code"],
                duration_ms=round((time.perf_counter() - start) * 1000, 2),
            )
