"""An independent feasibility checker: recomputes every time, load and distance from the matrices.

Written apart from the solver on purpose: it knows nothing of OR-Tools and trusts nothing the
solution reports. It returns every violation it finds (an empty list means feasible).

Timing rules it enforces (the same contract the solver documents):
- a van leaves its start at `start.departure`, inside its shift;
- driving to the next place and the setup there (paid only when the van comes from a different
  location) may be interrupted by a break; the service itself may not;
- service starts inside one of the stop's windows (any window when none is given), after the
  travel and the setup are done; the van may wait;
- `end.departure` is when the van's day ends: inside the shift, every break over by then, and
  `end.departure - start.departure` at most the van's maximum working time.
"""

from __future__ import annotations

from dataclasses import dataclass

from routing.model import Problem, Stop, TimeWindow, Vehicle
from routing.solution import REASONS, Solution, Step


@dataclass(frozen=True)
class Violation:
    """One broken rule, with enough context to find it."""

    code: str
    message: str
    vehicle_id: str | None = None
    shipment_id: str | None = None

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


def _in_windows(t: int, windows: tuple[TimeWindow, ...]) -> bool:
    return not windows or any(w.start <= t <= w.end for w in windows)


def _work_through_breaks(
    t: int, work: int, breaks: list[tuple[int, int]]
) -> tuple[int, list[tuple[int, int]]]:
    """Do `work` seconds from time t, pausing during the (sorted) breaks. Returns the finish time
    and the breaks not yet started when the work ended."""
    remaining = list(breaks)
    while remaining and work > 0:
        b_start, b_end = remaining[0]
        if b_start >= t + work:
            break
        work -= max(0, b_start - t)
        t = max(t, b_end)
        remaining.pop(0)
    return t + work, remaining


def check(problem: Problem, solution: Solution) -> list[Violation]:
    """Every violation of the problem's rules found in the solution (empty list = feasible)."""
    out: list[Violation] = []
    vehicles = {v.id: v for v in problem.vehicles}
    seen_vehicles: set[str] = set()
    visited: dict[tuple[str, str], str] = {}  # (shipment, kind) -> vehicle id

    def bad(code: str, msg: str, vid: str | None = None, sid: str | None = None) -> None:
        out.append(Violation(code, msg, vid, sid))

    totals = {"distance": 0, "duration": 0, "working_time": 0}
    for route in solution.routes:
        vid = route.vehicle_id
        if vid not in vehicles:
            bad("vehicle", f"Route for unknown vehicle {vid}.", vid)
            continue
        if vid in seen_vehicles:
            bad("vehicle", f"Vehicle {vid} has two routes.", vid)
        seen_vehicles.add(vid)
        _check_route(problem, vehicles[vid], route.steps, visited, bad)
        steps = route.steps
        if steps and steps[-1].kind == "end":
            if route.distance != steps[-1].distance:
                bad(
                    "distance",
                    f"{vid}: route distance {route.distance} differs from its "
                    f"steps' {steps[-1].distance}.",
                    vid,
                )
            wt = steps[-1].departure - steps[0].departure
            if route.working_time != wt:
                bad("time", f"{vid}: working time {route.working_time} should be {wt}.", vid)
            driving = sum(
                problem.durations[a.location][b.location]
                for a, b in zip(
                    [s for s in steps if s.location is not None],
                    [s for s in steps if s.location is not None][1:],
                    strict=False,
                )
                if a.location is not None and b.location is not None
            )
            if route.duration != driving:
                bad("time", f"{vid}: driving time {route.duration} should be {driving}.", vid)
            totals["distance"] += route.distance
            totals["duration"] += route.duration
            totals["working_time"] += route.working_time

    # Every shipment: both ends on the same van, pickup first (checked per route), or unassigned.
    unassigned_ids = [u.shipment_id for u in solution.unassigned]
    if len(set(unassigned_ids)) != len(unassigned_ids):
        bad("unassigned", "A shipment is listed twice as unassigned.")
    for u in solution.unassigned:
        if u.reason_code not in REASONS:
            bad(
                "unassigned",
                f"Unknown reason code {u.reason_code!r} for {u.shipment_id}.",
                sid=u.shipment_id,
            )
        if not u.reason:
            bad(
                "unassigned",
                f"Shipment {u.shipment_id} is unassigned without a reason.",
                sid=u.shipment_id,
            )
    for s in problem.shipments:
        p = visited.get((s.id, "pickup"))
        d = visited.get((s.id, "delivery"))
        if p is None and d is None:
            if s.id not in unassigned_ids:
                bad("missing", f"Shipment {s.id} is neither routed nor unassigned.", sid=s.id)
        elif p is None or d is None:
            bad(
                "pairing",
                f"Shipment {s.id} has only its {'pickup' if p else 'delivery'} routed.",
                p or d,
                s.id,
            )
        elif p != d:
            bad("pairing", f"Shipment {s.id} is picked up by {p} but delivered by {d}.", p, s.id)
        elif s.vehicle_ids and p not in s.vehicle_ids:
            bad(
                "vehicle",
                f"Shipment {s.id} is on {p} but allowed only on {', '.join(s.vehicle_ids)}.",
                p,
                s.id,
            )
        if (p or d) and s.id in unassigned_ids:
            bad("unassigned", f"Shipment {s.id} is both routed and unassigned.", sid=s.id)
    known = {s.id for s in problem.shipments}
    for sid in unassigned_ids:
        if sid not in known:
            bad("unassigned", f"Unknown shipment {sid} in unassigned.", sid=sid)

    # Locks: the locked steps are the head of the van's route, in order.
    for lock in problem.locks:
        locked_route = solution.route(lock.vehicle_id)
        tasks = (
            []
            if locked_route is None
            else [
                (st.shipment_id, st.kind)
                for st in locked_route.steps
                if st.kind in ("pickup", "delivery")
            ]
        )
        if tuple(tasks[: len(lock.steps)]) != lock.steps:
            bad(
                "lock",
                f"{lock.vehicle_id}: locked steps {list(lock.steps)} are not the head "
                f"of its route {tasks[: len(lock.steps) + 2]}.",
                lock.vehicle_id,
            )

    summary = solution.summary
    if summary.distance != totals["distance"] or summary.duration != totals["duration"]:
        bad("summary", "The summary's distance or driving time is not the routes' total.")
    if summary.routes != len(solution.routes) or summary.unassigned != len(solution.unassigned):
        bad("summary", "The summary's counts of routes or unassigned work are wrong.")
    return out


