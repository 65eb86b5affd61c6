"""The platform's order webhook, exactly as the contract describes it, over real HTTP."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from dispatch.tables import ShopOrder, WebhookEvent
from tests.dispatch.factories import order_body, platform_get, post_event


def _count(engine: Engine, table: type) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(table)).one())


def test_signed_order_is_accepted_geocoded_and_readable_by_the_platform(
    service: TestClient,
) -> None:
    response = post_event(service, order_body())
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "received"
    state = platform_get(service, "/api/orders/HM-2026-004211")
    assert state.status_code == 200
    body = state.json()
    assert body["status"] == "received"
    assert body["location"]["precision"] == "house_number"
    # Kerkstraat 45, 9240 Zele in the address register
    assert abs(body["location"]["lat"] - 51.0632350) < 0.0005
    assert abs(body["location"]["lon"] - 4.0276632) < 0.0005


def test_bad_signature_is_refused_and_nothing_is_stored(service: TestClient, engine) -> None:
    response = post_event(service, order_body(), secret="not-the-shared-secret")
    assert response.status_code == 401
    assert "signature" in response.json()["message"]
    assert _count(engine, ShopOrder) == 0
    assert _count(engine, WebhookEvent) == 0


def test_request_signed_more_than_five_minutes_ago_is_refused(service: TestClient, engine) -> None:
    response = post_event(service, order_body(), signed_at=int(time.time()) - 301)
    assert response.status_code == 401
    assert "signed 301 s ago" in response.json()["message"]
    assert _count(engine, ShopOrder) == 0


def test_retried_event_gets_the_same_answer_and_stores_nothing_twice(
    service: TestClient, engine
) -> None:
    first = post_event(service, order_body(), event_id="evt-1")
    again = post_event(service, order_body(), event_id="evt-1")
    assert again.status_code == first.status_code == 200
    assert again.json() == first.json()
    assert _count(engine, ShopOrder) == 1
    assert _count(engine, WebhookEvent) == 1


def test_update_replaces_the_order_and_cancel_cancels_it(service: TestClient) -> None:
    post_event(service, order_body())
    updated = post_event(service, order_body(slot=("15:00", "17:00")), event="order.updated")
    assert updated.json()["result"] == "updated"
    assert platform_get(service, "/api/orders/HM-2026-004211").json()["slot"] == "15:00-17:00"
    cancelled = post_event(service, order_body(), event="order.cancelled")
    assert cancelled.status_code == 200
    assert platform_get(service, "/api/orders/HM-2026-004211").json()["status"] == "cancelled"


def test_a_create_that_arrives_after_its_cancel_stays_cancelled(service: TestClient) -> None:
    assert post_event(service, order_body(), event="order.cancelled").status_code == 200
    late = post_event(service, order_body(), event="order.created")
    assert late.json()["result"] == "ignored"
    assert platform_get(service, "/api/orders/HM-2026-004211").json()["status"] == "cancelled"


def test_body_that_is_not_json_is_refused_with_words(service: TestClient) -> None:
    response = post_event(service, b"{not json")
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_json"
    assert "not valid JSON" in response.json()["message"]


def test_missing_field_is_named_in_the_refusal(service: TestClient, engine) -> None:
    body = order_body()
    del body["order"]["customer"]["postcode"]
    response = post_event(service, body)
    assert response.status_code == 422
    assert "order.customer.postcode" in response.json()["message"]
    assert _count(engine, ShopOrder) == 0
    with Session(engine) as session:  # the raw event is kept in the inbox, marked rejected
        assert session.exec(select(WebhookEvent)).one().status == "rejected"


def test_unknown_shop_is_refused(service: TestClient) -> None:
    response = post_event(service, order_body(shop_id="shop-999"))
    assert response.status_code == 422
    assert response.json()["error"] == "unknown_shop"
    assert "shop-999" in response.json()["message"]


def test_sunday_is_not_a_delivery_day(service: TestClient) -> None:
    response = post_event(
        service, order_body(day="2026-12-06", placed_at="2026-12-04T20:00:00+01:00")
    )
    assert response.status_code == 422
    assert response.json()["error"] == "date_not_served"


def test_slot_not_offered_lists_the_slots_that_are(service: TestClient) -> None:
    response = post_event(service, order_body(slot=("12:00", "14:00")))
    assert response.status_code == 422
    assert response.json()["error"] == "slot_not_offered"
    assert "13:00-15:00, 15:00-17:00, 17:00-19:00" in response.json()["message"]


def test_address_outside_the_area_is_refused_naming_where_it_is(service: TestClient) -> None:
    body = order_body(home=("Stationsstraat", "10", "9160", "Lokeren"))
    response = post_event(service, body)
    assert response.status_code == 422
    assert response.json()["error"] == "outside_area"
    assert "Lokeren" in response.json()["message"]


def test_order_placed_just_before_midnight_is_for_the_next_day(service: TestClient) -> None:
    body = order_body(day="2026-12-04", placed_at="2026-12-03T23:59:30+01:00")
    assert post_event(service, body).status_code == 200


def test_order_placed_just_after_midnight_is_too_late_for_that_day(service: TestClient) -> None:
    body = order_body(day="2026-12-04", placed_at="2026-12-03T23:00:30Z")  # 00:00:30 in Hamme
    response = post_event(service, body)
    assert response.status_code == 422
    assert response.json()["error"] == "date_too_early"
    assert "2026-12-05" in response.json()["message"]


def test_cutoff_follows_daylight_saving_time_in_autumn(service: TestClient) -> None:
    """25 Oct 2026 ends summer time: 22:30 UTC is 23:30 on Sunday in Hamme, not 00:30 Monday."""
    body = order_body(day="2026-10-26", placed_at="2026-10-25T22:30:00Z")
    assert post_event(service, body).status_code == 200


def test_cutoff_follows_daylight_saving_time_in_spring(service: TestClient) -> None:
    """29 Mar 2026 starts summer time: 22:30 UTC is already 00:30 on Monday in Hamme."""
    body = order_body(day="2026-03-30", placed_at="2026-03-29T22:30:00Z")
    response = post_event(service, body)
    assert response.status_code == 422
    assert "2026-03-31" in response.json()["message"]


def test_unsure_address_is_accepted_and_queued_for_review(logged_in_service: TestClient) -> None:
    body = order_body(home=("Kerkstraat", "9999", "9240", "Zele"))
    response = post_event(logged_in_service, body)
    assert response.status_code == 200
    assert response.json()["status"] == "needs_review"
    assert "dispatcher will check" in response.json()["message"]
    state = logged_in_service.get("/api/orders/HM-2026-004211").json()
    assert state["status"] == "needs_review"
    # the dispatcher places the pin; the order can then be planned
    fixed = logged_in_service.post(
        "/api/orders/HM-2026-004211/location", json={"lat": 51.06325, "lon": 4.02768}
    )
    assert fixed.status_code == 200
    assert fixed.json()["status"] == "received"
    assert fixed.json()["location"]["precision"] == "manual"


def test_orders_are_not_readable_without_token_or_login(service: TestClient) -> None:
    post_event(service, order_body())
    assert service.get("/api/orders/HM-2026-004211").status_code == 401
    wrong = service.get("/api/orders/HM-2026-004211", headers={"Authorization": "Bearer guess"})
    assert wrong.status_code == 401


def test_body_over_256_kib_is_refused(service: TestClient) -> None:
    body = order_body()
    body["order"]["delivery"]["instructions"] = "x" * (300 * 1024)
    assert post_event(service, body).status_code == 413
