"""Li & Lim PDPTW benchmark: the routing core (through its model and checker) against the BKS.

Conventions of the literature: Euclidean distances in double precision, travel time = distance,
service starts inside the window, objective = fewest vehicles, then least distance. The routing
core works in integers, so coordinates are scaled by SCALE (distance and time alike) and every
result is re-verified here in double precision from the original instance (`verify`), the same
check for the routing core and for the peers.

    python benchmarks/lilim_bench.py [--bench-dir ../shared/bench] [--time-limit 30]
        [--out results/lilim] [--peers pyvroom,pyvrp] [INSTANCE|SIZE ...]

INSTANCE is a name (lc101), a .txt file, or a size folder name (100, 200, ...). Writes one
SINTEF-format file per instance and solver to --out, and a CSV and markdown summary.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from routing import (  # noqa: E402
    Problem,
    Shipment,
    SolveOptions,
    Stop,
    TimeWindow,
    Vehicle,
    check,
    solve,
)

SCALE = 1000  # integer units per Li & Lim distance/time unit
FIXED_COST = 10_000  # per van, far above any distance cost: fewest vans first


@dataclass
class Instance:
    name: str
    vehicles: int
    capacity: int
    xy: list[tuple[float, float]]
    demand: list[int]
    ready: list[int]
    due: list[int]
    service: list[int]
    pairs: list[tuple[int, int]]  # (pickup task, delivery task)

    def dist(self, a: int, b: int) -> float:
        (x1, y1), (x2, y2) = self.xy[a], self.xy[b]
        return math.hypot(x1 - x2, y1 - y2)


def read_instance(path: Path) -> Instance:
    lines = [ln.split() for ln in path.read_text().splitlines() if ln.strip()]
    k, q = int(lines[0][0]), int(lines[0][1])
    xy, demand, ready, due, service, pairs = [], [], [], [], [], []
    for row in lines[1:]:
        i, x, y, d, e, l_, s, _p, dl = (int(float(v)) for v in row[:9])
        assert i == len(xy), f"{path}: task ids must be consecutive"
        xy.append((float(x), float(y)))
        demand.append(d)
        ready.append(e)
        due.append(l_)
        service.append(s)
        if d > 0 and dl > 0:
            pairs.append((i, dl))
    return Instance(path.stem, k, q, xy, demand, ready, due, service, pairs)


def to_problem(inst: Instance) -> Problem:
    n = len(inst.xy)
    dist = [[round(inst.dist(a, b) * SCALE) for b in range(n)] for a in range(n)]
    shipments = tuple(
        Shipment(
            id=str(p),
            pickup=Stop(p, inst.service[p] * SCALE, 0,
                        (TimeWindow(inst.ready[p] * SCALE, inst.due[p] * SCALE),)),
            delivery=Stop(d, inst.service[d] * SCALE, 0,
                          (TimeWindow(inst.ready[d] * SCALE, inst.due[d] * SCALE),)),
            amount=(inst.demand[p],),
        )
        for p, d in inst.pairs
    )
    shift = TimeWindow(inst.ready[0] * SCALE, inst.due[0] * SCALE)
    vehicles = tuple(
        Vehicle(f"v{i + 1}", 0, 0, shift, (inst.capacity,), fixed_cost=FIXED_COST)
        for i in range(inst.vehicles)
    )
    return Problem(dist, dist, shipments, vehicles, units=("items",))


def verify(inst: Instance, routes: list[list[int]]) -> tuple[bool, float, str]:
    """Double-precision check of task-id routes: (feasible, distance, first problem found)."""
    seen: set[int] = set()
    total = 0.0
    partner = {p: d for p, d in inst.pairs} | {d: p for p, d in inst.pairs}
    for route in routes:
        t, load, prev, on_board = float(inst.ready[0]), 0, 0, set()
        for task in [*route, 0]:
            t += inst.dist(prev, task)
            total += inst.dist(prev, task)
            if task == 0:
                if t > inst.due[0] + 1e-6:
                    return False, total, f"late back at the depot ({t:.3f})"
                break
            if task in seen:
                return False, total, f"task {task} visited twice"
            seen.add(task)
            t = max(t, inst.ready[task])
            if t > inst.due[task] + 1e-6:
                return False, total, f"task {task} starts at {t:.3f} after {inst.due[task]}"
            t += inst.service[task]
            load += inst.demand[task]
            if inst.demand[task] > 0:
                on_board.add(task)
            elif partner[task] not in on_board:
                return False, total, f"task {task} delivered before its pickup"
            if load > inst.capacity:
                return False, total, f"capacity exceeded at {task}"
            prev = task
    if len(seen) != len(inst.xy) - 1:
        return False, total, f"{len(inst.xy) - 1 - len(seen)} tasks not served"
    return True, total, ""


def run_routing(inst: Instance, seconds: float, seed: int, **opts) -> tuple[list[list[int]], dict]:
    problem = to_problem(inst)
    sol = solve(problem, SolveOptions(time_limit=seconds, seed=seed, **opts))
    violations = check(problem, sol)
    routes = [[s.location for s in r.steps if s.kind in ("pickup", "delivery")]
              for r in sol.routes]
    return routes, {
        "time_to_best": sol.time_to_best,
        "checker": "ok" if not violations else f"{len(violations)} violations: {violations[0]}",
        "unassigned": len(sol.unassigned),
        "status": sol.status,
    }


def run_pyvrp(inst: Instance, seconds: float, seed: int) -> tuple[list[list[int]], dict]:
    import pyvrp
    from pyvrp.stop import MaxRuntime

    m = pyvrp.Model()
    locs = [m.add_location(x * SCALE, y * SCALE) for x, y in inst.xy]
    depot = m.add_depot(locs[0], tw_early=inst.ready[0] * SCALE, tw_late=inst.due[0] * SCALE)
    m.add_vehicle_type(inst.vehicles, capacity=inst.capacity, start_depot=depot, end_depot=depot,
                       fixed_cost=FIXED_COST * SCALE * 10, tw_early=inst.ready[0] * SCALE,
                       tw_late=inst.due[0] * SCALE)
    for a in range(len(locs)):
        for b in range(len(locs)):
            d = 0 if a == b else round(inst.dist(a, b) * SCALE)
            m.add_edge(locs[a], locs[b], d, d)
    ids = []
    for p, d in inst.pairs:
        m.add_shipment(locs[p], locs[d],
                       pickup_tw_early=inst.ready[p] * SCALE, pickup_tw_late=inst.due[p] * SCALE,
                       pickup_service_duration=inst.service[p] * SCALE,
                       delivery_tw_early=inst.ready[d] * SCALE,
                       delivery_tw_late=inst.due[d] * SCALE,
                       delivery_service_duration=inst.service[d] * SCALE,
                       amount=inst.demand[p])
        ids.append((p, d))
    t0 = time.monotonic()
    res = m.solve(MaxRuntime(seconds), seed=seed, display=False)
    routes = []
    for r in res.best.routes():
        tasks = []
        for act in r.schedule():
            if act.is_pickup() or act.is_delivery():
                p, d = ids[act.idx]
                tasks.append(p if act.is_pickup() else d)
        routes.append(tasks)
    return routes, {"time_to_best": round(time.monotonic() - t0, 2), "checker": "-",
                    "unassigned": 0, "status": "feasible" if res.is_feasible() else "infeasible"}


def run_vroom(inst: Instance, seconds: float, seed: int) -> tuple[list[list[int]], dict]:
    from datetime import timedelta

    import vroom

    n = len(inst.xy)
    matrix = [[round(inst.dist(a, b) * SCALE) for b in range(n)] for a in range(n)]
    vi = vroom.Input()
    vi.set_durations_matrix(profile="car", matrix_input=matrix)
    for k in range(inst.vehicles):
        vi.add_vehicle(vroom.Vehicle(
            k + 1, start=0, end=0, capacity=[inst.capacity],
            time_window=vroom.TimeWindow(inst.ready[0] * SCALE, inst.due[0] * SCALE),
            costs=vroom.VehicleCosts(fixed=FIXED_COST * SCALE * 10)))
    for p, d in inst.pairs:
        vi.add_shipment(
            vroom.ShipmentStep(p, p, default_service=inst.service[p] * SCALE,
                               time_windows=[vroom.TimeWindow(inst.ready[p] * SCALE,
                                                              inst.due[p] * SCALE)]),
            vroom.ShipmentStep(d, d, default_service=inst.service[d] * SCALE,
                               time_windows=[vroom.TimeWindow(inst.ready[d] * SCALE,
                                                              inst.due[d] * SCALE)]),
            amount=vroom.Amount([inst.demand[p]]))
    t0 = time.monotonic()
    sol = vi.solve(exploration_level=5, nb_threads=1, timeout=timedelta(seconds=seconds))
    df = sol.routes
    routes: dict[int, list[int]] = {}
    for row in df.itertuples():
        if row.type in ("pickup", "delivery"):
            routes.setdefault(int(row.vehicle_id), []).append(int(row.id))
    return list(routes.values()), {"time_to_best": round(time.monotonic() - t0, 2),
                                   "checker": "-", "unassigned": len(sol.unassigned or []),
                                   "status": "ok"}


SOLVERS = {"routing": run_routing, "pyvrp": run_pyvrp, "pyvroom": run_vroom}


def find_instances(bench: Path, names: list[str]) -> list[Path]:
    out: list[Path] = []
    for name in names:
        p = Path(name)
        if p.suffix == ".txt" and p.exists():
            out.append(p)
        elif (bench / "lilim" / name).is_dir():
            out += sorted((bench / "lilim" / name).glob("*.txt"))
        else:
            hits = sorted((bench / "lilim").glob(f"*/{name}.txt"))
            if not hits:
                raise SystemExit(f"no instance {name} under {bench / 'lilim'}")
            out += hits
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("instances", nargs="*", default=["100"])
    ap.add_argument("--bench-dir", type=Path, default=REPO.parent / "shared" / "bench")
    ap.add_argument("--time-limit", type=float, default=30.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=Path("results/lilim"))
    ap.add_argument("--peers", default="", help="comma-separated: pyvroom,pyvrp")
    ap.add_argument("--metaheuristic", default="auto")
    ap.add_argument("--no-two-phase", action="store_true")
    ap.add_argument("--warm-start", default="none", help="none or pyvrp (routing core option)")
    args = ap.parse_args(argv)

    with open(args.bench_dir / "lilim_bks.csv") as f:
        bks = {r["instance"]: r for r in csv.DictReader(f)}
    solvers = ["routing"] + [p for p in args.peers.split(",") if p]
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for path in find_instances(args.bench_dir, args.instances):
        inst = read_instance(path)
        ref = bks.get(inst.name)
        for solver in solvers:
            t0 = time.monotonic()
            try:
                if solver == "routing":
                    routes, info = run_routing(
                        inst, args.time_limit, args.seed, metaheuristic=args.metaheuristic,
                        two_phase=not args.no_two_phase, warm_start=args.warm_start)
                else:
                    routes, info = SOLVERS[solver](inst, args.time_limit, args.seed)
            except Exception as exc:  # a peer failing must not stop the run
                routes, info = [], {"time_to_best": 0, "checker": f"error {exc!r}",
                                    "unassigned": -1, "status": "error"}
            wall = time.monotonic() - t0
            routes = [r for r in routes if r]
            ok, distance, why = verify(inst, routes)
            gap = (100 * (distance / float(ref["distance"]) - 1)) if ref else float("nan")
            row = {
                "instance": inst.name, "solver": solver, "feasible": ok and info["checker"]
                in ("ok", "-"), "why": why or info["checker"], "vans": len(routes),
                "bks_vans": int(ref["vehicles"]) if ref else "", "distance": round(distance, 2),
                "bks_distance": float(ref["distance"]) if ref else "",
                "gap_pct": round(gap, 2), "time_to_best": info["time_to_best"],
                "wall": round(wall, 1),
            }
            rows.append(row)
            print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)
            with open(args.out / f"{inst.name}.{solver}.sol", "w") as f:
                f.write(f"Instance name : {inst.name}\nSolver : {solver}\n"
                        f"Time limit : {args.time_limit}\nSolution\n")
                for i, r in enumerate(routes, 1):
                    f.write(f"Route {i} : {' '.join(map(str, r))}\n")
    write_summary(rows, args.out, solvers)


def write_summary(rows: list[dict], out: Path, solvers: list[str]) -> None:
    with open(out / "summary.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    lines = ["| instance | " + " | ".join(f"{s} vans | {s} gap %" for s in solvers)
             + " | BKS vans | BKS distance |",
             "|---" * (2 * len(solvers) + 3) + "|"]
    by = {(r["instance"], r["solver"]): r for r in rows}
    for name in dict.fromkeys(r["instance"] for r in rows):
        cells = []
        for s in solvers:
            r = by.get((name, s))
            if r is None:
                cells += ["", ""]
                continue
            mark = "" if r["feasible"] else " (infeasible)"
            cells += [f"{r['vans']}{mark}", f"{r['gap_pct']:+.2f}"]
        ref = next(r for r in rows if r["instance"] == name)
        lines.append(f"| {name} | " + " | ".join(cells)
                     + f" | {ref['bks_vans']} | {ref['bks_distance']} |")
    lines.append("")
    for s in solvers:
        rs = [r for r in rows if r["solver"] == s]
        feas = [r for r in rs if r["feasible"]]
        same = [r for r in feas if r["vans"] == r["bks_vans"]]
        mean_gap = sum(r["gap_pct"] for r in same) / len(same) if same else float("nan")
        ttb = sum(float(r["time_to_best"]) for r in rs) / max(1, len(rs))
        lines.append(f"- {s}: {len(feas)}/{len(rs)} feasible, vans = BKS on {len(same)}/{len(rs)}"
                     f", mean gap {mean_gap:+.2f} % where vans = BKS, mean time to best "
                     f"{ttb:.1f} s")
    (out / "summary.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
