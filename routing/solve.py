"""`solve`: diagnose what cannot be planned, search, and write routes in the domain's words."""

from __future__ import annotations

import dataclasses
import time

from routing import large_day
from routing.model import Problem, Shipment, SolveOptions, Stop, TimeWindow, Vehicle
from routing.ortools_solver import RawRoute, solve_ortools
from routing.solution import REASONS, Route, Solution, Step, StepType, Summary, Unassigned


def _clock(t: int) -> str:
    return f"{t // 3600:02d}:{t % 3600 // 60:02d}"


def _earliest_in(t: int, windows: tuple[TimeWindow, ...]) -> int | None:
    """Earliest start >= t inside the windows, or None."""
    if not windows:
        return t
    for w in windows:
        if t <= w.end:
            return max(t, w.start)
    return None


def _setup(problem: Problem, frm: int, stop: Stop) -> int:
    return stop.setup if frm != stop.location else 0


def diagnose(problem: Problem, shipment: Shipment) -> tuple[str, str] | None:
    """Why this shipment cannot be planned even alone in an empty van, or None if it can."""
    dur = problem.durations
    amount = problem.amount(shipment)
    allowed = [
        v for v in problem.vehicles if not shipment.vehicle_ids or v.id in shipment.vehicle_ids
    ]
    vans = [v for v in allowed if all(a <= c for a, c in zip(amount, v.capacity, strict=True))]
    if not vans:
        need = ", ".join(f"{a} {u}" for a, u in zip(amount, problem.units, strict=True))
        biggest = ", ".join(
            f"{max((v.capacity[i] for v in problem.vehicles), default=0)} {u}"
            for i, u in enumerate(problem.units)
        )
        return "capacity", (
            f"No van has the room: it needs {need}; the largest capacities are {biggest}."
        )
    p, d = shipment.pickup, shipment.delivery
    p_windows = p.time_windows or (TimeWindow(0, 10**9),)
    reachable = False
    for w in p_windows:
        ready = w.start + p.service + dur[p.location][d.location] + _setup(problem, p.location, d)
        if _earliest_in(ready, d.time_windows) is not None:
            reachable = True
            break
    if not reachable:
        opens = ", ".join(f"{_clock(w.start)}-{_clock(w.end)}" for w in p.time_windows)
        slots = ", ".join(f"{_clock(w.start)}-{_clock(w.end)}" for w in d.time_windows)
        return "pickup_window", (
            f"The delivery slot ({slots}, service start) cannot be reached even going straight "
            f"from the pickup, which can start only in {opens}; widen the slot or pick up earlier."
        )
    for v in vans:
        if _fits_alone(problem, v, shipment):
            return None
    return "shift", (
        "It cannot be picked up and delivered inside any van's shift and working time "
        "(including breaks), even by an empty van; move the slot or extend a shift."
    )


def _fits_alone(problem: Problem, v: Vehicle, s: Shipment) -> bool:
    """Can van `v`, empty, do shipment `s` alone inside its shift and working time?

    It picks up as late as lets it deliver at the window's start, so the van leaves as late and
    comes back as early as possible (picking up at the earliest made a 09:30 pickup for a 17:00
    delivery look impossible within 9 hours). A used van must also take its breaks inside its
    route, so the route is stretched to reach a break's window it would otherwise miss.
    """
    dur = problem.durations
    p, d = s.pickup, s.delivery
    always = (TimeWindow(0, 10**9),)
    lead = dur[v.start][p.location] + _setup(problem, v.start, p)
    hop = p.service + dur[p.location][d.location] + _setup(problem, p.location, d)
    home = d.service + dur[d.location][v.end]
    for pw in p.time_windows or always:
        for dw in d.time_windows or always:
            earliest, latest = max(v.shift.start + lead, pw.start), min(pw.end, dw.end - hop)
            if latest < earliest:
                continue
            pickup_start = max(earliest, min(latest, dw.start - hop))  # no wait at the door
            delivery_start = max(dw.start, pickup_start + hop)
            leave, back = pickup_start - lead, delivery_start + home
            for b in v.breaks:
                latest_start = max(w.end for w in b.time_windows)
                earliest_start = min(w.start for w in b.time_windows)
                if latest_start + b.duration <= leave:  # take it before driving off
                    leave = latest_start
                elif earliest_start >= back:  # take it after coming back
                    back = earliest_start + b.duration
                else:  # it interrupts the work
                    back += b.duration
            within_shift = v.shift.start <= leave and back <= v.shift.end
            if within_shift and (v.max_working_time is None or back - leave <= v.max_working_time):
                return True
    return False


