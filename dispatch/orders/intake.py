"""Turning a stored platform event into an order: create, update or cancel, with clear refusals.

Refusals are `InputError`s (4xx, not retried by the platform, shown to the shop's administrator);
an address that cannot be placed with confidence is accepted and queued for review instead.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, select

from dispatch.area_services import AreaServices
from dispatch.errors import ConflictError, InputError
from dispatch.locating import place_address
from dispatch.orders import payload
from dispatch.service_days import earliest_delivery_date, is_served_day
from dispatch.settings import Settings
from dispatch.tables import Plan, Shop, ShopOrder, utcnow

log = logging.getLogger(__name__)

EVENT_TYPES = ("order.created", "order.updated", "order.cancelled")
LOCKED_STATES = ("picked_up", "delivered", "failed")


@dataclass(frozen=True)
class Outcome:
    """What the platform is told: a status code and a body with words in it."""

    status_code: int
    body: dict[str, Any]


def process_event(
    session: Session, area: AreaServices, settings: Settings, event_type: str, raw_body: str
) -> Outcome:
    """Apply one event to the orders table (the caller commits)."""
    if event_type not in EVENT_TYPES:
        raise InputError(
            f"Unknown event type {event_type!r}; expected one of {', '.join(EVENT_TYPES)}.",
            field="X-Platform-Event",
        )
    order = parse_order(raw_body)
    existing = session.exec(
        select(ShopOrder).where(ShopOrder.platform_order_id == order.id)
    ).first()
    if event_type == "order.cancelled":
        return _cancel(session, existing, order)
    if existing is not None and existing.status == "cancelled":
        return Outcome(
            200,
            {
                "order_id": order.id,
                "status": "cancelled",
                "result": "ignored",
                "message": f"Order {order.id} was cancelled earlier; this {event_type} is ignored.",
            },
        )
    if existing is not None and existing.status in LOCKED_STATES:
        raise ConflictError(
            f"Order {order.id} is already {existing.status.replace('_', ' ')}; "
            "changes can no longer be applied. Please call Spoor2.",
            code="order_in_progress",
        )
    return _upsert(session, existing, order, settings, area, event_type)


def parse_order(raw_body: str) -> payload.Order:
    try:
        data = json.loads(raw_body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"The body is not valid JSON: {error}.", code="invalid_json") from error
    try:
        return payload.OrderEnvelope.model_validate(data).order
    except ValidationError as error:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"]), "reason": e["msg"]}
            for e in error.errors()
        ]
        message = "; ".join(f"{p['field']}: {p['reason']}" for p in problems)
        raise InputError(
            f"The order is not valid: {message}.", code="invalid_order", problems=problems
        ) from error


def _check_shop(session: Session, order: payload.Order) -> Shop:
    shop = session.get(Shop, order.shop.id)
    if shop is None or not shop.active:
        raise InputError(
            f"Shop {order.shop.id!r} is not connected to the delivery service.",
            field="order.shop.id",
            code="unknown_shop",
        )
    return shop


def _check_date_and_slot(order: payload.Order, settings: Settings) -> None:
    day = order.delivery.date
    if not is_served_day(day, settings):
        raise InputError(
            f"No deliveries on {day:%A %Y-%m-%d}; deliveries run on {settings.delivery_days}.",
            field="order.delivery.date",
            code="date_not_served",
        )
    earliest = earliest_delivery_date(order.placed_at, settings)
    if day < earliest:
        raise InputError(
            f"An order placed at {order.placed_at.isoformat()} can be delivered on "
            f"{earliest.isoformat()} at the earliest (orders placed before midnight are for "
            "the next delivery day).",
            field="order.delivery.date",
            code="date_too_early",
        )
    offered = [(s.strftime("%H:%M"), e.strftime("%H:%M")) for s, e in settings.slot_windows]
    chosen = (order.delivery.slot.start, order.delivery.slot.end)
    if chosen not in offered:
        raise InputError(
            f"The slot {chosen[0]}-{chosen[1]} is not offered; the slots are "
            + ", ".join(f"{s}-{e}" for s, e in offered)
            + ".",
            field="order.delivery.slot",
            code="slot_not_offered",
        )


def _amounts(order: payload.Order, settings: Settings) -> tuple[int, int, int]:
    """Litres, grams and item count, with the service's defaults for small goods."""
    litres = grams = 0.0
    count = 0
    for item in order.items:
        unit_l = item.volume_l if item.volume_l is not None else settings.default_item_litres
        unit_kg = item.weight_kg if item.weight_kg is not None else settings.default_item_kg
        litres += unit_l * item.quantity
        grams += unit_kg * 1000 * item.quantity
        count += item.quantity
    return math.ceil(litres), math.ceil(grams), count


