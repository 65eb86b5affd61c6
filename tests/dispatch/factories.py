"""Plain factory functions for the service tests: shops, fleet, signed webhook calls."""

from __future__ import annotations

import json
import time
import uuid
from copy import deepcopy
from typing import Any

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy.engine import Engine
from sqlmodel import Session

from dispatch.orders.signature import sign
from dispatch.tables import Depot, Shop, Van
from tests.dispatch.conftest import WEBHOOK_SECRET

# Real CRAB addresses (2013 register) in the three municipalities.
HOMES = [
    ("Kerkstraat", "45", "9240", "Zele"),
    ("Marktplein", "1", "9220", "Hamme"),
    ("Neerstraat", "10", "9250", "Waasmunster"),
    ("Noordstraat", "10", "9220", "Hamme"),
    ("Bookmolenstraat", "3", "9220", "Hamme"),
    ("Langestraat", "20", "9240", "Zele"),
    ("Kerkstraat", "5", "9220", "Hamme"),
    ("Noordstraat", "11", "9220", "Hamme"),
    ("Neerstraat", "11", "9250", "Waasmunster"),
    ("Langestraat", "21", "9240", "Zele"),
]


def seed_fleet_and_shops(engine: Engine, vans: int = 2) -> None:
    """The Kringwinkel depot, `vans` vans (08:00-19:00, 9 h) and three shops, one with lunch."""
    with Session(engine) as session:
        session.add(
            Depot(id="kringwinkel", name="Kringwinkel Hamme", address="Zwaarveld 57",
                  postcode="9220", municipality="Hamme", lat=51.0734943, lon=4.1335252)
        )  # fmt: skip
        for number in range(1, vans + 1):
            session.add(
                Van(id=f"wagen-{number}", name=f"Bestelwagen {number}", capacity_litres=12000,
                    capacity_grams=1_000_000, start_depot_id="kringwinkel",
                    end_depot_id="kringwinkel", fixed_cost_eur=50)
            )  # fmt: skip
        shops = [
            ("shop-001", "Boekhandel De Dijk", 51.0993, 4.1366, "mon-sat 09:00-18:00"),
            ("shop-002", "Bakkerij Holvoet", 51.0898846, 4.1528964, "tue-sat 07:00-18:00"),
            ("shop-003", "Slagerij Zele", 51.0660, 4.0400,
             "mon-fri 08:00-12:00,13:30-18:00; sat 08:00-16:00"),
        ]  # fmt: skip
        from dispatch.opening_hours import parse_opening_hours

        for shop_id, name, lat, lon, hours in shops:
            session.add(
                Shop(id=shop_id, name=name, street="Marktplein", house_number="1",
                     postcode="9220", municipality="Hamme", lat=lat, lon=lon,
                     opening_hours=parse_opening_hours(hours))
            )  # fmt: skip
        session.commit()


def order_body(
    order_id: str = "HM-2026-004211",
    *,
    shop_id: str = "shop-001",
    day: str = "2026-12-04",
    placed_at: str = "2026-12-03T21:14:05+01:00",
    slot: tuple[str, str] = ("13:00", "15:00"),
    home: tuple[str, str, str, str] = HOMES[0],
    items: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The contract's example body, with the parts a test wants to change."""
    street, number, postcode, municipality = home
    return {
        "order": {
            "id": order_id,
            "placed_at": placed_at,
            "shop": {
                "id": shop_id,
                "name": "Boekhandel De Dijk",
                "street": "Marktplein",
                "house_number": "12",
                "postcode": "9220",
                "municipality": "Hamme",
                "phone": "+32 52 00 00 00",
            },
            "customer": {
                "name": "An Peeters",
                "street": street,
                "house_number": number,
                "box": "B",
                "postcode": postcode,
                "municipality": municipality,
                "phone": "+32 470 00 00 00",
                "email": "an@example.org",
            },
            "delivery": {
                "date": day,
                "slot": {"start": slot[0], "end": slot[1]},
                "instructions": "Bel aan bij de buren als er niemand is",
            },
            "items": deepcopy(items)
            or [
                {
                    "sku": "BK-9789",
                    "description": "Boek",
                    "quantity": 2,
                    "weight_kg": 0.6,
                    "volume_l": 1.5,
                }
            ],
        }
    }


def post_event(
    client: TestClient,
    body: dict[str, Any] | bytes,
    *,
    event: str = "order.created",
    event_id: str | None = None,
    secret: str = WEBHOOK_SECRET,
    signed_at: int | None = None,
) -> Response:
    """POST to the webhook exactly as the platform does: raw bytes, HMAC over ts.body."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    timestamp = str(signed_at if signed_at is not None else int(time.time()))
    return client.post(
        "/webhooks/orders",
        content=raw,
        headers={
            "content-type": "application/json",
            "X-Platform-Event-Id": event_id or str(uuid.uuid4()),
            "X-Platform-Event": event,
            "X-Platform-Timestamp": timestamp,
            "X-Platform-Signature": sign(secret, timestamp, raw),
        },
    )


def add_furniture_jobs(client: Any, day: str) -> None:
    """A morning collection (KW-1, Waasmunster) and a sale delivery (KW-2, Hamme), via the API."""
    for ref, kind, home in (("KW-1", "collection", HOMES[2]), ("KW-2", "sale_delivery", HOMES[3])):
        response = client.post(
            "/api/furniture-jobs",
            json={"reference": ref, "kind": kind, "job_date": day, "customer_name": "Jan Maes",
                  "street": home[0], "house_number": home[1], "postcode": home[2],
                  "municipality": home[3], "window_start": "09:00", "window_end": "12:00",
                  "volume_litres": 900, "weight_kg": 60, "service_minutes": 20},
        )  # fmt: skip
        assert response.status_code == 201, response.text


def platform_get(client: TestClient, path: str) -> Response:
    from tests.dispatch.conftest import PLATFORM_TOKEN

    return client.get(path, headers={"Authorization": f"Bearer {PLATFORM_TOKEN}"})