def _drive(t: int, work: int, breaks: list[tuple[int, int]]) -> tuple[int, list[tuple[int, int]]]:
    """Finish time of `work` seconds of driving/setup from t, paused by breaks; breaks left."""
    left = list(breaks)
    while left and work > 0 and left[0][0] < t + work:
        b_start, b_end = left.pop(0)
        work -= max(0, b_start - t)
        t = max(t, b_end)
    return t + work, left


def _build_route(problem: Problem, v: Vehicle, raw: RawRoute) -> Route:
    dur, dist = problem.durations, problem.distances
    k = len(problem.units)
    breaks = {b.id: b for b in v.breaks}
    load = [0] * k
    steps = [
        Step("start", None, v.start, raw.start_time, raw.start_time, raw.start_time, tuple(load), 0)
    ]
    loc, dep, metres, driving, service_total, setup_total = v.start, raw.start_time, 0, 0, 0, 0
    pending: list[tuple[int, int]] = []
    for st in raw.steps:
        if st.kind == "break":
            b = breaks[st.break_id or ""]
            end = st.service_start + b.duration
            steps.append(
                Step(
                    "break",
                    None,
                    None,
                    st.service_start,
                    st.service_start,
                    end,
                    tuple(load),
                    metres,
                    break_id=b.id,
                )
            )
            pending.append((st.service_start, end))
            continue
        s = problem.shipment(st.shipment_id or "")
        stop = s.pickup if st.kind == "pickup" else s.delivery
        amount = problem.amount(s)
        sign = 1 if st.kind == "pickup" else -1
        load = [a + sign * b for a, b in zip(load, amount, strict=True)]
        travel = dur[loc][stop.location]
        arrival, pending = _drive(dep, travel, pending)
        setup = _setup(problem, loc, stop)
        metres += dist[loc][stop.location]
        driving += travel
        service_total += stop.service
        setup_total += setup
        kind: StepType = "pickup" if st.kind == "pickup" else "delivery"
        steps.append(
            Step(
                kind,
                s.id,
                stop.location,
                arrival,
                st.service_start,
                st.service_start + stop.service,
                tuple(load),
                metres,
                setup,
            )
        )
        loc, dep, pending = stop.location, st.service_start + stop.service, []
    arrival, _ = _drive(dep, dur[loc][v.end], pending)
    metres += dist[loc][v.end]
    driving += dur[loc][v.end]
    end_time = max(raw.end_time, arrival)
    steps.append(Step("end", None, v.end, arrival, end_time, end_time, tuple(load), metres))
    working = end_time - raw.start_time
    breaks_total = sum(b.duration for b in v.breaks)
    if v.cost_per_km or v.cost_per_hour:
        cost = v.fixed_cost + v.cost_per_km * metres / 1000 + v.cost_per_hour * working / 3600
    else:
        cost = v.fixed_cost + metres / 1000
    waiting = working - driving - service_total - setup_total - breaks_total
    return Route(
        v.id,
        tuple(steps),
        metres,
        driving,
        working,
        service_total,
        setup_total,
        waiting,
        round(cost, 2),
    )


