"""One date's plan as the dispatcher's screens read it: vans, visits in order, what is missing.

The page, the map and the print sheets all read this one view, so they cannot disagree. A visit
is a run of consecutive steps at the same place (three orders picked up at one shop is one stop
on the map, numbered once).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from dispatch.tables import (
    Depot,
    FurnitureJob,
    Plan,
    PlanRoute,
    PlanStop,
    PlanUnassigned,
    Shop,
    ShopOrder,
    Van,
)

# One colour per van, told apart on a map and in greyscale print; repeats after ten vans.
VAN_COLOURS = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
    "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
]  # fmt: skip
LATE_AFTER_S = 15 * 60  # a stop not reported this long after its expected start is late
VISIBLE_PLAN_STATES = ("ready", "published", "superseded")


@dataclass
class StepView:
    """One step of a route, with the order or furniture job behind it."""

    stop: PlanStop
    marker: str  # pickup, delivery, collection, drop, load, sale_delivery, break, start, end
    order: ShopOrder | None = None
    job: FurnitureJob | None = None
    shop: Shop | None = None
    progress: str = "pending"  # pending, under_way, done, failed, late

    @property
    def reference(self) -> str | None:
        if self.order:
            return self.order.platform_order_id
        return self.job.reference if self.job else None

    @property
    def slot(self) -> str | None:
        return f"{self.order.slot_start}–{self.order.slot_end}" if self.order else None

    @property
    def pinned_van_id(self) -> str | None:
        work = self.order or self.job
        return work.pinned_van_id if work else None


@dataclass
class Visit:
    """Consecutive steps at one place: one numbered marker on the map."""

    number: int
    steps: list[StepView]

    @property
    def first(self) -> StepView:
        return self.steps[0]

    @property
    def marker(self) -> str:
        return self.first.marker

    @property
    def lat(self) -> float:
        return float(self.first.stop.lat or 0.0)

    @property
    def lon(self) -> float:
        return float(self.first.stop.lon or 0.0)

    @property
    def slots(self) -> list[str]:
        return sorted({s.slot for s in self.steps if s.slot})

    @property
    def progress(self) -> str:
        states = {s.progress for s in self.steps}
        for state in ("failed", "late", "under_way", "pending"):
            if state in states:
                return state
        return "done"


@dataclass
class RouteView:
    van: Van
    colour: str
    route: PlanRoute
    steps: list[StepView]
    visits: list[Visit] = field(default_factory=list)

    @property
    def work_steps(self) -> list[StepView]:
        return [s for s in self.steps if s.stop.kind in ("pickup", "delivery")]

    def count(self, progress: str) -> int:
        return sum(1 for s in self.work_steps if s.progress == progress)


@dataclass
class UnassignedView:
    row: PlanUnassigned
    order: ShopOrder | None
    job: FurnitureJob | None

    @property
    def reference(self) -> str:
        if self.order:
            return self.order.platform_order_id
        return self.job.reference if self.job else "?"


@dataclass
class DayView:
    day: date
    plans: list[Plan]  # every version of the day, newest first
    plan: Plan | None  # the version shown
    solving: Plan | None  # a version being planned right now
    vans: dict[str, Van]
    shops: dict[str, Shop]
    depots: list[Depot]
    routes: list[RouteView]
    unassigned: list[UnassignedView]
    review_orders: list[ShopOrder]
    review_jobs: list[FurnitureJob]
    changed_since_plan: bool  # pins or fixed addresses after the shown version was made

    @property
    def latest(self) -> Plan | None:
        return self.plans[0] if self.plans else None

    @property
    def published(self) -> Plan | None:
        return next((p for p in self.plans if p.status == "published"), None)

    def count(self, progress: str) -> int:
        return sum(route.count(progress) for route in self.routes)

    def colour_of(self, van_id: str) -> str:
        for route in self.routes:
            if route.van.id == van_id:
                return route.colour
        ids = sorted(self.vans)
        return VAN_COLOURS[ids.index(van_id) % len(VAN_COLOURS)] if van_id in ids else "#555"


def _marker(stop: PlanStop) -> str:
    if stop.kind in ("start", "end", "break"):
        return stop.kind
    if stop.job_kind == "furniture_collection":
        return "collection" if stop.kind == "pickup" else "drop"
    if stop.job_kind == "furniture_sale":
        return "load" if stop.kind == "pickup" else "sale_delivery"
    return stop.kind  # shop order: pickup at the shop, delivery at the home


def choose_plan(plans: list[Plan], version: int | None) -> Plan | None:
    """The asked version; else the newest one that can be shown (ready or published)."""
    if version is not None:
        return next((p for p in plans if p.version == version), None)
    return next((p for p in plans if p.status in ("ready", "published")), None) or next(
        (p for p in plans if p.status in VISIBLE_PLAN_STATES), None
    )


def load_day(
    session: Session, day: date, version: int | None = None, *, tz: ZoneInfo | None = None,
    now: datetime | None = None,
) -> DayView:  # fmt: skip
    """Read everything the screens show for `day` (the shown version: see `choose_plan`)."""
    plans = list(
        session.exec(select(Plan).where(Plan.plan_date == day).order_by(col(Plan.version).desc()))
    )
    plan = choose_plan(plans, version)
    vans = {v.id: v for v in session.exec(select(Van).order_by(col(Van.id)))}
    shops = {s.id: s for s in session.exec(select(Shop).order_by(col(Shop.name)))}
    depots = list(session.exec(select(Depot)))
    routes: list[RouteView] = []
    unassigned: list[UnassignedView] = []
    if plan is not None:
        stops = list(
            session.exec(
                select(PlanStop)
                .where(PlanStop.plan_id == plan.id)
                .order_by(col(PlanStop.route_id), col(PlanStop.sequence))
            )
        )
        missing = list(
            session.exec(select(PlanUnassigned).where(PlanUnassigned.plan_id == plan.id))
        )
        order_ids = {s.order_id for s in stops if s.order_id} | {
            m.order_id for m in missing if m.order_id
        }
        job_ids = {s.furniture_job_id for s in stops if s.furniture_job_id} | {
            m.furniture_job_id for m in missing if m.furniture_job_id
        }
        orders = {
            o.id: o for o in session.exec(select(ShopOrder).where(col(ShopOrder.id).in_(order_ids)))
        }
        jobs = {
            j.id: j
            for j in session.exec(select(FurnitureJob).where(col(FurnitureJob.id).in_(job_ids)))
        }
        by_route: dict[int, list[PlanStop]] = {}
        for stop in stops:
            by_route.setdefault(stop.route_id, []).append(stop)
        # lateness only means something for the plan the crews drive
        late_clock = _late_clock(day, tz, now) if plan.status == "published" else None
        van_order = sorted(vans)
        for route in session.exec(
            select(PlanRoute).where(PlanRoute.plan_id == plan.id).order_by(col(PlanRoute.van_id))
        ):
            van = vans[route.van_id]
            steps = []
            for stop in by_route.get(route.id or 0, []):
                order = orders.get(stop.order_id) if stop.order_id else None
                step = StepView(
                    stop=stop,
                    marker=_marker(stop),
                    order=order,
                    job=jobs.get(stop.furniture_job_id) if stop.furniture_job_id else None,
                    shop=shops.get(order.shop_id) if order else None,
                )
                step.progress = _progress(stop, late_clock)
                steps.append(step)
            colour = VAN_COLOURS[van_order.index(van.id) % len(VAN_COLOURS)]
            view = RouteView(van=van, colour=colour, route=route, steps=steps)
            view.visits = _visits(steps)
            routes.append(view)
        unassigned = [
            UnassignedView(
                row=m,
                order=orders.get(m.order_id) if m.order_id else None,
                job=jobs.get(m.furniture_job_id) if m.furniture_job_id else None,
            )
            for m in missing
        ]
    review_orders = list(
        session.exec(
            select(ShopOrder)
            .where(ShopOrder.delivery_date == day, ShopOrder.status == "needs_review")
            .order_by(col(ShopOrder.id))
        )
    )
    review_jobs = list(
        session.exec(
            select(FurnitureJob)
            .where(FurnitureJob.job_date == day, FurnitureJob.status == "needs_review")
            .order_by(col(FurnitureJob.id))
        )
    )
    return DayView(
        day=day,
        plans=plans,
        plan=plan,
        solving=next((p for p in plans if p.status == "solving"), None),
        vans=vans,
        shops=shops,
        depots=depots,
        routes=routes,
        unassigned=unassigned,
        review_orders=review_orders,
        review_jobs=review_jobs,
        changed_since_plan=_changed_since(routes, unassigned),
    )


def _visits(steps: list[StepView]) -> list[Visit]:
    visits: list[Visit] = []
    current: list[StepView] = []
    for step in steps:
        if step.marker in ("start", "end", "break") or step.stop.lat is None:
            continue
        same_place = current and (
            round(current[0].stop.lat or 0, 5),
            round(current[0].stop.lon or 0, 5),
            current[0].marker,
        ) == (round(step.stop.lat, 5), round(step.stop.lon or 0, 5), step.marker)
        if same_place:
            current.append(step)
            continue
        if current:
            visits.append(Visit(len(visits) + 1, current))
        current = [step]
    if current:
        visits.append(Visit(len(visits) + 1, current))
    return visits


def _late_clock(day: date, tz: ZoneInfo | None, now: datetime | None) -> int | None:
    """Seconds after the plan date's local midnight now, or None when the day is not today."""
    if tz is None:
        return None
    local = (now or datetime.now(UTC)).astimezone(tz)
    if local.date() != day:
        return None
    return local.hour * 3600 + local.minute * 60 + local.second


def _progress(stop: PlanStop, clock: int | None) -> str:
    """Reported states as reported; an open stop well past its expected start is late."""
    if stop.status in ("done", "failed", "under_way"):
        return stop.status
    if clock is not None and clock > stop.service_start_s + LATE_AFTER_S:
        return "late"
    return "pending"


def _changed_since(routes: list[RouteView], unassigned: list[UnassignedView]) -> bool:
    """Pins or fixed addresses the shown version does not reflect yet: re-planning is due."""
    for route in routes:
        for step in route.work_steps:
            if step.pinned_van_id and step.pinned_van_id != route.van.id:
                return True
    for missing in unassigned:
        work = missing.order or missing.job
        if work is None:
            continue
        fixed = work.lat is not None and work.status != "needs_review"
        if missing.row.reason_code == "address" and fixed:
            return True
    return False
