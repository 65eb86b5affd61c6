"""The only module that knows OR-Tools: builds a routing model, searches, reads routes back.

Its output is in the domain's words (vehicle ids, shipment ids, service start times, break
starts); no OR-Tools index leaves this module.

Modelling choices (see the package docstring for the timing contract):
- every stop with several time windows (a shop closed over lunch) becomes one node per window,
  of which at most one is visited (a disjunction of cardinality 1); pickups and deliveries are
  paired through `AddPickupAndDeliverySets`, and the same van serves both active copies;
- time transit i -> j is service(i) + travel(i, j) + setup(j) when the places differ; service
  times are also the break constraint's node visit transits, so no break falls inside a service;
- breaks are interval variables performed when the van is used, lying between its start and end;
- a maximum working time is a span upper bound plus a small span cost, without which insertion
  does not move the van's start and construction fails (measured);
- the first plan is built apart from the search (construction only, all the time left), by
  parallel and if need be local cheapest insertion, so a limit never passes a half-built plan
  off as a plan (`_construct`); large days are built on a relaxed model (routing.large_day);
- fewest vans first: a first phase with the vans' fixed costs, then optionally an attempt to
  empty the smallest route, then a second phase with exactly the vans used, no fixed cost,
  warm-started from the best plan, to spend the remaining time on km and hours.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from routing.model import Problem, Shipment, SolveOptions, TimeWindow, Vehicle

log = logging.getLogger(__name__)

COST_SCALE = 1000  # internal cost units per unit of currency (so cents are exact)
LARGE = 300  # shipments above which the solve runs in one phase


@dataclass
class PlannedStep:
    """A visited task or break as read back from the solver."""

    kind: str  # "pickup" | "delivery" | "break"
    shipment_id: str | None
    service_start: int
    break_id: str | None = None
    copy: int = 0  # which of the stop's time windows (model copies) was used


@dataclass
class RawRoute:
    vehicle_id: str
    start_time: int
    end_time: int
    steps: list[PlannedStep]


@dataclass
class RawResult:
    routes: list[RawRoute]
    dropped: list[str]
    status: str  # "optimised" | "first_solution_only" | "no_routes"
    time_to_best: float
    log: list[str] = field(default_factory=list)


@dataclass
class _Node:
    location: int
    service: int
    setup: int
    windows: tuple[TimeWindow, ...]  # enforced exactly (RemoveInterval for gaps)
    demand: tuple[int, ...]
    shipment_id: str | None = None
    kind: str | None = None  # "pickup" | "delivery"


def _windows_range(windows: tuple[TimeWindow, ...], horizon: int) -> tuple[int, int]:
    if not windows:
        return 0, horizon
    return windows[0].start, min(windows[-1].end, horizon)


class _Model:
    """One OR-Tools routing model over a subset of shipments and vehicles."""

    def __init__(
        self,
        problem: Problem,
        shipments: list[Shipment],
        vehicles: list[Vehicle],
        options: SolveOptions,
        fixed_costs: bool,
        keep_vehicle: dict[str, str] | None = None,
        relaxed: bool = False,
    ) -> None:
        self.problem = problem
        # Relaxed: no break intervals, and each van a fixed part of its shift, shortened by its
        # breaks (`_stagger_day`). Only for building a large day fast (routing.large_day).
        self.relaxed = relaxed
        self.vehicles = vehicles
        self.options = options
        if options.seed:
            # OR-Tools' routing search is deterministic (ReSeed changed nothing, measured): the
            # seed orders the model's nodes instead, which steers construction's ties and the
            # order neighbourhoods are explored in.
            shipments = random.Random(options.seed).sample(shipments, len(shipments))
        k = len(problem.units)
        zero = (0,) * k
        nodes: list[_Node] = []
        starts: list[int] = []
        ends: list[int] = []
        for v in vehicles:
            starts.append(len(nodes))
            nodes.append(_Node(v.start, 0, 0, (), zero))
            ends.append(len(nodes))
            nodes.append(_Node(v.end, 0, 0, (), zero))
        locked_steps = {
            (sid, kind): lock.vehicle_id for lock in problem.locks for sid, kind in lock.steps
        }
        self.locked_steps = locked_steps
        # copies[(shipment_id, kind)] = node numbers, one per window (one if locked or <= 1 window)
        self.copies: dict[tuple[str, str], list[int]] = {}
        for s in shipments:
            amount = problem.amount(s)
            for kind, stop, demand in (
                ("pickup", s.pickup, amount),
                ("delivery", s.delivery, tuple(-a for a in amount)),
            ):
                split = len(stop.time_windows) > 1 and (s.id, kind) not in locked_steps
                windows_each = [(w,) for w in stop.time_windows] if split else [stop.time_windows]
                ids = []
                for windows in windows_each:
                    ids.append(len(nodes))
                    nodes.append(
                        _Node(stop.location, stop.service, stop.setup, windows, demand, s.id, kind)
                    )
                self.copies[(s.id, kind)] = ids
        self.nodes = nodes
        # Lunch-closure copies or many tasks: insert among close neighbours only (measured fast).
        self.few_neighbours = (
            len(nodes) - 2 * len(vehicles) > 2 * len(shipments) or len(nodes) > 400
        )
        self.shipments = shipments
        self.manager = pywrapcp.RoutingIndexManager(len(nodes), len(vehicles), starts, ends)
        self.routing = pywrapcp.RoutingModel(self.manager)
        self._build(fixed_costs, keep_vehicle or {})

    # -- model, in the order of the OR-Tools samples ---------------------------------------
    def _build(self, fixed_costs: bool, keep_vehicle: dict[str, str]) -> None:
        problem, nodes, routing, manager = self.problem, self.nodes, self.routing, self.manager
        opts = self.options
        dur, dist = problem.durations, problem.distances
        n = len(nodes)
        horizon = max(
            [v.shift.end for v in self.vehicles] + [w.end for nd in nodes for w in nd.windows] + [1]
        )
        self.horizon = horizon

        # Transit callbacks: node-indexed matrices, evaluated in C++.
        time_matrix = [
            [
                0
                if i == j
                else a.service
                + dur[a.location][b.location]
                + (b.setup if a.location != b.location else 0)
                for j, b in enumerate(nodes)
            ]
            for i, a in enumerate(nodes)
        ]
        time_cb = routing.RegisterTransitMatrix(time_matrix)

        # Arc costs: km cost per vehicle class; a van with no cost at all pays per metre.
        cost_cbs: dict[float, int] = {}
        for v_idx, v in enumerate(self.vehicles):
            per_metre = (
                v.cost_per_km * opts.distance_weight * COST_SCALE / 1000.0
                if v.cost_per_km > 0 or v.cost_per_hour > 0
                else 1.0
            )
            if per_metre not in cost_cbs:
                cost_cbs[per_metre] = routing.RegisterTransitMatrix(
                    [
                        [round(per_metre * dist[a.location][b.location]) for b in nodes]
                        for a in nodes
                    ]
                )
            routing.SetArcCostEvaluatorOfVehicle(cost_cbs[per_metre], v_idx)
            if fixed_costs and v.fixed_cost:
                routing.SetFixedCostOfVehicle(
                    round(v.fixed_cost * opts.vehicle_cost_weight * COST_SCALE), v_idx
                )

        # Time dimension: cumul = service start; slack = waiting (and breaks).
        routing.AddDimension(
            time_cb,
            horizon,  # slack_max: waiting allowed anywhere
            horizon,  # capacity: the clock's range
            False,  # fix_start_cumul_to_zero: the van may leave later than shift start
            "time",
        )
        time_dim = routing.GetDimensionOrDie("time")
        self.time_dim = time_dim
        max_span_coef = 0
        for v_idx, v in enumerate(self.vehicles):
            time_dim.CumulVar(routing.Start(v_idx)).SetRange(v.shift.start, v.shift.end)
            time_dim.CumulVar(routing.End(v_idx)).SetRange(v.shift.start, v.shift.end)
            coef = round(v.cost_per_hour * opts.time_weight * COST_SCALE / 3600.0)
            span_bound = v.max_working_time
            if self.relaxed:
                self._stagger_day(v_idx, v)
                span_bound = None
            if span_bound is not None:
                time_dim.SetSpanUpperBoundForVehicle(span_bound, v_idx)
                coef = max(coef, 1)  # small span cost: lets insertion move the start (trap)
            if coef:
                time_dim.SetSpanCostCoefficientForVehicle(coef, v_idx)
            max_span_coef = max(max_span_coef, coef)
            # Compact schedules: leave as late and come back as early as possible.
            routing.AddVariableMaximizedByFinalizer(time_dim.CumulVar(routing.Start(v_idx)))
            routing.AddVariableMinimizedByFinalizer(time_dim.CumulVar(routing.End(v_idx)))

        # Capacity: one dimension per unit; the vector covers every node, copies included.
        for u, unit in enumerate(problem.units):
            demand_cb = routing.RegisterUnaryTransitVector([nd.demand[u] for nd in nodes])
            routing.AddDimensionWithVehicleCapacity(
                demand_cb,
                0,  # slack_max: no slack on loads
                [v.capacity[u] for v in self.vehicles],
                True,  # fix_start_cumul_to_zero: vans leave empty
                f"load:{unit}",
            )

        # Time windows of tasks; gaps of several windows on one node are removed.
        for node_id in range(2 * len(self.vehicles), n):
            nd = nodes[node_id]
            idx = manager.NodeToIndex(node_id)
            lo, hi = _windows_range(nd.windows, horizon)
            var = time_dim.CumulVar(idx)
            var.SetRange(lo, hi)
            for a, b in zip(nd.windows, nd.windows[1:], strict=False):
                var.RemoveInterval(a.end + 1, b.start - 1)

        # Pickup-and-delivery pairs and disjunctions (work that cannot fit becomes unassigned).
        solver = routing.solver()
        max_arc = max((max(row) for row in dist), default=0) * max(1.0, max(cost_cbs))
        max_fixed = max(
            [round(v.fixed_cost * opts.vehicle_cost_weight * COST_SCALE) for v in self.vehicles]
            + [0]
        )
        base_penalty = int(10 * (max_fixed + 4 * max_arc + max_span_coef * horizon) + 1_000_000)
        self.vehicle_index = {v.id: i for i, v in enumerate(self.vehicles)}
        for s in self.shipments:
            p_idx = [manager.NodeToIndex(i) for i in self.copies[(s.id, "pickup")]]
            d_idx = [manager.NodeToIndex(i) for i in self.copies[(s.id, "delivery")]]
            mandatory = (s.id, "pickup") in self.locked_steps
            penalty = base_penalty * (1 + s.priority)
            if mandatory:
                disj_p = routing.AddDisjunction(p_idx)  # exactly one copy
                disj_d = routing.AddDisjunction(d_idx)
            else:
                disj_p = routing.AddDisjunction(p_idx, penalty, 1)  # at most one copy
                disj_d = routing.AddDisjunction(d_idx, penalty, 1)
            if len(p_idx) == 1 and len(d_idx) == 1:
                routing.AddPickupAndDelivery(p_idx[0], d_idx[0])
                solver.Add(routing.ActiveVar(p_idx[0]) == routing.ActiveVar(d_idx[0]))
                solver.Add(routing.VehicleVar(p_idx[0]) == routing.VehicleVar(d_idx[0]))
                solver.Add(time_dim.CumulVar(p_idx[0]) <= time_dim.CumulVar(d_idx[0]))
            else:
                routing.AddPickupAndDeliverySets(disj_p, disj_d)
                # VehicleVar is -1 on an inactive copy: equal sums of (vehicle + 1) means the
                # same number of active copies on both sides, and on the same van.
                solver.Add(
                    solver.Sum([routing.VehicleVar(i) + 1 for i in p_idx])
                    == solver.Sum([routing.VehicleVar(i) + 1 for i in d_idx])
                )
            owner = self.locked_steps.get((s.id, "pickup")) or keep_vehicle.get(s.id)
            if owner is not None and owner in self.vehicle_index:
                for i in p_idx + d_idx:  # this van, or not visited (-1)
                    routing.VehicleVar(i).SetValues([-1, self.vehicle_index[owner]])
            elif s.vehicle_ids:  # only the vans the dispatcher allowed, or not visited (-1)
                allowed = [self.vehicle_index[v] for v in s.vehicle_ids if v in self.vehicle_index]
                for i in p_idx + d_idx:
                    routing.VehicleVar(i).SetValues([-1, *allowed])

        # Locks: the locked steps are the head of the van's route, in order.
        for lock in problem.locks:
            if lock.vehicle_id not in self.vehicle_index:
                continue
            v_idx = self.vehicle_index[lock.vehicle_id]
            prev = routing.Start(v_idx)
            for step in lock.steps:
                node_idx = manager.NodeToIndex(self.copies[step][0])
                routing.NextVar(prev).SetValue(node_idx)
                prev = node_idx

        # Breaks: performed when the van is used, inside its route, never inside a service.
        visit_transit = [nodes[manager.IndexToNode(i)].service for i in range(routing.Size())]
        self.break_vars: list[tuple[str, str, object]] = []
        for v_idx, v in enumerate([] if self.relaxed else self.vehicles):
            intervals = []
            for brk in v.breaks:
                lo = brk.time_windows[0].start
                hi = brk.time_windows[-1].end
                iv = solver.FixedDurationIntervalVar(lo, hi, brk.duration, True, f"{v.id}|{brk.id}")
                start_var = iv.SafeStartExpr(-1).Var()
                for a, c in zip(brk.time_windows, brk.time_windows[1:], strict=False):
                    start_var.RemoveInterval(a.end + 1, c.start - 1)
                solver.Add(iv.PerformedExpr() == routing.ActiveVehicleVar(v_idx))
                solver.Add(iv.SafeStartExpr(hi) >= time_dim.CumulVar(routing.Start(v_idx)))
                solver.Add(iv.SafeEndExpr(0) <= time_dim.CumulVar(routing.End(v_idx)))
                intervals.append(iv)
                self.break_vars.append((v.id, brk.id, iv))
            if intervals:
                time_dim.SetBreakIntervalsOfVehicle(intervals, v_idx, visit_transit)

    def _stagger_day(self, v_idx: int, v: Vehicle) -> None:
        """Relaxed model: a fixed part of the shift per van instead of a free start.

        A span upper bound together with a span cost makes OR-Tools check every insertion
        with its cumul optimiser (measured, 600 shipments: first plan 45 s with the bound,
        12 s without). So each van gets a day of its maximum working time less its breaks,
        starting at a time spread over the shift: the fleet covers early and late work, and
        any plan built so keeps the real limit.
        """
        routing, time_dim = self.routing, self.time_dim
        shift = v.shift.end - v.shift.start
        work = min(v.max_working_time or shift, shift) - sum(b.duration for b in v.breaks)
        spare = max(0, shift - work)
        begin = v.shift.start + spare * v_idx // max(1, len(self.vehicles) - 1)
        time_dim.CumulVar(routing.Start(v_idx)).SetRange(begin, v.shift.end)
        time_dim.CumulVar(routing.End(v_idx)).SetRange(begin, begin + max(0, work))

    # -- search --------------------------------------------------------------------------
    def parameters(self, seconds: float, first: str, meta: str, first_only: bool = False):
        params = pywrapcp.DefaultRoutingSearchParameters()
        if first_only:
            params.solution_limit = 1  # stop once construction has built a plan
        params.first_solution_strategy = getattr(routing_enums_pb2.FirstSolutionStrategy, first)
        if self.few_neighbours:
            gci = params.global_cheapest_insertion_first_solution_parameters
            gci.neighbors_ratio = 0.1  # consider only close neighbours: fast construction
            gci.min_neighbors = 10
        metas = {
            "gls": "GUIDED_LOCAL_SEARCH",
            "ils": "GREEDY_DESCENT",
            "greedy": "GREEDY_DESCENT",
            "sa": "SIMULATED_ANNEALING",
            "tabu": "TABU_SEARCH",
        }
        params.local_search_metaheuristic = getattr(
            routing_enums_pb2.LocalSearchMetaheuristic, metas[meta]
        )
        if meta == "ils":
            ils = params.iterated_local_search_parameters
            ils.perturbation_strategy = 1  # RUIN_AND_RECREATE
            rr = ils.ruin_recreate_parameters
            rr.ClearField("ruin_strategies")
            ruin = rr.ruin_strategies.add()
            tasks = len(self.nodes) - 2 * len(self.vehicles)
            ruin.random_walk.num_removed_visits = max(1, min(10, tasks // 4))  # ~10 visits
            rr.recreate_strategy.heuristic = (
                routing_enums_pb2.FirstSolutionStrategy.LOCAL_CHEAPEST_INSERTION
            )
            sa = ils.reference_solution_acceptance_strategy.simulated_annealing
            sa.cooling_schedule_strategy = 1  # EXPONENTIAL
            sa.automatic_temperatures = True
        params.time_limit.FromMilliseconds(max(1, int(seconds * 1000)))
        params.log_search = self.options.log_search
        return params

    def indices_of(self, plan: dict[str, list[tuple[str, str]]]) -> list[list[int]]:
        """Routes as OR-Tools indices (first copy of each stop; unknown steps skipped)."""
        routes = []
        for v in self.vehicles:
            route = []
            for step in plan.get(v.id, []):
                ids = self.copies.get((step[0], step[1]))
                if ids:
                    route.append(self.manager.NodeToIndex(ids[self._copy_choice.get(step, 0)]))
            routes.append(route)
        return routes

    _copy_choice: dict[tuple[str, str], int] = {}  # noqa: RUF012
    _given_choice: dict[tuple[str, str], int] = {}  # noqa: RUF012

    def read_routes(self, plan: dict[str, list[tuple[str, str]]], choice: dict | None = None):
        """An assignment from a plan, repaired (shipments dropped) until the model accepts it.

        A plan of several vans is repaired van by van, each on a model of that van and its own
        work: every try to read a whole day costs as much as all its vans together.
        """
        plan = {
            vid: [st for st in steps if st in self.copies]
            for vid, steps in plan.items()
            if vid in self.vehicle_index
        }
        self._given_choice = dict(choice or {})
        if self._feasible(plan):
            return self.routing.ReadAssignmentFromRoutes(self.indices_of(plan), True), plan
        kept: dict[str, list[tuple[str, str]]] = {}
        if len(self.vehicles) > 1:
            kept_choice: dict[tuple[str, str], int] = {}
            for vid, steps in plan.items():
                van = self.vehicles[self.vehicle_index[vid]]
                on_van = {sid for sid, _ in steps}
                alone = _Model(
                    self.problem,
                    [s for s in self.shipments if s.id in on_van],
                    [van],
                    self.options,
                    fixed_costs=False,
                    relaxed=self.relaxed,
                )
                _, van_plan = alone.read_routes({vid: steps}, choice)
                kept[vid] = van_plan.get(vid, [])
                kept_choice.update(alone._copy_choice)
            self._copy_choice = kept_choice
        elif plan:
            ((vid, steps),) = plan.items()
            kept[vid] = self._longest_feasible(vid, steps)
        return self.routing.ReadAssignmentFromRoutes(self.indices_of(kept), True), kept

    def _longest_feasible(self, vid: str, steps: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The van's steps in their order, its shipments added one by one while they fit."""
        head = next((list(lock.steps) for lock in self.problem.locks if lock.vehicle_id == vid), [])
        locked = {sid for sid, _ in head}
        current = [st for st in steps if st in head or st[0] in locked]
        fits = self._feasible({vid: current})
        good = dict(self._copy_choice)
        for sid in [s for s, kind in steps if kind == "pickup" and s not in locked]:
            trial = [st for st in steps if st in current or st[0] == sid]
            if self._feasible({vid: trial}):
                current, fits, good = trial, True, dict(self._copy_choice)
        self._copy_choice = good if fits else {}
        return current

    def _feasible(self, plan) -> bool:
        """Does the model accept the plan with one of the copy choices tried? (kept if so)"""
        for choice in self._copy_variants(plan):
            self._copy_choice = choice
            if self.routing.ReadAssignmentFromRoutes(self.indices_of(plan), True) is not None:
                return True
        self._copy_choice = {}
        return False

    def _copy_variants(self, plan):
        """Copy choices to try: the plan's own, the first copy everywhere, then the last."""
        yield self._given_choice
        yield {}
        split = [st for steps in plan.values() for st in steps if len(self.copies.get(st, ())) > 1]
        if split:
            yield {st: len(self.copies[st]) - 1 for st in split}

    def solve(
        self,
        seconds: float,
        first: str,
        meta: str,
        warm: dict | None,
        t0: float,
        choice: dict | None = None,
        first_only: bool = False,
        start=None,
    ):
        """Search for `seconds`; returns (assignment, time_to_best, time of first solution)."""
        routing = self.routing
        params = self.parameters(seconds, first, meta, first_only)
        marks: list[float] = []
        best = [None]

        def on_solution() -> None:
            cost_var = routing.CostVar()
            if not cost_var.Bound():  # ILS reports candidate solutions not yet costed
                return
            cost = cost_var.Value()
            if best[0] is None or cost < best[0]:
                best[0] = cost
                marks.append(time.monotonic() - t0)

        routing.AddAtSolutionCallback(on_solution)
        assignment = None
        if start is None and warm:
            if any(not warm.get(v.id) for v in self.vehicles):
                # A plan leaving a van with breaks unused was read for ever when the model was
                # closed by the read itself (a one-order re-plan, OR-Tools 9.15); closed with
                # the search's parameters it is read at once. With every van in the plan that
                # made reads slow (9 s on the demo day), so only then.
                routing.CloseModelWithParameters(params)
            start, _ = self.read_routes(warm, choice)
        if start is not None:
            assignment = routing.SolveFromAssignmentWithParameters(start, params)
        if assignment is None:
            if meta == "ils" and not any(lock.steps for lock in self.problem.locks):
                assignment = routing.SolveWithIteratedLocalSearch(params)
            else:
                assignment = routing.SolveWithParameters(params)
        self.first_solution_at = marks[0] if marks else None
        return assignment, (marks[-1] if marks else 0.0), (marks[0] if marks else None)

    def read(self, assignment) -> tuple[list[RawRoute], list[str]]:
        routing, manager, nodes = self.routing, self.manager, self.nodes
        breaks: dict[str, list[tuple[int, str]]] = {}
        container = assignment.IntervalVarContainer()
        for i in range(container.Size()):
            el = container.Element(i)
            if el.PerformedValue() != 1:
                continue
            vid, bid = el.Var().Name().split("|", 1)
            breaks.setdefault(vid, []).append((el.StartValue(), bid))
        routes: list[RawRoute] = []
        served: set[str] = set()
        for v_idx, v in enumerate(self.vehicles):
            index = routing.Start(v_idx)
            if routing.IsEnd(assignment.Value(routing.NextVar(index))):
                continue
            start_time = assignment.Value(self.time_dim.CumulVar(index))
            steps: list[PlannedStep] = []
            index = assignment.Value(routing.NextVar(index))
            while not routing.IsEnd(index):
                node_id = manager.IndexToNode(index)
                nd = nodes[node_id]
                t = assignment.Value(self.time_dim.CumulVar(index))
                copy = self.copies[(nd.shipment_id or "", nd.kind or "")].index(node_id)
                steps.append(PlannedStep(nd.kind or "", nd.shipment_id, t, copy=copy))
                served.add(nd.shipment_id or "")
                index = assignment.Value(routing.NextVar(index))
            end_time = assignment.Value(self.time_dim.CumulVar(index))
            for b_start, bid in breaks.get(v.id, []):
                steps.append(PlannedStep("break", None, b_start, bid))
            # A break goes after every task starting no later than it (a task of no service may
            # start at the very second the break starts), before the tasks starting after it.
            steps.sort(key=lambda st: (st.service_start, 1 if st.kind == "break" else 0))
            routes.append(RawRoute(v.id, start_time, end_time, steps))
        dropped = [s.id for s in self.shipments if s.id not in served]
        return routes, dropped


