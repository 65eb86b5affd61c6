"""Slot availability from the fleet's room, and the inbox that never loses an order."""

from __future__ import annotations

from fastapi.testclient import TestClient

from dispatch.area_services import AreaServices
from tests.dispatch.factories import HOMES, order_body, platform_get, post_event

FUTURE_DAY = "2030-06-07"  # a Friday, so ordering for it is open whatever today is
PLACED = "2030-06-06T18:00:00+02:00"


def _slot(client: TestClient, start: str) -> dict:
    slots = platform_get(client, f"/api/slots?date={FUTURE_DAY}").json()["slots"]
    return next(s for s in slots if s["start"] == start)


def test_slots_offer_the_three_configured_windows(service: TestClient) -> None:
    response = platform_get(service, f"/api/slots?date={FUTURE_DAY}")
    assert response.status_code == 200
    slots = response.json()["slots"]
    assert [(s["start"], s["end"]) for s in slots] == [
        ("13:00", "15:00"), ("15:00", "17:00"), ("17:00", "19:00")
    ]  # fmt: skip
    assert all(s["available"] for s in slots)


def test_a_slot_fills_up_from_the_fleets_time_and_late_orders_are_told(
    service: TestClient,
) -> None:
    room = _slot(service, "13:00")["remaining_orders"]
    assert 5 <= room <= 40  # two vans, two hours: a handful of deliveries each, not hundreds
    for n in range(room):
        body = order_body(f"HM-S{n:03d}", day=FUTURE_DAY, placed_at=PLACED,
                          home=HOMES[n % len(HOMES)])  # fmt: skip
        assert post_event(service, body).status_code == 200
    full = _slot(service, "13:00")
    assert full["available"] is False and full["remaining_orders"] == 0
    assert full["reason"] == "the vans are full in this slot"
    assert _slot(service, "15:00")["available"] is True  # other slots keep their room
    late = post_event(service, order_body("HM-S999", day=FUTURE_DAY, placed_at=PLACED))
    assert late.status_code == 200  # accepted, never lost ...
    assert "already full" in late.json()["message"]  # ... and the platform is told


def test_slots_close_at_midnight_before_the_day(service: TestClient) -> None:
    slots = platform_get(service, "/api/slots?date=2020-06-05").json()["slots"]
    assert not any(s["available"] for s in slots)
    assert slots[0]["reason"] == "ordering for this date closed at midnight before it"


def test_slots_need_the_platform_token(service: TestClient) -> None:
    assert service.get(f"/api/slots?date={FUTURE_DAY}").status_code == 401


class _BrokenGeocoderArea(AreaServices):
    """The address index cannot be read (e.g. a half-copied data folder)."""

    @property
    def geocoder(self):  # type: ignore[override]
        raise OSError("address index unreadable")


def test_an_event_whose_processing_fails_is_kept_and_can_be_retried(
    logged_in_service: TestClient, real_area: AreaServices
) -> None:
    app = logged_in_service.app
    app.state.area = _BrokenGeocoderArea(real_area.data_dir)  # type: ignore[attr-defined]
    failed = post_event(logged_in_service, order_body(), event_id="evt-broken")
    assert failed.status_code == 500  # the platform will retry
    assert "stored" in failed.json()["message"]
    inbox = logged_in_service.get("/api/inbox?status=failed").json()
    assert [e["id"] for e in inbox] == ["evt-broken"]
    assert "address index unreadable" in inbox[0]["error"]
    app.state.area = real_area  # type: ignore[attr-defined]  # the operator fixed the data
    retried = logged_in_service.post("/api/inbox/evt-broken/retry")
    assert retried.json()["status_code"] == 200
    assert logged_in_service.get("/api/orders/HM-2026-004211").json()["status"] == "received"
    # the platform's own retry of the same event now gets the stored success
    again = post_event(logged_in_service, order_body(), event_id="evt-broken")
    assert again.status_code == 200 and again.json()["order_id"] == "HM-2026-004211"
