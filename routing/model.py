"""The problem in the domain's words: shipments, vehicles, time windows, breaks, locks.

Every class is a frozen dataclass validated once, at construction, with a `ValueError` whose
message a dispatcher can read. Past this edge the solver and the checker trust their inputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

StepKind = Literal["pickup", "delivery"]
LockedStep = tuple[str, str]  # (shipment_id, "pickup" | "delivery")


@dataclass(frozen=True)
class TimeWindow:
    """Seconds in which a service may START (from midnight of the plan day, or from 0)."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0:
            raise ValueError(f"A time window cannot start before 0 s (got {self.start}).")
        if self.end < self.start:
            raise ValueError(
                f"A time window must end after it starts (got {self.start}..{self.end})."
            )

    def contains(self, t: int) -> bool:
        return self.start <= t <= self.end


def slot_window(slot_start: int, slot_end: int, service: int) -> TimeWindow:
    """Window on service START so that the service is FINISHED inside the customer's slot.

    A delivery promised between 14:00 and 16:00 that takes 10 minutes must start by 15:50.
    """
    if slot_end - service < slot_start:
        raise ValueError(
            f"A service of {service} s does not fit in the slot {slot_start}..{slot_end}."
        )
    return TimeWindow(slot_start, slot_end - service)


def opening_windows(
    open_at: int, close_at: int, service: int = 0, closed: Sequence[tuple[int, int]] = ()
) -> tuple[TimeWindow, ...]:
    """Windows on service start for a shop open `open_at..close_at` except the `closed` spans.

    The service must be finished before each closing, so every window ends `service` earlier.
    A shop closed 12:00-13:00 gives two windows, morning and afternoon.
    """
    cuts = sorted(closed)
    windows: list[TimeWindow] = []
    begin = open_at
    for c_start, c_end in [*cuts, (close_at, close_at)]:
        if c_start - service >= begin:
            windows.append(TimeWindow(begin, c_start - service))
        begin = max(begin, c_end)
    if not windows:
        raise ValueError("The shop has no opening long enough for this service.")
    return tuple(windows)


@dataclass(frozen=True)
class Stop:
    """One end of a shipment: a place, time spent there, and when service may start.

    `setup` is paid once when the van arrives from a different location (parking, walking in),
    so several consecutive tasks at the same shop pay it once; `service` is paid per task.
    Empty `time_windows` means always open; several windows mean e.g. a shop closed over lunch.
    """

    location: int
    service: int = 0
    setup: int = 0
    time_windows: tuple[TimeWindow, ...] = ()

    def __post_init__(self) -> None:
        if self.location < 0:
            raise ValueError(f"A stop's location index cannot be negative (got {self.location}).")
        if self.service < 0 or self.setup < 0:
            raise ValueError("Service and setup times cannot be negative.")
        windows = tuple(self.time_windows)
        object.__setattr__(self, "time_windows", windows)
        for a, b in pairwise(windows):
            if b.start <= a.end:
                raise ValueError(
                    "A stop's time windows must be sorted and must not overlap "
                    f"({a.start}..{a.end} then {b.start}..{b.end})."
                )


@dataclass(frozen=True)
class Shipment:
    """A pickup and its delivery: same van, pickup first; `amount` per unit of Problem.units."""

    id: str
    pickup: Stop
    delivery: Stop
    amount: tuple[int, ...] = ()
    priority: int = 0  # higher = dropped last when not everything fits
    kind: str = "shipment"
    # The vans allowed to carry it (the dispatcher moved it to a van or locked it there);
    # empty: any van.
    vehicle_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("A shipment needs a non-empty id.")
        object.__setattr__(self, "amount", tuple(self.amount))
        object.__setattr__(self, "vehicle_ids", tuple(self.vehicle_ids))
        if any(a < 0 for a in self.amount):
            raise ValueError(f"Shipment {self.id}: amounts cannot be negative ({self.amount}).")
        if self.priority < 0:
            raise ValueError(f"Shipment {self.id}: priority cannot be negative.")


@dataclass(frozen=True)
class Break:
    """A driver's break of `duration` seconds, to START inside one of `time_windows`."""

    duration: int
    time_windows: tuple[TimeWindow, ...]
    id: str = "break"

    def __post_init__(self) -> None:
        if self.duration <= 0:
            raise ValueError(f"A break must last a positive time (got {self.duration}).")
        object.__setattr__(self, "time_windows", tuple(self.time_windows))
        if not self.time_windows:
            raise ValueError("A break needs at least one time window.")


