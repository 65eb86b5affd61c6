"""Planning a date end to end: webhook orders and furniture jobs in, a checked plan out."""

from __future__ import annotations

import time
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from dispatch.planning.problem_builder import build_day_problem
from dispatch.tables import PlanStop
from routing import check
from tests.dispatch.factories import (
    HOMES,
    add_furniture_jobs,
    order_body,
    platform_get,
    post_event,
)

DAY = "2026-12-04"  # a Friday


def _post_orders(client: TestClient, count: int, first: int = 0) -> None:
    slots = [("13:00", "15:00"), ("15:00", "17:00"), ("17:00", "19:00")]
    for n in range(first, first + count):
        body = order_body(
            f"HM-{n:04d}", shop_id=("shop-001", "shop-002", "shop-003")[n % 3], day=DAY,
            slot=slots[n % 3], home=HOMES[n % len(HOMES)],
        )  # fmt: skip
        assert post_event(client, body).status_code == 200


def _plan(client: TestClient) -> dict:
    started = client.post("/api/plans", json={"date": DAY, "time_limit": 3})
    assert started.status_code == 202, started.text
    for _ in range(120):
        plan = client.get(started.json()["poll"]).json()
        if plan["status"] != "solving":
            return plan
        time.sleep(0.25)
    raise AssertionError("the plan did not finish")


def test_a_day_is_planned_with_every_constraint_met(logged_in_service: TestClient) -> None:
    client = logged_in_service
    _post_orders(client, 9)
    add_furniture_jobs(client, DAY)
    plan = _plan(client)
    assert plan["status"] == "ready", plan["error"]
    assert plan["violations"] == []  # the independent checker found nothing
    assert plan["travel_source"] == "osrm" and not plan["uses_fallback_times"]
    assert plan["unassigned"] == []
    stops = [s for r in plan["routes"] for s in r["stops"]]
    assert {s["order_id"] for s in stops if s["order_id"]} == {f"HM-{n:04d}" for n in range(9)}
    assert {s["furniture_reference"] for s in stops if s["furniture_reference"]} == {"KW-1", "KW-2"}
    for stop in stops:
        if stop["kind"] == "delivery" and stop["order_id"]:
            state = platform_get(client, f"/api/orders/{stop['order_id']}").json()
            slot_start, slot_end = state["slot"].split("-")
            finished = stop["departure_s"]
            assert _s(slot_start) <= stop["service_start_s"] and finished <= _s(slot_end)
    assert plan["summary"]["share_in_slot"] == 1.0


def test_the_same_day_passes_the_checker_when_rebuilt_from_the_database(
    logged_in_service: TestClient, engine: Engine, real_area, settings
) -> None:
    """The stored plan, read back as a routing solution, is checked independently again."""
    _post_orders(logged_in_service, 6)
    plan = _plan(logged_in_service)
    with Session(engine) as session:
        day = build_day_problem(session, real_area, settings, date.fromisoformat(DAY))
    from routing import SolveOptions, solve

    solution = solve(day.problem, SolveOptions(time_limit=2))
    assert check(day.problem, solution) == []
    assert len(plan["routes"]) >= 1


def test_an_order_too_big_for_every_van_is_unassigned_with_the_reason(
    logged_in_service: TestClient,
) -> None:
    body = order_body("HM-BIG", day=DAY, items=[
        {"description": "Kast", "quantity": 3, "volume_l": 5000, "weight_kg": 80}
    ])  # fmt: skip
    assert post_event(logged_in_service, body).status_code == 200
    plan = _plan(logged_in_service)
    assert plan["status"] == "ready"
    [missing] = plan["unassigned"]
    assert missing["order_id"] == "HM-BIG" and missing["reason_code"] == "capacity"


def test_replan_keeps_done_stops_at_the_head_of_their_van(
    logged_in_service: TestClient, engine: Engine
) -> None:
    client = logged_in_service
    _post_orders(client, 6)
    first = _plan(client)
    assert client.post(f"/api/plans/{first['id']}/publish").json()["status"] == "published"
    route = max(first["routes"], key=lambda r: len(r["stops"]))
    work = [s for s in route["stops"] if s["kind"] in ("pickup", "delivery")]
    done = work[:2]
    with Session(engine) as session:  # the crew reported the first two stops done
        for stop in session.exec(
            select(PlanStop).where(PlanStop.plan_id == first["id"],
                                   col(PlanStop.sequence).in_([s["sequence"] for s in done]))
        ):  # fmt: skip
            stop.status = "done"
            session.add(stop)
        session.commit()
    late = post_event(client, order_body("HM-LATE", day=DAY, home=HOMES[4]))
    assert "already published" in late.json()["message"]
    second = _plan(client)
    assert second["version"] == 2 and second["status"] == "ready"
    assert second["violations"] == []
    same_van = next(r for r in second["routes"] if r["van_id"] == route["van_id"])
    head = [s for s in same_van["stops"] if s["kind"] in ("pickup", "delivery")][:2]
    assert [(s["kind"], s["order_id"]) for s in head] == [(s["kind"], s["order_id"]) for s in done]
    assert "HM-LATE" in {s["order_id"] for r in second["routes"] for s in r["stops"]}
    # the published version stays readable
    assert client.get(f"/api/plans/{first['id']}").json()["status"] == "published"


def test_only_one_planning_run_per_date_at_a_time(logged_in_service: TestClient) -> None:
    _post_orders(logged_in_service, 3)
    first = logged_in_service.post("/api/plans", json={"date": DAY, "time_limit": 2})
    second = logged_in_service.post("/api/plans", json={"date": DAY, "time_limit": 2})
    assert first.status_code == 202
    assert second.status_code in (202, 409)  # 409 while the first is still solving
    if second.status_code == 409:
        assert second.json()["error"] == "plan_running"


def _s(hh_mm: str) -> int:
    hours, minutes = hh_mm.split(":")
    return int(hours) * 3600 + int(minutes) * 60
