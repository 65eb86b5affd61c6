"""A date's work from the database as one routing problem over real travel times.

Shop orders become shipments shop -> home (pickup in the shop's opening hours, delivery
finished inside the customer's slot); furniture collections home -> Kringwinkel; furniture
sales Kringwinkel -> home. Work that cannot even enter the problem (no place on the map, shop
closed that day) is returned as `skipped`, with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from dispatch.area_services import AreaServices
from dispatch.opening_hours import spans_on
from dispatch.service_days import seconds_after_midnight as hhmm
from dispatch.settings import Settings
from dispatch.tables import Depot, FurnitureJob, Plan, PlanRoute, PlanStop, Shop, ShopOrder, Van
from routing import Break, Lock, Problem, Shipment, Stop, TimeWindow, Vehicle

PLANNABLE_ORDER_STATES = ("received", "planned", "picked_up", "delivered", "failed")
DEPOT_SETUP_S = 300  # park at the Kringwinkel's dock
LOAD_AT_DEPOT_S = 300  # load one sold piece of furniture
DONE_STOP_STATES = ("done", "under_way", "failed")


@dataclass(frozen=True)
class WorkRef:
    """What a shipment id stands for in the database."""

    kind: str  # shop_order, furniture_collection, furniture_sale
    order_id: int | None = None
    furniture_job_id: int | None = None
    label_pickup: str = ""
    label_delivery: str = ""


@dataclass
class DayProblem:
    problem: Problem
    points: list[tuple[float, float]]
    refs: dict[str, WorkRef]
    travel_source: str
    uses_fallback: bool
    skipped: list[tuple[WorkRef, str, str]] = field(default_factory=list)  # ref, code, reason


class _Points:
    """Distinct map points, each a location index of the matrices."""

    def __init__(self) -> None:
        self.points: list[tuple[float, float]] = []
        self._index: dict[tuple[float, float], int] = {}

    def index(self, lat: float, lon: float) -> int:
        key = (round(lat, 6), round(lon, 6))
        if key not in self._index:
            self._index[key] = len(self.points)
            self.points.append(key)
        return self._index[key]


def build_day_problem(
    session: Session, area: AreaServices, settings: Settings, day: date
) -> DayProblem:
    points = _Points()
    depots = {d.id: d for d in session.exec(select(Depot))}
    vans = list(session.exec(select(Van).where(Van.active).order_by(col(Van.id))))
    van_ids = {van.id for van in vans}
    shops = {s.id: s for s in session.exec(select(Shop))}
    for depot in depots.values():
        points.index(depot.lat, depot.lon)
    shipments: list[Shipment] = []
    refs: dict[str, WorkRef] = {}
    skipped: list[tuple[WorkRef, str, str]] = []

    orders = session.exec(
        select(ShopOrder)
        .where(ShopOrder.delivery_date == day)
        .where(col(ShopOrder.status).in_((*PLANNABLE_ORDER_STATES, "needs_review")))
        .order_by(col(ShopOrder.id))
    ).all()
    for order in orders:
        shop = shops[order.shop_id]
        ref = WorkRef(
            "shop_order",
            order_id=order.id,
            label_pickup=f"Ophaling {shop.name} – {order.platform_order_id}",
            label_delivery=f"Levering {order.customer_name} – {order.platform_order_id}",
        )
        reason = _order_blocker(order, shop, day)
        if reason:
            skipped.append((ref, *reason))
            continue
        assert order.lat is not None and order.lon is not None
        assert shop.lat is not None and shop.lon is not None
        service = settings.delivery_service_seconds
        pickup = Stop(
            location=points.index(shop.lat, shop.lon),
            service=shop.per_order_seconds,
            setup=shop.setup_seconds,
            time_windows=_opening_windows(shop, day, shop.per_order_seconds),
        )
        slot_start, slot_end = hhmm(order.slot_start), hhmm(order.slot_end)
        delivery = Stop(
            location=points.index(order.lat, order.lon),
            service=service,
            # a delivery ends inside the slot, so it must start `service` before the slot ends
            time_windows=(TimeWindow(slot_start, max(slot_start, slot_end - service)),),
        )
        sid = f"o{order.id}"
        shipments.append(
            Shipment(sid, pickup, delivery, (order.volume_litres, order.weight_grams),
                     kind="shop_order", vehicle_ids=_pin(order.pinned_van_id, van_ids))
        )  # fmt: skip
        refs[sid] = ref

    jobs = session.exec(
        select(FurnitureJob)
        .where(FurnitureJob.job_date == day)
        .where(col(FurnitureJob.status).in_((*PLANNABLE_ORDER_STATES, "needs_review")))
        .order_by(col(FurnitureJob.id))
    ).all()
    for job in jobs:
        depot = depots[job.depot_id]
        collection = job.kind == "collection"
        ref = WorkRef(
            "furniture_collection" if collection else "furniture_sale",
            furniture_job_id=job.id,
            label_pickup=(f"Meubelophaling {job.customer_name} – {job.reference}" if collection
                          else f"Laden in {depot.name} – {job.reference}"),
            label_delivery=(f"Lossen in {depot.name} – {job.reference}" if collection
                            else f"Meubellevering {job.customer_name} – {job.reference}"),
        )  # fmt: skip
        if job.lat is None or job.lon is None or job.status == "needs_review":
            skipped.append((ref, "address", "The address must be checked (na te kijken)."))
            continue
        start, end = hhmm(job.window_start), hhmm(job.window_end)
        home = Stop(
            location=points.index(job.lat, job.lon),
            service=job.service_seconds,
            time_windows=(TimeWindow(start, max(start, end - job.service_seconds)),),
        )
        dock = Stop(
            location=points.index(depot.lat, depot.lon),
            service=depot.unload_seconds if collection else LOAD_AT_DEPOT_S,
            setup=DEPOT_SETUP_S,
        )
        sid = f"f{job.id}"
        pickup, delivery = (home, dock) if collection else (dock, home)
        shipments.append(
            Shipment(sid, pickup, delivery, (job.volume_litres, job.weight_grams),
                     priority=1, kind=ref.kind, vehicle_ids=_pin(job.pinned_van_id, van_ids))
        )  # fmt: skip
        refs[sid] = ref

    vehicles = tuple(_vehicle(van, depots, points) for van in vans)
    matrices = area.travel.matrices(points.points)
    previous = _previous_plan(session, day)
    locks, initial = _locks_and_initial_routes(session, previous, refs, van_ids)
    problem = Problem(
        durations=matrices.durations,
        distances=matrices.distances,
        shipments=tuple(shipments),
        vehicles=vehicles,
        units=("litres", "grams"),
        locks=locks,
        initial_routes=initial or None,
    )
    return DayProblem(
        problem=problem,
        points=points.points,
        refs=refs,
        travel_source=matrices.source,
        uses_fallback=matrices.is_fallback,
        skipped=skipped,
    )


def _pin(van_id: str | None, active_van_ids: set[str]) -> tuple[str, ...]:
    """The van the dispatcher pinned the work to; a pin to a van out of service is ignored."""
    return (van_id,) if van_id in active_van_ids else ()


def _order_blocker(order: ShopOrder, shop: Shop, day: date) -> tuple[str, str] | None:
    if order.lat is None or order.lon is None or order.status == "needs_review":
        return "address", "The address must be checked (na te kijken) before it can be planned."
    if shop.lat is None or shop.lon is None:
        return "shop_address", f"Shop {shop.name} has no place on the map."
    if not spans_on(shop.opening_hours, day):
        return "shop_closed", f"Shop {shop.name} is closed on that day."
    return None


def _opening_windows(shop: Shop, day: date, service: int) -> tuple[TimeWindow, ...]:
    """One window per opening span, ending `service` before closing (two over a lunch closure)."""
    windows = []
    for start_text, end_text in spans_on(shop.opening_hours, day):
        start, end = hhmm(start_text), hhmm(end_text) - service
        if end >= start:
            windows.append(TimeWindow(start, end))
    return tuple(windows)


def _vehicle(van: Van, depots: dict[str, Depot], points: _Points) -> Vehicle:
    start, end = depots[van.start_depot_id], depots[van.end_depot_id]
    breaks: tuple[Break, ...] = ()
    if van.break_minutes:
        window = TimeWindow(hhmm(van.break_earliest), hhmm(van.break_latest))
        breaks = (Break(van.break_minutes * 60, (window,), id="middagpauze"),)
    return Vehicle(
        id=van.id,
        start=points.index(start.lat, start.lon),
        end=points.index(end.lat, end.lon),
        shift=TimeWindow(hhmm(van.shift_start), hhmm(van.shift_end)),
        capacity=(van.capacity_litres, van.capacity_grams),
        max_working_time=van.max_working_minutes * 60,
        breaks=breaks,
        fixed_cost=round(van.fixed_cost_eur),
        cost_per_km=van.cost_per_km_eur,
        cost_per_hour=van.cost_per_hour_eur,
    )


def _previous_plan(session: Session, day: date) -> Plan | None:
    """The published plan of the date, else its newest ready one: what a re-plan starts from."""
    plans = session.exec(
        select(Plan)
        .where(Plan.plan_date == day, col(Plan.status).in_(("published", "ready")))
        .order_by(col(Plan.version))
    ).all()
    published = [p for p in plans if p.status == "published"]
    candidates = published or list(plans)
    return candidates[-1] if candidates else None


def _locks_and_initial_routes(
    session: Session, plan: Plan | None, refs: dict[str, WorkRef], van_ids: set[str]
) -> tuple[tuple[Lock, ...], dict[str, list[tuple[str, str]]]]:
    """Done or under-way stops stay at the head of their van; after publishing, the rest starts
    where it was, so a re-plan moves as little as needed. An unpublished plan is no promise to
    anyone: a re-plan of it starts afresh, which searches better."""
    if plan is None:
        return (), {}
    warm_start = plan.status == "published"  # stay close to what the crews were given
    sid_of = {}
    for sid, ref in refs.items():
        sid_of[(ref.order_id, ref.furniture_job_id)] = sid
    locks: list[Lock] = []
    initial: dict[str, list[tuple[str, str]]] = {}
    routes = session.exec(select(PlanRoute).where(PlanRoute.plan_id == plan.id)).all()
    for route in routes:
        if route.van_id not in van_ids:
            continue
        stops = session.exec(
            select(PlanStop)
            .where(PlanStop.route_id == route.id, col(PlanStop.kind).in_(("pickup", "delivery")))
            .order_by(col(PlanStop.sequence))
        ).all()
        steps = [
            (sid_of[(s.order_id, s.furniture_job_id)], s.kind, s.status)
            for s in stops
            if (s.order_id, s.furniture_job_id) in sid_of
        ]
        locked = [(sid, kind) for sid, kind, status in steps if status in DONE_STOP_STATES]
        if locked:
            locks.append(Lock(route.van_id, tuple(locked)))
        if warm_start:
            initial[route.van_id] = [(sid, kind) for sid, kind, _ in steps]
    return tuple(locks), initial