def _upsert(
    session: Session,
    existing: ShopOrder | None,
    order: payload.Order,
    settings: Settings,
    area: AreaServices,
    event_type: str,
) -> Outcome:
    shop = _check_shop(session, order)
    _check_date_and_slot(order, settings)
    customer = order.customer
    address_changed = existing is None or (
        (existing.street, existing.house_number, existing.box, existing.postcode,
         existing.municipality)
        != (customer.street, customer.house_number, customer.box, customer.postcode,
            customer.municipality)
    )  # fmt: skip
    record = existing or ShopOrder(
        platform_order_id=order.id,
        shop_id=shop.id,
        placed_at=order.placed_at,
        delivery_date=order.delivery.date,
        slot_start="",
        slot_end="",
        customer_name="",
        street="",
        house_number="",
        postcode="",
        municipality="",
    )
    if address_changed:
        placement = place_address(
            area,
            street=customer.street,
            house_number=customer.house_number,
            postcode=customer.postcode,
            municipality=customer.municipality,
            box=customer.box,
        )
        if placement.status == "outside_area":
            raise InputError(
                "The customer's address is outside the delivery area (Hamme 9220, Zele 9240, "
                f"Waasmunster 9250): {placement.reason}",
                field="order.customer",
                code="outside_area",
                municipality=placement.municipality,
            )
        record.lat, record.lon = placement.lat, placement.lon
        record.geocode_status = placement.status
        record.geocode_precision = placement.precision
        record.geocode_confidence = placement.confidence
        record.geocode_reason = placement.reason
        record.geocode_candidates = placement.candidates
    litres, grams, count = _amounts(order, settings)
    record.shop_id = shop.id
    record.placed_at = order.placed_at
    record.delivery_date = order.delivery.date
    record.slot_start = order.delivery.slot.start
    record.slot_end = order.delivery.slot.end
    record.customer_name = customer.name
    record.street, record.house_number, record.box = (
        customer.street, customer.house_number, customer.box,
    )  # fmt: skip
    record.postcode, record.municipality = customer.postcode, customer.municipality
    record.phone, record.email = customer.phone, customer.email
    record.instructions = order.delivery.instructions
    record.items = [item.model_dump() for item in order.items]
    record.volume_litres, record.weight_grams, record.item_count = litres, grams, count
    record.updated_at = utcnow()
    if record.geocode_status == "needs_review":
        record.status, record.status_reason = "needs_review", record.geocode_reason
    else:
        record.status, record.status_reason = "received", None
    published = _published_plan(session, order.delivery.date)
    messages = []
    if published is not None:
        record.arrived_after_publish = True
        messages.append(
            "The plan for this date is already published: the order is stored and the "
            "dispatcher is asked to re-plan to take it along; it is not yet on a van."
        )
    session.add(record)
    session.flush()
    if record.status == "needs_review":
        messages.append(
            "The address could not be placed with certainty; Spoor2's dispatcher will check it."
        )
    from dispatch.slots import slot_is_over_capacity

    if existing is None and slot_is_over_capacity(session, settings, record):
        messages.append(
            "The slot was already full when this order arrived; it is accepted and the "
            "dispatcher will confirm whether it fits."
        )
    verb = "updated" if existing is not None else "accepted"
    if event_type == "order.updated" and existing is None:
        verb = "accepted (an update for an order not seen before)"
    return Outcome(
        200,
        {
            "order_id": record.platform_order_id,
            "status": record.status,
            "result": "updated" if existing is not None else "created",
            "message": f"Order {order.id} {verb}. " + " ".join(messages),
        },
    )


def _cancel(session: Session, existing: ShopOrder | None, order: payload.Order) -> Outcome:
    if existing is None:
        # A cancellation that overtook its creation: keep a record so a late create stays cancelled.
        shop = _check_shop(session, order)
        existing = ShopOrder(
            platform_order_id=order.id,
            shop_id=shop.id,
            placed_at=order.placed_at,
            delivery_date=order.delivery.date,
            slot_start=order.delivery.slot.start,
            slot_end=order.delivery.slot.end,
            customer_name=order.customer.name,
            street=order.customer.street,
            house_number=order.customer.house_number,
            box=order.customer.box,
            postcode=order.customer.postcode,
            municipality=order.customer.municipality,
            items=[item.model_dump() for item in order.items],
        )
    elif existing.status in ("picked_up", "delivered"):
        raise ConflictError(
            f"Order {order.id} is already {existing.status.replace('_', ' ')} and cannot be "
            "cancelled through the platform. Please call Spoor2.",
            code="order_in_progress",
        )
    existing.status, existing.status_reason = "cancelled", "Cancelled by the shop platform."
    existing.updated_at = utcnow()
    session.add(existing)
    return Outcome(
        200,
        {
            "order_id": order.id,
            "status": "cancelled",
            "result": "cancelled",
            "message": f"Order {order.id} is cancelled.",
        },
    )


def _published_plan(session: Session, day: Any) -> Plan | None:
    return session.exec(
        select(Plan).where(Plan.plan_date == day, Plan.status == "published")
    ).first()
