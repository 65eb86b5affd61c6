"""The service's demo day on real road times: 10 s against 2 minutes, every plan checked.

Imports the staged area data into a temporary folder, seeds the same demo day `make run` shows
(21 real shops, 90 orders to real addresses, 14 furniture jobs, 4 vans), builds the routing
problem exactly as the planner does, and solves it at each time limit. Not a test: a figure.

    .venv/bin/python benchmarks/demo_day_bench.py --time-limit 10 120
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

from sqlmodel import Session

from dispatch.area_services import AreaServices
from dispatch.db import make_engine, migrate
from dispatch.demo import seed_demo
from dispatch.planning.problem_builder import build_day_problem
from dispatch.settings import Settings
from geodata.importer import import_area
from routing import SolveOptions, check, solve

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geodata-dir", type=Path, default=REPO.parent / "shared" / "geodata")
    parser.add_argument("--time-limit", type=float, nargs="+", default=[10.0, 120.0])
    parser.add_argument("--orders", type=int, default=90)
    parser.add_argument("--furniture", type=int, default=14)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    day = date(2026, 12, 4)  # a Friday
    with tempfile.TemporaryDirectory(prefix="demo-day-") as folder:
        data = Path(folder)
        settings = Settings(environment="test", data_dir=data, geodata_dir=args.geodata_dir)
        import_area(args.geodata_dir, settings.area_dir)
        engine = make_engine(f"sqlite:///{data / 'bench.sqlite3'}")
        migrate(engine)
        area = AreaServices(settings.area_dir)
        seed_demo(engine, area, settings, day=day, orders=args.orders,
                  furniture=args.furniture, seed=args.seed)  # fmt: skip
        with Session(engine) as session:
            built = build_day_problem(session, area, settings, day)
        problem = built.problem
        print(f"{len(problem.shipments)} shipments, {len(problem.vehicles)} vans, "
              f"{len(problem.durations)} places, travel times: {built.travel_source}; "
              f"{len(built.skipped)} kept out before solving (address to check)")  # fmt: skip
        print("| limit | served | unassigned | vans | km | working h | cost | first plan | "
              "time to best | violations |")  # fmt: skip
        print("|---|---|---|---|---|---|---|---|---|---|")
        for limit in args.time_limit:
            started = time.monotonic()
            solution = solve(problem, SolveOptions(time_limit=limit))
            wall = time.monotonic() - started
            violations = check(problem, solution)
            first = next((line for line in solution.log if "first plan at" in line), "")
            first_at = first.split("first plan at ")[1].split(" s")[0] if first else "?"
            served = len(problem.shipments) - len(solution.unassigned)
            reasons = Counter(u.reason_code for u in solution.unassigned)
            left_out = ", ".join(f"{n} {code}" for code, n in reasons.items()) or "0"
            print(
                f"| {limit:.0f} s (wall {wall:.1f} s) | {served} | {left_out} | "
                f"{len(solution.routes)} | {solution.summary.distance / 1000:.1f} | "
                f"{solution.summary.working_time / 3600:.2f} | {solution.summary.cost:.2f} | "
                f"{first_at} s | {solution.time_to_best:.1f} s | {len(violations)} |"
            )


if __name__ == "__main__":
    main()
