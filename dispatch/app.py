"""The app factory: settings, database, area data, routers, and the one error-to-status map."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine

from dispatch.area_services import AreaServices
from dispatch.db import database_ok, make_engine
from dispatch.errors import AuthenticationError, DispatchError
from dispatch.planning.jobs import PlanningJobs
from dispatch.settings import Settings, get_settings

log = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).resolve().parent / "static"


def create_app(
    settings: Settings | None = None,
    engine: Engine | None = None,
    area: AreaServices | None = None,
) -> FastAPI:
    """Build the service; tests pass their own engine and area, production reads settings."""
    settings = settings or get_settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="Spoor2 dispatch",
        description="Shop orders and Kringwinkel furniture rounds, planned over Spoor2's vans.",
        version="0.1.0",
    )
    app.state.settings = settings
    app.state.engine = engine or make_engine(settings.effective_database_url)
    app.state.area = area or AreaServices(settings.area_dir, settings.osrm_url)
    app.state.planning_jobs = PlanningJobs(
        app.state.engine, app.state.area, settings, in_process=not settings.solve_in_subprocess
    )
    _install_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=1024)  # the day page is mostly text
    _include_routers(app)
    if STATIC_DIR.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/healthz", tags=["health"], response_model=dict[str, str])
    def healthz() -> JSONResponse:
        """Liveness and database reachability, for the operator's monitoring."""
        if database_ok(app.state.engine):
            return JSONResponse({"status": "ok", "database": "ok"})
        return JSONResponse({"status": "degraded", "database": "unreachable"}, status_code=503)

    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.planning_jobs.abandon_unfinished()
    yield
    app.state.planning_jobs.shutdown()


def _include_routers(app: FastAPI) -> None:
    from dispatch import fleet, furniture, login, shops, slots
    from dispatch.orders import api as orders_api
    from dispatch.orders import webhook
    from dispatch.pages import assets, day, pins, printing
    from dispatch.planning import api as planning_api

    for module in (login, webhook, orders_api, slots, shops, fleet, furniture, planning_api):
        app.include_router(module.router)
    for page in (assets, day, pins, printing):
        app.include_router(page.router)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DispatchError)
    def _dispatch_error(request: Request, error: DispatchError) -> JSONResponse | RedirectResponse:
        if isinstance(error, AuthenticationError) and _wants_html(request):
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        if error.status_code >= 500:
            log.error("request failed: %s", error.message, extra={"path": request.url.path})
        return JSONResponse(error.to_body(), status_code=error.status_code)

    @app.exception_handler(RequestValidationError)
    def _validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [
            {
                "field": ".".join(str(p) for p in e["loc"] if p != "body"),
                "reason": e["msg"],
            }
            for e in error.errors()
        ]
        message = "; ".join(f"{p['field']}: {p['reason']}" for p in problems)
        return JSONResponse(
            {"error": "invalid_input", "message": message, "problems": problems}, status_code=422
        )


def _wants_html(request: Request) -> bool:
    return request.method == "GET" and "text/html" in request.headers.get("accept", "")
