"""Optional warm start from PyVRP (the `bench` extra): a fast first plan that OR-Tools improves.

Used only when PyVRP is installed and the problem is one PyVRP represents exactly: no breaks,
no setup times, at most one time window per stop, no locks. Anything else returns None and the
solve goes on without it. The plan is only a starting point: OR-Tools reads it back through its
own model (repairing it if needed), so its constraints stay the judge.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from routing.model import Problem, Shipment

log = logging.getLogger(__name__)

MAX_LOCATIONS = 500  # PyVRP needs one edge per pair of locations, built from Python


def representable(problem: Problem, shipments: list[Shipment]) -> bool:
    """Whether PyVRP can hold this problem without changing its meaning."""
    if problem.locks or any(v.breaks for v in problem.vehicles):
        return False
    if len(problem.durations) > MAX_LOCATIONS:
        return False
    for s in shipments:
        for stop in (s.pickup, s.delivery):
            if stop.setup or len(stop.time_windows) > 1:
                return False
    return True


def pyvrp_plan(
    problem: Problem, shipments: list[Shipment], seconds: float, seed: int
) -> dict[str, list[tuple[str, str]]] | None:
    """A plan from PyVRP in `seconds`, as vehicle id -> [(shipment id, kind)], or None."""
    try:
        import pyvrp
        from pyvrp.stop import MaxRuntime
    except ImportError:
        return None
    if not representable(problem, shipments):
        return None
    m = pyvrp.Model()
    n = len(problem.durations)
    locs = [m.add_location(0, 0) for _ in range(n)]
    for a in range(n):
        for b in range(n):
            m.add_edge(locs[a], locs[b], problem.distances[a][b] if a != b else 0,
                       problem.durations[a][b] if a != b else 0)
    depots: dict[int, object] = {}

    def depot(loc: int):
        if loc not in depots:
            depots[loc] = m.add_depot(locs[loc])
        return depots[loc]

    # Identical vans become one vehicle type (symmetry helps PyVRP).
    groups: dict[tuple, list[str]] = defaultdict(list)
    for v in problem.vehicles:
        key = (v.start, v.end, v.shift.start, v.shift.end, v.capacity, v.max_working_time,
               v.fixed_cost)
        groups[key].append(v.id)
    type_ids: list[list[str]] = []
    for (start, end, t0, t1, cap, mwt, fixed), ids in groups.items():
        m.add_vehicle_type(
            len(ids), capacity=list(cap), start_depot=depot(start), end_depot=depot(end),
            fixed_cost=fixed * 1000, tw_early=t0, tw_late=t1,
            shift_duration=mwt if mwt is not None else 2**62,
        )
        type_ids.append(ids)
    for s in shipments:
        pw = s.pickup.time_windows[0] if s.pickup.time_windows else None
        dw = s.delivery.time_windows[0] if s.delivery.time_windows else None
        m.add_shipment(
            locs[s.pickup.location], locs[s.delivery.location],
            pickup_tw_early=pw.start if pw else 0, pickup_tw_late=pw.end if pw else 2**62,
            pickup_service_duration=s.pickup.service,
            delivery_tw_early=dw.start if dw else 0, delivery_tw_late=dw.end if dw else 2**62,
            delivery_service_duration=s.delivery.service,
            amount=list(problem.amount(s)), required=False, prize=10**9,
        )
    try:
        result = m.solve(MaxRuntime(seconds), seed=seed, display=False)
    except Exception as exc:  # a warm start must never break a solve
        log.warning("PyVRP warm start failed: %s", exc)
        return None
    plan: dict[str, list[tuple[str, str]]] = {}
    free = [list(ids) for ids in type_ids]
    for route in result.best.routes():
        vid = free[route.vehicle_type()].pop(0)
        steps = []
        for act in route.schedule():
            if act.is_pickup() or act.is_delivery():
                steps.append((shipments[act.idx].id, "pickup" if act.is_pickup() else "delivery"))
        plan[vid] = steps
    return plan
