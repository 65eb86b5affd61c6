"""Each constraint of the routing core, pinned on a small named problem and verified by `check`."""

from __future__ import annotations

import dataclasses
import multiprocessing
import time

import pytest
from routing_factories import DAY, LUNCH, H, grid_matrices, shop_order, van

from routing import (
    Lock,
    Problem,
    Shipment,
    SolveOptions,
    Stop,
    TimeWindow,
    Vehicle,
    check,
    opening_windows,
    slot_window,
    solve,
)

FAST = SolveOptions(time_limit=1.0, seed=0)


def steps_of(solution, kind):
    return [s for r in solution.routes for s in r.steps if s.kind == kind]


def test_small_day_is_fully_planned_and_passes_the_checker(two_shops_three_homes_one_van):
    problem = two_shops_three_homes_one_van
    solution = solve(problem, FAST)
    assert check(problem, solution) == []
    assert solution.unassigned == ()
    assert solution.summary.routes == 1
    assert solution.status == "optimised"


def test_delivery_is_finished_inside_the_customers_slot(two_shops_three_homes_one_van):
    solution = solve(two_shops_three_homes_one_van, FAST)
    slots = {"o1": (14 * H, 16 * H), "o2": (13 * H, 15 * H), "o3": (15 * H, 17 * H)}
    for step in steps_of(solution, "delivery"):
        start, end = slots[step.shipment_id]
        assert start <= step.service_start and step.departure <= end


def test_break_is_taken_inside_its_window_and_inside_the_route(two_shops_three_homes_one_van):
    problem = dataclasses.replace(two_shops_three_homes_one_van,
                                  vehicles=(van(breaks=(LUNCH,)),))
    solution = solve(problem, FAST)
    assert check(problem, solution) == []
    (route,) = solution.routes
    (brk,) = [s for s in route.steps if s.kind == "break"]
    assert 11 * H + 1800 <= brk.service_start <= 13 * H + 1800
    assert brk.departure - brk.service_start == 30 * 60
    assert route.steps[0].departure <= brk.service_start
    assert brk.departure <= route.steps[-1].departure
    for step in route.steps:  # never inside a service
        if step.kind in ("pickup", "delivery"):
            assert step.departure <= brk.service_start or brk.departure <= step.service_start


def test_shop_closed_over_lunch_is_not_visited_during_lunch():
    """The slot right after lunch tempts a pickup at 12:30; the shop is closed 12:00-13:00."""
    dur, dist = grid_matrices([(0, 0), (3000, 0), (3000, 3000)])
    windows = opening_windows(9 * H, 18 * H, service=30, closed=[(12 * H, 13 * H)])
    orders = tuple(
        shop_order(f"o{i}", 1, 2, (12 * H + 1200 + 60 * i, 13 * H + 900), shop_windows=windows)
        for i in range(3)
    )
    problem = Problem(dur, dist, orders, (van(),))
    solution = solve(problem, FAST)
    assert check(problem, solution) == []
    assert solution.unassigned == ()
    for step in steps_of(solution, "pickup"):
        assert not (12 * H - 30 < step.service_start < 13 * H)


def test_capacity_is_respected_in_each_unit():
    """Light in litres, heavy in grams: the 1000 kg van must unload between the two pianos."""
    dur, dist = grid_matrices([(0, 0), (1000, 0), (2000, 0), (3000, 0), (4000, 0)])
    pianos = (
        Shipment("piano1", Stop(1, 300), Stop(2, 300), (500, 700_000)),
        Shipment("piano2", Stop(3, 300), Stop(4, 300), (500, 700_000)),
    )
    problem = Problem(dur, dist, pianos, (van(capacity=(12_000, 1_000_000)),))
    solution = solve(problem, FAST)
    assert check(problem, solution) == []
    assert solution.unassigned == ()
    for step in solution.routes[0].steps:
        assert step.load[1] <= 1_000_000
        assert step.load[0] <= 12_000


