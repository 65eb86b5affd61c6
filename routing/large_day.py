"""Large days with breaks or working-time limits: build without them, then van by van.

OR-Tools' insertion slows down most on what a Spoor2 day has and a benchmark does not
(measured, 600 shipments, 18 vans, 60 s): with lunch breaks it built no plan at all (106 of 600
placed when the limit ended); without breaks but with a maximum working time, 45 s; with
neither, 12 s. So a large day is planned in three steps:

1. construction on the relaxed model: no break intervals, each van a fixed part of its shift
   as long as its working time less its breaks (`_Model(relaxed=True)`);
2. each van's work re-planned alone on the exact model (breaks, free start, working time),
   together with the work the vans before it could not keep: a one-van model builds in a
   fraction of a second; what no longer fits is passed on;
3. the left-over work planned on the vans still unused, on the exact model.

Every route comes from an exact model, so the plan keeps every rule; its quality is below what
a whole-day search would find (work does not move between vans after step 1).
"""

from __future__ import annotations

import time

from routing.model import Problem, Shipment, SolveOptions, Vehicle
from routing.ortools_solver import RawResult, RawRoute, _Model

# Time kept back from the per-van re-plans for the left-over work (share of what remains).
LEFTOVER_SHARE = 0.2


def applies(problem: Problem, shipments: list[Shipment], options: SolveOptions) -> bool:
    """A fresh plan of a large day whose vans have breaks or a working-time limit."""
    return (
        len(shipments) >= options.large_day_from
        and problem.initial_routes is None
        and not problem.locks
        and any(v.breaks or v.max_working_time is not None for v in problem.vehicles)
    )


def solve_large_day(
    problem: Problem, shipments: list[Shipment], options: SolveOptions, t0: float
) -> RawResult:
    deadline = t0 + options.time_limit
    first = "PARALLEL_CHEAPEST_INSERTION" if options.first_solution == "auto" else (
        options.first_solution
    )  # fmt: skip
    vehicles = list(problem.vehicles)
    relaxed = _Model(problem, shipments, vehicles, options, fixed_costs=True, relaxed=True)
    built, _, first_at = relaxed.solve(
        max(0.05, deadline - time.monotonic()), first, "greedy", None, t0, first_only=True
    )
    if built is None or first_at is None:
        return RawResult(
            [], [s.id for s in shipments], "first_solution_only", 0.0,
            ["the time limit ended before the relaxed construction built a plan"],
        )  # fmt: skip
    drafts, left = relaxed.read(built)
    messages = [
        f"construction without breaks: {len(drafts)} vans, {len(left)} left out, "
        f"at {first_at:.1f} s"
    ]
    by_id = {s.id: s for s in shipments}
    by_van = {v.id: v for v in vehicles}
    routes: list[RawRoute] = []
    time_to_best = first_at
    drafts.sort(key=lambda r: -len(r.steps))
    for done, draft in enumerate(drafts):
        remaining = (deadline - time.monotonic()) * (1 - LEFTOVER_SHARE)
        budget = max(0.05, remaining / (len(drafts) - done))
        own = dict.fromkeys(st.shipment_id or "" for st in draft.steps)
        work = [by_id[sid] for sid in [*own, *left]]
        planned, left, found_at = _plan_group(
            problem, work, [by_van[draft.vehicle_id]], options, budget, first, t0
        )
        routes += planned
        time_to_best = max(time_to_best, found_at)
    messages.append(f"each van alone with its breaks: {len(left)} left over")
    spare = [v for v in vehicles if v.id not in {r.vehicle_id for r in routes}]
    if left and spare:
        budget = max(0.05, deadline - time.monotonic() - 0.05)
        planned, left, found_at = _plan_group(
            problem, [by_id[sid] for sid in left], spare, options, budget, first, t0
        )
        routes += planned
        time_to_best = max(time_to_best, found_at)
        messages.append(f"left-over work on {len(planned)} more vans: {len(left)} left out")
    order = {v.id: i for i, v in enumerate(vehicles)}
    routes.sort(key=lambda r: order[r.vehicle_id])
    return RawResult(routes, left, "optimised", time_to_best, messages)


def _plan_group(
    problem: Problem,
    work: list[Shipment],
    vans: list[Vehicle],
    options: SolveOptions,
    seconds: float,
    first: str,
    t0: float,
) -> tuple[list[RawRoute], list[str], float]:
    """Plan `work` on `vans` alone on the exact model: routes, shipments left out, time of best."""
    model = _Model(problem, work, vans, options, fixed_costs=len(vans) > 1)
    assignment, found_at, _ = model.solve(seconds, first, "gls", None, t0)
    if assignment is None:
        return [], [s.id for s in work], 0.0
    routes, dropped = model.read(assignment)
    return routes, dropped, found_at
