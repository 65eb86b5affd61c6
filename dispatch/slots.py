"""Delivery slots offered at checkout, and whether each can still take an order.

Judged from the fleet's room, not a counter: the van-time a slot offers (vans x slot length,
less what furniture jobs in the slot take), the time an average delivery costs (service at the
door plus the drive between homes, taken from the latest plan of that date when there is one),
and the vans' volume.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlmodel import Session, col, func, select

from dispatch.auth import PlatformOrDispatcherDep
from dispatch.deps import SessionDep, SettingsDep
from dispatch.service_days import is_served_day, order_deadline, seconds_after_midnight
from dispatch.settings import Settings
from dispatch.tables import FurnitureJob, Plan, PlanRoute, PlanStop, ShopOrder, Van

router = APIRouter(tags=["slots"])

DEFAULT_DRIVE_BETWEEN_HOMES_S = 360  # measured order of magnitude in Hamme/Zele/Waasmunster
USABLE_SHARE = 0.8  # of a slot's van-time: the rest goes to driving to and from shops and depot
OPEN_STATES = ("received", "needs_review", "planned")


class SlotAvailability(BaseModel):
    start: str
    end: str
    available: bool
    remaining_orders: int
    reason: str | None = None


class SlotsResponse(BaseModel):
    date: date
    slots: list[SlotAvailability]


@router.get("/api/slots", response_model=SlotsResponse)
def get_slots(
    session: SessionDep,
    settings: SettingsDep,
    _caller: PlatformOrDispatcherDep,
    day: Annotated[date, Query(alias="date", description="YYYY-MM-DD")],
) -> SlotsResponse:
    """The three slots of a date and whether each can still take an order."""
    return SlotsResponse(date=day, slots=slot_availability(session, settings, day))


def slot_availability(
    session: Session, settings: Settings, day: date, now: datetime | None = None
) -> list[SlotAvailability]:
    now = now or datetime.now(settings.tz)
    closed_reason = None
    if not is_served_day(day, settings):
        closed_reason = "no deliveries on this day"
    elif now >= order_deadline(day, settings):
        closed_reason = "ordering for this date closed at midnight before it"
    vans = session.exec(select(Van).where(Van.active)).all()
    if not vans and closed_reason is None:
        closed_reason = "no vans available"
    per_delivery = _seconds_per_delivery(session, settings, day)
    result = []
    for start, end in settings.slot_windows:
        s_text, e_text = start.strftime("%H:%M"), end.strftime("%H:%M")
        remaining = _remaining_orders(session, day, s_text, e_text, vans, per_delivery)
        reason = closed_reason or (None if remaining > 0 else "the vans are full in this slot")
        result.append(
            SlotAvailability(
                start=s_text,
                end=e_text,
                available=reason is None,
                remaining_orders=max(0, remaining) if closed_reason is None else 0,
                reason=reason,
            )
        )
    return result


def slot_is_over_capacity(session: Session, settings: Settings, order: ShopOrder) -> bool:
    """Did this order arrive for a slot that had no room left?"""
    vans = session.exec(select(Van).where(Van.active)).all()
    per_delivery = _seconds_per_delivery(session, settings, order.delivery_date)
    remaining = _remaining_orders(
        session, order.delivery_date, order.slot_start, order.slot_end, vans, per_delivery
    )
    return remaining < 0


def _remaining_orders(
    session: Session,
    day: date,
    slot_start: str,
    slot_end: str,
    vans: Sequence[Van],
    per_delivery: int,
) -> int:
    van_list = list(vans)
    if not van_list:
        return 0
    start_s, end_s = seconds_after_midnight(slot_start), seconds_after_midnight(slot_end)
    booked = session.exec(
        select(func.count(), func.coalesce(func.sum(ShopOrder.volume_litres), 0)).where(
            ShopOrder.delivery_date == day,
            ShopOrder.slot_start == slot_start,
            col(ShopOrder.status).in_(OPEN_STATES),
        )
    ).one()
    booked_orders, booked_litres = int(booked[0]), int(booked[1])
    van_time = len(van_list) * (end_s - start_s) * USABLE_SHARE
    van_time -= _furniture_time_in(session, day, start_s, end_s)
    by_time = int(van_time // per_delivery) - booked_orders
    litres = sum(v.capacity_litres for v in van_list)
    average_litres = max(1, booked_litres // booked_orders) if booked_orders else 20
    by_volume = int((litres - booked_litres) // average_litres)
    return min(by_time, by_volume)


def _furniture_time_in(session: Session, day: date, start_s: int, end_s: int) -> float:
    """Service time of furniture jobs whose agreed window falls inside the slot, in proportion."""
    total = 0.0
    for job in session.exec(
        select(FurnitureJob).where(
            FurnitureJob.job_date == day, col(FurnitureJob.status).in_(OPEN_STATES)
        )
    ):
        w_start, w_end = (
            seconds_after_midnight(job.window_start),
            seconds_after_midnight(job.window_end),
        )
        overlap = max(0, min(end_s, w_end) - max(start_s, w_start))
        if w_end > w_start:
            total += job.service_seconds * overlap / (w_end - w_start)
    return total


def _seconds_per_delivery(session: Session, settings: Settings, day: date) -> int:
    """Door time plus the drive between homes, from the latest plan of the date when known."""
    drive = DEFAULT_DRIVE_BETWEEN_HOMES_S
    plan = session.exec(
        select(Plan)
        .where(Plan.plan_date == day, col(Plan.status).in_(("ready", "published")))
        .order_by(col(Plan.version).desc())
    ).first()
    if plan is not None:
        stops = session.exec(
            select(func.count()).where(PlanStop.plan_id == plan.id, PlanStop.kind == "delivery")
        ).one()
        driving = session.exec(
            select(func.coalesce(func.sum(PlanRoute.driving_s), 0)).where(
                PlanRoute.plan_id == plan.id
            )
        ).one()
        if stops:
            drive = max(120, int(driving) // (2 * int(stops)))  # half the driving is to shops
    return settings.delivery_service_seconds + drive
