"""Reading orders (platform and dispatcher) and fixing what needs review (dispatcher)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from dispatch.auth import DispatcherDep, PlatformOrDispatcherDep
from dispatch.deps import SessionDep
from dispatch.errors import NotFoundError
from dispatch.formatting import format_time
from dispatch.locating import LocationFix, resolve_fix
from dispatch.orders.webhook import process_stored_event
from dispatch.tables import (
    Plan,
    PlanRoute,
    PlanStop,
    PlanUnassigned,
    ShopOrder,
    WebhookEvent,
    utcnow,
)

router = APIRouter(tags=["orders"])


class Location(BaseModel):
    lat: float | None
    lon: float | None
    precision: str | None
    confidence: float | None
    geocode_status: str | None
    reason: str | None


class PlannedVisit(BaseModel):
    plan_id: int
    plan_version: int
    plan_status: str
    van_id: str | None = None
    pickup_eta: str | None = None
    delivery_eta: str | None = None
    unassigned_reason: str | None = None


class OrderState(BaseModel):
    order_id: str
    shop_id: str
    status: str
    reason: str | None
    delivery_date: date
    slot: str
    location: Location
    plan: PlannedVisit | None
    candidates: list[dict[str, Any]] = Field(default_factory=list)
    arrived_after_publish: bool
    updated_at: datetime


@router.get("/api/orders/{order_id}", response_model=OrderState)
def get_order(order_id: str, session: SessionDep, _caller: PlatformOrDispatcherDep) -> OrderState:
    """The order's state as the service sees it, with its place in the latest plan."""
    return order_state(session, _find(session, order_id))


@router.get("/api/orders", response_model=list[OrderState])
def list_orders(
    session: SessionDep,
    _dispatcher: DispatcherDep,
    day: Annotated[date, Query(alias="date")],
    status: str | None = None,
) -> list[OrderState]:
    query = select(ShopOrder).where(ShopOrder.delivery_date == day)
    if status:
        query = query.where(ShopOrder.status == status)
    orders = session.exec(query.order_by(col(ShopOrder.slot_start), col(ShopOrder.id))).all()
    return [order_state(session, o) for o in orders]


@router.post("/api/orders/{order_id}/location", response_model=OrderState)
def fix_location(
    order_id: str, fix: LocationFix, request: Request, session: SessionDep,
    _dispatcher: DispatcherDep,
) -> OrderState:  # fmt: skip
    """The dispatcher places the address: a pin on the map or a candidate; then re-plan."""
    order = _find(session, order_id)
    lat, lon, precision = resolve_fix(fix, order.geocode_candidates, request.app.state.area)
    order.lat, order.lon = lat, lon
    order.geocode_status, order.geocode_precision = "located", precision
    order.geocode_confidence = 1.0
    order.geocode_reason = "Placed by the dispatcher."
    if order.status == "needs_review":
        order.status, order.status_reason = "received", None
    order.updated_at = utcnow()
    session.add(order)
    session.commit()
    return order_state(session, order)


class InboxEvent(BaseModel):
    id: str
    event_type: str
    platform_order_id: str | None
    status: str
    attempts: int
    error: str | None
    received_at: datetime


@router.get("/api/inbox", response_model=list[InboxEvent])
def list_inbox(
    session: SessionDep, _dispatcher: DispatcherDep, status: str | None = "failed"
) -> list[InboxEvent]:
    """Webhook events, by default those whose processing failed and waits for a retry."""
    query = select(WebhookEvent)
    if status:
        query = query.where(WebhookEvent.status == status)
    events = session.exec(query.order_by(col(WebhookEvent.received_at).desc()).limit(500))
    return [InboxEvent.model_validate(e, from_attributes=True) for e in events]


@router.post("/api/inbox/{event_id}/retry", response_model=dict[str, Any])
def retry_inbox_event(event_id: str, request: Request, _dispatcher: DispatcherDep) -> Any:
    """Process a stored event again (after the cause of its failure was fixed)."""
    app = request.app
    status, answer = process_stored_event(
        app.state.engine, app.state.area, app.state.settings, event_id
    )
    return {"status_code": status, **answer}


def _find(session: Session, order_id: str) -> ShopOrder:
    order = session.exec(select(ShopOrder).where(ShopOrder.platform_order_id == order_id)).first()
    if order is None:
        raise NotFoundError(f"No order {order_id!r} is known to the delivery service.")
    return order


def order_state(session: Session, order: ShopOrder) -> OrderState:
    return OrderState(
        order_id=order.platform_order_id,
        shop_id=order.shop_id,
        status=order.status,
        reason=order.status_reason,
        delivery_date=order.delivery_date,
        slot=f"{order.slot_start}-{order.slot_end}",
        location=Location(
            lat=order.lat,
            lon=order.lon,
            precision=order.geocode_precision,
            confidence=order.geocode_confidence,
            geocode_status=order.geocode_status,
            reason=order.geocode_reason,
        ),
        plan=_planned_visit(session, order),
        candidates=order.geocode_candidates if order.status == "needs_review" else [],
        arrived_after_publish=order.arrived_after_publish,
        updated_at=order.updated_at,
    )


def _planned_visit(session: Session, order: ShopOrder) -> PlannedVisit | None:
    """The order in the published plan of its date, else in the newest ready plan."""
    plans = session.exec(
        select(Plan)
        .where(Plan.plan_date == order.delivery_date, col(Plan.status).in_(("published", "ready")))
        .order_by(col(Plan.status) == "published", col(Plan.version))
    ).all()
    if not plans:
        return None
    plan = plans[-1]
    visit = PlannedVisit(plan_id=plan.id or 0, plan_version=plan.version, plan_status=plan.status)
    stops = session.exec(
        select(PlanStop).where(PlanStop.plan_id == plan.id, PlanStop.order_id == order.id)
    ).all()
    for stop in stops:
        route = session.get(PlanRoute, stop.route_id)
        visit.van_id = route.van_id if route else None
        eta = format_time(stop.service_start_s)
        if stop.kind == "pickup":
            visit.pickup_eta = eta
        else:
            visit.delivery_eta = eta
    if not stops:
        missing = session.exec(
            select(PlanUnassigned).where(
                PlanUnassigned.plan_id == plan.id, PlanUnassigned.order_id == order.id
            )
        ).first()
        visit.unassigned_reason = missing.reason if missing else "Not in this plan (arrived later)."
    return visit