def test_setup_is_paid_once_for_consecutive_orders_at_the_same_shop(
    one_shop_three_orders_one_van,
):
    solution = solve(one_shop_three_orders_one_van, FAST)
    assert check(one_shop_three_orders_one_van, solution) == []
    pickups = steps_of(solution, "pickup")
    assert len(pickups) == 3
    assert sum(s.setup for s in pickups) == 600  # one visit to the shop, three orders


def test_locked_steps_stay_at_the_head_of_the_route(two_shops_three_homes_one_van):
    """o3 (the far shop, latest slot) is locked first: it stays first even if it costs more."""
    base = two_shops_three_homes_one_van
    problem = dataclasses.replace(
        base, locks=(Lock("van1", (("o3", "pickup"), ("o2", "pickup"))),)
    )
    solution = solve(problem, FAST)
    assert check(problem, solution) == []
    tasks = [(s.shipment_id, s.kind) for s in solution.routes[0].steps
             if s.kind in ("pickup", "delivery")]
    assert tasks[:2] == [("o3", "pickup"), ("o2", "pickup")]
    assert solution.unassigned == ()


def test_warm_start_is_kept_on_the_same_vans_when_asked():
    dur, dist = grid_matrices([(0, 0), (1000, 0), (2000, 0), (0, 1000), (0, 2000)])
    orders = (
        shop_order("a", 1, 2, (9 * H, 18 * H)),
        shop_order("b", 3, 4, (9 * H, 18 * H)),
    )
    vans = (van("van1"), van("van2"))
    # The previous plan gave each order its own van; a fresh solve would use one van.
    previous = {"van1": [("b", "pickup"), ("b", "delivery")],
                "van2": [("a", "pickup"), ("a", "delivery")]}
    problem = Problem(dur, dist, orders, vans, initial_routes=previous)
    solution = solve(problem, SolveOptions(time_limit=1.0, keep_initial_vehicles=True))
    assert check(problem, solution) == []
    assert solution.as_plan() == previous


def test_a_warm_start_that_breaks_a_rule_is_repaired_on_that_van_only():
    from routing.ortools_solver import _Model

    dur, dist = grid_matrices([(0, 0), (1000, 0), (2000, 0), (0, 1000), (0, 2000), (500, 500)])
    orders = (shop_order("a", 1, 2, (9 * H, 18 * H)), shop_order("b", 3, 4, (9 * H, 18 * H)),
              shop_order("c", 3, 5, (9 * H, 18 * H)))  # fmt: skip
    problem = Problem(dur, dist, orders, (van("van1"), van("van2")))
    previous = {
        "van1": [("a", "pickup"), ("a", "delivery")],
        "van2": [("b", "delivery"), ("b", "pickup"), ("c", "pickup"), ("c", "delivery")],
    }  # b is delivered before it is picked up
    model = _Model(problem, list(orders), list(problem.vehicles), FAST, fixed_costs=True)
    assignment, kept = model.read_routes(previous)
    assert assignment is not None
    assert kept == {"van1": previous["van1"], "van2": [("c", "pickup"), ("c", "delivery")]}


def test_warm_start_is_a_starting_point_that_the_search_improves():
    dur, dist = grid_matrices([(0, 0), (1000, 0), (2000, 0), (0, 1000), (0, 2000)])
    orders = (shop_order("a", 1, 2, (9 * H, 18 * H)), shop_order("b", 3, 4, (9 * H, 18 * H)))
    previous = {"van1": [("a", "pickup"), ("b", "pickup"), ("a", "delivery"),
                         ("b", "delivery")]}
    problem = Problem(dur, dist, orders, (van("van1"), van("van2")), initial_routes=previous)
    solution = solve(problem, FAST)
    assert check(problem, solution) == []
    assert solution.unassigned == ()
    assert len(solution.routes) == 1


def test_order_too_big_for_every_van_is_unassigned_for_capacity(two_shops_three_homes_one_van):
    base = two_shops_three_homes_one_van
    wardrobe = Shipment("wardrobe", Stop(1, 300), Stop(3, 300), (20_000, 90_000))
    problem = dataclasses.replace(base, shipments=(*base.shipments, wardrobe))
    solution = solve(problem, FAST)
    assert check(problem, solution) == []
    (u,) = solution.unassigned
    assert (u.shipment_id, u.reason_code) == ("wardrobe", "capacity")
    assert "12000 litres" in u.reason