def _choice_of(routes: list[RawRoute]) -> dict[tuple[str, str], int]:
    return {
        (st.shipment_id or "", st.kind): st.copy
        for r in routes
        for st in r.steps
        if st.kind != "break"
    }


def _plan_of(routes: list[RawRoute]) -> dict[str, list[tuple[str, str]]]:
    return {
        r.vehicle_id: [(st.shipment_id or "", st.kind) for st in r.steps if st.kind != "break"]
        for r in routes
    }


# First-solution strategies tried, in order, when the options leave it to the solver, until one
# serves everything. Parallel cheapest insertion suits pickup-and-delivery (Li & Lim); on the
# real demo day it left 2 of 102 orders out for good where local cheapest insertion served them
# all. A later strategy gets no more time than the first took: on the synthetic 140-shipment
# day local cheapest insertion took 9.7 s where parallel took 2 s (measured).
CONSTRUCTIONS = ("PARALLEL_CHEAPEST_INSERTION", "LOCAL_CHEAPEST_INSERTION")


@dataclass
class _Built:
    """A first plan: routes, what it left out, its objective, and how it was built."""

    strategy: str
    model: _Model  # the model it was built on, to search on from `assignment`
    assignment: object
    routes: list[RawRoute]
    dropped: list[str]
    objective: int
    at: float  # seconds since the solve started
    seconds: float  # how long construction took
    finished: bool  # False when the time limit cut construction short