def solve(problem: Problem, options: SolveOptions | None = None) -> Solution:
    """Plan the day: routes for the vans used, and every shipment left out with its reason.

    With initial routes (a re-plan), half the time goes to improving the previous plan. If that
    leaves work out that the search could not insert, the other half plans afresh (locks still
    kept) and the plan that serves more, then costs less, wins: measured on a demo day, a warm
    start from a plan missing 8 orders stayed 8 short while a fresh start served them all.
    """
    options = options or SolveOptions()
    if problem.initial_routes is None or options.keep_initial_vehicles:
        return _solve_once(problem, options)
    t0 = time.monotonic()
    warm = _solve_once(problem, dataclasses.replace(options, time_limit=options.time_limit / 2))
    if not any(u.reason_code in ("fleet", "no_time") for u in warm.unassigned):
        return warm
    remaining = max(0.5, options.time_limit - (time.monotonic() - t0))
    fresh_problem = dataclasses.replace(problem, initial_routes=None)
    fresh = _solve_once(fresh_problem, dataclasses.replace(options, time_limit=remaining))
    best = min((warm, fresh), key=lambda sol: (len(sol.unassigned), sol.summary.cost))
    note = (
        f"re-plan: warm start left {len(warm.unassigned)} out, fresh start {len(fresh.unassigned)}"
    )
    return dataclasses.replace(
        best, solve_time=round(time.monotonic() - t0, 3), log=(*best.log, note)
    )


def _solve_once(problem: Problem, options: SolveOptions) -> Solution:
    t0 = time.monotonic()
    locked_ids = {sid for lock in problem.locks for sid, _ in lock.steps}
    unassigned: list[Unassigned] = []
    plannable: list[Shipment] = []
    for s in problem.shipments:
        why = None if s.id in locked_ids else diagnose(problem, s)
        if why is None:
            plannable.append(s)
        else:
            unassigned.append(Unassigned(s.id, *why))

    routes: list[Route] = []
    status, ttb, messages = "optimised", 0.0, []
    if plannable and problem.vehicles:
        if large_day.applies(problem, plannable, options):
            raw = large_day.solve_large_day(problem, plannable, options, t0)
        else:
            raw = solve_ortools(problem, plannable, options, t0)
        status, ttb, messages = raw.status, raw.time_to_best, raw.log
        vehicles = {v.id: v for v in problem.vehicles}
        routes = [_build_route(problem, vehicles[r.vehicle_id], r) for r in raw.routes]
        all_used = len(routes) == len(problem.vehicles)
        for sid in raw.dropped:
            if raw.status == "no_routes":
                code, text = "lock", REASONS["lock"].capitalize() + "; nothing could be planned."
            elif raw.status == "first_solution_only":
                code, text = (
                    "no_time",
                    (
                        "The time limit ended before a first complete plan was built; "
                        "give the solver more time."
                    ),
                )
            elif all_used:
                n = len(problem.vehicles)
                fleet = "The only van is" if n == 1 else f"All {n} vans are"
                code, text = (
                    "fleet",
                    (
                        f"{fleet} in use with no room left in the day for it; it would need "
                        "another van (or a wider slot)."
                    ),
                )
            else:
                code, text = (
                    "no_time",
                    (
                        "It fits an empty van on its own, but the search placed it nowhere "
                        "within the time limit; try a longer time limit."
                    ),
                )
            unassigned.append(Unassigned(sid, code, text))
    elif plannable:
        unassigned += [Unassigned(s.id, "fleet", "There is no van.") for s in plannable]
    summary = Summary(
        cost=round(sum(r.cost for r in routes), 2),
        routes=len(routes),
        unassigned=len(unassigned),
        distance=sum(r.distance for r in routes),
        duration=sum(r.duration for r in routes),
        working_time=sum(r.working_time for r in routes),
        service=sum(r.service for r in routes),
        setup=sum(r.setup for r in routes),
        waiting=sum(r.waiting for r in routes),
    )
    order = {s.id: i for i, s in enumerate(problem.shipments)}
    unassigned.sort(key=lambda u: order[u.shipment_id])
    return Solution(
        tuple(routes),
        tuple(unassigned),
        summary,
        status,
        round(time.monotonic() - t0, 3),
        round(ttb, 3),
        tuple(messages),
    )
