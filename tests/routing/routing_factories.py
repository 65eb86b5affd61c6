"""Plain factories for routing tests: Spoor2-like vans and shop orders, grid matrices."""

from __future__ import annotations

from routing import Break, Shipment, Stop, TimeWindow, Vehicle, slot_window

H = 3600
DAY = TimeWindow(8 * H, 19 * H)
LUNCH = Break(30 * 60, (TimeWindow(11 * H + 1800, 13 * H + 1800),), id="lunch")


def grid_matrices(points: list[tuple[int, int]], speed_m_per_s: int = 10):
    """Manhattan metres between points (metres), and seconds at `speed_m_per_s`."""
    dist = [[abs(a[0] - b[0]) + abs(a[1] - b[1]) for b in points] for a in points]
    dur = [[d // speed_m_per_s for d in row] for row in dist]
    return dur, dist


def van(vid: str = "van1", capacity=(12_000, 1_000_000), breaks=(), **kw) -> Vehicle:
    """A Spoor2 van at the depot (location 0): 08:00-19:00, 9 h of work at most."""
    kw.setdefault("max_working_time", 9 * H)
    return Vehicle(vid, 0, 0, DAY, capacity, breaks=breaks, fixed_cost=100, cost_per_km=0.3,
                   cost_per_hour=25.0, **kw)


def shop_order(sid: str, shop: int, home: int, slot: tuple[int, int], litres=100, grams=5_000,
               shop_windows=(), setup=180) -> Shipment:
    """An order picked up at a shop (setup once per visit, 30 s per order), delivered in a slot."""
    return Shipment(
        sid,
        Stop(shop, service=30, setup=setup, time_windows=shop_windows),
        Stop(home, service=300, setup=60, time_windows=(slot_window(*slot, 300),)),
        (litres, grams),
    )


