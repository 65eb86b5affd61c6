"""The database schema: every table of the service, in one place so migrations see them all.

Times of day inside a plan are integer seconds after local midnight of the plan's date (the same
unit as `routing/`); moments are UTC-aware datetimes in `*_at` columns.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def _utc_column(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class Depot(SQLModel, table=True):
    """Where vans start and end and furniture is unloaded (Spoor2, the Kringwinkel)."""

    id: str = Field(primary_key=True)
    name: str
    address: str
    postcode: str
    municipality: str
    lat: float
    lon: float
    unload_seconds: int = 600


class Shop(SQLModel, table=True):
    """A shop connected to the platform: where orders are picked up, during its opening hours."""

    id: str = Field(primary_key=True)  # as the platform names it, e.g. "shop-017"
    name: str
    street: str
    house_number: str
    postcode: str
    municipality: str
    phone: str | None = None
    lat: float | None = None
    lon: float | None = None
    # {"mon": [["09:00", "12:00"], ["13:30", "18:00"]], ...}; a missing day means closed
    opening_hours: dict[str, list[list[str]]] = Field(default_factory=dict, sa_column=Column(JSON))
    setup_seconds: int = 180  # park, walk in, sign: paid once per visit
    per_order_seconds: int = 30
    active: bool = True


class Van(SQLModel, table=True):
    """A van with its crew's shift; shop orders and furniture rounds share it."""

    id: str = Field(primary_key=True)
    name: str
    capacity_litres: int
    capacity_grams: int
    start_depot_id: str = Field(foreign_key="depot.id")
    end_depot_id: str = Field(foreign_key="depot.id")
    shift_start: str = "08:00"
    shift_end: str = "19:00"
    max_working_minutes: int = 540
    break_minutes: int = 30
    break_earliest: str = "11:30"
    break_latest: str = "13:30"  # the break must start by this time
    fixed_cost_eur: float = 0.0
    cost_per_km_eur: float = 0.35
    cost_per_hour_eur: float = 32.0
    active: bool = True


class WebhookEvent(SQLModel, table=True):
    """The inbox: every accepted platform event, stored raw before it is processed."""

    __tablename__ = "webhook_event"

    id: str = Field(primary_key=True)  # X-Platform-Event-Id
    event_type: str
    platform_order_id: str | None = Field(default=None, index=True)
    body: str
    received_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    status: str = Field(default="received", index=True)  # received, processed, rejected, failed
    processed_at: datetime | None = _utc_column()
    attempts: int = 0
    error: str | None = None
    response_status: int | None = None
    response_body: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))


class ShopOrder(SQLModel, table=True):
    """A platform order to pick up at a shop and deliver to a home in the chosen slot."""

    __tablename__ = "shop_order"

    id: int | None = Field(default=None, primary_key=True)
    platform_order_id: str = Field(unique=True, index=True)
    shop_id: str = Field(foreign_key="shop.id")
    placed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    delivery_date: date = Field(index=True)
    slot_start: str
    slot_end: str
    customer_name: str
    street: str
    house_number: str
    box: str | None = None
    postcode: str
    municipality: str
    phone: str | None = None
    email: str | None = None
    instructions: str | None = None
    items: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    volume_litres: int = 0
    weight_grams: int = 0
    item_count: int = 0
    # received, needs_review, planned, picked_up, delivered, failed, cancelled
    status: str = Field(default="received", index=True)
    status_reason: str | None = None
    lat: float | None = None
    lon: float | None = None
    geocode_status: str | None = None
    geocode_precision: str | None = None
    geocode_confidence: float | None = None
    geocode_reason: str | None = None
    geocode_candidates: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    arrived_after_publish: bool = False
    # set by the dispatcher: plan this order on that van (moved there, or locked in place)
    pinned_van_id: str | None = Field(default=None, foreign_key="van.id")
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    updated_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class FurnitureJob(SQLModel, table=True):
    """Kringwinkel work on the same vans: a collection at a home or a delivery of sold furniture."""

    __tablename__ = "furniture_job"

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, index=True)
    kind: str  # collection (home -> Kringwinkel) or sale_delivery (Kringwinkel -> home)
    job_date: date = Field(index=True)
    depot_id: str = Field(foreign_key="depot.id")
    customer_name: str
    street: str
    house_number: str
    postcode: str
    municipality: str
    phone: str | None = None
    description: str = ""
    window_start: str = "08:00"
    window_end: str = "19:00"
    volume_litres: int
    weight_grams: int
    service_seconds: int = 900
    status: str = Field(default="received", index=True)
    status_reason: str | None = None
    lat: float | None = None
    lon: float | None = None
    geocode_status: str | None = None
    geocode_precision: str | None = None
    geocode_reason: str | None = None
    pinned_van_id: str | None = Field(default=None, foreign_key="van.id")
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class Plan(SQLModel, table=True):
    """One planning run for a date; versions accumulate, one may be published for the crews."""

    __table_args__ = (UniqueConstraint("plan_date", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_date: date = Field(index=True)
    version: int
    status: str = "solving"  # solving, ready, failed, published, superseded
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    solved_at: datetime | None = _utc_column()
    published_at: datetime | None = _utc_column()
    travel_source: str | None = None
    uses_fallback_times: bool = False
    solve_seconds: float | None = None
    summary: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    violations: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    error: str | None = None


class PlanRoute(SQLModel, table=True):
    """One van's route in a plan, with its totals and the road geometry for the map."""

    __tablename__ = "plan_route"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    van_id: str = Field(foreign_key="van.id")
    distance_m: int
    driving_s: int
    working_s: int
    start_s: int
    end_s: int
    peak_litres: int
    peak_grams: int
    cost_eur: float
    geometry: list[list[float]] = Field(default_factory=list, sa_column=Column(JSON))
    geometry_is_fallback: bool = False


class PlanStop(SQLModel, table=True):
    """A step of a route: start, shop pickup, home delivery, furniture job, unload, break, end."""

    __tablename__ = "plan_stop"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    route_id: int = Field(foreign_key="plan_route.id", index=True)
    sequence: int
    kind: str  # start, pickup, delivery, break, end
    job_kind: str | None = None  # shop_order, furniture_collection, furniture_sale
    order_id: int | None = Field(default=None, foreign_key="shop_order.id")
    furniture_job_id: int | None = Field(default=None, foreign_key="furniture_job.id")
    label: str
    lat: float | None = None
    lon: float | None = None
    arrival_s: int
    service_start_s: int
    departure_s: int
    load_litres: int
    load_grams: int
    distance_m: int
    status: str = "pending"  # pending, under_way, done, failed
    status_reason: str | None = None
    reported_at: datetime | None = _utc_column()


class PlanUnassigned(SQLModel, table=True):
    """Work a plan could not place, with the reason the dispatcher can act on."""

    __tablename__ = "plan_unassigned"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    order_id: int | None = Field(default=None, foreign_key="shop_order.id")
    furniture_job_id: int | None = Field(default=None, foreign_key="furniture_job.id")
    reason_code: str
    reason: str
