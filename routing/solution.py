"""The answer: routes of steps with times and loads, unassigned work with reasons, a summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

StepType = Literal["start", "pickup", "delivery", "break", "end"]

# Reason codes of unassigned work, each with what the dispatcher can do about it.
REASONS: dict[str, str] = {
    "capacity": "no van has the room for it",
    "pickup_window": "its delivery slot cannot be reached from the pickup's opening hours",
    "shift": "it cannot be done inside any van's shift or working time",
    "fleet": "every van is in use and full for the day; it would need another van",
    "no_time": "the search found no room for it in the time limit; a longer solve may place it",
    "lock": "the locked stops cannot be kept as given",
}


@dataclass(frozen=True)
class Step:
    """One event of a route; `distance` is the metres driven since the start, cumulated.

    `arrival` is when the van reaches the place (driving may be interrupted by a break),
    `service_start` when the task starts (after setup and any waiting), `departure` when it
    ends. `load` is on board after the step, per unit. A break has no location.
    """

    kind: StepType
    shipment_id: str | None
    location: int | None
    arrival: int
    service_start: int
    departure: int
    load: tuple[int, ...]
    distance: int
    setup: int = 0  # seconds of setup paid at this step (0 when arriving from the same place)
    break_id: str | None = None

    @property
    def waiting(self) -> int:
        return self.service_start - self.arrival - self.setup


@dataclass(frozen=True)
class Route:
    """One van's day. `duration` is driving seconds; `working_time` from leaving to returning."""

    vehicle_id: str
    steps: tuple[Step, ...]
    distance: int
    duration: int
    working_time: int
    service: int
    setup: int
    waiting: int
    cost: float

    @property
    def shipment_ids(self) -> tuple[str, ...]:
        return tuple(s.shipment_id for s in self.steps if s.kind == "pickup" and s.shipment_id)


@dataclass(frozen=True)
class Unassigned:
    """Work left out, with a code and a plain-English reason a dispatcher can act on."""

    shipment_id: str
    reason_code: str
    reason: str


@dataclass(frozen=True)
class Summary:
    """Totals over all routes."""

    cost: float
    routes: int
    unassigned: int
    distance: int
    duration: int
    working_time: int
    service: int
    setup: int
    waiting: int


@dataclass(frozen=True)
class Solution:
    """Routes of the vans that are used, unassigned work, and how the search went.

    `status` is "optimised" (search ran to its limit), "first_solution_only" (the time limit
    ended during construction: work may be dropped only for lack of time, give more time) or
    "no_routes" (nothing could be planned; every shipment is unassigned with its reason).
    """

    routes: tuple[Route, ...]
    unassigned: tuple[Unassigned, ...]
    summary: Summary
    status: str
    solve_time: float
    time_to_best: float = 0.0
    log: tuple[str, ...] = field(default=(), compare=False)

    def route(self, vehicle_id: str) -> Route | None:
        for r in self.routes:
            if r.vehicle_id == vehicle_id:
                return r
        return None

    def as_plan(self) -> dict[str, list[tuple[str, str]]]:
        """The routes as vehicle id -> [(shipment id, "pickup"|"delivery")], for initial_routes."""
        return {
            r.vehicle_id: [
                (s.shipment_id, s.kind)
                for s in r.steps
                if s.kind in ("pickup", "delivery") and s.shipment_id is not None
            ]
            for r in self.routes
        }
