"""Print sheets: one per van for its crew, and one pick list per shop, as clean A4 pages."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from dispatch.auth import DispatcherDep
from dispatch.deps import SessionDep, SettingsDep
from dispatch.formatting import format_date, format_duration, format_time
from dispatch.i18n import language_of, translator
from dispatch.pages.day_map import MARKER_ICONS
from dispatch.pages.day_view import DayView, RouteView, StepView, load_day
from dispatch.tables import Shop
from dispatch.templating import templates

router = APIRouter(tags=["pages"])


def items_text(step: StepView) -> str:
    """What to pick up or deliver, in the crew's words: "2× Boek, 1× Lamp"."""
    if step.order:
        parts = [
            f"{item.get('quantity', 1)}× {item.get('description') or item.get('sku') or '?'}"
            for item in step.order.items or []
        ]
        return ", ".join(parts)
    if step.job:
        return step.job.description or ""
    return ""


def loading_list(route: RouteView) -> list[StepView]:
    """Everything the van delivers, last delivery first: the order to load the van in."""
    deliveries = [s for s in route.steps if s.stop.kind == "delivery" and s.marker != "drop"]
    return list(reversed(deliveries))


def _common(request: Request, view: DayView) -> dict[str, Any]:
    lang = language_of(request)
    return {
        "view": view,
        "t": translator(lang),
        "lang": lang,
        "fmt_date": format_date,
        "fmt_time": format_time,
        "fmt_duration": format_duration,
        "items_text": items_text,
        "icons": MARKER_ICONS,
        "depots": {d.id: d for d in view.depots},
    }


@router.get("/dispatch/{day}/print/vans", response_class=HTMLResponse)
def van_sheets(
    day: date,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    _dispatcher: DispatcherDep,
    version: Annotated[int | None, Query(ge=1)] = None,
    van: str | None = None,
) -> Response:
    """One A4 sheet (or more) per van: stops in order, times, addresses, phones, loading list."""
    view = load_day(session, day, version, tz=settings.tz)
    routes = [r for r in view.routes if van is None or r.van.id == van]
    return templates.TemplateResponse(
        request,
        "print_vans.html",
        {
            **_common(request, view),
            "routes": routes,
            "loading_list": loading_list,
            "numbers": {s.stop.id: v.number for r in routes for v in r.visits for s in v.steps},
        },
    )


@router.get("/dispatch/{day}/print/shops", response_class=HTMLResponse)
def shop_pick_lists(
    day: date,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    _dispatcher: DispatcherDep,
    version: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    """One pick list per shop: which orders a van collects there, and when."""
    view = load_day(session, day, version, tz=settings.tz)
    by_shop: dict[str, list[tuple[RouteView, StepView]]] = {}
    for route in view.routes:
        for step in route.steps:
            if step.marker == "pickup" and step.order:
                by_shop.setdefault(step.order.shop_id, []).append((route, step))
    shops: list[tuple[Shop, list[tuple[RouteView, StepView]]]] = [
        (view.shops[shop_id], sorted(rows, key=lambda r: r[1].stop.service_start_s))
        for shop_id, rows in sorted(by_shop.items(), key=lambda kv: view.shops[kv[0]].name)
    ]
    return templates.TemplateResponse(
        request, "print_shops.html", {**_common(request, view), "shops": shops}
    )