def _check_route(problem, vehicle: Vehicle, steps, visited, bad) -> None:
    vid = vehicle.id
    if len(steps) < 2 or steps[0].kind != "start" or steps[-1].kind != "end":
        bad(
            "shape",
            f"{vid}: a route must begin with a start step and finish with an end step.",
            vid,
        )
        return
    first, last = steps[0], steps[-1]
    if first.location != vehicle.start or last.location != vehicle.end:
        bad(
            "shape",
            f"{vid}: the route must start at {vehicle.start} and end at {vehicle.end}.",
            vid,
        )
    if not (first.arrival == first.service_start == first.departure):
        bad("time", f"{vid}: the start step's times must be equal.", vid)
    if first.departure < vehicle.shift.start:
        bad(
            "shift",
            f"{vid}: leaves at {first.departure}, before its shift starts ({vehicle.shift.start}).",
            vid,
        )
    if last.departure > vehicle.shift.end:
        bad(
            "shift",
            f"{vid}: finishes at {last.departure}, after its shift ends ({vehicle.shift.end}).",
            vid,
        )
    if last.departure < last.arrival:
        bad("time", f"{vid}: the end step finishes before it arrives.", vid)
    if vehicle.max_working_time is not None:
        work = last.departure - first.departure
        if work > vehicle.max_working_time:
            bad(
                "working_time",
                f"{vid}: works {work} s, more than its maximum {vehicle.max_working_time} s.",
                vid,
            )

    k = len(problem.units)
    load = [0] * k
    dist = 0
    if first.distance != 0 or tuple(first.load) != tuple(load):
        bad("load", f"{vid}: the start step must have zero distance and an empty van.", vid)
    breaks_by_id = {b.id: b for b in vehicle.breaks}
    taken: set[str] = set()
    prev = first  # last step with a location
    pending: list[Step] = []  # breaks since prev
    picked: set[str] = set()
    clock = first.departure  # time the previous event finished

    for step in steps[1:]:
        if step.kind == "start":
            bad("shape", f"{vid}: a second start step.", vid)
            continue
        if step.kind == "break":
            brk = breaks_by_id.get(step.break_id or "")
            if brk is None:
                bad("break", f"{vid}: a break {step.break_id!r} that the van does not have.", vid)
                continue
            if brk.id in taken:
                bad("break", f"{vid}: break {brk.id} is taken twice.", vid)
            taken.add(brk.id)
            if step.departure - step.service_start != brk.duration:
                bad(
                    "break",
                    f"{vid}: break {brk.id} lasts {step.departure - step.service_start}"
                    f" s instead of {brk.duration} s.",
                    vid,
                )
            if not _in_windows(step.service_start, brk.time_windows):
                bad(
                    "break",
                    f"{vid}: break {brk.id} starts at {step.service_start}, outside its windows.",
                    vid,
                )
            if step.service_start < clock:
                bad(
                    "break",
                    f"{vid}: break {brk.id} starts at {step.service_start}, before the "
                    f"previous task ended ({clock}).",
                    vid,
                )
            if step.arrival != step.service_start:
                bad("time", f"{vid}: a break's arrival must equal its start.", vid)
            if step.distance != dist:
                bad("distance", f"{vid}: a break does not change the distance.", vid)
            if tuple(step.load) != tuple(load):
                bad("load", f"{vid}: a break does not change the load.", vid)
            clock = step.departure
            pending.append(step)
            continue

        # A place: pickup, delivery or the end.
        if step.location is None:
            bad("shape", f"{vid}: a {step.kind} step without a location.", vid)
            continue
        stop: Stop | None = None
        if step.kind in ("pickup", "delivery"):
            sid = step.shipment_id or ""
            try:
                shipment = problem.shipment(sid)
            except KeyError:
                bad("shape", f"{vid}: unknown shipment {sid!r}.", vid)
                continue
            key = (sid, step.kind)
            if key in visited:
                bad("duplicate", f"The {step.kind} of {sid} is visited more than once.", vid, sid)
            visited[key] = vid
            stop = shipment.pickup if step.kind == "pickup" else shipment.delivery
            if step.location != stop.location:
                bad(
                    "location",
                    f"{vid}: the {step.kind} of {sid} is at {stop.location}, not {step.location}.",
                    vid,
                    sid,
                )
            amount = problem.amount(shipment)
            if step.kind == "pickup":
                picked.add(sid)
                load = [a + b for a, b in zip(load, amount, strict=True)]
            else:
                if sid not in picked:
                    bad(
                        "precedence", f"{vid}: {sid} is delivered before it is picked up.", vid, sid
                    )
                load = [a - b for a, b in zip(load, amount, strict=True)]
            for u, (have, cap) in enumerate(zip(load, vehicle.capacity, strict=True)):
                if have > cap:
                    bad(
                        "capacity",
                        f"{vid}: carries {have} {problem.units[u]} after the "
                        f"{step.kind} of {sid}, more than its {cap}.",
                        vid,
                        sid,
                    )
                if have < 0:
                    bad("capacity", f"{vid}: negative load of {problem.units[u]}.", vid, sid)
        elif step.kind != "end":
            bad("shape", f"{vid}: unknown step kind {step.kind!r}.", vid)
            continue
        if tuple(step.load) != tuple(load):
            bad(
                "load",
                f"{vid}: reported load {tuple(step.load)} after the {step.kind} of "
                f"{step.shipment_id} should be {tuple(load)}.",
                vid,
                step.shipment_id,
            )

        assert prev.location is not None
        travel = problem.durations[prev.location][step.location]
        dist += problem.distances[prev.location][step.location]
        if step.distance != dist:
            bad(
                "distance",
                f"{vid}: cumulative distance at the {step.kind} of "
                f"{step.shipment_id} is {step.distance}, should be {dist}.",
                vid,
            )
        setup = stop.setup if stop is not None and step.location != prev.location else 0
        service = stop.service if stop is not None else 0
        windows = [(b.service_start, b.departure) for b in pending]
        arrival, rest = _work_through_breaks(prev.departure, travel, windows)
        ready, _ = _work_through_breaks(arrival, setup, rest)
        if step.arrival != arrival:
            bad(
                "time",
                f"{vid}: arrival at the {step.kind} of {step.shipment_id} is "
                f"{step.arrival}, should be {arrival}.",
                vid,
                step.shipment_id,
            )
        if step.setup != setup:
            bad(
                "setup",
                f"{vid}: setup at the {step.kind} of {step.shipment_id} is "
                f"{step.setup} s, should be {setup} s.",
                vid,
                step.shipment_id,
            )
        if step.service_start < max(ready, clock):
            bad(
                "time",
                f"{vid}: the {step.kind} of {step.shipment_id} starts at "
                f"{step.service_start}, before the van can be ready ({max(ready, clock)}).",
                vid,
                step.shipment_id,
            )
        if stop is not None and not _in_windows(step.service_start, stop.time_windows):
            bad(
                "window",
                f"{vid}: the {step.kind} of {step.shipment_id} starts at "
                f"{step.service_start}, outside its windows "
                f"{[(w.start, w.end) for w in stop.time_windows]}.",
                vid,
                step.shipment_id,
            )
        if step.departure != step.service_start + service:
            bad(
                "time",
                f"{vid}: the {step.kind} of {step.shipment_id} should take {service} s.",
                vid,
                step.shipment_id,
            )
        clock = step.departure
        prev = step
        pending = []

    if pending:
        bad("shape", f"{vid}: a break after the end step.", vid)
    if load != [0] * k:
        bad("load", f"{vid}: the van ends the day with load {load}.", vid)
    if set(breaks_by_id) - taken:
        bad("break", f"{vid}: breaks {sorted(set(breaks_by_id) - taken)} are not taken.", vid)
