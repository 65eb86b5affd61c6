"""Large days are built without breaks, then re-planned van by van on the exact model."""

from __future__ import annotations

import random

from routing_factories import DAY, LUNCH, H, grid_matrices, shop_order

from routing import Problem, SolveOptions, Vehicle, check, opening_windows, solve


def _busy_day(orders: int, vans: int, seed: int = 3) -> Problem:
    """Orders from 6 shops (two closed over lunch) to homes on a 12 km grid, vans with lunch."""
    rng = random.Random(seed)
    points = [(6000, 6000)] + [(rng.randrange(12_000), rng.randrange(12_000)) for _ in range(6)]
    points += [(rng.randrange(12_000), rng.randrange(12_000)) for _ in range(orders)]
    dur, dist = grid_matrices(points)
    lunch_closed = opening_windows(9 * H, 18 * H, service=30, closed=[(12 * H, 13 * H)])
    shipments = tuple(
        shop_order(
            f"o{k}",
            1 + k % 6,
            7 + k,
            rng.choice([(10 * H, 12 * H), (12 * H, 14 * H), (14 * H, 16 * H), (16 * H, 18 * H)]),
            shop_windows=lunch_closed if k % 6 < 2 else (),
        )
        for k in range(orders)
    )
    fleet = tuple(
        Vehicle(f"van{j + 1}", 0, 0, DAY, (12_000, 1_000_000), max_working_time=9 * H,
                breaks=(LUNCH,), fixed_cost=200, cost_per_km=0.25, cost_per_hour=30.0)
        for j in range(vans)
    )  # fmt: skip
    return Problem(dur, dist, shipments, fleet)


def test_a_large_day_is_planned_van_by_van_and_keeps_every_rule():
    problem = _busy_day(orders=60, vans=6)
    solution = solve(problem, SolveOptions(time_limit=6, large_day_from=50))

    assert any("each van alone" in line for line in solution.log), solution.log
    assert check(problem, solution) == []
    assert all(any(step.kind == "break" for step in r.steps) for r in solution.routes)
    served = len(problem.shipments) - len(solution.unassigned)
    assert served >= 55, (served, [u.reason_code for u in solution.unassigned])


def test_below_the_threshold_the_whole_day_is_searched_at_once():
    problem = _busy_day(orders=20, vans=2)
    solution = solve(problem, SolveOptions(time_limit=2, large_day_from=50))

    assert not any("each van alone" in line for line in solution.log)
    assert check(problem, solution) == []
