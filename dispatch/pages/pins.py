"""The dispatcher moves work to a van or locks it on its van; the next planning run keeps it there.

A pin is stored on the order or furniture job (`pinned_van_id`); `null` removes it. The planner
reads pins when it builds the day's problem.
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel
from sqlmodel import Session, select

from dispatch.auth import DispatcherDep
from dispatch.deps import SessionDep
from dispatch.errors import InputError, NotFoundError
from dispatch.tables import FurnitureJob, ShopOrder, Van, utcnow

router = APIRouter(tags=["planning"])


class PinRequest(BaseModel):
    """The van to plan this work on, or null to let the planner choose again."""

    van_id: str | None


class PinState(BaseModel):
    reference: str
    pinned_van_id: str | None


def _check_van(session: Session, van_id: str | None) -> None:
    if van_id is None:
        return
    van = session.get(Van, van_id)
    if van is None or not van.active:
        raise InputError(f"There is no active van {van_id!r}.", field="van_id")


@router.post("/api/orders/{order_id}/pin", response_model=PinState)
def pin_order(
    order_id: str, body: PinRequest, session: SessionDep, _dispatcher: DispatcherDep
) -> PinState:
    """Plan this order (pickup and delivery) on the given van from the next run on."""
    order = session.exec(select(ShopOrder).where(ShopOrder.platform_order_id == order_id)).first()
    if order is None:
        raise NotFoundError(f"No order {order_id!r} is known to the delivery service.")
    _check_van(session, body.van_id)
    order.pinned_van_id = body.van_id
    order.updated_at = utcnow()
    session.add(order)
    session.commit()
    return PinState(reference=order.platform_order_id, pinned_van_id=order.pinned_van_id)


@router.post("/api/furniture-jobs/{reference}/pin", response_model=PinState)
def pin_furniture_job(
    reference: str, body: PinRequest, session: SessionDep, _dispatcher: DispatcherDep
) -> PinState:
    """Plan this furniture job on the given van from the next run on."""
    job = session.exec(select(FurnitureJob).where(FurnitureJob.reference == reference)).first()
    if job is None:
        raise NotFoundError(f"No furniture job {reference!r}.")
    _check_van(session, body.van_id)
    job.pinned_van_id = body.van_id
    session.add(job)
    session.commit()
    return PinState(reference=job.reference, pinned_van_id=job.pinned_van_id)
