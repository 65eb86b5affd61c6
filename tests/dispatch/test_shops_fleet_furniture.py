"""Shops, vans and furniture jobs managed through the API and loaded from CSV."""

from __future__ import annotations

from fastapi.testclient import TestClient

SHOPS_CSV = """id,name,street,house_number,postcode,municipality,opening_hours
shop-101,Bloemen Anja,Marktplein,2,9220,Hamme,"di-za 09:00-12:00,13:30-18:00"
shop-102,Fietsen Zele,Langestraat,20,9240,Zele,mon-sat 09:00-18:00
"""


def test_shops_load_from_csv_with_their_lunch_closure_and_a_place(
    logged_in_service: TestClient,
) -> None:
    response = logged_in_service.post(
        "/api/shops/import", files={"file": ("shops.csv", SHOPS_CSV, "text/csv")}
    )
    assert response.status_code == 200, response.text
    anja = next(s for s in response.json() if s["id"] == "shop-101")
    assert anja["opening_hours"]["tue"] == [["09:00", "12:00"], ["13:30", "18:00"]]
    assert "mon" not in anja["opening_hours"]
    assert abs(anja["lat"] - 51.0978418) < 0.001  # Marktplein 2, Hamme in the register


def test_a_bad_csv_line_is_named_and_nothing_is_stored(logged_in_service: TestClient) -> None:
    bad = SHOPS_CSV + "shop-103,Kapot,Dorp,1,9250,Waasmunster,ma 18:00-09:00\n"
    response = logged_in_service.post(
        "/api/shops/import", files={"file": ("shops.csv", bad, "text/csv")}
    )
    assert response.status_code == 422
    assert "line 4" in response.json()["message"]
    ids = {s["id"] for s in logged_in_service.get("/api/shops").json()}
    assert "shop-101" not in ids


def test_a_van_with_its_shift_ending_before_it_starts_is_refused(
    logged_in_service: TestClient,
) -> None:
    van = {"name": "Wagen 9", "capacity_litres": 12000, "capacity_grams": 1000000,
           "start_depot_id": "kringwinkel", "end_depot_id": "kringwinkel",
           "shift_start": "19:00", "shift_end": "08:00"}  # fmt: skip
    response = logged_in_service.put("/api/vans/wagen-9", json=van)
    assert response.status_code == 422
    assert "shift must end after it starts" in response.json()["message"]
    van["shift_start"], van["shift_end"] = "08:00", "19:00"
    assert logged_in_service.put("/api/vans/wagen-9", json=van).status_code == 200
    assert "wagen-9" in {v["id"] for v in logged_in_service.get("/api/vans").json()}


def test_furniture_job_window_shorter_than_the_job_is_refused(
    logged_in_service: TestClient,
) -> None:
    job = {"reference": "KW-9", "kind": "collection", "job_date": "2026-12-04",
           "customer_name": "Jan", "street": "Kerkstraat", "house_number": "45",
           "postcode": "9240", "municipality": "Zele", "window_start": "10:00",
           "window_end": "10:10", "volume_litres": 500, "weight_kg": 40,
           "service_minutes": 20}  # fmt: skip
    response = logged_in_service.post("/api/furniture-jobs", json=job)
    assert response.status_code == 422
    assert "window is shorter than the job" in response.json()["message"]


def test_management_api_needs_the_dispatcher(service: TestClient) -> None:
    assert service.get("/api/shops").status_code == 401
    assert service.get("/api/vans").status_code == 401
    assert service.post("/api/plans", json={"date": "2026-12-04"}).status_code == 401


def test_a_furniture_job_at_an_unknown_address_waits_for_a_pin(
    logged_in_service: TestClient,
) -> None:
    job = {"reference": "KW-7", "kind": "collection", "job_date": "2026-12-04",
           "customer_name": "Jan", "street": "Onbestaandestraat", "house_number": "3",
           "postcode": "9240", "municipality": "Zele", "volume_litres": 500,
           "weight_kg": 40}  # fmt: skip
    created = logged_in_service.post("/api/furniture-jobs", json=job)
    assert created.status_code == 201
    assert created.json()["status"] == "needs_review"
    outside = logged_in_service.post(
        "/api/furniture-jobs/KW-7/location", json={"lat": 51.1, "lon": 3.99}
    )  # Lokeren
    assert outside.status_code == 422 and "Lokeren" in outside.json()["message"]
    placed = logged_in_service.post(
        "/api/furniture-jobs/KW-7/location", json={"lat": 51.0655, "lon": 4.0348}
    )
    assert placed.status_code == 200
    assert placed.json()["status"] == "received" and placed.json()["lat"] == 51.0655
