"""A Spoor2-sized synthetic day through the routing core and its checker.

About 120 shop orders from 21 shops (some closed over lunch), 20 furniture jobs (collections to
and sales from the Kringwinkel), 4 vans of 12 000 L / 1 000 kg, shift 08:00-19:00, at most 9 h of
work, a 30-minute break inside 11:30-13:30. The travel matrix is generated (no road data used):
homes and shops clustered around three town centres (Hamme, Zele, Waasmunster; Hamme-Zele about
7 km apart as the crow flies), road distance = 1.3 x straight line at 45 km/h (so Hamme centre to
Zele centre is about 9 km / 12 min; measured on the real roads: 11 km / 14 min).

    python benchmarks/spoor2_day.py --time-limit 10 [--orders 120 --furniture 20 --vans 4]
        [--seed 1] [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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

H = 3600


def make_day(orders: int, furniture: int, vans: int, seed: int) -> Problem:
    rng = random.Random(seed)
    towns = [(0.0, 0.0), (7_000.0, -1_500.0), (-3_000.0, 4_500.0)]  # Hamme, Zele, Waasmunster
    weights = [0.5, 0.3, 0.2]

    def point() -> tuple[float, float]:
        cx, cy = rng.choices(towns, weights)[0]
        return rng.gauss(cx, 1_500), rng.gauss(cy, 1_500)

    depot = (500.0, 300.0)  # the Kringwinkel in Hamme: vans start, end and unload here
    n_shops = 21
    shops = [point() for _ in range(n_shops)]
    homes = [point() for _ in range(orders + furniture)]
    points = [depot, *shops, *homes]
    dist = [[round(1.3 * math.dist(a, b)) for b in points] for a in points]
    dur = [[round(d / 12.5) for d in row] for row in dist]  # 12.5 m/s = 45 km/h

    shop_windows = []
    for i in range(n_shops):
        open_at, close_at = (9 * H, 18 * H) if i % 3 else (10 * H, 17 * H)
        closed = [(12 * H, 13 * H)] if i % 4 == 0 else []  # 6 shops close over lunch
        shop_windows.append(opening_windows(open_at, close_at, service=30, closed=closed))
    shipments = []
    for k in range(orders):
        shop = 1 + rng.randrange(n_shops)
        home = 1 + n_shops + k
        slot_start = rng.choice([10, 11, 12, 13, 14, 15, 16]) * H
        shipments.append(Shipment(
            f"order{k + 1}",
            Stop(shop, service=30, setup=180, time_windows=shop_windows[shop - 1]),
            Stop(home, service=180, setup=60,
                 time_windows=(slot_window(slot_start, slot_start + 2 * H, 180),)),
            (rng.randint(20, 400), rng.randint(2_000, 40_000)),
            kind="shop_order",
        ))
    for k in range(furniture):
        home = 1 + n_shops + orders + k
        slot_start = rng.choice([9, 10, 13, 14, 15]) * H
        slot = (slot_window(slot_start, slot_start + 3 * H, 600),)
        amount = (rng.randint(500, 3000), rng.randint(30_000, 150_000))
        if k % 2 == 0:  # collection: from a home to the Kringwinkel
            shipments.append(Shipment(f"collect{k + 1}", Stop(home, 600, 120, slot),
                                      Stop(0, 300, 0), amount, kind="collection"))
        else:  # sale: from the Kringwinkel to a home
            shipments.append(Shipment(f"sale{k + 1}", Stop(0, 300, 0),
                                      Stop(home, 600, 120, slot), amount, kind="sale"))
    lunch = Break(30 * 60, (TimeWindow(11 * H + 1800, 13 * H + 1800),), id="lunch")
    fleet = tuple(
        Vehicle(f"van{j + 1}", 0, 0, TimeWindow(8 * H, 19 * H), (12_000, 1_000_000),
                max_working_time=9 * H, breaks=(lunch,), fixed_cost=200, cost_per_km=0.25,
                cost_per_hour=30.0)
        for j in range(vans)
    )
    return Problem(dur, dist, tuple(shipments), fleet, units=("litres", "grams"))


def run(problem: Problem, seconds: float, seed: int, metaheuristic: str = "auto",
        first_solution: str = "auto") -> dict:
    t0 = time.monotonic()
    sol = solve(problem, SolveOptions(time_limit=seconds, seed=seed, metaheuristic=metaheuristic,
                                      first_solution=first_solution))
    wall = time.monotonic() - t0
    violations = check(problem, sol)
    return {
        "time_limit": seconds,
        "wall": round(wall, 1),
        "status": sol.status,
        "feasible": not violations,
        "violations": [str(v) for v in violations[:5]],
        "vans": len(sol.routes),
        "served": len(problem.shipments) - len(sol.unassigned),
        "unassigned": dict(Counter(u.reason_code for u in sol.unassigned)),
        "cost": sol.summary.cost,
        "km": round(sol.summary.distance / 1000, 1),
        "working_hours": round(sol.summary.working_time / 3600, 2),
        "time_to_best": sol.time_to_best,
        "log": list(sol.log),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--time-limit", type=float, nargs="+", default=[10.0])
    ap.add_argument("--orders", type=int, default=120)
    ap.add_argument("--furniture", type=int, default=20)
    ap.add_argument("--vans", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--metaheuristic", default="auto")
    ap.add_argument("--first-solution", default="auto")
    args = ap.parse_args(argv)
    problem = make_day(args.orders, args.furniture, args.vans, args.seed)
    results = []
    for seconds in args.time_limit:
        r = run(problem, seconds, args.seed, args.metaheuristic, args.first_solution)
        r.update(orders=args.orders, furniture=args.furniture, fleet=args.vans)
        print(json.dumps(r), flush=True)
        results.append(r)
    if args.out:
        args.out.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