def _construct(
    make_model: Callable[[], _Model], strategies, deadline: float, t0: float
) -> _Built | None:
    """Build a first plan with each strategy (construction only) until one serves everything.

    Construction runs apart from the search, with all the time left, so a plan is never cut
    short by a phase's share of the limit; one the deadline did cut is marked unfinished.
    Each strategy gets a model of its own: OR-Tools 9.15 solving one model a second time
    returned an empty plan (measured).
    """
    best: _Built | None = None
    for strategy in strategies:
        left = deadline - time.monotonic()
        if left <= 0.05 and best is not None:
            break
        until = deadline
        if best is not None:  # a later strategy gets no more time than the best one took
            until = min(deadline, time.monotonic() + max(0.3, best.seconds))
        started = time.monotonic()
        model = make_model()
        assignment, _, _ = model.solve(
            max(0.05, until - started), strategy, "greedy", None, t0, first_only=True
        )
        if assignment is None:
            continue
        finished = time.monotonic() < until - 0.01
        routes, dropped = model.read(assignment)
        built = _Built(
            strategy, model, model.routing.solver().Assignment(assignment), routes, dropped,
            assignment.ObjectiveValue(),
            time.monotonic() - t0, time.monotonic() - started, finished,
        )  # fmt: skip
        key = (not built.finished, len(built.dropped), built.objective)
        if best is None or key < (not best.finished, len(best.dropped), best.objective):
            best = built
        if best.finished and not best.dropped:
            break
    return best