@dataclass(frozen=True)
class Vehicle:
    """A van: start and end location, shift, capacity per unit, limits, breaks and costs.

    `max_working_time` bounds the route's span (leaving start to arriving at end), breaks and
    waiting included. `fixed_cost` is paid once if the van is used; `cost_per_km` and
    `cost_per_hour` (of working time) are in the same currency.
    """

    id: str
    start: int
    end: int
    shift: TimeWindow
    capacity: tuple[int, ...]
    max_working_time: int | None = None
    breaks: tuple[Break, ...] = ()
    fixed_cost: int = 0
    cost_per_km: float = 0.0
    cost_per_hour: float = 0.0

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("A vehicle needs a non-empty id.")
        if self.start < 0 or self.end < 0:
            raise ValueError(f"Vehicle {self.id}: location indices cannot be negative.")
        object.__setattr__(self, "capacity", tuple(self.capacity))
        object.__setattr__(self, "breaks", tuple(self.breaks))
        if any(c < 0 for c in self.capacity):
            raise ValueError(f"Vehicle {self.id}: capacities cannot be negative.")
        if self.max_working_time is not None and self.max_working_time < 0:
            raise ValueError(f"Vehicle {self.id}: max working time cannot be negative.")
        if self.fixed_cost < 0 or self.cost_per_km < 0 or self.cost_per_hour < 0:
            raise ValueError(f"Vehicle {self.id}: costs cannot be negative.")


@dataclass(frozen=True)
class Lock:
    """Steps already done or under way: they stay, in this order, at the head of the van's route.

    `steps` is an ordered list of (shipment_id, "pickup" | "delivery"). A locked delivery needs
    its pickup locked before it; a locked pickup whose delivery is not locked leaves the delivery
    free to be placed later on the same van.
    """

    vehicle_id: str
    steps: tuple[LockedStep, ...]

    def __post_init__(self) -> None:
        steps = tuple((str(s), str(k)) for s, k in self.steps)
        object.__setattr__(self, "steps", steps)
        seen: set[LockedStep] = set()
        for sid, kind in steps:
            if kind not in ("pickup", "delivery"):
                raise ValueError(
                    f"Lock on {self.vehicle_id}: a step kind must be pickup or delivery."
                )
            if (sid, kind) in seen:
                raise ValueError(f"Lock on {self.vehicle_id}: {kind} of {sid} appears twice.")
            if kind == "delivery" and (sid, "pickup") not in seen:
                raise ValueError(
                    f"Lock on {self.vehicle_id}: the delivery of {sid} is locked "
                    "but its pickup is not locked before it."
                )
            seen.add((sid, kind))


@dataclass(frozen=True)
class Problem:
    """A day's work and the fleet, over a travel matrix (seconds) and a distance matrix (metres)."""

    durations: Sequence[Sequence[int]]
    distances: Sequence[Sequence[int]]
    shipments: tuple[Shipment, ...]
    vehicles: tuple[Vehicle, ...]
    units: tuple[str, ...] = ("litres", "grams")
    locks: tuple[Lock, ...] = ()
    initial_routes: Mapping[str, Sequence[tuple[str, str]]] | None = None
    _index: dict[str, Shipment] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "shipments", tuple(self.shipments))
        object.__setattr__(self, "vehicles", tuple(self.vehicles))
        object.__setattr__(self, "units", tuple(self.units))
        object.__setattr__(self, "locks", tuple(self.locks))
        n = len(self.durations)
        if len(self.distances) != n:
            raise ValueError(
                f"The duration matrix has {n} rows but the distance matrix {len(self.distances)}."
            )
        for name, matrix in (("duration", self.durations), ("distance", self.distances)):
            for row in matrix:
                if len(row) != n:
                    raise ValueError(f"The {name} matrix must be square ({n} x {n}).")
                if any(v < 0 for v in row):
                    raise ValueError(f"The {name} matrix cannot hold negative values.")
        k = len(self.units)
        index: dict[str, Shipment] = {}
        for s in self.shipments:
            if s.id in index:
                raise ValueError(f"Shipment id {s.id} is used twice.")
            index[s.id] = s
            if len(s.amount) not in (0, k):
                raise ValueError(
                    f"Shipment {s.id} gives {len(s.amount)} amounts but the problem has "
                    f"{k} units {self.units}."
                )
            for stop in (s.pickup, s.delivery):
                if stop.location >= n:
                    raise ValueError(
                        f"Shipment {s.id} refers to location {stop.location}, "
                        f"outside the {n}-location matrix."
                    )
        object.__setattr__(self, "_index", index)
        vids: set[str] = set()
        for v in self.vehicles:
            if v.id in vids:
                raise ValueError(f"Vehicle id {v.id} is used twice.")
            vids.add(v.id)
            if len(v.capacity) != k:
                raise ValueError(
                    f"Vehicle {v.id} gives {len(v.capacity)} capacities but the problem has "
                    f"{k} units {self.units}."
                )
            if v.start >= n or v.end >= n:
                raise ValueError(f"Vehicle {v.id} starts or ends outside the matrix.")
        for s in self.shipments:
            unknown = set(s.vehicle_ids) - vids
            if unknown:
                raise ValueError(
                    f"Shipment {s.id} is allowed only on unknown vehicle(s) {sorted(unknown)}."
                )
        locked: set[str] = set()
        locked_vehicles: set[str] = set()
        for lock in self.locks:
            if lock.vehicle_id not in vids:
                raise ValueError(f"A lock refers to unknown vehicle {lock.vehicle_id}.")
            if lock.vehicle_id in locked_vehicles:
                raise ValueError(f"Vehicle {lock.vehicle_id} has two locks; give one list.")
            locked_vehicles.add(lock.vehicle_id)
            for sid, _ in lock.steps:
                if sid not in index:
                    raise ValueError(f"A lock refers to unknown shipment {sid}.")
            for sid in {sid for sid, _ in lock.steps}:
                if sid in locked:
                    raise ValueError(f"Shipment {sid} is locked on two vehicles.")
                locked.add(sid)
        if self.initial_routes is not None:
            placed: set[tuple[str, str]] = set()
            for vid, steps in self.initial_routes.items():
                if vid not in vids:
                    raise ValueError(f"The initial routes refer to unknown vehicle {vid}.")
                for sid, kind in steps:
                    if sid not in index:
                        raise ValueError(f"The initial routes refer to unknown shipment {sid}.")
                    if kind not in ("pickup", "delivery"):
                        raise ValueError("Initial route steps must be pickup or delivery.")
                    if (sid, kind) in placed:
                        raise ValueError(f"The initial routes visit the {kind} of {sid} twice.")
                    placed.add((sid, kind))

    def shipment(self, shipment_id: str) -> Shipment:
        """The shipment with this id."""
        return self._index[shipment_id]

    def amount(self, shipment: Shipment) -> tuple[int, ...]:
        """The shipment's amount with one entry per unit (zeros when none was given)."""
        return shipment.amount or (0,) * len(self.units)


