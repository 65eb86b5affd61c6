"""Small named problems for the routing core (seconds from midnight, metres, litres/grams)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # routing_factories, under --import-mode=importlib

from routing_factories import H, grid_matrices, shop_order, van

from routing import Problem


@pytest.fixture
def two_shops_three_homes_one_van() -> Problem:
    """Depot 0, shops 1 and 2, homes 3-5; three orders with afternoon slots; one van."""
    dur, dist = grid_matrices([(0, 0), (3000, 0), (0, 4000), (5000, 5000), (6000, 1000),
                               (1000, 7000)])
    orders = (
        shop_order("o1", 1, 3, (14 * H, 16 * H)),
        shop_order("o2", 1, 4, (13 * H, 15 * H)),
        shop_order("o3", 2, 5, (15 * H, 17 * H)),
    )
    return Problem(dur, dist, orders, (van(),))


@pytest.fixture
def one_shop_three_orders_one_van() -> Problem:
    """Three orders from the same shop to three homes: one visit to the shop should do."""
    dur, dist = grid_matrices([(0, 0), (2000, 2000), (4000, 0), (4000, 1000), (4000, 2000)])
    orders = tuple(
        shop_order(f"o{i}", 1, 2 + i, (9 * H, 18 * H), setup=600) for i in range(3)
    )
    return Problem(dur, dist, orders, (van(),))
