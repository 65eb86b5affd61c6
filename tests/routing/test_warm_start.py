"""The optional PyVRP warm start: used only where it represents the problem exactly."""

from __future__ import annotations

import dataclasses

from routing_factories import LUNCH, van

from routing import SolveOptions, check, solve
from routing.pyvrp_warmstart import representable


def without_setups(problem):
    shipments = tuple(
        dataclasses.replace(s, pickup=dataclasses.replace(s.pickup, setup=0),
                            delivery=dataclasses.replace(s.delivery, setup=0))
        for s in problem.shipments
    )
    return dataclasses.replace(problem, shipments=shipments)


def test_pyvrp_is_not_used_for_breaks_or_setups(two_shops_three_homes_one_van):
    problem = two_shops_three_homes_one_van
    assert not representable(problem, list(problem.shipments))  # setups
    plain = without_setups(problem)
    assert representable(plain, list(plain.shipments))
    with_break = dataclasses.replace(plain, vehicles=(van(breaks=(LUNCH,)),))
    assert not representable(with_break, list(with_break.shipments))


def test_pyvrp_warm_start_gives_a_plan_that_passes_the_checker(two_shops_three_homes_one_van):
    # pyvrp comes with the `bench` extra, which `make test` installs: no skip here
    problem = without_setups(two_shops_three_homes_one_van)
    problem = dataclasses.replace(problem, vehicles=(van("van1"), van("van2")))
    solution = solve(problem, SolveOptions(time_limit=1.0, warm_start="pyvrp"))
    assert check(problem, solution) == []
    assert solution.unassigned == ()
    assert any("PyVRP" in line for line in solution.log)
