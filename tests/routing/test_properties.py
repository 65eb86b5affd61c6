"""Property tests: small random problems; every returned solution passes the checker."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from routing_factories import H, grid_matrices

from routing import (
    Break,
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


@st.composite
def problems(draw) -> Problem:
    n_loc = draw(st.integers(3, 8))
    points = [(draw(st.integers(0, 20_000)), draw(st.integers(0, 20_000))) for _ in range(n_loc)]
    dur, dist = grid_matrices(points)
    shipments = []
    for i in range(draw(st.integers(1, 6))):
        p, d = draw(st.integers(1, n_loc - 1)), draw(st.integers(0, n_loc - 1))
        service = draw(st.sampled_from([0, 30, 300]))
        lunch = draw(st.booleans())
        p_windows = opening_windows(9 * H, 18 * H, 30, [(12 * H, 13 * H)]) if lunch else ()
        slot_start = draw(st.integers(8, 17)) * H
        d_windows = (slot_window(slot_start, slot_start + 2 * H, service),)
        shipments.append(Shipment(
            f"s{i}",
            Stop(p, 30, draw(st.sampled_from([0, 180])), p_windows),
            Stop(d, service, draw(st.sampled_from([0, 60])), d_windows),
            (draw(st.integers(0, 6000)), draw(st.integers(0, 600_000))),
            priority=draw(st.integers(0, 2)),
        ))
    vehicles = []
    for j in range(draw(st.integers(1, 3))):
        breaks = (
            (Break(1800, (TimeWindow(11 * H + 1800, 13 * H + 1800),)),)
            if draw(st.booleans()) else ()
        )
        vehicles.append(Vehicle(
            f"v{j}", 0, draw(st.integers(0, n_loc - 1)), TimeWindow(8 * H, 19 * H),
            (12_000, 1_000_000), draw(st.sampled_from([None, 9 * H, 5 * H])), breaks,
            fixed_cost=draw(st.sampled_from([0, 100])), cost_per_km=0.3, cost_per_hour=25.0,
        ))
    return Problem(dur, dist, tuple(shipments), tuple(vehicles))


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(problems(), st.integers(0, 3))
def test_every_solution_of_a_random_small_problem_passes_the_checker(problem, seed):
    solution = solve(problem, SolveOptions(time_limit=0.4, seed=seed))
    assert check(problem, solution) == []
    routed = {s.shipment_id for r in solution.routes for s in r.steps if s.shipment_id}
    unassigned = {u.shipment_id for u in solution.unassigned}
    assert routed | unassigned == {s.id for s in problem.shipments}
    assert not routed & unassigned