@dataclass(frozen=True)
class SolveOptions:
    """How hard and how to search; the objective is fewest vans first, then km and hours.

    Costs are in the vehicles' currency: `vehicle_cost_weight` multiplies each van's
    `fixed_cost`, `distance_weight` its `cost_per_km` and `time_weight` its `cost_per_hour`. A van
    with neither a km nor an hour cost is costed by its metres driven (1 per km), so a problem
    with no costs at all minimises distance.
    """

    time_limit: float = 10.0  # seconds of wall time for the whole solve
    # 0: the shipments in the given order. Otherwise the order of the model's nodes (OR-Tools'
    # search is deterministic but for where the time limit stops it) and PyVRP's seed.
    seed: int = 0
    vehicle_cost_weight: float = 1.0
    distance_weight: float = 1.0
    time_weight: float = 1.0
    # "auto" picks per problem; or "gls" (guided local search), "ils" (iterated local search with
    # ruin-and-recreate), "greedy" (descent only, fastest).
    metaheuristic: str = "auto"
    # "auto", or an OR-Tools first-solution strategy name such as "PARALLEL_CHEAPEST_INSERTION".
    first_solution: str = "auto"
    # After a first phase with fixed van costs, solve again with only the vans used, no fixed
    # cost, warm-started: the search then spends its time on km and hours.
    two_phase: bool = True
    # Try to empty the shortest route and serve its work with one van fewer.
    minimise_fleet: bool = True
    # With initial_routes: keep each shipment of the previous plan on the same van.
    keep_initial_vehicles: bool = False
    # "pyvrp": start from a PyVRP plan (optional `bench` extra; only for problems it represents
    # exactly: no breaks, setups, split windows or locks), computed in warm_start_share of the
    # time. "none": OR-Tools alone.
    warm_start: str = "none"
    warm_start_share: float = 0.2
    # Log OR-Tools search progress (for development).
    log_search: bool = False
    # From this many shipments, a fresh plan of a day whose vans have breaks or a working-time
    # limit is built without them and then re-planned van by van (see routing.large_day).
    large_day_from: int = 300

    def __post_init__(self) -> None:
        if self.time_limit <= 0:
            raise ValueError("The time limit must be positive.")
        if min(self.vehicle_cost_weight, self.distance_weight, self.time_weight) < 0:
            raise ValueError("Cost weights cannot be negative.")
        if self.metaheuristic not in ("auto", "gls", "ils", "greedy", "sa", "tabu"):
            raise ValueError(f"Unknown metaheuristic {self.metaheuristic!r}.")
