"""Fixtures for the dispatcher's pages: the service fixtures of tests/dispatch and a planned day."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

# the service fixtures (settings, engine, service, logged_in_service, real_area, ...)
from tests.dispatch.conftest import *  # noqa: F403
from tests.dispatch.factories import HOMES, add_furniture_jobs, order_body, post_event

DAY = "2026-12-04"  # a Friday
SLOTS = [("13:00", "15:00"), ("15:00", "17:00"), ("17:00", "19:00")]
REVIEW_ORDER = "HM-REVIEW"


def post_orders(client: Any, count: int) -> list[str]:
    """`count` orders over three shops and the three slots, through the real webhook."""
    ids = []
    for n in range(count):
        order_id = f"HM-{n:04d}"
        body = order_body(
            order_id, shop_id=("shop-001", "shop-002", "shop-003")[n % 3], day=DAY,
            slot=SLOTS[n % 3], home=HOMES[n % len(HOMES)],
        )  # fmt: skip
        assert post_event(client, body).status_code == 200
        ids.append(order_id)
    return ids


def post_review_order(client: Any) -> None:
    """An order whose house number the register does not know: it waits for review."""
    body = order_body(REVIEW_ORDER, day=DAY, home=("Kerkstraat", "9999", "9240", "Zele"))
    response = post_event(client, body)
    assert response.json()["status"] == "needs_review", response.text


def add_furniture(client: Any) -> None:
    add_furniture_jobs(client, DAY)


def plan_day(client: Any, time_limit: float = 1) -> dict[str, Any]:
    """Start a planning run and wait for it; returns the finished plan."""
    started = client.post("/api/plans", json={"date": DAY, "time_limit": time_limit})
    assert started.status_code == 202, started.text
    for _ in range(160):
        plan: dict[str, Any] = client.get(started.json()["poll"]).json()
        if plan["status"] != "solving":
            return plan
        time.sleep(0.25)
    raise AssertionError("the plan did not finish")


@pytest.fixture
def planned_day(logged_in_service: TestClient) -> dict[str, Any]:
    """Eight orders, one address to review and two furniture jobs, planned on two vans."""
    post_orders(logged_in_service, 8)
    post_review_order(logged_in_service)
    add_furniture(logged_in_service)
    plan = plan_day(logged_in_service)
    assert plan["status"] == "ready", plan["error"]
    return plan