def test_slot_before_the_shop_opens_is_unassigned_for_pickup_window(
    two_shops_three_homes_one_van,
):
    base = two_shops_three_homes_one_van
    early = shop_order("early", 1, 3, (8 * H, 9 * H), shop_windows=(TimeWindow(10 * H, 18 * H),))
    problem = dataclasses.replace(base, shipments=(*base.shipments, early))
    solution = solve(problem, FAST)
    assert check(problem, solution) == []
    assert [(u.shipment_id, u.reason_code) for u in solution.unassigned] == [
        ("early", "pickup_window")
    ]


def test_slot_after_every_shift_is_unassigned_for_shift(two_shops_three_homes_one_van):
    base = two_shops_three_homes_one_van
    late = shop_order("late", 1, 3, (20 * H, 21 * H))
    problem = dataclasses.replace(base, shipments=(*base.shipments, late))
    solution = solve(problem, FAST)
    assert check(problem, solution) == []
    assert [(u.shipment_id, u.reason_code) for u in solution.unassigned] == [("late", "shift")]


def test_more_work_than_the_fleet_can_do_is_unassigned_for_fleet():
    """Ten orders, each alone fits, all in the same half hour at opposite ends: one van."""
    dur, dist = grid_matrices([(0, 0)] + [(20_000 * (i % 2), 2000 * i) for i in range(1, 21)])
    orders = tuple(
        shop_order(f"o{i}", 2 * i - 1, 2 * i, (14 * H, 14 * H + 1800), setup=0)
        for i in range(1, 11)
    )
    problem = Problem(dur, dist, orders, (van(),))
    solution = solve(problem, FAST)
    assert check(problem, solution) == []
    assert solution.unassigned
    assert {u.reason_code for u in solution.unassigned} == {"fleet"}


def test_fewest_vans_first_when_one_van_can_do_everything(two_shops_three_homes_one_van):
    base = two_shops_three_homes_one_van
    problem = dataclasses.replace(base, vehicles=(van("van1"), van("van2"), van("van3")))
    solution = solve(problem, FAST)
    assert check(problem, solution) == []
    assert len(solution.routes) == 1


