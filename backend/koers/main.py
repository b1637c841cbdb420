"""The FastAPI application: routers under ``/api/v1`` (authenticated unless named public), problem-details
error handlers, structured request logs, CORS for configured origins, and the built SPA at ``/``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from sqlalchemy import text

from koers import models as _models  # noqa: F401 - registers every table
from koers.career_issues import routes as career_issues_routes
from koers.coaching import routes as coaching_routes
from koers.core.config import get_settings
from koers.core.db import SessionDep
from koers.core.errors import Problem, install_error_handlers, problem_response
from koers.core.logging import RequestContextMiddleware, configure_logging
from koers.employees.routes import router as employees_router
from koers.imports import routes as imports_routes
from koers.organisations.routes import router as organisations_router
from koers.trajectories import routes as trajectories_routes
from koers.users.routes import auth_router
from koers.users.routes import router as users_router

API_PREFIX = "/api/v1"

health_router = APIRouter(prefix="/health", tags=["health"])


@health_router.get("", operation_id="health")
def health() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}


@health_router.get("/ready", operation_id="health_ready", responses={503: {"model": Problem}})
def ready(session: SessionDep) -> JSONResponse:
    """Readiness: the database answers a query (503 when it does not)."""
    try:
        session.execute(text("SELECT 1"))
    except Exception:
        return problem_response(503, "Service unavailable", "The database is not reachable.", slug="not-ready")
    return JSONResponse({"status": "ok", "database": "ok"})


def _api_router() -> APIRouter:
    api = APIRouter(prefix=API_PREFIX)
    # Public routes: health and the token endpoints. Every other router's routes depend on the
    # authenticated principal (each route names its exact role requirement in its signature).
    api.include_router(health_router)
    api.include_router(auth_router)
    api.include_router(users_router)
    api.include_router(organisations_router)
    api.include_router(employees_router)
    for router in (
        career_issues_routes.router,
        career_issues_routes.extra_router,
        trajectories_routes.router,
        imports_routes.router,
        coaching_routes.router,
        coaching_routes.extra_router,
    ):
        api.include_router(router)
    return api


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the background import worker (``IMPORT_WORKER``, default on) and stop it on shutdown."""
    worker = None
    if get_settings().import_worker:
        from koers.imports.worker import ImportWorker

        worker = ImportWorker()
        worker.start()
    try:
        yield
    finally:
        if worker is not None:
            worker.stop()


def create_app() -> FastAPI:
    settings = get_settings()
    configure_logging(settings.log_level)
    app = FastAPI(
        title="Koers API",
        version="1.0.0",
        summary="Career mobility and career coaching: organisations, employees, career issues, trajectories.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        lifespan=lifespan,
        responses={
            401: {"model": Problem, "description": "Not authenticated"},
            422: {"model": Problem, "description": "Invalid input (problem details)"},
        },
    )
    install_error_handlers(app)
    app.include_router(_api_router())
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "If-Match", "X-Request-ID"],
            expose_headers=["ETag", "Location", "Retry-After", "X-Request-ID"],
        )
    app.add_middleware(RequestContextMiddleware)
    _mount_spa(app, settings.frontend_dist or Path(__file__).resolve().parents[2] / "frontend" / "dist")
    return app


def _mount_spa(app: FastAPI, dist: Path) -> None:
    """Serve the built frontend (if present) at ``/``; unknown non-API paths get ``index.html`` so the
    SPA's router handles them."""
    index = dist / "index.html"
    if not index.is_file():
        return
    root = dist.resolve()

    @app.get("/{path:path}", include_in_schema=False)
    def spa(path: str) -> FileResponse:
        if path.startswith("api/"):
            from koers.core.errors import NotFound

            raise NotFound("Resource")
        candidate = (root / path).resolve()
        if path and candidate.is_file() and root in candidate.parents:
            cache = "public, max-age=31536000, immutable" if "/assets/" in f"/{path}" else "no-cache"
            return FileResponse(candidate, headers={"Cache-Control": cache})
        return FileResponse(index, headers={"Cache-Control": "no-cache"})


app = create_app()
