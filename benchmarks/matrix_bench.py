"""Road matrix benchmark: import time, 500 x 500 table time, road vs straight-line fallback.

    .venv/bin/python benchmarks/matrix_bench.py [--n 500] [--runs 3] [--seed 11]

Also calibrates the fallback (detour factor and speed) on one sample of register addresses and
judges it on another, so the constants in geodata/travel_fallback.py can be checked.
"""

from __future__ import annotations

import argparse
import atexit
import csv
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo_common import source_dir

from geodata.geometry import haversine_m
from geodata.importer import import_area
from geodata.layout import area_files
from geodata.travel import OsrmLocalProvider, StraightLineProvider


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def sample_points(rows: list[dict[str, str]], n: int, seed: int) -> list[tuple[float, float]]:
    return [(float(r["lat"]), float(r["lon"])) for r in random.Random(seed).sample(rows, n)]


def pairs(points: list[tuple[float, float]], m, min_straight: float = 500.0):  # type: ignore[no-untyped-def]
    for i, a in enumerate(points):
        for j, b in enumerate(points):
            straight = haversine_m(a, b)
            if i != j and straight >= min_straight:
                yield straight, m.distances[i][j], m.durations[i][j]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()

    data = Path(tempfile.mkdtemp(prefix="matrix-bench-"))
    atexit.register(shutil.rmtree, data, ignore_errors=True)
    import_times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        report = import_area(source_dir(), data)
        import_times.append(time.perf_counter() - t0)
    print(
        f"## Road matrix benchmark\n\nImport of the staged extract ({report.ways_kept} ways, "
        f"{report.addresses} addresses): median {statistics.median(import_times):.1f} s "
        f"over {args.runs} runs (min {min(import_times):.1f}, max {max(import_times):.1f})."
    )

    with open(area_files(data).addresses, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    t0 = time.perf_counter()
    provider = OsrmLocalProvider(area_files(data).osrm)
    open_s = time.perf_counter() - t0
    points = sample_points(rows, args.n, args.seed)
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        road = provider.matrices(points)
        times.append(time.perf_counter() - t0)
    print(
        f"\nOpening the OSRM data: {open_s:.2f} s. {args.n} x {args.n} durations + distances "
        f"(register addresses, seed {args.seed}): median {statistics.median(times):.2f} s "
        f"over {args.runs} runs (min {min(times):.2f}, max {max(times):.2f}), "
        f"including conversion to integer lists."
    )

    # calibrate on another sample, judge on this one
    calib_pts = sample_points(rows, 300, args.seed + 1)
    calib = provider.matrices(calib_pts)
    cal = list(pairs(calib_pts, calib))
    detour = statistics.median(d / s for s, d, _ in cal)
    speed = statistics.median(s * detour / t for s, _, t in cal if t > 0)
    print(
        f"\nCalibration (300 other addresses, {len(cal)} pairs >= 500 m apart): median "
        f"road/straight distance = {detour:.3f}; speed that makes the median fallback time "
        f"right = {speed:.2f} m/s ({speed * 3.6:.1f} km/h)."
    )

    for label, fb in [
        ("constants in travel_fallback.py", StraightLineProvider()),
        ("freshly calibrated", StraightLineProvider(max(1.0, detour), speed)),
    ]:
        ev = list(pairs(points, road))
        dist_ratio = [fb.detour_factor * s / d for s, d, _ in ev]
        dur_ratio = [(fb.detour_factor * s / fb.speed_mps) / t for s, _, t in ev if t > 0]
        within = sum(1 for r in dur_ratio if 0.8 <= r <= 1.25) / len(dur_ratio)
        print(
            f"\nFallback ({label}: detour {fb.detour_factor:.2f}, "
            f"{fb.speed_mps:.1f} m/s) vs road, on the {len(ev)} pairs of the "
            f"{args.n} points >= 500 m apart:"
        )
        print(
            f"- fallback/road distance: median {statistics.median(dist_ratio):.2f}, "
            f"p10 {pct(dist_ratio, 0.1):.2f}, p90 {pct(dist_ratio, 0.9):.2f}"
        )
        print(
            f"- fallback/road duration: median {statistics.median(dur_ratio):.2f}, "
            f"p10 {pct(dur_ratio, 0.1):.2f}, p90 {pct(dur_ratio, 0.9):.2f}; "
            f"{100 * within:.0f} % of pairs within -20 %/+25 %"
        )
    ev = list(pairs(points, road))
    straight_ratio = [d / s for s, d, _ in ev]
    print(
        f"\nRoad/straight-line distance on those pairs: median "
        f"{statistics.median(straight_ratio):.2f}, p10 {pct(straight_ratio, 0.1):.2f}, "
        f"p90 {pct(straight_ratio, 0.9):.2f}, max {max(straight_ratio):.1f}."
    )


if __name__ == "__main__":
    main()
