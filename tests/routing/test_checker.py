"""The independent checker catches deliberately broken solutions (so the checker is tested too)."""

from __future__ import annotations

import dataclasses

import pytest
from routing_factories import LUNCH, van

from routing import Lock, SolveOptions, check, solve


@pytest.fixture
def solved(two_shops_three_homes_one_van):
    problem = dataclasses.replace(two_shops_three_homes_one_van, vehicles=(van(breaks=(LUNCH,)),))
    solution = solve(problem, SolveOptions(time_limit=1.0))
    assert check(problem, solution) == []
    return problem, solution


def with_steps(solution, steps):
    route = dataclasses.replace(solution.routes[0], steps=tuple(steps))
    return dataclasses.replace(solution, routes=(route, *solution.routes[1:]))


def codes(problem, solution):
    return {v.code for v in check(problem, solution)}


def index_of(steps, kind):
    return next(i for i, s in enumerate(steps) if s.kind == kind)


def test_checker_catches_a_service_started_after_its_window(solved):
    problem, solution = solved
    steps = list(solution.routes[0].steps)
    i = index_of(steps, "delivery")
    s = steps[i]
    steps[i] = dataclasses.replace(s, service_start=s.service_start + 5 * 3600,
                                   departure=s.departure + 5 * 3600)
    assert "window" in codes(problem, with_steps(solution, steps))


def test_checker_catches_a_missing_shipment(solved):
    problem, solution = solved
    sid = solution.routes[0].steps[1].shipment_id
    steps = [s for s in solution.routes[0].steps if s.shipment_id != sid]
    found = codes(problem, with_steps(solution, steps))
    assert "missing" in found


def test_checker_catches_a_delivery_before_its_pickup(solved):
    problem, solution = solved
    steps = list(solution.routes[0].steps)
    tasks = [i for i, s in enumerate(steps) if s.kind in ("pickup", "delivery")]
    sid = steps[tasks[0]].shipment_id
    d = next(i for i in tasks if steps[i].shipment_id == sid and steps[i].kind == "delivery")
    steps[tasks[0]], steps[d] = steps[d], steps[tasks[0]]
    assert "precedence" in codes(problem, with_steps(solution, steps))


def test_checker_catches_an_overloaded_van(solved):
    problem, solution = solved
    small = dataclasses.replace(problem, vehicles=(van(capacity=(150, 1_000_000),
                                                       breaks=(LUNCH,)),))
    found = codes(small, solution)
    # the solver's plan may carry up to 300 litres at once; with 150 L that breaks capacity
    loads = [s.load[0] for s in solution.routes[0].steps]
    if max(loads) > 150:
        assert "capacity" in found


def test_checker_catches_a_skipped_break(solved):
    problem, solution = solved
    steps = [s for s in solution.routes[0].steps if s.kind != "break"]
    assert "break" in codes(problem, with_steps(solution, steps))


def test_checker_catches_a_break_outside_its_window(solved):
    problem, solution = solved
    steps = list(solution.routes[0].steps)
    i = index_of(steps, "break")
    steps[i] = dataclasses.replace(steps[i], arrival=8 * 3600, service_start=8 * 3600,
                                   departure=8 * 3600 + 1800)
    assert "break" in codes(problem, with_steps(solution, steps))


def test_checker_catches_wrong_reported_distance_and_arrival(solved):
    problem, solution = solved
    steps = list(solution.routes[0].steps)
    i = index_of(steps, "pickup")
    steps[i] = dataclasses.replace(steps[i], distance=steps[i].distance + 1,
                                   arrival=steps[i].arrival - 60)
    found = codes(problem, with_steps(solution, steps))
    assert {"distance", "time"} <= found


def test_checker_catches_a_route_longer_than_the_working_time(solved):
    problem, solution = solved
    short = dataclasses.replace(problem, vehicles=(van(max_working_time=600,
                                                       breaks=(LUNCH,)),))
    assert "working_time" in codes(short, solution)


def test_checker_catches_a_lock_not_kept(solved):
    problem, solution = solved
    tasks = [s for s in solution.routes[0].steps if s.kind == "pickup"]
    last = tasks[-1].shipment_id
    locked = dataclasses.replace(problem, locks=(Lock("van1", ((last, "pickup"),)),))
    assert "lock" in codes(locked, solution)


def test_checker_catches_setup_not_paid(solved):
    problem, solution = solved
    steps = list(solution.routes[0].steps)
    i = index_of(steps, "pickup")
    steps[i] = dataclasses.replace(steps[i], setup=0)
    assert "setup" in codes(problem, with_steps(solution, steps))
