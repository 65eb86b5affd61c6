"""Shipments the dispatcher pinned to a van go on that van, and only there."""

from __future__ import annotations

import dataclasses

import pytest
from routing_factories import H, shop_order, van

from routing import Problem, SolveOptions, check, solve


def test_a_pinned_shipment_rides_on_its_van_even_when_another_is_cheaper(
    two_shops_three_homes_one_van: Problem,
) -> None:
    base = two_shops_three_homes_one_van
    pinned = dataclasses.replace(base.shipments[0], vehicle_ids=("van2",))
    problem = dataclasses.replace(
        base, shipments=(pinned, *base.shipments[1:]), vehicles=(van("van1"), van("van2"))
    )
    solution = solve(problem, SolveOptions(time_limit=1))
    assert check(problem, solution) == []
    route = solution.route("van2")
    assert route is not None and pinned.id in route.shipment_ids
    assert solution.unassigned == ()


def test_the_checker_refuses_a_pinned_shipment_on_another_van(
    two_shops_three_homes_one_van: Problem,
) -> None:
    base = two_shops_three_homes_one_van
    solution = solve(base, SolveOptions(time_limit=1))
    vans = (van("van1"), van("van2"))
    pinned = dataclasses.replace(base.shipments[0], vehicle_ids=("van2",))
    problem = dataclasses.replace(base, shipments=(pinned, *base.shipments[1:]), vehicles=vans)
    violations = check(problem, solution)  # the plan made without the pin has it on van1
    assert any("allowed only on van2" in v.message for v in violations)


def test_a_pin_to_an_unknown_van_is_refused() -> None:
    order = dataclasses.replace(shop_order("o1", 1, 2, (14 * H, 16 * H)), vehicle_ids=("ghost",))
    with pytest.raises(ValueError, match="unknown vehicle"):
        Problem([[0, 1, 1]] * 3, [[0, 1, 1]] * 3, (order,), (van(),))