def test_maximum_working_time_is_kept():
    dur, dist = grid_matrices([(0, 0), (1000, 0), (2000, 0)])
    orders = (
        shop_order("morning", 1, 2, (8 * H, 9 * H)),
        shop_order("evening", 1, 2, (18 * H, 19 * H)),
    )
    problem = Problem(dur, dist, orders, (van(max_working_time=6 * H),))
    solution = solve(problem, FAST)
    assert check(problem, solution) == []
    assert len(solution.unassigned) == 1
    assert solution.routes[0].working_time <= 6 * H


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: TimeWindow(10, 5), "must end after"),
        (lambda: slot_window(100, 200, 300), "does not fit"),
        (lambda: Stop(0, time_windows=(TimeWindow(0, 10), TimeWindow(5, 20))), "overlap"),
        (lambda: Vehicle("v", 0, 0, DAY, (-1,)), "negative"),
        (lambda: Lock("v", (("a", "delivery"),)), "pickup is not locked"),
        (lambda: Problem([[0]], [[0]], (Shipment("a", Stop(0), Stop(3)),), ()), "outside"),
        (lambda: Problem([[0]], [[0]], (), (van(capacity=(1,)),)), "capacities"),
    ],
)
def test_invalid_input_is_refused_with_a_sentence(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_locked_pickup_keeps_its_free_delivery_on_the_same_van(two_shops_three_homes_one_van):
    """The goods of a locked pickup are on board: the delivery must follow on that van."""
    base = two_shops_three_homes_one_van
    problem = dataclasses.replace(base, vehicles=(van("van1"), van("van2")),
                                  locks=(Lock("van2", (("o1", "pickup"),)),))
    solution = solve(problem, FAST)
    assert check(problem, solution) == []
    route = solution.route("van2")
    assert route is not None
    assert ("o1", "delivery") in [(s.shipment_id, s.kind) for s in route.steps]


def test_time_limit_ending_during_construction_is_reported_not_hidden():
    """A limit too short to build a first plan must say so, not pass for a plan."""
    import random

    rng = random.Random(3)
    points = [(rng.randint(0, 30_000), rng.randint(0, 30_000)) for _ in range(121)]
    dur, dist = grid_matrices(points)
    orders = tuple(
        shop_order(f"o{i}", 1 + i % 20, 21 + i, (9 * H + 1800 * (i % 14), 11 * H + 1800 * (i % 14)))
        for i in range(100)
    )
    problem = Problem(dur, dist, orders, (van("van1"), van("van2"), van("van3")))
    solution = solve(problem, SolveOptions(time_limit=0.01))
    assert check(problem, solution) == []
    if solution.status == "first_solution_only":
        assert {u.reason_code for u in solution.unassigned} == {"no_time"}
        assert "time limit" in solution.unassigned[0].reason
    else:  # construction finished even so: then it is a real plan
        assert solution.status == "optimised"


def test_a_seed_gives_the_same_plan_again_and_every_seed_a_checked_plan(
    two_shops_three_homes_one_van,
):
    problem = two_shops_three_homes_one_van
    plans = {}
    for seed in (0, 1, 2, 1):
        solution = solve(problem, SolveOptions(time_limit=0.5, seed=seed))
        assert check(problem, solution) == []
        steps = [(s.shipment_id, s.kind) for r in solution.routes for s in r.steps]
        plans.setdefault(seed, steps)
        assert plans[seed] == steps


def test_construction_that_the_deadline_cuts_short_is_marked_unfinished():
    from routing.ortools_solver import CONSTRUCTIONS, _construct, _Model

    problem = Problem(*grid_matrices([(0, 0), (100, 0), (200, 0)]),
                      (shop_order("o1", 1, 2, (9 * H, 18 * H)),), (van(),))  # fmt: skip
    shipments = list(problem.shipments)

    def model() -> _Model:
        return _Model(problem, shipments, list(problem.vehicles), FAST, fixed_costs=True)

    now = time.monotonic()
    built = _construct(model, CONSTRUCTIONS, now + 5, now)
    assert built is not None and built.finished and built.dropped == []
    assert built.strategy in CONSTRUCTIONS
    late = _construct(model, CONSTRUCTIONS, time.monotonic() - 1, now)
    assert late is None or not late.finished


def test_a_replan_with_a_van_left_unused_finishes_within_its_limit():
    """Reading a one-order plan with the other van unused never ended in OR-Tools 9.15 when
    the read closed the model itself (the real day of the PostgreSQL planning test)."""
    lunch = dataclasses.replace(LUNCH, id="middagpauze")
    vans = tuple(
        Vehicle(f"wagen-{k}", 0, 0, DAY, (12_000, 1_000_000), max_working_time=9 * H,
                breaks=(lunch,), fixed_cost=50, cost_per_km=0.35, cost_per_hour=32.0)
        for k in (1, 2)
    )  # fmt: skip
    order = Shipment(
        "o1",
        Stop(1, service=30, setup=180, time_windows=(TimeWindow(9 * H, 64_770),)),
        Stop(2, service=240, time_windows=(TimeWindow(13 * H, 53_760),)),
        (3, 1200),
    )
    durations = [[0, 358, 1042], [346, 0, 1248], [996, 1175, 0]]
    distances = [[0, 4400, 11731], [4382, 0, 14788], [12080, 10679, 0]]
    previous = {"wagen-1": [("o1", "pickup"), ("o1", "delivery")]}
    problem = Problem(durations, distances, (order,), vans, initial_routes=previous)
    # In a child process, so that a read that never ends fails this test, not the whole run.
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        pending = pool.apply_async(solve, (problem, SolveOptions(time_limit=1.0)))
        solution = pending.get(timeout=60)
    assert solution.solve_time < 5
    assert check(problem, solution) == []
    assert solution.unassigned == ()
