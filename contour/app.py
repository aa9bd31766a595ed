"""create_app(): wiring only — routers, error handling, path normalisation, the web app, the queue."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from contour import __version__
from contour.config import get_settings
from contour.errors import ContourError
from contour.resources.accounts.router import router as accounts_router
from contour.resources.annotations.router import router as annotations_router
from contour.resources.common.responses import JSONResponse
from contour.resources.common.server_paths import hide_server_paths_in
from contour.resources.data.router import router as data_router
from contour.resources.datasets.router import router as datasets_router
from contour.resources.jobs.router import router as jobs_router
from contour.resources.labels.router import router as labels_router
from contour.resources.organizations.router import router as organizations_router
from contour.resources.projects.router import router as projects_router
from contour.resources.requests.router import router as requests_router
from contour.resources.server.router import router as server_router
from contour.resources.settings.router import router as settings_router
from contour.resources.tasks.router import router as tasks_router
from contour.webapp import WebAppFiles

log = logging.getLogger(__name__)

ROUTERS = (
    server_router,
    accounts_router,
    organizations_router,
    projects_router,
    data_router,
    datasets_router,
    annotations_router,
    tasks_router,
    jobs_router,
    labels_router,
    requests_router,
    settings_router,
)


class StripTrailingSlash:
    """CVAT clients use some API paths with a trailing slash and some without; accept both.

    Rewriting the path (instead of redirecting) matters: a 301 on POST breaks uploads.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if path.startswith("/api/") and path.endswith("/") and len(path) > 5:
                scope = dict(scope)
                scope["path"] = path.rstrip("/")
                raw = scope.get("raw_path")
                if raw:
                    scope["raw_path"] = raw.rstrip(b"/")
        await self.app(scope, receive, send)


def _validation_body(exc: RequestValidationError) -> tuple[dict[str, Any], int]:
    fields: dict[str, list[str]] = {}
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        if error.get("type") == "json_invalid":
            return {"detail": f"JSON parse error - {error.get('msg', 'invalid JSON')}", "code": "parse_error"}, 400
        if loc and loc[0] in ("body", "query", "path", "header"):
            loc = loc[1:]
        field = ".".join(loc) or "non_field_errors"
        message = error.get("msg", "Invalid value.")
        if error.get("type") == "extra_forbidden":
            message = "Unknown field."
        elif error.get("type") == "missing":
            message = "This field is required."
        fields.setdefault(field, []).append(message)
    return fields, 400


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ContourError)
    async def contour_error(_request: Request, exc: ContourError) -> JSONResponse:
        return JSONResponse(hide_server_paths_in(exc.body()), status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        body, status = _validation_body(exc)
        return JSONResponse(body, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = "Not found." if exc.status_code == 404 else str(exc.detail)
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(DataError)
    async def data_error(_request: Request, exc: DataError) -> JSONResponse:
        # The database refused a value that validation let through: still the caller's input.
        log.warning("database refused a value: %s", exc.orig)
        return JSONResponse({"detail": "A value in the request cannot be stored.", "code": "invalid"}, status_code=400)

    @app.exception_handler(Exception)
    async def unexpected_error(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return JSONResponse({"detail": "Internal server error.", "code": "server_error"}, status_code=500)


def create_app(*, start_queue: bool = False) -> FastAPI:
    """The ASGI app. `start_queue` (a serving process) runs the request watchdog, and in-process queue
    consumers in embedded mode."""
    settings = get_settings()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        consumer = watchdog = None
        if start_queue:
            from contour.queue import is_embedded, load_job_modules, start_embedded_consumer
            from contour.resources.requests.watchdog import start_watchdog

            load_job_modules()  # the watchdog runs the cleanups the job modules register
            watchdog = start_watchdog()
            if is_embedded(settings):
                consumer = start_embedded_consumer(settings.embedded_workers)
        try:
            yield
        finally:
            if watchdog is not None:
                watchdog.set()
            if consumer is not None:
                consumer.stop(graceful=True)

    app = FastAPI(
        title="Contour REST API",
        version=__version__,
        description="A CVAT-compatible REST API (cvat-sdk / cvat-cli 2.80 drive it unchanged).",
        openapi_url="/api/schema",
        docs_url="/api/docs",
        redoc_url=None,
        default_response_class=JSONResponse,
        lifespan=lifespan,
        redirect_slashes=False,
    )
    _install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    web_dist = settings.resolved_web_dist
    if web_dist.is_dir():
        app.mount("/", WebAppFiles(web_dist), name="web")
    app.add_middleware(StripTrailingSlash)
    return app
