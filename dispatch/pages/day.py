"""The dispatcher's day page: the map and the plan beside it, with the actions on the plan."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from sqlmodel import Session, func, select

from dispatch.auth import DispatcherDep
from dispatch.deps import AreaDep, SessionDep, SettingsDep
from dispatch.formatting import format_date, format_duration, format_time
from dispatch.i18n import language_of, long_date, reason_text, remember_language, translator
from dispatch.pages.day_map import MARKER_ICONS, build_day_map
from dispatch.pages.day_view import load_day
from dispatch.tables import FurnitureJob, Plan, ShopOrder
from dispatch.templating import templates

router = APIRouter(tags=["pages"])


def next_plan_date(session: Session, today: date) -> date:
    """The first date from today on with a plan or orders; today when there is none."""
    found: list[date] = []
    for column in (Plan.plan_date, ShopOrder.delivery_date, FurnitureJob.job_date):
        first = session.exec(select(func.min(column)).where(column >= today)).first()
        if first is not None:
            found.append(first)
    return min(found) if found else today


@router.get("/", response_class=RedirectResponse, include_in_schema=False)
def home(session: SessionDep, settings: SettingsDep, _dispatcher: DispatcherDep) -> Response:
    today = datetime.now(settings.tz).date()
    return RedirectResponse(f"/dispatch/{next_plan_date(session, today).isoformat()}", 303)


@router.get("/dispatch/{day}", response_class=HTMLResponse)
def day_page(
    day: date,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    area: AreaDep,
    _dispatcher: DispatcherDep,
    version: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    """The plan of one date on a map, with summary, unassigned work, review and actions."""
    lang = language_of(request)
    t = translator(lang)
    view = load_day(session, day, version, tz=settings.tz)
    rendered = build_day_map(view, area, settings, t)
    response = templates.TemplateResponse(
        request,
        "dispatch_day.html",
        {
            "view": view,
            "map": rendered,
            "t": t,
            "lang": lang,
            "reason": lambda code, english: reason_text(t, code, english),
            "fmt_date": format_date,
            "long_date": long_date(lang, day),
            "fmt_duration": format_duration,
            "fmt_time": format_time,
            "prev_day": day - timedelta(days=1),
            "next_day": day + timedelta(days=1),
            "time_limit": settings.solver_time_limit,
            "icons": MARKER_ICONS,
            "local_time": lambda moment: (
                moment.astimezone(settings.tz).strftime("%H:%M") if moment else "–"
            ),
        },
    )
    remember_language(request, response, lang)
    return response


class DayProgress(BaseModel):
    """The reported state of each stop of a plan, for the page to follow the day."""

    plan_id: int | None
    stops: dict[int, str]


@router.get("/dispatch/{day}/progress", response_model=DayProgress)
def day_progress(
    day: date,
    session: SessionDep,
    settings: SettingsDep,
    _dispatcher: DispatcherDep,
    version: Annotated[int | None, Query(ge=1)] = None,
) -> DayProgress:
    view = load_day(session, day, version, tz=settings.tz)
    stops = {s.stop.id or 0: s.progress for r in view.routes for s in r.work_steps}
    return DayProgress(plan_id=view.plan.id if view.plan else None, stops=stops)
