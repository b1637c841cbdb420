"""One error type, one handler, one shape: RFC 9457 problem details (``application/problem+json``).

Validation errors name the failing fields (``errors``: location, message, type) but never echo the
submitted value, because a value may be personal data.
"""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://koers.app/problems/"

log = structlog.get_logger("koers.errors")


class FieldError(BaseModel):
    """One failing input field: ``loc`` is its path (e.g. ``["body", "fte"]``)."""

    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    """RFC 9457 problem details, as every error response body."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldError] | None = None


class ProblemError(Exception):
    """Raise anywhere (routes or services) to answer with a problem-details response.

    ``slug`` becomes the problem ``type`` URI; ``extra`` adds members to the body (never personal data).
    """

    def __init__(
        self,
        status: int,
        title: str,
        detail: str | None = None,
        *,
        slug: str | None = None,
        headers: dict[str, str] | None = None,
        errors: list[dict[str, Any]] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.slug = slug
        self.headers = headers
        self.errors = errors
        self.extra = extra


class NotFound(ProblemError):
    """404: the resource does not exist *or belongs to another organisation* (the two are indistinguishable)."""

    def __init__(self, what: str = "Resource") -> None:
        super().__init__(404, "Not found", f"{what} not found.", slug="not-found")


class Forbidden(ProblemError):
    def __init__(self, detail: str = "You may not do this.") -> None:
        super().__init__(403, "Forbidden", detail, slug="forbidden")


class Conflict(ProblemError):
    def __init__(self, detail: str, *, slug: str = "conflict", **extra: Any) -> None:
        super().__init__(409, "Conflict", detail, slug=slug, **extra)


class Unprocessable(ProblemError):
    """422 for input that is well-formed but breaks a domain rule; ``field`` names the body member."""

    def __init__(self, detail: str, *, field: str | None = None, slug: str = "validation") -> None:
        errors = [{"loc": ["body", field], "msg": detail, "type": slug}] if field else None
        super().__init__(422, "Unprocessable content", detail, slug=slug, errors=errors)


class Unauthorized(ProblemError):
    def __init__(self, detail: str = "Not authenticated.") -> None:
        super().__init__(401, "Unauthorized", detail, slug="unauthorized", headers={"WWW-Authenticate": "Bearer"})


def problem_response(
    status: int,
    title: str,
    detail: str | None = None,
    *,
    slug: str | None = None,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    errors: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug if slug else "about:blank",
        "title": title,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    body.update(extra)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def _safe_loc(loc: Any) -> list[str | int]:
    return [p if isinstance(p, int) else str(p)[:100] for p in loc]


_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    412: "Precondition failed",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    428: "Precondition required",
    429: "Too many requests",
}


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every error, 422 and 500 included, into problem details."""

    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            exc.status,
            exc.title,
            exc.detail,
            slug=exc.slug,
            instance=request.url.path,
            headers=exc.headers,
            errors=exc.errors,
            **exc.extra,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {
                "loc": _safe_loc(e.get("loc", ())),
                "msg": str(e.get("msg", ""))[:300],
                "type": e.get("type", ""),
            }
            for e in exc.errors()
        ]
        fields = ", ".join(".".join(str(p) for p in e["loc"][1:] or e["loc"]) for e in errors[:5])
        return problem_response(
            422,
            "Unprocessable content",
            f"The request is not valid: {fields}." if fields else "The request is not valid.",
            slug="validation",
            instance=request.url.path,
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = _TITLES.get(exc.status_code, "Error")
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != title else None
        return problem_response(
            exc.status_code,
            title,
            detail,
            slug=None,
            instance=request.url.path,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # The exception text may contain personal data: log only its type.
        log.error("unhandled_error", error_type=type(exc).__name__, path=request.url.path)
        return problem_response(500, "Internal server error", slug="internal", instance=request.url.path)
