"""Regression: work that an empty van can do alone is never reported as outside every shift."""

from __future__ import annotations

from routing_factories import DAY, LUNCH, H, grid_matrices, shop_order

from routing import Problem, SolveOptions, TimeWindow, Vehicle, check, diagnose, solve


def _problem(*orders, shift=DAY, max_working_time=9 * H) -> Problem:
    dur, dist = grid_matrices([(0, 0), (3000, 0), (6000, 4000)])
    van = Vehicle("van1", 0, 0, shift, (12_000, 1_000_000), max_working_time=max_working_time,
                  breaks=(LUNCH,), fixed_cost=50)  # fmt: skip
    return Problem(dur, dist, tuple(orders), (van,))


def test_shop_open_all_day_and_evening_slot_fit_one_van_within_nine_hours() -> None:
    """Bug: the diagnosis picked up at 08:00 when the shop opened, came back after 18:00 and
    called the 10-hour span impossible, so such orders were left out as 'shift' (7 of 90 on the
    demo day). The van can leave at noon, take its break, pick up late and deliver at 18:00."""
    order = shop_order("o1", 1, 2, (18 * H, 19 * H), shop_windows=(TimeWindow(8 * H, 18 * H),))
    problem = _problem(order)
    assert diagnose(problem, order) is None
    solution = solve(problem, SolveOptions(time_limit=1))
    assert solution.unassigned == ()
    assert check(problem, solution) == []


def test_delivery_that_ends_the_shift_far_from_home_is_outside_the_shift() -> None:
    """The slot's last minute is reachable, but the van cannot be back by 19:00."""
    order = shop_order("o1", 1, 2, (18 * H, 19 * H))
    problem = _problem(order, shift=TimeWindow(8 * H, 18 * H + 900))
    reason = diagnose(problem, order)
    assert reason is not None and reason[0] == "shift"


def test_break_window_before_the_work_is_kept_inside_the_route() -> None:
    """A used van takes its lunch break inside its route: an evening-only day with a 3-hour
    limit cannot both reach back to the lunch window and finish at 19:00."""
    order = shop_order("o1", 1, 2, (17 * H, 19 * H))
    problem = _problem(order, max_working_time=3 * H)
    reason = diagnose(problem, order)
    assert reason is not None and reason[0] == "shift"
