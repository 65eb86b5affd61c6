"""Pure optimisation core: a day of pickups and deliveries in, van routes out.

Units: times are integer seconds, distances integer metres, amounts integers in a named unit.
Times count from midnight of the plan day (or from 0 for benchmarks); amounts have one integer
per entry of `Problem.units` (e.g. litres, grams, items); locations are indices into the
problem's duration (seconds) and distance (metres) matrices.

Timing contract, shared by the solver and the independent checker (`check`):
- a time window bounds the START of service; to have a delivery FINISHED inside a customer's
  slot, pass `slot_window(slot_start, slot_end, service)` (and `opening_windows` for a shop
  closed over lunch);
- `setup` is paid when the van arrives from a different location, `service` for every task;
- driving and setup may be interrupted by a break, a service may not; the van may wait;
- a route lasts from leaving its start to the end of its day (`end.departure`), inside the
  shift and the maximum working time, breaks and waiting included.

Work that cannot be planned comes back in `Solution.unassigned` with a reason, never as an error.
Vocabulary after VROOM's API: shipments, vehicles, time windows, breaks, routes, steps,
unassigned, summary.
"""

from routing.check import Violation, check
from routing.model import (
    Break,
    Lock,
    Problem,
    Shipment,
    SolveOptions,
    Stop,
    TimeWindow,
    Vehicle,
    opening_windows,
    slot_window,
)
from routing.solution import REASONS, Route, Solution, Step, Summary, Unassigned
from routing.solve import diagnose, solve

__all__ = [
    "REASONS",
    "Break",
    "Lock",
    "Problem",
    "Route",
    "Shipment",
    "Solution",
    "SolveOptions",
    "Step",
    "Stop",
    "Summary",
    "TimeWindow",
    "Unassigned",
    "Vehicle",
    "Violation",
    "check",
    "diagnose",
    "opening_windows",
    "slot_window",
    "solve",
]
