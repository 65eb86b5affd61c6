"""Planning over HTTP: start a run (polled by the page), read a plan, publish it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from dispatch.auth import DispatcherDep
from dispatch.deps import SessionDep
from dispatch.errors import ConflictError, NotFoundError
from dispatch.planning.jobs import PlanningJobs
from dispatch.planning.runner import solving_plan
from dispatch.tables import (
    FurnitureJob,
    Plan,
    PlanRoute,
    PlanStop,
    PlanUnassigned,
    ShopOrder,
    utcnow,
)

router = APIRouter(tags=["planning"])


class PlanRequest(BaseModel):
    date: date
    time_limit: float | None = Field(default=None, gt=0, le=600)


class PlanStarted(BaseModel):
    plan_id: int
    version: int
    status: str
    poll: str


class StopOut(BaseModel):
    sequence: int
    kind: str
    job_kind: str | None
    label: str
    order_id: str | None = None
    furniture_reference: str | None = None
    lat: float | None
    lon: float | None
    arrival_s: int
    service_start_s: int
    departure_s: int
    load_litres: int
    load_grams: int
    status: str


class RouteOut(BaseModel):
    van_id: str
    distance_m: int
    driving_s: int
    working_s: int
    start_s: int
    end_s: int
    peak_litres: int
    peak_grams: int
    geometry_is_fallback: bool
    stops: list[StopOut]


class UnassignedOut(BaseModel):
    order_id: str | None
    furniture_reference: str | None
    reason_code: str
    reason: str


class PlanOut(BaseModel):
    id: int
    date: date
    version: int
    status: str
    created_at: datetime
    solved_at: datetime | None
    published_at: datetime | None
    travel_source: str | None
    uses_fallback_times: bool
    solve_seconds: float | None
    error: str | None
    violations: list[str]
    summary: dict[str, Any]
    routes: list[RouteOut] = []
    unassigned: list[UnassignedOut] = []


def jobs_of(request: Request) -> PlanningJobs:
    jobs: PlanningJobs = request.app.state.planning_jobs
    return jobs


@router.post("/api/plans", response_model=PlanStarted, status_code=202)
def start_planning(
    body: PlanRequest, request: Request, session: SessionDep, _dispatcher: DispatcherDep
) -> JSONResponse:
    """Plan (or re-plan) a date in the background; poll the returned URL for the result."""
    running = solving_plan(session, body.date)
    if running is not None:
        raise ConflictError(
            f"Version {running.version} of this date is still being planned; wait for it.",
            code="plan_running",
            plan_id=running.id,
        )
    plan_id, _ = jobs_of(request).start(body.date, body.time_limit)
    plan = session.get(Plan, plan_id)
    assert plan is not None
    started = PlanStarted(
        plan_id=plan_id, version=plan.version, status=plan.status, poll=f"/api/plans/{plan_id}"
    )
    return JSONResponse(started.model_dump(), status_code=202)


@router.get("/api/plans", response_model=list[PlanOut])
def list_plans(
    session: SessionDep, _dispatcher: DispatcherDep, day: Annotated[date, Query(alias="date")]
) -> list[PlanOut]:
    plans = session.exec(
        select(Plan).where(Plan.plan_date == day).order_by(col(Plan.version).desc())
    ).all()
    return [plan_out(session, p, with_routes=False) for p in plans]


@router.get("/api/plans/{plan_id}", response_model=PlanOut)
def get_plan(plan_id: int, session: SessionDep, _dispatcher: DispatcherDep) -> PlanOut:
    return plan_out(session, _get(session, plan_id), with_routes=True)


@router.post("/api/plans/{plan_id}/publish", response_model=PlanOut)
def publish_plan(plan_id: int, session: SessionDep, _dispatcher: DispatcherDep) -> PlanOut:
    """Make this version the day's plan for the crews; the previous one stays readable."""
    plan = publish(session, _get(session, plan_id))
    return plan_out(session, plan, with_routes=True)


def publish(session: Session, plan: Plan) -> Plan:
    if plan.status not in ("ready", "published"):
        raise ConflictError(f"A plan that is {plan.status} cannot be published.")
    for other in session.exec(
        select(Plan).where(Plan.plan_date == plan.plan_date, Plan.status == "published")
    ):
        if other.id != plan.id:
            other.status = "superseded"
            session.add(other)
    planned_ids = set(
        session.exec(
            select(PlanStop.order_id).where(
                PlanStop.plan_id == plan.id, col(PlanStop.order_id).isnot(None)
            )
        )
    )
    for order in session.exec(
        select(ShopOrder).where(
            ShopOrder.delivery_date == plan.plan_date,
            col(ShopOrder.status).in_(("received", "planned")),
        )
    ):
        order.status = "planned" if order.id in planned_ids else "received"
        if order.id in planned_ids:
            order.arrived_after_publish = False
            order.status_reason = None
        session.add(order)
    plan.status, plan.published_at = "published", utcnow()
    session.add(plan)
    session.commit()
    return plan


def _get(session: Session, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFoundError(f"No plan {plan_id}.")
    return plan


def plan_out(session: Session, plan: Plan, *, with_routes: bool) -> PlanOut:
    out = PlanOut(
        id=plan.id or 0,
        date=plan.plan_date,
        version=plan.version,
        status=plan.status,
        created_at=plan.created_at,
        solved_at=plan.solved_at,
        published_at=plan.published_at,
        travel_source=plan.travel_source,
        uses_fallback_times=plan.uses_fallback_times,
        solve_seconds=plan.solve_seconds,
        error=plan.error,
        violations=plan.violations,
        summary=plan.summary,
    )
    if not with_routes:
        return out
    order_ids = dict(session.exec(select(ShopOrder.id, ShopOrder.platform_order_id)).all())
    job_refs = dict(session.exec(select(FurnitureJob.id, FurnitureJob.reference)).all())
    for route in session.exec(
        select(PlanRoute).where(PlanRoute.plan_id == plan.id).order_by(col(PlanRoute.van_id))
    ):
        stops = session.exec(
            select(PlanStop).where(PlanStop.route_id == route.id).order_by(col(PlanStop.sequence))
        ).all()
        out.routes.append(
            RouteOut(
                **route.model_dump(exclude={"id", "plan_id", "geometry", "cost_eur"}),
                stops=[
                    StopOut(
                        **s.model_dump(include=set(StopOut.model_fields) - {"order_id"}),
                        order_id=order_ids.get(s.order_id) if s.order_id else None,
                        furniture_reference=job_refs.get(s.furniture_job_id)
                        if s.furniture_job_id
                        else None,
                    )
                    for s in stops
                ],
            )
        )
    for missing in session.exec(select(PlanUnassigned).where(PlanUnassigned.plan_id == plan.id)):
        out.unassigned.append(
            UnassignedOut(
                order_id=order_ids.get(missing.order_id) if missing.order_id else None,
                furniture_reference=job_refs.get(missing.furniture_job_id)
                if missing.furniture_job_id
                else None,
                reason_code=missing.reason_code,
                reason=missing.reason,
            )
        )
    return out