def solve_ortools(
    problem: Problem, shipments: list[Shipment], options: SolveOptions, t0: float
) -> RawResult:
    """Plan `shipments` (already diagnosed as plannable) with OR-Tools within the time limit."""
    deadline = t0 + options.time_limit
    vehicles = list(problem.vehicles)
    first = options.first_solution
    if first == "auto":
        # Parallel cheapest insertion (OR-Tools' global cheapest insertion) suits
        # pickup-and-delivery; with split stops or many tasks it looks at close neighbours only.
        first = "PARALLEL_CHEAPEST_INSERTION"
    keep: dict[str, str] = {}
    warm: dict[str, list[tuple[str, str]]] | None = None
    if problem.initial_routes is not None:
        warm = {vid: list(steps) for vid, steps in problem.initial_routes.items()}
        if options.keep_initial_vehicles:
            keep = {sid: vid for vid, steps in warm.items() for sid, _ in steps}
    if problem.locks:
        # The locked heads start every route, so construction begins from a plan that has them.
        warm = dict(warm or {})
        for lock in problem.locks:
            rest = [st for st in warm.get(lock.vehicle_id, []) if st not in lock.steps]
            warm[lock.vehicle_id] = list(lock.steps) + rest
        for lock in problem.locks:  # a locked shipment appears on its own van only
            for other in warm:
                if other != lock.vehicle_id:
                    warm[other] = [
                        st
                        for st in warm[other]
                        if st not in lock.steps and (st[0], "pickup") not in lock.steps
                    ]

    messages: list[str] = []
    if options.warm_start == "pyvrp" and warm is None:
        from routing.pyvrp_warmstart import pyvrp_plan

        seconds = options.time_limit * options.warm_start_share
        plan = pyvrp_plan(problem, shipments, seconds, options.seed)
        if plan is not None:
            warm = plan
            messages.append(
                f"warm start: PyVRP plan with {len(plan)} vans after {time.monotonic() - t0:.1f} s"
            )
    meta = options.metaheuristic
    if meta == "auto":
        # ILS (ruin-and-recreate) was far better on the Li & Lim instances (measured); it cannot
        # start from given routes, and OR-Tools 9.15's ILS ran past its time limit without end on
        # a one-shipment problem (found by the property test), so small problems use GLS.
        meta = "gls" if problem.locks or warm or len(shipments) < 4 else "ils"
        if len(shipments) > LARGE or any(v.breaks for v in vehicles):
            # With breaks OR-Tools' local search is slow (the demo day: ~470 000 neighbours a
            # second, 1 in 2 000 passing the filters) and ILS, which rebuilds from scratch,
            # ended below guided local search from the built plan in every demo-day run.
            meta = "gls"
    has_fixed = any(v.fixed_cost for v in vehicles) and options.vehicle_cost_weight > 0
    # A large day spends most of its time constructing: one phase, guided local search, so that
    # the first plan is not cut short by a phase's share of the limit (measured: 600 shipments,
    # 60 s, two phases -> no plan at all).
    two_phase = options.two_phase and has_fixed and len(vehicles) > 1 and len(shipments) <= LARGE

    # Phase 1: all vans, with their fixed costs.
    def full_model() -> _Model:
        return _Model(problem, shipments, vehicles, options, fixed_costs=True, keep_vehicle=keep)

    built: _Built | None = None
    if warm is None:
        names = CONSTRUCTIONS if options.first_solution == "auto" else (first,)
        built = _construct(full_model, names, deadline, t0)
        if built is None or not built.finished:
            # The trap: a limit that ends construction returns a plan with the rest dropped.
            messages.append("the time limit ended before a first complete plan was built")
            routes, dropped = [], [s.id for s in shipments]
            if built is not None:
                routes, dropped = built.routes, built.dropped
            return RawResult(routes, dropped, "first_solution_only", 0.0, messages)
        first = built.strategy
        messages.append(
            f"construction: {first} at {built.at:.2f} s, {len(built.routes)} vans, "
            f"{len(built.dropped)} dropped (of {', '.join(names)})"
        )
    # ILS builds its own first plan; the Li & Lim figures were measured with it building by
    # parallel cheapest insertion (local cheapest left a shipment out on lrc206 with 3 vans).
    ils_first = "PARALLEL_CHEAPEST_INSERTION" if options.first_solution == "auto" else first
    share = 0.25 if two_phase else 1.0
    budget = max(0.05, (deadline - time.monotonic()) * share)
    if built is not None and meta == "ils" and 3 * built.seconds > budget:
        # ILS cannot start from a plan: it builds its own again, and on a 140-shipment day whose
        # construction took 2 s it found no plan in 4.5 s (measured). Such a day is searched by
        # guided local search from the plan built above, in every phase.
        meta = "gls"
    phase_end = time.monotonic() - t0 + budget
    phase_start = time.monotonic() - t0
    # Search on from the construction on its own model: reading its plan into a new model
    # never ended for a one-order day with a van left unused (OR-Tools 9.15, measured).
    model = built.model if built is not None and meta != "ils" else full_model()
    start = built.assignment if built is not None and meta != "ils" else None
    assignment, ttb, first_at = model.solve(
        budget, ils_first if meta == "ils" else first, meta, warm, t0, start=start
    )
    if assignment is None and built is None:
        # Every shipment is optional unless locked: without locks, no plan means no time.
        if problem.locks:
            return RawResult(
                [],
                [s.id for s in shipments],
                "no_routes",
                0.0,
                ["the solver found no plan that keeps the locks"],
            )
        return RawResult(
            [],
            [s.id for s in shipments],
            "first_solution_only",
            0.0,
            ["the time limit ended before any plan was built"],
        )
    if assignment is not None:
        routes, dropped = model.read(assignment)
        found = assignment.ObjectiveValue()
    if built is not None and (
        assignment is None or (len(dropped), found) > (len(built.dropped), built.objective)
    ):  # the search did worse than its own start (ILS cut short): keep the construction
        routes, dropped, found, ttb = built.routes, built.dropped, built.objective, built.at
    fixed_used = sum(
        round(v.fixed_cost * options.vehicle_cost_weight * COST_SCALE)
        for v in vehicles
        if v.id in {r.vehicle_id for r in routes}
    )
    objective = found - fixed_used  # comparable without fixed costs
    # A re-plan whose start could not be read builds afresh: a first plan only in the last
    # fifth of the phase, with work dropped, is taken as cut short by the limit.
    cut_short = (
        built is None
        and bool(dropped)
        and (first_at is None or first_at >= phase_start + 0.8 * (phase_end - phase_start))
    )
    status = "first_solution_only" if cut_short else "optimised"
    first_txt = "none" if first_at is None else f"{first_at:.2f} s"
    messages.append(
        f"phase 1 ({first}, {meta}): first plan at {first_txt}, {len(routes)} vans, "
        f"{len(dropped)} dropped, objective {found}"
    )
    if not two_phase or status != "optimised":
        return RawResult(routes, dropped, status, ttb, messages)

    # Fleet: try to serve the same work with one van fewer, emptying the smallest route.
    locked_vans = {lock.vehicle_id for lock in problem.locks}
    while (
        options.minimise_fleet
        and not dropped
        and len(routes) > 1
        and time.monotonic() < deadline - 1.0
    ):  # with work dropped, fewer vans cannot do
        removable = [r for r in routes if r.vehicle_id not in locked_vans]
        if not removable:
            break
        smallest = min(removable, key=lambda r: len(r.steps))
        used = [v for v in vehicles if v.id in {r.vehicle_id for r in routes}]
        fewer = [v for v in used if v.id != smallest.vehicle_id]
        trial = _Model(problem, shipments, fewer, options, fixed_costs=False, keep_vehicle=keep)
        # A day slow to search (see above) gets a quarter of the time for it, not 60 %: on the
        # demo day one van fewer left 13 orders out and cost the plan 2 % at 10 s (measured).
        budget = max(0.05, (deadline - time.monotonic()) * (0.6 if meta == "ils" else 0.25))
        plan = {vid: steps for vid, steps in _plan_of(routes).items() if vid != smallest.vehicle_id}
        if meta == "ils" and not problem.locks and warm is None:
            # Ruin-and-recreate from scratch with one van fewer inserted all the work more
            # often than guided local search started from the emptied route (measured, lr104).
            a2, ttb2, _ = trial.solve(budget, ils_first, "ils", None, t0)
        else:
            a2, ttb2, _ = trial.solve(budget, first, "gls", plan, t0, _choice_of(routes))
        if a2 is None:
            break
        r2, d2 = trial.read(a2)
        if len(d2) <= len(dropped):
            messages.append(f"fleet: {len(r2)} vans serve the work of {len(routes)}")
            routes, dropped, ttb = r2, d2, ttb2
            objective = a2.ObjectiveValue()
        else:
            messages.append(
                f"fleet: {len(routes) - 1} vans leave {len(d2)} dropped; kept {len(routes)}"
            )
            break

    # Phase 2: exactly the vans used, no fixed cost; km and hours only. Iterated local search
    # (ruin-and-recreate) from scratch on half the time, then guided local search warm-started
    # from the better plan (ILS cannot start from a plan; GLS can).
    used = [v for v in vehicles if v.id in {r.vehicle_id for r in routes}]
    best_plan = _plan_of(routes)
    best_cost = objective
    remaining = deadline - time.monotonic()
    if meta == "ils" and len(used) > 0 and remaining > 1.0 and not problem.locks and warm is None:
        cold = _Model(problem, shipments, used, options, fixed_costs=False, keep_vehicle=keep)
        a_ils, ttb_ils, _ = cold.solve(remaining * 0.5, ils_first, "ils", None, t0)
        if a_ils is not None:
            r_ils, d_ils = cold.read(a_ils)
            current_cost = objective
            messages.append(
                f"phase 2 ILS: {len(r_ils)} vans, {len(d_ils)} dropped, objective "
                f"{a_ils.ObjectiveValue()} against {current_cost}"
            )
            if len(d_ils) <= len(dropped) and a_ils.ObjectiveValue() < current_cost:
                routes, dropped, ttb = r_ils, d_ils, ttb_ils
                best_plan = _plan_of(routes)
                best_cost = a_ils.ObjectiveValue()
    remaining = deadline - time.monotonic()
    if remaining > 0.2:
        final = _Model(problem, shipments, used, options, fixed_costs=False, keep_vehicle=keep)
        meta2 = "greedy" if meta == "greedy" else "gls"
        a3, ttb3, _ = final.solve(remaining - 0.1, first, meta2, best_plan, t0, _choice_of(routes))
        if a3 is not None:
            r3, d3 = final.read(a3)
            if len(d3) <= len(dropped) and a3.ObjectiveValue() <= best_cost:
                if a3.ObjectiveValue() < best_cost:
                    ttb = ttb3
                routes, dropped = r3, d3
                messages.append(f"phase 2 GLS: {len(r3)} vans, objective {a3.ObjectiveValue()}")
    return RawResult(routes, dropped, status, ttb, messages)
